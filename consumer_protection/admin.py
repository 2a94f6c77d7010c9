"""Admin entries for every consumer protection record. Case records cannot be deleted here."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from consumer_protection import models, services
from consumer_protection.choices import CommitteeKind
from kaohsiung_admin.core.admin import MaskedPersonalDataAdmin, NoDeleteAdmin

# Personal fields come from each model's `personal_fields` declaration (core.personal_data).


@admin.register(models.Consultation)
class ConsultationAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    list_display = ["id", "received_at", "channel", "category", "business_name", "officer"]
    list_filter = ["channel", "category"]
    date_hierarchy = "received_at"
    search_fields = ["business_name", "summary"]
    raw_id_fields = ["officer", "created_by"]
    show_full_result_count = False


class CaseEventInline(admin.TabularInline):
    model = models.CaseEvent
    fields = ["at", "action", "from_stage", "to_stage", "on", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = models.ComplaintAttachment
    fields = ["file", "description", "created_at"]
    readonly_fields = ["created_at"]
    extra = 0
    can_delete = False


@admin.register(models.Complaint)
class ComplaintAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    """Stages move through the officers' pages (services.py); here they are read-only."""

    list_display = ["case_number", "first_filed_on", "category", "business_name", "stage", "due_on", "officer"]
    list_filter = ["stage", "category", "first_received_by", "rejection_ground"]
    date_hierarchy = "first_filed_on"
    search_fields = ["case_number", "business_name", "business_tax_id"]
    raw_id_fields = ["officer", "consultation", "created_by", "trader", "duplicate_of"]
    readonly_fields = [
        "case_number",
        "stage",
        "due_on",
        "business_due_on",
        "second_due_on",
        "result",
        "rejection_ground",
        "closed_on",
    ]
    inlines = [AttachmentInline, CaseEventInline]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # filed through the officers' page, which numbers the case and starts the clock


@admin.register(models.MediationCase)
class MediationCaseAdmin(NoDeleteAdmin):
    list_display = ["case_number", "applied_on", "status", "meeting", "result_on", "complaint"]
    list_filter = ["status"]
    date_hierarchy = "applied_on"
    search_fields = ["case_number", "complaint__case_number"]
    raw_id_fields = ["complaint", "meeting", "created_by"]
    readonly_fields = [
        "case_number",
        "status",
        "due_on",
        "objection_due_on",
        "correction_due_on",
        # the small-claims path (CPA Art. 45-4/45-5) moves through services only
        "absent_party",
        "absent_on",
        "small_claim",
        "small_claim_initiative",
        "objected_by",
    ]

    def has_add_permission(self, request):
        return False


class SecondMeetingAttendeeInline(admin.TabularInline):
    model = models.SecondMeetingAttendee
    fields = ["side", "name", "capacity", "attended"]
    extra = 0
    can_delete = False


@admin.register(models.SecondMeeting)
class SecondMeetingAdmin(NoDeleteAdmin):
    """第二次申訴協調會: entered on the case page; corrections here keep their history."""

    list_display = ["complaint", "held_at", "place", "chair", "outcome"]
    list_filter = ["outcome"]
    date_hierarchy = "held_at"
    search_fields = ["complaint__case_number", "place"]
    raw_id_fields = ["complaint", "created_by"]
    inlines = [SecondMeetingAttendeeInline]

    def has_add_permission(self, request):
        return False


