"""Writes: filing cases and moving them through the statutory stages.

The stages form an explicit state machine (`COMPLAINT_TRANSITIONS`, `MEDIATION_TRANSITIONS`):
a service checks the move against the table first and raises `core.errors.ServiceError` (code
`transition_refused`, HTTP 409), with a sentence an officer understands, when the case is not
where the move may start. Each move writes
one `CaseEvent` (who, when, what) in the same transaction.

Case flow (DOMAIN.md): 諮詢 → 第一次申訴 (CPA Art. 43 I) → 業者回覆 → 妥適處理結案 / 未獲妥適處理 →
第二次申訴 (Art. 43 III) → 協商成立結案 / 未獲妥適處理 → 調解 (Art. 44; 調解辦法) → 補正 → 不受理 /
排會 → 調解方案 → 異議期間 (Art. 45-3) → 成立 / 不成立 → 法院核定 (Art. 46) → 結案.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consumer_protection import rules
from consumer_protection.choices import (
    Action,
    CommitteeKind,
    FirstRecipient,
    MediationStatus,
    Result,
    Stage,
)
from consumer_protection.models import (
    CaseEvent,
    CommitteeMeeting,
    Complaint,
    ComplaintAttachment,
    Consultation,
    MediationCase,
)
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import roc_date, roc_year
from kaohsiung_admin.core.numbering import next_number


def refused(message, *, field: str | None = None, status: int = 409, code: str = "transition_refused", **extra):
    """A move the case's stage or the rules do not allow; the message is for the officer."""
    return ServiceError(message, code=code, status=status, field=field, **extra)


# --- the state machines -----------------------------------------------------------------------

# action → (stages it may start from, stage it leads to; None keeps the stage)
COMPLAINT_TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.BUSINESS_REPLIED: (frozenset({Stage.FIRST}), None),
    Action.RESOLVED: (frozenset({Stage.FIRST, Stage.FIRST_UNRESOLVED}), Stage.CLOSED),
    Action.NOT_RESOLVED: (frozenset({Stage.FIRST}), Stage.FIRST_UNRESOLVED),
    # CPA Art. 43 III: a second complaint only after the first was not properly handled.
    Action.SECOND_FILED: (frozenset({Stage.FIRST_UNRESOLVED}), Stage.SECOND),
    Action.SECOND_MEETING: (frozenset({Stage.SECOND}), None),
    Action.SECOND_AGREED: (frozenset({Stage.SECOND}), Stage.CLOSED),
    Action.SECOND_FAILED: (frozenset({Stage.SECOND}), Stage.SECOND_UNRESOLVED),
    # CPA Art. 44 and 調解辦法 Art. 5: mediation only after an Art. 43 complaint that was not
    # properly handled (first or second).
    Action.MEDIATION_APPLIED: (frozenset({Stage.FIRST_UNRESOLVED, Stage.SECOND_UNRESOLVED}), Stage.MEDIATION),
    Action.CLOSED: (
        frozenset({Stage.FIRST, Stage.FIRST_UNRESOLVED, Stage.SECOND, Stage.SECOND_UNRESOLVED}),
        Stage.CLOSED,
    ),
}

MEDIATION_TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    Action.MEDIATION_CORRECTION: (frozenset({MediationStatus.APPLIED}), MediationStatus.CORRECTION),
    Action.MEDIATION_CORRECTED: (frozenset({MediationStatus.CORRECTION}), MediationStatus.APPLIED),
    Action.MEDIATION_SCHEDULED: (
        frozenset({MediationStatus.APPLIED, MediationStatus.SCHEDULED}),
        MediationStatus.SCHEDULED,
    ),
    Action.MEDIATION_PROPOSAL: (frozenset({MediationStatus.SCHEDULED}), MediationStatus.PROPOSAL),
    Action.MEDIATION_OBJECTION: (frozenset({MediationStatus.PROPOSAL}), MediationStatus.FAILED),
    Action.COURT_APPROVED: (frozenset({MediationStatus.ESTABLISHED}), None),
}

