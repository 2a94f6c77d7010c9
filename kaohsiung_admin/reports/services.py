"""Writes of the annual report: narratives, hand-entered figures, copying a year, and builds."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaohsiung_admin.reports import placeholders, rendering, selectors
from kaohsiung_admin.reports.models import (
    BuildStatus,
    ManualFigure,
    ReportBuild,
    ReportDefinition,
    ReportItem,
    ReportSection,
)

log = logging.getLogger(__name__)

# While a build runs, a heartbeat thread in the worker stamps `heartbeat_at` every
# HEARTBEAT_EVERY; a 'running' build whose worker has not stamped it for STALE_AFTER is taken to
# be dead. The sweep (in every worker, every SWEEP_EVERY, beat or no beat) re-sends such builds, so
# a build whose worker was killed starts again within about a minute of a worker being there.
HEARTBEAT_EVERY = datetime.timedelta(seconds=10)
STALE_AFTER = datetime.timedelta(seconds=40)
SWEEP_EVERY = datetime.timedelta(seconds=15)
# A queued build whose message may have been lost (the broker was down when it was asked for) is
# sent again after this long; duplicates are harmless (the claim runs a build once).
RESEND_QUEUED_AFTER = datetime.timedelta(seconds=40)


class BuildSkipped(Exception):
    """The build is finished, or another live worker has it: this delivery does nothing."""


# --- narratives and figures --------------------------------------------------------------------


def narrative_validate(*, text: str, year: int) -> None:
    """Raise ValidationError if the text names a figure that does not exist for the year."""
    placeholders.validate_text(text, selectors.known_keys(year))


@transaction.atomic
def report_item_update(*, item: ReportItem, title: str, narrative: str) -> ReportItem:
    year = item.section.definition.year
    narrative_validate(text=f"{title}\n{narrative}", year=year)
    item.title, item.narrative = title, narrative
    item.save(update_fields=["title", "narrative", "updated_at"])
    return item


@transaction.atomic
def report_section_update(*, section: ReportSection, heading: str, narrative: str) -> ReportSection:
    narrative_validate(text=narrative, year=section.definition.year)
    section.heading, section.narrative = heading, narrative
    section.save(update_fields=["heading", "narrative", "updated_at"])
    return section


@transaction.atomic
def manual_figure_set(*, year: int, key: str, value, user, label: str = "", unit: str = "", kind: str = "count",
                      source: str = "") -> ManualFigure:  # fmt: skip
    """Enter (or correct) a hand-entered figure, recording who and when."""
    if not key.startswith("manual."):
        raise ValidationError({"key": _("人工填報數字的代碼須以 manual. 開頭。")})
    if key in selectors.registered_figures():
        raise ValidationError({"key": _("此代碼已由系統紀錄計算，不可人工填報。")})
    figure, _created = ManualFigure.objects.get_or_create(
        year=year, key=key, defaults={"label": label or key, "unit": unit, "kind": kind, "created_by": user}
    )
    if label:
        figure.label = label
    if unit:
        figure.unit = unit
    figure.kind = kind or figure.kind
    figure.value = value
    figure.source = source
    figure.entered_by = user
    figure.entered_at = timezone.now()
    figure.save()
    return figure


@transaction.atomic
def report_definition_copy(*, source: ReportDefinition, year: int, user=None) -> ReportDefinition:
    """Start a year as a copy of another: the same sections and narratives, and the same hand-entered
    figures to fill in (their values left empty, so last year's numbers are never reported again)."""
    if ReportDefinition.objects.filter(year=year).exists():
        raise ValidationError({"year": _("%(roc)s年度的報告已存在。") % {"roc": year - 1911}})
    target = ReportDefinition.objects.create(year=year, copied_from=source, created_by=user)
    section_map: dict[int, ReportSection] = {}
    # Parents before children: order by depth through repeated passes over the (small) tree.
    sections = list(source.sections.all().order_by("position", "pk"))
    remaining = sections
    while remaining:
        later = []
        for section in remaining:
            if section.parent_id and section.parent_id not in section_map:
                later.append(section)
                continue
            section_map[section.pk] = ReportSection.objects.create(
                definition=target,
                parent=section_map.get(section.parent_id),
                position=section.position,
                heading=section.heading,
                narrative=section.narrative,
                created_by=user,
            )
        if len(later) == len(remaining):
            raise ValueError("section tree has a cycle")
        remaining = later
    item_map: dict[int, ReportItem] = {}
    remaining = list(ReportItem.objects.filter(section__definition=source).order_by("position", "pk"))
    while remaining:
        later = []
        for item in remaining:
            if item.parent_id and item.parent_id not in item_map:
                later.append(item)
                continue
            item_map[item.pk] = ReportItem.objects.create(
                section=section_map[item.section_id],
                parent=item_map.get(item.parent_id),
                position=item.position,
                title=item.title,
                narrative=item.narrative,
                created_by=user,
            )
        if len(later) == len(remaining):
            raise ValueError("item tree has a cycle")
        remaining = later
    existing = set(ManualFigure.objects.filter(year=year).values_list("key", flat=True))
    ManualFigure.objects.bulk_create(
        [
            ManualFigure(year=year, key=f.key, label=f.label, unit=f.unit, kind=f.kind, created_by=user)
            for f in ManualFigure.objects.filter(year=source.year)
            if f.key not in existing
        ]
    )
    return target


# --- builds --------------------------------------------------------------------------------------


def report_build_request(*, definition: ReportDefinition, user, site_url: str = "") -> ReportBuild:
    """Queue a build of the year's report; the worker starts once the row is committed.

    A year already queued or being built is not built twice: the request returns that build
    (`build.created` is False). The definition's row lock serialises concurrent requests.
    """
    with transaction.atomic():
        ReportDefinition.objects.select_for_update().filter(pk=definition.pk).first()
        pending = (
            ReportBuild.objects.filter(definition=definition, status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING])
            .order_by("pk")
            .first()
        )
        if pending is not None:
            pending.created = False
            return pending
        build = ReportBuild.objects.create(
            definition=definition, year=definition.year, requested_by=user, stage=_("排隊等候產製"), site_url=site_url
        )
        transaction.on_commit(lambda: report_build_send(build_id=build.pk))
    build.created = True
    return build


