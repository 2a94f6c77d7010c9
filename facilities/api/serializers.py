import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from facilities.choices import Center, PublicSpaceKind, ResourceType, VenueGroup
from facilities.models import (
    Booking,
    Closure,
    EquipmentItem,
    EquipmentLoan,
    FeeRule,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    Resource,
    SpaceApplication,
    VehicleTrip,
    Venue,
)
from kaohsiung_admin.core.api.fast import FastModelSerializer
from kaohsiung_admin.core.dates import validate_office_date as _validate_office_date


def validate_office_date(value):
    try:
        _validate_office_date(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc


class VenueSerializer(FastModelSerializer):
    resource = serializers.IntegerField(source="resource_id", read_only=True)
    name = serializers.CharField(source="resource.name", read_only=True)
    center = serializers.CharField(source="resource.center", read_only=True)
    needs_approval = serializers.BooleanField(source="resource.needs_approval", read_only=True)
    opens_at = serializers.TimeField(source="resource.opens_at", read_only=True)
    closes_at = serializers.TimeField(source="resource.closes_at", read_only=True)
    slots = serializers.CharField(source="resource.slots", read_only=True)
    advance_notice_days = serializers.IntegerField(source="resource.advance_notice_days", read_only=True)
    fee_per_hour = serializers.DecimalField(
        source="resource.fee_per_hour", max_digits=9, decimal_places=0, read_only=True
    )

    class Meta:
        model = Venue
        fields = [
            "id",
            "resource",
            "name",
            "center",
            "kind",
            "group",
            "location",
            "capacity",
            "equipment",
            "needs_approval",
            "opens_at",
            "closes_at",
            "slots",
            "advance_notice_days",
            "fee_per_hour",
        ]


BOOKING_WRITABLE = ("resource", "start", "end", "title", "organiser", "attendees", "contact_phone")


class BookingSerializer(FastModelSerializer):
    resource = serializers.PrimaryKeyRelatedField(queryset=Resource.objects.filter(is_active=True))
    resource_name = serializers.CharField(source="resource.name", read_only=True)
    center = serializers.CharField(source="resource.center", read_only=True)
    requested_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "resource",
            "resource_name",
            "center",
            "start",
            "end",
            "status",
            "title",
            "organiser",
            "attendees",
            "contact_phone",
            "requested_by",
            "channel",
            "fee",
            "decided_at",
            "decision_reason",
            "decision_due_on",
            "replaces",
            "cancelled_at",
            "cancel_reason",
            "refund",
            "checked_in_at",
            "series",
            "created_at",
        ]
        # everything but what a request writes
        read_only_fields = [f for f in fields if f not in ("id", "resource_name", "center", *BOOKING_WRITABLE)]
        # contact_phone is written, never listed back to other bureaus
        extra_kwargs = {"contact_phone": {"write_only": True}}

    def validate(self, attrs):
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": [_("結束時間必須晚於開始時間。")]})
        if attrs["resource"].resource_type == ResourceType.VEHICLE:
            raise serializers.ValidationError({"resource": [_("公務車請以 vehicle-trips 申請派車。")]})
        return attrs


class BookingListSerializer(BookingSerializer):
    class Meta(BookingSerializer.Meta):
        fields = [f for f in BookingSerializer.Meta.fields if f not in ("decision_reason", "contact_phone")]


class MaintenanceRequestSerializer(FastModelSerializer):
    # the finding of a statutory inspection that raised this repair, if any (building care)
    inspection_finding = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = MaintenanceRequest
        fields = [
            "id",
            "center",
            "category",
            "urgency",
            "response_due_on",
            "repair_due_on",
            "due_on",
            "inspection_finding",
            "location",
            "description",
            "reporter_unit",
            "status",
            "contractor",
            "received_at",
            "assigned_at",
            "started_at",
            "completed_at",
            "closed_at",
        ]
        read_only_fields = [
            "response_due_on",
            "repair_due_on",
            "due_on",
            "status",
            "contractor",
            "received_at",
            "assigned_at",
            "started_at",
            "completed_at",
            "closed_at",
        ]


class MaintenanceListSerializer(MaintenanceRequestSerializer):
    class Meta(MaintenanceRequestSerializer.Meta):
        fields = [f for f in MaintenanceRequestSerializer.Meta.fields if f != "description"]


