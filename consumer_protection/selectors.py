"""Reads: the querysets behind the pages, the API, exports and the digest.

Each list selector loads only the columns its list shows (`only`) and joins what it names
(`select_related`), so a page of 50 rows costs a fixed number of queries, and the long texts
(narrative, replies) never leave the database for a list.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from consumer_protection.choices import OPEN_STAGES, CommitteeKind
from consumer_protection.models import (
    CaseEvent,
    Committee,
    CommitteeMeeting,
    Complaint,
    Consultation,
    MediationCase,
)

COMPLAINT_LIST_FIELDS = (
    "id",
    "case_number",
    "first_filed_on",
    "category",
    "complainant_name",
    "complainant_national_id",
    "complainant_phone",
    "business_name",
    "stage",
    "due_on",
    "result",
    "officer__id",
    "officer__username",
    "officer__display_name",
)


def complaint_list(*, user) -> QuerySet[Complaint]:
    # Officer shown on each row: joined, and only the columns the list prints.
    return (
        Complaint.objects.restrict(user, "view")
        .select_related("officer")
        .only(*COMPLAINT_LIST_FIELDS)
        .order_by("-first_filed_on", "-id")
    )


def complaint_detail(*, user, pk: int) -> Complaint:
    return Complaint.objects.restrict(user, "view").select_related("officer", "consultation", "created_by").get(pk=pk)


def complaint_timeline(complaint: Complaint) -> QuerySet[CaseEvent]:
    return complaint.events.select_related("by", "mediation").order_by("at", "id")


def second_meetings(complaint: Complaint, *, names: bool) -> list:
    """The case's second-complaint meetings with their attendees; private persons' names masked
    unless `names` (core.personal_data.mask_name), set on each attendee as `shown_name`."""
    from kaohsiung_admin.core.personal_data import mask_name

    meetings = list(complaint.second_meetings.prefetch_related("attendees").order_by("held_at", "id"))
    for meeting in meetings:
        for attendee in meeting.attendees.all():
            attendee.shown_name = attendee.name if names or not attendee.is_private_person else mask_name(attendee.name)
    return meetings


def complaint_export_rows(*, queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return queryset.select_related("officer").only(
        *COMPLAINT_LIST_FIELDS,
        "channel",
        "complainant_address",
        "complainant_email",
        "business_tax_id",
        "amount",
        "business_due_on",
        "business_replied_on",
        "second_filed_on",
        "closed_on",
    )


def dashboard_counts(*, user, today: datetime.date | None = None) -> dict:
    """The officer's numbers in one aggregate query over the open cases."""
    visible = Complaint.objects.restrict(user, "view").filter(stage__in=OPEN_STAGES)
    mine = Q(officer=user)
    due_soon = visible.due_soon_q(today)
    overdue = visible.overdue_q(today)
    counts = visible.aggregate(
        mine=Count("id", filter=mine),
        mine_due_soon=Count("id", filter=mine & due_soon),
        mine_overdue=Count("id", filter=mine & overdue),
        due_soon=Count("id", filter=due_soon),
        overdue=Count("id", filter=overdue),
        **{f"stage_{stage.value}": Count("id", filter=Q(stage=stage)) for stage in OPEN_STAGES},
    )
    counts["by_stage"] = [(stage, counts.pop(f"stage_{stage.value}")) for stage in OPEN_STAGES]
    return counts


def consultation_list(*, user) -> QuerySet[Consultation]:
    # The columns the list page and the API print (the answer is short: one or two sentences).
    return (
        Consultation.objects.restrict(user, "view")
        .select_related("officer", "complaint")
        .only(
            "id",
            "received_at",
            "channel",
            "category",
            "consumer_name",
            "consumer_phone",
            "business_name",
            "summary",
            "answer",
            "officer__id",
            "officer__username",
            "officer__display_name",
            "complaint__id",
            "complaint__case_number",
        )
        .order_by("-received_at", "-id")
    )


def mediation_list(*, user) -> QuerySet[MediationCase]:
    return (
        MediationCase.objects.restrict(user, "view")
        .select_related("complaint", "meeting")
        .only(
            "id",
            "case_number",
            "applied_on",
            "status",
            "due_on",
            "result_on",
            "correction_due_on",
            "proposal_served_on",
            "objection_due_on",
            "court_approved_on",
            "small_claim",
            "absent_party",
            "absent_on",
            "objected_by",
            "complaint__id",
            "complaint__case_number",
            "complaint__category",
            "complaint__business_name",
            "complaint__complainant_name",
            "meeting__id",
            "meeting__held_on",
        )
        .order_by("-applied_on", "-id")
    )


