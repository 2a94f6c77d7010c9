"""A manager builds the ROC 111 report in real Chromium and downloads the PDF."""

import io

import pytest

from kaohsiung_admin.accounts.roles import sync_roles
from kaohsiung_admin.reports import demo


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_manager_builds_the_roc_111_report_and_downloads_the_pdf(page, live_server, login, make_user, tmp_path):
    sync_roles()  # transactional tests flush the groups the data migration made
    manager = make_user("manager", roles=["staff", "manager"], display_name="王主管")
    demo.load(stdout=io.StringIO())

    login(page, manager)
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="111年度").click()
    page.wait_for_url("**/reports/111/")
    assert page.get_by_role("heading", name="高雄市政府行政暨國際處111年度施政績效成果報告").is_visible()

    page.get_by_test_id("build-button").click()
    page.wait_for_url("**/reports/builds/*/")
    download_link = page.get_by_test_id("download-pdf")
    download_link.wait_for(timeout=60_000)  # htmx polls the status until the worker is done
    assert page.get_by_test_id("build-status").first.inner_text() == "完成"

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert download.suggested_filename.startswith("111年度施政績效成果報告")
    content = target.read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 100_000
