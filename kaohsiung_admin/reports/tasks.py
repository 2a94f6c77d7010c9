"""Celery tasks of the annual report. They take ids and call services (HackSoft style)."""

from __future__ import annotations

import logging
import os
import socket

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.schedules import crontab
from django.db import InterfaceError, OperationalError
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
    try:
        services.report_build_run(build=build)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            services.report_build_fail(build_id=build_id, error=_("多次重試後仍失敗：%(error)s") % {"error": exc})
            return "failed"
        services.report_build_requeue(build_id=build_id, reason=str(exc))
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
