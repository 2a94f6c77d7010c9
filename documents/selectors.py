"""Reads: the querysets behind the pages, the API, exports, figures and the digest.

Each list selector loads only the columns its list shows (`only`) and joins what it names
(`select_related`), so a page of 50 rows costs a fixed number of queries; the due lists read the
open, running clocks through the partial indexes of models.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth

from documents.choices import CLOSED_STATUSES, PETITION_CLOSED, PetitionChannel
from documents.models import (
    OPEN_CLOCK,
    ControlYuanVisit,
    DocumentEvent,
    OfficialDocument,
    Petition,
)
from kaohsiung_admin.core.deadlines import soon_horizon, today

DOCUMENT_LIST_FIELDS = (
    "id",
    "direction",
    "number",
    "received_on",
    "sender",
    "subject",
    "nature",
    "security",
    "status",
    "due_on",
    "paused_since",
    "closed_on",
    "e_signed",
    "sent_via_exchange",
    "issued_number",
    "unit__id",
    "unit__name",
    "officer__id",
    "officer__username",
    "officer__display_name",
)


def document_list(*, user) -> QuerySet[OfficialDocument]:
    # Unit and officer are printed on each row: joined, and only the columns the list prints.
    return (
        OfficialDocument.objects.restrict(user, "view")
        .select_related("unit", "officer")
        .only(*DOCUMENT_LIST_FIELDS)
        .order_by("-received_on", "-id")
    )


def due_list(*, user, on: datetime.date | None = None) -> QuerySet[OfficialDocument]:
    """Open, running clocks overdue or due within the due-soon window, most urgent first: the
    (unit|officer, due_on, id) partial indexes serve it."""
    return (
        OfficialDocument.objects.restrict(user, "view")
        .due_within(on)
        .select_related("unit", "officer")
        .only(*DOCUMENT_LIST_FIELDS)
        .order_by("due_on", "id")
    )


def due_summary(*, user, on: datetime.date | None = None) -> list[dict]:
    """Per unit: overdue and due-soon counts of the open, running clocks (one aggregate query)."""
    on = on or today()
    horizon = soon_horizon(on)
    rows = (
        OfficialDocument.objects.restrict(user, "view")
        .filter(OPEN_CLOCK, due_on__lte=horizon)
        .values("unit_id", "unit__name")
        .annotate(overdue=Count("id", filter=Q(due_on__lt=on)), due_soon=Count("id", filter=Q(due_on__gte=on)))
        .order_by("unit__name")
    )
    return list(rows)


def document_detail(*, user, pk: int) -> OfficialDocument:
    return (
        OfficialDocument.objects.restrict(user, "view")
        .select_related("unit", "officer", "merged_into", "created_by")
        .get(pk=pk)
    )


def document_timeline(document: OfficialDocument) -> QuerySet[DocumentEvent]:
    return document.events.select_related("by").order_by("at", "id")


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": datetime.date(year, 1, 1), f"{field}__lt": datetime.date(year + 1, 1, 1)})


def _fraction(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


RATE_AGGREGATES = {
    "closed": Count("id", filter=Q(status__in=sorted(CLOSED_STATUSES))),
    "e_signed": Count("id", filter=Q(status__in=sorted(CLOSED_STATUSES), e_signed=True)),
    "dispatched": Count("id", filter=Q(dispatched_on__isnull=False)),
    "exchanged": Count("id", filter=Q(dispatched_on__isnull=False, sent_via_exchange=True)),
    "timed": Count("id", filter=Q(due_on__isnull=False, status__in=sorted(CLOSED_STATUSES))),
    "on_time": Count(
        "id", filter=Q(due_on__isnull=False, status__in=sorted(CLOSED_STATUSES), closed_on__lte=F("due_on"))
    ),
}


def _rates(row: dict) -> dict:
    return {
        **row,
        "e_sign_rate": _fraction(row["e_signed"], row["closed"]),
        "e_exchange_rate": _fraction(row["exchanged"], row["dispatched"]),
        "on_time_rate": _fraction(row["on_time"], row["timed"]),
    }


def closed_in_year(year: int, queryset: QuerySet | None = None) -> QuerySet[OfficialDocument]:
    """Documents whose matter ended (發文 or 存查) in the year: what every rate counts."""
    queryset = OfficialDocument.objects.all() if queryset is None else queryset
    return queryset.filter(_in_year("closed_on", year))


def year_rates(year: int, *, unit_id: int | None = None, queryset: QuerySet | None = None) -> dict:
    """e-signing (e-signed / closed), e-exchange (sent by e-exchange / dispatched) and on-time
    (closed by the due day / closed with a due day) for a Gregorian year, in one query."""
    rows = closed_in_year(year, queryset)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    return _rates(rows.aggregate(**RATE_AGGREGATES))


def monthly_rates(year: int, *, unit_id: int | None = None, queryset: QuerySet | None = None) -> list[dict]:
    rows = closed_in_year(year, queryset)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    found = {
        row["month"]: row
        for row in rows.annotate(month=ExtractMonth("closed_on"))
        .values("month")
        .annotate(**RATE_AGGREGATES)
        .order_by("month")
    }
    empty = dict.fromkeys(RATE_AGGREGATES, 0)
    return [_rates({"month": m, **{k: found.get(m, empty)[k] for k in RATE_AGGREGATES}}) for m in range(1, 13)]


def unit_rates(year: int, *, queryset: QuerySet | None = None) -> list[dict]:
    rows = (
        closed_in_year(year, queryset)
        .values("unit_id", "unit__name")
        .annotate(**RATE_AGGREGATES)
        .order_by("unit__name")
    )
    return [_rates(row) for row in rows]


# --- petitions --------------------------------------------------------------------------------

PETITION_LIST_FIELDS = (
    "id",
    "number",
    "kind",
    "channel",
    "received_on",
    "petitioner_name",
    "petitioner_phone",
    "subject",
    "assigned_agency",
    "status",
    "due_on",
    "closed_on",
    "extended_days",
    "visit__id",
    "visit__title",
    "officer__id",
    "officer__username",
    "officer__display_name",
)


def petition_list(*, user) -> QuerySet[Petition]:
    return (
        Petition.objects.restrict(user, "view")
        .select_related("visit", "officer")
        .only(*PETITION_LIST_FIELDS)
        .order_by("-received_on", "-id")
    )


def petition_detail(*, user, pk: int) -> Petition:
    return Petition.objects.restrict(user, "view").select_related("visit", "officer", "created_by").get(pk=pk)


def system_petitions(year: int) -> QuerySet[Petition]:
    """The cases controlled through the online system (施政績效報告: 964 in 111): every channel but
    the Control Yuan's visits, which the report counts on their own."""
    return Petition.objects.filter(_in_year("received_on", year)).exclude(channel=PetitionChannel.CONTROL_YUAN)


