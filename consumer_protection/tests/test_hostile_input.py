"""Hostile input to the officers' pages and the API answers 200/400, never a 500.

Each test names the request that used to raise (found by fuzzing with schemathesis and the test
client); Django's test client re-raises a view's exception, so a regression fails loudly.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past a 64-bit integer: SQLite raised OverflowError


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    "url, query",
    [
        ("consumer_protection:complaint-list", {"officer": HUGE}),
        ("consumer_protection:complaint-list", {"filed_after": "0001-01-01", "filed_before": "9999-12-31"}),
        ("consumer_protection:complaint-export", {"officer": HUGE}),
        ("consumer_protection:mediation-list", {"meeting": HUGE}),
        ("consumer_protection:mediation-list", {"applied_after": "0001-01-01"}),
        ("consumer_protection:consultation-list", {"received_before": "9999-12-31"}),
        ("consumer_protection:consultation-list", {"received_after": "0001-01-01"}),
        ("consumer_protection:complaint-list", {"page": "abc", "ordering": "nonexistent"}),
        ("consumer_protection:complaint-list", {"page": "99999"}),
    ],
)
def test_lists_answer_impossible_filters_without_an_error(officer_client, file_complaint, url, query):
    file_complaint()
    response = officer_client.get(reverse(url), query)
    assert response.status_code in (200, 400)


def test_the_api_names_the_impossible_filter(token_client, file_complaint):
    file_complaint()
    client = token_client()
    cases = [
        ("/api/v1/consumer-protection/complaints/", {"officer": HUGE}, "officer"),
        ("/api/v1/consumer-protection/mediations/", {"meeting": HUGE}, "meeting"),
        # was OverflowError: the day after 9999-12-31 does not exist
        ("/api/v1/consumer-protection/consultations/", {"received_before": "9999-12-31"}, "received_before"),
        # was OverflowError: Taipei midnight of year 1 is before year 1 in UTC
        ("/api/v1/consumer-protection/consultations/", {"received_after": "0001-01-01"}, "received_after"),
    ]
    for url, query, field in cases:
        response = client.get(url, query)
        assert response.status_code == 400, (url, query)
        assert field in response.json()["errors"]
    assert client.get("/api/v1/consumer-protection/complaints/", {"officer": "1"}).status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 5000])
def test_complaint_form_ignores_a_strange_consultation_in_the_address(officer_client, value):
    # "²".isdigit() is true, and reached the database as a pk: ValueError (500)
    response = officer_client.get(reverse("consumer_protection:complaint-create"), {"consultation": value})
    assert response.status_code == 200


def test_attendance_refuses_an_id_no_database_holds(officer_client, mediation_meeting):
    url = reverse("consumer_protection:meeting-detail", args=[mediation_meeting.pk])
    for members in ([HUGE], ["abc"], ["-1"], ["0"]):
        response = officer_client.post(url, {"members": members})
        assert response.status_code == 400, members
        assert "members" in response.context["form"].errors
    assert mediation_meeting.members_present.count() == 5


def _phone_complaint(**overrides):
    from .test_views import _phone_complaint as base

    return base(**overrides)


@pytest.mark.parametrize("day", ["0001-01-01", "1911-12-31"])
def test_a_complaint_filed_before_the_calendar_is_a_field_error(officer_client, day):
    from consumer_protection.models import Complaint

    response = officer_client.post(
        reverse("consumer_protection:complaint-create"), _phone_complaint(first_filed_on=day)
    )
    assert response.status_code == 400
    assert "first_filed_on" in response.context["form"].errors
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1911-12-31", "2201-01-01"])
def test_case_actions_refuse_dates_off_the_calendar(officer_client, officer, file_complaint, day):
    from consumer_protection.choices import Action

    complaint = file_complaint()
    url = reverse("consumer_protection:complaint-action", args=[complaint.pk, Action.BUSINESS_REPLIED])
    response = officer_client.post(url, {f"{Action.BUSINESS_REPLIED}-replied_on": day})
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.business_replied_on is None


def test_the_api_refuses_case_dates_off_the_calendar(token_client, file_complaint):
    client = token_client(write=["consumer_protection.complaints"])
    payload = {
        "first_filed_on": "0001-01-01",
        "category": "fitness",
        "complainant_name": "陳志明",
        "complainant_national_id": "A123456789",
        "complainant_phone": "0912345678",
        "business_name": "活力運動館",
        "narrative": "退費爭議",
    }
    response = client.post("/api/v1/consumer-protection/complaints/", payload, format="json")
    assert response.status_code == 400
    assert "first_filed_on" in response.json()["errors"]
    complaint = file_complaint()
    response = client.post(
        f"/api/v1/consumer-protection/complaints/{complaint.pk}/transition/",
        {"action": "business_replied", "replied_on": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "replied_on" in response.json()["errors"]


def test_an_attachment_whose_file_is_gone_is_not_found(officer_client, file_complaint):
    from django.core.files.uploadedfile import SimpleUploadedFile

    complaint = file_complaint()
    officer_client.post(
        reverse("consumer_protection:complaint-attachment-add", args=[complaint.pk]),
        {"file": SimpleUploadedFile("contract.pdf", b"%PDF-1.4 test"), "description": "契約"},
    )
    attachment = complaint.attachments.get()
    attachment.file.storage.delete(attachment.file.name)
    # FileNotFoundError used to escape the view (500)
    url = reverse("consumer_protection:complaint-attachment", args=[complaint.pk, attachment.pk])
    assert officer_client.get(url).status_code == 404


@pytest.mark.parametrize("ordering", [",", ",,-due_on", "due_on,"])
def test_empty_orderings_are_ignored(token_client, officer_client, file_complaint, ordering):
    # `?ordering=,` reached order_by("") (FieldError, 500); found by schemathesis
    file_complaint()
    client = token_client()
    for collection in ("complaints", "mediations", "consultations"):
        response = client.get(f"/api/v1/consumer-protection/{collection}/", {"ordering": ordering})
        assert response.status_code in (200, 400), collection
    assert officer_client.get(reverse("consumer_protection:complaint-list"), {"ordering": ordering}).status_code == 200
