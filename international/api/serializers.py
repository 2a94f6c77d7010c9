"""API payloads. Fields listed explicitly; list payloads leave out long texts; private persons'
data masked unless the caller may see it (core MaskedPersonalDataSerializer)."""

from __future__ import annotations

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from international import selectors
from international.choices import DonationItemKind
from international.models import (
    Agreement,
    City,
    Country,
    ExchangeActivity,
    ForeignMission,
    Gift,
    Partnership,
    VisitCase,
)
from kaohsiung_admin.core.api.fast import FastModelSerializer, row_function
from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer
from kaohsiung_admin.core.dates import validate_office_date


class TieSerializer(FastModelSerializer):
    ordinal = serializers.IntegerField(read_only=True)

    class Meta:
        model = Partnership
        fields = ["id", "kind", "established_on", "ended_on", "ordinal", "agreement"]


class CitySerializer(FastModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.all())
    country_name = serializers.CharField(source="country.name_zh", read_only=True)
    region = serializers.CharField(source="country.region", read_only=True)
    tie = serializers.SerializerMethodField()

    class Meta:
        model = City
        fields = ["id", "code", "name_zh", "name_local", "country", "country_name", "region", "level", "head", "tie"]
        read_only_fields = ["id", "tie"]

    @extend_schema_field(TieSerializer(allow_null=True))
    def get_tie(self, city):
        tie = selectors.current_tie(city)
        if tie is None:
            return None
        # One TieSerializer's row function for the whole page (core.api.fast), not a serializer
        # with its fields built anew for every city.
        row = self.__dict__.get("_tie_row")
        if row is None:
            row = self.__dict__["_tie_row"] = row_function(TieSerializer(context=self.context))
        return row(tie)


class AgreementSerializer(FastModelSerializer):
    cities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id", "title", "kind", "cities", "signed_on", "signed_at", "kaohsiung_signatory", "partner_signatory",
            "term_years", "expires_on", "status", "supersedes",
        ]  # fmt: skip


class VisitSerializer(MaskedPersonalDataSerializer):
    countries = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        allow_empty=False,
        queryset=Country.objects.all(),
        help_text="ISO 3166-1 codes, at least one",
    )
    arrived_on = serializers.DateField(validators=[validate_office_date])
    left_on = serializers.DateField(validators=[validate_office_date], required=False)

    class Meta:
        model = VisitCase
        fields = [
            "id", "number", "arrived_on", "left_on", "delegation", "leader", "organisation", "countries", "city",
            "mission", "persons", "host_level", "hosts", "purpose", "programme", "venues", "venue_booking_id",
            "contact_name", "contact_phone", "contact_email",
        ]  # fmt: skip
        read_only_fields = ["id", "number"]


class VisitListSerializer(VisitSerializer):
    class Meta(VisitSerializer.Meta):
        fields = [name for name in VisitSerializer.Meta.fields if name not in ("purpose", "programme")]


class DonationItemListSerializer(serializers.ListSerializer):
    """An activity's items as five plain keys a row, without DRF's per-field pass for each item
    (the activities list gives up to 50 activities a page, each with its items)."""

    def to_representation(self, data):
        items = data.all() if isinstance(data, models.manager.BaseManager) else data
        return [
            {"kind": i.kind, "description": i.description, "quantity": i.quantity, "unit": i.unit, "donor": i.donor}
            for i in items
        ]


class DonationItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DonationItemKind.choices)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    quantity = serializers.IntegerField(min_value=1, max_value=10_000_000)
    unit = serializers.CharField(max_length=10)
    donor = serializers.CharField(max_length=120, required=False, allow_blank=True)

    class Meta:
        list_serializer_class = DonationItemListSerializer


class ActivitySerializer(FastModelSerializer):
    cities = serializers.PrimaryKeyRelatedField(many=True, queryset=City.objects.all(), required=False)
    donation_items = DonationItemSerializer(many=True, required=False)
    starts_on = serializers.DateField(validators=[validate_office_date])
    ends_on = serializers.DateField(validators=[validate_office_date], required=False, allow_null=True)

    class Meta:
        model = ExchangeActivity
        fields = [
            "id", "kind", "title", "starts_on", "ends_on", "cities", "country", "mission", "programme", "venue",
            "participants", "delegation", "donation_items",
        ]  # fmt: skip
        read_only_fields = ["id"]


class GiftSerializer(MaskedPersonalDataSerializer):
    class Meta:
        model = Gift
        fields = [
            "id", "direction", "date", "description", "quantity", "estimated_value", "counterpart",
            "private_person_name", "private_person_phone", "city", "mission", "visit", "kept_at", "report_status",
            "rule", "report_due_on", "reported_on", "disposition",
        ]  # fmt: skip


class MissionSerializer(FastModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)
    heads = serializers.SerializerMethodField()

    class Meta:
        model = ForeignMission
        fields = ["id", "name_zh", "name_en", "country", "kind", "location", "is_active", "heads"]

    def get_heads(self, mission) -> list[dict]:
        return [
            {"name": str(head.dignitary), "title": head.title, "started_on": head.started_on}
            for head in getattr(mission, "current_heads", [])
        ]
