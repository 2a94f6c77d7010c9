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
    AttendeeSide,
    CommitteeKind,
    FirstRecipient,
    Gender,
    MediationStatus,
    MemberType,
    Party,
    RejectionGround,
    Result,
    Seat,
    SecondMeetingOutcome,
    SmallClaimInitiative,
    Stage,
)
from consumer_protection.models import (
    CaseEvent,
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    Complaint,
    ComplaintAttachment,
    Consultation,
    ConsumerCategory,
    InterestDeclaration,
    MediationCase,
    SecondMeeting,
    SecondMeetingAttendee,
    Trader,
    TraderAlias,
    _normalise_trader_name,
)
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import display_date, roc_date, roc_year
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
    # CPA Art. 45-4 / 45-5: a small claim with a party absent from the hearing.
    Action.SMALL_CLAIM_ABSENCE: (frozenset({MediationStatus.SCHEDULED}), None),
    Action.SMALL_CLAIM_PROPOSAL: (frozenset({MediationStatus.SCHEDULED}), MediationStatus.PROPOSAL),
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
    actions = [action for action, (sources, _to) in COMPLAINT_TRANSITIONS.items() if complaint.stage in sources]
    # Referral to the competent agency and its reply do not move the stage.
    if complaint.is_open and complaint.referred_on is None:
        actions.append(Action.REFERRED)
    if complaint.referred_on is not None and complaint.agency_replied_on is None:
        actions.append(Action.AGENCY_REPLIED)
    return actions