# Results a mediation can end with, from where, and the case result they close the case with.
MEDIATION_RESULTS: dict[str, tuple[frozenset[str], str]] = {
    MediationStatus.ESTABLISHED: (
        frozenset({MediationStatus.SCHEDULED, MediationStatus.PROPOSAL}),
        Result.MEDIATION_ESTABLISHED,
    ),
    # From a proposal only through an objection (mediation_record_objection, CPA Art. 45-3).
    MediationStatus.FAILED: (frozenset({MediationStatus.SCHEDULED, MediationStatus.PROPOSAL}), Result.MEDIATION_FAILED),
    MediationStatus.WITHDRAWN: (
        frozenset(
            {MediationStatus.APPLIED, MediationStatus.CORRECTION, MediationStatus.SCHEDULED, MediationStatus.PROPOSAL}
        ),
        Result.MEDIATION_WITHDRAWN,
    ),
    # 調解辦法 Art. 4/5: incomplete after the correction period, duplicate, not a consumer dispute.
    MediationStatus.REJECTED: (
        frozenset({MediationStatus.APPLIED, MediationStatus.CORRECTION}),
        Result.MEDIATION_REJECTED,
    ),
}

# Results an officer may close a case with directly (mediation results come from the mediation).
DIRECT_CLOSE_RESULTS = [Result.WITHDRAWN, Result.NOT_PURSUED, Result.REJECTED]


def allowed_complaint_actions(complaint: Complaint) -> list[str]:
    return [action for action, (sources, _to) in COMPLAINT_TRANSITIONS.items() if complaint.stage in sources]


def allowed_mediation_actions(mediation: MediationCase) -> list[str]:
    actions = [action for action, (sources, _to) in MEDIATION_TRANSITIONS.items() if mediation.status in sources]
    if any(mediation.status in sources for sources, _r in MEDIATION_RESULTS.values()):
        actions.append(Action.MEDIATION_CLOSED)
    return actions


def _check(complaint: Complaint, action: str) -> str | None:
    sources, target = COMPLAINT_TRANSITIONS[action]
    if complaint.stage not in sources:
        raise refused(
            _("案件目前為「%(stage)s」，不能執行「%(action)s」。")
            % {"stage": complaint.get_stage_display(), "action": Action(action).label},
            stage=complaint.stage,
        )
    return target


def _check_mediation(mediation: MediationCase, action: str) -> str | None:
    sources, target = MEDIATION_TRANSITIONS[action]
    if mediation.status not in sources:
        raise refused(
            _("調解案件目前為「%(status)s」，不能執行「%(action)s」。")
            % {"status": mediation.get_status_display(), "action": Action(action).label},
            stage=mediation.status,
        )
    return target


def _not_future(day: datetime.date | None, field: str, **how) -> None:
    if day and day > timezone.localdate():
        raise refused(_("日期不可晚於今天。"), field=field, **how)


def _not_before(day: datetime.date | None, earlier: datetime.date | None, field: str, what: str) -> None:
    if day and earlier and day < earlier:
        raise refused(_("日期不可早於%(what)s（%(date)s）。") % {"what": what, "date": roc_date(earlier)}, field=field)


def _event(complaint, action, *, user, from_stage="", to_stage="", on=None, note="", mediation=None) -> CaseEvent:
    return CaseEvent.objects.create(
        complaint=complaint,
        mediation=mediation,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        on=on,
        at=timezone.now(),
        by=user if getattr(user, "pk", None) else None,
        note=note,
    )