def control_yuan_visits(year: int) -> list[ControlYuanVisit]:
    """The year's Control Yuan visits in order, each with its petitions counted."""
    return list(
        ControlYuanVisit.objects.filter(_in_year("start_on", year))
        .annotate(petition_count=Count("petitions"))
        .order_by("start_on", "id")
    )


def petition_open_q() -> Q:
    return ~Q(status__in=sorted(PETITION_CLOSED))


# --- digest -----------------------------------------------------------------------------------


def digest_documents(*, on: datetime.date | None = None) -> QuerySet[OfficialDocument]:
    """Open, running clocks overdue or due soon, with their officer and the officer's head."""
    return (
        OfficialDocument.objects.due_within(on)
        .filter(officer__isnull=False)
        .select_related("officer", "officer__supervisor", "unit")
        .only(
            "id",
            "number",
            "subject",
            "nature",
            "due_on",
            "status",
            "unit__id",
            "unit__name",
            "officer__id",
            "officer__email",
            "officer__username",
            "officer__display_name",
            "officer__supervisor__id",
            "officer__supervisor__email",
        )
        .order_by("officer_id", "due_on", "id")
    )


def digest_petitions(*, on: datetime.date | None = None) -> QuerySet[Petition]:
    return (
        Petition.objects.due_within(on)
        .filter(officer__isnull=False)
        .select_related("officer", "officer__supervisor")
        .only(
            "id",
            "number",
            "subject",
            "due_on",
            "status",
            "officer__id",
            "officer__email",
            "officer__username",
            "officer__display_name",
            "officer__supervisor__id",
            "officer__supervisor__email",
        )
        .order_by("officer_id", "due_on", "id")
    )
