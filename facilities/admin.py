from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from facilities.models import (
    Booking,
    CalendarFeedReset,
    Closure,
    EquipmentItem,
    EquipmentLoan,
    FeeRule,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    RecurringSeries,
    Resource,
    SpaceApplication,
    Vehicle,
    VehicleTrip,
    Venue,
    VenuePhoto,
)


class VenueInline(admin.StackedInline):
    model = Venue
    extra = 0
    exclude = ["created_by"]


class VehicleInline(admin.StackedInline):
    model = Vehicle
    extra = 0
    exclude = ["created_by"]


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "center", "resource_type", "is_active", "needs_approval", "advance_notice_days"]
    list_filter = ["center", "resource_type", "is_active", "needs_approval"]
    search_fields = ["name"]
    inlines = [VenueInline, VehicleInline]
    exclude = ["created_by"]


class FeeRuleInline(admin.TabularInline):
    """The venue's exemptions and discounts (100% = exempt)."""

    model = FeeRule
    extra = 0
    exclude = ["created_by"]


class VenuePhotoInline(admin.TabularInline):
    """會場現況照片, uploaded here or on the venue's photo page."""

    model = VenuePhoto
    extra = 0
    exclude = ["created_by"]


@admin.register(VenuePhoto)
class VenuePhotoAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "venue", "taken_on", "position"]
    list_select_related = ["venue__resource"]
    exclude = ["created_by"]


@admin.register(EquipmentItem)
class EquipmentItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "center", "is_active"]
    list_filter = ["center", "is_active"]
    search_fields = ["name", "code"]
    exclude = ["created_by"]


@admin.register(EquipmentLoan)
class EquipmentLoanAdmin(SimpleHistoryAdmin):
    """Loans are made with a booking (its page or the API), where the clash is checked."""

    list_display = ["__str__", "blocked_start", "blocked_end", "is_active"]
    list_filter = ["is_active", "item__center"]
    list_select_related = ["item", "booking"]
    readonly_fields = ["booking", "item", "blocked_start", "blocked_end", "is_active"]
    exclude = ["created_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "group", "capacity", "location", "correction_days"]
    list_filter = ["resource__center", "kind", "group"]
    search_fields = ["resource__name", "location"]
    list_select_related = ["resource"]
    raw_id_fields = ["resource"]
    exclude = ["created_by"]
    inlines = [FeeRuleInline, VenuePhotoInline]


@admin.register(FeeRule)
class FeeRuleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "venue", "percent_off", "is_active"]
    list_filter = ["is_active", "venue__resource__center"]
    list_select_related = ["venue__resource"]
    exclude = ["created_by"]


@admin.register(SpaceApplication)
class SpaceApplicationAdmin(SimpleHistoryAdmin):
    """Read and correct records; the steps (補正, decision, payment, refund) go through the pages,
    which apply the rules."""

    list_display = ["__str__", "status", "correction_due_on", "fee", "payment_status", "refund_amount"]
    list_filter = ["status", "payment_status", "booking__resource__center"]
    search_fields = ["booking__title", "booking__organiser", "applicant_name", "receipt_number"]
    list_select_related = ["booking__resource"]
    raw_id_fields = ["booking", "fee_rule", "entered_by"]
    readonly_fields = [
        "status",
        "terms_accepted_at",
        "terms_text",
        "base_fee",
        "percent_off",
        "fee",
        "refund_amount",
        "lapsed_at",
        "entered_by",
    ]
    exclude = ["created_by"]

    def has_delete_permission(self, request, obj=None):
        return False  # case records are never deleted


@admin.register(Vehicle)
class VehicleAdmin(SimpleHistoryAdmin):
    list_display = ["plate", "kind", "model_name", "seats", "driver_name"]
    list_filter = ["kind"]
    search_fields = ["plate", "driver_name"]
    raw_id_fields = ["resource"]
    exclude = ["created_by"]


@admin.register(Closure)
class ClosureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "resource", "center", "start_date", "end_date", "reason"]
    list_filter = ["center"]
    date_hierarchy = "start_date"
    exclude = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(RecurringSeries)
