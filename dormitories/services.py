"""Every write of the register: keyword-only `<entity>_<action>` functions, each one transaction.

No double occupancy / double lending: on PostgreSQL exclusion constraints (migration 0002)
decide; the services check first so that the user reads which record clashes, and turn the
constraint's IntegrityError (a race lost to a concurrent request) into the same refusal. SQLite
has no such constraint: there the check runs in a transaction that takes the database write lock
before its first read (`_take_write_lock`), so check-then-insert cannot interleave.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dormitories import rules
from dormitories.choices import (
    REDUCING,
    ApplicationStatus,
    AssetEventKind,
    AssetStatus,
    CheckRoundStatus,
    DisposalStage,
    DormitoryStatus,
    Finding,
    OccupancyStatus,
    RecordMethod,
    RepairStatus,
    StockResult,
    StocktakingStatus,
)
from dormitories.db import LENDING_NO_OVERLAP, OCCUPANCY_NO_OVERLAP
from dormitories.models import (
    Asset,
    AssetCategory,
    AssetEvent,
    AssetLocation,
    CheckItem,
    CheckPhoto,
    CheckRound,
    Disposal,
    DisposalStep,
    Dormitory,
    Lending,
    Occupancy,
    OccupancyApplication,
    Repair,
    StocktakingEntry,
    StocktakingRound,
)
from kaohsiung_admin.core.decisions import RequestStatus, record_decision
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import roc_date
from kaohsiung_admin.core.numbering import next_number

# --- locking ----------------------------------------------------------------------------------


def _take_write_lock(dormitory: Dormitory) -> None:
    """On SQLite, take the database write lock before reading, so check-then-insert is atomic.

    A write as the first statement of the transaction takes SQLite's RESERVED lock at once; a
    second writer waits (busy timeout) and reads after we commit. PostgreSQL needs no lock: its
    exclusion constraints decide.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE dormitories_dormitory SET updated_at = updated_at WHERE id = %s", [dormitory.pk])


def _violates(exc: IntegrityError, name: str) -> bool:
    cause = exc.__cause__
    return getattr(getattr(cause, "diag", None), "constraint_name", None) == name or name in str(exc)


def _save_guarded(record, *, constraint: str, find_clash, **save_kwargs) -> None:
    """Save; if the database refuses an overlap (a concurrent request won), name the winner."""
    try:
        with transaction.atomic():
            record.save(**save_kwargs)
    except IntegrityError as exc:
        if not _violates(exc, constraint):
            raise
        clash = find_clash()
        if clash is None:
            raise ServiceError(_("此期間剛被其他人登錄，請重新整理後再試。"), code="conflict_retry") from exc
        raise clash from exc


# --- dormitories ------------------------------------------------------------------------------


@transaction.atomic
def dormitory_create(*, by, **fields) -> Dormitory:
    dormitory = Dormitory(created_by=by, **fields)
    dormitory.full_clean()
    dormitory.save()
    return dormitory


@transaction.atomic
def dormitory_update(*, dormitory: Dormitory, by, **fields) -> Dormitory:
    for name, value in fields.items():
        setattr(dormitory, name, value)
    dormitory.full_clean()
    dormitory.save()
    return dormitory


# --- occupancies ------------------------------------------------------------------------------


def occupancy_conflict(clash: Occupancy) -> ServiceError:
    until = roc_date(clash.moved_out_on) if clash.moved_out_on else _("迄今")
    return ServiceError(
        _("此宿舍於該期間已有借住紀錄 #%(id)s：%(name)s（%(start)s 至 %(until)s）。")
        % {"id": clash.pk, "name": clash.occupant_name, "start": roc_date(clash.start_on), "until": until},
        code="occupancy_conflict",
        field="start_on",
        conflicting_occupancy=clash.pk,
    )


