from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from kaohsiung_admin.core.models import CalendarOverride, PersonalDataAccess
from kaohsiung_admin.core.personal_data import masked_values, personal_fields


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


class _MaskingHistoryHelper(HistoricalRecordContextHelper):
    """The history list's old → new values of a personal field, masked."""

    def prepare_delta_change_value(self, change, value):
        mask = personal_fields(self.model).get(change.field)
        if mask is not None:
            return mask(value)
        return super().prepare_delta_change_value(change, value)


class MaskedPersonalDataAdmin:
    """Admin mixin: the model's `personal_fields` are left out of the form and shown masked, in
    the change list, the change form and the history (its list of changes and each past
    version). Full values are shown only on the division's own pages, where each view is logged
    with its reason (個人資料保護法第18條)."""

    def _personal(self):
        return personal_fields(self.model)

    def get_list_display(self, request):
        return [name for name in super().get_list_display(request) if name not in self._personal()]

    def get_historical_record_context_helper(self, request, historical_record):
        return _MaskingHistoryHelper(self.model, historical_record)

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), *self._personal()]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "masked_personal_data"]

    @admin.display(description=_("個人資料（遮蔽）"))
    def masked_personal_data(self, obj):
        return "；".join(value for value in masked_values(obj).values() if value)


class NoDeleteAdmin(SimpleHistoryAdmin):
    """Case records are never deleted, not even in the admin."""

    def has_delete_permission(self, request, obj=None):
        return False
