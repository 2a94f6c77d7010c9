"""Stocktaking a location of 10,000 assets: open the round, record every asset, close, report.

    .venv/bin/python bench/bench_dormitories_stocktaking.py                 # SQLite file under /tmp
    .venv/bin/python bench/bench_dormitories_stocktaking.py --database-url postgres://postgres@127.0.0.1:5432/dorm_bench

Options: --assets (default 10,000), --page (how many of them are recorded through the
stocktaking page with the JSON answer the scanner script reads, as a clerk scanning labels does;
default 500); the others are recorded through the same service call the page makes. Every asset
is recorded once except the last --missing (default 100), which the close marks 盤虧; --misplaced
(default 50) assets registered elsewhere are recorded too (位置不符). The dormitories asset tables
are emptied first. Prints, measured (not asserted): the time and queries of opening the round
(one pending line per asset, bulk), of one recorded asset (mean, p95), of closing (one UPDATE)
and of the discrepancy report's first page and its CSV export.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str) -> None:
    if database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/dorm_bench_stocktaking.sqlite3")
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--missing", type=int, default=100)
    parser.add_argument("--misplaced", type=int, default=50)
    args = parser.parse_args()
    setup(args.database_url)

    import datetime
    from decimal import Decimal

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from dormitories import rules, services
    from dormitories.models import Asset, AssetCategory, AssetEvent, AssetLocation, StocktakingEntry, StocktakingRound
    from kaohsiung_admin.accounts.models import User

    setup_test_environment()
    StocktakingEntry.objects.all().delete()
    StocktakingRound.objects.all().delete()
    AssetEvent.objects.all().delete()
    Asset.objects.all().delete()
    category, _ = AssetCategory.objects.get_or_create(code="6020101", defaults={"name": "辦公桌", "min_life_years": 8})
    location, _ = AssetLocation.objects.get_or_create(code="BENCH", defaults={"name": "基準測試倉庫"})
    clerk = User.objects.filter(username="bench-dorm-clerk").first()
    if clerk is None:
        clerk = User.objects.create_user("bench-dorm-clerk", password="bench-password-1")
        clerk.groups.add(Group.objects.get(name="dormitory_asset_clerk"))
    Asset.objects.bulk_create(
        [
            Asset(
                number=f"{category.code}-{n:07d}",
                category=category,
                serial=n,
                name="辦公桌",
                kind=rules.asset_kind(cost=Decimal(12000), life_years=8),
                acquired_on=datetime.date(2015, 1, 1),
                cost=Decimal(12000),
                life_years=8,
                location=location,
            )
            for n in range(1, args.assets + 1)
        ],
        batch_size=2000,
    )
    elsewhere, _ = AssetLocation.objects.get_or_create(code="BENCH-2", defaults={"name": "基準測試倉庫二"})
    Asset.objects.bulk_create(
        [
            Asset(
                number=f"{category.code}-{n:07d}",
                category=category,
                serial=n,
                name="辦公桌",
                kind=rules.asset_kind(cost=Decimal(12000), life_years=8),
                acquired_on=datetime.date(2015, 1, 1),
                cost=Decimal(12000),
                life_years=8,
                location=elsewhere,
            )
            for n in range(args.assets + 1, args.assets + args.misplaced + 1)
        ]
    )
    numbers = list(Asset.objects.filter(location=location).order_by("number").values_list("number", flat=True))
    numbers = numbers[: len(numbers) - args.missing] + list(
        Asset.objects.filter(location=elsewhere).values_list("number", flat=True)
    )
    scan, rest = numbers[: args.page], numbers[args.page :]
    print(
        f"{connection.vendor}: {args.assets:,} assets at one location; {len(numbers):,} recorded"
        f" ({args.misplaced:,} of them registered elsewhere), {len(scan):,} through the page"
    )

    def measured(label, fn):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - started
        print(f"  {label:<42} {elapsed * 1000:10.1f} ms  {len(queries.captured_queries):4d} queries")
        return result

    stock_round = measured(
        "open the round (pending lines, bulk)",
        lambda: services.stocktaking_open(location=location, year=2022, opened_on=datetime.date(2022, 11, 1), by=clerk),
    )

    client = Client()
    client.force_login(clerk)
    url = stock_round.get_absolute_url()
    timings, query_counts = [], []
    started_all = time.perf_counter()
    for number in scan:
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(url, {"number": number, "method": "scan"}, HTTP_ACCEPT="application/json")
            timings.append(time.perf_counter() - started)
        query_counts.append(len(queries.captured_queries))
        assert response.status_code == 200, response.content
    total = time.perf_counter() - started_all
    if timings:
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"  {'record one asset through the page (mean)':<42} {statistics.mean(timings) * 1000:10.1f} ms"
            f"  {statistics.mean(query_counts):4.0f} queries (p95 {p95 * 1000:.1f} ms; all {total:.1f} s)"
        )
    service_timings, service_queries = [], []
    for number in rest:
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            services.stocktaking_record(stock_round=stock_round, number=number, method="scan", by=clerk)
            service_timings.append(time.perf_counter() - started)
        service_queries.append(len(queries.captured_queries))
    if service_timings:
        print(
            f"  {'record one asset through the service (mean)':<42} {statistics.mean(service_timings) * 1000:10.1f} ms"
            f"  {statistics.mean(service_queries):4.0f} queries (all {sum(service_timings):.1f} s for {len(rest):,})"
        )

    measured(
        "close (pending → 盤虧, one UPDATE)",
        lambda: services.stocktaking_close(stock_round=stock_round, closed_on=datetime.date(2022, 11, 30), by=clerk),
    )
    report_url = reverse("dormitories:stocktaking-report", args=[stock_round.pk])
    measured("discrepancy report, first page", lambda: client.get(report_url))
    measured(
        "discrepancy report, CSV export", lambda: b"".join(client.get(report_url + "?export=csv").streaming_content)
    )
    counts = dict(StocktakingEntry.objects.filter(round=stock_round).values_list("result").annotate(n=Count("id")))
    print(f"  results: {counts}")


if __name__ == "__main__":
    main()
