"""Uploads: allow-list by extension and content, size limit from settings, zh-Hant errors."""

import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework import serializers

from kaohsiung_admin.core.uploads import UploadField, UploadSerializerField, UploadValidator

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    return buffer.getvalue()


def _code(name, content, **kwargs):
    try:
        UploadValidator(**kwargs)(SimpleUploadedFile(name, content))
    except ValidationError as error:
        return error.code
    return None


@pytest.mark.parametrize(
    "name, content",
    [("公文.pdf", PDF), ("照片.PNG", PNG), ("a.jpg", JPEG), ("a.jpeg", JPEG), ("會議紀錄.docx", _docx())],
)
def test_allowed_types_pass(name, content):
    assert _code(name, content) is None


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("setup.exe", EXE, "file_type"),
        ("setup.pdf", EXE, "file_content"),  # renamed executable
        ("photo.png", PDF, "file_content"),
        ("report.docx", _plain_zip(), "file_content"),  # a zip that is no Word document
        ("noextension", PDF, "file_type"),
        ("script.html", b"<script>", "file_type"),
    ],
)
def test_wrong_type_or_content_refused(name, content, code):
    assert _code(name, content) == code


def test_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    assert _code("big.pdf", PDF + b"0" * 2048) == "file_too_large"
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    assert _code("big.pdf", PDF + b"0" * 2048) is None


def test_twenty_megabyte_exe_refused_with_a_zh_hant_message():
    with pytest.raises(ValidationError) as raised:
        UploadValidator()(SimpleUploadedFile("tool.exe", EXE + b"\x00" * (20 * 1024 * 1024)))
    assert "檔案不可超過" in raised.value.messages[0]


def test_kinds_narrow_the_list():
    assert _code("a.pdf", PDF, kinds=("image",)) == "file_type"
    assert _code("list.csv", "編號,名稱\n1,桌子\n".encode(), kinds=("csv", "xlsx")) is None
    assert _code("list.csv", EXE, kinds=("csv",)) == "file_content"


def test_form_field_gives_a_form_error():
    class Form(forms.Form):
        file = UploadField(label="檔案")

    form = Form(files={"file": SimpleUploadedFile("tool.pdf", EXE)})
    assert not form.is_valid()
    assert "檔案內容與副檔名（PDF）不符" in form.errors["file"][0]
    assert "PDF" in str(Form().fields["file"].help_text)
    ok = Form(files={"file": SimpleUploadedFile("ok.pdf", PDF)})
    assert ok.is_valid()
    assert ok.cleaned_data["file"].read() == PDF  # the sniffing leaves the file at its start


def test_serializer_field_gives_a_field_error():
    class Serializer(serializers.Serializer):
        file = UploadSerializerField()

    serializer = Serializer(data={"file": SimpleUploadedFile("tool.exe", EXE)})
    assert not serializer.is_valid()
    assert "不接受此類檔案" in str(serializer.errors["file"][0])


def test_validator_deconstructs_for_migrations():
    path, args, kwargs = UploadValidator(("image",)).deconstruct()
    assert path == "kaohsiung_admin.core.uploads.UploadValidator"
    assert UploadValidator(*args, **kwargs) == UploadValidator(("image",))
