"""Halls, rooms and official cars, booked through one engine; maintenance and public-space requests.

A `Resource` is anything that can be booked: each `Venue` and each `Vehicle` has exactly one.
Bookings point at the resource, so one rule set (opening hours, closures, buffers, slots,
durations, booking window, approval) and one database guarantee against double booking serve
halls and cars alike.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities.choices import (
    MAINTENANCE_OPEN_STATUSES,
    ApplicationStatus,
    BookingChannel,
    BookingStatus,
    Center,
    CompetingPolicy,
    InspectionKind,
    InspectionResult,
    MaintenanceCategory,
    MaintenanceStatus,
    MaintenanceUrgency,
    OpenDays,
    PaymentStatus,
    PublicSpaceKind,
    Recurrence,
    RequestStatus,
    ResourceType,
    VehicleKind,
    VenueGroup,
    VenueKind,
)
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.deadlines import CALENDAR, DayCount, DueQuerySet, Limit, deadline
from kaohsiung_admin.core.decisions import DecisionFields, DecisionQuerySet
from kaohsiung_admin.core.models import RestrictedQuerySet, TrackedModel
from kaohsiung_admin.core.uploads import UploadValidator

# How long the clerks take to decide a booking request: 7 days at other cities' venues
# (DOMAIN.md "Venues" [S]). Each resource carries its own number of days (`decision_days`, edited
# in the admin; this setting is its default); they are calendar days counted on the office
# calendar, the first day not counted and a last day on a closed day moved to the next working
# day (民法第120條第2項、第122條).
DECISION_LIMIT = Limit("FACILITIES_DECISION_DAYS", 7, "他市場地借用規則：7日內審核 [S]", CALENDAR)

# The organiser's deadline to supplement an incomplete application (補正): other cities' venue rules
# set one, after which the application is rejected (DOMAIN.md "Venues" [S]). Each open space
# carries its own number of days (`Venue.correction_days`, this setting its default), counted as
# calendar days on the office calendar; the beat task `lapse_uncorrected_applications` lapses
# an application the day after its deadline.
CORRECTION_LIMIT = Limit(
    "FACILITIES_CORRECTION_DAYS", 7, "他市場地借用規則：申請文件不全者限期補正，逾期未補正者駁回 [S]", CALENDAR
)

# The longest booking any resource may allow (a week): lets calendars bound their index scans.
MAX_DURATION_MINUTES = 7 * 24 * 60


class Resource(TrackedModel):
    """A bookable thing and its booking rules (DOMAIN.md "Venues": every rule is a setting here)."""

    resource_type = models.CharField(_("類別"), max_length=10, choices=ResourceType.choices)
    name = models.CharField(_("名稱"), max_length=80)
    center = models.CharField(_("行政中心"), max_length=10, choices=Center.choices, db_index=True)
    is_active = models.BooleanField(_("開放預約"), default=True)
    needs_approval = models.BooleanField(
        _("需經審核"), default=True, help_text=_("不需審核者，預約送出即核准（仍不得與其他預約重疊）。")
    )
    open_days = models.CharField(_("開放日"), max_length=10, choices=OpenDays.choices, default=OpenDays.WORKING_DAYS)
    opens_at = models.TimeField(_("開放時間"), null=True, blank=True, default=datetime.time(8, 0))
    closes_at = models.TimeField(_("關閉時間"), null=True, blank=True, default=datetime.time(22, 0))
    slots = models.CharField(
        _("時段"),
        max_length=120,
        blank=True,
        help_text=_("留空則不限時段；例如「08:00-12:00,13:00-17:00,18:00-22:00」，預約須涵蓋完整時段。"),
    )
    # [S] other venues' rules (DOMAIN.md "Venues"): apply ≥ 14 days ahead, decision within 7 days.
    advance_notice_days = models.PositiveSmallIntegerField(_("最少提前申請日數"), default=0)
    decision_days = models.PositiveSmallIntegerField(_("審核期限（日）"), default=DECISION_LIMIT.default)
    booking_window_days = models.PositiveSmallIntegerField(_("最遠可預約日數"), default=180)
    min_duration_minutes = models.PositiveIntegerField(_("最短使用（分鐘）"), default=30)
    max_duration_minutes = models.PositiveIntegerField(
        _("最長使用（分鐘）"), default=14 * 60, validators=[MaxValueValidator(MAX_DURATION_MINUTES)]
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(
        _("布置時間（分鐘）"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        _("復原時間（分鐘）"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    # Fees under 規費法 Art. 10 (規費之計算); refunds: full ≥ N days ahead, else a share [S].
    fee_per_hour = models.DecimalField(_("每小時使用費"), max_digits=9, decimal_places=0, default=Decimal(0))
    full_refund_days = models.PositiveSmallIntegerField(_("全額退費須提前日數"), default=3)
    late_refund_percent = models.PositiveSmallIntegerField(
        _("逾期取消退費比例（%）"), default=50, validators=[MaxValueValidator(100)]
    )
    # Notice for changing or cancelling (the requester; clerks may waive it): hours before start.
    change_notice_hours = models.PositiveSmallIntegerField(
        _("變更最少提前時數"), default=0, help_text=_("0 表示開始前皆可變更。")
    )
    cancel_notice_hours = models.PositiveSmallIntegerField(
        _("取消最少提前時數"), default=0, help_text=_("0 表示開始前皆可取消。")
    )
    competing_policy = models.CharField(
        _("核准後其他同時段申請"), max_length=10, choices=CompetingPolicy.choices, default=CompetingPolicy.FLAG
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("行前提醒（小時前）"), default=24, help_text=_("0 表示不寄提醒。")
    )
    checkin_required = models.BooleanField(
        _("需報到"), default=False, help_text=_("開始後逾寬限時間未報到者，由系統釋出並計為未到。")
    )
    checkin_grace_minutes = models.PositiveSmallIntegerField(
        _("報到寬限（分鐘）"), default=15, validators=[MaxValueValidator(24 * 60)]
    )

    class Meta:
        ordering = ["center", "resource_type", "name"]
        verbose_name = _("可預約資源")
        verbose_name_plural = _("可預約資源")

    def __str__(self):
        return f"{self.get_center_display()} {self.name}"

    def get_absolute_url(self):
        return reverse("facilities:resource-calendar", args=[self.pk])

    def slot_list(self) -> list[tuple[datetime.time, datetime.time]]:
        """The configured slots as (start, end) times; empty when bookings may start any time."""
        result = []
        for part in filter(None, (p.strip() for p in self.slots.split(","))):
            start, _sep, end = part.partition("-")
            result.append((datetime.time.fromisoformat(start.strip()), datetime.time.fromisoformat(end.strip())))
        return result

    @property
    def detail(self):
        """The venue or vehicle this resource is."""
        return (
            getattr(self, "venue", None) if self.resource_type == ResourceType.VENUE else getattr(self, "vehicle", None)
        )


class Venue(TrackedModel):
    resource = models.OneToOneField(Resource, on_delete=models.PROTECT, related_name="venue", verbose_name=_("資源"))
    kind = models.CharField(_("場地類型"), max_length=12, choices=VenueKind.choices, db_index=True)
    group = models.CharField(_("統計分組"), max_length=10, choices=VenueGroup.choices, db_index=True)
    location = models.CharField(_("位置"), max_length=80, blank=True)
    capacity = models.PositiveIntegerField(_("容納人數"), default=0)
    equipment = models.CharField(_("設備"), max_length=200, blank=True)
    description = models.TextField(_("說明"), blank=True)
    # Open spaces (中庭、廣場、大禮堂) are applied for by organisers: the venue's terms they accept
    # and the days they have to supplement an incomplete application (補正).
    terms = models.TextField(_("場地使用規定"), blank=True, help_text=_("申請人送件前須勾選同意；留空則不需同意條款。"))
    correction_days = models.PositiveSmallIntegerField(
        _("補正期限（日）"), default=CORRECTION_LIMIT.default, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["resource__center", "kind", "resource__name"]
        verbose_name = _("場地")
        verbose_name_plural = _("場地")

    def __str__(self):
        return str(self.resource)

    def get_absolute_url(self):
        return self.resource.get_absolute_url()

    @property
    def name(self):
        return self.resource.name

    @property
    def center(self):
        return self.resource.center

    @property
    def takes_applications(self) -> bool:
        """Open spaces are applied for with an activity plan, terms and fees (SpaceApplication)."""
        return self.group == VenueGroup.OPEN_SPACE


class FeeRule(TrackedModel):
    """An exemption (免收) or discount (減收) of a venue's fee, as the venue sets them (規費法第12條:
    fees may be reduced or waived for public-interest use): 100% off is an exemption."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="fee_rules", verbose_name=_("場地"))
    name = models.CharField(_("減免項目"), max_length=80)
    percent_off = models.PositiveSmallIntegerField(
        _("減收比例（%）"), validators=[MinValueValidator(1), MaxValueValidator(100)], help_text=_("100 為免收。")
    )
    is_active = models.BooleanField(_("適用中"), default=True)

    class Meta:
        ordering = ["venue", "-percent_off", "name"]
        verbose_name = _("使用費減免")
        verbose_name_plural = _("使用費減免")

    def __str__(self):
        if self.percent_off >= 100:
            return _("%(name)s（免收）") % {"name": self.name}
        return _("%(name)s（減收 %(p)s%%）") % {"name": self.name, "p": self.percent_off}


