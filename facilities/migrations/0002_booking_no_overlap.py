"""No double booking, enforced by PostgreSQL: btree_gist plus an exclusion constraint.

Both operations do nothing on SQLite (CreateExtension checks the vendor itself); there
`facilities.services` checks clashes inside a write-locked transaction.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from facilities.db import AddPostgresConstraint, booking_no_overlap_constraint


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        AddPostgresConstraint("booking", booking_no_overlap_constraint()),
    ]
