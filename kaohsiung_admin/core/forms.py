"""Form input the way the pages write it.

Dates: every date field and filter accepts the ROC calendar as the pages show it (111/03/01,
111-3-1, 111.03.01, 1110301, 民國111年3月1日, 111年3月1日) besides the Gregorian forms
(2022-03-01, 2022/03/01). `install_roc_dates()` teaches Django's DateField and DateTimeField
once (core.filters and the URL conf call it), so every ModelForm, form and django-filter
DateFilter of every app gets it without change.
"""

from __future__ import annotations

import datetime
import re

from django import forms

from kaohsiung_admin.core.formatting import ROC_EPOCH

_ROC = re.compile(
    r"^\s*(?:民國)?\s*(?P<y>\d{1,3})\s*(?:[/\-.]|年)\s*(?P<m>\d{1,2})\s*(?:[/\-.]|月)\s*(?P<d>\d{1,2})\s*日?\s*$"
)
_ROC_COMPACT = re.compile(r"^\s*(?P<y>\d{2,3})(?P<m>\d{2})(?P<d>\d{2})\s*$")
_GREGORIAN_CJK = re.compile(r"^\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?\s*$")


def parse_roc_date(value: str) -> datetime.date | None:
    """民國111年3月1日 / 111/03/01 / 1110301 → date(2022, 3, 1); None when it is not a ROC date
    (or not a real day). 2022年3月1日 is read as Gregorian."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("／", "/").replace("－", "-").replace("．", ".")
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    for pattern, offset in ((_ROC, ROC_EPOCH), (_ROC_COMPACT, ROC_EPOCH), (_GREGORIAN_CJK, 0)):
        match = pattern.match(text)
        if match:
            year = int(match["y"])
            if offset and year < 1:
                return None
            try:
                return datetime.date(year + offset, int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def _split_datetime(value: str) -> tuple[str, str]:
    text = value.strip()
    for sep in ("T", " "):
        if sep in text:
            head, _, tail = text.rpartition(sep) if sep == " " else text.partition(sep)
            return head, tail
    return text, ""


def _date_to_python(original):
    def to_python(self, value):
        if isinstance(value, str):
            day = parse_roc_date(value)
            if day is not None:
                return day
        return original(self, value)

    to_python._roc = True
    return to_python


def _datetime_to_python(original):
    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            head, tail = _split_datetime(value)
            day = parse_roc_date(head)
            if day is not None:
                try:
                    moment = datetime.time.fromisoformat(tail.strip()) if tail.strip() else datetime.time()
                except ValueError:
                    moment = None
                if moment is not None:
                    value = datetime.datetime.combine(day, moment).isoformat(sep=" ")
        return original(self, value)

    to_python._roc = True
    return to_python


def install_roc_dates() -> None:
    """Idempotent: teach forms.DateField / DateTimeField the ROC forms once."""
    if not getattr(forms.DateField.to_python, "_roc", False):
        forms.DateField.to_python = _date_to_python(forms.DateField.to_python)
    if not getattr(forms.DateTimeField.to_python, "_roc", False):
        forms.DateTimeField.to_python = _datetime_to_python(forms.DateTimeField.to_python)


class RocDateInput(forms.DateInput):
    """A text input that shows a date the ROC way (111/03/01) and says what it accepts; for forms
    that want ROC typing rather than the browser's date picker."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "111/03/01", "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            from kaohsiung_admin.core.formatting import roc_date

            return roc_date(value, long=False)
        return super().format_value(value)
