"""Fixtures shared by every test: users per role, API clients, the browser.

In CI (CI=true) a test that skips fails instead: a missing browser, font or PostgreSQL must
never turn a check into a silent pass.
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which counts as a failure: {reason}"


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.API_THROTTLE_RATE = "100000/min"
    # Many anonymous 401s across one worker's tests must not reach the per-address budget of
    # production (tests of the throttle set their own rates).
    settings.API_ANON_THROTTLE_RATE = "100000/min"
    # The token cache is off unless a test turns it on (core/tests/test_perf_lists.py does): a
    # cached grant must not outlive the test that changed it. Each xdist worker has its own Redis
    # database (settings.py), so clearing the cache here touches no other worker's test.
    settings.API_TOKEN_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in zh-Hant: a request in another language must not leak into the next."""
    from django.utils import translation

    translation.activate("zh-hant")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from kaohsiung_admin.core import paginator

    cache.clear()
    # Which lists were found longer than a page (core.paginator) is per process: per test here.
    paginator._LONGER_THAN_A_PAGE.clear()
    yield


@pytest.fixture
def postgres(db):
    """Skip (fail in CI) unless the test database is PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test")


# --- users ------------------------------------------------------------------------------------


@pytest.fixture
def make_user(db):
    """make_user("officer", roles=["consumer_protection_officer"]) → a saved user with those roles."""
    from django.contrib.auth.models import Group

    from kaohsiung_admin.accounts.models import User

    def make(username="user", *, roles=(), password="correct-horse-battery", **fields):
        user = User.objects.create_user(
            username=username, password=password, email=f"{username}@example.test", **fields
        )
        if roles:
            user.groups.add(*Group.objects.filter(name__in=roles))
        return user

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user("staff", display_name="吳職員")


@pytest.fixture
def facility_clerk(make_user):
    return make_user("clerk", roles=["facility_clerk"], display_name="林廳舍")


@pytest.fixture
def officer(make_user):
    return make_user("officer", roles=["consumer_protection_officer"], display_name="黃消保官")


@pytest.fixture
def dormitory_clerk(make_user):
    return make_user("dormclerk", roles=["dormitory_asset_clerk"], display_name="陳宿舍")


@pytest.fixture
def document_clerk(make_user):
    return make_user("docclerk", roles=["document_clerk"], display_name="張文書")


@pytest.fixture
def international_officer(make_user):
    return make_user("intl", roles=["international_officer"], display_name="李國際")


@pytest.fixture
def manager(make_user):
    return make_user("manager", roles=["manager"], display_name="王主管")


@pytest.fixture
def administrator(make_user):
    return make_user("admin", roles=["administrator"], is_staff=True)


# --- API --------------------------------------------------------------------------------------


@pytest.fixture
def issue_token(db):
    """issue_token("fire-dept", write=["facilities.bookings"]) → (token, key)."""
    from django.contrib.auth.models import Group

    from kaohsiung_admin.accounts.models import ApiToken, Bureau, User

    def issue(code="fire-dept", *, write=(), personal_data=False, days=30):
        bureau = Bureau.objects.filter(code=code).first()
        if bureau is None:
            user = User.objects.create(username=f"api-{code}", is_api_client=True)
            user.groups.add(Group.objects.get(name="api_client"))
            bureau = Bureau.objects.create(code=code, name=code, service_user=user)
        return ApiToken.issue(bureau=bureau, write_resources=write, personal_data=personal_data, days=days)

    return issue


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token_client(issue_token):
    """token_client(write=[...]) → an APIClient sending a bureau's token."""
    from rest_framework.test import APIClient

    def make(code="fire-dept", **kwargs):
        _token, key = issue_token(code, **kwargs)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


# --- browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture
def login(live_server):
    """login(page, user) signs the user in through the real login form."""

    def sign_in(page, user, password="correct-horse-battery"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return sign_in
