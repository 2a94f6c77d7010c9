"""Hostile input to the report's pages answers 200/400/404, never a 500.

Each test names the request that used to raise (found by fuzzing with the test client); Django's
test client re-raises a view's exception, so a regression fails loudly.
"""

import pytest
from django.urls import reverse

from kaohsiung_admin.reports.models import ManualFigure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["²", "9" * 5000, "abc", "-1", "111"])
def test_index_ignores_a_strange_year(client, manager, definition, year):
    # "²".isdigit() is true but int("²") raises: the index used to answer 500
    client.force_login(manager)
    assert client.get(reverse("reports:index"), {"year": year, "page": "abc"}).status_code == 200


@pytest.mark.parametrize("roc_year", [0, 290, 99999999])
def test_figures_of_a_year_off_the_calendar_are_not_found(client, manager, definition, roc_year):
    # /reports/99999999/figures/ computed figures over datetime(100001910, 1, 1): ValueError (500)
    client.force_login(manager)
    assert client.get(reverse("reports:figures", args=[roc_year])).status_code == 404
    assert client.get(reverse("reports:figure-create", args=[roc_year])).status_code == 404
    response = client.post(
        reverse("reports:figure-create", args=[roc_year]),
        {"key": "manual.trainings", "label": "訓練", "unit": "場", "kind": "count", "value": "3", "source": "人事室"},
    )
    assert response.status_code == 404
    assert not ManualFigure.objects.filter(key="manual.trainings").exists()


def test_figures_of_a_year_on_the_calendar_still_show(client, manager, definition):
    client.force_login(manager)
    assert client.get(reverse("reports:figures", args=[111])).status_code == 200


def test_a_build_whose_files_are_gone_is_not_found(client, definition, manager, fake_pdf, token_client):
    from kaohsiung_admin.reports import tasks
    from kaohsiung_admin.reports.models import ReportBuild

    build = ReportBuild.objects.create(definition=definition, year=2022, requested_by=manager)
    tasks.build_annual_report.apply(args=[build.pk])
    build.refresh_from_db()
    build.pdf.storage.delete(build.pdf.name)
    build.html.storage.delete(build.html.name)
    # FileNotFoundError used to escape the API's file actions (500); the pages answered 404
    api = token_client()
    for path in ("pdf", "html"):
        response = api.get(f"/api/v1/reports/annual/{build.pk}/{path}/")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    client.force_login(manager)
    assert client.get(reverse("reports:build-pdf", args=[build.pk])).status_code == 404


@pytest.mark.parametrize("parent", ["abc", "²", "9" * 30, "-1", "99999999"])
def test_adding_under_a_parent_that_is_no_item_is_not_found(client, manager, definition, parent):
    from kaohsiung_admin.reports.models import ReportItem

    # ?parent=abc reached get_object_or_404 as a pk: ValueError (500)
    client.force_login(manager)
    section = ReportItem.objects.first().section
    url = reverse("reports:item-create", args=[section.pk])
    assert client.get(url, {"parent": parent}).status_code == 404
    assert client.post(url, {"parent": parent, "title": "新增", "narrative": "文字"}).status_code == 404
