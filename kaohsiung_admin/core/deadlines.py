"""Legal time limits, counted on the government office calendar, and the due state of a record.

Every time limit an app applies is a `Limit`: a Django setting of the same name overrides the
default, and `source` cites the rule (shown in the README and beside the code). Two ways to count:

- `CALENDAR` days, where a statute says 日 without 工作日 (e.g. 消費者保護法第43條第2項): the start
  day is not counted (民法第120條第2項; 行政程序法第48條第2項) and a last day that falls on a day
  the offices are closed moves to the next working day (民法第122條; 行政程序法第48條第4項).
- `WORKING` days, as the 文書處理手冊 counts processing time (point 78): from the day after
  receipt, weekends, national holidays and recorded typhoon days off, make-up Saturdays (補班) on.

Clocks may be paused (a document waiting on another agency): a `Pause(start, end)` stops the
count on every day from `start` through `end`, and the limit is extended by that many counted
days. Elapsed time is reported in days with the 文書流程管理作業規範 rule that work finished on the
day it arrived counts as half a day.

`due_state(due, today)` is the one rule for "overdue / due soon / on time" that templates
(`{% due_badge %}`), filters, serializers and selectors call; `DueQuerySet` is its queryset form.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaohsiung_admin.core.dates import WorkdayCalendar


class DayCount(enum.StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"


CALENDAR = DayCount.CALENDAR
WORKING = DayCount.WORKING


@dataclass(frozen=True)
class Limit:
    """A time limit: `Limit("DOC_SPEEDY_DAYS", 3, "文書處理手冊第78點", WORKING)`."""

    setting: str
    default: int
    source: str
    count: DayCount = CALENDAR

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting, self.default))

    def __str__(self) -> str:
        unit = _("工作日") if self.count == WORKING else _("日")
        return f"{self.days}{unit}（{self.source}）"


@dataclass(frozen=True)
class Pause:
    """The clock stands still on every day from `start` through `end` (both included)."""

    start: datetime.date
    end: datetime.date

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def _paused(day: datetime.date, pauses: Iterable[Pause]) -> bool:
    return any(pause.covers(day) for pause in pauses)


def deadline(
    start: datetime.date,
    limit: Limit | int,
    calendar: WorkdayCalendar | None = None,
    *,
    count: DayCount | None = None,
    pauses: Iterable[Pause] = (),
) -> datetime.date:
    """The last day of a period of `limit` days that starts the day after `start`.

    Calendar days: the last day moves to the next working day when the offices are closed on it
    (民法第120條第2項、第122條). Working days: the `limit`-th working day after `start`. Paused days
    are not counted in either way.
    """
    days = limit.days if isinstance(limit, Limit) else int(limit)
    how = count or (limit.count if isinstance(limit, Limit) else CALENDAR)
    if days < 0:
        raise ValueError("a time limit is never negative")
    calendar = calendar or WorkdayCalendar()
    pauses = tuple(pauses)
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if _paused(day, pauses):
            continue
        if how == WORKING and not calendar.is_working_day(day):
            continue
        remaining -= 1
    if how == CALENDAR or days == 0:
        while not calendar.is_working_day(day) or _paused(day, pauses):
            day += datetime.timedelta(days=1)
    return day


HALF_DAY = Decimal("0.5")


def days_taken(
    start: datetime.date,
    end: datetime.date,
    *,
    count: DayCount = WORKING,
    calendar: WorkdayCalendar | None = None,
    pauses: Iterable[Pause] = (),
) -> Decimal:
    """How long a matter took, counted from the day after `start` through `end`: the working (or
    calendar) days in (start, end], paused days left out; finished on the day it arrived = 0.5
    (文書流程管理作業規範 [S])."""
    if end <= start:
        return HALF_DAY if end == start else Decimal(0)
    calendar = calendar or WorkdayCalendar()
    pauses = tuple(pauses)
    total = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if _paused(day, pauses):
            continue
        if count == WORKING and not calendar.is_working_day(day):
            continue
        total += 1
    return Decimal(total)


class DueState(models.TextChoices):
    OVERDUE = "overdue", _("已逾期")
    DUE_SOON = "due_soon", _("即將到期")
    ON_TIME = "on_time", _("期限內")
    DONE = "done", _("已辦結")


# How far ahead "due soon" looks, for the lists, the home page and the daily digests [U]: our
# choice, a setting.
DUE_SOON = Limit("DUE_SOON_DAYS", 3, "本處作業（到期前3日提醒）")


def today() -> datetime.date:
    return timezone.localdate()


def soon_horizon(on: datetime.date | None = None, limit: Limit = DUE_SOON) -> datetime.date:
    """The last day that still counts as due soon."""
    return (on or today()) + datetime.timedelta(days=limit.days)


def due_state(
    due: datetime.date | None,
    *,
    done: bool = False,
    on: datetime.date | None = None,
    soon: Limit = DUE_SOON,
) -> DueState | None:
    """Overdue when the due day has passed, due soon within `soon` days of it, else on time.
    None when there is no clock; DONE when the matter is finished."""
    if done:
        return DueState.DONE
    if due is None:
        return None
    on = on or today()
    if due < on:
        return DueState.OVERDUE
    if due <= soon_horizon(on, soon):
        return DueState.DUE_SOON
    return DueState.ON_TIME


def days_left(due: datetime.date | None, on: datetime.date | None = None) -> int | None:
    """Days until the due day (0 on it, negative once overdue)."""
    if due is None:
        return None
    return (due - (on or today())).days


class DueQuerySet(models.QuerySet):
    """Open / overdue / due-soon rows, for a model whose clock is `due_field` and whose open rows
    match `open_q()`. Subclasses set both:

        class ComplaintQuerySet(DueQuerySet, RestrictedQuerySet):
            due_field = "due_on"
            def open_q(self): return ~Q(stage="closed")
    """

    due_field = "due_on"

    def open_q(self) -> Q:
        return Q()

    def open(self):
        return self.filter(self.open_q())

    def overdue_q(self, on: datetime.date | None = None) -> Q:
        """The overdue rule as a Q, for aggregates (`Count("id", filter=qs.overdue_q())`)."""
        return self.open_q() & Q(**{f"{self.due_field}__lt": on or today()})

    def due_soon_q(self, on: datetime.date | None = None, soon: Limit = DUE_SOON) -> Q:
        on = on or today()
        return self.open_q() & Q(**{f"{self.due_field}__gte": on, f"{self.due_field}__lte": soon_horizon(on, soon)})

    def overdue(self, on: datetime.date | None = None):
        return self.filter(self.overdue_q(on))

    def not_overdue(self, on: datetime.date | None = None):
        return self.exclude(self.overdue_q(on))

    def due_soon(self, on: datetime.date | None = None, soon: Limit = DUE_SOON):
        return self.filter(self.due_soon_q(on, soon))

    def due_within(self, on: datetime.date | None = None, soon: Limit = DUE_SOON):
        """Overdue or due soon: what a digest or a home page lists."""
        return self.filter(self.open_q(), **{f"{self.due_field}__lte": soon_horizon(on, soon)})

    def by_due_state(self, state: str, on: datetime.date | None = None):
        """`?due=overdue|due_soon|soon` as one filter method for pages and the API."""
        if state == DueState.OVERDUE:
            return self.overdue(on)
        if state in (DueState.DUE_SOON, "soon"):
            return self.due_soon(on)
        if state == DueState.ON_TIME:
            return self.filter(self.open_q(), **{f"{self.due_field}__gt": soon_horizon(on)})
        return self


DUE_CSS = {DueState.OVERDUE: "bad", DueState.DUE_SOON: "warn"}


def due_css(due: datetime.date | None, *, done: bool = False, on: datetime.date | None = None) -> str:
    """The badge class of a due day: "bad" overdue, "warn" due soon, else "" (lists that print
    prepared rows use it; templates use `{% due_badge %}`)."""
    return DUE_CSS.get(due_state(due, done=done, on=on), "")
