"""core.deadlines: statutory periods on the office calendar, due states, and their queryset form.

Calendar days follow 民法第120條第2項 (the first day is not counted) and 第122條 (a last day on
which the offices are closed moves to the next working day); working days skip weekends,
holidays and typhoon days and count make-up Saturdays (補班). Every calendar here is built
without the database (`working_day_calendar`), on top of Taiwan's holidays from the package.
"""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaohsiung_admin.core.deadlines import (
    CALENDAR,
    DUE_SOON,
    WORKING,
    DueState,
    Limit,
    Pause,
    days_left,
    days_taken,
    deadline,
    due_css,
    due_state,
)
from kaohsiung_admin.core.testing import working_day_calendar

D = datetime.date
PLAIN = working_day_calendar()  # Taiwan's holidays and make-up Saturdays, no overrides


# --- counting --------------------------------------------------------------------------------


def test_calendar_days_do_not_count_the_first_day():
    # a complaint filed on Thursday 3 March: 15 days end on Friday 18 March
    assert deadline(D(2022, 3, 3), 15, PLAIN) == D(2022, 3, 18)


def test_working_days_skip_the_weekend():
    # received Friday 4 March: three working days are Mon 7, Tue 8, Wed 9
    assert deadline(D(2022, 3, 4), 3, PLAIN, count=WORKING) == D(2022, 3, 9)
    assert deadline(D(2022, 3, 4), 3, PLAIN) == D(2022, 3, 7)  # calendar: Mon 7 (Sunday 6 moves)


def test_a_last_day_on_a_weekend_or_holiday_moves_to_the_next_working_day():
    # 民法第122條: 4 March + 15 = Saturday 19 March → Monday 21 March
    assert deadline(D(2022, 3, 4), 15, PLAIN) == D(2022, 3, 21)
    # 25 September + 15 = Monday 10 October (國慶日) → Tuesday 11 October
    assert deadline(D(2022, 9, 25), 15, PLAIN) == D(2022, 10, 11)


def test_a_make_up_saturday_is_a_working_day():
    # 7 January 2023 was a 補班 Saturday: a period ending on it ends on it
    assert PLAIN.is_working_day(D(2023, 1, 7))
    assert deadline(D(2022, 12, 23), 15, PLAIN) == D(2023, 1, 7)
    # and it counts as a working day: from Friday 6 January, one working day is that Saturday
    assert deadline(D(2023, 1, 6), 1, PLAIN, count=WORKING) == D(2023, 1, 7)


def test_a_typhoon_day_closes_the_offices():
    typhoon = working_day_calendar(closed=[D(2022, 3, 18)])  # 停止上班 on Friday 18 March
    assert deadline(D(2022, 3, 3), 15, typhoon) == D(2022, 3, 21)
    # working days skip it: from Wednesday 16 March, two working days are Thu 17 and Mon 21
    assert deadline(D(2022, 3, 16), 2, typhoon, count=WORKING) == D(2022, 3, 21)


def test_paused_days_are_not_counted():
    waiting = [Pause(D(2022, 3, 5), D(2022, 3, 9))]  # five days waiting on another agency
    assert deadline(D(2022, 3, 3), 15, PLAIN, pauses=waiting) == D(2022, 3, 23)
    # working days: Tue 8 paused, so three working days from Mon 7 are Wed 9, Thu 10, Fri 11
    one_day = [Pause(D(2022, 3, 8), D(2022, 3, 8))]
    assert deadline(D(2022, 3, 7), 3, PLAIN, count=WORKING, pauses=one_day) == D(2022, 3, 11)
    # a due day that falls in a pause moves past it
    assert deadline(D(2022, 3, 3), 1, PLAIN, pauses=[Pause(D(2022, 3, 5), D(2022, 3, 8))]) == D(2022, 3, 4)
    assert deadline(D(2022, 3, 3), 2, PLAIN, pauses=[Pause(D(2022, 3, 4), D(2022, 3, 8))]) == D(2022, 3, 10)


