"""API viewsets: consultations, complaints (with stage moves) and mediation cases.

Confidential (CPA Art. 45-1): another bureau's token reads these only with a read grant for the
resource (`issue_api_token … --read consumer_protection.complaints`), and then statistics-level
fields only; parties, narratives and timelines need `--confidential`, full IDs and phones also
`--personal-data`. Signed-in staff: officers see names, narratives and timelines, and full IDs
and phones only with a reason (`X-Unmask-Reason` header or `unmask_reason` parameter, as the
page's button asks one); managers see names masked and no narratives. Every response that
carries full or confidential values is logged record by record in one INSERT, and no response
of these resources may be cached (`Cache-Control: no-store`).
"""

from __future__ import annotations

import inspect

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from consumer_protection import selectors, services
from consumer_protection.api import serializers
from consumer_protection.filters import ComplaintFilterSet, ConsultationFilterSet, MediationFilterSet
from consumer_protection.models import Complaint, Consultation, MediationCase
from kaohsiung_admin.accounts.models import ApiToken
from kaohsiung_admin.core.api.filtering import FilterBackend
from kaohsiung_admin.core.api.views import (
    ListRetrieveCreateViewSet,
    NoStoreMixin,
    PersonalDataViewSetMixin,
    ReadOnlyViewSet,
)
from kaohsiung_admin.core.channel import request_channel
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.personal_data import log_full_views, personal_fields, user_may_unmask

UNMASK_REASON_HEADER = "HTTP_X_UNMASK_REASON"


def _reason(request) -> str:
    value = request.META.get(UNMASK_REASON_HEADER) or request.query_params.get("unmask_reason") or ""
    return value.strip()[:200]