def _move(complaint: Complaint, action: str, *, user, on=None, note="", fields=(), mediation=None) -> Complaint:
    """Save the case's new stage and changed fields, and write the event."""
    target = _check(complaint, action)
    before = complaint.stage
    if target is not None:
        complaint.stage = target
    complaint.save(update_fields=[*fields, "stage", "updated_at"])
    _event(
        complaint, action, user=user, from_stage=before, to_stage=complaint.stage, on=on, note=note, mediation=mediation
    )
    return complaint


def _locked(model, pk):
    # Row lock for the duration of the move, so two officers cannot move one case at once.
    return model.objects.select_for_update().get(pk=pk)


# --- case numbers -----------------------------------------------------------------------------

COMPLAINT_NUMBER = "{roc}消申字第{seq:05d}號"  # 111消申字第00001號: ROC year of filing, 5 digits
MEDIATION_NUMBER = "{roc}消調字第{seq:04d}號"  # 111消調字第0001號: ROC year of application
# The running numbers' kinds in core.numbering (one counter row per kind and year).
COMPLAINT_KIND = "consumer_protection.complaint"
MEDIATION_KIND = "consumer_protection.mediation"


# --- consultations ----------------------------------------------------------------------------


@transaction.atomic
def consultation_create(*, user, **fields) -> Consultation:
    fields.setdefault("received_at", timezone.now())
    fields.setdefault("officer", user)
    consultation = Consultation(created_by=user, **fields)
    consultation.full_clean()
    consultation.save()
    return consultation


def complaint_initial_from_consultation(consultation: Consultation) -> dict:
    """What a complaint form starts with when an officer turns a consultation into a case."""
    return {
        "consultation": consultation.pk,
        "channel": consultation.channel,
        "category": consultation.category,
        "complainant_name": consultation.consumer_name,
        "complainant_phone": consultation.consumer_phone,
        "business_name": consultation.business_name,
        "narrative": consultation.summary,
        "first_filed_on": timezone.localtime(consultation.received_at).date(),
    }


# --- complaints -------------------------------------------------------------------------------


@transaction.atomic
def complaint_file(
    *,
    user,
    first_filed_on: datetime.date,
    category: str,
    complainant_name: str,
    complainant_national_id: str,
    complainant_phone: str,
    business_name: str,
    narrative: str,
    complainant_address: str = "",
    complainant_email: str = "",
    business_tax_id: str = "",
    amount: Decimal | None = None,
    demand: str = "",
    channel: str = "1950",
    first_received_by: str = FirstRecipient.BUREAU,
    officer=None,
    consultation: Consultation | None = None,
    attachment: UploadedFile | None = None,
    calendar: WorkdayCalendar | None = None,
) -> Complaint:
    """File a first complaint (CPA Art. 43 I) and start the business's 15-day clock."""
    # what the filing itself gets wrong is an input error (400), not a refused move
    _not_future(first_filed_on, "first_filed_on", status=400, code="invalid")
    if consultation is not None and Complaint.objects.filter(consultation=consultation).exists():
        raise refused(_("此諮詢已轉為申訴案件。"), field="consultation", status=400, code="invalid")
    year = first_filed_on.year
    sequence = next_number(COMPLAINT_KIND, year)
    # 消費者保護法第43條第2項: the business handles the complaint within 15 days of it.
    business_due_on = rules.deadline(first_filed_on, rules.FIRST_COMPLAINT_BUSINESS, calendar)
    complaint = Complaint(
        case_number=COMPLAINT_NUMBER.format(roc=roc_year(year), seq=sequence),
        case_year=year,
        sequence=sequence,
        consultation=consultation,
        channel=channel,
        first_received_by=first_received_by,
        first_filed_on=first_filed_on,
        category=category,
        complainant_name=complainant_name,
        complainant_national_id=complainant_national_id.strip().upper(),
        complainant_phone=complainant_phone,
        complainant_address=complainant_address,
        complainant_email=complainant_email,
        business_name=business_name,
        business_tax_id=business_tax_id,
        amount=amount,
        narrative=narrative,
        demand=demand,
        stage=Stage.FIRST,
        business_due_on=business_due_on,
        due_on=business_due_on,
        officer=officer or user,
        created_by=user,
    )
    complaint.full_clean()
    complaint.save()
    _event(
        complaint,
        Action.FILED,
        user=user,
        to_stage=Stage.FIRST,
        on=first_filed_on,
        note=_("業者處理期限：%(due)s（%(source)s）")
        % {"due": roc_date(business_due_on), "source": rules.FIRST_COMPLAINT_BUSINESS.source},
    )
    if attachment is not None:
        complaint_add_attachment(complaint=complaint, user=user, file=attachment)
    return complaint


