"""Reads of the facilities app: the calendars, the lists, the utilisation table.

The calendars cost a fixed number of queries whatever the bookings in view (resources,
bookings, closures, the calendar overrides): bookings are bucketed into cells in Python.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from facilities.choices import (
    ACTIVE_BOOKING_STATUSES,
    BookingStatus,
    Center,
    OpenDays,
    ResourceType,
    VenueGroup,
    VenueKind,
)
from facilities.models import Booking, Closure, MaintenanceRequest, Resource, VehicleTrip
from facilities.services import is_clerk
from kaohsiung_admin.core.dates import WorkdayCalendar, year_bounds

DEFAULT_HOURS = (datetime.time(8, 0), datetime.time(22, 0))


def resources_with_details():
    return Resource.objects.select_related("venue", "vehicle")


_KIND_ORDER = {kind: n for n, kind in enumerate(VenueKind.values)}


def display_order(resource: Resource) -> tuple:
    """中庭, 廣場, 大禮堂, 多媒體會議室, then rooms by number: 第2會議室 before 第10會議室."""
    venue = getattr(resource, "venue", None) if resource.resource_type == ResourceType.VENUE else None
    digits = re.findall(r"\d+", resource.name)
    return (_KIND_ORDER.get(venue.kind, 99) if venue else 99, int(digits[0]) if digits else 0, resource.name)


def bookings_list(user):
    """Bookings the user may see, with what a list row shows (one query per page)."""
    return (
        Booking.objects.restrict(user, "view")
        .select_related("resource", "requested_by", "resource__venue", "resource__vehicle")
        .order_by("-start")
    )


def trips_list(user):
    return (
        VehicleTrip.objects.restrict(user, "view")
        .select_related("booking__resource__vehicle", "booking__requested_by")
        .order_by("-booking__start")
    )


def maintenance_list(user):
    return MaintenanceRequest.objects.restrict(user, "view").select_related("requested_by").order_by("-received_at")


# --- calendars ---------------------------------------------------------------------------------


@dataclass
class Block:
    """A booking as a calendar cell shows it: details only for its requester and the clerks."""

    booking_id: int
    start: datetime.datetime
    end: datetime.datetime
    status: str
    label: str
    visible: bool
    url: str | None

    @property
    def pending(self) -> bool:
        return self.status == BookingStatus.PENDING


@dataclass
class Cell:
    day: datetime.date
    blocks: list[Block] = field(default_factory=list)
    closed: str = ""
    free_url: str | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    resource: Resource | None = None

    @property
    def busy(self) -> bool:
        return any(not b.pending for b in self.blocks)


def week_days(day: datetime.date) -> list[datetime.date]:
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=n) for n in range(7)]


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time), timezone.get_current_timezone())


def _rows_for(resource: Resource | None, resources: list[Resource]) -> list[tuple[datetime.time, datetime.time]]:
    """The time rows of a grid: the resource's slots if it has them, else hours of opening."""
    if resource is not None and resource.slot_list():
        return resource.slot_list()
    opens = [r.opens_at for r in resources if r.opens_at] or [DEFAULT_HOURS[0]]
    closes = [r.closes_at for r in resources if r.closes_at] or [DEFAULT_HOURS[1]]
    first, last = min(opens).hour, max(closes).hour + (1 if max(closes).minute else 0)
    return [(datetime.time(h), datetime.time(h + 1) if h < 23 else datetime.time(23, 59)) for h in range(first, last)]


