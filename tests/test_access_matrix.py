"""Access matrix: every URL of the site × anonymous and a read-only bureau token, with the expected
status written down as rules plus a list of the deliberate exceptions (issue 16 "done looks like").

Rules:
- anonymous, a page: 302 to the sign-in page (admin pages: to the admin's sign-in); an action
  that only takes POST answers GET with 405 and POST with 302 to the sign-in page;
- anonymous, the API: 401 for every method;
- a read-only token, the API: GET of a collection 200, of an object that does not exist 404
  (403 where a read grant is required, READ_GRANT_REQUIRED), every write (POST/PUT/PATCH/DELETE)
  403 before any validation;
- a read-only token on a page (no session): like anonymous, the token is not a page credential.
URL parameters are filled with an id that does not exist, so a 200 would mean a guard is missing.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

MISSING_ID = "987654321"

# path -> status for anonymous GET (public on purpose)
PUBLIC = {
    "/accounts/login/": 200,
    "/admin/login/": 200,
    "/admin/logout/": 302,
    "/accounts/logout/": 405,  # POST only
    "/healthz": 200,
    "/api/schema/": 200,  # open in the embedded default; production needs a user or token (test_sec_hardening)
    "/api/docs/": 200,
    "/i18n/setlang/": 302,  # the language switch, back to where it came from
}
# A read-only token with no grant for these resources (16.1: consumer-protection cases of another
# bureau need a read grant) gets 403 on GET too; an operation that needs query parameters gets 400.
READ_GRANT_REQUIRED = ("/api/v1/consumer-protection/",)
NEEDS_QUERY = {"/api/v1/facilities/resources/free/": 400}

# iCal feeds answer to a signed feed key, not a session: without one, 403 (or 404: no such resource)
FEEDS = re.compile(r"^/facilities/resources/[^/]+/calendar\.ics$")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def _concrete(route: str) -> str | None:
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"<(int:)?[a-z_]*pk>|<int:[a-z_]+>", MISSING_ID, route)
    route = re.sub(r"<(str|slug):[a-z_]+>|<[a-z_]+>", "nothing-here", route)
    route = re.sub(r"\(\?P<[a-z_]+>[^)]*\)", MISSING_ID, route)
    if any(char in route for char in "()[]?*+\\<>"):  # regex routes (admin internals, formats)
        return None
    return "/" + route


def site_urls():
    urls = set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        url = _concrete(route)
        if url and not url.startswith(("/static/", "/media/")):
            urls.add(url)
    return sorted(urls)


@pytest.fixture
def readonly(token_client):
    return token_client("readonly-bureau")


@pytest.mark.django_db
def test_anonymous_reaches_nothing_but_the_public_pages(client, api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "1000000/min"
    wrong = []
    for url in site_urls():
        if url.startswith("/api/v1/"):
            status = api_client.get(url).status_code
            if status != 401:
                wrong.append((url, status, 401))
            continue
        response = client.get(url)
        if url in PUBLIC:
            expected_ok = response.status_code == PUBLIC[url]
            expected = PUBLIC[url]
        elif FEEDS.match(url):
            expected_ok, expected = response.status_code in (403, 404), (403, 404)
        elif response.status_code == 405:  # an action that only takes POST: POST it
            response = client.post(url)
            expected = "POST: 302 to /accounts/login/"
            expected_ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif url.startswith("/admin/"):
            expected = "302 to the admin sign-in"
            expected_ok = response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            expected = "302 to /accounts/login/"
            expected_ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
        if not expected_ok:
            wrong.append((url, response.status_code, expected))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.django_db
def test_read_only_token_reads_and_never_writes(readonly, settings):
    settings.API_THROTTLE_RATE = "1000000/min"
    wrong = []
    api_urls = [url for url in site_urls() if url.startswith("/api/v1/")]
    assert len(api_urls) >= 30
    for url in api_urls:
        status = readonly.get(url).status_code
        expected = (404, 405) if MISSING_ID in url else (200, 405)
        if url.startswith(READ_GRANT_REQUIRED) and url not in READ_GRANT_REQUIRED:  # the API root lists
            # 403 without the grant; a write-only action (the mediation transitions, their own write
            # resource) answers GET with 405 and reads nothing either way
            expected = (403, 405) if url.endswith("/transition/") else (403,)
        elif url in NEEDS_QUERY:
            expected = (NEEDS_QUERY[url],)
        if status not in expected:
            wrong.append(("GET", url, status, expected))
        for method in ("post", "put", "patch", "delete"):
            status = getattr(readonly, method)(url, {}, format="json").status_code
            if status not in (403, 405):
                wrong.append((method.upper(), url, status, (403, 405)))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.django_db
def test_a_token_is_no_page_credential(readonly, client):
    key = readonly._credentials["HTTP_AUTHORIZATION"]
    for url in ("/", "/facilities/", "/consumer-protection/", "/dormitories/", "/documents/", "/international/"):
        response = client.get(url, HTTP_AUTHORIZATION=key)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
