"""Placeholders in narratives: `計開放 {{ facilities.open_sessions.siwei }}場次`.

A placeholder names a figure by its key: a figure an app registers (core.figures), a figure
entered by hand for the year (ManualFigure, `manual.…`), or one of the year words below. It is
checked when the narrative is saved, so a typo is a form error for the person writing, never a
failed build at night.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kaohsiung_admin.core import formatting

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")
_BRACES = re.compile(r"\{\{|\}\}")

# Words every narrative may use, so that a copied definition speaks of its own year.
YEAR_WORDS = {
    "roc_year": lambda year: formatting.roc_year(year),
    "prev_roc_year": lambda year: formatting.roc_year(year) - 1,
    "next_roc_year": lambda year: formatting.roc_year(year) + 1,
}


def keys_in(text: str) -> list[str]:
    """The figure keys a text names, in order of first use (year words left out)."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER.finditer(text or ""):
        key = match.group(1)
        if key not in YEAR_WORDS:
            seen.setdefault(key, None)
    return list(seen)


def validate_text(text: str, known: set[str]) -> None:
    """Raise ValidationError naming each unknown placeholder (with a suggestion) or a broken brace."""
    text = text or ""
    stripped = PLACEHOLDER.sub("", text)
    if _BRACES.search(stripped):
        raise ValidationError(
            _("有未正確關閉的「{{」或「}}」：數字請寫成 {{ 代碼 }}，例如 {{ roc_year }}。"), code="broken_placeholder"
        )
    choices = sorted(known | set(YEAR_WORDS))
    unknown = [key for key in keys_in(text) if key not in known]
    if unknown:
        messages = []
        for key in unknown:
            close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
            if close:
                messages.append(
                    _("未知的數字代碼「%(key)s」（是否為「%(close)s」？）") % {"key": key, "close": close[0]}
                )
            else:
                messages.append(_("未知的數字代碼「%(key)s」") % {"key": key})
        raise ValidationError(messages, code="unknown_placeholder")


@dataclass(frozen=True)
class Value:
    """A figure's value as the report states it."""

    value: Decimal | None
    kind: str = "count"


def format_value(value, kind: str = "count") -> str:
    """Counts as 1,606 (decimals kept when there are some: 8,798.1), money as 2億 731萬 3,663元,
    rates (a fraction) as 90.7% or 45%."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if kind == "money":
        return formatting.report_money(number)
    if kind == "percent":
        percent = number * 100
        decimals = 0 if percent == percent.to_integral_value() else 1
        return formatting.report_percent(number, decimals)
    normalized = number.normalize()
    decimals = max(0, -normalized.as_tuple().exponent) if normalized != normalized.to_integral_value() else 0
    return formatting.report_number(number, decimals)


def render_paragraphs(text: str, year: int, values: dict[str, dict], *, link=None) -> list[SafeString]:
    """Escape a narrative and put the figures in: each line becomes a paragraph (returned as a list).

    `values` maps key → {"value", "kind", ...} as the build stores them; a missing value shows as
    a visible gap (【待填：…】) rather than a wrong number. `link(key)` may return an anchor for
    the figure (the companion page links each figure to its trace).
    """
    paragraphs = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = []
        last = 0
        for match in PLACEHOLDER.finditer(line):
            parts.append(escape(line[last : match.start()]))
            key = match.group(1)
            if key in YEAR_WORDS:
                parts.append(str(YEAR_WORDS[key](year)))
            else:
                figure = values.get(key)
                shown = format_value(figure.get("value"), figure.get("kind", "count")) if figure else ""
                if not shown:
                    label = figure.get("label", key) if figure else key
                    parts.append(f'<span class="missing">【待填：{escape(label)}】</span>')
                else:
                    href = link(key) if link else None
                    if href:
                        parts.append(f'<a class="figure" href="{escape(href)}">{escape(shown)}</a>')
                    else:
                        parts.append(f'<span class="figure">{escape(shown)}</span>')
            last = match.end()
        parts.append(escape(line[last:]))
        paragraphs.append("".join(parts).strip())
    return [mark_safe(paragraph) for paragraph in paragraphs]  # noqa: S308 — escaped above


def render_text(text: str, year: int, values: dict[str, dict], *, link=None) -> SafeString:
    """The narrative as <p> paragraphs with its figures in."""
    return mark_safe("".join(f"<p>{p}</p>" for p in render_paragraphs(text, year, values, link=link)))  # noqa: S308
