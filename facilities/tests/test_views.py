import csv
import datetime
import io

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from facilities import services
from facilities.choices import BookingStatus, Center, MaintenanceCategory, PublicSpaceKind
from facilities.models import Booking, MaintenanceRequest, ParkingPermit, PublicSpaceRequest, VehicleTrip
from facilities.tests.conftest import at, make_venue, working_day
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.testing import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


def book(resource, start, end, user=None, status=BookingStatus.CONFIRMED, title="業務會報"):
    """A booking row straight into the table (for list and calendar fixtures)."""
    booking = Booking(resource=resource, start=start, end=end, title=title, status=status, requested_by=user)
    booking.set_span()
    booking.save()
    return booking


def queries(client, url) -> tuple[int, object]:
    count, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200, url
    return count, response


# --- booking through the pages -----------------------------------------------------------------


def test_staff_books_a_room_from_a_free_slot_link(client, staff_user, room, day):
    client.force_login(staff_user)
    calendar = client.get(reverse("facilities:resource-calendar", args=[room.pk]) + f"?date={day.isoformat()}")
    link = f"/facilities/bookings/new/?resource={room.pk}&amp;start={day.isoformat()}T09%3A00"
    assert link in calendar.content.decode()

    form = client.get(reverse("facilities:booking-create") + f"?resource={room.pk}&start={day}T09:00&end={day}T10:00")
    assert 'value="09:00"' in form.content.decode()
    response = client.post(
        reverse("facilities:booking-create"),
        {
            "resource": room.pk,
            "day": day,
            "start_time": "09:00",
            "end_time": "10:00",
            "title": "科務會議",
            "attendees": 10,
        },
        follow=True,
    )
    booking = Booking.objects.get()
    assert booking.requested_by == staff_user and booking.status == BookingStatus.CONFIRMED
    assert f"預約 #{booking.pk} 已核准" in response.content.decode()


def test_clash_on_the_page_names_the_clashing_booking(client, staff_user, room, day):
    taken = book(room, at(day, 9), at(day, 11))
    client.force_login(staff_user)
    response = client.post(
        reverse("facilities:booking-create"),
        {
            "resource": room.pk,
            "day": day,
            "start_time": "10:00",
            "end_time": "12:00",
            "title": "科務會議",
            "attendees": 0,
        },
    )
    assert response.status_code == 200
    assert f"#{taken.pk}" in response.content.decode()
    assert Booking.objects.count() == 1


def test_bad_input_is_a_form_error_not_a_500(client, staff_user, room):
    client.force_login(staff_user)
    response = client.post(
        reverse("facilities:booking-create"), {"resource": "x", "day": "2022-13-45", "start_time": "25:00", "title": ""}
    )
    assert response.status_code == 200
    assert "has-error" in response.content.decode()


def test_recurring_booking_shows_clashes_before_saving(client, staff_user, room, day, make_user):
    dates = [day + datetime.timedelta(days=7 * n) for n in range(4)]
    from kaohsiung_admin.core.dates import WorkdayCalendar

    taken_day = next(d for d in dates[1:] if WorkdayCalendar().is_working_day(d))
    taken = book(room, at(taken_day, 9), at(taken_day, 10), make_user("other"))
    client.force_login(staff_user)
    data = {
        "resource": room.pk,
        "day": day,
        "start_time": "09:00",
        "end_time": "10:00",
        "title": "週會",
        "attendees": 5,
        "recurrence": "weekly",
        "until": dates[-1],
    }
    preview = client.post(reverse("facilities:booking-create"), data)
    page = preview.content.decode()
    assert 'data-testid="series-preview"' in page
    assert f"與預約 #{taken.pk}" in page
    assert Booking.objects.count() == 1  # nothing saved yet

    client.post(reverse("facilities:booking-create"), {**data, "confirm": "1"})
    mine = Booking.objects.filter(requested_by=staff_user)
    assert mine.count() >= 1
    assert taken_day not in [timezone.localtime(b.start).date() for b in mine]


