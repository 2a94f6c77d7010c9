"""Celery tasks of the annual report. They take ids and call services (HackSoft style)."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.schedules import crontab
from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.utils.translation import gettext as _

from kaohsiung_admin.reports import services

log = logging.getLogger(__name__)

# Errors worth another try: the database or a file share blinking. Anything else is a bug or bad
# data, and retrying would only fail again later: the build fails at once and says why.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3

BEAT_SCHEDULE = {
    "reports-requeue-stale-builds": {
        "task": "kaohsiung_admin.reports.tasks.requeue_stale_builds",
        "schedule": crontab(minute="*/5"),
    }
}


def _drop_connection() -> None:
    """After a database error the connection may be dead: close it if it is, so the next query
    reconnects. Inside a transaction the caller owns the connection (eager mode, tests): leave it."""
    if connection.in_atomic_block:
        return
    with contextlib.suppress(Exception):
        connection.close_if_unusable_or_obsolete()


@contextlib.contextmanager
def _heartbeat(build_id: int):
    """Stamp the build as alive every HEARTBEAT_EVERY while the body runs (a long PDF render
    included), from a thread with its own database connection. Not in eager mode (tests): there
    the build runs inside the caller's transaction, which another connection cannot see."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(services.HEARTBEAT_EVERY.total_seconds()):
                try:
                    services.report_build_heartbeat(build_id=build_id)
                except TRANSIENT_ERRORS:
                    log.warning("heartbeat of build %s missed", build_id)
                    _drop_connection()
        finally:
            with contextlib.suppress(Exception):
                connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"report-heartbeat-{build_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


@shared_task(
    bind=True,
    acks_late=True,  # acknowledged only when done: a worker that dies leaves the message to redeliver
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=240,
    time_limit=300,
)
def build_annual_report(self, build_id: int) -> str:
    """Build one ReportBuild. Idempotent: a finished build, or one a live worker holds, is skipped."""
    worker = f"{self.request.hostname or socket.gethostname()}:{os.getpid()}:{self.request.id or ''}"
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        build = services.report_build_claim(build_id=build_id, worker=worker, redelivered=redelivered)
    except services.BuildSkipped as skipped:
        log.info("%s", skipped)
        return "skipped"
    except services.ReportBuild.DoesNotExist:
        log.warning("report build %s does not exist", build_id)
        return "missing"
    except TRANSIENT_ERRORS as exc:
        # The database is down before the build could be claimed: try again later (the row, if
        # any, is still queued, and the sweep would also send it again).
        _drop_connection()
        raise self.retry(exc=exc, countdown=10 * 2 ** min(self.request.retries, MAX_RETRIES))
    try:
        with _heartbeat(build_id):
            services.report_build_run(build=build)
    except TRANSIENT_ERRORS as exc:
        _drop_connection()
        try:
            if self.request.retries >= MAX_RETRIES:
                services.report_build_fail(build_id=build_id, error=_("多次重試後仍失敗：%(error)s") % {"error": exc})
                return "failed"
            services.report_build_requeue(build_id=build_id, reason=str(exc))
        except TRANSIENT_ERRORS as still_down:
            # The database is still down: the row cannot say so now. The retry below (or, if the
            # broker is down too, the sweep) takes the build up again once it is back.
            log.warning("build %s: database still down (%s); retrying later", build_id, still_down)
            _drop_connection()
        # Exponential backoff: 10 s, 20 s, 40 s.
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries)
    except SoftTimeLimitExceeded:
        services.report_build_fail(build_id=build_id, error=_("產製逾時（超過 4 分鐘），請稍後再試或聯絡系統管理員。"))
        return "failed"
    except Exception as exc:
        log.exception("report build %s failed", build_id)
        services.report_build_fail(build_id=build_id, error=f"{type(exc).__name__}: {exc}")
        return "failed"
    return "succeeded"


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def requeue_stale_builds() -> int:
    return len(services.report_build_requeue_stale())


# --- the sweep in every worker -----------------------------------------------------------------
# Beat's sweep runs every 5 minutes and only where beat runs; each worker also sweeps on start and
# every SWEEP_EVERY, so a build whose worker died is taken up within about a minute of a worker
# being available, with or without beat.

_sweeper_stop = threading.Event()


def sweep_once() -> list[int]:
    close_old_connections()
    try:
        return services.report_build_requeue_stale()
    except TRANSIENT_ERRORS as exc:
        log.warning("report sweep skipped: %s", exc)
        _drop_connection()
        return []
    finally:
        close_old_connections()


def _sweep_forever() -> None:
    while True:
        try:
            found = sweep_once()
            if found:
                log.info("report builds sent again: %s", found)
        except Exception:
            log.exception("report sweep failed")
        if _sweeper_stop.wait(services.SWEEP_EVERY.total_seconds()):
            return


@worker_ready.connect
def start_sweeper(**kwargs) -> None:
    _sweeper_stop.clear()
    threading.Thread(target=_sweep_forever, name="report-build-sweeper", daemon=True).start()


@worker_shutdown.connect
def stop_sweeper(**kwargs) -> None:
    _sweeper_stop.set()
