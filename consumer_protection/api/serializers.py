"""API payloads. Personal data is masked unless the caller may see it (`context["unmask"]`);
list payloads leave out the long texts.

Confidentiality (CPA Art. 45-1), decided by the viewset and given in the context:
- `parties`: the parties' fields (complainant, trader) are in the payload at all; without it the
  payload is statistics-level (numbers, dates, category, stage, result);
- `names`: the complainant's name in full (else 王○明);
- `confidential`: narratives and timelines are in the payload.
"""

from __future__ import annotations

from rest_framework import serializers

from consumer_protection.choices import Channel, FirstRecipient, Party, SmallClaimInitiative
from consumer_protection.models import (
    CaseEvent,
    Complaint,
    Consultation,
    MediationCase,
    SecondMeeting,
    SecondMeetingAttendee,
    category_choices,
)
from consumer_protection.validators import validate_business_tax_id, validate_not_future
from kaohsiung_admin.core.api.fast import FastModelSerializer
from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.deadlines import DueState, due_state
from kaohsiung_admin.core.personal_data import mask_name, validate_national_id, validate_phone

COMPLAINT_PARTY_FIELDS = (
    "complainant_name",
    "complainant_national_id",
    "complainant_phone",
    "complainant_address",
    "complainant_email",
    "business_name",
    "business_tax_id",
    "trader",
)
COMPLAINT_CONFIDENTIAL_FIELDS = ("narrative", "demand", "business_reply", "agency_reply", "events", "second_meetings")
CONSULTATION_PARTY_FIELDS = ("consumer_name", "consumer_phone", "business_name")
CONSULTATION_CONFIDENTIAL_FIELDS = ("summary", "answer")


def prune(data: dict, context, *, parties, confidential, name_fields=()) -> dict:
    """Drop or mask what the caller's grant does not cover (see module docstring)."""
    if not context.get("parties", False):
        for name in parties:
            data.pop(name, None)
    elif not context.get("names", False):
        for name in name_fields:
            if name in data:
                data[name] = mask_name(data[name])
    if not context.get("confidential", False):
        for name in confidential:
            data.pop(name, None)
    return data


class ConfidentialMixin:
    party_fields: tuple[str, ...] = ()
    confidential_fields: tuple[str, ...] = ()
    name_fields: tuple[str, ...] = ()

    def finish_row(self, instance, data: dict) -> dict:
        # Called by MaskedPersonalDataSerializer after its masks, per row in lists too (core.api.fast).
        return prune(
            data,
            self.context,
            parties=self.party_fields,
            confidential=self.confidential_fields,
            name_fields=self.name_fields,
        )


class ConsultationSerializer(ConfidentialMixin, MaskedPersonalDataSerializer):
    party_fields = CONSULTATION_PARTY_FIELDS
    confidential_fields = CONSULTATION_CONFIDENTIAL_FIELDS
    name_fields = ("consumer_name",)
    complaint = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "received_at",
            "channel",
            "category",
            "consumer_name",
            "consumer_phone",
            "business_name",
            "summary",
            "answer",
            "officer",
            "complaint",
        ]
        read_only_fields = ["id", "officer", "complaint"]
        extra_kwargs = {"received_at": {"required": False}}

    def get_complaint(self, obj) -> str | None:
        complaint = getattr(obj, "complaint", None)
        return complaint.case_number if complaint is not None else None


class FastComplaintListSerializer(serializers.ListSerializer):
    """A page of the case list without DRF's per-field machinery (a third of the request's time
    at 50 rows). `ComplaintListSerializer.row` must give what the declared fields give; a test
    compares the two for every field."""

    def to_representation(self, data):
        iterable = data.all() if hasattr(data, "all") else data
        row = self.child.row
        unmask = bool(self.context.get("unmask"))
        today = self.context["today"]
        context = self.context
        fields = COMPLAINT_PARTY_FIELDS, COMPLAINT_CONFIDENTIAL_FIELDS
        return [
            prune(
                row(item, unmask=unmask, today=today),
                context,
                parties=fields[0],
                confidential=fields[1],
                name_fields=("complainant_name",),
            )
            for item in iterable
        ]


def _overdue(complaint, today) -> bool:
    return due_state(complaint.due_on, done=not complaint.is_open, on=today) == DueState.OVERDUE


_MASKS = Complaint.personal_fields


class ComplaintListSerializer(ConfidentialMixin, MaskedPersonalDataSerializer):
    party_fields = COMPLAINT_PARTY_FIELDS
    confidential_fields = COMPLAINT_CONFIDENTIAL_FIELDS
    name_fields = ("complainant_name",)
    overdue = serializers.SerializerMethodField()

    @staticmethod
    def row(c, *, unmask: bool, today) -> dict:
        national_id, phone = c.complainant_national_id, c.complainant_phone
        if not unmask:
            national_id = _MASKS["complainant_national_id"](national_id)
            phone = _MASKS["complainant_phone"](phone)
        return {
            "id": c.pk,
            "case_number": c.case_number,
            "first_filed_on": c.first_filed_on.isoformat(),
            "category": c.category,
            "complainant_name": c.complainant_name,
            "complainant_national_id": national_id,
            "complainant_phone": phone,
            "business_name": c.business_name,
            "stage": c.stage,
            "due_on": c.due_on.isoformat() if c.due_on else None,
            "overdue": _overdue(c, today),
            "result": c.result,
            "officer": c.officer_id,
        }

    class Meta:
        model = Complaint
        list_serializer_class = FastComplaintListSerializer
        fields = [
            "id",
            "case_number",
            "first_filed_on",
            "category",
            "complainant_name",
            "complainant_national_id",
            "complainant_phone",
            "business_name",
            "stage",
            "due_on",
            "overdue",
            "result",
            "officer",
        ]

    def get_overdue(self, obj) -> bool:
        return _overdue(obj, self.context["today"])


class CaseEventSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = CaseEvent
        fields = ["action", "from_stage", "to_stage", "on", "at", "by", "note", "mediation"]


class SecondMeetingAttendeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SecondMeetingAttendee
        fields = ["side", "name", "capacity", "attended"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Private persons' names, as the complainant's: in full only with the names grant.
        if instance.is_private_person and not self.context.get("names", False):
            data["name"] = mask_name(data["name"])
        return data


class SecondMeetingSerializer(serializers.ModelSerializer):
    """第二次申訴協調會 (minutes and attendees): only for callers with the confidential grant."""

    attendees = SecondMeetingAttendeeSerializer(many=True, read_only=True)

    class Meta:
        model = SecondMeeting
        fields = ["id", "held_at", "place", "chair", "minutes", "outcome", "attendees"]


class ComplaintDetailSerializer(ComplaintListSerializer):
    events = CaseEventSerializer(many=True, read_only=True)
    second_meetings = SecondMeetingSerializer(many=True, read_only=True, required=False)

    class Meta(ComplaintListSerializer.Meta):
        fields = [
            *ComplaintListSerializer.Meta.fields,
            "channel",
            "first_received_by",
            "complainant_address",
            "complainant_email",
            "business_tax_id",
            "amount",
            "narrative",
            "demand",
            "business_due_on",
            "business_replied_on",
            "second_filed_on",
            "second_due_on",
            "closed_on",
            "consultation",
            "events",
            "second_meetings",
        ]


class ComplaintCreateSerializer(serializers.Serializer):
    """Filing a first complaint through the API: the same service as the officers' page."""

    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.ONLINE)
    first_received_by = serializers.ChoiceField(choices=FirstRecipient.choices, default=FirstRecipient.BUREAU)
    first_filed_on = serializers.DateField(validators=[validate_office_date, validate_not_future])
    category = serializers.CharField(max_length=20, help_text="消費類別代碼（類別為可編輯之資料）")
    complainant_name = serializers.CharField(max_length=60)
    complainant_national_id = serializers.CharField(max_length=10, validators=[validate_national_id])
    complainant_phone = serializers.CharField(max_length=20, validators=[validate_phone])
    complainant_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    complainant_email = serializers.EmailField(required=False, allow_blank=True, default="")
    business_name = serializers.CharField(max_length=120)
    business_tax_id = serializers.CharField(
        max_length=8, required=False, allow_blank=True, default="", validators=[validate_business_tax_id]
    )
    amount = serializers.DecimalField(max_digits=12, decimal_places=0, required=False, allow_null=True, min_value=0)
    narrative = serializers.CharField()
    demand = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_category(self, value):
        codes = dict(category_choices())
        if value not in codes:
            raise serializers.ValidationError(f"未知的消費類別：{value}；可用：{', '.join(codes)}")
        return value


class TransitionSerializer(serializers.Serializer):
    """`POST complaints/{id}/transition/` with the action and its fields."""

    action = serializers.CharField()
    replied_on = serializers.DateField(required=False, validators=[validate_office_date])
    reply = serializers.CharField(required=False, allow_blank=True)
    filed_on = serializers.DateField(required=False, validators=[validate_office_date])
    meeting_on = serializers.DateField(required=False, validators=[validate_office_date])
    applied_on = serializers.DateField(required=False, validators=[validate_office_date])
    court_argued = serializers.BooleanField(required=False)
    respondent_agreed_retry = serializers.BooleanField(required=False)
    result = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class MediationSerializer(FastModelSerializer):
    complaint_number = serializers.CharField(source="complaint.case_number", read_only=True)
    category = serializers.CharField(source="complaint.category", read_only=True)
    meeting_date = serializers.DateField(source="meeting.held_on", read_only=True, default=None)

    class Meta:
        model = MediationCase
        fields = [
            "id",
            "case_number",
            "complaint",
            "complaint_number",
            "category",
            "applied_on",
            "status",
            "due_on",
            "correction_due_on",
            "meeting",
            "meeting_date",
            "proposal_served_on",
            "objection_due_on",
            "result_on",
            "court_approved_on",
            "small_claim",
            "absent_party",
            "absent_on",
            "objected_by",
        ]


class MediationTransitionSerializer(serializers.Serializer):
    """`POST mediations/{id}/transition/` with the action and its fields, e.g.
    `{"action": "small_claim_absence", "party": "respondent", "absent_on": "2022-05-10"}`."""

    action = serializers.CharField()
    party = serializers.ChoiceField(choices=Party.choices, required=False)
    absent_on = serializers.DateField(required=False, validators=[validate_office_date])
    proposal = serializers.CharField(required=False)
    served_on = serializers.DateField(required=False, validators=[validate_office_date])
    initiative = serializers.ChoiceField(choices=SmallClaimInitiative.choices, required=False)
    filed_on = serializers.DateField(required=False, validators=[validate_office_date])
    items = serializers.CharField(required=False)
    corrected_on = serializers.DateField(required=False, validators=[validate_office_date])
    approved_on = serializers.DateField(required=False, validators=[validate_office_date])
    result = serializers.CharField(required=False, allow_blank=True)
    on = serializers.DateField(required=False, validators=[validate_office_date])
    note = serializers.CharField(required=False, allow_blank=True)
