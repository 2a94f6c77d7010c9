"""The mediation case page, its moves, and the mediation record PDF."""

import datetime
import re

import pytest
from django.urls import reverse

from consumer_protection.choices import Action, MediationStatus

from .conftest import move_to_mediation

pytestmark = pytest.mark.django_db


@pytest.fixture
def mediation(file_complaint, officer):
    return move_to_mediation(file_complaint(), officer)


def test_schedule_and_record_the_result_from_the_page(client, officer, mediation, mediation_meeting):
    client.force_login(officer)
    page = client.get(mediation.get_absolute_url())
    assert page.status_code == 200
    assert "111消調字第0001號" in page.content.decode()
    url = lambda action: reverse("consumer_protection:mediation-action", args=[mediation.pk, action])  # noqa: E731
    response = client.post(
        url(Action.MEDIATION_SCHEDULED), {f"{Action.MEDIATION_SCHEDULED}-meeting": mediation_meeting.pk}
    )
    assert response.status_code == 302
    refused = client.post(
        url(Action.MEDIATION_CLOSED),
        {
            f"{Action.MEDIATION_CLOSED}-result": MediationStatus.ESTABLISHED,
            f"{Action.MEDIATION_CLOSED}-on": "2099-01-01",
        },
    )
    assert refused.status_code == 400
    assert "不可晚於今天" in refused.content.decode()
    done = client.post(
        url(Action.MEDIATION_CLOSED),
        {
            f"{Action.MEDIATION_CLOSED}-result": MediationStatus.ESTABLISHED,
            f"{Action.MEDIATION_CLOSED}-on": "2022-05-10",
        },
    )
    assert done.status_code == 302
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.ESTABLISHED
    assert mediation.result_on == datetime.date(2022, 5, 10)


def test_mediation_record_pdf_embeds_the_cjk_font(client, officer, mediation, mediation_meeting):
    from consumer_protection import services
    from consumer_protection.pdf import mediation_record_html, mediation_record_pdf

    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    client.force_login(officer)
    response = client.get(reverse("consumer_protection:mediation-record-pdf", args=[mediation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    members = list(mediation_meeting.members_present.all())
    mediation.refresh_from_db()
    raw = mediation_record_pdf(mediation, members_present=members, uncompressed_pdf=True)
    fonts = set(re.findall(rb"/BaseFont\s*/([^\s/]+)", raw))
    assert fonts and all(b"Noto-Sans-CJK-TC" in font for font in fonts)  # one CJK font, embedded
    html = mediation_record_html(mediation, members_present=list(mediation_meeting.members_present.all()))
    assert "委員0（主席）" in html and "調解紀錄" in html
    assert html.count('font-family: "Noto Sans CJK TC"') >= 3  # body and both @page margin boxes


def test_manager_neither_reads_nor_moves_a_confidential_mediation_file(client, manager, mediation):
    client.force_login(manager)
    assert client.get(mediation.get_absolute_url()).status_code == 404  # CPA Art. 45-1
    response = client.post(
        reverse("consumer_protection:mediation-action", args=[mediation.pk, Action.MEDIATION_CORRECTION])
    )
    assert response.status_code == 403


def test_officer_creates_a_meeting_and_records_who_attended(client, officer, mediation_meeting):
    from consumer_protection.models import CommitteeMeeting, CommitteeMember

    client.force_login(officer)
    committee = mediation_meeting.committee
    response = client.post(
        reverse("consumer_protection:meeting-create"),
        {"committee": committee.pk, "held_on": "2022-06-14", "title": "第6次調解會議", "location": "四維行政中心"},
    )
    meeting = CommitteeMeeting.objects.get(title="第6次調解會議")
    assert response.status_code == 302
    expired = CommitteeMember.objects.create(
        committee=committee,
        name="舊委員",
        member_type="external",
        term_start=datetime.date(2019, 3, 1),
        term_end=datetime.date(2021, 2, 28),
    )
    url = reverse("consumer_protection:meeting-detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "委員0" in page and "舊委員" not in page  # only members in term are offered
    members = list(committee.members.filter(term_end__gte=datetime.date(2022, 6, 14))[:4])
    refused = client.post(url, {"members": [expired.pk]})
    assert refused.status_code == 400
    done = client.post(url, {"members": [m.pk for m in members]})
    assert done.status_code == 302
    assert set(meeting.members_present.all()) == set(members)