def allowed_mediation_actions(mediation: MediationCase) -> list[str]:
    actions = [action for action, (sources, _to) in MEDIATION_TRANSITIONS.items() if mediation.status in sources]
    # The small-claims actions only where the statute allows them (CPA Art. 45-4).
    if not is_small_claim(mediation) or mediation.meeting_id is None:
        actions = [a for a in actions if a not in (Action.SMALL_CLAIM_ABSENCE, Action.SMALL_CLAIM_PROPOSAL)]
    elif not mediation.absent_party:
        actions = [a for a in actions if a != Action.SMALL_CLAIM_PROPOSAL]
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
        raise refused(
            _("日期不可早於%(what)s（%(date)s）。") % {"what": what, "date": display_date(earlier)}, field=field
        )


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
    """Log a consultation. A consultation is not a complaint (CPA Art. 43 asks a real name only
    of complaints): it may be anonymous, and then keeps no name or phone."""
    fields.setdefault("received_at", timezone.now())
    if fields.get("is_anonymous"):
        fields["consumer_name"] = ""
        fields["consumer_phone"] = ""
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
    competent_agency: str | None = None,
    **_ignored,
) -> Complaint:
    """File a first complaint (CPA Art. 43 I) and start the business's 15-day clock. The trader
    is linked (or registered) by 統一編號 or name; the category's agency in charge of the trade
    is proposed as the competent agency."""
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
        trader=link_trader(business_name=business_name, tax_id=business_tax_id, user=user),
        competent_agency=(
            (competent_agency or "").strip()
            or ConsumerCategory.objects.filter(code=category).values_list("competent_agency", flat=True).first()
            or ""
        ),
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
    from consumer_protection.attachments import validate_attachment

    validate_attachment(file)
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
            % {"due": display_date(complaint.business_due_on)}
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
def complaint_record_second_minutes(
    *,
    complaint: Complaint,
    user,
    held_at: datetime.datetime,
    place: str,
    chair: str,
    minutes: str,
    outcome: str,
    attendees: list[dict],
) -> SecondMeeting:
    """Minutes and attendees of a second-complaint meeting (協調會, CPA Art. 43 III). Only while
    the second complaint is being handled; one event on the case's timeline."""
    complaint = _locked(Complaint, complaint.pk)
    if complaint.stage != Stage.SECOND:
        raise refused(
            _("案件目前為「%(stage)s」，只有第二次申訴處理中始能登錄協調會紀錄。")
            % {"stage": complaint.get_stage_display()},
            stage=complaint.stage,
        )
    if timezone.localtime(held_at).date() > timezone.localdate():
        raise refused(_("開會時間不可晚於今天。"), field="held_at", status=400, code="invalid")
    _not_before(timezone.localtime(held_at).date(), complaint.second_filed_on, "held_at", _("第二次申訴日期"))
    if outcome not in SecondMeetingOutcome.values:
        raise refused(_("請選擇協商結果。"), field="outcome", status=400, code="invalid")
    for name, value in (("place", place), ("chair", chair), ("minutes", minutes)):
        if not (value or "").strip():
            raise refused(_("此欄位為必填。"), field=name, status=400, code="invalid")
    rows = [a for a in attendees if (a.get("name") or "").strip()]
    if not rows:
        raise refused(_("請至少登錄一位出席或缺席人員。"), field="attendees", status=400, code="invalid")
    for row in rows:
        if row.get("side") not in AttendeeSide.values:
            raise refused(_("請選擇出席人員的身分。"), field="attendees", status=400, code="invalid")
    meeting = SecondMeeting.objects.create(
        complaint=complaint,
        held_at=held_at,
        place=place.strip(),
        chair=chair.strip(),
        minutes=minutes.strip(),
        outcome=outcome,
        created_by=user,
    )
    SecondMeetingAttendee.objects.bulk_create(
        SecondMeetingAttendee(
            meeting=meeting,
            side=row["side"],
            name=row["name"].strip(),
            capacity=(row.get("capacity") or "").strip(),
            attended=bool(row.get("attended", True)),
            created_by=user,
        )
        for row in rows
    )
    present = sum(1 for row in rows if row.get("attended", True))
    complaint.second_meeting_on = timezone.localtime(held_at).date()
    complaint.save(update_fields=["second_meeting_on", "updated_at"])
    _event(
        complaint,
        Action.SECOND_MINUTES,
        user=user,
        from_stage=complaint.stage,
        to_stage=complaint.stage,
        on=complaint.second_meeting_on,
        note=_("%(place)s；%(outcome)s；出席 %(present)d 人、缺席 %(absent)d 人")
        % {
            "place": meeting.place,
            "outcome": SecondMeetingOutcome(outcome).label,
            "present": present,
            "absent": len(rows) - present,
        },
    )
    return meeting


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
def complaint_close(
    *,
    complaint: Complaint,
    user,
    result: str,
    note: str = "",
    rejection_ground: str = "",
    duplicate_of: Complaint | None = None,
) -> Complaint:
    """Close a case outside mediation; closing needs a result, and a rejection its ground
    (duplicate — naming the earlier case —, no real name, not a consumer dispute)."""
    complaint = _locked(Complaint, complaint.pk)
    _check(complaint, Action.CLOSED)
    if not result:
        raise refused(_("結案必須選擇結果。"), field="result")
    if result not in DIRECT_CLOSE_RESULTS:
        raise refused(_("此結果須經由調解或業者處理產生，不能直接結案。"), field="result")
    fields = ["result", "closed_on", "due_on"]
    if result == Result.REJECTED:
        if rejection_ground not in RejectionGround.values:
            raise refused(_("不受理須選擇理由（重複申訴、未具真實姓名或非消費爭議）。"), field="rejection_ground")
        if rejection_ground == RejectionGround.DUPLICATE:
            if duplicate_of is None:
                raise refused(_("以重複申訴不受理，須指明先前的案件。"), field="duplicate_of")
            if duplicate_of.pk == complaint.pk:
                raise refused(_("重複之案件不可為本案。"), field="duplicate_of")
        complaint.rejection_ground = rejection_ground
        complaint.duplicate_of = duplicate_of if rejection_ground == RejectionGround.DUPLICATE else None
        fields += ["rejection_ground", "duplicate_of"]
        ground = RejectionGround(rejection_ground).label
        if complaint.duplicate_of is not None:
            ground += _("（同 %(number)s）") % {"number": complaint.duplicate_of.case_number}
        note = _("不受理理由：%(ground)s。") % {"ground": ground} + note
    elif rejection_ground or duplicate_of is not None:
        raise refused(_("只有「不受理」需要不受理理由。"), field="rejection_ground")
    complaint.result = result
    complaint.closed_on = timezone.localdate()
    complaint.due_on = None
    return _move(complaint, Action.CLOSED, user=user, note=note, fields=fields)