class ConfidentialViewSetMixin(PersonalDataViewSetMixin):
    """What a caller may see of a consumer-protection record, and the log of what it saw."""

    read_grant_required = True
    party_fields: tuple[str, ...] = ()
    confidential_fields: tuple[str, ...] = ()

    def _token(self):
        return self.request.auth if isinstance(self.request.auth, ApiToken) else None

    def grants(self) -> dict:
        if hasattr(self, "_grants"):
            return self._grants
        token = self._token()
        if token is not None:
            confidential = token.reads_confidential
            grants = {
                "parties": confidential,
                "confidential": confidential,
                "unmask": confidential and token.personal_data,
                "names": confidential and token.personal_data,
                "reason": "",
            }
        else:
            officer = user_may_unmask(self.request.user, self.get_queryset().model.unmask_permission)
            reason = _reason(self.request)
            grants = {
                "parties": True,
                "confidential": officer,
                "unmask": officer and bool(reason),
                "names": officer,
                "reason": reason,
            }
        self._grants = grants
        return grants

    def _may_unmask(self) -> bool:
        return self.grants()["unmask"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.update({k: v for k, v in self.grants().items() if k != "reason"})
        return context

    def log_full_views(self, records):
        records = list(records)
        grants = self.grants()
        if not records:
            return
        fields = []
        if grants["unmask"]:
            fields += list(personal_fields(records[0]))
        if self._token() is not None and grants["confidential"]:
            # Another bureau reading parties, narratives or timelines: logged like an unmasking.
            shown = self.confidential_fields if self.action != "list" else ()
            fields += [f for f in (*self.party_fields, *shown) if f not in fields]
        if not fields:
            return
        reason = grants["reason"] or f"API {self.request.method} {self.request.path}"
        log_full_views(
            user=self.request.user,
            records=records,
            fields=fields,
            reason=reason,
            channel=request_channel(self.request),
        )


class ConsultationViewSet(ConfidentialViewSetMixin, ListRetrieveCreateViewSet):
    """消費諮詢. Filters: category, channel, received_after, received_before, year; ordering: received_at."""

    resource = "consumer_protection.consultations"
    party_fields = serializers.CONSULTATION_PARTY_FIELDS
    confidential_fields = serializers.CONSULTATION_CONFIDENTIAL_FIELDS
    queryset = Consultation.objects.all()
    serializer_class = serializers.ConsultationSerializer
    filter_backends = [FilterBackend]
    filterset_class = ConsultationFilterSet

    def get_queryset(self):
        return selectors.consultation_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.consultation_create(user=self.request.user, **serializer.validated_data)


class ComplaintViewSet(ConfidentialViewSetMixin, ListRetrieveCreateViewSet):
    """申訴案件. Filters: stage, category, filed_after, filed_before, year, second_year, overdue,
    due (soon|overdue), officer, q; ordering: first_filed_on, due_on, case_number (prefix - for
    descending). Personal data masked unless granted. Cases are never deleted."""

    resource = "consumer_protection.complaints"
    party_fields = serializers.COMPLAINT_PARTY_FIELDS
    confidential_fields = serializers.COMPLAINT_CONFIDENTIAL_FIELDS
    queryset = Complaint.objects.all()
    filter_backends = [FilterBackend]
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
        return Complaint.objects.prefetch_related("events__by", "second_meetings__attendees")

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
        _run_action(self, services.COMPLAINT_ACTIONS, complaint=complaint)
        complaint = Complaint.objects.prefetch_related("events__by", "second_meetings__attendees").get(pk=complaint.pk)
        self.log_full_views([complaint])
        return Response(serializers.ComplaintDetailSerializer(complaint, context=self.get_serializer_context()).data)


def _run_action(view, actions: dict, **subject):
    """A transition: the body's `action` names one of `actions` (services.COMPLAINT_ACTIONS or
    MEDIATION_ACTIONS), called on the subject (`complaint=…` or `mediation=…`) with the fields
    it takes; an unknown action or a missing field is a 400 naming it."""
    serializer = view.get_serializer(data=view.request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    name = data.pop("action")
    service = actions.get(name)
    if service is None:
        raise ServiceError(
            f"未知的動作：{name}；可用：{', '.join(actions)}", code="invalid", status=400, field="action"
        )
    [(subject_name, _obj)] = subject.items()
    return service(user=view.request.user, **subject, **_only(service, data, subject=subject_name))


def _only(service, data: dict, subject: str = "complaint") -> dict:
    """The fields the service takes; a missing required one is a 400 naming it."""
    params = inspect.signature(service).parameters
    accepted = {k: v for k, v in data.items() if k in params}
    missing = [
        name
        for name, param in params.items()
        if param.kind == param.KEYWORD_ONLY
        and param.default is param.empty
        and name not in (subject, "user")
        and name not in accepted
    ]
    if missing:
        raise ValidationError({name: ["此欄位為必填。"] for name in missing})
    return accepted


class MediationViewSet(NoStoreMixin, ReadOnlyViewSet):
    """調解案件. Filters: status, category, applied_after, applied_before, year, meeting, overdue,
    due; ordering: applied_on, due_on, case_number."""

    resource = "consumer_protection.mediations"
    read_grant_required = True
    queryset = MediationCase.objects.all()
    serializer_class = serializers.MediationSerializer
    filter_backends = [FilterBackend]
    filterset_class = MediationFilterSet

    def get_queryset(self):
        return selectors.mediation_list(user=self.request.user)


class MediationTransitionViewSet(NoStoreMixin, ReadOnlyViewSet):
    """`POST mediations/{id}/transition/`: the mediation page's actions. Its own resource
    (`consumer_protection.mediation-transitions`) so that a token's write grant on it does not
    come with the read grant of the mediation files; a session needs the page's permission."""

    resource = "consumer_protection.mediation-transitions"
    queryset = MediationCase.objects.all()
    serializer_class = serializers.MediationTransitionSerializer
    # Moving a mediation is changing it: the same permission as the mediation page's actions.
    action_permissions = {"transition": "consumer_protection.change_mediationcase"}

    def get_queryset(self):
        return selectors.mediation_list(user=self.request.user)

    def get_serializer_class(self):
        return serializers.MediationTransitionSerializer

    @extend_schema(request=serializers.MediationTransitionSerializer, responses={200: serializers.MediationSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the mediation (the small-claims path of CPA Art. 45-4/45-5 included); 409 when refused."""
        mediation = self.get_object()
        _run_action(self, services.MEDIATION_ACTIONS, mediation=mediation)
        mediation = self.get_queryset().get(pk=mediation.pk)
        return Response(serializers.MediationSerializer(mediation, context=self.get_serializer_context()).data)
