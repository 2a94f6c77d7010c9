import io
import itertools

import pytest

from facilities import demo
from facilities.choices import BookingStatus
from facilities.models import Booking
from kaohsiung_admin.core.figures import all_figures, all_series

SEED_111 = {
    "facilities.open_sessions.siwei": 79,
    "facilities.meeting_room_bookings.siwei": 1606,
    "facilities.open_sessions.fengshan": 71,
    "facilities.meeting_room_bookings.fengshan": 1031,
    "facilities.maintenance_requests": 895,
    "facilities.lift_posters": 28,
    "facilities.led_wall_videos": 29,
    "facilities.vehicle_trips": 1125,
    "facilities.parking_permits": 8660,
}


@pytest.mark.django_db
def test_demo_gives_the_seed_figures_and_is_idempotent(client, manager):
    out = io.StringIO()
    demo.load(stdout=out)
    figures = all_figures()
    assert {key: figures[key].compute(2022) for key in SEED_111} == SEED_111
    assert figures["facilities.vehicle_trips"].compute(2021) < 1125
    count = Booking.objects.count()
    demo.load(stdout=out)
    assert Booking.objects.count() == count
    assert "already present" in out.getvalue()

    # every demo booking of a resource is clash-free, as the database demands on PostgreSQL
    confirmed = list(
        Booking.objects.filter(status=BookingStatus.CONFIRMED)
        .order_by("resource_id", "blocked_start")
        .values_list("resource_id", "blocked_start", "blocked_end")
    )
    for (r1, _s1, e1), (r2, s2, _e2) in itertools.pairwise(confirmed):
        assert r1 != r2 or e1 <= s2

    # each figure traces to a list showing exactly its records
    client.force_login(manager)
    for key in (
        "facilities.open_sessions.siwei",
        "facilities.meeting_room_bookings.fengshan",
        "facilities.vehicle_trips",
        "facilities.lift_posters",
        "facilities.parking_permits",
        "facilities.maintenance_requests",
    ):
        response = client.get(figures[key].records_url(2022))
        assert response.status_code == 200, key
        assert response.context["page_obj"].paginator.count == SEED_111[key], key

    series = all_series()
    by_group = dict(series["facilities.bookings_by_venue_group"].compute(2022))
    assert by_group["四維行政中心 各會議室"] == 1606
    by_month = series["facilities.bookings_by_month"].compute(2022)
    assert len(by_month) == 12 and sum(n for _m, n in by_month) == 79 + 1606 + 71 + 1031
