"""One FilterSet per list, shared by the pages and the API. Each filter is backed by an index
(models.py Meta.indexes or db_index) so that the lists stay fast on a large register."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dormitories import rules
from dormitories.choices import (
    ApplicationStatus,
    AssetEventKind,
    AssetKind,
    AssetStatus,
    CheckRoundStatus,
    DormitoryKind,
    DormitoryStatus,
    OccupancyStatus,
    Purpose,
    RepairKind,
    RepairStatus,
    StocktakingStatus,
)
from dormitories.models import (
    Asset,
    AssetCategory,
    AssetLocation,
    CheckRound,
    Dormitory,
    Lending,
    Occupancy,
    OccupancyApplication,
    Repair,
    StocktakingRound,
)
from kaohsiung_admin.core.deadlines import DueState
from kaohsiung_admin.core.decisions import RequestStatus
from kaohsiung_admin.core.filters import DateFilter, IdFilter, StableOrderingFilter, YesNoAllFilter


class YearFilter(django_filters.NumberFilter):
    """A Gregorian year (2022) or a ROC year (111)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("年度"))
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2200)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        year = int(value)
        if year < 1912:
            year += 1911
        return super().filter(qs, year)


class DormitoryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("關鍵字"))
    kind = django_filters.ChoiceFilter(choices=DormitoryKind.choices, label=_("類別"))
    status = django_filters.ChoiceFilter(choices=DormitoryStatus.choices, label=_("狀態"))
    district = django_filters.CharFilter(label=_("行政區"))
    lendable = YesNoAllFilter(field_name="is_lendable", label=_("可出借"))
    on_register_in = YearFilter(method="on_register", label=_("年底在帳（年度）"))
    ordering = StableOrderingFilter(
        fields=(("code", "code"), ("kind", "kind"), ("district", "district"), ("status", "status")),
        field_labels={"code": _("編號"), "kind": _("類別"), "district": _("行政區"), "status": _("狀態")},
        label=_("排序"),
    )

    class Meta:
        model = Dormitory
        fields = ["kind", "status", "district"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(address__icontains=value))

    def on_register(self, queryset, name, value):
        import datetime

        year = int(value)
        end = datetime.date(year + 1911 if year < 1912 else year, 12, 31)
        return queryset.filter(registered_on__lte=end).filter(Q(retired_on__isnull=True) | Q(retired_on__gt=end))


class OccupancyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("關鍵字"))
    dormitory = IdFilter(field_name="dormitory_id", label=_("宿舍"))
    kind = django_filters.ChoiceFilter(field_name="dormitory__kind", choices=DormitoryKind.choices, label=_("宿舍類別"))
    status = django_filters.ChoiceFilter(choices=OccupancyStatus.choices, label=_("狀態"))
    due = django_filters.ChoiceFilter(
        method="by_due",
        choices=[(DueState.OVERDUE, _("已逾遷出期限")), (DueState.DUE_SOON, _("即將屆遷出期限"))],
        label=_("遷出期限"),
    )
    started_after = DateFilter(field_name="start_on", lookup_expr="gte", label=_("借住起日起"))
    started_before = DateFilter(field_name="start_on", lookup_expr="lte", label=_("借住起日迄"))
    ordering = StableOrderingFilter(
        fields=(("start_on", "start_on"), ("move_out_due_on", "move_out_due_on")),
        field_labels={"start_on": _("借住起日"), "move_out_due_on": _("應遷出日")},
        label=_("排序"),
    )

    class Meta:
        model = Occupancy
        fields = ["status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(occupant_name__icontains=value)
            | Q(dormitory__code__icontains=value)
            | Q(dormitory__name__icontains=value)
        )

    def by_due(self, queryset, name, value: str):
        if value == DueState.DUE_SOON:
            return queryset.due_soon(soon=rules.MOVE_OUT_SOON)
        return queryset.by_due_state(value)


class ApplicationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=DormitoryKind.choices, label=_("申請類別"))
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("狀態"))

    ordering = StableOrderingFilter(
        fields=(("filed_at", "filed_at"),), field_labels={"filed_at": _("申請時間")}, label=_("排序")
    )

    class Meta:
        model = OccupancyApplication
        fields = ["kind", "status"]


class CheckRoundFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    status = django_filters.ChoiceFilter(choices=CheckRoundStatus.choices, label=_("狀態"))

    ordering = StableOrderingFilter(
        fields=(("year", "year"), ("opened_on", "opened_on")),
        field_labels={"year": _("年度"), "opened_on": _("開始日")},
        label=_("排序"),
    )

    class Meta:
        model = CheckRound
        fields = ["year", "status"]


