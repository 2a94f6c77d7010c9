"""The clerks' pages: permissions, the fast received-document form, the detail page's moves,
the due lists per unit and officer, rates, petitions with masking and logged full views,
registers, and constant query counts on every list page."""

import datetime

import pytest
from django.urls import reverse

from documents.models import GazetteIssue, MunicipalMeeting, OfficialDocument, Petition
from kaohsiung_admin.core.models import PersonalDataAccess
from kaohsiung_admin.core.testing import assert_constant_queries

D = datetime.date


@pytest.fixture
def clerk_client(client, document_clerk):
    client.force_login(document_clerk)
    return client


LIST_PAGES = [
    "documents:document-list",
    "documents:due-list",
    "documents:petition-list",
    "documents:organisation-list",
    "documents:dataset-list",
    "documents:gazette-list",
    "documents:meeting-list",
]


@pytest.mark.parametrize(
    "name",
    [
        *LIST_PAGES,
        "documents:document-receive",
        "documents:rates",
        "documents:petition-create",
        "documents:calendar-import",
    ],
)
def test_pages_need_sign_in_then_the_permission(client, staff_user, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(staff_user)
    assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize(
    "name",
    [
        *LIST_PAGES,
        "documents:document-receive",
        "documents:rates",
        "documents:petition-create",
        "documents:calendar-import",
    ],
)
def test_clerk_opens_every_page(clerk_client, name):
    assert clerk_client.get(reverse(name)).status_code == 200


def test_manager_reads_but_does_not_register(client, manager):
    client.force_login(manager)
    assert client.get(reverse("documents:document-list")).status_code == 200
    assert client.get(reverse("documents:document-receive")).status_code == 403


def test_receive_form_registers_and_keeps_date_and_nature(clerk_client, unit):
    response = clerk_client.post(
        reverse("documents:document-receive"),
        {
            "received_on": "2022-03-02",
            "nature": "urgent",
            "subject": "請派員出席會議",
            "sender": "秘書處",
            "security": "none",
            "unit": unit.pk,
        },
    )
    assert response.status_code == 302
    assert "received_on=2022-03-02" in response["Location"] and "nature=urgent" in response["Location"]
    document = OfficialDocument.objects.get()
    assert document.due_on == D(2022, 3, 7) and document.status == "assigned"
    page = clerk_client.get(response["Location"])
    assert "111/03/07" in page.content.decode()
    assert page.context["form"].initial["nature"] == "urgent"


def test_receive_form_explains_a_refusal_on_the_field(clerk_client):
    response = clerk_client.post(
        reverse("documents:document-receive"),
        {"received_on": "2022-03-02", "nature": "time_limited", "subject": "x", "security": "none"},
    )
    assert response.status_code == 200
    assert "來文限期" in response.context["form"].errors["sender_due_on"][0]


def test_detail_page_moves_and_shows_the_timeline(clerk_client, receive, unit):
    document = receive(unit=unit)
    url = reverse("documents:document-move", args=[document.pk])
    clerk_client.post(url, {"action": "accept", "on": "2022-03-03"})
    clerk_client.post(url, {"action": "dispatch", "on": "2022-03-04"})  # refused: not decided yet
    document.refresh_from_db()
    assert document.status == "handling"
    page = clerk_client.get(reverse("documents:document-detail", args=[document.pk])).content.decode()
    assert "承辦" in page and "不能執行" in page


def test_extension_request_then_a_manager_approves(client, clerk_client, receive, approver):
    document = receive()
    clerk_client.post(reverse("documents:extension-request", args=[document.pk]), {"days": 5, "reason": "會辦財政局"})
    extension = document.extensions.get()
    client.force_login(approver)
    response = client.post(reverse("documents:extension-decide", args=[document.pk, extension.pk]), {"approve": "1"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.due_on == D(2022, 3, 17)


def test_due_list_per_unit_and_officer(clerk_client, bulk_documents, unit, other_unit, make_user):
    other = make_user("other")
    bulk_documents(2)
    bulk_documents(1, unit=other_unit, officer=other)
    bulk_documents(1, status="kept", closed_on=D(2022, 3, 3))
    page = clerk_client.get(reverse("documents:due-list"), {"unit": unit.pk})
    assert page.context["page_obj"].paginator.count == 2
    assert (
        clerk_client.get(reverse("documents:due-list"), {"officer": other.pk}).context["page_obj"].paginator.count == 1
    )
    summary = {row["unit__name"]: row["overdue"] for row in page.context["summary"]}
    assert summary == {"文書科": 2, "機要科": 1}


def test_rates_page_against_the_targets(clerk_client, bulk_documents):
    bulk_documents(
        3,
        status="dispatched",
        closed_on=D(2022, 3, 8),
        dispatched_on=D(2022, 3, 8),
        e_signed=True,
        sent_via_exchange=True,
    )
    bulk_documents(1, status="kept", closed_on=D(2022, 3, 20))
    page = clerk_client.get(reverse("documents:rates"), {"year": "111"})
    totals = page.context["totals"]
    assert (totals["closed"], totals["e_signed"], totals["dispatched"], totals["exchanged"]) == (4, 3, 3, 3)
    assert str(totals["e_sign_rate"]) == "0.7500" and str(totals["on_time_rate"]) == "0.7500"
    assert "75.0%" in page.content.decode()


def test_petition_detail_masked_until_a_reason_is_given_then_logged(clerk_client, petition):
    case = petition()
    url = reverse("documents:petition-detail", args=[case.pk])
    page = clerk_client.get(url).content.decode()
    assert "王○明" in page and "王小明" not in page
    page = clerk_client.post(url, {"reason": "書面通知展期"}).content.decode()
    assert "王小明" in page and "0912345678" in page
    entry = PersonalDataAccess.objects.get()
    assert entry.reason == "書面通知展期" and entry.object_id == str(case.pk)


def test_petition_list_never_shows_full_data(clerk_client, petition):
    petition()
    page = clerk_client.get(reverse("documents:petition-list")).content.decode()
    assert "王○明" in page and "王小明" not in page and "0912***678" in page


def test_gazette_generated_from_the_rule(clerk_client):
    response = clerk_client.post(reverse("documents:gazette-generate"), {"year": 2023})
    assert response.status_code == 302
    assert GazetteIssue.objects.filter(year=2023).count() >= 100


def test_meeting_register_adds_minutes(clerk_client):
    response = clerk_client.post(
        reverse("documents:meeting-list"),
        {"kind": "regular", "session": 1, "held_on": "2022-01-03", "chair": "市長", "minutes": "紀錄"},
    )
    assert response.status_code == 302 and MunicipalMeeting.objects.get().minutes == "紀錄"


@pytest.mark.parametrize("name", ["documents:document-list", "documents:due-list"])
def test_document_lists_cost_the_same_for_1_and_50_rows(clerk_client, bulk_documents, name):
    assert_constant_queries(lambda: clerk_client.get(reverse(name)), bulk_documents, warm_up=True)


def test_petition_list_costs_the_same_for_1_and_50_rows(clerk_client, bulk_petitions):
    assert_constant_queries(lambda: clerk_client.get(reverse("documents:petition-list")), bulk_petitions, warm_up=True)
    assert Petition.objects.count() == 50


@pytest.mark.parametrize(
    "name,model,make",
    [
        (
            "documents:gazette-list",
            GazetteIssue,
            lambda i: {"year": 2022, "number": i, "issue_on": D(2022, 1, 1) + datetime.timedelta(days=i)},
        ),
        (
            "documents:meeting-list",
            MunicipalMeeting,
            lambda i: {"session": i, "held_on": D(2022, 1, 1) + datetime.timedelta(days=i)},
        ),
    ],
)
def test_register_lists_cost_the_same_for_1_and_50_rows(clerk_client, name, model, make):
    made = {"n": 0}

    def grow(n):
        rows = []
        for _ in range(n):
            made["n"] += 1
            rows.append(model(**make(made["n"])))
        model.objects.bulk_create(rows)

    assert_constant_queries(lambda: clerk_client.get(reverse(name)), grow, warm_up=True)


def test_export_of_the_register(clerk_client, bulk_documents):
    bulk_documents(3)
    response = clerk_client.get(reverse("documents:document-list"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "測試公文 900001" in body and "文書科" in body and "普通件" in body
