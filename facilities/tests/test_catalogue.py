"""The catalogue (issue 14.5): venue photos, equipment lent with a booking one room at a time,
utilisation as a share of open hours with the no-show share."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from facilities import services
from facilities.choices import BookingStatus, Center, VenueGroup, VenueKind
from facilities.models import Booking, EquipmentItem, EquipmentLoan, VenuePhoto
from facilities.selectors import venue_utilisation
from facilities.tests.conftest import at, book, make_venue
from kaohsiung_admin.core.errors import ServiceError

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def projector(db):
    return EquipmentItem.objects.create(name="單槍投影機", code="PJ-01", center=Center.SIWEI)


@pytest.fixture
def room2(db):
    return make_venue(
        "四維第7會議室", kind=VenueKind.MEETING_ROOM, group=VenueGroup.MEETING_ROOM, capacity=40, needs_approval=False
    ).resource


# --- equipment ---------------------------------------------------------------------------------


def test_a_projector_is_lent_to_one_room_at_a_time(room, room2, projector, staff_user, make_user, day):
    mine = book(room, at(day, 9), at(day, 11), staff_user)
    loan = services.equipment_lend(booking=mine, item=projector, user=staff_user)
    assert loan.is_active and (loan.blocked_start, loan.blocked_end) == (mine.blocked_start, mine.blocked_end)
    other = make_user("other")
    theirs = book(room2, at(day, 10), at(day, 12), other)
    with pytest.raises(ServiceError) as refused:
        services.equipment_lend(booking=theirs, item=projector, user=other)
    assert refused.value.status == 409 and refused.value.conflicting_booking == mine.pk
    assert f"#{mine.pk}" in str(refused.value) and "四維第6會議室" in str(refused.value)
    # touching is not overlapping
    later = book(room, at(day, 11), at(day, 12), other)
    assert services.equipment_lend(booking=later, item=projector, user=other).is_active


def test_cancelling_or_returning_frees_the_item(room, room2, projector, staff_user, day):
    first = book(room, at(day, 9), at(day, 11), staff_user)
    loan = services.equipment_lend(booking=first, item=projector, user=staff_user)
    second = book(room2, at(day, 9), at(day, 11), staff_user)
    services.booking_cancel(booking=first, user=staff_user, reason="改期")
    loan.refresh_from_db()
    assert not loan.is_active
    assert services.equipment_lend(booking=second, item=projector, user=staff_user).is_active
    again = services.equipment_return(loan=EquipmentLoan.objects.get(booking=second), user=staff_user)
    assert not again.is_active


def test_moving_a_booking_takes_the_item_along_or_is_refused(room, room2, projector, staff_user, day):
    first = book(room, at(day, 9), at(day, 10), staff_user)
    services.equipment_lend(booking=first, item=projector, user=staff_user)
    second = book(room2, at(day, 14), at(day, 15), staff_user)
    services.equipment_lend(booking=second, item=projector, user=staff_user)
    services.booking_change(booking=first, user=staff_user, start=at(day, 11), end=at(day, 12))
    loan = EquipmentLoan.objects.get(booking=first)
    assert loan.blocked_start == at(day, 11)
    with pytest.raises(ServiceError, match="單槍投影機"):
        services.booking_change(booking=first, user=staff_user, start=at(day, 14), end=at(day, 15))
    first.refresh_from_db()
    assert first.start == at(day, 11)


def test_an_approved_change_takes_the_items_of_the_booking_it_replaces(
    hall, projector, staff_user, facility_clerk, day
):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=booking, user=facility_clerk)
    services.equipment_lend(booking=booking, item=projector, user=staff_user)
    change = services.booking_change(booking=booking, user=staff_user, start=at(day, 13), end=at(day, 17))
    # while the change waits, the item stays with the slot that is held
    assert EquipmentLoan.objects.get(is_active=True).booking == booking
    services.booking_approve(booking=change, user=facility_clerk)
    loan = EquipmentLoan.objects.get(is_active=True)
    assert loan.booking_id == change.pk and loan.blocked_start == Booking.objects.get(pk=change.pk).blocked_start


def test_items_of_another_center_or_of_others_bookings_are_refused(room, staff_user, make_user, day):
    fengshan = EquipmentItem.objects.create(name="無線麥克風", code="MIC-9", center=Center.FENGSHAN)
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    with pytest.raises(ServiceError, match="同一行政中心"):
        services.equipment_lend(booking=mine, item=fengshan, user=staff_user)
    from django.core.exceptions import PermissionDenied

    siwei = EquipmentItem.objects.create(name="無線麥克風", code="MIC-1", center=Center.SIWEI)
    with pytest.raises(PermissionDenied):
        services.equipment_lend(booking=mine, item=siwei, user=make_user("stranger"))


def test_postgres_refuses_overlapping_loans_itself(postgres, room, room2, projector, staff_user, day):
    first = book(room, at(day, 9), at(day, 11), staff_user)
    second = book(room2, at(day, 10), at(day, 12), staff_user)
    EquipmentLoan.objects.create(
        booking=first, item=projector, blocked_start=first.blocked_start, blocked_end=first.blocked_end
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EquipmentLoan.objects.create(
            booking=second, item=projector, blocked_start=second.blocked_start, blocked_end=second.blocked_end
        )
    # an inactive loan holds nothing
    EquipmentLoan.objects.create(
        booking=second,
        item=projector,
        blocked_start=second.blocked_start,
        blocked_end=second.blocked_end,
        is_active=False,
    )


def test_lend_on_the_booking_page_and_through_the_api(client, api_client, room, room2, projector, staff_user, day):
    mine = book(room, at(day, 9), at(day, 11), staff_user)
    client.force_login(staff_user)
    page = client.get(f"/facilities/bookings/{mine.pk}/").content.decode()
    assert "單槍投影機（PJ-01）" in page
    client.post(f"/facilities/bookings/{mine.pk}/equipment/", {"item": projector.pk})
    assert EquipmentLoan.objects.filter(booking=mine, is_active=True).count() == 1

    other = book(room2, at(day, 10), at(day, 12), staff_user)
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        f"/api/v1/facilities/bookings/{other.pk}/equipment/", {"item": projector.pk}, format="json"
    )
    assert response.status_code == 409 and response.json()["conflicting_booking"] == mine.pk
    assert (
        api_client.post(f"/api/v1/facilities/bookings/{other.pk}/equipment/", {"item": "x"}, format="json").status_code
        == 400
    )
    services.equipment_return(loan=EquipmentLoan.objects.get(booking=mine), user=staff_user)
    response = api_client.post(
        f"/api/v1/facilities/bookings/{other.pk}/equipment/", {"item": projector.pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["item_name"] == "單槍投影機"


# --- photos ------------------------------------------------------------------------------------


def test_clerk_uploads_a_photo_shown_on_the_venue_page_and_the_booking_form(
    client, room, staff_user, facility_clerk, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    venue = room.venue
    client.force_login(staff_user)
    assert client.post(f"/facilities/venues/{venue.pk}/photos/", {}).status_code == 403
    client.force_login(facility_clerk)
    refused = client.post(
        f"/facilities/venues/{venue.pk}/photos/",
        {"image": SimpleUploadedFile("x.png", b"%PDF-1.4 not an image"), "caption": "講台"},
    )
    assert refused.status_code == 200 and not VenuePhoto.objects.exists()
    response = client.post(
        f"/facilities/venues/{venue.pk}/photos/",
        {"image": SimpleUploadedFile("stage.png", PNG, content_type="image/png"), "caption": "講台及投影幕"},
    )
    assert response.status_code == 302
    photo = VenuePhoto.objects.get()
    client.force_login(staff_user)
    calendar = client.get(f"/facilities/resources/{room.pk}/calendar/").content.decode()
    assert "講台及投影幕" in calendar and f"/facilities/venue-photos/{photo.pk}/" in calendar
    form = client.get(f"/facilities/bookings/new/?resource={room.pk}").content.decode()
    assert "講台及投影幕" in form
    assert client.get(f"/facilities/venue-photos/{photo.pk}/").status_code == 200


# --- utilisation -------------------------------------------------------------------------------


def test_utilisation_as_a_share_of_open_hours_and_no_shows(client, room, staff_user, facility_clerk, day):
    year = day.year
    book(room, at(day, 9), at(day, 13), staff_user)
    released = book(room, at(day, 14), at(day, 16), staff_user)
    Booking.objects.filter(pk=released.pk).update(status=BookingStatus.NO_SHOW)
    row = next(r for r in venue_utilisation(year) if r["resource"].pk == room.pk)
    # open 08–22 on working days: 14 hours a working day
    assert row["open_hours"] % 14 == 0 and row["open_hours"] > 14 * 200
    assert row["booked_hours"] == 4.0
    assert row["percent"] == round(100 * 4 / row["open_hours"], 1)
    assert (row["no_shows"], row["no_show_percent"]) == (1, 50.0)
    client.force_login(facility_clerk)
    page = client.get(f"/facilities/utilisation/?year={year}").content.decode()
    assert 'data-testid="utilisation-share"' in page and "<progress" in page
    assert f'data-testid="no-show-{room.pk}">50.0%' in page


def test_closure_days_are_not_open_hours(room, day):
    from facilities.models import Closure
    from facilities.selectors import open_hours
    from kaohsiung_admin.core.dates import WorkdayCalendar

    calendar = WorkdayCalendar()
    full = open_hours(room, day.year, calendar, [])
    closure = Closure(resource=room, start_date=day, end_date=day, reason="整修")
    assert open_hours(room, day.year, calendar, [closure]) == full - 14
    assert datetime.date(day.year, 1, 1) <= day