def find_occupancy_clash(
    *, dormitory: Dormitory, start_on: datetime.date, moved_out_on: datetime.date | None, exclude_pk=None
) -> Occupancy | None:
    """The occupancy of `dormitory` whose [start_on, moved_out_on) meets the span given."""
    queryset = Occupancy.objects.filter(dormitory=dormitory).exclude(status=OccupancyStatus.CANCELLED)
    queryset = queryset.filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=start_on))
    if moved_out_on is not None:
        queryset = queryset.filter(start_on__lt=moved_out_on)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.order_by("start_on").first()


def _refresh_dormitory_status(dormitory: Dormitory) -> None:
    """Occupied while someone lives there; vacant when the last occupant moved out (unless the
    unit is under repair, lent, to be disposed or retired: the clerk set that on purpose)."""
    occupied = Occupancy.objects.filter(dormitory=dormitory, status=OccupancyStatus.ACTIVE).exists()
    if occupied and dormitory.status in (DormitoryStatus.VACANT, DormitoryStatus.UNDER_REPAIR):
        new = DormitoryStatus.OCCUPIED
    elif not occupied and dormitory.status == DormitoryStatus.OCCUPIED:
        new = DormitoryStatus.VACANT
    else:
        return
    Dormitory.objects.filter(pk=dormitory.pk).update(status=new, updated_at=timezone.now())
    dormitory.status = new


@transaction.atomic
def occupancy_create(*, dormitory: Dormitory, by, start_on: datetime.date, occupant_name: str, **fields) -> Occupancy:
    """A unit lent to an occupant from `start_on`. Refused when another occupancy overlaps (the
    refusal names it) or when the unit cannot be lent to an occupant (retired, to be disposed)."""
    _take_write_lock(dormitory)  # first: on SQLite no read may precede the lock
    dormitory = Dormitory.objects.get(pk=dormitory.pk)
    if dormitory.status in (DormitoryStatus.RETIRED, DormitoryStatus.TO_DISPOSE):
        raise ServiceError(
            _("「%(name)s」為%(status)s，不可借住。")
            % {"name": dormitory.name, "status": dormitory.get_status_display()},
            code="dormitory_unavailable",
        )
    moved_out_on = fields.pop("moved_out_on", None)
    occupancy = Occupancy(
        dormitory=dormitory,
        start_on=start_on,
        occupant_name=occupant_name,
        moved_out_on=moved_out_on,
        status=OccupancyStatus.ENDED if moved_out_on else OccupancyStatus.ACTIVE,
        created_by=by,
        **fields,
    )
    occupancy.full_clean(exclude=["dormitory", "created_by"])
    clash = find_occupancy_clash(dormitory=dormitory, start_on=start_on, moved_out_on=moved_out_on)
    if clash is not None:
        raise occupancy_conflict(clash)

    def winner():
        found = find_occupancy_clash(
            dormitory=dormitory, start_on=start_on, moved_out_on=moved_out_on, exclude_pk=occupancy.pk
        )
        return occupancy_conflict(found) if found else None

    _save_guarded(occupancy, constraint=OCCUPANCY_NO_OVERLAP, find_clash=winner)
    _refresh_dormitory_status(dormitory)
    return occupancy


def _locked_occupancy(occupancy: Occupancy) -> Occupancy:
    _take_write_lock(occupancy.dormitory)
    return Occupancy.objects.select_for_update().select_related("dormitory").get(pk=occupancy.pk)


@transaction.atomic
def occupancy_end_eligibility(*, occupancy: Occupancy, ended_on: datetime.date, by, note: str = "") -> Occupancy:
    """Eligibility ended (retired, transferred, post ended): the move-out clock starts
    (rules.MOVE_OUT, 宿舍管理手冊 [S])."""
    occupancy = _locked_occupancy(occupancy)
    if occupancy.status != OccupancyStatus.ACTIVE:
        raise ServiceError(_("此借住紀錄已結束。"), code="occupancy_closed")
    if ended_on < occupancy.start_on:
        raise ServiceError(_("資格消滅日不可早於借住起日。"), code="invalid_date", status=400, field="ended_on")
    occupancy.eligibility_ended_on = ended_on
    if note:
        occupancy.note = f"{occupancy.note}\n{note}".strip()
    occupancy.save()
    return occupancy