# --- intake: traders, duplicates, the competent agency ------------------------------------------

DUPLICATE_WINDOW_DAYS = 180


def link_trader(*, business_name: str, tax_id: str = "", user=None) -> Trader | None:
    """The trader a complaint names: by 統一編號 when given, else by a name it was filed under;
    registered when new (a new name of a known 統一編號 becomes an alias)."""
    name = (business_name or "").strip()
    if not name and not tax_id:
        return None
    key = _normalise_trader_name(name)
    alias = TraderAlias.objects.select_related("trader").filter(normalised=key).first() if key else None
    trader = None
    if tax_id:
        trader = Trader.objects.filter(tax_id=tax_id).first()
        if trader is None and alias is not None and alias.trader.tax_id is None:
            trader = alias.trader
            trader.tax_id = tax_id
            trader.save(update_fields=["tax_id", "updated_at"])
        if trader is None:
            trader = Trader.objects.create(tax_id=tax_id, name=name or tax_id, created_by=user)
    elif alias is not None:
        trader = alias.trader
    else:
        trader = Trader.objects.create(name=name, created_by=user)
    if key and alias is None:
        TraderAlias.objects.create(trader=trader, name=name)
    return trader


def find_duplicates(
    *,
    national_id: str,
    business_name: str = "",
    tax_id: str = "",
    on: datetime.date | None = None,
    days: int = DUPLICATE_WINDOW_DAYS,
    exclude_pk: int | None = None,
):
    """Earlier complaints by the same complainant against the same trader within `days` of
    `on`: what the officer is offered before saving a new one (rejection ground: duplicate)."""
    from django.db.models import Q

    on = on or timezone.localdate()
    national_id = (national_id or "").strip().upper()
    if not national_id:
        return Complaint.objects.none()
    try:
        since = on - datetime.timedelta(days=days)
    except OverflowError:  # a date typed as 0001-01-01: the form refuses it anyway
        return Complaint.objects.none()
    same_trader = Q()
    if tax_id:
        same_trader |= Q(business_tax_id=tax_id) | Q(trader__tax_id=tax_id)
    key = _normalise_trader_name(business_name)
    if key:
        same_trader |= Q(trader__aliases__normalised=key) | Q(business_name=business_name.strip())
    if not same_trader:
        return Complaint.objects.none()
    found = (
        Complaint.objects.filter(
            same_trader,
            complainant_national_id=national_id,
            first_filed_on__gte=since,
            first_filed_on__lte=on,
        )
        .exclude(pk=exclude_pk)
        .distinct()
        .order_by("-first_filed_on", "-id")
    )
    return found


@transaction.atomic
def complaint_refer_to_agency(
    *, complaint: Complaint, user, agency: str, referred_on: datetime.date, note: str = ""
) -> Complaint:
    """Refer the complaint to the agency in charge of the trade (目的事業主管機關)."""
    complaint = _locked(Complaint, complaint.pk)
    if not complaint.is_open:
        raise refused(_("已結案的案件不能移請主管機關。"))
    if not (agency or "").strip():
        raise refused(_("請填寫目的事業主管機關。"), field="agency")
    _not_future(referred_on, "referred_on")
    _not_before(referred_on, complaint.first_filed_on, "referred_on", _("申訴日期"))
    complaint.competent_agency = agency.strip()
    complaint.referred_on = referred_on
    complaint.save(update_fields=["competent_agency", "referred_on", "updated_at"])
    _event(
        complaint,
        Action.REFERRED,
        user=user,
        on=referred_on,
        note=_("移請 %(agency)s 處理。") % {"agency": complaint.competent_agency} + note,
    )
    return complaint


