"""An officer taking a phone complaint is offered the complainant's earlier case against the
same trader and rejects the new one as a duplicate, in real Chromium."""

import datetime

import pytest

from consumer_protection.choices import RejectionGround, Result, Stage
from consumer_protection.models import Complaint


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_rejects_a_complaint_as_a_duplicate(page, live_server, login, officer, file_complaint):
    earlier = file_complaint(
        complainant_national_id="A123456789", business_name="活力運動館", first_filed_on=datetime.date.today()
    )
    login(page, officer)
    page.goto(f"{live_server.url}/consumer-protection/complaints/new/")
    page.fill("input[name=first_filed_on]", datetime.date.today().isoformat())
    page.select_option("select[name=category]", "fitness")
    page.fill("input[name=complainant_name]", "陳志明")
    page.fill("input[name=complainant_national_id]", "A123456789")
    page.fill("input[name=complainant_phone]", "0912345678")
    page.fill("input[name=business_name]", "活力運動館")
    page.fill("textarea[name=narrative]", "同一份會員合約，再次申訴退費。")
    page.click("button:has-text('存檔')")

    # Before anything is saved, the earlier case is offered.
    offered = page.locator("[data-testid=duplicates]")
    offered.wait_for()
    assert earlier.case_number in offered.inner_text()
    assert Complaint.objects.count() == 1
    page.check(f"input[name=duplicate_of][value='{earlier.pk}']")
    page.select_option("select[name=duplicate_decision]", "reject")
    page.click("button:has-text('存檔')")

    page.wait_for_selector("[data-testid=rejection-ground]")
    ground = page.inner_text("[data-testid=rejection-ground]")
    assert "重複申訴" in ground and earlier.case_number in ground
    rejected = Complaint.objects.exclude(pk=earlier.pk).get()
    assert (rejected.stage, rejected.result, rejected.rejection_ground, rejected.duplicate_of_id) == (
        Stage.CLOSED,
        Result.REJECTED,
        RejectionGround.DUPLICATE,
        earlier.pk,
    )
    assert page.url.endswith(rejected.get_absolute_url())
