"""An officer records a visit from a sister city and sees it on the city's timeline, in real
Chromium."""

import datetime

import pytest

from international.choices import Region
from international.models import City, Country, VisitCase


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_records_a_visit_and_sees_it_on_the_citys_timeline(page, live_server, login, international_officer):
    korea = Country.objects.create(code="KR", name_zh="韓國", name_en="Republic of Korea", region=Region.ASIA_PACIFIC)
    busan = City.objects.create(code="busan", name_zh="釜山市", name_local="Busan", country=korea)
    login(page, international_officer)

    page.goto(f"{live_server.url}/international/cities/{busan.pk}/")
    page.click("text=登錄訪賓接待")
    # the form comes with the city and its country chosen
    assert page.input_value("select[name=city]") == str(busan.pk)
    page.fill("input[name=arrived_on]", "2022-04-12")
    page.fill("input[name=left_on]", "2022-04-10")  # before the arrival: refused, input kept
    page.fill("input[name=delegation]", "釜山市議會友好訪問團")
    page.fill("input[name=persons]", "8")
    page.select_option("select[name=host_level]", "mayor")
    page.fill("input[name=hosts]", "陳其邁市長")
    page.fill("input[name=contact_name]", "金敏俊")
    page.fill("input[name=contact_phone]", "0912345678")
    page.click("button:has-text('存檔')")
    assert "離開日期不可早於來訪日期" in page.inner_text("main")
    assert page.input_value("input[name=delegation]") == "釜山市議會友好訪問團"
    page.fill("input[name=left_on]", "2022-04-13")
    page.click("button:has-text('存檔')")

    visit = VisitCase.objects.get()
    page.wait_for_url(f"**{visit.get_absolute_url()}")
    assert "111國訪字第001號" in page.inner_text("h1")
    assert "0912345678" not in page.inner_text("[data-testid=contact]")

    page.click("a:has-text('釜山市')")
    timeline = page.inner_text("[data-testid=timeline]")
    assert "釜山市議會友好訪問團" in timeline and "民國111年4月12日" in timeline
    assert visit.arrived_on == datetime.date(2022, 4, 12)
