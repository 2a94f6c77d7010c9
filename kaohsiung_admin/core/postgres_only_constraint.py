"""A migration operation that adds a constraint on PostgreSQL only (an exclusion constraint that
SQLite cannot hold), and the range expressions such constraints index.

The constraint stays out of `Meta.constraints` on purpose: there Django would also try to create
it on SQLite and to validate it in `full_clean` with range operators SQLite lacks. On SQLite the
app's service checks for clashes in a write-locked transaction instead.
"""

from __future__ import annotations

from django.contrib.postgres.fields import DateRangeField, DateTimeRangeField
from django.db import migrations
from django.db.models import Func


class DateRange(Func):
    """DATERANGE(lower, upper, bounds): an upper bound of NULL is open-ended."""

    function = "DATERANGE"
    output_field = DateRangeField()


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class AddPostgresConstraint(migrations.operations.base.Operation):
    """Add `constraint` to `model_name` on PostgreSQL; do nothing elsewhere; no state change."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, constraint):
        self.model_name = model_name
        self.constraint = constraint

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.add_constraint(to_state.apps.get_model(app_label, self.model_name), self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.remove_constraint(from_state.apps.get_model(app_label, self.model_name), self.constraint)

    def describe(self):
        return f"Add {self.constraint.name} to {self.model_name} on PostgreSQL"

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"model_name": self.model_name, "constraint": self.constraint})
