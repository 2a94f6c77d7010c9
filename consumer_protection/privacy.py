"""Who sees a complainant's full personal data, masking for everyone else, and the usage log.

Full values are shown only to holders of `consumer_protection.unmask_personal_data` (officers)
and to API tokens issued with `--personal-data`; every full view is logged (個人資料保護法第18條;
core.personal_data.log_full_view). Everybody else, managers included, sees masked values.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from kaohsiung_admin.core.models import PersonalDataAccess
from kaohsiung_admin.core.personal_data import logger, mask_address, mask_national_id, mask_phone

UNMASK_PERMISSION = "consumer_protection.unmask_personal_data"


def mask_email(value: str | None) -> str:
    """someone@example.com → s***@example.com"""
    if not value:
        return ""
    local, _at, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


# Field → mask, for each model holding a consumer's personal data.
COMPLAINT_FIELDS = {
    "complainant_national_id": mask_national_id,
    "complainant_phone": mask_phone,
    "complainant_address": mask_address,
    "complainant_email": mask_email,
}
CONSULTATION_FIELDS = {"consumer_phone": mask_phone}
# The columns a list shows (address and e-mail are on the case page only).
COMPLAINT_LIST_FIELDS = {k: COMPLAINT_FIELDS[k] for k in ("complainant_national_id", "complainant_phone")}


def user_may_unmask(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(UNMASK_PERMISSION))


def request_may_unmask(request) -> bool:
    """An API token decides by its own grant; a signed-in user by the permission."""
    token = getattr(request, "auth", None)
    if token is not None and hasattr(token, "personal_data"):
        return bool(token.personal_data)
    return user_may_unmask(getattr(request, "user", None))


def masked_values(record, fields: dict) -> dict[str, str]:
    return {name: mask(getattr(record, name)) for name, mask in fields.items()}


def log_full_views(*, user, records: Iterable, fields: Iterable[str], reason: str = "", channel: str = "web") -> int:
    """log_full_view for many records at once (a page of the API, an export): one INSERT."""
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
