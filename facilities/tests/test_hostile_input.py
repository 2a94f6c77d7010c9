"""Hostile input to the pages and the API answers 200/302/400, never a 500.

Each test names the request that used to raise (found by fuzzing with schemathesis and the test
client); Django's test client re-raises a view's exception, so a regression fails loudly.
"""

import pytest
from django.urls import reverse

from facilities.choices import BookingStatus
from facilities.models import Booking, VehicleTrip
from facilities.tests.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, facility_clerk):
    client.force_login(facility_clerk)
    return client


@pytest.fixture
def pending(room, day, staff_user):
    booking = Booking(
        resource=room,
        start=at(day, 9),
        end=at(day, 10),
        title="會議",
        status=BookingStatus.PENDING,
        requested_by=staff_user,
    )
    booking.set_span()
    booking.save()
    return booking


# --- list filters: dates at the ends of the calendar, ids past the database's integers ----------


@pytest.mark.parametrize(
    "url",
    [
        "facilities:booking-list",
        "facilities:my-bookings",
        "facilities:trip-list",
        "facilities:maintenance-list",
        "facilities:permit-list",
        "facilities:publicspace-list",
    ],
)
@pytest.mark.parametrize(
    "query",
    [
        {"date_to": "9999-12-31"},  # was OverflowError: the next midnight does not exist
        {"date_from": "0001-01-01"},  # was OverflowError: Taipei midnight of year 1 is before UTC's year 1
        {"date_from": "2022-02-30", "date_to": "garbage"},
        {"venue": "99999999999999999999"},  # was OverflowError: Python int too large for SQLite INTEGER
        {"vehicle": "99999999999999999999"},
        {"venue": "-1", "vehicle": "1.5"},
        {"page": "abc"},
        {"page": "99999"},
        {"ordering": "nonexistent"},
        {"export": "csv", "date_to": "9999-12-31"},
    ],
)
def test_list_pages_ignore_impossible_filters(clerk_client, room, url, query):
    response = clerk_client.get(reverse(url), query)
    assert response.status_code == 200


def test_a_filter_at_the_calendar_ends_is_a_field_error_in_the_api(token_client, room):
    client = token_client()
    for url in ("/api/v1/facilities/bookings/", "/api/v1/facilities/maintenance-requests/"):
        for query, field in (({"date_to": "9999-12-31"}, "date_to"), ({"date_from": "0001-01-01"}, "date_from")):
            response = client.get(url, query)
            assert response.status_code == 400, (url, query)
            assert field in response.json()["errors"]
    for url, field in (("/api/v1/facilities/bookings/", "venue"), ("/api/v1/facilities/vehicle-trips/", "vehicle")):
        response = client.get(url, {field: "99999999999999999999"})
        assert response.status_code == 400
        assert field in response.json()["errors"]
    response = client.get("/api/v1/facilities/bookings/", {"date_from": "2022-01-01", "date_to": "2200-12-31"})
    assert response.status_code == 200


def test_calendars_show_today_for_a_date_off_the_calendar(clerk_client, room):
    for url in (
        reverse("facilities:resource-calendar", args=[room.pk]),
        reverse("facilities:center-calendar", args=["siwei"]),
    ):
        for date in ("9999-12-31", "0001-01-01", "2022-02-30", "garbage"):
            for view in ("day", "week"):
                response = clerk_client.get(url, {"date": date, "view": view})
                assert response.status_code == 200, (url, date, view)


# --- forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, "abc", "-1"])
def test_booking_and_trip_forms_ignore_a_strange_resource_in_the_address(clerk_client, value):
    # "²".isdigit() is true but int("²") raises: the prefill used to answer 500
    for url in ("facilities:booking-create", "facilities:trip-create"):
        assert clerk_client.get(reverse(url), {"resource": value}).status_code == 200