@transaction.atomic
def complaint_record_agency_reply(*, complaint: Complaint, user, replied_on: datetime.date, reply: str) -> Complaint:
    complaint = _locked(Complaint, complaint.pk)
    if complaint.referred_on is None:
        raise refused(_("本案尚未移請主管機關，不能登錄其回復。"))
    if not (reply or "").strip():
        raise refused(_("請填寫主管機關回復內容。"), field="reply")
    _not_future(replied_on, "replied_on")
    _not_before(replied_on, complaint.referred_on, "replied_on", _("移請主管機關日期"))
    complaint.agency_replied_on = replied_on
    complaint.agency_reply = reply
    complaint.save(update_fields=["agency_replied_on", "agency_reply", "updated_at"])
    _event(complaint, Action.AGENCY_REPLIED, user=user, on=replied_on, note=reply)
    return complaint


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
            % {"due": display_date(mediation.correction_due_on)},
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


def _members_in_term(meeting: CommitteeMeeting, *, mediation: MediationCase | None = None) -> int:
    members = meeting.committee.members.filter(term_start__lte=meeting.held_on, term_end__gte=meeting.held_on)
    if mediation is not None:
        members = members.exclude(interest_declarations__mediation=mediation)
    return members.count()


def mediation_panel(mediation: MediationCase):
    """The members hearing the case: present at its meeting, less those who declared an interest
    (CPA Art. 45-1). They alone count for the majority of Art. 45-2."""
    return (
        CommitteeMember.objects.filter(meetings_attended__mediation_cases=mediation)
        .exclude(interest_declarations__mediation=mediation)
        .distinct()
        .order_by("-is_chair", "member_type", "name")
    )


@transaction.atomic
def mediation_declare_interest(
    *, mediation: MediationCase, user, member: CommitteeMember, reason: str, declared_on: datetime.date | None = None
) -> InterestDeclaration:
    """A member declares an interest in a case: excluded from its panel and majority count; the
    declaration is kept."""
    mediation = MediationCase.objects.select_related("meeting").get(pk=mediation.pk)
    if member.committee.kind != CommitteeKind.MEDIATION:
        raise refused(_("只有調解委員會委員須聲明利益迴避。"), field="member", status=400, code="invalid")
    if mediation.meeting_id and mediation.meeting.committee_id != member.committee_id:
        raise refused(_("%(name)s 不是本案調解委員會的委員。") % {"name": member.name}, field="member")
    if not (reason or "").strip():
        raise refused(_("請填寫利害關係（例如：曾任相對人顧問）。"), field="reason", status=400, code="invalid")
    if InterestDeclaration.objects.filter(mediation=mediation, member=member).exists():
        raise refused(_("%(name)s 已就本案聲明迴避。") % {"name": member.name}, field="member")
    declared_on = declared_on or timezone.localdate()
    _not_future(declared_on, "declared_on")
    declaration = InterestDeclaration.objects.create(
        mediation=mediation, member=member, reason=reason.strip(), declared_on=declared_on, created_by=user
    )
    _mediation_event(
        mediation,
        Action.RECUSAL,
        user=user,
        on=declared_on,
        note=_("%(name)s 聲明迴避：%(reason)s") % {"name": member.name, "reason": declaration.reason},
    )
    return declaration


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
    # CPA Art. 45-2: a proposal needs more than half of the members present; members who
    # declared an interest in this case (Art. 45-1) count neither as present nor in the total.
    present = mediation_panel(mediation).count() if meeting else 0
    total = _members_in_term(meeting, mediation=mediation) if meeting else 0
    if total and present * 2 <= total:
        recused = mediation.interest_declarations.count()
        raise refused(
            _("出席委員 %(present)d 人未過半數（委員 %(total)d 人），依消費者保護法第45條之2不得提出調解方案。")
            % {"present": present, "total": total}
            + (_("（已排除聲明迴避之委員 %(n)d 人）") % {"n": recused} if recused else "")
        )
    _not_future(served_on, "served_on")
    _not_before(served_on, meeting.held_on if meeting else None, "served_on", _("調解會議日期"))
    mediation.proposal = proposal
    mediation.proposal_served_on = served_on
    mediation.small_claim = False
    mediation.objection_due_on = rules.deadline(served_on, rules.MEDIATION_OBJECTION, calendar)
    mediation.due_on = mediation.objection_due_on
    return _mediation_move(
        mediation,
        Action.MEDIATION_PROPOSAL,
        user=user,
        on=served_on,
        note=_("異議期限：%(due)s（消費者保護法第45條之3）") % {"due": roc_date(mediation.objection_due_on)},
        fields=["proposal", "proposal_served_on", "small_claim", "objection_due_on", "due_on"],
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
            % {"due": display_date(mediation.objection_due_on)},
            field="result",
        )
    return _close_with(mediation, result, user=user, on=on, note=note)