class CalendarData:
    """Bookings, closures and working days for some resources over some days — four queries."""

    def __init__(self, *, resources: list[Resource], days: list[datetime.date], user):
        self.resources = resources
        self.days = days
        self.user = user
        self.clerk = is_clerk(user)
        self.now = timezone.now()
        window_start = _aware(days[0], datetime.time.min)
        window_end = _aware(days[-1] + datetime.timedelta(days=1), datetime.time.min)
        ids = [r.pk for r in resources]
        bookings = (
            Booking.objects.filter(resource_id__in=ids, status__in=ACTIVE_BOOKING_STATUSES)
            .in_window(window_start, window_end)
            .only("id", "resource_id", "start", "end", "status", "title", "organiser", "requested_by_id")
            .order_by("start")
        )
        self.by_resource_day: dict[tuple[int, datetime.date], list[Block]] = defaultdict(list)
        for booking in bookings:
            block = self._block(booking)
            for day in _days_of(booking.start, booking.end):
                self.by_resource_day[(booking.resource_id, day)].append(block)
        closures = Closure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]).filter(
            Q(resource_id__in=ids) | Q(resource__isnull=True, center__in={r.center for r in resources})
        )
        self.closed: dict[tuple[int, datetime.date], str] = {}
        workdays = WorkdayCalendar()
        for resource in resources:
            for day in days:
                if resource.open_days == OpenDays.WORKING_DAYS and not workdays.is_working_day(day):
                    self.closed[(resource.pk, day)] = workdays.holiday_name(day) or _("非上班日")
        for closure in closures:
            for resource in resources:
                if closure.resource_id not in (None, resource.pk) or (
                    closure.resource_id is None and closure.center != resource.center
                ):
                    continue
                for day in days:
                    if closure.start_date <= day <= closure.end_date:
                        self.closed[(resource.pk, day)] = closure.reason

    def _bookable(self, resource: Resource, day: datetime.date) -> bool:
        """Within the resource's notice period and booking window (clerks may waive both)."""
        if self.clerk:
            return True
        days_ahead = (day - timezone.localdate()).days
        return resource.advance_notice_days <= days_ahead <= resource.booking_window_days

    def _block(self, booking: Booking) -> Block:
        visible = self.clerk or booking.requested_by_id == getattr(self.user, "pk", None)
        if visible:
            label = booking.title + (f"（{booking.organiser}）" if booking.organiser else "")
        else:
            label = _("申請中") if booking.status == BookingStatus.PENDING else _("已預約")
        return Block(
            booking_id=booking.pk,
            start=timezone.localtime(booking.start),
            end=timezone.localtime(booking.end),
            status=booking.status,
            label=label,
            visible=visible,
            url=reverse("facilities:booking-detail", args=[booking.pk]) if visible else None,
        )

    def cell(self, resource: Resource, day: datetime.date, start_time=None, end_time=None) -> Cell:
        blocks = self.by_resource_day.get((resource.pk, day), [])
        closed = self.closed.get((resource.pk, day), "")
        if start_time is None:
            return Cell(day=day, blocks=blocks, closed=closed, resource=resource)
        start, end = _aware(day, start_time), _aware(day, end_time)
        in_cell = [b for b in blocks if b.start < end and b.end > start]
        cell = Cell(day=day, blocks=in_cell, closed=closed, start=start, end=end, resource=resource)
        if not closed and resource.is_active and start > self.now and not cell.busy and self._bookable(resource, day):
            cell.free_url = booking_form_url(resource, start, end)
        return cell


