"""Demo data: the two administrative centers' venues and cars, and the records of ROC 111 (2022)
that give the seed report's figures, plus a smaller 110 (2021) and a few upcoming requests.

Deterministic (seeded random), idempotent (a year whose demo bookings exist is skipped) and quick
(bulk_create; demo rows carry no history). Bookings are placed on working days in slots that
never overlap, so the database's no-double-booking constraint holds for them too.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from facilities.choices import (
    BookingChannel,
    BookingStatus,
    Center,
    CompetingPolicy,
    MaintenanceCategory,
    MaintenanceStatus,
    OpenDays,
    PublicSpaceKind,
    RequestStatus,
    ResourceType,
    VehicleKind,
    VenueGroup,
    VenueKind,
)
from facilities.models import (
    Booking,
    Closure,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    Resource,
    Vehicle,
    VehicleTrip,
    Venue,
)
from facilities.services import permit_kind, permit_number
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.formatting import roc_year
from kaohsiung_admin.core.numbering import set_last_number

T = datetime.time
HALF_DAY_SLOTS = "08:00-12:00,13:00-17:00,18:00-22:00"

# name, center, kind, location, capacity, equipment, rules
VENUES = [
    (
        "四維中庭",
        Center.SIWEI,
        VenueKind.ATRIUM,
        "四維行政中心1樓",
        300,
        "LED電視牆、音響",
        {"advance_notice_days": 14, "buffer_before_minutes": 60, "buffer_after_minutes": 60},
    ),
    (
        "四維廣場",
        Center.SIWEI,
        VenueKind.PLAZA,
        "四維行政中心前廣場",
        800,
        "電源箱",
        {
            "advance_notice_days": 14,
            "open_days": OpenDays.EVERY_DAY,
            "buffer_before_minutes": 60,
            "buffer_after_minutes": 60,
        },
    ),
    (
        "四維大禮堂",
        Center.SIWEI,
        VenueKind.AUDITORIUM,
        "四維行政中心2樓",
        500,
        "投影、音響、舞台燈光",
        {
            "advance_notice_days": 14,
            "slots": HALF_DAY_SLOTS,
            "fee_per_hour": Decimal(0),
            "change_notice_hours": 72,
            "cancel_notice_hours": 72,
            "competing_policy": CompetingPolicy.REJECT,
        },
    ),
    *[
        (
            f"四維第{n}會議室",
            Center.SIWEI,
            VenueKind.MEETING_ROOM,
            f"四維行政中心{floor}樓",
            cap,
            "投影、麥克風",
            {
                "needs_approval": False,
                "advance_notice_days": 1,
                # the busiest rooms ask for check-in: a room not checked in 15 minutes after the
                # start is released for others
                "checkin_required": n in (5, 6),
            },
        )
        for n, floor, cap in [
            (1, 3, 30),
            (2, 3, 20),
            (3, 4, 40),
            (4, 4, 20),
            (5, 7, 60),
            (6, 9, 80),
            (7, 9, 20),
            (8, 10, 30),
            (9, 11, 24),
            (10, 12, 36),
        ]
    ],
    (
        "鳳山中庭",
        Center.FENGSHAN,
        VenueKind.ATRIUM,
        "鳳山行政中心前棟1樓",
        200,
        "音響",
        {"advance_notice_days": 14, "buffer_before_minutes": 60, "buffer_after_minutes": 60},
    ),
    (
        "鳳山廣場",
        Center.FENGSHAN,
        VenueKind.PLAZA,
        "鳳山行政中心前廣場",
        600,
        "電源箱",
        {
            "advance_notice_days": 14,
            "open_days": OpenDays.EVERY_DAY,
            "buffer_before_minutes": 60,
            "buffer_after_minutes": 60,
        },
    ),
    (
        "鳳山大禮堂",
        Center.FENGSHAN,
        VenueKind.AUDITORIUM,
        "鳳山行政中心後棟3樓",
        400,
        "投影、音響",
        {"advance_notice_days": 14, "slots": HALF_DAY_SLOTS, "change_notice_hours": 72, "cancel_notice_hours": 72},
    ),
    (
        "鳳山多媒體會議室",
        Center.FENGSHAN,
        VenueKind.MULTIMEDIA_ROOM,
        "鳳山行政中心後棟1樓",
        120,
        "多媒體簡報系統、視訊",
        {"advance_notice_days": 7, "slots": HALF_DAY_SLOTS},
    ),
    *[
        (
            f"鳳山第{n}會議室",
            Center.FENGSHAN,
            VenueKind.MEETING_ROOM,
            f"鳳山行政中心{'前' if n < 5 else '後'}棟{n % 4 + 2}樓",
            30,
            "投影",
            {"needs_approval": False, "advance_notice_days": 1},
        )
        for n in range(1, 9)
    ],
]

# plate, kind, model, seats, driver
VEHICLES = [
    ("RAA-1101", VehicleKind.CEREMONIAL_CAR, "Toyota Camry", 4, "陳建志"),
    ("RAA-1102", VehicleKind.CEREMONIAL_CAR, "Lexus ES", 4, "林明德"),
    *[
        (
            f"RBB-20{n:02d}",
            VehicleKind.OFFICIAL_CAR,
            "Toyota Corolla Altis" if n % 2 else "Toyota Previa",
            5 if n % 2 else 7,
            name,
        )
        for n, name in enumerate(
            ["黃國華", "張志明", "李俊傑", "王文彬", "吳家豪", "劉振宇", "蔡宗翰", "許文雄"], start=1
        )
    ],
]

# Figures per Gregorian year: 2022 is the seed's (ROC 111); 2021 a smaller year for comparison
# (the same values the report's hand-entered fallbacks state for 110).
YEARS = {
    2022: {
        "siwei_open": 79,
        "siwei_meeting": 1606,
        "fengshan_open": 71,
        "fengshan_meeting": 1031,
        "maintenance": 895,
        "posters": 28,
        "led": 29,
        "trips": 1125,
        "permits": 8660,
    },
    2021: {
        "siwei_open": 52,
        "siwei_meeting": 1384,
        "fengshan_open": 48,
        "fengshan_meeting": 902,
        "maintenance": 842,
        "posters": 21,
        "led": 24,
        "trips": 987,
        "permits": 7912,
    },
}

MEETING_SLOTS = [
    (T(9, 0), T(10, 30)),
    (T(10, 30), T(12, 0)),
    (T(14, 0), T(15, 30)),
    (T(15, 30), T(17, 0)),
    (T(13, 0), T(14, 0)),
]
FULL_DAY = [(T(9, 0), T(17, 0))]
HALF_DAYS = [(T(8, 0), T(12, 0)), (T(13, 0), T(17, 0)), (T(18, 0), T(22, 0))]
TRIP_SLOTS = [(T(8, 30), T(12, 0)), (T(13, 30), T(17, 30))]

AGENCIES = [
    "行政暨國際處",
    "人事處",
    "研考會",
    "財政局",
    "教育局",
    "社會局",
    "勞工局",
    "經發局",
    "觀光局",
    "文化局",
    "衛生局",
    "環保局",
    "都發局",
    "交通局",
    "法制局",
    "主計處",
    "新聞局",
    "原民會",
    "客委會",
    "海洋局",
]
MEETINGS = [
    "業務會報",
    "專案工作會議",
    "教育訓練",
    "採購評選會議",
    "預算審查會議",
    "研商會議",
    "督導會報",
    "甄選面試",
    "視訊會議",
]
EVENTS = ["市政成果展", "公益市集", "捐血活動", "藝文展演", "頒獎典禮", "研習講座", "防災演練", "節慶活動", "主題展覽"]
DESTINATIONS = [
    "高雄市議會",
    "行政院南部聯合服務中心",
    "鳳山行政中心",
    "高雄國際機場",
    "高雄展覽館",
    "衛福部南區",
    "旗山區公所",
    "岡山區公所",
    "美濃區公所",
    "台南市政府",
    "屏東縣政府",
    "高雄港",
]
LOCATIONS = [
    "1樓大廳",
    "2樓走廊",
    "3樓茶水間",
    "5樓男廁",
    "7樓辦公室",
    "地下1樓停車場",
    "屋頂機房",
    "電梯機房",
    "9樓會議室",
    "中庭",
]
CATEGORY_WEIGHTS = [
    (MaintenanceCategory.BUILDING, 18),
    (MaintenanceCategory.PLUMBING_ELECTRICAL, 32),
    (MaintenanceCategory.AIR_CONDITIONING, 22),
    (MaintenanceCategory.FIRE_SAFETY, 6),
    (MaintenanceCategory.ELEVATOR, 9),
    (MaintenanceCategory.TELECOM, 6),
    (MaintenanceCategory.PUBLIC_ADDRESS, 3),
    (MaintenanceCategory.SURVEILLANCE, 4),
]


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time), timezone.get_current_timezone())


def _demo_user(username: str):
    return get_user_model().objects.filter(username=username).first()


def ensure_resources() -> tuple[list[Venue], list[Vehicle]]:
    """The venues and cars (get or create by name/plate, so a re-run changes nothing)."""
    venues = []
    for name, center, kind, location, capacity, equipment, rules in VENUES:
        venue = Venue.objects.select_related("resource").filter(resource__name=name).first()
        if venue is None:
            resource = Resource.objects.create(resource_type=ResourceType.VENUE, name=name, center=center, **rules)
            group = (
                VenueGroup.MEETING_ROOM
                if kind == VenueKind.MEETING_ROOM or (kind == VenueKind.MULTIMEDIA_ROOM and center == Center.SIWEI)
                else VenueGroup.OPEN_SPACE
            )
            venue = Venue.objects.create(
                resource=resource, kind=kind, group=group, location=location, capacity=capacity, equipment=equipment
            )
        venues.append(venue)
    vehicles = []
    for plate, kind, model_name, seats, driver in VEHICLES:
        vehicle = Vehicle.objects.select_related("resource").filter(plate=plate).first()
        if vehicle is None:
            resource = Resource.objects.create(
                resource_type=ResourceType.VEHICLE,
                name=f"{VehicleKind(kind).label} {plate}",
                center=Center.SIWEI,
                open_days=OpenDays.EVERY_DAY,
                opens_at=T(6, 0),
                closes_at=T(23, 0),
                advance_notice_days=1,
                max_duration_minutes=17 * 60,
            )
            index = len(vehicles)
            vehicle = Vehicle.objects.create(
                resource=resource,
                kind=kind,
                plate=plate,
                model_name=model_name,
                seats=seats,
                driver_name=driver,
                driver_phone=f"07-799-{5600 + index:04d}",
                # fleet register: bought 2012–2021, the ceremonial cars dearer
                acquired_on=datetime.date(2012 + index, 3 + index % 6, 1),
                purchase_cost=Decimal(
                    1_650_000 if kind == VehicleKind.CEREMONIAL_CAR else 820_000 + 40_000 * (index % 3)
                ),
                annual_cost=Decimal(118_000 + 6_500 * (9 - index)),
            )
        vehicles.append(vehicle)
    return venues, vehicles


class _Placer:
    """Hands out (resource, day, slot) triples that were not handed out before."""

    def __init__(self, rng: random.Random, days: list[datetime.date]):
        self.rng = rng
        self.days = days
        self.used: set[tuple[int, datetime.date, int]] = set()

    def place(self, resources: list[Resource], slots: list[tuple[datetime.time, datetime.time]]):
        for _attempt in range(10_000):
            resource = self.rng.choice(resources)
            day = self.rng.choice(self.days)
            index = self.rng.randrange(len(slots))
            key = (resource.pk, day, id(slots) * 10 + index)
            # one use of a full-day or half-day venue per slot; meeting-room slots never overlap
            if key in self.used or (resource.pk, day, -1) in self.used:
                continue
            self.used.add(key)
            if slots is FULL_DAY:
                self.used.add((resource.pk, day, -1))
            start, end = slots[index]
            return resource, _aware(day, start), _aware(day, end)
        raise RuntimeError("demo calendar is full")


def _booking(resource: Resource, start, end, title, organiser, status, *, decided_by=None) -> Booking:
    booking = Booking(
        resource=resource,
        start=start,
        end=end,
        title=title,
        organiser=organiser,
        status=status,
        channel=BookingChannel.DEMO,
        attendees=0,
        decided_by=decided_by if status in (BookingStatus.CONFIRMED, BookingStatus.REJECTED) else None,
        decided_at=start - datetime.timedelta(days=5) if status != BookingStatus.PENDING else None,
        decision_reason="場地已有其他活動" if status == BookingStatus.REJECTED else "",
        cancelled_at=start - datetime.timedelta(days=2) if status == BookingStatus.CANCELLED else None,
    )
    booking.set_span()
    return booking


def load_year(year: int, venues: list[Venue], vehicles: list[Vehicle], *, clerk, stdout) -> None:
    figures = YEARS[year]
    rng = random.Random(f"facilities-{year}")
    calendar = WorkdayCalendar()
    every_day = [datetime.date(year, 1, 1) + datetime.timedelta(days=n) for n in range(365)]
    working = [d for d in every_day if calendar.is_working_day(d)]
    placer = _Placer(rng, working)

    def pick(center, kinds):
        return [v.resource for v in venues if v.resource.center == center and v.kind in kinds]

    bookings: list[Booking] = []

    def add(resources, slots, count, *, titles, extra_cancelled=0):
        statuses = [BookingStatus.CONFIRMED] * count + [BookingStatus.CANCELLED] * extra_cancelled
        for status in statuses:
            resource, start, end = placer.place(resources, slots)
            bookings.append(
                _booking(resource, start, end, rng.choice(titles), rng.choice(AGENCIES), status, decided_by=clerk)
            )

    for center, prefix, open_kinds in [
        (Center.SIWEI, "siwei", [VenueKind.ATRIUM, VenueKind.PLAZA, VenueKind.AUDITORIUM]),
        (
            Center.FENGSHAN,
            "fengshan",
            [VenueKind.ATRIUM, VenueKind.PLAZA, VenueKind.AUDITORIUM, VenueKind.MULTIMEDIA_ROOM],
        ),
    ]:
        open_total = figures[f"{prefix}_open"]
        halls = pick(center, [k for k in open_kinds if k in (VenueKind.AUDITORIUM, VenueKind.MULTIMEDIA_ROOM)])
        spaces = pick(center, [VenueKind.ATRIUM, VenueKind.PLAZA])
        in_halls = open_total * 3 // 5
        add(halls, HALF_DAYS, in_halls, titles=EVENTS, extra_cancelled=3)
        add(spaces, FULL_DAY, open_total - in_halls, titles=EVENTS, extra_cancelled=2)
        add(
            pick(center, [VenueKind.MEETING_ROOM]),
            MEETING_SLOTS,
            figures[f"{prefix}_meeting"],
            titles=MEETINGS,
            extra_cancelled=25,
        )
    created = Booking.objects.bulk_create(bookings, batch_size=1000)

    # Vehicle trips (派車), each with its trip log; odometers climb per car.
    trip_bookings = []
    for status in [BookingStatus.CONFIRMED] * figures["trips"] + [BookingStatus.CANCELLED] * 20:
        resource, start, end = placer.place([v.resource for v in vehicles], TRIP_SLOTS)
        trip_bookings.append(
            _booking(
                resource,
                start,
                end,
                rng.choice(["出席會議", "公文遞送", "接待外賓", "視察業務", "活動支援"]),
                rng.choice(AGENCIES),
                status,
                decided_by=clerk,
            )
        )
    trip_bookings = Booking.objects.bulk_create(trip_bookings, batch_size=1000)
    odometer = {v.resource_id: 20_000 + 15_000 * i + (year - 2021) * 12_000 for i, v in enumerate(vehicles)}
    trips = []
    for booking in sorted(trip_bookings, key=lambda b: b.start):
        trip = VehicleTrip(
            booking=booking,
            destination=rng.choice(DESTINATIONS),
            passengers=rng.randint(1, 4),
        )
        if booking.status == BookingStatus.CONFIRMED:
            distance = rng.randint(6, 120)
            trip.odometer_start = odometer[booking.resource_id]
            trip.odometer_end = trip.odometer_start + distance
            odometer[booking.resource_id] = trip.odometer_end + rng.randint(0, 5)
            trip.departed_at, trip.returned_at = booking.start, booking.end
        trips.append(trip)
    VehicleTrip.objects.bulk_create(trips, batch_size=1000)

    # Maintenance requests (報修), most closed, each stamped along its flow.
    categories = [c for c, _w in CATEGORY_WEIGHTS]
    weights = [w for _c, w in CATEGORY_WEIGHTS]
    requests = []
    for _n in range(figures["maintenance"]):
        day = rng.choice(working)
        received = _aware(day, T(rng.randint(8, 16), rng.choice([0, 15, 30, 45])))
        assigned = received + datetime.timedelta(hours=rng.randint(1, 20))
        started = assigned + datetime.timedelta(hours=rng.randint(1, 30))
        completed = started + datetime.timedelta(hours=rng.randint(1, 48))
        status = MaintenanceStatus.CLOSED if day.month < 12 or rng.random() < 0.7 else MaintenanceStatus.COMPLETED
        requests.append(
            MaintenanceRequest(
                center=Center.SIWEI if rng.random() < 0.6 else Center.FENGSHAN,
                category=rng.choices(categories, weights)[0],
                location=rng.choice(LOCATIONS),
                description="設備故障，請派員檢修。",
                reporter_unit=rng.choice(AGENCIES),
                status=status,
                contractor=rng.choice(["大同機電", "南部水電行", "冠軍空調", "永安消防", "崇友電梯", "中華電信"]),
                resolution="已修復",
                received_at=received,
                assigned_at=assigned,
                started_at=started,
                completed_at=completed,
                closed_at=completed + datetime.timedelta(days=1) if status == MaintenanceStatus.CLOSED else None,
            )
        )
    MaintenanceRequest.objects.bulk_create(requests, batch_size=1000)

    # Lift posters and LED-wall videos: the approved ones count; a few refused do not.
    public = []
    for kind, count, refused in [
        (PublicSpaceKind.LIFT_POSTER, figures["posters"], 2),
        (PublicSpaceKind.LED_VIDEO, figures["led"], 1),
    ]:
        for n in range(count + refused):
            start = rng.choice(working[:-20])
            public.append(
                PublicSpaceRequest(
                    kind=kind,
                    center=Center.SIWEI if kind == PublicSpaceKind.LED_VIDEO or n % 3 else Center.FENGSHAN,
                    agency=rng.choice(AGENCIES),
                    title=rng.choice(
                        ["防疫宣導", "市政宣導短片", "徵才資訊", "藝文活動", "交通安全宣導", "反詐騙宣導"]
                    ),
                    start_date=start,
                    end_date=start + datetime.timedelta(days=rng.choice([7, 14, 30])),
                    status=RequestStatus.APPROVED if n < count else RequestStatus.REJECTED,
                    decision_reason="" if n < count else "內容涉及商業廣告",
                    decided_by=clerk,
                    decided_at=_aware(start - datetime.timedelta(days=3), T(10)),
                )
            )
    PublicSpaceRequest.objects.bulk_create(public)

    # Temporary parking permits (臨時停車證), numbered per center and year.
    sequence = {Center.SIWEI: 0, Center.FENGSHAN: 0}
    permits = []
    for _n in range(figures["permits"]):
        center = Center.SIWEI if rng.random() < 0.62 else Center.FENGSHAN
        sequence[center] += 1
        day = rng.choice(working)
        permits.append(
            ParkingPermit(
                number=permit_number(center, day, sequence[center]),
                center=center,
                plate=f"{rng.choice('ABCKMNPRT')}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}-{rng.randint(1000, 9999)}",
                holder=rng.choice(AGENCIES),
                purpose=rng.choice(["洽公", "開會", "送件", "活動"]),
                valid_on=day,
                issued_on=day,
                issued_by=clerk,
            )
        )
    ParkingPermit.objects.bulk_create(permits, batch_size=2000)
    for center, last in sequence.items():
        set_last_number(permit_kind(center), year, last)  # the next permit issued continues after these
    stdout.write(
        f"facilities: ROC {roc_year(year)} — {len(created)} venue bookings, {len(trips)} trips, "
        f"{len(requests)} maintenance, {len(public)} poster/LED requests, {len(permits)} parking permits."
    )


def load_upcoming(venues: list[Venue], vehicles: list[Vehicle], *, staff, clerk, stdout) -> None:
    """A few bookings around today so the calendars and the clerk's queue are not empty."""
    if Booking.objects.filter(channel=BookingChannel.DEMO, start__gte=timezone.now()).exists():
        return
    rng = random.Random("facilities-upcoming")
    calendar = WorkdayCalendar()
    today = timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in range(1, 29)]
    days = [d for d in days if calendar.is_working_day(d)]
    placer = _Placer(rng, days)
    meeting = [v.resource for v in venues if v.kind == VenueKind.MEETING_ROOM]
    halls = [v.resource for v in venues if v.kind == VenueKind.AUDITORIUM]
    items = []
    for n in range(40):
        resource, start, end = placer.place(meeting, MEETING_SLOTS)
        booking = _booking(
            resource, start, end, rng.choice(MEETINGS), rng.choice(AGENCIES), BookingStatus.CONFIRMED, decided_by=None
        )
        booking.requested_by = staff if n % 8 == 0 else None
        items.append(booking)
    for n in range(4):
        resource, start, end = placer.place(halls, HALF_DAYS)
        booking = _booking(resource, start, end, rng.choice(EVENTS), rng.choice(AGENCIES), BookingStatus.PENDING)
        booking.requested_by = staff if n == 0 else None
        items.append(booking)
    for booking in items:
        if booking.status == BookingStatus.PENDING:
            booking.decision_due_on = booking.compute_decision_due(calendar)
    Booking.objects.bulk_create(items)
    _load_upcoming_changes(halls, meeting, vehicles, placer, staff=staff, clerk=clerk, rng=rng)
    Closure.objects.get_or_create(
        center=Center.FENGSHAN,
        resource=None,
        start_date=days[-1],
        end_date=days[-1],
        defaults={"reason": "全棟停電檢修（高低壓電氣設備檢驗）"},
    )
    stdout.write(f"facilities: {len(items)} upcoming bookings for the calendars.")


