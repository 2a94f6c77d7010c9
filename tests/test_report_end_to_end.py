"""After `load_demo_data` (every app's demo), the ROC 111 report states the seed's figures in the
seed's places. Needs the facilities and consumer_protection apps and their figures."""

import shutil
from importlib import import_module

import pytest
from django.core.management import call_command

from kaohsiung_admin.core.figures import all_figures
from kaohsiung_admin.reports import tasks
from kaohsiung_admin.reports.models import BuildStatus, ReportBuild, ReportDefinition
from kaohsiung_admin.reports.tests.pdf_helpers import LEFT, RIGHT, pdf_text, squeeze

# Each figure with the words around it in the right column, as the demo narratives write them.
SEED_FIGURES_IN_PLACE = [
    "大禮堂共開放79場次，各會議室受理借用1,606場次",
    "多媒體會議室共開放71場次，各會議室受理借用1,031場次",
    "受理895件",
    "電梯海報夾張貼宣導海報，共28次",
    "LED電視牆播映市政宣導影片，共29次",
    "經管市有宿舍共44間：首長職務宿舍3間、多房間職務宿舍32間、單房間職務宿舍6間及眷舍3間",
    "借用10場次",
    "防護團講習，參訓人員74人",
    "共1,125車次",
    "約8,660張",
    "查核34次、102場家",
    "共19場次",
    "受理消費諮詢13,358人次；消費爭議第一次申訴5,881件、第二次申訴1,293件",
    "召開消費爭議調解會議14次，調解196件",
    "消保團體代表11人，與本府消保官4人",
    "消保團體代表7人與本府機關代表8人",
    "共31名參加",
    "約2億 731萬 3,663元",
    "精簡工友217人，節省經費約1億 3,952萬元",
    "合計節省約1億 5,225萬元",
    "已有79個民間組織及團體",
    "行政院45%及70%的目標（本處公文電子簽核比率57.7%、電子交換使用率77.5%）",
    "受理民眾及團體陳情5件",
    "受理陳情15件",
    "出刊124期",
    "全年共52次（含臨時會1次）",
    "系統列管受理964件",
    "共接待33案、220人次",
    "本市第36個姊妹市及友好夥伴城市",
    "締盟5周年紀念",
    "釜山姊妹市55周年",
    "締盟40周年",
    "姊妹市25周年",
]

pytestmark = [
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)"),
    pytest.mark.django_db,
]


def _require_apps():
    for app in ("facilities", "consumer_protection", "dormitories", "documents", "international"):
        try:
            import_module(f"{app}.figures")
        except ModuleNotFoundError:
            pytest.skip(f"{app}/figures.py does not exist yet")
    assert "facilities.open_sessions.siwei" in all_figures()
    assert "consumer_protection.consultations" in all_figures()


def test_roc_111_report_after_load_demo_data_states_the_seed_figures(tmp_path, client):
    _require_apps()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from kaohsiung_admin.accounts.models import User

    build = ReportBuild.objects.create(
        definition=ReportDefinition.objects.get(year=2022), year=2022, requested_by=User.objects.get(username="manager")
    )
    tasks.build_annual_report.apply(args=[build.pk])
    build.refresh_from_db()
    assert build.status == BuildStatus.SUCCEEDED, build.error
    assert build.warnings == []
    # Figures of the apps came from their records, not from hand-entered stand-ins.
    used = build.figures["figures"]
    assert used["facilities.open_sessions.siwei"]["source"] == "records"
    assert used["consumer_protection.consultations"]["value"] == "13358"
    for key in ("dormitories.total", "dormitories.residence_lendings", "international.visitor_persons",
                "international.newest_partner_ordinal", "international.tie_years.busan", "documents.petitions",
                "documents.gazette_issues", "documents.control_yuan_petitions_second", "documents.e_sign_rate"):  # fmt: skip
        assert used[key]["source"] == "records", key

    # Each computed figure traces to a page listing its records, which a manager can open.
    client.force_login(User.objects.get(username="manager"))
    for key, entry in used.items():
        if entry["source"] == "records" and entry.get("records_url"):
            assert client.get(entry["records_url"]).status_code == 200, (key, entry["records_url"])

    path = tmp_path / "111.pdf"
    path.write_bytes(build.pdf.read())
    pages = pdf_text(path)
    appendix = next(i for i, page in enumerate(pages) if "附錄一" in page)
    right = "".join(pdf_text(path, column=RIGHT)[:appendix])
    body = squeeze(right)
    for text in SEED_FIGURES_IN_PLACE:
        assert squeeze(text) in body, text
    # Money keeps the seed's spacing between its 億 and 萬 groups.
    assert "2億 731萬 3,663元" in "".join(pages)
    left = squeeze("".join(pdf_text(path, column=LEFT)[:appendix]))
    assert (
        left.index("(一)庶務工作")
        < left.index("(三)宿舍管理")
        < left.index("六、消費者保護")
        < left.index("肆、國際事務")
    )
    # The change against 110 sits beside each figure in the appendix.
    appendix_text = squeeze("".join(pages[appendix:]))
    assert "111年度110年度增減" in appendix_text
