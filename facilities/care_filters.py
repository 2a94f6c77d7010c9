"""FilterSets of building care, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from facilities.choices import Center, InspectionKind, InspectionResult, MaintenanceCategory, MaintenanceUrgency
from facilities.models import InspectionObligation, InspectionRecord, MaintenanceRequest
from kaohsiung_admin.core.deadlines import DueState
from kaohsiung_admin.core.filters import DateFilter, StableOrderingFilter

DUE_CHOICES = [
    (DueState.OVERDUE.value, DueState.OVERDUE.label),
    (DueState.DUE_SOON.value, DueState.DUE_SOON.label),
    ("within", _("已逾期或即將到期")),
    (DueState.ON_TIME.value, DueState.ON_TIME.label),
]


def _by_due(queryset, name, value):
    if value == "within":
        return queryset.due_within()
    return queryset.by_due_state(value)


class MaintenanceDueFilterSet(django_filters.FilterSet):
    """The overdue / due-soon list of repairs (only open ones: the clock runs)."""

    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method=_by_due, label=_("期限"))
    center = django_filters.ChoiceFilter(choices=Center.choices, label=_("行政中心"))
    category = django_filters.ChoiceFilter(choices=MaintenanceCategory.choices, label=_("類別"))
    urgency = django_filters.ChoiceFilter(choices=MaintenanceUrgency.choices, label=_("緊急程度"))
    ordering = StableOrderingFilter(
        fields=["due_on", "received_at", "category", "urgency", "status"],
        field_labels={
            "due_on": _("期限"),
            "received_at": _("受理時間"),
            "category": _("類別"),
            "urgency": _("緊急程度"),
            "status": _("狀態"),
        },
        label=_("排序"),
    )

    class Meta:
        model = MaintenanceRequest
        fields = ["due", "center", "category", "urgency"]


class ObligationFilterSet(django_filters.FilterSet):
    due = django_filters.ChoiceFilter(choices=DUE_CHOICES, method=_by_due, label=_("期限"))
    center = django_filters.ChoiceFilter(choices=Center.choices, label=_("行政中心"))
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label=_("項目"))
    due_from = DateFilter(field_name="next_due_on", lookup_expr="gte", label=_("到期日起"))
    due_to = DateFilter(field_name="next_due_on", lookup_expr="lte", label=_("到期日迄"))
    ordering = StableOrderingFilter(
        fields=["next_due_on", "center", "kind", "last_done_on"],
        field_labels={
            "next_due_on": _("下次到期日"),
            "center": _("行政中心"),
            "kind": _("項目"),
            "last_done_on": _("上次辦理日"),
        },
        label=_("排序"),
    )

    class Meta:
        model = InspectionObligation
        fields = ["due", "center", "kind", "due_from", "due_to"]


class InspectionRecordFilterSet(django_filters.FilterSet):
    center = django_filters.ChoiceFilter(field_name="obligation__center", choices=Center.choices, label=_("行政中心"))
    kind = django_filters.ChoiceFilter(field_name="obligation__kind", choices=InspectionKind.choices, label=_("項目"))
    result = django_filters.ChoiceFilter(choices=InspectionResult.choices, label=_("結果"))
    date_from = DateFilter(field_name="inspected_on", lookup_expr="gte", label=_("起日"))
    date_to = DateFilter(field_name="inspected_on", lookup_expr="lte", label=_("迄日"))
    ordering = StableOrderingFilter(
        fields=["inspected_on", "result"],
        field_labels={"inspected_on": _("辦理日期"), "result": _("結果")},
        label=_("排序"),
    )

    class Meta:
        model = InspectionRecord
        fields = ["center", "kind", "result", "date_from", "date_to"]
