import pytest
from django.contrib.auth.models import Group

from kaohsiung_admin.accounts import roles
from kaohsiung_admin.accounts.models import User

pytestmark = pytest.mark.django_db


def test_every_role_of_the_spec_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_new_staff_join_the_staff_role_but_api_clients_do_not(make_user):
    person = make_user("someone")
    service = User.objects.create(username="api-x", is_api_client=True)
    assert person.groups.filter(name=roles.STAFF).exists()
    assert not service.groups.filter(name=roles.STAFF).exists()


def test_manager_reads_everything_but_changes_nothing(manager):
    assert manager.has_perm("core.view_calendaroverride")
    assert not manager.has_perm("core.change_calendaroverride")
    assert not manager.has_perm("accounts.change_user")
    assert not any(p.startswith("auth.") for p in manager.get_all_permissions())


def test_administrator_manages_accounts(administrator):
    assert administrator.has_perm("accounts.change_user")
    assert administrator.has_perm("accounts.change_apitoken")


def test_api_client_reads_domain_data_but_not_accounts_or_access_logs():
    group = Group.objects.get(name=roles.API_CLIENT)
    names = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert "core.view_calendaroverride" in names
    assert "core.view_personaldataaccess" not in names
    assert not any(name.startswith(("accounts.", "auth.", "axes.")) for name in names)
    assert not any(".view_" not in name for name in names)


def test_patterns_support_exclusion():
    assert roles._matches("a.view_x", ["*.view_*", "!a.*"]) is False
    assert roles._matches("b.view_x", ["*.view_*", "!a.*"]) is True
    assert roles._matches("b.change_x", ["*.view_*"]) is False


def test_sync_roles_is_idempotent_and_restores_permissions():
    group = Group.objects.get(name=roles.MANAGER)
    group.permissions.clear()
    roles.sync_roles()
    roles.sync_roles()
    assert group.permissions.filter(codename="view_calendaroverride").exists()


def test_role_labels_in_chinese(manager):
    assert roles.role_labels(manager) == ["主管"]