class VehicleTripSerializer(FastModelSerializer):
    booking = serializers.IntegerField(source="booking_id", read_only=True)
    vehicle = serializers.IntegerField(source="booking.resource.vehicle.id", read_only=True)
    plate = serializers.CharField(source="booking.resource.vehicle.plate", read_only=True)
    vehicle_kind = serializers.CharField(source="booking.resource.vehicle.kind", read_only=True)
    start = serializers.DateTimeField(source="booking.start", read_only=True)
    end = serializers.DateTimeField(source="booking.end", read_only=True)
    status = serializers.CharField(source="booking.status", read_only=True)
    purpose = serializers.CharField(source="booking.title", read_only=True)
    distance_km = serializers.IntegerField(read_only=True)

    class Meta:
        model = VehicleTrip
        fields = [
            "id",
            "booking",
            "vehicle",
            "plate",
            "vehicle_kind",
            "start",
            "end",
            "status",
            "purpose",
            "destination",
            "passengers",
            "odometer_start",
            "odometer_end",
            "distance_km",
        ]


class VehicleTripCreateSerializer(serializers.Serializer):
    vehicle = serializers.PrimaryKeyRelatedField(queryset=Resource.objects.none())
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    destination = serializers.CharField(max_length=120)
    purpose = serializers.CharField(max_length=120)
    passengers = serializers.IntegerField(min_value=1, max_value=60, default=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from facilities.models import Vehicle

        self.fields["vehicle"].queryset = Vehicle.objects.filter(resource__is_active=True).select_related("resource")

    def validate(self, attrs):
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": [_("結束時間必須晚於開始時間。")]})
        return attrs


def _office_dates(attrs):
    for name in ("start_date", "end_date"):
        try:
            _validate_office_date(attrs[name])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({name: exc.messages}) from exc


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CancelSerializer(ReasonSerializer):
    whole_series = serializers.BooleanField(required=False, default=False)


class BookingChangeSerializer(serializers.Serializer):
    """Any of the fields; the rest stay as they are. `whole_series` moves every coming date of the
    series to the new hours of `start`/`end` (all or none)."""

    resource = serializers.PrimaryKeyRelatedField(queryset=Resource.objects.filter(is_active=True), required=False)
    start = serializers.DateTimeField(required=False)
    end = serializers.DateTimeField(required=False)
    title = serializers.CharField(max_length=120, required=False)
    organiser = serializers.CharField(max_length=80, required=False, allow_blank=True)
    attendees = serializers.IntegerField(min_value=0, max_value=100000, required=False)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    whole_series = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        booking = self.context["booking"]
        start, end = attrs.get("start", booking.start), attrs.get("end", booking.end)
        if end <= start:
            raise serializers.ValidationError({"end": [_("結束時間必須晚於開始時間。")]})
        if attrs.get("whole_series") and booking.series_id is None:
            raise serializers.ValidationError({"whole_series": [_("此預約不屬於週期預約。")]})
        return attrs


class AvailabilityQuerySerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    attendees = serializers.IntegerField(min_value=0, max_value=100000, required=False, default=0)
    equipment = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    center = serializers.ChoiceField(choices=Center.choices, required=False, allow_blank=True, default="")
    resource_type = serializers.ChoiceField(choices=ResourceType.choices, required=False, default=ResourceType.VENUE)

    def validate(self, attrs):
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": [_("結束時間必須晚於開始時間。")]})
        if attrs["end"] - attrs["start"] > datetime.timedelta(days=7):
            raise serializers.ValidationError({"end": [_("查詢期間最長 7 日。")]})
        return attrs


class ResourceSerializer(FastModelSerializer):
    class Meta:
        model = Resource
        fields = [
            "id",
            "resource_type",
            "name",
            "center",
            "is_active",
            "needs_approval",
            "open_days",
            "opens_at",
            "closes_at",
            "slots",
            "advance_notice_days",
            "decision_days",
            "booking_window_days",
            "min_duration_minutes",
            "max_duration_minutes",
            "change_notice_hours",
            "cancel_notice_hours",
            "checkin_required",
            "checkin_grace_minutes",
            "fee_per_hour",
        ]


class ParkingPermitSerializer(FastModelSerializer):
    plate = serializers.RegexField(r"^[A-Za-z0-9]{2,4}-?[A-Za-z0-9]{2,4}$", max_length=12)

    class Meta:
        model = ParkingPermit
        fields = ["id", "number", "center", "plate", "holder", "purpose", "valid_on", "issued_on"]
        read_only_fields = ["number", "issued_on"]

    def validate_valid_on(self, value):
        validate_office_date(value)
        return value


class PublicSpaceRequestSerializer(FastModelSerializer):
    class Meta:
        model = PublicSpaceRequest
        fields = [
            "id",
            "kind",
            "center",
            "agency",
            "title",
            "start_date",
            "end_date",
            "status",
            "decided_at",
            "decision_reason",
        ]
        read_only_fields = ["status", "decided_at", "decision_reason"]

    def validate(self, attrs):
        _office_dates(attrs)
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError({"end_date": [_("迄日不可早於起日。")]})
        if attrs["kind"] == PublicSpaceKind.LED_VIDEO and attrs["center"] != Center.SIWEI:
            raise serializers.ValidationError({"center": [_("LED電視牆僅設於四維行政中心中庭。")]})
        return attrs


class DecideSerializer(ReasonSerializer):
    approve = serializers.BooleanField()


class ClosureSerializer(FastModelSerializer):
    class Meta:
        model = Closure
        fields = ["id", "resource", "center", "start_date", "end_date", "reason"]

    def validate(self, attrs):
        _office_dates(attrs)
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError({"end_date": [_("迄日不可早於起日。")]})
        if not attrs.get("resource") and not attrs.get("center"):
            raise serializers.ValidationError({"center": [_("請指定場地或整個行政中心。")]})
        return attrs


class SpaceApplicationSerializer(FastModelSerializer):
    """An organiser's application for an open space, with the booking it holds."""

    venue = serializers.IntegerField(source="booking.resource.venue.pk", read_only=True)
    resource_name = serializers.CharField(source="booking.resource.name", read_only=True)
    start = serializers.DateTimeField(source="booking.start", read_only=True)
    end = serializers.DateTimeField(source="booking.end", read_only=True)
    title = serializers.CharField(source="booking.title", read_only=True)
    organiser = serializers.CharField(source="booking.organiser", read_only=True)
    attendees = serializers.IntegerField(source="booking.attendees", read_only=True)
    channel = serializers.CharField(source="booking.channel", read_only=True)
    booking_status = serializers.CharField(source="booking.status", read_only=True)
    has_activity_plan = serializers.SerializerMethodField()

    class Meta:
        model = SpaceApplication
        fields = [
            "id",
            "booking",
            "booking_status",
            "venue",
            "resource_name",
            "start",
            "end",
            "title",
            "organiser",
            "attendees",
            "channel",
            "status",
            "applicant_name",
            "has_activity_plan",
            "plan_on_paper",
            "terms_accepted_at",
            "entered_by",
            "correction_note",
            "correction_requested_at",
            "correction_due_on",
            "corrected_at",
            "lapsed_at",
            "base_fee",
            "fee_rule",
            "percent_off",
            "fee",
            "payment_status",
            "paid_at",
            "receipt_number",
            "refund_amount",
            "refunded_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_activity_plan(self, obj) -> bool:
        return bool(obj.activity_plan)


class SpaceApplicationCreateSerializer(serializers.Serializer):
    """The API speaks JSON: the activity plan is uploaded on the application's page, or handed in
    on paper (`plan_on_paper`). `on_behalf`: a clerk enters an application received on paper or
    at the counter."""

    venue = serializers.PrimaryKeyRelatedField(
        queryset=Venue.objects.filter(group=VenueGroup.OPEN_SPACE, resource__is_active=True).select_related("resource")
    )
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    title = serializers.CharField(max_length=120)
    organiser = serializers.CharField(max_length=80)
    applicant_name = serializers.CharField(max_length=40)
    contact_phone = serializers.CharField(max_length=20)
    applicant_email = serializers.EmailField(required=False, allow_blank=True, default="")
    attendees = serializers.IntegerField(min_value=0, max_value=100000, required=False, default=0)
    plan_on_paper = serializers.BooleanField(required=False, default=False)
    terms_accepted = serializers.BooleanField(required=False, default=False)
    fee_rule = serializers.PrimaryKeyRelatedField(
        queryset=FeeRule.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    on_behalf = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": [_("結束時間必須晚於開始時間。")]})
        return attrs


class CorrectionRequestSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300)


class CorrectionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300)


class PaymentSerializer(serializers.Serializer):
    receipt_number = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")


class ApplicationCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class EquipmentLendSerializer(serializers.Serializer):
    item = serializers.PrimaryKeyRelatedField(queryset=EquipmentItem.objects.all())


class EquipmentLoanSerializer(FastModelSerializer):
    item_name = serializers.CharField(source="item.name", read_only=True)

    class Meta:
        model = EquipmentLoan
        fields = ["id", "booking", "item", "item_name", "blocked_start", "blocked_end", "is_active"]
        read_only_fields = fields