@transaction.atomic
def occupancy_move_out(*, occupancy: Occupancy, moved_out_on: datetime.date, by, note: str = "") -> Occupancy:
    occupancy = _locked_occupancy(occupancy)
    if occupancy.status != OccupancyStatus.ACTIVE:
        raise ServiceError(_("此借住紀錄已結束。"), code="occupancy_closed")
    if moved_out_on <= occupancy.start_on:
        raise ServiceError(_("遷出日須晚於借住起日。"), code="invalid_date", status=400, field="moved_out_on")
    occupancy.moved_out_on = moved_out_on
    occupancy.status = OccupancyStatus.ENDED
    if note:
        occupancy.note = f"{occupancy.note}\n{note}".strip()
    occupancy.save()
    _refresh_dormitory_status(occupancy.dormitory)
    return occupancy


# --- applications (queued by filing time) -----------------------------------------------------


@transaction.atomic
def application_file(*, by, filed_at: datetime.datetime | None = None, **fields) -> OccupancyApplication:
    application = OccupancyApplication(filed_at=filed_at or timezone.now(), created_by=by, **fields)
    application.full_clean(exclude=["created_by", "occupancy"])
    application.save()
    return application


def application_position(application: OccupancyApplication) -> int | None:
    """Place in the queue of its kind: 1 + the queued applications filed before it."""
    if application.status != ApplicationStatus.QUEUED:
        return None
    earlier = OccupancyApplication.objects.filter(
        Q(filed_at__lt=application.filed_at) | Q(filed_at=application.filed_at, pk__lt=application.pk),
        kind=application.kind,
        status=ApplicationStatus.QUEUED,
    )
    return earlier.count() + 1


@transaction.atomic
def application_allocate(
    *, application: OccupancyApplication, dormitory: Dormitory, start_on: datetime.date, by, force: bool = False
) -> Occupancy:
    """Allocate a unit to a queued application: first filed, first served unless `force` (the
    clerk records why in the occupancy's note)."""
    application = OccupancyApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.QUEUED:
        raise ServiceError(_("此申請不在排隊中。"), code="application_closed")
    if dormitory.kind != application.kind:
        raise ServiceError(_("宿舍類別與申請類別不符。"), code="kind_mismatch", status=400, field="dormitory")
    if not force and application_position(application) != 1:
        raise ServiceError(_("尚有較早提出的申請排隊中，請依申請先後配住。"), code="queue_order")
    occupancy = occupancy_create(
        dormitory=dormitory,
        by=by,
        start_on=start_on,
        occupant_name=application.applicant_name,
        occupant_national_id=application.applicant_national_id,
        occupant_phone=application.applicant_phone,
        occupant_agency=application.applicant_agency,
        eligibility_basis=application.eligibility_basis,
    )
    application.status = ApplicationStatus.ALLOCATED
    application.occupancy = occupancy
    application.save(update_fields=["status", "occupancy", "updated_at"])
    return occupancy


@transaction.atomic
def application_close(*, application: OccupancyApplication, status: str, reason: str, by) -> OccupancyApplication:
    application = OccupancyApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.QUEUED:
        raise ServiceError(_("此申請不在排隊中。"), code="application_closed")
    if status not in (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED):
        raise ServiceError(_("結案方式不正確。"), code="invalid", status=400, field="status")
    if status == ApplicationStatus.REJECTED and not reason.strip():
        raise ServiceError(_("不符資格時請填寫理由。"), code="reason_required", status=400, field="reason")
    application.status = status
    application.closed_reason = reason.strip()[:200]
    application.save(update_fields=["status", "closed_reason", "updated_at"])
    return application


# --- occupancy checks (居住事實查考) ----------------------------------------------------------


