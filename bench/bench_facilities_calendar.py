"""A center's week calendar renders with a fixed number of queries: 20 bookings or 2,000 that week.

    .venv/bin/python bench/bench_facilities_calendar.py                  # SQLite file under /tmp
    .venv/bin/python bench/bench_facilities_calendar.py --database-url postgres://postgres@127.0.0.1:5432/fac_bench_cal

Options: --rows (bookings in the week, default 2,000), --venues (default 40). The database's
facilities tables are emptied first. Prints the queries and the time of the week view (and the
day view) at both sizes; the query counts must be equal (ratio 1.00).
"""

from __future__ import annotations

import argparse
import os
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
    parser.add_argument("--database-url", default="sqlite:////tmp/fac_bench_calendar.sqlite3")
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--venues", type=int, default=40)
    args = parser.parse_args()
    setup(args.database_url)

    import datetime

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from facilities.choices import BookingStatus, Center, OpenDays, ResourceType, VenueGroup, VenueKind
    from facilities.models import Booking, Resource, Venue
    from kaohsiung_admin.accounts.models import User

    setup_test_environment()
    with connection.cursor() as cursor:
        for table in ("facilities_vehicletrip", "facilities_booking", "facilities_historicalbooking"):
            cursor.execute(f"DELETE FROM {table}")
    venues = list(Resource.objects.filter(name__startswith="週曆-").order_by("pk"))
    for n in range(len(venues), args.venues):
        resource = Resource.objects.create(
            resource_type=ResourceType.VENUE,
            name=f"週曆-{n}",
            center=Center.SIWEI,
            needs_approval=False,
            open_days=OpenDays.EVERY_DAY,
        )
        Venue.objects.create(resource=resource, kind=VenueKind.MEETING_ROOM, group=VenueGroup.MEETING_ROOM)
        venues.append(resource)
    clerk, _created = User.objects.get_or_create(username="bench-clerk", defaults={"display_name": "林廳舍"})
    clerk.groups.add(Group.objects.get(name="facility_clerk"))
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    tz = timezone.get_current_timezone()

    def fill(total: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM facilities_booking")
        rows = []
        for i in range(total):
            resource = venues[i % len(venues)]
            slot = i // len(venues)  # each venue: up to 14 one-hour bookings a day for 7 days
            day, hour = monday + datetime.timedelta(days=slot // 14), 8 + slot % 14
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)), tz)
            booking = Booking(
                resource=resource,
                start=start,
                end=start + datetime.timedelta(minutes=50),
                title=f"會議{i}",
                status=BookingStatus.CONFIRMED,
            )
            booking.set_span()
            rows.append(booking)
        Booking.objects.bulk_create(rows, batch_size=1000)

    client = Client()
    client.force_login(clerk)
    results = {}
    for total in (20, args.rows):
        fill(total)
        for view in ("week", "day"):
            url = f"/facilities/centers/siwei/calendar/?view={view}&date={monday.isoformat()}"
            client.get(url)  # warm
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            results[(total, view)] = (len(captured), elapsed)
            print(f"{total:>6,} bookings that week, {view} view: {len(captured)} queries, {elapsed:.0f} ms")
    for view in ("week", "day"):
        ratio = results[(args.rows, view)][0] / results[(20, view)][0]
        print(f"{view}: query ratio {args.rows:,}/20 bookings = {ratio:.2f} (must be 1.00)")


if __name__ == "__main__":
    main()
