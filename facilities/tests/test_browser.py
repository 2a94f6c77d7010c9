"""A member of staff books 四維大禮堂 in real Chromium, by keyboard on a narrow screen; a clerk approves."""

import re

import pytest
from django.core import mail

from facilities.choices import BookingStatus
from facilities.models import Booking
from facilities.tests.conftest import working_day
from kaohsiung_admin.core.formatting import roc_date


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_books_the_auditorium_and_a_clerk_approves(browser, live_server, login, staff_user, facility_clerk, hall):
    day = working_day(21)

    staff = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = staff.new_page()
    login(page, staff_user)
    page.goto(f"{live_server.url}/facilities/")
    page.get_by_role("link", name="四維大禮堂").click()
    page.get_by_role("textbox", name="日期").fill(day.isoformat())
    page.get_by_role("button", name="前往").click()
    slot = page.get_by_role("link", name=f"申請 {roc_date(day, long=False)} 08:00")
    slot.focus()
    page.keyboard.press("Enter")  # the free slot, by keyboard

    page.wait_for_url(re.compile(r"/facilities/bookings/new/"))
    assert page.get_by_label("開始時間").input_value() == "08:00"
    assert page.get_by_label("結束時間").input_value() == "12:00"
    page.get_by_label("活動名稱").fill("市政成果頒獎典禮")
    page.get_by_label("申請單位").fill("行政暨國際處")
    page.get_by_label("人數").fill("200")
    page.get_by_role("button", name="送出申請").click()
    page.get_by_text("已送出，待管理人員審核").wait_for()
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.PENDING and booking.requested_by == staff_user

    clerk = browser.new_context()
    clerk_page = clerk.new_page()
    login(clerk_page, facility_clerk)
    clerk_page.goto(f"{live_server.url}/facilities/bookings/queue/")
    queue = clerk_page.get_by_test_id("booking-queue")
    assert "市政成果頒獎典禮" in queue.inner_text()
    clerk_page.get_by_role("button", name=f"核准 #{booking.pk}").click()
    clerk_page.get_by_text(f"已核准預約 #{booking.pk}").wait_for()

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.decided_by == facility_clerk
    assert any("已核准" in m.subject and m.to == [staff_user.email] for m in mail.outbox)

    page.goto(f"{live_server.url}/facilities/bookings/mine/")
    assert "已核准" in page.get_by_test_id("booking-list").inner_text()
    staff.close()
    clerk.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_calendar_week_navigation_swaps_the_grid_with_htmx(browser, live_server, login, staff_user, room):
    context = browser.new_context()
    page = context.new_page()
    login(page, staff_user)
    day = working_day(21)
    page.goto(f"{live_server.url}/facilities/resources/{room.pk}/calendar/?date={day.isoformat()}")
    page.evaluate("window.__marker = 'same page'")  # survives only if the page was not reloaded
    heading = page.locator(".cal-title").inner_text()
    page.get_by_role("link", name="下一週 ›").click()
    page.wait_for_url(re.compile(r"date="))
    page.wait_for_function("h => document.querySelector('.cal-title').innerText !== h", arg=heading)
    assert page.evaluate("window.__marker") == "same page"
    assert "/calendar/?view=week&date=" in page.url
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_move_a_booking_to_another_hour_and_a_clerk_sees_it_back_in_the_queue(
    browser, live_server, login, staff_user, facility_clerk, hall
):
    from facilities import services
    from facilities.tests.conftest import at

    day = working_day(21)
    booking = services.booking_create(
        resource=hall, start=at(day, 8), end=at(day, 12), title="志工表揚大會", requested_by=staff_user
    )
    services.booking_approve(booking=booking, user=facility_clerk)

    staff = browser.new_context(viewport={"width": 390, "height": 844})
    page = staff.new_page()
    login(page, staff_user)
    page.goto(f"{live_server.url}/facilities/bookings/mine/")
    page.get_by_role("link", name=f"變更預約 #{booking.pk}").click()
    page.get_by_label("開始時間").fill("13:00")
    page.get_by_label("結束時間").fill("17:00")
    page.get_by_role("button", name="送出變更").click()
    page.get_by_text("待管理人員審核").wait_for()
    change = Booking.objects.get(replaces=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED  # the old slot is held meanwhile

    clerk = browser.new_context()
    clerk_page = clerk.new_page()
    login(clerk_page, facility_clerk)
    clerk_page.goto(f"{live_server.url}/facilities/bookings/queue/")
    queue = clerk_page.get_by_test_id("booking-queue")
    assert f"變更自 #{booking.pk}" in queue.inner_text()
    clerk_page.get_by_role("button", name=f"核准 #{change.pk}").click()
    clerk_page.get_by_text(f"已核准預約 #{change.pk}").wait_for()
    booking.refresh_from_db()
    change.refresh_from_db()
    assert change.status == BookingStatus.CONFIRMED and booking.status == BookingStatus.CANCELLED
    staff.close()
    clerk.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cancel_asks_for_the_reason_and_the_week_calendar_fits_a_phone(browser, live_server, login, staff_user, room):
    from facilities import services
    from facilities.tests.conftest import at

    day = working_day(21)
    booking = services.booking_create(
        resource=room, start=at(day, 9), end=at(day, 10), title="科務會議", requested_by=staff_user
    )
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    login(page, staff_user)
    page.goto(f"{live_server.url}/facilities/bookings/mine/")
    page.get_by_role("link", name=f"取消預約 #{booking.pk}").click()
    page.get_by_role("button", name="確定取消").click()
    page.get_by_text("請填寫取消原因").wait_for()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    page.get_by_label("取消原因").fill("改為視訊會議")
    page.get_by_role("button", name="確定取消").click()
    page.get_by_test_id("cancel-reason").wait_for()
    assert "改為視訊會議" in page.get_by_test_id("cancel-reason").inner_text()
    page.get_by_test_id("restore").click()
    page.get_by_text(f"已復原預約 #{booking.pk}").wait_for()

    for path in (
        f"/facilities/centers/siwei/calendar/?date={day}",
        f"/facilities/centers/siwei/calendar/?view=day&date={day}",
    ):
        page.goto(f"{live_server.url}{path}")
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"
    context.close()
