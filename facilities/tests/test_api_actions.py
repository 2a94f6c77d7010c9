"""API parity: change, approve/reject, check-in, restore, availability and free search, parking
permits, public-space requests, closures — each with the page's permission."""

import datetime

import pytest
from django.utils import timezone

from facilities import services
from facilities.choices import BookingStatus, Center
from facilities.models import Booking, Closure, ParkingPermit, PublicSpaceRequest
from facilities.tests.conftest import at, book
from kaohsiung_admin.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db

API = "/api/v1/facilities/"


def iso(day, hhmm):
    return f"{day.isoformat()}T{hhmm}:00+08:00"


def test_change_in_place_and_as_a_change_request(api_client, staff_user, facility_clerk, room, hall, day):
    api_client.force_authenticate(staff_user)
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    response = api_client.post(
        f"{API}bookings/{mine.pk}/change/", {"start": iso(day, "14:00"), "end": iso(day, "15:00")}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == mine.pk and response.json()["start"].startswith(f"{day}T14:00")

    approved = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=approved, user=facility_clerk)
    response = api_client.post(
        f"{API}bookings/{approved.pk}/change/", {"start": iso(day, "13:00"), "end": iso(day, "17:00")}, format="json"
    )
    assert response.status_code == 201, response.json()
    change = response.json()
    assert change["replaces"] == approved.pk and change["status"] == "pending"

    # staff may not decide; the clerk may, through the same rule as the page
    assert api_client.post(f"{API}bookings/{change['id']}/approve/", {}, format="json").status_code == 403
    api_client.force_authenticate(facility_clerk)
    response = api_client.post(f"{API}bookings/{change['id']}/approve/", {"reason": "同意"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    approved.refresh_from_db()
    assert approved.status == BookingStatus.CANCELLED


def test_change_errors_are_400_and_clashes_409(api_client, staff_user, make_user, room, day):
    api_client.force_authenticate(staff_user)
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    theirs = book(room, at(day, 11), at(day, 12), make_user("other"))
    bad = api_client.post(f"{API}bookings/{mine.pk}/change/", {"start": "yesterday"}, format="json")
    assert bad.status_code == 400 and "start" in bad.json()["errors"]
    backwards = api_client.post(
        f"{API}bookings/{mine.pk}/change/", {"start": iso(day, "12:00"), "end": iso(day, "11:00")}, format="json"
    )
    assert backwards.status_code == 400
    clash = api_client.post(
        f"{API}bookings/{mine.pk}/change/", {"start": iso(day, "11:00"), "end": iso(day, "12:00")}, format="json"
    )
    assert clash.status_code == 409 and clash.json()["conflicting_booking"] == theirs.pk
    assert api_client.post(f"{API}bookings/{theirs.pk}/change/", {"title": "x"}, format="json").status_code == 404


def test_reject_needs_a_reason_and_cancel_restore(api_client, staff_user, facility_clerk, hall, room, day):
    pending = book(hall, at(day, 8), at(day, 12), staff_user)
    api_client.force_authenticate(facility_clerk)
    assert api_client.post(f"{API}bookings/{pending.pk}/reject/", {}, format="json").status_code == 400
    assert (
        api_client.post(f"{API}bookings/{pending.pk}/reject/", {"reason": "整修"}, format="json").json()["status"]
        == "rejected"
    )

    api_client.force_authenticate(staff_user)
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    cancelled = api_client.post(f"{API}bookings/{mine.pk}/cancel/", {"reason": "改線上"}, format="json").json()
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "改線上"
    restored = api_client.post(f"{API}bookings/{mine.pk}/restore/", format="json")
    assert restored.status_code == 200 and restored.json()["status"] == "confirmed"


def test_check_in_through_the_api(api_client, staff_user, room):
    room.checkin_required = True
    room.save()
    start = timezone.now() + datetime.timedelta(minutes=10)
    booking = Booking(
        resource=room,
        start=start,
        end=start + datetime.timedelta(hours=1),
        title="x",
        requested_by=staff_user,
        status="confirmed",
    )
    booking.set_span()
    booking.save()
    api_client.force_authenticate(staff_user)
    response = api_client.post(f"{API}bookings/{booking.pk}/check-in/")
    assert response.status_code == 200 and response.json()["checked_in_at"]
    assert api_client.post(f"{API}bookings/{booking.pk}/check-in/").status_code == 409


def test_availability_and_free_search(api_client, staff_user, make_user, room, hall, day):
    taken = book(room, at(day, 9), at(day, 10), make_user("other"))
    api_client.force_authenticate(staff_user)
    response = api_client.get(
        f"{API}resources/{room.pk}/availability/", {"start": iso(day, "09:30"), "end": iso(day, "11:00")}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["free"] is False and [b["id"] for b in body["busy"]] == [taken.pk]
    free = api_client.get(
        f"{API}resources/{room.pk}/availability/", {"start": iso(day, "10:00"), "end": iso(day, "11:00")}
    )
    assert free.json()["free"] is True
    assert api_client.get(f"{API}resources/{room.pk}/availability/", {"start": "x", "end": "y"}).status_code == 400

    rows = api_client.get(
        f"{API}resources/free/", {"start": iso(day, "09:00"), "end": iso(day, "10:00"), "attendees": 100}
    ).json()
    by_id = {r["resource"]: r for r in rows}
    assert by_id[room.pk]["free"] is False and by_id[room.pk]["conflicting_booking"] == taken.pk
    assert any("容量" in reason for reason in by_id[room.pk]["reasons"])
    assert any("完整時段" in reason for reason in by_id[hall.pk]["reasons"])


def test_parking_permits_need_the_page_permission(api_client, staff_user, facility_clerk):
    api_client.force_authenticate(staff_user)
    body = {
        "center": Center.SIWEI,
        "plate": "abc-1234",
        "holder": "消防局",
        "valid_on": timezone.localdate().isoformat(),
    }
    assert api_client.post(f"{API}parking-permits/", body, format="json").status_code == 403
    api_client.force_authenticate(facility_clerk)
    response = api_client.post(f"{API}parking-permits/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["number"].startswith("SW") and response.json()["plate"] == "ABC-1234"
    assert api_client.post(f"{API}parking-permits/", {**body, "plate": "!!"}, format="json").status_code == 400
    api_client.force_authenticate(staff_user)
    assert api_client.get(f"{API}parking-permits/").json()["count"] == 0
    assert ParkingPermit.objects.count() == 1


def test_public_space_requests_and_decision(api_client, staff_user, facility_clerk):
    api_client.force_authenticate(staff_user)
    today = timezone.localdate()
    body = {
        "kind": "led_video",
        "center": Center.FENGSHAN,
        "agency": "衛生局",
        "title": "流感疫苗",
        "start_date": today.isoformat(),
        "end_date": today.isoformat(),
    }
    refused = api_client.post(f"{API}public-space-requests/", body, format="json")
    assert refused.status_code == 400 and "center" in refused.json()["errors"]
    created = api_client.post(f"{API}public-space-requests/", {**body, "center": Center.SIWEI}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert (
        api_client.post(f"{API}public-space-requests/{pk}/decide/", {"approve": True}, format="json").status_code == 403
    )
    api_client.force_authenticate(facility_clerk)
    decided = api_client.post(f"{API}public-space-requests/{pk}/decide/", {"approve": True}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert PublicSpaceRequest.objects.get(pk=pk).requested_by == staff_user


def test_closures_through_the_api(api_client, staff_user, facility_clerk, room):
    today = timezone.localdate()
    body = {"resource": room.pk, "start_date": today.isoformat(), "end_date": today.isoformat(), "reason": "颱風"}
    api_client.force_authenticate(staff_user)
    assert api_client.post(f"{API}closures/", body, format="json").status_code == 403
    api_client.force_authenticate(facility_clerk)
    assert api_client.post(f"{API}closures/", {**body, "end_date": "1900-01-01"}, format="json").status_code == 400
    assert api_client.post(f"{API}closures/", body, format="json").status_code == 201
    assert Closure.objects.get().created_by == facility_clerk


def test_new_lists_keep_constant_queries(api_client, facility_clerk):
    api_client.force_authenticate(facility_clerk)

    def add(n):
        for i in range(n):
            services.permit_issue(
                center=Center.SIWEI,
                plate=f"AB-{1000 + i}",
                holder="x",
                valid_on=timezone.localdate(),
                user=facility_clerk,
            )
            PublicSpaceRequest.objects.create(
                kind="lift_poster",
                center=Center.SIWEI,
                agency="a",
                title="t",
                start_date=timezone.localdate(),
                end_date=timezone.localdate(),
            )

    for path in ("parking-permits/", "public-space-requests/", "resources/"):
        assert_constant_queries(lambda path=path: api_client.get(f"{API}{path}"), add, warm_up=True)
