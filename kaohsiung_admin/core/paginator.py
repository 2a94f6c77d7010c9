"""A paginator whose count costs the same at a million rows as at ten thousand.

- An unfiltered list of a large table takes the planner's estimate (pg_class.reltuples): an
  exact COUNT(*) over millions of rows costs tens of milliseconds and grows with the table.
- Every other list is counted up to a cap (`LIST_COUNT_CAP`, 10,000): `COUNT(*)` over at most
  cap + 1 rows, so a filter matching 85 % of a million rows costs what it costs at 10,000. Beyond
  the cap the total reads "10,000+".

Both are one query: on PostgreSQL the estimate and the capped count are asked together (the
count runs only when the table is small). When the total is not exact, a page is fetched with one
row of look-ahead, so "next" and every page past the cap still work.

The first page of a list without a WHERE clause is read before any count, with one row of
look-ahead: when that row is not there, the page is the whole list and its length the exact
total, so a short list (the master data: venues, dormitories, cities, the office calendar's
corrections) costs one query. A list found longer than a page counts first again (remembered
per process), so a long list does not pay for the look-ahead row. Only unfiltered lists do
this: a filter that matches nothing can make the page's ordered scan walk a whole index at a
million rows, where the capped count answers at once (measured: 412 ms against 7 ms,
docs/benchmarks.md).

`paginator.count` stays an int (templates and the API's `count` use it as before);
`paginator.count_exact` says whether it is exact and `paginator.count_display` is how a page
shows it ("1,234", "10,000+", "約 1,000,000").
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

ESTIMATE_ABOVE = 100_000


def count_cap() -> int:
    return int(getattr(settings, "LIST_COUNT_CAP", 10_000))


def estimated_table_rows(queryset) -> int | None:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None


class Total(int):
    """A list's total: an int, which also says whether it is exact, capped or estimated."""

    exact: bool = True
    capped: bool = False
    estimated: bool = False

    def __new__(cls, value: int, *, capped: bool = False, estimated: bool = False):
        total = super().__new__(cls, value)
        total.capped, total.estimated = capped, estimated
        total.exact = not (capped or estimated)
        return total

    @property
    def display(self) -> str:
        if self.capped:
            return f"{int(self):,}+"
        if self.estimated:
            return _("約 %(count)s") % {"count": f"{int(self):,}"}
        return f"{int(self):,}"

    def __reduce__(self):
        return (_total, (int(self), self.capped, self.estimated))


def _total(value, capped, estimated):
    return Total(value, capped=capped, estimated=estimated)


def _is_unfiltered(query) -> bool:
    return not query.where and not query.distinct and not query.combinator and not query.annotations


def list_total(queryset, cap: int | None = None) -> Total:
    """The total of `queryset` in one query: estimated for an unfiltered big table, else counted
    up to `cap` (more matching rows give `Total(cap, capped=True)`)."""
    cap = count_cap() if cap is None else cap
    query = getattr(queryset, "query", None)
    if query is None:  # a list
        return Total(len(queryset))
    connection = connections[queryset.db]
    sliced = queryset.order_by()[: cap + 1]
    if connection.vendor == "postgresql" and _is_unfiltered(query):
        inner, params = sliced.values("pk").query.sql_with_params()
        sql = (
            "SELECT CASE WHEN c.reltuples > %s THEN c.reltuples::bigint "
            f"ELSE (SELECT COUNT(*) FROM ({inner}) AS capped) END, c.reltuples > %s "
            "FROM pg_class c WHERE c.oid = %s::regclass"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [ESTIMATE_ABOVE, *params, ESTIMATE_ABOVE, queryset.model._meta.db_table])
            value, estimated = cursor.fetchone()
        if estimated:
            return Total(int(value), estimated=True)
        counted = int(value)
    else:
        counted = sliced.count()
    if counted > cap:
        return Total(cap, capped=True)
    return Total(counted)


class LookAheadPage(Page):
    """A page of a list whose total is not exact: whether a next page exists is known from one
    extra row fetched with it."""

    def __init__(self, object_list, number, paginator, has_more: bool):
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self):
        return self._has_more

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


# Tables (with a page size) whose unfiltered list was once longer than a page: their first page
# is read after the count again, as a look-ahead row would only add to a count they need anyway.
# Bounded by the number of lists; a table that shrinks below a page keeps the count-first path,
# which is as correct.
_LONGER_THAN_A_PAGE: set[tuple[str, int]] = set()


class EstimatingPaginator(Paginator):
    # A page number past this is refused (an OFFSET of millions is a slow query, not a page).
    max_page = 100_000

    def __init__(self, object_list, *args, **kwargs):
        from kaohsiung_admin.core.fastrows import fast_queryset, without_needless_distinct

        # The page's instances without Model.__init__ where that is equivalent, and no DISTINCT
        # that cannot remove a row (core.fastrows).
        super().__init__(fast_queryset(without_needless_distinct(object_list)), *args, **kwargs)

    @cached_property
    def count(self):
        return list_total(self.object_list)

    @property
    def count_exact(self) -> bool:
        return getattr(self.count, "exact", True)

    @property
    def count_display(self) -> str:
        count = self.count
        return count.display if isinstance(count, Total) else f"{count:,}"

    def validate_number(self, number):
        if self.count_exact:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > self.max_page:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def _first_page_first(self, number, *, lenient: bool = False) -> bool:
        """Whether to read the first page before the count (module docstring); `lenient`: no
        number or an empty one means the first page (as `get_page` takes them)."""
        if "count" in self.__dict__ or self.orphans:
            return False
        query = getattr(self.object_list, "query", None)
        if query is None or query.where or query.combinator or query.distinct or query.is_sliced:
            return False
        if self._list_key() in _LONGER_THAN_A_PAGE:
            return False
        try:
            return (lenient and number in (None, "")) or float(number) == 1
        except (TypeError, ValueError):
            return False

    def _list_key(self) -> tuple[str, int]:
        return (self.object_list.query.model._meta.db_table, self.per_page)

    def _read_first_page(self):
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["count"] = Total(len(rows))
            if not rows and not self.allow_empty_first_page:
                raise EmptyPage(self.error_messages["no_results"])
            return self._get_page(rows, 1, self)
        _LONGER_THAN_A_PAGE.add(self._list_key())
        if self.count_exact:
            return self._get_page(rows[: self.per_page], 1, self)
        return LookAheadPage(rows[: self.per_page], 1, self, has_more=True)

    def page(self, number):
        if self._first_page_first(number):
            return self._read_first_page()
        if self.count_exact:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return LookAheadPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)

    def get_page(self, number):
        if self._first_page_first(number, lenient=True):
            return self._read_first_page()
        if self.count_exact:
            return super().get_page(number)
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            # Past the end of a list whose total is not exact: the last page the total reaches
            # (an estimate may overshoot the rows: then the first page).
            try:
                return self.page(max(1, min(self.num_pages, self.max_page)))
            except EmptyPage:
                return self.page(1)
