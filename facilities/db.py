"""PostgreSQL-only pieces of the schema, guarded so that `migrate` also runs on SQLite."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import migrations
from django.db.models import Func, Q

BOOKING_NO_OVERLAP = "facilities_booking_no_overlap"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def booking_span() -> TsTzRange:
    """The blocked span as a range: the expression the exclusion constraint indexes."""
    return TsTzRange("blocked_start", "blocked_end", RangeBoundary())


def booking_no_overlap_constraint() -> ExclusionConstraint:
    """Two confirmed bookings of one resource never share a moment of their blocked spans.

    '[)' bounds: a booking ending at 10:00 and another starting at 10:00 touch but do not overlap.
    """
    return ExclusionConstraint(
        name=BOOKING_NO_OVERLAP,
        expressions=[
            ("resource", RangeOperators.EQUAL),
            (booking_span(), RangeOperators.OVERLAPS),
        ],
        condition=Q(status="confirmed"),
    )


EQUIPMENT_NO_OVERLAP = "facilities_equipment_no_overlap"


def equipment_no_overlap_constraint() -> ExclusionConstraint:
    """An item is lent to one booking at a time: two active loans never share a moment."""
    return ExclusionConstraint(
        name=EQUIPMENT_NO_OVERLAP,
        expressions=[("item", RangeOperators.EQUAL), (booking_span(), RangeOperators.OVERLAPS)],
        condition=Q(is_active=True),
    )


class AddPostgresConstraint(migrations.operations.base.Operation):
    """Add a constraint on PostgreSQL only, without touching the migration state.

    The constraint stays out of `Meta.constraints` on purpose: there Django would also try to
    create it on SQLite (which has no exclusion constraints) and to validate it in `full_clean`
    with range operators SQLite lacks. On SQLite the services check clashes in a locked
    transaction instead.
    """

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
        model = to_state.apps.get_model(app_label, self.model_name)
        schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        schema_editor.remove_constraint(model, self.constraint)

    def describe(self):
        return f"Add {self.constraint.name} to {self.model_name} on PostgreSQL"

    def deconstruct(self):
        return (self.__class__.__qualname__, [], {"model_name": self.model_name, "constraint": self.constraint})
