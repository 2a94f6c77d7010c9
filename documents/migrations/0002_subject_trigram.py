"""Subject search for the register (`?q=`) on PostgreSQL: a trigram index on UPPER(subject),
the expression Django's `icontains` compares. SQLite has none; there the search scans, which
suits the embedded default's size."""

from django.db import migrations

INDEXES = [
    ("doc_subject_trgm", "documents_officialdocument", "UPPER(subject) gin_trgm_ops"),
    ("doc_petition_subject_trgm", "documents_petition", "UPPER(subject) gin_trgm_ops"),
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
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