@transaction.atomic
def mediation_record_objection(
    *, mediation: MediationCase, user, filed_on: datetime.date, note: str = "", party: str = "", calendar=None
) -> MediationCase:
    """An objection within the window makes the mediation fail (CPA Art. 45-3); against a
    small-claims 解決方案 it sends the case back to a new hearing date (Art. 45-5 II)."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.MEDIATION_OBJECTION)
    _not_future(filed_on, "filed_on")
    _not_before(filed_on, mediation.proposal_served_on, "filed_on", _("送達日期"))
    if mediation.objection_due_on and filed_on > mediation.objection_due_on:
        raise refused(
            _("異議已逾期限（%(due)s），不影響調解成立。") % {"due": display_date(mediation.objection_due_on)},
            field="filed_on",
        )
    if party and party not in Party.values:
        raise refused(_("請選擇異議之當事人。"), field="party", status=400, code="invalid")
    mediation.objection_filed_on = filed_on
    if mediation.small_claim:
        if not party:
            raise refused(
                _("小額消費爭議解決方案之異議，須登錄異議之當事人（消費者保護法第45條之5第2項）。"), field="party"
            )
        mediation.objected_by = party
        mediation.status = MediationStatus.SCHEDULED
        mediation.absent_party = ""
        mediation.absent_on = None
        mediation.due_on = rules.deadline(mediation.applied_on, rules.MEDIATION_CONCLUSION, calendar)
        mediation.save(
            update_fields=[
                "objection_filed_on",
                "objected_by",
                "status",
                "absent_party",
                "absent_on",
                "due_on",
                "updated_at",
            ]
        )
        _mediation_event(
            mediation,
            Action.MEDIATION_OBJECTION,
            user=user,
            on=filed_on,
            note=(
                _(
                    "%(party)s 對解決方案提出異議，依消費者保護法第45條之5第2項另定調解期日；異議之當事人無正當理由不到場者，視為依該方案成立調解。"
                )
                % {"party": Party(party).label}
                + (f" {note}" if note else "")
            ),
        )
        return mediation
    mediation.objected_by = party
    mediation.save(update_fields=["objection_filed_on", "objected_by", "updated_at"])
    _mediation_event(mediation, Action.MEDIATION_OBJECTION, user=user, on=filed_on, note=note)
    return _close_with(
        mediation, MediationStatus.FAILED, user=user, on=filed_on, note=note or _("當事人於期間內提出異議")
    )


# --- the small-claims path (CPA Art. 45-4 / 45-5) ----------------------------------------------


def is_small_claim(mediation: MediationCase) -> bool:
    """小額消費爭議: the amount in dispute is known and at most CP_SMALL_CLAIM_MAX_NTD."""
    amount = mediation.complaint.amount
    return amount is not None and amount <= rules.small_claim_max_ntd()


def _require_small_claim(mediation: MediationCase) -> None:
    amount = mediation.complaint.amount
    if amount is None:
        raise refused(
            _("申訴案件未登錄爭議金額，無從認定為小額消費爭議（%(basis)s）。") % {"basis": rules.SMALL_CLAIM_BASIS},
            field="amount",
        )
    if amount > rules.small_claim_max_ntd():
        raise refused(
            _("爭議金額 %(amount)s 元逾小額消費爭議之額度 %(max)s 元，不適用%(basis)s。")
            % {"amount": f"{amount:,.0f}", "max": f"{rules.small_claim_max_ntd():,}", "basis": rules.SMALL_CLAIM_BASIS},
            field="amount",
        )


@transaction.atomic
def mediation_record_absence(
    *, mediation: MediationCase, user, party: str, absent_on: datetime.date, note: str = ""
) -> MediationCase:
    """A party absent from the hearing without good reason (CPA Art. 45-4 I). When it is the
    party that objected to the 解決方案 and this is the new hearing date, the mediation is
    deemed established on the plan (Art. 45-5 II)."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.SMALL_CLAIM_ABSENCE)
    _require_small_claim(mediation)
    if party not in Party.values:
        raise refused(_("請選擇不到場之當事人。"), field="party", status=400, code="invalid")
    if mediation.meeting_id is None:
        raise refused(_("尚未排定調解期日，無從登錄不到場（消費者保護法第45條之4）。"), field="absent_on")
    _not_future(absent_on, "absent_on")
    _not_before(absent_on, mediation.meeting.held_on, "absent_on", _("調解會議日期"))
    mediation.absent_party = party
    mediation.absent_on = absent_on
    mediation.save(update_fields=["absent_party", "absent_on", "updated_at"])
    _mediation_event(
        mediation,
        Action.SMALL_CLAIM_ABSENCE,
        user=user,
        on=absent_on,
        note=_("%(party)s 經通知無正當理由不到場（消費者保護法第45條之4）") % {"party": Party(party).label}
        + (f" {note}" if note else ""),
    )
    if (
        mediation.objected_by == party
        and mediation.objection_filed_on
        and absent_on > mediation.objection_filed_on
        and mediation.proposal
    ):
        return _close_with(
            mediation,
            MediationStatus.ESTABLISHED,
            user=user,
            on=absent_on,
            note=_(
                "異議之當事人於另定之調解期日無正當理由不到場，依消費者保護法第45條之5第2項視為依解決方案成立調解。"
            ),
        )
    return mediation


