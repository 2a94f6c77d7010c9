"""The time limits of official documents and petitions, in one place, each with its source.

Confidence as DOMAIN.md marks it: [V] official text read, [S] secondary source or another
agency's rule, [U] not found (our default). Every limit is a `core.deadlines.Limit`: a Django
setting of the same name overrides its days.

How the days are counted (文書流程管理作業規範 [S]):
- from the day AFTER receipt (or, for merged cases, after the last/first piece: `count_start`);
- 最速件, 速件, 普通件 in WORKING days of the office calendar (weekends, national holidays and
  recorded typhoon days off, make-up Saturdays on: `core.dates.WorkdayCalendar`);
- 限期, 特殊性, 專案管制, 人民申請 (and Control Yuan and appeal matters) in CALENDAR days, a last day
  on which the offices are closed moving to the next working day (民法第122條);
- a document finished on the day it arrived counts as 0.5 day (`core.deadlines.days_taken`);
- the clock stands still while the matter waits on another agency (`core.deadlines.Pause`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from documents.choices import MergeKind, Nature
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.deadlines import CALENDAR, WORKING, DayCount, Limit, Pause, deadline

# --- processing limits per nature ---------------------------------------------------------------

# 文書處理手冊第78點、文書流程管理作業規範 [V/S]: 最速件1日、速件3日、普通件6日 (working days).
MOST_URGENT = Limit("DOC_MOST_URGENT_DAYS", 1, "文書流程管理作業規範（最速件1日）", WORKING)
URGENT = Limit("DOC_URGENT_DAYS", 3, "文書流程管理作業規範（速件3日）", WORKING)
ORDINARY = Limit("DOC_ORDINARY_DAYS", 6, "文書流程管理作業規範（普通件6日）", WORKING)

# 特殊性案件: at most 20 days in Taipei's rules [S]; calendar days like the other special natures.
SPECIAL = Limit("DOC_SPECIAL_DAYS", 20, "臺北市政府文書流程管理規定（特殊性案件20日）[S]", CALENDAR)

# 陳情 (行政程序法第七章; 行政院及所屬各機關處理人民陳情案件要點 [S]): 30 days, extended only with a
# written notice to the petitioner. Counted as 行政程序法第48條 counts periods: calendar days.
PETITION = Limit("DOC_PETITION_DAYS", 30, "行政程序法第七章、處理人民陳情案件要點（30日）[S]", CALENDAR)

# A petition may be extended once, by at most this many days, with the written notice [U].
PETITION_EXTENSION_MAX = Limit("DOC_PETITION_EXTENSION_MAX_DAYS", 30, "本處作業（陳情展期以一次30日為限）[U]", CALENDAR)

# 專案管制 (matters needing 30 days or more) and 人民申請案件 (the agency's table of limits) carry
# their own number of days on the document; these bound what a clerk may type [U].
PROJECT_MIN = Limit("DOC_PROJECT_MIN_DAYS", 30, "文書流程管理作業規範（需30日以上者列專案管制）[S]", CALENDAR)
OWN_LIMIT_MAX = Limit("DOC_OWN_LIMIT_MAX_DAYS", 730, "本處作業（自訂時限上限730日）[U]", CALENDAR)

# Extensions (展期) [S]: at most 3 requests, each at most 10 days, at most 30 days in all,
# approved by rank (`documents.approve_extension`).
EXTENSION_REQUESTS_MAX = Limit("DOC_EXTENSION_REQUESTS_MAX", 3, "文書流程管理作業規範（展期以3次為限）[S]")
EXTENSION_DAYS_MAX = Limit("DOC_EXTENSION_DAYS_MAX", 10, "文書流程管理作業規範（每次不得逾10日）[S]")
EXTENSION_TOTAL_MAX = Limit("DOC_EXTENSION_TOTAL_MAX", 30, "文書流程管理作業規範（累計不得逾30日）[S]")

# 行政院 targets for the whole city government (施政績效報告 111: 45% and 70%) [V]: settings.
E_SIGN_TARGET_PERCENT = Limit("DOC_E_SIGN_TARGET_PERCENT", 45, "行政院公文電子簽核比率目標45%")
E_EXCHANGE_TARGET_PERCENT = Limit("DOC_E_EXCHANGE_TARGET_PERCENT", 70, "行政院公文電子交換使用率目標70%")

LIMITS: dict[str, Limit] = {
    Nature.MOST_URGENT: MOST_URGENT,
    Nature.URGENT: URGENT,
    Nature.ORDINARY: ORDINARY,
    Nature.SPECIAL: SPECIAL,
    Nature.PETITION: PETITION,
}

# Natures whose limit is typed on the document (專案管制, 人民申請案件), counted in calendar days.
OWN_LIMIT_NATURES = frozenset({Nature.PROJECT, Nature.APPLICATION})

# A sender's deadline is the sender's: the clock of a 限期 document is never paused.
PAUSABLE_NATURES = frozenset(set(Nature) - {Nature.TIME_LIMITED})

ALL_LIMITS = [
    MOST_URGENT,
    URGENT,
    ORDINARY,
    SPECIAL,
    PETITION,
    PETITION_EXTENSION_MAX,
    PROJECT_MIN,
    OWN_LIMIT_MAX,
    EXTENSION_REQUESTS_MAX,
    EXTENSION_DAYS_MAX,
    EXTENSION_TOTAL_MAX,
    E_SIGN_TARGET_PERCENT,
    E_EXCHANGE_TARGET_PERCENT,
]


@dataclass(frozen=True)
class Due:
    """A document's due day and the rule that gave it, for the page and the timeline."""

    on: datetime.date
    count: DayCount
    days: int
    rule: str

    def describe(self) -> str:
        unit = _("工作日") if self.count == WORKING else _("日")
        return f"{self.days}{unit}（{self.rule}）"


