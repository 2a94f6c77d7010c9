"""The API bases: the row restriction cannot be skipped, and a named action needs the permission
the viewset maps it to (the same as the page that does the same thing)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from rest_framework.test import APIRequestFactory

from kaohsiung_admin.core.api.permissions import ResourcePermission
from kaohsiung_admin.core.api.views import ModelViewSet, ReadOnlyViewSet
from kaohsiung_admin.core.models import CalendarOverride

pytestmark = pytest.mark.django_db


class OverridingViewSet(ReadOnlyViewSet):
    """A viewset that builds its own queryset, as list pages with selectors do."""

    queryset = CalendarOverride.objects.all()

    def get_queryset(self):
        return CalendarOverride.objects.order_by("date")


class OverridingAgain(OverridingViewSet):
    def get_queryset(self):
        return CalendarOverride.objects.filter(is_working_day=False)


def _view(cls, user, method="GET"):
    view = cls()
    view.request = SimpleNamespace(method=method, user=user, auth=None)
    return view


@pytest.fixture
def typhoon_day():
    import datetime

    return CalendarOverride.objects.create(date=datetime.date(2022, 9, 12), is_working_day=False, reason="颱風")


@pytest.mark.parametrize("cls", [OverridingViewSet, OverridingAgain])
def test_an_overridden_get_queryset_still_gets_the_restriction(cls, typhoon_day, staff_user):
    # signed in: the office calendar is readable by everyone
    assert list(_view(cls, staff_user).get_queryset()) == [typhoon_day]
    # anonymous: the restriction empties it, whatever the override returned
    assert list(_view(cls, AnonymousUser()).get_queryset()) == []
    # a write request without the change permission sees no row to change
    assert list(_view(cls, staff_user, method="PATCH").get_queryset()) == []


def test_the_override_is_wrapped_once(staff_user, typhoon_day):
    calls = []

    class Counting(ReadOnlyViewSet):
        queryset = CalendarOverride.objects.all()

        def get_queryset(self):
            calls.append(1)
            return super().get_queryset()

    assert list(_view(Counting, staff_user).get_queryset()) == [typhoon_day]
    assert calls == [1]


class ActionViewSet(ModelViewSet):
    queryset = CalendarOverride.objects.all()
    action_permissions = {"close_offices": "core.change_calendaroverride"}


def test_a_named_action_needs_its_mapped_permission_not_the_verb(make_user):
    clerk = make_user("clerk-api")
    clerk.user_permissions.add(Permission.objects.get(codename="add_calendaroverride"))
    request = APIRequestFactory().post("/api/v1/calendar/overrides/1/close_offices/")
    request.user = clerk
    request.auth = None
    view = ActionViewSet()
    view.action = "close_offices"
    # POST would ask for add_…; the action asks for change_… and the user has only add_…
    assert not ResourcePermission().has_permission(request, view)
    clerk.user_permissions.add(Permission.objects.get(codename="change_calendaroverride"))
    del clerk._perm_cache, clerk._user_perm_cache
    assert ResourcePermission().has_permission(request, view)
