"""Bench data: the demo records, then every list's table grown to a given number of rows.

    .venv/bin/python bench/data.py --database-url postgres://postgres@127.0.0.1:5432/bench_1m --rows 1000000

The demo (`load_demo_data`) gives realistic rows; each list table is then grown, in SQL, by
copies of its own rows laid on earlier years (as a database that has run for many years holds
them): every date and time column of a copy is moved back by the same whole number of days (more
than the table's own span where that fits, and always for a table with an exclusion constraint), so that exclusion constraints (a venue's bookings, a dormitory's
lendings) hold (a copy of an occupancy not moved out of ends the day after it starts); unique columns get the copy's number (text: a `~N` suffix; the integer of a
composite key: + N × (its largest value + 1)); a unique foreign key (a complaint's consultation) is left empty
on copies. Copies keep their foreign keys (same venue, officer, category ...), so filters on them
match proportionally more rows.

A table whose copies would have to go back past year 1 (1M occupancies of 46 dormitories over
decades) is left at its size and says so. A table whose rows each need their own parent row (a vehicle trip's booking: a unique, required
link) is left at its demo size, and says so.

Master data (venues, dormitories, cities, agreements, missions, check and stocktaking rounds)
stays at its demo size: those lists never hold a million rows.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The tables behind the record lists (API list endpoints and staff pages) that grow with use.
GROWING = [
    "facilities_booking",
    "facilities_maintenancerequest",
    "facilities_vehicletrip",
    "consumer_protection_consultation",
    "consumer_protection_complaint",
    "consumer_protection_mediationcase",
    "dormitories_occupancy",
    "dormitories_lending",
    "dormitories_asset",
    "documents_officialdocument",
    "documents_petition",
    "international_visitcase",
    "international_exchangeactivity",
    "international_gift",
]

# An open end of an exclusion range (an occupancy not moved out of) would overlap every later
# copy: copies of such a row end the day after they start.
OPEN_END = {"dormitories_occupancy": ("moved_out_on", 'src."start_on" + 1')}

MAX_SHIFT_DAYS = 700_000  # about 1,900 years back from the demo's

DATE_TYPES = {"date", "timestamp with time zone", "timestamp without time zone"}


def create_database(database_url: str) -> None:
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def connect(database_url: str):
    import psycopg

    create_database(database_url)
    return psycopg.connect(database_url, autocommit=True)


def ensure_demo(database_url: str) -> None:
    """Migrate and load the demo records (idempotent) through Django."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo_data", stdout=quiet)
    from django.db import connections

    connections.close_all()  # no session of ours left open while the tables grow and are vacuumed


def _columns(conn, table):
    return conn.execute(
        "SELECT column_name, data_type, character_maximum_length, is_nullable = 'YES' FROM information_schema.columns "
        "WHERE table_name = %s AND table_schema = 'public' ORDER BY ordinal_position",
        [table],
    ).fetchall()


def _unique_sets(conn, table):
    """[(columns, partial)] of the table's unique indexes other than the primary key."""
    rows = conn.execute(
        """
        SELECT array_agg(a.attname ORDER BY k.ord), i.indpred IS NOT NULL
        FROM pg_index i
        JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = %s::regclass AND i.indisunique AND NOT i.indisprimary
        GROUP BY i.indexrelid, i.indpred
        """,
        [table],
    ).fetchall()
    return [(list(cols), partial) for cols, partial in rows]


def _span_days(conn, table, date_columns) -> int:
    if not date_columns:
        return 1
    lows = ", ".join(f'MIN("{c}")::date' for c in date_columns)
    highs = ", ".join(f'MAX("{c}")::date' for c in date_columns)
    low, high = conn.execute(f"SELECT LEAST({lows}), GREATEST({highs}) FROM {table}").fetchone()
    if low is None:
        return 1
    return (high - low).days + 2


def _has_exclusion(conn, table) -> bool:
    return bool(
        conn.execute("SELECT 1 FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'x'", [table]).fetchone()
    )


