"""Issue 12, items 1-3: a token resolved once (and dropped when it changes), totals that cost the
same at any size, and list payloads without DRF's per-field machinery."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers

from kaohsiung_admin.core.api.fast import FastListSerializer, FastModelSerializer
from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer
from kaohsiung_admin.core.models import CalendarOverride
from kaohsiung_admin.core.paginator import EstimatingPaginator, Total, list_total

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _token_cache_on(settings):
    settings.API_TOKEN_CACHE_SECONDS = 300


URL = "/api/v1/calendar/overrides/"


def _queries(client, url=URL, **params):
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:200]
    return [q["sql"] for q in ctx.captured_queries], response


# --- 1. a token resolved once -------------------------------------------------------------------


def test_a_token_costs_no_query_once_resolved(token_client):
    client = token_client()
    client.get(URL)  # first use: token, permissions, last use written
    sqls, response = _queries(client)
    assert not [s for s in sqls if "accounts_apitoken" in s or "auth_permission" in s or "auth_group" in s], sqls
    assert response.json()["count"] == 0


def test_a_revoked_token_is_refused_at_once(issue_token):
    from rest_framework.test import APIClient

    token, key = issue_token()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(URL).status_code == 200
    token.revoke()
    assert client.get(URL).status_code in (401, 403)


def test_a_changed_grant_is_seen_on_the_next_request(issue_token):
    from rest_framework.test import APIClient

    token, key = issue_token()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    body = {"date": "2026-09-28", "is_working_day": False, "reason": "颱風"}
    assert client.post(URL, body, format="json").status_code == 403
    token.write_resources = ["core.calendar-overrides"]
    token.save()
    assert client.post(URL, body, format="json").status_code == 201


def test_a_group_losing_a_permission_is_seen_on_the_next_request(issue_token):
    """restrict() reads the service account's permissions: from the cache, until they change."""
    from rest_framework.test import APIClient

    from kaohsiung_admin.core.api import token_cache

    token, key = issue_token()
    user = token.bureau.service_user
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.get(URL)
    group = user.groups.get()
    perm = Permission.objects.get(codename="delete_calendaroverride")
    assert "core.delete_calendaroverride" not in token_cache.find_token(key).bureau.service_user._perm_cache
    group.permissions.add(perm)
    assert "core.delete_calendaroverride" in token_cache.find_token(key).bureau.service_user._perm_cache
    group.permissions.remove(perm)
    assert "core.delete_calendaroverride" not in token_cache.find_token(key).bureau.service_user._perm_cache
    user.groups.remove(group)
    assert not token_cache.find_token(key).bureau.service_user._perm_cache


def test_an_expired_cached_token_is_refused(issue_token, settings):
    from django.utils import timezone
    from rest_framework.test import APIClient

    token, key = issue_token()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(URL).status_code == 200
    # Expired by the clock, not by a change: the cached copy knows its own expiry.
    type(token).objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    from kaohsiung_admin.core.api import token_cache

    entry = token_cache.cache.get(token_cache._entry_key(token.key_hash))
    entry[1].expires_at = timezone.now() - datetime.timedelta(seconds=1)
    token_cache.cache.set(token_cache._entry_key(token.key_hash), entry)
    assert client.get(URL).status_code in (401, 403)


def test_the_cache_down_falls_back_to_the_database(token_client, monkeypatch):
    from kaohsiung_admin.core.api import token_cache

    client = token_client()

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(token_cache.cache, "get_many", down)
    monkeypatch.setattr(token_cache.cache, "set", down)
    sqls, _response = _queries(client)
    assert any("accounts_apitoken" in s for s in sqls)


# --- 2. totals ------------------------------------------------------------------------------------


def _days(n):
    start = datetime.date(2030, 1, 1)
    CalendarOverride.objects.bulk_create(
        CalendarOverride(date=start + datetime.timedelta(days=i), is_working_day=bool(i % 2), reason=f"r{i}")
        for i in range(n)
    )


def test_a_total_past_the_cap_reads_cap_plus(settings):
    settings.LIST_COUNT_CAP = 5
    _days(8)
    total = list_total(CalendarOverride.objects.filter(reason__startswith="r"))
    assert (int(total), total.capped, total.exact, total.display) == (5, True, False, "5+")
    total = list_total(CalendarOverride.objects.filter(is_working_day=True))
    assert (int(total), total.exact, total.display) == (4, True, "4")