@transaction.atomic
def check_round_open(*, year: int, month: int, opened_on: datetime.date, by, note: str = "") -> CheckRound:
    """Open a round with one checklist line per unit occupied on `opened_on`."""
    if CheckRound.objects.filter(year=year, month=month).exists():
        raise ServiceError(_("%(roc)s年%(m)s月的查考已建立。") % {"roc": year - 1911, "m": month}, code="duplicate")
    check_round = CheckRound.objects.create(year=year, month=month, opened_on=opened_on, note=note, created_by=by)
    current = (
        Occupancy.objects.filter(start_on__lte=opened_on)
        .filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=opened_on))
        .exclude(status=OccupancyStatus.CANCELLED)
        .values_list("pk", "dormitory_id")
    )
    CheckItem.objects.bulk_create(
        [
            CheckItem(round=check_round, dormitory_id=dormitory_id, occupancy_id=occupancy_id, created_by=by)
            for occupancy_id, dormitory_id in current
        ]
    )
    return check_round


@transaction.atomic
def check_item_record(
    *,
    item: CheckItem,
    finding: str,
    checked_on: datetime.date,
    by,
    note: str = "",
    photos: Iterable = (),
) -> CheckItem:
    item = CheckItem.objects.select_for_update().select_related("round").get(pk=item.pk)
    if item.round.status != CheckRoundStatus.OPEN:
        raise ServiceError(_("此查考已結束，不可再登錄。"), code="round_closed")
    if finding not in Finding.values:
        raise ServiceError(_("請選擇查考結果。"), code="invalid", status=400, field="finding")
    if finding != Finding.RESIDING and not note.strip():
        raise ServiceError(_("非「居住屬實」時請說明情形。"), code="note_required", status=400, field="note")
    if checked_on < item.round.opened_on:
        raise ServiceError(_("查考日不可早於查考開始日。"), code="invalid_date", status=400, field="checked_on")
    item.finding = finding
    item.checked_on = checked_on
    item.checked_by = by
    item.note = note.strip()
    item.save(update_fields=["finding", "checked_on", "checked_by", "note", "updated_at"])
    for photo in photos:
        CheckPhoto.objects.create(item=item, image=photo, created_by=by)
    return item


@dataclass
class CheckRoundReport:
    round: CheckRound
    unchecked: list = field(default_factory=list)
    needing_action: list = field(default_factory=list)


@transaction.atomic
def check_round_close(*, check_round: CheckRound, closed_on: datetime.date, by) -> CheckRoundReport:
    """Close the round; the report lists the units left unchecked and the findings to follow up."""
    check_round = CheckRound.objects.select_for_update().get(pk=check_round.pk)
    if check_round.status != CheckRoundStatus.OPEN:
        raise ServiceError(_("此查考已結束。"), code="round_closed")
    if closed_on < check_round.opened_on:
        raise ServiceError(_("結束日不可早於開始日。"), code="invalid_date", status=400, field="closed_on")
    check_round.status = CheckRoundStatus.CLOSED
    check_round.closed_on = closed_on
    check_round.save(update_fields=["status", "closed_on", "updated_at"])
    from dormitories.selectors import check_round_report

    return check_round_report(check_round=check_round)


@transaction.atomic
def check_item_mark_done(*, item: CheckItem, by) -> CheckItem:
    item.action_done = True
    item.save(update_fields=["action_done", "updated_at"])
    return item


# --- repairs and disposals --------------------------------------------------------------------


@transaction.atomic
def repair_create(*, dormitory: Dormitory, by, **fields) -> Repair:
    repair = Repair(dormitory=dormitory, created_by=by, **fields)
    if repair.status == RepairStatus.DONE and repair.done_on is None:
        repair.done_on = timezone.localdate()
    repair.full_clean(exclude=["created_by"])
    repair.save()
    return repair


REPAIR_MOVES = {
    RepairStatus.REPORTED: {RepairStatus.IN_PROGRESS, RepairStatus.DONE, RepairStatus.CANCELLED},
    RepairStatus.IN_PROGRESS: {RepairStatus.DONE, RepairStatus.CANCELLED},
    RepairStatus.DONE: set(),
    RepairStatus.CANCELLED: set(),
}


