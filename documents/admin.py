from django.contrib import admin

from documents.models import (
    ControlYuanVisit,
    DocumentEvent,
    EExchangeOrganisation,
    Extension,
    GazetteIssue,
    MunicipalMeeting,
    OfficialDocument,
    OpenDataSet,
    Petition,
)
from kaohsiung_admin.core.admin import MaskedPersonalDataAdmin, NoDeleteAdmin


class DocumentEventInline(admin.TabularInline):
    model = DocumentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "on", "at", "by", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OfficialDocument)
class OfficialDocumentAdmin(NoDeleteAdmin):
    list_display = ["number", "direction", "received_on", "nature", "status", "unit", "officer", "due_on"]
    list_filter = ["direction", "nature", "status", "security"]
    search_fields = ["number", "issued_number", "subject"]
    date_hierarchy = "received_on"
    list_select_related = ["unit", "officer"]
    raw_id_fields = ["officer", "merged_into", "created_by"]
    # Status, due date and numbers move only through the services (a timeline event per move).
    readonly_fields = [
        "number",
        "status",
        "due_on",
        "count_start",
        "issued_number",
        "closed_on",
        "days_taken",
        "extended_days",
    ]
    inlines = [DocumentEventInline]
    show_full_result_count = False


@admin.register(Extension)
class ExtensionAdmin(NoDeleteAdmin):
    list_display = ["document", "days", "status", "requested_by", "decided_by"]
    list_filter = ["status"]
    raw_id_fields = ["document", "requested_by", "decided_by", "created_by"]


@admin.register(Petition)
class PetitionAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    list_display = ["number", "kind", "channel", "received_on", "status", "due_on"]
    list_filter = ["kind", "channel", "status"]
    search_fields = ["number", "subject"]
    date_hierarchy = "received_on"
    readonly_fields = ["number", "status", "due_on"]
    raw_id_fields = ["officer", "visit", "created_by"]


@admin.register(ControlYuanVisit)
class ControlYuanVisitAdmin(NoDeleteAdmin):
    list_display = ["title", "start_on", "end_on", "members"]


@admin.register(EExchangeOrganisation)
class EExchangeOrganisationAdmin(NoDeleteAdmin):
    list_display = ["name", "registered_on", "withdrawn_on"]
    search_fields = ["name", "tax_id"]


@admin.register(OpenDataSet)
class OpenDataSetAdmin(NoDeleteAdmin):
    list_display = ["title", "data_format", "published_on", "withdrawn_on"]


@admin.register(GazetteIssue)
class GazetteIssueAdmin(NoDeleteAdmin):
    list_display = ["__str__", "kind", "issue_on", "published"]
    list_filter = ["year", "kind", "published"]


@admin.register(MunicipalMeeting)
class MunicipalMeetingAdmin(NoDeleteAdmin):
    list_display = ["held_on", "kind", "session", "chair"]
    list_filter = ["kind"]
