"""The stage machine: allowed moves, refused moves with their reasons, and the timeline."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from consumer_protection import services
from consumer_protection.choices import Action, MediationStatus, Result, Stage
from consumer_protection.models import CaseEvent, Complaint, MediationCase
from kaohsiung_admin.core.errors import ServiceError

from .conftest import move_to_mediation

D = datetime.date
pytestmark = pytest.mark.django_db


def test_filing_numbers_the_case_per_roc_year_and_starts_the_15_day_clock(file_complaint, officer):
    first = file_complaint()
    second = file_complaint()
    other_year = file_complaint(first_filed_on=D(2021, 12, 30))
    assert first.case_number == "111消申字第00001號"
    assert second.case_number == "111消申字第00002號"
    assert other_year.case_number == "110消申字第00001號"
    assert first.stage == Stage.FIRST
    assert first.business_due_on == D(2022, 3, 18) == first.due_on
    event = first.events.get()
    assert (event.action, event.to_stage, event.by) == (Action.FILED, Stage.FIRST, officer)
    assert "第43條" in event.note


def test_filing_refuses_a_future_date(file_complaint):
    with pytest.raises(ServiceError) as refused:
        file_complaint(first_filed_on=datetime.date.today() + datetime.timedelta(days=2))
    assert refused.value.field == "first_filed_on"


def test_filing_refuses_a_bad_national_id(file_complaint):
    with pytest.raises(ValidationError) as error:
        file_complaint(complainant_national_id="A123456788")
    assert "complainant_national_id" in error.value.message_dict
    assert not Complaint.objects.exists()


def test_business_reply_then_resolved_closes_with_a_result(file_complaint, officer):
    complaint = file_complaint()
    services.complaint_record_business_reply(
        complaint=complaint, user=officer, replied_on=D(2022, 3, 10), reply="同意退費"
    )
    complaint = services.complaint_resolve(complaint=complaint, user=officer)
    assert complaint.stage == Stage.CLOSED
    assert complaint.result == Result.RESOLVED_BY_BUSINESS
    assert complaint.due_on is None
    assert list(complaint.events.values_list("action", flat=True)) == [
        Action.FILED,
        Action.BUSINESS_REPLIED,
        Action.RESOLVED,
    ]


def test_late_business_reply_is_marked_late(file_complaint, officer):
    complaint = file_complaint()
    services.complaint_record_business_reply(complaint=complaint, user=officer, replied_on=D(2022, 3, 25))
    assert "逾期回覆" in complaint.events.last().note


def test_not_properly_handled_is_refused_while_the_business_still_has_time(file_complaint, officer):
    complaint = file_complaint()
    with pytest.raises(ServiceError, match="尚未屆滿"):
        services.complaint_mark_not_resolved(complaint=complaint, user=officer, today=D(2022, 3, 18))
    # The day after the limit, silence counts as not properly handled.
    complaint = services.complaint_mark_not_resolved(complaint=complaint, user=officer, today=D(2022, 3, 19))
    assert complaint.stage == Stage.FIRST_UNRESOLVED


def test_no_second_complaint_without_an_unresolved_first(file_complaint, officer):
    complaint = file_complaint()
    with pytest.raises(ServiceError, match="第一次申訴（業者處理中）"):
        services.complaint_file_second(complaint=complaint, user=officer, filed_on=D(2022, 3, 20))
    assert Complaint.objects.get(pk=complaint.pk).stage == Stage.FIRST
    assert not CaseEvent.objects.filter(action=Action.SECOND_FILED).exists()


def test_no_mediation_before_a_complaint_was_not_properly_handled(file_complaint, officer):
    complaint = file_complaint()
    with pytest.raises(ServiceError):
        services.mediation_apply(complaint=complaint, user=officer, applied_on=D(2022, 3, 5))
    assert not MediationCase.objects.exists()


def test_second_complaint_gets_the_officers_limit_and_can_be_agreed(file_complaint, officer, calendar):
    complaint = file_complaint()
    services.complaint_record_business_reply(complaint=complaint, user=officer, replied_on=D(2022, 3, 10))
    services.complaint_mark_not_resolved(complaint=complaint, user=officer)
    complaint = services.complaint_file_second(
        complaint=complaint, user=officer, filed_on=D(2022, 3, 14), calendar=calendar
    )
    assert complaint.stage == Stage.SECOND
    assert complaint.second_due_on == D(2022, 4, 13) == complaint.due_on
    complaint = services.complaint_second_agreed(complaint=complaint, user=officer)
    assert (complaint.stage, complaint.result) == (Stage.CLOSED, Result.SECOND_AGREED)


def test_closing_needs_a_result_and_closed_cases_do_not_move(file_complaint, officer):
    complaint = file_complaint()
    with pytest.raises(ServiceError, match="結果"):
        services.complaint_close(complaint=complaint, user=officer, result="")
    with pytest.raises(ServiceError):
        services.complaint_close(complaint=complaint, user=officer, result=Result.MEDIATION_ESTABLISHED)
    complaint = services.complaint_close(complaint=complaint, user=officer, result=Result.WITHDRAWN)
    assert complaint.stage == Stage.CLOSED
    with pytest.raises(ServiceError, match="結案"):
        services.complaint_record_business_reply(complaint=complaint, user=officer, replied_on=D(2022, 3, 10))


def test_database_refuses_a_closed_case_without_result(file_complaint):
    from django.db import IntegrityError, transaction

    complaint = file_complaint()
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(stage=Stage.CLOSED, result="")


def test_cases_are_never_deleted(file_complaint):
    complaint = file_complaint()
    with pytest.raises(ValidationError):
        complaint.delete()
    assert Complaint.objects.filter(pk=complaint.pk).exists()


def test_full_path_to_mediation_established_after_the_objection_window(
    file_complaint, officer, mediation_meeting, calendar
):
    complaint = file_complaint()
    mediation = move_to_mediation(complaint, officer)
    assert mediation.case_number == "111消調字第0001號"
    complaint.refresh_from_db()
    assert complaint.stage == Stage.MEDIATION
    assert complaint.due_on == mediation.due_on == D(2022, 7, 11)  # 80 days [S], 9 July is a Saturday

    mediation = services.mediation_request_correction(
        mediation=mediation, user=officer, items="請補附契約影本", notified_on=D(2022, 4, 21), calendar=calendar
    )
    assert mediation.status == MediationStatus.CORRECTION
    assert mediation.correction_due_on == D(2022, 4, 28)
    mediation = services.mediation_corrected(
        mediation=mediation, user=officer, corrected_on=D(2022, 4, 26), calendar=calendar
    )
    mediation = services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    assert mediation.status == MediationStatus.SCHEDULED
    mediation = services.mediation_propose(
        mediation=mediation, user=officer, proposal="業者退還半數費用", served_on=D(2022, 5, 12), calendar=calendar
    )
    assert mediation.objection_due_on == D(2022, 5, 23)  # 22 May is a Sunday
    with pytest.raises(ServiceError, match="異議期間"):
        services.mediation_close(
            mediation=mediation, user=officer, result=MediationStatus.ESTABLISHED, today=D(2022, 5, 23)
        )
    mediation = services.mediation_close(
        mediation=mediation, user=officer, result=MediationStatus.ESTABLISHED, on=D(2022, 5, 24), today=D(2022, 5, 24)
    )
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.result, complaint.closed_on) == (
        Stage.CLOSED,
        Result.MEDIATION_ESTABLISHED,
        D(2022, 5, 24),
    )
    services.mediation_court_approved(mediation=mediation, user=officer, approved_on=D(2022, 6, 20))
    actions = list(complaint.events.values_list("action", flat=True))
    assert actions[-1] == Action.COURT_APPROVED
    assert Action.MEDIATION_PROPOSAL in actions and Action.MEDIATION_CLOSED in actions
    assert all(event.by == officer for event in complaint.events.all())


def test_objection_within_10_days_makes_the_mediation_fail(file_complaint, officer, mediation_meeting, calendar):
    mediation = move_to_mediation(file_complaint(), officer)
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    services.mediation_propose(
        mediation=mediation, user=officer, proposal="退還半數", served_on=D(2022, 5, 12), calendar=calendar
    )
    with pytest.raises(ServiceError, match="逾期限"):
        services.mediation_record_objection(mediation=mediation, user=officer, filed_on=D(2022, 5, 24))
    with pytest.raises(ServiceError, match="異議"):
        services.mediation_close(mediation=mediation, user=officer, result=MediationStatus.FAILED)
    mediation = services.mediation_record_objection(mediation=mediation, user=officer, filed_on=D(2022, 5, 20))
    assert mediation.status == MediationStatus.FAILED
    assert mediation.complaint.result == Result.MEDIATION_FAILED


def test_proposal_needs_a_majority_of_members_present(file_complaint, officer, mediation_meeting):
    mediation = move_to_mediation(file_complaint(), officer)
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    mediation_meeting.members_present.set(mediation_meeting.members_present.all()[:3])  # 3 of 7
    with pytest.raises(ServiceError, match="未過半數"):
        services.mediation_propose(mediation=mediation, user=officer, proposal="退費", served_on=D(2022, 5, 12))


def test_failed_mediation_cannot_be_applied_for_again_without_the_respondents_consent(
    file_complaint, officer, mediation_meeting
):
    complaint = file_complaint()
    mediation = move_to_mediation(complaint, officer)
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    services.mediation_close(mediation=mediation, user=officer, result=MediationStatus.FAILED, on=D(2022, 5, 10))
    # The case is closed; an officer reopening it for a new application needs the stage again.
    Complaint.objects.filter(pk=complaint.pk).update(stage=Stage.SECOND_UNRESOLVED, result="")
    complaint.refresh_from_db()
    with pytest.raises(ServiceError, match="相對人同意"):
        services.mediation_apply(complaint=complaint, user=officer, applied_on=D(2022, 5, 20))
    again = services.mediation_apply(
        complaint=complaint, user=officer, applied_on=D(2022, 5, 20), respondent_agreed_retry=True
    )
    assert again.case_number == "111消調字第0002號"


def test_no_mediation_once_the_court_heard_the_case(file_complaint, officer):
    complaint = file_complaint()
    services.complaint_record_business_reply(complaint=complaint, user=officer, replied_on=D(2022, 3, 10))
    services.complaint_mark_not_resolved(complaint=complaint, user=officer)
    with pytest.raises(ServiceError, match="言詞辯論"):
        services.mediation_apply(complaint=complaint, user=officer, applied_on=D(2022, 4, 1), court_argued=True)


def test_rejected_for_missing_correction(file_complaint, officer):
    mediation = move_to_mediation(file_complaint(), officer)
    services.mediation_request_correction(
        mediation=mediation, user=officer, items="補附契約", notified_on=D(2022, 4, 21)
    )
    with pytest.raises(ServiceError, match="補正期限"):
        services.mediation_corrected(mediation=mediation, user=officer, corrected_on=D(2022, 5, 30))
    mediation = services.mediation_close(
        mediation=mediation, user=officer, result=MediationStatus.REJECTED, on=D(2022, 5, 2)
    )
    assert mediation.complaint.result == Result.MEDIATION_REJECTED


def test_allowed_actions_follow_the_table(file_complaint, officer):
    complaint = file_complaint()
    assert set(services.allowed_complaint_actions(complaint)) == {
        Action.BUSINESS_REPLIED,
        Action.RESOLVED,
        Action.NOT_RESOLVED,
        Action.CLOSED,
        Action.REFERRED,  # referral to the competent agency does not move the stage
    }


def test_consultation_becomes_a_complaint_without_retyping(officer, file_complaint):
    consultation = services.consultation_create(
        user=officer,
        channel="1950",
        category="telecom",
        consumer_name="林美惠",
        consumer_phone="0911222333",
        business_name="遠傳電信",
        summary="門號解約違約金過高",
    )
    initial = services.complaint_initial_from_consultation(consultation)
    assert initial["complainant_name"] == "林美惠"
    assert initial["narrative"] == "門號解約違約金過高"
    complaint = file_complaint(
        consultation=consultation,
        **{
            k: v
            for k, v in initial.items()
            if k in ("category", "complainant_name", "complainant_phone", "business_name", "narrative", "channel")
        },
    )
    assert complaint.consultation == consultation
    with pytest.raises(ServiceError, match="已轉為"):
        file_complaint(consultation=consultation)