def test_unfiltered_and_filtered_totals_are_one_query(settings, django_assert_num_queries):
    settings.LIST_COUNT_CAP = 5
    _days(3)
    with django_assert_num_queries(1):
        assert list_total(CalendarOverride.objects.all()) == 3
    with django_assert_num_queries(1):
        assert list_total(CalendarOverride.objects.filter(is_working_day=False)) == 2


def test_a_short_unfiltered_list_is_one_query_and_its_own_total(django_assert_num_queries):
    with django_assert_num_queries(1):
        empty = EstimatingPaginator(CalendarOverride.objects.all(), 4)
        assert (list(empty.page(1)), empty.count) == ([], 0)
    _days(3)
    paginator = EstimatingPaginator(CalendarOverride.objects.order_by("date"), 4)
    with django_assert_num_queries(1):
        page = paginator.get_page(None)
        assert [o.reason for o in page] == ["r0", "r1", "r2"]
        assert (paginator.count, paginator.count_exact, page.has_next()) == (3, True, False)


def test_a_longer_or_filtered_list_still_counts(django_assert_num_queries):
    _days(6)
    paginator = EstimatingPaginator(CalendarOverride.objects.order_by("date"), 4)
    with django_assert_num_queries(2):  # the page with one row of look-ahead, then the total
        page = paginator.page("1")
        assert ([o.reason for o in page], paginator.count, page.has_next()) == (["r0", "r1", "r2", "r3"], 6, True)
    assert [o.reason for o in paginator.page(2)] == ["r4", "r5"]
    from django.db import connection

    again = EstimatingPaginator(CalendarOverride.objects.order_by("date"), 4)
    with CaptureQueriesContext(connection) as ctx:  # known to be longer than a page: counted first
        assert (len(again.page(1)), again.count) == (4, 6)
    assert ["COUNT(" in q["sql"].upper() for q in ctx.captured_queries] == [True, False]
    assert ctx.captured_queries[1]["sql"].endswith("LIMIT 4")  # no look-ahead row
    filtered = EstimatingPaginator(CalendarOverride.objects.filter(is_working_day=True).order_by("date"), 4)
    with django_assert_num_queries(2):  # counted first: the page of a filter may scan far
        assert ([o.reason for o in filtered.page(1)], filtered.count) == (["r1", "r3", "r5"], 3)
    with pytest.raises(PageNotAnInteger):
        EstimatingPaginator(CalendarOverride.objects.all(), 4).page("x")
    with pytest.raises(EmptyPage):
        EstimatingPaginator(CalendarOverride.objects.all(), 4).page(3)


def test_the_api_gives_a_short_list_with_one_query(token_client):
    _days(3)
    client = token_client()
    client.get(URL)  # the token's first use
    sqls, response = _queries(client)
    body = response.json()
    assert len(sqls) == 1, sqls
    assert (body["count"], body["count_exact"], body["next"], len(body["results"])) == (3, True, None, 3)
    sqls, response = _queries(client, page_size=2)
    assert len(sqls) == 2, sqls  # a next page: the total is counted
    assert (response.json()["count"], response.json()["next"] is not None) == (3, True)


def test_every_page_past_a_capped_total_is_reachable(settings):
    settings.LIST_COUNT_CAP = 5
    _days(12)
    paginator = EstimatingPaginator(CalendarOverride.objects.filter(reason__startswith="r"), 4)
    assert paginator.count_display == "5+"
    page = paginator.page(3)  # past the pages the cap would give (2)
    assert [o.reason for o in page] == ["r8", "r9", "r10", "r11"]
    assert page.has_next() is False
    assert paginator.page(2).has_next() is True
    assert paginator.get_page(99).number == 2  # past the end: the last page the total reaches


def test_api_says_when_its_count_is_capped(settings, token_client):
    settings.LIST_COUNT_CAP = 5
    _days(12)
    client = token_client()
    body = client.get(URL, {"is_working_day": "true", "page_size": 4}).json()
    assert (body["count"], body["count_exact"]) == (5, False)
    assert body["next"] is not None
    last = client.get(URL, {"is_working_day": "true", "page_size": 4, "page": 2}).json()
    assert last["next"] is None and len(last["results"]) == 2
    assert client.get(URL, {"date_after": "2030-01-10"}).json()["count_exact"] is True