class RosterFormSet(forms.BaseInlineFormSet):
    """The roster as saved here is checked as a whole (CPA Art. 45, gender third, seats, terms)
    on each day a term in it starts, as services.check_roster does for the pages."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        members = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            member = form.instance
            for name, value in form.cleaned_data.items():
                if name in ("id", "DELETE", "committee"):
                    continue
                setattr(member, name, value)
            members.append(member)
        if not members or self.instance.kind != CommitteeKind.MEDIATION:
            return
        days = sorted({m.term_start for m in members if m.term_start} | {timezone.localdate()})
        problems = []
        for day in days:
            in_term = [m for m in members if m.term_start and m.term_end and m.term_start <= day <= m.term_end]
            if in_term:
                problems += [p for p in services.roster_problems(members, on=day) if p not in problems]
        problems += [p for m in members for p in services.term_problems(m)]
        if problems:
            raise forms.ValidationError(problems)


class MemberInline(admin.TabularInline):
    model = models.CommitteeMember
    formset = RosterFormSet
    fields = ["name", "member_type", "seat", "affiliation", "gender", "is_chair", "user", "term_start", "term_end"]
    raw_id_fields = ["user"]
    extra = 0


@admin.register(models.Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    inlines = [MemberInline]


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = models.CommitteeMember
        fields = [
            "committee",
            "name",
            "member_type",
            "seat",
            "affiliation",
            "gender",
            "is_chair",
            "user",
            "term_start",
            "term_end",
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        member = self.instance
        for name, value in data.items():
            setattr(member, name, value)
        committee = data.get("committee")
        if committee is not None and member.term_start:
            others = [m for m in committee.members.all() if m.pk != member.pk]
            try:
                services.check_roster(committee, [*others, member], on=member.term_start)
            except services.ServiceError as refused:
                raise forms.ValidationError(refused.messages) from None
        return data


@admin.register(models.CommitteeMember)
class CommitteeMemberAdmin(SimpleHistoryAdmin):
    form = CommitteeMemberForm
    list_display = ["name", "committee", "member_type", "seat", "gender", "affiliation", "term_start", "term_end"]
    list_filter = ["committee", "member_type", "seat"]
    search_fields = ["name", "affiliation"]
    raw_id_fields = ["user"]


@admin.register(models.ConsumerCategory)
class ConsumerCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "competent_agency", "is_active", "sort_order"]
    list_editable = ["name", "competent_agency", "is_active", "sort_order"]
    search_fields = ["code", "name", "competent_agency"]

    def has_delete_permission(self, request, obj=None):
        return False  # complaints keep their category's code: deactivate instead


class TraderAliasInline(admin.TabularInline):
    model = models.TraderAlias
    fields = ["name"]
    extra = 0


@admin.register(models.Trader)
class TraderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tax_id", "created_at"]
    search_fields = ["name", "tax_id", "aliases__name"]
    inlines = [TraderAliasInline]


@admin.register(models.InterestDeclaration)
class InterestDeclarationAdmin(NoDeleteAdmin):
    list_display = ["mediation", "member", "declared_on", "reason"]
    raw_id_fields = ["mediation", "member", "created_by"]
    search_fields = ["mediation__case_number", "member__name"]


class ResolutionInline(admin.TabularInline):
    model = models.Resolution
    extra = 0


@admin.register(models.CommitteeMeeting)
class CommitteeMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title", "committee", "location"]
    list_filter = ["committee"]
    date_hierarchy = "held_on"
    filter_horizontal = ["members_present"]
    inlines = [ResolutionInline]


class VenueInline(admin.StackedInline):
    model = models.InspectionVenue
    extra = 0


@admin.register(models.InspectionRound)
class InspectionRoundAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title", "category", "agencies"]
    list_filter = ["category"]
    date_hierarchy = "held_on"
    inlines = [VenueInline]


@admin.register(models.InspectionVenue)
class InspectionVenueAdmin(SimpleHistoryAdmin):
    list_display = ["business_name", "round", "outcome", "follow_up_due_on"]
    list_filter = ["outcome"]
    search_fields = ["business_name", "address"]


@admin.register(models.EducationEvent)
class EducationEventAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "kind", "title", "audience", "location"]
    list_filter = ["kind"]
    date_hierarchy = "held_on"


class ParticipantInline(admin.TabularInline):
    model = models.TrainingParticipant
    extra = 0


@admin.register(models.Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title", "co_organiser", "location"]
    inlines = [ParticipantInline]