class Vehicle(TrackedModel):
    resource = models.OneToOneField(Resource, on_delete=models.PROTECT, related_name="vehicle", verbose_name=_("資源"))
    kind = models.CharField(_("車種"), max_length=12, choices=VehicleKind.choices, db_index=True)
    plate = models.CharField(_("車牌號碼"), max_length=12, unique=True)
    model_name = models.CharField(_("廠牌型號"), max_length=60, blank=True)
    seats = models.PositiveSmallIntegerField(_("座位數"), default=5)
    driver_name = models.CharField(_("駕駛"), max_length=40, blank=True)
    driver_phone = models.CharField(_("駕駛電話"), max_length=20, blank=True)
    # Fleet register (公務車輛登記): what the yearly vehicle budget review reads.
    acquired_on = models.DateField(_("購置日期"), null=True, blank=True)
    purchase_cost = models.DecimalField(_("購置金額（元）"), max_digits=11, decimal_places=0, default=Decimal(0))
    annual_cost = models.DecimalField(
        _("年度油料維修保險費（元）"), max_digits=11, decimal_places=0, default=Decimal(0)
    )

    class Meta:
        ordering = ["kind", "plate"]
        verbose_name = _("公務車輛")
        verbose_name_plural = _("公務車輛")

    def __str__(self):
        return f"{self.get_kind_display()} {self.plate}"

    def get_absolute_url(self):
        return self.resource.get_absolute_url()

    @property
    def name(self):
        return self.resource.name

    def age_years(self, today: datetime.date | None = None) -> float | None:
        if self.acquired_on is None:
            return None
        today = today or timezone.localdate()
        return round((today - self.acquired_on).days / 365.25, 1)


