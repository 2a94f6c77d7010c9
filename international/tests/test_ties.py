"""Ties, their ordinal and their agreements (DOMAIN.md "International")."""

import datetime

import pytest
from django.db import IntegrityError

from international import selectors, services
from international.choices import AgreementKind, AgreementStatus, TieKind
from international.models import Partnership
from kaohsiung_admin.core.errors import ServiceError

D = datetime.date


def ordinals():
    return {tie.city.name_zh: tie.ordinal for tie in selectors.with_ordinal(Partnership.objects.select_related("city"))}


def test_ordinal_follows_signing_order_not_recording_order(make_city, sign):
    late, early = make_city("晚簽"), make_city("早簽")
    sign(late, D(2010, 5, 1))
    sign(early, D(1990, 5, 1))
    assert ordinals() == {"早簽": 1, "晚簽": 2}


def test_ordinal_after_a_tie_ends(make_city, sign):
    """An ended tie keeps its place: the ties after it keep their numbers, the next tie is
    numbered after every tie ever signed, and only the count in force drops."""
    a, b, c, d = (make_city(name) for name in "甲乙丙丁")
    for city, year in ((a, 1980), (b, 1990), (c, 2000)):
        sign(city, D(year, 1, 1))
    services.partnership_end(
        user=None, partnership=Partnership.objects.get(city=a), ended_on=D(2005, 6, 30), reason="對方終止交流"
    )
    sign(d, D(2010, 1, 1))
    assert ordinals() == {"甲": 1, "乙": 2, "丙": 3, "丁": 4}
    assert selectors.partner_count(D(2010, 12, 31)) == 3
    assert selectors.newest_ordinal(D(2010, 12, 31)) == 4
    # before the end the tie was in force
    assert selectors.partner_count(D(2004, 12, 31)) == 3
    # filtering the list never renumbers
    only_d = selectors.with_ordinal(Partnership.objects.filter(city=d)).get()
    assert only_d.ordinal == 4


def test_ending_twice_or_before_the_tie_is_refused(make_city, sign):
    city = make_city()
    sign(city, D(2000, 1, 1))
    tie = Partnership.objects.get(city=city)
    with pytest.raises(ServiceError):
        services.partnership_end(user=None, partnership=tie, ended_on=D(1999, 1, 1), reason="x")
    services.partnership_end(user=None, partnership=tie, ended_on=D(2001, 1, 1), reason="x")
    with pytest.raises(ServiceError) as refused:
        services.partnership_end(user=None, partnership=tie, ended_on=D(2002, 1, 1), reason="x")
    assert refused.value.code == "already_ended"
    tie.agreement.refresh_from_db()
    assert tie.agreement.status == AgreementStatus.TERMINATED


def test_one_agreement_binds_several_cities_each_with_its_own_tie(make_city, sign):
    prefecture, city = make_city("熊本縣"), make_city("熊本市")
    other = make_city("大田市")
    sign(other, D(2016, 1, 1))
    agreement = sign([prefecture, city], D(2017, 1, 11), kind=AgreementKind.FRIENDSHIP)
    assert set(agreement.cities.all()) == {prefecture, city}
    ties = agreement.partnerships.all()
    assert {t.kind for t in ties} == {TieKind.FRIENDSHIP}
    assert ordinals() == {"大田市": 1, "熊本縣": 2, "熊本市": 3}
    assert selectors.partner_count(D(2017, 12, 31)) == 3


def test_an_mou_makes_no_tie_and_its_upgrade_keeps_the_history(make_city, sign):
    prefecture, city = make_city("熊本縣"), make_city("熊本市")
    mou = sign([prefecture, city], D(2013, 9, 9), kind=AgreementKind.MOU, term_years=3)
    assert mou.expires_on == D(2016, 9, 9)
    assert selectors.partner_count(D(2016, 1, 1)) == 0
    agreement = sign([prefecture, city], D(2017, 1, 11), kind=AgreementKind.FRIENDSHIP, supersedes=mou)
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.SUPERSEDED
    assert list(mou.superseded_by.all()) == [agreement]
    # the tie counts from the agreement, not from the MOU (熊本 5周年 in 2022)
    assert {t.established_on for t in Partnership.objects.all()} == {D(2017, 1, 11)}
    with pytest.raises(ServiceError):
        sign([prefecture], D(2018, 1, 1), supersedes=mou)


def test_upgrading_a_tie_keeps_its_date_and_ordinal(make_city, sign):
    city = make_city()
    sign(city, D(2009, 5, 27), kind=AgreementKind.FRIENDSHIP)
    sign(city, D(2019, 5, 27), kind=AgreementKind.SISTER)
    tie = Partnership.objects.get(city=city)
    assert (tie.kind, tie.established_on) == (TieKind.SISTER, D(2009, 5, 27))


def test_the_database_allows_one_tie_in_force_per_city(make_city, sign):
    city = make_city()
    agreement = sign(city, D(2000, 1, 1))
    with pytest.raises(IntegrityError):
        Partnership.objects.create(city=city, kind=TieKind.SISTER, agreement=agreement, established_on=D(2001, 1, 1))


def test_an_agreement_needs_a_city(sign):
    with pytest.raises(ServiceError):
        sign([], D(2000, 1, 1))
