"""The entry pages of inspections, venues, education events and trainings: each saves its record
with who entered it, and lands where the record is listed."""

import pytest
from django.urls import reverse

from consumer_protection.choices import Category, EducationKind, InspectionOutcome
from consumer_protection.models import EducationEvent, InspectionRound, InspectionVenue, Training

pytestmark = pytest.mark.django_db


def test_inspection_venue_education_and_training_are_saved_with_their_author(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("consumer_protection:inspection-create"),
        {"held_on": "115/03/01", "title": "中秋月餅查核", "category": Category.OTHER, "agencies": "衛生局"},
    )
    inspection = InspectionRound.objects.get(title="中秋月餅查核")
    assert response.status_code == 302 and response["Location"] == reverse(
        "consumer_protection:inspection-detail", args=[inspection.pk]
    )
    assert inspection.created_by == admin_user and inspection.held_on.year == 2026

    response = client.post(
        response["Location"],
        {"business_name": "甲餅店", "address": "高雄市", "outcome": InspectionOutcome.COMPLIANT},
    )
    assert response.status_code == 302
    venue = InspectionVenue.objects.get(business_name="甲餅店")
    assert venue.round == inspection and venue.created_by == admin_user

    response = client.post(
        reverse("consumer_protection:education-create"),
        {"held_on": "2026-04-01", "kind": EducationKind.values[0], "title": "消費宣導", "audience": "市民"},
    )
    assert response.status_code == 302 and "#education" in response["Location"]
    assert EducationEvent.objects.get(title="消費宣導").created_by == admin_user

    response = client.post(
        reverse("consumer_protection:training-create"),
        {"held_on": "2026-05-01", "title": "調解研習", "participants": "王小明，鳳山區公所\n李小華，旗山區公所"},
    )
    assert response.status_code == 302 and "#trainings" in response["Location"]
    training = Training.objects.get(title="調解研習")
    assert training.created_by == admin_user
    assert sorted(p.name for p in training.participants.all()) == ["李小華", "王小明"]


def test_a_bad_entry_is_a_form_error_not_a_record(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("consumer_protection:inspection-create"), {"held_on": "not a date", "title": ""})
    assert response.status_code == 400
    assert not InspectionRound.objects.exists()
