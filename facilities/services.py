"""Writes of the facilities app: bookings (one engine for venues and vehicles) and requests.

No double booking: two *confirmed* bookings of a resource never overlap. PostgreSQL refuses
the overlap itself (exclusion constraint `facilities_booking_no_overlap`, migration 0002); the
services check first so that the user reads which booking clashes, and turn the constraint's
IntegrityError (a race lost to a concurrent request) into the same refusal: a
`core.errors.ServiceError` with code `booking_conflict` (409, `conflicting_booking` = its id). SQLite has
no such constraint: there the check runs in a transaction that takes SQLite's write lock before
it reads, so two writers cannot both pass the check.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from facilities.choices import (
    ACTIVE_BOOKING_STATUSES,
    MAINTENANCE_FLOW,
    ApplicationStatus,
    BookingChannel,
    BookingStatus,
    Center,
    CompetingPolicy,
    MaintenanceStatus,
    OpenDays,
    PaymentStatus,
    Recurrence,
    ResourceType,
    VehicleKind,
)
from facilities.db import BOOKING_NO_OVERLAP, EQUIPMENT_NO_OVERLAP
from facilities.models import (
    CORRECTION_LIMIT,
    MAX_DURATION_MINUTES,
    Booking,
    Closure,
    EquipmentItem,
    EquipmentLoan,
    FeeRule,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    RecurringSeries,
    Resource,
    SpaceApplication,
    Vehicle,
    VehicleTrip,
    Venue,
)
from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR, WorkdayCalendar, in_office_calendar
from kaohsiung_admin.core.deadlines import deadline
from kaohsiung_admin.core.decisions import record_decision
from kaohsiung_admin.core.errors import ServiceError, messages_for
from kaohsiung_admin.core.formatting import display_date, roc_date, roc_year
from kaohsiung_admin.core.numbering import next_number


def booking_refused(errors) -> ServiceError:
    """The request breaks one or more of the resource's rules (hours, closure, slots, notice…):
    an input error (400), every broken rule in words."""
    return ServiceError(errors, code="invalid", status=400)


def booking_conflict(conflicting: Booking) -> ServiceError:
    """The request overlaps a confirmed booking of the same resource: 409 naming it."""
    local_start = timezone.localtime(conflicting.start)
    local_end = timezone.localtime(conflicting.end)
    message = _("與已核准的預約 #%(id)s（%(resource)s %(day)s %(start)s–%(end)s）時間重疊，請改選其他時段。") % {
        "id": conflicting.pk,
        "resource": conflicting.resource.name,
        "day": f"{roc_year(local_start.year)}/{local_start:%m/%d}",
        "start": f"{local_start:%H:%M}",
        "end": f"{local_end:%H:%M}",
    }
    error = ServiceError(message, code="booking_conflict", status=409, conflicting_booking=conflicting.pk)
    error.conflicting = conflicting  # the series preview shows it; not part of the API body
    return error


def is_clerk(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("facilities.decide_booking"))


# --- rules -------------------------------------------------------------------------------------


def _local_dates(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    first = timezone.localtime(start).date()
    last = timezone.localtime(end - datetime.timedelta(microseconds=1)).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def booking_rule_errors(
    *,
    resource: Resource,
    start: datetime.datetime,
    end: datetime.datetime,
    enforce_notice: bool = True,
    calendar: WorkdayCalendar | None = None,
    closures: list[Closure] | None = None,
) -> list[str]:
    """Every rule of the resource the request [start, end) breaks, in words (empty: allowed).

    `enforce_notice` is off for clerks booking on someone's behalf: they may waive the advance
    notice and the booking window, never the hours, closures or slots.
    """
    errors: list[str] = []
    if not resource.is_active:
        errors.append(_("「%(name)s」目前不開放預約。") % {"name": resource.name})
    if end <= start:
        return [*errors, _("結束時間必須晚於開始時間。")]
    if not (in_office_calendar(start) and in_office_calendar(end)):
        # 0001-01-01 or 9999-12-31 (a clerk waives the booking window): such a row would break
        # every later sum of its dates (the approval queue, calendars, the iCalendar feed)
        return [
            *errors,
            _("日期須介於 %(first)s 年與 %(last)s 年之間。") % {"first": FIRST_YEAR, "last": LAST_YEAR},
        ]
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    minutes = (end - start).total_seconds() / 60
    if minutes < resource.min_duration_minutes:
        errors.append(_("使用時間至少 %(n)s 分鐘。") % {"n": resource.min_duration_minutes})
    longest = min(resource.max_duration_minutes, MAX_DURATION_MINUTES)
    if minutes > longest:
        errors.append(_("使用時間最長 %(n)s 分鐘。") % {"n": longest})

    if resource.opens_at is not None and resource.closes_at is not None:
        same_day = local_start.date() == local_end.date()
        if not same_day or local_start.time() < resource.opens_at or local_end.time() > resource.closes_at:
            errors.append(
                _("超出開放時間：「%(name)s」開放 %(opens)s–%(closes)s，且須於同一日內。")
                % {
                    "name": resource.name,
                    "opens": f"{resource.opens_at:%H:%M}",
                    "closes": f"{resource.closes_at:%H:%M}",
                }
            )

    dates = _local_dates(start, end)
    if resource.open_days == OpenDays.WORKING_DAYS:
        calendar = calendar or WorkdayCalendar()
        for day in dates:
            if not calendar.is_working_day(day):
                errors.append(
                    _("%(day)s 非上班日，「%(name)s」不開放。")
                    % {"day": f"{roc_year(day.year)}/{day:%m/%d}", "name": resource.name}
                )
                break

    if closures is None:
        closures = list(closures_for(resource, dates[0], dates[-1]))
    for closure in closures:
        if closure.start_date <= dates[-1] and closure.end_date >= dates[0]:
            errors.append(
                _("「%(name)s」於 %(start)s–%(end)s 暫停開放（%(reason)s）。")
                % {
                    "name": resource.name,
                    "start": f"{roc_year(closure.start_date.year)}/{closure.start_date:%m/%d}",
                    "end": f"{roc_year(closure.end_date.year)}/{closure.end_date:%m/%d}",
                    "reason": closure.reason,
                }
            )
            break

    slots = resource.slot_list()
    if slots:
        starts = [s for s, _e in slots]
        ends = [e for _s, e in slots]
        if local_start.time() not in starts or local_end.time() not in ends or local_start.date() != local_end.date():
            errors.append(
                _("「%(name)s」須以完整時段預約：%(slots)s。")
                % {"name": resource.name, "slots": "、".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in slots)}
            )

    if enforce_notice:
        today = timezone.localdate()
        if start <= timezone.now():
            errors.append(_("不能預約已經過去的時間。"))
        else:
            days_ahead = (local_start.date() - today).days
            # [S] DOMAIN.md "Venues": apply at least N days ahead (14 at other cities' halls).
            if days_ahead < resource.advance_notice_days:
                n = resource.advance_notice_days
                errors.append(
                    ngettext(
                        "「%(name)s」須於使用日 %(n)s 日前提出申請。", "「%(name)s」須於使用日 %(n)s 日前提出申請。", n
                    )
                    % {"name": resource.name, "n": n}
                )
            if days_ahead > resource.booking_window_days:
                errors.append(
                    _("「%(name)s」僅受理 %(n)s 日內的預約。")
                    % {"name": resource.name, "n": resource.booking_window_days}
                )
    return errors


def closures_for(resource: Resource, first: datetime.date, last: datetime.date):
    return Closure.objects.filter(
        Q(resource=resource) | Q(resource__isnull=True, center=resource.center),
        start_date__lte=last,
        end_date__gte=first,
    )


def find_conflict(
    *, resource: Resource, blocked_start: datetime.datetime, blocked_end: datetime.datetime, exclude_pk=None
) -> Booking | None:
    """The confirmed booking of `resource` whose blocked span meets [blocked_start, blocked_end)."""
    queryset = (
        Booking.objects.of_resource(resource)
        .filter(status=BookingStatus.CONFIRMED)
        .overlapping(blocked_start, blocked_end)
    )
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    # No ORDER BY/LIMIT in SQL: with them the planner walks the `start` index instead of probing
    # the exclusion constraint's GiST index. Confirmed overlaps are few by construction.
    found = list(queryset.select_related("resource"))
    return min(found, key=lambda b: b.start) if found else None


def _take_write_lock(resource: Resource) -> None:
    """On SQLite, take the database write lock before reading, so check-then-insert is atomic.

    SQLite transactions begin deferred: two of them could both read "no clash" and then both
    write. A write as the first statement takes the RESERVED lock at once; the other writer
    waits (busy timeout) and reads after we commit. It must come before any read of the
    transaction: in WAL mode a transaction that read before another writer committed cannot
    write at all (SQLITE_BUSY_SNAPSHOT). PostgreSQL needs no lock: its exclusion constraint
    decides.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE facilities_resource SET updated_at = updated_at WHERE id = %s", [resource.pk])


