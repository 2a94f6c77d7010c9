"""API payloads. Lists leave out long texts; petitioners' personal data are masked unless the
caller may see them (core MaskedPersonalDataSerializer; the viewset sets `context["unmask"]`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import serializers

from documents import rules
from documents.choices import (
    Action,
    Nature,
    NonAcceptanceGround,
    PetitionAction,
    PetitionChannel,
    PetitionKind,
    Security,
)
from documents.models import ControlYuanVisit, DocumentEvent, OfficialDocument, Petition, PetitionEvent, PetitionReply
from kaohsiung_admin.accounts.models import Division
from kaohsiung_admin.core.api.fast import FastModelSerializer
from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer
from kaohsiung_admin.core.dates import validate_office_date
from kaohsiung_admin.core.deadlines import due_state
from kaohsiung_admin.core.personal_data import validate_phone


class DueStateMixin(serializers.Serializer):
    due_state = serializers.SerializerMethodField()

    def get_due_state(self, obj) -> str | None:
        if getattr(obj, "paused_since", None):
            return "paused"
        state = due_state(obj.due_on, done=obj.is_closed)
        return state.value if state is not None else None


DOCUMENT_LIST_FIELDS = [
    "id",
    "direction",
    "number",
    "received_on",
    "sender",
    "subject",
    "nature",
    "security",
    "status",
    "due_on",
    "due_state",
    "paused_since",
    "unit",
    "officer",
    "closed_on",
    "e_signed",
    "sent_via_exchange",
    "issued_number",
]


class DocumentListSerializer(DueStateMixin, FastModelSerializer):
    class Meta:
        model = OfficialDocument
        fields = DOCUMENT_LIST_FIELDS
        read_only_fields = fields


class DocumentEventSerializer(FastModelSerializer):
    by = serializers.CharField(source="by.__str__", default=None)

    class Meta:
        model = DocumentEvent
        fields = ["action", "from_status", "to_status", "on", "at", "by", "note"]


class DocumentDetailSerializer(DueStateMixin, FastModelSerializer):
    events = DocumentEventSerializer(many=True, read_only=True)

    class Meta:
        model = OfficialDocument
        fields = [
            *DOCUMENT_LIST_FIELDS,
            "document_date",
            "sender_reference",
            "sender_due_on",
            "limit_days",
            "extended_days",
            "count_start",
            "received_via_exchange",
            "addressee",
            "dispatched_on",
            "filed_on",
            "days_taken",
            "merged_into",
            "merge_kind",
            "note",
            "events",
        ]
        read_only_fields = fields


class DocumentCreateSerializer(serializers.Serializer):
    received_on = serializers.DateField(validators=[validate_office_date])
    subject = serializers.CharField(max_length=500)
    nature = serializers.ChoiceField(choices=Nature.choices, default=Nature.ORDINARY)
    sender = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    sender_reference = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    document_date = serializers.DateField(required=False, allow_null=True, validators=[validate_office_date])
    security = serializers.ChoiceField(choices=Security.choices, default=Security.NONE)
    sender_due_on = serializers.DateField(required=False, allow_null=True, validators=[validate_office_date])
    limit_days = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=730)
    unit = serializers.PrimaryKeyRelatedField(queryset=Division.objects.all(), required=False, allow_null=True)
    officer = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    received_via_exchange = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


TRANSITION_ACTIONS = [
    (a.value, a.label)
    for a in (
        Action.ASSIGN,
        Action.ACCEPT,
        Action.SUBMIT,
        Action.SEND_BACK,
        Action.DECIDE,
        Action.DISPATCH,
        Action.KEEP,
        Action.FILE,
        Action.RETURN,
    )
]


class DocumentTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=TRANSITION_ACTIONS)
    on = serializers.DateField(required=False, allow_null=True, validators=[validate_office_date])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=400)
    unit = serializers.PrimaryKeyRelatedField(queryset=Division.objects.all(), required=False, allow_null=True)
    officer = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    addressee = serializers.CharField(required=False, allow_null=True, max_length=200)
    sent_via_exchange = serializers.BooleanField(required=False, allow_null=True, default=None)
    e_signed = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- petitions --------------------------------------------------------------------------------


PETITION_LIST_FIELDS = [
    "id",
    "number",
    "kind",
    "channel",
    "visit",
    "received_on",
    "petitioner_name",
    "petitioner_phone",
    "subject",
    "assigned_agency",
    "status",
    "due_on",
    "due_state",
    "extended_days",
    "closed_on",
    "officer",
]


class PetitionListSerializer(DueStateMixin, MaskedPersonalDataSerializer):
    class Meta:
        model = Petition
        fields = PETITION_LIST_FIELDS
        read_only_fields = fields


class PetitionReplySerializer(FastModelSerializer):
    class Meta:
        model = PetitionReply
        fields = ["replied_on", "agency", "content"]


class PetitionEventSerializer(FastModelSerializer):
    by = serializers.CharField(source="by.__str__", default=None)

    class Meta:
        model = PetitionEvent
        fields = ["action", "from_status", "to_status", "on", "at", "by", "note"]


class PetitionDetailSerializer(DueStateMixin, MaskedPersonalDataSerializer):
    replies = PetitionReplySerializer(many=True, read_only=True)
    events = PetitionEventSerializer(many=True, read_only=True)

    class Meta:
        model = Petition
        fields = [
            *PETITION_LIST_FIELDS,
            "petitioner_email",
            "petitioner_address",
            "content",
            "assigned_on",
            "extension_notice_on",
            "extension_reason",
            "replied_on",
            "non_acceptance_ground",
            "replies",
            "events",
        ]
        read_only_fields = fields


class PetitionCreateSerializer(serializers.Serializer):
    received_on = serializers.DateField(validators=[validate_office_date])
    kind = serializers.ChoiceField(choices=PetitionKind.choices, default=PetitionKind.PETITION)
    channel = serializers.ChoiceField(choices=PetitionChannel.choices)
    visit = serializers.PrimaryKeyRelatedField(queryset=ControlYuanVisit.objects.all(), required=False, allow_null=True)
    subject = serializers.CharField(max_length=300)
    content = serializers.CharField(required=False, allow_blank=True, default="")
    petitioner_name = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    petitioner_phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", validators=[lambda v: v and validate_phone(v)]
    )
    petitioner_email = serializers.EmailField(required=False, allow_blank=True, default="")
    petitioner_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PetitionTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[(a.value, a.label) for a in PetitionAction if a != PetitionAction.RECEIVE]
    )
    on = serializers.DateField(required=False, allow_null=True, validators=[validate_office_date])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    agency = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    days = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    content = serializers.CharField(required=False, allow_blank=True, default="")
    ground = serializers.ChoiceField(choices=NonAcceptanceGround.choices, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The extension's bound is the configurable rule (DOC_PETITION_EXTENSION_MAX_DAYS), in the schema too.
        self.fields["days"] = serializers.IntegerField(
            required=False,
            allow_null=True,
            min_value=1,
            max_value=rules.PETITION_EXTENSION_MAX.days,
            help_text="展期日數（action=extend）",
        )
