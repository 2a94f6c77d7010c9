"""iCalendar (RFC 5545) feed of a resource's confirmed bookings, in Asia/Taipei time."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

from facilities.choices import BookingStatus
from facilities.models import Booking, Resource

TAIPEI = ZoneInfo("Asia/Taipei")
FEED_DAYS_BACK = 90


def resource_calendar(resource: Resource, *, show_details: bool, domain: str) -> bytes:
    """Confirmed bookings from 90 days ago on. Others' bookings are 已預約 unless `show_details`."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Kaohsiung City Government//Bureau Intranet Facilities//ZH-TW")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(resource))
    cal.add("x-wr-timezone", "Asia/Taipei")
    cal.add_component(icalendar.Timezone.from_tzinfo(TAIPEI))
    since = timezone.now() - datetime.timedelta(days=FEED_DAYS_BACK)
    stamp = timezone.now()
    bookings = (
        Booking.objects.filter(resource=resource, status=BookingStatus.CONFIRMED, end__gte=since)
        .only("id", "start", "end", "title", "organiser", "updated_at", "created_at")
        .order_by("start")
    )
    for booking in bookings.iterator(chunk_size=2000):
        event = icalendar.Event()
        event.add("uid", f"booking-{booking.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.start.astimezone(TAIPEI))
        event.add("dtend", booking.end.astimezone(TAIPEI))
        event.add("summary", booking.title if show_details else "已預約")
        if show_details and booking.organiser:
            event.add("description", booking.organiser)
        event.add("location", str(resource))
        event.add("status", "CONFIRMED")
        event.add("last-modified", booking.updated_at)
        cal.add_component(event)
    return cal.to_ical()
