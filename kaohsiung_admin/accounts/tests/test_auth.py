import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "登入" in response.content.decode()
    assert 'lang="zh-Hant-TW"' in response.content.decode()


def test_pages_need_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_then_home_shows_user_and_roles(client, manager):
    response = client.post(reverse("accounts:login"), {"username": "manager", "password": "correct-horse-battery"})
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "王主管" in home and "主管" in home


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError) as excinfo:
        validate_password("Kx9!short")
    assert any("12" in message for message in excinfo.value.messages)
    validate_password("correct-horse-battery")


def test_repeated_failures_lock_the_account(client, staff_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "staff", "password": "wrong-password-123"})
    # Even the right password is refused now.
    response = client.post(reverse("accounts:login"), {"username": "staff", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "鎖定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sessions_expire_when_idle(settings, client, staff_user):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    client.force_login(staff_user)
    client.get("/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 3600


def test_english_is_available(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Log out" in page


def test_browser_language_does_not_override_the_chinese_default(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-Hant-TW"' in page and "登入" in page
