"""The page kit's shared behaviour (issue 13): error pages, notifications, search, home, the
header, pagination that keeps every filter, and dates/money in the page's language."""

import datetime

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from kaohsiung_admin.core.notifications import mark_read, notify, unread_count
from kaohsiung_admin.core.search import SearchQuery, search_all

pytestmark = pytest.mark.django_db


def make_complaint(number="115消申字第00013號", phone="07-3368333", name="陳志明", **fields):
    from consumer_protection.models import Complaint

    data = {
        "case_number": number,
        "case_year": 2026,
        "sequence": int(number[-6:-1]),
        "first_filed_on": datetime.date(2026, 11, 2),
        "category": "fitness",
        "complainant_name": name,
        "complainant_national_id": "A123456789",
        "complainant_phone": phone,
        "business_name": "活力運動館",
        "narrative": "會員合約解約退費爭議。",
        "due_on": timezone.localdate() + datetime.timedelta(days=2),
    }
    data.update(fields)
    return Complaint.objects.create(**data)


def make_booking(user, *, status="pending", days=10, title="里民大會"):
    from facilities.models import Booking, Resource

    resource = Resource.objects.create(resource_type="venue", name="四維大禮堂", center="siwei")
    start = timezone.now() + datetime.timedelta(days=days)
    end = start + datetime.timedelta(hours=2)
    return Booking.objects.create(
        resource=resource,
        start=start,
        end=end,
        blocked_start=start,
        blocked_end=end,
        status=status,
        title=title,
        requested_by=user,
        contact_phone="0912-345-678",
    )


# --- error pages ------------------------------------------------------------------------------


