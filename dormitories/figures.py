"""What the dormitory and asset register gives the annual report (the seed 壹/一/(三) 宿舍管理 and
(四) 財產管理), each counted by the database for a Gregorian year, with the list behind it."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from dormitories.choices import REDUCING, AssetEventKind, DormitoryKind
from dormitories.models import AssetEvent, CheckRound, Dormitory, Lending, StocktakingRound
from kaohsiung_admin.core.dates import year_bounds
from kaohsiung_admin.core.decisions import RequestStatus
from kaohsiung_admin.core.figures import Figure


def _url(name: str, **query):
    def build(year: int) -> str:
        return f"{reverse(name)}?{urlencode({k: v.format(year=year) for k, v in query.items()})}"

    return build


def on_register(year: int, kind: str | None = None):
    """Units on the register at the end of `year` (經管宿舍): listed by then, not yet retired."""
    end = datetime.date(year, 12, 31)
    queryset = Dormitory.objects.filter(registered_on__lte=end).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=end)
    )
    return queryset.filter(kind=kind) if kind else queryset


def residence_lendings(year: int) -> int:
    """Approved lendings of the mayor's residence whose event starts in the year."""
    start, end = year_bounds(year)
    return Lending.objects.filter(
        dormitory__is_mayor_residence=True, status=RequestStatus.APPROVED, start_at__gte=start, start_at__lt=end
    ).count()


def _events(year: int, kinds) -> int:
    return AssetEvent.objects.filter(
        kind__in=list(kinds), on__gte=datetime.date(year, 1, 1), on__lte=datetime.date(year, 12, 31)
    ).count()


def _dormitories(key: str, label: str, kind: str | None) -> Figure:
    query = {"on_register_in": "{year}"}
    if kind:
        query["kind"] = kind
    return Figure(
        key=f"dormitories.{key}",
        label=label,
        unit="間",
        compute=lambda year: on_register(year, kind).count(),
        records_url=_url("dormitories:dormitory-list", **query),
        tags=("dormitories",),
    )


FIGURES = [
    _dormitories("total", "經管市有宿舍", None),
    _dormitories("head_residences", "首長職務宿舍", DormitoryKind.HEAD),
    _dormitories("multi_room", "多房間職務宿舍", DormitoryKind.MULTI_ROOM),
    _dormitories("single_room", "單房間職務宿舍", DormitoryKind.SINGLE_ROOM),
    _dormitories("family", "眷舍", DormitoryKind.FAMILY),
    Figure(
        key="dormitories.occupancy_checks",
        label="宿舍居住事實查考",
        unit="次",
        compute=lambda year: CheckRound.objects.filter(year=year).count(),
        records_url=_url("dormitories:checkround-list", year="{year}"),
        tags=("dormitories",),
    ),
    Figure(
        key="dormitories.residence_lendings",
        label="市長官邸借用",
        unit="場次",
        compute=residence_lendings,
        records_url=_url("dormitories:lending-list", mayor_residence="true", status="approved", year="{year}"),
        tags=("dormitories",),
    ),
    Figure(
        key="dormitories.assets_added",
        label="財產及物品增加",
        unit="件",
        compute=lambda year: _events(year, [AssetEventKind.ADD]),
        records_url=_url("dormitories:asset-list", event=AssetEventKind.ADD, event_year="{year}"),
        tags=("assets",),
    ),
    Figure(
        key="dormitories.assets_reduced",
        label="財產及物品減損（移撥、捐贈、變賣、報廢）",
        unit="件",
        compute=lambda year: _events(year, REDUCING),
        records_url=_url("dormitories:statistics", start="{year}-01-01", end="{year}-12-31"),
        tags=("assets",),
    ),
    Figure(
        key="dormitories.stocktaking_rounds",
        label="財產盤點",
        unit="次",
        compute=lambda year: StocktakingRound.objects.filter(year=year).count(),
        records_url=_url("dormitories:stocktaking-list", year="{year}"),
        tags=("assets",),
    ),
]
