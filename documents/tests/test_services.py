"""The document and petition flows through the services: numbers, due dates, moves, timeline,
merged cases, pauses, extensions and their refusals."""

import datetime

import pytest

from documents import services
from documents.choices import Action, MergeKind, Nature, PetitionAction, PetitionStatus, Status
from documents.models import DocumentEvent, OfficialDocument
from kaohsiung_admin.core.errors import ServiceError

D = datetime.date


def test_receive_numbers_the_document_and_computes_its_due_date(receive):
    first = receive(nature=Nature.URGENT)
    second = receive()
    assert (first.number, second.number) == ("1110000001", "1110000002")
    assert first.due_on == D(2022, 3, 7)  # 速件 from Wed 3/2: Thu, Fri, Mon
    assert second.due_on == D(2022, 3, 10)
    assert first.status == Status.RECEIVED
    assert list(first.events.values_list("action", flat=True)) == [Action.RECEIVE]


def test_receive_with_a_unit_assigns_at_once(receive, unit, document_clerk):
    document = receive(unit=unit, officer=document_clerk)
    assert document.status == Status.ASSIGNED
    assert document.unit == unit and document.officer == document_clerk
    assert list(document.events.values_list("action", flat=True)) == [Action.RECEIVE, Action.ASSIGN]


def test_time_limited_needs_the_senders_date_and_project_its_days(receive):
    with pytest.raises(ServiceError) as refused:
        receive(nature=Nature.TIME_LIMITED)
    assert refused.value.field == "sender_due_on"
    with pytest.raises(ServiceError) as refused:
        receive(nature=Nature.PROJECT, limit_days=10)
    assert refused.value.field == "limit_days"
    assert receive(nature=Nature.PROJECT, limit_days=45).due_on == D(2022, 4, 18)  # 3/2 + 45 = Sat 4/16 → Mon 4/18


def test_future_receipt_is_refused(receive):
    with pytest.raises(ServiceError) as refused:
        receive(received_on=datetime.date.today() + datetime.timedelta(days=2))
    assert refused.value.code == "date_in_future"


def test_the_whole_flow_with_a_timeline_event_per_move(receive, unit, document_clerk, calendar):
    document = receive(unit=unit)
    for action, extra in [
        (Action.ACCEPT, {}),
        (Action.SUBMIT, {}),
        (Action.DECIDE, {}),
        (Action.DISPATCH, {"addressee": "秘書處", "sent_via_exchange": True, "e_signed": True}),
        (Action.FILE, {}),
    ]:
        document = services.document_transition(
            user=document_clerk, document=document, action=action, on=D(2022, 3, 4), calendar=calendar, **extra
        )
    assert document.status == Status.FILED
    assert document.issued_number == "高市府行國文字第1110000001號"
    assert document.officer == document_clerk  # 承辦 takes the document when nobody was named
    assert (document.e_signed, document.sent_via_exchange, document.closed_on) == (True, True, D(2022, 3, 4))
    assert document.days_taken == 2  # Thu 3/3, Fri 3/4
    moves = list(document.events.values_list("action", "from_status", "to_status"))
    assert moves[-1] == (Action.FILE, Status.DISPATCHED, Status.FILED)
    assert len(moves) == 7


def test_a_move_not_in_the_table_is_refused_in_words(receive, document_clerk):
    document = receive()
    with pytest.raises(ServiceError) as refused:
        services.document_transition(user=document_clerk, document=document, action=Action.DISPATCH)
    assert "收文" in str(refused.value) and "發文" in str(refused.value)
    assert refused.value.code == "transition_refused"


def test_returned_documents_are_assigned_again(receive, unit, other_unit, document_clerk):
    document = receive(unit=unit)
    document = services.document_transition(
        user=document_clerk, document=document, action=Action.RETURN, on=D(2022, 3, 3)
    )
    assert document.status == Status.RETURNED
    document = services.document_transition(
        user=document_clerk, document=document, action=Action.ASSIGN, on=D(2022, 3, 3), unit=other_unit
    )
    assert (document.status, document.unit) == (Status.ASSIGNED, other_unit)


