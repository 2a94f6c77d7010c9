"""Reads of the register. Selectors own select_related/only so that every list costs a fixed
number of queries, whatever its length (query-count tests in tests/test_queries.py)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, Sum

from dormitories import rules
from dormitories.choices import (
    ACTION_FINDINGS,
    AssetEventKind,
    AssetStatus,
    OccupancyStatus,
    StockResult,
)
from dormitories.models import (
    Asset,
    AssetEvent,
    CheckItem,
    CheckRound,
    Disposal,
    Dormitory,
    Lending,
    Occupancy,
    OccupancyApplication,
    Repair,
    StocktakingEntry,
    StocktakingRound,
)


def dormitory_list(*, user):
    # The current occupant's name comes as one subquery-free prefetch of active occupancies.
    current = Occupancy.objects.filter(status=OccupancyStatus.ACTIVE).only(
        "id", "dormitory_id", "occupant_name", "start_on", "move_out_due_on", "status"
    )
    return (
        Dormitory.objects.restrict(user, "view")
        .prefetch_related(Prefetch("occupancies", queryset=current, to_attr="current_occupancies"))
        .order_by("code")
    )


def dormitory_detail(*, user, pk: int) -> Dormitory:
    return Dormitory.objects.restrict(user, "view").get(pk=pk)


def occupancy_list(*, user):
    # The list shows the unit's code and name: one JOIN instead of a query per row.
    return Occupancy.objects.restrict(user, "view").select_related("dormitory").order_by("-start_on", "-id")


def application_queue(*, user):
    return OccupancyApplication.objects.restrict(user, "view").select_related("dormitory", "occupancy")


def check_round_list(*, user):
    return (
        CheckRound.objects.restrict(user, "view")
        .annotate(
            item_count=Count("items"),
            checked_count=Count("items", filter=~Q(items__finding="")),
            action_count=Count("items", filter=Q(items__finding__in=ACTION_FINDINGS)),
        )
        .order_by("-year", "-month")
    )


def check_items(*, check_round: CheckRound):
    return (
        CheckItem.objects.filter(round=check_round)
        .select_related("dormitory", "occupancy", "checked_by")
        .annotate(photo_count=Count("photos"))
        .order_by("dormitory__code")
    )


def check_round_report(*, check_round: CheckRound):
    from dormitories.services import CheckRoundReport

    items = list(check_items(check_round=check_round))
    return CheckRoundReport(
        round=check_round,
        unchecked=[i for i in items if not i.finding],
        needing_action=[i for i in items if i.finding in ACTION_FINDINGS],
    )


def repair_list(*, user):
    return Repair.objects.restrict(user, "view").select_related("dormitory")


def disposal_list(*, user):
    return (
        Disposal.objects.restrict(user, "view")
        .select_related("dormitory")
        .prefetch_related("steps")
        .order_by("closed_on", "listed_on")
    )


def lending_list(*, user):
    return Lending.objects.restrict(user, "view").select_related("dormitory", "decided_by")


def asset_list(*, user):
    # Category and location names on every row: JOINs, not a query per row.
    return Asset.objects.restrict(user, "view").select_related("category", "location")


def asset_card(*, user, pk: int) -> Asset:
    return (
        Asset.objects.restrict(user, "view")
        .select_related("category", "location")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=AssetEvent.objects.select_related("from_location", "to_location").order_by("on", "id"),
            )
        )
        .get(pk=pk)
    )


def stocktaking_list(*, user):
    return (
        StocktakingRound.objects.restrict(user, "view")
        .select_related("location")
        .annotate(
            expected_count=Count("entries", filter=Q(entries__expected=True)),
            found_count=Count("entries", filter=Q(entries__result=StockResult.FOUND)),
            missing_count=Count("entries", filter=Q(entries__result=StockResult.MISSING)),
            misplaced_count=Count("entries", filter=Q(entries__result=StockResult.MISPLACED)),
            pending_count=Count("entries", filter=Q(entries__result=StockResult.PENDING)),
        )
        .order_by("-opened_on", "-id")
    )


def stocktaking_counts(*, stock_round: StocktakingRound) -> dict:
    counts = dict(
        StocktakingEntry.objects.filter(round=stock_round)
        .values_list("result")
        .annotate(n=Count("id"))
        .values_list("result", "n")
    )
    return {result: counts.get(result, 0) for result in StockResult.values}


def stocktaking_discrepancies(*, stock_round: StocktakingRound):
    """Missing and misplaced lines, with each asset's registered place (one JOIN)."""
    return (
        StocktakingEntry.objects.filter(round=stock_round, result__in=[StockResult.MISSING, StockResult.MISPLACED])
        .select_related("asset__category", "asset__location")
        .order_by("result", "asset__number")
    )


