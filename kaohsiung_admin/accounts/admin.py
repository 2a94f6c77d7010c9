from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kaohsiung_admin.accounts.grants import check_grants
from kaohsiung_admin.accounts.models import ApiToken, Bureau, Division, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "display_name", "division", "is_active", "is_api_client", "last_login"]
    list_filter = ["is_active", "is_api_client", "division", "groups"]
    search_fields = ["username", "display_name", "email"]
    list_select_related = ["division"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("機關資料"),
            {"fields": ["display_name", "division", "title", "phone_extension", "supervisor", "is_api_client"]},
        ),
    )


@admin.register(Division)
class DivisionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class ApiTokenInline(admin.TabularInline):
    model = ApiToken
    fields = [
        "prefix",
        "write_resources",
        "read_resources",
        "read_level",
        "personal_data",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # keys are issued with `manage.py issue_api_token`, which prints them once


@admin.register(Bureau)
class BureauAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "created_at"]
    search_fields = ["code", "name"]
    inlines = [ApiTokenInline]
    readonly_fields = ["service_user"]


class ApiTokenForm(forms.ModelForm):
    """Grants edited here are checked as `issue_api_token` checks them."""

    class Meta:
        model = ApiToken
        fields = [
            "write_resources",
            "read_resources",
            "read_level",
            "personal_data",
            "expires_at",
            "revoked_at",
            "note",
        ]

    def _grants(self, name) -> list[str]:
        values = self.cleaned_data.get(name) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise forms.ValidationError(_('請輸入資源名稱的清單，例：["facilities.bookings"]。'))
        return values

    def clean_write_resources(self):
        values = self._grants("write_resources")
        bad = check_grants(write=values).bad_writes
        if bad:
            raise forms.ValidationError(
                _("下列資源不存在或為唯讀，不能授權寫入：%(names)s") % {"names": ", ".join(bad)}
            )
        return sorted(set(values))

    def clean_read_resources(self):
        values = self._grants("read_resources")
        bad = check_grants(read=values).bad_reads
        if bad:
            raise forms.ValidationError(_("下列資源不存在或不須讀取授權：%(names)s") % {"names": ", ".join(bad)})
        return sorted(set(values))


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    form = ApiTokenForm
    list_display = [
        "bureau",
        "prefix",
        "read_level",
        "personal_data",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["bureau", "personal_data", "read_level"]
    fields = [
        "bureau",
        "prefix",
        "key_hash",
        "write_resources",
        "read_resources",
        "read_level",
        "personal_data",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
        "note",
    ]
    readonly_fields = ["bureau", "prefix", "key_hash", "created_at", "last_used_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("撤銷所選權杖"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke()
