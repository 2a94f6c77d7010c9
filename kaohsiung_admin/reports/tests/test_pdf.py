"""The real PDF, once (WeasyPrint takes a second or two): fonts, text, figures, repeated header."""

import io
import shutil
import subprocess

import pytest

from kaohsiung_admin.reports import demo, tasks
from kaohsiung_admin.reports.models import BuildStatus, ReportBuild, ReportDefinition
from kaohsiung_admin.reports.tests.pdf_helpers import LEFT, RIGHT, pdf_text, squeeze

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdffonts") and shutil.which("pdftotext")), reason="needs poppler-utils (pdffonts, pdftotext)"
)


def test_the_pdf_is_a4_in_an_embedded_cjk_font_with_the_header_on_every_page(db, manager, tmp_path):
    demo.load(stdout=io.StringIO())
    definition = ReportDefinition.objects.get(year=2022)
    build = ReportBuild.objects.create(definition=definition, year=2022, requested_by=manager)
    tasks.build_annual_report.apply(args=[build.pk])
    build.refresh_from_db()
    assert build.status == BuildStatus.SUCCEEDED, build.error
    path = tmp_path / "report.pdf"
    path.write_bytes(build.pdf.read())

    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "Noto" in line and "CJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column: embedded

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    if info:
        assert "595.276 x 841.89" in info or "A4" in info

    pages = pdf_text(path)
    assert build.pdf_pages == len(pages) > 5
    assert "高雄市政府行政暨國際處111年度施政績效成果報告" in pages[0]
    appendix = next(i for i, page in enumerate(pages) if "附錄一" in page)
    assert appendix > 5
    for number, page in enumerate(pages[:appendix], start=1):
        assert "重要施政項目" in page, f"page {number} has no table header"
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[-1] == str(number), f"page {number} ends with {lines[-1]!r}, not its number"
    left = squeeze("".join(pdf_text(path, column=LEFT)[:appendix]))
    for heading in (
        "壹、一般行政",
        "一、事務管理",
        "(一)庶務工作",
        "(三)宿舍管理",
        "貳、文書業務",
        "參、機要業務",
        "肆、國際事務",
    ):
        assert heading in left, heading
    assert (
        left.index("壹、一般行政")
        < left.index("貳、文書業務")
        < left.index("參、機要業務")
        < left.index("肆、國際事務")
    )
    body = squeeze("".join(pdf_text(path, column=RIGHT)[:appendix]))
    # Hand-entered figures of the reports demo. The apps' figures (宿舍44間, 陳情964件, 訪賓33案…)
    # come from their records, which only the end-to-end test loads (tests/test_report_end_to_end.py).
    for text in (
        "約2億731萬3,663元", "達成率90.7%", "法定比率5%", "1億3,952萬元", "8,798.1萬元", "45%及70%",
        "本府所屬572個機關學校",
    ):  # fmt: skip
        assert text in body, text
    # Money is written with its 億/萬 spacing, as the seed writes it.
    assert "2億 731萬 3,663元" in "".join(pages)
