from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kaohsiung_admin.core.models import CalendarOverride, PersonalDataAccess


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_working_day", "reason"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "user", "record_label", "fields", "reason", "channel"]
    list_filter = ["channel", "content_type"]
    search_fields = ["record_label", "user__username", "reason"]
    date_hierarchy = "accessed_at"
    list_select_related = ["user"]

    # The log is evidence: nobody edits or deletes it, not even administrators.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
