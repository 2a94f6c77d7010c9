"""The roles of SPEC.md as Django groups, and the permissions each holds.

A role's permissions are patterns over "app_label.codename" (fnmatch; a leading "!" removes).
The base patterns are here; each app adds its own on its AppConfig as
`role_permissions = {"facility_clerk": ["facilities.*"], "staff": [...]}`, so an app brings its
rules with it. Groups are created by a data migration and their permissions re-synced after
every `migrate`, when new apps may have brought new models.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _

STAFF = "staff"
FACILITY_CLERK = "facility_clerk"
DORMITORY_ASSET_CLERK = "dormitory_asset_clerk"
CONSUMER_PROTECTION_OFFICER = "consumer_protection_officer"
DOCUMENT_CLERK = "document_clerk"
INTERNATIONAL_OFFICER = "international_officer"
MANAGER = "manager"
ADMINISTRATOR = "administrator"
API_CLIENT = "api_client"

ROLES: dict[str, str] = {
    STAFF: _("職員"),
    FACILITY_CLERK: _("廳舍管理人員"),
    DORMITORY_ASSET_CLERK: _("宿舍及財產管理人員"),
    CONSUMER_PROTECTION_OFFICER: _("消費者保護官"),
    DOCUMENT_CLERK: _("文書人員"),
    INTERNATIONAL_OFFICER: _("國際事務人員"),
    MANAGER: _("主管"),
    ADMINISTRATOR: _("系統管理員"),
    API_CLIENT: _("他機關 API 用戶端"),
}

# Apps whose permissions no domain role reads in bulk.
_PLUMBING = ["!admin.*", "!auth.*", "!contenttypes.*", "!sessions.*", "!axes.*", "!accounts.*"]

BASE_PERMISSIONS: dict[str, list[str]] = {
    STAFF: ["core.view_calendaroverride"],
    MANAGER: ["*.view_*", *_PLUMBING, "accounts.view_division", "accounts.view_user"],
    ADMINISTRATOR: ["accounts.*", "auth.*", "core.*", "axes.*", "*.view_*"],
    API_CLIENT: ["*.view_*", *_PLUMBING, "!core.view_personaldataaccess"],
}


def role_patterns() -> dict[str, list[str]]:
    patterns = {role: list(BASE_PERMISSIONS.get(role, [])) for role in ROLES}
    for config in global_apps.get_app_configs():
        for role, extra in getattr(config, "role_permissions", {}).items():
            patterns[role].extend(extra)
    return patterns


def _matches(name: str, patterns: list[str]) -> bool:
    allowed = False
    for pattern in patterns:
        if pattern.startswith("!"):
            if fnmatchcase(name, pattern[1:]):
                allowed = False
        elif fnmatchcase(name, pattern):
            allowed = True
    return allowed


def sync_roles(*, group_model=None, permission_model=None) -> None:
    """Create the role groups and set each one's permissions from the patterns."""
    if group_model is None:
        from django.contrib.auth.models import Group as group_model
        from django.contrib.auth.models import Permission as permission_model
    every = [
        (f"{app_label}.{codename}", pk)
        for pk, app_label, codename in permission_model.objects.values_list("pk", "content_type__app_label", "codename")
    ]
    for role, patterns in role_patterns().items():
        group, _created = group_model.objects.get_or_create(name=role)
        group.permissions.set([pk for name, pk in every if _matches(name, patterns)])


def sync_roles_after_migrate(sender, **kwargs):
    # Once per migrate run, after the last app's post_migrate: by then every app's permissions
    # have been created (auth creates them app by app on this same signal).
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender.label != with_models[-1].label:
        return
    sync_roles()


def role_labels(user) -> list[str]:
    """The zh-Hant names of a user's roles, for the header."""
    names = [group.name for group in user.groups.all()]
    return [str(ROLES[name]) for name in names if name in ROLES and name != STAFF]


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=role).exists()
