"""Case numbers move to core's RunningNumber (one counter table for every running number of the
Bureau): copy each year's last number, then drop the app's own counter table."""

from django.db import migrations

KINDS = {"complaint": "consumer_protection.complaint", "mediation": "consumer_protection.mediation"}


def copy_counters(apps, schema_editor):
    old = apps.get_model("consumer_protection", "CaseNumberCounter")
    new = apps.get_model("core", "RunningNumber")
    for counter in old.objects.all():
        kind = KINDS.get(counter.kind, f"consumer_protection.{counter.kind}")
        row, created = new.objects.get_or_create(kind=kind, year=counter.year, defaults={"last": counter.last})
        if not created and row.last < counter.last:
            row.last = counter.last
            row.save(update_fields=["last"])


def copy_back(apps, schema_editor):
    old = apps.get_model("consumer_protection", "CaseNumberCounter")
    new = apps.get_model("core", "RunningNumber")
    back = {value: key for key, value in KINDS.items()}
    for row in new.objects.filter(kind__startswith="consumer_protection."):
        kind = back.get(row.kind, row.kind.removeprefix("consumer_protection."))
        old.objects.update_or_create(kind=kind, year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("consumer_protection", "0002_trigram_search"),
        ("core", "0002_running_number"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="CaseNumberCounter"),
    ]
