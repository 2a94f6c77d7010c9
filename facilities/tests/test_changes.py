"""Changing, cancelling and restoring bookings; competing requests; check-in and no-shows.

Every test here runs on SQLite and on PostgreSQL (DATABASE_URL): the clash guarantee of a change
is the same as of a new booking on both.
"""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from facilities import services, tasks
from facilities.choices import BookingStatus, CompetingPolicy, OpenDays, Recurrence
from facilities.models import Booking
from facilities.tests.conftest import at, book, working_day
from kaohsiung_admin.core.errors import ServiceError

pytestmark = pytest.mark.django_db


# --- change ------------------------------------------------------------------------------------


def test_change_in_place_on_a_room_keeps_the_clash_guarantee(room, day, staff_user, make_user):
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    theirs = book(room, at(day, 11), at(day, 12), make_user("other"))
    moved = services.booking_change(booking=mine, user=staff_user, start=at(day, 13), end=at(day, 14))
    assert moved.pk == mine.pk and moved.status == BookingStatus.CONFIRMED
    mine.refresh_from_db()
    assert (mine.start, mine.end) == (at(day, 13), at(day, 14))
    assert mine.blocked_start == at(day, 13)  # the span follows

    with pytest.raises(ServiceError, match="時間重疊") as caught:
        services.booking_change(booking=mine, user=staff_user, start=at(day, 11, 30), end=at(day, 12, 30))
    assert caught.value.conflicting == theirs
    mine.refresh_from_db()
    assert mine.start == at(day, 13)  # unchanged after the refusal
    # overlapping its own old span is not a clash
    assert services.booking_change(booking=mine, user=staff_user, end=at(day, 15)).end == at(day, 15)


def test_change_follows_the_rules_of_a_new_booking(room, day, staff_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    with pytest.raises(ServiceError, match="開放時間"):
        services.booking_change(booking=booking, user=staff_user, start=at(day, 21), end=at(day, 23))
    with pytest.raises(ServiceError, match="容量"):
        services.booking_change(booking=booking, user=staff_user, attendees=81)
    with pytest.raises(ServiceError, match="沒有任何變更"):
        services.booking_change(booking=booking, user=staff_user, title=booking.title)


def test_change_even_when_the_service_check_is_bypassed_the_database_refuses(
    room, day, staff_user, make_user, monkeypatch
):
    """The last line of defence: on PostgreSQL the exclusion constraint, on SQLite the write lock
    taken before the read — here the check itself is skipped, as in a lost race."""
    from django.db import connection

    mine = book(room, at(day, 9), at(day, 10), staff_user)
    book(room, at(day, 11), at(day, 12), make_user("other"))
    if connection.vendor != "postgresql":
        pytest.skip("the database constraint exists on PostgreSQL; SQLite's lock is tested in test_sqlite_concurrency")
    real = services.find_conflict
    calls = []

    def blind(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(services, "find_conflict", blind)
    with pytest.raises(ServiceError, match="時間重疊"):
        services.booking_change(booking=mine, user=staff_user, start=at(day, 11), end=at(day, 12))


def test_staff_change_only_their_own(room, day, staff_user, make_user, facility_clerk):
    theirs = book(room, at(day, 9), at(day, 10), make_user("other"))
    with pytest.raises(PermissionDenied):
        services.booking_change(booking=theirs, user=staff_user, title="改名")
    assert services.booking_change(booking=theirs, user=facility_clerk, title="改名").title == "改名"


def test_changing_an_approved_hall_booking_goes_back_to_the_queue_holding_the_old_slot(
    hall, day, staff_user, make_user, facility_clerk, django_capture_on_commit_callbacks
):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=booking, user=facility_clerk)

    change = services.booking_change(booking=booking, user=staff_user, start=at(day, 13), end=at(day, 17))
    assert change.pk != booking.pk and change.replaces == booking and change.status == BookingStatus.PENDING
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.start == at(day, 8)  # old slot held
    with pytest.raises(ServiceError, match="時間重疊"):
        book(hall, at(day, 8), at(day, 12), make_user("other"))
    # one change at a time
    with pytest.raises(ServiceError, match="待審核的變更"):
        services.booking_change(booking=booking, user=staff_user, start=at(day, 18), end=at(day, 22))
    assert change in Booking.objects.pending()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=change, user=facility_clerk)
    booking.refresh_from_db()
    change.refresh_from_db()
    assert change.status == BookingStatus.CONFIRMED
    assert booking.status == BookingStatus.CANCELLED and f"#{change.pk}" in booking.cancel_reason
    assert not booking.can_be_restored  # replaced, not undoable
    assert any("已核准" in m.subject for m in mail.outbox)
    # the old slot is free now
    assert book(hall, at(day, 8), at(day, 12), make_user("third")).status == BookingStatus.PENDING


