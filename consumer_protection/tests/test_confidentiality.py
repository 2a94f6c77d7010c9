"""CPA Art. 45-1 and the personal-data side doors (issue 16 items 1-3; issue 13 item 4):
who sees names, narratives and mediation files; attachments; prefills; caching."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consumer_protection import services
from consumer_protection.models import CommitteeMember
from kaohsiung_admin.core.models import PersonalDataAccess

from .conftest import move_to_mediation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consumer-protection"


def test_manager_sees_masked_names_and_no_narrative_on_pages(client, manager, officer, file_complaint):
    complaint = file_complaint(complainant_name="陳志明", narrative="會員合約解約退費爭議。")
    client.force_login(manager)
    listing = client.get(reverse("consumer_protection:complaint-list")).content.decode()
    assert "陳○明" in listing and "陳志明" not in listing
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "陳○明" in page and "陳志明" not in page
    assert "會員合約解約退費爭議" not in page and "第45條之1" in page
    assert "已遮蔽：申訴人姓名、身分證統一編號" in page  # the card says what is masked
    client.force_login(officer)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "陳志明" in page and "會員合約解約退費爭議" in page
    assert "已遮蔽：身分證統一編號、聯絡電話、通訊地址、電子郵件" in page


def test_mediation_file_is_visible_to_officers_and_its_panel_only(
    client, officer, manager, make_user, file_complaint, mediation_meeting
):
    mediation = move_to_mediation(file_complaint(), officer)
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    on_panel = make_user("panel", roles=["staff"], display_name="委員甲")
    off_panel = make_user("other-member", roles=["staff"])
    present = list(mediation_meeting.members_present.all())
    CommitteeMember.objects.filter(pk=present[1].pk).update(user=on_panel)
    CommitteeMember.objects.filter(pk=present[2].pk).update(user=off_panel)
    services.mediation_declare_interest(mediation=mediation, user=officer, member=present[2], reason="曾任相對人顧問")
    from consumer_protection.models import MediationCase

    visible = {u.username: MediationCase.objects.restrict(u).count() for u in (officer, manager, on_panel, off_panel)}
    assert visible == {"officer": 1, "manager": 0, "panel": 1, "other-member": 0}
    client.force_login(manager)
    assert client.get(mediation.get_absolute_url()).status_code == 404
    assert mediation.case_number not in client.get(reverse("consumer_protection:mediation-list")).content.decode()
    meeting_page = client.get(reverse("consumer_protection:meeting-detail", args=[mediation_meeting.pk]))
    assert mediation.case_number not in meeting_page.content.decode()


def test_attachment_download_needs_the_unmask_permission_and_is_logged(
    client, officer, manager, file_complaint, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    complaint = file_complaint()
    services.complaint_add_attachment(
        complaint=complaint, user=officer, file=SimpleUploadedFile("contract.pdf", b"%PDF-1.4 contract")
    )
    attachment = complaint.attachments.get()
    url = reverse("consumer_protection:complaint-attachment", args=[complaint.pk, attachment.pk])
    client.force_login(manager)
    assert client.get(url).status_code == 403
    assert not PersonalDataAccess.objects.exists()
    client.force_login(officer)
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 contract"
    assert response["Cache-Control"] == "no-store"
    access = PersonalDataAccess.objects.get()
    assert access.user == officer and access.fields == "attachment" and "contract.pdf" in access.reason


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" * 10, "不接受此檔案類型"),
        ("photo.png", b"MZ\x90\x00 renamed exe", "內容與副檔名"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "檔案過大"),
    ],
)
def test_uploads_are_checked_with_a_clear_form_error(
    client, officer, file_complaint, name, content, message, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    complaint = file_complaint()
    client.force_login(officer)
    response = client.post(
        reverse("consumer_protection:complaint-attachment-add", args=[complaint.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not complaint.attachments.exists()


def test_consultation_prefill_of_the_full_phone_is_logged(client, officer):
    consultation = services.consultation_create(
        user=officer, category="telecom", summary="詢問解約", consumer_name="林小姐", consumer_phone="0912345678"
    )
    client.force_login(officer)
    response = client.get(reverse("consumer_protection:complaint-create") + f"?consultation={consultation.pk}")
    assert "0912345678" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    access = PersonalDataAccess.objects.get()
    assert (access.object_id, access.fields) == (str(consultation.pk), "consumer_phone")
    assert "預填" in access.reason


def test_api_transition_response_with_full_id_is_logged(token_client, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783")
    client = token_client(write=["consumer_protection.complaints"], personal_data=True)
    response = client.post(
        f"{BASE}/complaints/{complaint.pk}/transition/",
        {"action": "business_replied", "replied_on": "2022-03-10"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["complainant_national_id"] == "E123456783"
    assert response["Cache-Control"] == "no-store"
    access = PersonalDataAccess.objects.get()
    assert access.object_id == str(complaint.pk) and "complainant_national_id" in access.fields


def test_full_id_search_is_not_answered_to_a_masked_session(api_client, officer, file_complaint):
    complaint = file_complaint()
    api_client.force_authenticate(officer)
    # Without a reason an officer's session is masked, so a search by full ID finds nothing
    # either (looking a person up by ID is a use of personal data).
    rows = api_client.get(f"{BASE}/complaints/", {"q": complaint.complainant_national_id}).json()
    assert rows["count"] == 0
    rows = api_client.get(
        f"{BASE}/complaints/", {"q": complaint.complainant_national_id}, HTTP_X_UNMASK_REASON="查詢申訴人前案"
    ).json()
    assert rows["count"] == 1
    assert PersonalDataAccess.objects.get().reason == "查詢申訴人前案"


def test_attachment_chosen_before_a_form_error_is_named_to_choose_again(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("consumer_protection:complaint-create"),
        {
            "channel": "1950",
            "first_received_by": "bureau",
            "first_filed_on": datetime.date(2022, 3, 3).isoformat(),
            "category": "fitness",
            "complainant_name": "陳志明",
            "complainant_national_id": "A123456788",  # bad check digit
            "complainant_phone": "0912345678",
            "business_name": "活力運動館",
            "narrative": "退費",
            "attachment": SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt"),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "附件「receipt.pdf」尚未上傳" in body and "重新選擇" in body
