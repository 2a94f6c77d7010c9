"""Staff home (core.home): the report builds I asked for that finished lately."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kaohsiung_admin.core.home import PANEL_ROWS, HomeItem, HomePanel
from kaohsiung_admin.reports.models import BuildStatus, ReportBuild


def panels(user):
    if not user.has_perm("reports.view_reportbuild"):
        return []
    since = timezone.now() - datetime.timedelta(days=14)
    rows = list(
        ReportBuild.objects.filter(requested_by=user, finished_at__gte=since)
        .filter(status__in=[BuildStatus.SUCCEEDED, BuildStatus.FAILED])
        .order_by("-finished_at", "-id")[:PANEL_ROWS]
    )
    return [
        HomePanel(
            key="reports-finished",
            title=_("我產製完成的報告"),
            items=[
                HomeItem(
                    text=str(b),
                    url=reverse("reports:build-detail", args=[b.pk]),
                    when=b.finished_at,
                    badge="bad" if b.status == BuildStatus.FAILED else "",
                    badge_text=b.get_status_display(),
                )
                for b in rows
            ],
            total=len(rows),
            more_url=reverse("reports:index"),
            empty_text=_("近兩週沒有完成的報告。"),
        )
    ]