@transaction.atomic
def repair_update(
    *,
    repair: Repair,
    status: str,
    by,
    done_on: datetime.date | None = None,
    cost: Decimal | None = None,
    contractor=None,
) -> Repair:
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    if status != repair.status and status not in REPAIR_MOVES[repair.status]:
        raise ServiceError(
            _("「%(from)s」不可改為「%(to)s」。")
            % {"from": repair.get_status_display(), "to": RepairStatus(status).label},
            code="invalid_transition",
        )
    repair.status = status
    if status == RepairStatus.DONE:
        repair.done_on = done_on or timezone.localdate()
        if repair.done_on < repair.reported_on:
            raise ServiceError(_("完工日不可早於通報日。"), code="invalid_date", status=400, field="done_on")
    if cost is not None:
        repair.cost = cost
    if contractor is not None:
        repair.contractor = contractor
    repair.save()
    return repair


DISPOSAL_ORDER = list(DisposalStage.values)


@transaction.atomic
def disposal_list(*, dormitory: Dormitory, listed_on: datetime.date, by, note: str = "") -> Disposal:
    """Put a unit on the disposal list: it takes no new occupant from now on."""
    _take_write_lock(dormitory)
    if Disposal.objects.filter(dormitory=dormitory).exists():
        raise ServiceError(_("此宿舍已列管處分。"), code="duplicate")
    if Occupancy.objects.filter(dormitory=dormitory, status=OccupancyStatus.ACTIVE).exists():
        raise ServiceError(_("此宿舍仍有人借住，請先辦理遷出。"), code="occupied")
    disposal = Disposal.objects.create(dormitory=dormitory, listed_on=listed_on, note=note, created_by=by)
    DisposalStep.objects.create(disposal=disposal, stage=DisposalStage.LISTED, on=listed_on, note=note, by=by)
    Dormitory.objects.filter(pk=dormitory.pk).update(status=DormitoryStatus.TO_DISPOSE, updated_at=timezone.now())
    return disposal


@transaction.atomic
def disposal_advance(
    *, disposal: Disposal, stage: str, on: datetime.date, by, note: str = "", document_number: str = ""
) -> Disposal:
    """Move a disposal one or more stages forward; at 已除帳結案 the unit leaves the register."""
    disposal = Disposal.objects.select_for_update().select_related("dormitory").get(pk=disposal.pk)
    if stage not in DISPOSAL_ORDER or DISPOSAL_ORDER.index(stage) <= DISPOSAL_ORDER.index(disposal.stage):
        raise ServiceError(_("處分進度只能往後推進。"), code="invalid_transition", status=409, field="stage")
    last = disposal.steps.order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        raise ServiceError(_("日期不可早於前一進度。"), code="invalid_date", status=400, field="on")
    if stage == DisposalStage.APPROVED and not (document_number or disposal.document_number):
        raise ServiceError(_("核准處分請填寫核准文號。"), code="document_required", status=400, field="document_number")
    disposal.stage = stage
    if document_number:
        disposal.document_number = document_number
    if stage == DisposalStage.CLOSED:
        disposal.closed_on = on
        Dormitory.objects.filter(pk=disposal.dormitory_id).update(
            status=DormitoryStatus.RETIRED, retired_on=on, updated_at=timezone.now()
        )
    disposal.save()
    DisposalStep.objects.create(disposal=disposal, stage=stage, on=on, note=note, by=by)
    return disposal


# --- lendings ---------------------------------------------------------------------------------


def lending_conflict(clash: Lending) -> ServiceError:
    start = timezone.localtime(clash.start_at)
    end = timezone.localtime(clash.end_at)
    return ServiceError(
        _("「%(place)s」於該時段已核准借用 #%(id)s：%(borrower)s「%(event)s」（%(start)s %(s)s 至 %(end)s %(e)s）。")
        % {
            "place": clash.dormitory.name,
            "id": clash.pk,
            "borrower": clash.borrower,
            "event": clash.event_name,
            "start": roc_date(start.date()),
            "s": f"{start:%H:%M}",
            "end": roc_date(end.date()),
            "e": f"{end:%H:%M}",
        },
        code="lending_conflict",
        field="start_at",
        conflicting_lending=clash.pk,
    )


