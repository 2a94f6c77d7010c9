"""CSV and XLSX of any filtered list: the same rows the page shows, every page of them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

EXPORT_LIMIT = 100_000


class _Echo:
    def write(self, value):
        return value


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None and value.tzinfo is not None:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value if isinstance(value, (int, float)) else str(value)


def export_response(
    *, rows: Iterable, columns: list[tuple[str, Callable]], filename: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """`columns` are (heading, row → value); `fmt` is "csv" or "xlsx"."""
    headings = [str(heading) for heading, _get in columns]

    def values(row):
        return [_plain(get(row)) for _heading, get in columns]

    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(headings)
        for row in rows:
            sheet.append(values(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response

    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # Excel reads UTF-8 Chinese only with the BOM
        yield writer.writerow(headings)
        for row in rows:
            yield writer.writerow(values(row))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