def test_404_is_in_the_sites_layout_and_language(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到這個頁面" in html and 'class="site-header"' in html and "回首頁" in html
    client.cookies["django_language"] = "en"
    html = client.get("/no-such-page/").content.decode()
    assert "This page was not found" in html and "Back to the home page" in html


def test_403_says_why_and_where_to_go(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("consumer_protection:complaint-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "您沒有權限檢視此頁" in html and "系統管理員" in html and 'class="site-header"' in html
    assert "改用其他帳號登入" in html


def test_api_errors_stay_json(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_500_renders_without_a_request_context_or_the_database(django_assert_num_queries):
    from kaohsiung_admin.urls import handler500

    request = RequestFactory().get("/somewhere/")
    with django_assert_num_queries(0):
        response = handler500(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "系統發生錯誤" in html and "/somewhere/" in html and 'class="site-header"' in html


# --- notifications ----------------------------------------------------------------------------


def test_notify_shows_an_unread_count_in_the_header_and_marks_read(client, staff_user, manager):
    assert notify(staff_user, "報告已產製完成", url="/reports/") == 1
    notify([staff_user, manager], "另一則")
    assert unread_count(staff_user) == 2
    client.force_login(staff_user)
    html = client.get("/").content.decode()
    assert 'data-testid="notifications"' in html and '<span class="count"' in html and ">2</span>" in html
    page = client.get(reverse("core:notifications")).content.decode()
    assert "報告已產製完成" in page and "另一則" in page
    response = client.post(reverse("core:notifications-read"))
    assert response.status_code == 302 and response["Location"] == reverse("core:notifications")
    assert unread_count(staff_user) == 0
    assert unread_count(manager) == 1  # another user's notices are untouched


def test_marking_read_never_touches_another_users_notice(manager, staff_user):
    notify(manager, "主管的通知")
    other = manager.notifications.get()
    assert mark_read(staff_user, [other.pk]) == 0
    assert unread_count(manager) == 1


def test_a_finished_report_build_leaves_a_notification(manager):
    from kaohsiung_admin.reports.models import ReportBuild, ReportDefinition
    from kaohsiung_admin.reports.services import report_build_notify

    definition = ReportDefinition.objects.create(year=2022)
    build = ReportBuild.objects.create(definition=definition, year=2022, requested_by=manager, status="succeeded")
    report_build_notify(build=build)
    notice = manager.notifications.get()
    assert "111年度" in notice.title and notice.url == reverse("reports:build-detail", args=[build.pk])


# --- search -----------------------------------------------------------------------------------


def test_search_query_keeps_the_digits_of_a_phone_typed_with_dashes_and_spaces():
    assert SearchQuery.parse(" 07-336 8333 ").digits == "073368333"
    assert SearchQuery.parse("0912-345-678").phone_digits == "0912345678"
    assert SearchQuery.parse("陳志明").digits == ""
    assert SearchQuery.parse("x" * 500).text == "x" * 100


def test_search_finds_a_complaint_by_partial_number_and_by_phone_with_dashes(officer):
    make_complaint(phone="073368333")
    make_complaint(number="115消申字第00099號", phone="0911000111", name="王小明")
    _, groups = search_all(officer, "00013")
    hits = [hit.title for group in groups for hit in group.hits]
    assert any("115消申字第00013號" in title for title in hits)
    assert not any("00099" in title for title in hits)
    _, groups = search_all(officer, "07-336 8333")
    complaints = [group for group in groups if group.label == "申訴案件"]
    assert [hit.title.split()[0] for hit in complaints[0].hits] == ["115消申字第00013號"]


def test_search_is_restricted_like_every_other_read_and_masks(client, staff_user, officer):
    make_complaint()
    _, groups = search_all(staff_user, "00013")
    assert not [group for group in groups if group.label == "申訴案件"]
    client.force_login(officer)
    html = client.get(reverse("core:search"), {"q": "00013"}).content.decode()
    assert "115消申字第00013號" in html
    if not officer.has_perm("consumer_protection.unmask_personal_data"):
        assert "073368333" not in html and "07-3368333" not in html


def test_search_finds_a_booking_by_the_phone_as_typed(facility_clerk, staff_user):
    make_booking(staff_user)
    for who in (facility_clerk, staff_user):  # the clerk sees every booking, the requester their own
        _, groups = search_all(who, "0912 345 678")
        assert any(group.label == "預約" and group.hits for group in groups)
    _, groups = search_all(facility_clerk, "")
    assert groups == []


# --- home -------------------------------------------------------------------------------------


def test_home_shows_the_clerk_the_requests_waiting_and_the_staff_their_next_booking(client, facility_clerk, staff_user):
    make_booking(staff_user, title="里民大會")
    client.force_login(facility_clerk)
    html = client.get("/").content.decode()
    assert 'data-testid="panel-facilities-pending"' in html and "里民大會" in html
    client.force_login(staff_user)
    html = client.get("/").content.decode()
    assert 'data-testid="panel-facilities-mine"' in html and "里民大會" in html
    assert 'data-testid="panel-facilities-pending"' not in html


def test_home_shows_the_officer_cases_due_soon(client, officer):
    make_complaint(officer=officer)
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert 'data-testid="panel-consumer-protection-due"' in html and "115消申字第00013號" in html


# --- header, pagination, language ------------------------------------------------------------


def test_header_has_the_search_box_and_no_inline_handlers(client, manager):
    client.force_login(manager)
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert "onchange=" not in html and "onclick=" not in html and "<script>" not in html
    assert "favicon.svg" in html


def _list_pages():
    """Every page URL of the site that takes no argument (the list pages among them)."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and pattern.name and "<" not in str(pattern.pattern):
                yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}"

    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(("api/", "admin/", "accounts/", "i18n/")) or "." in route.rsplit("/", 1)[-1]:
            continue
        yield name


def test_every_list_page_pages_through_the_shared_include(client, administrator):
    """Every page that shows a page of rows (`page_obj`) renders includes/pagination.html, whose
    links keep every filter and the ordering (next test): a new list is covered automatically."""
    client.force_login(administrator)
    lists = []
    for name in _list_pages():
        response = client.get(reverse(name), {"page": "1", "ordering": "-id"})
        if response.status_code != 200 or response.context is None or "page_obj" not in response.context:
            continue
        lists.append(name)
        assert "includes/pagination.html" in [t.name for t in response.templates], name
    assert {"facilities:booking-list", "consumer_protection:complaint-list", "core:notifications"} <= set(lists)
    assert len(lists) >= 20


def test_pagination_links_keep_every_filter_and_the_ordering():
    from django.core.paginator import Paginator

    request = RequestFactory().get(
        "/facilities/bookings/", {"status": "confirmed", "date_from": "115/12/01", "ordering": "-start", "page": "2"}
    )
    page = Paginator(list(range(200)), 50).get_page(2)
    html = Template('{% include "includes/pagination.html" %}').render(RequestContext(request, {"page_obj": page}))
    for rel, number in (("prev", 1), ("next", 3)):
        href = html.split(f'rel="{rel}"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
        assert href.startswith("?") and not href.startswith("??")
        assert "status=confirmed" in href and "ordering=-start" in href and f"page={number}" in href
        assert "date_from=115%2F12%2F01" in href


def test_dates_and_money_follow_the_page_language():
    day = datetime.date(2026, 12, 2)
    template = Template("{{ d|roc_date }}|{{ d|roc_date_short }}|{{ m|report_money }}")
    assert template.render(Context({"d": day, "m": 12000})) == "民國115年12月2日|115/12/02|1萬 2,000元"
    with translation.override("en"):
        assert template.render(Context({"d": day, "m": 12000})) == "2 Dec 2026|2026-12-02|NT$12,000"


def test_english_home_has_no_chinese_date_or_greeting(client, manager):
    client.cookies["django_language"] = "en"
    client.force_login(manager)
    html = client.get("/").content.decode()
    assert "Today is 2" in html or "Today is" in html
    assert "民國" not in html.split("<main")[1].split("</main>")[0]
