"""Officers' pages: lists, the one-page phone complaint, the case page, masking and unmasking,
exports, and fixed query counts."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consumer_protection.choices import Action, Stage
from consumer_protection.models import Complaint
from kaohsiung_admin.core.models import PersonalDataAccess

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db
LIST = reverse("consumer_protection:complaint-list")
CREATE = reverse("consumer_protection:complaint-create")
EXPORT = reverse("consumer_protection:complaint-export")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def _phone_complaint(**overrides):
    data = {
        "channel": "1950",
        "first_received_by": "bureau",
        "first_filed_on": "2022-03-03",
        "category": "fitness",
        "complainant_name": "陳志明",
        "complainant_national_id": "a123456789",
        "complainant_phone": "0912345678",
        "complainant_address": "高雄市苓雅區四維三路2號",
        "complainant_email": "",
        "business_name": "活力運動館",
        "business_tax_id": "",
        "amount": "36000",
        "narrative": "會員合約解約退費爭議。",
        "demand": "退還餘額",
    }
    data.update(overrides)
    return data


def test_phone_complaint_is_one_page_and_one_save(officer_client, officer):
    response = officer_client.post(CREATE, _phone_complaint())
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == complaint.get_absolute_url()
    assert complaint.complainant_national_id == VALID_ID
    assert complaint.officer == officer
    assert complaint.business_due_on == datetime.date(2022, 3, 18)
    page = officer_client.get(response["Location"])
    assert "111消申字第00001號" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("complainant_national_id", "A123456788", "檢查碼"),
        ("complainant_phone", "12345", "電話格式"),
        ("first_filed_on", "2099-01-01", "不可晚於今天"),
        ("business_tax_id", "12345678", "統一編號"),
    ],
)
def test_validation_points_at_the_field(officer_client, field, value, message):
    response = officer_client.post(CREATE, _phone_complaint(**{field: value}))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_complaint_form_starts_from_a_consultation(officer_client, officer):
    from consumer_protection import services

    consultation = services.consultation_create(
        user=officer,
        channel="1950",
        category="telecom",
        consumer_name="林美惠",
        consumer_phone="0911222333",
        business_name="遠傳電信",
        summary="解約違約金過高",
    )
    response = officer_client.get(CREATE, {"consultation": consultation.pk})
    form = response.context["form"]
    assert form.initial["complainant_name"] == "林美惠"
    assert form.initial["narrative"] == "解約違約金過高"
    post = _phone_complaint(consultation=consultation.pk, complainant_name="林美惠", category="telecom")
    officer_client.post(CREATE, post)
    assert Complaint.objects.get().consultation == consultation


def test_staff_without_the_role_is_refused(client, staff_user, file_complaint):
    complaint = file_complaint()
    client.force_login(staff_user)
    assert client.get(LIST).status_code == 403
    assert client.get(complaint.get_absolute_url()).status_code == 403
    assert client.post(CREATE, _phone_complaint()).status_code == 403


def test_list_masks_personal_data_for_every_role(officer_client, manager, client, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783", complainant_phone="0912345678")
    for user_client in (officer_client,):
        body = user_client.get(LIST).content.decode()
        assert "E12****783" in body and "E123456783" not in body
        assert "0912***678" in body and "0912345678" not in body
    client.force_login(manager)
    body = client.get(LIST).content.decode()
    assert "E12****783" in body and "E123456783" not in body
    assert complaint.case_number in body


def test_list_filters_and_search(officer_client, file_complaint, officer, make_user):
    other = make_user("other", roles=["consumer_protection_officer"])
    mine = file_complaint(business_name="港都建設", category="presale_house")
    theirs = file_complaint(user=other, officer=other, business_name="遠傳電信", category="telecom")

    def numbers(**params):
        return {row["case_number"] for row in officer_client.get(LIST, params).context["rows"]}

    assert numbers(q="港都") == {mine.case_number}
    assert numbers(q=theirs.case_number) == {theirs.case_number}
    assert numbers(category="telecom") == {theirs.case_number}
    assert numbers(mine="true") == {mine.case_number}
    assert numbers(stage=Stage.FIRST) == {mine.case_number, theirs.case_number}
    # Every test case's business limit (2022-03-18) has passed.
    assert numbers(due="overdue") == {mine.case_number, theirs.case_number}
    # A full ID in the address is not searched (it would sit in the access log) ...
    assert numbers(q=mine.complainant_national_id) == set()
    # ... officers search by ID through the POST form, which keeps it out of the address.
    found = officer_client.post(
        reverse("consumer_protection:complaint-id-search"), {"national_id": mine.complainant_national_id}
    )
    assert found.status_code == 302 and mine.complainant_national_id not in found["Location"]
    response = officer_client.get(found["Location"])
    assert {row["case_number"] for row in response.context["rows"]} == {mine.case_number}
    assert response["Cache-Control"] == "no-store"


def test_manager_cannot_search_by_national_id(manager_client, file_complaint):
    complaint = file_complaint()
    response = manager_client.get(LIST, {"q": complaint.complainant_national_id})
    assert response.context["rows"] == []


def test_bad_filter_input_is_a_form_error_not_a_crash(officer_client, file_complaint):
    file_complaint()
    response = officer_client.get(LIST, {"year": "99999", "filed_after": "yesterday", "page": "x"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "year" in response.context["filter"].errors


def _make_many(file_complaint, n):
    for _ in range(n):
        file_complaint()


@pytest.mark.parametrize("url_name", ["complaint-list", "dashboard", "consultation-list", "mediation-list"])
def test_list_query_count_is_the_same_for_1_and_50_rows(officer_client, file_complaint, officer, url_name):
    from consumer_protection import services
    from kaohsiung_admin.core.testing import assert_constant_queries

    from .conftest import move_to_mediation

    url = reverse(f"consumer_protection:{url_name}")

    def add(n):
        for _ in range(n):
            complaint = file_complaint()
            services.consultation_create(user=officer, category="food", summary="詢問", consumer_phone="0912345678")
            move_to_mediation(complaint, officer)

    # warm caches (content types, session), then the same count at 1 and 50 rows
    assert_constant_queries(lambda: officer_client.get(url), add, warm_up=True)


def test_case_page_masks_until_the_officer_gives_a_reason(officer_client, officer, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783")
    page = officer_client.get(complaint.get_absolute_url()).content.decode()
    assert "E12****783" in page and "E123456783" not in page
    assert "顯示完整個資" in page

    url = reverse("consumer_protection:complaint-unmask", args=[complaint.pk])
    refused = officer_client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert not PersonalDataAccess.objects.exists()

    posted = officer_client.post(url, {"reason": "回電申訴人確認案情"})
    assert posted.status_code == 302 and posted["Location"] == complaint.get_absolute_url()  # redirect after POST
    shown = officer_client.get(posted["Location"])
    assert "E123456783" in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    # shown once: a reload is masked again, and nothing more is logged
    again = officer_client.get(complaint.get_absolute_url()).content.decode()
    assert "E123456783" not in again and "E12****783" in again
    access = PersonalDataAccess.objects.get()
    assert access.user == officer
    assert access.object_id == str(complaint.pk)
    assert access.reason == "回電申訴人確認案情"
    assert "complainant_national_id" in access.fields


def test_manager_cannot_unmask(manager_client, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783")
    page = manager_client.get(complaint.get_absolute_url()).content.decode()
    assert "顯示完整個資" not in page
    response = manager_client.post(
        reverse("consumer_protection:complaint-unmask", args=[complaint.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_export_is_masked_unless_asked_with_a_reason(officer_client, officer, file_complaint):
    file_complaint(complainant_national_id="E123456783")
    masked = _csv_rows(officer_client.get(EXPORT, {"format": "csv"}))
    assert masked[0][0] == "案號"
    assert "E12****783" in masked[1]
    assert not PersonalDataAccess.objects.exists()

    no_reason = officer_client.get(EXPORT, {"format": "csv", "personal_data": "on"})
    assert no_reason.status_code == 400

    full = _csv_rows(officer_client.get(EXPORT, {"format": "csv", "personal_data": "on", "reason": "移送法院"}))
    assert "E123456783" in full[1]
    access = PersonalDataAccess.objects.get()
    assert (access.channel, access.reason) == ("export", "移送法院")


def test_manager_export_is_masked_and_full_export_is_forbidden(manager_client, file_complaint):
    file_complaint(complainant_national_id="E123456783")
    response = manager_client.get(EXPORT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in list(sheet.rows)[1]]
    assert "E12****783" in values and "E123456783" not in values
    assert manager_client.get(EXPORT, {"format": "csv", "personal_data": "on", "reason": "x"}).status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_export_follows_the_list_filters(officer_client, file_complaint):
    file_complaint(category="telecom")
    file_complaint(category="food")
    rows = _csv_rows(officer_client.get(EXPORT, {"format": "csv", "category": "food"}))
    assert len(rows) == 2 and rows[1][3] == "餐飲"


def test_action_moves_the_case_and_refusals_are_explained(officer_client, officer, file_complaint):
    complaint = file_complaint()
    url = lambda action: reverse("consumer_protection:complaint-action", args=[complaint.pk, action])  # noqa: E731
    refused = officer_client.post(url(Action.SECOND_FILED), {f"{Action.SECOND_FILED}-filed_on": "2022-03-20"})
    assert refused.status_code == 302
    follow = officer_client.get(refused["Location"])
    assert "此階段不能執行此動作" in follow.content.decode() or "不能執行" in follow.content.decode()

    bad = officer_client.post(url(Action.BUSINESS_REPLIED), {f"{Action.BUSINESS_REPLIED}-replied_on": "2099-01-01"})
    assert bad.status_code == 400
    assert "不可晚於今天" in bad.content.decode()

    ok = officer_client.post(url(Action.BUSINESS_REPLIED), {f"{Action.BUSINESS_REPLIED}-replied_on": "2022-03-10"})
    assert ok.status_code == 302
    complaint.refresh_from_db()
    assert complaint.business_replied_on == datetime.date(2022, 3, 10)
    timeline = officer_client.get(complaint.get_absolute_url()).content.decode()
    assert "業者回覆" in timeline and "黃消保官" in timeline


def test_attachment_upload_and_download(officer_client, file_complaint, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    complaint = file_complaint()
    response = officer_client.post(
        reverse("consumer_protection:complaint-attachment-add", args=[complaint.pk]),
        {"file": SimpleUploadedFile("contract.pdf", b"%PDF-1.4 test"), "description": "契約"},
    )
    assert response.status_code == 302
    attachment = complaint.attachments.get()
    download = officer_client.get(
        reverse("consumer_protection:complaint-attachment", args=[complaint.pk, attachment.pk])
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_consultation_quick_logging(officer_client, officer):
    url = reverse("consumer_protection:consultation-list")
    response = officer_client.post(
        url, {"channel": "1950", "category": "telecom", "summary": "詢問解約", "consumer_phone": "0912345678"}
    )
    assert response.status_code == 302
    page = officer_client.get(url).content.decode()
    assert "0912***678" in page and "0912345678" not in page
    assert "轉為申訴" in page
    bad = officer_client.post(url, {"channel": "1950", "category": "telecom", "summary": "x", "consumer_phone": "abc"})
    assert bad.status_code == 400


def test_activity_and_committee_pages(officer_client):
    assert officer_client.get(reverse("consumer_protection:activity-list"), {"year": "2022"}).status_code == 200
    assert officer_client.get(reverse("consumer_protection:committee-list"), {"year": "x"}).status_code == 200


def test_admin_shows_personal_data_masked(client, administrator, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783")
    client.force_login(administrator)
    page = client.get(reverse("admin:consumer_protection_complaint_change", args=[complaint.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "E12****783" in body and "E123456783" not in body
    assert client.get(reverse("admin:consumer_protection_complaint_changelist")).status_code == 200


def test_case_page_shows_the_clock(officer_client, file_complaint):
    fresh = file_complaint(first_filed_on=datetime.date.today())
    page = officer_client.get(fresh.get_absolute_url()).content.decode()
    assert "尚餘" in page
    old = file_complaint()  # filed 2022-03-03: its 15 days ran out long ago
    page = officer_client.get(old.get_absolute_url()).content.decode()
    assert "已逾期" in page