def test_a_change_overlapping_its_own_old_slot_is_approved(hall, day, staff_user, facility_clerk):
    hall.slots = ""
    hall.save()
    booking = book(hall, at(day, 9), at(day, 11), staff_user)
    services.booking_approve(booking=booking, user=facility_clerk)
    change = services.booking_change(booking=booking, user=staff_user, start=at(day, 10), end=at(day, 12))
    services.booking_approve(booking=change, user=facility_clerk)
    change.refresh_from_db()
    assert change.status == BookingStatus.CONFIRMED


def test_a_rejected_change_leaves_the_booking_as_it_was(hall, day, staff_user, facility_clerk):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=booking, user=facility_clerk)
    change = services.booking_change(booking=booking, user=staff_user, attendees=300)
    services.booking_reject(booking=change, user=facility_clerk, reason="當日另有布置")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.attendees == 0
    # and the title alone changes in place, without the queue
    same = services.booking_change(booking=booking, user=staff_user, title="新名稱")
    assert same.pk == booking.pk and same.status == BookingStatus.CONFIRMED


def test_notice_periods_for_change_and_cancel_bind_staff_not_clerks(room, staff_user, facility_clerk):
    room.change_notice_hours = 48
    room.cancel_notice_hours = 24
    # Open every day: on a Friday night or a weekend the next working day is more than 48 hours
    # away, and the booking below must fall inside them (tomorrow, whatever day that is).
    room.open_days = OpenDays.EVERY_DAY
    room.save()
    tomorrow = working_day(1)
    if (at(tomorrow, 9) - timezone.now()) > datetime.timedelta(hours=47):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)  # keep it inside 48 hours
    booking = services.booking_create(
        resource=room, start=at(tomorrow, 9), end=at(tomorrow, 10), title="x", requested_by=facility_clerk
    )
    booking.requested_by = staff_user
    booking.save()
    with pytest.raises(ServiceError, match="48 小時變更"):
        services.booking_change(booking=booking, user=staff_user, title="改名")
    assert services.booking_change(booking=booking, user=facility_clerk, title="改名").title == "改名"

    far = book(room, at(working_day(21), 9), at(working_day(21), 10), staff_user)
    assert services.booking_change(booking=far, user=staff_user, title="改名").title == "改名"
    assert services.booking_cancel(booking=far, user=staff_user, reason="改期").status == BookingStatus.CANCELLED