def test_work_finished_the_day_it_arrived_takes_half_a_day():
    assert days_taken(D(2022, 3, 4), D(2022, 3, 4), calendar=PLAIN) == Decimal("0.5")
    assert days_taken(D(2022, 3, 4), D(2022, 3, 7), calendar=PLAIN) == 1  # Friday → Monday
    assert days_taken(D(2022, 3, 4), D(2022, 3, 7), count=CALENDAR, calendar=PLAIN) == 3
    paused = [Pause(D(2022, 3, 7), D(2022, 3, 7))]
    assert days_taken(D(2022, 3, 4), D(2022, 3, 8), calendar=PLAIN, pauses=paused) == 1


def test_a_zero_day_limit_is_due_the_same_working_day():
    assert deadline(D(2022, 3, 4), 0, PLAIN) == D(2022, 3, 4)  # a Friday
    assert deadline(D(2022, 3, 5), 0, PLAIN) == D(2022, 3, 7)  # a Saturday → Monday
    assert deadline(D(2022, 3, 5), 0, PLAIN, count=WORKING) == D(2022, 3, 7)
    with pytest.raises(ValueError):
        deadline(D(2022, 3, 4), -1, PLAIN)


def test_a_limit_cites_its_source_and_a_setting_overrides_it(settings):
    limit = Limit("TEST_DOC_DAYS", 6, "文書處理手冊第78點", WORKING)
    assert limit.days == 6 and "文書處理手冊" in str(limit)
    assert deadline(D(2022, 3, 4), limit, PLAIN) == D(2022, 3, 14)  # six working days
    settings.TEST_DOC_DAYS = 1
    assert deadline(D(2022, 3, 4), limit, PLAIN) == D(2022, 3, 7)


# --- properties --------------------------------------------------------------------------------

days = st.dates(min_value=D(2021, 1, 1), max_value=D(2024, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    start=days,
    limit=st.integers(min_value=0, max_value=60),
    count=st.sampled_from([CALENDAR, WORKING]),
    closed=st.sets(days, max_size=8),
)
def test_a_due_date_is_never_a_closed_day(start, limit, count, closed):
    calendar = working_day_calendar(closed=closed)
    due = deadline(start, limit, calendar, count=count)
    assert calendar.is_working_day(due)
    assert due >= start


@settings(max_examples=150, deadline=None)
@given(
    start=days,
    limit=st.integers(min_value=0, max_value=60),
    count=st.sampled_from([CALENDAR, WORKING]),
    closed=st.sets(days, max_size=6),
    extra=days,
)
def test_closing_one_more_day_never_makes_a_due_date_earlier(start, limit, count, closed, extra):
    before = deadline(start, limit, working_day_calendar(closed=closed), count=count)
    after = deadline(start, limit, working_day_calendar(closed={*closed, extra}), count=count)
    assert after >= before


# --- due states --------------------------------------------------------------------------------


def test_due_state_is_the_one_rule_for_overdue_and_due_soon():
    today = D(2022, 3, 10)
    assert due_state(D(2022, 3, 9), on=today) == DueState.OVERDUE
    assert due_state(today, on=today) == DueState.DUE_SOON
    assert due_state(today + datetime.timedelta(days=DUE_SOON.days), on=today) == DueState.DUE_SOON
    assert due_state(today + datetime.timedelta(days=DUE_SOON.days + 1), on=today) == DueState.ON_TIME
    assert due_state(D(2022, 3, 1), done=True, on=today) == DueState.DONE
    assert due_state(None, on=today) is None
    assert days_left(D(2022, 3, 8), on=today) == -2
    assert due_css(D(2022, 3, 9), on=today) == "bad" and due_css(today, on=today) == "warn"
    assert due_css(D(2022, 3, 9), done=True, on=today) == ""


def test_due_badge_renders_the_state():
    from django.template import Context, Template

    today = datetime.date.today()
    html = Template("{% due_badge due %}").render(Context({"due": today - datetime.timedelta(days=2)}))
    assert 'class="badge bad"' in html
    html = Template("{% due_badge due done=True %}").render(Context({"due": today - datetime.timedelta(days=2)}))
    assert "badge" not in html
    assert Template("{{ due|due_state }}").render(Context({"due": today})) == "due_soon"