@transaction.atomic
def complaint_add_attachment(
    *, complaint: Complaint, user, file: UploadedFile, description: str = ""
) -> ComplaintAttachment:
    attachment = ComplaintAttachment.objects.create(
        complaint=complaint, file=file, description=description or file.name, created_by=user
    )
    _event(complaint, Action.ATTACHMENT, user=user, note=attachment.description)
    return attachment


@transaction.atomic
def complaint_record_business_reply(
    *, complaint: Complaint, user, replied_on: datetime.date, reply: str = ""
) -> Complaint:
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.BUSINESS_REPLIED)
    _not_future(replied_on, "replied_on")
    _not_before(replied_on, complaint.first_filed_on, "replied_on", _("申訴日期"))
    complaint.business_replied_on = replied_on
    complaint.business_reply = reply
    complaint.due_on = None  # the business has answered: the clock stops, the consumer decides
    late = replied_on > complaint.business_due_on if complaint.business_due_on else False
    note = reply
    if late:
        note = _("逾期回覆（期限 %(due)s）。") % {"due": roc_date(complaint.business_due_on)} + reply
    return _move(
        complaint,
        Action.BUSINESS_REPLIED,
        user=user,
        on=replied_on,
        note=note,
        fields=["business_replied_on", "business_reply", "due_on"],
    )


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, user, note: str = "") -> Complaint:
    """The business handled the complaint properly: the case closes."""
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.RESOLVED)
    complaint.result = Result.RESOLVED_BY_BUSINESS
    complaint.closed_on = timezone.localdate()
    complaint.due_on = None
    return _move(complaint, Action.RESOLVED, user=user, note=note, fields=["result", "closed_on", "due_on"])


@transaction.atomic
def complaint_mark_not_resolved(
    *, complaint: Complaint, user, note: str = "", today: datetime.date | None = None
) -> Complaint:
    """The first complaint was not properly handled (CPA Art. 43 III opens the second)."""
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.NOT_RESOLVED)
    today = today or timezone.localdate()
    if complaint.business_replied_on is None and complaint.business_due_on and today <= complaint.business_due_on:
        raise refused(
            _("業者尚未回覆，且處理期限（%(due)s，消費者保護法第43條第2項）尚未屆滿，不能認定未獲妥適處理。")
            % {"due": roc_date(complaint.business_due_on)}
        )
    complaint.due_on = None
    return _move(complaint, Action.NOT_RESOLVED, user=user, on=today, note=note, fields=["due_on"])


@transaction.atomic
def complaint_file_second(
    *, complaint: Complaint, user, filed_on: datetime.date, note: str = "", calendar: WorkdayCalendar | None = None
) -> Complaint:
    """Second complaint to the consumer protection officer (CPA Art. 43 III)."""
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.SECOND_FILED)
    _not_future(filed_on, "filed_on")
    _not_before(filed_on, complaint.first_filed_on, "filed_on", _("第一次申訴日期"))
    complaint.second_filed_on = filed_on
    complaint.second_due_on = rules.deadline(filed_on, rules.SECOND_COMPLAINT_OFFICER, calendar)
    complaint.due_on = complaint.second_due_on
    return _move(
        complaint,
        Action.SECOND_FILED,
        user=user,
        on=filed_on,
        note=note,
        fields=["second_filed_on", "second_due_on", "due_on"],
    )


