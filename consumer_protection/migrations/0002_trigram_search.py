"""Indexes for searching complainants and businesses by name (PostgreSQL only).

Django's `icontains`/`istartswith` compare `UPPER(column)` on PostgreSQL, so the indexes are on
that expression: trigram (pg_trgm, GIN) for a part of a name of 3 or more characters, and
text_pattern_ops for the start of a name (2 characters, which make no trigram). SQLite has
neither; there the search scans, which suits the embedded default's size.
"""

from django.db import migrations

INDEXES = [
    ("cp_complaint_name_trgm", "gin (UPPER(complainant_name) gin_trgm_ops)"),
    ("cp_complaint_business_trgm", "gin (UPPER(business_name) gin_trgm_ops)"),
    ("cp_complaint_name_prefix", "(UPPER(complainant_name) text_pattern_ops)"),
    ("cp_complaint_business_prefix", "(UPPER(business_name) text_pattern_ops)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON consumer_protection_complaint USING {definition}"
                              if definition.startswith("gin") else
                              f"CREATE INDEX IF NOT EXISTS {name} ON consumer_protection_complaint {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("consumer_protection", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
