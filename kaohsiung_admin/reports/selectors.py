"""Reads for the annual report: the definition as numbered rows, and the figures it states."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from kaohsiung_admin.core import figures as registry
from kaohsiung_admin.reports.models import ManualFigure, ReportDefinition, ReportItem, ReportSection
from kaohsiung_admin.reports.placeholders import keys_in

_HEAVENLY = "壹貳參肆伍陸柒捌玖拾"
_DIGITS = "零一二三四五六七八九"
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 21 → 二十一 (the section numbers of the Bureau's documents)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


def section_number(depth: int, index: int) -> str:
    """壹、 / 一、 / (一) for sections at depth 0, 1, 2 (index from 1)."""
    if depth == 0:
        return f"{_HEAVENLY[index - 1] if index <= len(_HEAVENLY) else index}、"
    if depth == 1:
        return f"{chinese_number(index)}、"
    return f"({chinese_number(index)})"


def item_number(depth: int, index: int) -> str:
    """1. / (1) / I. for items at depth 0, 1, 2 (index from 1)."""
    if depth == 0:
        return f"{index}."
    if depth == 1:
        return f"({index})"
    return f"{_ROMAN[index - 1] if index <= len(_ROMAN) else index}."


def registered_figures() -> dict[str, registry.Figure]:
    return registry.all_figures()


def registered_series() -> dict[str, registry.Series]:
    return registry.all_series()


def known_keys(year: int) -> set[str]:
    """Every key a narrative of `year` may name: the apps' figures and that year's manual figures."""
    manual = set(ManualFigure.objects.filter(year=year).values_list("key", flat=True))
    return set(registered_figures()) | manual


@dataclass
class Row:
    """One row of the two-column table: headings first shown here (left), one block (right)."""

    headings: list[tuple[str, str, int]] = field(default_factory=list)  # (number, heading, depth)
    heading_sections: list[ReportSection] = field(default_factory=list)  # the sections of `headings`
    number: str = ""
    title: str = ""
    text: str = ""
    depth: int = 0
    section: ReportSection | None = None
    item: ReportItem | None = None
    starts_section: bool = False
    has_children: bool = False


@dataclass
class Outline:
    definition: ReportDefinition
    sections: list[ReportSection]
    items: list[ReportItem]
    rows: list[Row]

    def texts(self):
        """Every text in reading order (so figures are listed as the report states them)."""
        for row in self.rows:
            yield row.title
            yield row.text

    def keys(self) -> list[str]:
        seen: dict[str, None] = {}
        for text in self.texts():
            for key in keys_in(text):
                seen.setdefault(key, None)
        return list(seen)


def outline(definition: ReportDefinition) -> Outline:
    """The definition as numbered table rows, in two queries."""
    sections = list(definition.sections.all().order_by("position", "pk"))
    items = list(ReportItem.objects.filter(section__definition=definition).order_by("position", "pk"))
    section_children: dict[int | None, list[ReportSection]] = defaultdict(list)
    for section in sections:
        section_children[section.parent_id].append(section)
    item_children: dict[tuple[int, int | None], list[ReportItem]] = defaultdict(list)
    for item in items:
        item_children[(item.section_id, item.parent_id)].append(item)

    rows: list[Row] = []
    pending: list[tuple[str, str, int]] = []
    pending_sections: list[ReportSection] = []

    def walk_items(section, parent_id, depth):
        for index, item in enumerate(item_children.get((section.id, parent_id), ()), start=1):
            item.number = item_number(depth, index)
            item.depth = depth
            row = Row(
                number=item.number,
                title=item.title,
                text=item.narrative,
                depth=depth,
                section=section,
                item=item,
                has_children=bool(item_children.get((section.id, item.id))),
            )
            if pending:
                row.headings, row.heading_sections, row.starts_section = list(pending), list(pending_sections), True
                pending.clear()
                pending_sections.clear()
            rows.append(row)
            walk_items(section, item.id, depth + 1)

    def walk_sections(parent_id, depth):
        for index, section in enumerate(section_children.get(parent_id, ()), start=1):
            section.number = section_number(depth, index)
            section.depth = depth
            pending.append((section.number, section.heading, depth))
            pending_sections.append(section)
            if section.narrative.strip():
                rows.append(
                    Row(
                        headings=list(pending),
                        heading_sections=list(pending_sections),
                        text=section.narrative,
                        section=section,
                        depth=-1,
                        starts_section=True,
                    )
                )
                pending.clear()
                pending_sections.clear()
            walk_items(section, None, 0)
            walk_sections(section.id, depth + 1)

    walk_sections(None, 0)
    if pending:  # trailing headings with nothing under them still show
        rows.append(Row(headings=list(pending), heading_sections=list(pending_sections), starts_section=True, depth=-1))
    return Outline(definition=definition, sections=sections, items=items, rows=rows)


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 0.9070 → "0.907", 1E+2 → "100"
    return str(value)


def compute_figures(keys: list[str], year: int) -> dict[str, dict]:
    """The value of each key for `year` and the year before, with where it comes from.

    App figures run their own aggregate query; manual figures of both years are one query.
    Values are strings (exact decimals in JSON); a key with no value has value None.
    """
    apps_figures = registered_figures()
    manual = {
        (row.year, row.key): row
        for row in ManualFigure.objects.filter(year__in=[year, year - 1], key__in=keys).select_related("entered_by")
    }
    result: dict[str, dict] = {}
    for key in keys:
        figure = apps_figures.get(key)
        if figure is not None:
            url = figure.records_url(year) if figure.records_url else None
            result[key] = {
                "label": str(figure.label),
                "unit": figure.unit,
                "kind": figure.kind,
                "source": "records",
                "value": _as_text(figure.compute(year)),
                "previous": _as_text(figure.compute(year - 1)),
                "records_url": url,
            }
            continue
        row = manual.get((year, key))
        previous = manual.get((year - 1, key))
        if row is None and previous is None:
            result[key] = {
                "label": key,
                "unit": "",
                "kind": "count",
                "source": "missing",
                "value": None,
                "previous": None,
            }
            continue
        described = row or previous
        result[key] = {
            "label": described.label,
            "unit": described.unit,
            "kind": described.kind,
            "source": "manual",
            "value": _as_text(row.value) if row else None,
            "previous": _as_text(previous.value) if previous else None,
            "entered_by": str(row.entered_by) if row and row.entered_by else "",
            "entered_at": row.entered_at.isoformat() if row and row.entered_at else None,
            "note": row.source if row else "",
        }
    return result


def compute_series(year: int) -> dict[str, dict]:
    """Every registered chart series for `year`, as [[label, value], ...]."""
    result = {}
    for key, series in registered_series().items():
        result[key] = {
            "label": str(series.label),
            "unit": series.unit,
            "points": [[str(label), _as_text(value)] for label, value in series.compute(year)],
        }
    return result


def change(entry: dict) -> dict | None:
    """The change of a figure against the year before: difference and ratio, or None."""
    if entry.get("value") is None or entry.get("previous") is None:
        return None
    value, previous = Decimal(entry["value"]), Decimal(entry["previous"])
    difference = value - previous
    ratio = (difference / previous) if previous else None
    return {"difference": difference, "ratio": ratio}