def test_keep_for_reference_closes_the_clock_same_day_half(receive, unit, document_clerk):
    document = receive(unit=unit)
    document = services.document_transition(
        user=document_clerk, document=document, action=Action.KEEP, on=D(2022, 3, 2)
    )
    assert document.status == Status.KEPT and str(document.days_taken) == "0.5"


def test_collective_merge_counts_from_the_last_piece_and_keeps_the_others(receive, unit, document_clerk, calendar):
    lead = receive(received_on=D(2022, 3, 1), unit=unit)
    piece = receive(received_on=D(2022, 3, 3), unit=unit)
    lead = services.document_merge(
        user=document_clerk, lead=lead, pieces=[piece], kind=MergeKind.COLLECTIVE, on=D(2022, 3, 3), calendar=calendar
    )
    assert (lead.count_start, lead.due_on) == (D(2022, 3, 3), D(2022, 3, 11))
    piece.refresh_from_db()
    assert piece.status == Status.KEPT and piece.merged_into == lead and piece.closed_on == D(2022, 3, 3)


def test_combined_merge_counts_from_the_first_piece(receive, unit, document_clerk, calendar):
    lead = receive(received_on=D(2022, 3, 3), unit=unit)
    piece = receive(received_on=D(2022, 3, 1), unit=unit)
    lead = services.document_merge(
        user=document_clerk, lead=lead, pieces=[piece], kind=MergeKind.COMBINED, on=D(2022, 3, 3), calendar=calendar
    )
    assert (lead.count_start, lead.due_on) == (D(2022, 3, 1), D(2022, 3, 9))


def test_a_closed_document_is_not_merged(receive, unit, document_clerk):
    lead = receive(unit=unit)
    done = receive(unit=unit)
    services.document_transition(user=document_clerk, document=done, action=Action.KEEP, on=D(2022, 3, 2))
    with pytest.raises(ServiceError):
        services.document_merge(user=document_clerk, lead=lead, pieces=[done], kind=MergeKind.COLLECTIVE)


def test_pause_and_resume_move_the_due_date(receive, document_clerk, calendar):
    document = receive()
    services.document_pause(user=document_clerk, document=document, start=D(2022, 3, 4), agency="工務局")
    document.refresh_from_db()
    assert document.is_paused
    assert not OfficialDocument.objects.filter(pk=document.pk).due_within(D(2022, 3, 30)).exists()
    document = services.document_resume(user=document_clerk, document=document, end=D(2022, 3, 8), calendar=calendar)
    assert document.due_on == D(2022, 3, 15) and not document.is_paused


def test_a_time_limited_clock_is_not_paused(receive, document_clerk):
    document = receive(nature=Nature.TIME_LIMITED, sender_due_on=D(2022, 3, 20))
    with pytest.raises(ServiceError) as refused:
        services.document_pause(user=document_clerk, document=document, start=D(2022, 3, 4), agency="工務局")
    assert refused.value.code == "not_pausable"


def test_extensions_three_requests_ten_days_each_thirty_in_all(receive, document_clerk, approver, calendar):
    document = receive()
    first = services.extension_request(user=document_clerk, document=document, days=10, reason="會辦財政局")
    services.extension_decide(user=approver, extension=first, approve=True, calendar=calendar)
    document.refresh_from_db()
    assert (document.extended_days, document.due_on) == (10, D(2022, 3, 24))
    with pytest.raises(ServiceError) as refused:
        services.extension_request(user=document_clerk, document=document, days=11, reason="x")
    assert "10" in str(refused.value)
    second = services.extension_request(user=document_clerk, document=document, days=10, reason="再會辦")
    services.extension_decide(user=approver, extension=second, approve=True, calendar=calendar)
    third = services.extension_request(user=document_clerk, document=document, days=10, reason="第三次")
    services.extension_decide(user=approver, extension=third, approve=False, reason="不予展期")
    # A rejected request extended nothing and does not count; the fourth request is refused only
    # once three are pending or approved.
    fourth = services.extension_request(user=document_clerk, document=document, days=10, reason="第三次再申請")
    with pytest.raises(ServiceError) as refused:
        services.extension_request(user=document_clerk, document=document, days=1, reason="第四次")
    assert "3" in str(refused.value)
    assert fourth.status == "pending"


