from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from facilities.choices import ResourceType
from facilities.models import Booking, MaintenanceRequest, Resource, VehicleTrip, Venue


class VenueSerializer(serializers.ModelSerializer):
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


class BookingSerializer(serializers.ModelSerializer):
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
            "created_at",
        ]
        read_only_fields = ["status", "requested_by", "channel", "fee", "decided_at", "decision_reason", "created_at"]
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


class MaintenanceRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = MaintenanceRequest
        fields = [
            "id",
            "center",
            "category",
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


class VehicleTripSerializer(serializers.ModelSerializer):
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
