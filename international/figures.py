"""What international affairs gives the annual report: figures for a Gregorian year, computed in
the database from the records, each with the page listing the records behind it."""

from __future__ import annotations

import datetime

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse

from international import selectors
from international.choices import ActivityKind, DonationItemKind
from international.models import DonationItem, ExchangeActivity, Partnership, VisitCase
from kaohsiung_admin.core.figures import Figure, Series

THEME_EXHIBITION = "theme-exhibition"  # Programme.code of the atrium display-case series


def _url(name: str, query: str = ""):
    def build(year: int) -> str:
        return f"{reverse(name)}?{query.format(year=year)}"

    return build


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": datetime.date(year, 1, 1), f"{field}__lte": datetime.date(year, 12, 31)})


def visitor_cases(year: int) -> int:
    return selectors.visit_counts(year)["cases"]


def visitor_persons(year: int) -> int:
    return selectors.visit_counts(year)["persons"]


def partner_cities(year: int) -> int:
    return selectors.partner_count(selectors.year_end(year))


def newest_partner_ordinal(year: int) -> int:
    return selectors.newest_ordinal(selectors.year_end(year))


def asia_pacific_cities(year: int) -> int:
    return selectors.asia_pacific_count(selectors.year_end(year))


def _theme_activities(year: int):
    # The series runs across years (110/1 – 111/4): the cities that took part by the year's end.
    return ExchangeActivity.objects.filter(programme__code=THEME_EXHIBITION, starts_on__lte=selectors.year_end(year))


def theme_cities(year: int) -> int:
    return _theme_activities(year).aggregate(n=Count("cities", distinct=True))["n"] or 0


def theme_countries(year: int) -> int:
    return _theme_activities(year).aggregate(n=Count("cities__country", distinct=True))["n"] or 0


def anniversaries(year: int) -> int:
    return selectors.anniversary_count(year)


def _donated(kind: str, country_code: str):
    def compute(year: int) -> int:
        rows = DonationItem.objects.filter(
            _in_year("activity__starts_on", year),
            Q(activity__country__code=country_code) | Q(activity__cities__country__code=country_code),
            kind=kind,
        )
        return rows.aggregate(n=Sum("quantity"))["n"] or 0

    return compute


def _participants(city_code: str):
    def compute(year: int) -> int:
        rows = ExchangeActivity.objects.filter(
            _in_year("starts_on", year), kind=ActivityKind.YOUTH, cities__code=city_code
        )
        return rows.aggregate(n=Sum("participants"))["n"] or 0

    return compute


def largest_delegation_countries(year: int) -> int:
    """The most countries in one delegation received in the year (the 9 nations of 12/8)."""
    rows = VisitCase.objects.filter(_in_year("arrived_on", year)).annotate(n=Count("countries"))
    return rows.aggregate(most=Max("n"))["most"] or 0


def _tie_years(city_code: str):
    """How many years the city's tie has lasted in the year (55 for Busan in 2022)."""

    def compute(year: int) -> int:
        tie = (
            Partnership.objects.filter(city__code=city_code, established_on__lte=selectors.year_end(year))
            .order_by("established_on")
            .values_list("established_on", flat=True)
            .first()
        )
        return year - tie.year if tie else 0

    return compute


