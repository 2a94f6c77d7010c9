"""Choices of the facilities app, with the Bureau's zh-Hant labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Center(models.TextChoices):
    SIWEI = "siwei", _("四維行政中心")
    FENGSHAN = "fengshan", _("鳳山行政中心")


class ResourceType(models.TextChoices):
    VENUE = "venue", _("場地")
    VEHICLE = "vehicle", _("車輛")


class VenueKind(models.TextChoices):
    ATRIUM = "atrium", _("中庭")
    PLAZA = "plaza", _("廣場")
    AUDITORIUM = "auditorium", _("大禮堂")
    MULTIMEDIA_ROOM = "multimedia", _("多媒體會議室")
    MEETING_ROOM = "meeting", _("會議室")


class VenueGroup(models.TextChoices):
    """How the annual report groups venues: open spaces (開放場地) against meeting rooms."""

    OPEN_SPACE = "open", _("中庭、廣場及大禮堂等")
    MEETING_ROOM = "meeting", _("各會議室")


class VehicleKind(models.TextChoices):
    OFFICIAL_CAR = "official", _("公務車")
    CEREMONIAL_CAR = "ceremonial", _("禮賓車")


class OpenDays(models.TextChoices):
    WORKING_DAYS = "working", _("上班日")
    EVERY_DAY = "every", _("每日")


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("待審核")
    CONFIRMED = "confirmed", _("已核准")
    REJECTED = "rejected", _("未核准")
    CANCELLED = "cancelled", _("已取消")
    NO_SHOW = "no_show", _("未報到已釋出")


# Statuses that occupy a resource on the calendar (pending ones queue; only confirmed ones block).
ACTIVE_BOOKING_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED)


class CompetingPolicy(models.TextChoices):
    """What happens to the other pending requests for a slot when one of them is approved."""

    FLAG = "flag", _("標示給管理人員處理")
    REJECT = "reject", _("自動不核准並告知理由")


class BookingChannel(models.TextChoices):
    WEB = "web", _("網頁")
    API = "api", _("API")
    COUNTER = "paper", _("臨櫃／紙本")
    DEMO = "demo", _("示範資料")


class Recurrence(models.TextChoices):
    NONE = "", _("不重複")
    WEEKLY = "weekly", _("每週")
    MONTHLY = "monthly", _("每月")


class MaintenanceCategory(models.TextChoices):
    BUILDING = "building", _("建築")
    PLUMBING_ELECTRICAL = "plumbing", _("水電")
    AIR_CONDITIONING = "hvac", _("空調")
    FIRE_SAFETY = "fire", _("消防")
    ELEVATOR = "elevator", _("電梯")
    TELECOM = "telecom", _("通信")
    PUBLIC_ADDRESS = "broadcast", _("廣播")
    SURVEILLANCE = "cctv", _("監視")


class MaintenanceStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    ASSIGNED = "assigned", _("已派工")
    IN_PROGRESS = "in_progress", _("維修中")
    COMPLETED = "completed", _("已完工")
    CLOSED = "closed", _("已結案")
    WITHDRAWN = "withdrawn", _("已撤回")


# status → the statuses it may move to next
MAINTENANCE_FLOW = {
    MaintenanceStatus.RECEIVED: [MaintenanceStatus.ASSIGNED, MaintenanceStatus.WITHDRAWN],
    MaintenanceStatus.ASSIGNED: [MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.COMPLETED],
    MaintenanceStatus.IN_PROGRESS: [MaintenanceStatus.COMPLETED],
    MaintenanceStatus.COMPLETED: [MaintenanceStatus.CLOSED, MaintenanceStatus.IN_PROGRESS],
    MaintenanceStatus.CLOSED: [],
    MaintenanceStatus.WITHDRAWN: [],
}


class PublicSpaceKind(models.TextChoices):
    LIFT_POSTER = "lift_poster", _("電梯海報")
    LED_VIDEO = "led_video", _("LED電視牆")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待審核")
    APPROVED = "approved", _("已核准")
    REJECTED = "rejected", _("未核准")
    WITHDRAWN = "withdrawn", _("已撤回")


class ApplicationStatus(models.TextChoices):
    """An organiser's application for an open space (中庭、廣場、大禮堂)."""

    SUBMITTED = "submitted", _("已送件待審")
    CORRECTION = "correction", _("待補正")
    APPROVED = "approved", _("已核准")
    REJECTED = "rejected", _("未核准")
    LAPSED = "lapsed", _("逾期未補正")
    CANCELLED = "cancelled", _("已取消")


# statuses in which the application still waits for the clerk or the organiser
OPEN_APPLICATION_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.CORRECTION)


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("未繳費")
    PAID = "paid", _("已繳費")
    EXEMPT = "exempt", _("免繳")
    REFUND_DUE = "refund_due", _("待退費")
    REFUNDED = "refunded", _("已退費")


# --- building care: repair urgency, statutory inspections ---------------------------------------


class MaintenanceUrgency(models.TextChoices):
    URGENT = "urgent", _("緊急")
    NORMAL = "normal", _("普通")
    LOW = "low", _("可排程")


# Open repair requests: the ones whose response/repair clock runs.
MAINTENANCE_OPEN_STATUSES = (MaintenanceStatus.RECEIVED, MaintenanceStatus.ASSIGNED, MaintenanceStatus.IN_PROGRESS)


class InspectionKind(models.TextChoices):
    ELECTRICAL = "electrical", _("高低壓電氣設備檢驗")
    FIRE_SAFETY = "fire", _("消防安全設備檢修申報")
    LIABILITY_INSURANCE = "insurance", _("公共意外責任保險續保")
    ELEVATOR = "elevator", _("昇降設備安全檢查")


class InspectionResult(models.TextChoices):
    PASSED = "passed", _("合格")
    FINDINGS = "findings", _("合格，有待改善事項")
    FAILED = "failed", _("不合格")
