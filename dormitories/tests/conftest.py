"""Small, explicit fixtures for the dormitories tests."""

import datetime
import itertools
from decimal import Decimal

import pytest

from dormitories import services
from dormitories.choices import DormitoryKind
from dormitories.models import AssetCategory, AssetLocation, Dormitory

_codes = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users are made in almost every test here; the production hasher's work factor is for
    attackers, not for the test run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Valid 身分證統一編號 (checksum) for tests.
NATIONAL_ID = "E123456783"
NATIONAL_ID_2 = "S224466884"


def make_dormitory(*, kind=DormitoryKind.MULTI_ROOM, code=None, **fields) -> Dormitory:
    n = next(_codes)
    defaults = {
        "code": code or f"T{n:03d}",
        "name": f"測試宿舍{n}",
        "kind": kind,
        "address": f"高雄市苓雅區四維三路{n}號",
        "district": "苓雅區",
        "rooms": 3,
        "floor_area": Decimal("80.5"),
        "registered_on": datetime.date(2000, 1, 1),
    }
    defaults.update(fields)
    return Dormitory.objects.create(**defaults)


@pytest.fixture
def dormitory(db):
    return make_dormitory()


@pytest.fixture
def residence(db):
    return make_dormitory(kind=DormitoryKind.HEAD, name="市長官邸", is_mayor_residence=True, is_lendable=True)


@pytest.fixture
def occupy(dormitory_clerk):
    """occupy(dormitory, start_on=…, **fields) → an occupancy made through the service."""

    def make(unit, start_on=datetime.date(2022, 1, 1), **fields):
        fields.setdefault("occupant_name", "王小明")
        fields.setdefault("occupant_national_id", NATIONAL_ID)
        fields.setdefault("occupant_phone", "0912345678")
        fields.setdefault("eligibility_basis", "post")
        return services.occupancy_create(dormitory=unit, by=dormitory_clerk, start_on=start_on, **fields)

    return make


@pytest.fixture
def category(db):
    return AssetCategory.objects.create(code="6010101", name="電腦主機", min_life_years=4)


@pytest.fixture
def location(db):
    return AssetLocation.objects.create(code="SW-4F", name="四維行政中心4樓")


@pytest.fixture
def other_location(db):
    return AssetLocation.objects.create(code="SW-5F", name="四維行政中心5樓")


@pytest.fixture
def add_asset(category, location, dormitory_clerk):
    def make(*, cost=Decimal(30000), acquired_on=datetime.date(2020, 1, 10), at=None, **fields):
        return services.asset_create(
            category=fields.pop("category", category),
            name=fields.pop("name", "個人電腦"),
            cost=cost,
            life_years=fields.pop("life_years", None),
            acquired_on=acquired_on,
            location=at or location,
            voucher_number=fields.pop("voucher_number", "111增字第0001號"),
            by=dormitory_clerk,
            **fields,
        )

    return make
