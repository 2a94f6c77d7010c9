"""The API: masking per client, filters, ordering, stage moves, fixed query counts."""

import datetime

import pytest

from consumer_protection import services
from consumer_protection.choices import Stage
from consumer_protection.models import Complaint
from kaohsiung_admin.core.models import PersonalDataAccess
from kaohsiung_admin.core.testing import assert_constant_queries

from .conftest import move_to_mediation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/consumer-protection"


@pytest.mark.parametrize("collection", ["complaints", "consultations", "mediations"])
def test_another_bureaus_token_without_a_read_grant_reads_no_case(token_client, file_complaint, officer, collection):
    move_to_mediation(file_complaint(), officer)
    services.consultation_create(user=officer, category="telecom", summary="詢問", consumer_phone="0912345678")
    response = token_client(read=[]).get(f"{BASE}/{collection}/")
    assert response.status_code == 403
    assert "第45條之1" in response.json()["detail"]
    # the other bureau's resources are still readable by the same token (facilities etc.)
    assert token_client("other", read=[]).get("/api/v1/calendar/overrides/").status_code == 200


def test_read_grant_gives_statistics_level_fields_only(token_client, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783", complainant_phone="0912345678")
    client = token_client()
    response = client.get(f"{BASE}/complaints/")
    assert response["Cache-Control"] == "no-store"
    row = response.json()["results"][0]
    assert row["case_number"] == complaint.case_number and row["stage"] == "first"
    for field in ("complainant_name", "complainant_national_id", "complainant_phone", "business_name"):
        assert field not in row
    detail = client.get(f"{BASE}/complaints/{row['id']}/").json()
    for field in ("narrative", "demand", "events", "complainant_address", "complainant_email", "business_tax_id"):
        assert field not in detail
    assert detail["category"] == "fitness" and detail["business_due_on"]
    assert not PersonalDataAccess.objects.exists()


def test_confidential_grant_reads_parties_masked_and_narratives_logged(token_client, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783", complainant_name="陳志明")
    client = token_client(confidential=True)
    row = client.get(f"{BASE}/complaints/").json()["results"][0]
    assert row["complainant_name"] == "陳○明"
    assert row["complainant_national_id"] == "E12****783"
    detail = client.get(f"{BASE}/complaints/{complaint.pk}/").json()
    assert detail["narrative"] == "會員合約解約退費爭議。"
    assert detail["events"][0]["action"] == "filed"
    assert detail["complainant_address"] == "高雄市苓雅區****"
    logged = list(PersonalDataAccess.objects.order_by("id").values_list("fields", flat=True))
    assert len(logged) == 2
    assert "complainant_name" in logged[0] and "narrative" not in logged[0]  # the list shows no narrative
    assert "narrative" in logged[1] and "events" in logged[1]
    assert "complainant_national_id" not in logged[1].split(",")[:1]  # IDs stayed masked


def test_token_with_personal_data_grant_sees_full_values_and_is_logged(token_client, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783")
    client = token_client(personal_data=True)
    row = client.get(f"{BASE}/complaints/").json()["results"][0]
    assert row["complainant_national_id"] == "E123456783"
    access = PersonalDataAccess.objects.get()
    assert (access.channel, access.object_id) == ("api", str(complaint.pk))
    assert access.user.username == "api-fire-dept"


def test_signed_in_roles(api_client, officer, manager, file_complaint):
    complaint = file_complaint(complainant_national_id="E123456783", complainant_name="陳志明")
    api_client.force_authenticate(manager)
    row = api_client.get(f"{BASE}/complaints/").json()["results"][0]
    assert row["complainant_national_id"] == "E12****783"
    assert row["complainant_name"] == "陳○明"  # a manager sees no name
    detail = api_client.get(f"{BASE}/complaints/{complaint.pk}/").json()
    assert "narrative" not in detail and "events" not in detail
    # an officer's browser session: names and narratives, but IDs masked until a reason is given
    api_client.force_authenticate(officer)
    row = api_client.get(f"{BASE}/complaints/").json()["results"][0]
    assert (row["complainant_name"], row["complainant_national_id"]) == ("陳志明", "E12****783")
    assert not PersonalDataAccess.objects.exists()
    response = api_client.get(f"{BASE}/complaints/", HTTP_X_UNMASK_REASON="調閱申訴案卷")
    assert response.json()["results"][0]["complainant_national_id"] == "E123456783"
    assert response["Cache-Control"] == "no-store"
    access = PersonalDataAccess.objects.get(user=officer)
    assert access.reason == "調閱申訴案卷"


def test_staff_cannot_read_cases(api_client, staff_user, file_complaint):
    file_complaint()
    api_client.force_authenticate(staff_user)
    assert api_client.get(f"{BASE}/complaints/").json()["count"] == 0


def test_filters_by_stage_category_dates_and_overdue(token_client, file_complaint, officer):
    early = file_complaint(first_filed_on=datetime.date(2022, 1, 5), category="telecom")
    late = file_complaint(first_filed_on=datetime.date(2022, 6, 5), category="food")
    recent = file_complaint(first_filed_on=datetime.date.today(), category="food")
    services.complaint_record_business_reply(complaint=late, user=officer, replied_on=datetime.date(2022, 6, 8))
    services.complaint_resolve(complaint=late, user=officer)
    client = token_client()

    def ids(**params):
        response = client.get(f"{BASE}/complaints/", params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert set(ids(category="food")) == {late.pk, recent.pk}
    assert ids(stage=Stage.CLOSED) == [late.pk]
    assert set(ids(filed_after="2022-01-01", filed_before="2022-12-31")) == {early.pk, late.pk}
    assert ids(overdue="true") == [early.pk]
    assert set(ids(overdue="false")) == {late.pk, recent.pk}
    assert ids(year="2022", ordering="first_filed_on") == [early.pk, late.pk]
    assert ids(ordering="-first_filed_on") == [recent.pk, late.pk, early.pk]
    assert client.get(f"{BASE}/complaints/", {"overdue": "true"}).json()["results"][0]["overdue"] is True


def test_bad_filter_values_answer_400_with_field_errors(token_client):
    client = token_client()
    response = client.get(f"{BASE}/complaints/", {"stage": "nope", "filed_after": "x", "year": "99999"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert {"stage", "filed_after", "year"} <= set(body["errors"])
    assert client.get(f"{BASE}/complaints/", {"ordering": "complainant_national_id"}).status_code == 400


def test_create_validates_and_files_through_the_service(token_client):
    client = token_client(write=["consumer_protection.complaints"])
    payload = {
        "first_filed_on": "2022-03-03",
        "category": "fitness",
        "complainant_name": "陳志明",
        "complainant_national_id": "A123456788",
        "complainant_phone": "0912345678",
        "business_name": "活力運動館",
        "narrative": "退費爭議",
    }
    bad = client.post(f"{BASE}/complaints/", payload, format="json")
    assert bad.status_code == 400
    assert "complainant_national_id" in bad.json()["errors"]
    payload["complainant_national_id"] = "A123456789"
    created = client.post(f"{BASE}/complaints/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["case_number"] == "111消申字第00001號"
    assert body["business_due_on"] == "2022-03-18"
    # written, but not read back: a statistics-level grant reads no party, narrative or timeline
    assert "complainant_national_id" not in body and "events" not in body and "narrative" not in body
    assert body["stage"] == Stage.FIRST


def test_read_only_token_cannot_write(token_client):
    response = token_client().post(f"{BASE}/complaints/", {}, format="json")
    assert response.status_code == 403


def test_transition_refused_answers_409(token_client, file_complaint):
    complaint = file_complaint()
    client = token_client(write=["consumer_protection.complaints"])
    refused = client.post(
        f"{BASE}/complaints/{complaint.pk}/transition/",
        {"action": "second_filed", "filed_on": "2022-03-20"},
        format="json",
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "transition_refused"
    missing = client.post(
        f"{BASE}/complaints/{complaint.pk}/transition/", {"action": "business_replied"}, format="json"
    )
    assert missing.status_code == 400
    assert "replied_on" in missing.json()["errors"]
    unknown = client.post(f"{BASE}/complaints/{complaint.pk}/transition/", {"action": "explode"}, format="json")
    assert unknown.status_code == 400
    ok = client.post(
        f"{BASE}/complaints/{complaint.pk}/transition/",
        {"action": "business_replied", "replied_on": "2022-03-10"},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["business_replied_on"] == "2022-03-10"


def test_cases_cannot_be_deleted_through_the_api(token_client, file_complaint):
    complaint = file_complaint()
    client = token_client(write=["consumer_protection.complaints"])
    assert client.delete(f"{BASE}/complaints/{complaint.pk}/").status_code == 405
    assert Complaint.objects.filter(pk=complaint.pk).exists()


def test_mediations_and_consultations(token_client, file_complaint, officer):
    mediation = move_to_mediation(file_complaint(), officer)
    services.consultation_create(user=officer, category="telecom", summary="詢問", consumer_phone="0912345678")
    client = token_client()
    rows = client.get(f"{BASE}/mediations/", {"status": "applied", "year": "2022"}).json()["results"]
    assert [row["case_number"] for row in rows] == [mediation.case_number]
    assert client.get(f"{BASE}/mediations/", {"status": "failed"}).json()["count"] == 0
    consultation = client.get(f"{BASE}/consultations/").json()["results"][0]
    assert "consumer_phone" not in consultation and "summary" not in consultation
    consultation = token_client("confidential", confidential=True).get(f"{BASE}/consultations/").json()
    assert consultation["results"][0]["consumer_phone"] == "0912***678"


@pytest.mark.parametrize("collection", ["complaints", "mediations", "consultations"])
def test_api_list_query_count_is_the_same_for_1_and_50_rows(token_client, file_complaint, officer, collection):
    client = token_client(personal_data=True)

    def add(n):
        for _ in range(n):
            complaint = file_complaint()
            move_to_mediation(complaint, officer)
            services.consultation_create(user=officer, category="food", summary="詢問")

    def fetch():
        response = client.get(f"{BASE}/{collection}/")
        assert response.json()["count"] == Complaint.objects.count()
        return response

    assert_constant_queries(fetch, add, warm_up=True)


@pytest.mark.parametrize("unmask", [False, True])
def test_fast_list_rows_equal_the_declared_fields(file_complaint, officer, unmask):
    from consumer_protection.api.serializers import ComplaintListSerializer

    closed = file_complaint()
    services.complaint_close(complaint=closed, user=officer, result="withdrawn")
    overdue = file_complaint()
    fresh = file_complaint(first_filed_on=datetime.date.today(), amount=None)
    context = {"unmask": unmask, "today": datetime.date.today(), "parties": True, "names": unmask}
    for complaint in (closed, overdue, fresh):
        complaint = Complaint.objects.get(pk=complaint.pk)
        declared = dict(ComplaintListSerializer(complaint, context=context).data)
        fast = ComplaintListSerializer(Complaint.objects.filter(pk=complaint.pk), many=True, context=context).data[0]
        assert fast == declared
        assert list(fast) == ComplaintListSerializer.Meta.fields


def test_search_by_national_id_needs_the_personal_data_grant(token_client, file_complaint):
    complaint = file_complaint()
    plain = token_client("plain")
    granted = token_client("granted", personal_data=True)
    assert plain.get(f"{BASE}/complaints/", {"q": complaint.complainant_national_id}).json()["count"] == 0
    assert granted.get(f"{BASE}/complaints/", {"q": complaint.complainant_national_id}).json()["count"] == 1


def test_consultation_logged_through_the_api(token_client):
    client = token_client(write=["consumer_protection.consultations"])
    bad = client.post(
        f"{BASE}/consultations/", {"category": "telecom", "summary": "x", "consumer_phone": "abc"}, format="json"
    )
    assert bad.status_code == 400 and "consumer_phone" in bad.json()["errors"]
    created = client.post(
        f"{BASE}/consultations/", {"category": "telecom", "channel": "online", "summary": "詢問解約"}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["complaint"] is None