@transaction.atomic
def complaint_second_meeting(*, complaint: Complaint, user, meeting_on: datetime.date, note: str = "") -> Complaint:
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.SECOND_MEETING)
    _not_before(meeting_on, complaint.second_filed_on, "meeting_on", _("第二次申訴日期"))
    complaint.second_meeting_on = meeting_on
    return _move(complaint, Action.SECOND_MEETING, user=user, on=meeting_on, note=note, fields=["second_meeting_on"])


@transaction.atomic
def complaint_second_agreed(*, complaint: Complaint, user, note: str = "") -> Complaint:
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.SECOND_AGREED)
    complaint.result = Result.SECOND_AGREED
    complaint.closed_on = timezone.localdate()
    complaint.due_on = None
    return _move(complaint, Action.SECOND_AGREED, user=user, note=note, fields=["result", "closed_on", "due_on"])


@transaction.atomic
def complaint_second_failed(*, complaint: Complaint, user, note: str = "") -> Complaint:
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.SECOND_FAILED)
    complaint.due_on = None
    return _move(complaint, Action.SECOND_FAILED, user=user, note=note, fields=["due_on"])


@transaction.atomic
def complaint_close(*, complaint: Complaint, user, result: str, note: str = "") -> Complaint:
    """Close a case outside mediation; closing needs a result."""
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.CLOSED)
    if not result:
        raise refused(_("結案必須選擇結果。"), field="result")
    if result not in DIRECT_CLOSE_RESULTS:
        raise refused(_("此結果須經由調解或業者處理產生，不能直接結案。"), field="result")
    complaint.result = result
    complaint.closed_on = timezone.localdate()
    complaint.due_on = None
    return _move(complaint, Action.CLOSED, user=user, note=note, fields=["result", "closed_on", "due_on"])


@transaction.atomic
def complaint_reassign(*, complaint: Complaint, user, officer) -> Complaint:
    complaint = _locked(Complaint, complaint.pk)
    complaint.officer = officer
    complaint.save(update_fields=["officer", "updated_at"])
    _event(complaint, Action.REASSIGNED, user=user, note=str(officer))
    return complaint


# --- mediation --------------------------------------------------------------------------------


@transaction.atomic
def mediation_apply(
    *,
    complaint: Complaint,
    user,
    applied_on: datetime.date,
    court_argued: bool = False,
    respondent_agreed_retry: bool = False,
    note: str = "",
    calendar: WorkdayCalendar | None = None,
) -> MediationCase:
    """Application for mediation (CPA Art. 44), refused as 消費爭議調解辦法 Art. 5 says."""
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.MEDIATION_APPLIED)
    _not_future(applied_on, "applied_on")
    _not_before(applied_on, complaint.first_filed_on, "applied_on", _("第一次申訴日期"))
    if court_argued:
        # 調解辦法第5條: not when the dispute is past first-instance argument in court.
        raise refused(_("爭議已於法院第一審言詞辯論終結，依消費爭議調解辦法第5條不得申請調解。"), field="court_argued")
    failed_before = complaint.mediations.filter(status=MediationStatus.FAILED).exists()
    if failed_before and not respondent_agreed_retry:
        # 調解辦法第5條: mediated and failed before → only with the respondent's consent.
        raise refused(
            _("本案曾調解不成立，依消費爭議調解辦法第5條須經相對人同意始得再申請。"), field="respondent_agreed_retry"
        )
    year = applied_on.year
    sequence = next_number(MEDIATION_KIND, year)
    mediation = MediationCase.objects.create(
        complaint=complaint,
        case_number=MEDIATION_NUMBER.format(roc=roc_year(year), seq=sequence),
        case_year=year,
        sequence=sequence,
        applied_on=applied_on,
        status=MediationStatus.APPLIED,
        due_on=rules.deadline(applied_on, rules.MEDIATION_CONCLUSION, calendar),
        respondent_agreed_retry=respondent_agreed_retry,
        created_by=user,
    )
    complaint.due_on = mediation.due_on
    _move(
        complaint,
        Action.MEDIATION_APPLIED,
        user=user,
        on=applied_on,
        note=note or mediation.case_number,
        fields=["due_on"],
        mediation=mediation,
    )
    return mediation


