"""Validators for consumer protection records (the national ID and phone ones live in core)."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_TAX_ID_RE = re.compile(r"^\d{8}$")
_TAX_ID_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def is_valid_business_tax_id(value: str) -> bool:
    """統一編號 with its checksum.

    Each digit times its weight (1,2,1,2,1,2,4,1), the digits of each product summed; valid when
    the total is a multiple of 5 (財政部 rule since 2023, which keeps every number valid under the
    older multiple-of-10 rule). When the 7th digit is 7 its product 28 may count as 1 or 0.
    """
    if not _TAX_ID_RE.match(value or ""):
        return False
    total = 0
    for digit, weight in zip(value, _TAX_ID_WEIGHTS, strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    if total % 5 == 0:
        return True
    return value[6] == "7" and (total + 1) % 5 == 0


def validate_business_tax_id(value: str) -> None:
    if value and not is_valid_business_tax_id(value):
        raise ValidationError(_("統一編號應為 8 碼數字且檢查碼正確。"), code="invalid_tax_id")


def validate_not_future(value) -> None:
    """Dates of things that already happened (a complaint filed, a reply received)."""
    if value and value > timezone.localdate():
        raise ValidationError(_("日期不可晚於今天。"), code="future_date")
