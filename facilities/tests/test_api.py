import datetime

import pytest

from facilities.choices import BookingStatus, Center, VenueKind
from facilities.models import Booking, MaintenanceRequest, VehicleTrip
from facilities.tests.conftest import at, make_venue
from kaohsiung_admin.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db

BOOKINGS = "/api/v1/facilities/bookings/"


def row(resource, start, end, user=None, status=BookingStatus.CONFIRMED, title="會議"):
    booking = Booking(resource=resource, start=start, end=end, title=title, status=status, requested_by=user)
    booking.set_span()
    booking.save()
    return booking


def payload(resource, day, start="09:00", end="10:00", **extra):
    return {
        "resource": resource.pk,
        "start": f"{day.isoformat()}T{start}:00+08:00",
        "end": f"{day.isoformat()}T{end}:00+08:00",
        "title": "消防局業務協調會",
        "organiser": "消防局",
        **extra,
    }


def test_token_with_write_books_and_clash_answers_409_with_the_booking_id(token_client, room, day):
    client = token_client(write=["facilities.bookings"])
    response = client.post(BOOKINGS, payload(room, day), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "confirmed" and body["channel"] == "api"
    assert body["start"].startswith(f"{day.isoformat()}T09:00:00+08:00")

    clash = client.post(BOOKINGS, payload(room, day, "09:30", "11:00"), format="json")
    assert clash.status_code == 409
    assert clash.json()["code"] == "booking_conflict"
    assert clash.json()["conflicting_booking"] == body["id"]
    assert str(body["id"]) in clash.json()["detail"]

    touching = client.post(BOOKINGS, payload(room, day, "10:00", "11:00"), format="json")
    assert touching.status_code == 201


def test_token_without_write_may_read_but_not_book(token_client, room, day):
    client = token_client(write=[])
    assert client.get(BOOKINGS).status_code == 200
    response = client.post(BOOKINGS, payload(room, day), format="json")
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_bad_input_answers_400_with_field_errors(token_client, room, day):
    client = token_client(write=["facilities.bookings"])
    response = client.post(BOOKINGS, {"resource": 999999, "start": "yesterday", "title": ""}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"resource", "start", "end", "title"} <= set(errors)
    response = client.post(BOOKINGS, payload(room, day, "10:00", "09:00"), format="json")
    assert response.status_code == 400 and "end" in response.json()["errors"]
    # a broken rule (outside opening hours) is a 400 too, in words
    response = client.post(BOOKINGS, payload(room, day, "21:00", "23:00"), format="json")
    assert response.status_code == 400
    assert "開放時間" in str(response.json()["errors"])


def test_filters_center_kind_status_and_date_range(token_client, room, hall, day):
    fengshan = make_venue("鳳山第1會議室", center=Center.FENGSHAN, kind=VenueKind.MEETING_ROOM).resource
    next_day = day + datetime.timedelta(days=1)
    a = row(room, at(day, 9), at(day, 10))
    b = row(hall, at(day, 13), at(day, 17), status=BookingStatus.PENDING)
    c = row(fengshan, at(next_day, 9), at(next_day, 10))
    client = token_client()

    def ids(query):
        response = client.get(BOOKINGS + query)
        assert response.status_code == 200
        return sorted(item["id"] for item in response.json()["results"])

    assert ids("?center=siwei") == sorted([a.pk, b.pk])
    assert ids("?kind=auditorium") == [b.pk]
    assert ids("?status=confirmed") == sorted([a.pk, c.pk])
    assert ids(f"?date_from={next_day}") == [c.pk]
    assert ids(f"?date_to={day}") == sorted([a.pk, b.pk])
    assert ids(f"?venue={room.venue.pk}") == [a.pk]
    assert [item["id"] for item in client.get(BOOKINGS + "?ordering=start").json()["results"]] == [a.pk, b.pk, c.pk]
    assert client.get(BOOKINGS + "?status=nonsense").status_code == 400


def test_signed_in_staff_see_only_their_own_bookings(api_client, staff_user, make_user, room, day):
    mine = row(room, at(day, 9), at(day, 10), staff_user)
    row(room, at(day, 10), at(day, 11), make_user("other"))
    api_client.force_authenticate(staff_user)
    assert [b["id"] for b in api_client.get(BOOKINGS).json()["results"]] == [mine.pk]


def test_staff_cancel_through_the_api_only_their_own(api_client, staff_user, make_user, room, day):
    mine = row(room, at(day, 9), at(day, 10), staff_user)
    theirs = row(room, at(day, 10), at(day, 11), make_user("other"))
    api_client.force_authenticate(staff_user)
    assert api_client.post(f"{BOOKINGS}{theirs.pk}/cancel/").status_code == 404
    response = api_client.post(f"{BOOKINGS}{mine.pk}/cancel/", {"reason": "改期"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert api_client.post(f"{BOOKINGS}{mine.pk}/cancel/").status_code == 409


def test_vehicle_trip_request_and_clash(token_client, car, day, facility_clerk):
    from facilities import services

    client = token_client(write=["facilities.vehicle-trips"])
    body = {
        "vehicle": car.pk,
        "start": f"{day}T08:30:00+08:00",
        "end": f"{day}T12:00:00+08:00",
        "destination": "高雄市議會",
        "purpose": "出席會議",
        "passengers": 2,
    }
    response = client.post("/api/v1/facilities/vehicle-trips/", body, format="json")
    assert response.status_code == 201, response.json()
    trip = VehicleTrip.objects.get()
    services.booking_approve(booking=trip.booking, user=facility_clerk)
    clash = client.post("/api/v1/facilities/vehicle-trips/", body, format="json")
    assert clash.status_code == 409 and clash.json()["conflicting_booking"] == trip.booking_id
    listed = client.get("/api/v1/facilities/vehicle-trips/?status=confirmed").json()["results"]
    assert listed[0]["plate"] == "RBB-2001" and listed[0]["destination"] == "高雄市議會"


def test_maintenance_requests_api_create_and_filter(api_client, staff_user):
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        "/api/v1/facilities/maintenance-requests/",
        {
            "center": "fengshan",
            "category": "elevator",
            "location": "後棟電梯",
            "description": "異音",
            "status": "closed",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "received"  # status is not the requester's to set
    assert MaintenanceRequest.objects.get().requested_by == staff_user
    assert len(api_client.get("/api/v1/facilities/maintenance-requests/?category=elevator").json()["results"]) == 1
    assert api_client.get("/api/v1/facilities/maintenance-requests/?category=hvac").json()["results"] == []


def test_venues_filter_by_center_and_kind(token_client, room, hall):
    make_venue("鳳山大禮堂", center=Center.FENGSHAN)
    client = token_client()
    names = [v["name"] for v in client.get("/api/v1/facilities/venues/?center=siwei&kind=auditorium").json()["results"]]
    assert names == ["四維大禮堂"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/facilities/venues/",
        BOOKINGS,
        "/api/v1/facilities/maintenance-requests/",
        "/api/v1/facilities/vehicle-trips/",
    ],
)
def test_api_lists_cost_the_same_for_1_and_50_rows(token_client, car, day, url):
    client = token_client()
    counter = {"n": 0}

    def add(n):
        for _ in range(n):
            i = counter["n"]
            counter["n"] += 1
            venue = make_venue(f"會議室{i}")
            start = at(day, 6) + datetime.timedelta(minutes=10 * i)
            booking = row(venue.resource, start, start + datetime.timedelta(minutes=5))
            trip_booking = row(car.resource, start, start + datetime.timedelta(minutes=5))
            VehicleTrip.objects.create(booking=trip_booking, destination="議會")
            MaintenanceRequest.objects.create(center="siwei", category="cctv", location="B1", description="x")
            assert booking.pk

    # the token's first use of the day is recorded once: warm up, then measure. Each row adds two
    # bookings (a room's and the car's trip), so 20 rows keep the bookings list on one page: a
    # list longer than a page also asks for its total (core.paginator), a short one is its own.
    assert_constant_queries(lambda: client.get(url), add, warm_up=True, sizes=(1, 20))


def test_attendees_over_capacity_is_400(token_client, room, day):
    client = token_client(write=["facilities.bookings"])
    response = client.post(BOOKINGS, payload(room, day, attendees=500), format="json")
    assert response.status_code == 400
    assert "容量" in str(response.json()["errors"])
