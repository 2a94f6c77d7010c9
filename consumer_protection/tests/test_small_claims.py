"""The small-claims path (CPA Art. 45-4 / 45-5): a party absent from the hearing, the
committee's 解決方案, the 10-day objection window and its consequences."""

import datetime

import pytest
from django.urls import reverse

from consumer_protection import rules, services, tasks
from consumer_protection.choices import Action, MediationStatus, Party, Result, SmallClaimInitiative
from consumer_protection.models import MediationCase
from consumer_protection.tests.conftest import move_to_mediation
from kaohsiung_admin.core.errors import ServiceError

D = datetime.date


@pytest.fixture
def scheduled(file_complaint, officer, mediation_meeting):
    def make(amount=30000):
        mediation = move_to_mediation(file_complaint(amount=amount), officer)
        return services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)

    return make


def _absent_and_propose(mediation, officer, calendar, party=Party.RESPONDENT, served_on=None):
    services.mediation_record_absence(mediation=mediation, user=officer, party=party, absent_on=D(2022, 5, 10))
    return services.mediation_small_claim_propose(
        mediation=mediation,
        user=officer,
        proposal="相對人退還會費新臺幣3萬元",
        served_on=served_on or D(2022, 5, 12),
        initiative=SmallClaimInitiative.REQUEST,
        calendar=calendar,
    )


def test_the_limit_is_a_setting_of_100000(settings):
    assert rules.small_claim_max_ntd() == 100000
    settings.CP_SMALL_CLAIM_MAX_NTD = 50000
    assert rules.small_claim_max_ntd() == 50000


def test_amount_above_the_limit_is_refused_quoting_the_article(scheduled, officer):
    mediation = scheduled(amount=100001)
    assert Action.SMALL_CLAIM_ABSENCE not in services.allowed_mediation_actions(mediation)
    with pytest.raises(ServiceError, match="第45條之4") as refused:
        services.mediation_record_absence(
            mediation=mediation, user=officer, party=Party.RESPONDENT, absent_on=D(2022, 5, 10)
        )
    assert "100,001" in str(refused.value.message)
    # exactly the limit is a small claim
    at_limit = scheduled(amount=100000)
    assert Action.SMALL_CLAIM_ABSENCE in services.allowed_mediation_actions(at_limit)


def test_amount_unknown_is_refused(scheduled, officer):
    mediation = scheduled(amount=None)
    with pytest.raises(ServiceError, match="未登錄爭議金額"):
        services.mediation_record_absence(
            mediation=mediation, user=officer, party=Party.RESPONDENT, absent_on=D(2022, 5, 10)
        )


def test_a_plan_needs_a_recorded_absence(scheduled, officer, calendar):
    mediation = scheduled()
    assert Action.SMALL_CLAIM_PROPOSAL not in services.allowed_mediation_actions(mediation)
    with pytest.raises(ServiceError, match="第45條之4"):
        services.mediation_small_claim_propose(
            mediation=mediation, user=officer, proposal="退費", served_on=D(2022, 5, 12), calendar=calendar
        )
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.SCHEDULED


def test_absence_before_the_hearing_is_refused(scheduled, officer):
    with pytest.raises(ServiceError, match="調解會議日期"):
        services.mediation_record_absence(
            mediation=scheduled(), user=officer, party=Party.RESPONDENT, absent_on=D(2022, 5, 9)
        )


def test_objection_window_is_counted_on_the_office_calendar(scheduled, officer, calendar):
    # Served Thursday 12 May 2022: day 10 is Sunday 22 May → Monday 23 May.
    mediation = _absent_and_propose(scheduled(), officer, calendar)
    assert mediation.status == MediationStatus.PROPOSAL
    assert mediation.small_claim
    assert mediation.objection_due_on == D(2022, 5, 23)
    actions = list(mediation.events.values_list("action", flat=True))
    assert Action.SMALL_CLAIM_ABSENCE in actions and Action.SMALL_CLAIM_PROPOSAL in actions


def test_not_established_by_hand_inside_the_window(scheduled, officer, calendar):
    mediation = _absent_and_propose(scheduled(), officer, calendar)
    with pytest.raises(ServiceError, match="異議期間"):
        services.mediation_close(
            mediation=mediation, user=officer, result=MediationStatus.ESTABLISHED, today=D(2022, 5, 23)
        )
    mediation = services.mediation_close(
        mediation=mediation, user=officer, result=MediationStatus.ESTABLISHED, today=D(2022, 5, 24)
    )
    assert mediation.complaint.result == Result.MEDIATION_ESTABLISHED


def test_deemed_established_by_the_beat_after_the_window(scheduled, officer, calendar):
    mediation = _absent_and_propose(scheduled(), officer, calendar)
    assert services.establish_unobjected_proposals(today=D(2022, 5, 23)) == 0
    assert services.establish_unobjected_proposals(today=D(2022, 5, 24)) == 1
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.ESTABLISHED
    assert mediation.result_on == D(2022, 5, 24)
    assert "第45條之5第1項" in mediation.result_note
    assert mediation.complaint.result == Result.MEDIATION_ESTABLISHED
    assert "consumer-protection-establish-unobjected" in tasks.BEAT_SCHEDULE
    assert tasks.establish_unobjected_proposals.run() == 0  # nothing left


