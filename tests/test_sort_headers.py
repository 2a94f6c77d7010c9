"""The lists' column headings sort: a click sorts by that column, a second click reverses it, and
the other filters stay (core's {% sort_header %} on the apps' list pages)."""

import html
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    ("documents:petition-list", ["number", "received_on", "due_on"]),
    ("dormitories:dormitory-list", ["code", "kind", "status"]),
    ("dormitories:occupancy-list", ["start_on", "move_out_due_on"]),
    ("dormitories:asset-list", ["number", "acquired_on", "cost"]),
]


def _sort_links(response):
    return [html.unescape(h) for h in re.findall(r'<a class="sort[^"]*" href="\?([^"]*)"', response.content.decode())]


@pytest.mark.parametrize(("name", "fields"), LISTS)
def test_column_headings_sort_and_reverse_keeping_the_filters(client, administrator, name, fields):
    client.force_login(administrator)
    url = reverse(name)
    response = client.get(url, {"q": "宿"})
    assert response.status_code == 200
    links = _sort_links(response)
    for field in fields:
        assert f"q=%E5%AE%BF&ordering={field}" in links, (field, links)
    first = fields[0]
    response = client.get(url, {"q": "宿", "ordering": first, "page": "1"})
    assert response.status_code == 200
    links = _sort_links(response)
    assert f"q=%E5%AE%BF&ordering=-{first}" in links  # the second click reverses, back on page 1
    assert 'class="sort asc"' in response.content.decode()
