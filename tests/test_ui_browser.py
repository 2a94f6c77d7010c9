"""Issue 13 in real Chromium: lists keep their filters, global search, ROC dates typed in a
filter, the staff home, and the English header at 1366 px."""

import datetime

import pytest
from django.utils import timezone

from kaohsiung_admin.core.formatting import roc_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _bookings(user, confirmed=130, pending=20):
    from facilities.models import Booking, Resource

    resource = Resource.objects.create(resource_type="venue", name="四維大禮堂", center="siwei")
    base = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=3)
    rows = []
    for i in range(confirmed + pending):
        start = base + datetime.timedelta(hours=3 * i)
        end = start + datetime.timedelta(hours=1)
        rows.append(
            Booking(
                resource=resource,
                start=start,
                end=end,
                blocked_start=start,
                blocked_end=end,
                status="confirmed" if i < confirmed else "pending",
                title=f"活動{i:03d}",
                requested_by=user,
            )
        )
    Booking.objects.bulk_create(rows)
    return base


def test_a_filtered_list_paged_to_page_3_keeps_its_filter_and_total_and_takes_a_roc_date(
    page, live_server, login, facility_clerk
):
    base = _bookings(facility_clerk)
    login(page, facility_clerk)
    page.goto(f"{live_server.url}/facilities/bookings/")
    page.select_option("select[name=status]", "confirmed")
    page.fill("input[name=date_from]", roc_date(base, long=False))  # typed the way the page shows it: 115/12/05
    page.get_by_role("button", name="篩選").click()
    page.wait_for_load_state()
    assert page.locator(".error").count() == 0
    assert "共 130 筆" in page.get_by_test_id("list-total").inner_text()
    for _ in range(2):
        page.locator(".pagination a[rel=next]").click()
        page.wait_for_load_state()
    assert "status=confirmed" in page.url and "page=3" in page.url and "??" not in page.url
    assert "第 3 / 3 頁" in page.get_by_test_id("pagination").inner_text()
    assert "共 130 筆" in page.get_by_test_id("list-total").inner_text()
    statuses = page.locator("[data-testid=booking-list] tbody tr td:nth-child(6)").all_inner_texts()
    assert len(statuses) == 30 and len(set(statuses)) == 1  # only the confirmed, none repeated from page 2


def test_global_search_finds_a_complaint_by_partial_number_and_phone_with_dashes(page, live_server, login, officer):
    from consumer_protection.models import Complaint

    Complaint.objects.create(
        case_number="115消申字第00013號",
        case_year=2026,
        sequence=13,
        first_filed_on=datetime.date(2026, 11, 2),
        category="fitness",
        complainant_name="陳志明",
        complainant_national_id="A123456789",
        complainant_phone="0912345678",
        business_name="活力運動館",
        narrative="會員合約解約退費爭議。",
    )
    login(page, officer)
    for typed in ("00013", "0912-345-678"):
        page.fill("#site-search-q", typed)
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        results = page.get_by_test_id("search-results")
        assert "申訴案件" in results.inner_text()
        assert "115消申字第00013號" in results.inner_text()
    page.get_by_role("link", name="115消申字第00013號 活力運動館").click()
    page.wait_for_url("**/complaints/*/")


def test_the_staff_home_shows_a_pending_request_to_the_clerk(page, live_server, login, facility_clerk, staff_user):
    from facilities.models import Booking, Resource

    resource = Resource.objects.create(resource_type="venue", name="四維大禮堂", center="siwei")
    start = timezone.now() + datetime.timedelta(days=9)
    Booking.objects.create(
        resource=resource,
        start=start,
        end=start + datetime.timedelta(hours=2),
        blocked_start=start,
        blocked_end=start + datetime.timedelta(hours=2),
        status="pending",
        title="里民大會",
        requested_by=staff_user,
    )
    login(page, facility_clerk)
    panel = page.get_by_test_id("panel-facilities-pending")
    assert "里民大會" in panel.inner_text()
    panel.get_by_role("link", name="里民大會 · 四維大禮堂").click()
    page.wait_for_url("**/bookings/*/")


def test_the_english_header_stays_under_120px_at_1366_and_the_phone_menu_hides(page, live_server, login, manager):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, manager)
    page.select_option("#lang-select", "en")  # the static JS submits on change (no inline handler)
    page.wait_for_function("document.documentElement.lang === 'en'")
    header = page.get_by_test_id("site-header")
    assert "Bureau of Administration and International Affairs" in header.inner_text()
    assert header.bounding_box()["height"] < 120
    assert page.locator("#site-nav").is_visible()
    assert "民國" not in page.locator("main").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    assert not page.locator("#site-nav").is_visible()
    page.get_by_role("button", name="Menu").click()
    assert page.locator("#site-nav").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_at_390px_the_week_calendar_and_a_list_never_scroll_the_whole_page(page, live_server, login, facility_clerk):
    _bookings(facility_clerk, confirmed=12, pending=3)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, facility_clerk)
    for path in (
        "/facilities/centers/siwei/calendar/",
        "/facilities/centers/siwei/calendar/?view=day",
        "/facilities/bookings/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        # a wide table scrolls inside its box (.table-wrap), which fits the screen; a table laid out
        # for the phone (the calendars stack into cards) has no scrolling box and fits by itself
        box = page.evaluate(
            """() => { const table = document.querySelector('table.data');
                 let e = table.parentElement;
                 while (e && getComputedStyle(e).overflowX === 'visible') e = e.parentElement;
                 return (e || table).getBoundingClientRect().right; }"""
        )
        assert 0 < box <= 390, path
