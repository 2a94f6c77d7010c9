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

# A 'running' build whose worker has not reported for this long is taken to be dead (the task's
# hard time limit is 6 minutes, so a live worker always reports sooner).
STALE_AFTER = datetime.timedelta(minutes=10)


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
    """Queue a build of the year's report; the worker starts once the row is committed."""
    from kaohsiung_admin.reports.tasks import build_annual_report

    with transaction.atomic():
        build = ReportBuild.objects.create(
            definition=definition, year=definition.year, requested_by=user, stage=_("排隊等候產製"), site_url=site_url
        )
        transaction.on_commit(lambda: build_annual_report.delay(build.pk))
    return build


def _progress(build: ReportBuild, progress: int, stage: str) -> None:
    now = timezone.now()
    ReportBuild.objects.filter(pk=build.pk).update(progress=progress, stage=stage, heartbeat_at=now, updated_at=now)
    build.progress, build.stage, build.heartbeat_at = progress, stage, now


def report_build_claim(*, build_id: int, worker: str, redelivered: bool = False) -> ReportBuild:
    """Take a build for this worker, or raise BuildSkipped.

    Finished builds are left alone (a re-delivered message does nothing). A build 'running'
    elsewhere is left alone unless the broker says this is a re-delivery (the worker that had it
    died before acknowledging) or that worker stopped reporting long ago.
    """
    with transaction.atomic():
        build = ReportBuild.objects.select_for_update().get(pk=build_id)
        if build.finished:
            raise BuildSkipped(f"build {build_id} already {build.status}")
        if build.status == BuildStatus.RUNNING and not redelivered:
            seen = build.heartbeat_at or build.started_at
            if seen and timezone.now() - seen < STALE_AFTER:
                raise BuildSkipped(f"build {build_id} is running on {build.worker}")
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
    """Re-send builds whose message was lost or whose worker died without the broker noticing."""
    from kaohsiung_admin.reports.tasks import build_annual_report

    now = now or timezone.now()
    stale = list(
        ReportBuild.objects.filter(status=BuildStatus.QUEUED, updated_at__lt=now - STALE_AFTER).values_list(
            "pk", flat=True
        )
    ) + list(
        ReportBuild.objects.filter(status=BuildStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER).values_list(
            "pk", flat=True
        )
    )
    for build_id in stale:
        transaction.on_commit(lambda build_id=build_id: build_annual_report.delay(build_id))
    return stale


def report_build_notify(*, build: ReportBuild) -> None:
    """E-mail the manager who asked: finished (with the link) or failed (with the reason)."""
    user = build.requested_by
    if not user.email or user.is_api_client:
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
