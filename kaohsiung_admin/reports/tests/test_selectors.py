import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kaohsiung_admin.core import figures as registry
from kaohsiung_admin.reports import selectors
from kaohsiung_admin.reports.models import ReportBuild

TAIPEI = ZoneInfo("Asia/Taipei")


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (6, "六"), (10, "十"), (14, "十四"), (20, "二十"), (36, "三十六")])
def test_chinese_numbers(n, text):
    assert selectors.chinese_number(n) == text


def test_numbering_follows_the_bureau_style():
    assert [selectors.section_number(0, i) for i in (1, 2, 3, 4)] == ["壹、", "貳、", "參、", "肆、"]
    assert selectors.section_number(1, 6) == "六、"
    assert selectors.section_number(2, 1) == "(一)"
    assert [selectors.item_number(0, 7), selectors.item_number(1, 15), selectors.item_number(2, 13)] == [
        "7.",
        "(15)",
        "XIII.",
    ]


def test_outline_rows_in_order_with_headings_where_they_start(definition, django_assert_num_queries):
    with django_assert_num_queries(2):
        outline = selectors.outline(definition)
    rows = outline.rows
    assert [(row.number, row.depth) for row in rows] == [("1.", 0), ("2.", 0), ("(1)", 1), ("(2)", 1), ("", -1)]
    assert rows[0].headings == [("壹、", "一般行政", 0), ("一、", "事務管理", 1), ("(一)", "庶務工作", 2)]
    assert rows[1].headings == []
    assert rows[4].headings == [("貳、", "文書業務", 0)]
    assert outline.keys() == [
        "testing.budget",
        "manual.procurement.green_rate",
        "testing.builds",
        "manual.documents.gazette_issues",
    ]


def _build_at(definition, user, when):
    build = ReportBuild.objects.create(definition=definition, year=2022, requested_by=user)
    ReportBuild.objects.filter(pk=build.pk).update(created_at=when)


def test_a_figure_counts_the_year_in_taipei_time(definition, manager):
    # Hand count: 2022 in Taipei holds the second, third and fourth of these, not the first or last.
    for when in [
        datetime.datetime(2021, 12, 31, 23, 59, 59, tzinfo=TAIPEI),
        datetime.datetime(2022, 1, 1, 0, 0, 0, tzinfo=TAIPEI),
        datetime.datetime(2021, 12, 31, 16, 30, tzinfo=datetime.UTC),  # 2022-01-01 00:30 in Taipei
        datetime.datetime(2022, 12, 31, 23, 59, 59, tzinfo=TAIPEI),
        datetime.datetime(2022, 12, 31, 16, 0, tzinfo=datetime.UTC),  # 2023-01-01 00:00 in Taipei
    ]:
        _build_at(definition, manager, when)
    figures = selectors.compute_figures(["testing.builds"], 2022)
    assert figures["testing.builds"]["value"] == "3"
    assert figures["testing.builds"]["previous"] == "1"
    assert figures["testing.builds"]["source"] == "records"
    assert figures["testing.builds"]["records_url"] == "/reports/?year=111"


def test_manual_figures_carry_who_entered_them_and_the_year_before(definition):
    figures = selectors.compute_figures(
        ["manual.procurement.green_rate", "manual.documents.gazette_issues", "testing.budget", "manual.nothing"], 2022
    )
    rate = figures["manual.procurement.green_rate"]
    assert (rate["value"], rate["previous"], rate["kind"], rate["source"]) == ("0.907", "0.893", "percent", "manual")
    assert rate["entered_by"] == "王主管"
    assert figures["manual.documents.gazette_issues"]["previous"] is None
    assert figures["testing.budget"]["value"] == "207313663"
    assert figures["manual.nothing"]["value"] is None
    assert selectors.change(rate)["difference"] == Decimal("0.014")


def test_same_inputs_give_the_same_figures(definition):
    keys = selectors.outline(definition).keys()
    assert selectors.compute_figures(keys, 2022) == selectors.compute_figures(keys, 2022)


def test_known_keys_are_the_apps_and_the_years_manual_figures(definition):
    known = selectors.known_keys(2022)
    assert {"testing.builds", "manual.procurement.green_rate", "manual.documents.gazette_issues"} <= known
    assert "manual.documents.gazette_issues" not in selectors.known_keys(2021)


# Keys the facilities and consumer_protection apps agreed to register (/tmp/figkeys.md).
AGREED_KEYS = [
    "facilities.open_sessions.siwei",
    "facilities.meeting_room_bookings.siwei",
    "facilities.open_sessions.fengshan",
    "facilities.meeting_room_bookings.fengshan",
    "facilities.maintenance_requests",
    "facilities.lift_posters",
    "facilities.led_wall_videos",
    "facilities.vehicle_trips",
    "facilities.parking_permits",
    "consumer_protection.consultations",
    "consumer_protection.first_complaints",
    "consumer_protection.second_complaints",
    "consumer_protection.mediation_meetings",
    "consumer_protection.mediation_cases",
    "consumer_protection.inspection_rounds",
    "consumer_protection.inspection_venues",
    "consumer_protection.education_events",
    "consumer_protection.handled_within_limit",
]


@pytest.mark.parametrize("app", ["facilities", "consumer_protection"])
def test_the_apps_register_the_agreed_keys(app):
    from importlib import import_module

    try:
        import_module(f"{app}.figures")
    except ModuleNotFoundError:
        pytest.skip(f"{app}/figures.py does not exist yet")
    registered = registry.all_figures()
    missing = [key for key in AGREED_KEYS if key.startswith(app + ".") and key not in registered]
    assert not missing
    for key in AGREED_KEYS:
        if key.startswith(app + "."):
            assert registered[key].kind in ("count", "money", "percent")
