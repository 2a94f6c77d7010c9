"""Global search (core.search): complaints by case number, name, business or phone; mediation
cases by number; consultations by name, business or phone. Rows as the models' restrict() allows;
personal data masked unless the user may unmask it."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from consumer_protection.models import Complaint, Consultation, MediationCase
from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.personal_data import mask_name, mask_phone, user_may_unmask
from kaohsiung_admin.core.search import SearchHit, group_of, phone_digits_expr, text_q


def _name(user, record, name):
    return name if user_may_unmask(user, type(record).unmask_permission) else mask_name(name)


def _phone(user, record, phone):
    return phone if user_may_unmask(user, type(record).unmask_permission) else mask_phone(phone)


def _day_url(list_url, moment):
    from django.utils import timezone

    day = timezone.localdate(moment).isoformat()
    return f"{list_url}?received_after={day}&received_before={day}"


def search(user, query):
    groups = []
    condition = text_q(query, "case_number", "complainant_name", "business_name")
    complaints = Complaint.objects.restrict(user)
    if query.phone_digits:
        complaints = complaints.annotate(_phone_digits=phone_digits_expr("complainant_phone"))
        condition |= Q(_phone_digits__contains=query.phone_digits)
    groups.append(
        group_of(
            _("申訴案件"),
            complaints.filter(condition).select_related(None).order_by("-first_filed_on", "-id"),
            lambda c: SearchHit(
                title=f"{c.case_number} {c.business_name}",
                url=c.get_absolute_url(),
                detail=" · ".join(
                    part
                    for part in (
                        _name(user, c, c.complainant_name),
                        _phone(user, c, c.complainant_phone),
                        display_date(c.first_filed_on, long=False),
                    )
                    if part
                ),
            ),
            list_url=reverse("consumer_protection:complaint-list"),
        )
    )
    mediations = MediationCase.objects.restrict(user).filter(case_number__icontains=query.text)
    groups.append(
        group_of(
            _("調解案件"),
            mediations.order_by("-applied_on", "-id"),
            lambda m: SearchHit(
                title=m.case_number, url=m.get_absolute_url(), detail=display_date(m.applied_on, long=False)
            ),
            list_url=reverse("consumer_protection:mediation-list"),
        )
    )
    consultations = Consultation.objects.restrict(user)
    condition = text_q(query, "consumer_name", "business_name")
    if query.phone_digits:
        consultations = consultations.annotate(_phone_digits=phone_digits_expr("consumer_phone"))
        condition |= Q(_phone_digits__contains=query.phone_digits)
    list_url = reverse("consumer_protection:consultation-list")
    groups.append(
        group_of(
            _("消費諮詢"),
            consultations.filter(condition).order_by("-received_at", "-id"),
            lambda c: SearchHit(
                title=f"{_('諮詢')} #{c.pk} {c.business_name}".strip(),
                url=_day_url(list_url, c.received_at),
                detail=" · ".join(
                    part
                    for part in (
                        _name(user, c, c.consumer_name),
                        _phone(user, c, c.consumer_phone),
                        display_date(c.received_at, long=False),
                    )
                    if part
                ),
            ),
            list_url=list_url,
        )
    )
    return groups
