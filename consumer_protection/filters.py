"""One FilterSet per list, shared by the officers' pages and the API.

Every filter and ordering offered here is backed by an index (models.py Meta.indexes and the
trigram indexes of migration 0002), so a filtered page costs the same at a million cases.
"""

from __future__ import annotations

import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consumer_protection.choices import Channel, MediationStatus, Stage
from consumer_protection.models import Complaint, Consultation, MediationCase, category_choices
from kaohsiung_admin.core.filters import (
    DateFilter,
    DateTimeRangeMixin,
    IdFilter,
    StableOrderingFilter,
    YearFilter,
    YesNoAllFilter,
)
from kaohsiung_admin.core.personal_data import user_may_unmask


def may_search_by_national_id(request) -> bool:
    """Looking a person up by national ID is a use of personal data, and an ID in an address
    lands in access logs and browser history. A token decides by its personal-data grant; an
    officer's API session needs a reason (`X-Unmask-Reason`); on the pages the ID comes through
    the POST search form (views.complaint_id_search), never through `?q=`."""
    if request is None:
        return False
    if getattr(request, "cp_id_search", False):
        return True
    token = getattr(request, "auth", None)
    if token is not None and hasattr(token, "personal_data"):
        return bool(token.personal_data)
    if hasattr(request, "query_params"):  # a DRF request: a signed-in session on the API
        reason = request.META.get("HTTP_X_UNMASK_REASON") or request.query_params.get("unmask_reason")
        return bool((reason or "").strip()) and user_may_unmask(request.user, Complaint.unmask_permission)
    return False


_CASE_NUMBER_RE = re.compile(r"^\d{2,3}消[申調]字第?\d+號?$")
_NATIONAL_ID_RE = re.compile(r"^[A-Za-z][12890]\d{8}$")
_TAX_ID_RE = re.compile(r"^\d{8}$")


class DueFilterMixin:
    """`due=soon|overdue` (pages) and `overdue=true` (API): the queryset's DueQuerySet rule."""

    def filter_due(self, qs, name, value):
        return qs.by_due_state(value) if value else qs

    def filter_overdue(self, qs, name, value):
        if value is None:
            return qs
        return qs.overdue() if value else qs.not_overdue()


DUE_CHOICES = [("soon", _("即將到期")), ("overdue", _("已逾期"))]


