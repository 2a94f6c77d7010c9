"""The trader registry, the repeat-offender list, the success rate and the funnel."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from consumer_protection import figures, selectors, services
from consumer_protection.choices import MediationStatus
from consumer_protection.models import Trader
from kaohsiung_admin.core.figures import all_figures, all_series

from .conftest import move_to_mediation

pytestmark = pytest.mark.django_db
D = datetime.date


def test_complaints_link_to_one_trader_by_tax_id_and_name_variants(file_complaint):
    first = file_complaint(business_name="活力運動館", business_tax_id="04595257")
    by_variant = file_complaint(business_name="活力運動館 高雄店", business_tax_id="04595257")
    by_name = file_complaint(business_name="活力運動館高雄店")
    other = file_complaint(business_name="全真健身")
    assert first.trader == by_variant.trader == by_name.trader
    assert other.trader != first.trader
    trader = first.trader
    assert trader.tax_id == "04595257"
    assert set(trader.aliases.values_list("name", flat=True)) == {"活力運動館", "活力運動館 高雄店"}


def test_trader_page_lists_complaints_outcomes_and_inspections(client, officer, file_complaint):
    from consumer_protection.models import InspectionRound, InspectionVenue

    complaint = file_complaint(business_name="活力運動館")
    services.complaint_close(complaint=complaint, user=officer, result="withdrawn")
    file_complaint(business_name="活力運動館")
    round_ = InspectionRound.objects.create(
        held_on=D(2022, 5, 1), title="健身中心定型化契約查核", agencies="運動發展局"
    )
    InspectionVenue.objects.create(
        round=round_, business_name="活力運動館", outcome="improve", findings="契約未載明退費"
    )
    client.force_login(officer)
    page = client.get(reverse("consumer_protection:trader-detail", args=[complaint.trader_id])).content.decode()
    assert complaint.case_number in page
    assert "申訴人撤回 1" in page and "進行中 1" in page
    assert "健身中心定型化契約查核" in page and "契約未載明退費" in page
    assert (
        complaint.trader.name in client.get(reverse("consumer_protection:trader-list"), {"q": "活力"}).content.decode()
    )


def test_repeat_offenders_counts_complaints_in_the_period(client, officer, file_complaint):
    for day in (D(2022, 3, 1), D(2022, 3, 2), D(2022, 3, 3)):
        file_complaint(business_name="港都建設", first_filed_on=day)
    file_complaint(business_name="港都建設", first_filed_on=D(2021, 3, 3))
    file_complaint(business_name="遠傳電信", first_filed_on=D(2022, 3, 3))
    found = selectors.repeat_offenders(user=officer, start=D(2022, 1, 1), end=D(2023, 1, 1), minimum=3)
    assert [(t.name, t.period_count) for t in found] == [("港都建設", 3)]
    client.force_login(officer)
    url = reverse("consumer_protection:repeat-offenders")
    page = client.get(url, {"start": "2022-01-01", "end": "2022-12-31", "minimum": "3"}).content.decode()
    assert "港都建設" in page and "遠傳電信" not in page
    csv = b"".join(client.get(url, {"start": "2022-01-01", "end": "2022-12-31", "export": "csv"}).streaming_content)
    assert "港都建設" in csv.decode("utf-8-sig")
    assert client.get(url, {"start": "2022-12-31", "end": "2022-01-01"}).status_code == 400


def test_success_rate_funnel_and_dashboard(client, officer, file_complaint, mediation_meeting):
    ok = move_to_mediation(file_complaint(), officer)
    failed = move_to_mediation(file_complaint(), officer)
    for mediation, status in ((ok, MediationStatus.ESTABLISHED), (failed, MediationStatus.FAILED)):
        services.mediation_schedule(mediation=mediation, user=officer, meeting=mediation_meeting)
        services.mediation_close(mediation=mediation, user=officer, result=status, on=D(2022, 5, 10))
    success = figures.mediation_success(D(2022, 1, 1), D(2023, 1, 1))
    assert (success["established"], success["failed"], success["rate"]) == (1, 1, Decimal("0.5000"))
    assert all_figures()["consumer_protection.mediation_success_rate"].compute(2022) == Decimal("0.5000")
    funnel = dict(all_series()["consumer_protection.funnel"].compute(2022))
    assert funnel == {"消費諮詢": 0, "第一次申訴": 2, "第二次申訴": 2, "申請調解": 2, "調解成立": 1}
    client.force_login(officer)
    page = client.get(
        reverse("consumer_protection:dashboard"), {"start": "2022-01-01", "end": "2022-12-31"}
    ).content.decode()
    assert "50.0%" in page and "調解成立" in page
    assert dict(figures.funnel(D(2022, 1, 1), D(2023, 1, 1), category="telecom"))["第一次申訴"] == 0


def test_trader_registry_is_for_case_readers_only(client, staff_user, file_complaint):
    file_complaint()
    client.force_login(staff_user)
    assert client.get(reverse("consumer_protection:trader-list")).status_code == 403
    assert Trader.objects.count() == 1
