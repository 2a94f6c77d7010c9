"""Keyword search (`?q=`) on PostgreSQL (issue 12): trigram indexes on UPPER(column), the
expression Django's `icontains` compares, for the visit cases (delegation, organisation, leader)
and the exchange activities (title), so a search does not scan a million rows. SQLite has none;
there the search scans, which suits the embedded default's size."""

from django.db import migrations

INDEXES = [
    ("intl_visit_delegation_trgm", "international_visitcase", "UPPER(delegation) gin_trgm_ops"),
    ("intl_visit_organisation_trgm", "international_visitcase", "UPPER(organisation) gin_trgm_ops"),
    ("intl_visit_leader_trgm", "international_visitcase", "UPPER(leader) gin_trgm_ops"),
    ("intl_activity_title_trgm", "international_exchangeactivity", "UPPER(title) gin_trgm_ops"),
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
    dependencies = [("international", "0003_sort_indexes")]
    operations = [migrations.RunPython(create, drop)]
