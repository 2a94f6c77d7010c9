"""Building care: the clock of a repair request, and the statutory inspection calendar.

- `maintenance_due_dates(category, urgency, received_on)`: the response (派工) and repair (完工)
  days of a repair from the `MaintenanceLimit` row of its category × urgency (the defaults of
  facilities/rules.py when a row is missing), counted by core.deadlines on the office calendar.
- `obligation_create`, `inspection_record` (advances the next due day), `finding_raise_repair`
  (a failed item becomes a maintenance request, linked both ways), and the reminder rule used by
  the beat task (`obligations_to_remind`).

Services are keyword-only and transactional; they refuse with core.errors.ServiceError.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities.choices import InspectionResult, MaintenanceStatus
from facilities.models import (
    InspectionFinding,
    InspectionObligation,
    InspectionRecord,
    MaintenanceLimit,
    MaintenanceRequest,
)
from facilities.rules import DEFAULT_REPAIR_LIMITS, inspection_default
from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR, WorkdayCalendar, in_office_calendar
from kaohsiung_admin.core.deadlines import DayCount, deadline
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import roc_date

# --- repairs: due dates by category and urgency --------------------------------------------------


def repair_limits(category: str, urgency: str) -> tuple[int, int, DayCount, str]:
    """(response days, repair days, how they count, source) for a category × urgency: the admin's
    row when there is one, else the Limit defaults (each overridable by its setting)."""
    row = MaintenanceLimit.objects.filter(category=category, urgency=urgency).first()
    if row is not None:
        return row.response_days, row.repair_days, DayCount(row.count), row.source
    limits = DEFAULT_REPAIR_LIMITS[(category, urgency)]
    return limits.response.days, limits.repair.days, limits.repair.count, limits.repair.source


def maintenance_due_dates(
    *, category: str, urgency: str, received_on: datetime.date, calendar: WorkdayCalendar | None = None
) -> tuple[datetime.date, datetime.date]:
    """The last day to assign the repair and the last day to complete it: `deadline()` from the
    day of receipt (not counted), working days skip weekends, holidays and typhoon days."""
    response, repair, count, _source = repair_limits(category, urgency)
    calendar = calendar or WorkdayCalendar()
    return (
        deadline(received_on, response, calendar, count=count),
        deadline(received_on, repair, calendar, count=count),
    )


def set_due_dates(request: MaintenanceRequest, calendar: WorkdayCalendar | None = None) -> None:
    """Stamp the request's clocks (not saved): the response clock runs until it is assigned."""
    received_on = timezone.localdate(request.received_at)
    request.response_due_on, request.repair_due_on = maintenance_due_dates(
        category=request.category, urgency=request.urgency, received_on=received_on, calendar=calendar
    )
    request.due_on = running_due(request)


def running_due(request: MaintenanceRequest) -> datetime.date | None:
    if request.status == MaintenanceStatus.RECEIVED:
        return request.response_due_on
    return request.repair_due_on


# --- the inspection calendar --------------------------------------------------------------------


def _office_date(value: datetime.date | None, field: str) -> None:
    """Dates of the calendar stay within the office calendar's years (a cycle added to 9999-12-31
    would not be a date)."""
    if value is not None and not in_office_calendar(value):
        raise ServiceError(
            _("日期須介於 %(first)s 年與 %(last)s 年之間。") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="invalid",
            status=400,
            field=field,
        )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 = 28 Feb)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def next_due_after(due: datetime.date, done_on: datetime.date, cycle_months: int) -> datetime.date:
    """The calendar keeps its anchor: the due day moves on by whole cycles until it lies after the
    day the inspection was done (an inspection done early or late does not shift later years).
    Past LAST_YEAR it answers a day of LAST_YEAR + 1 (refused by the caller), never an error."""
    if due.year >= LAST_YEAR or done_on.year >= LAST_YEAR:
        return datetime.date(LAST_YEAR + 1, 1, 1)
    steps = 1
    following = add_months(due, cycle_months)
    while following <= done_on:
        steps += 1
        following = add_months(due, cycle_months * steps)
    return following


@transaction.atomic
def obligation_create(
    *, center: str, kind: str, next_due_on: datetime.date, user, scope: str = "", **fields
) -> InspectionObligation:
    """A duty on the calendar; cycle, reminder lead and basis default to facilities/rules.py."""
    if not user.has_perm("facilities.add_inspectionobligation"):
        raise PermissionDenied
    _office_date(next_due_on, "next_due_on")
    default = inspection_default(kind)
    fields.setdefault("cycle_months", default.cycle_months)
    fields.setdefault("remind_days", default.remind_days)
    if not fields.get("basis"):
        fields["basis"] = default.basis
    if InspectionObligation.objects.filter(center=center, kind=kind, scope=scope).exists():
        raise ServiceError(
            _("此行政中心已列管相同項目與範圍，請改填不同範圍。"), code="duplicate", status=400, field="scope"
        )
    try:
        with transaction.atomic():
            return InspectionObligation.objects.create(
                center=center, kind=kind, scope=scope, next_due_on=next_due_on, created_by=user, **fields
            )
    except IntegrityError:
        raise ServiceError(
            _("此行政中心已列管相同項目與範圍，請改填不同範圍。"), code="duplicate", status=400, field="scope"
        )


