"""Import an existing asset register from CSV or XLSX: every row is checked first, and nothing
is saved unless every row is good (one transaction); the errors name the row and the column.

Columns (header row, zh-Hant as the Bureau's spreadsheets have them; English names also work):
分類編號 category, 物品序號 serial (optional: next number when empty), 名稱 name, 廠牌型式 spec,
取得日期 acquired_on (2022-03-01, 111/03/01 or 111.03.01), 取得成本 cost, 使用年限 life_years
(optional: the category's minimum), 存置地點代碼 location, 保管人 custodian, 保管單位 custodian_unit,
憑單編號 voucher_number.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dormitories import rules
from dormitories.choices import AssetEventKind
from dormitories.models import Asset, AssetCategory, AssetEvent, AssetLocation
from dormitories.services import asset_number
from kaohsiung_admin.core.numbering import next_number, set_last_number

MAX_ROWS = 20_000

HEADERS = {
    "分類編號": "category",
    "物品序號": "serial",
    "名稱": "name",
    "廠牌型式": "spec",
    "取得日期": "acquired_on",
    "取得成本": "cost",
    "使用年限": "life_years",
    "存置地點代碼": "location",
    "保管人": "custodian",
    "保管單位": "custodian_unit",
    "憑單編號": "voucher_number",
}
REQUIRED = ["category", "name", "acquired_on", "cost", "location", "voucher_number"]
LABELS = {v: k for k, v in HEADERS.items()}


@dataclass
class ImportResult:
    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _rows(upload, filename: str) -> list[dict]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(upload, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    elif name.endswith(".csv"):
        raw = upload.read()
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        values = list(csv.reader(io.StringIO(text)))
    else:
        raise ValueError(_("請上傳 CSV 或 XLSX 檔。"))
    if not values:
        raise ValueError(_("檔案是空的。"))
    header = [str(cell or "").strip() for cell in values[0]]
    keys = [HEADERS.get(h, h if h in HEADERS.values() else None) for h in header]
    missing = [LABELS[k] for k in REQUIRED if k not in keys]
    if missing:
        raise ValueError(_("缺少欄位：%(cols)s。") % {"cols": "、".join(missing)})
    rows = []
    for line in values[1:]:
        if not any(str(cell or "").strip() for cell in line):
            continue
        rows.append({key: line[i] if i < len(line) else None for i, key in enumerate(keys) if key})
    if len(rows) > MAX_ROWS:
        raise ValueError(_("一次最多匯入 %(n)s 筆。") % {"n": f"{MAX_ROWS:,}"})
    return rows


_ROC_DATE = re.compile(r"^(\d{2,3})[/.\-](\d{1,2})[/.\-](\d{1,2})$")


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    match = _ROC_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return datetime.date(year + 1911, month, day)
    return datetime.date.fromisoformat(text)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_assets(*, upload, filename: str, by) -> ImportResult:
    """Check every row; save all of them, or none."""
    result = ImportResult()
    try:
        rows = _rows(upload, filename)
    except ValueError as exc:
        result.errors.append((0, str(exc)))
        return result
    except Exception:  # a corrupt workbook or an undecodable file: the user reads one sentence
        result.errors.append((0, _("無法讀取檔案，請確認為 UTF-8 編碼的 CSV 或 Excel 活頁簿（.xlsx）。")))
        return result
    if not rows:
        result.errors.append((0, _("檔案中沒有資料列。")))
        return result
    categories = {c.code: c for c in AssetCategory.objects.all()}
    locations = {loc.code: loc for loc in AssetLocation.objects.all()}
    numbers_seen: set[str] = set()
    planned = []
    for index, row in enumerate(rows, start=2):  # row 1 is the header
        errors = []
        for key in REQUIRED:
            if not _text(row.get(key)):
                errors.append(_("「%(col)s」未填。") % {"col": LABELS[key]})
        if errors:
            result.errors.extend((index, e) for e in errors)
            continue
        category = categories.get(_text(row["category"]))
        if category is None:
            errors.append(_("分類編號「%(v)s」不存在。") % {"v": _text(row["category"])})
        location = locations.get(_text(row["location"]))
        if location is None:
            errors.append(_("存置地點代碼「%(v)s」不存在。") % {"v": _text(row["location"])})
        try:
            acquired_on = parse_date(row["acquired_on"])
            if not 1950 <= acquired_on.year <= 2100:
                raise ValueError
        except (ValueError, TypeError):
            acquired_on = None
            errors.append(
                _("取得日期「%(v)s」格式不正確（例：2022-03-01 或 111/03/01）。") % {"v": _text(row["acquired_on"])}
            )
        try:
            cost = Decimal(_text(row["cost"]).replace(",", ""))
            if cost < 0 or cost != cost.to_integral_value() or cost >= Decimal(10) ** 12:
                raise InvalidOperation
        except InvalidOperation:
            cost = None
            errors.append(_("取得成本「%(v)s」須為不小於0的整數。") % {"v": _text(row["cost"])})
        life_years = None
        if _text(row.get("life_years")):
            try:
                life_years = int(Decimal(_text(row["life_years"])))
                if not 1 <= life_years <= 100:
                    raise ValueError
            except (ValueError, InvalidOperation):
                errors.append(_("使用年限「%(v)s」須為1至100的整數。") % {"v": _text(row["life_years"])})
        serial = None
        if _text(row.get("serial")):
            try:
                serial = int(Decimal(_text(row["serial"])))
                if not 1 <= serial <= 9_999_999:
                    raise ValueError
            except (ValueError, InvalidOperation):
                errors.append(_("物品序號「%(v)s」須為1至9999999的整數。") % {"v": _text(row["serial"])})
        name = _text(row["name"])
        if len(name) > 80:
            errors.append(_("名稱超過80字。"))
        if category is not None and serial is not None:
            number = asset_number(category, serial)
            if number in numbers_seen:
                errors.append(_("財產編號「%(n)s」在檔案中重複。") % {"n": number})
            numbers_seen.add(number)
        if errors:
            result.errors.extend((index, e) for e in errors)
            continue
        planned.append(
            {
                "category": category,
                "serial": serial,
                "name": name,
                "spec": _text(row.get("spec"))[:120],
                "acquired_on": acquired_on,
                "cost": cost,
                "life_years": life_years or category.min_life_years,
                "location": location,
                "custodian": _text(row.get("custodian"))[:40],
                "custodian_unit": _text(row.get("custodian_unit"))[:40],
                "voucher_number": _text(row["voucher_number"])[:30],
                "row": index,
            }
        )
    # Numbers already on the register (one query for the whole file).
    given = {asset_number(p["category"], p["serial"]): p["row"] for p in planned if p["serial"] is not None}
    for number in Asset.objects.filter(number__in=list(given)).values_list("number", flat=True):
        result.errors.append((given[number], _("財產編號「%(n)s」已在財產帳上。") % {"n": number}))
    if result.errors:
        result.errors.sort()
        return result
    with transaction.atomic():
        _save(planned, by=by)
    result.created = len(planned)
    return result


def _save(planned: list[dict], *, by) -> None:
    # Rows without a serial take the next numbers of their category; rows with one move the
    # category's counter past it.
    highest: dict[str, int] = {}
    for p in planned:
        if p["serial"] is None:
            p["serial"] = next_number(f"dormitories.asset.{p['category'].code}", 0)
        highest[p["category"].code] = max(highest.get(p["category"].code, 0), p["serial"])
    assets = [
        Asset(
            number=asset_number(p["category"], p["serial"]),
            category=p["category"],
            serial=p["serial"],
            name=p["name"],
            spec=p["spec"],
            kind=rules.asset_kind(cost=p["cost"], life_years=p["life_years"]),
            acquired_on=p["acquired_on"],
            cost=p["cost"],
            life_years=p["life_years"],
            location=p["location"],
            custodian=p["custodian"],
            custodian_unit=p["custodian_unit"],
            created_by=by,
        )
        for p in planned
    ]
    bulk_create_with_history(assets, Asset, batch_size=1000, default_user=by)
    created = dict(Asset.objects.filter(number__in=[a.number for a in assets]).values_list("number", "pk"))
    AssetEvent.objects.bulk_create(
        [
            AssetEvent(
                asset_id=created[a.number],
                kind=AssetEventKind.ADD,
                on=a.acquired_on,
                voucher_number=p["voucher_number"],
                to_location=a.location,
                amount=a.cost,
                note=_("匯入"),
                created_by=by,
            )
            for a, p in zip(assets, planned, strict=True)
        ],
        batch_size=1000,
    )
    from kaohsiung_admin.core.models import RunningNumber

    for code, top in highest.items():
        kind = f"dormitories.asset.{code}"
        current = RunningNumber.objects.filter(kind=kind, year=0).values_list("last", flat=True).first() or 0
        if top > current:
            set_last_number(kind, 0, top)
