"""API viewsets of international affairs: three declarations each, writes through services.
Tokens write a collection only when granted it (`issue_api_token <bureau> --write
international.visits`)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from international import selectors, services
from international.api import serializers
from international.filters import ActivityFilterSet, CityFilterSet, GiftFilterSet, VisitFilterSet
from international.models import Agreement, City, ExchangeActivity, ForeignMission, Gift, VisitCase
from kaohsiung_admin.core.api.filtering import FilterBackend
from kaohsiung_admin.core.api.views import ListRetrieveCreateViewSet, PersonalDataViewSetMixin, ReadOnlyViewSet
from kaohsiung_admin.core.dates import LAST_YEAR
from kaohsiung_admin.core.pages import int_param, year_param


class CityViewSet(ListRetrieveCreateViewSet):
    """Foreign cities with their tie (kind, date, ordinal). Filters: q, region, country, tie_kind,
    tied. `anniversaries/?year=2022` lists the year's 5-year anniversaries."""

    resource = "international.cities"
    queryset = City.objects.all()
    serializer_class = serializers.CitySerializer
    filterset_class = CityFilterSet
    filter_backends = [FilterBackend]  # ordering by the FilterSet's StableOrderingFilter

    def get_queryset(self):
        return selectors.city_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.city_create(user=self.request.user, **serializer.validated_data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1, "maximum": LAST_YEAR},
                description="2022, or a ROC year (111); this year when left out",
            )
        ],
        responses={200: dict},
    )
    @action(detail=False, filter_backends=[], pagination_class=None)
    def anniversaries(self, request):
        raw = request.query_params.get("year", "")
        if raw != "" and int_param(request, "year", None, low=1, high=LAST_YEAR) is None:
            raise ValidationError({"year": [f"年度須為 1 至 {LAST_YEAR} 的整數（西元或民國年）。"]})
        year = year_param(request, default=timezone.localdate().year)
        return Response(
            {
                "year": year,
                "anniversaries": [
                    {
                        "date": entry.date,
                        "years": entry.years,
                        "cities": [tie.city_id for tie in entry.ties],
                        "names": entry.names,
                    }
                    for entry in selectors.anniversaries(year)
                ],
            }
        )


class AgreementViewSet(ReadOnlyViewSet):
    resource = "international.agreements"
    queryset = Agreement.objects.all()
    serializer_class = serializers.AgreementSerializer
    filterset_fields = ["kind", "status"]
    ordering_fields = ["signed_on"]

    def get_queryset(self):
        return selectors.agreement_list(user=self.request.user)


class VisitViewSet(PersonalDataViewSetMixin, ListRetrieveCreateViewSet):
    """Visitor receptions. Filters: q, year (2022 or 111), country (id), city, mission, host_level,
    arrived_after, arrived_before; ordering: arrived_on, persons. Contact details masked unless
    granted; every full view logged."""

    resource = "international.visits"
    queryset = VisitCase.objects.all()
    filterset_class = VisitFilterSet
    filter_backends = [FilterBackend]

    def get_serializer_class(self):
        return serializers.VisitListSerializer if self.action == "list" else serializers.VisitSerializer

    def get_queryset(self):
        return selectors.visit_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.visit_record(user=self.request.user, **serializer.validated_data)


class ActivityViewSet(ListRetrieveCreateViewSet):
    """Exchange activities with cities. Filters: q, kind, year, city, country, programme."""

    resource = "international.activities"
    queryset = ExchangeActivity.objects.all()
    serializer_class = serializers.ActivitySerializer
    filterset_class = ActivityFilterSet
    filter_backends = [FilterBackend]

    def get_queryset(self):
        return selectors.activity_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.activity_record(user=self.request.user, **serializer.validated_data)


class GiftViewSet(PersonalDataViewSetMixin, ReadOnlyViewSet):
    """The gifts register. Filters: direction, report_status, due (overdue|due_soon), year, city."""

    resource = "international.gifts"
    queryset = Gift.objects.all()
    serializer_class = serializers.GiftSerializer
    filterset_class = GiftFilterSet
    filter_backends = [FilterBackend]

    def get_queryset(self):
        return selectors.gift_list(user=self.request.user)


class MissionViewSet(ReadOnlyViewSet):
    resource = "international.missions"
    queryset = ForeignMission.objects.all()
    serializer_class = serializers.MissionSerializer
    filterset_fields = ["kind", "is_active"]

    def get_queryset(self):
        return selectors.mission_list(user=self.request.user)
