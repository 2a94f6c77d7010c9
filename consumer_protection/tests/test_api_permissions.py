"""Moving a case needs change_complaint, through the API exactly as on the case page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from consumer_protection.choices import Action, Stage

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consumer-protection"


@pytest.fixture
def filer(make_user):
    """May read and file complaints, but not move them."""
    user = make_user("filer")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="consumer_protection", codename__in=["view_complaint", "add_complaint"]
        )
    )
    return user


def test_transition_needs_change_complaint_through_the_api_as_on_the_page(
    client, api_client, filer, officer, file_complaint
):
    complaint = file_complaint()
    move = {"action": Action.BUSINESS_REPLIED, "replied_on": "2022-03-10"}

    # the page: the action button's POST needs change_complaint
    client.force_login(filer)
    page = client.post(
        reverse("consumer_protection:complaint-action", args=[complaint.pk, Action.BUSINESS_REPLIED]),
        {f"{Action.BUSINESS_REPLIED}-replied_on": "2022-03-10"},
    )
    assert page.status_code == 403

    # the API: the same refusal, although a POST would otherwise ask only for add_complaint
    api_client.force_authenticate(filer)
    refused = api_client.post(f"{BASE}/complaints/{complaint.pk}/transition/", move, format="json")
    assert refused.status_code == 403
    complaint.refresh_from_db()
    assert complaint.business_replied_on is None

    # the officer holds change_complaint: both ways work
    api_client.force_authenticate(officer)
    done = api_client.post(f"{BASE}/complaints/{complaint.pk}/transition/", move, format="json")
    assert done.status_code == 200 and done.json()["business_replied_on"] == "2022-03-10"
    assert done.json()["stage"] == Stage.FIRST


def test_filing_through_the_api_still_needs_only_add_complaint(api_client, filer):
    api_client.force_authenticate(filer)
    response = api_client.post(f"{BASE}/complaints/", {}, format="json")
    assert response.status_code == 400  # allowed in, refused for its input