class RecurringSeriesAdmin(SimpleHistoryAdmin):
    list_display = ["title", "resource", "recurrence", "until"]
    raw_id_fields = ["resource"]
    exclude = ["created_by"]


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    """Read mostly: status changes go through the pages (services) so the clash rules hold."""

    list_display = ["id", "resource", "start", "end", "title", "status", "requested_by", "channel"]
    list_filter = ["status", "channel", "resource__center", "resource__resource_type"]
    search_fields = ["title", "organiser", "id"]
    date_hierarchy = "start"
    list_select_related = ["resource", "requested_by"]
    raw_id_fields = ["resource", "requested_by", "decided_by", "series"]
    readonly_fields = [
        "resource",
        "start",
        "end",
        "status",
        "blocked_start",
        "blocked_end",
        "duration_minutes",
        "requested_by",
        "decided_by",
        "decided_at",
        "cancelled_at",
        "fee",
        "refund",
        "series",
        "channel",
    ]
    exclude = ["created_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VehicleTrip)
class VehicleTripAdmin(SimpleHistoryAdmin):
    list_display = ["booking", "destination", "passengers", "odometer_start", "odometer_end"]
    raw_id_fields = ["booking"]
    list_select_related = ["booking__resource"]
    exclude = ["created_by"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MaintenanceRequest)
class MaintenanceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["id", "center", "category", "location", "status", "received_at", "completed_at"]
    list_filter = ["center", "category", "status"]
    search_fields = ["location", "description", "contractor"]
    date_hierarchy = "received_at"
    raw_id_fields = ["requested_by"]
    exclude = ["created_by"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ParkingPermit)
class ParkingPermitAdmin(SimpleHistoryAdmin):
    list_display = ["number", "center", "plate", "holder", "valid_on", "issued_on"]
    list_filter = ["center"]
    search_fields = ["number", "plate", "holder"]
    date_hierarchy = "issued_on"
    raw_id_fields = ["issued_by"]
    exclude = ["created_by"]


@admin.register(PublicSpaceRequest)
class PublicSpaceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["id", "kind", "center", "agency", "title", "start_date", "end_date", "status"]
    list_filter = ["kind", "center", "status"]
    search_fields = ["agency", "title"]
    raw_id_fields = ["requested_by", "decided_by"]
    exclude = ["created_by"]


@admin.register(CalendarFeedReset)
class CalendarFeedResetAdmin(SimpleHistoryAdmin):
    """Resetting a user's calendar links here (a link that leaked) refuses every key issued before."""

    list_display = ("user", "reset_at")
    search_fields = ("user__username", "user__display_name")
    raw_id_fields = ("user",)


# --- building care: repair limits, the statutory inspection calendar ---------------------------

from facilities.models import (  # noqa: E402
    InspectionFinding,
    InspectionObligation,
    InspectionRecord,
    MaintenanceLimit,
)


@admin.register(MaintenanceLimit)
class MaintenanceLimitAdmin(SimpleHistoryAdmin):
    """The response/repair days per category × urgency (defaults and basis: facilities/rules.py)."""

    list_display = ["category", "urgency", "response_days", "repair_days", "count", "source"]
    list_editable = ["response_days", "repair_days", "count"]
    list_filter = ["category", "urgency"]
    exclude = ["created_by"]

    def has_delete_permission(self, request, obj=None):
        return False


class InspectionRecordInline(admin.TabularInline):
    model = InspectionRecord
    extra = 0
    fields = ["inspected_on", "inspector", "result", "certificate_no", "certificate", "valid_until"]
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InspectionObligation)
class InspectionObligationAdmin(SimpleHistoryAdmin):
    list_display = [
        "center",
        "kind",
        "scope",
        "cycle_months",
        "last_done_on",
        "next_due_on",
        "responsible",
        "is_active",
    ]
    list_filter = ["center", "kind", "is_active"]
    search_fields = ["scope", "basis", "note"]
    raw_id_fields = ["responsible"]
    readonly_fields = ["reminder_sent_for"]
    exclude = ["created_by"]
    inlines = [InspectionRecordInline]

    def has_delete_permission(self, request, obj=None):
        return False


class InspectionFindingInline(admin.TabularInline):
    model = InspectionFinding
    extra = 0
    raw_id_fields = ["maintenance_request"]
    exclude = ["created_by"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InspectionRecord)
class InspectionRecordAdmin(SimpleHistoryAdmin):
    list_display = ["obligation", "inspected_on", "inspector", "result", "certificate_no", "valid_until"]
    list_filter = ["result", "obligation__center", "obligation__kind"]
    date_hierarchy = "inspected_on"
    raw_id_fields = ["recorded_by"]
    exclude = ["created_by"]
    inlines = [InspectionFindingInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InspectionFinding)
class InspectionFindingAdmin(SimpleHistoryAdmin):
    list_display = ["record", "description", "category", "urgency", "maintenance_request"]
    list_filter = ["category", "urgency"]
    search_fields = ["description", "location"]
    raw_id_fields = ["record", "maintenance_request"]
    exclude = ["created_by"]

    def has_delete_permission(self, request, obj=None):
        return False
