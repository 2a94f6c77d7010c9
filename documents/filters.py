"""One FilterSet per list, shared by the clerks' pages and the API.

Every filter and ordering here is backed by an index of models.py (the due lists by partial
indexes over the open, running clocks; subject search by the trigram index of migration 0002 on
PostgreSQL), so a filtered page costs the same at a million documents.
"""

from __future__ import annotations

import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.choices import Direction, Nature, PetitionChannel, PetitionKind, PetitionStatus, Security, Status
from documents.models import OfficialDocument, Petition
from kaohsiung_admin.core.deadlines import DueState
from kaohsiung_admin.core.filters import DateFilter, IdFilter, StableOrderingFilter, YesNoAllFilter
from kaohsiung_admin.core.filters import YearFilter as CoreYearFilter

_NUMBER_RE = re.compile(r"^[\w字第號-]{6,40}$")


class YearFilter(CoreYearFilter):
    """core's YearFilter that also takes a ROC year (`?year=111`), as the clerks write it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value not in (None, "") and int(value) < 1912:
            value = int(value) + 1911
        return super().filter(qs, value)


DUE_CHOICES = [
    (DueState.OVERDUE.value, DueState.OVERDUE.label),
    (DueState.DUE_SOON.value, DueState.DUE_SOON.label),
    (DueState.ON_TIME.value, DueState.ON_TIME.label),
]


class DueFilterMixin:
    """`due=overdue|due_soon|on_time` and `overdue=true|false`: the one rule of core.deadlines
    (the model's DueQuerySet), never written here again."""

    def filter_due(self, qs, name, value):
        return qs.by_due_state(value) if value else qs

    def filter_overdue(self, qs, name, value):
        if value is None:
            return qs
        return qs.overdue() if value else qs.not_overdue()


class DocumentFilterSet(DueFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", min_length=2, max_length=80, label=_("搜尋"), help_text=_("文號、來文字號或主旨（至少2字）")
    )
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("收發別"))
    nature = django_filters.MultipleChoiceFilter(choices=Nature.choices, label=_("公文性質"))
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("狀態"))
    security = django_filters.ChoiceFilter(choices=Security.choices, label=_("密等"))
    unit = IdFilter(field_name="unit_id", label=_("承辦單位"))
    officer = IdFilter(field_name="officer_id", label=_("承辦人"))
    received_after = DateFilter(field_name="received_on", lookup_expr="gte", label=_("收文日期起"))
    received_before = DateFilter(field_name="received_on", lookup_expr="lte", label=_("收文日期迄"))
    due_after = DateFilter(field_name="due_on", lookup_expr="gte", label=_("限辦日期起"))
    due_before = DateFilter(field_name="due_on", lookup_expr="lte", label=_("限辦日期迄"))
    year = YearFilter(field_name="received_on", label=_("收文年度"))
    dispatched_year = YearFilter(field_name="dispatched_on", label=_("發文年度"))
    closed_year = YearFilter(field_name="closed_on", label=_("辦結年度"))
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_due", label=_("期限"))
    overdue = YesNoAllFilter(method="filter_overdue", label=_("已逾期"))
    e_signed = YesNoAllFilter(field_name="e_signed", label=_("電子簽核"))
    sent_via_exchange = YesNoAllFilter(field_name="sent_via_exchange", label=_("電子交換發文"))
    ordering = StableOrderingFilter(
        fields=(("received_on", "received_on"), ("due_on", "due_on"), ("number", "number")),
        field_labels={"received_on": _("收文日期"), "due_on": _("限辦日期"), "number": _("文號")},
        label=_("排序"),
    )

    class Meta:
        model = OfficialDocument
        fields: list[str] = []

    def filter_q(self, qs, name, value):
        value = value.strip()
        if _NUMBER_RE.match(value) and any(c.isdigit() for c in value):
            return qs.filter(
                Q(number=value) | Q(issued_number=value) | Q(sender_reference=value) | Q(subject__icontains=value)
            )
        return qs.filter(subject__icontains=value)


class PetitionFilterSet(DueFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", min_length=2, max_length=80, label=_("搜尋"), help_text=_("案號或案由")
    )
    kind = django_filters.ChoiceFilter(choices=PetitionKind.choices, label=_("類別"))
    channel = django_filters.ChoiceFilter(choices=PetitionChannel.choices, label=_("受理管道"))
    status = django_filters.MultipleChoiceFilter(choices=PetitionStatus.choices, label=_("狀態"))
    visit = IdFilter(field_name="visit_id", label=_("監察院巡察"))
    officer = IdFilter(field_name="officer_id", label=_("管制人員"))
    received_after = DateFilter(field_name="received_on", lookup_expr="gte", label=_("收件日期起"))
    received_before = DateFilter(field_name="received_on", lookup_expr="lte", label=_("收件日期迄"))
    due_after = DateFilter(field_name="due_on", lookup_expr="gte", label=_("期限起"))
    due_before = DateFilter(field_name="due_on", lookup_expr="lte", label=_("期限迄"))
    year = YearFilter(field_name="received_on", label=_("收件年度"))
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method="filter_due", label=_("期限"))
    overdue = YesNoAllFilter(method="filter_overdue", label=_("已逾期"))
    ordering = StableOrderingFilter(
        fields=(("received_on", "received_on"), ("due_on", "due_on"), ("number", "number")),
        field_labels={"received_on": _("收件日期"), "due_on": _("期限"), "number": _("案號")},
        label=_("排序"),
    )

    class Meta:
        model = Petition
        fields: list[str] = []

    def filter_q(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number=value) | Q(subject__icontains=value))