def _is_overlap_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)
    return name == BOOKING_NO_OVERLAP or BOOKING_NO_OVERLAP in str(exc)


def _save_guarded(booking: Booking, **save_kwargs) -> None:
    """Save; if the database refuses an overlap (a concurrent request won), name the winner."""
    try:
        with transaction.atomic():
            booking.save(**save_kwargs)
    except IntegrityError as exc:
        if not _is_overlap_violation(exc):
            raise
        conflicting = find_conflict(
            resource=booking.resource,
            blocked_start=booking.blocked_start,
            blocked_end=booking.blocked_end,
            exclude_pk=booking.pk,
        )
        if conflicting is None:  # the winner was cancelled in the meantime; rare: ask to retry
            raise booking_refused(_("此時段剛被其他人預約，請重新整理後再試。"))
        raise booking_conflict(conflicting)


def _fee(resource: Resource, minutes: int) -> Decimal:
    return (resource.fee_per_hour * Decimal(minutes) / Decimal(60)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@transaction.atomic
def booking_create(
    *,
    resource: Resource,
    start: datetime.datetime,
    end: datetime.datetime,
    title: str,
    requested_by=None,
    organiser: str = "",
    attendees: int = 0,
    contact_phone: str = "",
    note: str = "",
    channel: str = BookingChannel.WEB,
    series: RecurringSeries | None = None,
    enforce_notice: bool | None = None,
) -> Booking:
    """Request a booking. A resource that needs no approval confirms at once.

    Raises ServiceError: code "invalid" (a rule is broken) or "booking_conflict" (a confirmed
    booking overlaps: a request for a taken slot is refused at once, even where approval is
    needed).
    Competing *pending* requests may queue for the same slot; the clerk picks one.
    """
    _take_write_lock(resource)  # first: on SQLite no read may precede the lock in this transaction
    if enforce_notice is None:
        enforce_notice = not is_clerk(requested_by)
    errors = booking_rule_errors(resource=resource, start=start, end=end, enforce_notice=enforce_notice)
    venue = getattr(resource, "venue", None) if resource.resource_type == ResourceType.VENUE else None
    if venue is not None and venue.capacity and attendees > venue.capacity:
        errors.append(_("人數超過場地容量（%(n)s 人）。") % {"n": venue.capacity})
    if errors:
        raise booking_refused(errors)
    booking = Booking(
        resource=resource,
        start=start,
        end=end,
        title=title,
        organiser=organiser,
        attendees=attendees,
        contact_phone=contact_phone,
        note=note,
        requested_by=requested_by,
        created_by=requested_by,
        channel=channel,
        series=series,
        status=BookingStatus.PENDING if resource.needs_approval else BookingStatus.CONFIRMED,
    )
    booking.set_span()
    booking.fee = _fee(resource, booking.duration_minutes)
    conflicting = find_conflict(resource=resource, blocked_start=booking.blocked_start, blocked_end=booking.blocked_end)
    if conflicting is not None:
        raise booking_conflict(conflicting)
    if booking.status == BookingStatus.CONFIRMED:
        booking.decided_at = timezone.now()
        booking.decision_reason = _("免審核，自動核准")
    else:
        booking.decision_due_on = booking.compute_decision_due()
    _save_guarded(booking)
    if booking.status == BookingStatus.CONFIRMED:
        _notify_decision(booking)
    return booking


def _notify_decision(booking: Booking) -> None:
    if booking.requested_by_id is None:
        return
    from facilities.tasks import send_booking_decision

    booking_id = booking.pk
    transaction.on_commit(lambda: send_booking_decision.delay(booking_id))


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("resource").get(pk=booking.pk)


def _competing_pending(booking: Booking):
    """Other pending requests whose blocked span meets `booking`'s (changes of it excluded)."""
    return (
        Booking.objects.of_resource(booking.resource)
        .filter(status=BookingStatus.PENDING)
        .overlapping(booking.blocked_start, booking.blocked_end)
        .exclude(pk=booking.pk)
        .select_related("resource")
    )


def _settle_competitors(booking: Booking, user) -> list[Booking]:
    """After `booking` is approved, the other pending requests for its slot are rejected with
    the reason or flagged for the clerk, as the resource's `competing_policy` says."""
    settled = []
    reason = _("同一時段已核准其他申請（#%(id)s）。") % {"id": booking.pk}
    for other in _competing_pending(booking).select_for_update(of=("self",)):
        if booking.resource.competing_policy == CompetingPolicy.REJECT:
            record_decision(other, approve=False, by=user, reason=reason, rejected=BookingStatus.REJECTED)
            _sync_application(other)
            _notify_decision(other)
        else:
            other.competing_note = reason
            other.save(update_fields=["competing_note", "updated_at"])
        settled.append(other)
    return settled


@transaction.atomic
def booking_approve(*, booking: Booking, user, reason: str = "") -> Booking:
    """Confirm a pending request, unless a confirmed booking now holds the slot.

    A change request (`replaces`) takes over from the booking it replaces in the same
    transaction: the old one is cancelled (its slot freed) and the new one confirmed, or neither.
    """
    _take_write_lock(booking.resource)
    if not is_clerk(user):
        raise PermissionDenied
    booking = _locked(booking)
    if SpaceApplication.objects.filter(booking=booking, status=ApplicationStatus.CORRECTION).exists():
        raise ServiceError(_("此申請待補正中，請待申請人補正後再審核。"), code="in_correction")
    old = None
    if booking.status == BookingStatus.PENDING and booking.replaces_id:
        old = Booking.objects.select_for_update().select_related("resource").get(pk=booking.replaces_id)
        if old.status not in ACTIVE_BOOKING_STATUSES:
            old = None
    if booking.status == BookingStatus.PENDING:
        conflicting = find_conflict(
            resource=booking.resource,
            blocked_start=booking.blocked_start,
            blocked_end=booking.blocked_end,
            exclude_pk=booking.pk,
        )
        if conflicting is not None and not (old is not None and conflicting.pk == old.pk):
            raise booking_conflict(conflicting)
    record_decision(booking, approve=True, by=user, reason=reason, approved=BookingStatus.CONFIRMED, save=False)
    if old is not None:
        old.status = BookingStatus.CANCELLED
        old.status_before_cancel = ""  # replaced, not undoable: the change took its place
        old.cancelled_at = timezone.now()
        old.cancel_reason = _("已變更為預約 #%(id)s。") % {"id": booking.pk}
        old.refund = Decimal(0)  # the fee moves to the changed booking
        old.save()
        _move_loans(old, booking)
        _sync_loans(old)
    booking.competing_note = ""
    _save_guarded(booking)
    _sync_application(booking)
    _settle_competitors(booking, user)
    _notify_decision(booking)
    return booking


@transaction.atomic
def booking_reject(*, booking: Booking, user, reason: str) -> Booking:
    """Refuse a pending request (a change request refused leaves the old booking as it was)."""
    _take_write_lock(booking.resource)
    if not is_clerk(user):
        raise PermissionDenied
    booking = _locked(booking)
    record_decision(booking, approve=False, by=user, reason=reason, rejected=BookingStatus.REJECTED)
    _sync_application(booking)
    _notify_decision(booking)
    return booking


def refund_for(booking: Booking, *, today: datetime.date | None = None) -> Decimal:
    """The refund of DOMAIN.md "Venues" [S]: the whole fee when cancelled at least
    `full_refund_days` ahead, else `late_refund_percent` of it; nothing for a booking that was
    never confirmed (nothing was paid) or whose fee was waived."""
    if booking.status != BookingStatus.CONFIRMED or not booking.fee:
        return Decimal(0)
    today = today or timezone.localdate()
    days_ahead = (timezone.localtime(booking.start).date() - today).days
    if days_ahead >= booking.resource.full_refund_days:
        return booking.fee
    share = Decimal(booking.resource.late_refund_percent) / Decimal(100)
    return (booking.fee * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _check_owner(booking: Booking, user) -> bool:
    """The requester may act on their own booking, a clerk on any; returns whether a clerk."""
    clerk = is_clerk(user)
    if not clerk and booking.requested_by_id != getattr(user, "pk", None):
        raise PermissionDenied
    return clerk


def _notice_error(booking: Booking, hours: int, what: str) -> str | None:
    """The requester's notice period for a change or a cancellation, if it has passed."""
    if hours and booking.start - datetime.timedelta(hours=hours) < timezone.now():
        return _("「%(name)s」須於開始前 %(n)s 小時%(what)s；請洽管理人員。") % {
            "name": booking.resource.name,
            "n": hours,
            "what": what,
        }
    return None


def cancel_refusal(booking: Booking, *, clerk: bool) -> str | None:
    """Why this booking cannot be cancelled now (None: it can). Shown before the user asks."""
    if booking.status not in ACTIVE_BOOKING_STATUSES:
        return _("此預約已%(s)s，無法取消。") % {"s": booking.get_status_display()}
    now = timezone.now()
    if booking.end <= now:
        return _("已結束的預約無法取消。")
    if clerk:
        return None
    if booking.start <= now:
        return _("已開始的預約無法取消；請洽管理人員。")
    return _notice_error(booking, booking.resource.cancel_notice_hours, _("取消"))


@transaction.atomic
def booking_cancel(*, booking: Booking, user, reason: str = "", require_reason: bool = False) -> Booking:
    """Cancel a request or booking: the requester their own (within the resource's cancellation
    notice), a clerk any. The reason is recorded; the refund follows `refund_for`. A cancellation
    can be undone (`booking_restore`) until the booking starts, while its slot is still free."""
    _take_write_lock(booking.resource)
    clerk = _check_owner(booking, user)
    booking = _locked(booking)
    reason = (reason or "").strip()
    if require_reason and not reason:
        raise ServiceError(_("請填寫取消原因。"), code="reason_required", status=400, field="reason")
    refusal = cancel_refusal(booking, clerk=clerk)
    if refusal:
        raise ServiceError(refusal, code="not_cancellable")
    booking.refund = refund_for(booking)
    booking.status_before_cancel = booking.status
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancel_reason = reason[:200]
    booking.save()
    # a pending change of this booking has nothing left to replace
    for change in Booking.objects.filter(replaces=booking, status=BookingStatus.PENDING).select_for_update():
        change.status_before_cancel = ""
        change.status = BookingStatus.CANCELLED
        change.cancelled_at = booking.cancelled_at
        change.cancel_reason = _("原預約 #%(id)s 已取消。") % {"id": booking.pk}
        change.save()
        _sync_loans(change)
    _sync_application(booking)
    if clerk and booking.requested_by_id != user.pk:
        _notify_decision(booking)
    return booking


@transaction.atomic
def booking_restore(*, booking: Booking, user) -> Booking:
    """Undo a cancellation: the booking returns to the status it had, if it has not started, its
    slot is still free and the resource's hours and closures still allow it."""
    _take_write_lock(booking.resource)
    _check_owner(booking, user)
    booking = _locked(booking)
    if not booking.can_be_restored:
        raise ServiceError(_("此預約的取消無法復原。"), code="not_restorable")
    errors = booking_rule_errors(resource=booking.resource, start=booking.start, end=booking.end, enforce_notice=False)
    if errors:
        raise booking_refused(errors)
    conflicting = find_conflict(
        resource=booking.resource,
        blocked_start=booking.blocked_start,
        blocked_end=booking.blocked_end,
        exclude_pk=booking.pk,
    )
    if conflicting is not None:
        raise booking_conflict(conflicting)
    booking.status = booking.status_before_cancel
    booking.status_before_cancel = ""
    booking.cancelled_at = None
    booking.cancel_reason = ""
    booking.refund = Decimal(0)
    if booking.status == BookingStatus.PENDING:
        booking.decision_due_on = booking.compute_decision_due()
    _save_guarded(booking)
    return booking


# --- changing a booking ------------------------------------------------------------------------

CHANGEABLE = ("resource", "start", "end", "title", "organiser", "attendees", "contact_phone", "note")
# A change of any of these moves the booking: the rules, the clash check and (for an approved
# booking of a venue that needs approval) the clerk's decision apply again.
MOVING = ("resource", "start", "end", "attendees")


def change_refusal(booking: Booking, *, clerk: bool) -> str | None:
    if booking.status not in ACTIVE_BOOKING_STATUSES:
        return _("此預約已%(s)s，無法變更。") % {"s": booking.get_status_display()}
    if booking.start <= timezone.now():
        return _("已開始的預約無法變更。")
    if booking.replaces_id is None and booking.changes.filter(status=BookingStatus.PENDING).exists():
        return _("此預約已有待審核的變更申請，請待審核結果或先撤回該申請。")
    if clerk:
        return None
    return _notice_error(booking, booking.resource.change_notice_hours, _("變更"))


@transaction.atomic
def booking_change(*, booking: Booking, user, **changes) -> Booking:
    """Change a booking's time, room (or car), head-count or title under the same rules and clash
    guarantee as a new one.

    Returns the booking as it now stands: the same row changed in place, or — for an approved
    booking of a resource that needs approval, changed by its requester in time, room or
    head-count — a new pending change request (`replaces` = the booking), which keeps the old
    slot until a clerk decides.
    """
    unknown = set(changes) - set(CHANGEABLE)
    if unknown:
        raise TypeError(f"not changeable: {sorted(unknown)}")
    target = changes.get("resource") or booking.resource
    _take_write_lock(target)
    clerk = _check_owner(booking, user)
    booking = _locked(booking)
    refusal = change_refusal(booking, clerk=clerk)
    if refusal:
        raise ServiceError(refusal, code="not_changeable")
    values = {name: changes.get(name, getattr(booking, name)) for name in CHANGEABLE}
    values["resource"] = target
    if target.resource_type != booking.resource.resource_type:
        raise booking_refused(_("場地與車輛不可互換。"))
    moved = any(values[name] != getattr(booking, name) for name in MOVING)
    if not moved and all(values[name] == getattr(booking, name) for name in CHANGEABLE):
        raise ServiceError(_("沒有任何變更。"), code="unchanged", status=400)
    if moved:
        errors = booking_rule_errors(
            resource=target, start=values["start"], end=values["end"], enforce_notice=not clerk
        )
        venue = getattr(target, "venue", None) if target.resource_type == ResourceType.VENUE else None
        if venue is not None and venue.capacity and values["attendees"] > venue.capacity:
            errors.append(_("人數超過場地容量（%(n)s 人）。") % {"n": venue.capacity})
        if errors:
            raise booking_refused(errors)

    reapproval = moved and booking.status == BookingStatus.CONFIRMED and target.needs_approval and not clerk
    if reapproval:
        change = Booking(
            **values,
            status=BookingStatus.PENDING,
            requested_by=booking.requested_by,
            created_by=user,
            channel=booking.channel,
            series=booking.series,
            replaces=booking,
        )
        change.set_span()
        change.fee = _fee(target, change.duration_minutes)
        conflicting = find_conflict(
            resource=target, blocked_start=change.blocked_start, blocked_end=change.blocked_end, exclude_pk=booking.pk
        )
        if conflicting is not None:
            raise booking_conflict(conflicting)
        change.decision_due_on = change.compute_decision_due()
        change.save()
        return change

    for name, value in values.items():
        setattr(booking, name, value)
    if moved:
        booking.set_span()
        booking.fee = _fee(target, booking.duration_minutes)
        if booking.status == BookingStatus.PENDING and not target.needs_approval:
            booking.status = BookingStatus.CONFIRMED
            booking.decided_at = timezone.now()
            booking.decision_reason = _("免審核，自動核准")
        elif booking.status == BookingStatus.PENDING:
            booking.decision_due_on = booking.compute_decision_due()
        booking.reminder_sent_at = None
        conflicting = find_conflict(
            resource=target,
            blocked_start=booking.blocked_start,
            blocked_end=booking.blocked_end,
            exclude_pk=booking.pk,
        )
        if conflicting is not None:
            raise booking_conflict(conflicting)
    _save_guarded(booking)
    if moved:
        _sync_loans(booking)
    if clerk and booking.requested_by_id not in (None, user.pk) and moved:
        _notify_decision(booking)
    return booking


def series_open_bookings(series: RecurringSeries):
    """The occurrences of a series still to come and still open, in date order."""
    return (
        Booking.objects.filter(series=series, status__in=ACTIVE_BOOKING_STATUSES, start__gt=timezone.now())
        .filter(replaces__isnull=True)
        .select_related("resource")
        .order_by("start")
    )


@transaction.atomic
def series_change(
    *,
    series: RecurringSeries,
    user,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    **changes,
) -> list[Booking]:
    """Change every coming occurrence of a series at once (new hours of the day, room, title,
    head-count): all of them or none — the refusal lists each date that cannot move."""
    bookings = list(series_open_bookings(series))
    if not bookings:
        raise ServiceError(_("此週期預約已沒有可變更的日期。"), code="not_changeable")
    tz = timezone.get_current_timezone()
    results, problems = [], []
    for booking in bookings:
        local_start, local_end = timezone.localtime(booking.start), timezone.localtime(booking.end)
        these = dict(changes)
        if start_time is not None:
            these["start"] = timezone.make_aware(datetime.datetime.combine(local_start.date(), start_time), tz)
        if end_time is not None:
            these["end"] = timezone.make_aware(datetime.datetime.combine(local_end.date(), end_time), tz)
        try:
            with transaction.atomic():
                results.append(booking_change(booking=booking, user=user, **these))
        except ServiceError as exc:
            if exc.code == "unchanged":
                continue
            day = f"{roc_year(local_start.year)}/{local_start:%m/%d}"
            problems.extend(f"{day}：{message}" for message in messages_for(exc))
    if problems:
        raise booking_refused([_("整個週期未變更，下列日期無法變更："), *problems])
    if changes.get("title"):
        series.title = changes["title"]
        series.save(update_fields=["title", "updated_at"])
    return results


@transaction.atomic
def series_cancel(*, series: RecurringSeries, user, reason: str) -> tuple[list[Booking], list[tuple[Booking, str]]]:
    """Cancel every coming occurrence of a series; returns (cancelled, kept with the reason)."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("請填寫取消原因。"), code="reason_required", status=400, field="reason")
    cancelled, kept = [], []
    for booking in series_open_bookings(series):
        try:
            with transaction.atomic():
                cancelled.append(booking_cancel(booking=booking, user=user, reason=reason))
        except ServiceError as exc:
            kept.append((booking, exc.message))
    if not cancelled and kept:
        raise ServiceError(kept[0][1], code="not_cancellable")
    return cancelled, kept


# --- check-in and no-shows ---------------------------------------------------------------------

CHECKIN_OPENS_MINUTES = 30


@transaction.atomic
def booking_check_in(*, booking: Booking, user) -> Booking:
    """Check in to a confirmed booking, from half an hour before it starts until it ends."""
    _check_owner(booking, user)
    booking = _locked(booking)
    now = timezone.now()
    if booking.status != BookingStatus.CONFIRMED:
        raise ServiceError(
            _("此預約目前為「%(s)s」，無法報到。") % {"s": booking.get_status_display()}, code="not_checkable"
        )
    if booking.checked_in_at:
        raise ServiceError(
            _("已於 %(t)s 報到。") % {"t": f"{timezone.localtime(booking.checked_in_at):%H:%M}"}, code="checked_in"
        )
    if now < booking.start - datetime.timedelta(minutes=CHECKIN_OPENS_MINUTES):
        raise ServiceError(_("開始前 %(n)s 分鐘起才可報到。") % {"n": CHECKIN_OPENS_MINUTES}, code="not_checkable")
    if now >= booking.end:
        raise ServiceError(_("預約已結束，無法報到。"), code="not_checkable")
    booking.checked_in_at = now
    booking.save(update_fields=["checked_in_at", "updated_at"])
    return booking


def release_no_shows(now: datetime.datetime | None = None) -> list[int]:
    """Release confirmed bookings of resources that need check-in, not checked in within their
    grace time: they become 未報到已釋出 and the rest of the slot is free again. Only bookings of
    the last day are looked at (history is never rewritten). Returns the released ids."""
    now = now or timezone.now()
    released = []
    candidates = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            resource__checkin_required=True,
            checked_in_at__isnull=True,
            start__lte=now,
            start__gte=now - datetime.timedelta(days=1),
        )
        .select_related("resource")
        .order_by("start")
    )
    for booking in candidates:
        if booking.start + datetime.timedelta(minutes=booking.resource.checkin_grace_minutes) > now:
            continue
        with transaction.atomic():
            locked = Booking.objects.select_for_update().filter(
                pk=booking.pk, status=BookingStatus.CONFIRMED, checked_in_at__isnull=True
            )
            if locked.update(status=BookingStatus.NO_SHOW, released_at=now, updated_at=now):
                EquipmentLoan.objects.filter(booking_id=booking.pk, is_active=True).update(
                    is_active=False, updated_at=now
                )
                released.append(booking.pk)
    return released


# --- recurring bookings ------------------------------------------------------------------------


def recurrence_dates(
    first: datetime.date, recurrence: str, until: datetime.date, limit: int = 120
) -> list[datetime.date]:
    """The dates of a series: weekly, or monthly on the same day (months without it are skipped)."""
    if recurrence == Recurrence.NONE or until < first:
        return [first]
    dates = []
    if recurrence == Recurrence.WEEKLY:
        day = first
        while day <= until and len(dates) < limit:
            dates.append(day)
            day += datetime.timedelta(days=7)
        return dates
    year, month = first.year, first.month
    while len(dates) < limit:
        try:
            day = datetime.date(year, month, first.day)
        except ValueError:
            day = None
        if day is not None:
            if day > until:
                break
            dates.append(day)
        month += 1
        if month > 12:
            year, month = year + 1, 1
        if datetime.date(year, month, 1) > until:
            break
    return dates


@dataclass
class Occurrence:
    start: datetime.datetime
    end: datetime.datetime
    conflict: Booking | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.conflict is None and not self.errors


def series_preview(
    *,
    resource: Resource,
    start: datetime.datetime,
    end: datetime.datetime,
    recurrence: str,
    until: datetime.date,
    enforce_notice: bool = True,
) -> list[Occurrence]:
    """Every occurrence of a series with what stands in its way, computed before anything is saved.

    Three queries whatever the length: the confirmed bookings, the closures, the calendar.
    """
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    tz = timezone.get_current_timezone()
    occurrences = []
    span_days = local_end.date() - local_start.date()
    for day in recurrence_dates(local_start.date(), recurrence, until):
        occurrences.append(
            Occurrence(
                start=timezone.make_aware(datetime.datetime.combine(day, local_start.time()), tz),
                end=timezone.make_aware(datetime.datetime.combine(day + span_days, local_end.time()), tz),
            )
        )
    if not occurrences:
        return occurrences
    before = datetime.timedelta(minutes=resource.buffer_before_minutes)
    after = datetime.timedelta(minutes=resource.buffer_after_minutes)
    span_start, span_end = occurrences[0].start - before, occurrences[-1].end + after
    confirmed = list(
        Booking.objects.of_resource(resource)
        .filter(status=BookingStatus.CONFIRMED)
        .overlapping(span_start, span_end)
        .select_related("resource")
        .order_by("start")
    )
    closures = list(closures_for(resource, timezone.localtime(span_start).date(), timezone.localtime(span_end).date()))
    calendar = WorkdayCalendar()
    for occurrence in occurrences:
        occurrence.errors = booking_rule_errors(
            resource=resource,
            start=occurrence.start,
            end=occurrence.end,
            enforce_notice=enforce_notice,
            calendar=calendar,
            closures=closures,
        )
        blocked_start, blocked_end = occurrence.start - before, occurrence.end + after
        occurrence.conflict = next(
            (b for b in confirmed if b.blocked_start < blocked_end and b.blocked_end > blocked_start), None
        )
    return occurrences


@transaction.atomic
def series_create(
    *,
    resource: Resource,
    start: datetime.datetime,
    end: datetime.datetime,
    recurrence: str,
    until: datetime.date,
    title: str,
    requested_by=None,
    **details,
) -> tuple[RecurringSeries, list[Booking], list[Occurrence]]:
    """Book every free occurrence of a series; returns (series, booked, skipped occurrences)."""
    _take_write_lock(resource)
    enforce_notice = not is_clerk(requested_by)
    series = RecurringSeries.objects.create(
        resource=resource, recurrence=recurrence, until=until, title=title, created_by=requested_by
    )
    booked, skipped = [], []
    for occurrence in series_preview(
        resource=resource, start=start, end=end, recurrence=recurrence, until=until, enforce_notice=enforce_notice
    ):
        if not occurrence.ok:
            skipped.append(occurrence)
            continue
        try:
            booked.append(
                booking_create(
                    resource=resource,
                    start=occurrence.start,
                    end=occurrence.end,
                    title=title,
                    requested_by=requested_by,
                    series=series,
                    enforce_notice=enforce_notice,
                    **details,
                )
            )
        except ServiceError as exc:  # taken between preview and save
            if exc.code != "booking_conflict":
                raise
            occurrence.conflict = exc.conflicting
            skipped.append(occurrence)
    if not booked:
        raise booking_refused(_("所有日期都無法預約，未建立任何預約。"))
    return series, booked, skipped


# --- vehicles ----------------------------------------------------------------------------------


@transaction.atomic
def trip_request(
    *,
    vehicle: Vehicle,
    start: datetime.datetime,
    end: datetime.datetime,
    destination: str,
    title: str,
    passengers: int = 1,
    passenger_names: str = "",
    requested_by=None,
    channel: str = BookingChannel.WEB,
    **details,
) -> VehicleTrip:
    """A dispatch request (派車): a booking of the car, plus where it goes and who rides."""
    if passengers > vehicle.seats:
        raise booking_refused(_("乘車人數超過座位數（%(n)s 座）。") % {"n": vehicle.seats})
    booking = booking_create(
        resource=vehicle.resource,
        start=start,
        end=end,
        title=title,
        requested_by=requested_by,
        channel=channel,
        **details,
    )
    return VehicleTrip.objects.create(
        booking=booking,
        destination=destination,
        passengers=passengers,
        passenger_names=passenger_names,
        created_by=requested_by,
    )


def free_vehicle(
    *, kind: str, start: datetime.datetime, end: datetime.datetime, passengers: int = 1, center: str = ""
) -> Vehicle | None:
    """Any car of the kind, with the seats, free and within its rules for [start, end): the
    fewest seats that fit first (leave the vans for groups), then by plate."""
    from facilities.selectors import free_resources

    candidates = free_resources(
        start=start,
        end=end,
        attendees=passengers,
        center=center,
        resource_type=ResourceType.VEHICLE,
        vehicle_kind=kind,
        enforce_notice=False,
    )
    free = [c.resource.vehicle for c in candidates if c.free]
    return min(free, key=lambda v: (v.seats, v.plate)) if free else None


@transaction.atomic
def trip_request_by_kind(
    *,
    kind: str,
    start: datetime.datetime,
    end: datetime.datetime,
    destination: str,
    title: str,
    passengers: int = 1,
    requested_by=None,
    center: str = "",
    **details,
) -> VehicleTrip:
    """派車 by kind (公務車, 禮賓車) and seats: the first free car that fits is booked; the clerk
    may assign another car and the driver later (`trip_assign`)."""
    vehicle = free_vehicle(kind=kind, start=start, end=end, passengers=passengers, center=center)
    if vehicle is None:
        raise booking_refused(
            _("該時段沒有可派的%(kind)s（%(n)s 人以上座位），請改選時間或車種。")
            % {"kind": VehicleKind(kind).label, "n": passengers}
        )
    trip = trip_request(
        vehicle=vehicle,
        start=start,
        end=end,
        destination=destination,
        title=title,
        passengers=passengers,
        requested_by=requested_by,
        **details,
    )
    trip.requested_kind = kind
    trip.save(update_fields=["requested_kind", "updated_at"])
    return trip


@transaction.atomic
def trip_assign(
    *, trip: VehicleTrip, user, vehicle: Vehicle, driver_name: str = "", driver_phone: str = ""
) -> VehicleTrip:
    """The clerk assigns the car (same clash guarantee as any change) and the driver of one trip."""
    if not is_clerk(user):
        raise PermissionDenied
    trip = VehicleTrip.objects.select_for_update().select_related("booking__resource").get(pk=trip.pk)
    if trip.passengers > vehicle.seats:
        raise booking_refused(_("乘車人數超過座位數（%(n)s 座）。") % {"n": vehicle.seats})
    if vehicle.resource_id != trip.booking.resource_id:
        booking_change(booking=trip.booking, user=user, resource=vehicle.resource)
    trip.driver_name = driver_name or vehicle.driver_name
    trip.driver_phone = driver_phone or vehicle.driver_phone
    trip.save(update_fields=["driver_name", "driver_phone", "updated_at"])
    return trip


@transaction.atomic
def trip_log(
    *,
    trip: VehicleTrip,
    odometer_start: int,
    odometer_end: int,
    departed_at: datetime.datetime | None = None,
    returned_at: datetime.datetime | None = None,
    note: str = "",
    fuel_out: int | None = None,
    fuel_in: int | None = None,
    damage_out: str = "",
    damage_in: str = "",
) -> VehicleTrip:
    """Record a driven trip: odometer readings, actual times, the exit and return inspection.
    Refused before the trip has happened, and for a trip that was never approved."""
    trip = VehicleTrip.objects.select_for_update().select_related("booking").get(pk=trip.pk)
    now = timezone.now()
    if trip.booking.status not in (BookingStatus.CONFIRMED,):
        raise ServiceError(
            _("此派車目前為「%(s)s」，無法填寫行車紀錄。") % {"s": trip.booking.get_status_display()},
            code="invalid",
            status=400,
        )
    if trip.booking.start > now:
        raise ServiceError(_("出車前不能填寫行車紀錄。"), code="invalid", status=400)
    if odometer_end < odometer_start:
        raise ServiceError(_("回場里程不可小於出車里程。"), code="invalid", status=400, field="odometer_end")
    if departed_at and returned_at and returned_at < departed_at:
        raise ServiceError(_("回場時間不可早於出車時間。"), code="invalid", status=400, field="returned_at")
    for name, value in (("departed_at", departed_at), ("returned_at", returned_at)):
        if value and value > now:
            raise ServiceError(_("時間不可晚於現在。"), code="invalid", status=400, field=name)
    trip.odometer_start = odometer_start
    trip.odometer_end = odometer_end
    trip.departed_at = departed_at
    trip.returned_at = returned_at
    trip.log_note = note
    trip.fuel_out = fuel_out
    trip.fuel_in = fuel_in
    trip.damage_out = damage_out
    trip.damage_in = damage_in
    trip.save()
    return trip


# --- maintenance -------------------------------------------------------------------------------

_STATUS_STAMP = {
    MaintenanceStatus.ASSIGNED: "assigned_at",
    MaintenanceStatus.IN_PROGRESS: "started_at",
    MaintenanceStatus.COMPLETED: "completed_at",
    MaintenanceStatus.CLOSED: "closed_at",
}


@transaction.atomic
def maintenance_create(
    *, center: str, category: str, location: str, description: str, requested_by=None, **details
) -> MaintenanceRequest:
    """A repair request, with its response and repair days by category and urgency (care.py)."""
    from facilities.care import set_due_dates

    request = MaintenanceRequest(
        center=center,
        category=category,
        location=location,
        description=description,
        requested_by=requested_by,
        created_by=requested_by,
        **details,
    )
    set_due_dates(request)
    request.save()
    return request


@transaction.atomic
def maintenance_advance(
    *, request: MaintenanceRequest, status: str, user, contractor: str = "", resolution: str = ""
) -> MaintenanceRequest:
    """Move a repair request to its next status, stamping the time (status flow in MAINTENANCE_FLOW)."""
    request = MaintenanceRequest.objects.select_for_update().get(pk=request.pk)
    if status == MaintenanceStatus.WITHDRAWN:
        if request.requested_by_id != user.pk and not user.has_perm("facilities.change_maintenancerequest"):
            raise PermissionDenied
    elif not user.has_perm("facilities.change_maintenancerequest"):
        raise PermissionDenied
    if status not in MAINTENANCE_FLOW[MaintenanceStatus(request.status)]:
        raise ServiceError(
            _("「%(from)s」不能改為「%(to)s」。")
            % {"from": request.get_status_display(), "to": MaintenanceStatus(status).label},
            code="transition_refused",
            field="status",
        )
    if status == MaintenanceStatus.ASSIGNED and not (contractor or request.contractor):
        raise ServiceError(_("派工時請填寫維修廠商或人員。"), code="invalid", status=400, field="contractor")
    now = timezone.now()
    request.status = status
    stamp = _STATUS_STAMP.get(status)
    if stamp:
        setattr(request, stamp, now)
    if contractor:
        request.contractor = contractor
    if resolution:
        request.resolution = resolution
    # The response clock stops at assignment; from then on the repair clock runs (care.py).
    from facilities.care import running_due

    request.due_on = running_due(request)
    request.save()
    return request


# --- parking permits and public-space requests ------------------------------------------------

PERMIT_PREFIX = {Center.SIWEI: "SW", Center.FENGSHAN: "FS"}


def permit_kind(center: str) -> str:
    """The running number's kind: permits are numbered per center and year."""
    return f"facilities.parking_permit.{center}"


def permit_number(center: str, issued_on: datetime.date, sequence: int) -> str:
    return f"{PERMIT_PREFIX[center]}{roc_year(issued_on.year)}-{sequence:05d}"


@transaction.atomic
def permit_issue(
    *, center: str, plate: str, holder: str, valid_on: datetime.date, purpose: str = "", user=None
) -> ParkingPermit:
    """Issue the next numbered permit of the center and year: one counter row per center and
    year (core.numbering) serialises clerks issuing at the same moment; the unique number is the
    database's guarantee behind it."""
    issued_on = timezone.localdate()
    sequence = next_number(permit_kind(center), issued_on.year)
    return ParkingPermit.objects.create(
        number=permit_number(center, issued_on, sequence),
        center=center,
        plate=plate.upper().replace(" ", ""),
        holder=holder,
        purpose=purpose,
        valid_on=valid_on,
        issued_on=issued_on,
        issued_by=user,
        created_by=user,
    )


@transaction.atomic
def public_space_decide(*, request: PublicSpaceRequest, user, approve: bool, reason: str = "") -> PublicSpaceRequest:
    if not user.has_perm("facilities.change_publicspacerequest"):
        raise PermissionDenied
    request = PublicSpaceRequest.objects.select_for_update().get(pk=request.pk)
    return record_decision(request, approve=approve, by=user, reason=reason)


# --- organisers' applications for the open spaces (中庭、廣場、大禮堂) ---------------------------


@dataclass(frozen=True)
class FeeQuote:
    base: Decimal
    percent_off: int
    fee: Decimal


def application_fee(venue: Venue, minutes: int, fee_rule: FeeRule | None = None) -> FeeQuote:
    """The venue's hourly fee for `minutes` (規費法第10條), less the exemption or discount the
    venue grants (`FeeRule`, 100% = exempt), rounded to the yuan."""
    base = _fee(venue.resource, minutes)
    percent = fee_rule.percent_off if fee_rule is not None else 0
    fee = (base * Decimal(100 - percent) / Decimal(100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return FeeQuote(base=base, percent_off=percent, fee=fee)


def _application_locked(application: SpaceApplication) -> SpaceApplication:
    return (
        SpaceApplication.objects.select_for_update(of=("self",))
        .select_related("booking__resource__venue", "booking__requested_by")
        .get(pk=application.pk)
    )


def _require_clerk(user) -> None:
    if not is_clerk(user):
        raise PermissionDenied


@transaction.atomic
def application_submit(
    *,
    venue: Venue,
    start: datetime.datetime,
    end: datetime.datetime,
    title: str,
    organiser: str,
    applicant_name: str,
    contact_phone: str,
    user,
    attendees: int = 0,
    applicant_email: str = "",
    activity_plan=None,
    plan_on_paper: bool = False,
    terms_accepted: bool = False,
    fee_rule: FeeRule | None = None,
    note: str = "",
    on_behalf: bool = False,
    channel: str = BookingChannel.WEB,
) -> SpaceApplication:
    """An organiser's application (or one received on paper or at the counter, entered by the
    clerk on the organiser's behalf: `on_behalf`, channel 臨櫃／紙本). The booking it holds
    follows every rule of the venue (14 days' notice, slots, the clash guarantee); the activity
    plan (or its paper copy) and the venue's terms are required; the fee is quoted with the
    exemption or discount chosen among the venue's own."""
    if on_behalf:
        _require_clerk(user)
        channel = BookingChannel.COUNTER
    errors = []
    if not venue.takes_applications:
        errors.append(_("「%(name)s」不受理活動申請，請直接預約。") % {"name": venue.name})
    if not activity_plan and not plan_on_paper:
        errors.append(_("請附活動計畫書。"))
    if venue.terms and not terms_accepted:
        errors.append(_("請閱讀並同意「%(name)s」的場地使用規定。") % {"name": venue.name})
    if fee_rule is not None and (fee_rule.venue_id != venue.pk or not fee_rule.is_active):
        errors.append(_("此減免項目不適用於「%(name)s」。") % {"name": venue.name})
    if errors:
        raise booking_refused(errors)
    booking = booking_create(
        resource=venue.resource,
        start=start,
        end=end,
        title=title,
        organiser=organiser,
        attendees=attendees,
        contact_phone=contact_phone,
        note=note,
        requested_by=user,
        channel=channel,
    )
    quote = application_fee(venue, booking.duration_minutes, fee_rule)
    booking.fee = quote.fee
    booking.save(update_fields=["fee", "updated_at"])
    application = SpaceApplication(
        booking=booking,
        applicant_name=applicant_name,
        applicant_email=applicant_email,
        plan_on_paper=plan_on_paper,
        terms_accepted_at=timezone.now() if terms_accepted else None,
        terms_text=venue.terms if terms_accepted else "",
        entered_by=user if on_behalf else None,
        base_fee=quote.base,
        fee_rule=fee_rule,
        percent_off=quote.percent_off,
        fee=quote.fee,
        payment_status=PaymentStatus.UNPAID if quote.fee else PaymentStatus.EXEMPT,
        created_by=user,
    )
    if activity_plan:
        application.activity_plan = activity_plan
    application.full_clean(exclude=["booking", "fee_rule", "entered_by", "created_by"])
    application.save()
    if booking.status == BookingStatus.CONFIRMED:  # a venue that needs no approval
        application.status = ApplicationStatus.APPROVED
        application.save(update_fields=["status", "updated_at"])
    return application


def correction_due(venue: Venue, today: datetime.date | None = None) -> datetime.date:
    """The 補正 deadline: the venue's correction days (CORRECTION_LIMIT) from today, counted as
    calendar days on the office calendar (a last day on a closed day moves to the next working
    day)."""
    today = today or timezone.localdate()
    return deadline(today, venue.correction_days, count=CORRECTION_LIMIT.count)


@transaction.atomic
def application_request_correction(*, application: SpaceApplication, user, note: str) -> SpaceApplication:
    """The clerk asks the organiser to supplement the application by a deadline; an application
    not corrected by then lapses (`applications_lapse`, the beat task)."""
    _require_clerk(user)
    application = _application_locked(application)
    note = (note or "").strip()
    if not note:
        raise ServiceError(_("請填寫應補正事項。"), code="reason_required", status=400, field="note")
    if application.status != ApplicationStatus.SUBMITTED:
        raise ServiceError(_("此申請%(s)s，無法通知補正。") % {"s": application.get_status_display()}, code="not_open")
    application.status = ApplicationStatus.CORRECTION
    application.correction_note = note[:300]
    application.correction_requested_at = timezone.now()
    application.correction_due_on = correction_due(application.booking.resource.venue)
    application.corrected_at = None
    application.save()
    _notify_application(application)
    return application


@transaction.atomic
def application_correct(*, application: SpaceApplication, user, activity_plan=None, note: str = "") -> SpaceApplication:
    """The organiser (or the clerk for them) supplements the application before its deadline:
    it goes back to the clerk's queue."""
    booking = application.booking
    clerk = _check_owner(booking, user)
    application = _application_locked(application)
    if application.status == ApplicationStatus.LAPSED:
        raise ServiceError(
            _("補正期限 %(d)s 已過，申請已失效。") % {"d": display_date(application.correction_due_on)},
            code="correction_lapsed",
        )
    if application.status != ApplicationStatus.CORRECTION:
        raise ServiceError(
            _("此申請%(s)s，無需補正。") % {"s": application.get_status_display()}, code="not_in_correction"
        )
    if application.correction_due_on and timezone.localdate() > application.correction_due_on and not clerk:
        raise ServiceError(
            _("補正期限 %(d)s 已過，申請已失效。") % {"d": display_date(application.correction_due_on)},
            code="correction_lapsed",
        )
    if activity_plan:
        application.activity_plan = activity_plan
        application.plan_on_paper = False
        application.full_clean(exclude=["booking", "fee_rule", "entered_by", "created_by"])
    note = (note or "").strip()
    if note:
        booking = application.booking
        booking.note = (booking.note + "\n" if booking.note else "") + _("補正：%(n)s") % {"n": note}
        booking.save(update_fields=["note", "updated_at"])
    application.status = ApplicationStatus.SUBMITTED
    application.corrected_at = timezone.now()
    application.save()
    return application


def applications_lapse(today: datetime.date | None = None) -> list[int]:
    """Every application still waiting for 補正 after its deadline lapses: its booking request is
    rejected with the reason, the organiser told. Returns the ids lapsed (the beat task's)."""
    today = today or timezone.localdate()
    lapsed = []
    due = SpaceApplication.objects.filter(status=ApplicationStatus.CORRECTION, correction_due_on__lt=today)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            application = _application_locked(SpaceApplication(pk=pk))
            if application.status != ApplicationStatus.CORRECTION or application.correction_due_on >= today:
                continue
            booking = _locked(application.booking)
            reason = _("逾補正期限 %(d)s 未補正，申請失效。") % {"d": roc_date(application.correction_due_on)}
            if booking.status == BookingStatus.PENDING:
                record_decision(booking, approve=False, by=None, reason=reason, rejected=BookingStatus.REJECTED)
            application.status = ApplicationStatus.LAPSED
            application.lapsed_at = timezone.now()
            application.save()
            _notify_decision(booking)
            lapsed.append(pk)
    return lapsed


@transaction.atomic
def application_decide(*, application: SpaceApplication, user, approve: bool, reason: str = "") -> SpaceApplication:
    """Approve (the booking confirmed, the clash guarantee applies) or reject the application.
    Not while it waits for 補正."""
    _require_clerk(user)
    application = _application_locked(application)
    if application.status == ApplicationStatus.CORRECTION:
        raise ServiceError(_("此申請待補正中，請待申請人補正後再審核。"), code="in_correction")
    if application.status != ApplicationStatus.SUBMITTED:
        raise ServiceError(_("此申請已審核，不可再次審核。"), code="already_decided")
    if approve:
        booking_approve(booking=application.booking, user=user, reason=reason)
    else:
        booking_reject(booking=application.booking, user=user, reason=reason)
    application.refresh_from_db()
    return application


def _sync_application(booking: Booking) -> None:
    """Keep the application of a booking decided or cancelled anywhere (its own page, the booking
    queue, a competing approval) in step. On cancellation the refund rule applies to what was
    paid: `refund_for` (DOMAIN.md "Venues" [S]); a fee not paid is not refunded."""
    _sync_loans(booking)
    application = SpaceApplication.objects.filter(booking=booking).first()
    if application is None:
        return
    status = {
        BookingStatus.CONFIRMED: ApplicationStatus.APPROVED,
        BookingStatus.REJECTED: ApplicationStatus.REJECTED,
        BookingStatus.CANCELLED: ApplicationStatus.CANCELLED,
    }.get(booking.status)
    if not status or application.status in (status, ApplicationStatus.LAPSED):
        return
    application.status = status
    if status == ApplicationStatus.CANCELLED:
        paid = application.payment_status == PaymentStatus.PAID
        amount = booking.refund if paid else Decimal(0)
        if booking.refund != amount:
            booking.refund = amount
            booking.save(update_fields=["refund", "updated_at"])
        application.refund_amount = amount
        if paid and amount:
            application.payment_status = PaymentStatus.REFUND_DUE
    application.save()


@transaction.atomic
def application_pay(*, application: SpaceApplication, user, receipt_number: str = "") -> SpaceApplication:
    """The clerk records the fee of an approved application as paid (with the receipt number)."""
    _require_clerk(user)
    application = _application_locked(application)
    if application.payment_status != PaymentStatus.UNPAID:
        raise ServiceError(
            _("繳費狀態為「%(s)s」，無法登記繳費。") % {"s": application.get_payment_status_display()},
            code="not_payable",
        )
    if application.status != ApplicationStatus.APPROVED:
        raise ServiceError(
            _("此申請%(s)s，核准後始得繳費。") % {"s": application.get_status_display()}, code="not_payable"
        )
    application.payment_status = PaymentStatus.PAID
    application.paid_at = timezone.now()
    application.receipt_number = (receipt_number or "").strip()[:30]
    application.save()
    return application


@transaction.atomic
def application_cancel(*, application: SpaceApplication, user, reason: str = "") -> SpaceApplication:
    """Cancel (the organiser within the venue's notice, a clerk any time) with the reason: the
    booking is cancelled and the refund rule of DOMAIN.md "Venues" [S] applied to what was paid —
    the whole fee at least `full_refund_days` ahead, else `late_refund_percent` of it
    (`refund_for`); nothing of a fee not paid. The amount is recorded and the refund is due."""
    _check_owner(application.booking, user)
    application = _application_locked(application)
    if not application.is_open and application.status != ApplicationStatus.APPROVED:
        raise ServiceError(
            _("此申請%(s)s，無法取消。") % {"s": application.get_status_display()}, code="not_cancellable"
        )
    booking_cancel(booking=application.booking, user=user, reason=reason, require_reason=True)
    application.refresh_from_db()
    return application


@transaction.atomic
def application_refunded(*, application: SpaceApplication, user) -> SpaceApplication:
    """The clerk records the refund as paid back."""
    _require_clerk(user)
    application = _application_locked(application)
    if application.payment_status != PaymentStatus.REFUND_DUE:
        raise ServiceError(_("此申請沒有待退費用。"), code="no_refund_due")
    application.payment_status = PaymentStatus.REFUNDED
    application.refunded_at = timezone.now()
    application.save()
    return application


def _notify_application(application: SpaceApplication) -> None:
    if application.booking.requested_by_id is None:
        return
    from facilities.tasks import send_application_notice

    pk = application.pk
    transaction.on_commit(lambda: send_application_notice.delay(pk))


# --- equipment lent with a booking (a projector to one room at a time) --------------------------


def equipment_conflict(clash: EquipmentLoan) -> ServiceError:
    """The item is lent to another booking at that time: 409 naming it."""
    other = clash.booking
    local_start, local_end = timezone.localtime(other.start), timezone.localtime(other.end)
    message = _("「%(item)s」已借予預約 #%(id)s（%(resource)s %(day)s %(start)s–%(end)s），同一時間只能借給一處。") % {
        "item": clash.item,
        "id": other.pk,
        "resource": other.resource.name,
        "day": f"{roc_year(local_start.year)}/{local_start:%m/%d}",
        "start": f"{local_start:%H:%M}",
        "end": f"{local_end:%H:%M}",
    }
    return ServiceError(message, code="equipment_conflict", status=409, conflicting_booking=other.pk)


def find_equipment_clash(item: EquipmentItem, start, end, *, exclude_booking_pk=None) -> EquipmentLoan | None:
    query = EquipmentLoan.objects.filter(
        item=item, is_active=True, blocked_start__lt=end, blocked_end__gt=start
    ).select_related("booking__resource", "item")
    if exclude_booking_pk is not None:
        query = query.exclude(booking_id=exclude_booking_pk)
    return query.order_by("blocked_start").first()


def _take_item_lock(item: EquipmentItem) -> None:
    """SQLite: the write lock first (see `_take_write_lock`); PostgreSQL: its constraint decides."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE facilities_equipmentitem SET updated_at = updated_at WHERE id = %s", [item.pk])


def _save_loan(loan: EquipmentLoan, **kwargs) -> None:
    try:
        with transaction.atomic():
            loan.save(**kwargs)
    except IntegrityError as exc:
        if EQUIPMENT_NO_OVERLAP not in str(exc):
            raise
        clash = find_equipment_clash(
            loan.item, loan.blocked_start, loan.blocked_end, exclude_booking_pk=loan.booking_id
        )
        if clash is None:
            raise booking_refused(_("此設備剛被其他人借用，請重新整理後再試。"))
        raise equipment_conflict(clash)


@transaction.atomic
def equipment_lend(*, booking: Booking, item: EquipmentItem, user) -> EquipmentLoan:
    """Lend `item` with `booking` (its requester or a clerk) for the booking's blocked span,
    unless another active booking has it then: the refusal names that booking."""
    _take_item_lock(item)
    _check_owner(booking, user)
    booking = Booking.objects.select_related("resource").get(pk=booking.pk)
    item = EquipmentItem.objects.get(pk=item.pk)
    errors = []
    if booking.status not in ACTIVE_BOOKING_STATUSES:
        errors.append(_("此預約已%(s)s，無法借用設備。") % {"s": booking.get_status_display()})
    if not item.is_active:
        errors.append(_("「%(item)s」目前不出借。") % {"item": item})
    if item.center != booking.resource.center:
        errors.append(
            _("「%(item)s」屬%(center)s，請借用同一行政中心的設備。")
            % {"item": item, "center": item.get_center_display()}
        )
    if EquipmentLoan.objects.filter(booking=booking, item=item, is_active=True).exists():
        errors.append(_("此預約已借用「%(item)s」。") % {"item": item})
    if errors:
        raise booking_refused(errors)
    clash = find_equipment_clash(item, booking.blocked_start, booking.blocked_end, exclude_booking_pk=booking.pk)
    if clash is not None:
        raise equipment_conflict(clash)
    loan = EquipmentLoan(
        booking=booking,
        item=item,
        blocked_start=booking.blocked_start,
        blocked_end=booking.blocked_end,
        created_by=user,
    )
    _save_loan(loan)
    return loan


@transaction.atomic
def equipment_return(*, loan: EquipmentLoan, user) -> EquipmentLoan:
    """No longer needed: the item is free again for that time."""
    _check_owner(loan.booking, user)
    loan = EquipmentLoan.objects.select_for_update().get(pk=loan.pk)
    if loan.is_active:
        loan.is_active = False
        loan.save(update_fields=["is_active", "updated_at"])
    return loan


def _move_loans(old: Booking, new: Booking) -> None:
    """An approved change takes the items lent to the booking it replaces along to its own time
    (or is refused, naming the booking that has an item then)."""
    for loan in EquipmentLoan.objects.filter(booking_id=old.pk, is_active=True).select_related("item"):
        if EquipmentLoan.objects.filter(booking_id=new.pk, item_id=loan.item_id, is_active=True).exists():
            continue  # lent to the change already: _sync_loans(old) frees this one
        clash = find_equipment_clash(loan.item, new.blocked_start, new.blocked_end, exclude_booking_pk=old.pk)
        if clash is not None and clash.booking_id != new.pk:
            raise equipment_conflict(clash)
        loan.booking = new
        loan.blocked_start, loan.blocked_end = new.blocked_start, new.blocked_end
        _save_loan(loan, update_fields=["booking", "blocked_start", "blocked_end", "updated_at"])


def _sync_loans(booking: Booking) -> None:
    """A booking no longer active frees its items; one moved takes them along (or is refused,
    naming the booking that has an item then)."""
    loans = list(EquipmentLoan.objects.filter(booking_id=booking.pk, is_active=True).select_related("item"))
    for loan in loans:
        if booking.status not in ACTIVE_BOOKING_STATUSES:
            loan.is_active = False
            loan.save(update_fields=["is_active", "updated_at"])
        elif (loan.blocked_start, loan.blocked_end) != (booking.blocked_start, booking.blocked_end):
            clash = find_equipment_clash(
                loan.item, booking.blocked_start, booking.blocked_end, exclude_booking_pk=booking.pk
            )
            if clash is not None:
                raise equipment_conflict(clash)
            loan.blocked_start, loan.blocked_end = booking.blocked_start, booking.blocked_end
            _save_loan(loan, update_fields=["blocked_start", "blocked_end", "updated_at"])
