"""Minutes and attendees of second-complaint meetings (第二次申訴協調會, CPA Art. 43 III)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consumer_protection import services
from consumer_protection.choices import Action, AttendeeSide, SecondMeetingOutcome
from consumer_protection.models import SecondMeeting
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.errors import ServiceError

D = datetime.date
BASE = "/api/v1/consumer-protection"
ATTENDEES = [
    {"side": AttendeeSide.CONSUMER, "name": "陳志明", "capacity": "申訴人", "attended": True},
    {"side": AttendeeSide.BUSINESS, "name": "林經理", "capacity": "店長", "attended": False},
    {"side": AttendeeSide.OFFICER, "name": "黃消保官", "attended": True},
]


def _at(day, hour=14):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def second(file_complaint, officer):
    complaint = file_complaint()
    services.complaint_record_business_reply(complaint=complaint, user=officer, replied_on=D(2022, 3, 10))
    services.complaint_mark_not_resolved(complaint=complaint, user=officer)
    services.complaint_file_second(
        complaint=complaint, user=officer, filed_on=D(2022, 3, 20), calendar=WorkdayCalendar({})
    )
    return complaint


def _record(complaint, officer, **kw):
    data = {
        "held_at": _at(D(2022, 3, 28)),
        "place": "本府消保官室",
        "chair": "黃消保官",
        "minutes": "業者同意退還半數會費，申訴人表示考慮。",
        "outcome": SecondMeetingOutcome.CONTINUED,
        "attendees": ATTENDEES,
    }
    data.update(kw)
    return services.complaint_record_second_minutes(complaint=complaint, user=officer, **data)


def test_minutes_are_recorded_with_attendees_on_the_timeline_and_in_history(second, officer):
    meeting = _record(second, officer)
    assert [(a.side, a.attended) for a in meeting.attendees.order_by("id")] == [
        ("consumer", True),
        ("business", False),
        ("officer", True),
    ]
    event = second.events.get(action=Action.SECOND_MINUTES)
    assert "出席 2 人、缺席 1 人" in event.note and event.on == D(2022, 3, 28)
    second.refresh_from_db()
    assert second.second_meeting_on == D(2022, 3, 28)
    assert meeting.history.count() == 1
    with pytest.raises(Exception, match="不可刪除"):
        meeting.delete()


def test_only_while_the_second_complaint_is_handled(file_complaint, officer):
    with pytest.raises(ServiceError, match="第二次申訴處理中"):
        _record(file_complaint(), officer)


def test_bad_input_is_refused(second, officer):
    with pytest.raises(ServiceError, match="第二次申訴日期"):
        _record(second, officer, held_at=_at(D(2022, 3, 19)))
    with pytest.raises(ServiceError, match="至少登錄一位"):
        _record(second, officer, attendees=[{"side": "consumer", "name": " "}])
    assert not SecondMeeting.objects.exists()


def test_page_entry_and_masking_for_managers(client, second, officer, manager):
    client.force_login(officer)
    url = reverse("consumer_protection:complaint-second-minutes", args=[second.pk])
    assert client.get(url).status_code == 200
    form = {
        "held_at": "2022-03-28T14:00",
        "place": "本府消保官室",
        "chair": "黃消保官",
        "minutes": "業者同意退費一半。",
        "outcome": "continued",
        "attendees-TOTAL_FORMS": "2",
        "attendees-INITIAL_FORMS": "0",
        "attendees-0-side": "consumer",
        "attendees-0-name": "陳志明",
        "attendees-0-attended": "on",
        "attendees-1-side": "",
        "attendees-1-name": "林經理",
    }
    response = client.post(url, form)
    assert response.status_code == 400  # a name without its side
    assert "請選擇出席身分" in response.content.decode()
    form["attendees-1-side"] = "business"
    assert client.post(url, form).status_code == 302
    page = client.get(second.get_absolute_url()).content.decode()
    assert "陳志明" in page and "業者同意退費一半" in page
    client.force_login(manager)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "陳○明" in page  # the consumer: a private person, masked
    assert "林經理" in page  # the business's representative is not
    assert "業者同意退費一半" not in page
    assert client.post(url, form).status_code == 403


def test_api_detail_only_with_the_confidential_grant(token_client, second, officer):
    _record(second, officer)
    statistics = token_client("fire-dept").get(f"{BASE}/complaints/{second.pk}/")
    assert statistics.status_code == 200
    assert "second_meetings" not in statistics.json()
    confidential = token_client("legal-dept", confidential=True).get(f"{BASE}/complaints/{second.pk}/").json()
    (meeting,) = confidential["second_meetings"]
    names = {a["side"]: a["name"] for a in meeting["attendees"]}
    assert names["consumer"] == "陳○明" and names["business"] == "林經理"
    assert meeting["minutes"].startswith("業者同意")
    full = token_client("police", personal_data=True).get(f"{BASE}/complaints/{second.pk}/").json()
    assert {a["name"] for a in full["second_meetings"][0]["attendees"]} >= {"陳志明"}
