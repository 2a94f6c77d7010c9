"""An officer logs a phone complaint and takes it to mediation, in real Chromium."""

import datetime

import pytest

from consumer_protection.choices import MediationStatus, Stage
from consumer_protection.models import Complaint


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_logs_a_phone_complaint_and_moves_it_to_mediation(page, live_server, login, officer):
    today = datetime.date.today().isoformat()
    login(page, officer)
    page.goto(f"{live_server.url}/consumer-protection/complaints/new/")

    page.select_option("select[name=channel]", "1950")
    page.fill("input[name=first_filed_on]", today)
    page.select_option("select[name=category]", "fitness")
    page.fill("input[name=complainant_name]", "陳志明")
    page.fill("input[name=complainant_national_id]", "A123456788")  # wrong check digit
    page.fill("input[name=complainant_phone]", "0912345678")
    page.fill("input[name=complainant_address]", "高雄市苓雅區四維三路2號")
    page.fill("input[name=business_name]", "活力運動館")
    page.fill("input[name=amount]", "36000")
    page.fill("textarea[name=narrative]", "會員合約解約，業者拒絕退還餘額。")
    page.click("button:has-text('存檔')")

    # The error sits under the national ID field, and what was typed is kept.
    error = page.locator("#id_complainant_national_id_error")
    assert "檢查碼" in error.inner_text()
    assert page.input_value("input[name=complainant_name]") == "陳志明"
    page.fill("input[name=complainant_national_id]", "A123456789")
    page.click("button:has-text('存檔')")

    page.wait_for_selector("[data-testid=stage]")
    assert "第一次申訴" in page.inner_text("[data-testid=stage]")
    assert "A12****789" in page.inner_text("[data-testid=national-id]")
    complaint = Complaint.objects.get()
    assert page.url.endswith(complaint.get_absolute_url())

    def act(action, fill=None):
        page.click(f"details[data-action={action}] summary")
        for name, value in (fill or {}).items():
            page.fill(f"[name='{action}-{name}']", value)
        page.click(f"details[data-action={action}] button[type=submit]")
        page.wait_for_load_state()

    act("business_replied", {"replied_on": today, "reply": "業者僅同意退還三成"})
    act("not_resolved")
    act("second_filed", {"filed_on": today})
    assert "第二次申訴" in page.inner_text("[data-testid=stage]")
    act("second_failed")
    act("mediation_applied", {"applied_on": today})

    page.wait_for_selector("[data-testid=mediation-status]")
    assert str(MediationStatus.APPLIED.label) in page.inner_text("[data-testid=mediation-status]")
    complaint.refresh_from_db()
    assert complaint.stage == Stage.MEDIATION
    assert complaint.mediations.get().case_number in page.inner_text("h1")
    assert complaint.events.count() == 6  # filed, reply, not resolved, second, failed, mediation
