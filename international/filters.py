"""One FilterSet per list, shared by the officer's pages and the API. Every filter is backed by
an index or a foreign key's index (models.py)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from international.choices import ActivityKind, GiftDirection, GiftReportStatus, HostLevel, Region, TieKind
from international.models import City, Country, ExchangeActivity, Gift, VisitCase
from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR
from kaohsiung_admin.core.deadlines import DueState
from kaohsiung_admin.core.filters import DateFilter, IdFilter, StableOrderingFilter, YesNoAllFilter
from kaohsiung_admin.core.filters import YearFilter as CoreYearFilter


class YearFilter(CoreYearFilter):
    """core's YearFilter that also takes a ROC year (111); a ROC year past LAST_YEAR matches nothing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        year = int(value)
        if year < FIRST_YEAR:
            year += 1911
        if year > LAST_YEAR:
            return qs.none()
        return super().filter(qs, year)


class CityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("關鍵字"), max_length=60)
    region = django_filters.ChoiceFilter(field_name="country__region", choices=Region.choices, label=_("區域"))
    country = IdFilter(field_name="country", label=_("國家（編號）"))
    tie_kind = django_filters.ChoiceFilter(method="by_tie_kind", choices=TieKind.choices, label=_("締盟類型"))
    tied = YesNoAllFilter(method="by_tied", label=_("締盟中"))

    ordering = StableOrderingFilter(
        fields=(("name_zh", "name_zh"), ("code", "code")),
        field_labels={"name_zh": _("城市"), "code": _("代碼")},
        label=_("排序"),
    )

    class Meta:
        model = City
        fields = ["q", "region", "country", "tie_kind", "tied"]

    def search(self, qs, name, value):
        return qs.filter(Q(name_zh__icontains=value) | Q(name_local__icontains=value) | Q(code=value))

    def by_tie_kind(self, qs, name, value):
        return qs.filter(partnerships__kind=value, partnerships__ended_on__isnull=True)

    def by_tied(self, qs, name, value):
        if value is None:
            return qs
        tied = Q(partnerships__ended_on__isnull=True, partnerships__isnull=False)
        return qs.filter(tied).distinct() if value else qs.exclude(id__in=City.objects.filter(tied).values("id"))


class VisitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("關鍵字"), max_length=60)
    year = YearFilter(field_name="arrived_on", label=_("年度"))
    country = django_filters.ModelChoiceFilter(
        field_name="countries", queryset=Country.objects.all(), label=_("國家"), distinct=True
    )
    city = IdFilter(field_name="city", label=_("城市（編號）"))
    mission = IdFilter(field_name="mission", label=_("駐台機構（編號）"))
    host_level = django_filters.ChoiceFilter(choices=HostLevel.choices, label=_("接見層級"))
    arrived_after = DateFilter(field_name="arrived_on", lookup_expr="gte", label=_("來訪日期起"))
    arrived_before = DateFilter(field_name="arrived_on", lookup_expr="lte", label=_("來訪日期迄"))

    ordering = StableOrderingFilter(
        fields=(("number", "number"), ("arrived_on", "arrived_on"), ("persons", "persons")),
        field_labels={"number": _("案號"), "arrived_on": _("日期"), "persons": _("人數")},
        label=_("排序"),
    )

    class Meta:
        model = VisitCase
        fields = ["q", "year", "country", "city", "mission", "host_level", "arrived_after", "arrived_before"]

    def search(self, qs, name, value):
        return qs.filter(
            Q(delegation__icontains=value)
            | Q(organisation__icontains=value)
            | Q(leader__icontains=value)
            | Q(number=value)
        )


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("關鍵字"), max_length=60)
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("類別"))
    year = YearFilter(field_name="starts_on", label=_("年度"))
    city = IdFilter(field_name="cities", label=_("城市（編號）"), distinct=True)
    country = IdFilter(method="by_country", label=_("國家（編號）"))
    programme = IdFilter(field_name="programme", label=_("專案（編號）"))

    ordering = StableOrderingFilter(
        fields=(("starts_on", "starts_on"), ("kind", "kind"), ("title", "title")),
        field_labels={"starts_on": _("日期"), "kind": _("類別"), "title": _("名稱")},
        label=_("排序"),
    )

    class Meta:
        model = ExchangeActivity
        fields = ["q", "kind", "year", "city", "country", "programme"]

    def by_country(self, qs, name, value):
        return qs.filter(Q(country=value) | Q(cities__country=value)).distinct()


class GiftFilterSet(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(choices=GiftDirection.choices, label=_("收受／致贈"))
    report_status = django_filters.ChoiceFilter(choices=GiftReportStatus.choices, label=_("簽報狀態"))
    due = django_filters.ChoiceFilter(
        method="by_due",
        choices=[(DueState.OVERDUE, _("已逾期")), (DueState.DUE_SOON, _("即將到期"))],
        label=_("簽報期限"),
    )
    year = YearFilter(field_name="date", label=_("年度"))
    city = IdFilter(field_name="city", label=_("城市（編號）"))

    ordering = StableOrderingFilter(
        fields=(("date", "date"), ("estimated_value", "estimated_value"), ("report_due_on", "report_due_on")),
        field_labels={"date": _("日期"), "estimated_value": _("估計價值"), "report_due_on": _("簽報期限")},
        label=_("排序"),
    )

    class Meta:
        model = Gift
        fields = ["direction", "report_status", "due", "year", "city"]

    def by_due(self, qs, name, value: str):
        return qs.by_due_state(value)
