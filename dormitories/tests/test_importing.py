"""Importing an existing asset register: all rows or none, each error named by row."""

import datetime
import io

import pytest
from openpyxl import Workbook

from dormitories.importing import import_assets
from dormitories.models import Asset, AssetEvent
from kaohsiung_admin.core.numbering import next_number

pytestmark = pytest.mark.django_db

HEADER = ["分類編號", "物品序號", "名稱", "取得日期", "取得成本", "使用年限", "存置地點代碼", "保管人", "憑單編號"]


def _csv(rows):
    text = ",".join(HEADER) + "\n" + "\n".join(",".join(map(str, r)) for r in rows) + "\n"
    upload = io.BytesIO(("\ufeff" + text).encode())
    return upload


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


GOOD = [
    ["6010101", "", "個人電腦", "2022-03-01", "32000", "", "SW-4F", "王小明", "111增字第0001號"],
    ["6010101", "120", "伺服器", "111/04/15", "180000", "6", "SW-4F", "王小明", "111增字第0002號"],
]


def test_a_good_csv_is_imported_whole(category, location, dormitory_clerk):
    result = import_assets(upload=_csv(GOOD), filename="register.csv", by=dormitory_clerk)
    assert result.ok and result.created == 2
    server = Asset.objects.get(number="6010101-0000120")
    assert server.acquired_on == datetime.date(2022, 4, 15) and server.life_years == 6 and server.kind == "property"
    assert Asset.objects.get(name="個人電腦").life_years == 4  # the category's minimum
    assert AssetEvent.objects.filter(kind="add").count() == 2
    assert next_number("dormitories.asset.6010101", 0) == 121  # the counter moved past the file


def test_one_bad_row_saves_nothing_and_every_error_names_its_row(category, location, dormitory_clerk):
    rows = [
        *GOOD,
        ["9999999", "", "印表機", "2022-13-01", "-5", "", "NOWHERE", "", ""],
        ["6010101", "120", "重複", "2022-01-01", "1000", "", "SW-4F", "", "V"],
    ]
    result = import_assets(upload=_xlsx(rows), filename="register.xlsx", by=dormitory_clerk)
    assert not result.ok
    by_row = {}
    for row, message in result.errors:
        by_row.setdefault(row, []).append(message)
    assert set(by_row) == {4, 5}
    assert any("憑單編號" in m for m in by_row[4])
    assert any("重複" in m for m in by_row[5])
    assert not Asset.objects.exists() and not AssetEvent.objects.exists()


def test_row_errors_cover_every_column(category, location, dormitory_clerk):
    rows = [["9999999", "x", "印表機", "2022-13-01", "abc", "0", "NOWHERE", "", "V"]]
    result = import_assets(upload=_csv(rows), filename="r.csv", by=dormitory_clerk)
    text = " ".join(m for _row, m in result.errors)
    for expected in ("分類編號", "存置地點代碼", "取得日期", "取得成本", "使用年限", "物品序號"):
        assert expected in text
    assert {row for row, _m in result.errors} == {2}


def test_numbers_already_on_the_register_are_refused(add_asset, dormitory_clerk):
    existing = add_asset()
    rows = [["6010101", str(existing.serial), "個人電腦", "2022-03-01", "32000", "", "SW-4F", "", "V"]]
    result = import_assets(upload=_csv(rows), filename="r.csv", by=dormitory_clerk)
    assert result.errors == [(2, f"財產編號「{existing.number}」已在財產帳上。")]
    assert Asset.objects.count() == 1


def test_unreadable_files_and_missing_columns_are_explained(category, location, dormitory_clerk):
    assert (
        "缺少欄位"
        in import_assets(upload=io.BytesIO("名稱\n電腦\n".encode()), filename="r.csv", by=dormitory_clerk).errors[0][1]
    )
    assert (
        "無法讀取" in import_assets(upload=io.BytesIO(b"\x00\xff"), filename="r.xlsx", by=dormitory_clerk).errors[0][1]
    )
    assert "CSV 或 XLSX" in import_assets(upload=io.BytesIO(b""), filename="r.pdf", by=dormitory_clerk).errors[0][1]
