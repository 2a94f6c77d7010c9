from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kaohsiung_admin.reports.models import ManualFigure, ReportBuild, ReportDefinition, ReportItem, ReportSection


class ReportSectionInline(admin.TabularInline):
    model = ReportSection
    fields = ["parent", "position", "heading"]
    extra = 0
    show_change_link = True


@admin.register(ReportDefinition)
class ReportDefinitionAdmin(SimpleHistoryAdmin):
    list_display = ["year", "roc_year", "display_title", "copied_from", "updated_at"]
    inlines = [ReportSectionInline]
    raw_id_fields = ["copied_from"]


class ReportItemInline(admin.StackedInline):
    model = ReportItem
    fields = ["parent", "position", "title", "narrative"]
    extra = 0


@admin.register(ReportSection)
class ReportSectionAdmin(SimpleHistoryAdmin):
    list_display = ["heading", "definition", "parent", "position"]
    list_filter = ["definition"]
    search_fields = ["heading", "narrative"]
    list_select_related = ["definition", "parent"]
    raw_id_fields = ["parent"]
    inlines = [ReportItemInline]


@admin.register(ReportItem)
class ReportItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "section", "parent", "position"]
    list_filter = ["section__definition"]
    search_fields = ["title", "narrative"]
    list_select_related = ["section", "parent"]
    raw_id_fields = ["section", "parent"]


@admin.register(ManualFigure)
class ManualFigureAdmin(SimpleHistoryAdmin):
    list_display = ["year", "key", "label", "value", "unit", "kind", "entered_by", "entered_at"]
    list_filter = ["year", "kind"]
    search_fields = ["key", "label"]
    list_select_related = ["entered_by"]
    readonly_fields = ["entered_by", "entered_at"]

    def save_model(self, request, obj, form, change):
        from django.utils import timezone

        if "value" in form.changed_data or not change:
            obj.entered_by, obj.entered_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(ReportBuild)
class ReportBuildAdmin(admin.ModelAdmin):
    list_display = ["pk", "year", "status", "progress", "requested_by", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "year"]
    list_select_related = ["requested_by"]
    readonly_fields = [f.name for f in ReportBuild._meta.fields]

    def has_add_permission(self, request):
        return False  # builds are asked for on the report page or through the API
