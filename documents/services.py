"""Writes: registering documents and petitions and moving them through their flows.

The flows are explicit state-machine tables (`DOCUMENT_TRANSITIONS`, `PETITION_TRANSITIONS`):
a service checks the move against its table first and raises `ServiceError` with a sentence a
clerk understands; each move writes one timeline event in the same transaction. Due dates come
only from `documents.rules`.

Document flow: 收文 → 分文 → 承辦 → 陳核 → 決行 → 發文 → 歸檔; 存查 ends a document without a
reply (then 歸檔); 退文 sends a misrouted document back to the registry to be assigned again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import rules
from documents.choices import (
    CLOSED_STATUSES,
    PETITION_CLOSED,
    Action,
    Direction,
    GazetteKind,
    MergeKind,
    Nature,
    PetitionAction,
    PetitionChannel,
    PetitionStatus,
    Status,
)
from documents.models import (
    DocumentAttachment,
    DocumentEvent,
    DocumentPause,
    Extension,
    GazetteIssue,
    OfficialDocument,
    Petition,
    PetitionEvent,
    PetitionReply,
)
from kaohsiung_admin.core.dates import WorkdayCalendar, in_office_calendar
from kaohsiung_admin.core.deadlines import Pause, days_taken
from kaohsiung_admin.core.decisions import RequestStatus, record_decision
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import display_date, roc_date
from kaohsiung_admin.core.numbering import next_number, roc_number

RECEIVED_NUMBER = "{roc}{seq:07d}"  # 收文號 1110000001: ROC year and seven digits, as 二代公文 numbers
ISSUED_NUMBER = "高市府行國文字第{roc}{seq:07d}號"  # 發文字號
PETITION_NUMBER = "{roc}機陳字第{seq:05d}號"

# --- the state machines -----------------------------------------------------------------------

# action → (statuses it may start from, status it leads to)
DOCUMENT_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.ASSIGN: (frozenset({Status.RECEIVED, Status.RETURNED, Status.ASSIGNED}), Status.ASSIGNED),
    Action.ACCEPT: (frozenset({Status.ASSIGNED}), Status.HANDLING),
    Action.SUBMIT: (frozenset({Status.HANDLING}), Status.REVIEWING),
    Action.SEND_BACK: (frozenset({Status.REVIEWING, Status.DECIDED}), Status.HANDLING),
    Action.DECIDE: (frozenset({Status.REVIEWING}), Status.DECIDED),
    Action.DISPATCH: (frozenset({Status.DECIDED}), Status.DISPATCHED),
    Action.KEEP: (frozenset({Status.ASSIGNED, Status.HANDLING, Status.REVIEWING, Status.DECIDED}), Status.KEPT),
    Action.FILE: (frozenset({Status.DISPATCHED, Status.KEPT}), Status.FILED),
    Action.RETURN: (frozenset({Status.ASSIGNED, Status.HANDLING}), Status.RETURNED),
}

PETITION_TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    PetitionAction.ASSIGN: (frozenset({PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED}), PetitionStatus.ASSIGNED),
    PetitionAction.EXTEND: (frozenset({PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED}), None),
    PetitionAction.REPLY: (frozenset({PetitionStatus.ASSIGNED, PetitionStatus.REPLIED}), PetitionStatus.REPLIED),
    PetitionAction.CLOSE: (frozenset({PetitionStatus.REPLIED}), PetitionStatus.CLOSED),
    PetitionAction.NOT_ACCEPT: (
        frozenset({PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED}),
        PetitionStatus.NOT_ACCEPTED,
    ),
}


def allowed_document_actions(document: OfficialDocument) -> list[str]:
    return [action for action, (sources, _to) in DOCUMENT_TRANSITIONS.items() if document.status in sources]


def allowed_petition_actions(petition: Petition) -> list[str]:
    return [action for action, (sources, _to) in PETITION_TRANSITIONS.items() if petition.status in sources]


def _today() -> datetime.date:
    return timezone.localdate()


def _user(user):
    return user if getattr(user, "pk", None) else None


def _check_day(
    day: datetime.date | None, field: str, *, not_before: datetime.date | None = None, what: str = ""
) -> None:
    if day is None:
        return
    if not in_office_calendar(day):
        raise ServiceError(_("日期超出可登錄範圍。"), code="date_out_of_range", status=400, field=field)
    if day > _today():
        raise ServiceError(_("日期不可晚於今天。"), code="date_in_future", status=400, field=field)
    if not_before is not None and day < not_before:
        raise ServiceError(
            _("日期不可早於%(what)s（%(date)s）。") % {"what": what, "date": display_date(not_before)},
            code="date_too_early",
            status=400,
            field=field,
        )


def _locked(model, pk: int):
    # Row lock for the whole move, so two clerks cannot move one record at once.
    return model.objects.select_for_update().get(pk=pk)


def _document_event(document, action, *, user, from_status="", to_status="", on=None, note="") -> DocumentEvent:
    return DocumentEvent.objects.create(
        document=document,
        action=action,
        from_status=from_status,
        to_status=to_status,
        on=on,
        at=timezone.now(),
        by=_user(user),
        note=note[:500],
    )


def _check_move(document: OfficialDocument, action: str) -> str:
    sources, target = DOCUMENT_TRANSITIONS[action]
    if document.status not in sources:
        raise ServiceError(
            _("公文目前為「%(status)s」，不能執行「%(action)s」。")
            % {"status": document.get_status_display(), "action": Action(action).label},
            code="transition_refused",
        )
    return target


# --- due dates --------------------------------------------------------------------------------


def _pauses(document: OfficialDocument) -> list[Pause]:
    return [Pause(p.start, p.end) for p in document.pauses.all() if p.end is not None] if document.pk else []


def document_due(document: OfficialDocument, *, calendar: WorkdayCalendar | None = None) -> rules.Due | None:
    """The document's 限辦日期 by the rules; None for a draft of our own (創稿 has no limit)."""
    if document.direction != Direction.RECEIVED:
        return None
    return rules.due_date(
        nature=document.nature,
        received_on=document.count_start,
        sender_due_on=document.sender_due_on,
        limit_days=document.limit_days,
        extended_days=document.extended_days,
        pauses=_pauses(document),
        calendar=calendar,
    )


