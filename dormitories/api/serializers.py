"""API shapes. Fields listed explicitly; list payloads leave out long text. Occupants' national
ID and phone are masked unless the caller may see them (core PersonalDataViewSetMixin and
MaskedPersonalDataSerializer)."""

from __future__ import annotations

from rest_framework import serializers

from dormitories.choices import AssetEventKind, Finding
from dormitories.models import (
    Asset,
    AssetCategory,
    AssetEvent,
    AssetLocation,
    CheckItem,
    CheckRound,
    Dormitory,
    Lending,
    Occupancy,
    StocktakingRound,
)
from kaohsiung_admin.core.api.fast import FastModelSerializer
from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer
from kaohsiung_admin.core.dates import validate_office_date


class DormitorySerializer(FastModelSerializer):
    class Meta:
        model = Dormitory
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "address",
            "district",
            "rooms",
            "floor_area",
            "status",
            "is_mayor_residence",
            "is_lendable",
            "registered_on",
            "retired_on",
        ]
        read_only_fields = ["retired_on"]


class OccupancySerializer(MaskedPersonalDataSerializer):
    dormitory = serializers.PrimaryKeyRelatedField(queryset=Dormitory.objects.exclude(status="retired"))
    dormitory_code = serializers.CharField(source="dormitory.code", read_only=True)
    start_on = serializers.DateField(validators=[validate_office_date])

    class Meta:
        model = Occupancy
        fields = [
            "id",
            "dormitory",
            "dormitory_code",
            "occupant_name",
            "occupant_national_id",
            "occupant_phone",
            "occupant_agency",
            "occupant_title",
            "eligibility_basis",
            "contract_number",
            "contract_signed_on",
            "start_on",
            "term_end_on",
            "eligibility_ended_on",
            "move_out_due_on",
            "moved_out_on",
            "status",
        ]
        read_only_fields = ["eligibility_ended_on", "move_out_due_on", "moved_out_on", "status"]


class DateActionSerializer(serializers.Serializer):
    on = serializers.DateField(validators=[validate_office_date])
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CheckItemSerializer(FastModelSerializer):
    dormitory_code = serializers.CharField(source="dormitory.code", read_only=True)

    class Meta:
        model = CheckItem
        fields = ["id", "dormitory", "dormitory_code", "occupancy", "finding", "checked_on", "note", "action_done"]


class CheckRoundSerializer(FastModelSerializer):
    item_count = serializers.IntegerField(read_only=True)
    checked_count = serializers.IntegerField(read_only=True)
    action_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = CheckRound
        fields = [
            "id",
            "year",
            "month",
            "opened_on",
            "closed_on",
            "status",
            "item_count",
            "checked_count",
            "action_count",
        ]
        read_only_fields = ["closed_on", "status"]


class CheckRoundCloseSerializer(serializers.Serializer):
    """What closing a round answers: the units left unchecked and those needing action."""

    unchecked = CheckItemSerializer(many=True)
    needing_action = CheckItemSerializer(many=True)


class CheckRecordSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1)
    finding = serializers.ChoiceField(choices=Finding.choices)
    checked_on = serializers.DateField(validators=[validate_office_date])
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class LendingSerializer(FastModelSerializer):
    dormitory = serializers.PrimaryKeyRelatedField(queryset=Dormitory.objects.filter(is_lendable=True))
    dormitory_name = serializers.CharField(source="dormitory.name", read_only=True)

    class Meta:
        model = Lending
        fields = [
            "id",
            "dormitory",
            "dormitory_name",
            "space",
            "borrower",
            "borrower_kind",
            "purpose",
            "event_name",
            "start_at",
            "end_at",
            "attendees",
            "status",
            "decided_at",
            "decision_reason",
        ]
        read_only_fields = ["status", "decided_at", "decision_reason"]

    def validate(self, attrs):
        for name in ("start_at", "end_at"):
            if name in attrs:
                validate_office_date(attrs[name].date())
        return attrs


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AssetEventSerializer(FastModelSerializer):
    class Meta:
        model = AssetEvent
        fields = [
            "id",
            "kind",
            "on",
            "voucher_number",
            "from_location",
            "to_location",
            "counterparty",
            "amount",
            "approval_reference",
            "approved_by",
            "note",
        ]


class AssetSerializer(FastModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", queryset=AssetCategory.objects.all())
    location = serializers.SlugRelatedField(slug_field="code", queryset=AssetLocation.objects.all())
    category_name = serializers.CharField(source="category.name", read_only=True)
    location_name = serializers.CharField(source="location.name", read_only=True)
    acquired_on = serializers.DateField(validators=[validate_office_date])
    life_years = serializers.IntegerField(min_value=1, max_value=100, required=False, allow_null=True)
    voucher_number = serializers.CharField(max_length=30, write_only=True)

    class Meta:
        model = Asset
        fields = [
            "id",
            "number",
            "category",
            "category_name",
            "name",
            "spec",
            "kind",
            "acquired_on",
            "cost",
            "life_years",
            "location",
            "location_name",
            "custodian",
            "custodian_unit",
            "status",
            "reduced_on",
            "voucher_number",
        ]
        read_only_fields = ["number", "kind", "status", "reduced_on"]


class AssetDetailSerializer(AssetSerializer):
    events = AssetEventSerializer(many=True, read_only=True)

    class Meta(AssetSerializer.Meta):
        fields = [*AssetSerializer.Meta.fields, "events"]


class AssetEventCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[c for c in AssetEventKind.choices if c[0] != AssetEventKind.ADD])
    on = serializers.DateField(validators=[validate_office_date])
    voucher_number = serializers.CharField(max_length=30)
    to_location = serializers.SlugRelatedField(
        slug_field="code", queryset=AssetLocation.objects.all(), required=False, allow_null=True
    )
    custodian = serializers.CharField(max_length=40, required=False, allow_null=True, default=None)
    counterparty = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(max_digits=12, decimal_places=0, min_value=0, required=False, default=0)
    approval_reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    approved_by = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class StocktakingSerializer(FastModelSerializer):
    location = serializers.SlugRelatedField(slug_field="code", read_only=True)
    expected_count = serializers.IntegerField(read_only=True)
    found_count = serializers.IntegerField(read_only=True)
    missing_count = serializers.IntegerField(read_only=True)
    misplaced_count = serializers.IntegerField(read_only=True)
    pending_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = StocktakingRound
        fields = [
            "id",
            "location",
            "year",
            "opened_on",
            "closed_on",
            "status",
            "expected_count",
            "found_count",
            "missing_count",
            "misplaced_count",
            "pending_count",
        ]
