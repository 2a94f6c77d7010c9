"""The registry of figures the annual report states.

Each app lists its figures in `<app>/figures.py` as `FIGURES = [Figure(...), ...]`; the report
collects them with `all_figures()`. A figure is computed for a Gregorian year in the database
(an aggregate query, never a loop over rows), and can name the page listing the records behind
it so that a reader of the report can trace it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from kaohsiung_admin.core.registry import app_modules


@dataclass(frozen=True)
class Figure:
    key: str  # dotted, app first: "facilities.open_sessions.siwei"
    label: str  # zh-Hant, as a manager reads it: "四維行政中心中庭、廣場及大禮堂開放場次"
    unit: str  # "場次", "件", "人次", "元", "%", ""
    compute: Callable[[int], int | Decimal]  # Gregorian year → value
    records_url: Callable[[int], str] | None = None  # Gregorian year → URL of the records
    kind: str = "count"  # "count", "money" or "percent" (a fraction: 0.907 → 90.7%)
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Series:
    """A breakdown for a chart: e.g. complaints by month, bookings by venue."""

    key: str  # "consumer_protection.complaints_by_month"
    label: str
    unit: str
    compute: Callable[[int], list[tuple[str, int | Decimal]]]  # Gregorian year → [(label, value)]


def _collect(attribute: str) -> dict:
    found: dict = {}
    for _config, module in app_modules("figures"):
        for item in getattr(module, attribute, ()):
            if item.key in found:
                raise ValueError(f"{item.key} registered twice")
            found[item.key] = item
    return found


def all_figures() -> dict[str, Figure]:
    """Every registered figure by key, in app order then declaration order."""
    return _collect("FIGURES")


def all_series() -> dict[str, Series]:
    """Every registered chart series by key."""
    return _collect("SERIES")
