import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kaohsiung_admin.reports.models import BuildStatus, ReportBuild

URL = "/api/v1/reports/annual/"


def test_post_a_year_answers_202_and_the_job_then_links_the_pdf(
    api_client, definition, manager, fake_pdf, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(URL, {"year": 2022}, format="json")
    assert response.status_code == 202
    job = response.json()
    assert (job["year"], job["roc_year"], job["status"], job["pdf_url"]) == (2022, 111, "queued", None)
    assert response["Location"] == job["url"]
    status = api_client.get(job["url"]).json()
    assert status["status"] == "succeeded" and status["progress"] == 100
    assert status["pdf_url"].endswith(f"/api/v1/reports/annual/{job['id']}/pdf/")
    assert status["figures"]["manual.procurement.green_rate"]["value"] == "0.907"
    pdf = api_client.get(status["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("body", "field"),
    [({"year": 1999}, "year"), ({"year": "二〇二二"}, "year"), ({}, "year"), ({"year": 10**12}, "year")],
)
def test_bad_input_answers_400_with_the_field(api_client, definition, manager, body, field):
    api_client.force_authenticate(manager)
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert ReportBuild.objects.count() == 0


def test_only_managers_build_through_the_api(api_client, definition, staff_user, token_client):
    api_client.force_authenticate(staff_user)
    assert api_client.post(URL, {"year": 2022}, format="json").status_code == 403
    assert token_client().post(URL, {"year": 2022}, format="json").status_code == 403
    assert ReportBuild.objects.count() == 0


def test_a_token_reads_builds_but_the_pdf_of_an_unfinished_one_is_409(definition, manager, token_client):
    build = ReportBuild.objects.create(definition=definition, year=2022, requested_by=manager)
    client = token_client()
    listing = client.get(URL, {"year": 2022}).json()
    assert [row["id"] for row in listing["results"]] == [build.pk]
    assert listing["results"][0]["status"] == BuildStatus.QUEUED
    response = client.get(f"{URL}{build.pk}/pdf/")
    assert response.status_code == 409 and response.json()["code"] == "not_ready"


def test_list_costs_the_same_for_1_and_50_rows(api_client, definition, manager):
    api_client.force_authenticate(manager)
    counts = []
    for rows in (1, 49):
        ReportBuild.objects.bulk_create(
            [ReportBuild(definition=definition, year=2022, requested_by=manager) for _ in range(rows)]
        )
        api_client.get(URL)  # warm the permission cache
        with CaptureQueriesContext(connection) as captured:
            assert api_client.get(URL).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
