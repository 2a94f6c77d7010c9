"""Build states, retries and idempotency of the Celery task (eager in tests; PDF rendering faked)."""

import contextlib
import datetime
import socket
import subprocess

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


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_redelivered_message_takes_over_at_once_when_the_worker_process_is_gone(build):
    # acks_late + reject_on_worker_lost: the broker re-delivers the unacknowledged message of a
    # worker process that died; its heartbeat is still fresh, but the process is known gone.
    dead = f"{socket.gethostname()}:{_dead_pid()}:task-1"
    ReportBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, attempts=1, heartbeat_at=timezone.now(), worker=dead
    )
    claimed = services.report_build_claim(build_id=build.pk, worker="w2", redelivered=True)
    assert (claimed.status, claimed.attempts, claimed.worker) == (BuildStatus.RUNNING, 2, "w2")


def test_a_redelivered_message_of_a_live_worker_does_not_run_the_build_twice(build):
    with subprocess.Popen(["sleep", "30"]) as alive:
        try:
            ReportBuild.objects.filter(pk=build.pk).update(
                status=BuildStatus.RUNNING,
                attempts=1,
                heartbeat_at=timezone.now() - datetime.timedelta(hours=1),
                worker=f"{socket.gethostname()}:{alive.pid}:task-1",
            )
            with pytest.raises(services.BuildSkipped):
                services.report_build_claim(build_id=build.pk, worker="w2", redelivered=True)
        finally:
            alive.kill()
    assert ReportBuild.objects.get(pk=build.pk).attempts == 1


def test_the_sweep_sends_a_build_of_a_dead_worker_again_at_once(build, django_capture_on_commit_callbacks, fake_pdf):
    # As the task names its worker: the Celery node name, the process id, the task id.
    dead = f"celery@{socket.gethostname()}:{_dead_pid()}:task-1"
    ReportBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, attempts=1, heartbeat_at=timezone.now(), worker=dead, progress=45
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_build_requeue_stale() == [build.pk]
    build.refresh_from_db()
    assert (build.status, build.attempts) == (BuildStatus.SUCCEEDED, 2)


def test_a_build_with_a_fresh_heartbeat_on_another_host_is_not_swept(build):
    ReportBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, heartbeat_at=timezone.now(), worker="other-host:1234:task-1"
    )
    assert services.report_build_requeue_stale() == []
    old = timezone.now() - services.STALE_AFTER - datetime.timedelta(seconds=1)
    ReportBuild.objects.filter(pk=build.pk).update(heartbeat_at=old)
    assert services.report_build_requeue_stale() == [build.pk]


def test_the_heartbeat_stamps_only_a_running_build(build):
    assert services.report_build_heartbeat(build_id=build.pk) == 0  # queued
    ReportBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, heartbeat_at=None)
    assert services.report_build_heartbeat(build_id=build.pk) == 1
    assert ReportBuild.objects.get(pk=build.pk).heartbeat_at is not None


def test_a_second_request_while_a_build_is_queued_returns_that_build(definition, manager):
    first = services.report_build_request(definition=definition, user=manager)
    again = services.report_build_request(definition=definition, user=manager)
    assert (first.created, again.created, again.pk) == (True, False, first.pk)
    ReportBuild.objects.filter(pk=first.pk).update(status=BuildStatus.SUCCEEDED)
    later = services.report_build_request(definition=definition, user=manager)
    assert later.created and later.pk != first.pk
    assert ReportBuild.objects.filter(definition=definition).count() == 2


def test_with_the_broker_down_a_request_is_kept_and_sent_by_the_sweep(
    definition, manager, monkeypatch, django_capture_on_commit_callbacks, fake_pdf
):
    from kombu.exceptions import OperationalError as BrokerDown

    def down(*args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_annual_report, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        build = services.report_build_request(definition=definition, user=manager)
    build.refresh_from_db()
    assert build.status == BuildStatus.QUEUED
    assert "佇列" in build.stage
    monkeypatch.undo()  # the broker is back
    later = timezone.now() + services.RESEND_QUEUED_AFTER + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_build_requeue_stale(now=later) == [build.pk]
    build.refresh_from_db()
    assert build.status == BuildStatus.SUCCEEDED


def test_a_database_outage_during_the_build_still_schedules_the_retry(build, monkeypatch):
    # The build fails on a dead connection, and marking it for the retry fails the same way: the
    # retry with backoff must still be scheduled (not the message acked and the build lost).
    def down(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "report_build_run", lambda *, build: down())
    monkeypatch.setattr(services, "report_build_requeue", down)
    with pytest.raises(Retry):
        tasks.build_annual_report.apply(args=[build.pk], throw=True)


def test_a_database_outage_before_the_claim_is_retried(build, monkeypatch):
    def down(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, "report_build_claim", down)
    with pytest.raises(Retry):
        tasks.build_annual_report.apply(args=[build.pk], throw=True)


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
