"""Issue 12, item 1: the per-request overhead cut in the core kit gives the same answers —
page instances built without Model.__init__ (core.fastrows), rows written by generated code
(core.api.fast) and JSON by orjson (core.api.renderers)."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid

import pytest
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from kaohsiung_admin.core.api.renderers import FastJSONRenderer
from kaohsiung_admin.core.fastrows import FastModelIterable, eligible, fast_queryset
from kaohsiung_admin.core.models import CalendarOverride
from kaohsiung_admin.core.paginator import EstimatingPaginator

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/overrides/"


def _days(n):
    for i in range(n):
        CalendarOverride.objects.create(
            date=datetime.date(2030, 1, 1) + datetime.timedelta(days=i), is_working_day=i % 2 == 0, reason=f"r{i}"
        )


def _state(obj):
    fields = [f.attname for f in type(obj)._meta.concrete_fields]
    return (
        {name: obj.__dict__.get(name, "<deferred>") for name in fields},
        obj._state.adding,
        obj._state.db,
        obj.get_deferred_fields(),
    )


def test_page_instances_are_the_ones_django_builds():
    _days(4)
    queryset = CalendarOverride.objects.order_by("date")
    for variant in (queryset, queryset.only("date", "reason"), queryset.defer("reason")):
        fast = list(fast_queryset(variant))
        assert [_state(o) for o in fast] == [_state(o) for o in variant]
    row = next(iter(fast_queryset(queryset.only("date"))))
    assert row.reason == "r0"  # a deferred field still loads on access
    row.reason = "changed"
    row.save()  # an instance read this way saves as an update
    assert CalendarOverride.objects.get(pk=row.pk).reason == "changed"
    assert CalendarOverride.objects.count() == 4


def test_related_rows_and_users_read_the_same(django_user_model):
    from kaohsiung_admin.accounts.models import ApiToken, Bureau

    user = django_user_model.objects.create(username="svc", is_api_client=True)
    bureau = Bureau.objects.create(code="b", name="b", service_user=user)
    ApiToken.issue(bureau=bureau)
    queryset = ApiToken.objects.select_related("bureau__service_user")
    fast = list(fast_queryset(queryset))
    assert [(_state(t), _state(t.bureau), t.bureau.service_user.username) for t in fast] == [
        (_state(t), _state(t.bureau), t.bureau.service_user.username) for t in queryset
    ]


def test_a_model_with_its_own_init_or_signal_keeps_djangos_path():
    from django.db.models.signals import post_init
    from django.test.utils import isolate_apps

    with isolate_apps("kaohsiung_admin.core"):  # not left in the app registry for other tests

        class Odd(models.Model):
            class Meta:
                app_label = "core"
                managed = False

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.seen = True

        assert not eligible(Odd)

    def receiver(sender, instance, **kwargs):
        instance.seen = True

    assert eligible(CalendarOverride)
    from kaohsiung_admin.core import fastrows

    post_init.connect(receiver, sender=CalendarOverride)
    fastrows._ELIGIBLE.pop(CalendarOverride, None)
    try:
        _days(1)
        assert not eligible(CalendarOverride)
        assert all(o.seen for o in fast_queryset(CalendarOverride.objects.all()))
    finally:
        post_init.disconnect(receiver, sender=CalendarOverride)
        fastrows._ELIGIBLE.pop(CalendarOverride, None)


def test_the_paginator_reads_pages_the_fast_way():
    _days(3)
    paginator = EstimatingPaginator(CalendarOverride.objects.order_by("date"), 2)
    assert paginator.object_list._iterable_class is FastModelIterable
    assert [o.reason for o in paginator.page(2)] == ["r2"]
    values = EstimatingPaginator(CalendarOverride.objects.order_by("date").values("reason"), 2)
    assert list(values.page(1)) == [{"reason": "r0"}, {"reason": "r1"}]


def test_fast_json_is_the_json_drf_writes():
    data = {
        "text": "中文\u2028與\u2029",
        "numbers": [1, 2.5, None, True, 2**70],
        "date": datetime.date(2022, 1, 1),
        "aware": timezone.now(),
        "naive": datetime.datetime(2022, 1, 1, 3, 4, 5, 123456),
        "time": datetime.time(3, 4, 5, 600),
        "span": datetime.timedelta(days=1),
        "money": decimal.Decimal("1.50"),
        "id": uuid.uuid4(),
        "lazy": gettext_lazy("狀態"),
        3: "an int key",
    }
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)
    indented = FastJSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert indented == JSONRenderer().render({"a": 1}, "application/json; indent=2")


def test_api_lists_answer_the_same_json(token_client):
    client = token_client()
    _days(3)
    response = client.get(URL, {"ordering": "date"})
    assert response.status_code == 200
    body = json.loads(response.content)
    assert [r["reason"] for r in body["results"]] == ["r0", "r1", "r2"]
    assert body["results"][0]["date"] == "2030-01-01"
    assert response.content == JSONRenderer().render(body)


def test_a_redis_cache_hands_out_one_client_per_pool():
    from django.core.cache.backends.redis import RedisCache

    from kaohsiung_admin.core.cache_clients import reuse_clients

    backend = RedisCache("redis://127.0.0.1:1/0", {})  # no connection is made to build clients
    assert backend._cache.get_client() is not backend._cache.get_client()  # Django's own: one per call
    reuse_clients(backend)
    first = backend._cache.get_client()
    assert backend._cache.get_client() is first
    assert backend._cache.get_client(write=True) is first  # one server: one pool
    assert first.connection_pool is backend._cache._get_connection_pool(False)


def test_distinct_is_dropped_only_where_it_cannot_remove_a_row(django_user_model):
    from django.contrib.auth.models import Group

    from kaohsiung_admin.core.fastrows import without_needless_distinct

    _days(3)
    one_table = CalendarOverride.objects.filter(is_working_day=True).distinct().order_by("date")
    assert not without_needless_distinct(one_table).query.distinct
    assert list(without_needless_distinct(one_table)) == list(one_table)
    values = CalendarOverride.objects.values("is_working_day").distinct()
    assert without_needless_distinct(values).query.distinct  # rows without the key: kept
    admins, clerks = Group.objects.create(name="a"), Group.objects.create(name="c")
    user = django_user_model.objects.create(username="both")
    user.groups.add(admins, clerks)
    through_many = django_user_model.objects.filter(groups__name__in=["a", "c"]).distinct()
    assert without_needless_distinct(through_many).query.distinct  # a many-to-many join: kept
    assert list(without_needless_distinct(through_many)) == [user]
    paginator = EstimatingPaginator(one_table, 2)
    assert not paginator.object_list.query.distinct