def test_total_survives_the_cache():
    import pickle

    total = pickle.loads(pickle.dumps(Total(10_000, capped=True)))  # noqa: S301 - our own bytes
    assert (int(total), total.display) == (10_000, "10,000+")


# --- 3. list payloads -----------------------------------------------------------------------------


class _Grants(FastModelSerializer):
    bureau_code = serializers.CharField(source="bureau.code")
    bureau_name = serializers.StringRelatedField(source="bureau")
    active = serializers.SerializerMethodField()

    class Meta:
        from kaohsiung_admin.accounts.models import ApiToken

        model = ApiToken
        exclude = ["key_hash"]

    def get_active(self, obj) -> bool:
        return obj.is_active


class _Override(MaskedPersonalDataSerializer):
    class Meta:
        model = CalendarOverride
        fields = ["id", "date", "is_working_day", "reason", "updated_at"]


def test_fast_lists_give_what_drf_gives(issue_token):
    issue_token("fire-dept", write=["core.calendar-overrides"])
    issue_token("police", personal_data=True)
    from kaohsiung_admin.accounts.models import ApiToken

    rows = list(ApiToken.objects.select_related("bureau"))
    fast = _Grants(rows, many=True)
    assert isinstance(fast, FastListSerializer)
    assert fast.data == [_Grants(row).data for row in rows]
    assert [r["active"] for r in fast.data] == [True, True]


def test_fast_lists_mask_as_the_masked_serializer_does():
    _days(3)
    rows = list(CalendarOverride.objects.all())
    for row in rows:
        row.personal_fields = {"reason": lambda value: value[:1] + "○"}
    masked = _Override(rows, many=True, context={})
    assert masked.data == [_Override(row, context={}).data for row in rows]
    assert {r["reason"] for r in masked.data} == {"r○"}
    shown = _Override(rows, many=True, context={"unmask": True})
    assert [r["reason"] for r in shown.data] == ["r0", "r1", "r2"]


def test_fast_lists_finish_each_row_as_the_serializer_does():
    """A row finished after its masks (what a grant does not cover dropped) is finished the same
    way in a list, which stays on the fast path."""

    class Pruned(_Override):
        def finish_row(self, instance, data):
            if not self.context.get("reasons"):
                data.pop("reason")
            return data

    _days(2)
    rows = list(CalendarOverride.objects.all())
    pruned = Pruned(rows, many=True, context={})
    assert isinstance(pruned, FastListSerializer)
    assert pruned.data == [Pruned(row, context={}).data for row in rows]
    assert all("reason" not in r for r in pruned.data)
    assert [r["reason"] for r in Pruned(rows, many=True, context={"reasons": True}).data] == ["r0", "r1"]


def test_a_serializer_with_its_own_to_representation_keeps_it():
    class Own(FastModelSerializer):
        class Meta:
            model = CalendarOverride
            fields = ["id", "reason"]

        def to_representation(self, instance):
            return {"reason": instance.reason.upper()}

    _days(2)
    assert Own(list(CalendarOverride.objects.all()), many=True).data == [{"reason": "R0"}, {"reason": "R1"}]


def test_an_unfiltered_request_builds_no_filterset(token_client, monkeypatch):
    import django_filters

    built = []
    original = django_filters.FilterSet.__init__

    def spy(self, *args, **kwargs):
        built.append(type(self))
        original(self, *args, **kwargs)

    monkeypatch.setattr(django_filters.FilterSet, "__init__", spy)
    client = token_client()
    _days(3)
    assert client.get(URL).json()["count"] == 3
    assert built == []
    assert client.get(URL, {"is_working_day": "true"}).json()["count"] == 1
    assert built


def test_a_named_filter_is_still_validated_and_applied(token_client):
    client = token_client()
    _days(12)
    assert client.get(URL, {"date_after": "not-a-date"}).status_code == 400
    body = client.get(URL, {"date_after": "2030-01-10", "is_working_day": "true"}).json()
    assert [row["date"] for row in body["results"]] == ["2030-01-10", "2030-01-12"]
