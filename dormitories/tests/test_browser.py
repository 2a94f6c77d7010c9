"""In real Chromium: a clerk records a finding at the door on a phone, and a clerk stocktakes a
location by typing asset numbers."""

import datetime
import re

import pytest

from dormitories import services
from dormitories.choices import Finding, StockResult
from dormitories.models import CheckItem, StocktakingEntry
from dormitories.tests.conftest import make_dormitory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_clerk_records_an_occupancy_finding_on_a_phone(browser, live_server, login, dormitory_clerk, occupy):
    first, second = make_dormitory(name="苓雅多房間職務宿舍01"), make_dormitory(name="苓雅多房間職務宿舍02")
    occupy(first, start_on=datetime.date(2021, 1, 1), occupant_name="陳大文")
    occupy(second, start_on=datetime.date(2021, 1, 1), occupant_name="林小華")
    today = datetime.date.today()
    check_round = services.check_round_open(year=today.year, month=today.month, opened_on=today, by=dormitory_clerk)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    login(page, dormitory_clerk)
    page.goto(f"{live_server.url}{check_round.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("苓雅多房間職務宿舍01")).click()
    page.get_by_text("陳大文").wait_for()
    page.get_by_label("違規使用").check()
    page.get_by_label("說明").fill("陽台加蓋鐵皮，已拍照")
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="存檔並到下一戶").click()
    page.wait_for_url(re.compile(r"/checks/items/\d+/"))
    page.get_by_text("林小華").wait_for()  # on to the next unit
    page.get_by_role("button", name="存檔並到下一戶").click()  # 居住屬實 is preselected
    page.wait_for_url(re.compile(rf"/checks/{check_round.pk}/$"))

    findings = dict(CheckItem.objects.filter(round=check_round).values_list("dormitory_id", "finding"))
    assert findings == {first.pk: Finding.MISUSE, second.pk: Finding.RESIDING}
    assert "陽台加蓋鐵皮" in page.get_by_role("table").inner_text()  # the list of findings needing action
    phone.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_clerk_stocktakes_by_typing_numbers(
    browser, live_server, login, dormitory_clerk, add_asset, location, other_location
):
    here = [add_asset(name=f"個人電腦{n}") for n in range(3)]
    stray = add_asset(at=other_location, name="印表機")
    stock_round = services.stocktaking_open(
        location=location, year=2022, opened_on=datetime.date.today(), by=dormitory_clerk
    )

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    login(page, dormitory_clerk)
    page.goto(f"{live_server.url}{stock_round.get_absolute_url()}")
    number = page.get_by_label("財產編號")
    for asset in (here[0], here[1], stray):
        number.fill(asset.number)
        number.press("Enter")
        page.get_by_role("status").filter(has_text=asset.number).wait_for()
    number.fill("1234567-7654321")
    number.press("Enter")
    page.get_by_text("查無財產編號").wait_for()
    counts = page.get_by_test_id("stock-counts")
    assert "相符 2" in counts.inner_text() and "位置不符 1" in counts.inner_text()

    page.get_by_role("button", name="結束並產生差異表").click()
    page.get_by_role("heading", name=re.compile("盤點差異表")).wait_for()
    report = page.get_by_role("table").inner_text()
    assert here[2].number in report and stray.number in report and here[0].number not in report
    results = dict(StocktakingEntry.objects.filter(round=stock_round).values_list("asset_id", "result"))
    assert results[here[2].pk] == StockResult.MISSING and results[stray.pk] == StockResult.MISPLACED
    context.close()
