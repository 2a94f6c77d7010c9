"""Admin entries for every consumer protection record. Case records cannot be deleted here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consumer_protection import models
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
    list_filter = ["stage", "category", "first_received_by"]
    date_hierarchy = "first_filed_on"
    search_fields = ["case_number", "business_name", "business_tax_id"]
    raw_id_fields = ["officer", "consultation", "created_by"]
    readonly_fields = [
        "case_number",
        "stage",
        "due_on",
        "business_due_on",
        "second_due_on",
        "result",
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
    readonly_fields = ["case_number", "status", "due_on", "objection_due_on", "correction_due_on"]

    def has_add_permission(self, request):
        return False


class MemberInline(admin.TabularInline):
    model = models.CommitteeMember
    fields = ["name", "member_type", "affiliation", "gender", "is_chair", "term_start", "term_end"]
    extra = 0


@admin.register(models.Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind"]
    inlines = [MemberInline]


@admin.register(models.CommitteeMember)
class CommitteeMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "member_type", "affiliation", "term_start", "term_end"]
    list_filter = ["committee", "member_type"]
    search_fields = ["name", "affiliation"]


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
