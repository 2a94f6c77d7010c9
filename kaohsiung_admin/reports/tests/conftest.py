"""Fixtures of the report's tests: a small definition, test-only figures, a fake PDF renderer."""

import datetime
from decimal import Decimal

import pytest

from kaohsiung_admin.core.dates import year_bounds
from kaohsiung_admin.core.figures import Figure, Series
from kaohsiung_admin.reports import selectors
from kaohsiung_admin.reports.models import ManualFigure, ReportBuild, ReportDefinition, ReportItem, ReportSection


def _builds_in(year: int) -> int:
    start, end = year_bounds(year)
    return ReportBuild.objects.filter(created_at__gte=start, created_at__lt=end).count()


TEST_FIGURES = {
    "testing.builds": Figure(
        key="testing.builds",
        label="測試用：當年度產製次數",
        unit="次",
        compute=_builds_in,
        records_url=lambda year: f"/reports/?year={year - 1911}",
    ),
    "testing.budget": Figure(
        key="testing.budget", label="測試用：經費", unit="元", compute=lambda year: Decimal(207313663), kind="money"
    ),
}
TEST_SERIES = {
    "testing.by_month": Series(
        key="testing.by_month",
        label="測試用：每月件數",
        unit="件",
        compute=lambda year: [(f"{m}月", m * 10) for m in range(1, 13)],
    )
}


@pytest.fixture
def test_figures(monkeypatch):
    """Register test-only figures beside whatever the installed apps register."""
    apps_figures = selectors.registered_figures()
    apps_series = selectors.registered_series()
    monkeypatch.setattr(selectors, "registered_figures", lambda: {**apps_figures, **TEST_FIGURES})
    monkeypatch.setattr(selectors, "registered_series", lambda: {**apps_series, **TEST_SERIES})
    return TEST_FIGURES


@pytest.fixture
def definition(db, test_figures, manager):
    """ROC 111: 壹、一般行政 / 一、事務管理 / (一)庶務工作 with two points, the second with two
    sub-points; 貳、文書業務 with a lead paragraph."""
    definition = ReportDefinition.objects.create(year=2022)
    general = ReportSection.objects.create(definition=definition, position=1, heading="一般行政")
    affairs = ReportSection.objects.create(definition=definition, parent=general, position=1, heading="事務管理")
    chores = ReportSection.objects.create(definition=definition, parent=affairs, position=1, heading="庶務工作")
    ReportItem.objects.create(
        section=chores, position=1, title="經費", narrative="{{ roc_year }}年度撥補約{{ testing.budget }}。"
    )
    second = ReportItem.objects.create(section=chores, position=2, title="綠色採購")
    ReportItem.objects.create(
        section=chores, parent=second, position=1, narrative="達成率{{ manual.procurement.green_rate }}。"
    )
    ReportItem.objects.create(section=chores, parent=second, position=2, narrative="產製{{ testing.builds }}次。")
    ReportSection.objects.create(
        definition=definition,
        position=2,
        heading="文書業務",
        narrative="公報全年出刊{{ manual.documents.gazette_issues }}期。",
    )
    now = datetime.datetime(2023, 1, 5, tzinfo=datetime.UTC)
    ManualFigure.objects.create(
        year=2022, key="manual.procurement.green_rate", label="綠色採購達成率", unit="%", kind="percent",
        value=Decimal("0.907"), entered_by=manager, entered_at=now,
    )  # fmt: skip
    ManualFigure.objects.create(
        year=2021, key="manual.procurement.green_rate", label="綠色採購達成率", unit="%", kind="percent",
        value=Decimal("0.893"), entered_by=manager, entered_at=now,
    )  # fmt: skip
    ManualFigure.objects.create(
        year=2022, key="manual.documents.gazette_issues", label="電子公報", unit="期", value=Decimal(124),
        entered_by=manager, entered_at=now,
    )  # fmt: skip
    return definition


@pytest.fixture
def fake_pdf(monkeypatch):
    """WeasyPrint takes about a second a report: tests of states and permissions do without it."""
    from kaohsiung_admin.reports import rendering

    calls = []

    def render_pdf(html, *, base_url=None):
        calls.append(html)
        return b"%PDF-1.7\n% fake\n", 1

    monkeypatch.setattr(rendering, "render_pdf", render_pdf)
    return calls