def _load_upcoming_changes(halls, meeting, vehicles, placer, *, staff, clerk, rng) -> None:
    """Rows for the new features, through the services so they obey every rule: a hall booking
    with a pending change (its old slot held), a cancellation with its reason that can still be
    undone, competing requests, and cars requested by kind with their driver assigned."""
    if staff is None or clerk is None:
        return
    from facilities import services

    resource, start, end = placer.place(halls, HALF_DAYS)
    approved = services.booking_create(
        resource=resource,
        start=start,
        end=end,
        title="志工表揚大會",
        organiser="社會局",
        attendees=220,
        requested_by=staff,
        enforce_notice=False,
        channel=BookingChannel.DEMO,
    )
    services.booking_approve(booking=approved, user=clerk, reason="同意借用")
    later = [(s, e) for s, e in HALF_DAYS if s > timezone.localtime(start).time()]
    if later:
        day = timezone.localtime(start).date()
        with contextlib.suppress(ServiceError):
            services.booking_change(
                booking=approved,
                user=staff,
                start=_aware(day, later[0][0]),
                end=_aware(day, later[0][1]),
                attendees=260,
            )
    resource, start, end = placer.place(meeting, MEETING_SLOTS)
    cancelled = services.booking_create(
        resource=resource,
        start=start,
        end=end,
        title="預算協調會",
        organiser="主計處",
        requested_by=staff,
        enforce_notice=False,
        channel=BookingChannel.DEMO,
    )
    services.booking_cancel(booking=cancelled, user=staff, reason="改為視訊會議")
    resource, start, end = placer.place(halls, HALF_DAYS)
    for title, agency in (("市民講座", "新聞局"), ("防災演練說明會", "消防局")):
        services.booking_create(
            resource=resource,
            start=start,
            end=end,
            title=title,
            organiser=agency,
            requested_by=staff,
            enforce_notice=False,
            channel=BookingChannel.DEMO,
        )
    if vehicles:
        day = placer.days[len(placer.days) // 2]
        for kind, hours, destination in (
            (VehicleKind.OFFICIAL_CAR, (T(8, 30), T(12, 0)), "高雄市議會"),
            (VehicleKind.CEREMONIAL_CAR, (T(13, 30), T(17, 0)), "高雄國際機場"),
        ):
            try:
                trip = services.trip_request_by_kind(
                    kind=kind,
                    start=_aware(day, hours[0]),
                    end=_aware(day, hours[1]),
                    destination=destination,
                    title="市長行程接待" if kind == VehicleKind.CEREMONIAL_CAR else "出席議會備詢",
                    passengers=3,
                    requested_by=staff,
                    contact_phone="07-799-5678",
                    channel=BookingChannel.DEMO,
                )
            except ServiceError:
                continue
            services.booking_approve(booking=trip.booking, user=clerk)
            services.trip_assign(trip=trip, user=clerk, vehicle=trip.booking.resource.vehicle)


def load(*, stdout) -> None:
    venues, vehicles = ensure_resources()
    clerk = _demo_user("facility")
    staff = _demo_user("staff")
    for year in sorted(YEARS):
        start = _aware(datetime.date(year, 1, 1), T(0))
        end = _aware(datetime.date(year + 1, 1, 1), T(0))
        if Booking.objects.filter(channel=BookingChannel.DEMO, start__gte=start, start__lt=end).exists():
            stdout.write(f"facilities: ROC {roc_year(year)} demo data already present, skipped.")
            continue
        load_year(year, venues, vehicles, clerk=clerk, stdout=stdout)
    load_upcoming(venues, vehicles, staff=staff, clerk=clerk, stdout=stdout)
    load_building_care(clerk=clerk, stdout=stdout)


# --- building care: the statutory inspection calendar of both centers, repair clocks -----------

# center, kind, scope, anchor due day in ROC 111, inspector, [(done on, result, findings)]
# findings: (description, location, category, urgency)
CARE_CALENDAR = [
    (
        Center.SIWEI,
        "electrical",
        "高壓受電站及全棟低壓設備",
        datetime.date(2022, 3, 31),
        "高雄市電機技師公會",
        [(datetime.date(2022, 3, 18), "passed", [])],
    ),
    (
        Center.SIWEI,
        "fire",
        "全棟（地下2層、地上9層）",
        datetime.date(2022, 10, 31),
        "永安消防安全設備檢修公司",
        [
            (
                datetime.date(2022, 10, 14),
                "findings",
                [
                    ("B2停車場滅火器2具壓力不足", "B2停車場", "fire", "normal"),
                    ("7樓緊急照明燈3盞不亮", "7樓走廊", "fire", "urgent"),
                ],
            )
        ],
    ),
    (
        Center.SIWEI,
        "insurance",
        "公共意外責任保險（四維行政中心）",
        datetime.date(2022, 12, 31),
        "富邦產物保險",
        [(datetime.date(2022, 12, 16), "passed", [])],
    ),
    (
        Center.SIWEI,
        "elevator",
        "客梯1至8號、貨梯1號",
        datetime.date(2022, 6, 30),
        "中華民國昇降機安全協會（代檢）",
        [(datetime.date(2022, 6, 13), "passed", [])],
    ),
    (
        Center.FENGSHAN,
        "electrical",
        "高壓受電站及全棟低壓設備",
        datetime.date(2022, 8, 31),
        "高雄市電機技師公會",
        [(datetime.date(2022, 8, 19), "findings", [("低壓配電盤接點過熱", "B1配電室", "plumbing", "urgent")])],
    ),
    (
        Center.FENGSHAN,
        "fire",
        "全棟（地下1層、地上7層）",
        datetime.date(2022, 5, 31),
        "南安消防設備公司",
        [(datetime.date(2022, 5, 17), "findings", [("3樓排煙閘門無法連動", "3樓", "fire", "normal")])],
    ),
    (
        Center.FENGSHAN,
        "insurance",
        "公共意外責任保險（鳳山行政中心）",
        datetime.date(2022, 12, 31),
        "新光產物保險",
        [(datetime.date(2022, 12, 20), "passed", [])],
    ),
    (
        Center.FENGSHAN,
        "elevator",
        "客梯1至4號",
        datetime.date(2022, 9, 30),
        "中華民國昇降機安全協會（代檢）",
        [
            (datetime.date(2022, 9, 15), "failed", [("2號梯平層誤差超過標準", "2號梯", "elevator", "urgent")]),
            (datetime.date(2022, 9, 28), "passed", []),
        ],
    ),
]


def load_building_care(*, clerk, stdout) -> None:
    """The two centers' statutory calendar: ROC 111 as it happened (findings linked to the year's
    own repairs of that category, so the report's 報修 count is unchanged), each later year passed
    on time up to today, the repair clocks of the year's requests, and a few open repairs now."""
    from facilities import care
    from facilities.choices import InspectionKind
    from facilities.models import InspectionFinding, InspectionObligation, InspectionRecord
    from facilities.rules import inspection_default

    if clerk is None or InspectionObligation.objects.exists():
        return
    calendar = WorkdayCalendar()
    dated = list(MaintenanceRequest.objects.filter(response_due_on__isnull=True))
    for item in dated:
        care.set_due_dates(item, calendar)
    MaintenanceRequest.objects.bulk_update(dated, ["response_due_on", "repair_due_on", "due_on"], batch_size=500)
    today = timezone.localdate()
    year_start = _aware(datetime.date(2022, 1, 1), T(0))
    records = 0
    for n, (center, kind, scope, anchor, inspector, visits) in enumerate(CARE_CALENDAR):
        default = inspection_default(kind)
        obligation = InspectionObligation.objects.create(
            center=center,
            kind=kind,
            scope=scope,
            cycle_months=default.cycle_months,
            remind_days=default.remind_days,
            next_due_on=anchor,
            basis=default.basis,
            responsible=clerk,
            created_by=clerk,
        )
        for done_on, result, findings in visits:
            record = care.inspection_record(
                obligation=obligation,
                user=clerk,
                inspected_on=done_on,
                inspector=inspector,
                result=result,
                certificate_no=f"{InspectionKind(kind).name[:4]}-111-{n + 1:03d}" if result != "failed" else "",
                valid_until=care.add_months(anchor, default.cycle_months) if result != "failed" else None,
                findings=[
                    {"description": d, "location": loc, "category": cat, "urgency": urg}
                    for d, loc, cat, urg in findings
                ],
            )
            records += 1
            for finding in record.findings.all():
                repair = (
                    MaintenanceRequest.objects.filter(
                        center=center,
                        category=finding.category,
                        received_at__gte=_aware(done_on, T(0)),
                        received_at__lt=year_start + datetime.timedelta(days=365),
                        inspection_finding__isnull=True,
                    )
                    .order_by("received_at")
                    .first()
                )
                if repair is not None:
                    InspectionFinding.objects.filter(pk=finding.pk).update(maintenance_request=repair)
        obligation.refresh_from_db()
        # the later years, each passed a fortnight before its due day, while that day is past
        while obligation.next_due_on - datetime.timedelta(days=14) <= today - datetime.timedelta(days=30):
            care.inspection_record(
                obligation=obligation,
                user=clerk,
                inspected_on=obligation.next_due_on - datetime.timedelta(days=14),
                inspector=inspector,
                result="passed",
                certificate_no=f"{InspectionKind(kind).name[:4]}-{roc_year(obligation.next_due_on.year)}-{n + 1:03d}",
                valid_until=care.add_months(obligation.next_due_on, obligation.cycle_months),
            )
            records += 1
            obligation.refresh_from_db()
    # open repairs now: one past its day, one due soon, one on time
    now = timezone.now()
    for days_ago, category, urgency, location in [
        (12, "hvac", "normal", "四維5樓會議室"),
        (1, "elevator", "urgent", "四維3號客梯"),
        (0, "building", "low", "鳳山1樓大廳"),
    ]:
        from facilities import services

        services.maintenance_create(
            center=Center.FENGSHAN if location.startswith("鳳山") else Center.SIWEI,
            category=category,
            urgency=urgency,
            location=location,
            description="設備故障，請派員檢修。",
            reporter_unit="廳舍管理",
            requested_by=None,
            received_at=now - datetime.timedelta(days=days_ago),
        )
    stdout.write(
        f"facilities: building care — {len(CARE_CALENDAR)} statutory obligations, {records} inspections, "
        f"{InspectionRecord.objects.filter(findings__isnull=False).distinct().count()} with findings."
    )
