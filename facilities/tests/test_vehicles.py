"""Cars by kind: any free car of the kind is dispatched; the clerk assigns car and driver; the
fleet register."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from facilities import services
from facilities.choices import BookingStatus, Center, OpenDays, ResourceType, VehicleKind
from facilities.models import Booking, Resource, Vehicle
from facilities.tests.conftest import at
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db


def make_car(plate, kind=VehicleKind.OFFICIAL_CAR, seats=5, **extra):
    resource = Resource.objects.create(
        resource_type=ResourceType.VEHICLE,
        name=f"{kind} {plate}",
        center=Center.SIWEI,
        open_days=OpenDays.EVERY_DAY,
        opens_at=datetime.time(6),
        closes_at=datetime.time(23),
    )
    return Vehicle.objects.create(resource=resource, kind=kind, plate=plate, seats=seats, driver_name="黃國華", **extra)


def request(kind, day, user, passengers=1, hours=(8, 12)):
    return services.trip_request_by_kind(
        kind=kind,
        start=at(day, hours[0]),
        end=at(day, hours[1]),
        destination="高雄市議會",
        title="出席會議",
        passengers=passengers,
        requested_by=user,
    )


def test_any_free_car_of_the_kind_and_seats_is_dispatched(day, staff_user, facility_clerk):
    small = make_car("RBB-2001", seats=5)
    van = make_car("RBB-2002", seats=7)
    make_car("RAA-1101", kind=VehicleKind.CEREMONIAL_CAR, seats=4)
    first = request(VehicleKind.OFFICIAL_CAR, day, staff_user)
    assert first.booking.resource == small.resource and first.requested_kind == VehicleKind.OFFICIAL_CAR
    services.booking_approve(booking=first.booking, user=facility_clerk)
    second = request(VehicleKind.OFFICIAL_CAR, day, staff_user)
    assert second.booking.resource == van.resource  # the small one is taken
    group = request(VehicleKind.OFFICIAL_CAR, day, staff_user, passengers=6, hours=(13, 15))
    assert group.booking.resource == van.resource  # only the van seats six
    services.booking_approve(booking=second.booking, user=facility_clerk)
    with pytest.raises(ServiceError, match="沒有可派的公務車"):
        request(VehicleKind.OFFICIAL_CAR, day, staff_user, hours=(9, 10))


def test_clerk_assigns_another_car_and_the_driver(day, staff_user, facility_clerk, make_user):
    small = make_car("RBB-2001")
    other = make_car("RBB-2003", driver_phone="0912-000-111")
    trip = request(VehicleKind.OFFICIAL_CAR, day, staff_user)
    with pytest.raises(PermissionDenied):
        services.trip_assign(trip=trip, user=staff_user, vehicle=other)
    trip = services.trip_assign(trip=trip, user=facility_clerk, vehicle=other, driver_name="張志明")
    trip.booking.refresh_from_db()
    assert trip.booking.resource == other.resource and trip.driver_name == "張志明"
    assert trip.driver_phone == "0912-000-111"
    # the clash guarantee holds for the assignment
    blocker = services.trip_request(
        vehicle=small, start=at(day, 9), end=at(day, 10), destination="x", title="y", requested_by=staff_user
    )
    services.booking_approve(booking=blocker.booking, user=facility_clerk)
    with pytest.raises(ServiceError, match="時間重疊"):
        services.trip_assign(trip=trip, user=facility_clerk, vehicle=small)


def test_vehicle_request_page_says_派車(client, staff_user, facility_clerk, day):
    make_car("RBB-2001")
    client.force_login(staff_user)
    response = client.post(
        reverse("facilities:trip-create"),
        {
            "kind": VehicleKind.OFFICIAL_CAR,
            "day": day.isoformat(),
            "start_time": "08:00",
            "end_time": "12:00",
            "destination": "鳳山區公所",
            "title": "會勘",
            "passengers": 2,
        },
        follow=True,
    )
    body = response.content.decode()
    assert "派車申請" in body and "派車 #" in body
    booking = Booking.objects.get()
    client.force_login(facility_clerk)
    assert "指派車輛及駕駛" in client.get(booking.get_absolute_url()).content.decode()


def test_fleet_register_shows_age_mileage_and_cost(client, facility_clerk, staff_user):
    car = make_car(
        "RBB-2001", acquired_on=datetime.date(2016, 3, 1), purchase_cost=Decimal(850000), annual_cost=Decimal(96000)
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    trip = services.trip_request(
        vehicle=car,
        start=at(tomorrow, 9),
        end=at(tomorrow, 11),
        destination="x",
        title="y",
        requested_by=staff_user,
    )
    Booking.objects.filter(pk=trip.booking_id).update(status=BookingStatus.CONFIRMED)
    trip.odometer_start, trip.odometer_end = 120_000, 120_042
    trip.save()
    client.force_login(facility_clerk)
    response = client.get(reverse("facilities:fleet-register"))
    row = response.context["rows"][0]
    assert row["mileage"] == 120_042 and row["trips"] == 1 and row["km"] == 42 and row["age"] > 8
    assert "850,000" in response.content.decode() or "85萬" in response.content.decode()
    assert "120,042" in response.content.decode()  # the odometer reads with thousands separators
    client.force_login(staff_user)
    assert client.get(reverse("facilities:fleet-register")).status_code == 403


def test_fleet_register_query_count_is_constant(client, facility_clerk):
    client.force_login(facility_clerk)

    def add(n):
        start = Vehicle.objects.count()
        for i in range(n):
            make_car(f"RCC-{3000 + start + i}")

    assert_constant_queries(lambda: client.get(reverse("facilities:fleet-register")), add, warm_up=True)
