"""Due dates per nature, checked against examples worked by hand on the 2022–2023 calendar.

The office calendar used (the `holidays` package for Taiwan): weekends off; 2022 holidays
1/31–2/4 (Lunar New Year), 2/28, 4/4–4/5, 6/3, 9/9, 10/10; Saturday 2022-01-22 a make-up working
day (補班); 2023-01-02 off (New Year observed).
"""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from documents import rules
from documents.choices import MergeKind, Nature
from kaohsiung_admin.core.deadlines import Pause, days_taken
from kaohsiung_admin.core.testing import working_day_calendar

D = datetime.date


def due(nature, received_on, calendar, **kwargs):
    return rules.due_date(nature=nature, received_on=received_on, calendar=calendar, **kwargs).on


def test_ordinary_six_working_days_across_a_weekend(calendar):
    # Received Wed 3/2: Thu 3/3 (1), Fri 3/4 (2), [Sat, Sun], Mon 3/7 (3), Tue 3/8 (4), Wed 3/9 (5), Thu 3/10 (6).
    assert due(Nature.ORDINARY, D(2022, 3, 2), calendar) == D(2022, 3, 10)


def test_urgent_three_working_days_across_a_national_holiday(calendar):
    # Received Thu 2/24: Fri 2/25 (1), [Sat, Sun, Mon 2/28 和平紀念日], Tue 3/1 (2), Wed 3/2 (3).
    assert due(Nature.URGENT, D(2022, 2, 24), calendar) == D(2022, 3, 2)


def test_most_urgent_counts_a_make_up_saturday(calendar):
    # Received Fri 1/21: Sat 1/22 is a 補班 working day, so the one working day is that Saturday.
    assert due(Nature.MOST_URGENT, D(2022, 1, 21), calendar) == D(2022, 1, 22)


def test_ordinary_across_lunar_new_year(calendar):
    # Received Thu 1/27: Fri 1/28 (1), [1/29–2/6 weekend and New Year], Mon 2/7 (2) … Fri 2/11 (6).
    assert due(Nature.ORDINARY, D(2022, 1, 27), calendar) == D(2022, 2, 11)


def test_a_typhoon_day_moves_the_due_date():
    # Received Fri 9/2, 速件: Mon 9/5 (1), Tue 9/6 (2), Wed 9/7 (3). With 9/5 closed for a
    # typhoon: Tue 9/6 (1), Wed 9/7 (2), Thu 9/8 (3).
    assert due(Nature.URGENT, D(2022, 9, 2), working_day_calendar()) == D(2022, 9, 7)
    assert due(Nature.URGENT, D(2022, 9, 2), working_day_calendar(closed=[D(2022, 9, 5)])) == D(2022, 9, 8)


def test_year_end(calendar):
    # Received Thu 12/29, 速件: Fri 12/30 (1), [Sat 12/31, Sun 1/1, Mon 2023-01-02 補假], Tue 1/3 (2), Wed 1/4 (3).
    assert due(Nature.URGENT, D(2022, 12, 29), calendar) == D(2023, 1, 4)


def test_special_counts_calendar_days_and_leaves_a_closed_last_day(calendar):
    # Received Tue 9/20 + 20 days = Mon 10/10 (國慶日, closed) → Tue 10/11.
    assert due(Nature.SPECIAL, D(2022, 9, 20), calendar) == D(2022, 10, 11)


def test_time_limited_follows_the_senders_date(calendar):
    assert due(Nature.TIME_LIMITED, D(2022, 3, 10), calendar, sender_due_on=D(2022, 3, 15)) == D(2022, 3, 15)


def test_time_limited_past_on_receipt_takes_the_ordinary_limit(calendar):
    # Sender's date 3/8, received Thu 3/10: 普通件 from 3/11 — Fri 3/11 (1), Mon 3/14 (2) … Fri 3/18 (6).
    result = rules.due_date(
        nature=Nature.TIME_LIMITED, received_on=D(2022, 3, 10), sender_due_on=D(2022, 3, 8), calendar=calendar
    )
    assert result.on == D(2022, 3, 18)
    assert "普通件" in result.rule


def test_petition_thirty_calendar_days(calendar):
    # 3/2 + 30 = Fri 4/1. 3/5 + 30 = Mon 4/4 (兒童節) → 4/5 (民族掃墓節) → Wed 4/6.
    assert due(Nature.PETITION, D(2022, 3, 2), calendar) == D(2022, 4, 1)
    assert rules.petition_due(D(2022, 3, 5), calendar=calendar) == D(2022, 4, 6)


