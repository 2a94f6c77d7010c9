"""Import the government office calendar of a year (行政院人事行政總處「中華民國政府行政機關辦公日曆表」)
into CalendarOverride.

The file is the CSV the DGPA publishes on data.gov.tw, one row per day of the year:

    西元日期,星期,是否放假,備註
    20220101,六,2,開國紀念日
    20220103,一,0,

`是否放假` is 2 for a day off and 0 for a working day. Anything else — another header, a missing
or repeated day, a weekday that does not match its date, a day of another year — is refused
with the line and the reason, and nothing is written.

Only days where the file differs from the `holidays` package become overrides (the package is
right about most days; the file is the official word). Overrides the Bureau recorded itself
(typhoon days: any reason not starting with IMPORT_MARK) are kept and reported; overrides of an
earlier import that the file no longer needs are removed.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR, _package_calendar
from kaohsiung_admin.core.models import CalendarOverride

HEADER = ["西元日期", "星期", "是否放假", "備註"]
WEEKDAYS = "一二三四五六日"
DAY_OFF, WORKING = "2", "0"
IMPORT_MARK = "辦公日曆表"
MAX_BYTES = 2 * 1024 * 1024


class CalendarFileError(ValueError):
    """The file is not the office calendar of the year; `errors` lists each problem in words."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    year: int
    days: int = 0
    created: list[datetime.date] = field(default_factory=list)
    updated: list[datetime.date] = field(default_factory=list)
    removed: list[datetime.date] = field(default_factory=list)
    kept: list[datetime.date] = field(default_factory=list)
    days_off: int = 0

    def summary(self) -> str:
        return _(
            "%(year)s 年辦公日曆：%(days)s 天（放假 %(off)s 天）；新增調整 %(created)s 筆、更新 %(updated)s 筆、"
            "移除 %(removed)s 筆，保留本處自行登錄 %(kept)s 筆。"
        ) % {
            "year": self.year,
            "days": self.days,
            "off": self.days_off,
            "created": len(self.created),
            "updated": len(self.updated),
            "removed": len(self.removed),
            "kept": len(self.kept),
        }


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CalendarFileError([_("檔案過大（上限 2 MB），請確認是否為辦公日曆表 CSV。")])
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CalendarFileError([_("無法讀取檔案編碼，請使用 UTF-8 或 Big5 的 CSV 檔。")])


def parse(data: bytes | str, *, year: int) -> dict[datetime.date, tuple[bool, str]]:
    """{day: (is_working_day, remark)} for every day of `year`, or CalendarFileError."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarFileError([_("年度須介於 %(a)s 與 %(b)s 之間。") % {"a": FIRST_YEAR, "b": LAST_YEAR}])
    text = data if isinstance(data, str) else _decode(data)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip() for cell in rows[0]] != HEADER:
        found = ",".join(rows[0]) if rows else _("（空白檔案）")
        raise CalendarFileError(
            [
                _("第1行應為欄位名稱「%(header)s」，檔案為「%(found)s」：這不是行政院人事行政總處的辦公日曆表格式。")
                % {"header": ",".join(HEADER), "found": found[:80]}
            ]
        )
    errors: list[str] = []
    days: dict[datetime.date, tuple[bool, str]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            errors.append(_("第%(n)s行欄位不足。") % {"n": line})
            continue
        raw_date, weekday, off = (cell.strip() for cell in row[:3])
        remark = row[3].strip() if len(row) > 3 else ""
        try:
            day = datetime.datetime.strptime(raw_date, "%Y%m%d").date()
        except ValueError:
            errors.append(_("第%(n)s行日期「%(v)s」不是 YYYYMMDD。") % {"n": line, "v": raw_date[:20]})
            continue
        if day.year != year:
            errors.append(_("第%(n)s行日期 %(d)s 不屬於 %(y)s 年。") % {"n": line, "d": raw_date, "y": year})
            continue
        if weekday != WEEKDAYS[day.weekday()]:
            errors.append(
                _("第%(n)s行 %(d)s 應為星期%(w)s，檔案寫「%(v)s」。")
                % {"n": line, "d": raw_date, "w": WEEKDAYS[day.weekday()], "v": weekday[:5]}
            )
            continue
        if off not in (DAY_OFF, WORKING):
            errors.append(
                _("第%(n)s行「是否放假」應為 2（放假）或 0（上班），檔案寫「%(v)s」。") % {"n": line, "v": off[:5]}
            )
            continue
        if day in days:
            errors.append(_("第%(n)s行日期 %(d)s 重複。") % {"n": line, "d": raw_date})
            continue
        days[day] = (off == WORKING, remark)
        if len(errors) > 20:
            break
    if not errors:
        expected = (datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days
        if len(days) != expected:
            missing = [
                d
                for d in (datetime.date(year, 1, 1) + datetime.timedelta(days=i) for i in range(expected))
                if d not in days
            ]
            errors.append(
                _("檔案應含 %(y)s 年全部 %(e)s 天，缺少 %(m)s 天（如 %(first)s）。")
                % {"y": year, "e": expected, "m": len(missing), "first": missing[0].isoformat()}
            )
    if errors:
        raise CalendarFileError(errors)
    return days


@transaction.atomic
def import_office_calendar(data: bytes | str, *, year: int, dry_run: bool = False) -> ImportResult:
    """Parse the file and bring CalendarOverride in line with it for `year` (see module doc)."""
    days = parse(data, year=year)
    package = _package_calendar(year)
    existing = {
        row.date: row
        for row in CalendarOverride.objects.select_for_update().filter(
            date__gte=datetime.date(year, 1, 1), date__lte=datetime.date(year, 12, 31)
        )
    }
    result = ImportResult(year=year, days=len(days), days_off=sum(1 for working, _r in days.values() if not working))
    to_create: list[CalendarOverride] = []
    for day, (working, remark) in sorted(days.items()):
        reason = f"{IMPORT_MARK}：{remark}" if remark else IMPORT_MARK
        override = existing.get(day)
        differs = package.is_working_day(day) != working
        if override is not None and not override.reason.startswith(IMPORT_MARK):
            result.kept.append(day)  # the Bureau's own record (a typhoon day) stays
            continue
        if differs and override is None:
            to_create.append(CalendarOverride(date=day, is_working_day=working, reason=reason[:100]))
            result.created.append(day)
        elif differs and (override.is_working_day != working or override.reason != reason[:100]):
            if not dry_run:
                override.is_working_day, override.reason = working, reason[:100]
                override.save(update_fields=["is_working_day", "reason", "updated_at"])
            result.updated.append(day)
        elif not differs and override is not None:
            if not dry_run:
                override.delete()
            result.removed.append(day)
    if not dry_run:
        CalendarOverride.objects.bulk_create(to_create)
    else:
        transaction.set_rollback(True)
    return result