class Closure(TrackedModel):
    """Days a resource (or a whole center) is not available: repairs, elections, typhoons."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, null=True, blank=True, related_name="closures", verbose_name=_("資源")
    )
    center = models.CharField(
        _("整個行政中心"), max_length=10, choices=Center.choices, blank=True, help_text=_("未指定資源時適用整個中心")
    )
    start_date = models.DateField(_("起日"))
    end_date = models.DateField(_("迄日"))
    reason = models.CharField(_("原因"), max_length=120)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("暫停開放日")
        verbose_name_plural = _("暫停開放日")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="closure_dates_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(resource__isnull=False) | ~models.Q(center=""), name="closure_has_scope"
            ),
        ]

    def __str__(self):
        scope = self.resource or self.get_center_display()
        return f"{scope} {self.start_date}–{self.end_date} {self.reason}"


class RecurringSeries(TrackedModel):
    """A booking that repeats weekly or monthly until a date; each occurrence is its own Booking."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="series", verbose_name=_("資源"))
    recurrence = models.CharField(_("重複"), max_length=10, choices=Recurrence.choices)
    until = models.DateField(_("重複至"))
    title = models.CharField(_("活動名稱"), max_length=120)
    end_notice_sent_at = models.DateTimeField(_("即將結束通知時間"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("週期性預約")
        verbose_name_plural = _("週期性預約")

    def __str__(self):
        return f"{self.title}（{self.get_recurrence_display()}至{self.until}）"


class BookingQuerySet(DecisionQuerySet, RestrictedQuerySet):
    def restrict_rows(self, user, action):
        # Staff see and cancel their own requests; the calendar shows others' as busy blocks only.
        return self.filter(requested_by=user)

    def of_resource(self, resource):
        """Bookings of one resource. On PostgreSQL the id is cast to bigint: psycopg sends small
        ints as int2/int4, and btree_gist has no cross-type `=`, so without the cast the
        exclusion constraint's GiST index could not be probed on (resource, span) together."""
        if connections[self.db].vendor == "postgresql":
            return self.filter(resource_id=Cast(Value(resource.pk), output_field=models.BigIntegerField()))
        return self.filter(resource=resource)

    def active(self):
        return self.filter(status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED])

    def overlapping(self, start: datetime.datetime, end: datetime.datetime):
        """Bookings whose blocked span (buffers included) meets [start, end) — touching is not meeting.

        On PostgreSQL the test is written as a range overlap (`&&`) on the very expression the
        exclusion constraint indexes, so that for confirmed bookings the planner probes that GiST
        index: the cost stays flat however many bookings a resource has (bench/). Two plain
        comparisons would scan every earlier booking of the resource in a b-tree.
        """
        if connections[self.db].vendor == "postgresql":
            from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

            from facilities.db import booking_span

            return self.annotate(_span=booking_span()).filter(_span__overlap=DateTimeTZRange(start, end, "[)"))
        return self.filter(blocked_start__lt=end, blocked_end__gt=start)

    def in_window(self, start: datetime.datetime, end: datetime.datetime):
        """Bookings that meet [start, end), for calendars and lists; a booking never lasts longer
        than MAX_DURATION_MINUTES, which bounds the index range scanned on `start`."""
        earliest = start - datetime.timedelta(minutes=MAX_DURATION_MINUTES)
        return self.filter(start__gte=earliest, start__lt=end, end__gt=start)


class Booking(DecisionFields, TrackedModel):
    """One use of a resource for [start, end). Two confirmed bookings of a resource never overlap:
    on PostgreSQL an exclusion constraint (migration 0002) over [blocked_start, blocked_end)
    refuses it; on SQLite `services.booking_create` checks inside a write-locked transaction."""

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("資源"))
    start = models.DateTimeField(_("開始"))
    end = models.DateTimeField(_("結束"))
    # The span the resource is taken, set-up and tear-down buffers included.
    blocked_start = models.DateTimeField(_("占用開始"), editable=False)
    blocked_end = models.DateTimeField(_("占用結束"), editable=False)
    duration_minutes = models.PositiveIntegerField(_("使用分鐘"), editable=False, default=0)
    status = models.CharField(_("狀態"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.PENDING)
    title = models.CharField(_("活動名稱"), max_length=120)
    organiser = models.CharField(_("申請單位"), max_length=80, blank=True)
    attendees = models.PositiveIntegerField(_("人數"), default=0)
    contact_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True)
    note = models.TextField(_("備註"), blank=True)
    channel = models.CharField(_("申請管道"), max_length=6, choices=BookingChannel.choices, default=BookingChannel.WEB)
    series = models.ForeignKey(
        RecurringSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("週期"),
    )
    cancelled_at = models.DateTimeField(_("取消時間"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    fee = models.DecimalField(_("使用費"), max_digits=9, decimal_places=0, default=Decimal(0))
    refund = models.DecimalField(_("退費"), max_digits=9, decimal_places=0, default=Decimal(0))
    # A change of an approved booking that needs approval again is its own pending row pointing
    # at the booking it would replace; the old one keeps its slot until the change is decided.
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("變更自"),
    )
    # The status a cancellation can be undone to (empty: the cancellation is final).
    status_before_cancel = models.CharField(_("取消前狀態"), max_length=10, blank=True, editable=False)
    decision_due_on = models.DateField(_("審核期限"), null=True, blank=True, db_index=True)
    competing_note = models.CharField(_("同時段提示"), max_length=200, blank=True)
    escalated_at = models.DateTimeField(_("逾期陳報時間"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("行前提醒時間"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("報到時間"), null=True, blank=True)
    released_at = models.DateTimeField(_("未報到釋出時間"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("預約")
        verbose_name_plural = _("預約")
        permissions = [("decide_booking", _("可審核預約"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_start"),
        ]
        indexes = [
            # The calendar and the clash check: one resource's bookings in a time window.
            models.Index(fields=["resource", "blocked_start", "blocked_end"], name="booking_resource_span"),
            models.Index(fields=["status", "start"], name="booking_status_start"),
            models.Index(fields=["requested_by", "-start"], name="booking_requester_start"),
            models.Index(fields=["start"], name="booking_start"),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"#{self.pk} {self.resource.name} {local:%Y-%m-%d %H:%M} {self.title}"

    def get_absolute_url(self):
        return reverse("facilities:booking-detail", args=[self.pk])

    def set_span(self) -> None:
        """Derive the blocked span and duration from start/end and the resource's buffers."""
        self.blocked_start = self.start - datetime.timedelta(minutes=self.resource.buffer_before_minutes)
        self.blocked_end = self.end + datetime.timedelta(minutes=self.resource.buffer_after_minutes)
        self.duration_minutes = int((self.end - self.start).total_seconds() // 60)

    @property
    def is_open(self) -> bool:
        return self.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED)

    def decision_due(self, calendar: WorkdayCalendar | None = None) -> datetime.date | None:
        """The day by which a pending request should be decided (stored when filed, see
        `compute_decision_due`)."""
        if self.status != BookingStatus.PENDING:
            return None
        if self.decision_due_on is not None:
            return self.decision_due_on
        if self.created_at is None:
            return None
        return self.compute_decision_due(calendar)

    def compute_decision_due(self, calendar: WorkdayCalendar | None = None) -> datetime.date:
        """The resource's decision_days (DECISION_LIMIT) from the day it was filed, on the office
        calendar — but never after the day before the event (a decision after it is worthless),
        and never before the day it was filed."""
        filed = timezone.localdate(self.created_at) if self.created_at else timezone.localdate()
        due = deadline(filed, self.resource.decision_days, calendar, count=DECISION_LIMIT.count)
        day_before = timezone.localtime(self.start).date() - datetime.timedelta(days=1)
        return max(filed, min(due, day_before))

    @property
    def is_change(self) -> bool:
        return self.replaces_id is not None

    @property
    def can_be_restored(self) -> bool:
        """A cancellation the requester or a clerk may undo: not final, and not started yet."""
        return (
            self.status == BookingStatus.CANCELLED and bool(self.status_before_cancel) and self.start > timezone.now()
        )


class VehicleTripQuerySet(RestrictedQuerySet):
    def restrict_rows(self, user, action):
        return self.filter(booking__requested_by=user)


class VehicleTrip(TrackedModel):
    """A dispatch request (派車) and, once driven, its trip log."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="trip", verbose_name=_("預約"))
    destination = models.CharField(_("目的地"), max_length=120)
    passengers = models.PositiveSmallIntegerField(_("乘車人數"), default=1, validators=[MinValueValidator(1)])
    passenger_names = models.CharField(_("乘車人員"), max_length=200, blank=True)
    odometer_start = models.PositiveIntegerField(_("出車里程"), null=True, blank=True)
    odometer_end = models.PositiveIntegerField(_("回場里程"), null=True, blank=True)
    departed_at = models.DateTimeField(_("實際出車"), null=True, blank=True)
    returned_at = models.DateTimeField(_("實際回場"), null=True, blank=True)
    log_note = models.CharField(_("行車紀錄備註"), max_length=200, blank=True)
    # Requested by kind (and seats); the clerk assigns the car and the driver per trip.
    requested_kind = models.CharField(_("申請車種"), max_length=12, choices=VehicleKind.choices, blank=True)
    driver_name = models.CharField(_("本趟駕駛"), max_length=40, blank=True)
    driver_phone = models.CharField(_("駕駛電話"), max_length=20, blank=True)
    # Exit and return inspection (出車／回場檢查)
    fuel_out = models.PositiveSmallIntegerField(
        _("出車油量（%）"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    fuel_in = models.PositiveSmallIntegerField(
        _("回場油量（%）"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    damage_out = models.CharField(_("出車車況"), max_length=200, blank=True)
    damage_in = models.CharField(_("回場車況（新增損傷）"), max_length=200, blank=True)

    objects = VehicleTripQuerySet.as_manager()

    class Meta:
        ordering = ["-booking__start"]
        verbose_name = _("派車")
        verbose_name_plural = _("派車")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(odometer_end__isnull=True)
                | models.Q(odometer_start__isnull=True)
                | models.Q(odometer_end__gte=models.F("odometer_start")),
                name="trip_odometer_forward",
            )
        ]

    def __str__(self):
        return f"{self.booking} → {self.destination}"

    @property
    def distance_km(self) -> int | None:
        if self.odometer_start is None or self.odometer_end is None:
            return None
        return self.odometer_end - self.odometer_start


class OwnRowsQuerySet(RestrictedQuerySet):
    """Requests filed by a member of staff: visible to them, and to clerks by permission."""

    def restrict_rows(self, user, action):
        if action != "view":
            return self.none()
        return self.filter(requested_by=user)


class PublicSpaceQuerySet(DecisionQuerySet, OwnRowsQuerySet):
    pass


class MaintenanceQuerySet(DueQuerySet, OwnRowsQuerySet):
    """Repairs whose clock runs (received, assigned, in progress): overdue / due soon on `due_on`."""

    due_field = "due_on"

    def open_q(self):
        return models.Q(status__in=MAINTENANCE_OPEN_STATUSES)


class MaintenanceRequest(TrackedModel):
    """A repair request (報修) for a building's shared equipment, with a timestamp per status."""

    center = models.CharField(_("行政中心"), max_length=10, choices=Center.choices, db_index=True)
    category = models.CharField(_("類別"), max_length=10, choices=MaintenanceCategory.choices, db_index=True)
    location = models.CharField(_("地點"), max_length=80)
    description = models.TextField(_("狀況說明"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maintenance_requests",
        verbose_name=_("報修人"),
    )
    reporter_unit = models.CharField(_("報修單位"), max_length=80, blank=True)
    contact_phone = models.CharField(_("聯絡電話"), max_length=20, blank=True)
    status = models.CharField(
        _("狀態"), max_length=12, choices=MaintenanceStatus.choices, default=MaintenanceStatus.RECEIVED, db_index=True
    )
    contractor = models.CharField(_("維修廠商／人員"), max_length=80, blank=True)
    resolution = models.CharField(_("處理情形"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("受理時間"), default=timezone.now, db_index=True)
    assigned_at = models.DateTimeField(_("派工時間"), null=True, blank=True)
    started_at = models.DateTimeField(_("開始維修"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完工時間"), null=True, blank=True)
    closed_at = models.DateTimeField(_("結案時間"), null=True, blank=True)
    # Building care: the clock by category and urgency (facilities/rules.py, MaintenanceLimit).
    urgency = models.CharField(
        _("緊急程度"),
        max_length=8,
        choices=MaintenanceUrgency.choices,
        default=MaintenanceUrgency.NORMAL,
        db_index=True,
    )
    response_due_on = models.DateField(_("派工期限"), null=True, blank=True, editable=False)
    repair_due_on = models.DateField(_("完修期限"), null=True, blank=True, editable=False)
    # The clock that runs now: the response limit until assigned, then the repair limit.
    due_on = models.DateField(_("期限"), null=True, blank=True, editable=False, db_index=True)

    objects = MaintenanceQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("報修")
        verbose_name_plural = _("報修")

    def __str__(self):
        return f"#{self.pk} {self.get_center_display()} {self.get_category_display()} {self.location}"

    def get_absolute_url(self):
        return reverse("facilities:maintenance-detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        """The clock has stopped: completed, closed or withdrawn."""
        return self.status not in MAINTENANCE_OPEN_STATUSES


class ParkingPermit(TrackedModel):
    """A temporary parking permit (臨時停車證) issued under the centers' car-park rules
    (高雄市政府四維及鳳山行政中心停車場使用管理要點)."""

    number = models.CharField(_("證號"), max_length=20, unique=True)
    center = models.CharField(_("行政中心"), max_length=10, choices=Center.choices, db_index=True)
    plate = models.CharField(_("車牌號碼"), max_length=12)
    holder = models.CharField(_("申請人／單位"), max_length=80)
    purpose = models.CharField(_("事由"), max_length=120, blank=True)
    valid_on = models.DateField(_("使用日期"))
    issued_on = models.DateField(_("核發日期"), default=timezone.localdate, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核發人"),
    )

    class Meta:
        ordering = ["-issued_on", "-number"]
        # the sortable 使用日期 column (the id breaks ties)
        indexes = [models.Index(fields=["valid_on", "id"], name="permit_valid_on")]
        verbose_name = _("臨時停車證")
        verbose_name_plural = _("臨時停車證")

    def __str__(self):
        return f"{self.number} {self.plate}"


class PublicSpaceRequest(DecisionFields, TrackedModel):
    """A request from a city agency or school to show a poster in the lifts (電梯海報) or a video
    on the atrium LED wall (LED電視牆)."""

    kind = models.CharField(_("類別"), max_length=12, choices=PublicSpaceKind.choices, db_index=True)
    center = models.CharField(_("行政中心"), max_length=10, choices=Center.choices)
    agency = models.CharField(_("申請機關學校"), max_length=80)
    title = models.CharField(_("主題"), max_length=120)
    start_date = models.DateField(_("起日"), db_index=True)
    end_date = models.DateField(_("迄日"))
    status = models.CharField(_("狀態"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)

    objects = PublicSpaceQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("公共空間宣導申請")
        verbose_name_plural = _("公共空間宣導申請")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="public_space_dates_ordered"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.agency} {self.title}"


class SpaceApplicationQuerySet(RestrictedQuerySet):
    """Organisers see their own applications; clerks (model permissions) every one."""

    def restrict_rows(self, user, action):
        return self.filter(booking__requested_by=user)


class SpaceApplication(TrackedModel):
    """An organiser's application for an open space (中庭、廣場、大禮堂): the booking it holds, the
    activity plan, the venue's terms accepted, 補正, fees with their exemption or discount,
    payment and the refund on cancellation (DOMAIN.md "Venues")."""

    booking = models.OneToOneField(
        Booking, on_delete=models.PROTECT, related_name="application", verbose_name=_("預約")
    )
    status = models.CharField(
        _("申請狀態"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    applicant_name = models.CharField(_("聯絡人"), max_length=40)
    applicant_email = models.EmailField(_("電子郵件"), blank=True)
    activity_plan = models.FileField(
        _("活動計畫書"),
        upload_to="facilities/plans/%Y/",
        blank=True,
        validators=[UploadValidator(kinds=("pdf", "office", "image"))],
    )
    plan_on_paper = models.BooleanField(_("計畫書以紙本送達"), default=False)
    terms_accepted_at = models.DateTimeField(_("同意使用規定時間"), null=True, blank=True)
    terms_text = models.TextField(_("同意之使用規定"), blank=True, editable=False)
    # Received on paper or at the counter: the clerk who entered it on the organiser's behalf.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("代為登錄"),
    )
    correction_note = models.CharField(_("補正事項"), max_length=300, blank=True)
    correction_requested_at = models.DateTimeField(_("通知補正時間"), null=True, blank=True)
    correction_due_on = models.DateField(_("補正期限"), null=True, blank=True)
    corrected_at = models.DateTimeField(_("補正完成時間"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("逾期失效時間"), null=True, blank=True)
    base_fee = models.DecimalField(_("原使用費"), max_digits=9, decimal_places=0, default=Decimal(0))
    fee_rule = models.ForeignKey(
        FeeRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("減免項目")
    )
    percent_off = models.PositiveSmallIntegerField(_("減收比例（%）"), default=0, editable=False)
    fee = models.DecimalField(_("應繳使用費"), max_digits=9, decimal_places=0, default=Decimal(0))
    payment_status = models.CharField(
        _("繳費狀態"), max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID, db_index=True
    )
    paid_at = models.DateTimeField(_("繳費時間"), null=True, blank=True)
    receipt_number = models.CharField(_("收據號碼"), max_length=30, blank=True)
    refund_amount = models.DecimalField(_("應退費"), max_digits=9, decimal_places=0, default=Decimal(0))
    refunded_at = models.DateTimeField(_("退費時間"), null=True, blank=True)

    objects = SpaceApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("場地使用申請")
        verbose_name_plural = _("場地使用申請")
        indexes = [
            # the lapse task: applications waiting for 補正, by their deadline
            models.Index(fields=["status", "correction_due_on"], name="application_status_due"),
            # the sortable columns of the list (the id breaks ties)
            models.Index(fields=["created_at", "id"], name="application_created"),
            models.Index(fields=["correction_due_on", "id"], name="application_due"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.booking.resource.name} {self.booking.title}"

    def get_absolute_url(self):
        return reverse("facilities:application-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.CORRECTION)


class VenuePhoto(TrackedModel):
    """會場現況照片: how the venue looks today, shown on its page and on the booking form."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="photos", verbose_name=_("場地"))
    image = models.FileField(
        _("照片"), upload_to="facilities/venues/%Y/", validators=[UploadValidator(kinds=("image",))]
    )
    caption = models.CharField(_("說明"), max_length=120, blank=True)
    taken_on = models.DateField(_("拍攝日期"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["venue", "position", "id"]
        verbose_name = _("會場現況照片")
        verbose_name_plural = _("會場現況照片")

    def __str__(self):
        return f"{self.venue.name} {self.caption}".strip()


class EquipmentItem(TrackedModel):
    """A piece of equipment lent with a booking (a projector, a wireless microphone set): one
    booking at a time, like a room."""

    name = models.CharField(_("設備名稱"), max_length=80)
    code = models.CharField(_("編號"), max_length=30, unique=True)
    center = models.CharField(_("行政中心"), max_length=10, choices=Center.choices, db_index=True)
    is_active = models.BooleanField(_("可借用"), default=True)
    note = models.CharField(_("備註"), max_length=200, blank=True)

    class Meta:
        ordering = ["center", "name", "code"]
        verbose_name = _("借用設備")
        verbose_name_plural = _("借用設備")

    def __str__(self):
        return f"{self.name}（{self.code}）"


class EquipmentLoan(TrackedModel):
    """An item lent with a booking, for the booking's blocked span. Two active loans of one item
    never overlap: on PostgreSQL an exclusion constraint (migration 0008) refuses it; on SQLite
    `services.equipment_lend` checks inside a write-locked transaction."""

    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, related_name="equipment_loans", verbose_name=_("預約")
    )
    item = models.ForeignKey(EquipmentItem, on_delete=models.PROTECT, related_name="loans", verbose_name=_("設備"))
    blocked_start = models.DateTimeField(_("占用開始"), editable=False)
    blocked_end = models.DateTimeField(_("占用結束"), editable=False)
    is_active = models.BooleanField(_("借用中"), default=True, editable=False)

    class Meta:
        ordering = ["blocked_start"]
        verbose_name = _("設備借用")
        verbose_name_plural = _("設備借用")
        indexes = [models.Index(fields=["item", "blocked_start", "blocked_end"], name="loan_item_span")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(blocked_end__gt=models.F("blocked_start")), name="loan_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.item} → #{self.booking_id}"


class CalendarFeedReset(TrackedModel):
    """When a user last reset their calendar subscription links: every feed key signed for them
    before `reset_at` is refused (a link that leaked, or a colleague who left the unit), on every
    resource at once. The calendar page then shows a new link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("使用者"), on_delete=models.CASCADE, related_name="feed_reset"
    )
    reset_at = models.DateTimeField(_("重設時間"))

    class Meta:
        verbose_name = _("行事曆訂閱連結重設")
        verbose_name_plural = _("行事曆訂閱連結重設")

    def __str__(self):
        return f"{self.user} {self.reset_at:%Y-%m-%d %H:%M}"


# --- building care: repair limits and the statutory inspection calendar ------------------------


class MaintenanceLimit(TrackedModel):
    """The response and repair limits of one category × urgency (facilities/rules.py gives the
    defaults and their basis; the clerks edit the table in the admin)."""

    category = models.CharField(_("類別"), max_length=10, choices=MaintenanceCategory.choices)
    urgency = models.CharField(_("緊急程度"), max_length=8, choices=MaintenanceUrgency.choices)
    response_days = models.PositiveSmallIntegerField(_("派工期限（日）"), validators=[MaxValueValidator(365)])
    repair_days = models.PositiveSmallIntegerField(_("完修期限（日）"), validators=[MaxValueValidator(365)])
    count = models.CharField(
        _("計算方式"),
        max_length=10,
        choices=[(DayCount.WORKING.value, _("工作日")), (DayCount.CALENDAR.value, _("日曆日"))],
        default=DayCount.WORKING.value,
    )
    source = models.CharField(_("依據"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "urgency"]
        constraints = [
            models.UniqueConstraint(fields=["category", "urgency"], name="maintenance_limit_one_per_pair"),
            models.CheckConstraint(
                condition=models.Q(repair_days__gte=models.F("response_days")), name="maintenance_limit_repair_after"
            ),
        ]
        verbose_name = _("報修時限")
        verbose_name_plural = _("報修時限")

    def __str__(self):
        return f"{self.get_category_display()} {self.get_urgency_display()}: {self.response_days}/{self.repair_days}"


class InspectionObligationQuerySet(DueQuerySet, RestrictedQuerySet):
    """Active obligations are always open: their next due day is the clock."""

    due_field = "next_due_on"

    def open_q(self):
        return models.Q(is_active=True)


class InspectionObligation(TrackedModel):
    """One statutory duty of a center (高低壓電氣設備檢驗, 消防安全設備檢修申報, 公共意外責任保險,
    昇降設備安全檢查) with its cycle and next due day; each inspection done is an InspectionRecord."""

    center = models.CharField(_("行政中心"), max_length=10, choices=Center.choices, db_index=True)
    kind = models.CharField(_("項目"), max_length=12, choices=InspectionKind.choices, db_index=True)
    scope = models.CharField(_("範圍"), max_length=80, blank=True, help_text=_("例如：客梯1至6號、全棟"))
    cycle_months = models.PositiveSmallIntegerField(
        _("週期（月）"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    remind_days = models.PositiveSmallIntegerField(
        _("到期前提醒（日）"), default=30, validators=[MaxValueValidator(365)]
    )
    next_due_on = models.DateField(_("下次到期日"), db_index=True)
    last_done_on = models.DateField(_("上次辦理日"), null=True, blank=True)
    basis = models.CharField(_("法令依據"), max_length=200, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承辦人"),
    )
    is_active = models.BooleanField(_("列管中"), default=True)
    note = models.TextField(_("備註"), blank=True)
    # The due day a reminder was sent for: one reminder per due day (tasks.remind_inspections).
    reminder_sent_for = models.DateField(_("已提醒之到期日"), null=True, blank=True, editable=False)

    objects = InspectionObligationQuerySet.as_manager()

    class Meta:
        ordering = ["next_due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "kind", "scope"],
                name="inspection_obligation_unique",
                violation_error_message=_("此行政中心已列管相同項目與範圍，請改填不同範圍。"),
            ),
        ]
        verbose_name = _("法定檢查項目")
        verbose_name_plural = _("法定檢查項目")

    def __str__(self):
        scope = f"（{self.scope}）" if self.scope else ""
        return f"{self.get_center_display()} {self.get_kind_display()}{scope}"

    def get_absolute_url(self):
        return reverse("facilities:inspection-detail", args=[self.pk])

    @property
    def remind_on(self) -> datetime.date:
        return self.next_due_on - datetime.timedelta(days=self.remind_days)


class InspectionRecord(TrackedModel):
    """An inspection (or filing, or renewal) done: date, who, result, certificate."""

    obligation = models.ForeignKey(
        InspectionObligation, on_delete=models.PROTECT, related_name="records", verbose_name=_("法定檢查項目")
    )
    inspected_on = models.DateField(_("辦理日期"), db_index=True)
    inspector = models.CharField(_("檢查機構／人員"), max_length=80)
    result = models.CharField(_("結果"), max_length=10, choices=InspectionResult.choices)
    certificate_no = models.CharField(_("證明文號"), max_length=60, blank=True)
    certificate = models.FileField(
        _("證明文件"), upload_to="facilities/inspections/%Y/", blank=True, validators=[UploadValidator()]
    )
    valid_until = models.DateField(_("有效期限"), null=True, blank=True)
    note = models.TextField(_("備註"), blank=True)
    due_on = models.DateField(_("對應到期日"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登錄人"),
    )

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("檢查紀錄")
        verbose_name_plural = _("檢查紀錄")

    def __str__(self):
        return f"{self.obligation} {self.inspected_on} {self.get_result_display()}"

    def get_absolute_url(self):
        return reverse("facilities:inspection-detail", args=[self.obligation_id]) + f"#record-{self.pk}"


class InspectionFinding(TrackedModel):
    """An item an inspection found wanting; `maintenance_request` is the repair it raised (the
    repair links back as `inspection_finding`)."""

    record = models.ForeignKey(
        InspectionRecord, on_delete=models.PROTECT, related_name="findings", verbose_name=_("檢查紀錄")
    )
    description = models.CharField(_("缺失內容"), max_length=200)
    location = models.CharField(_("地點"), max_length=80, blank=True)
    category = models.CharField(_("報修類別"), max_length=10, choices=MaintenanceCategory.choices)
    urgency = models.CharField(
        _("緊急程度"), max_length=8, choices=MaintenanceUrgency.choices, default=MaintenanceUrgency.NORMAL
    )
    maintenance_request = models.OneToOneField(
        MaintenanceRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_finding",
        verbose_name=_("改善報修"),
    )

    class Meta:
        ordering = ["record", "id"]
        verbose_name = _("檢查缺失")
        verbose_name_plural = _("檢查缺失")

    def __str__(self):
        return f"{self.record.obligation} {self.description}"
