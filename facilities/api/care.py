"""API of building care: the statutory inspection calendar, inspections recorded, their findings.

Same permissions as the pages: reading the calendar needs `view_inspectionobligation` (rows are
restricted by the queryset), creating an obligation `add_inspectionobligation`, recording an
inspection `add_inspectionrecord`, raising a repair from a finding `add_maintenancerequest`
(and `change_inspectionfinding`, checked by the service). The overdue repairs are
`maintenance-requests/overdue/` (facilities/api/views.py).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from facilities import care
from facilities.api.serializers import MaintenanceRequestSerializer
from facilities.care_filters import InspectionRecordFilterSet, ObligationFilterSet
from facilities.choices import InspectionResult, MaintenanceCategory, MaintenanceUrgency
from facilities.models import InspectionFinding, InspectionObligation, InspectionRecord
from kaohsiung_admin.core.api.fast import FastModelSerializer
from kaohsiung_admin.core.api.views import ListRetrieveCreateViewSet, ReadOnlyViewSet
from kaohsiung_admin.core.deadlines import due_state


class ObligationSerializer(FastModelSerializer):
    due_state = serializers.SerializerMethodField()
    cycle_months = serializers.IntegerField(min_value=1, max_value=120, required=False)
    remind_days = serializers.IntegerField(min_value=0, max_value=365, required=False)

    class Meta:
        model = InspectionObligation
        fields = [
            "id",
            "center",
            "kind",
            "scope",
            "cycle_months",
            "remind_days",
            "next_due_on",
            "last_done_on",
            "due_state",
            "basis",
            "responsible",
            "is_active",
            "note",
        ]
        read_only_fields = ["last_done_on", "is_active"]
        # the (center, kind, scope) uniqueness is the service's word (400 on `scope`)
        validators = []

    def get_due_state(self, obj) -> str | None:
        state = due_state(obj.next_due_on, done=not obj.is_active)
        return state.value if state else None


class FindingSerializer(FastModelSerializer):
    class Meta:
        model = InspectionFinding
        fields = ["id", "record", "description", "location", "category", "urgency", "maintenance_request"]
        read_only_fields = fields


class RecordSerializer(FastModelSerializer):
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionRecord
        fields = [
            "id",
            "obligation",
            "inspected_on",
            "inspector",
            "result",
            "certificate_no",
            "certificate",
            "valid_until",
            "due_on",
            "note",
            "findings",
        ]
        read_only_fields = fields


class FindingInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    location = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=MaintenanceCategory.choices)
    urgency = serializers.ChoiceField(choices=MaintenanceUrgency.choices, default=MaintenanceUrgency.NORMAL)


class RecordInputSerializer(serializers.Serializer):
    """An inspection done (JSON: the certificate file is attached on the page)."""

    inspected_on = serializers.DateField()
    inspector = serializers.CharField(max_length=80)
    result = serializers.ChoiceField(choices=InspectionResult.choices)
    certificate_no = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    findings = FindingInputSerializer(many=True, required=False, default=list, max_length=20)
    raise_repairs = serializers.BooleanField(
        required=False, default=False, help_text=_("每項缺失建立一筆報修，並互相連結。")
    )


class InspectionObligationViewSet(ListRetrieveCreateViewSet):
    """The statutory inspection calendar of the two centers. `?due=overdue|due_soon|within`;
    POST `{id}/record/` records an inspection done (the next due day moves on unless failed)."""

    resource = "facilities.inspections"
    queryset = InspectionObligation.objects.select_related("responsible")
    serializer_class = ObligationSerializer
    filterset_class = ObligationFilterSet
    ordering_fields = ["next_due_on", "center", "kind", "id"]
    ordering = ["next_due_on", "id"]
    action_permissions = {"record": "facilities.add_inspectionrecord"}

    def perform_create(self, serializer):
        serializer.instance = care.obligation_create(user=self.request.user, **serializer.validated_data)

    @extend_schema(request=RecordInputSerializer, responses={201: RecordSerializer})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        body = RecordInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = care.inspection_record(obligation=self.get_object(), user=request.user, **body.validated_data)
        record = InspectionRecord.objects.prefetch_related("findings").get(pk=record.pk)
        return Response(RecordSerializer(record).data, status=status.HTTP_201_CREATED)


class InspectionRecordViewSet(ReadOnlyViewSet):
    """Inspections done, with their findings and the repairs they raised."""

    resource = "facilities.inspection-records"
    queryset = InspectionRecord.objects.prefetch_related("findings")
    serializer_class = RecordSerializer
    filterset_class = InspectionRecordFilterSet
    ordering_fields = ["inspected_on", "id"]
    ordering = ["-inspected_on", "-id"]


class InspectionFindingViewSet(ReadOnlyViewSet):
    """Items inspections found wanting; POST `{id}/raise-repair/` opens the repair (once)."""

    resource = "facilities.inspection-findings"
    queryset = InspectionFinding.objects.all()
    serializer_class = FindingSerializer
    ordering_fields = ["id"]
    ordering = ["id"]
    action_permissions = {"raise_repair": "facilities.add_maintenancerequest"}

    @extend_schema(request=None, responses={201: MaintenanceRequestSerializer})
    @action(detail=True, methods=["post"], url_path="raise-repair")
    def raise_repair(self, request, pk=None):
        repair = care.finding_raise_repair(finding=self.get_object(), user=request.user)
        return Response(MaintenanceRequestSerializer(repair).data, status=status.HTTP_201_CREATED)
