"""What the facilities app gives the annual report, counted by the database for a Gregorian year."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from facilities.choices import BookingStatus, Center, PublicSpaceKind, RequestStatus, ResourceType, VenueGroup
from facilities.models import Booking, MaintenanceRequest, ParkingPermit, PublicSpaceRequest, VehicleTrip
from kaohsiung_admin.core.dates import year_bounds
from kaohsiung_admin.core.figures import Figure, Series


def _confirmed_venue_bookings(year: int, *, center: str | None = None, group: str | None = None):
    start, end = year_bounds(year)
    queryset = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        start__gte=start,
        start__lt=end,
        resource__resource_type=ResourceType.VENUE,
    )
    if center:
        queryset = queryset.filter(resource__center=center)
    if group:
        queryset = queryset.filter(resource__venue__group=group)
    return queryset


def _url(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def _year_query(year: int) -> dict:
    return {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}


def _bookings(center: str, group: str) -> Figure:
    return Figure(
        key=f"facilities.{'open_sessions' if group == VenueGroup.OPEN_SPACE else 'meeting_room_bookings'}.{center}",
        label=(
            f"{Center(center).label}{'中庭、廣場及大禮堂' if center == Center.SIWEI else '中庭、廣場、大禮堂及多媒體會議室'}開放場次"
            if group == VenueGroup.OPEN_SPACE
            else f"{Center(center).label}各會議室受理申請使用場次"
        ),
        unit="場次",
        compute=lambda year: _confirmed_venue_bookings(year, center=center, group=group).count(),
        records_url=lambda year: _url(
            "facilities:booking-list",
            center=center,
            group=group,
            status=BookingStatus.CONFIRMED,
            resource_type="venue",
            **_year_query(year),
        ),
        tags=("facilities", "venues"),
    )


def _maintenance(year: int) -> int:
    start, end = year_bounds(year)
    return MaintenanceRequest.objects.filter(received_at__gte=start, received_at__lt=end).count()


def _public_space(year: int, kind: str) -> int:
    return PublicSpaceRequest.objects.filter(kind=kind, status=RequestStatus.APPROVED, start_date__year=year).count()


def _vehicle_trips(year: int) -> int:
    start, end = year_bounds(year)
    return VehicleTrip.objects.filter(
        booking__status=BookingStatus.CONFIRMED, booking__start__gte=start, booking__start__lt=end
    ).count()


def _parking_permits(year: int) -> int:
    return ParkingPermit.objects.filter(issued_on__year=year).count()


FIGURES = [
    _bookings(Center.SIWEI, VenueGroup.OPEN_SPACE),
    _bookings(Center.SIWEI, VenueGroup.MEETING_ROOM),
    _bookings(Center.FENGSHAN, VenueGroup.OPEN_SPACE),
    _bookings(Center.FENGSHAN, VenueGroup.MEETING_ROOM),
    Figure(
        key="facilities.maintenance_requests",
        label="四維及鳳山行政中心公共設備維修受理案件",
        unit="件",
        compute=_maintenance,
        records_url=lambda year: _url("facilities:maintenance-list", **_year_query(year)),
        tags=("facilities",),
    ),
    Figure(
        key="facilities.lift_posters",
        label="電梯內海報夾張貼海報",
        unit="次",
        compute=lambda year: _public_space(year, PublicSpaceKind.LIFT_POSTER),
        records_url=lambda year: _url(
            "facilities:publicspace-list",
            kind=PublicSpaceKind.LIFT_POSTER,
            status=RequestStatus.APPROVED,
            **_year_query(year),
        ),
        tags=("facilities",),
    ),
    Figure(
        key="facilities.led_wall_videos",
        label="四維行政中心中庭LED電視牆播放市政宣導短片",
        unit="次",
        compute=lambda year: _public_space(year, PublicSpaceKind.LED_VIDEO),
        records_url=lambda year: _url(
            "facilities:publicspace-list",
            kind=PublicSpaceKind.LED_VIDEO,
            status=RequestStatus.APPROVED,
            **_year_query(year),
        ),
        tags=("facilities",),
    ),
    Figure(
        key="facilities.vehicle_trips",
        label="線上申請派遣公務車（含禮賓車）",
        unit="車次",
        compute=_vehicle_trips,
        records_url=lambda year: _url("facilities:trip-list", status=BookingStatus.CONFIRMED, **_year_query(year)),
        tags=("facilities", "vehicles"),
    ),
    Figure(
        key="facilities.parking_permits",
        label="核發公務臨時停車證",
        unit="張",
        compute=_parking_permits,
        records_url=lambda year: _url("facilities:permit-list", **_year_query(year)),
        tags=("facilities",),
    ),
]


def _by_venue_group(year: int) -> list[tuple[str, int]]:
    rows = (
        _confirmed_venue_bookings(year)
        .values("resource__center", "resource__venue__group")
        .annotate(n=Count("id"))
        .order_by("resource__center", "resource__venue__group")
    )
    return [
        (f"{Center(r['resource__center']).label} {VenueGroup(r['resource__venue__group']).label}", r["n"]) for r in rows
    ]


def _by_month(year: int) -> list[tuple[str, int]]:
    counts = dict(
        _confirmed_venue_bookings(year)
        .annotate(month=ExtractMonth("start"))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    return [(f"{month}月", counts.get(month, 0)) for month in range(1, 13)]


SERIES = [
    Series(
        key="facilities.bookings_by_venue_group",
        label="場地使用場次（依場地分組）",
        unit="場次",
        compute=_by_venue_group,
    ),
    Series(key="facilities.bookings_by_month", label="場地使用場次（依月份）", unit="場次", compute=_by_month),
]
