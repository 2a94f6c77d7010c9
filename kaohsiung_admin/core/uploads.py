"""Uploaded files: a type allow-list checked by extension AND by content, and a size limit.

One validator for every upload of the site, so that a 20 MB `.exe` renamed `.pdf` is refused the
same way everywhere with a zh-Hant error the user understands:

    file = models.FileField(..., validators=[UploadValidator()])          # model (forms + API)
    file = UploadField(label=_("檔案"))                                   # plain form
    file = UploadSerializerField()                                        # plain serializer

`kinds` narrows the allow-list (`("image",)` for a photo, `("csv", "xlsx")` for an import). The
size limit comes from settings.UPLOAD_MAX_BYTES unless a `max_bytes` is given; it is read when a
file is checked, so migrations never freeze it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

SNIFF_BYTES = 8192
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    signature: str  # name of the content test below


# Office documents are recognised by their container: OOXML and ODF are zip files with a
# known member, the older Word/Excel/PowerPoint formats are OLE compound files.
TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", (".pdf",), "pdf"),
    "png": FileType("PNG", (".png",), "png"),
    "jpeg": FileType("JPEG", (".jpg", ".jpeg"), "jpeg"),
    "gif": FileType("GIF", (".gif",), "gif"),
    "webp": FileType("WebP", (".webp",), "webp"),
    "heic": FileType("HEIC", (".heic", ".heif"), "heic"),
    "docx": FileType("Word", (".docx",), "ooxml"),
    "xlsx": FileType("Excel", (".xlsx",), "ooxml"),
    "pptx": FileType("PowerPoint", (".pptx",), "ooxml"),
    "ole": FileType("Office 97-2003", (".doc", ".xls", ".ppt"), "ole"),
    "odf": FileType("ODF", (".odt", ".ods", ".odp"), "odf"),
    "csv": FileType("CSV", (".csv",), "text"),
}
KINDS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "image": ("png", "jpeg", "gif", "webp", "heic"),
    "office": ("docx", "xlsx", "pptx", "ole", "odf"),
    "csv": ("csv",),
    "xlsx": ("xlsx",),
}
DEFAULT_KINDS = ("pdf", "image", "office")


def _is_zip_with(head: bytes, file, member: str) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        file.seek(0)
        data = file.read()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if member == "mimetype":
                return "mimetype" in names and archive.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument"
                )
            return member in names
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _matches(signature: str, head: bytes, file) -> bool:
    if signature == "pdf":
        return head.lstrip(b"\r\n\t ")[:5] == b"%PDF-"
    if signature == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if signature == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if signature == "gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if signature == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if signature == "heic":
        return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc")
    if signature == "ole":
        return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if signature == "ooxml":
        return _is_zip_with(head, file, "[Content_Types].xml")
    if signature == "odf":
        return _is_zip_with(head, file, "mimetype")
    if signature == "text":
        if b"\x00" in head:
            return False
        for encoding in ("utf-8-sig", "cp950", "big5"):
            try:
                head.decode(encoding)
                return True
            except UnicodeDecodeError:
                # A multi-byte character cut at the end of the sniffed block is not an error.
                try:
                    head[:-3].decode(encoding)
                    return True
                except UnicodeDecodeError:
                    continue
        return False
    return False


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


@deconstructible
class UploadValidator:
    """Refuse a file whose extension is not allowed, whose content is not what its extension
    says, or which is larger than the limit."""

    def __init__(self, kinds: tuple[str, ...] | list[str] = DEFAULT_KINDS, max_bytes: int | None = None):
        unknown = [kind for kind in kinds if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown upload kinds: {unknown}")
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)

    def __hash__(self):
        return hash((self.kinds, self.max_bytes))

    @property
    def types(self) -> list[FileType]:
        return [TYPES[name] for kind in self.kinds for name in KINDS[kind]]

    @property
    def extensions(self) -> list[str]:
        return [ext for file_type in self.types for ext in file_type.extensions]

    def allowed_text(self) -> str:
        return "、".join(ext.lstrip(".").upper() for ext in self.extensions)

    def __call__(self, file) -> None:
        if file is None:
            return
        limit = self.max_bytes or max_upload_bytes()
        size = getattr(file, "size", None)
        if size is not None and size > limit:
            raise ValidationError(
                _("檔案不可超過 %(limit)s（此檔 %(size)s）。"),
                code="file_too_large",
                params={"limit": _human(limit), "size": _human(size)},
            )
        name = (getattr(file, "name", "") or "").lower()
        candidates = [t for t in self.types if name.endswith(t.extensions)]
        if not candidates:
            raise ValidationError(
                _("不接受此類檔案，請上傳下列格式之一：%(allowed)s。"),
                code="file_type",
                params={"allowed": self.allowed_text()},
            )
        position = file.tell() if hasattr(file, "tell") else 0
        try:
            file.seek(0)
            head = file.read(SNIFF_BYTES) or b""
            if isinstance(head, str):
                head = head.encode()
            ok = any(_matches(t.signature, head, file) for t in candidates)
        finally:
            file.seek(position)
        if not ok:
            raise ValidationError(
                _("檔案內容與副檔名（%(extension)s）不符，請確認檔案未損毀或改名。"),
                code="file_content",
                params={"extension": name.rsplit(".", 1)[-1].upper()},
            )

    def accept(self) -> str:
        """For the widget's accept attribute (a hint only: the check above is what counts)."""
        return ",".join(self.extensions)


def _describe(validator: UploadValidator, max_bytes: int | None) -> str:
    return _("接受 %(allowed)s，最大 %(limit)s。") % {
        "allowed": validator.allowed_text(),
        "limit": _human(max_bytes or max_upload_bytes()),
    }


_help_text = lazy(_describe, str)


class UploadField(forms.FileField):
    def __init__(self, *args, kinds=DEFAULT_KINDS, max_bytes=None, **kwargs):
        validator = UploadValidator(kinds, max_bytes)
        kwargs.setdefault("validators", [])
        kwargs["validators"] = [*kwargs["validators"], validator]
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": validator.accept()}))
        kwargs.setdefault("help_text", _help_text(validator, max_bytes))
        super().__init__(*args, **kwargs)


class UploadSerializerField(serializers.FileField):
    def __init__(self, *args, kinds=DEFAULT_KINDS, max_bytes=None, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", []), UploadValidator(kinds, max_bytes)]
        super().__init__(*args, **kwargs)
