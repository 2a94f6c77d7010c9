"""Helper for test_sqlite_concurrency: several processes book one slot in one SQLite file.

    python -m facilities.tests.sqlite_race <db path> <processes>

Prints one line per process: "won <id>", "conflict <id>" or "error <repr>".
"""

import multiprocessing
import os
import sys


def _setup(path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")
    import django

    django.setup()


def _book(path: str, resource_id: int, start_iso: str, barrier, queue) -> None:
    _setup(path)
    import datetime

    from facilities import services
    from facilities.models import Resource
    from kaohsiung_admin.core.errors import ServiceError

    resource = Resource.objects.get(pk=resource_id)
    start = datetime.datetime.fromisoformat(start_iso)
    barrier.wait(timeout=30)
    try:
        booking = services.booking_create(
            resource=resource,
            start=start,
            end=start + datetime.timedelta(hours=1),
            title="搶會議室",
            enforce_notice=False,
        )
        queue.put(f"won {booking.pk}")
    except ServiceError as exc:
        queue.put(f"conflict {exc.conflicting_booking}" if exc.code == "booking_conflict" else f"error {exc!r}")
    except Exception as exc:
        queue.put(f"error {exc!r}")


def main() -> None:
    path, processes = sys.argv[1], int(sys.argv[2])
    _setup(path)
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from facilities.choices import Center, OpenDays, ResourceType
    from facilities.models import Resource

    call_command("migrate", verbosity=0)
    resource = Resource.objects.create(
        resource_type=ResourceType.VENUE,
        name="搶手會議室",
        center=Center.SIWEI,
        needs_approval=False,
        open_days=OpenDays.EVERY_DAY,
    )
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=3)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    queue = context.Queue()
    workers = [
        context.Process(target=_book, args=(path, resource.pk, start.isoformat(), barrier, queue))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    print("\n".join(results))


if __name__ == "__main__":
    main()
