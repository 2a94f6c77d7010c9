"""What consumer protection gives the annual report: counts for a Gregorian year, computed in
the database, each with the page listing the records behind it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils import timezone

from consumer_protection.choices import CommitteeKind, FirstRecipient, MediationStatus, MemberType
from consumer_protection.models import (
    CommitteeMeeting,
    CommitteeMember,
    Complaint,
    Consultation,
    EducationEvent,
    InspectionRound,
    InspectionVenue,
    MediationCase,
    Training,
    TrainingParticipant,
    category_choices,
)
from kaohsiung_admin.core.dates import year_bounds
from kaohsiung_admin.core.figures import Figure, Series


def _span(year: int) -> dict:
    return {"gte": datetime.date(year, 1, 1), "lt": datetime.date(year + 1, 1, 1)}


def _in_year(field: str, year: int) -> Q:
    span = _span(year)
    return Q(**{f"{field}__gte": span["gte"], f"{field}__lt": span["lt"]})


def _url(name: str, query: str = "", anchor: str = ""):
    def build(year: int) -> str:
        return f"{reverse(name)}?{query.format(year=year)}{anchor}"

    return build


def consultations(year: int) -> int:
    start, end = year_bounds(year)
    return Consultation.objects.filter(received_at__gte=start, received_at__lt=end).count()


def first_complaints(year: int) -> int:
    """First complaints the Bureau received (CPA Art. 43 I) — not those filed with a business."""
    return Complaint.objects.filter(_in_year("first_filed_on", year), first_received_by=FirstRecipient.BUREAU).count()


def second_complaints(year: int) -> int:
    return Complaint.objects.filter(_in_year("second_filed_on", year)).count()


def mediation_meetings(year: int) -> int:
    return CommitteeMeeting.objects.filter(_in_year("held_on", year), committee__kind=CommitteeKind.MEDIATION).count()


def mediation_cases(year: int) -> int:
    return MediationCase.objects.filter(_in_year("applied_on", year)).count()


def inspection_rounds(year: int) -> int:
    return InspectionRound.objects.filter(_in_year("held_on", year)).count()


def inspection_venues(year: int) -> int:
    return InspectionVenue.objects.filter(_in_year("round__held_on", year)).count()


def education_events(year: int) -> int:
    return EducationEvent.objects.filter(_in_year("held_on", year)).count()


def trainings(year: int) -> int:
    return Training.objects.filter(_in_year("held_on", year)).count()


def training_participants(year: int) -> int:
    return TrainingParticipant.objects.filter(_in_year("training__held_on", year)).count()


def committee_meetings(year: int) -> int:
    return CommitteeMeeting.objects.filter(_in_year("held_on", year), committee__kind=CommitteeKind.PROTECTION).count()


def _members(kind: str, member_type: str):
    def compute(year: int) -> int:
        # Members whose term overlaps the year.
        span = _span(year)
        return CommitteeMember.objects.filter(
            committee__kind=kind, member_type=member_type, term_start__lt=span["lt"], term_end__gte=span["gte"]
        ).count()

    return compute


def handled_within_limit(year: int) -> Decimal:
    """Share of the year's first complaints (received by the Bureau) that the business answered
    within the 15 days of CPA Art. 43 II, among those answered or past their limit."""
    counts = Complaint.objects.filter(
        _in_year("first_filed_on", year), first_received_by=FirstRecipient.BUREAU, business_due_on__isnull=False
    ).aggregate(
        within=Count("id", filter=Q(business_replied_on__lte=F("business_due_on"))),
        decided=Count(
            "id",
            filter=Q(business_replied_on__isnull=False) | Q(business_due_on__lt=timezone.localdate()),
        ),
    )
    if not counts["decided"]:
        return Decimal(0)
    return (Decimal(counts["within"]) / Decimal(counts["decided"])).quantize(Decimal("0.0001"))


def complaints_by_month(year: int) -> list[tuple[str, int]]:
    rows = (
        Complaint.objects.filter(_in_year("first_filed_on", year), first_received_by=FirstRecipient.BUREAU)
        .annotate(month=ExtractMonth("first_filed_on"))
        .values("month")
        .annotate(n=Count("id"))
    )
    by_month = {row["month"]: row["n"] for row in rows}
    return [(f"{month}月", by_month.get(month, 0)) for month in range(1, 13)]


def complaints_by_category(year: int) -> list[tuple[str, int]]:
    rows = (
        Complaint.objects.filter(_in_year("first_filed_on", year), first_received_by=FirstRecipient.BUREAU)
        .values("category")
        .annotate(n=Count("id"))
        .order_by("-n", "category")
    )
    labels = dict(category_choices())
    return [(str(labels.get(row["category"], row["category"])), row["n"]) for row in rows]


def _period(field: str, start: datetime.date, end: datetime.date) -> Q:
    """[start, end) on a date field."""
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def mediation_success(start: datetime.date, end: datetime.date, *, category: str | None = None) -> dict:
    """Mediations whose result fell in [start, end): 成立, 不成立, and the success rate
    成立 / (成立 + 不成立) (withdrawn and rejected applications were never heard)."""
    cases = MediationCase.objects.filter(_period("result_on", start, end))
    if category:
        cases = cases.filter(complaint__category=category)
    counts = cases.aggregate(
        established=Count("id", filter=Q(status=MediationStatus.ESTABLISHED)),
        failed=Count("id", filter=Q(status=MediationStatus.FAILED)),
    )
    heard = counts["established"] + counts["failed"]
    counts["rate"] = (Decimal(counts["established"]) / Decimal(heard)).quantize(Decimal("0.0001")) if heard else None
    return counts


def funnel(start: datetime.date, end: datetime.date, *, category: str | None = None) -> list[tuple[str, int]]:
    """消費諮詢 → 第一次申訴 → 第二次申訴 → 申請調解 → 調解成立, each counted by its own date in
    [start, end) (so a stage may count cases begun in an earlier period)."""
    by_category = Q(category=category) if category else Q()
    by_case_category = Q(complaint__category=category) if category else Q()
    start_dt = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    end_dt = timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))
    return [
        (
            "消費諮詢",
            Consultation.objects.filter(by_category, received_at__gte=start_dt, received_at__lt=end_dt).count(),
        ),
        (
            "第一次申訴",
            Complaint.objects.filter(
                by_category, _period("first_filed_on", start, end), first_received_by=FirstRecipient.BUREAU
            ).count(),
        ),
        ("第二次申訴", Complaint.objects.filter(by_category, _period("second_filed_on", start, end)).count()),
        ("申請調解", MediationCase.objects.filter(by_case_category, _period("applied_on", start, end)).count()),
        (
            "調解成立",
            MediationCase.objects.filter(
                by_case_category, _period("result_on", start, end), status=MediationStatus.ESTABLISHED
            ).count(),
        ),
    ]


def mediation_success_rate(year: int) -> Decimal:
    rate = mediation_success(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))["rate"]
    return rate if rate is not None else Decimal(0)


def funnel_of_year(year: int) -> list[tuple[str, int]]:
    return funnel(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))


COMMITTEES = "consumer_protection:committee-list"
ACTIVITIES = "consumer_protection:activity-list"

FIGURES = [
    Figure(
        "consumer_protection.consultations",
        "受理消費事件諮詢",
        "人次",
        consultations,
        _url("consumer_protection:consultation-list", "year={year}"),
    ),
    Figure(
        "consumer_protection.first_complaints",
        "受理消費爭議第一次申訴",
        "件",
        first_complaints,
        _url("consumer_protection:complaint-list", "year={year}&received_by_bureau=true"),
    ),
    Figure(
        "consumer_protection.second_complaints",
        "受理消費爭議第二次申訴",
        "件",
        second_complaints,
        _url("consumer_protection:complaint-list", "second_year={year}"),
    ),
    Figure(
        "consumer_protection.mediation_meetings",
        "辦理消費爭議調解會議",
        "次",
        mediation_meetings,
        _url(COMMITTEES, "year={year}&kind=mediation", "#meetings"),
    ),
    Figure(
        "consumer_protection.mediation_cases",
        "消費爭議調解",
        "件",
        mediation_cases,
        _url("consumer_protection:mediation-list", "year={year}"),
    ),
    Figure(
        "consumer_protection.inspection_rounds",
        "消費商品或服務查核",
        "次",
        inspection_rounds,
        _url(ACTIVITIES, "year={year}", "#inspections"),
    ),
    Figure(
        "consumer_protection.inspection_venues",
        "查核場家",
        "場家",
        inspection_venues,
        _url(ACTIVITIES, "year={year}", "#inspections"),
    ),
    Figure(
        "consumer_protection.education_events",
        "消費者保護教育宣導",
        "場次",
        education_events,
        _url(ACTIVITIES, "year={year}", "#education"),
    ),
    Figure(
        "consumer_protection.trainings",
        "消費者保護業務研習",
        "場",
        trainings,
        _url(ACTIVITIES, "year={year}", "#trainings"),
    ),
    Figure(
        "consumer_protection.training_participants",
        "研習參加人員",
        "名",
        training_participants,
        _url(ACTIVITIES, "year={year}", "#trainings"),
    ),
    Figure(
        "consumer_protection.committee_meetings",
        "召開消費者保護委員會議",
        "次",
        committee_meetings,
        _url(COMMITTEES, "year={year}&kind=protection", "#meetings"),
    ),
    Figure(
        "consumer_protection.mediation_committee_external",
        "消費爭議調解委員會府外委員",
        "人",
        _members(CommitteeKind.MEDIATION, MemberType.EXTERNAL),
        _url(COMMITTEES),
    ),
    Figure(
        "consumer_protection.mediation_committee_officers",
        "消費爭議調解委員會本府消保官委員",
        "人",
        _members(CommitteeKind.MEDIATION, MemberType.OFFICER),
        _url(COMMITTEES),
    ),
    Figure(
        "consumer_protection.protection_committee_external",
        "消費者保護委員會專家學者及團體代表",
        "人",
        _members(CommitteeKind.PROTECTION, MemberType.EXTERNAL),
        _url(COMMITTEES),
    ),
    Figure(
        "consumer_protection.protection_committee_agencies",
        "消費者保護委員會機關代表",
        "人",
        _members(CommitteeKind.PROTECTION, MemberType.AGENCY),
        _url(COMMITTEES),
    ),
    Figure(
        "consumer_protection.handled_within_limit",
        "業者於15日內處理第一次申訴之比率",
        "%",
        handled_within_limit,
        _url("consumer_protection:complaint-list", "year={year}&received_by_bureau=true"),
        kind="percent",
    ),
    Figure(
        "consumer_protection.mediation_success_rate",
        "消費爭議調解成立率（成立／成立及不成立）",
        "%",
        mediation_success_rate,
        _url("consumer_protection:mediation-list", "result_year={year}&status=established"),
        kind="percent",
    ),
]

SERIES = [
    Series("consumer_protection.complaints_by_month", "第一次申訴件數（按月）", "件", complaints_by_month),
    Series("consumer_protection.complaints_by_category", "第一次申訴件數（按消費類別）", "件", complaints_by_category),
    Series("consumer_protection.funnel", "消費爭議處理流程（諮詢至調解成立）", "件", funnel_of_year),
]