def test_staff_may_cancel_only_their_own_booking(client, staff_user, make_user, room, day):
    other = make_user("other")
    mine = book(room, at(day, 9), at(day, 10), staff_user)
    theirs = book(room, at(day, 10), at(day, 11), other)
    client.force_login(staff_user)
    assert client.post(reverse("facilities:booking-cancel", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("facilities:booking-detail", args=[theirs.pk])).status_code == 404
    client.post(reverse("facilities:booking-cancel", args=[mine.pk]), {"reason": "改期"})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == BookingStatus.CANCELLED
    assert theirs.status == BookingStatus.CONFIRMED


def test_clerk_queue_approve_and_reject_with_reason(client, staff_user, facility_clerk, hall, day, make_user):
    first = services.booking_create(
        resource=hall, start=at(day, 8), end=at(day, 12), title="頒獎典禮", requested_by=staff_user
    )
    second = services.booking_create(
        resource=hall, start=at(day, 8), end=at(day, 12), title="研習", requested_by=make_user("o")
    )
    client.force_login(staff_user)
    assert client.get(reverse("facilities:booking-queue")).status_code == 403
    assert client.post(reverse("facilities:booking-approve", args=[first.pk])).status_code == 403

    client.force_login(facility_clerk)
    queue = client.get(reverse("facilities:booking-queue")).content.decode()
    assert "頒獎典禮" in queue and "研習" in queue
    client.post(reverse("facilities:booking-approve", args=[first.pk]))
    response = client.post(reverse("facilities:booking-approve", args=[second.pk]), follow=True)
    assert f"#{first.pk}" in response.content.decode()  # refused, naming the winner
    client.post(reverse("facilities:booking-reject", args=[second.pk]), {"reason": "時段已核准他案"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == BookingStatus.CONFIRMED
    assert second.status == BookingStatus.REJECTED and second.decision_reason == "時段已核准他案"


def test_calendar_shows_others_bookings_as_busy_without_details(
    client, staff_user, make_user, room, day, facility_clerk
):
    book(room, at(day, 9), at(day, 10), make_user("other"), title="人事甄選機密會議")
    client.force_login(staff_user)
    page = client.get(reverse("facilities:resource-calendar", args=[room.pk]) + f"?date={day}").content.decode()
    assert "人事甄選機密會議" not in page
    assert "已預約" in page
    client.force_login(facility_clerk)
    page = client.get(reverse("facilities:resource-calendar", args=[room.pk]) + f"?date={day}").content.decode()
    assert "人事甄選機密會議" in page


def test_calendar_marks_closures_and_htmx_gets_the_grid_only(client, staff_user, room, day):
    from facilities.models import Closure

    Closure.objects.create(resource=room, start_date=day, end_date=day, reason="地毯更新")
    client.force_login(staff_user)
    url = reverse("facilities:resource-calendar", args=[room.pk]) + f"?view=day&date={day}"
    page = client.get(url).content.decode()
    assert "地毯更新" in page
    assert "free-slot" not in page  # nothing to click on a closed day
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "地毯更新" in partial


def test_center_week_costs_a_fixed_number_of_queries(client, facility_clerk, room, day):
    other_room = make_venue("四維第1會議室", needs_approval=False).resource
    fengshan = make_venue("鳳山第1會議室", center=Center.FENGSHAN, needs_approval=False).resource
    monday = day - datetime.timedelta(days=day.weekday())
    url = reverse("facilities:center-calendar", args=["siwei"]) + f"?date={monday}"
    client.force_login(facility_clerk)
    book(room, at(monday, 17), at(monday, 18))
    few, _response = queries(client, url)
    for n in range(60):
        resource = room if n % 2 else other_room
        d = monday + datetime.timedelta(days=n % 5)
        book(
            resource,
            at(d, 8) + datetime.timedelta(minutes=20 * (n // 10)),
            at(d, 8) + datetime.timedelta(minutes=20 * (n // 10) + 10),
        )
    book(fengshan, at(monday, 9), at(monday, 10), title="鳳山的會")
    many, response = queries(client, url)
    assert few == many
    assert "鳳山的會" not in response.content.decode()
    day_count, _ = queries(client, url + "&view=day")
    assert day_count == few


# --- lists: query counts, exports ----------------------------------------------------------------


def _fill(kind, n, *, user, resource=None, car=None, day=None):
    for i in range(n):
        if kind == "booking":
            book(
                resource,
                at(day, 8) + datetime.timedelta(minutes=15 * i),
                at(day, 8) + datetime.timedelta(minutes=15 * i + 10),
                user,
            )
        elif kind == "trip":
            b = book(
                car.resource,
                at(day, 6) + datetime.timedelta(minutes=15 * i),
                at(day, 6) + datetime.timedelta(minutes=15 * i + 10),
                user,
            )
            VehicleTrip.objects.create(booking=b, destination="議會")
        elif kind == "maintenance":
            MaintenanceRequest.objects.create(
                center=Center.SIWEI,
                category=MaintenanceCategory.AIR_CONDITIONING,
                location="5樓",
                description="不冷",
                requested_by=user,
            )
        elif kind == "permit":
            ParkingPermit.objects.create(
                number=f"T{ParkingPermit.objects.count():05d}",
                center=Center.SIWEI,
                plate="ABC-1234",
                holder="局",
                valid_on=day,
            )
        elif kind == "publicspace":
            PublicSpaceRequest.objects.create(
                kind=PublicSpaceKind.LIFT_POSTER,
                center=Center.SIWEI,
                agency="局",
                title="宣導",
                start_date=day,
                end_date=day,
                requested_by=user,
            )


@pytest.mark.parametrize(
    ("kind", "url_name"),
    [
        ("booking", "facilities:booking-list"),
        ("booking", "facilities:my-bookings"),
        ("booking", "facilities:booking-queue"),
        ("trip", "facilities:trip-list"),
        ("maintenance", "facilities:maintenance-list"),
        ("permit", "facilities:permit-list"),
        ("publicspace", "facilities:publicspace-list"),
        (None, "facilities:venue-list"),
        (None, "facilities:vehicle-list"),
        (None, "facilities:index"),
    ],
)
def test_list_pages_cost_the_same_for_1_and_50_rows(client, facility_clerk, room, hall, car, day, kind, url_name):
    client.force_login(facility_clerk)
    url = reverse(url_name)
    target = hall if url_name == "facilities:booking-queue" else room
    status = BookingStatus.PENDING if url_name == "facilities:booking-queue" else BookingStatus.CONFIRMED

    def add(n):
        if kind is None:
            for i in range(n):
                make_venue(f"會議室{Booking.objects.count()}-{i}-{timezone.now().timestamp()}")
            return
        if kind == "booking":
            for _i in range(n):
                offset = Booking.objects.count()
                b = Booking(
                    resource=target,
                    start=at(day, 8) + datetime.timedelta(minutes=10 * offset),
                    end=at(day, 8) + datetime.timedelta(minutes=10 * offset + 5),
                    title="會",
                    status=status,
                    requested_by=facility_clerk,
                )
                b.set_span()
                b.save()
            return
        _fill(
            kind,
            n,
            user=facility_clerk,
            resource=room,
            car=car,
            day=day + datetime.timedelta(days=Booking.objects.count()),
        )

    # The venue list also holds the room and the hall: 40 more keep it on one page (a list longer
    # than a page also asks for its total, core.paginator; a short one is its own).
    assert_constant_queries(lambda: client.get(url), add, sizes=(1, 40))


def test_staff_see_only_their_own_maintenance_requests(client, staff_user, make_user):
    MaintenanceRequest.objects.create(
        center=Center.SIWEI, category="cctv", location="B1", description="鏡頭", requested_by=staff_user
    )
    MaintenanceRequest.objects.create(
        center=Center.SIWEI, category="cctv", location="屋頂", description="別人的", requested_by=make_user("x")
    )
    client.force_login(staff_user)
    page = client.get(reverse("facilities:maintenance-list")).content.decode()
    assert "B1" in page and "屋頂" not in page


def test_booking_export_csv_and_xlsx_follow_the_filters(client, facility_clerk, room, day):
    fengshan = make_venue("鳳山第1會議室", center=Center.FENGSHAN, needs_approval=False).resource
    book(room, at(day, 9), at(day, 10), title="四維會議")
    book(fengshan, at(day, 9), at(day, 10), title="鳳山會議")
    client.force_login(facility_clerk)

    response = client.get(reverse("facilities:booking-list") + "?center=siwei&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["編號", "行政中心", "場地／車輛"]
    assert len(rows) == 2
    assert rows[1][2] == "四維第6會議室" and "四維會議" in rows[1]
    assert rows[1][3] == f"{day.isoformat()} 09:00"

    response = client.get(reverse("facilities:booking-list") + "?center=fengshan&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "編號"
    assert len(values) == 2 and values[1][6] == "鳳山會議"


def test_maintenance_export_contains_the_rows(client, facility_clerk):
    MaintenanceRequest.objects.create(center=Center.SIWEI, category="elevator", location="東側電梯", description="異音")
    client.force_login(facility_clerk)
    response = client.get(reverse("facilities:maintenance-list") + "?export=csv&category=elevator")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "東側電梯" in text and "電梯" in text


def test_ical_feed_parses_with_taipei_times(client, staff_user, facility_clerk, room, day):
    booking = book(room, at(day, 9), at(day, 10, 30), title="科務會議")
    book(room, at(day, 11), at(day, 12), status=BookingStatus.CANCELLED, title="已取消")
    client.force_login(facility_clerk)
    response = client.get(reverse("facilities:resource-ical", args=[room.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Taipei"]
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "科務會議"
    assert event["UID"].startswith(f"booking-{booking.pk}@")
    assert event.decoded("DTSTART") == at(day, 9)
    assert str(event["DTSTART"].params["TZID"]) == "Asia/Taipei"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(minutes=90)
    assert "DTSTAMP" in event

    # A calendar app without a session uses the signed key from the calendar page; staff see busy only.
    client.force_login(staff_user)
    page = client.get(reverse("facilities:resource-calendar", args=[room.pk])).content.decode()
    feed = page.split("calendar.ics?key=")[1].split('"')[0]
    client.logout()
    assert client.get(reverse("facilities:resource-ical", args=[room.pk])).status_code == 403
    response = client.get(reverse("facilities:resource-ical", args=[room.pk]) + f"?key={feed}")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["已預約"]


def test_utilisation_counts_confirmed_hours_by_group_and_month(client, manager, room, hall):
    day = datetime.date(2022, 3, 24)
    book(room, at(day, 9), at(day, 11))
    book(room, at(day, 13), at(day, 14))
    book(room, at(day, 15), at(day, 16), status=BookingStatus.CANCELLED)
    book(hall, at(day, 8), at(day, 12))
    client.force_login(manager)
    response = client.get(reverse("facilities:utilisation") + "?year=2022")
    groups = {(g["center"], g["group"]): g for g in response.context["groups"]}
    meeting = groups[("四維行政中心", "各會議室")]
    assert meeting["bookings"] == 2 and meeting["hours"] == 3.0
    assert meeting["months"][2] == (2, 180)
    assert groups[("四維行政中心", "中庭、廣場及大禮堂等")]["bookings"] == 1


def test_trip_request_page_and_log(client, staff_user, facility_clerk, car):
    day = working_day(5)
    client.force_login(staff_user)
    client.post(
        reverse("facilities:trip-create"),
        {
            "kind": "official",
            "day": day,
            "start_time": "08:30",
            "end_time": "12:00",
            "destination": "高雄市議會",
            "title": "出席會議",
            "passengers": 2,
            "contact_phone": "07-799-5678",
        },
    )
    trip = VehicleTrip.objects.get()
    assert trip.booking.requested_by == staff_user and trip.destination == "高雄市議會"
    assert trip.booking.resource == car.resource and trip.requested_kind == "official"
    assert client.get(reverse("facilities:trip-log", args=[trip.pk])).status_code == 403
    client.force_login(facility_clerk)
    assert "07-799-5678" in client.get(reverse("facilities:booking-detail", args=[trip.booking_id])).content.decode()
    refused = client.post(reverse("facilities:trip-log", args=[trip.pk]), {"odometer_start": 1, "odometer_end": 2})
    assert "出車前不能填寫行車紀錄" in refused.content.decode()
    services.booking_approve(booking=trip.booking, user=facility_clerk)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Booking.objects.filter(pk=trip.booking_id).update(start=yesterday, end=yesterday + datetime.timedelta(hours=3))
    response = client.post(
        reverse("facilities:trip-log", args=[trip.pk]), {"odometer_start": 5000, "odometer_end": 4000}
    )
    assert "回場里程不可小於出車里程" in response.content.decode()
    client.post(reverse("facilities:trip-log", args=[trip.pk]), {"odometer_start": 5000, "odometer_end": 5042})
    trip.refresh_from_db()
    assert trip.distance_km == 42


def test_maintenance_request_page_and_status_flow(client, staff_user, facility_clerk):
    client.force_login(staff_user)
    client.post(
        reverse("facilities:maintenance-create"),
        {"center": "siwei", "category": "hvac", "location": "7樓", "description": "冷氣不冷"},
    )
    item = MaintenanceRequest.objects.get()
    assert item.requested_by == staff_user
    client.force_login(facility_clerk)
    response = client.post(reverse("facilities:maintenance-detail", args=[item.pk]), {"status": "assigned"})
    assert "派工時請填寫" in response.content.decode()
    client.post(
        reverse("facilities:maintenance-detail", args=[item.pk]), {"status": "assigned", "contractor": "冠軍空調"}
    )
    item.refresh_from_db()
    assert item.status == "assigned" and item.assigned_at is not None


def test_parking_permit_issue_is_for_clerks(client, staff_user, facility_clerk):
    client.force_login(staff_user)
    assert client.get(reverse("facilities:permit-create")).status_code == 403
    client.force_login(facility_clerk)
    client.post(
        reverse("facilities:permit-create"),
        {"center": "siwei", "plate": "ABC-1234", "holder": "財政局", "valid_on": "2026-12-01"},
    )
    assert ParkingPermit.objects.get().holder == "財政局"


def test_led_wall_only_at_siwei(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("facilities:publicspace-create"),
        {
            "kind": "led_video",
            "center": "fengshan",
            "agency": "新聞局",
            "title": "短片",
            "start_date": "2026-12-01",
            "end_date": "2026-12-07",
        },
    )
    assert "僅設於四維" in response.content.decode()
    assert not PublicSpaceRequest.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("facilities:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_clerk_registers_a_closure_and_is_warned_of_bookings_in_it(client, staff_user, facility_clerk, room, day):
    book(room, at(day, 9), at(day, 10), staff_user)
    client.force_login(staff_user)
    assert client.get(reverse("facilities:closure-list")).status_code == 403
    client.force_login(facility_clerk)
    response = client.post(
        reverse("facilities:closure-list"),
        {"resource": room.pk, "start_date": day, "end_date": day, "reason": "冷氣更新"},
        follow=True,
    )
    page = response.content.decode()
    assert "冷氣更新" in page and "仍有 1 筆預約" in page
    response = client.post(reverse("facilities:closure-list"), {"start_date": day, "end_date": day, "reason": "x"})
    assert "請指定場地或整個行政中心" in response.content.decode()
    with pytest.raises(ServiceError, match="暫停開放"):
        services.booking_create(resource=room, start=at(day, 11), end=at(day, 12), title="會", requested_by=staff_user)


def test_closure_list_costs_the_same_for_1_and_50_rows(client, facility_clerk, room, day):
    from facilities.models import Closure

    client.force_login(facility_clerk)

    def add(n):
        for i in range(n):
            Closure.objects.create(resource=room, start_date=day, end_date=day, reason=f"整修{i}")

    assert_constant_queries(lambda: client.get(reverse("facilities:closure-list")), add)


def test_nonsense_filters_show_form_errors_not_a_500(client, facility_clerk):
    client.force_login(facility_clerk)
    for name in (
        "facilities:booking-list",
        "facilities:maintenance-list",
        "facilities:trip-list",
        "facilities:permit-list",
    ):
        response = client.get(reverse(name) + "?status=bogus&date_from=not-a-date&center=mars&resource=abc&page=999")
        assert response.status_code == 200, name


def test_calendar_links_can_be_reset_and_old_ones_stop_working(client, staff_user, make_user, room, day):
    book(room, at(day, 9), at(day, 10), title="科務會議")
    url = reverse("facilities:resource-ical", args=[room.pk])

    def link():
        page = client.get(reverse("facilities:resource-calendar", args=[room.pk])).content.decode()
        return page.split("calendar.ics?key=")[1].split('"')[0]

    client.force_login(staff_user)
    old = link()
    colleague = make_user("colleague")
    client.force_login(colleague)
    colleagues = link()
    client.force_login(staff_user)
    assert client.get(reverse("facilities:feed-keys-reset", args=[room.pk])).status_code == 405  # POST only
    response = client.post(reverse("facilities:feed-keys-reset", args=[room.pk]), follow=True)
    assert "已重設您的行事曆訂閱連結" in response.content.decode()
    new = link()
    client.logout()
    assert client.get(f"{url}?key={old}").status_code == 403
    assert client.get(f"{url}?key={new}").status_code == 200
    assert client.get(f"{url}?key={colleagues}").status_code == 200  # only my links were reset
    assert client.get(f"{url}?key={new[:-2]}xx").status_code == 403  # forged


def test_venue_list_counts_notice_days_in_english(client, facility_clerk):
    make_venue("會議室甲", advance_notice_days=1)
    make_venue("大禮堂乙", advance_notice_days=14)
    client.force_login(facility_clerk)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("facilities:venue-list")).content.decode()
    assert "Request 1 day ahead" in body and "Request 14 days ahead" in body
    assert "Request 1 days ahead" not in body
    client.cookies["django_language"] = "zh-hant"
    body = client.get(reverse("facilities:venue-list")).content.decode()
    assert "1 日前申請" in body and "14 日前申請" in body


def test_booking_rules_count_notice_days_in_english():
    from django.utils import translation

    from facilities import selectors

    venue = make_venue("會議室丙", advance_notice_days=1)
    with translation.override("en"):
        assert "Apply at least 1 day ahead." in selectors.rules_of(venue.resource)
        venue.resource.advance_notice_days = 3
        assert "Apply at least 3 days ahead." in selectors.rules_of(venue.resource)
