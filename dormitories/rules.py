"""The rules the dormitory and asset register follows, each cited, each a Django setting.

DOMAIN.md "Dormitories and assets" marks them [S] (another agency's manual or a secondary
source), so each is a setting of the same name with the default below.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings

from dormitories.choices import AssetEventKind, AssetKind, AssetStatus
from kaohsiung_admin.core.deadlines import Limit

# 宿舍管理手冊 [S]: an occupant moves out within 3 months of the end of eligibility. Counted in
# months (not days): the due day is the same day of the month three months later (民法第121條
# 第2項: a period in months ends on the day before the corresponding day; we give the
# corresponding day itself, the more lenient reading, and say so in the README).
MOVE_OUT = Limit("DORM_MOVE_OUT_MONTHS", 3, "宿舍管理手冊（借用人資格消滅後3個月內遷出）[S]")

# How far ahead the move-out list warns: 30 days [U], our choice.
MOVE_OUT_SOON = Limit("DORM_MOVE_OUT_SOON_DAYS", 30, "本處作業（遷出期限前30日提醒）[U]")

# 財物標準分類 [S]: equipment is 財產 when it costs at least NT$10,000 and lasts at least 2 years.
PROPERTY_MIN_COST = Decimal(getattr(settings, "ASSET_PROPERTY_MIN_COST", 10_000))
PROPERTY_MIN_LIFE_YEARS = int(getattr(settings, "ASSET_PROPERTY_MIN_LIFE_YEARS", 2))


def move_out_due(eligibility_ended_on: datetime.date | None) -> datetime.date | None:
    """The last day to move out: MOVE_OUT months after eligibility ended (宿舍管理手冊 [S])."""
    if eligibility_ended_on is None:
        return None
    return eligibility_ended_on + relativedelta(months=MOVE_OUT.days)


def asset_kind(*, cost: Decimal, life_years: int) -> str:
    """財產 when cost ≥ NT$10,000 and useful life ≥ 2 years, else 物品 (財物標準分類 [S])."""
    if Decimal(cost) >= PROPERTY_MIN_COST and int(life_years) >= PROPERTY_MIN_LIFE_YEARS:
        return AssetKind.PROPERTY
    return AssetKind.ITEM


def life_ends_on(acquired_on: datetime.date, life_years: int) -> datetime.date:
    """The day the minimum useful life (最低使用年限) is reached."""
    return acquired_on + relativedelta(years=int(life_years))


# The asset state machine: from each status, the events allowed. An asset that left the
# register (transferred, donated, sold, disposed) takes no further event: a disposed asset is
# never sold, a sold one never disposed (財物標準分類; 報廢 only past the minimum life, unless
# approved: services.asset_record_event checks the approval).
ASSET_TRANSITIONS: dict[str, frozenset[str]] = {
    AssetStatus.IN_USE: frozenset(
        {
            AssetEventKind.RELOCATE,
            AssetEventKind.TRANSFER,
            AssetEventKind.DONATE,
            AssetEventKind.SELL,
            AssetEventKind.DISPOSE,
        }
    ),
    AssetStatus.TRANSFERRED: frozenset(),
    AssetStatus.DONATED: frozenset(),
    AssetStatus.SOLD: frozenset(),
    AssetStatus.DISPOSED: frozenset(),
}
