import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_and_sees_the_chinese_home_page(page, live_server, make_user, login):
    make_user("manager", roles=["manager"], display_name="王主管")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="登入").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("user-name").inner_text() == "王主管"
    assert "您好" in page.locator("h1").inner_text()
    assert "主管" in page.locator(".user-roles").inner_text()
    # Static assets are served by the app itself.
    assert page.evaluate("typeof htmx") == "object"


def test_wrong_password_shows_a_form_error(page, live_server, make_user):
    make_user("staff")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", "not-the-password")
    page.get_by_role("button", name="登入").click()
    assert page.locator(".form-errors").is_visible()
