"""Pages: cancel asks once with a reason and can be undone; change; the queue; find a free hall;
the venue's rules on the booking form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from facilities import services
from facilities.choices import BookingStatus
from facilities.models import Booking
from facilities.tests.conftest import at, book, make_venue
from kaohsiung_admin.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_cancel_asks_once_with_a_reason_then_offers_undo(client, staff_user, room, day):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    client.force_login(staff_user)
    page = client.get(reverse("facilities:my-bookings"))
    cancel_url = reverse("facilities:booking-cancel", args=[booking.pk])
    assert f'href="{cancel_url}"' in page.content.decode()  # a link to the question, not a one-click form

    question = client.get(cancel_url)
    assert question.status_code == 200 and "確定要取消這筆預約嗎" in question.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED  # opening the question cancels nothing

    refused = client.post(cancel_url, {"reason": ""})
    assert refused.status_code == 400 and "請填寫取消原因" in refused.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED

    done = client.post(cancel_url, {"reason": "會議改為線上"}, follow=True)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancel_reason == "會議改為線上"
    body = done.content.decode()
    assert "會議改為線上" in body and "復原取消" in body

    client.post(reverse("facilities:booking-restore", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_clerk_cancels_from_the_list_with_a_reason(client, staff_user, facility_clerk, room, day):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    client.force_login(facility_clerk)
    assert (
        reverse("facilities:booking-cancel", args=[booking.pk])
        in client.get(reverse("facilities:booking-list")).content.decode()
    )
    client.post(reverse("facilities:booking-cancel", args=[booking.pk]), {"reason": "場地臨時搶修"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancel_reason == "場地臨時搶修"


def test_cancel_of_a_whole_series_from_one_date(client, staff_user, room, day):
    from facilities.choices import Recurrence

    _series, booked, _skipped = services.series_create(
        resource=room,
        start=at(day, 9),
        end=at(day, 10),
        recurrence=Recurrence.WEEKLY,
        until=day + datetime.timedelta(days=14),
        title="科務會議",
        requested_by=staff_user,
    )
    client.force_login(staff_user)
    url = reverse("facilities:booking-cancel", args=[booked[-1].pk])
    assert "取消整個週期" in client.get(url).content.decode()
    client.post(url, {"reason": "業務調整", "whole_series": "on"})
    assert set(Booking.objects.filter(series=_series).values_list("status", flat=True)) == {BookingStatus.CANCELLED}


def test_cancel_page_says_why_not_inside_the_notice(client, staff_user, room, day):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    room.cancel_notice_hours = 24 * 60
    room.save()
    client.force_login(staff_user)
    url = reverse("facilities:booking-cancel", args=[booking.pk])
    assert "1440 小時取消" in client.get(url).content.decode()
    assert client.post(url, {"reason": "x"}).status_code == 409
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_moving_an_approved_hall_booking_puts_it_back_in_the_queue(client, staff_user, facility_clerk, hall, day):
    booking = book(hall, at(day, 8), at(day, 12), staff_user)
    services.booking_approve(booking=booking, user=facility_clerk)
    client.force_login(staff_user)
    url = reverse("facilities:booking-change", args=[booking.pk])
    form = client.get(url)
    assert "須重新審核" in form.content.decode() and "須以完整時段預約" in form.content.decode()
    response = client.post(
        url,
        {
            "resource": hall.pk,
            "day": day.isoformat(),
            "start_time": "13:00",
            "end_time": "17:00",
            "title": "業務會報",
            "attendees": 120,
        },
        follow=True,
    )
    assert "待管理人員審核" in response.content.decode()
    change = Booking.objects.get(replaces=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED

    client.force_login(facility_clerk)
    queue = client.get(reverse("facilities:booking-queue")).content.decode()
    assert f"變更自 #{booking.pk}" in queue and f"核准 #{change.pk}" in queue


def test_change_form_errors_stay_on_the_form(client, staff_user, room, day, make_user):
    booking = book(room, at(day, 9), at(day, 10), staff_user)
    other = book(room, at(day, 11), at(day, 12), make_user("other"))
    client.force_login(staff_user)
    response = client.post(
        reverse("facilities:booking-change", args=[booking.pk]),
        {
            "resource": room.pk,
            "day": day.isoformat(),
            "start_time": "11:00",
            "end_time": "12:00",
            "title": "x",
            "attendees": 0,
        },
    )
    assert response.status_code == 400 and f"#{other.pk}" in response.content.decode()


def test_queue_is_sorted_by_decision_day_and_shows_the_contact_phone(
    client, staff_user, facility_clerk, hall, make_user
):
    from facilities.tests.conftest import working_day

    late = working_day(40)
    soon = working_day(16)
    far = book(hall, at(late, 8), at(late, 12), staff_user, contact_phone="07-799-5678")
    near = book(hall, at(soon, 8), at(soon, 12), staff_user)
    Booking.objects.filter(pk=near.pk).update(decision_due_on=timezone.localdate())
    client.force_login(facility_clerk)
    body = client.get(reverse("facilities:booking-queue")).content.decode()
    assert body.index(f"核准 #{near.pk}") < body.index(f"核准 #{far.pk}")
    assert "07-799-5678" in body


def test_queue_query_count_is_constant(client, facility_clerk, hall, make_user):
    from facilities.tests.conftest import working_day

    users = [make_user(f"u{n}") for n in range(3)]

    def add(n):
        for i in range(n):
            d = working_day(15 + i)
            book(hall, at(d, 8), at(d, 12), users[i % 3], contact_phone="0912345678")

    client.force_login(facility_clerk)
    assert_constant_queries(lambda: client.get(reverse("facilities:booking-queue")), add)


def test_find_a_free_hall_says_why_the_others_are_not(client, staff_user, hall, room, day, make_user):
    hall.venue.equipment = "投影、音響"
    hall.venue.save()
    room.venue.equipment = "投影"
    room.venue.save()
    make_venue("四維第9會議室", capacity=24, needs_approval=False, kind="meeting", group="meeting")
    taker = book(room, at(day, 13), at(day, 17), make_user("other"))
    client.force_login(staff_user)
    response = client.get(
        reverse("facilities:find-free"),
        {"day": day.isoformat(), "start_time": "13:00", "end_time": "17:00", "attendees": 50, "equipment": ["投影"]},
    )
    assert response.status_code == 200
    rows = {c.resource.name: c for c in response.context["candidates"]}
    assert rows["四維大禮堂"].free
    assert rows["四維第6會議室"].conflict == taker
    assert any("容量 24 人" in r for r in rows["四維第9會議室"].reasons)
    assert any("無投影" in r for r in rows["四維第9會議室"].reasons)
    body = response.content.decode()
    assert "可借用 1 處" in body and f"已有預約 #{taker.pk}" in body

    # outside the hours, and inside the hall's notice period
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.get(
        reverse("facilities:find-free"), {"day": tomorrow.isoformat(), "start_time": "13:00", "end_time": "17:00"}
    )
    reasons = {c.resource.name: " ".join(c.reasons) for c in response.context["candidates"]}
    assert "14 日前" in reasons["四維大禮堂"]


def test_booking_form_shows_the_rules_and_offers_the_slots(client, staff_user, hall, day):
    client.force_login(staff_user)
    response = client.get(reverse("facilities:booking-create"), {"resource": hall.pk, "start": f"{day}T08:00"})
    body = response.content.decode()
    assert "借用規定" in body and "須於使用日 14 日前申請" in body
    assert "13:00–17:00" in body and "start=" in body and f"{day}T13%3A00" in body


def test_printable_parking_permit(client, facility_clerk, staff_user):
    from facilities.choices import Center

    client.force_login(facility_clerk)
    response = client.post(
        reverse("facilities:permit-create"),
        {"center": Center.SIWEI, "plate": "abc-1234", "holder": "消防局", "valid_on": timezone.localdate().isoformat()},
        follow=True,
    )
    body = response.content.decode()
    assert 'data-testid="permit-print"' in body and "ABC-1234" in body and "臨時停車證" in body
    client.force_login(staff_user)
    from facilities.models import ParkingPermit

    assert client.get(reverse("facilities:permit-print", args=[ParkingPermit.objects.get().pk])).status_code == 403
