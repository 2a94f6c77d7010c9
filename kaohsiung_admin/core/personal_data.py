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


# Checked on the digits as people type them: dashes and spaces anywhere (0912-345-678, 07 336 8333).
_PHONE_RE = re.compile(r"^(?:09\d{8}|0[1-8]\d{5,10}(?:#\d{1,6})?)$")


def validate_phone(value: str) -> None:
    """Taiwan mobile (09xxxxxxxx) or landline with area code (07-1234567, 0212345678), with dashes
    and spaces wherever the person put them."""
    if not _PHONE_RE.match(re.sub(r"[\s-]", "", value or "")):
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


def mask_email(value: str | None) -> str:
    """someone@example.com → s***@example.com"""
    if not value:
        return ""
    local, _at, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_name(value: str | None) -> str:
    """A private person's name: 王小明 → 王○明, 李四 → 李○, Jane Doe → J*** D**."""
    if not value:
        return ""
    value = value.strip()
    if value.isascii():
        return " ".join(f"{part[:1]}{'*' * (len(part) - 1)}" for part in value.split())
    if len(value) <= 2:
        return f"{value[:1]}○"
    return f"{value[:1]}{'○' * (len(value) - 2)}{value[-1:]}"


# --- the declaration per model -----------------------------------------------------------------
#
# A model holding personal data declares which fields are personal and the permission that lets
# a user see them in full:
#
#     class Occupancy(TrackedModel):
#         personal_fields = {"occupant_national_id": mask_national_id, "occupant_phone": mask_phone}
#         unmask_permission = "dormitories.unmask_personal_data"
#
# and lists the permission in Meta.permissions. Pages, exports, the API and the admin read the
# declaration through the helpers below.


def personal_fields(model_or_record) -> dict:
    return dict(getattr(model_or_record, "personal_fields", {}) or {})


def user_may_unmask(user, permission: str) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(permission))


def request_may_unmask(request, permission: str) -> bool:
    """An API token decides by its own grant (`issue_api_token --personal-data`); a signed-in user
    by the permission."""
    token = getattr(request, "auth", None)
    if token is not None and hasattr(token, "personal_data"):
        return bool(token.personal_data)
    return user_may_unmask(getattr(request, "user", None), permission)


def masked_values(record, fields: dict | None = None) -> dict[str, str]:
    """{field: masked value} for the record's personal fields (or the `fields` given)."""
    fields = personal_fields(record) if fields is None else fields
    return {name: mask(getattr(record, name)) for name, mask in fields.items()}


def log_full_views(*, user, records, fields, reason: str = "", channel: str = "web") -> int:
    """log_full_view for many records at once (a page of the API, an export): one INSERT."""
    from kaohsiung_admin.core.models import PersonalDataAccess

    records = list(records)
    if not records:
        return 0
    content_type = ContentType.objects.get_for_model(records[0])
    field_list = ",".join(fields)[:200]
    entries = [
        PersonalDataAccess(
            user=user,
            content_type=content_type,
            object_id=str(record.pk),
            record_label=str(record)[:200],
            fields=field_list,
            reason=reason[:200],
            channel=channel,
        )
        for record in records
    ]
    PersonalDataAccess.objects.bulk_create(entries, batch_size=1000)
    logger.info(
        "full view user=%s records=%s:%d fields=%s channel=%s",
        user.pk,
        content_type.pk,
        len(entries),
        field_list,
        channel,
    )
    return len(entries)
