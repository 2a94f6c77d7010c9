"""Global search (core.search): bookings by title, organiser or contact phone; vehicles by plate;
parking permits by number, plate or holder. Rows as the models' restrict() allows."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from facilities.models import Booking, ParkingPermit, Vehicle
from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.personal_data import mask_phone
from kaohsiung_admin.core.search import SearchHit, group_of, phone_digits_expr, text_q


def _plate_q(query, field):
    # plates are typed with or without the dash: ABC-1234 / abc1234
    compact = query.text.replace("-", "").replace(" ", "")
    condition = Q(**{f"{field}__icontains": query.text})
    if compact and compact != query.text:
        condition |= Q(**{f"{field}__icontains": compact})
    return condition


def search(user, query):
    groups = []
    bookings = Booking.objects.restrict(user)
    condition = text_q(query, "title", "organiser")
    if query.phone_digits:
        bookings = bookings.annotate(_phone_digits=phone_digits_expr("contact_phone"))
        condition |= Q(_phone_digits__contains=query.phone_digits)
    groups.append(
        group_of(
            _("預約"),
            bookings.filter(condition).select_related("resource").order_by("-start", "-id"),
            lambda b: SearchHit(
                title=f"{b.title} · {b.resource.name}",
                url=b.get_absolute_url(),
                detail=" · ".join(
                    part
                    for part in (b.get_status_display(), display_date(b.start, long=False), mask_phone(b.contact_phone))
                    if part
                ),
            ),
            list_url=reverse("facilities:booking-list"),
        )
    )
    groups.append(
        group_of(
            _("車輛"),
            Vehicle.objects.restrict(user)
            .filter(_plate_q(query, "plate"))
            .select_related("resource")
            .order_by("plate"),
            lambda v: SearchHit(title=f"{v.plate} {v.model_name}".strip(), url=v.get_absolute_url()),
            list_url=reverse("facilities:vehicle-list"),
        )
    )
    permits = ParkingPermit.objects.restrict(user).filter(
        Q(number__icontains=query.text) | Q(holder__icontains=query.text) | _plate_q(query, "plate")
    )
    list_url = reverse("facilities:permit-list")
    groups.append(
        group_of(
            _("臨時停車證"),
            permits.order_by("-issued_on", "-id"),
            lambda p: SearchHit(
                title=f"{p.number} {p.plate}",
                url=list_url,
                detail=f"{p.holder} · {display_date(p.valid_on, long=False)}",
            ),
            list_url=list_url,
        )
    )
    return groups