def test_cancel_inside_the_notice_is_refused(room, day, staff_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    room.cancel_notice_hours = 24 * 60  # sixty days
    room.save()
    booking.refresh_from_db()
    with pytest.raises(ServiceError, match="1440 小時取消"):
        services.booking_cancel(booking=booking, user=staff_user, reason="改期")
    assert services.cancel_refusal(booking, clerk=False)
    assert services.cancel_refusal(booking, clerk=True) is None


# --- cancel with a reason and undo -------------------------------------------------------------


def test_cancel_records_the_reason_and_can_be_undone(room, day, staff_user, make_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    with pytest.raises(ServiceError, match="取消原因"):
        services.booking_cancel(booking=booking, user=staff_user, reason="  ", require_reason=True)
    cancelled = services.booking_cancel(booking=booking, user=staff_user, reason="會議延期", require_reason=True)
    assert cancelled.cancel_reason == "會議延期" and cancelled.can_be_restored

    restored = services.booking_restore(booking=cancelled, user=staff_user)
    assert restored.status == BookingStatus.CONFIRMED and restored.cancel_reason == "" and restored.cancelled_at is None
    assert not restored.can_be_restored


def test_undo_is_refused_once_someone_else_took_the_slot(room, day, staff_user, make_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    services.booking_cancel(booking=booking, user=staff_user, reason="延期")
    winner = book(room, at(day, 9, 30), at(day, 10, 30), make_user("other"))
    with pytest.raises(ServiceError, match=f"#{winner.pk}"):
        services.booking_restore(booking=booking, user=staff_user)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    with pytest.raises(PermissionDenied):
        services.booking_restore(booking=booking, user=make_user("stranger"))


def test_undo_of_a_pending_request_returns_it_to_the_queue(hall, day, staff_user):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_cancel(booking=booking, user=staff_user, reason="再確認")
    assert services.booking_restore(booking=booking, user=staff_user).status == BookingStatus.PENDING


def test_cancelling_a_booking_withdraws_its_pending_change(hall, day, staff_user, facility_clerk):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=booking, user=facility_clerk)
    change = services.booking_change(booking=booking, user=staff_user, start=at(day, 13), end=at(day, 17))
    services.booking_cancel(booking=booking, user=staff_user, reason="活動取消")
    change.refresh_from_db()
    assert change.status == BookingStatus.CANCELLED


def test_refund_rule_on_cancellation(room, day, staff_user):
    room.fee_per_hour = Decimal(600)
    room.full_refund_days = 30
    room.late_refund_percent = 40
    room.save()
    booking = book(room, at(day, 9), at(day, 11), staff_user)
    assert booking.fee == 1200
    cancelled = services.booking_cancel(booking=booking, user=staff_user, reason="延期")
    assert cancelled.refund == 480  # 21 days ahead: inside the 30 days, 40 %
    assert services.booking_restore(booking=cancelled, user=staff_user).refund == 0


# --- series ------------------------------------------------------------------------------------


def _series(room, day, user):
    _series, booked, _skipped = services.series_create(
        resource=room,
        start=at(day, 9),
        end=at(day, 10),
        recurrence=Recurrence.WEEKLY,
        until=day + datetime.timedelta(days=21),
        title="科務會議",
        requested_by=user,
    )
    return _series, booked


def test_a_whole_series_moves_at_once_or_not_at_all(room, day, staff_user, make_user):
    series, booked = _series(room, day, staff_user)
    assert len(booked) >= 3
    moved = services.series_change(
        series=series, user=staff_user, start_time=datetime.time(14), end_time=datetime.time(15), title="科務會報"
    )
    assert len(moved) == len(booked)
    assert {timezone.localtime(b.start).hour for b in Booking.objects.filter(series=series)} == {14}
    series.refresh_from_db()
    assert series.title == "科務會報"

    # one date taken: nothing moves, and the refusal names the date
    blocker_day = timezone.localtime(booked[1].start).date()
    book(room, at(blocker_day, 16), at(blocker_day, 17), make_user("other"))
    with pytest.raises(ServiceError, match="整個週期未變更") as caught:
        services.series_change(series=series, user=staff_user, start_time=datetime.time(16), end_time=datetime.time(17))
    assert f"{blocker_day:%m/%d}" in str(caught.value)
    assert {timezone.localtime(b.start).hour for b in Booking.objects.filter(series=series)} == {14}


def test_a_whole_series_is_cancelled_from_any_of_its_dates(room, day, staff_user):
    series, booked = _series(room, day, staff_user)
    cancelled, kept = services.series_cancel(series=series, user=staff_user, reason="業務調整")
    assert len(cancelled) == len(booked) and kept == []
    assert set(Booking.objects.filter(series=series).values_list("status", flat=True)) == {BookingStatus.CANCELLED}
    assert set(Booking.objects.filter(series=series).values_list("cancel_reason", flat=True)) == {"業務調整"}


def test_requester_is_told_when_a_series_is_about_to_end(room, staff_user):
    day = working_day(3)
    series, _booked = _series(room, day, staff_user)
    series.until = day + datetime.timedelta(days=7)
    series.save()
    Booking.objects.filter(series=series, start__gt=at(day + datetime.timedelta(days=8), 0)).delete()
    assert tasks.notify_series_ending() == 1
    assert any("即將結束" in m.subject and m.to == [staff_user.email] for m in mail.outbox)
    assert tasks.notify_series_ending() == 0  # once


# --- competing requests and escalation ---------------------------------------------------------


def test_approving_one_flags_the_competitors_by_default(hall, day, staff_user, make_user, facility_clerk):
    first = book(hall, at(day, 8), at(day, 12), staff_user)
    second = book(hall, at(day, 8), at(day, 12), make_user("other"))
    services.booking_approve(booking=first, user=facility_clerk)
    second.refresh_from_db()
    assert second.status == BookingStatus.PENDING and f"#{first.pk}" in second.competing_note


def test_approving_one_rejects_the_competitors_where_the_venue_says_so(
    hall, day, staff_user, make_user, facility_clerk, django_capture_on_commit_callbacks
):
    hall.competing_policy = CompetingPolicy.REJECT
    hall.save()
    other = make_user("other")
    first = book(hall, at(day, 8), at(day, 12), staff_user)
    second = book(hall, at(day, 8), at(day, 12), other)
    elsewhere = book(hall, at(day, 13), at(day, 17), other)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=first, user=facility_clerk)
    second.refresh_from_db()
    elsewhere.refresh_from_db()
    assert second.status == BookingStatus.REJECTED and f"#{first.pk}" in second.decision_reason
    assert elsewhere.status == BookingStatus.PENDING
    assert any(m.to == [other.email] and "未核准" in m.subject for m in mail.outbox)


def test_decision_deadline_never_after_the_event(hall, staff_user, facility_clerk):
    hall.advance_notice_days = 0
    hall.decision_days = 30
    hall.save()
    soon = working_day(3)
    booking = book(hall, at(soon, 8), at(soon, 12), staff_user)
    assert booking.decision_due() == soon - datetime.timedelta(days=1)


def test_overdue_decisions_are_escalated_to_the_unit_head_once(hall, day, staff_user, manager, facility_clerk):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    Booking.objects.filter(pk=booking.pk).update(decision_due_on=timezone.localdate() - datetime.timedelta(days=1))
    assert tasks.escalate_overdue_decisions() == 1
    assert any("逾期" in m.subject and manager.email in m.to for m in mail.outbox)
    booking.refresh_from_db()
    assert booking.escalated_at is not None
    assert tasks.escalate_overdue_decisions() == 0


# --- reminders, check-in, no-shows -------------------------------------------------------------


def test_reminder_before_the_booking_once(room, staff_user, facility_clerk):
    now = timezone.now()
    start = now + datetime.timedelta(hours=5)
    booking = Booking(
        resource=room, start=start, end=start + datetime.timedelta(hours=1), title="簡報", requested_by=staff_user
    )
    booking.status = BookingStatus.CONFIRMED
    booking.set_span()
    booking.save()
    assert tasks.send_booking_reminders() == 1
    assert any("行前提醒" in m.subject and m.to == [staff_user.email] for m in mail.outbox)
    assert tasks.send_booking_reminders() == 0


def _confirmed_now(resource, user, *, minutes_ago):
    start = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    booking = Booking(
        resource=resource, start=start, end=start + datetime.timedelta(hours=2), title="x", requested_by=user
    )
    booking.status = BookingStatus.CONFIRMED
    booking.set_span()
    booking.save()
    return booking


def test_a_booking_not_checked_in_is_released_by_the_beat_task(room, staff_user, make_user):
    room.checkin_required = True
    room.checkin_grace_minutes = 15
    room.save()
    late = _confirmed_now(room, staff_user, minutes_ago=20)
    assert tasks.release_no_shows() == 1
    late.refresh_from_db()
    assert late.status == BookingStatus.NO_SHOW and late.released_at is not None
    # the slot is free again for someone else
    other = make_user("other")
    taken = Booking(resource=room, start=late.start, end=late.end, title="y", requested_by=other, status="confirmed")
    taken.set_span()
    taken.save()


def test_checked_in_or_within_grace_is_kept(room, staff_user):
    room.checkin_required = True
    room.save()
    within = _confirmed_now(room, staff_user, minutes_ago=5)
    assert services.release_no_shows() == []
    checked = services.booking_check_in(booking=within, user=staff_user)
    assert checked.checked_in_at is not None
    with pytest.raises(ServiceError, match="已於"):
        services.booking_check_in(booking=within, user=staff_user)
    Booking.objects.filter(pk=within.pk).update(start=timezone.now() - datetime.timedelta(hours=1))
    assert services.release_no_shows() == []


def test_check_in_opens_half_an_hour_before(room, day, staff_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    with pytest.raises(ServiceError, match="30 分鐘"):
        services.booking_check_in(booking=booking, user=staff_user)