def _mediation_event(mediation: MediationCase, action: str, *, user, on=None, note="") -> None:
    complaint = mediation.complaint
    if complaint.stage == Stage.MEDIATION and complaint.due_on != mediation.due_on:
        complaint.due_on = mediation.due_on
        complaint.save(update_fields=["due_on", "updated_at"])
    _event(
        complaint,
        action,
        user=user,
        from_stage=complaint.stage,
        to_stage=complaint.stage,
        on=on,
        note=note,
        mediation=mediation,
    )


def _mediation_move(mediation: MediationCase, action: str, *, user, on=None, note="", fields=()) -> MediationCase:
    target = _check_mediation(mediation, action)
    if target is not None:
        mediation.status = target
    mediation.save(update_fields=[*fields, "status", "updated_at"])
    _mediation_event(mediation, action, user=user, on=on, note=note)
    return mediation


@transaction.atomic
def mediation_request_correction(
    *, mediation: MediationCase, user, items: str, notified_on: datetime.date | None = None, due_on=None, calendar=None
) -> MediationCase:
    """Ask for the missing parts of an application (消費爭議調解辦法第4條)."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.MEDIATION_CORRECTION)
    if not items.strip():
        raise refused(_("請填寫應補正事項。"), field="items")
    notified_on = notified_on or timezone.localdate()
    mediation.correction_items = items
    mediation.correction_due_on = due_on or rules.deadline(notified_on, rules.MEDIATION_CORRECTION, calendar)
    mediation.due_on = mediation.correction_due_on
    return _mediation_move(
        mediation,
        Action.MEDIATION_CORRECTION,
        user=user,
        on=notified_on,
        note=_("補正期限：%(due)s。") % {"due": roc_date(mediation.correction_due_on)} + items,
        fields=["correction_items", "correction_due_on", "due_on"],
    )


@transaction.atomic
def mediation_corrected(*, mediation: MediationCase, user, corrected_on: datetime.date, calendar=None) -> MediationCase:
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.MEDIATION_CORRECTED)
    _not_future(corrected_on, "corrected_on")
    if mediation.correction_due_on and corrected_on > mediation.correction_due_on:
        raise refused(
            _("已逾補正期限（%(due)s），依消費爭議調解辦法第4條應不受理。")
            % {"due": roc_date(mediation.correction_due_on)},
            field="corrected_on",
        )
    mediation.corrected_on = corrected_on
    mediation.due_on = rules.deadline(mediation.applied_on, rules.MEDIATION_CONCLUSION, calendar)
    return _mediation_move(
        mediation, Action.MEDIATION_CORRECTED, user=user, on=corrected_on, fields=["corrected_on", "due_on"]
    )


@transaction.atomic
def mediation_schedule(*, mediation: MediationCase, user, meeting: CommitteeMeeting, note: str = "") -> MediationCase:
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.MEDIATION_SCHEDULED)
    if meeting.committee.kind != CommitteeKind.MEDIATION:
        raise refused(_("請選擇消費爭議調解委員會的會議。"), field="meeting")
    _not_before(meeting.held_on, mediation.applied_on, "meeting", _("申請日期"))
    mediation.meeting = meeting
    mediation.due_on = meeting.held_on
    return _mediation_move(
        mediation,
        Action.MEDIATION_SCHEDULED,
        user=user,
        on=meeting.held_on,
        note=note or str(meeting),
        fields=["meeting", "due_on"],
    )


def _members_in_term(meeting: CommitteeMeeting) -> int:
    return meeting.committee.members.filter(term_start__lte=meeting.held_on, term_end__gte=meeting.held_on).count()


@transaction.atomic
def mediation_propose(
    *, mediation: MediationCase, user, proposal: str, served_on: datetime.date, calendar=None
) -> MediationCase:
    """A mediation proposal (CPA Art. 45-2), served on the parties; the 10-day objection window
    of Art. 45-3 starts the day after service."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.MEDIATION_PROPOSAL)
    if not proposal.strip():
        raise refused(_("請填寫調解方案內容。"), field="proposal")
    meeting = mediation.meeting
    present = meeting.members_present.count() if meeting else 0
    total = _members_in_term(meeting) if meeting else 0
    # CPA Art. 45-2: a proposal needs more than half of the members present.
    if total and present * 2 <= total:
        raise refused(
            _("出席委員 %(present)d 人未過半數（委員 %(total)d 人），依消費者保護法第45條之2不得提出調解方案。")
            % {"present": present, "total": total}
        )
    _not_future(served_on, "served_on")
    _not_before(served_on, meeting.held_on if meeting else None, "served_on", _("調解會議日期"))
    mediation.proposal = proposal
    mediation.proposal_served_on = served_on
    mediation.objection_due_on = rules.deadline(served_on, rules.MEDIATION_OBJECTION, calendar)
    mediation.due_on = mediation.objection_due_on
    return _mediation_move(
        mediation,
        Action.MEDIATION_PROPOSAL,
        user=user,
        on=served_on,
        note=_("異議期限：%(due)s（消費者保護法第45條之3）") % {"due": roc_date(mediation.objection_due_on)},
        fields=["proposal", "proposal_served_on", "objection_due_on", "due_on"],
    )


