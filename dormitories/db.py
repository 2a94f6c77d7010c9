"""PostgreSQL-only guarantees of the register: no two occupancies of one unit overlap, no two
approved lendings of one unit overlap (exclusion constraints over btree_gist, migration 0002)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.db.models import Q

from kaohsiung_admin.core.postgres_only_constraint import DateRange, TsTzRange

OCCUPANCY_NO_OVERLAP = "dorm_occupancy_no_overlap"
LENDING_NO_OVERLAP = "dorm_lending_no_overlap"


def occupancy_no_overlap_constraint() -> ExclusionConstraint:
    """[start_on, moved_out_on): open-ended while the occupant lives there; a move-out day may be
    the next occupant's first day. Cancelled entries (entered by mistake) do not count."""
    return ExclusionConstraint(
        name=OCCUPANCY_NO_OVERLAP,
        expressions=[
            ("dormitory", RangeOperators.EQUAL),
            (DateRange("start_on", "moved_out_on", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=~Q(status="cancelled"),
    )


def lending_no_overlap_constraint() -> ExclusionConstraint:
    return ExclusionConstraint(
        name=LENDING_NO_OVERLAP,
        expressions=[
            ("dormitory", RangeOperators.EQUAL),
            (TsTzRange("start_at", "end_at", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=Q(status="approved"),
    )