def count_for(nature: str) -> DayCount:
    """Working or calendar days for a nature (文書流程管理作業規範 [S])."""
    limit = LIMITS.get(nature)
    return limit.count if limit is not None else CALENDAR


def due_date(
    *,
    nature: str,
    received_on: datetime.date,
    sender_due_on: datetime.date | None = None,
    limit_days: int | None = None,
    extended_days: int = 0,
    pauses: Iterable[Pause] = (),
    calendar: WorkdayCalendar | None = None,
) -> Due:
    """限辦日期 of a document counted from the day after `received_on` (the count start).

    - 限期案件: the sender's date; a sender's date already past on receipt gives the 普通件 limit.
    - 專案管制 / 人民申請案件: `limit_days` calendar days.
    - the others: their limit in LIMITS (working or calendar days).
    Approved extensions add `extended_days` in the same way of counting; paused days are skipped.
    """
    calendar = calendar or WorkdayCalendar()
    pauses = tuple(pauses)
    if nature == Nature.TIME_LIMITED:
        if sender_due_on is None:
            raise ValueError("a 限期案件 needs the sender's date")
        if sender_due_on >= received_on:
            on = sender_due_on
            if extended_days:
                on = deadline(on, extended_days, count=CALENDAR, calendar=calendar)
            return Due(on, CALENDAR, (sender_due_on - received_on).days, str(_("來文限期")))
        # 文書流程管理作業規範 [S]: a sender's date past on receipt → the 普通件 limit.
        limit = ORDINARY
        on = deadline(received_on, limit.days + extended_days, count=limit.count, calendar=calendar, pauses=pauses)
        return Due(on, limit.count, limit.days, str(_("來文限期已逾，依普通件")))
    if nature in OWN_LIMIT_NATURES:
        if not limit_days:
            raise ValueError("專案管制 and 人民申請案件 need their own number of days")
        on = deadline(received_on, limit_days + extended_days, count=CALENDAR, calendar=calendar, pauses=pauses)
        return Due(on, CALENDAR, limit_days, str(Nature(nature).label))
    limit = LIMITS[nature]
    on = deadline(received_on, limit.days + extended_days, count=limit.count, calendar=calendar, pauses=pauses)
    return Due(on, limit.count, limit.days, limit.source)


def merged_count_start(kind: str, received_dates: Iterable[datetime.date]) -> datetime.date:
    """Where a merged case's clock starts (文書流程管理作業規範 [S]): 彙辦 from the day after the
    LAST piece arrived, 併辦 from the day after the FIRST; the other pieces are filed as 存查."""
    dates = list(received_dates)
    if not dates:
        raise ValueError("a merged case has pieces")
    return max(dates) if kind == MergeKind.COLLECTIVE else min(dates)


def extension_refusal(*, days: int, previous_requests: int, previous_days: int) -> str | None:
    """Why an extension request is refused, or None: ≤ 3 requests, ≤ 10 days each, ≤ 30 in all."""
    if days < 1:
        return str(_("展期日數至少1日。"))
    if days > EXTENSION_DAYS_MAX.days:
        return str(
            _("每次展期不得逾 %(max)s 日（%(source)s）。")
            % {"max": EXTENSION_DAYS_MAX.days, "source": EXTENSION_DAYS_MAX.source}
        )
    if previous_requests >= EXTENSION_REQUESTS_MAX.days:
        return str(
            _("展期以 %(max)s 次為限，本件已申請 %(n)s 次（%(source)s）。")
            % {"max": EXTENSION_REQUESTS_MAX.days, "n": previous_requests, "source": EXTENSION_REQUESTS_MAX.source}
        )
    if previous_days + days > EXTENSION_TOTAL_MAX.days:
        return str(
            _("展期累計不得逾 %(max)s 日，本件已展期 %(n)s 日（%(source)s）。")
            % {"max": EXTENSION_TOTAL_MAX.days, "n": previous_days, "source": EXTENSION_TOTAL_MAX.source}
        )
    return None


def petition_due(received_on: datetime.date, *, calendar: WorkdayCalendar | None = None) -> datetime.date:
    """A petition's reply is due 30 calendar days after receipt, moved off a closed day."""
    return deadline(received_on, PETITION, calendar=calendar)


def petition_extended_due(
    due_on: datetime.date, days: int, *, calendar: WorkdayCalendar | None = None
) -> datetime.date:
    return deadline(due_on, days, count=CALENDAR, calendar=calendar)


def gazette_dates(year: int, *, calendar: WorkdayCalendar | None = None) -> list[datetime.date]:
    """電子公報 issue days of a year: every Monday and Thursday (施政績效報告 111 「每週一、四定期發行」);
    one falling on a closed day moves to the next working day not already an issue day [U]."""
    calendar = calendar or WorkdayCalendar()
    day = datetime.date(year, 1, 1)
    issued: list[datetime.date] = []
    while day.year == year:
        if day.weekday() in (0, 3):
            target = day
            while not calendar.is_working_day(target) or target in issued:
                target += datetime.timedelta(days=1)
            if target.year == year:
                issued.append(target)
        day += datetime.timedelta(days=1)
    return issued