def _days_of(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    first = timezone.localtime(start).date()
    last = timezone.localtime(end - datetime.timedelta(microseconds=1)).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def booking_form_url(resource: Resource, start: datetime.datetime, end: datetime.datetime) -> str:
    name = "facilities:trip-create" if resource.resource_type == ResourceType.VEHICLE else "facilities:booking-create"
    query = {
        "resource": resource.pk,
        "start": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(end).strftime("%Y-%m-%dT%H:%M"),
    }
    return f"{reverse(name)}?{urlencode(query)}"


def resource_calendar(*, resource: Resource, days: list[datetime.date], user) -> dict:
    """One resource: rows are its slots (or hours), columns the days."""
    data = CalendarData(resources=[resource], days=days, user=user)
    rows = [
        {"start": s, "end": e, "cells": [data.cell(resource, day, s, e) for day in days]}
        for s, e in _rows_for(resource, [resource])
    ]
    closed = [(day, data.closed.get((resource.pk, day), "")) for day in days]
    return {"rows": rows, "days": days, "closed": closed}


def center_week(*, resources: list[Resource], days: list[datetime.date], user) -> dict:
    """A center's week: rows are its resources, columns the days, each cell the day's bookings."""
    data = CalendarData(resources=resources, days=days, user=user)
    rows = [{"resource": r, "cells": [data.cell(r, day) for day in days]} for r in resources]
    return {"rows": rows, "days": days}


def center_day(*, resources: list[Resource], day: datetime.date, user) -> dict:
    """A center's day: rows are hours, columns the resources."""
    data = CalendarData(resources=resources, days=[day], user=user)
    rows = []
    for s, e in _rows_for(None, resources):
        cells = []
        for resource in resources:
            cell = data.cell(resource, day, s, e)
            slots = resource.slot_list()
            if cell.free_url and slots:
                slot = next(((a, b) for a, b in slots if a <= s < b), None)
                cell.free_url = booking_form_url(resource, _aware(day, slot[0]), _aware(day, slot[1])) if slot else None
            cells.append(cell)
        rows.append({"start": s, "end": e, "cells": cells})
    return {"rows": rows, "days": [day], "resources": resources}


# --- utilisation -------------------------------------------------------------------------------


def utilisation(year: int) -> dict:
    """Confirmed bookings and hours by venue group × center and month, counted by the database."""
    start, end = year_bounds(year)
    base = Booking.objects.filter(
        status=BookingStatus.CONFIRMED, start__gte=start, start__lt=end, resource__resource_type=ResourceType.VENUE
    )
    by_group = (
        base.values("resource__center", "resource__venue__group")
        .annotate(bookings=Count("id"), minutes=Sum("duration_minutes"))
        .order_by("resource__center", "resource__venue__group")
    )
    by_month = (
        base.annotate(month=ExtractMonth("start"))
        .values("resource__center", "resource__venue__group", "month")
        .annotate(bookings=Count("id"), minutes=Sum("duration_minutes"))
    )
    months: dict[tuple[str, str], dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in by_month:
        key = (row["resource__center"], row["resource__venue__group"])
        months[key][row["month"]] = (row["bookings"], row["minutes"] or 0)
    by_venue = (
        base.values("resource_id", "resource__name", "resource__center", "resource__venue__group")
        .annotate(bookings=Count("id"), minutes=Sum("duration_minutes"))
        .order_by("resource__center", "-bookings")
    )
    centers = {code: n for n, code in enumerate(Center.values)}
    groups = {code: n for n, code in enumerate(VenueGroup.values)}

    def order(row):
        return (centers.get(row["resource__center"], 9), groups.get(row["resource__venue__group"], 9))

    return {
        "by_group": sorted(by_group, key=order),
        "months": months,
        "by_venue": sorted(by_venue, key=lambda row: (*order(row), -row["bookings"])),
    }


def group_label(group: str) -> str:
    return VenueGroup(group).label if group in VenueGroup.values else group


# --- rules in words, and the search for a free resource ----------------------------------------


def rules_of(resource: Resource) -> list[str]:
    """The resource's booking rules as sentences, shown on the booking form before they bite."""
    rules = []
    venue = getattr(resource, "venue", None) if resource.resource_type == ResourceType.VENUE else None
    days = _("上班日") if resource.open_days == OpenDays.WORKING_DAYS else _("每日")
    if resource.opens_at and resource.closes_at:
        rules.append(
            _("開放：%(days)s %(opens)s–%(closes)s。")
            % {"days": days, "opens": f"{resource.opens_at:%H:%M}", "closes": f"{resource.closes_at:%H:%M}"}
        )
    slots = resource.slot_list()
    if slots:
        rules.append(
            _("須以完整時段預約：%(slots)s。") % {"slots": "、".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in slots)}
        )
    rules.append(
        _("每次使用 %(min)s–%(max)s 分鐘。")
        % {"min": resource.min_duration_minutes, "max": resource.max_duration_minutes}
    )
    if venue is not None and venue.capacity:
        rules.append(_("容納 %(n)s 人。") % {"n": venue.capacity})
    if resource.advance_notice_days:
        n = resource.advance_notice_days
        rules.append(ngettext("須於使用日 %(n)s 日前申請。", "須於使用日 %(n)s 日前申請。", n) % {"n": n})
    rules.append(_("受理 %(n)s 日內的預約。") % {"n": resource.booking_window_days})
    if resource.needs_approval:
        rules.append(_("需經審核，%(n)s 日內（不晚於使用日前一日）審核。") % {"n": resource.decision_days})
    else:
        rules.append(_("免審核，送出即核准。"))
    if resource.buffer_before_minutes or resource.buffer_after_minutes:
        rules.append(
            _("前後各保留布置 %(b)s 分鐘、復原 %(a)s 分鐘。")
            % {"b": resource.buffer_before_minutes, "a": resource.buffer_after_minutes}
        )
    if resource.change_notice_hours:
        n = resource.change_notice_hours
        rules.append(ngettext("變更須於開始前 %(n)s 小時。", "變更須於開始前 %(n)s 小時。", n) % {"n": n})
    if resource.cancel_notice_hours:
        n = resource.cancel_notice_hours
        rules.append(ngettext("取消須於開始前 %(n)s 小時。", "取消須於開始前 %(n)s 小時。", n) % {"n": n})
    if resource.fee_per_hour:
        rules.append(
            _("使用費每小時 %(fee)s 元；%(days)s 日前取消全額退費，其後退 %(pct)s%%。")
            % {"fee": resource.fee_per_hour, "days": resource.full_refund_days, "pct": resource.late_refund_percent}
        )
    if resource.checkin_required:
        rules.append(_("需報到：開始後 %(n)s 分鐘內未報到即釋出。") % {"n": resource.checkin_grace_minutes})
    return rules


@dataclass
class Candidate:
    resource: Resource
    reasons: list[str] = field(default_factory=list)
    conflict: Booking | None = None
    book_url: str = ""

    @property
    def free(self) -> bool:
        return not self.reasons and self.conflict is None


def free_resources(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    attendees: int = 0,
    equipment: list[str] | tuple[str, ...] = (),
    center: str = "",
    resource_type: str = ResourceType.VENUE,
    vehicle_kind: str = "",
    enforce_notice: bool = True,
) -> list[Candidate]:
    """Every active resource for [start, end), free ones first, each other with why not (closed,
    notice period, capacity, equipment, the booking that holds it). Fixed query count: the
    resources, the confirmed bookings of the window, the closures, the calendar."""
    from facilities.services import booking_rule_errors

    resources = resources_with_details().filter(is_active=True, resource_type=resource_type)
    if center:
        resources = resources.filter(center=center)
    if vehicle_kind:
        resources = resources.filter(vehicle__kind=vehicle_kind)
    resources = sorted(resources, key=lambda r: (r.center, display_order(r)))
    longest = max([r.buffer_before_minutes + r.buffer_after_minutes for r in resources] or [0])
    margin = datetime.timedelta(minutes=longest)
    confirmed = defaultdict(list)
    for booking in (
        Booking.objects.filter(status=BookingStatus.CONFIRMED, resource__in=[r.pk for r in resources])
        .in_window(start - margin, end + margin)
        .order_by("start")
    ):
        confirmed[booking.resource_id].append(booking)
    first, last = timezone.localtime(start).date(), timezone.localtime(end).date()
    closures = defaultdict(list)
    for closure in Closure.objects.filter(start_date__lte=last, end_date__gte=first):
        closures[closure.resource_id or closure.center].append(closure)
    calendar = WorkdayCalendar()
    wanted = [item.strip() for item in equipment if item.strip()]
    candidates = []
    for resource in resources:
        candidate = Candidate(resource=resource)
        candidate.reasons = booking_rule_errors(
            resource=resource,
            start=start,
            end=end,
            enforce_notice=enforce_notice,
            calendar=calendar,
            closures=closures[resource.pk] + closures[resource.center],
        )
        venue = getattr(resource, "venue", None) if resource.resource_type == ResourceType.VENUE else None
        vehicle = getattr(resource, "vehicle", None) if resource.resource_type == ResourceType.VEHICLE else None
        if venue is not None:
            if attendees and venue.capacity and attendees > venue.capacity:
                candidate.reasons.append(_("容量 %(n)s 人，不足 %(a)s 人。") % {"n": venue.capacity, "a": attendees})
            missing = [item for item in wanted if item not in venue.equipment]
            if missing:
                candidate.reasons.append(_("無%(items)s。") % {"items": "、".join(missing)})
        if vehicle is not None and attendees and attendees > vehicle.seats:
            candidate.reasons.append(_("%(n)s 座，不足 %(a)s 人。") % {"n": vehicle.seats, "a": attendees})
        blocked_start = start - datetime.timedelta(minutes=resource.buffer_before_minutes)
        blocked_end = end + datetime.timedelta(minutes=resource.buffer_after_minutes)
        candidate.conflict = next(
            (b for b in confirmed[resource.pk] if b.blocked_start < blocked_end and b.blocked_end > blocked_start),
            None,
        )
        if candidate.free:
            candidate.book_url = booking_form_url(resource, start, end)
        candidates.append(candidate)
    candidates.sort(key=lambda c: not c.free)
    return candidates


def fleet_register(year: int) -> list[dict]:
    """Each car with its age, last odometer reading, trips and kilometres of the year (two queries)."""
    from django.db.models import Max

    from facilities.models import Vehicle

    start, end = year_bounds(year)
    vehicles = list(Vehicle.objects.select_related("resource").order_by("kind", "plate"))
    stats = {
        row["booking__resource_id"]: row
        for row in VehicleTrip.objects.filter(booking__resource__in=[v.resource_id for v in vehicles])
        .values("booking__resource_id")
        .annotate(
            trips=Count(
                "id",
                filter=Q(booking__start__gte=start, booking__start__lt=end, booking__status=BookingStatus.CONFIRMED),
            ),
            km=Sum(
                F("odometer_end") - F("odometer_start"),
                filter=Q(booking__start__gte=start, booking__start__lt=end, odometer_end__isnull=False),
            ),
            mileage=Max("odometer_end"),
        )
    }
    today = timezone.localdate()
    rows = []
    for vehicle in vehicles:
        row = stats.get(vehicle.resource_id, {})
        rows.append(
            {
                "vehicle": vehicle,
                "age": vehicle.age_years(today),
                "mileage": row.get("mileage"),
                "trips": row.get("trips") or 0,
                "km": row.get("km") or 0,
            }
        )
    return rows


def open_hours(resource: Resource, year: int, calendar: WorkdayCalendar, closures: list[Closure]) -> float:
    """The hours `resource` was open in `year`: its open days (working days or every day, on the
    office calendar) times its daily hours, less the days it was closed."""
    if resource.opens_at is None or resource.closes_at is None:
        daily = 24.0
    else:
        opens = datetime.datetime.combine(datetime.date(2000, 1, 1), resource.opens_at)
        closes = datetime.datetime.combine(datetime.date(2000, 1, 1), resource.closes_at)
        daily = max((closes - opens).total_seconds() / 3600, 0.0)
    day = datetime.date(year, 1, 1)
    days = 0
    while day.year == year:
        if (resource.open_days != OpenDays.WORKING_DAYS or calendar.is_working_day(day)) and not any(
            c.start_date <= day <= c.end_date for c in closures
        ):
            days += 1
        day += datetime.timedelta(days=1)
    return days * daily


def venue_utilisation(year: int) -> list[dict]:
    """Per venue: hours booked (confirmed) as a share of its open hours in `year`, and the share of
    bookings not checked in and released (no-shows) among those held. Four queries in all."""
    start, end = year_bounds(year)
    rows = (
        Booking.objects.filter(start__gte=start, start__lt=end, resource__resource_type=ResourceType.VENUE)
        .values("resource_id")
        .annotate(
            confirmed=Count("id", filter=Q(status=BookingStatus.CONFIRMED)),
            minutes=Sum("duration_minutes", filter=Q(status=BookingStatus.CONFIRMED)),
            no_shows=Count("id", filter=Q(status=BookingStatus.NO_SHOW)),
        )
    )
    by_resource = {row["resource_id"]: row for row in rows}
    resources = list(
        Resource.objects.filter(resource_type=ResourceType.VENUE)
        .filter(Q(is_active=True) | Q(pk__in=list(by_resource)))
        .select_related("venue")
        .order_by("center", "name")
    )
    closures = list(
        Closure.objects.filter(start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1))
    )
    calendar = WorkdayCalendar()
    result = []
    for resource in resources:
        row = by_resource.get(resource.pk, {})
        mine = [
            c for c in closures if c.resource_id == resource.pk or (not c.resource_id and c.center == resource.center)
        ]
        available = open_hours(resource, year, calendar, mine)
        booked = (row.get("minutes") or 0) / 60
        held = (row.get("confirmed") or 0) + (row.get("no_shows") or 0)
        result.append(
            {
                "resource": resource,
                "booked_hours": round(booked, 1),
                "open_hours": round(available, 1),
                "percent": round(100 * booked / available, 1) if available else 0.0,
                "no_shows": row.get("no_shows") or 0,
                "no_show_percent": round(100 * (row.get("no_shows") or 0) / held, 1) if held else 0.0,
            }
        )
    return result