class ComplaintFilterSet(DueFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        min_length=2,
        max_length=60,
        label=_("搜尋"),
        help_text=_("案號、申訴人姓名、業者名稱或統一編號（至少2字）"),
    )
    stage = django_filters.ChoiceFilter(empty_label=_("全部"), choices=Stage.choices, label=_("階段"))
    category = django_filters.ChoiceFilter(empty_label=_("全部"), choices=category_choices, label=_("消費類別"))
    due = django_filters.ChoiceFilter(empty_label=_("全部"), choices=DUE_CHOICES, method="filter_due", label=_("期限"))
    overdue = YesNoAllFilter(method="filter_overdue", label=_("已逾期"))
    mine = YesNoAllFilter(method="filter_mine", label=_("我的案件"))
    officer = IdFilter(field_name="officer_id", label=_("承辦人"))
    trader = IdFilter(field_name="trader_id", label=_("業者"))
    filed_after = DateFilter(field_name="first_filed_on", lookup_expr="gte", label=_("申訴日期起"))
    filed_before = DateFilter(field_name="first_filed_on", lookup_expr="lte", label=_("申訴日期迄"))
    year = YearFilter(field_name="first_filed_on", label=_("申訴年度（西元）"))
    second_year = YearFilter(field_name="second_filed_on", label=_("第二次申訴年度（西元）"))
    received_by_bureau = YesNoAllFilter(method="filter_bureau", label=_("本府受理之第一次申訴"))
    ordering = StableOrderingFilter(
        empty_label=_("預設"),
        fields=(("first_filed_on", "first_filed_on"), ("due_on", "due_on"), ("case_number", "case_number")),
        field_labels={"first_filed_on": _("申訴日期"), "due_on": _("期限"), "case_number": _("案號")},
        label=_("排序"),
    )

    class Meta:
        model = Complaint
        fields = ["stage", "category"]

    def filter_q(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        if _CASE_NUMBER_RE.match(value):
            return qs.filter(case_number=value if value.endswith("號") else f"{value}號")
        if _NATIONAL_ID_RE.match(value):
            # Looking a person up by national ID is itself a use of personal data: only for
            # those who may see it.
            if may_search_by_national_id(self.request):
                return qs.filter(complainant_national_id=value.upper())
            return qs.none()
        if _TAX_ID_RE.match(value):
            return qs.filter(business_tax_id=value)
        if len(value) < 3:
            # Two characters make no trigram: match the start of the name (a surname and a
            # given name, a brand), which the prefix indexes serve.
            return qs.filter(Q(complainant_name__istartswith=value) | Q(business_name__istartswith=value))
        return qs.filter(Q(complainant_name__icontains=value) | Q(business_name__icontains=value))

    def filter_mine(self, qs, name, value):
        user = getattr(self.request, "user", None)
        if value and user is not None and user.is_authenticated:
            return qs.open().filter(officer=user)
        return qs

    def filter_bureau(self, qs, name, value):
        if value is None:
            return qs
        from consumer_protection.choices import FirstRecipient

        if value:
            return qs.filter(first_received_by=FirstRecipient.BUREAU)
        return qs.exclude(first_received_by=FirstRecipient.BUREAU)


class ConsultationFilterSet(DateTimeRangeMixin, django_filters.FilterSet):
    time_field = "received_at"
    category = django_filters.ChoiceFilter(empty_label=_("全部"), choices=category_choices, label=_("類別"))
    channel = django_filters.ChoiceFilter(empty_label=_("全部"), choices=Channel.choices, label=_("管道"))
    received_after = DateFilter(method="filter_date_from", label=_("受理日期起"))
    received_before = DateFilter(method="filter_date_to", label=_("受理日期迄"))
    year = YearFilter(field_name="received_at", label=_("年度（西元）"))
    ordering = StableOrderingFilter(
        empty_label=_("預設"),
        fields=(("received_at", "received_at"),),
        field_labels={"received_at": _("受理時間")},
        label=_("排序"),
    )

    class Meta:
        model = Consultation
        fields = ["category", "channel"]


class MediationFilterSet(DueFilterMixin, django_filters.FilterSet):
    status = django_filters.ChoiceFilter(empty_label=_("全部"), choices=MediationStatus.choices, label=_("狀態"))
    category = django_filters.ChoiceFilter(
        empty_label=_("全部"), field_name="complaint__category", choices=category_choices, label=_("消費類別")
    )
    applied_after = DateFilter(field_name="applied_on", lookup_expr="gte", label=_("申請日期起"))
    applied_before = DateFilter(field_name="applied_on", lookup_expr="lte", label=_("申請日期迄"))
    year = YearFilter(field_name="applied_on", label=_("申請年度（西元）"))
    result_year = YearFilter(field_name="result_on", label=_("結果年度（西元）"))
    meeting = IdFilter(field_name="meeting_id", label=_("調解會議"))
    due = django_filters.ChoiceFilter(empty_label=_("全部"), choices=DUE_CHOICES, method="filter_due", label=_("期限"))
    overdue = YesNoAllFilter(method="filter_overdue", label=_("已逾期"))
    ordering = StableOrderingFilter(
        empty_label=_("預設"),
        fields=(("applied_on", "applied_on"), ("due_on", "due_on"), ("case_number", "case_number")),
        field_labels={"applied_on": _("申請日期"), "due_on": _("期限"), "case_number": _("調解案號")},
        label=_("排序"),
    )

    class Meta:
        model = MediationCase
        fields = ["status"]
