"""Every list page and API list costs the same number of queries for 1 row as for 50."""

import datetime
import itertools

import pytest
from django.urls import reverse

from dormitories import services
from dormitories.choices import Finding
from dormitories.models import CheckItem, Lending, Repair
from dormitories.tests.conftest import make_dormitory
from kaohsiung_admin.core.decisions import RequestStatus
from kaohsiung_admin.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db
_days = itertools.count(1)


@pytest.fixture
def clerk_client(client, dormitory_clerk):
    client.force_login(dormitory_clerk)
    return client


@pytest.fixture
def api(token_client):
    client = token_client()
    client.get("/api/v1/dormitories/")  # the first request of a token records its use: warm up
    return client


def _grow_occupied(occupy):
    def grow(n):
        for _ in range(n):
            unit = make_dormitory()
            occupy(unit, start_on=datetime.date(2021, 1, 1), occupant_name="王小明")
            Repair.objects.create(dormitory=unit, reported_on=datetime.date(2022, 1, 5), description="漏水")

    return grow


def _grow_assets(add_asset):
    def grow(n):
        for _ in range(n):
            add_asset()

    return grow


def _grow_lendings(residence):
    def grow(n):
        tz = datetime.timezone(datetime.timedelta(hours=8))
        for _ in range(n):
            day = datetime.date(2022, 1, 1) + datetime.timedelta(days=next(_days))
            Lending.objects.create(
                dormitory=residence,
                borrower="國立中山大學",
                borrower_kind="school",
                purpose="academic",
                event_name="論壇",
                start_at=datetime.datetime(day.year, day.month, day.day, 9, tzinfo=tz),
                end_at=datetime.datetime(day.year, day.month, day.day, 12, tzinfo=tz),
                status=RequestStatus.APPROVED,
            )

    return grow


@pytest.mark.parametrize(
    "page",
    ["dormitories:dormitory-list", "dormitories:occupancy-list", "dormitories:repair-list", "dormitories:index"],
)
def test_register_pages(clerk_client, occupy, page):
    assert_constant_queries(lambda: clerk_client.get(reverse(page)), _grow_occupied(occupy))


@pytest.mark.parametrize("path", ["dormitories/", "occupancies/"])
def test_register_api(api, occupy, path):
    assert_constant_queries(lambda: api.get(f"/api/v1/dormitories/{path}"), _grow_occupied(occupy))


def test_applications_page(clerk_client, dormitory_clerk):
    def grow(n):
        for _ in range(n):
            services.application_file(
                by=dormitory_clerk,
                kind="multi_room",
                applicant_name="林",
                applicant_agency="民政局",
                eligibility_basis="post",
            )

    assert_constant_queries(lambda: clerk_client.get(reverse("dormitories:application-list")), grow)


def test_asset_page(clerk_client, add_asset):
    assert_constant_queries(lambda: clerk_client.get(reverse("dormitories:asset-list")), _grow_assets(add_asset))


def test_asset_api(api, add_asset):
    assert_constant_queries(lambda: api.get("/api/v1/dormitories/assets/"), _grow_assets(add_asset))


def test_lending_page(clerk_client, residence):
    assert_constant_queries(lambda: clerk_client.get(reverse("dormitories:lending-list")), _grow_lendings(residence))


def test_lending_api(api, residence):
    assert_constant_queries(lambda: api.get("/api/v1/dormitories/lendings/"), _grow_lendings(residence))


def _grow_rounds(occupy, clerk):
    years = itertools.count(2000)

    def grow(n):
        for _ in range(n):
            occupy(make_dormitory(), start_on=datetime.date(1999, 1, 1))
            year = next(years)
            check_round = services.check_round_open(year=year, month=5, opened_on=datetime.date(year, 5, 2), by=clerk)
            item = CheckItem.objects.filter(round=check_round).first()
            services.check_item_record(
                item=item, finding=Finding.RESIDING, checked_on=datetime.date(year, 5, 3), by=clerk
            )

    return grow


def test_check_round_page(clerk_client, occupy, dormitory_clerk):
    url = reverse("dormitories:checkround-list")
    assert_constant_queries(lambda: clerk_client.get(url), _grow_rounds(occupy, dormitory_clerk))


def test_check_round_api(api, occupy, dormitory_clerk):
    url = "/api/v1/dormitories/check-rounds/"
    assert_constant_queries(lambda: api.get(url), _grow_rounds(occupy, dormitory_clerk))


def test_check_round_checklist(clerk_client, occupy, dormitory_clerk):
    check_round = services.check_round_open(year=2022, month=5, opened_on=datetime.date(2022, 5, 2), by=dormitory_clerk)

    def grow(n):
        for _ in range(n):
            unit = make_dormitory()
            occupancy = occupy(unit, start_on=datetime.date(2021, 1, 1))
            CheckItem.objects.create(round=check_round, dormitory=unit, occupancy=occupancy)

    assert_constant_queries(lambda: clerk_client.get(check_round.get_absolute_url()), grow)


def _grow_stocktakings(add_asset, clerk):
    from dormitories.models import AssetLocation

    def grow(n):
        for _ in range(n):
            place = AssetLocation.objects.create(code=f"L{next(_days)}", name="倉庫")
            add_asset(at=place)
            opened = services.stocktaking_open(
                location=place, year=2022, opened_on=datetime.date(2022, 11, 1), by=clerk
            )
            services.stocktaking_close(stock_round=opened, closed_on=datetime.date(2022, 11, 2), by=clerk)

    return grow


def test_stocktaking_page(clerk_client, add_asset, dormitory_clerk):
    url = reverse("dormitories:stocktaking-list")
    assert_constant_queries(lambda: clerk_client.get(url), _grow_stocktakings(add_asset, dormitory_clerk))


def test_stocktaking_api(api, add_asset, dormitory_clerk):
    url = "/api/v1/dormitories/stocktaking/"
    assert_constant_queries(lambda: api.get(url), _grow_stocktakings(add_asset, dormitory_clerk))


def test_discrepancy_report(clerk_client, add_asset, location, dormitory_clerk):
    stock_round = services.stocktaking_open(
        location=location, year=2022, opened_on=datetime.date(2022, 11, 1), by=dormitory_clerk
    )
    from dormitories.models import StocktakingEntry

    def grow(n):
        for _ in range(n):
            StocktakingEntry.objects.create(round=stock_round, asset=add_asset(), result="missing")

    url = reverse("dormitories:stocktaking-report", args=[stock_round.pk])
    assert_constant_queries(lambda: clerk_client.get(url), grow)