FIGURES = [
    Figure(
        "international.visitor_cases",
        "接待國際訪賓",
        "案",
        visitor_cases,
        _url("international:visit-list", "year={year}"),
    ),
    Figure(
        "international.visitor_persons",
        "接待國際訪賓",
        "人次",
        visitor_persons,
        _url("international:visit-list", "year={year}"),
    ),
    Figure(
        "international.partner_cities",
        "姊妹市及友好夥伴城市（年底有效）",
        "個",
        partner_cities,
        _url("international:city-list", "tied=true"),
    ),
    Figure(
        "international.newest_partner_ordinal",
        "最新締盟城市之序號",
        "",
        newest_partner_ordinal,
        _url("international:city-list", "tied=true"),
    ),
    Figure(
        "international.asia_pacific_cities",
        "亞太地區姊妹市及友好夥伴城市",
        "個",
        asia_pacific_cities,
        _url("international:city-list", "tied=true"),
    ),
    Figure(
        "international.theme_countries",
        "主題展響應國家",
        "國",
        theme_countries,
        _url("international:activity-list", "q=主題展"),
    ),
    Figure(
        "international.theme_cities",
        "主題展響應城市",
        "個",
        theme_cities,
        _url("international:activity-list", "q=主題展"),
    ),
    Figure(
        "international.anniversaries",
        "逢5周年倍數之締盟城市",
        "個",
        anniversaries,
        _url("international:anniversaries", "year={year}"),
    ),
    Figure(
        "international.tie_years.kumamoto",
        "與熊本縣、熊本市締盟周年",
        "周年",
        _tie_years("kumamoto-city"),
        _url("international:anniversaries", "year={year}"),
    ),
    Figure(
        "international.tie_years.busan",
        "與釜山市締盟周年",
        "周年",
        _tie_years("busan"),
        _url("international:anniversaries", "year={year}"),
    ),
    Figure(
        "international.tie_years.san_antonio",
        "與聖安東尼市締盟周年",
        "周年",
        _tie_years("san-antonio"),
        _url("international:anniversaries", "year={year}"),
    ),
    Figure(
        "international.tie_years.brisbane",
        "與布里斯本市締盟周年",
        "周年",
        _tie_years("brisbane"),
        _url("international:anniversaries", "year={year}"),
    ),
    Figure(
        "international.tie_years.daejeon",
        "與大田廣域市締盟周年",
        "周年",
        _tie_years("daejeon"),
        _url("international:anniversaries", "year={year}"),
    ),
    Figure(
        "international.palau_masks",
        "捐贈帛琉醫療口罩",
        "片",
        _donated(DonationItemKind.SURGICAL_MASK, "PW"),
        _url("international:activity-list", "kind=donation&year={year}"),
    ),
    Figure(
        "international.palau_n95",
        "捐贈帛琉N95口罩",
        "片",
        _donated(DonationItemKind.N95, "PW"),
        _url("international:activity-list", "kind=donation&year={year}"),
    ),
    Figure(
        "international.palau_tests",
        "捐贈帛琉快篩試劑",
        "份",
        _donated(DonationItemKind.RAPID_TEST, "PW"),
        _url("international:activity-list", "kind=donation&year={year}"),
    ),
    Figure(
        "international.suwon_participants",
        "水原市視訊語言交流參加者",
        "名",
        _participants("suwon"),
        _url("international:activity-list", "kind=youth&year={year}"),
    ),
    Figure(
        "international.daegu_students",
        "大邱國際青年營推薦學生",
        "位",
        _participants("daegu"),
        _url("international:activity-list", "kind=youth&year={year}"),
    ),
    Figure(
        "international.nine_nation_delegation",
        "訪高使節團國家數",
        "國",
        largest_delegation_countries,
        _url("international:visit-list", "year={year}"),
    ),
]


def _anniversary_series(year: int) -> list[tuple[str, int]]:
    return [(entry.names, entry.years) for entry in selectors.anniversaries(year)]


def _visits_by_month(year: int) -> list[tuple[str, int]]:
    from django.db.models.functions import ExtractMonth

    rows = dict(
        VisitCase.objects.filter(_in_year("arrived_on", year))
        .annotate(month=ExtractMonth("arrived_on"))
        .values("month")
        .annotate(n=Sum("persons"))
        .values_list("month", "n")
    )
    return [(f"{month}月", rows.get(month, 0)) for month in range(1, 13)]


SERIES = [
    Series("international.anniversaries_by_tie", "締盟周年（逢5周年倍數）", "周年", _anniversary_series),
    Series("international.visitor_persons_by_month", "接待國際訪賓人次（按月）", "人次", _visits_by_month),
]
