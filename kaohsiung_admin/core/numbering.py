"""Running numbers (流水號) per kind and year, unique and consecutive under concurrent callers.

    seq = next_number("consumer_protection.complaint", 2022)   # 1, 2, 3, …
    roc_number("{roc}消申字第{seq:05d}號", 2022, seq)            # 111消申字第00001號

Call it inside the transaction that saves the numbered record, so that a rolled-back save gives
its number back. `kind` is "<app>.<what>" so apps never share a sequence by accident.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from kaohsiung_admin.core.models import RunningNumber


def next_number(kind: str, year: int) -> int:
    """The next number of `kind` in `year` (Gregorian), starting at 1."""
    with transaction.atomic():
        counters = RunningNumber.objects.filter(kind=kind, year=year)
        if not counters.update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    RunningNumber.objects.create(kind=kind, year=year, last=1)
                return 1
            except IntegrityError:
                # A concurrent caller created the row first: take the next number after it.
                counters.update(last=F("last") + 1)
        return counters.values_list("last", flat=True).get()


def set_last_number(kind: str, year: int, last: int) -> None:
    """Make the next number `last + 1` (demo data and imports of an existing register)."""
    RunningNumber.objects.update_or_create(kind=kind, year=year, defaults={"last": last})


def roc_number(template: str, year: int, seq: int) -> str:
    """Format a number with the ROC year: `{roc}` is year − 1911, `{year}` the Gregorian year."""
    return template.format(roc=year - 1911, year=year, seq=seq)
