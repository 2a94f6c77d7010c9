import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from facilities import services
from facilities.choices import BookingStatus, Center, MaintenanceCategory, MaintenanceStatus, Recurrence
from facilities.models import Booking, Closure, ParkingPermit
from facilities.tests.conftest import at, book, non_working_day, working_day
from kaohsiung_admin.core.errors import ServiceError

pytestmark = pytest.mark.django_db


# --- clashes -----------------------------------------------------------------------------------


def test_room_without_approval_confirms_at_once(room, day, staff_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    assert booking.status == BookingStatus.CONFIRMED


def test_overlap_with_confirmed_booking_is_refused_naming_it(room, day, staff_user):
    first = book(room, at(day, 9), at(day, 11), staff_user)
    with pytest.raises(ServiceError, match="時間重疊") as caught:
        book(room, at(day, 10), at(day, 12), staff_user)
    assert caught.value.conflicting == first
    assert f"#{first.pk}" in caught.value.message
    assert "09:00–11:00" in caught.value.message
    assert Booking.objects.count() == 1


def test_touching_end_and_start_is_allowed(room, day, staff_user):
    book(room, at(day, 9), at(day, 10), staff_user)
    second = book(room, at(day, 10), at(day, 11), staff_user)
    third = book(room, at(day, 8), at(day, 9), staff_user)
    assert second.status == third.status == BookingStatus.CONFIRMED


def test_cancelled_and_rejected_bookings_do_not_block(room, hall, day, staff_user, facility_clerk):
    cancelled = book(room, at(day, 9), at(day, 10), staff_user)
    services.booking_cancel(booking=cancelled, user=staff_user)
    assert book(room, at(day, 9), at(day, 10), staff_user).status == BookingStatus.CONFIRMED

    rejected = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_reject(booking=rejected, user=facility_clerk, reason="場地整修")
    again = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=again, user=facility_clerk)
    again.refresh_from_db()
    assert again.status == BookingStatus.CONFIRMED


def test_pending_requests_queue_and_approving_a_clash_is_refused(hall, day, staff_user, make_user, facility_clerk):
    other = make_user("other")
    first = book(hall, at(day, 8), at(day, 12), staff_user)
    second = book(hall, at(day, 8), at(day, 12), other)  # competing request: allowed to queue
    assert first.status == second.status == BookingStatus.PENDING

    services.booking_approve(booking=second, user=facility_clerk)
    with pytest.raises(ServiceError, match="時間重疊") as caught:
        services.booking_approve(booking=first, user=facility_clerk)
    assert caught.value.conflicting.pk == second.pk
    first.refresh_from_db()
    assert first.status == BookingStatus.PENDING
    # and once the slot is confirmed, new requests for it are refused at once
    with pytest.raises(ServiceError, match="時間重疊"):
        book(hall, at(day, 8), at(day, 12), staff_user)


def test_buffers_widen_the_blocked_span(day, staff_user):
    from facilities.tests.conftest import make_venue

    atrium = make_venue("四維中庭", buffer_before_minutes=60, buffer_after_minutes=30, needs_approval=False).resource
    book(atrium, at(day, 9), at(day, 12), staff_user)
    with pytest.raises(ServiceError, match="時間重疊"):
        book(atrium, at(day, 12), at(day, 14), staff_user)  # would start inside the tear-down
    assert book(atrium, at(day, 13, 30), at(day, 15), staff_user).status == BookingStatus.CONFIRMED


def test_only_clerks_decide(hall, day, staff_user):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    with pytest.raises(PermissionDenied):
        services.booking_approve(booking=booking, user=staff_user)


def test_reject_needs_a_reason(hall, day, staff_user, facility_clerk):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    with pytest.raises(ServiceError):
        services.booking_reject(booking=booking, user=facility_clerk, reason=" ")


def test_decision_is_mailed_to_the_requester_after_commit(
    hall, day, staff_user, facility_clerk, django_capture_on_commit_callbacks
):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=booking, user=facility_clerk, reason="同意")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff_user.email]
    assert "已核准" in mail.outbox[0].subject
    assert "同意" in mail.outbox[0].body


# --- rules -------------------------------------------------------------------------------------


def test_outside_opening_hours_is_refused(room, day, staff_user):
    with pytest.raises(ServiceError) as caught:
        book(room, at(day, 21), at(day, 23), staff_user)
    assert "開放時間" in " ".join(caught.value.messages)


def test_non_working_day_is_refused(room, staff_user):
    sunday = non_working_day(10)
    with pytest.raises(ServiceError) as caught:
        book(room, at(sunday, 9), at(sunday, 10), staff_user)
    assert "非上班日" in " ".join(caught.value.messages)


