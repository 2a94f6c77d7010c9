"""The 調解書 in the content of 消費爭議調解辦法 Art. 26 and the notices to the parties, as PDF in
a CJK font (checked with pdffonts and pdftotext, as a reader's tools would)."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from consumer_protection import services
from consumer_protection.choices import MediationStatus
from kaohsiung_admin.core.models import PersonalDataAccess

from .conftest import move_to_mediation

pytestmark = pytest.mark.django_db


@pytest.fixture
def established(file_complaint, officer, mediation_meeting):
    complaint = file_complaint(
        complainant_name="陳志明",
        complainant_national_id="E123456783",
        business_name="活力運動館",
        business_tax_id="04595257",
    )
    mediation = move_to_mediation(complaint, officer)
    mediation_meeting.location = "四維行政中心3樓調解室"
    mediation_meeting.save()
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    present = list(mediation_meeting.members_present.order_by("id"))
    services.mediation_declare_interest(mediation=mediation, user=officer, member=present[4], reason="相對人之顧問")
    services.mediation_propose(
        mediation=mediation,
        user=officer,
        proposal="相對人退還會費新臺幣1萬8千元。",
        served_on=datetime.date(2022, 5, 10),
    )
    services.mediation_close(
        mediation=mediation, user=officer, result=MediationStatus.ESTABLISHED, on=datetime.date(2022, 5, 25)
    )
    mediation.refresh_from_db()
    return mediation


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert lines, fonts
    assert all("NotoSansCJK" in line.replace("-", "") and " yes " in line for line in lines), fonts  # embedded CJK
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_settlement_has_the_fields_of_article_26_in_a_cjk_font(client, officer, established, tmp_path):
    client.force_login(officer)
    response = client.get(reverse("consumer_protection:mediation-settlement-pdf", args=[established.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = "".join(_text(response.content, tmp_path).split())
    for expected in (
        "調解書",
        "陳志明",  # the parties
        "E123456783",
        "高雄市苓雅區四維三路2號",
        "活力運動館",
        "04595257",
        "調解事由",
        "會員合約解約退費爭議",
        "調解成立內容",
        "相對人退還會費新臺幣1萬8千元",
        "調解成立場所",
        "四維行政中心3樓調解室",
        "調解成立日期",
        "111年5月25日",
        "出席調解委員",
        "迴避委員",
        "第26條",
    ):
        assert expected in text, expected
    access = PersonalDataAccess.objects.get()
    assert "complainant_national_id" in access.fields and "調解書" in access.reason


def test_settlement_only_for_an_established_mediation_and_for_officers(client, officer, manager, file_complaint):
    mediation = move_to_mediation(file_complaint(), officer)
    client.force_login(officer)
    url = reverse("consumer_protection:mediation-settlement-pdf", args=[mediation.pk])
    assert client.get(url).status_code == 302  # not established: back to the case with a message


def test_notices_to_the_parties(client, officer, established, tmp_path):
    client.force_login(officer)
    hearing = client.get(
        reverse("consumer_protection:mediation-notice-pdf", args=[established.pk, "hearing"]), {"party": "respondent"}
    )
    text = "".join(_text(hearing.content, tmp_path).split())
    assert "調解會議開會通知" in text and "活力運動館" in text and "第45條之4" in text
    proposal = client.get(
        reverse("consumer_protection:mediation-notice-pdf", args=[established.pk, "proposal"]), {"party": "applicant"}
    )
    text = "".join(_text(proposal.content, tmp_path).split())
    assert "10日內" in text and "第45條之3" in text and "陳志明" in text
    assert (
        client.get(
            reverse("consumer_protection:mediation-notice-pdf", args=[established.pk, "hearing"]), {"party": "x"}
        ).status_code
        == 400
    )
