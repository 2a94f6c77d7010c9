"""API viewsets: consultations, complaints (with stage moves) and mediation cases.

Personal data is masked unless the caller may see it: a bureau's token issued with
`--personal-data`, or a signed-in user holding `consumer_protection.unmask_personal_data`.
Each page that carries full values is logged, record by record, in one INSERT.
"""

from __future__ import annotations

import inspect

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from consumer_protection import selectors, services
from consumer_protection.api import serializers
from consumer_protection.filters import ComplaintFilterSet, ConsultationFilterSet, MediationFilterSet
from consumer_protection.models import Complaint, Consultation, MediationCase
from kaohsiung_admin.core.api.views import ListRetrieveCreateViewSet, PersonalDataViewSetMixin, ReadOnlyViewSet
from kaohsiung_admin.core.errors import ServiceError


class ConsultationViewSet(PersonalDataViewSetMixin, ListRetrieveCreateViewSet):
    """消費諮詢. Filters: category, channel, received_after, received_before, year; ordering: received_at."""

    resource = "consumer_protection.consultations"
    queryset = Consultation.objects.all()
    serializer_class = serializers.ConsultationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ConsultationFilterSet

    def get_queryset(self):
        return selectors.consultation_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.consultation_create(user=self.request.user, **serializer.validated_data)


class ComplaintViewSet(PersonalDataViewSetMixin, ListRetrieveCreateViewSet):
    """申訴案件. Filters: stage, category, filed_after, filed_before, year, second_year, overdue,
    due (soon|overdue), officer, q; ordering: first_filed_on, due_on, case_number (prefix - for
    descending). Personal data masked unless granted. Cases are never deleted."""

    resource = "consumer_protection.complaints"
    queryset = Complaint.objects.all()
    filter_backends = [DjangoFilterBackend]
    filterset_class = ComplaintFilterSet
    # Moving a case is changing it: the same permission as the case page's action buttons.
    action_permissions = {"transition": "consumer_protection.change_complaint"}

    def get_queryset(self):
        if self.action == "list":
            # Only the list's columns, officer not joined: the payload names the officer's id.
            return (
                selectors.complaint_list(user=self.request.user)
                .select_related(None)
                .only(*[f for f in selectors.COMPLAINT_LIST_FIELDS if not f.startswith("officer__")], "officer_id")
            )
        return Complaint.objects.prefetch_related("events__by")

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ComplaintListSerializer
        if self.action == "create":
            return serializers.ComplaintCreateSerializer
        if self.action == "transition":
            return serializers.TransitionSerializer
        return serializers.ComplaintDetailSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = services.complaint_file(user=request.user, **serializer.validated_data)
        complaint = self.get_queryset().get(pk=complaint.pk)
        self.log_full_views([complaint])
        return Response(
            serializers.ComplaintDetailSerializer(complaint, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=serializers.TransitionSerializer, responses={200: serializers.ComplaintDetailSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the case: `{"action": "business_replied", "replied_on": "2022-03-10"}`; 409 when refused."""
        complaint = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        name = data.pop("action")
        service = services.COMPLAINT_ACTIONS.get(name)
        if service is None:
            raise ServiceError(
                f"未知的動作：{name}；可用：{', '.join(services.COMPLAINT_ACTIONS)}",
                code="invalid",
                status=400,
                field="action",
            )
        service(complaint=complaint, user=request.user, **_only(service, data))
        complaint = Complaint.objects.prefetch_related("events__by").get(pk=complaint.pk)
        return Response(serializers.ComplaintDetailSerializer(complaint, context=self.get_serializer_context()).data)


def _only(service, data: dict) -> dict:
    """The fields the service takes; a missing required one is a 400 naming it."""
    params = inspect.signature(service).parameters
    accepted = {k: v for k, v in data.items() if k in params}
    missing = [
        name
        for name, param in params.items()
        if param.kind == param.KEYWORD_ONLY
        and param.default is param.empty
        and name not in ("complaint", "user")
        and name not in accepted
    ]
    if missing:
        raise ValidationError({name: ["此欄位為必填。"] for name in missing})
    return accepted


class MediationViewSet(ReadOnlyViewSet):
    """調解案件. Filters: status, category, applied_after, applied_before, year, meeting, overdue,
    due; ordering: applied_on, due_on, case_number."""

    resource = "consumer_protection.mediations"
    queryset = MediationCase.objects.all()
    serializer_class = serializers.MediationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = MediationFilterSet

    def get_queryset(self):
        return selectors.mediation_list(user=self.request.user)
