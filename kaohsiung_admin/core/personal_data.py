"""Personal data (個人資料保護法): national ID validation, masking, and logging full views.

Every page, export and API response shows these values through `mask_*` unless the viewer's
role may see them in full, and every full view goes through `log_full_view` (Art. 18: the agency
keeps usage records).
"""

from __future__ import annotations

import logging
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("personal_data")

# Letter → two-digit code, as the Ministry of the Interior numbers the issuing areas.
_LETTER_CODES = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))
_NATIONAL_ID_RE = re.compile(r"^[A-Z][12890]\d{8}$")
_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)


def is_valid_national_id(value: str) -> bool:
    """National ID (身分證統一編號) or new-style resident certificate number, with checksum.

    One letter, then 1/2 (citizens) or 8/9 (resident certificates since 2021), then 8 digits;
    the weighted sum of the letter's code digits and the nine digits is a multiple of 10.
    """
    value = (value or "").strip().upper()
    if not _NATIONAL_ID_RE.match(value):
        return False
    code = _LETTER_CODES[value[0]]
    digits = [code // 10, code % 10, *(int(c) for c in value[1:])]
    return sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 10 == 0


def validate_national_id(value: str) -> None:
    if not is_valid_national_id(value):
        raise ValidationError(_("身分證統一編號格式或檢查碼不正確（例：A123456789）。"), code="invalid_national_id")


_PHONE_RE = re.compile(r"^(?:09\d{8}|0\d{1,3}-?\d{5,8}(?:#\d{1,6})?)$")


def validate_phone(value: str) -> None:
    """Taiwan mobile (09xxxxxxxx) or landline with area code (07-1234567, 0212345678)."""
    if not _PHONE_RE.match((value or "").replace(" ", "")):
        raise ValidationError(_("電話格式不正確（例：0912345678 或 07-3368333）。"), code="invalid_phone")


def mask_national_id(value: str | None) -> str:
    """E123456789 → E12****789 (four characters hidden, as DOMAIN.md asks at least)."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return f"{value[:3]}****{value[7:]}"


def mask_phone(value: str | None) -> str:
    """0912345678 → 0912***678, 07-3368333 → 07****333: the last three and the mobile prefix
    or area code stay, at least three digits are hidden."""
    if not value:
        return ""
    digits = value.split("#")[0].replace("-", "").replace(" ", "")
    if len(digits) <= 6:
        return "*" * len(digits)
    head = 4 if len(digits) >= 10 else 2
    return f"{digits[:head]}{'*' * (len(digits) - head - 3)}{digits[-3:]}"


def mask_address(value: str | None) -> str:
    """Keep the city and district, hide the rest: 高雄市苓雅區四維三路2號 → 高雄市苓雅區****."""
    if not value:
        return ""
    match = re.match(r"^(.{2,3}[市縣].{1,3}?[區鄉鎮市])", value)
    head = match.group(1) if match else value[:3]
    return f"{head}****"


def log_full_view(*, user, record, fields: list[str] | tuple[str, ...], reason: str = "", channel: str = "web"):
    """Record that `user` saw `fields` of `record` in full."""
    from kaohsiung_admin.core.models import PersonalDataAccess

    entry = PersonalDataAccess.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        record_label=str(record)[:200],
        fields=",".join(fields)[:200],
        reason=reason[:200],
        channel=channel,
    )
    logger.info("full view user=%s record=%s:%s fields=%s", user.pk, entry.content_type_id, record.pk, entry.fields)
    return entry
