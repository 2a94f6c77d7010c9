"""Test helpers every app's tests use (imported by tests only).

- `assert_constant_queries(fetch, grow)`: a list costs the same number of queries for 1 row as
  for 50 (STYLE.md: every list page and API list has such a test).
- `working_day_calendar(...)`: an office calendar with given closed and open days, no database.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaohsiung_admin.core.dates import WorkdayCalendar


def count_queries(fetch: Callable[[], object], *, without_totals: bool = False) -> tuple[int, object]:
    """The queries `fetch()` ran (and its result); `without_totals` leaves out the list's total
    (core.paginator asks it only when the page is full, so it comes and goes with the rows)."""
    from unittest import mock

    from kaohsiung_admin.core import paginator

    in_totals = [0]
    original = paginator.list_total

    def counted_total(*args, **kwargs):
        before = len(connection.queries_log)
        try:
            return original(*args, **kwargs)
        finally:
            in_totals[0] += len(connection.queries_log) - before

    with CaptureQueriesContext(connection) as captured:
        if without_totals:
            with mock.patch.object(paginator, "list_total", counted_total):
                result = fetch()
        else:
            result = fetch()
    return len(captured.captured_queries) - in_totals[0], result


def assert_constant_queries(
    fetch: Callable[[], object], grow: Callable[[int], object], *, sizes=(1, 50), warm_up: bool = False
) -> int:
    """`grow(n)` makes the list hold n rows in all (it is called with each size in turn, so it
    adds `n - previous`); `fetch()` requests the list and returns the response. Asserts each
    response is 200 and that the query count does not change with the size. Returns the count,
    the list's total left out: core.paginator counts only a full page (a page that is not full
    is its own total), so that one query comes with the rows and is not a query per row.

    `warm_up=True` fetches once before the first count, for what a first request does once
    (a token's last-use stamp, a session, content types in the cache)."""
    counts = []
    made = 0
    for size in sizes:
        grow(size - made)
        if warm_up and made == 0:
            fetch()
        made = size
        queries, response = count_queries(fetch, without_totals=True)
        status = getattr(response, "status_code", 200)
        assert status == 200, f"list answered {status} with {size} rows"
        counts.append(queries)
    assert len(set(counts)) == 1, f"queries grow with rows: {dict(zip(sizes, counts, strict=True))}"
    return counts[0]


def working_day_calendar(*, closed=(), open_days=()) -> WorkdayCalendar:
    """A WorkdayCalendar whose overrides are given here instead of read from the database:
    `closed` days off (a typhoon day), `open_days` working (a make-up Saturday)."""
    overrides: dict[datetime.date, bool] = dict.fromkeys(closed, False)
    overrides.update(dict.fromkeys(open_days, True))
    return WorkdayCalendar(overrides)
