"""The API contract: documents/documents/ and documents/petitions/ — filters, writes for granted
tokens, permissions, masking with every full view logged, and constant query counts."""

import datetime

import pytest

from documents.models import OfficialDocument, Petition
from kaohsiung_admin.core.models import PersonalDataAccess
from kaohsiung_admin.core.testing import assert_constant_queries

D = datetime.date
DOCS = "/api/v1/documents/documents/"
PETITIONS = "/api/v1/documents/petitions/"


def numbers(response):
    assert response.status_code == 200, response.content
    return sorted(row["number"] for row in response.json()["results"])


@pytest.fixture
def reader(token_client):
    return token_client("fire-dept")


def test_filters_by_nature_status_unit_due_range_and_overdue(reader, receive, unit, other_unit, document_clerk):
    urgent = receive(nature="urgent", unit=unit)  # due 2022-03-07, open: overdue today
    ordinary = receive(unit=other_unit)  # due 2022-03-10
    done = receive(unit=unit)
    from documents import services

    services.document_transition(user=document_clerk, document=done, action="keep", on=D(2022, 3, 3))
    assert numbers(reader.get(DOCS, {"nature": "urgent"})) == [urgent.number]
    assert numbers(reader.get(DOCS, {"status": "kept"})) == [done.number]
    assert numbers(reader.get(DOCS, {"unit": other_unit.pk})) == [ordinary.number]
    assert numbers(reader.get(DOCS, {"due_after": "2022-03-08", "due_before": "2022-03-31"})) == sorted(
        [ordinary.number, done.number]
    )
    assert numbers(reader.get(DOCS, {"overdue": "true"})) == sorted([urgent.number, ordinary.number])
    assert numbers(reader.get(DOCS, {"overdue": "false"})) == [done.number]
    assert numbers(reader.get(DOCS, {"due": "overdue", "unit": unit.pk})) == [urgent.number]
    row = reader.get(DOCS, {"nature": "urgent"}).json()["results"][0]
    assert row["due_state"] == "overdue" and row["due_on"] == "2022-03-07" and row["unit"] == unit.pk


def test_bad_filters_answer_400_never_500(reader):
    for query in ({"unit": "x"}, {"due_after": "9999-99-99"}, {"nature": "nope"}, {"unit": 2**70}, {"year": "-3"}):
        response = reader.get(DOCS, query)
        assert response.status_code == 400, query
        assert response.json()["code"] == "invalid"


def test_a_token_without_the_grant_cannot_register(reader):
    response = reader.post(DOCS, {"received_on": "2022-03-02", "subject": "x"}, format="json")
    assert response.status_code == 403


def test_a_granted_token_registers_and_moves_a_document(token_client, unit):
    client = token_client("secretariat", write=["documents.documents"])
    response = client.post(
        DOCS, {"received_on": "2022-03-02", "subject": "請派員出席", "nature": "urgent", "unit": unit.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["due_on"] == "2022-03-07" and body["status"] == "assigned" and body["number"].startswith("111")
    moved = client.post(f"{DOCS}{body['id']}/transition/", {"action": "accept", "on": "2022-03-03"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "handling"
    refused = client.post(f"{DOCS}{body['id']}/transition/", {"action": "dispatch"}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "transition_refused"


def test_invalid_registration_names_the_field(token_client):
    client = token_client("secretariat", write=["documents.documents"])
    response = client.post(DOCS, {"received_on": "2022-03-02", "subject": "x", "nature": "time_limited"}, format="json")
    assert response.status_code == 400
    assert "sender_due_on" in response.json()["errors"]


def test_staff_without_the_permission_sees_only_their_own_documents(api_client, make_user, bulk_documents, unit):
    someone = make_user("someone")
    bulk_documents(2)
    mine = bulk_documents(1, officer=someone)[0]
    api_client.force_authenticate(someone)
    assert numbers(api_client.get(DOCS)) == [mine.number]
    assert api_client.post(DOCS, {"received_on": "2022-03-02", "subject": "x"}, format="json").status_code == 403


def test_clerk_session_may_write(api_client, document_clerk):
    api_client.force_authenticate(document_clerk)
    response = api_client.post(DOCS, {"received_on": "2022-03-02", "subject": "x"}, format="json")
    assert response.status_code == 201


def test_document_list_costs_the_same_for_1_and_50_rows(reader, bulk_documents):
    assert_constant_queries(lambda: reader.get(DOCS, {"overdue": "true"}), bulk_documents, warm_up=True)


def test_petitions_masked_for_a_plain_token(reader, petition):
    case = petition()
    row = reader.get(PETITIONS).json()["results"][0]
    assert row["petitioner_name"] == "王○明" and row["petitioner_phone"] == "0912***678"
    detail = reader.get(f"{PETITIONS}{case.pk}/").json()
    assert "王小明" not in str(detail) and detail["petitioner_address"] == "高雄市苓雅區****"
    assert not PersonalDataAccess.objects.exists()


def test_petitions_in_full_for_a_personal_data_token_and_logged(token_client, petition):
    client = token_client("civil", personal_data=True)
    case = petition()
    row = client.get(PETITIONS).json()["results"][0]
    assert row["petitioner_name"] == "王小明"
    entry = PersonalDataAccess.objects.get()
    assert entry.object_id == str(case.pk) and entry.channel == "api" and "petitioner_phone" in entry.fields


def test_petition_filters_and_flow_through_the_api(token_client, petition):
    client = token_client("civil", write=["documents.petitions"])
    open_case = petition()
    response = client.post(
        PETITIONS, {"received_on": "2022-03-05", "channel": "1999", "subject": "人行道破損"}, format="json"
    )
    assert response.status_code == 201 and response.json()["due_on"] == "2022-04-06"
    assert numbers(client.get(PETITIONS, {"channel": "1999"})) == [response.json()["number"]]
    assert len(numbers(client.get(PETITIONS, {"overdue": "true"}))) == 2
    moved = client.post(
        f"{PETITIONS}{open_case.pk}/transition/", {"action": "assign", "agency": "工務局"}, format="json"
    )
    assert moved.status_code == 200 and moved.json()["status"] == "assigned"


def test_petition_list_costs_the_same_for_1_and_50_rows(token_client, bulk_petitions):
    client = token_client("civil", personal_data=True)
    assert_constant_queries(lambda: client.get(PETITIONS), bulk_petitions, warm_up=True)
    assert Petition.objects.count() == 50 and OfficialDocument.objects.count() == 0


def test_dispatched_year_lists_what_the_issued_figure_counts(reader, bulk_documents):
    from documents import figures

    bulk_documents(2, status="filed", closed_on=D(2022, 3, 8), dispatched_on=D(2022, 3, 8))
    bulk_documents(1, status="filed", closed_on=D(2023, 1, 3), dispatched_on=D(2023, 1, 3))
    issued = next(f for f in figures.FIGURES if f.key == "documents.issued")
    assert issued.compute(2022) == 2
    assert reader.get(DOCS, {"dispatched_year": 111}).json()["count"] == 2
