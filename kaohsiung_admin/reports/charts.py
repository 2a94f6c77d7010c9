"""Inline SVG charts for the report and its companion page: no JavaScript, no CDN, and the same
markup in the browser and in WeasyPrint."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kaohsiung_admin.reports.placeholders import format_value

FONT = "Noto Sans CJK TC, sans-serif"
BAR = "#2f5d8a"


def _number(value) -> Decimal:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return Decimal(0)


def column_chart(points, *, title: str, unit: str = "", width: int = 640, height: int = 240) -> SafeString:
    """Vertical columns, for a series over time (e.g. complaints by month)."""
    points = [(str(label), _number(value)) for label, value in points]
    top, bottom, left, right = 28, 36, 10, 10
    plot_h = height - top - bottom
    peak = max((value for _label, value in points), default=Decimal(0)) or Decimal(1)
    step = (width - left - right) / max(len(points), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT}" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#888"/>',
    ]
    for index, (label, value) in enumerate(points):
        bar_h = float(value / peak) * (plot_h - 14)
        x = left + index * step + step * 0.15
        y = top + plot_h - bar_h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{bar_h:.1f}" fill="{BAR}"/>')
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{y - 3:.1f}" text-anchor="middle">{escape(format_value(value))}</text>'
        )
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{top + plot_h + 15}" text-anchor="middle">{escape(label)}</text>'
        )
    if unit:
        parts.append(f'<text x="{width - right}" y="{height - 4}" text-anchor="end" fill="#555">{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text escaped above


def bar_chart(points, *, title: str, unit: str = "", width: int = 640) -> SafeString:
    """Horizontal bars, for categories (e.g. bookings by venue group)."""
    points = [(str(label), _number(value)) for label, value in points]
    row_h, top, right = 22, 28, 70
    # Room for the longest label: a CJK character is about one em (11 px) wide.
    label_w = min(340, max(60, 12 * max((len(label) for label, _value in points), default=4) + 10))
    height = top + row_h * max(len(points), 1) + 18
    peak = max((value for _label, value in points), default=Decimal(0)) or Decimal(1)
    plot_w = width - label_w - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT}" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(points):
        y = top + index * row_h
        bar_w = float(value / peak) * plot_w
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w:.1f}" height="{row_h - 7}" fill="{BAR}"/>')
        parts.append(f'<text x="{label_w + bar_w + 4:.1f}" y="{y + 14}">{escape(format_value(value))}</text>')
    if unit:
        parts.append(f'<text x="{width - 4}" y="{height - 4}" text-anchor="end" fill="#555">{escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text escaped above


def chart_for(key: str, series: dict) -> SafeString:
    """Columns for a series over months, bars for anything else."""
    points = series.get("points") or []
    title, unit = series.get("label", key), series.get("unit", "")
    if key.endswith("by_month"):
        return column_chart(points, title=title, unit=unit)
    return bar_chart(points, title=title, unit=unit)
