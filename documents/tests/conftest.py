"""Small, explicit fixtures for the documents tests."""

import datetime

import pytest

from documents import services
from kaohsiung_admin.core.dates import WorkdayCalendar


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users are made in nearly every test here; PBKDF2 would spend most of the run hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def calendar():
    """The government calendar of the `holidays` package, without the database's overrides."""
    return WorkdayCalendar({})


@pytest.fixture
def unit(db):
    from kaohsiung_admin.accounts.models import Division

    return Division.objects.create(code="documents", name="文書科")


@pytest.fixture
def other_unit(db):
    from kaohsiung_admin.accounts.models import Division

    return Division.objects.create(code="confidential", name="機要科")


@pytest.fixture
def approver(make_user):
    return make_user("chief", roles=["manager"], display_name="王科長")


@pytest.fixture
def receive(db, document_clerk, calendar):
    """receive(**fields) → a received document registered through the service."""

    def make(user=None, **fields):
        data = {
            "received_on": datetime.date(2022, 3, 2),
            "subject": "檢送會議紀錄乙份，請查照。",
            "nature": "ordinary",
            "sender": "高雄市政府秘書處",
            "calendar": calendar,
        }
        data.update(fields)
        return services.document_receive(user=user or document_clerk, **data)

    return make


@pytest.fixture
def petition(db, document_clerk, calendar):
    def make(**fields):
        data = {
            "received_on": datetime.date(2022, 3, 2),
            "channel": "online",
            "subject": "苓雅區路燈故障",
            "petitioner_name": "王小明",
            "petitioner_phone": "0912345678",
            "petitioner_address": "高雄市苓雅區四維三路2號",
            "calendar": calendar,
        }
        data.update(fields)
        return services.petition_receive(user=document_clerk, **data)

    return make


@pytest.fixture
def bulk_documents(db, unit, document_clerk):
    """bulk_documents(n, **fields) → n more open 普通件 of 2022, assigned to `unit` and the clerk."""
    from documents.models import OfficialDocument

    made = {"n": 0}

    def make(n, **fields):
        rows = []
        for _ in range(n):
            made["n"] += 1
            seq = 900000 + made["n"]
            data = {
                "number": f"111{seq:07d}",
                "year": 2022,
                "sequence": seq,
                "received_on": datetime.date(2022, 3, 2),
                "count_start": datetime.date(2022, 3, 2),
                "subject": f"測試公文 {seq}",
                "nature": "ordinary",
                "due_on": datetime.date(2022, 3, 10),
                "status": "handling",
                "unit": unit,
                "officer": document_clerk,
            }
            data.update(fields)
            rows.append(OfficialDocument(**data))
        return OfficialDocument.objects.bulk_create(rows)

    return make


@pytest.fixture
def bulk_petitions(db, document_clerk):
    from documents.models import Petition

    made = {"n": 0}

    def make(n, **fields):
        rows = []
        for _ in range(n):
            made["n"] += 1
            seq = 90000 + made["n"]
            data = {
                "number": f"111機陳字第{seq}號",
                "year": 2022,
                "sequence": seq,
                "channel": "online",
                "received_on": datetime.date(2022, 3, 2),
                "subject": "路燈故障",
                "petitioner_name": "王小明",
                "petitioner_phone": "0912345678",
                "due_on": datetime.date(2022, 4, 1),
                "officer": document_clerk,
            }
            data.update(fields)
            rows.append(Petition(**data))
        return Petition.objects.bulk_create(rows)

    return make
