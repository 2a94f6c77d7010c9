"""A list whose matches pass the count cap says 「共 10,000+ 筆」 and claims no page count, while its
pages stay reachable (core.paginator through the shared pagination include)."""

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from kaohsiung_admin.core.models import CalendarOverride
from kaohsiung_admin.core.pages import paginate

pytestmark = pytest.mark.django_db


def _render(page_obj, request):
    return Template('{% include "includes/pagination.html" %}').render(RequestContext(request, {"page_obj": page_obj}))


def test_a_capped_total_reads_as_such_and_no_page_count_is_claimed(settings):
    import datetime

    settings.LIST_COUNT_CAP = 5
    start = datetime.date(2030, 1, 1)
    CalendarOverride.objects.bulk_create(
        CalendarOverride(date=start + datetime.timedelta(days=i), is_working_day=False, reason="測試")
        for i in range(12)
    )
    request = RequestFactory().get("/", {"reason": "測試", "page": "2"})
    rows = CalendarOverride.objects.filter(reason="測試").order_by("date")
    page_obj = paginate(request, rows, per_page=5)
    text = _render(page_obj, request)
    assert "共 5+ 筆" in text
    assert " / " not in text  # "第 2 頁", not "第 2 / 1 頁"
    assert "第 2 頁" in text
    assert 'rel="next"' in text  # page 3 (rows 11-12) is still reachable
    assert "reason=%E6%B8%AC%E8%A9%A6" in text  # the filter is kept


def test_an_exact_total_keeps_the_page_count(settings):
    import datetime

    CalendarOverride.objects.bulk_create(
        CalendarOverride(date=datetime.date(2030, 1, 1) + datetime.timedelta(days=i), is_working_day=False, reason="測")
        for i in range(7)
    )
    request = RequestFactory().get("/")
    page_obj = paginate(request, CalendarOverride.objects.order_by("date"), per_page=5)
    text = _render(page_obj, request)
    assert "共 7 筆" in text and "第 1 / 2 頁" in text
