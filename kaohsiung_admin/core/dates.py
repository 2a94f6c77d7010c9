"""Years and working days in the Bureau's calendar (Asia/Taipei)."""

from __future__ import annotations

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TAIPEI = ZoneInfo("Asia/Taipei")

# The years a date the Bureau records or asks about may fall in: from ROC year 1 (1912), before
# which no ROC date exists, to 2200. Outside them lie typing slips (0001-01-01, 9999-12-31) that
# would overflow a day's arithmetic or the conversion to UTC in the database; inputs refuse them.
FIRST_YEAR = 1912
LAST_YEAR = 2200


def in_office_calendar(value: datetime.date | datetime.datetime) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_office_date(value: datetime.date | datetime.datetime | None) -> None:
    """Form and filter validator: a date (or date and time) within FIRST_YEAR..LAST_YEAR."""
    if value is not None and not in_office_calendar(value):
        raise ValidationError(
            _("日期須介於 %(first)s 年與 %(last)s 年之間。"),
            code="date_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of a Gregorian year in Taipei time, for filtering datetimes by year."""
    tz = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


@lru_cache(maxsize=64)
def _package_calendar(year: int):
    return holidays.country_holidays("TW", years=year, language="zh_TW")


class WorkdayCalendar:
    """Government office working days: weekends and national holidays off, make-up Saturdays
    (補班) on, as the `holidays` package knows them, with the Bureau's CalendarOverride rows
    (typhoon days, late revisions) taking precedence.

    Load it once per request or task; it reads the overrides in the span it is asked about.
    """

    def __init__(self, overrides: dict[datetime.date, bool] | None = None):
        self._overrides = overrides

    def _override(self, day: datetime.date) -> bool | None:
        if self._overrides is None:
            from kaohsiung_admin.core.models import CalendarOverride

            self._overrides = dict(CalendarOverride.objects.values_list("date", "is_working_day"))
        return self._overrides.get(day)

    def is_working_day(self, day: datetime.date) -> bool:
        override = self._override(day)
        if override is not None:
            return override
        return _package_calendar(day.year).is_working_day(day)

    def holiday_name(self, day: datetime.date) -> str | None:
        return _package_calendar(day.year).get(day)

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after `start` (counting starts the day after, as the
        文書處理手冊 counts processing time)."""
        if days < 0:
            raise ValueError("days must be ≥ 0")
        day = start
        remaining = days
        while remaining:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]: from the day after `start` up to and including `end`."""
        if end <= start:
            return 0
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count
