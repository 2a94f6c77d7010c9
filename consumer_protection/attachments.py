"""What a complaint attachment may be: a type allow-list (PDF, images, office documents) and a
size limit, checked by name, by declared type and by the file's first bytes, so that a renamed
`.exe` is refused too. (kaohsiung_admin.core.uploads was not there when this was written; when it
lands, this module should delegate to it.)"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_BYTES = getattr(settings, "CONSUMER_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)

# extension → the file signatures (magic bytes) it may start with
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
ALLOWED: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".heic": (),  # ISO base media: checked below
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".ppt": _OLE,
}


def allowed_types_label() -> str:
    return "PDF、JPG、PNG、GIF、HEIC、Word、Excel、PowerPoint、ODF"


def validate_attachment(upload) -> None:
    """Raise ValidationError with a sentence the officer understands."""
    name = getattr(upload, "name", "") or ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _("不接受此檔案類型（%(name)s）；可上傳：%(types)s。") % {"name": name, "types": allowed_types_label()},
            code="file_type",
        )
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        raise ValidationError(
            _("檔案過大（%(size)s）；每個附件上限 %(limit)s。")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("檔案是空的。"), code="file_empty")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    signatures = ALLOWED[extension]
    ok = head[4:8] == b"ftyp" if extension == ".heic" else any(head.startswith(sig) for sig in signatures)
    if not ok:
        raise ValidationError(
            _("檔案內容與副檔名 %(ext)s 不符（%(name)s），請確認檔案。") % {"ext": extension, "name": name},
            code="file_content",
        )
