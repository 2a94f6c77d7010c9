"""No two occupancies of one unit and no two approved lendings of one unit overlap, enforced by
PostgreSQL: btree_gist plus exclusion constraints.

Both operations do nothing on SQLite (BtreeGistExtension checks the vendor itself); there
`dormitories.services` checks clashes inside a write-locked transaction.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from dormitories.db import lending_no_overlap_constraint, occupancy_no_overlap_constraint
from kaohsiung_admin.core.postgres_only_constraint import AddPostgresConstraint


class Migration(migrations.Migration):
    dependencies = [("dormitories", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        AddPostgresConstraint("occupancy", occupancy_no_overlap_constraint()),
        AddPostgresConstraint("lending", lending_no_overlap_constraint()),
    ]
