import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from kaohsiung_admin.reports.models import BuildStatus, ReportBuild, ReportItem


@pytest.fixture
def reader(make_user):
    """A staff member allowed to read and download builds, not to build."""
    user = make_user("reader", display_name="陳讀者")
    user.user_permissions.add(Permission.objects.get(codename="view_reportbuild"))
    return user


@pytest.fixture
def finished_build(definition, manager, fake_pdf):
    from kaohsiung_admin.reports import tasks

    build = ReportBuild.objects.create(definition=definition, year=2022, requested_by=manager)
    tasks.build_annual_report.apply(args=[build.pk])
    build.refresh_from_db()
    return build


def test_only_managers_build(
    client, definition, staff_user, reader, manager, fake_pdf, django_capture_on_commit_callbacks
):
    url = reverse("reports:build-create")
    for user in (staff_user, reader):
        client.force_login(user)
        assert client.post(url, {"roc_year": 111}).status_code == 403
    assert ReportBuild.objects.count() == 0
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"roc_year": 111})
    build = ReportBuild.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:build-detail", args=[build.pk])
    build.refresh_from_db()
    assert (build.status, build.requested_by, build.site_url) == (BuildStatus.SUCCEEDED, manager, "http://testserver")


def test_building_a_year_without_a_definition_says_so(client, definition, manager):
    client.force_login(manager)
    response = client.post(reverse("reports:build-create"), {"roc_year": 99}, follow=True)
    assert "99年度尚無報告內容" in response.content.decode()
    assert ReportBuild.objects.count() == 0


def test_others_download_only_if_allowed(client, finished_build, staff_user, reader):
    pdf = reverse("reports:build-pdf", args=[finished_build.pk])
    client.force_login(staff_user)
    assert client.get(pdf).status_code == 403
    assert client.get(reverse("reports:build-detail", args=[finished_build.pk])).status_code == 403
    client.force_login(reader)
    response = client.get(pdf)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "111" in response["Content-Disposition"]
    page = client.get(reverse("reports:build-detail", args=[finished_build.pk])).content.decode()
    assert "下載 PDF" in page
    assert "產製 PDF" not in client.get(reverse("reports:index")).content.decode()


