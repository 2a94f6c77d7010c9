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


def count_queries(fetch: Callable[[], object]) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = fetch()
    return len(captured.captured_queries), result


def assert_constant_queries(
    fetch: Callable[[], object], grow: Callable[[int], object], *, sizes=(1, 50), warm_up: bool = False
) -> int:
    """`grow(n)` makes the list hold n rows in all (it is called with each size in turn, so it
    adds `n - previous`); `fetch()` requests the list and returns the response. Asserts each
    response is 200 and that the query count does not change with the size. Returns the count.

    Keep every size on one page of the list: a list longer than a page also asks for its total,
    where a short one is its own (core.paginator), which is one query more and not a cost per row.

    `warm_up=True` fetches once before the first count, for what a first request does once
    (a token's last-use stamp, a session, content types in the cache)."""
    counts = []
    made = 0
    for size in sizes:
        grow(size - made)
        if warm_up and made == 0:
            fetch()
        made = size
        queries, response = count_queries(fetch)
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
