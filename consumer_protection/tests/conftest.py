"""Small, explicit fixtures for consumer protection tests."""

import datetime
import random

import pytest

from consumer_protection import services
from consumer_protection.choices import Category, CommitteeKind, MemberType
from consumer_protection.demo import fake_national_id
from consumer_protection.models import Committee, CommitteeMeeting, CommitteeMember
from kaohsiung_admin.core.dates import WorkdayCalendar

VALID_ID = "A123456789"


@pytest.fixture(autouse=True)
def _fresh_categories():
    """Categories are cached per process; a test's rows are rolled back, so is the cache."""
    from consumer_protection.models import clear_category_cache

    clear_category_cache()
    yield
    clear_category_cache()


@pytest.fixture
def calendar():
    """The government calendar without the database's overrides."""
    return WorkdayCalendar({})


@pytest.fixture
def file_complaint(db, officer):
    """file_complaint(**fields) → a first complaint filed through the service."""
    rng = random.Random(7)

    def file(user=None, **fields):
        data = {
            "first_filed_on": datetime.date(2022, 3, 3),
            "category": Category.FITNESS,
            "complainant_name": "陳志明",
            "complainant_national_id": fake_national_id(rng),
            "complainant_phone": "0912345678",
            "complainant_address": "高雄市苓雅區四維三路2號",
            "complainant_email": "chen@example.test",
            "business_name": "活力運動館",
            "narrative": "會員合約解約退費爭議。",
            "calendar": WorkdayCalendar({}),
        }
        data.update(fields)
        return services.complaint_file(user=user or officer, **data)

    return file


@pytest.fixture
def mediation_meeting(db):
    """A mediation committee of 7 members in term, and a meeting on 2022-05-10 with 5 present."""
    committee = Committee.objects.create(kind=CommitteeKind.MEDIATION, name="高雄市消費爭議調解委員會")
    members = [
        CommitteeMember.objects.create(
            committee=committee,
            name=f"委員{i}",
            member_type=MemberType.OFFICER if i == 0 else MemberType.EXTERNAL,
            is_chair=i == 0,
            term_start=datetime.date(2021, 3, 1),
            term_end=datetime.date(2023, 2, 28),
        )
        for i in range(7)
    ]
    meeting = CommitteeMeeting.objects.create(
        committee=committee, held_on=datetime.date(2022, 5, 10), title="第5次調解會議"
    )
    meeting.members_present.set(members[:5])
    return meeting


def move_to_mediation(complaint, user, applied_on=datetime.date(2022, 4, 20)):
    """First complaint → business reply → not resolved → second → failed → mediation."""
    services.complaint_record_business_reply(
        complaint=complaint, user=user, replied_on=datetime.date(2022, 3, 10), reply="拒絕退費"
    )
    services.complaint_mark_not_resolved(complaint=complaint, user=user)
    services.complaint_file_second(
        complaint=complaint, user=user, filed_on=datetime.date(2022, 3, 20), calendar=WorkdayCalendar({})
    )
    services.complaint_second_failed(complaint=complaint, user=user)
    return services.mediation_apply(complaint=complaint, user=user, applied_on=applied_on, calendar=WorkdayCalendar({}))


CP_RESOURCES = ["consumer_protection.complaints", "consumer_protection.consultations", "consumer_protection.mediations"]


@pytest.fixture
def token_client(issue_token):
    """token_client(code, read=[...], confidential=..., personal_data=..., write=[...]) → an
    APIClient with a bureau's token. Here the consumer-protection resources are granted for
    reading unless `read` says otherwise (`read=[]`: no grant); `confidential` defaults to the
    personal-data grant (a token that unmasks also reads parties and narratives)."""
    from rest_framework.test import APIClient

    from kaohsiung_admin.accounts.models import ReadLevel

    def make(code="fire-dept", *, read=None, confidential=None, personal_data=False, **kwargs):
        token, key = issue_token(code, personal_data=personal_data, **kwargs)
        token.read_resources = list(CP_RESOURCES if read is None else read)
        confidential = personal_data if confidential is None else confidential
        token.read_level = ReadLevel.CONFIDENTIAL if confidential else ReadLevel.STATISTICS
        token.save()
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        client.token = token
        return client

    return make
