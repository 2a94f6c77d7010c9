"""A document clerk at work, in real Chromium."""

import datetime

import pytest

from documents import services
from documents.models import OfficialDocument


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_clerk_registers_a_received_urgent_document_and_sees_its_due_date(
    page, live_server, login, document_clerk, unit
):
    login(page, document_clerk)
    page.goto(f"{live_server.url}/documents/receive/")
    page.fill("input[name=received_on]", "2022-03-02")
    page.select_option("select[name=nature]", "urgent")
    page.fill("input[name=subject]", "請派員出席市政會議")
    page.fill("input[name=sender]", "高雄市政府秘書處")
    page.select_option("select[name=unit]", str(unit.pk))
    page.keyboard.press("Enter")  # typed from the keyboard, as a day's mail is

    # 速件 received Wed 2022-03-02: three working days, Thu 3/3, Fri 3/4, Mon 3/7.
    message = page.locator(".message-success")
    assert "111/03/07" in message.inner_text() or "111年3月7日" in message.inner_text()
    assert page.inner_text("[data-testid=recent-due]") == "111/03/07"
    # The form is ready for the next piece with the same date and nature.
    assert page.input_value("input[name=received_on]") == "2022-03-02"
    assert page.input_value("select[name=nature]") == "urgent"
    assert page.input_value("input[name=subject]") == ""
    assert OfficialDocument.objects.get().due_on == datetime.date(2022, 3, 7)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_overdue_document_shows_on_its_units_list(page, live_server, login, document_clerk, unit, other_unit):
    late = services.document_receive(
        user=document_clerk, received_on=datetime.date(2022, 3, 2), subject="逾期未辦之公文", unit=unit
    )
    services.document_receive(
        user=document_clerk, received_on=datetime.date(2022, 3, 2), subject="他單位公文", unit=other_unit
    )
    login(page, document_clerk)
    page.goto(f"{live_server.url}/documents/due/")
    page.click(f"[data-testid=unit-summary] a[href='?unit={unit.pk}&due=overdue']")
    table = page.locator("[data-testid=document-table]")
    assert late.number in table.inner_text()
    assert "逾期" in table.inner_text()
    assert "他單位公文" not in table.inner_text()