def _refresh_due(document: OfficialDocument, calendar: WorkdayCalendar | None = None) -> None:
    due = document_due(document, calendar=calendar)
    document.due_on = due.on if due is not None else None


def _validate_nature(*, nature: str, sender_due_on, limit_days, received_on) -> None:
    if nature == Nature.TIME_LIMITED and sender_due_on is None:
        raise ServiceError(_("限期案件請填寫來文限期。"), code="sender_due_required", status=400, field="sender_due_on")
    if nature in rules.OWN_LIMIT_NATURES:
        low = rules.PROJECT_MIN.days if nature == Nature.PROJECT else 1
        high = rules.OWN_LIMIT_MAX.days
        if not limit_days or not low <= limit_days <= high:
            raise ServiceError(
                _("%(nature)s請填寫處理時限 %(low)s 至 %(high)s 日。")
                % {"nature": Nature(nature).label, "low": low, "high": high},
                code="limit_days_required",
                status=400,
                field="limit_days",
            )


# --- registering ------------------------------------------------------------------------------


@transaction.atomic
def document_receive(
    *,
    user,
    received_on: datetime.date,
    subject: str,
    nature: str = Nature.ORDINARY,
    sender: str = "",
    sender_reference: str = "",
    document_date: datetime.date | None = None,
    security: str = "none",
    sender_due_on: datetime.date | None = None,
    limit_days: int | None = None,
    unit=None,
    officer=None,
    received_via_exchange: bool = False,
    note: str = "",
    calendar: WorkdayCalendar | None = None,
) -> OfficialDocument:
    """登錄收文: number it, compute its 限辦日期; with a unit given it is assigned (分文) at once."""
    _check_day(received_on, "received_on")
    if document_date and document_date > received_on:
        raise ServiceError(_("來文日期不可晚於收文日期。"), code="date_order", status=400, field="document_date")
    _validate_nature(nature=nature, sender_due_on=sender_due_on, limit_days=limit_days, received_on=received_on)
    if nature not in rules.OWN_LIMIT_NATURES:
        limit_days = None
    if nature != Nature.TIME_LIMITED:
        sender_due_on = None
    year = received_on.year
    sequence = next_number("documents.received", year)
    document = OfficialDocument(
        direction=Direction.RECEIVED,
        number=roc_number(RECEIVED_NUMBER, year, sequence),
        year=year,
        sequence=sequence,
        document_date=document_date,
        received_on=received_on,
        count_start=received_on,
        sender=sender.strip(),
        sender_reference=sender_reference.strip(),
        subject=subject.strip(),
        nature=nature,
        security=security,
        sender_due_on=sender_due_on,
        limit_days=limit_days,
        received_via_exchange=received_via_exchange,
        note=note,
        created_by=_user(user),
    )
    _refresh_due(document, calendar)
    document.full_clean(exclude=["year", "sequence"])
    document.save()
    due = roc_date(document.due_on) if document.due_on else ""
    _document_event(
        document,
        Action.RECEIVE,
        user=user,
        to_status=Status.RECEIVED,
        on=received_on,
        note=_("限辦日期 %(due)s") % {"due": due},
    )
    if unit is not None:
        document_transition(
            user=user, document=document, action=Action.ASSIGN, on=received_on, unit=unit, officer=officer
        )
        document.refresh_from_db()
    return document