def find_lending_clash(*, dormitory: Dormitory, start_at, end_at, exclude_pk=None) -> Lending | None:
    queryset = Lending.objects.filter(
        dormitory=dormitory, status=RequestStatus.APPROVED, start_at__lt=end_at, end_at__gt=start_at
    ).select_related("dormitory")
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.order_by("start_at").first()


@transaction.atomic
def lending_request(*, dormitory: Dormitory, start_at, end_at, by, **fields) -> Lending:
    """An application to borrow a place. Refused at once when an approved lending takes the time."""
    _take_write_lock(dormitory)
    dormitory = Dormitory.objects.get(pk=dormitory.pk)
    if not dormitory.is_lendable or dormitory.status == DormitoryStatus.RETIRED:
        raise ServiceError(
            _("「%(name)s」不開放借用。") % {"name": dormitory.name}, code="not_lendable", field="dormitory"
        )
    if end_at <= start_at:
        raise ServiceError(_("借用結束須晚於開始。"), code="invalid_span", status=400, field="end_at")
    lending = Lending(dormitory=dormitory, start_at=start_at, end_at=end_at, created_by=by, requested_by=by, **fields)
    lending.full_clean(exclude=["dormitory", "created_by", "requested_by", "decided_by"])
    clash = find_lending_clash(dormitory=dormitory, start_at=start_at, end_at=end_at)
    if clash is not None:
        raise lending_conflict(clash)
    lending.save()
    return lending


@transaction.atomic
def lending_decide(*, lending: Lending, approve: bool, by, reason: str = "") -> Lending:
    """Approve (never over another approved lending) or reject with a reason (core.decisions)."""
    _take_write_lock(lending.dormitory)
    lending = Lending.objects.select_for_update().select_related("dormitory").get(pk=lending.pk)
    if approve:
        clash = find_lending_clash(
            dormitory=lending.dormitory, start_at=lending.start_at, end_at=lending.end_at, exclude_pk=lending.pk
        )
        if clash is not None:
            raise lending_conflict(clash)
    record_decision(lending, approve=approve, by=by, reason=reason, save=False)

    def winner():
        found = find_lending_clash(
            dormitory=lending.dormitory, start_at=lending.start_at, end_at=lending.end_at, exclude_pk=lending.pk
        )
        return lending_conflict(found) if found else None

    _save_guarded(lending, constraint=LENDING_NO_OVERLAP, find_clash=winner)
    return lending


@transaction.atomic
def lending_cancel(*, lending: Lending, by, reason: str = "") -> Lending:
    lending = Lending.objects.select_for_update().get(pk=lending.pk)
    if lending.status not in (RequestStatus.PENDING, RequestStatus.APPROVED):
        raise ServiceError(_("此借用已結案，不可取消。"), code="invalid_transition")
    lending.status = RequestStatus.CANCELLED
    lending.decision_reason = (reason or lending.decision_reason)[:200]
    lending.save(update_fields=["status", "decision_reason", "updated_at"])
    return lending


# --- assets -----------------------------------------------------------------------------------


def asset_number(category: AssetCategory, serial: int) -> str:
    """財產編號: the 7-digit 財物標準分類 code (類1 項2 目2 節2), a hyphen, the 7-digit item number."""
    return f"{category.code}-{serial:07d}"


