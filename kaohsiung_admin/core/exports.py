"""CSV and XLSX of any filtered list: one column type, one row limit, one date format, masks.

    COLUMNS = [
        Column(_("案號"), "case_number"),
        Column(_("申訴日期"), "first_filed_on"),                       # dates → 2022-03-24
        Column(_("申訴人電話"), "complainant_phone", mask=mask_phone),  # personal: masked unless full
        Column(_("承辦人"), lambda c: c.officer or ""),
    ]
    return export_response(rows=queryset, columns=COLUMNS, filename="complaints", fmt="csv")

`value` is an attribute path ("officer.display_name"), or a callable taking the row. Choice fields
show their label. A column with `mask` holds personal data: masked unless `full=True`, and a
full export must be logged by the caller (`personal_data.log_full_views`) with its reason.

Dates are written in ISO 8601 (2022-03-24, and 2022-03-24 09:00 in Taipei time for a date and
time) in every export: spreadsheets read them as dates and sort them, and the other bureaus'
systems parse them without knowing the ROC calendar (pages show ROC dates; exports are data).

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) are neutralised with a leading apostrophe (OWASP "CSV injection"), in CSV and in XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

# Bigger exports are refused with a message: narrow the filters instead (a year, a category).
EXPORT_MAX_ROWS = 100_000
FORMATS = ("csv", "xlsx")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    label: str
    value: str | Callable
    mask: Callable[[str | None], str] | None = None

    @property
    def personal(self) -> bool:
        return self.mask is not None

    def raw(self, row):
        if callable(self.value):
            return self.value(row)
        target = row
        for part in self.value.split("."):
            if target is None:
                return None
            display = getattr(target, f"get_{part}_display", None)
            target = display() if callable(display) else getattr(target, part)
        return target

    def cell(self, row, *, full: bool):
        value = self.raw(row)
        if self.mask is not None and not full:
            value = self.mask(value)
        return plain(value)


def neutralise(value: str) -> str:
    """A text cell never starts a formula."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def plain(value):
    """A value as a spreadsheet cell: datetimes in Taipei time, dates in ISO 8601, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (int, float)):
        return value
    return neutralise(str(value))


class _Echo:
    def write(self, value):
        return value


def too_large_response() -> HttpResponse:
    return HttpResponse(
        _("匯出筆數超過 %(max)s 筆，請縮小篩選範圍。") % {"max": f"{EXPORT_MAX_ROWS:,}"},
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def export_response(
    *,
    rows: Iterable,
    columns: list[Column],
    filename: str,
    fmt: str,
    full: bool = False,
    sheet_title: str | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """The whole list as `fmt` ("csv" streams; "xlsx" is built in memory), at most
    EXPORT_MAX_ROWS rows (a 400 with a message beyond). `rows` may be a queryset."""
    if hasattr(rows, "query"):
        if rows[EXPORT_MAX_ROWS : EXPORT_MAX_ROWS + 1].exists():
            return too_large_response()
        rows = rows.iterator(chunk_size=2000)
    headings = [str(column.label) for column in columns]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")

    def values(row):
        return [column.cell(row, full=full) for column in columns]

    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(sheet_title or filename)[:31])
        sheet.append(headings)
        for row in rows:
            sheet.append(values(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    else:
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"  # Excel reads UTF-8 Chinese only with the BOM
            yield writer.writerow(headings)
            for row in rows:
                yield writer.writerow(values(row))

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    if full:
        response["Cache-Control"] = "no-store"
    return response
