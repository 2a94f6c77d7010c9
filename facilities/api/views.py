"""API viewsets: querysets through restrict(), filters shared with the pages, writes through services."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from facilities import services
from facilities.api import serializers
from facilities.choices import BookingChannel
from facilities.filters import BookingFilterSet, MaintenanceFilterSet, VehicleTripFilterSet, VenueFilterSet
from facilities.models import Booking, MaintenanceRequest, VehicleTrip, Venue
from kaohsiung_admin.core.api.views import ListRetrieveCreateViewSet, ReadOnlyViewSet
from kaohsiung_admin.core.channel import API, request_channel

# Services raise core.errors.ServiceError; the API's exception handler answers it (a clash: 409
# with `conflicting_booking`), so no viewset translates errors itself.


def _channel(request) -> str:
    return BookingChannel.API if request_channel(request) == API else BookingChannel.WEB


class VenueViewSet(ReadOnlyViewSet):
    resource = "facilities.venues"
    queryset = Venue.objects.select_related("resource")
    serializer_class = serializers.VenueSerializer
    filterset_class = VenueFilterSet
    ordering_fields = ["id", "capacity", "kind"]
    ordering = ["id"]


CONFLICT = OpenApiResponse(
    description="The slot overlaps a confirmed booking: "
    '`{"status": 409, "code": "booking_conflict", "detail": "…", "conflicting_booking": <id>}`'
)


@extend_schema_view(
    create=extend_schema(
        responses={201: serializers.BookingSerializer, 400: OpenApiResponse(description="Field errors"), 409: CONFLICT}
    )
)
class BookingViewSet(ListRetrieveCreateViewSet):
    """Bookings of venues. POST books (409 with `conflicting_booking` on a clash); bookings are
    never deleted: POST `{id}/cancel/` cancels one."""

    resource = "facilities.bookings"
    queryset = Booking.objects.select_related("resource", "requested_by")
    serializer_class = serializers.BookingSerializer
    filterset_class = BookingFilterSet
    ordering_fields = ["start", "end", "created_at", "id"]
    ordering = ["-start"]

    def get_serializer_class(self):
        return serializers.BookingListSerializer if self.action == "list" else serializers.BookingSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.booking_create(
            resource=data["resource"],
            start=data["start"],
            end=data["end"],
            title=data["title"],
            organiser=data.get("organiser", ""),
            attendees=data.get("attendees", 0),
            contact_phone=data.get("contact_phone", ""),
            requested_by=self.request.user,
            channel=_channel(self.request),
        )

    @extend_schema(request=None, responses=serializers.BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = services.booking_cancel(
            booking=self.get_object(), user=request.user, reason=str(request.data.get("reason", ""))[:200]
        )
        return Response(serializers.BookingSerializer(booking).data)


class MaintenanceRequestViewSet(ListRetrieveCreateViewSet):
    resource = "facilities.maintenance-requests"
    queryset = MaintenanceRequest.objects.all()
    serializer_class = serializers.MaintenanceRequestSerializer
    filterset_class = MaintenanceFilterSet
    ordering_fields = ["received_at", "id", "status"]
    ordering = ["-received_at"]

    def get_serializer_class(self):
        return (
            serializers.MaintenanceListSerializer if self.action == "list" else serializers.MaintenanceRequestSerializer
        )

    def perform_create(self, serializer):
        serializer.instance = services.maintenance_create(requested_by=self.request.user, **serializer.validated_data)


class VehicleTripViewSet(ListRetrieveCreateViewSet):
    """Dispatch requests (派車) and their trip logs. POST requests a car (409 on a clash)."""

    resource = "facilities.vehicle-trips"
    queryset = VehicleTrip.objects.select_related("booking__resource__vehicle")
    serializer_class = serializers.VehicleTripSerializer
    filterset_class = VehicleTripFilterSet
    ordering_fields = ["booking__start", "id"]
    ordering = ["-booking__start"]

    def get_serializer_class(self):
        return serializers.VehicleTripCreateSerializer if self.action == "create" else serializers.VehicleTripSerializer

    @extend_schema(
        request=serializers.VehicleTripCreateSerializer,
        responses={201: serializers.VehicleTripSerializer, 409: CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        serializer = serializers.VehicleTripCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        trip = services.trip_request(
            vehicle=data["vehicle"],
            start=data["start"],
            end=data["end"],
            destination=data["destination"],
            title=data["purpose"],
            passengers=data["passengers"],
            requested_by=request.user,
            channel=_channel(request),
        )
        trip = self.get_queryset().model.objects.select_related("booking__resource__vehicle").get(pk=trip.pk)
        return Response(serializers.VehicleTripSerializer(trip).data, status=status.HTTP_201_CREATED)
