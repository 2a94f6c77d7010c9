"""Anniversaries: which ties reach a multiple of five years in a year."""

import datetime

from django.db.models.functions import Now  # noqa: F401  (the database does the arithmetic)

from international import selectors, services
from international.choices import AgreementKind
from international.models import Partnership

D = datetime.date


def test_the_years_multiples_of_five(make_city, sign):
    busan, brisbane, seattle, new = make_city("釜山"), make_city("布里斯本"), make_city("西雅圖"), make_city("新")
    sign(busan, D(1967, 6, 30))
    sign(brisbane, D(1997, 9, 9))
    sign(seattle, D(1991, 9, 18))
    sign(new, D(2022, 6, 9))  # signed this year: no anniversary yet
    found = selectors.anniversaries(2022)
    assert [(a.names, a.years) for a in found] == [("釜山", 55), ("布里斯本", 25)]
    assert selectors.anniversary_count(2022) == 2
    assert selectors.anniversaries_text(2022) == "釜山55周年、布里斯本25周年"
    assert [(a.names, a.years) for a in selectors.anniversaries(2021)] == [("西雅圖", 30)]


def test_a_signing_on_29_february(make_city, sign):
    city = make_city("閏日")
    sign(city, D(2016, 2, 29))
    (common,) = selectors.anniversaries(2021)
    assert (common.date, common.years) == (D(2021, 2, 28), 5)
    (leap,) = selectors.anniversaries(2036)
    assert (leap.date, leap.years) == (D(2036, 2, 29), 20)


def test_a_signing_later_in_the_year_than_today(make_city, sign):
    """On 1 March 2022 a tie signed on 9 June 2017 has its 5th anniversary ahead this year; one
    signed in January is past, and its next five-year mark is years away."""
    later, earlier = make_city("大田"), make_city("熊本")
    sign(later, D(2017, 6, 9))
    sign(earlier, D(2017, 1, 11))
    today = D(2022, 3, 1)
    upcoming = selectors.upcoming_anniversaries(today)
    assert [(a.names, a.date, a.years) for a in upcoming] == [("大田", D(2022, 6, 9), 5)]
    # the year's list holds both
    assert {a.names for a in selectors.anniversaries(2022)} == {"大田", "熊本"}
    # a year ahead from mid-June: Daejeon's is past, nothing until 2027
    assert selectors.upcoming_anniversaries(D(2022, 6, 10)) == []
    assert [a.date for a in selectors.upcoming_anniversaries(D(2026, 7, 1))] == [D(2027, 1, 11), D(2027, 6, 9)]


def test_one_agreement_for_several_cities_is_one_anniversary(make_city, sign):
    prefecture, city = make_city("熊本縣"), make_city("熊本市")
    sign([prefecture, city], D(2017, 1, 11), kind=AgreementKind.FRIENDSHIP)
    (entry,) = selectors.anniversaries(2022)
    assert entry.names == "熊本縣、熊本市"
    assert selectors.anniversary_count(2022) == 2
    assert selectors.anniversaries_text(2022) == "熊本縣、熊本市5周年"


def test_a_tie_ended_before_its_anniversary_has_none(make_city, sign):
    city = make_city()
    sign(city, D(2002, 9, 1))
    services.partnership_end(user=None, partnership=Partnership.objects.get(), ended_on=D(2022, 3, 1), reason="終止")
    assert selectors.anniversaries(2022) == []
    assert len(selectors.anniversaries(2017)) == 1
