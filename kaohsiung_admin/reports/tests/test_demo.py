"""The demo definitions (reports' own demo only: the other apps' records are the end-to-end test's)."""

import io

import pytest

from kaohsiung_admin.reports import demo, placeholders, selectors
from kaohsiung_admin.reports.models import ManualFigure, ReportDefinition

# The seed's left column, in its order.
SEED_HEADINGS = [
    "一般行政", "事務管理", "庶務工作", "廳舍管理維護", "宿舍管理", "財產管理", "防護工作", "充實設備", "職工管理",
    "車輛管理", "視察及研考業務", "配合監察院年度地方機關巡察", "研考業務", "消費者保護", "消費商品或服務查核工作",
    "消費者保護教育宣導", "辦理消費者保護業務座談及業務精進研習", "消費諮詢、申訴及調解",
    "辦理本市消費爭議調解委員會委員及本府消費者保護委員會委員遴聘作業", "召開消費者保護委員會議", "文書業務",
    "優化文書資訊服務", "推動檔案保存與應用價值", "增強資訊安全", "落實資訊開放", "舉辦市政會議", "機要業務",
    "市長行程之安排", "市民建議、陳情及市長交辦案件之處理", "處理機要業務", "國際事務-訪賓接待聯繫業務",
    "推動姊妹市、國際友好城市之互訪及實質交流", "辦理國際活動及市政建設參訪，增進與駐台代表之互動",
]  # fmt: skip


@pytest.fixture
def demo_loaded(db):
    out = io.StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def test_demo_covers_every_heading_of_the_seed_in_order(demo_loaded):
    for year in (2021, 2022):
        outline = selectors.outline(ReportDefinition.objects.get(year=year))
        headings = [heading for row in outline.rows for _number, heading, _depth in row.headings]
        numbers = [number for row in outline.rows for number, _heading, _depth in row.headings]
        assert headings == SEED_HEADINGS
        assert [n for n in numbers if n.endswith("、") and n[0] in "壹貳參肆"] == ["壹、", "貳、", "參、", "肆、"]
        assert numbers[:3] == ["壹、", "一、", "(一)"]
    # 國際事務 goes down to the seed's I. / II. level, and its 15 and 7 numbered exchanges.
    rows = selectors.outline(ReportDefinition.objects.get(year=2022)).rows
    assert [row.number for row in rows].count("(15)") == 1
    assert "XIII." in [row.number for row in rows]


def test_every_placeholder_of_the_demo_is_known_for_its_year(demo_loaded):
    for definition in ReportDefinition.objects.all():
        known = selectors.known_keys(definition.year)
        for text in selectors.outline(definition).texts():
            placeholders.validate_text(text, known)


def test_every_figure_of_the_demo_has_a_value_in_both_years(demo_loaded):
    for year in (2021, 2022):
        keys = selectors.outline(ReportDefinition.objects.get(year=year)).keys()
        figures = selectors.compute_figures(keys, year)
        assert [key for key, entry in figures.items() if entry["value"] is None] == []
    assert ManualFigure.objects.get(year=2022, key="manual.documents.agencies").value == 572
    # What an installed app records is never entered by hand.
    assert not ManualFigure.objects.filter(key__in=["manual.dormitories.total", "dormitories.total"]).exists()
    assert ManualFigure.objects.get(year=2022, key="manual.staff.pension_topup").value == 207313663


def test_demo_is_idempotent(demo_loaded):
    counts = (ReportDefinition.objects.count(), ManualFigure.objects.count())
    out = io.StringIO()
    demo.load(stdout=out)
    assert "skipped" in out.getvalue()
    assert (ReportDefinition.objects.count(), ManualFigure.objects.count()) == counts