@transaction.atomic
def mediation_small_claim_propose(
    *,
    mediation: MediationCase,
    user,
    proposal: str,
    served_on: datetime.date,
    initiative: str = SmallClaimInitiative.OWN_MOTION,
    calendar=None,
) -> MediationCase:
    """The committee's 解決方案 for a small claim with a party absent (CPA Art. 45-4), served on
    both parties; the 10-day objection window of Art. 45-5 I starts the day after service."""
    mediation = _locked(MediationCase, mediation.pk)
    _check_mediation(mediation, Action.SMALL_CLAIM_PROPOSAL)
    _require_small_claim(mediation)
    if not mediation.absent_party:
        raise refused(
            _("須有當事人一造經通知無正當理由不到場，始得依消費者保護法第45條之4提出解決方案；請先登錄不到場。"),
            field="proposal",
        )
    if initiative not in SmallClaimInitiative.values:
        raise refused(_("請選擇解決方案之提出方式。"), field="initiative", status=400, code="invalid")
    if not (proposal or "").strip():
        raise refused(_("請填寫解決方案內容。"), field="proposal", status=400, code="invalid")
    _not_future(served_on, "served_on")
    _not_before(served_on, mediation.absent_on, "served_on", _("不到場之調解期日"))
    mediation.proposal = proposal.strip()
    mediation.proposal_served_on = served_on
    mediation.small_claim = True
    mediation.small_claim_initiative = initiative
    mediation.objection_due_on = rules.deadline(served_on, rules.MEDIATION_OBJECTION, calendar)
    mediation.due_on = mediation.objection_due_on
    return _mediation_move(
        mediation,
        Action.SMALL_CLAIM_PROPOSAL,
        user=user,
        on=served_on,
        note=_("異議期限：%(due)s（消費者保護法第45條之5，不變期間）；%(how)s")
        % {"due": roc_date(mediation.objection_due_on), "how": SmallClaimInitiative(initiative).label},
        fields=[
            "proposal",
            "proposal_served_on",
            "small_claim",
            "small_claim_initiative",
            "objection_due_on",
            "due_on",
        ],
    )