def mediation_detail(*, user, pk: int) -> MediationCase:
    return (
        MediationCase.objects.restrict(user, "view")
        .select_related("complaint", "complaint__officer", "meeting", "meeting__committee")
        .get(pk=pk)
    )


def mediation_committee_members_present(mediation: MediationCase):
    if mediation.meeting_id is None:
        return []
    return list(mediation.meeting.members_present.order_by("-is_chair", "member_type", "name"))


def committees_overview(*, user):
    return (
        Committee.objects.restrict(user, "view")
        .prefetch_related("members")
        .annotate(meeting_count=Count("meetings"))
        .order_by("kind")
    )


def committee_meetings(*, user, year: int | None = None, kind: str | None = None) -> QuerySet[CommitteeMeeting]:
    meetings = (
        CommitteeMeeting.objects.restrict(user, "view").select_related("committee").prefetch_related("resolutions")
    )
    if year:
        meetings = meetings.filter(held_on__year=year)
    if kind in CommitteeKind.values:
        meetings = meetings.filter(committee__kind=kind)
    return meetings.annotate(case_count=Count("mediation_cases")).order_by("-held_on")


def digest_cases(*, today: datetime.date | None = None) -> QuerySet[Complaint]:
    """Open cases due within the due-soon window or overdue, with their officer and unit head."""
    return (
        Complaint.objects.due_within(today)
        .filter(officer__isnull=False)
        .select_related("officer", "officer__supervisor")
        .only(
            "id",
            "case_number",
            "stage",
            "due_on",
            "business_name",
            "category",
            "officer__id",
            "officer__email",
            "officer__username",
            "officer__display_name",
            "officer__supervisor__id",
            "officer__supervisor__email",
            "officer__supervisor__username",
            "officer__supervisor__display_name",
        )
        .order_by("officer_id", "due_on", "id")
    )


# --- the trader registry --------------------------------------------------------------------


def trader_list(*, user, q: str = ""):
    from consumer_protection.models import Trader

    if not user.has_perm("consumer_protection.view_complaint"):
        return Trader.objects.none()
    traders = Trader.objects.restrict(user, "view").annotate(complaint_count=Count("complaints", distinct=True))
    q = (q or "").strip()
    if q:
        traders = traders.filter(Q(tax_id=q) | Q(name__icontains=q) | Q(aliases__name__icontains=q)).distinct()
    return traders.order_by("-complaint_count", "name", "id")


def trader_detail(*, user, pk: int):
    from consumer_protection.models import Trader

    return Trader.objects.restrict(user, "view").prefetch_related("aliases").get(pk=pk)


def trader_complaints(trader, *, user) -> QuerySet[Complaint]:
    return complaint_list(user=user).filter(trader=trader)


def trader_outcomes(trader, *, user) -> list[tuple[str, int]]:
    from consumer_protection.choices import Result

    labels = dict(Result.choices)
    rows = (
        Complaint.objects.restrict(user, "view")
        .filter(trader=trader)
        .values("result")
        .annotate(n=Count("id"))
        .order_by("-n", "result")
    )
    return [(str(labels.get(r["result"], "進行中")) if r["result"] else "進行中", r["n"]) for r in rows]


def trader_inspections(trader):
    """Inspection visits to the trader, by any of the names it was filed under."""
    from consumer_protection.models import InspectionVenue

    names = [trader.name, *trader.aliases.values_list("name", flat=True)]
    return InspectionVenue.objects.filter(business_name__in=names).select_related("round").order_by("-round__held_on")


def repeat_offenders(*, user, start: datetime.date, end: datetime.date, minimum: int = 3, category: str | None = None):
    """Traders with `minimum` or more first complaints filed in [start, end): the list the
    inspection planning starts from."""
    from consumer_protection.models import Trader

    if not user.has_perm("consumer_protection.view_complaint"):
        return Trader.objects.none()
    window = Q(complaints__first_filed_on__gte=start, complaints__first_filed_on__lt=end)
    if category:
        window &= Q(complaints__category=category)
    return (
        Trader.objects.annotate(
            period_count=Count("complaints", filter=window, distinct=True),
            open_count=Count("complaints", filter=window & ~Q(complaints__stage="closed"), distinct=True),
        )
        .filter(period_count__gte=minimum)
        .order_by("-period_count", "name", "id")
    )