def test_closure_dates_are_refused_for_resource_and_whole_center(room, day, staff_user):
    Closure.objects.create(resource=room, start_date=day, end_date=day, reason="地毯更新")
    with pytest.raises(ServiceError) as caught:
        book(room, at(day, 9), at(day, 10), staff_user)
    assert "地毯更新" in " ".join(caught.value.messages)

    later = working_day((day - timezone.localdate()).days + 1)
    Closure.objects.create(center=Center.SIWEI, start_date=later, end_date=later, reason="全棟停電")
    with pytest.raises(ServiceError) as caught:
        book(room, at(later, 9), at(later, 10), staff_user)
    assert "全棟停電" in " ".join(caught.value.messages)

    Closure.objects.create(
        center=Center.FENGSHAN, start_date=day, end_date=day + datetime.timedelta(days=30), reason="鳳山"
    )
    other = working_day((later - timezone.localdate()).days + 1)
    assert book(room, at(other, 9), at(other, 10), staff_user).status == BookingStatus.CONFIRMED


def test_slots_must_be_whole(hall, day, staff_user):
    with pytest.raises(ServiceError) as caught:
        book(hall, at(day, 9), at(day, 11), staff_user)
    assert "完整時段" in " ".join(caught.value.messages)
    assert book(hall, at(day, 8), at(day, 17), staff_user).status == BookingStatus.PENDING  # two slots


def test_advance_notice_applies_to_staff_not_clerks(hall, staff_user, facility_clerk):
    soon = working_day(3)
    with pytest.raises(ServiceError) as caught:
        book(hall, at(soon, 8), at(soon, 12), staff_user)
    assert "14 日前" in " ".join(caught.value.messages)
    assert book(hall, at(soon, 8), at(soon, 12), facility_clerk).pk


def test_past_and_far_future_are_refused(room, staff_user):
    past = timezone.localdate() - datetime.timedelta(days=7)
    with pytest.raises(ServiceError):
        book(room, at(past, 9), at(past, 10), staff_user)
    far = working_day(400)
    with pytest.raises(ServiceError) as caught:
        book(room, at(far, 9), at(far, 10), staff_user)
    assert "180 日內" in " ".join(caught.value.messages)


def test_duration_limits(room, day, staff_user):
    with pytest.raises(ServiceError):
        book(room, at(day, 9), at(day, 9, 15), staff_user)


# --- cancelling, fees --------------------------------------------------------------------------


def test_staff_may_cancel_only_their_own(room, day, staff_user, make_user, facility_clerk):
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    theirs = book(room, at(day, 10), at(day, 11), make_user("other"))
    with pytest.raises(PermissionDenied):
        services.booking_cancel(booking=theirs, user=staff_user)
    assert services.booking_cancel(booking=mine, user=staff_user).status == BookingStatus.CANCELLED
    assert services.booking_cancel(booking=theirs, user=facility_clerk).status == BookingStatus.CANCELLED


def test_refund_full_ahead_half_late(room, day, staff_user):
    room.fee_per_hour = Decimal(1000)
    room.save()
    booking = book(room, at(day, 9), at(day, 11), staff_user)
    assert booking.fee == 2000
    local_day = timezone.localtime(booking.start).date()
    assert services.refund_for(booking, today=local_day - datetime.timedelta(days=3)) == 2000
    assert services.refund_for(booking, today=local_day - datetime.timedelta(days=1)) == 1000


# --- recurring bookings ------------------------------------------------------------------------


def test_recurrence_dates_weekly_and_monthly():
    start = datetime.date(2023, 1, 31)
    assert services.recurrence_dates(start, Recurrence.WEEKLY, datetime.date(2023, 2, 14)) == [
        datetime.date(2023, 1, 31),
        datetime.date(2023, 2, 7),
        datetime.date(2023, 2, 14),
    ]
    # months without a 31st are skipped rather than moved
    assert services.recurrence_dates(start, Recurrence.MONTHLY, datetime.date(2023, 5, 31)) == [
        datetime.date(2023, 1, 31),
        datetime.date(2023, 3, 31),
        datetime.date(2023, 5, 31),
    ]