def establish_unobjected_proposals(*, today: datetime.date | None = None) -> int:
    """Proposals (Art. 45-2) and 解決方案 (Art. 45-4) with no objection by the end of the window
    are deemed established (Art. 45-3, 45-5 I); run daily by the beat. Returns how many."""
    today = today or timezone.localdate()
    count = 0
    due = MediationCase.objects.filter(
        status=MediationStatus.PROPOSAL, objection_due_on__lt=today, objection_filed_on__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            mediation = _locked(MediationCase, pk)
            if mediation.status != MediationStatus.PROPOSAL or mediation.objection_filed_on:
                continue
            basis = _("消費者保護法第45條之5第1項") if mediation.small_claim else _("消費者保護法第45條之3")
            _close_with(
                mediation,
                MediationStatus.ESTABLISHED,
                user=None,
                on=mediation.objection_due_on + datetime.timedelta(days=1),
                note=_("異議期間屆滿無異議，依%(basis)s視為調解成立。") % {"basis": basis},
            )
            count += 1
    return count


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


# --- the committee's roster (CPA Art. 45) ---------------------------------------------------------

MIN_MEMBERS, MAX_MEMBERS = 7, 21
TERM_YEARS = 2


def _term_limit(start: datetime.date) -> datetime.date:
    try:
        end = start.replace(year=start.year + TERM_YEARS)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + TERM_YEARS, day=28)
    return end - datetime.timedelta(days=1)


def roster_problems(members, *, on: datetime.date) -> list[str]:
    """What makes a mediation committee's roster on `on` unlawful, one sentence per rule."""
    members = [m for m in members if m.term_start <= on <= m.term_end]
    problems = []
    n = len(members)
    if not MIN_MEMBERS <= n <= MAX_MEMBERS:
        problems.append(
            _("%(day)s 任期內委員 %(n)d 人；消費者保護法第45條：調解委員會置委員7至21名。")
            % {"day": display_date(on), "n": n}
        )
    chairs = [m for m in members if m.is_chair]
    if len(chairs) != 1:
        problems.append(_("須有且僅有一位主席（目前 %(n)d 位）。") % {"n": len(chairs)})
    elif chairs[0].member_type != MemberType.OFFICER:
        problems.append(
            _("主席 %(name)s 不是消費者保護官；消費者保護法第45條：以消費者保護官為主席。") % {"name": chairs[0].name}
        )
    if n:
        for gender, label in ((Gender.FEMALE, _("女性")), (Gender.MALE, _("男性"))):
            count = sum(1 for m in members if m.gender == gender)
            if count * 3 < n:
                problems.append(
                    _("%(label)s委員 %(count)d 人，未達委員總數 %(n)d 人之三分之一（任一性別不得少於三分之一）。")
                    % {"label": label, "count": count, "n": n}
                )
        consumer = sum(1 for m in members if m.seat == Seat.CONSUMER_GROUP)
        trade = sum(1 for m in members if m.seat == Seat.TRADE)
        if not consumer or not trade or abs(consumer - trade) > 1:
            problems.append(
                _(
                    "消費者保護團體代表 %(consumer)d 人、企業經營者團體代表 %(trade)d 人：兩者皆須有代表且人數應相當（相差不逾1人）。"
                )
                % {"consumer": consumer, "trade": trade}
            )
    return problems


