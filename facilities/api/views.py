"""API viewsets: querysets through restrict(), filters shared with the pages, writes through services."""

import datetime

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from facilities import selectors, services
from facilities.api import serializers
from facilities.choices import BookingChannel, BookingStatus
from facilities.filters import (
    BookingFilterSet,
    MaintenanceFilterSet,
    ParkingPermitFilterSet,
    PublicSpaceFilterSet,
    SpaceApplicationFilterSet,
    VehicleTripFilterSet,
    VenueFilterSet,
)
from facilities.models import (
    Booking,
    Closure,
    MaintenanceRequest,
    ParkingPermit,
    PublicSpaceRequest,
    Resource,
    SpaceApplication,
    VehicleTrip,
    Venue,
)
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

    # the same permission as the page that does the same thing
    action_permissions = {"approve": "facilities.decide_booking", "reject": "facilities.decide_booking"}

    def _answer(self, booking, status_code=status.HTTP_200_OK):
        booking = Booking.objects.select_related("resource", "requested_by").get(pk=booking.pk)
        return Response(serializers.BookingSerializer(booking).data, status=status_code)

    def _reason(self, request, serializer_class=serializers.ReasonSerializer):
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=serializers.CancelSerializer, responses=serializers.BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel with the reason recorded; `whole_series` cancels every coming date of its series."""
        data = self._reason(request, serializers.CancelSerializer)
        booking = self.get_object()
        if data["whole_series"] and booking.series_id:
            services.series_cancel(series=booking.series, user=request.user, reason=data["reason"])
            booking.refresh_from_db()
            return self._answer(booking)
        booking = services.booking_cancel(booking=booking, user=request.user, reason=data["reason"])
        return self._answer(booking)

    @extend_schema(request=None, responses=serializers.BookingSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        """Undo a cancellation while the booking has not started and its slot is still free."""
        return self._answer(services.booking_restore(booking=self.get_object(), user=request.user))

    @extend_schema(
        request=serializers.BookingChangeSerializer,
        responses={200: serializers.BookingSerializer, 201: serializers.BookingSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def change(self, request, pk=None):
        """Change time, resource, head-count or title. 200 with the booking changed in place, or
        201 with a new pending change request (`replaces` = this booking) that keeps the old slot
        until a clerk decides."""
        booking = self.get_object()
        serializer = serializers.BookingChangeSerializer(data=request.data, context={"booking": booking})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data.pop("whole_series"):
            tz = timezone.get_current_timezone()
            start_time = timezone.localtime(data.pop("start"), tz).time() if "start" in data else None
            end_time = timezone.localtime(data.pop("end"), tz).time() if "end" in data else None
            results = services.series_change(
                series=booking.series, user=request.user, start_time=start_time, end_time=end_time, **data
            )
            return Response(
                serializers.BookingSerializer(
                    Booking.objects.filter(pk__in=[b.pk for b in results]).select_related("resource", "requested_by"),
                    many=True,
                ).data
            )
        result = services.booking_change(booking=booking, user=request.user, **data)
        return self._answer(result, status.HTTP_201_CREATED if result.pk != booking.pk else status.HTTP_200_OK)

    @extend_schema(request=serializers.ReasonSerializer, responses={200: serializers.BookingSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = self._reason(request)
        return self._answer(services.booking_approve(booking=self.get_object(), user=request.user, **data))

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.BookingSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = self._reason(request)
        return self._answer(services.booking_reject(booking=self.get_object(), user=request.user, **data))

    @extend_schema(
        request=serializers.EquipmentLendSerializer,
        responses={201: serializers.EquipmentLoanSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def equipment(self, request, pk=None):
        """Lend an item (a projector) with this booking for its time; 409 naming the booking that
        has the item then."""
        body = serializers.EquipmentLendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        loan = services.equipment_lend(booking=self.get_object(), item=body.validated_data["item"], user=request.user)
        return Response(serializers.EquipmentLoanSerializer(loan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.BookingSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        return self._answer(services.booking_check_in(booking=self.get_object(), user=request.user))


class ResourceViewSet(ReadOnlyViewSet):
    """Bookable resources (venues and cars) with their rules; `availability` for a time range."""

    resource = "facilities.resources"
    queryset = Resource.objects.filter(is_active=True).select_related("venue", "vehicle")
    serializer_class = serializers.ResourceSerializer
    ordering_fields = ["id", "name", "center"]
    ordering = ["id"]

    @extend_schema(parameters=[serializers.AvailabilityQuerySerializer], responses={200: dict})
    @action(detail=True, methods=["get"])
    def availability(self, request, pk=None):
        """Whether the resource is free for [start, end), the rules that stand in the way, and
        the bookings (confirmed and pending) meeting the range."""
        resource = self.get_object()
        query = serializers.AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.validated_data["start"], query.validated_data["end"]
        rules = services.booking_rule_errors(
            resource=resource, start=start, end=end, enforce_notice=not services.is_clerk(request.user)
        )
        bookings = list(
            Booking.objects.of_resource(resource)
            .filter(status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED])
            .in_window(start, end)
            .order_by("start")
        )
        before = datetime.timedelta(minutes=resource.buffer_before_minutes)
        after = datetime.timedelta(minutes=resource.buffer_after_minutes)
        clash = [
            b
            for b in bookings
            if b.status == BookingStatus.CONFIRMED and b.blocked_start < end + after and b.blocked_end > start - before
        ]
        return Response(
            {
                "resource": resource.pk,
                "start": start,
                "end": end,
                "free": not rules and not clash,
                "rule_errors": rules,
                "busy": [{"id": b.pk, "start": b.start, "end": b.end, "status": b.status} for b in bookings],
            }
        )

    @extend_schema(parameters=[serializers.AvailabilityQuerySerializer], responses={200: dict})
    @action(detail=False, methods=["get"])
    def free(self, request):
        """找空場地: every resource for [start, end), head-count and equipment (comma-separated),
        free ones first, the others with why not."""
        query = serializers.AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        candidates = selectors.free_resources(
            start=data["start"],
            end=data["end"],
            attendees=data["attendees"],
            equipment=[w for w in data["equipment"].split(",") if w.strip()],
            center=data["center"],
            resource_type=data["resource_type"],
            enforce_notice=not services.is_clerk(request.user),
        )
        return Response(
            [
                {
                    "resource": c.resource.pk,
                    "name": c.resource.name,
                    "center": c.resource.center,
                    "free": c.free,
                    "reasons": c.reasons,
                    "conflicting_booking": c.conflict.pk if c.conflict else None,
                }
                for c in candidates
            ]
        )


class ParkingPermitViewSet(ListRetrieveCreateViewSet):
    """Temporary parking permits (臨時停車證): numbered per center and year on issue."""

    resource = "facilities.parking-permits"
    queryset = ParkingPermit.objects.all()
    serializer_class = serializers.ParkingPermitSerializer
    filterset_class = ParkingPermitFilterSet
    ordering_fields = ["issued_on", "number", "id"]
    ordering = ["-issued_on", "-number"]

    def get_queryset(self):
        # permits carry plates and holders: the same permission as the permit list page (a
        # bureau's token reads what its grant allows, checked by ResourcePermission)
        from kaohsiung_admin.accounts.models import ApiToken

        request = self.request
        if isinstance(request.auth, ApiToken) or request.user.has_perm("facilities.view_parkingpermit"):
            return super().get_queryset()
        return ParkingPermit.objects.none()

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.permit_issue(
            center=data["center"],
            plate=data["plate"],
            holder=data["holder"],
            valid_on=data["valid_on"],
            purpose=data.get("purpose", ""),
            user=self.request.user,
        )


class PublicSpaceRequestViewSet(ListRetrieveCreateViewSet):
    """Lift posters and LED-wall videos; POST `{id}/decide/` with `approve` and `reason`."""

    resource = "facilities.public-space-requests"
    queryset = PublicSpaceRequest.objects.all()
    serializer_class = serializers.PublicSpaceRequestSerializer
    filterset_class = PublicSpaceFilterSet
    ordering_fields = ["start_date", "id"]
    ordering = ["-start_date", "-id"]
    action_permissions = {"decide": "facilities.change_publicspacerequest"}

    def perform_create(self, serializer):
        serializer.save(requested_by=self.request.user, created_by=self.request.user)

    @extend_schema(request=serializers.DecideSerializer, responses=serializers.PublicSpaceRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        body = serializers.DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = services.public_space_decide(
            request=self.get_object(),
            user=request.user,
            approve=body.validated_data["approve"],
            reason=body.validated_data["reason"],
        )
        return Response(serializers.PublicSpaceRequestSerializer(item).data)


class ClosureViewSet(ListRetrieveCreateViewSet):
    """Closure dates of a resource or a whole center: bookings are refused on them."""

    resource = "facilities.closures"
    queryset = Closure.objects.select_related("resource")
    serializer_class = serializers.ClosureSerializer
    ordering_fields = ["start_date", "id"]
    ordering = ["start_date"]

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)


def _maintenance_due_parameters():
    from facilities.choices import Center, MaintenanceCategory, MaintenanceUrgency

    orderings = ["due_on", "received_at", "category", "urgency", "status"]
    return [
        OpenApiParameter("due", str, enum=["overdue", "due_soon", "within", "on_time"]),
        OpenApiParameter("center", str, enum=Center.values),
        OpenApiParameter("category", str, enum=MaintenanceCategory.values),
        OpenApiParameter("urgency", str, enum=MaintenanceUrgency.values),
        OpenApiParameter("ordering", str, enum=orderings + [f"-{o}" for o in orderings]),
    ]


MAINTENANCE_DUE_PARAMETERS = _maintenance_due_parameters()


class MaintenanceRequestViewSet(ListRetrieveCreateViewSet):
    """Repair requests (報修). `overdue/` lists the open ones past (or near) their response or
    repair day (`?due=overdue|due_soon|within`, default within), as the page does."""

    resource = "facilities.maintenance-requests"
    queryset = MaintenanceRequest.objects.select_related("inspection_finding")
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

    @extend_schema(parameters=MAINTENANCE_DUE_PARAMETERS, responses=serializers.MaintenanceListSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=None)
    def overdue(self, request):
        from facilities.care_filters import MaintenanceDueFilterSet

        data = request.query_params.copy()
        data.setdefault("due", "within")
        if not data.get("due"):
            data["due"] = "within"
        rows = self.get_queryset().open().order_by("due_on", "id")
        filterset = MaintenanceDueFilterSet(data, queryset=rows)
        if not filterset.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        return self.get_paginated_response(serializers.MaintenanceListSerializer(page, many=True).data)


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


@extend_schema_view(
    create=extend_schema(
        request=serializers.SpaceApplicationCreateSerializer,
        responses={
            201: serializers.SpaceApplicationSerializer,
            400: OpenApiResponse(description="Field errors"),
            409: CONFLICT,
        },
    )
)
class SpaceApplicationViewSet(ListRetrieveCreateViewSet):
    """Organisers' applications for the open spaces (中庭、廣場、大禮堂). POST applies (the
    activity plan on paper or uploaded on the page, the venue's terms accepted); actions:
    request-correction, correct, approve, reject, pay, cancel (the refund computed), refunded."""

    resource = "facilities.space-applications"
    queryset = SpaceApplication.objects.select_related("booking__resource__venue")
    serializer_class = serializers.SpaceApplicationSerializer
    filterset_class = SpaceApplicationFilterSet
    ordering_fields = ["created_at", "correction_due_on", "id"]
    ordering = ["-created_at", "-id"]
    # the same permission as the page (the services check it too)
    action_permissions = {
        "request_correction": "facilities.decide_booking",
        "approve": "facilities.decide_booking",
        "reject": "facilities.decide_booking",
        "pay": "facilities.decide_booking",
        "refunded": "facilities.decide_booking",
    }

    def _answer(self, application, status_code=status.HTTP_200_OK):
        application = (
            self.get_queryset().model.objects.select_related("booking__resource__venue").get(pk=application.pk)
        )
        return Response(serializers.SpaceApplicationSerializer(application).data, status=status_code)

    def _body(self, request, serializer_class):
        body = serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        return body.validated_data

    def create(self, request, *args, **kwargs):
        data = dict(self._body(request, serializers.SpaceApplicationCreateSerializer))
        application = services.application_submit(
            user=request.user, channel=_channel(request), terms_accepted=data.pop("terms_accepted"), **data
        )
        return self._answer(application, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.CorrectionRequestSerializer, responses=serializers.SpaceApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="request-correction")
    def request_correction(self, request, pk=None):
        data = self._body(request, serializers.CorrectionRequestSerializer)
        return self._answer(
            services.application_request_correction(application=self.get_object(), user=request.user, note=data["note"])
        )

    @extend_schema(request=serializers.CorrectionSerializer, responses=serializers.SpaceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        data = self._body(request, serializers.CorrectionSerializer)
        return self._answer(
            services.application_correct(application=self.get_object(), user=request.user, note=data["note"])
        )

    @extend_schema(
        request=serializers.ReasonSerializer, responses={200: serializers.SpaceApplicationSerializer, 409: CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = self._body(request, serializers.ReasonSerializer)
        return self._answer(
            services.application_decide(application=self.get_object(), user=request.user, approve=True, **data)
        )

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.SpaceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = self._body(request, serializers.ReasonSerializer)
        return self._answer(
            services.application_decide(application=self.get_object(), user=request.user, approve=False, **data)
        )

    @extend_schema(request=serializers.PaymentSerializer, responses=serializers.SpaceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        data = self._body(request, serializers.PaymentSerializer)
        return self._answer(services.application_pay(application=self.get_object(), user=request.user, **data))

    @extend_schema(request=serializers.ApplicationCancelSerializer, responses=serializers.SpaceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = self._body(request, serializers.ApplicationCancelSerializer)
        return self._answer(services.application_cancel(application=self.get_object(), user=request.user, **data))

    @extend_schema(request=None, responses=serializers.SpaceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def refunded(self, request, pk=None):
        return self._answer(services.application_refunded(application=self.get_object(), user=request.user))