def test_series_preview_lists_clashes_before_saving_and_create_skips_them(room, day, staff_user, make_user):
    from kaohsiung_admin.core.dates import WorkdayCalendar

    dates = [day + datetime.timedelta(days=7 * n) for n in range(5)]
    taken_day = next(d for d in dates[1:] if WorkdayCalendar().is_working_day(d))
    taken = book(room, at(taken_day, 9, 30), at(taken_day, 10, 30), make_user("other"))
    until = day + datetime.timedelta(days=28)
    before = Booking.objects.count()
    preview = services.series_preview(
        resource=room, start=at(day, 9), end=at(day, 10), recurrence=Recurrence.WEEKLY, until=until
    )
    assert Booking.objects.count() == before  # nothing saved by the preview
    assert [o.start.date() for o in preview] == dates
    clashing = [o for o in preview if o.conflict]
    assert [o.conflict.pk for o in clashing] == [taken.pk]

    _series, booked, skipped = services.series_create(
        resource=room,
        start=at(day, 9),
        end=at(day, 10),
        recurrence=Recurrence.WEEKLY,
        until=until,
        title="週會",
        requested_by=staff_user,
    )
    assert len(booked) + len(skipped) == 5
    assert taken_day not in [timezone.localtime(b.start).date() for b in booked]
    assert all(b.series_id == _series.pk for b in booked)


# --- vehicles, maintenance, permits ------------------------------------------------------------


def test_trip_request_and_log(car, day, staff_user, facility_clerk):
    trip = services.trip_request(
        vehicle=car,
        start=at(day, 8),
        end=at(day, 12),
        destination="高雄市議會",
        title="出席會議",
        passengers=3,
        requested_by=staff_user,
    )
    assert trip.booking.resource == car.resource
    assert trip.booking.status == BookingStatus.PENDING
    services.booking_approve(booking=trip.booking, user=facility_clerk)
    with pytest.raises(ServiceError, match="時間重疊"):
        services.trip_request(
            vehicle=car, start=at(day, 11), end=at(day, 13), destination="x", title="y", requested_by=staff_user
        )
    with pytest.raises(ServiceError):
        services.trip_request(
            vehicle=car,
            start=at(day, 13),
            end=at(day, 14),
            destination="x",
            title="y",
            passengers=9,
            requested_by=staff_user,
        )
    with pytest.raises(ServiceError, match="出車前"):
        services.trip_log(trip=trip, odometer_start=100, odometer_end=142)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Booking.objects.filter(pk=trip.booking_id).update(start=yesterday, end=yesterday + datetime.timedelta(hours=2))
    with pytest.raises(ServiceError):
        services.trip_log(trip=trip, odometer_start=100, odometer_end=90)
    trip = services.trip_log(trip=trip, odometer_start=100, odometer_end=142, fuel_out=80, fuel_in=55, damage_in="無")
    assert trip.distance_km == 42 and trip.fuel_in == 55


def test_maintenance_flow_stamps_each_status(staff_user, facility_clerk):
    item = services.maintenance_create(
        center=Center.SIWEI,
        category=MaintenanceCategory.ELEVATOR,
        location="東側電梯",
        description="異音",
        requested_by=staff_user,
    )
    assert item.status == MaintenanceStatus.RECEIVED and item.received_at
    with pytest.raises(PermissionDenied):
        services.maintenance_advance(
            request=item, user=staff_user, status=MaintenanceStatus.ASSIGNED, contractor="崇友"
        )
    with pytest.raises(ServiceError):
        services.maintenance_advance(request=item, user=facility_clerk, status=MaintenanceStatus.CLOSED)
    with pytest.raises(ServiceError):
        services.maintenance_advance(
            request=item, user=facility_clerk, status=MaintenanceStatus.ASSIGNED
        )  # no contractor
    item = services.maintenance_advance(
        request=item, user=facility_clerk, status=MaintenanceStatus.ASSIGNED, contractor="崇友電梯"
    )
    item = services.maintenance_advance(request=item, user=facility_clerk, status=MaintenanceStatus.IN_PROGRESS)
    item = services.maintenance_advance(
        request=item, user=facility_clerk, status=MaintenanceStatus.COMPLETED, resolution="更換滾輪"
    )
    item = services.maintenance_advance(request=item, user=facility_clerk, status=MaintenanceStatus.CLOSED)
    assert item.assigned_at <= item.started_at <= item.completed_at <= item.closed_at


def test_permit_numbers_run_per_center_and_year(facility_clerk):
    today = timezone.localdate()
    first = services.permit_issue(
        center=Center.SIWEI, plate="abc 1234", holder="財政局", valid_on=today, user=facility_clerk
    )
    second = services.permit_issue(
        center=Center.SIWEI, plate="ABC-1235", holder="財政局", valid_on=today, user=facility_clerk
    )
    other = services.permit_issue(
        center=Center.FENGSHAN, plate="ABC-1236", holder="財政局", valid_on=today, user=facility_clerk
    )
    roc = today.year - 1911
    assert first.number == f"SW{roc}-00001"
    assert second.number == f"SW{roc}-00002"
    assert other.number == f"FS{roc}-00001"
    assert first.plate == "ABC1234"
    assert ParkingPermit.objects.count() == 3
