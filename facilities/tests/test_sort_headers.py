"""Facilities' list pages sort by their column headings (core's {% sort_header %}, issue 13 item 6):
a click sorts by that column, a second click reverses it, the other filters stay, and the
order is the one asked for."""

import html
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from facilities import services
from facilities.choices import Center
from facilities.models import ParkingPermit
from facilities.tests.conftest import at, working_day

pytestmark = pytest.mark.django_db

# list page → (the filter kept, the sortable columns)
LISTS = {
    "facilities:booking-list": ({"status": "confirmed"}, ["start"]),
    "facilities:trip-list": ({"status": "pending"}, ["start"]),
    "facilities:permit-list": ({"center": "siwei"}, ["number", "valid_on", "issued_on"]),
    "facilities:publicspace-list": ({"center": "siwei"}, ["start_date"]),
    "facilities:application-list": ({"status": "submitted"}, ["start", "correction_due_on", "created_at"]),
    "facilities:venue-list": ({"center": "siwei"}, ["name", "kind", "capacity"]),
    "facilities:inspection-list": ({"center": "siwei"}, ["center", "kind", "last_done_on", "next_due_on"]),
    "facilities:inspection-records": ({"result": "passed"}, ["inspected_on", "result"]),
    "facilities:maintenance-due": ({"center": "siwei"}, ["due_on", "received_at", "category", "urgency", "status"]),
}
# List pages without sortable headings, and why.
UNSORTED = {
    # every repair by status and receipt; the due list (maintenance-due) is the one to sort by deadline
    "facilities:maintenance-list",
    # closures from today on, in date order (a short list with its add form)
    "facilities:closure-list",
    # the Bureau's dozen cars by kind and plate; the fleet register is the table to compare them
    "facilities:vehicle-list",
}


def _facilities_lists():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern) and namespace == "facilities" and (pattern.name or "").endswith("-list")
            ):
                yield f"facilities:{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def _sort_links(response):
    return [html.unescape(h) for h in re.findall(r'<a class="sort[^"]*" href="\?([^"]*)"', response.content.decode())]


def test_every_facilities_list_is_named_here():
    assert _facilities_lists() - set(LISTS) - UNSORTED == set()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_headings_sort_and_reverse_keeping_the_filters(client, facility_clerk, name):
    query, fields = LISTS[name]
    client.force_login(facility_clerk)
    url = reverse(name)
    response = client.get(url, query)
    assert response.status_code == 200
    links = _sort_links(response)
    ((key, value),) = query.items()
    for field in fields:
        assert f"{key}={value}&ordering={field}" in links, (field, links)
        for ordering in (field, f"-{field}"):
            assert client.get(url, {**query, "ordering": ordering, "page": "1"}).status_code == 200
    response = client.get(url, {**query, "ordering": fields[0]})
    assert f"{key}={value}&ordering=-{fields[0]}" in _sort_links(response)
    assert 'class="sort asc"' in response.content.decode()


def test_bookings_in_the_order_asked_for(client, facility_clerk, room):
    first, second = working_day(21), working_day(28)
    for day, title in ((second, "第二場"), (first, "第一場")):
        services.booking_create(resource=room, start=at(day, 9), end=at(day, 10), title=title)
    client.force_login(facility_clerk)
    body = client.get(reverse("facilities:booking-list"), {"ordering": "start"}).content.decode()
    assert body.index("第一場") < body.index("第二場")
    body = client.get(reverse("facilities:booking-list"), {"ordering": "-start"}).content.decode()
    assert body.index("第二場") < body.index("第一場")


def test_permits_by_date_of_use(client, facility_clerk):
    import datetime

    for number, valid_on in (("A-2", datetime.date(2026, 3, 1)), ("A-1", datetime.date(2026, 5, 1))):
        ParkingPermit.objects.create(
            number=number, center=Center.SIWEI, plate="ABC-1234", holder="某局", valid_on=valid_on
        )
    client.force_login(facility_clerk)
    body = client.get(reverse("facilities:permit-list"), {"ordering": "-valid_on"}).content.decode()
    assert body.index("A-1") < body.index("A-2")


def test_a_bad_ordering_is_a_form_error_not_a_500(client, facility_clerk):
    client.force_login(facility_clerk)
    assert client.get(reverse("facilities:booking-list"), {"ordering": "password"}).status_code == 200
    assert client.get(reverse("facilities:booking-list"), {"ordering": ","}).status_code == 200