def stocktaking_recent(*, stock_round: StocktakingRound, limit: int = 10):
    return (
        StocktakingEntry.objects.filter(round=stock_round, recorded_at__isnull=False)
        .exclude(result=StockResult.MISSING)
        .select_related("asset")
        .order_by("-recorded_at")[:limit]
    )


# --- statistics (the seed's 統計報表) ----------------------------------------------------------


def asset_statistics(*, user, start: datetime.date, end: datetime.date) -> list[dict]:
    """Per category: in use at `end` (count, value), added and reduced in [start, end].

    Four aggregates over indexed columns, grouped by category in the database."""
    assets = Asset.objects.restrict(user, "view")
    on_register = (
        assets.filter(acquired_on__lte=end)
        .filter(Q(reduced_on__isnull=True) | Q(reduced_on__gt=end))
        .values("category__code", "category__name", "kind")
        .annotate(count=Count("id"), value=Sum("cost"))
    )
    events = AssetEvent.objects.filter(asset__in=assets, on__gte=start, on__lte=end)
    added = (
        events.filter(kind=AssetEventKind.ADD)
        .values("asset__category__code", "asset__kind")
        .annotate(count=Count("id"), value=Sum("asset__cost"))
    )
    reduced = (
        events.exclude(kind__in=[AssetEventKind.ADD, AssetEventKind.RELOCATE])
        .values("asset__category__code", "asset__kind")
        .annotate(count=Count("id"), value=Sum("asset__cost"))
    )
    rows: dict[tuple, dict] = {}

    def row(code, name, kind):
        return rows.setdefault(
            (code, kind),
            {
                "code": code,
                "name": name,
                "kind": kind,
                "count": 0,
                "value": 0,
                "added_count": 0,
                "added_value": 0,
                "reduced_count": 0,
                "reduced_value": 0,
            },
        )

    names = dict(Asset.objects.values_list("category__code", "category__name").distinct())
    for r in on_register:
        target = row(r["category__code"], r["category__name"], r["kind"])
        target["count"], target["value"] = r["count"], r["value"] or 0
    for r in added:
        target = row(r["asset__category__code"], names.get(r["asset__category__code"], ""), r["asset__kind"])
        target["added_count"], target["added_value"] = r["count"], r["value"] or 0
    for r in reduced:
        target = row(r["asset__category__code"], names.get(r["asset__category__code"], ""), r["asset__kind"])
        target["reduced_count"], target["reduced_value"] = r["count"], r["value"] or 0
    return [rows[key] for key in sorted(rows)]


def dashboard_counts(*, user) -> dict:
    occupancies = Occupancy.objects.restrict(user, "view")
    return {
        "dormitories": Dormitory.objects.restrict(user, "view").exclude(status="retired").count(),
        "occupied": occupancies.current().values("dormitory").distinct().count(),
        "move_out_overdue": occupancies.overdue().count(),
        "move_out_soon": occupancies.due_soon(soon=rules.MOVE_OUT_SOON).count(),
        "pending_lendings": Lending.objects.restrict(user, "view").pending().count(),
        "queued_applications": OccupancyApplication.objects.restrict(user, "view").filter(status="queued").count(),
        "open_checks": CheckRound.objects.restrict(user, "view").filter(status="open").count(),
        "open_repairs": Repair.objects.restrict(user, "view").filter(status__in=["reported", "in_progress"]).count(),
        "assets": Asset.objects.restrict(user, "view").filter(status=AssetStatus.IN_USE).count(),
        "open_stocktakings": StocktakingRound.objects.restrict(user, "view").filter(status="open").count(),
    }