def report_build_send(*, build_id: int) -> bool:
    """Hand a build to the queue. With the broker down the build stays queued, says so, and the
    sweep sends it when the broker is back: a request is never lost and never answers 500."""
    from kaohsiung_admin.reports.tasks import build_annual_report

    try:
        build_annual_report.delay(build_id)
        return True
    except Exception as exc:  # kombu raises its own OperationalError, or OSError, when the broker is down
        log.warning("report build %s could not be queued: %s", build_id, exc)
        ReportBuild.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
            stage=_("佇列暫時無法連線，恢復後自動開始"), updated_at=timezone.now()
        )
        return False


def report_build_heartbeat(*, build_id: int) -> int:
    """Stamp a running build as alive (called by the worker's heartbeat thread)."""
    return ReportBuild.objects.filter(pk=build_id, status=BuildStatus.RUNNING).update(heartbeat_at=timezone.now())


def worker_alive(worker: str) -> bool | None:
    """Whether the worker process named "host:pid:task" still lives: True or False when it ran on
    this host, None when that cannot be known here (another host)."""
    import os
    import socket

    host, _sep, rest = (worker or "").partition(":")
    host = host.rpartition("@")[2]  # a Celery node name: "celery@host"
    pid = rest.partition(":")[0]
    if not host or not pid.isdigit() or host != socket.gethostname():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return int(pid) != os.getpid() or None


def _progress(build: ReportBuild, progress: int, stage: str) -> None:
    now = timezone.now()
    ReportBuild.objects.filter(pk=build.pk).update(progress=progress, stage=stage, heartbeat_at=now, updated_at=now)
    build.progress, build.stage, build.heartbeat_at = progress, stage, now


def report_build_claim(*, build_id: int, worker: str, redelivered: bool = False) -> ReportBuild:
    """Take a build for this worker, or raise BuildSkipped.

    Finished builds are left alone (a re-delivered or re-sent message does nothing). A build
    'running' elsewhere is left alone while its worker lives: it is taken over at once when its
    worker process is known to be gone (same host), else when its heartbeat is older than
    STALE_AFTER. So a build runs once, however many messages for it arrive.
    """
    with transaction.atomic():
        build = ReportBuild.objects.select_for_update().get(pk=build_id)
        if build.finished:
            raise BuildSkipped(f"build {build_id} already {build.status}")
        if build.status == BuildStatus.RUNNING:
            alive = worker_alive(build.worker)
            seen = build.heartbeat_at or build.started_at
            fresh = bool(seen and timezone.now() - seen < STALE_AFTER)
            if alive or (alive is None and fresh):
                raise BuildSkipped(f"build {build_id} is running on {build.worker}")
            log.warning(
                "build %s taken over from %s (redelivered=%s, alive=%s)", build_id, build.worker, redelivered, alive
            )
        now = timezone.now()
        build.status = BuildStatus.RUNNING
        build.attempts += 1
        build.worker = worker[:200]
        build.started_at = build.started_at or now
        build.heartbeat_at = now
        build.progress = 5
        build.stage = _("開始產製")
        build.error = ""
        build.save(
            update_fields=[
                "status", "attempts", "worker", "started_at", "heartbeat_at", "progress", "stage", "error", "updated_at"
            ]
        )  # fmt: skip
    return build