@transaction.atomic
def inspection_record(
    *,
    obligation: InspectionObligation,
    user,
    inspected_on: datetime.date,
    inspector: str,
    result: str,
    certificate_no: str = "",
    certificate=None,
    valid_until: datetime.date | None = None,
    note: str = "",
    findings: list[dict] | tuple = (),
    raise_repairs: bool = False,
) -> InspectionRecord:
    """Record an inspection done. Passed (with or without items to improve): the next due day
    moves on by the obligation's cycle, keeping its anchor. Failed: the obligation stays due
    (it is re-inspected); its findings are what must be repaired. `findings` are dicts of
    description, location, category, urgency; with `raise_repairs` each becomes a repair."""
    if not user.has_perm("facilities.add_inspectionrecord"):
        raise PermissionDenied
    obligation = InspectionObligation.objects.select_for_update().get(pk=obligation.pk)
    today = timezone.localdate()
    _office_date(inspected_on, "inspected_on")
    _office_date(valid_until, "valid_until")
    if inspected_on > today:
        raise ServiceError(_("辦理日期不可晚於今天。"), code="invalid", status=400, field="inspected_on")
    if valid_until is not None and valid_until < inspected_on:
        raise ServiceError(_("有效期限不可早於辦理日期。"), code="invalid", status=400, field="valid_until")
    if result == InspectionResult.PASSED and findings:
        raise ServiceError(
            _("結果為合格時不列缺失；有待改善事項請選「合格，有待改善事項」。"),
            code="invalid",
            status=400,
            field="result",
        )
    if result in (InspectionResult.FINDINGS, InspectionResult.FAILED) and not findings:
        raise ServiceError(_("請至少列出一項缺失。"), code="invalid", status=400, field="findings")
    record = InspectionRecord.objects.create(
        obligation=obligation,
        inspected_on=inspected_on,
        inspector=inspector,
        result=result,
        certificate_no=certificate_no,
        certificate=certificate or "",
        valid_until=valid_until,
        note=note,
        due_on=obligation.next_due_on,
        recorded_by=user,
        created_by=user,
    )
    for item in findings:
        finding = InspectionFinding.objects.create(
            record=record,
            description=item["description"],
            location=item.get("location", ""),
            category=item["category"],
            urgency=item.get("urgency") or "normal",
            created_by=user,
        )
        if raise_repairs:
            finding_raise_repair(finding=finding, user=user)
    if result != InspectionResult.FAILED:
        following = next_due_after(obligation.next_due_on, inspected_on, obligation.cycle_months)
        _office_date(following, "inspected_on")
        if obligation.last_done_on is None or inspected_on >= obligation.last_done_on:
            obligation.last_done_on = inspected_on
        obligation.next_due_on = following
        obligation.save(update_fields=["last_done_on", "next_due_on", "updated_at"])
    return record


@transaction.atomic
def finding_raise_repair(*, finding: InspectionFinding, user) -> MaintenanceRequest:
    """A failed item becomes a repair request of its center, category and urgency; the finding
    points at it and the repair knows its finding (linked both ways). Once per finding."""
    from facilities import services

    if not user.has_perm("facilities.add_maintenancerequest") or not user.has_perm(
        "facilities.change_inspectionfinding"
    ):
        raise PermissionDenied
    finding = InspectionFinding.objects.select_for_update().select_related("record__obligation").get(pk=finding.pk)
    if finding.maintenance_request_id:
        raise ServiceError(
            _("此缺失已開立報修 #%(id)s。") % {"id": finding.maintenance_request_id},
            code="already_raised",
            status=409,
            maintenance_request=finding.maintenance_request_id,
        )
    obligation = finding.record.obligation
    repair = services.maintenance_create(
        center=obligation.center,
        category=finding.category,
        urgency=finding.urgency,
        location=finding.location or obligation.scope or obligation.get_center_display(),
        description=_("%(obligation)s（%(date)s，%(inspector)s）缺失：%(text)s")
        % {
            "obligation": obligation.get_kind_display(),
            "date": roc_date(finding.record.inspected_on),
            "inspector": finding.record.inspector,
            "text": finding.description,
        },
        requested_by=user,
        reporter_unit=_("法定檢查"),
    )
    finding.maintenance_request = repair
    finding.save(update_fields=["maintenance_request", "updated_at"])
    return repair


def obligations_to_remind(on: datetime.date | None = None) -> list[InspectionObligation]:
    """Active obligations inside their reminder lead (or past due) not yet reminded for this due
    day: the beat task sends one reminder per due day. Each row has its own lead, so the (few)
    obligations due within a year are compared in Python: SQLite and PostgreSQL agree."""
    from django.db.models import F, Q

    on = on or timezone.localdate()
    rows = (
        InspectionObligation.objects.filter(is_active=True, next_due_on__lte=on + datetime.timedelta(days=366))
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("next_due_on")))
        .select_related("responsible")
        .order_by("next_due_on", "id")
    )
    return [row for row in rows if row.remind_on <= on]
