"""Admin entries for every record of the register. Occupants' national IDs and phones are left
out of the admin forms and shown masked (core MaskedPersonalDataAdmin); register records are
never deleted here (history is kept)."""

from django.contrib import admin

from dormitories import models
from kaohsiung_admin.core.admin import MaskedPersonalDataAdmin, NoDeleteAdmin


@admin.register(models.Dormitory)
class DormitoryAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "kind", "district", "status", "is_mayor_residence", "registered_on", "retired_on"]
    list_filter = ["kind", "status", "district", "is_lendable"]
    search_fields = ["code", "name", "address"]


@admin.register(models.Occupancy)
class OccupancyAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    list_display = ["dormitory", "occupant_name", "start_on", "move_out_due_on", "moved_out_on", "status"]
    list_filter = ["status", "eligibility_basis", "dormitory__kind"]
    search_fields = ["occupant_name", "dormitory__code"]
    raw_id_fields = ["dormitory", "occupant_user", "created_by"]
    readonly_fields = ["move_out_due_on"]
    list_select_related = ["dormitory"]


@admin.register(models.OccupancyApplication)
class OccupancyApplicationAdmin(MaskedPersonalDataAdmin, NoDeleteAdmin):
    list_display = ["filed_at", "kind", "applicant_name", "applicant_agency", "status"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["dormitory", "occupancy", "created_by"]


class CheckItemInline(admin.TabularInline):
    model = models.CheckItem
    fields = ["dormitory", "occupancy", "finding", "checked_on", "note", "action_done"]
    readonly_fields = ["dormitory", "occupancy"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.CheckRound)
class CheckRoundAdmin(NoDeleteAdmin):
    list_display = ["__str__", "opened_on", "closed_on", "status"]
    list_filter = ["status", "year"]
    inlines = [CheckItemInline]


@admin.register(models.CheckPhoto)
class CheckPhotoAdmin(NoDeleteAdmin):
    list_display = ["item", "caption", "created_at"]
    raw_id_fields = ["item", "created_by"]


@admin.register(models.Repair)
class RepairAdmin(NoDeleteAdmin):
    list_display = ["dormitory", "kind", "reported_on", "description", "cost", "status", "done_on"]
    list_filter = ["kind", "status"]
    date_hierarchy = "reported_on"
    raw_id_fields = ["dormitory", "created_by"]


@admin.register(models.Disposal)
class DisposalAdmin(NoDeleteAdmin):
    list_display = ["dormitory", "stage", "listed_on", "closed_on", "document_number"]
    list_filter = ["stage"]


@admin.register(models.Lending)
class LendingAdmin(NoDeleteAdmin):
    list_display = ["dormitory", "borrower", "event_name", "start_at", "end_at", "status"]
    list_filter = ["status", "purpose", "borrower_kind"]
    date_hierarchy = "start_at"
    raw_id_fields = ["requested_by", "decided_by", "created_by"]


@admin.register(models.AssetCategory)
class AssetCategoryAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "min_life_years"]
    search_fields = ["code", "name"]


@admin.register(models.AssetLocation)
class AssetLocationAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "center"]
    list_filter = ["center"]


class AssetEventInline(admin.TabularInline):
    model = models.AssetEvent
    fields = [
        "on",
        "kind",
        "voucher_number",
        "from_location",
        "to_location",
        "counterparty",
        "amount",
        "approval_reference",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Asset)
class AssetAdmin(NoDeleteAdmin):
    list_display = ["number", "name", "kind", "acquired_on", "cost", "location", "status"]
    list_filter = ["kind", "status", "category", "location"]
    search_fields = ["number", "name", "custodian"]
    list_select_related = ["location"]
    show_full_result_count = False
    inlines = [AssetEventInline]
    # State changes go through the 財產卡 page (the state machine); the admin corrects typos only.
    readonly_fields = ["number", "category", "serial", "kind", "status", "reduced_on"]


@admin.register(models.StocktakingRound)
class StocktakingRoundAdmin(NoDeleteAdmin):
    list_display = ["__str__", "opened_on", "closed_on", "status"]
    list_filter = ["status", "year", "location"]
