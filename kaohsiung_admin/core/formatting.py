"""Numbers and dates the way the Bureau's documents write them.

The annual report writes money as `2億 731萬 3,663元`, counts as `1,606場次`, rates as `90.7%`,
and dates in the ROC calendar (民國111年3月24日, or 111/03/24 in tables).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

ROC_EPOCH = 1911


def roc_year(year: int) -> int:
    """Gregorian year to ROC year (2022 → 111)."""
    return year - ROC_EPOCH


def gregorian_year(roc: int) -> int:
    """ROC year to Gregorian year (111 → 2022)."""
    return roc + ROC_EPOCH


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def roc_date(value: datetime.date | datetime.datetime | None, *, long: bool = True) -> str:
    """`民國111年3月24日` (long) or `111/03/24` (short); '' for None, '' or a non-date."""
    if not isinstance(value, datetime.date):
        return ""  # templates pass '' for a missing related object
    day = _as_date(value)
    roc = roc_year(day.year)
    prefix = "" if roc > 0 else "民國前"
    roc = roc if roc > 0 else 1 - roc  # there is no year 0: 1911 is 民國前1年
    if long:
        return f"{prefix or '民國'}{roc}年{day.month}月{day.day}日"
    return f"{'-' if prefix else ''}{roc:03d}/{day.month:02d}/{day.day:02d}"


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def report_number(value, decimals: int = 0) -> str:
    """Thousands separators as the report writes counts: 1606 → `1,606`."""
    number = _to_decimal(value)
    if number is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    return f"{number.quantize(quantum, rounding=ROUND_HALF_UP):,.{decimals}f}"


def report_money(value, unit: str = "元") -> str:
    """Money in 億/萬 groups as the report writes it: 207313663 → `2億 731萬 3,663元`.

    Whole 億 or 萬 drop the empty groups (100000000 → `1億元`, 10000 → `1萬元`); negatives keep
    their sign in front; amounts are rounded to the whole dollar.
    """
    number = _to_decimal(value)
    if number is None:
        return ""
    amount = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    yi, rest = divmod(amount, 100_000_000)
    wan, ones = divmod(rest, 10_000)
    parts = []
    if yi:
        parts.append(f"{yi:,}億")
    if wan:
        parts.append(f"{wan:,}萬")
    if ones or not parts:
        parts.append(f"{ones:,}")
    text = " ".join(parts)
    return f"{sign}{text}{unit}"


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


def display_date(value, *, long: bool = True) -> str:
    """A date the way the page's language writes it: 民國111年3月24日 / 111/03/24 in Chinese,
    24 Mar 2022 / 2022-03-24 in English."""
    if not isinstance(value, datetime.date):
        return ""
    if not _english():
        return roc_date(value, long=long)
    day = _as_date(value)
    if long:
        return f"{day.day} {day:%b} {day.year}"
    return day.isoformat()


def display_money(value, unit: str = "元") -> str:
    """Money the way the page's language writes it: 1萬 2,000元 in Chinese, NT$12,000 in English."""
    if not _english() or unit != "元":
        return report_money(value, unit)
    number = _to_decimal(value)
    if number is None:
        return ""
    amount = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{'-' if amount < 0 else ''}NT${abs(amount):,}"


def report_percent(value, decimals: int = 1) -> str:
    """A rate as the report writes it: 0.907 → `90.7%` (value is a fraction, not a percentage)."""
    number = _to_decimal(value)
    if number is None:
        return ""
    return f"{report_number(number * 100, decimals)}%"
