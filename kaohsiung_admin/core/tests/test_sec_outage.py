"""Throttle (issue 16.14) and outages (issue 12.6, 12.7): counted atomically per client, anonymous
and failed-auth requests by address, Redis down degrades, a database or broker outage is a 503."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError
from django.test import Client

from kaohsiung_admin.core.api.throttling import count_request

DEAD_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


# --- 16.14 throttle ---------------------------------------------------------------------------


def test_budget_holds_under_concurrency():
    """16 threads x 25 requests against a budget of 100: exactly 100 get through (on Redis in CI)."""

    def burst(_):
        return sum(count_request("concurrency-test", "100/min", now=1_000_000.0)[0] for _ in range(25))

    with ThreadPoolExecutor(16) as pool:
        allowed = sum(pool.map(burst, range(16)))
    assert allowed == 100


@pytest.mark.django_db
def test_anonymous_and_bad_token_requests_are_throttled_by_address(api_client, settings, token_client):
    settings.API_ANON_THROTTLE_RATE = "3/min"
    statuses = [api_client.get("/api/v1/me/", REMOTE_ADDR="198.51.100.7").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    throttled = api_client.get("/api/v1/me/", REMOTE_ADDR="198.51.100.7")
    assert throttled["Retry-After"] and throttled.json()["code"] == "throttled"

    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    statuses = [api_client.get("/api/v1/me/", REMOTE_ADDR="198.51.100.8").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]

    # a valid token has its own, larger budget; another address is not affected
    assert token_client().get("/api/v1/me/", REMOTE_ADDR="198.51.100.7").status_code == 200
    api_client.credentials()
    assert api_client.get("/api/v1/me/", REMOTE_ADDR="198.51.100.9").status_code == 401


@pytest.mark.django_db
def test_client_sent_forwarded_for_does_not_escape_the_budget(api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "2/min"
    statuses = [
        api_client.get("/api/v1/me/", REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [401, 401, 429]


@pytest.mark.django_db
def test_token_budget_answers_429(settings, token_client):
    settings.API_THROTTLE_RATE = "2/min"
    client = token_client()
    assert [client.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 429]


# --- 12.6 Redis down --------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_the_cache_down_reads_work_and_the_throttle_logs(settings, token_client, caplog):
    client = token_client()
    settings.CACHES = DEAD_REDIS
    with caplog.at_level("WARNING", logger="kaohsiung_admin.core.api.throttling"):
        assert client.get("/api/v1/me/").status_code == 200
        assert client.get("/api/v1/calendar/overrides/").status_code == 200


@pytest.mark.django_db
def test_with_redis_down_a_build_is_stored_answered_202_and_sent_by_the_sweep(
    settings, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as BrokerDown
    from rest_framework.test import APIClient

    from kaohsiung_admin.reports import services
    from kaohsiung_admin.reports.models import BuildStatus, ReportBuild, ReportDefinition
    from kaohsiung_admin.reports.tasks import build_annual_report

    ReportDefinition.objects.create(year=2022)
    manager = make_user("boss", roles=["manager"])
    sent = []

    def broker_down(build_id):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(build_annual_report, "delay", broker_down)
    settings.CACHES = DEAD_REDIS
    api = APIClient()
    api.force_authenticate(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/reports/annual/", {"year": 2022}, format="json")
    assert response.status_code == 202
    build = ReportBuild.objects.get(pk=response.json()["id"])
    assert build.status == BuildStatus.QUEUED
    assert "佇列暫時無法連線" in build.stage
    refreshed = api.get(f"/api/v1/reports/annual/{build.pk}/").json()
    assert "恢復後自動開始" in refreshed["stage"]  # the note the caller sees

    # Redis is back: the sweep (every 15 s in every worker) re-sends it once it has waited 40 s
    monkeypatch.setattr(build_annual_report, "delay", sent.append)
    later = build.updated_at + services.RESEND_QUEUED_AFTER + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_build_requeue_stale(now=later) == [build.pk]
    assert sent == [build.pk]
    assert datetime.timedelta(minutes=1) >= services.RESEND_QUEUED_AFTER + services.SWEEP_EVERY


# --- 12.7 database outage ---------------------------------------------------------------------


@pytest.mark.django_db
def test_database_outage_in_the_api_is_503_in_the_error_shape(api_client, monkeypatch):
    from kaohsiung_admin.accounts.authentication import BureauTokenAuthentication

    def database_down(self, request):
        raise OperationalError('connection to server at "db" (10.0.0.3), port 5432 failed')

    monkeypatch.setattr(BureauTokenAuthentication, "authenticate", database_down)
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token whatever")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["status"] == 503 and body["code"] == "service_unavailable"
    assert "5432" not in response.content.decode()  # no hosts or ports in the answer


@pytest.mark.django_db
def test_database_outage_on_a_page_is_the_sites_503_page(make_user, monkeypatch):
    from django.contrib.sessions.backends.db import SessionStore

    client = Client(raise_request_exception=False)
    client.force_login(make_user("clerk"))

    def database_down(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", database_down)
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "系統暫時無法使用" in page and 'lang="zh-Hant-TW"' in page
    english = Client(raise_request_exception=False)
    english.cookies["django_language"] = "en"
    english.cookies["sessionid"] = client.cookies["sessionid"].value
    assert 'lang="en"' in english.get("/").content.decode()