@transaction.atomic
def asset_create(
    *,
    category: AssetCategory,
    name: str,
    cost: Decimal,
    acquired_on: datetime.date,
    location: AssetLocation,
    life_years: int | None = None,
    voucher_number: str,
    by,
    spec: str = "",
    custodian: str = "",
    custodian_unit: str = "",
    serial: int | None = None,
    note: str = "",
) -> Asset:
    """Register an acquisition (增加): numbered in its category, classed 財產/物品 by the rule."""
    if not voucher_number.strip():
        raise ServiceError(_("請填寫憑單編號。"), code="voucher_required", status=400, field="voucher_number")
    life_years = life_years or category.min_life_years
    if serial is None:
        serial = next_number(f"dormitories.asset.{category.code}", 0)
    asset = Asset(
        number=asset_number(category, serial),
        category=category,
        serial=serial,
        name=name,
        spec=spec,
        kind=rules.asset_kind(cost=cost, life_years=life_years),
        acquired_on=acquired_on,
        cost=cost,
        life_years=life_years,
        location=location,
        custodian=custodian,
        custodian_unit=custodian_unit,
        created_by=by,
    )
    asset.full_clean(exclude=["created_by"])
    asset.save()
    AssetEvent.objects.create(
        asset=asset,
        kind=AssetEventKind.ADD,
        on=acquired_on,
        voucher_number=voucher_number.strip(),
        to_location=location,
        amount=cost,
        note=note,
        created_by=by,
    )
    return asset


@transaction.atomic
def asset_record_event(
    *,
    asset: Asset,
    kind: str,
    on: datetime.date,
    voucher_number: str,
    by,
    to_location: AssetLocation | None = None,
    custodian: str | None = None,
    counterparty: str = "",
    amount: Decimal = Decimal(0),
    approval_reference: str = "",
    approved_by: str = "",
    note: str = "",
) -> AssetEvent:
    """One move of the asset state machine (rules.ASSET_TRANSITIONS), with its voucher.

    Refuses any event on an asset that left the register (no sale of a disposed asset), and a
    disposal (報廢) before the minimum useful life unless an approval is recorded (財物標準分類 [S]).
    """
    asset = Asset.objects.select_for_update().select_related("category", "location").get(pk=asset.pk)
    if kind not in rules.ASSET_TRANSITIONS[asset.status]:
        raise ServiceError(
            _("「%(status)s」的財產不可辦理%(kind)s。")
            % {"status": asset.get_status_display(), "kind": AssetEventKind(kind).label},
            code="invalid_transition",
            field="kind",
        )
    if not voucher_number.strip():
        raise ServiceError(_("請填寫憑單編號。"), code="voucher_required", status=400, field="voucher_number")
    if on < asset.acquired_on:
        raise ServiceError(_("異動日期不可早於取得日期。"), code="invalid_date", status=400, field="on")
    if (
        kind == AssetEventKind.DISPOSE
        and on < asset.life_ends_on
        and not (approval_reference.strip() and approved_by.strip())
    ):
        raise ServiceError(
            _("未達最低使用年限（%(years)s年，%(date)s屆滿），報廢須記錄核准文號及核准層級。")
            % {"years": asset.category.min_life_years, "date": roc_date(asset.life_ends_on)},
            code="approval_required",
            status=400,
            field="approval_reference",
        )
    if kind in (AssetEventKind.TRANSFER, AssetEventKind.DONATE, AssetEventKind.SELL) and not counterparty.strip():
        raise ServiceError(_("請填寫接受或購買單位。"), code="counterparty_required", status=400, field="counterparty")
    if kind == AssetEventKind.RELOCATE and to_location is None and custodian is None:
        raise ServiceError(_("請選擇新地點或保管人。"), code="invalid", status=400, field="to_location")
    event = AssetEvent(
        asset=asset,
        kind=kind,
        on=on,
        voucher_number=voucher_number.strip(),
        from_location=asset.location,
        to_location=to_location,
        counterparty=counterparty.strip(),
        amount=amount or Decimal(0),
        approval_reference=approval_reference.strip(),
        approved_by=approved_by.strip(),
        note=note,
        created_by=by,
    )
    event.save()
    if kind == AssetEventKind.RELOCATE:
        if to_location is not None:
            asset.location = to_location
        if custodian is not None:
            asset.custodian = custodian
    else:
        asset.status = REDUCING[kind]
        asset.reduced_on = on
    asset.save()
    return event


# --- stocktaking (盤點) -----------------------------------------------------------------------


