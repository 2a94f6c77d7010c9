"""The overdue list (page and API) at 10,000 and at 1,000,000 documents on PostgreSQL.

Run from the repo root:

    .venv/bin/python bench/bench_documents_overdue.py                       # 10,000 then 1,000,000
    .venv/bin/python bench/bench_documents_overdue.py --sizes 10000 100000  # quicker

Options: --database-url (default postgres://postgres@127.0.0.1:5432/docs_bench; created if
missing, its documents table refilled), --requests (timed requests per endpoint, default 30),
--explain (print the overdue query's plan at each size).

A register of a million documents is decades of mail: nearly all of it closed. The generator
keeps 3,000 documents open (half of them overdue, spread over the units) at every size and
grows the closed history with INSERT … SELECT generate_series. For each size the script times
the due list page (`/documents/due/?due=overdue`, and one unit's), and the API
(`/api/v1/documents/documents/?overdue=true`, and one unit's), prints the median time, the query
count and the ratio to the smallest size. Measured, not asserted: the partial indexes over the
open, running clocks (models.py) are what keeps the ratio near 1.
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

OPEN = 3_000
UNITS = 6


def setup(database_url: str) -> None:
    import psycopg

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.API_THROTTLE_RATE = "100000000/min"
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)


COLUMNS = (
    "direction, number, year, sequence, document_date, received_on, count_start, sender, sender_reference, subject, "
    "nature, security, sender_due_on, limit_days, extended_days, due_on, paused_since, unit_id, officer_id, status, "
    "e_signed, received_via_exchange, sent_via_exchange, addressee, issued_number, dispatched_on, closed_on, filed_on, "
    "days_taken, merged_into_id, merge_kind, note, created_at, updated_at, created_by_id"
)


def _insert(cursor, first: int, last: int, *, open_rows: bool, units: list[int], officer: int) -> None:
    """Rows g = first..last. Closed rows: received over 1990–2022, filed. Open rows: received in
    the last 30 days, half of them past their due day."""
    unit = f"(ARRAY{units})[1 + g %% {len(units)}]"
    if open_rows:
        received = "CURRENT_DATE - (g %% 30)"
        due = "CURRENT_DATE + (CASE WHEN g %% 2 = 0 THEN -1 - g %% 20 ELSE 1 + g %% 10 END)"
        status, closed, dispatched, taken = "'handling'", "NULL", "NULL", "NULL"
    else:
        received = "DATE '1990-01-01' + (g %% 12000)"
        due = f"{received} + 8"
        status, closed, dispatched, taken = "'filed'", f"{received} + (g %% 9)", f"{received} + (g %% 9)", "(g %% 9)"
    cursor.execute(
        f"""
        INSERT INTO documents_officialdocument ({COLUMNS})
        SELECT 'received', 'B' || g, 1990 + g %% 200, g, {received}, {received}, {received}, '高雄市政府秘書處', '',
               '檢送會議紀錄乙份，請查照。（' || g || '）', (ARRAY['ordinary','urgent','most_urgent'])[1 + g %% 3], 'none',
               NULL, NULL, 0, {due}, NULL, {unit}, {officer}, {status},
               g %% 5 < 3, TRUE, g %% 10 < 7, '', CASE WHEN {dispatched} IS NULL THEN '' ELSE 'I' || g END, {dispatched},
               {closed}, {closed}, {taken}, NULL, '', '', now(), now(), NULL
        FROM generate_series(%s, %s) AS g
        """,
        [first, last],
    )


def fill(size: int, *, units: list[int], officer: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM documents_officialdocument")
        have = cursor.fetchone()[0]
        if have == 0:
            _insert(cursor, 1, OPEN, open_rows=True, units=units, officer=officer)
            have = OPEN
        step = 200_000
        start = have + 1
        while start <= size:
            end = min(size, start + step - 1)
            _insert(cursor, start, end, open_rows=False, units=units, officer=officer)
            start = end + 1
        cursor.execute("ANALYZE documents_officialdocument")


def timed(client, url: str, query: dict, requests: int) -> tuple[float, int]:
    from django.db import connection

    client.get(url, query)  # warm up
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    # Counted with an execute wrapper: the request_started signal resets connection.queries.
    with connection.execute_wrapper(count):
        response = client.get(url, query)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url, query)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), len(executed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/docs_bench")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    setup(args.database_url)

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from rest_framework.test import APIClient

    from documents.models import OfficialDocument
    from kaohsiung_admin.accounts.models import Division, User

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE documents_documentevent, documents_extension, documents_documentpause, "
            "documents_documentattachment, documents_officialdocument CASCADE"
        )
    units = [
        Division.objects.get_or_create(code=f"bench-{i}", defaults={"name": f"測試科{i}"})[0].pk for i in range(UNITS)
    ]
    clerk, _ = User.objects.get_or_create(username="bench-clerk", defaults={"display_name": "測試文書"})
    clerk.groups.add(Group.objects.get(name="document_clerk"))
    page = Client()
    page.force_login(clerk)
    api = APIClient()
    api.force_authenticate(clerk)
    endpoints = [
        ("page overdue", page, "/documents/due/", {"due": "overdue"}),
        ("page unit overdue", page, "/documents/due/", {"due": "overdue", "unit": units[0]}),
        ("API overdue", api, "/api/v1/documents/documents/", {"overdue": "true", "ordering": "due_on"}),
        (
            "API unit overdue",
            api,
            "/api/v1/documents/documents/",
            {"overdue": "true", "unit": units[0], "ordering": "due_on"},
        ),
    ]
    results: dict[str, list[tuple[int, float, int]]] = {name: [] for name, *_ in endpoints}
    for size in sorted(args.sizes):
        started = time.perf_counter()
        fill(size, units=units, officer=clerk.pk)
        print(
            f"\n{size:,} documents ({OfficialDocument.objects.overdue().count():,} overdue), filled in {time.perf_counter() - started:.1f} s"
        )
        if args.explain:
            with connection.cursor() as cursor:
                sql, params = OfficialDocument.objects.overdue().order_by("due_on", "id")[:50].query.sql_with_params()
                cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
                print("\n".join(row[0] for row in cursor.fetchall()))
        for name, client, url, query in endpoints:
            median, queries = timed(client, url, query, args.requests)
            results[name].append((size, median, queries))
            print(f"  {name:<20} {median:7.1f} ms  {queries:2d} queries")
    print("\nratio largest / smallest size (1.0 = flat):")
    for name, rows in results.items():
        (small, t_small, q_small), (big, t_big, q_big) = rows[0], rows[-1]
        print(
            f"  {name:<20} {t_big / t_small:5.2f}  ({t_small:.1f} ms at {small:,} → {t_big:.1f} ms at {big:,}; queries {q_small} → {q_big})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
