"""From a definition and its figures to HTML, and from HTML to PDF (WeasyPrint)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kaohsiung_admin.reports import charts, selectors
from kaohsiung_admin.reports.placeholders import format_value, render_paragraphs

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise


@dataclass
class RenderedRow:
    headings: list
    body: str
    depth: int
    starts_section: bool
    blocks: list = None  # [(depth, html)] when a heading-only item is carried into its first child's row


def block_html(number: str, title: str, text: str, year: int, figures: dict, *, link=None) -> str:
    """An item as paragraphs: the number hangs in front of the title (or of the first paragraph),
    and every later line aligns with the text after the number, as the seed sets them."""
    paragraphs = render_paragraphs(text, year, figures, link=link)
    title_html = " ".join(render_paragraphs(title, year, figures, link=link)) if title else ""
    number_html = f'<span class="no">{escape(number)}</span>' if number else ""
    html = []
    if title_html:
        html.append(f'<p class="title first">{number_html}{title_html}</p>')
        html.extend(f"<p>{p}</p>" for p in paragraphs)
    else:
        for index, paragraph in enumerate(paragraphs):
            html.append(f'<p class="first">{number_html}{paragraph}</p>' if index == 0 else f"<p>{paragraph}</p>")
        if not paragraphs and number_html:
            html.append(f'<p class="first">{number_html}</p>')
    return mark_safe("".join(html))  # noqa: S308 — parts escaped by render_paragraphs and here


def figure_table(figures: dict, *, site_url: str = "") -> list[dict]:
    """The appendix rows: each figure, its previous-year value and change, and where it comes from."""
    rows = []
    for key, entry in figures.items():
        change = selectors.change(entry)
        url = entry.get("records_url") or ""
        if url and site_url and url.startswith("/"):
            url = site_url.rstrip("/") + url
        rows.append(
            {
                "key": key,
                "anchor": "fig-" + key.replace(".", "-"),
                "label": entry.get("label", key),
                "unit": entry.get("unit", ""),
                "kind": entry.get("kind", "count"),
                "source": entry.get("source"),
                "value": format_value(entry.get("value"), entry.get("kind", "count")),
                "previous": format_value(entry.get("previous"), entry.get("kind", "count")),
                "difference": (
                    ("+" if change["difference"] > 0 else "")
                    + format_value(change["difference"], entry.get("kind", "count"))
                    if change
                    else ""
                ),
                "ratio": (
                    ("+" if change["ratio"] > 0 else "") + format_value(change["ratio"], "percent")
                    if change and change["ratio"] is not None
                    else ""
                ),
                "records_url": url,
                "entered_by": entry.get("entered_by", ""),
                "entered_at": entry.get("entered_at"),
                "note": entry.get("note", ""),
            }
        )
    return rows


def report_context(definition, figures: dict, series: dict, *, site_url: str = "", link_figures: bool = False) -> dict:
    outline = selectors.outline(definition)
    year = definition.year

    def link(key):
        return "#fig-" + key.replace(".", "-")

    rows = []
    carried: list = []  # title-only items with children: they travel with their first child
    headings: list = []
    for row in outline.rows:
        body = block_html(row.number, row.title, row.text, year, figures, link=link if link_figures else None)
        if row.has_children and not row.text.strip():
            carried.append((row.depth, body))
            headings = headings or row.headings
            continue
        rows.append(
            RenderedRow(
                headings=headings or row.headings,
                body=body,
                depth=row.depth,
                starts_section=row.starts_section or bool(headings),
                blocks=[*carried, (row.depth, body)],
            )
        )
        carried, headings = [], []
    return {
        "definition": definition,
        "title": definition.display_title,
        "roc_year": definition.roc_year,
        "previous_roc_year": definition.roc_year - 1,
        "rows": rows,
        "figure_rows": figure_table(figures, site_url=site_url),
        "charts": [charts.chart_for(key, entry) for key, entry in series.items() if entry.get("points")],
        "generated_at": timezone.localtime(),
        "site_url": site_url,
        # manual figures link to the page where they are entered, like records link to their list
        "figure_list_url": _figure_list_url(site_url, definition.roc_year),
    }


def _figure_list_url(site_url: str, roc_year: int) -> str:
    from django.urls import NoReverseMatch, reverse

    if not site_url:
        return ""
    try:
        return site_url.rstrip("/") + reverse("reports:figures", args=[roc_year])
    except NoReverseMatch:
        return ""


def render_html(definition, figures: dict, series: dict, *, site_url: str = "") -> str:
    """The report as one self-contained HTML document (the PDF's source, stored beside it)."""
    return render_to_string("reports/pdf/annual.html", report_context(definition, figures, series, site_url=site_url))


def render_pdf(html: str, *, base_url: str | None = None) -> tuple[bytes, int]:
    """WeasyPrint: HTML → (PDF bytes, number of pages)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url).render()
    return document.write_pdf(), len(document.pages)
