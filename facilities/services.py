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

from facilities.choices import (
    MAINTENANCE_FLOW,
    BookingChannel,
    BookingStatus,
    Center,
    MaintenanceStatus,
    OpenDays,
    Recurrence,
    ResourceType,
)
from facilities.db import BOOKING_NO_OVERLAP
from facilities.models import (
    MAX_DURATION_MINUTES,
    Booking,
    Closure,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    RecurringSeries,
    Resource,
    Vehicle,
    VehicleTrip,
)
from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR, WorkdayCalendar, in_office_calendar
from kaohsiung_admin.core.decisions import record_decision
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import roc_year
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
                errors.append(
                    _("「%(name)s」須於使用日 %(n)s 日前提出申請。")
                    % {"name": resource.name, "n": resource.advance_notice_days}
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


@transaction.atomic
def booking_approve(*, booking: Booking, user, reason: str = "") -> Booking:
    """Confirm a pending request, unless a confirmed booking now holds the slot."""
    _take_write_lock(booking.resource)
    if not is_clerk(user):
        raise PermissionDenied
    booking = _locked(booking)
    if booking.status == BookingStatus.PENDING:
        conflicting = find_conflict(
            resource=booking.resource,
            blocked_start=booking.blocked_start,
            blocked_end=booking.blocked_end,
            exclude_pk=booking.pk,
        )
        if conflicting is not None:
            raise booking_conflict(conflicting)
    record_decision(booking, approve=True, by=user, reason=reason, approved=BookingStatus.CONFIRMED, save=False)
    _save_guarded(booking)
    _notify_decision(booking)
    return booking


@transaction.atomic
def booking_reject(*, booking: Booking, user, reason: str) -> Booking:
    _take_write_lock(booking.resource)
    if not is_clerk(user):
        raise PermissionDenied
    booking = _locked(booking)
    record_decision(booking, approve=False, by=user, reason=reason, rejected=BookingStatus.REJECTED)
    _notify_decision(booking)
    return booking


def refund_for(booking: Booking, *, today: datetime.date | None = None) -> Decimal:
    """Full refund when cancelled at least `full_refund_days` ahead, else the late share [S]."""
    if booking.status != BookingStatus.CONFIRMED or not booking.fee:
        return Decimal(0)
    today = today or timezone.localdate()
    days_ahead = (timezone.localtime(booking.start).date() - today).days
    if days_ahead >= booking.resource.full_refund_days:
        return booking.fee
    share = Decimal(booking.resource.late_refund_percent) / Decimal(100)
    return (booking.fee * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@transaction.atomic
def booking_cancel(*, booking: Booking, user, reason: str = "") -> Booking:
    """Cancel a request or booking: the requester their own, a clerk any."""
    _take_write_lock(booking.resource)
    clerk = is_clerk(user)
    if not clerk and booking.requested_by_id != getattr(user, "pk", None):
        raise PermissionDenied
    booking = _locked(booking)
    if booking.status not in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        raise ServiceError(_("此預約已%(s)s，無法取消。") % {"s": booking.get_status_display()}, code="not_cancellable")
    if booking.end <= timezone.now():
        raise ServiceError(_("已結束的預約無法取消。"), code="not_cancellable")
    booking.refund = refund_for(booking)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancel_reason = reason
    booking.save()
    if clerk and booking.requested_by_id != user.pk:
        _notify_decision(booking)
    return booking


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


@transaction.atomic
def trip_log(
    *,
    trip: VehicleTrip,
    odometer_start: int,
    odometer_end: int,
    departed_at: datetime.datetime | None = None,
    returned_at: datetime.datetime | None = None,
    note: str = "",
) -> VehicleTrip:
    """Record a driven trip: odometer readings and actual times."""
    if odometer_end < odometer_start:
        raise ServiceError(_("回場里程不可小於出車里程。"), code="invalid", status=400, field="odometer_end")
    if departed_at and returned_at and returned_at < departed_at:
        raise ServiceError(_("回場時間不可早於出車時間。"), code="invalid", status=400, field="returned_at")
    trip.odometer_start = odometer_start
    trip.odometer_end = odometer_end
    trip.departed_at = departed_at
    trip.returned_at = returned_at
    trip.log_note = note
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
    return MaintenanceRequest.objects.create(
        center=center,
        category=category,
        location=location,
        description=description,
        requested_by=requested_by,
        created_by=requested_by,
        **details,
    )


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
