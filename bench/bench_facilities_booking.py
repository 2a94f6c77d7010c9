"""Creating a booking (with its clash check) costs the same at 1,000,000 bookings as at 1,000.

Run on PostgreSQL (the clash check is an index lookup plus the exclusion constraint's GiST probe):

    .venv/bin/python bench/bench_facilities_booking.py                     # 1,000 vs 100,000 (a minute)
    .venv/bin/python bench/bench_facilities_booking.py --rows 1000000      # the real claim (a few minutes)

Options: --database-url (default postgres://postgres@127.0.0.1:5432/fac_bench; the database is
created if missing and its facilities tables are emptied), --samples (bookings timed per size).
Rows are generated in the database with generate_series, spread over 100 resources, hour after
hour, so that they never overlap. Prints the median time per booking at each size and their
ratio; the target is a ratio ≤ 1.5.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESOURCES = 100


def setup(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def resources():
    """The bench's venues: each a Resource with its Venue row (kind and report group), as every
    venue of the app has; a venue resource without one makes the annual report's venue figures
    fail (`ValueError: None is not a valid VenueGroup`). Earlier runs' rows are repaired."""
    from facilities.choices import Center, OpenDays, ResourceType, VenueGroup, VenueKind
    from facilities.models import Resource, Venue

    existing = list(Resource.objects.filter(name__startswith="bench-").order_by("pk"))
    if len(existing) != RESOURCES:
        existing = [
            Resource.objects.create(
                resource_type=ResourceType.VENUE,
                name=f"bench-{n}",
                center=Center.SIWEI,
                needs_approval=False,
                open_days=OpenDays.EVERY_DAY,
                opens_at=None,
                closes_at=None,
                min_duration_minutes=1,
                booking_window_days=32000,
            )
            for n in range(RESOURCES)
        ]
    have = set(Venue.objects.filter(resource__in=existing).values_list("resource_id", flat=True))
    Venue.objects.bulk_create(
        Venue(resource=resource, kind=VenueKind.MEETING_ROOM, group=VenueGroup.MEETING_ROOM)
        for resource in existing
        if resource.pk not in have
    )
    return existing


def fill(rows: int, ids: list[int]) -> None:
    """`rows` confirmed bookings: resource i % 100, hour i / 100 from tomorrow, 50 minutes each."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE facilities_vehicletrip, facilities_booking, facilities_historicalbooking RESTART IDENTITY CASCADE"
        )
        cursor.execute(
            """
            INSERT INTO facilities_booking (
                created_at, updated_at, resource_id, start, "end", blocked_start, blocked_end, duration_minutes,
                status, title, organiser, attendees, contact_phone, note, channel, decision_reason, cancel_reason,
                fee, refund)
            SELECT now(), now(), (%s::bigint[])[1 + i %% %s],
                   date_trunc('day', now()) + interval '1 day' + (i / %s) * interval '1 hour',
                   date_trunc('day', now()) + interval '1 day' + (i / %s) * interval '1 hour' + interval '50 minutes',
                   date_trunc('day', now()) + interval '1 day' + (i / %s) * interval '1 hour',
                   date_trunc('day', now()) + interval '1 day' + (i / %s) * interval '1 hour' + interval '50 minutes',
                   50, 'confirmed', 'bench', '', 0, '', '', 'demo', '', '', 0, 0
            FROM generate_series(0, %s - 1) AS i
            """,
            [ids, RESOURCES, RESOURCES, RESOURCES, RESOURCES, RESOURCES, rows],
        )
        cursor.execute("ANALYZE facilities_booking")


def measure(rows: int, samples: int, resource_list) -> tuple[float, float]:
    """Median milliseconds to create a booking in a free gap, and to be refused on a clash."""
    import datetime
    import random

    from django.utils import timezone

    from facilities import services
    from kaohsiung_admin.core.errors import ServiceError

    hours = rows // RESOURCES
    base = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    rng = random.Random(f"{rows}-{samples}")
    created, refused = [], []
    used = set()
    for n in range(samples):
        resource = rng.choice(resource_list)
        hour = rng.randrange(max(hours - 1, 1))
        if (resource.pk, hour, n % 2) in used:
            continue
        used.add((resource.pk, hour, n % 2))
        gap_start = base + datetime.timedelta(hours=hour, minutes=50 + (n % 2) * 5)
        started = time.perf_counter()
        try:
            services.booking_create(
                resource=resource, start=gap_start, end=gap_start + datetime.timedelta(minutes=4), title="bench"
            )
        except ServiceError:
            continue  # the warm-up took this gap
        created.append((time.perf_counter() - started) * 1000)
        clash_start = base + datetime.timedelta(hours=hour, minutes=10)
        started = time.perf_counter()
        with contextlib.suppress(ServiceError):
            services.booking_create(
                resource=resource, start=clash_start, end=clash_start + datetime.timedelta(minutes=20), title="bench"
            )
        refused.append((time.perf_counter() - started) * 1000)
    return statistics.median(created), statistics.median(refused)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/fac_bench")
    parser.add_argument("--rows", type=int, default=100_000, help="the large size (the claim is about 1,000,000)")
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("This benchmark is about PostgreSQL's exclusion constraint: give a postgres:// --database-url.")
    try:
        setup(args.database_url)
    except Exception as exc:  # psycopg.OperationalError and the like: no server to measure
        print(f"skipped: PostgreSQL at {args.database_url} is not reachable ({exc.__class__.__name__})")
        return
    resource_list = resources()
    ids = [r.pk for r in resource_list]
    results = {}
    for rows in (args.small, args.rows):
        started = time.perf_counter()
        fill(rows, ids)
        filled = time.perf_counter() - started
        measure(rows, 20, resource_list)  # warm caches and connections
        results[rows] = measure(rows, args.samples, resource_list)
        print(
            f"{rows:>10,} bookings (generated in {filled:.1f}s): create {results[rows][0]:.2f} ms, "
            f"refused clash {results[rows][1]:.2f} ms (median of {args.samples})"
        )
    create_ratio = results[args.rows][0] / results[args.small][0]
    clash_ratio = results[args.rows][1] / results[args.small][1]
    print(
        f"ratio create {args.rows:,}/{args.small:,}: {create_ratio:.2f}; refused clash: {clash_ratio:.2f} (target ≤ 1.5)"
    )


if __name__ == "__main__":
    main()