def grow(conn, table: str, rows: int) -> int:
    """Copies of the table's rows until it holds `rows`; returns the rows added."""
    have = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    if have >= rows or have == 0:
        return 0
    columns = [c for c in _columns(conn, table) if c[0] != "id"]
    dates = [c[0] for c in columns if c[1] in DATE_TYPES]
    span = _span_days(conn, table, dates)
    copies = -(-(rows - have) // have)
    if copies * span > MAX_SHIFT_DAYS and not _has_exclusion(conn, table):
        span = max(1, MAX_SHIFT_DAYS // copies)
    if copies * span > MAX_SHIFT_DAYS:
        print(f"  {table}: {copies:,} copies of a {span:,}-day span go past year 1; not grown", flush=True)
        return 0
    text_unique, int_unique, null_unique = {}, set(), set()
    types = {c[0]: c for c in columns}
    for cols, partial in _unique_sets(conn, table):
        if len(cols) == 1 and cols[0].endswith("_id"):
            if not types[cols[0]][3]:
                # A copy would need its own parent row (a trip's booking): left at its size.
                print(f"  {table}: {cols[0]} is a unique, required link; not grown", flush=True)
                return 0
            null_unique.add(cols[0])
            continue
        texts = [c for c in cols if types.get(c, (None, ""))[1] in ("character varying", "text")]
        ints = [
            c
            for c in cols
            if types.get(c, (None, ""))[1] in ("integer", "bigint", "smallint") and not c.endswith("_id")
        ]
        if texts:
            text_unique[texts[0]] = partial
        elif ints:
            int_unique.add(ints[-1])
    exprs = []
    for name, data_type, max_length, _nullable in columns:
        col = f'src."{name}"'
        if name in null_unique:
            exprs.append("NULL")
        elif name in text_unique:
            suffixed = f"left({col}, {max_length or 200} - length('~' || g)) || '~' || g"
            exprs.append(f"CASE WHEN {col} = '' THEN {col} ELSE {suffixed} END" if text_unique[name] else suffixed)
        elif name in int_unique:
            step = conn.execute(f'SELECT COALESCE(MAX("{name}"), 0) + 1 FROM {table}').fetchone()[0]
            exprs.append(f"{col} + g * {step}")
        elif data_type == "date":
            if OPEN_END.get(table, (None,))[0] == name:
                col = f"COALESCE({col}, {OPEN_END[table][1]})"
            exprs.append(f"{col} - g * {span}")
        elif data_type in DATE_TYPES:
            exprs.append(f"{col} - make_interval(days => g * {span})")
        else:
            exprs.append(col)
    max_id = conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0]
    names = ", ".join(f'"{c[0]}"' for c in columns)
    conn.execute("SET synchronous_commit = off")
    conn.execute(
        f"INSERT INTO {table} ({names}) SELECT {', '.join(exprs)} "
        f"FROM (SELECT * FROM {table} WHERE id <= %s) AS src CROSS JOIN generate_series(1, %s) AS g "
        f"LIMIT %s",
        [max_id, copies, rows - have],
    )
    conn.execute(f"VACUUM ANALYZE {table}")
    return rows - have


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rows", type=int, required=True, help="rows of each growing list table")
    parser.add_argument("--skip-demo", action="store_true", help="the demo records are there already")
    parser.add_argument("--tables", nargs="*", default=GROWING)
    args = parser.parse_args()
    create_database(args.database_url)  # before migrate: a fresh name has no database yet
    if not args.skip_demo:
        ensure_demo(args.database_url)
    with connect(args.database_url) as conn:
        for table in args.tables:
            started = time.perf_counter()
            added = grow(conn, table, args.rows)
            print(f"{table:40} +{added:>9,} rows in {time.perf_counter() - started:6.1f} s", flush=True)
        # Planner statistics and visibility maps for every table, not only the grown ones, as
        # autovacuum leaves a database that has run for years: the demo's tables (vehicle trips,
        # resources, vehicles) were never analysed after the demo load; with stale estimates
        # (108 trips for 2,154) the planner joined a million bookings by nested loops and the
        # trip list took 170 ms instead of 19 ms. And a grown table whose pages were not yet
        # marked all-visible (an ANALYZE alone does not, and a VACUUM while another transaction
        # is open cannot) makes every capped count read its rows from the heap: visits
        # `mission=1` at 1M counted in 31 ms by a bitmap heap scan of 10,001 pages, in 1.1 ms
        # by an index-only scan after VACUUM (2026-12-03, EXPLAIN ANALYZE on bench_perf_1m).
        started = time.perf_counter()
        conn.execute("VACUUM (ANALYZE)")
        print(f"{'VACUUM ANALYZE (every table)':40} {'':>10} in {time.perf_counter() - started:6.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