def _close_with(mediation: MediationCase, status: str, *, user, on: datetime.date, note: str) -> MediationCase:
    sources, case_result = MEDIATION_RESULTS[status]
    if mediation.status not in sources:
        raise refused(
            _("調解案件目前為「%(status)s」，不能登錄「%(result)s」。")
            % {"status": mediation.get_status_display(), "result": MediationStatus(status).label},
            field="result",
        )
    mediation.status = status
    mediation.result_on = on
    mediation.result_note = note
    mediation.due_on = None
    mediation.save(update_fields=["status", "result_on", "result_note", "due_on", "updated_at"])
    complaint = _locked(Complaint, mediation.complaint_id)
    complaint.stage = Stage.CLOSED
    complaint.result = case_result
    complaint.closed_on = on
    complaint.due_on = None
    complaint.save(update_fields=["stage", "result", "closed_on", "due_on", "updated_at"])
    mediation.complaint = complaint
    _event(
        complaint,
        Action.MEDIATION_CLOSED,
        user=user,
        from_stage=Stage.MEDIATION,
        to_stage=Stage.CLOSED,
        on=on,
        note=f"{MediationStatus(status).label} {note}".strip(),
        mediation=mediation,
    )
    return mediation


@transaction.atomic
def mediation_close(
    *, mediation: MediationCase, user, result: str, on: datetime.date | None = None, note: str = "", today=None
) -> MediationCase:
    """Record the mediation's result: 調解成立 / 調解不成立 / 撤回 / 不受理. Closes the case."""
    mediation = _locked(MediationCase, mediation.pk)
    today = today or timezone.localdate()
    on = on or today
    if not result:
        raise refused(_("請選擇調解結果。"), field="result")
    if result not in MEDIATION_RESULTS:
        raise refused(_("不是調解結果。"), field="result")
    _not_future(on, "on")
    if result == MediationStatus.FAILED and mediation.status == MediationStatus.PROPOSAL:
        raise refused(_("調解方案須經當事人於期間內異議始不成立，請登錄異議。"), field="result")
    # CPA Art. 45-3: the proposal stands only when nobody objected within the 10 days.
    if (
        result == MediationStatus.ESTABLISHED
        and mediation.status == MediationStatus.PROPOSAL
        and mediation.objection_due_on
        and today <= mediation.objection_due_on
    ):
        raise refused(
            _("異議期間至 %(due)s 止（消費者保護法第45條之3），期滿無異議始視為調解成立。")
            % {"due": roc_date(mediation.objection_due_on)},
            field="result",
        )
    return _close_with(mediation, result, user=user, on=on, note=note)


