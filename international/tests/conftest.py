"""Small, explicit fixtures for the international affairs tests."""

import datetime
import itertools

import pytest

from international import services
from international.choices import AgreementKind, HostLevel, Region
from international.models import City, Country

_codes = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users are made per test (root conftest's make_user): hash their passwords cheaply here, or
    PBKDF2 dominates the run. Nothing in these tests is about password strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def country(db):
    return Country.objects.create(code="KR", name_zh="韓國", name_en="Republic of Korea", region=Region.ASIA_PACIFIC)


@pytest.fixture
def make_city(db, country):
    """make_city("釜山市") → a saved city of `country` (or the one given)."""

    def make(name="城市", *, code=None, in_country=None, **fields):
        return City.objects.create(
            code=code or f"city-{next(_codes)}",
            name_zh=name,
            name_local=fields.pop("name_local", name),
            country=in_country or country,
            **fields,
        )

    return make


@pytest.fixture
def sign(db):
    """sign(cities, date, kind=sister) → the agreement, through the service."""

    def do(cities, signed_on, kind=AgreementKind.SISTER, **fields):
        cities = cities if isinstance(cities, list | tuple) else [cities]
        return services.agreement_sign(
            user=None,
            title=fields.pop("title", f"協定 {signed_on}"),
            kind=kind,
            cities=cities,
            signed_on=signed_on,
            **fields,
        )

    return do


@pytest.fixture
def record_visit(db, country):
    def do(arrived_on=datetime.date(2022, 5, 3), *, persons=3, countries=None, **fields):
        data = {"delegation": "訪團", "host_level": HostLevel.BUREAU}
        data.update(fields)
        return services.visit_record(
            user=None, arrived_on=arrived_on, persons=persons, countries=countries or [country], **data
        )

    return do