def test_project_and_application_carry_their_own_days(calendar):
    # 5/2 + 45 = Thu 6/16.
    assert due(Nature.PROJECT, D(2022, 5, 2), calendar, limit_days=45) == D(2022, 6, 16)
    assert due(Nature.APPLICATION, D(2022, 5, 2), calendar, limit_days=14) == D(2022, 5, 16)


def test_a_pause_waiting_on_another_agency_moves_the_due_date(calendar):
    # 普通件 received Wed 3/2, paused Fri 3/4 – Tue 3/8: Thu 3/3 (1), Wed 3/9 (2), Thu 3/10 (3),
    # Fri 3/11 (4), Mon 3/14 (5), Tue 3/15 (6).
    pauses = [Pause(D(2022, 3, 4), D(2022, 3, 8))]
    assert due(Nature.ORDINARY, D(2022, 3, 2), calendar, pauses=pauses) == D(2022, 3, 15)


def test_an_extension_adds_days_counted_as_the_nature_counts(calendar):
    # 普通件 3/2 due 3/10; +5 working days: 3/11, 3/14, 3/15, 3/16, 3/17.
    assert due(Nature.ORDINARY, D(2022, 3, 2), calendar, extended_days=5) == D(2022, 3, 17)


def test_same_day_counts_half_a_day(calendar):
    assert str(days_taken(D(2022, 3, 2), D(2022, 3, 2), calendar=calendar)) == "0.5"
    assert days_taken(D(2022, 3, 2), D(2022, 3, 7), calendar=calendar) == 3  # Thu, Fri, Mon


def test_merged_cases_count_from_the_last_or_the_first_piece(calendar):
    pieces = [D(2022, 3, 1), D(2022, 3, 3)]
    collective = rules.merged_count_start(MergeKind.COLLECTIVE, pieces)
    combined = rules.merged_count_start(MergeKind.COMBINED, pieces)
    assert (collective, combined) == (D(2022, 3, 3), D(2022, 3, 1))
    # 彙辦 from Thu 3/3: 3/4, 3/7, 3/8, 3/9, 3/10, 3/11. 併辦 from Tue 3/1: 3/2, 3/3, 3/4, 3/7, 3/8, 3/9.
    assert due(Nature.ORDINARY, collective, calendar) == D(2022, 3, 11)
    assert due(Nature.ORDINARY, combined, calendar) == D(2022, 3, 9)


def test_extension_limits():
    assert rules.extension_refusal(days=10, previous_requests=0, previous_days=0) is None
    assert "10" in rules.extension_refusal(days=11, previous_requests=0, previous_days=0)
    assert "3" in rules.extension_refusal(days=5, previous_requests=3, previous_days=15)
    assert "30" in rules.extension_refusal(days=10, previous_requests=2, previous_days=25)
    assert rules.extension_refusal(days=10, previous_requests=2, previous_days=20) is None


def test_gazette_dates_are_mondays_and_thursdays_moved_off_closed_days(calendar):
    dates = rules.gazette_dates(2022, calendar=calendar)
    assert len(dates) == 104
    assert D(2022, 1, 3) in dates and D(2022, 1, 6) in dates
    # Mon 1/31 and Thu 2/3 fall in the New Year holidays: both move to Mon 2/7 and Tue 2/8.
    assert D(2022, 1, 31) not in dates and D(2022, 2, 8) in dates
    assert all(calendar.is_working_day(d) for d in dates)


WORKING_NATURES = [Nature.MOST_URGENT, Nature.URGENT, Nature.ORDINARY]
ALL_NATURES = [*WORKING_NATURES, Nature.SPECIAL, Nature.PETITION, Nature.PROJECT, Nature.APPLICATION]
days = st.dates(min_value=D(2021, 6, 1), max_value=D(2023, 6, 30))


@settings(max_examples=150, deadline=None)
@given(start=days, nature=st.sampled_from(ALL_NATURES), closed=st.sets(days, max_size=8), extended=st.integers(0, 30))
def test_a_due_date_is_never_a_closed_day(start, nature, closed, extended):
    calendar = working_day_calendar(closed=closed)
    on = due(nature, start, calendar, limit_days=40, extended_days=extended)
    assert calendar.is_working_day(on)
    assert on > start


@settings(max_examples=150, deadline=None)
@given(start=days, nature=st.sampled_from(ALL_NATURES), closed=st.sets(days, max_size=6), extra=days)
def test_adding_a_closed_day_never_makes_a_due_date_earlier(start, nature, closed, extra):
    before = due(nature, start, working_day_calendar(closed=closed), limit_days=30)
    after = due(nature, start, working_day_calendar(closed={*closed, extra}), limit_days=30)
    assert after >= before