def test_progress_is_polled_until_the_build_is_done(client, definition, manager):
    build = ReportBuild.objects.create(
        definition=definition, year=2022, requested_by=manager, progress=45, stage="產生 PDF"
    )
    client.force_login(manager)
    url = reverse("reports:build-detail", args=[build.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in partial and "45%" in partial and "<html" not in partial
    ReportBuild.objects.filter(pk=build.pk).update(status=BuildStatus.FAILED, error="字型檔損毀")
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial
    assert "字型檔損毀" in partial


def test_an_unknown_placeholder_is_a_form_error_when_saving(client, definition, manager):
    item = ReportItem.objects.get(title="經費")
    client.force_login(manager)
    url = reverse("reports:item-edit", args=[item.pk])
    response = client.post(url, {"title": "經費", "narrative": "撥補約{{ testing.budgte }}"})
    assert response.status_code == 200
    assert "未知的數字代碼「testing.budgte」" in response.content.decode()
    assert "testing.budget" in response.content.decode()  # suggested, and listed beside the form
    response = client.post(url, {"title": "經費", "narrative": "撥補約{{ testing.budget }}，{{ roc_year }}年"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.narrative == "撥補約{{ testing.budget }}，{{ roc_year }}年"


def test_staff_cannot_edit_narratives(client, definition, staff_user):
    item = ReportItem.objects.get(title="經費")
    client.force_login(staff_user)
    assert client.post(reverse("reports:item-edit", args=[item.pk]), {"narrative": "x"}).status_code == 403


def test_definition_page_shows_numbered_items_with_current_figures(client, definition, manager):
    client.force_login(manager)
    page = client.get(reverse("reports:definition", args=[111])).content.decode()
    for text in ("壹、", "一般行政", "(一)", "庶務工作", "2億 731萬 3,663元", "90.7%", "124", "貳、", "文書業務"):
        assert text in page


def test_manager_enters_a_manual_figure(client, definition, manager):
    client.force_login(manager)
    response = client.post(
        reverse("reports:figure-create", args=[111]),
        {"key": "manual.dormitories.total", "label": "經管宿舍", "unit": "間", "kind": "count", "value": "44"},
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:figures", args=[111])).content.decode()
    assert "經管宿舍" in page and "王主管" in page
    bad = client.post(
        reverse("reports:figure-create", args=[111]),
        {"key": "dormitories.total", "label": "x", "kind": "percent", "value": "90.7"},
    )
    assert bad.status_code == 200
    assert "manual. 開頭" in bad.content.decode()


def test_copy_a_year_from_the_page(client, definition, manager):
    client.force_login(manager)
    response = client.post(reverse("reports:definition-copy"), {"source": definition.pk, "roc_year": 112})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:definition", args=[112])
    assert "庶務工作" in client.get(response["Location"]).content.decode()


def test_companion_page_traces_figures_and_compares_years(client, finished_build, manager):
    client.force_login(manager)
    page = client.get(reverse("reports:build-figures", args=[finished_build.pk])).content.decode()
    assert "90.7%" in page and "89.3%" in page and "+1.4%" in page
    assert "<svg" in page and "測試用：每月件數" in page
    assert "王主管" in page


def _queries_for(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_build_list_costs_the_same_for_1_and_50_rows(client, definition, manager):
    client.force_login(manager)
    url = reverse("reports:index")
    counts = []
    for rows in (1, 49):
        ReportBuild.objects.bulk_create(
            [ReportBuild(definition=definition, year=2022, requested_by=manager) for _ in range(rows)]
        )
        client.get(url)  # warm the session and permission caches
        counts.append(_queries_for(client, url))
    assert ReportBuild.objects.count() == 50
    assert counts[0] == counts[1]


def test_figure_list_costs_the_same_for_1_and_50_manual_figures(client, definition, manager):
    from kaohsiung_admin.reports.models import ManualFigure

    client.force_login(manager)
    url = reverse("reports:figures", args=[111])
    ManualFigure.objects.filter(year=2022).delete()
    counts = []
    for start, rows in ((0, 1), (1, 49)):
        ManualFigure.objects.bulk_create(
            [
                ManualFigure(year=2022, key=f"manual.test.f{n}", label=f"數字{n}", value=n, entered_by=manager)
                for n in range(start, start + rows)
            ]
        )
        client.get(url)
        counts.append(_queries_for(client, url))
    assert ManualFigure.objects.filter(year=2022).count() == 50
    assert counts[0] == counts[1]


def test_definition_page_costs_the_same_for_1_and_50_items(client, definition, manager):
    section = definition.sections.get(heading="庶務工作")
    client.force_login(manager)
    url = reverse("reports:definition", args=[111])
    counts = []
    for rows in (1, 49):
        ReportItem.objects.bulk_create(
            [ReportItem(section=section, position=10 + n, narrative=f"第{n}點") for n in range(rows)]
        )
        client.get(url)
        counts.append(_queries_for(client, url))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("model", ["reportdefinition", "reportsection", "reportitem", "manualfigure", "reportbuild"])
def test_admin_lists_every_model(client, finished_build, administrator, model):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    assert client.get(f"/admin/reports/{model}/").status_code == 200


def test_manager_adds_and_deletes_points_and_the_rest_renumber(client, definition, manager):
    from kaohsiung_admin.reports import selectors

    client.force_login(manager)
    section = definition.sections.get(heading="庶務工作")
    parent = ReportItem.objects.get(title="綠色採購")
    url = reverse("reports:item-create", args=[section.pk]) + f"?parent={parent.pk}"
    bad = client.post(url, {"title": "", "narrative": "{{ manual.no_such }}", "parent": parent.pk})
    assert bad.status_code == 200 and "manual.no_such" in bad.content.decode()
    response = client.post(url, {"title": "", "narrative": "新增的第三點。", "parent": parent.pk})
    assert response.status_code == 302
    numbers = [(row.number, row.text) for row in selectors.outline(definition).rows if row.item and row.item.parent_id]
    assert numbers[-1] == ("(3)", "新增的第三點。")

    first = ReportItem.objects.get(parent=parent, position=1)
    assert client.post(reverse("reports:item-delete", args=[first.pk])).status_code == 302
    numbers = [(row.number, row.text) for row in selectors.outline(definition).rows if row.item and row.item.parent_id]
    assert numbers == [("(1)", "產製{{ testing.builds }}次。"), ("(2)", "新增的第三點。")]


def test_staff_cannot_add_or_delete_points(client, definition, staff_user):
    client.force_login(staff_user)
    section = definition.sections.get(heading="庶務工作")
    item = ReportItem.objects.get(title="經費")
    assert client.post(reverse("reports:item-create", args=[section.pk]), {"narrative": "x"}).status_code == 403
    assert client.post(reverse("reports:item-delete", args=[item.pk])).status_code == 403
    assert ReportItem.objects.filter(pk=item.pk).exists()
