"""Small, explicit fixtures for the facilities tests: one hall, one meeting room, one car."""

import datetime

import pytest
from django.utils import timezone

from facilities.choices import Center, OpenDays, ResourceType, VehicleKind, VenueGroup, VenueKind
from facilities.models import Resource, Vehicle, Venue
from kaohsiung_admin.core.dates import WorkdayCalendar


def working_day(days_ahead: int) -> datetime.date:
    """The first working day at least `days_ahead` days from today."""
    calendar = WorkdayCalendar(overrides={})
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def non_working_day(days_ahead: int) -> datetime.date:
    calendar = WorkdayCalendar(overrides={})
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def book(resource, start, end, user=None, *, title="業務會報", **kwargs):
    """A booking made through the engine (its rules and clash check), as staff make one."""
    from facilities import services

    return services.booking_create(resource=resource, start=start, end=end, title=title, requested_by=user, **kwargs)


def make_venue(
    name="四維大禮堂",
    *,
    center=Center.SIWEI,
    kind=VenueKind.AUDITORIUM,
    group=VenueGroup.OPEN_SPACE,
    capacity=500,
    **rules,
):
    resource = Resource.objects.create(resource_type=ResourceType.VENUE, name=name, center=center, **rules)
    return Venue.objects.create(resource=resource, kind=kind, group=group, capacity=capacity)


@pytest.fixture
def hall(db):
    """四維大禮堂: needs approval, 14 days' notice, half-day slots."""
    return make_venue(advance_notice_days=14, slots="08:00-12:00,13:00-17:00,18:00-22:00").resource


@pytest.fixture
def room(db):
    """A meeting room that confirms at once, open 08–22 on working days."""
    return make_venue(
        "四維第6會議室", kind=VenueKind.MEETING_ROOM, group=VenueGroup.MEETING_ROOM, capacity=80, needs_approval=False
    ).resource


@pytest.fixture
def car(db):
    resource = Resource.objects.create(
        resource_type=ResourceType.VEHICLE,
        name="公務車 RBB-2001",
        center=Center.SIWEI,
        open_days=OpenDays.EVERY_DAY,
        opens_at=datetime.time(6),
        closes_at=datetime.time(23),
    )
    return Vehicle.objects.create(resource=resource, kind=VehicleKind.OFFICIAL_CAR, plate="RBB-2001", seats=5)


@pytest.fixture
def day():
    """A working day three weeks ahead: past every notice period."""
    return working_day(21)
