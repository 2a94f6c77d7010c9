"""Demo data of the annual report: the ROC 110 and 111 definitions covering every item of the
seed report, and the hand-entered figures they state. Runs last in load_demo_data, so the other
apps' records (and figures) are there; an app's figure that is not registered yet is entered by
hand instead (`manual.<key>`), so the demo works at every stage of the project."""

from __future__ import annotations

import re

from django.utils import timezone

from kaohsiung_admin.core import figures as registry
from kaohsiung_admin.reports import services
from kaohsiung_admin.reports.demo_content import APP_FALLBACKS, MANUAL, OUTLINE, S
from kaohsiung_admin.reports.models import ManualFigure, ReportDefinition, ReportItem, ReportSection

YEARS = (2021, 2022)  # ROC 110 and 111


def _manager():
    from kaohsiung_admin.accounts.models import User

    return User.objects.filter(username="manager").first()


def _rewriter(missing: set[str]):
    """Point placeholders of unregistered app figures at their hand-entered stand-ins."""
    if not missing:
        return lambda text: text
    pattern = re.compile(r"\{\{\s*(" + "|".join(re.escape(key) for key in sorted(missing)) + r")\s*\}\}")
    return lambda text: pattern.sub(lambda m: "{{ manual." + m.group(1) + " }}", text)


def _create_items(section: ReportSection, items, parent, rewrite, user) -> None:
    for position, item in enumerate(items, start=1):
        row = ReportItem.objects.create(
            section=section,
            parent=parent,
            position=position,
            title=rewrite(item.title),
            narrative=rewrite(item.text),
            created_by=user,
        )
        _create_items(section, item.children, row, rewrite, user)


def _create_sections(definition, sections: list[S], parent, rewrite, user) -> None:
    for position, node in enumerate(sections, start=1):
        section = ReportSection.objects.create(
            definition=definition,
            parent=parent,
            position=position,
            heading=node.heading,
            narrative=rewrite(node.lead),
            created_by=user,
        )
        _create_items(section, node.items, None, rewrite, user)
        _create_sections(definition, node.sections, section, rewrite, user)


def load(*, stdout) -> None:
    if ReportDefinition.objects.filter(year__in=YEARS).exists():
        stdout.write("reports: demo report definitions already present, skipped.")
        return
    user = _manager()
    now = timezone.now()
    registered = set(registry.all_figures())
    missing = {key for key in APP_FALLBACKS if key not in registered}
    manual = dict(MANUAL)
    manual.update({f"manual.{key}": APP_FALLBACKS[key] for key in missing})
    ManualFigure.objects.bulk_create(
        [
            ManualFigure(
                year=year,
                key=key,
                label=label,
                unit=unit,
                kind=kind,
                value=value_111 if year == 2022 else value_110,
                source="示範資料",
                entered_by=user,
                entered_at=now,
                created_by=user,
            )
            for key, (label, unit, kind, value_111, value_110) in manual.items()
            for year in YEARS
        ],
        ignore_conflicts=True,
    )
    rewrite = _rewriter(missing)
    earlier = ReportDefinition.objects.create(year=YEARS[0], created_by=user)
    _create_sections(earlier, OUTLINE, None, rewrite, user)
    # ROC 111 starts as a copy of 110, the way a manager starts each new year.
    services.report_definition_copy(source=earlier, year=YEARS[1], user=user)
    note = f" ({len(missing)} app figures entered by hand until their apps register them)" if missing else ""
    stdout.write(f"reports: report definitions for ROC 110 and 111, {len(manual)} hand-entered figures{note}.")
