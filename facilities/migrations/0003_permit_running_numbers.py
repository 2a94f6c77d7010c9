"""Parking permits are numbered by core's RunningNumber (one row per center and year) instead of
reading the highest number and retrying: seed each row from the permits already issued."""

from django.db import migrations
from django.db.models import Max


def seed_counters(apps, schema_editor):
    permit = apps.get_model("facilities", "ParkingPermit")
    counter = apps.get_model("core", "RunningNumber")
    rows = permit.objects.values("center", "issued_on__year").annotate(last=Max("number"))
    for row in rows:
        tail = (row["last"] or "")[-5:]
        if not tail.isdigit():
            continue
        kind = f"facilities.parking_permit.{row['center']}"
        existing, created = counter.objects.get_or_create(
            kind=kind, year=row["issued_on__year"], defaults={"last": int(tail)}
        )
        if not created and existing.last < int(tail):
            existing.last = int(tail)
            existing.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0002_booking_no_overlap"),
        ("core", "0002_running_number"),
    ]

    operations = [migrations.RunPython(seed_counters, migrations.RunPython.noop)]