@transaction.atomic
def document_create(
    *,
    user,
    subject: str,
    unit,
    officer=None,
    on: datetime.date | None = None,
    addressee: str = "",
    security: str = "none",
    note: str = "",
) -> OfficialDocument:
    """創稿: a document the Bureau writes itself. It takes its 發文字號 now and has no limit."""
    on = on or _today()
    _check_day(on, "on")
    year = on.year
    sequence = next_number("documents.issued", year)
    number = roc_number(ISSUED_NUMBER, year, sequence)
    document = OfficialDocument.objects.create(
        direction=Direction.CREATED,
        number=number,
        issued_number=number,
        year=year,
        sequence=sequence,
        received_on=on,
        count_start=on,
        subject=subject.strip(),
        nature=Nature.ORDINARY,
        security=security,
        unit=unit,
        officer=officer or _user(user),
        addressee=addressee,
        status=Status.HANDLING,
        note=note,
        created_by=_user(user),
    )
    _document_event(document, Action.CREATE, user=user, to_status=Status.HANDLING, on=on)
    return document


# --- moves ------------------------------------------------------------------------------------


@transaction.atomic
def document_transition(
    *,
    user,
    document: OfficialDocument,
    action: str,
    on: datetime.date | None = None,
    note: str = "",
    unit=None,
    officer=None,
    addressee: str | None = None,
    sent_via_exchange: bool | None = None,
    e_signed: bool | None = None,
    calendar: WorkdayCalendar | None = None,
) -> OfficialDocument:
    """One move of the state machine, with the fields that move needs:
    分文 a unit (and officer); 發文 the addressee, e-exchange and e-signing flags; 存查 e-signing."""
    if action not in DOCUMENT_TRANSITIONS:
        raise ServiceError(_("不明的動作。"), code="unknown_action", status=400, field="action")
    document = _locked(OfficialDocument, document.pk)
    target = _check_move(document, action)
    on = on or _today()
    _check_day(on, "on", not_before=document.received_on, what=_("收文日期"))
    before = document.status
    fields = ["status"]
    if action == Action.ASSIGN:
        if unit is None:
            raise ServiceError(_("分文請選擇承辦單位。"), code="unit_required", status=400, field="unit")
        document.unit, document.officer = unit, officer
        fields += ["unit", "officer"]
        who = f"{unit}{'／' + str(officer) if officer else ''}"
        note = f"{who} {note}".strip()
    elif action == Action.ACCEPT and document.officer_id is None:
        document.officer = _user(user)
        fields.append("officer")
    elif action in (Action.DISPATCH, Action.KEEP):
        if document.paused_since is not None:
            raise ServiceError(_("本件仍在暫停計時中，請先恢復計時。"), code="paused")
        if action == Action.DISPATCH:
            if document.direction == Direction.RECEIVED and not document.issued_number:
                sequence = next_number("documents.issued", on.year)
                document.issued_number = roc_number(ISSUED_NUMBER, on.year, sequence)
            document.dispatched_on = on
            if addressee is not None:
                document.addressee = addressee.strip()
            if sent_via_exchange is not None:
                document.sent_via_exchange = sent_via_exchange
            fields += ["issued_number", "dispatched_on", "addressee", "sent_via_exchange"]
        if e_signed is not None:
            document.e_signed = e_signed
        document.closed_on = on
        document.days_taken = days_taken(
            document.count_start,
            on,
            count=rules.count_for(document.nature),
            calendar=calendar,
            pauses=_pauses(document),
        )
        fields += ["e_signed", "closed_on", "days_taken"]
    elif action == Action.FILE:
        document.filed_on = on
        fields.append("filed_on")
    elif action == Action.RETURN:
        document.officer = None
        fields.append("officer")
    document.status = target
    document.save(update_fields=[*fields, "updated_at"])
    _document_event(document, action, user=user, from_status=before, to_status=target, on=on, note=note)
    return document


