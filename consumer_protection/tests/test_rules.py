"""The statutory clocks: 15 calendar days for the business (CPA Art. 43 II), start day not
counted, a last day on a closed day moved to the next working day (民法第120條、第122條)."""

import datetime

import pytest

from consumer_protection import rules
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.models import CalendarOverride

D = datetime.date


def test_first_complaint_limit_is_15_calendar_days_not_counting_the_filing_day(calendar):
    # Thursday 3 March 2022 + 15 days = Friday 18 March, a working day.
    assert rules.deadline(D(2022, 3, 3), rules.FIRST_COMPLAINT_BUSINESS, calendar) == D(2022, 3, 18)


def test_last_day_on_a_weekend_moves_to_monday(calendar):
    # Filed Friday 4 March → day 15 is Saturday 19 March → Monday 21 March.
    assert rules.deadline(D(2022, 3, 4), rules.FIRST_COMPLAINT_BUSINESS, calendar) == D(2022, 3, 21)


def test_last_day_in_the_lunar_new_year_holidays_moves_past_them(calendar):
    # Day 15 is 31 January 2022 (農曆除夕); the offices reopen on Monday 7 February.
    assert rules.deadline(D(2022, 1, 16), rules.FIRST_COMPLAINT_BUSINESS, calendar) == D(2022, 2, 7)


def test_national_day_moves_to_the_next_working_day(calendar):
    assert rules.deadline(D(2022, 9, 25), rules.FIRST_COMPLAINT_BUSINESS, calendar) == D(2022, 10, 11)


def test_make_up_working_saturday_counts_as_a_working_day(calendar):
    # Saturday 7 January 2023 was a make-up working day (補班): the limit ends that Saturday.
    assert rules.deadline(D(2022, 12, 23), rules.FIRST_COMPLAINT_BUSINESS, calendar) == D(2023, 1, 7)


@pytest.mark.django_db
def test_typhoon_day_recorded_by_the_bureau_moves_the_deadline():
    CalendarOverride.objects.create(date=D(2022, 3, 18), is_working_day=False, reason="颱風停止上班")
    assert rules.deadline(D(2022, 3, 3), rules.FIRST_COMPLAINT_BUSINESS, WorkdayCalendar()) == D(2022, 3, 21)


def test_limits_can_be_changed_by_settings(settings, calendar):
    settings.CP_SECOND_COMPLAINT_DAYS = 20
    assert rules.SECOND_COMPLAINT_OFFICER.days == 20
    assert rules.deadline(D(2022, 3, 3), rules.SECOND_COMPLAINT_OFFICER, calendar) == D(2022, 3, 23)


def test_objection_window_is_10_days(calendar):
    # Served Tuesday 10 May 2022 → Friday 20 May.
    assert rules.deadline(D(2022, 5, 10), rules.MEDIATION_OBJECTION, calendar) == D(2022, 5, 20)


def test_every_limit_names_its_source():
    assert all(limit.source for limit in rules.ALL_LIMITS)
    assert "第43條" in rules.FIRST_COMPLAINT_BUSINESS.source