def test_trip_log_refuses_times_off_the_calendar(clerk_client, car, day, staff_user):
    from facilities import services

    trip = services.trip_request(
        vehicle=car,
        start=at(day, 9),
        end=at(day, 11),
        destination="鳳山行政中心",
        title="公務",
        passengers=2,
        requested_by=staff_user,
    )
    url = reverse("facilities:trip-log", args=[trip.pk])
    # 0001-01-01 00:00 in Taipei is before year 1 in UTC: saving it raised OverflowError
    for value in ("0001-01-01T00:00", "0001-01-01", "9999-12-31T23:59"):
        response = clerk_client.post(url, {"odometer_start": 100, "odometer_end": 120, "departed_at": value})
        assert response.status_code == 200
        assert "departed_at" in response.context["form"].errors
    trip.refresh_from_db()
    assert trip.departed_at is None and trip.odometer_end is None
    assert VehicleTrip.objects.count() == 1


@pytest.mark.parametrize("target", ["javascript:alert(1)", "x" * 300, "\x00", "http://[::1", "//evil.example/"])
def test_booking_actions_go_home_for_a_bad_next(clerk_client, pending, target):
    # `next` used to go straight to redirect(): NoReverseMatch or ValueError (500), or off-site
    for action in ("booking-reject", "booking-restore"):
        response = clerk_client.post(
            reverse(f"facilities:{action}", args=[pending.pk]), {"reason": "場地維修", "next": target}
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/facilities/")
    # the cancel question ignores `next`: after a cancel it shows the booking (with the undo)
    response = clerk_client.post(
        reverse("facilities:booking-cancel", args=[pending.pk]), {"reason": "場地維修", "next": target}
    )
    assert response.status_code == 409  # already rejected: said on the page, not a 500


def test_booking_actions_still_go_back_to_the_page_they_were_on(clerk_client, pending):
    response = clerk_client.post(
        reverse("facilities:booking-approve", args=[pending.pk]), {"next": "/facilities/bookings/?status=pending"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/facilities/bookings/?status=pending"


@pytest.mark.parametrize("day", ["9999-12-30", "0001-01-02", "1911-12-29"])
def test_a_clerk_cannot_book_a_day_off_the_calendar(clerk_client, room, day):
    # A clerk waives the booking window, so 9999-12-30 used to be saved; the approval queue then
    # added a day to its end in SQL and failed for everyone ("string or blob too big", 500).
    response = clerk_client.post(
        reverse("facilities:booking-create"),
        {"resource": room.pk, "day": day, "start_time": "10:00", "end_time": "11:00", "title": "x"},
    )
    assert response.status_code == 200
    assert "day" in response.context["form"].errors
    assert not Booking.objects.exists()
    assert clerk_client.get(reverse("facilities:booking-queue")).status_code == 200


def test_the_booking_rules_refuse_a_span_off_the_calendar(room):
    import datetime

    from facilities import services
    from kaohsiung_admin.core.dates import TAIPEI

    start = datetime.datetime(9999, 12, 30, 10, tzinfo=TAIPEI)
    errors = services.booking_rule_errors(
        resource=room, start=start, end=start + datetime.timedelta(hours=1), enforce_notice=False
    )
    assert errors == ["日期須介於 1912 年與 2200 年之間。"]


def test_other_facility_forms_refuse_dates_off_the_calendar(clerk_client, room):
    from facilities.models import Closure, ParkingPermit, PublicSpaceRequest

    closure = clerk_client.post(
        reverse("facilities:closure-list"),
        {"resource": room.pk, "start_date": "0001-01-01", "end_date": "9999-12-31", "reason": "整修"},
    )
    assert closure.status_code == 200 and {"start_date", "end_date"} <= set(closure.context["form"].errors)
    permit = clerk_client.post(
        reverse("facilities:permit-create"),
        {"center": "siwei", "plate": "ABC-1234", "holder": "消防局", "valid_on": "9999-12-31"},
    )
    assert permit.status_code == 200 and "valid_on" in permit.context["form"].errors
    assert not Closure.objects.exists() and not ParkingPermit.objects.exists()
    assert not PublicSpaceRequest.objects.exists()