def test_objection_sends_the_case_to_a_new_hearing_and_absence_of_the_objector_establishes_it(
    scheduled, officer, calendar, mediation_meeting
):
    mediation = _absent_and_propose(scheduled(), officer, calendar)
    with pytest.raises(ServiceError, match="異議之當事人"):
        services.mediation_record_objection(mediation=mediation, user=officer, filed_on=D(2022, 5, 20))
    mediation = services.mediation_record_objection(
        mediation=mediation, user=officer, filed_on=D(2022, 5, 20), party=Party.RESPONDENT
    )
    assert mediation.status == MediationStatus.SCHEDULED  # not failed: a new hearing date
    assert mediation.objected_by == Party.RESPONDENT
    assert mediation.complaint.stage == "mediation"
    later = mediation_meeting.__class__.objects.create(
        committee=mediation_meeting.committee, held_on=D(2022, 6, 7), title="第6次調解會議"
    )
    services.mediation_schedule(mediation=mediation, user=officer, meeting=later)
    mediation = services.mediation_record_absence(
        mediation=mediation, user=officer, party=Party.RESPONDENT, absent_on=D(2022, 6, 7)
    )
    assert mediation.status == MediationStatus.ESTABLISHED
    assert "第45條之5第2項" in mediation.result_note
    assert MediationCase.objects.get(pk=mediation.pk).complaint.result == Result.MEDIATION_ESTABLISHED


def test_after_an_objection_the_other_partys_absence_does_not_establish(
    scheduled, officer, calendar, mediation_meeting
):
    mediation = _absent_and_propose(scheduled(), officer, calendar)
    mediation = services.mediation_record_objection(
        mediation=mediation, user=officer, filed_on=D(2022, 5, 20), party=Party.RESPONDENT
    )
    later = mediation_meeting.__class__.objects.create(
        committee=mediation_meeting.committee, held_on=D(2022, 6, 7), title="第6次調解會議"
    )
    services.mediation_schedule(mediation=mediation, user=officer, meeting=later)
    mediation = services.mediation_record_absence(
        mediation=mediation, user=officer, party=Party.APPLICANT, absent_on=D(2022, 6, 7)
    )
    assert mediation.status == MediationStatus.SCHEDULED


def test_late_objection_is_refused(scheduled, officer, calendar):
    mediation = _absent_and_propose(scheduled(), officer, calendar)
    with pytest.raises(ServiceError, match="逾期限"):
        services.mediation_record_objection(
            mediation=mediation, user=officer, filed_on=D(2022, 5, 24), party=Party.APPLICANT
        )


def test_page_actions_for_officers_and_refusal_shown_as_form_error(client, scheduled, officer, manager):
    mediation = scheduled()
    client.force_login(officer)
    page = client.get(mediation.get_absolute_url())
    assert f'data-action="{Action.SMALL_CLAIM_ABSENCE}"' in page.content.decode()
    assert f'data-action="{Action.SMALL_CLAIM_PROPOSAL}"' not in page.content.decode()
    url = reverse("consumer_protection:mediation-action", args=[mediation.pk, Action.SMALL_CLAIM_ABSENCE])
    response = client.post(
        url,
        {f"{Action.SMALL_CLAIM_ABSENCE}-party": "respondent", f"{Action.SMALL_CLAIM_ABSENCE}-absent_on": "2022-05-10"},
    )
    assert response.status_code == 302
    page = client.get(mediation.get_absolute_url()).content.decode()
    assert 'data-testid="absent-party"' in page
    assert f'data-action="{Action.SMALL_CLAIM_PROPOSAL}"' in page
    url = reverse("consumer_protection:mediation-action", args=[mediation.pk, Action.SMALL_CLAIM_PROPOSAL])
    response = client.post(
        url,
        {
            f"{Action.SMALL_CLAIM_PROPOSAL}-proposal": "退費3萬元",
            f"{Action.SMALL_CLAIM_PROPOSAL}-served_on": "2022-05-09",
            f"{Action.SMALL_CLAIM_PROPOSAL}-initiative": "own_motion",
        },
    )
    assert response.status_code == 400  # served before the hearing
    mediation.refresh_from_db()
    assert mediation.status == MediationStatus.SCHEDULED
    client.force_login(manager)
    response = client.post(url, {f"{Action.SMALL_CLAIM_PROPOSAL}-proposal": "x"})
    assert response.status_code in (403, 404)


def test_api_transition_mirrors_the_page_permission(client, scheduled, officer, manager):
    mediation = scheduled()
    url = f"/api/v1/consumer-protection/mediations/{mediation.pk}/transition/"
    client.force_login(manager)
    body = {"action": "small_claim_absence", "party": "respondent", "absent_on": "2022-05-10"}
    assert client.post(url, body, content_type="application/json").status_code in (403, 404)
    client.force_login(officer)
    refused = client.post(
        url,
        {"action": "small_claim_proposal", "proposal": "退費", "served_on": "2022-05-12"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert "第45條之4" in refused.content.decode()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["absent_party"] == "respondent"
    response = client.post(
        url,
        {"action": "small_claim_proposal", "proposal": "退費", "served_on": "2022-05-12", "initiative": "own_motion"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "proposal" and response.json()["small_claim"] is True
    bad = client.post(url, {"action": "small_claim_absence", "party": "nobody"}, content_type="application/json")
    assert bad.status_code == 400


def test_proposal_notice_cites_the_small_claims_articles(client, scheduled, officer, calendar):
    from django.template.loader import render_to_string

    mediation = _absent_and_propose(scheduled(), officer, calendar)
    html = render_to_string(
        "consumer_protection/notice_pdf.html",
        {
            "mediation": mediation,
            "complaint": mediation.complaint,
            "kind": "proposal",
            "title": "調解方案送達通知",
            "recipient": "活力運動館",
            "address": "",
        },
    )
    assert "第45條之4" in html and "不變期間" in html and "視為依該方案成立調解" in html
    client.force_login(officer)
    response = client.get(
        reverse("consumer_protection:mediation-notice-pdf", args=[mediation.pk, "proposal"]) + "?party=respondent"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
