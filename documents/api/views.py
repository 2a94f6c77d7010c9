"""API: `documents/documents/` and `documents/petitions/` — read for every token, written
(register, move) by tokens granted `documents.documents` / `documents.petitions` and by staff
holding the same permissions as the pages. Services raise core's ServiceError; the API's handler
answers it in the documented shape."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from documents import selectors, services
from documents.api import serializers
from documents.filters import DocumentFilterSet, PetitionFilterSet
from documents.models import OfficialDocument, Petition
from kaohsiung_admin.core.api.filtering import FilterBackend
from kaohsiung_admin.core.api.views import ListRetrieveCreateViewSet, PersonalDataViewSetMixin


class DocumentViewSet(ListRetrieveCreateViewSet):
    """公文. Filters: direction, nature, status, security, unit, officer, received_after/before,
    due_after/before, year, due (overdue|due_soon|on_time), overdue, e_signed, sent_via_exchange,
    q; ordering: received_on, due_on, number (prefix - for descending). Documents are never deleted."""

    resource = "documents.documents"
    queryset = OfficialDocument.objects.all()
    filter_backends = [FilterBackend]
    filterset_class = DocumentFilterSet
    action_permissions = {"transition": "documents.change_officialdocument"}

    def get_queryset(self):
        if self.action == "list":
            # The list's columns only; unit and officer as ids, so nothing is joined.
            return (
                selectors.document_list(user=self.request.user)
                .select_related(None)
                .only(
                    *[f for f in serializers.DOCUMENT_LIST_FIELDS if f not in ("due_state", "unit", "officer")],
                    "unit_id",
                    "officer_id",
                )
            )
        return OfficialDocument.objects.all().prefetch_related("events__by")

    def get_serializer_class(self):
        return {
            "list": serializers.DocumentListSerializer,
            "create": serializers.DocumentCreateSerializer,
            "transition": serializers.DocumentTransitionSerializer,
        }.get(self.action, serializers.DocumentDetailSerializer)

    def _detail(self, document, code=status.HTTP_200_OK):
        document = OfficialDocument.objects.prefetch_related("events__by").get(pk=document.pk)
        return Response(
            serializers.DocumentDetailSerializer(document, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=serializers.DocumentCreateSerializer, responses={201: serializers.DocumentDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.document_receive(user=request.user, **serializer.validated_data)
        return self._detail(document, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.DocumentTransitionSerializer, responses={200: serializers.DocumentDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """One move: {"action": "assign", "unit": 3, "officer": 12} … {"action": "dispatch",
        "on": "2022-03-25", "sent_via_exchange": true, "e_signed": true}."""
        document = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.document_transition(user=request.user, document=document, **serializer.validated_data)
        return self._detail(document)


class PetitionViewSet(PersonalDataViewSetMixin, ListRetrieveCreateViewSet):
    """市民建議、陳情及市長交辦案件. Filters: kind, channel, status, visit, officer, received_after/before,
    due_after/before, year, due, overdue, q; ordering: received_on, due_on, number. Petitioners'
    name, phone, e-mail and address are masked unless the token was issued with --personal-data;
    every full view is logged."""

    resource = "documents.petitions"
    queryset = Petition.objects.all()
    filter_backends = [FilterBackend]
    filterset_class = PetitionFilterSet
    action_permissions = {"transition": "documents.change_petition"}

    def get_queryset(self):
        if self.action == "list":
            return (
                selectors.petition_list(user=self.request.user)
                .select_related(None)
                .only(
                    *[f for f in serializers.PETITION_LIST_FIELDS if f not in ("due_state", "visit", "officer")],
                    "visit_id",
                    "officer_id",
                )
            )
        return Petition.objects.all().prefetch_related("replies", "events__by")

    def get_serializer_class(self):
        return {
            "list": serializers.PetitionListSerializer,
            "create": serializers.PetitionCreateSerializer,
            "transition": serializers.PetitionTransitionSerializer,
        }.get(self.action, serializers.PetitionDetailSerializer)

    def _detail(self, petition, code=status.HTTP_200_OK):
        petition = Petition.objects.prefetch_related("replies", "events__by").get(pk=petition.pk)
        self.log_full_views([petition])
        return Response(
            serializers.PetitionDetailSerializer(petition, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=serializers.PetitionCreateSerializer, responses={201: serializers.PetitionDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        petition = services.petition_receive(user=request.user, **serializer.validated_data)
        return self._detail(petition, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.PetitionTransitionSerializer, responses={200: serializers.PetitionDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        petition = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        petition = services.petition_transition(user=request.user, petition=petition, **serializer.validated_data)
        return self._detail(petition)
