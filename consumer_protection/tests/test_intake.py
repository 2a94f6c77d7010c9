"""Intake that matches the statute: the competent agency, rejection grounds with a duplicate
check offered before saving, anonymous consultations, categories as data."""

import datetime

import pytest
from django.urls import reverse

from consumer_protection import services
from consumer_protection.choices import RejectionGround, Result, Stage
from consumer_protection.models import Complaint, Consultation, ConsumerCategory
from kaohsiung_admin.core.errors import ServiceError

pytestmark = pytest.mark.django_db
CREATE = reverse("consumer_protection:complaint-create")


def _form(**overrides):
    data = {
        "channel": "1950",
        "first_received_by": "bureau",
        "first_filed_on": "2022-04-01",
        "category": "fitness",
        "complainant_name": "陳志明",
        "complainant_national_id": "A123456789",
        "complainant_phone": "0912345678",
        "business_name": "活力運動館",
        "narrative": "會員合約解約退費爭議。",
    }
    data.update(overrides)
    return data


def test_a_duplicate_is_offered_before_saving_and_can_be_filed_anyway(client, officer, file_complaint):
    earlier = file_complaint(complainant_national_id="A123456789", business_name="活力 運動館")
    client.force_login(officer)
    offered = client.post(CREATE, _form())
    assert offered.status_code == 400
    body = offered.content.decode()
    assert earlier.case_number in body and "疑似重複申訴" in body
    assert Complaint.objects.count() == 1  # nothing saved yet
    filed = client.post(CREATE, _form(duplicate_decision="file"))
    assert filed.status_code == 302
    assert Complaint.objects.count() == 2


def test_rejecting_as_a_duplicate_records_the_ground_and_the_earlier_case(client, officer, file_complaint):
    earlier = file_complaint(complainant_national_id="A123456789")
    client.force_login(officer)
    response = client.post(CREATE, _form(duplicate_decision="reject", duplicate_of=str(earlier.pk)))
    assert response.status_code == 302
    rejected = Complaint.objects.exclude(pk=earlier.pk).get()
    assert (rejected.stage, rejected.result, rejected.rejection_ground) == (
        Stage.CLOSED,
        Result.REJECTED,
        RejectionGround.DUPLICATE,
    )
    assert rejected.duplicate_of == earlier
    assert earlier.case_number in rejected.events.get(action="closed").note


def test_no_duplicate_offered_for_another_trader_or_after_the_window(file_complaint):
    file_complaint(complainant_national_id="A123456789", first_filed_on=datetime.date(2021, 6, 1))
    file_complaint(complainant_national_id="A123456789", business_name="遠傳電信")
    found = services.find_duplicates(national_id="A123456789", business_name="活力運動館", on=datetime.date(2022, 4, 1))
    assert list(found) == []


def test_rejection_needs_its_ground(officer, file_complaint):
    complaint = file_complaint()
    with pytest.raises(ServiceError, match="不受理須選擇理由"):
        services.complaint_close(complaint=complaint, user=officer, result=Result.REJECTED)
    with pytest.raises(ServiceError, match="須指明先前的案件"):
        services.complaint_close(
            complaint=complaint, user=officer, result=Result.REJECTED, rejection_ground=RejectionGround.DUPLICATE
        )
    services.complaint_close(
        complaint=complaint, user=officer, result=Result.REJECTED, rejection_ground=RejectionGround.NO_REAL_NAME
    )
    complaint.refresh_from_db()
    assert complaint.rejection_ground == RejectionGround.NO_REAL_NAME


def test_close_form_on_the_case_page_takes_the_ground_and_the_case_number(client, officer, file_complaint):
    earlier = file_complaint()
    later = file_complaint()
    client.force_login(officer)
    url = reverse("consumer_protection:complaint-action", args=[later.pk, "closed"])
    missing = client.post(url, {"closed-result": Result.REJECTED})
    assert missing.status_code == 400 and "不受理須選擇理由" in missing.content.decode()
    unknown = client.post(
        url, {"closed-result": Result.REJECTED, "closed-rejection_ground": "duplicate", "closed-duplicate_of": "x"}
    )
    assert "查無案號" in unknown.content.decode()
    done = client.post(
        url,
        {
            "closed-result": Result.REJECTED,
            "closed-rejection_ground": "duplicate",
            "closed-duplicate_of": earlier.case_number,
        },
    )
    assert done.status_code == 302
    later.refresh_from_db()
    assert later.duplicate_of == earlier
    assert "重複申訴" in client.get(later.get_absolute_url()).content.decode()


def test_referral_to_the_competent_agency_and_its_reply(client, officer, file_complaint):
    complaint = file_complaint(category="presale_house")
    assert complaint.competent_agency == "高雄市政府地政局"  # proposed from the category
    services.complaint_refer_to_agency(
        complaint=complaint, user=officer, agency="高雄市政府地政局", referred_on=datetime.date(2022, 3, 4)
    )
    with pytest.raises(ServiceError, match="不可早於"):
        services.complaint_record_agency_reply(
            complaint=complaint, user=officer, replied_on=datetime.date(2022, 3, 3), reply="已查處"
        )
    services.complaint_record_agency_reply(
        complaint=complaint, user=officer, replied_on=datetime.date(2022, 3, 20), reply="已函請業者改善"
    )
    complaint.refresh_from_db()
    assert complaint.agency_replied_on == datetime.date(2022, 3, 20)
    assert list(complaint.events.values_list("action", flat=True)) == ["filed", "referred", "agency_replied"]
    client.force_login(officer)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "已函請業者改善" in page


def test_anonymous_consultation_keeps_no_name_or_phone(client, officer):
    client.force_login(officer)
    url = reverse("consumer_protection:consultation-list")
    response = client.post(
        url,
        {
            "channel": "1950",
            "category": "telecom",
            "is_anonymous": "on",
            "consumer_name": "不願具名",
            "consumer_phone": "0912345678",
            "summary": "詢問解約",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.is_anonymous and consultation.consumer_name == "" and consultation.consumer_phone == ""


def test_categories_are_data_the_unit_edits(client, officer):
    assert ConsumerCategory.objects.filter(code="lpg", name="液化石油氣").exists()  # the seed's sectors
    for name in ("加水站", "視聽歌唱/夜店", "菸酒", "停車場", "殯葬", "健身中心", "預售屋"):
        assert ConsumerCategory.objects.filter(name=name).exists(), name
    ConsumerCategory.objects.create(code="pet", name="寵物美容", competent_agency="高雄市動物保護處")
    client.force_login(officer)
    form = client.get(CREATE).content.decode()
    assert "寵物美容" in form
    assert client.post(CREATE, _form(category="pet")).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.get_category_display() == "寵物美容"
    assert complaint.competent_agency == "高雄市動物保護處"
    refused = client.post(CREATE, _form(category="no-such", duplicate_decision="file"))
    assert refused.status_code == 400 and "category" in refused.context["form"].errors