@transaction.atomic
def stocktaking_open(*, location: AssetLocation, year: int, opened_on: datetime.date, by) -> StocktakingRound:
    """Open a round: one pending line per asset in use at the location (one INSERT per 2,000)."""
    if StocktakingRound.objects.filter(location=location, status=StocktakingStatus.OPEN).exists():
        raise ServiceError(_("此地點已有進行中的盤點。"), code="duplicate")
    stock_round = StocktakingRound.objects.create(location=location, year=year, opened_on=opened_on, created_by=by)
    asset_ids = Asset.objects.filter(location=location, status=AssetStatus.IN_USE).values_list("pk", flat=True)
    StocktakingEntry.objects.bulk_create(
        (StocktakingEntry(round=stock_round, asset_id=pk) for pk in asset_ids.iterator(chunk_size=2000)),
        batch_size=2000,
    )
    return stock_round


@dataclass
class StockRecordResult:
    entry: StocktakingEntry
    asset: Asset
    already: bool = False


@transaction.atomic
def stocktaking_record(*, stock_round: StocktakingRound, number: str, by, method: str = RecordMethod.TYPED):
    """An asset seen at the round's location, by its number (typed or read from its QR label).

    Expected here: 相符. Registered elsewhere: 位置不符 (a line is added). Unknown or off the
    register: refused, saying why."""
    number = (number or "").strip().upper()
    # Re-read the status: the round may have been closed since the page was loaded.
    stock_round = StocktakingRound.objects.only("id", "status", "location_id").get(pk=stock_round.pk)
    if stock_round.status != StocktakingStatus.OPEN:
        raise ServiceError(_("此盤點已結束。"), code="round_closed")
    asset = Asset.objects.select_related("location").filter(number=number).first()
    if asset is None:
        raise ServiceError(
            _("查無財產編號「%(n)s」。") % {"n": number}, code="unknown_asset", status=404, field="number"
        )
    if asset.status != AssetStatus.IN_USE:
        raise ServiceError(
            _("「%(n)s %(name)s」%(status)s，已不在帳上。")
            % {"n": asset.number, "name": asset.name, "status": asset.get_status_display()},
            code="asset_off_register",
            field="number",
        )
    now = timezone.now()
    entry = StocktakingEntry.objects.filter(round=stock_round, asset=asset).first()
    if entry is None:
        entry = StocktakingEntry.objects.create(
            round=stock_round,
            asset=asset,
            expected=False,
            result=StockResult.MISPLACED,
            method=method,
            recorded_at=now,
            recorded_by=by,
        )
        return StockRecordResult(entry=entry, asset=asset)
    if entry.result != StockResult.PENDING:
        return StockRecordResult(entry=entry, asset=asset, already=True)
    entry.result = StockResult.FOUND
    entry.method = method
    entry.recorded_at = now
    entry.recorded_by = by
    entry.save(update_fields=["result", "method", "recorded_at", "recorded_by"])
    return StockRecordResult(entry=entry, asset=asset)


@transaction.atomic
def stocktaking_close(*, stock_round: StocktakingRound, closed_on: datetime.date, by) -> StocktakingRound:
    """Close the round: every line still pending becomes 盤虧 in one UPDATE."""
    stock_round = StocktakingRound.objects.select_for_update().get(pk=stock_round.pk)
    if stock_round.status != StocktakingStatus.OPEN:
        raise ServiceError(_("此盤點已結束。"), code="round_closed")
    if closed_on < stock_round.opened_on:
        raise ServiceError(_("結束日不可早於開始日。"), code="invalid_date", status=400, field="closed_on")
    StocktakingEntry.objects.filter(round=stock_round, result=StockResult.PENDING).update(
        result=StockResult.MISSING, method=RecordMethod.AUTO, recorded_at=timezone.now()
    )
    stock_round.status = StocktakingStatus.CLOSED
    stock_round.closed_on = closed_on
    stock_round.save(update_fields=["status", "closed_on", "updated_at"])
    return stock_round