def term_problems(member: CommitteeMember) -> list[str]:
    problems = []
    if member.term_start and member.term_end:
        if member.term_end < member.term_start:
            problems.append(_("任期迄日不可早於起日。"))
        elif member.term_end > _term_limit(member.term_start):
            problems.append(
                _("任期 %(start)s 至 %(end)s 超過2年；委員任期2年，期滿得續聘（另登錄新任期）。")
                % {"start": display_date(member.term_start), "end": display_date(member.term_end)}
            )
    return problems


def check_roster(committee: Committee, members, *, on: datetime.date) -> None:
    """Raise ServiceError naming each broken rule when `members` (the roster as it would be
    saved) breaks CPA Art. 45, the gender third, the seat balance or the 2-year term on `on`."""
    if committee.kind != CommitteeKind.MEDIATION:
        problems = [p for m in members for p in term_problems(m)]
    else:
        problems = [p for m in members for p in term_problems(m)] + roster_problems(members, on=on)
    if problems:
        raise refused(problems, status=400, code="roster_invalid")


@transaction.atomic
def committee_member_save(*, member: CommitteeMember, user, on: datetime.date | None = None) -> CommitteeMember:
    """Change one member's appointment (e.g. renew a term), refused with the rule's message when
    the committee's roster on `on` (default: the term's first day) would break the rules."""
    others = [m for m in member.committee.members.all() if m.pk != member.pk]
    check_roster(member.committee, [*others, member], on=on or member.term_start)
    if member.pk is None:
        member.created_by = user
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def committee_roster_save(*, committee: Committee, user, members, on: datetime.date) -> list[CommitteeMember]:
    """Save a roster (new appointments and changed terms) at once, checked as a whole on `on`."""
    members = list(members)
    kept = {m.pk for m in members if m.pk}
    others = [m for m in committee.members.all() if m.pk not in kept]
    check_roster(committee, [*others, *members], on=on)
    for member in members:
        member.committee = committee
        if member.pk is None:
            member.created_by = user
        member.full_clean()
        member.save()
    return members


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
    Action.REFERRED: complaint_refer_to_agency,
    Action.AGENCY_REPLIED: complaint_record_agency_reply,
}


def link_traders_bulk(queryset=None) -> int:
    """Link complaints without a trader (bulk-loaded or older rows) to the registry, one pass
    per distinct (統一編號, name): what `link_trader` does for one new complaint."""
    queryset = Complaint.objects.filter(trader__isnull=True) if queryset is None else queryset
    linked = 0
    pairs = list(queryset.values_list("business_tax_id", "business_name").distinct())
    for tax_id, name in pairs:
        with transaction.atomic():
            trader = link_trader(business_name=name, tax_id=tax_id or "")
            if trader is not None:
                linked += queryset.filter(business_tax_id=tax_id, business_name=name).update(trader=trader)
    return linked


# The mediation page's and the API's actions (the same services, the same permission).
MEDIATION_ACTIONS = {
    Action.MEDIATION_CORRECTION: mediation_request_correction,
    Action.MEDIATION_CORRECTED: mediation_corrected,
    Action.MEDIATION_SCHEDULED: mediation_schedule,
    Action.MEDIATION_PROPOSAL: mediation_propose,
    Action.MEDIATION_OBJECTION: mediation_record_objection,
    Action.MEDIATION_CLOSED: mediation_close,
    Action.COURT_APPROVED: mediation_court_approved,
    Action.SMALL_CLAIM_ABSENCE: mediation_record_absence,
    Action.SMALL_CLAIM_PROPOSAL: mediation_small_claim_propose,
}
