"""Time limits of building care (報修 and the statutory inspections of the two centers).

DOMAIN.md says nothing about repair times or building inspections, so every number here is the
Bureau's default, marked [U] (not found in DOMAIN.md: a setting, and data in the admin):

- Repairs: a *response* limit (received → assigned to a contractor, 派工) and a *repair* limit
  (received → completed, 完工) for each category × urgency. The table is data
  (`MaintenanceLimit`, edited in the admin; migration 0010 seeds it with the defaults below);
  the `Limit`s below are what applies when a row is missing, and each can be overridden by the
  setting it names. Working days on the office calendar (core.deadlines, as the 文書處理手冊
  counts processing time), the day of receipt not counted; 0 days = the day of receipt, or the
  next working day when it arrives on a closed day. 消防 and 電梯 are shorter because the owner must
  keep them working at all times (消防法第6條第1項; 建築法第77條之4), which sets no number of days.
- Inspections: each obligation carries its own cycle (months) and reminder lead (days), with the
  defaults below and the rule we believe applies as `basis`. None of these was read in the
  official text here [U]: check them against the current rules before relying on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from facilities.choices import InspectionKind, MaintenanceCategory, MaintenanceUrgency
from kaohsiung_admin.core.deadlines import WORKING, Limit

REPAIR_SOURCE = "本處預設 [U]（DOMAIN.md 未規定報修時限）"
SAFETY_SOURCE = "本處預設 [U]；消防法第6條、建築法第77條之4：設備應經常保持堪用（未定日數）"

# (response days, repair days) per urgency, per category: working days.
_DEFAULT_DAYS: dict[str, dict[str, tuple[int, int]]] = {
    MaintenanceCategory.BUILDING: {"urgent": (0, 3), "normal": (2, 10), "low": (5, 30)},
    MaintenanceCategory.PLUMBING_ELECTRICAL: {"urgent": (0, 1), "normal": (1, 3), "low": (3, 15)},
    MaintenanceCategory.AIR_CONDITIONING: {"urgent": (0, 2), "normal": (1, 5), "low": (3, 15)},
    MaintenanceCategory.FIRE_SAFETY: {"urgent": (0, 1), "normal": (1, 3), "low": (2, 10)},
    MaintenanceCategory.ELEVATOR: {"urgent": (0, 1), "normal": (1, 2), "low": (2, 10)},
    MaintenanceCategory.TELECOM: {"urgent": (0, 1), "normal": (1, 3), "low": (3, 15)},
    MaintenanceCategory.PUBLIC_ADDRESS: {"urgent": (0, 2), "normal": (2, 5), "low": (3, 15)},
    MaintenanceCategory.SURVEILLANCE: {"urgent": (0, 2), "normal": (2, 5), "low": (3, 15)},
}
_SAFETY = {MaintenanceCategory.FIRE_SAFETY, MaintenanceCategory.ELEVATOR}


def _limit(category: str, urgency: str, which: str, days: int) -> Limit:
    setting = f"FACILITIES_REPAIR_{category.upper()}_{urgency.upper()}_{which}_DAYS"
    return Limit(setting, days, SAFETY_SOURCE if category in _SAFETY else REPAIR_SOURCE, WORKING)


@dataclass(frozen=True)
class RepairLimits:
    response: Limit
    repair: Limit


DEFAULT_REPAIR_LIMITS: dict[tuple[str, str], RepairLimits] = {
    (category, urgency): RepairLimits(
        _limit(category, urgency, "RESPONSE", response), _limit(category, urgency, "REPAIR", repair)
    )
    for category, by_urgency in _DEFAULT_DAYS.items()
    for urgency, (response, repair) in by_urgency.items()
}
assert {u for _c, u in DEFAULT_REPAIR_LIMITS} == set(MaintenanceUrgency.values)


@dataclass(frozen=True)
class InspectionDefault:
    cycle_months: int
    remind_days: int
    basis: str


# The statutory calendar of a center: cycle and reminder lead per kind, each a setting
# (FACILITIES_INSPECTION_<KIND>_MONTHS / _REMIND_DAYS) and each obligation's own fields.
_INSPECTIONS = {
    InspectionKind.ELECTRICAL: InspectionDefault(
        12, 30, "電業法及用電場所及專任電氣技術人員管理規則：高壓用電設備定期檢驗（週期依容量）[U]"
    ),
    InspectionKind.FIRE_SAFETY: InspectionDefault(
        12,
        45,
        "消防法第9條、各類場所消防安全設備檢修及申報辦法：甲類場所每半年、甲類以外每年檢修申報 [U]",
    ),
    InspectionKind.LIABILITY_INSURANCE: InspectionDefault(
        12, 60, "公共意外責任保險：保險期間一年，期滿前完成採購續保 [U]"
    ),
    InspectionKind.ELEVATOR: InspectionDefault(
        12, 45, "建築法第77條之4、建築物昇降設備設置及檢查管理辦法：每年定期安全檢查，換發使用許可證 [U]"
    ),
}


def inspection_default(kind: str) -> InspectionDefault:
    base = _INSPECTIONS[InspectionKind(kind)]
    name = InspectionKind(kind).name
    return InspectionDefault(
        int(getattr(settings, f"FACILITIES_INSPECTION_{name}_MONTHS", base.cycle_months)),
        int(getattr(settings, f"FACILITIES_INSPECTION_{name}_REMIND_DAYS", base.remind_days)),
        base.basis,
    )
