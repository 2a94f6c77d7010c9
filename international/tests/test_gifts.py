"""The gifts register and the ethics rule (公務員廉政倫理規範)."""

import datetime

import pytest

from international import rules, services
from international.choices import GiftDirection, GiftDisposition, GiftReportStatus
from international.models import Gift
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.testing import working_day_calendar

D = datetime.date
CAL = working_day_calendar()


def assess(value, **kw):
    data = {"received_on": D(2022, 3, 1), "value": value, "interested_party": False, "official_etiquette": False}
    data.update(kw)
    return rules.assess_gift(calendar=CAL, **data)


@pytest.mark.parametrize(
    ("value", "kw", "must"),
    [
        (500, {"interested_party": True}, False),  # 第4點第3款: ≤ 500
        (501, {"interested_party": True}, True),
        (1000, {"interested_party": True, "staff_count": 10}, False),  # ≤ 1,000 in total to many staff
        (1001, {"interested_party": True, "staff_count": 10}, True),
        (20000, {"interested_party": True, "official_etiquette": True}, False),  # 公務禮儀
        (3000, {}, False),  # normal etiquette
        (3001, {}, True),
        (2000, {"earlier_this_year_from_source": 8000}, False),  # exactly 10,000 in the year
        (2000, {"earlier_this_year_from_source": 8001}, True),
    ],
)
def test_the_rule(value, kw, must):
    verdict = assess(value, **kw)
    assert verdict.must_report is must
    assert (verdict.due_on is not None) is must
    assert rules.SOURCE in verdict.reason


def test_the_limits_are_settings(settings):
    settings.INTERNATIONAL_GIFT_ETIQUETTE_NTD = 5000
    assert assess(4000).must_report is False


def test_three_day_clock_on_the_office_calendar():
    # received Wednesday 2022-03-02 → due Saturday 03-05, moved to Monday 03-07 (民法第122條)
    assert assess(5000, received_on=D(2022, 3, 2)).due_on == D(2022, 3, 7)
    assert assess(5000, received_on=D(2022, 3, 1)).due_on == D(2022, 3, 4)


def record(**fields):
    data = {
        "direction": GiftDirection.RECEIVED,
        "date": D(2022, 3, 1),
        "description": "紀念品",
        "estimated_value": 5000,
        "counterpart": "某市政府",
        "calendar": CAL,
    }
    data.update(fields)
    return services.gift_record(user=None, **data)


def test_a_gift_over_the_limit_starts_the_clock_and_shows_due_soon_then_overdue(db):
    gift = record()
    assert gift.report_status == GiftReportStatus.TO_REPORT
    assert gift.report_due_on == D(2022, 3, 4)
    assert list(Gift.objects.due_soon(on=D(2022, 3, 2))) == [gift]
    assert list(Gift.objects.overdue(on=D(2022, 3, 5))) == [gift]
    assert not Gift.objects.overdue(on=D(2022, 3, 4)).exists()


def test_the_yearly_total_from_one_source(db):
    for day in (1, 2, 3):
        gift = record(estimated_value=3000, date=D(2022, 4, day))
        assert gift.report_status == GiftReportStatus.NOT_REQUIRED
    fourth = record(estimated_value=1500, date=D(2022, 4, 4))
    assert fourth.report_status == GiftReportStatus.TO_REPORT
    assert "10,000" in fourth.rule
    # another source, or the next year, starts afresh
    assert record(estimated_value=1500, counterpart="他市").report_status == GiftReportStatus.NOT_REQUIRED
    assert record(estimated_value=1500, date=D(2023, 1, 5)).report_status == GiftReportStatus.NOT_REQUIRED


def test_given_gifts_need_no_report(db):
    assert record(direction=GiftDirection.GIVEN, estimated_value=50000).report_status == GiftReportStatus.NOT_REQUIRED


def test_report_then_the_ethics_units_decision(db, international_officer):
    gift = record()
    with pytest.raises(ServiceError):
        services.gift_decide(user=international_officer, gift=gift, disposition=GiftDisposition.DONATE)
    gift = services.gift_report(user=international_officer, gift=gift, reported_on=D(2022, 3, 3))
    assert gift.report_status == GiftReportStatus.REPORTED
    assert not Gift.objects.overdue(on=D(2022, 3, 10)).exists()  # reported: the clock stopped
    assert list(Gift.objects.pending_decision()) == [gift]
    gift = services.gift_decide(
        user=international_officer, gift=gift, disposition=GiftDisposition.HAND_TO_AGENCY, reason="歸公典藏"
    )
    gift.refresh_from_db()
    assert (gift.report_status, gift.disposition, gift.decided_by) == (
        GiftReportStatus.DECIDED,
        GiftDisposition.HAND_TO_AGENCY,
        international_officer,
    )
    with pytest.raises(ServiceError) as again:
        services.gift_decide(user=international_officer, gift=gift, disposition=GiftDisposition.RETURN)
    assert again.value.code == "not_reported"


def test_a_gift_needs_a_counterpart(db):
    with pytest.raises(ServiceError):
        record(counterpart="")
