"""API viewsets: dormitories, occupancies, check rounds, lendings, assets.

Writes go through the services (a clash answers 409 with the clashing record's id, a refused
state change 409/400 in the documented error shape). Occupants' personal data is masked unless
the caller may see it (a token issued with `--personal-data`, or a user holding
`dormitories.unmask_personal_data`); each record shown in full is logged, a page in one INSERT.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from dormitories import selectors, services
from dormitories.api import serializers
from dormitories.filters import (
    AssetFilterSet,
    CheckRoundFilterSet,
    DormitoryFilterSet,
    LendingFilterSet,
    OccupancyFilterSet,
    StocktakingFilterSet,
)
from dormitories.models import (
    Asset,
    CheckItem,
    CheckRound,
    Dormitory,
    Lending,
    Occupancy,
    StocktakingRound,
)
from kaohsiung_admin.core.api.filtering import FilterBackend
from kaohsiung_admin.core.api.views import ListRetrieveCreateViewSet, PersonalDataViewSetMixin, ReadOnlyViewSet
from kaohsiung_admin.core.errors import ServiceError


class DormitoryViewSet(mixins.UpdateModelMixin, ListRetrieveCreateViewSet):
    """宿舍. Filters: kind, status, district, lendable, on_register_in (year), q; ordering: code,
    kind, district, status."""

    resource = "dormitories.dormitories"
    queryset = Dormitory.objects.order_by("code")
    serializer_class = serializers.DormitorySerializer
    filter_backends = [FilterBackend]
    filterset_class = DormitoryFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.dormitory_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.dormitory_update(
            dormitory=serializer.instance, by=self.request.user, **serializer.validated_data
        )


class OccupancyViewSet(PersonalDataViewSetMixin, ListRetrieveCreateViewSet):
    """借住紀錄. Filters: dormitory, kind, status, due (overdue|due_soon: the move-out clock),
    started_after, started_before, q; ordering: start_on, move_out_due_on. A clash answers 409
    with `conflicting_occupancy`."""

    resource = "dormitories.occupancies"
    queryset = Occupancy.objects.all()
    serializer_class = serializers.OccupancySerializer
    filter_backends = [FilterBackend]
    filterset_class = OccupancyFilterSet
    action_permissions = {"move_out": "change", "end_eligibility": "change"}

    def get_queryset(self):
        return selectors.occupancy_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        dormitory = data.pop("dormitory")
        serializer.instance = services.occupancy_create(dormitory=dormitory, by=self.request.user, **data)
        self.log_full_views([serializer.instance])

    def _date_action(self, request, service, name):
        occupancy = self.get_object()
        body = serializers.DateActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        occupancy = service(
            occupancy=occupancy, by=request.user, note=body.validated_data["note"], **{name: body.validated_data["on"]}
        )
        self.log_full_views([occupancy])
        return Response(self.get_serializer(occupancy).data)

    @extend_schema(request=serializers.DateActionSerializer, responses=serializers.OccupancySerializer)
    @action(detail=True, methods=["post"], url_path="move-out")
    def move_out(self, request, pk=None):
        """Record the move-out: `{"on": "2022-06-30"}`."""
        return self._date_action(request, services.occupancy_move_out, "moved_out_on")

    @extend_schema(request=serializers.DateActionSerializer, responses=serializers.OccupancySerializer)
    @action(detail=True, methods=["post"], url_path="end-eligibility")
    def end_eligibility(self, request, pk=None):
        """Eligibility ended `{"on": …}`: the move-out due day is 3 months later."""
        return self._date_action(request, services.occupancy_end_eligibility, "ended_on")


class CheckRoundViewSet(ListRetrieveCreateViewSet):
    """居住事實查考. Filters: year (2022 or 111), status. POST opens a round with a checklist of
    every occupied unit; `items/` lists it; `record/` records a finding; `close/` closes it."""

    resource = "dormitories.check-rounds"
    queryset = CheckRound.objects.none()
    serializer_class = serializers.CheckRoundSerializer
    filter_backends = [FilterBackend]
    filterset_class = CheckRoundFilterSet
    action_permissions = {"record": "dormitories.change_checkitem", "close": "change"}

    def get_queryset(self):
        return selectors.check_round_list(user=self.request.user)

    def perform_create(self, serializer):
        check_round = services.check_round_open(by=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=check_round.pk)

    @extend_schema(responses=serializers.CheckItemSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def items(self, request, pk=None):
        """The round's checklist: every item, one list (not paged)."""
        check_round = self.get_object()
        return Response(serializers.CheckItemSerializer(selectors.check_items(check_round=check_round), many=True).data)

    @extend_schema(request=serializers.CheckRecordSerializer, responses=serializers.CheckItemSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        check_round = self.get_object()
        body = serializers.CheckRecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        item = CheckItem.objects.filter(round=check_round, pk=data.pop("item")).first()
        if item is None:
            raise ServiceError("此查考沒有這個項目。", code="not_found", status=404, field="item")
        item = services.check_item_record(item=item, by=request.user, **data)
        return Response(serializers.CheckItemSerializer(item).data)

    @extend_schema(request=serializers.DateActionSerializer, responses=serializers.CheckRoundCloseSerializer)
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def close(self, request, pk=None):
        """Close the round; answers the units left unchecked."""
        check_round = self.get_object()
        body = serializers.DateActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.check_round_close(
            check_round=check_round, closed_on=body.validated_data["on"], by=request.user
        )
        return Response(
            {
                "unchecked": serializers.CheckItemSerializer(report.unchecked, many=True).data,
                "needing_action": serializers.CheckItemSerializer(report.needing_action, many=True).data,
            }
        )


class LendingViewSet(ListRetrieveCreateViewSet):
    """場所借用 (市長官邸, 眷舍空屋). Filters: dormitory, mayor_residence, status, purpose, year,
    starts_after, starts_before; ordering: start_at. `decide/` approves or rejects; an approval
    over another approved lending answers 409 with `conflicting_lending`."""

    resource = "dormitories.lendings"
    queryset = Lending.objects.none()
    serializer_class = serializers.LendingSerializer
    filter_backends = [FilterBackend]
    filterset_class = LendingFilterSet
    action_permissions = {"decide": "change"}

    def get_queryset(self):
        return selectors.lending_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.lending_request(by=self.request.user, **serializer.validated_data)

    @extend_schema(request=serializers.DecisionSerializer, responses=serializers.LendingSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        lending = self.get_object()
        body = serializers.DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lending = services.lending_decide(lending=lending, by=request.user, **body.validated_data)
        return Response(self.get_serializer(lending).data)


class AssetViewSet(ListRetrieveCreateViewSet):
    """財產及物品. Filters: q, category (code), group (類), kind (property|item), status, location
    (code), acquired_after, acquired_before, event + event_year; ordering: number, acquired_on,
    cost. POST registers an acquisition (增加) with its voucher; `events/` records 異動保管, 移撥,
    捐贈, 變賣 or 報廢 through the state machine."""

    resource = "dormitories.assets"
    queryset = Asset.objects.none()
    serializer_class = serializers.AssetSerializer
    filter_backends = [FilterBackend, OrderingFilter]
    filterset_class = AssetFilterSet
    ordering = ["number"]
    action_permissions = {"events": "change"}

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.asset_list(user=self.request.user).prefetch_related("events")
        return selectors.asset_list(user=self.request.user).order_by("number")

    def get_serializer_class(self):
        return serializers.AssetDetailSerializer if self.action == "retrieve" else serializers.AssetSerializer

    def perform_create(self, serializer):
        serializer.instance = services.asset_create(by=self.request.user, **serializer.validated_data)

    @extend_schema(request=serializers.AssetEventCreateSerializer, responses=serializers.AssetEventSerializer)
    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        asset = self.get_object()
        body = serializers.AssetEventCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = services.asset_record_event(asset=asset, by=request.user, **body.validated_data)
        return Response(serializers.AssetEventSerializer(event).data, status=status.HTTP_201_CREATED)


class StocktakingViewSet(ReadOnlyViewSet):
    """財產盤點 rounds with their counts. Filters: year, status, location (code)."""

    resource = "dormitories.stocktaking"
    queryset = StocktakingRound.objects.none()
    serializer_class = serializers.StocktakingSerializer
    filter_backends = [FilterBackend]
    filterset_class = StocktakingFilterSet

    def get_queryset(self):
        return selectors.stocktaking_list(user=self.request.user)
