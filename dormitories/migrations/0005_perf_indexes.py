"""Keyword search (`?q=`) of the asset register on PostgreSQL (issue 12): trigram indexes on
UPPER(column), the expression Django's `icontains` / `istartswith` compare, for the asset's
number, name and custodian, so a search does not scan a million rows. SQLite has none; there the
search scans, which suits the embedded default's size."""

from django.db import migrations

INDEXES = [
    ("dorm_asset_number_trgm", "dormitories_asset", "UPPER(number) gin_trgm_ops"),
    ("dorm_asset_name_trgm", "dormitories_asset", "UPPER(name) gin_trgm_ops"),
    ("dorm_asset_custodian_trgm", "dormitories_asset", "UPPER(custodian) gin_trgm_ops"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({definition})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("dormitories", "0004_sort_indexes")]
    operations = [migrations.RunPython(create, drop)]