def test_extension_is_decided_by_rank_not_by_the_requester(receive, document_clerk, approver):
    document = receive()
    extension = services.extension_request(user=document_clerk, document=document, days=3, reason="會辦")
    with pytest.raises(ServiceError) as refused:
        services.extension_decide(user=document_clerk, extension=extension, approve=True)
    assert refused.value.status == 403
    approver.user_permissions.add(*[])  # manager holds documents.approve_extension by role
    services.extension_decide(user=approver, extension=extension, approve=True)
    assert DocumentEvent.objects.filter(document=document, action=Action.EXTENSION_APPROVED).exists()


def test_petition_flow_assign_extend_reply_close(petition, document_clerk, calendar):
    case = petition()
    assert case.number == "111機陳字第00001號" and case.due_on == D(2022, 4, 1)
    case = services.petition_transition(
        user=document_clerk, petition=case, action=PetitionAction.ASSIGN, on=D(2022, 3, 3), agency="工務局"
    )
    with pytest.raises(ServiceError) as refused:
        services.petition_transition(
            user=document_clerk, petition=case, action=PetitionAction.EXTEND, on=D(2022, 3, 25), days=20
        )
    assert refused.value.field == "note"  # the written notice gives the reason
    case = services.petition_transition(
        user=document_clerk,
        petition=case,
        action=PetitionAction.EXTEND,
        on=D(2022, 3, 25),
        days=20,
        note="須現場會勘",
        calendar=calendar,
    )
    assert case.due_on == D(2022, 4, 21) and case.extension_notice_on == D(2022, 3, 25)
    with pytest.raises(ServiceError):
        services.petition_transition(
            user=document_clerk, petition=case, action=PetitionAction.EXTEND, days=5, note="再展"
        )
    case = services.petition_transition(
        user=document_clerk, petition=case, action=PetitionAction.REPLY, on=D(2022, 4, 8), content="已修復路燈。"
    )
    case = services.petition_transition(
        user=document_clerk, petition=case, action=PetitionAction.CLOSE, on=D(2022, 4, 8)
    )
    assert case.status == PetitionStatus.CLOSED and case.replies.count() == 1
    assert list(case.events.values_list("action", flat=True)) == ["receive", "assign", "extend", "reply", "close"]


def test_petition_not_accepted_needs_a_ground(petition, document_clerk):
    case = petition()
    with pytest.raises(ServiceError) as refused:
        services.petition_transition(user=document_clerk, petition=case, action=PetitionAction.NOT_ACCEPT)
    assert refused.value.field == "ground"
    case = services.petition_transition(
        user=document_clerk, petition=case, action=PetitionAction.NOT_ACCEPT, ground="no_specifics"
    )
    assert case.status == PetitionStatus.NOT_ACCEPTED and case.is_closed


def test_control_yuan_petitions_need_their_visit(petition):
    from documents.models import ControlYuanVisit

    with pytest.raises(ServiceError) as refused:
        petition(channel="control_yuan")
    assert refused.value.field == "visit"
    visit = ControlYuanVisit.objects.create(
        title="111年度第1次地方機關巡察", start_on=D(2022, 10, 20), end_on=D(2022, 10, 21)
    )
    assert petition(channel="control_yuan", visit=visit, received_on=D(2022, 10, 20)).visit == visit


def test_gazette_generate_adds_a_years_issue_days_once(document_clerk, calendar):
    made = services.gazette_generate(user=document_clerk, year=2022, calendar=calendar)
    assert len(made) == 104 and made[0].number == 1 and not made[0].published
    assert services.gazette_generate(user=document_clerk, year=2022, calendar=calendar) == []


def test_documents_are_never_deleted(receive):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        receive().delete()