class RepairFilterSet(django_filters.FilterSet):
    dormitory = IdFilter(field_name="dormitory_id", label=_("宿舍"))
    kind = django_filters.ChoiceFilter(choices=RepairKind.choices, label=_("類別"))
    status = django_filters.ChoiceFilter(choices=RepairStatus.choices, label=_("狀態"))
    reported_after = DateFilter(field_name="reported_on", lookup_expr="gte", label=_("通報日起"))
    reported_before = DateFilter(field_name="reported_on", lookup_expr="lte", label=_("通報日迄"))

    ordering = StableOrderingFilter(
        fields=(("reported_on", "reported_on"), ("cost", "cost")),
        field_labels={"reported_on": _("通報日"), "cost": _("費用")},
        label=_("排序"),
    )

    class Meta:
        model = Repair
        fields = ["kind", "status"]


class LendingFilterSet(django_filters.FilterSet):
    dormitory = IdFilter(field_name="dormitory_id", label=_("場所"))
    mayor_residence = YesNoAllFilter(field_name="dormitory__is_mayor_residence", label=_("市長官邸"))
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("狀態"))
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, label=_("用途"))
    year = YearFilter(field_name="start_at__year")
    starts_after = DateFilter(field_name="start_at__date", lookup_expr="gte", label=_("借用日起"))
    starts_before = DateFilter(field_name="start_at__date", lookup_expr="lte", label=_("借用日迄"))
    ordering = StableOrderingFilter(
        fields=(("start_at", "start_at"),), field_labels={"start_at": _("借用時間")}, label=_("排序")
    )

    class Meta:
        model = Lending
        fields = ["status", "purpose"]


class AssetFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("關鍵字"))
    category = django_filters.ModelChoiceFilter(
        queryset=AssetCategory.objects.order_by("code"), to_field_name="code", label=_("分類")
    )
    group = django_filters.ChoiceFilter(
        method="by_group",
        choices=[
            ("1", _("1 土地")),
            ("2", _("2 土地改良物")),
            ("3", _("3 房屋建築及設備")),
            ("4", _("4 機械及設備")),
            ("5", _("5 交通及運輸設備")),
            ("6", _("6 雜項設備")),
        ],
        label=_("類"),
    )
    kind = django_filters.ChoiceFilter(choices=AssetKind.choices, label=_("財產／物品"))
    status = django_filters.ChoiceFilter(choices=AssetStatus.choices, label=_("狀態"))
    location = django_filters.ModelChoiceFilter(
        queryset=AssetLocation.objects.order_by("code"), to_field_name="code", label=_("存置地點")
    )
    acquired_after = DateFilter(field_name="acquired_on", lookup_expr="gte", label=_("取得日期起"))
    acquired_before = DateFilter(field_name="acquired_on", lookup_expr="lte", label=_("取得日期迄"))
    event = django_filters.ChoiceFilter(method="by_event", choices=AssetEventKind.choices, label=_("年度異動"))
    event_year = YearFilter(method="by_event_year", label=_("異動年度"))
    ordering = StableOrderingFilter(
        fields=(("number", "number"), ("acquired_on", "acquired_on"), ("cost", "cost")),
        field_labels={"number": _("財產編號"), "acquired_on": _("取得日期"), "cost": _("取得成本")},
        label=_("排序"),
    )

    class Meta:
        model = Asset
        fields = ["kind", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__istartswith=value) | Q(name__icontains=value) | Q(custodian__icontains=value))

    def by_group(self, queryset, name, value):
        return queryset.filter(category__code__startswith=value)

    def by_event(self, queryset, name, value):
        return queryset  # applied with the year in filter_queryset

    def by_event_year(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        kind = self.form.cleaned_data.get("event")
        year = self.form.cleaned_data.get("event_year")
        if kind or year:
            events = {}
            if kind:
                events["events__kind"] = kind
            if year:
                year = int(year) + (1911 if int(year) < 1912 else 0)
                events["events__on__year"] = year
            queryset = queryset.filter(**events).distinct()
        return queryset


class StocktakingFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    status = django_filters.ChoiceFilter(choices=StocktakingStatus.choices, label=_("狀態"))
    location = django_filters.ModelChoiceFilter(
        queryset=AssetLocation.objects.order_by("code"), to_field_name="code", label=_("地點")
    )

    ordering = StableOrderingFilter(
        fields=(("year", "year"), ("opened_on", "opened_on")),
        field_labels={"year": _("年度"), "opened_on": _("開始日")},
        label=_("排序"),
    )

    class Meta:
        model = StocktakingRound
        fields = ["year", "status"]