@transaction.atomic
def mediation_record_objection(
    *, mediation: MediationCase, user, filed_on: datetime.date, note: str = ""
) -> MediationCase:
    """An objection within the window makes the mediation fail (CPA Art. 45-3)."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.MEDIATION_OBJECTION)
    _not_future(filed_on, "filed_on")
    if mediation.objection_due_on and filed_on > mediation.objection_due_on:
        raise refused(
            _("異議已逾期限（%(due)s），不影響調解成立。") % {"due": roc_date(mediation.objection_due_on)},
            field="filed_on",
        )
    mediation.objection_filed_on = filed_on
    mediation.save(update_fields=["objection_filed_on", "updated_at"])
    _mediation_event(mediation, Action.MEDIATION_OBJECTION, user=user, on=filed_on, note=note)
    return _close_with(
        mediation, MediationStatus.FAILED, user=user, on=filed_on, note=note or _("當事人於期間內提出異議")
    )


@transaction.atomic
def mediation_court_approved(*, mediation: MediationCase, user, approved_on: datetime.date) -> MediationCase:
    """The court approved the 調解書 (CPA Art. 46): it now binds like a judgment."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.COURT_APPROVED)
    _not_future(approved_on, "approved_on")
    _not_before(approved_on, mediation.result_on, "approved_on", _("調解成立日"))
    mediation.court_approved_on = approved_on
    mediation.save(update_fields=["court_approved_on", "updated_at"])
    _event(mediation.complaint, Action.COURT_APPROVED, user=user, on=approved_on, mediation=mediation)
    return mediation


# --- committee meetings -----------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, user, committee, held_on: datetime.date, title: str, location: str = "", minutes: str = ""
) -> CommitteeMeeting:
    meeting = CommitteeMeeting(
        committee=committee, held_on=held_on, title=title, location=location, minutes=minutes, created_by=user
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def members_in_term(meeting: CommitteeMeeting):
    """The committee's members whose term covers the meeting's date."""
    return meeting.committee.members.filter(term_start__lte=meeting.held_on, term_end__gte=meeting.held_on)


@transaction.atomic
def meeting_record_attendance(*, meeting: CommitteeMeeting, user, members) -> CommitteeMeeting:
    """Who attended: only members of this committee in term on the day."""
    allowed = set(members_in_term(meeting).values_list("pk", flat=True))
    outsiders = [m for m in members if m.pk not in allowed]
    if outsiders:
        raise refused(
            _("%(names)s 不是本次會議日期任期內的委員。") % {"names": "、".join(m.name for m in outsiders)},
            field="members",
        )
    meeting.members_present.set(members)
    meeting.save(update_fields=["updated_at"])
    return meeting


# The officer's actions on a complaint, by timeline action, for the case page and the API alike.
COMPLAINT_ACTIONS = {
    Action.BUSINESS_REPLIED: complaint_record_business_reply,
    Action.RESOLVED: complaint_resolve,
    Action.NOT_RESOLVED: complaint_mark_not_resolved,
    Action.SECOND_FILED: complaint_file_second,
    Action.SECOND_MEETING: complaint_second_meeting,
    Action.SECOND_AGREED: complaint_second_agreed,
    Action.SECOND_FAILED: complaint_second_failed,
    Action.MEDIATION_APPLIED: mediation_apply,
    Action.CLOSED: complaint_close,
}
