"""Columns of the exported lists (core.exports): personal data masked unless the export is full."""

from django.utils.translation import gettext_lazy as _

from dormitories.choices import AssetKind
from kaohsiung_admin.core.exports import Column
from kaohsiung_admin.core.personal_data import mask_national_id, mask_phone

DORMITORY_COLUMNS = [
    Column(_("宿舍編號"), "code"),
    Column(_("名稱"), "name"),
    Column(_("類別"), "kind"),
    Column(_("地址"), "address"),
    Column(_("行政區"), "district"),
    Column(_("房間數"), "rooms"),
    Column(_("面積（平方公尺）"), "floor_area"),
    Column(_("狀態"), "status"),
    Column(_("列管日期"), "registered_on"),
    Column(_("除帳日期"), "retired_on"),
]

OCCUPANCY_COLUMNS = [
    Column(_("宿舍編號"), "dormitory.code"),
    Column(_("宿舍"), "dormitory.name"),
    Column(_("借用人"), "occupant_name"),
    Column(_("身分證統一編號"), "occupant_national_id", mask=mask_national_id),
    Column(_("聯絡電話"), "occupant_phone", mask=mask_phone),
    Column(_("服務機關"), "occupant_agency"),
    Column(_("借用資格"), "eligibility_basis"),
    Column(_("借用契約編號"), "contract_number"),
    Column(_("借住起日"), "start_on"),
    Column(_("借用期限"), "term_end_on"),
    Column(_("資格消滅日"), "eligibility_ended_on"),
    Column(_("應遷出日"), "move_out_due_on"),
    Column(_("遷出日"), "moved_out_on"),
    Column(_("狀態"), "status"),
]

LENDING_COLUMNS = [
    Column(_("場所"), "dormitory.name"),
    Column(_("借用單位"), "borrower"),
    Column(_("單位類別"), "borrower_kind"),
    Column(_("用途"), "purpose"),
    Column(_("活動名稱"), "event_name"),
    Column(_("借用開始"), "start_at"),
    Column(_("借用結束"), "end_at"),
    Column(_("人數"), "attendees"),
    Column(_("狀態"), "status"),
    Column(_("審核意見"), "decision_reason"),
]

REPAIR_COLUMNS = [
    Column(_("宿舍編號"), "dormitory.code"),
    Column(_("類別"), "kind"),
    Column(_("通報日"), "reported_on"),
    Column(_("內容"), "description"),
    Column(_("廠商"), "contractor"),
    Column(_("費用"), "cost"),
    Column(_("完工日"), "done_on"),
    Column(_("狀態"), "status"),
]

ASSET_COLUMNS = [
    Column(_("財產編號"), "number"),
    Column(_("分類編號"), "category.code"),
    Column(_("分類"), "category.name"),
    Column(_("名稱"), "name"),
    Column(_("廠牌型式"), "spec"),
    Column(_("財產／物品"), "kind"),
    Column(_("取得日期"), "acquired_on"),
    Column(_("取得成本"), "cost"),
    Column(_("使用年限"), "life_years"),
    Column(_("存置地點"), "location.name"),
    Column(_("保管人"), "custodian"),
    Column(_("保管單位"), "custodian_unit"),
    Column(_("狀態"), "status"),
    Column(_("減損日期"), "reduced_on"),
]

DISCREPANCY_COLUMNS = [
    Column(_("財產編號"), "asset.number"),
    Column(_("名稱"), "asset.name"),
    Column(_("帳列地點"), "asset.location.name"),
    Column(_("保管人"), "asset.custodian"),
    Column(_("取得成本"), "asset.cost"),
    Column(_("盤點結果"), "result"),
]

STATISTICS_COLUMNS = [
    Column(_("分類編號"), lambda r: r["code"]),
    Column(_("分類"), lambda r: r["name"]),
    Column(_("財產／物品"), lambda r: str(dict(_KIND).get(r["kind"], r["kind"]))),
    Column(_("期末數量"), lambda r: r["count"]),
    Column(_("期末價值"), lambda r: r["value"]),
    Column(_("本期增加數量"), lambda r: r["added_count"]),
    Column(_("本期增加價值"), lambda r: r["added_value"]),
    Column(_("本期減損數量"), lambda r: r["reduced_count"]),
    Column(_("本期減損價值"), lambda r: r["reduced_value"]),
]


_KIND = AssetKind.choices
