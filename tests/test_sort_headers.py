"""The lists' column headings sort: a click sorts by that column, a second click reverses it, and
the other filters stay (core's {% sort_header %} on the apps' list pages); every list shows its total.

The list pages are read from the URLconf (every `*-list` page of the apps below), so a new list
page without headings, or without a line here saying why it has none, fails this file."""

import html
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Facilities' lists are checked in facilities' own tests.
APPS = ("consumer_protection", "documents", "dormitories", "international")

LISTS = {
    "consumer_protection:complaint-list": ["case_number", "first_filed_on", "due_on"],
    "consumer_protection:consultation-list": ["received_at"],
    "consumer_protection:mediation-list": ["case_number", "applied_on", "due_on"],
    "consumer_protection:trader-list": ["name", "tax_id", "complaint_count"],
    "consumer_protection:repeat-offenders": ["name", "tax_id", "period_count", "open_count"],
    "documents:document-list": ["number", "received_on", "due_on"],
    "documents:due-list": ["number", "received_on", "due_on"],
    "documents:petition-list": ["number", "received_on", "due_on"],
    "documents:organisation-list": ["registered_on"],
    "documents:dataset-list": ["published_on"],
    "documents:gazette-list": ["issue_on"],
    "documents:meeting-list": ["held_on"],
    "dormitories:dormitory-list": ["code", "kind", "status"],
    "dormitories:occupancy-list": ["start_on", "move_out_due_on"],
    "dormitories:application-list": ["filed_at"],
    "dormitories:checkround-list": ["year", "opened_on"],
    "dormitories:repair-list": ["reported_on", "cost"],
    "dormitories:lending-list": ["start_at"],
    "dormitories:asset-list": ["number", "acquired_on", "cost"],
    "dormitories:stocktaking-list": ["year", "opened_on"],
    "international:city-list": ["name_zh"],
    "international:visit-list": ["number", "arrived_on", "persons"],
    "international:activity-list": ["starts_on", "kind", "title"],
    "international:gift-list": ["date", "estimated_value", "report_due_on"],
    "international:mission-list": ["country__name_zh", "name_zh", "contact_count"],
}

# List pages without sortable headings, and why.
UNSORTED = {
    # A year's inspections, education events and trainings in date order, each table with its count.
    "consumer_protection:activity-list",
    # The committees' rosters and the year's meetings in date order (with 「共 N 次」).
    "consumer_protection:committee-list",
    # Cards, one per dormitory awaiting disposal, each with its timeline (with 「共 N 筆」).
    "dormitories:disposal-list",
}


def _list_pages():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif (
                isinstance(pattern, URLPattern)
                and namespace in APPS
                and pattern.name
                and (pattern.name.endswith("-list") or pattern.name == "repeat-offenders")
            ):
                yield f"{namespace}:{pattern.name}"

    return sorted(set(walk(get_resolver().url_patterns)))


def _sort_links(response):
    return [html.unescape(h) for h in re.findall(r'<a class="sort[^"]*" href="\?([^"]*)"', response.content.decode())]


def test_every_list_page_is_listed_here():
    pages = set(_list_pages())
    assert pages, "no list pages found in the URLconf"
    assert pages - set(LISTS) - UNSORTED == set(), "a list page without sortable headings"
    assert set(LISTS) - pages == set(), "a list named here is gone from the URLconf"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_column_headings_sort_and_reverse_keeping_the_filters(client, administrator, name):
    fields = LISTS[name]
    client.force_login(administrator)
    url = reverse(name)
    response = client.get(url, {"q": "宿"})
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"共 [\d,]+", body), "the list shows its total"
    links = _sort_links(response)
    for field in fields:
        assert f"q=%E5%AE%BF&ordering={field}" in links, (field, links)
    for field in fields:
        for ordering in (field, f"-{field}"):
            response = client.get(url, {"q": "宿", "ordering": ordering, "page": "1"})
            assert response.status_code == 200, ordering
    first = fields[0]
    response = client.get(url, {"q": "宿", "ordering": first, "page": "1"})
    links = _sort_links(response)
    assert f"q=%E5%AE%BF&ordering=-{first}" in links  # the second click reverses, back on page 1
    assert 'class="sort asc"' in response.content.decode()


@pytest.mark.parametrize("name", sorted(UNSORTED))
def test_unsorted_lists_still_show_their_total(client, administrator, name):
    client.force_login(administrator)
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"共 [\d,]+|：[\d,]+ ", body), "the list shows its total"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_headings_and_sort_choices_in_english(client, administrator, settings, name):
    client.force_login(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse(name), {"ordering": LISTS[name][0]})
    body = response.content.decode()
    labels = re.findall(r'<a class="sort[^"]*" href="[^"]*" title="([^"]*)">([^<]*)<', body)
    assert labels
    for title, label in labels:
        assert not re.search(r"[\u4e00-\u9fff]", title + label), (title, label)
    ordering = re.search(r'<select name="ordering"[^>]*>(.*?)</select>', body, re.S)
    if ordering:  # the sort choices of the filter form: English labels, not 「申訴日期 (descending)」
        options = re.findall(r"<option[^>]*>([^<]*)</option>", ordering.group(1))
        assert not re.search(r"[\u4e00-\u9fff]", " ".join(options)), options
    if name.startswith("consumer_protection:"):  # the empty choice of a select says what it means
        assert "---------" not in body
