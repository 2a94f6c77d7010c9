import datetime

import pytest

from kaohsiung_admin.core.dates import WorkdayCalendar, year_bounds
from kaohsiung_admin.core.models import CalendarOverride


def test_year_bounds_are_taipei_midnights():
    start, end = year_bounds(2022)
    assert start.isoformat() == "2022-01-01T00:00:00+08:00"
    assert end.isoformat() == "2023-01-01T00:00:00+08:00"


def test_weekends_holidays_and_makeup_saturday():
    calendar = WorkdayCalendar(overrides={})
    assert not calendar.is_working_day(datetime.date(2022, 1, 1))  # 開國紀念日
    assert not calendar.is_working_day(datetime.date(2022, 2, 1))  # 春節
    assert calendar.is_working_day(datetime.date(2022, 1, 22))  # 補班 Saturday
    assert not calendar.is_working_day(datetime.date(2022, 1, 23))  # Sunday
    assert calendar.is_working_day(datetime.date(2022, 3, 24))


def test_add_working_days_skips_lunar_new_year():
    calendar = WorkdayCalendar(overrides={})
    # Received Fri 2022-01-28; 2022-01-31..02-04 are the Lunar New Year holidays.
    assert calendar.add_working_days(datetime.date(2022, 1, 28), 1) == datetime.date(2022, 2, 7)
    assert calendar.add_working_days(datetime.date(2022, 1, 28), 0) == datetime.date(2022, 1, 28)
    assert calendar.working_days_between(datetime.date(2022, 1, 28), datetime.date(2022, 2, 8)) == 2


@pytest.mark.django_db
def test_bureau_override_beats_the_package():
    CalendarOverride.objects.create(date=datetime.date(2022, 9, 12), is_working_day=False, reason="颱風停止上班")
    calendar = WorkdayCalendar()
    assert not calendar.is_working_day(datetime.date(2022, 9, 12))
    assert calendar.add_working_days(datetime.date(2022, 9, 9), 1) == datetime.date(2022, 9, 13)