@transaction.atomic
def document_pause(
    *, user, document: OfficialDocument, start: datetime.date, agency: str, reason: str = ""
) -> DocumentPause:
    """Stop the clock while the matter waits on another agency (core.deadlines.Pause)."""
    document = _locked(OfficialDocument, document.pk)
    if document.is_closed:
        raise ServiceError(_("已辦結的公文不能暫停計時。"), code="closed")
    if document.nature not in rules.PAUSABLE_NATURES or document.direction != Direction.RECEIVED:
        raise ServiceError(_("限期案件依來文限期辦理，不能暫停計時。"), code="not_pausable")
    if document.paused_since is not None:
        raise ServiceError(_("本件已在暫停計時中。"), code="already_paused")
    _check_day(start, "start", not_before=document.count_start, what=_("計算起日"))
    if not agency.strip():
        raise ServiceError(_("請填寫等待的機關。"), code="agency_required", status=400, field="agency")
    pause = DocumentPause.objects.create(
        document=document, start=start, agency=agency.strip(), reason=reason, created_by=_user(user)
    )
    document.paused_since = start
    document.save(update_fields=["paused_since", "updated_at"])
    _document_event(document, Action.PAUSE, user=user, on=start, note=f"{agency} {reason}".strip())
    return pause


@transaction.atomic
def document_resume(
    *, user, document: OfficialDocument, end: datetime.date, calendar: WorkdayCalendar | None = None
) -> OfficialDocument:
    """Start the clock again; the due date moves by the paused days (the last paused day is `end`)."""
    document = _locked(OfficialDocument, document.pk)
    pause = document.pauses.filter(end__isnull=True).first()
    if pause is None:
        raise ServiceError(_("本件沒有暫停計時。"), code="not_paused")
    _check_day(end, "end", not_before=pause.start, what=_("暫停起日"))
    pause.end = end
    pause.save(update_fields=["end", "updated_at"])
    document.paused_since = None
    _refresh_due(document, calendar)
    document.save(update_fields=["paused_since", "due_on", "updated_at"])
    _document_event(
        document, Action.RESUME, user=user, on=end, note=_("限辦日期改為 %(due)s") % {"due": roc_date(document.due_on)}
    )
    return document


