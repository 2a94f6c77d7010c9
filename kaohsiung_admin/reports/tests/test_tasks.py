"""Build states, retries and idempotency of the Celery task (eager in tests; PDF rendering faked)."""

import contextlib
import datetime

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from kaohsiung_admin.reports import services, tasks
from kaohsiung_admin.reports.models import BuildStatus, ReportBuild


@pytest.fixture
def build(definition, manager):
    return ReportBuild.objects.create(
        definition=definition, year=2022, requested_by=manager, site_url="http://testserver"
    )


def test_request_enqueues_after_commit_and_the_task_finishes_the_build(
    definition, manager, fake_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        build = services.report_build_request(definition=definition, user=manager, site_url="http://testserver")
        assert ReportBuild.objects.get(pk=build.pk).status == BuildStatus.QUEUED
    assert len(callbacks) == 1
    build.refresh_from_db()
    assert build.status == BuildStatus.SUCCEEDED
    assert (build.progress, build.attempts, build.pdf_pages) == (100, 1, 1)
    assert build.pdf.read().startswith(b"%PDF")
    assert "高雄市政府行政暨國際處111年度施政績效成果報告" in build.html.read().decode()
    stored = build.figures["figures"]
    assert stored["manual.procurement.green_rate"]["value"] == "0.907"
    assert stored["testing.budget"]["value"] == "207313663"
    assert "testing.by_month" in build.figures["series"]
    assert build.started_at <= build.finished_at
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [manager.email]
    assert f"http://testserver/reports/builds/{build.pk}/" in mail.outbox[0].body


def test_a_finished_build_delivered_again_does_nothing(build, fake_pdf):
    tasks.build_annual_report.apply(args=[build.pk])
    build.refresh_from_db()
    first_pdf = build.pdf.name
    assert tasks.build_annual_report.apply(args=[build.pk]).get() == "skipped"
    build.refresh_from_db()
    assert (build.attempts, build.pdf.name, len(fake_pdf)) == (1, first_pdf, 1)


def test_a_build_running_on_a_live_worker_is_not_run_twice(build, fake_pdf):
    ReportBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, attempts=1, heartbeat_at=timezone.now(), worker="other:1"
    )
    assert tasks.build_annual_report.apply(args=[build.pk]).get() == "skipped"
    assert fake_pdf == []


def test_a_build_left_running_by_a_dead_worker_is_picked_up_again(build, fake_pdf):
    # The worker died mid-build: the row still says 'running', and it stopped reporting long ago.
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ReportBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, attempts=1, started_at=long_ago, heartbeat_at=long_ago, progress=45
    )
    assert tasks.build_annual_report.apply(args=[build.pk]).get() == "succeeded"
    build.refresh_from_db()
    assert (build.status, build.attempts) == (BuildStatus.SUCCEEDED, 2)


def test_a_redelivered_message_takes_over_at_once(build):
    # acks_late + reject_on_worker_lost: the broker re-delivers the unacknowledged message.
    ReportBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, attempts=1, heartbeat_at=timezone.now())
    claimed = services.report_build_claim(build_id=build.pk, worker="w2", redelivered=True)
    assert (claimed.status, claimed.attempts, claimed.worker) == (BuildStatus.RUNNING, 2, "w2")


def test_stale_builds_are_sent_again(build, django_capture_on_commit_callbacks, fake_pdf):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ReportBuild.objects.filter(pk=build.pk).update(status=BuildStatus.QUEUED, updated_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_build_requeue_stale() == [build.pk]
    build.refresh_from_db()
    assert build.status == BuildStatus.SUCCEEDED


def test_a_transient_error_is_retried_and_the_build_then_succeeds(build, fake_pdf, monkeypatch):
    real_run = services.report_build_run
    failures = []

    def flaky(*, build):
        if not failures:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_run(build=build)

    monkeypatch.setattr(services, "report_build_run", flaky)
    # throw=False: eager Celery then runs the retry at once, as a worker would after the countdown.
    tasks.build_annual_report.apply(args=[build.pk], throw=False)
    build.refresh_from_db()
    assert (build.status, build.attempts) == (BuildStatus.SUCCEEDED, 2)


def test_transient_errors_that_persist_fail_the_build_after_the_retries(build, monkeypatch):
    def always(*, build):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "report_build_run", always)
    # Each delivery as the worker would make it after the countdown (eager Celery re-raises the
    # second Retry instead of running it, so the deliveries are made here one by one).
    for retries in range(tasks.MAX_RETRIES + 1):
        with contextlib.suppress(Retry):
            tasks.build_annual_report.apply(args=[build.pk], retries=retries)
        build.refresh_from_db()
        if retries < tasks.MAX_RETRIES:
            assert build.status == BuildStatus.QUEUED
            assert "database is locked" in build.error
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert build.attempts == tasks.MAX_RETRIES + 1
    assert "database is locked" in build.error


def test_a_failing_build_says_why_and_mails_the_manager(build, monkeypatch, manager):
    from kaohsiung_admin.reports import rendering

    def broken(html, *, base_url=None):
        raise ValueError("字型檔損毀")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    assert tasks.build_annual_report.apply(args=[build.pk]).get() == "failed"
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert "字型檔損毀" in build.error
    assert build.attempts == 1  # not a transient error: no retry
    assert len(mail.outbox) == 1
    assert "失敗" in mail.outbox[0].subject
    assert "字型檔損毀" in mail.outbox[0].body


def test_a_missing_manual_value_is_a_warning_not_a_failure(build, fake_pdf):
    from kaohsiung_admin.reports.models import ManualFigure

    ManualFigure.objects.filter(key="manual.documents.gazette_issues").update(value=None)
    tasks.build_annual_report.apply(args=[build.pk])
    build.refresh_from_db()
    assert build.status == BuildStatus.SUCCEEDED
    assert any("manual.documents.gazette_issues" in warning for warning in build.warnings)
    assert "【待填：電子公報】" in fake_pdf[0]
