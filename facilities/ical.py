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
FEED_SALT = "facilities.ical"
FEED_KEY_MAX_AGE = 366 * 24 * 3600


def feed_key(*, resource: Resource, user) -> str:
    """The signed key of `user`'s subscription to `resource`, stamped with when it was issued (in
    milliseconds) so that a reset (CalendarFeedReset) refuses every key issued before it."""
    from django.core import signing

    issued = int(timezone.now().timestamp() * 1000)
    return signing.dumps({"r": resource.pk, "u": user.pk, "t": issued}, salt=FEED_SALT)


def feed_user(*, resource: Resource, key: str):
    """The active user a feed key was issued to, or None when the key is forged, expired, for
    another resource, or issued before its user reset their links."""
    from django.contrib.auth import get_user_model
    from django.core import signing

    from facilities.models import CalendarFeedReset

    try:
        payload = signing.loads(key or "", salt=FEED_SALT, max_age=FEED_KEY_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("r") != resource.pk:
        return None
    user = get_user_model().objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None:
        return None
    reset = CalendarFeedReset.objects.filter(user=user).values_list("reset_at", flat=True).first()
    if reset is not None and int(payload.get("t") or 0) <= int(reset.timestamp() * 1000):
        return None
    return user


def reset_feed_keys(*, user) -> None:
    """Refuse every feed key issued to `user` until now (kept in the record's history)."""
    from facilities.models import CalendarFeedReset

    CalendarFeedReset.objects.update_or_create(user=user, defaults={"reset_at": timezone.now()})


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