def report_build_run(*, build: ReportBuild) -> ReportBuild:
    """Compute the figures, render HTML and PDF, store both: the body of the Celery task."""
    definition = build.definition
    site_url = build.site_url
    _progress(build, 10, _("計算數字"))
    outline = selectors.outline(definition)
    figures = selectors.compute_figures(outline.keys(), definition.year)
    series = selectors.compute_series(definition.year)
    warnings = [
        _("「%(label)s」（%(key)s）尚未填報數值。") % {"label": entry["label"], "key": key}
        for key, entry in figures.items()
        if entry.get("value") is None
    ]
    _progress(build, 35, _("排版內容"))
    html = rendering.render_html(definition, figures, series, site_url=site_url)
    _progress(build, 45, _("產生 PDF"))
    pdf, pages = rendering.render_pdf(html, base_url=site_url or None)
    _progress(build, 95, _("儲存檔案"))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name = f"annual-report-{definition.roc_year}-{build.pk}-{stamp}"
    with transaction.atomic():
        build.html.save(f"{name}.html", ContentFile(html.encode("utf-8")), save=False)
        build.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        build.figures = {"figures": figures, "series": series}
        build.warnings = warnings
        build.pdf_pages = pages
        build.pdf_bytes = len(pdf)
        build.status = BuildStatus.SUCCEEDED
        build.progress = 100
        build.stage = _("完成")
        build.finished_at = timezone.now()
        build.save()
    report_build_notify(build=build)
    return build


def report_build_fail(*, build_id: int, error: str) -> ReportBuild:
    with transaction.atomic():
        build = ReportBuild.objects.select_for_update().get(pk=build_id)
        if build.status == BuildStatus.SUCCEEDED:
            return build
        build.status = BuildStatus.FAILED
        build.error = error[:4000]
        build.stage = _("失敗")
        build.finished_at = timezone.now()
        build.save(update_fields=["status", "error", "stage", "finished_at", "updated_at"])
    report_build_notify(build=build)
    return build


def report_build_requeue_stale(*, now=None) -> list[int]:
    """Re-send builds whose message was lost (queued too long) or whose worker died (running with
    a stale heartbeat, or a dead worker process on this host). Each is re-sent at most once per
    RESEND_QUEUED_AFTER: sending stamps `updated_at`."""
    now = now or timezone.now()
    queued = ReportBuild.objects.filter(status=BuildStatus.QUEUED, updated_at__lt=now - RESEND_QUEUED_AFTER)
    running = list(ReportBuild.objects.filter(status=BuildStatus.RUNNING).values_list("pk", "worker", "heartbeat_at"))
    stale = list(queued.values_list("pk", flat=True)) + [
        pk
        for pk, worker, heartbeat in running
        if worker_alive(worker) is False or (heartbeat is None or heartbeat < now - STALE_AFTER)
    ]
    ReportBuild.objects.filter(pk__in=stale, status=BuildStatus.QUEUED).update(updated_at=now)
    for build_id in stale:
        transaction.on_commit(lambda build_id=build_id: report_build_send(build_id=build_id))
    return stale


def report_build_notify(*, build: ReportBuild) -> None:
    """Tell the manager who asked, in the app and by e-mail: finished (with the link) or failed
    (with the reason)."""
    user = build.requested_by
    if user.is_api_client:
        return
    site = build.site_url.rstrip("/")
    from django.urls import reverse

    link = site + reverse("reports:build-detail", args=[build.pk])
    if build.status == BuildStatus.SUCCEEDED:
        subject = _("%(roc)s年度施政績效成果報告已產製完成") % {"roc": build.roc_year}
        body = _("您申請的%(roc)s年度施政績效成果報告已完成（共 %(pages)s 頁），請至下列網址下載：\n%(link)s") % {
            "roc": build.roc_year,
            "pages": build.pdf_pages,
            "link": link,
        }
        if build.warnings:
            body += "\n\n" + _("提醒：") + "\n" + "\n".join(build.warnings)
    else:
        subject = _("%(roc)s年度施政績效成果報告產製失敗") % {"roc": build.roc_year}
        body = _("您申請的%(roc)s年度施政績效成果報告未能完成。\n原因：%(error)s\n%(link)s") % {
            "roc": build.roc_year,
            "error": build.error,
            "link": link,
        }
    from kaohsiung_admin.core.notifications import notify

    notify(user, subject, url=reverse("reports:build-detail", args=[build.pk]), body=body)
    if not user.email:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except OSError:  # a mail server outage must not undo a finished build
        log.exception("could not e-mail build %s", build.pk)


def report_build_requeue(*, build_id: int, reason: str) -> None:
    """Back to the queue after a transient error; the retry will claim it again."""
    ReportBuild.objects.filter(pk=build_id, status=BuildStatus.RUNNING).update(
        status=BuildStatus.QUEUED, stage=_("暫時性錯誤，稍後自動重試"), error=reason[:4000], updated_at=timezone.now()
    )


@transaction.atomic
def report_item_create(
    *, section: ReportSection, title: str, narrative: str, parent: ReportItem | None = None, user=None
) -> ReportItem:
    """Add a point at the end of a section (or of a point's sub-points)."""
    narrative_validate(text=f"{title}\n{narrative}", year=section.definition.year)
    siblings = ReportItem.objects.filter(section=section, parent=parent)
    last = siblings.order_by("-position").values_list("position", flat=True).first() or 0
    return ReportItem.objects.create(
        section=section, parent=parent, position=last + 1, title=title, narrative=narrative, created_by=user
    )


@transaction.atomic
def report_item_delete(*, item: ReportItem) -> None:
    """Remove a point and its sub-points; the later points renumber themselves (history keeps it)."""
    item.delete()
