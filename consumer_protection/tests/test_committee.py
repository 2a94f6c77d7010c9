"""A lawful mediation committee (CPA Art. 45) and recusal (Art. 45-1)."""

import datetime

import pytest
from django.urls import reverse

from consumer_protection import services
from consumer_protection.choices import CommitteeKind, Gender, MemberType, Seat
from consumer_protection.models import Committee, CommitteeMember, InterestDeclaration
from kaohsiung_admin.core.errors import ServiceError

from .conftest import move_to_mediation

pytestmark = pytest.mark.django_db
START, END = datetime.date(2023, 3, 1), datetime.date(2025, 2, 28)
ON = datetime.date(2023, 6, 1)


def lawful(n=7):
    """A lawful roster of n members: an officer in the chair, both genders ≥ 1/3, 2+2 seats."""
    seats = [Seat.CONSUMER_GROUP, Seat.TRADE, Seat.CONSUMER_GROUP, Seat.TRADE] + [Seat.EXPERT] * (n - 5)
    members = [
        CommitteeMember(
            name="主席",
            member_type=MemberType.OFFICER,
            is_chair=True,
            gender=Gender.MALE,
            term_start=START,
            term_end=END,
        )
    ]
    for i, seat in enumerate(seats):
        members.append(
            CommitteeMember(
                name=f"委員{i}",
                member_type=MemberType.EXTERNAL,
                seat=seat,
                gender=Gender.FEMALE if i % 2 == 0 else Gender.MALE,
                term_start=START,
                term_end=END,
            )
        )
    return members


@pytest.fixture
def committee(db):
    return Committee.objects.create(kind=CommitteeKind.MEDIATION, name="調解委員會")


def test_a_lawful_roster_is_saved(committee, officer):
    saved = services.committee_roster_save(committee=committee, user=officer, members=lawful(), on=ON)
    assert committee.members.count() == 7 == len(saved)


def _refusal(committee, members):
    with pytest.raises(ServiceError) as refused:
        services.check_roster(committee, members, on=ON)
    assert refused.value.code == "roster_invalid" and refused.value.status == 400
    return " ".join(refused.value.messages)


def test_each_rule_is_refused_with_its_message(committee):
    assert "7至21名" in _refusal(committee, lawful()[:6])
    assert "7至21名" in _refusal(committee, lawful(22))

    no_officer_chair = lawful()
    no_officer_chair[0].member_type = MemberType.EXTERNAL
    assert "不是消費者保護官" in _refusal(committee, no_officer_chair)

    two_chairs = lawful()
    two_chairs[1].is_chair = True
    assert "須有且僅有一位主席" in _refusal(committee, two_chairs)

    men = lawful()
    for member in men:
        member.gender = Gender.MALE
    men[1].gender = Gender.FEMALE
    assert "女性委員 1 人，未達委員總數 7 人之三分之一" in _refusal(committee, men)

    unbalanced = lawful()
    unbalanced[1].seat = Seat.TRADE  # trade 3, consumer groups 1
    assert "消費者保護團體代表 1 人、企業經營者團體代表 3 人" in _refusal(committee, unbalanced)

    long_term = lawful()
    long_term[3].term_end = datetime.date(2025, 3, 1)
    assert "超過2年" in _refusal(committee, long_term)


def test_renewing_a_term_is_checked_against_the_roster(committee, officer):
    services.committee_roster_save(committee=committee, user=officer, members=lawful(), on=ON)
    member = committee.members.get(name="委員1")
    member.term_end = datetime.date(2026, 1, 1)
    with pytest.raises(ServiceError, match="超過2年"):
        services.committee_member_save(member=member, user=officer)
    member.term_start, member.term_end = datetime.date(2025, 3, 1), datetime.date(2027, 2, 28)
    # Renewed alone on 2025-03-01 the roster on that day has one member: refused by Art. 45.
    with pytest.raises(ServiceError, match="7至21名"):
        services.committee_member_save(member=member, user=officer)


def test_the_roster_page_refuses_with_the_rule_and_shows_the_check(client, officer, committee):
    services.committee_roster_save(committee=committee, user=officer, members=lawful(), on=ON)
    client.force_login(officer)
    url = reverse("consumer_protection:committee-detail", args=[committee.pk])
    page = client.get(url, {"on": ON.isoformat()}).content.decode()
    assert "符合委員人數、主席、性別比例及代表席次之規定" in page
    response = client.post(
        url,
        {
            "name": "新委員",
            "member_type": MemberType.EXTERNAL,
            "seat": Seat.TRADE,
            "gender": Gender.MALE,
            "term_start": START.isoformat(),
            "term_end": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert "超過2年" in response.content.decode()
    assert not committee.members.filter(name="新委員").exists()
    # within two years it is appointed (8 members, 3 women: still a third; trade 3, groups 2)
    response = client.post(
        url,
        {
            "name": "新委員",
            "member_type": MemberType.EXTERNAL,
            "seat": Seat.TRADE,
            "gender": Gender.MALE,
            "term_start": START.isoformat(),
            "term_end": END.isoformat(),
        },
    )
    assert response.status_code == 302
    assert committee.members.filter(name="新委員").exists()


def test_a_member_who_declares_an_interest_leaves_the_panel_and_the_majority(
    officer, file_complaint, mediation_meeting
):
    # 7 members in term, 5 present: a majority; one present member declares an interest.
    mediation = move_to_mediation(file_complaint(), officer)
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    present = list(mediation_meeting.members_present.order_by("id"))
    services.mediation_declare_interest(mediation=mediation, user=officer, member=present[1], reason="相對人之親屬")
    assert present[1] not in list(services.mediation_panel(mediation))
    assert services.mediation_panel(mediation).count() == 4
    # 4 of the 6 not recused: still a majority, the proposal goes out
    services.mediation_propose(
        mediation=mediation, user=officer, proposal="退還6成", served_on=datetime.date(2022, 5, 10)
    )
    declaration = InterestDeclaration.objects.get()
    with pytest.raises(Exception, match="不可刪除"):
        declaration.delete()
    assert mediation.events.filter(action="recusal").exists()


def test_recusals_can_break_the_majority(officer, file_complaint, mediation_meeting):
    mediation = move_to_mediation(file_complaint(), officer)
    services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
    present = list(mediation_meeting.members_present.order_by("id"))
    for member in present[:2]:
        services.mediation_declare_interest(mediation=mediation, user=officer, member=member, reason="利害關係")
    # 3 of 5 not recused present out of ... 5 in term: 3 > 2.5 still a majority; recuse one more
    services.mediation_declare_interest(mediation=mediation, user=officer, member=present[2], reason="利害關係")
    with pytest.raises(ServiceError, match=r"未過半數.*已排除聲明迴避之委員 3 人"):
        services.mediation_propose(
            mediation=mediation, user=officer, proposal="退還6成", served_on=datetime.date(2022, 5, 10)
        )