@transaction.atomic
def document_merge(
    *,
    user,
    lead: OfficialDocument,
    pieces: Iterable[OfficialDocument],
    kind: str,
    on: datetime.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> OfficialDocument:
    """彙辦 / 併辦: the lead carries the matter, its clock starting after the last (彙辦) or the
    first (併辦) piece; the other pieces are filed as 存查 (文書流程管理作業規範 [S])."""
    if kind not in MergeKind.values:
        raise ServiceError(_("請選擇彙辦或併辦。"), code="merge_kind", status=400, field="kind")
    lead = _locked(OfficialDocument, lead.pk)
    pieces = [_locked(OfficialDocument, piece.pk) for piece in pieces if piece.pk != lead.pk]
    if not pieces:
        raise ServiceError(_("請選擇至少一件併入的公文。"), code="no_pieces", status=400, field="pieces")
    on = on or _today()
    for document in [lead, *pieces]:
        if document.direction != Direction.RECEIVED or document.is_closed or document.merged_into_id:
            raise ServiceError(
                _("公文 %(number)s 已辦結、已併入他案或非收文，不能彙併辦。") % {"number": document.number},
                code="not_mergeable",
            )
    _check_day(on, "on", not_before=max(d.received_on for d in [lead, *pieces]), what=_("最後一件收文日期"))
    lead.count_start = rules.merged_count_start(kind, [lead.received_on, *(p.received_on for p in pieces)])
    lead.merge_kind = kind
    _refresh_due(lead, calendar)
    lead.save(update_fields=["count_start", "merge_kind", "due_on", "updated_at"])
    numbers = "、".join(p.number for p in pieces)
    _document_event(
        lead,
        Action.MERGE,
        user=user,
        on=on,
        note=_("%(kind)s %(numbers)s；自 %(start)s 次日起算，限辦日期 %(due)s")
        % {
            "kind": MergeKind(kind).label,
            "numbers": numbers,
            "start": roc_date(lead.count_start),
            "due": roc_date(lead.due_on),
        },
    )
    for piece in pieces:
        before = piece.status
        piece.merged_into = lead
        piece.status = Status.KEPT
        piece.closed_on = on
        piece.days_taken = days_taken(piece.count_start, on, count=rules.count_for(piece.nature), calendar=calendar)
        piece.save(update_fields=["merged_into", "status", "closed_on", "days_taken", "updated_at"])
        _document_event(
            piece, Action.MERGED, user=user, from_status=before, to_status=Status.KEPT, on=on, note=lead.number
        )
    return lead


@transaction.atomic
def extension_request(*, user, document: OfficialDocument, days: int, reason: str) -> Extension:
    """申請展期: ≤ 3 requests (pending or approved), ≤ 10 days each, ≤ 30 days in all."""
    document = _locked(OfficialDocument, document.pk)
    if document.is_closed or document.due_on is None:
        raise ServiceError(_("已辦結或無限辦日期的公文不能展期。"), code="not_extendable")
    if not (reason or "").strip():
        raise ServiceError(_("請填寫展期理由。"), code="reason_required", status=400, field="reason")
    counted = document.extensions.filter(status__in=[RequestStatus.PENDING, RequestStatus.APPROVED])
    refusal = rules.extension_refusal(
        days=int(days), previous_requests=counted.count(), previous_days=sum(counted.values_list("days", flat=True))
    )
    if refusal:
        raise ServiceError(refusal, code="extension_refused", status=400, field="days")
    extension = Extension.objects.create(
        document=document, days=days, reason=reason.strip(), requested_by=_user(user), created_by=_user(user)
    )
    _document_event(document, Action.EXTENSION_REQUESTED, user=user, on=_today(), note=f"+{days} {reason}")
    return extension


@transaction.atomic
def extension_decide(
    *, user, extension: Extension, approve: bool, reason: str = "", calendar: WorkdayCalendar | None = None
) -> Extension:
    """Approve (the due date moves by the days, counted as the nature counts) or reject."""
    extension = _locked(Extension, extension.pk)
    if not user.has_perm("documents.approve_extension"):
        raise ServiceError(_("您沒有核准展期的權限。"), code="forbidden", status=403)
    if extension.requested_by_id and extension.requested_by_id == user.pk:
        raise ServiceError(_("展期申請須由其他主管核准，不能核准自己的申請。"), code="own_request", status=403)
    record_decision(extension, approve=approve, by=user, reason=reason)
    document = _locked(OfficialDocument, extension.document_id)
    if approve:
        if document.is_closed:
            raise ServiceError(_("公文已辦結，不需展期。"), code="closed")
        document.extended_days += extension.days
        _refresh_due(document, calendar)
        document.save(update_fields=["extended_days", "due_on", "updated_at"])
        note = _("展期 %(days)s 日，限辦日期改為 %(due)s") % {"days": extension.days, "due": roc_date(document.due_on)}
    else:
        note = reason
    _document_event(
        document, Action.EXTENSION_APPROVED if approve else Action.EXTENSION_REJECTED, user=user, on=_today(), note=note
    )
    return extension


@transaction.atomic
def attachment_add(*, user, document: OfficialDocument, file, description: str = "") -> DocumentAttachment:
    attachment = DocumentAttachment.objects.create(
        document=document, file=file, description=description.strip(), created_by=_user(user)
    )
    _document_event(document, Action.ATTACHED, user=user, on=_today(), note=str(attachment))
    return attachment


# --- petitions --------------------------------------------------------------------------------


def _petition_event(petition, action, *, user, from_status="", to_status="", on=None, note="") -> PetitionEvent:
    return PetitionEvent.objects.create(
        petition=petition,
        action=action,
        from_status=from_status,
        to_status=to_status,
        on=on,
        at=timezone.now(),
        by=_user(user),
        note=note[:500],
    )


def _check_petition(petition: Petition, action: str) -> str | None:
    sources, target = PETITION_TRANSITIONS[action]
    if petition.status not in sources:
        raise ServiceError(
            _("案件目前為「%(status)s」，不能執行「%(action)s」。")
            % {"status": petition.get_status_display(), "action": PetitionAction(action).label},
            code="transition_refused",
        )
    return target


@transaction.atomic
def petition_receive(
    *,
    user,
    received_on: datetime.date,
    channel: str,
    subject: str,
    kind: str = "petition",
    visit=None,
    petitioner_name: str = "",
    petitioner_phone: str = "",
    petitioner_email: str = "",
    petitioner_address: str = "",
    content: str = "",
    officer=None,
    calendar: WorkdayCalendar | None = None,
) -> Petition:
    """收件: numbered, due 30 days after receipt (rules.PETITION)."""
    _check_day(received_on, "received_on")
    if channel == PetitionChannel.CONTROL_YUAN and visit is None:
        raise ServiceError(_("監察院巡察受理之陳情請選擇巡察場次。"), code="visit_required", status=400, field="visit")
    if channel != PetitionChannel.CONTROL_YUAN:
        visit = None
    year = received_on.year
    sequence = next_number("documents.petition", year)
    petition = Petition(
        number=roc_number(PETITION_NUMBER, year, sequence),
        year=year,
        sequence=sequence,
        kind=kind,
        channel=channel,
        visit=visit,
        received_on=received_on,
        petitioner_name=petitioner_name.strip(),
        petitioner_phone=petitioner_phone.strip(),
        petitioner_email=petitioner_email.strip(),
        petitioner_address=petitioner_address.strip(),
        subject=subject.strip(),
        content=content,
        officer=officer or _user(user),
        due_on=rules.petition_due(received_on, calendar=calendar),
        created_by=_user(user),
    )
    petition.full_clean(exclude=["year", "sequence"])
    petition.save()
    _petition_event(
        petition,
        PetitionAction.RECEIVE,
        user=user,
        to_status=PetitionStatus.RECEIVED,
        on=received_on,
        note=_("處理期限 %(due)s") % {"due": roc_date(petition.due_on)},
    )
    return petition


@transaction.atomic
def petition_transition(
    *,
    user,
    petition: Petition,
    action: str,
    on: datetime.date | None = None,
    note: str = "",
    agency: str = "",
    days: int | None = None,
    content: str = "",
    ground: str = "",
    calendar: WorkdayCalendar | None = None,
) -> Petition:
    """分辦 (agency), 展期 (days; `on` is the day the written notice went out), 答復 (agency and
    content), 結案, 不予受理 (a ground of 行政程序法第173條)."""
    if action not in PETITION_TRANSITIONS:
        raise ServiceError(_("不明的動作。"), code="unknown_action", status=400, field="action")
    petition = _locked(Petition, petition.pk)
    target = _check_petition(petition, action)
    on = on or _today()
    _check_day(on, "on", not_before=petition.received_on, what=_("收件日期"))
    before = petition.status
    fields: list[str] = []
    if action == PetitionAction.ASSIGN:
        if not agency.strip():
            raise ServiceError(_("請填寫分辦機關。"), code="agency_required", status=400, field="agency")
        petition.assigned_agency, petition.assigned_on = agency.strip(), on
        fields += ["assigned_agency", "assigned_on"]
        note = f"{agency} {note}".strip()
    elif action == PetitionAction.EXTEND:
        if petition.extended_days:
            raise ServiceError(_("本案已展期一次，不能再展期。"), code="already_extended")
        limit = rules.PETITION_EXTENSION_MAX.days
        if not days or not 1 <= int(days) <= limit:
            raise ServiceError(
                _("展期日數須為 1 至 %(max)s 日。") % {"max": limit}, code="extension_days", status=400, field="days"
            )
        if not note.strip():
            raise ServiceError(
                _("展期須以書面通知陳情人，請填寫展期理由。"), code="reason_required", status=400, field="note"
            )
        petition.extended_days = int(days)
        petition.extension_notice_on = on
        petition.extension_reason = note.strip()[:300]
        petition.due_on = rules.petition_extended_due(petition.due_on, int(days), calendar=calendar)
        fields += ["extended_days", "extension_notice_on", "extension_reason", "due_on"]
        note = _("書面通知展期 %(days)s 日，期限改為 %(due)s：%(why)s") % {
            "days": days,
            "due": roc_date(petition.due_on),
            "why": note.strip(),
        }
    elif action == PetitionAction.REPLY:
        if not content.strip():
            raise ServiceError(_("請填寫答復內容。"), code="content_required", status=400, field="content")
        PetitionReply.objects.create(
            petition=petition,
            replied_on=on,
            agency=(agency or petition.assigned_agency).strip() or "-",
            content=content.strip(),
            created_by=_user(user),
        )
        petition.replied_on = on
        fields.append("replied_on")
    elif action == PetitionAction.CLOSE:
        petition.closed_on = on
        fields.append("closed_on")
    elif action == PetitionAction.NOT_ACCEPT:
        from documents.choices import NonAcceptanceGround

        if ground not in NonAcceptanceGround.values:
            raise ServiceError(_("請選擇不予受理理由。"), code="ground_required", status=400, field="ground")
        petition.non_acceptance_ground = ground
        petition.closed_on = on
        fields += ["non_acceptance_ground", "closed_on"]
        note = f"{NonAcceptanceGround(ground).label} {note}".strip()
    if target is not None:
        petition.status = target
        fields.append("status")
    petition.save(update_fields=[*fields, "updated_at"])
    _petition_event(petition, action, user=user, from_status=before, to_status=petition.status, on=on, note=note)
    return petition


# --- registers --------------------------------------------------------------------------------


@transaction.atomic
def gazette_generate(*, user, year: int, calendar: WorkdayCalendar | None = None) -> list[GazetteIssue]:
    """Plan a year's regular issues from the rule (every Monday and Thursday): issues not yet in
    the register are added as not yet published, numbered after the year's existing ones."""
    dates = rules.gazette_dates(year, calendar=calendar)
    existing = set(GazetteIssue.objects.filter(year=year).values_list("issue_on", flat=True))
    last = GazetteIssue.objects.filter(year=year).order_by("-number").values_list("number", flat=True).first() or 0
    new = []
    for day in dates:
        if day in existing:
            continue
        last += 1
        new.append(
            GazetteIssue(
                year=year, number=last, kind=GazetteKind.REGULAR, issue_on=day, published=False, created_by=_user(user)
            )
        )
    GazetteIssue.objects.bulk_create(new)
    return new


def is_closed_status(status: str) -> bool:
    return status in CLOSED_STATUSES


def is_closed_petition(status: str) -> bool:
    return status in PETITION_CLOSED
