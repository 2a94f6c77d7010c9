"""Access matrix: every URL of the site × anonymous, a read-only bureau token and every role, with
the expected status written down (issue 16 "done looks like"): for anonymous and the token as
rules plus a list of the deliberate exceptions, for the roles as the table MATRIX at the end.

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


# --- every URL × every role ---------------------------------------------------------------------
#
# MATRIX below says what each identity gets for a GET of every URL of the site (ids filled with
# one that does not exist: 404 means "may, but there is no such record", 403 "may not"). It is
# derived from the URLconf: a URL missing from it, or listed but gone, fails the test, so a new
# page gets its row. Columns, in order: anonymous, then each role of accounts.roles (api_client
# is a token's account, covered above). Cells: the status, or "login" for the redirect to the
# sign-in page. `ACCESS_MATRIX_PRINT=1` prints the table as the site answers today (to review a
# change, never to paste without reading).

ROLE_COLUMNS = (
    "staff",
    "facility_clerk",
    "dormitory_asset_clerk",
    "consumer_protection_officer",
    "document_clerk",
    "international_officer",
    "manager",
    "administrator",
)
COLUMNS = ("anonymous", *ROLE_COLUMNS)


def _route_key(url: str) -> str:
    return url.replace(MISSING_ID, "{id}")


def _cell(response) -> str:
    if response.status_code == 302 and "/login/" in response.get("Location", ""):
        return "login"
    return str(response.status_code)


def _matrix_table() -> dict[str, tuple[str, ...]]:
    rows = {}
    for line in MATRIX.strip().splitlines():
        url, *cells = line.split()
        rows[url] = tuple(cells)
    return rows


def _identity_client(name, make_user):
    from django.test import Client

    client = Client()
    if name != "anonymous":
        client.force_login(make_user(f"matrix-{name}", roles=[name], is_staff=name == "administrator"))
    return client


def test_the_matrix_lists_every_url_and_every_role():
    from kaohsiung_admin.accounts.roles import API_CLIENT, ROLES

    assert set(ROLE_COLUMNS) == set(ROLES) - {API_CLIENT}, "a role was added or removed: give it a column"
    table = _matrix_table()
    urls = {_route_key(url) for url in site_urls()}
    assert sorted(urls - set(table)) == [], "URLs without a row in MATRIX (add them, with each role's status)"
    assert sorted(set(table) - urls) == [], "MATRIX rows for URLs that are gone"
    assert {len(cells) for cells in table.values()} == {len(COLUMNS)}


@pytest.mark.parametrize("identity", COLUMNS)
@pytest.mark.django_db
def test_every_url_answers_each_role_as_written_down(identity, make_user, settings):
    import os

    settings.API_THROTTLE_RATE = settings.API_ANON_THROTTLE_RATE = "1000000/min"
    column = COLUMNS.index(identity)
    table = _matrix_table()
    client = _identity_client(identity, make_user)
    wrong, seen = [], {}
    for url in site_urls():
        if url in ("/accounts/logout/", "/admin/logout/"):
            continue  # would end the session under test ("-"; anonymous: PUBLIC, checked above)
        cell = _cell(client.get(url))
        seen[_route_key(url)] = cell
        expected = table.get(_route_key(url), ("?",) * len(COLUMNS))[column]
        if cell != expected:
            wrong.append((url, cell, expected))
    if os.environ.get("ACCESS_MATRIX_PRINT"):
        print(f"\n{identity}:", *(f"{url} {cell}" for url, cell in sorted(seen.items())), sep="\n")
    assert wrong == [], f"{identity}: (url, got, written down)\n" + "\n".join(map(str, wrong))


@pytest.mark.parametrize("identity", ["anonymous", "staff", "document_clerk"])
@pytest.mark.django_db(transaction=False)
def test_writes_without_csrf_or_permission_change_nothing(identity, make_user, settings):
    """POST to every page URL: without a CSRF token always 403; with one, a role that may not see
    the page may not write to it either; and not one row of the database changes."""
    from django.apps import apps
    from django.test import Client

    settings.API_THROTTLE_RATE = settings.API_ANON_THROTTLE_RATE = "1000000/min"
    column = COLUMNS.index(identity)
    table = _matrix_table()
    checked = Client(enforce_csrf_checks=True)
    lax = Client()
    if identity != "anonymous":
        user = make_user(f"probe-{identity}", roles=[identity])
        checked.force_login(user)
        lax.force_login(user)
    counts = {model: model._base_manager.count() for model in apps.get_models()}
    wrong = []
    pages = [url for url in site_urls() if not url.startswith(("/api/", "/admin/")) and url not in PUBLIC]
    for url in pages:
        status = checked.post(url, {"note": "probe"}).status_code
        if status not in (403, 405):
            wrong.append(("no CSRF", url, status))
        if table[_route_key(url)][column] in ("403", "login"):
            status = lax.post(url, {"note": "probe"}).status_code
            ok = status in (403, 405) or (status == 302 and identity == "anonymous")
            if not ok:
                wrong.append(("no permission", url, status))
    changed = {
        model._meta.label: (before, model._base_manager.count())
        for model, before in counts.items()
        if model._base_manager.count() != before and not model._meta.label.startswith(("axes.", "sessions."))
    }
    assert wrong == [], "\n".join(map(str, wrong))
    assert changed == {}, f"rows changed by refused writes: {changed}"


# API rows: a session's 200 on another division's collection is an empty page (the selectors
# restrict every list to what the user may see; tests/test_output_paths.py checks the contents).
MATRIX = """
/accounts/logout/                                                -     -     -     -     -     -     -     -     -
/admin/logout/                                                   -     -     -     -     -     -     -     -     -
/                                                              login 200   200   200   200   200   200   200   200
/accounts/login/                                               200   200   200   200   200   200   200   200   200
/accounts/password/                                            login 200   200   200   200   200   200   200   200
/admin/                                                        login login login login login login login login 200
/admin/accounts/apitoken/                                      login login login login login login login login 200
/admin/accounts/apitoken/add/                                  login login login login login login login login 403
/admin/accounts/bureau/                                        login login login login login login login login 200
/admin/accounts/bureau/add/                                    login login login login login login login login 200
/admin/accounts/division/                                      login login login login login login login login 200
/admin/accounts/division/add/                                  login login login login login login login login 200
/admin/accounts/user/                                          login login login login login login login login 200
/admin/accounts/user/add/                                      login login login login login login login login 200
/admin/accounts/user/nothing-here/password/                    login login login login login login login login 404
/admin/auth/group/                                             login login login login login login login login 200
/admin/auth/group/add/                                         login login login login login login login login 200
/admin/autocomplete/                                           login login login login login login login login 403
/admin/axes/accessattempt/                                     login login login login login login login login 200
/admin/axes/accessattempt/add/                                 login login login login login login login login 403
/admin/axes/accessfailurelog/                                  login login login login login login login login 200
/admin/axes/accessfailurelog/add/                              login login login login login login login login 403
/admin/axes/accesslog/                                         login login login login login login login login 200
/admin/axes/accesslog/add/                                     login login login login login login login login 403
/admin/consumer_protection/committee/                          login login login login login login login login 200
/admin/consumer_protection/committee/add/                      login login login login login login login login 403
/admin/consumer_protection/committeemeeting/                   login login login login login login login login 200
/admin/consumer_protection/committeemeeting/add/               login login login login login login login login 403
/admin/consumer_protection/committeemember/                    login login login login login login login login 200
/admin/consumer_protection/committeemember/add/                login login login login login login login login 403
/admin/consumer_protection/complaint/                          login login login login login login login login 200
/admin/consumer_protection/complaint/add/                      login login login login login login login login 403
/admin/consumer_protection/consultation/                       login login login login login login login login 200
/admin/consumer_protection/consultation/add/                   login login login login login login login login 403
/admin/consumer_protection/consumercategory/                   login login login login login login login login 200
/admin/consumer_protection/consumercategory/add/               login login login login login login login login 403
/admin/consumer_protection/educationevent/                     login login login login login login login login 200
/admin/consumer_protection/educationevent/add/                 login login login login login login login login 403
/admin/consumer_protection/inspectionround/                      login login login login login login login login 200
/admin/consumer_protection/inspectionround/add/                  login login login login login login login login 403
/admin/consumer_protection/inspectionvenue/                      login login login login login login login login 200
/admin/consumer_protection/inspectionvenue/add/                  login login login login login login login login 403
/admin/consumer_protection/interestdeclaration/                login login login login login login login login 200
/admin/consumer_protection/interestdeclaration/add/            login login login login login login login login 403
/admin/consumer_protection/mediationcase/                      login login login login login login login login 200
/admin/consumer_protection/mediationcase/add/                  login login login login login login login login 403
/admin/consumer_protection/secondmeeting/                      login login login login login login login login 200
/admin/consumer_protection/secondmeeting/add/                  login login login login login login login login 403
/admin/consumer_protection/trader/                             login login login login login login login login 200
/admin/consumer_protection/trader/add/                         login login login login login login login login 403
/admin/consumer_protection/training/                           login login login login login login login login 200
/admin/consumer_protection/training/add/                       login login login login login login login login 403
/admin/core/calendaroverride/                                  login login login login login login login login 200
/admin/core/calendaroverride/add/                              login login login login login login login login 200
/admin/core/personaldataaccess/                                login login login login login login login login 200
/admin/core/personaldataaccess/add/                            login login login login login login login login 403
/admin/documents/controlyuanvisit/                             login login login login login login login login 200
/admin/documents/controlyuanvisit/add/                         login login login login login login login login 403
/admin/documents/eexchangeorganisation/                        login login login login login login login login 200
/admin/documents/eexchangeorganisation/add/                    login login login login login login login login 403
/admin/documents/extension/                                    login login login login login login login login 200
/admin/documents/extension/add/                                login login login login login login login login 403
/admin/documents/gazetteissue/                                 login login login login login login login login 200
/admin/documents/gazetteissue/add/                             login login login login login login login login 403
/admin/documents/municipalmeeting/                             login login login login login login login login 200
/admin/documents/municipalmeeting/add/                         login login login login login login login login 403
/admin/documents/officialdocument/                             login login login login login login login login 200
/admin/documents/officialdocument/add/                         login login login login login login login login 403
/admin/documents/opendataset/                                  login login login login login login login login 200
/admin/documents/opendataset/add/                              login login login login login login login login 403
/admin/documents/petition/                                     login login login login login login login login 200
/admin/documents/petition/add/                                 login login login login login login login login 403
/admin/dormitories/asset/                                      login login login login login login login login 200
/admin/dormitories/asset/add/                                  login login login login login login login login 403
/admin/dormitories/assetcategory/                              login login login login login login login login 200
/admin/dormitories/assetcategory/add/                          login login login login login login login login 403
/admin/dormitories/assetlocation/                              login login login login login login login login 200
/admin/dormitories/assetlocation/add/                          login login login login login login login login 403
/admin/dormitories/checkphoto/                                 login login login login login login login login 200
/admin/dormitories/checkphoto/add/                             login login login login login login login login 403
/admin/dormitories/checkround/                                 login login login login login login login login 200
/admin/dormitories/checkround/add/                             login login login login login login login login 403
/admin/dormitories/disposal/                                   login login login login login login login login 200
/admin/dormitories/disposal/add/                               login login login login login login login login 403
/admin/dormitories/dormitory/                                  login login login login login login login login 200
/admin/dormitories/dormitory/add/                              login login login login login login login login 403
/admin/dormitories/lending/                                    login login login login login login login login 200
/admin/dormitories/lending/add/                                login login login login login login login login 403
/admin/dormitories/occupancy/                                  login login login login login login login login 200
/admin/dormitories/occupancy/add/                              login login login login login login login login 403
/admin/dormitories/occupancyapplication/                       login login login login login login login login 200
/admin/dormitories/occupancyapplication/add/                   login login login login login login login login 403
/admin/dormitories/repair/                                     login login login login login login login login 200
/admin/dormitories/repair/add/                                 login login login login login login login login 403
/admin/dormitories/stocktakinground/                           login login login login login login login login 200
/admin/dormitories/stocktakinground/add/                       login login login login login login login login 403
/admin/facilities/booking/                                     login login login login login login login login 200
/admin/facilities/booking/add/                                 login login login login login login login login 403
/admin/facilities/calendarfeedreset/                           login login login login login login login login 200
/admin/facilities/calendarfeedreset/add/                       login login login login login login login login 403
/admin/facilities/closure/                                     login login login login login login login login 200
/admin/facilities/closure/add/                                 login login login login login login login login 403
/admin/facilities/equipmentitem/                               login login login login login login login login 200
/admin/facilities/equipmentitem/add/                           login login login login login login login login 403
/admin/facilities/equipmentloan/                               login login login login login login login login 200
/admin/facilities/equipmentloan/add/                           login login login login login login login login 403
/admin/facilities/feerule/                                     login login login login login login login login 200
/admin/facilities/feerule/add/                                 login login login login login login login login 403
/admin/facilities/maintenancerequest/                          login login login login login login login login 200
/admin/facilities/maintenancerequest/add/                      login login login login login login login login 200
/admin/facilities/parkingpermit/                               login login login login login login login login 200
/admin/facilities/parkingpermit/add/                           login login login login login login login login 403
/admin/facilities/publicspacerequest/                          login login login login login login login login 200
/admin/facilities/publicspacerequest/add/                      login login login login login login login login 200
/admin/facilities/recurringseries/                             login login login login login login login login 200
/admin/facilities/recurringseries/add/                         login login login login login login login login 200
/admin/facilities/resource/                                    login login login login login login login login 200
/admin/facilities/resource/add/                                login login login login login login login login 403
/admin/facilities/spaceapplication/                            login login login login login login login login 200
/admin/facilities/spaceapplication/add/                        login login login login login login login login 200
/admin/facilities/vehicle/                                     login login login login login login login login 200
/admin/facilities/vehicle/add/                                 login login login login login login login login 403
/admin/facilities/vehicletrip/                                 login login login login login login login login 200
/admin/facilities/vehicletrip/add/                             login login login login login login login login 200
/admin/facilities/venue/                                       login login login login login login login login 200
/admin/facilities/venue/add/                                   login login login login login login login login 403
/admin/facilities/venuephoto/                                  login login login login login login login login 200
/admin/facilities/venuephoto/add/                              login login login login login login login login 403
/admin/international/agreement/                                login login login login login login login login 200
/admin/international/agreement/add/                            login login login login login login login login 403
/admin/international/city/                                     login login login login login login login login 200
/admin/international/city/add/                                 login login login login login login login login 403
/admin/international/country/                                  login login login login login login login login 200
/admin/international/country/add/                              login login login login login login login login 403
/admin/international/dignitary/                                login login login login login login login login 200
/admin/international/dignitary/add/                            login login login login login login login login 403
/admin/international/exchangeactivity/                         login login login login login login login login 200
/admin/international/exchangeactivity/add/                     login login login login login login login login 403
/admin/international/foreignmission/                           login login login login login login login login 200
/admin/international/foreignmission/add/                       login login login login login login login login 403
/admin/international/gift/                                     login login login login login login login login 200
/admin/international/gift/add/                                 login login login login login login login login 403
/admin/international/missioncontact/                           login login login login login login login login 200
/admin/international/missioncontact/add/                       login login login login login login login login 403
/admin/international/partnership/                              login login login login login login login login 200
/admin/international/partnership/add/                          login login login login login login login login 403
/admin/international/programme/                                login login login login login login login login 200
/admin/international/programme/add/                            login login login login login login login login 403
/admin/international/visitcase/                                login login login login login login login login 200
/admin/international/visitcase/add/                            login login login login login login login login 403
/admin/jsi18n/                                                 login login login login login login login login 200
/admin/login/                                                  200   200   200   200   200   200   200   200   302
/admin/password_change/                                        login login login login login login login login 200
/admin/password_change/done/                                   login login login login login login login login 200
/admin/reports/manualfigure/                                   login login login login login login login login 200
/admin/reports/manualfigure/add/                               login login login login login login login login 403
/admin/reports/reportbuild/                                    login login login login login login login login 200
/admin/reports/reportbuild/add/                                login login login login login login login login 403
/admin/reports/reportdefinition/                               login login login login login login login login 200
/admin/reports/reportdefinition/add/                           login login login login login login login login 403
/admin/reports/reportitem/                                     login login login login login login login login 200
/admin/reports/reportitem/add/                                 login login login login login login login login 403
/admin/reports/reportsection/                                  login login login login login login login login 200
/admin/reports/reportsection/add/                              login login login login login login login login 403
/api/docs/                                                     200   200   200   200   200   200   200   200   200
/api/schema/                                                   200   200   200   200   200   200   200   200   200
/api/v1/                                                       401   200   200   200   200   200   200   200   200
/api/v1/calendar/overrides/                                    401   200   200   200   200   200   200   200   200
/api/v1/consumer-protection/                                   401   200   200   200   200   200   200   200   200
/api/v1/consumer-protection/complaints/                        401   200   200   200   200   200   200   200   200
/api/v1/consumer-protection/consultations/                     401   200   200   200   200   200   200   200   200
/api/v1/consumer-protection/mediations/                        401   200   200   200   200   200   200   200   200
/api/v1/consumer-protection/mediations/{id}/transition/        401   405   405   405   405   405   405   405   405
/api/v1/documents/                                             401   200   200   200   200   200   200   200   200
/api/v1/documents/documents/                                   401   200   200   200   200   200   200   200   200
/api/v1/documents/petitions/                                   401   200   200   200   200   200   200   200   200
/api/v1/dormitories/                                           401   200   200   200   200   200   200   200   200
/api/v1/dormitories/assets/                                    401   200   200   200   200   200   200   200   200
/api/v1/dormitories/check-rounds/                              401   200   200   200   200   200   200   200   200
/api/v1/dormitories/dormitories/                               401   200   200   200   200   200   200   200   200
/api/v1/dormitories/lendings/                                  401   200   200   200   200   200   200   200   200
/api/v1/dormitories/occupancies/                               401   200   200   200   200   200   200   200   200
/api/v1/dormitories/stocktaking/                               401   200   200   200   200   200   200   200   200
/api/v1/facilities/                                            401   200   200   200   200   200   200   200   200
/api/v1/facilities/bookings/                                   401   200   200   200   200   200   200   200   200
/api/v1/facilities/closures/                                   401   200   200   200   200   200   200   200   200
/api/v1/facilities/maintenance-requests/                       401   200   200   200   200   200   200   200   200
/api/v1/facilities/parking-permits/                            401   200   200   200   200   200   200   200   200
/api/v1/facilities/public-space-requests/                      401   200   200   200   200   200   200   200   200
/api/v1/facilities/resources/                                  401   200   200   200   200   200   200   200   200
/api/v1/facilities/resources/free/                             401   400   400   400   400   400   400   400   400
/api/v1/facilities/space-applications/                         401   200   200   200   200   200   200   200   200
/api/v1/facilities/vehicle-trips/                              401   200   200   200   200   200   200   200   200
/api/v1/facilities/venues/                                     401   200   200   200   200   200   200   200   200
/api/v1/international/                                         401   200   200   200   200   200   200   200   200
/api/v1/international/activities/                              401   200   200   200   200   200   200   200   200
/api/v1/international/agreements/                              401   200   200   200   200   200   200   200   200
/api/v1/international/cities/                                  401   200   200   200   200   200   200   200   200
/api/v1/international/cities/anniversaries/                    401   200   200   200   200   200   200   200   200
/api/v1/international/gifts/                                   401   200   200   200   200   200   200   200   200
/api/v1/international/missions/                                401   200   200   200   200   200   200   200   200
/api/v1/international/visits/                                  401   200   200   200   200   200   200   200   200
/api/v1/me/                                                    401   200   200   200   200   200   200   200   200
/api/v1/reports/                                               401   200   200   200   200   200   200   200   200
/api/v1/reports/annual/                                        401   200   200   200   200   200   200   200   200
/consumer-protection/                                          login 403   403   403   200   403   403   200   200
/consumer-protection/activities/                               login 403   403   403   200   403   403   200   200
/consumer-protection/activities/education/new/                 login 403   403   403   200   403   403   403   403
/consumer-protection/activities/inspections/new/                 login 403   403   403   200   403   403   403   403
/consumer-protection/activities/inspections/{id}/                login 403   403   403   404   403   403   404   404
/consumer-protection/activities/trainings/new/                 login 403   403   403   200   403   403   403   403
/consumer-protection/committees/                               login 403   403   403   200   403   403   200   200
/consumer-protection/committees/meetings/new/                  login 403   403   403   200   403   403   403   403
/consumer-protection/committees/meetings/{id}/                 login 403   403   403   404   403   403   404   404
/consumer-protection/committees/meetings/{id}/resolutions/     login 403   403   403   405   403   403   403   403
/consumer-protection/committees/members/{id}/                  login 403   403   403   404   403   403   403   403
/consumer-protection/committees/{id}/                          login 403   403   403   404   403   403   404   404
/consumer-protection/complaints/                               login 403   403   403   200   403   403   200   200
/consumer-protection/complaints/export/                        login 403   403   403   400   403   403   400   400
/consumer-protection/complaints/id-search/                     login 403   403   403   405   403   403   405   405
/consumer-protection/complaints/new/                           login 403   403   403   200   403   403   403   403
/consumer-protection/complaints/{id}/                          login 403   403   403   404   403   403   404   404
/consumer-protection/complaints/{id}/actions/nothing-here/     login 403   403   403   405   403   403   403   403
/consumer-protection/complaints/{id}/attachments/              login 403   403   403   405   403   403   403   403
/consumer-protection/complaints/{id}/attachments/{id}/         login 403   403   403   404   403   403   404   404
/consumer-protection/complaints/{id}/second-meetings/new/      login 403   403   403   404   403   403   403   403
/consumer-protection/complaints/{id}/unmask/                   login 403   403   403   405   403   403   405   405
/consumer-protection/consultations/                            login 403   403   403   200   403   403   200   200
/consumer-protection/mediations/                               login 403   403   403   200   403   403   200   200
/consumer-protection/mediations/{id}/                          login 403   403   403   404   403   403   404   404
/consumer-protection/mediations/{id}/actions/nothing-here/     login 403   403   403   405   403   403   403   403
/consumer-protection/mediations/{id}/interests/                login 403   403   403   405   403   403   403   403
/consumer-protection/mediations/{id}/notices/nothing-here.pdf  login 403   403   403   404   403   403   403   403
/consumer-protection/mediations/{id}/record.pdf                login 403   403   403   404   403   403   404   404
/consumer-protection/mediations/{id}/settlement.pdf            login 403   403   403   404   403   403   404   404
/consumer-protection/traders/                                  login 403   403   403   200   403   403   200   200
/consumer-protection/traders/repeat-offenders/                 login 403   403   403   200   403   403   200   200
/consumer-protection/traders/{id}/                             login 403   403   403   404   403   403   404   404
/documents/                                                    login 403   403   403   403   200   403   200   200
/documents/calendar-import/                                    login 403   403   403   403   200   403   403   403
/documents/due/                                                login 403   403   403   403   200   403   200   200
/documents/petitions/                                          login 403   403   403   403   200   403   200   200
/documents/petitions/new/                                      login 403   403   403   403   200   403   403   403
/documents/petitions/{id}/                                     login 403   403   403   403   404   403   404   404
/documents/petitions/{id}/move/                                405   405   405   405   405   405   405   405   405
/documents/rates/                                              login 403   403   403   403   200   403   200   200
/documents/receive/                                            login 403   403   403   403   200   403   403   403
/documents/registers/gazette/                                  login 403   403   403   403   200   403   200   200
/documents/registers/gazette/generate/                         405   405   405   405   405   405   405   405   405
/documents/registers/meetings/                                 login 403   403   403   403   200   403   200   200
/documents/registers/open-data/                                login 403   403   403   403   200   403   200   200
/documents/registers/organisations/                            login 403   403   403   403   200   403   200   200
/documents/{id}/                                               login 403   403   403   403   404   403   404   404
/documents/{id}/attachments/                                   405   405   405   405   405   405   405   405   405
/documents/{id}/extensions/                                    405   405   405   405   405   405   405   405   405
/documents/{id}/extensions/{id}/decide/                        405   405   405   405   405   405   405   405   405
/documents/{id}/merge/                                         405   405   405   405   405   405   405   405   405
/documents/{id}/move/                                          405   405   405   405   405   405   405   405   405
/documents/{id}/pause/                                         405   405   405   405   405   405   405   405   405
/documents/{id}/resume/                                        405   405   405   405   405   405   405   405   405
/dormitories/                                                  login 403   403   200   403   403   403   200   200
/dormitories/applications/                                     login 403   403   200   403   403   403   200   200
/dormitories/applications/{id}/allocate/                       login 403   403   404   403   403   403   403   403
/dormitories/applications/{id}/close/                          405   405   405   405   405   405   405   405   405
/dormitories/assets/                                           login 403   403   200   403   403   403   200   200
/dormitories/assets/import/                                    login 403   403   200   403   403   403   403   403
/dormitories/assets/labels.pdf                                 login 403   403   200   403   403   403   200   200
/dormitories/assets/new/                                       login 403   403   200   403   403   403   403   403
/dormitories/assets/statistics/                                login 403   403   200   403   403   403   200   200
/dormitories/assets/{id}/                                      login 403   403   404   403   403   403   404   404
/dormitories/checks/                                           login 403   403   200   403   403   403   200   200
/dormitories/checks/items/{id}/                                login 403   403   404   403   403   403   404   404
/dormitories/checks/items/{id}/done/                           405   405   405   405   405   405   405   405   405
/dormitories/checks/{id}/                                      login 403   403   404   403   403   403   404   404
/dormitories/disposals/                                        login 403   403   200   403   403   403   200   200
/dormitories/disposals/{id}/advance/                           405   405   405   405   405   405   405   405   405
/dormitories/lendings/                                         login 403   403   200   403   403   403   200   200
/dormitories/lendings/new/                                     login 403   403   200   403   403   403   403   403
/dormitories/lendings/{id}/                                    login 403   403   404   403   403   403   404   404
/dormitories/occupancies/                                      login 403   403   200   403   403   403   200   200
/dormitories/occupancies/{id}/                                 login 403   403   404   403   403   403   404   404
/dormitories/occupancies/{id}/eligibility/                     405   405   405   405   405   405   405   405   405
/dormitories/occupancies/{id}/move-out/                        405   405   405   405   405   405   405   405   405
/dormitories/repairs/                                          login 403   403   200   403   403   403   200   200
/dormitories/repairs/{id}/update/                              405   405   405   405   405   405   405   405   405
/dormitories/stocktaking/                                      login 403   403   200   403   403   403   200   200
/dormitories/stocktaking/{id}/                                 login 403   403   404   403   403   403   404   404
/dormitories/stocktaking/{id}/close/                           405   405   405   405   405   405   405   405   405
/dormitories/stocktaking/{id}/report/                          login 403   403   404   403   403   403   404   404
/dormitories/units/                                            login 403   403   200   403   403   403   200   200
/dormitories/units/new/                                        login 403   403   200   403   403   403   403   403
/dormitories/units/{id}/                                       login 403   403   404   403   403   403   404   404
/dormitories/units/{id}/dispose/                               405   405   405   405   405   405   405   405   405
/dormitories/units/{id}/edit/                                  login 403   403   404   403   403   403   403   403
/dormitories/units/{id}/occupancies/new/                       login 403   403   404   403   403   403   403   403
/facilities/                                                   login 200   200   200   200   200   200   200   200
/facilities/applications/                                      login 200   200   200   200   200   200   200   200
/facilities/applications/new/                                  login 200   200   200   200   200   200   200   200
/facilities/applications/{id}/                                 login 404   404   404   404   404   404   404   404
/facilities/applications/{id}/nothing-here/                    405   405   405   405   405   405   405   405   405
/facilities/applications/{id}/plan/                            login 404   404   404   404   404   404   404   404
/facilities/bookings/                                          login 200   200   200   200   200   200   200   200
/facilities/bookings/mine/                                     login 200   200   200   200   200   200   200   200
/facilities/bookings/new/                                      login 200   200   200   200   200   200   200   200
/facilities/bookings/queue/                                    login 403   200   403   403   403   403   403   403
/facilities/bookings/{id}/                                     login 404   404   404   404   404   404   404   404
/facilities/bookings/{id}/approve/                             405   405   405   405   405   405   405   405   405
/facilities/bookings/{id}/cancel/                              login 404   404   404   404   404   404   404   404
/facilities/bookings/{id}/change/                              login 404   404   404   404   404   404   404   404
/facilities/bookings/{id}/check-in/                            405   405   405   405   405   405   405   405   405
/facilities/bookings/{id}/equipment/                           405   405   405   405   405   405   405   405   405
/facilities/bookings/{id}/reject/                              405   405   405   405   405   405   405   405   405
/facilities/bookings/{id}/restore/                             405   405   405   405   405   405   405   405   405
/facilities/centers/nothing-here/calendar/                     login 404   404   404   404   404   404   404   404
/facilities/closures/                                          login 403   200   403   403   403   403   403   403
/facilities/equipment-loans/{id}/return/                       405   405   405   405   405   405   405   405   405
/facilities/find/                                              login 200   200   200   200   200   200   200   200
/facilities/maintenance-requests/                              login 200   200   200   200   200   200   200   200
/facilities/maintenance-requests/new/                          login 200   200   200   200   200   200   200   200
/facilities/maintenance-requests/{id}/                         login 404   404   404   404   404   404   404   404
/facilities/parking-permits/                                   login 403   200   403   403   403   403   200   200
/facilities/parking-permits/new/                               login 403   200   403   403   403   403   403   403
/facilities/parking-permits/{id}/print/                        login 403   404   403   403   403   403   404   404
/facilities/public-space-requests/                             login 200   200   200   200   200   200   200   200
/facilities/public-space-requests/new/                         login 200   200   200   200   200   200   200   200
/facilities/public-space-requests/{id}/decide/                 405   405   405   405   405   405   405   405   405
/facilities/resources/{id}/calendar-links/reset/               405   405   405   405   405   405   405   405   405
/facilities/resources/{id}/calendar.ics                        404   404   404   404   404   404   404   404   404
/facilities/resources/{id}/calendar/                           login 404   404   404   404   404   404   404   404
/facilities/utilisation/                                       login 403   200   403   403   403   403   200   200
/facilities/vehicle-trips/                                     login 200   200   200   200   200   200   200   200
/facilities/vehicle-trips/new/                                 login 200   200   200   200   200   200   200   200
/facilities/vehicle-trips/{id}/assign/                         405   405   405   405   405   405   405   405   405
/facilities/vehicle-trips/{id}/log/                            login 403   404   403   403   403   403   403   403
/facilities/vehicles/                                          login 200   200   200   200   200   200   200   200
/facilities/vehicles/register/                                 login 403   200   403   403   403   403   403   403
/facilities/venue-photos/{id}/                                 login 404   404   404   404   404   404   404   404
/facilities/venues/                                            login 200   200   200   200   200   200   200   200
/facilities/venues/{id}/photos/                                login 404   404   404   404   404   404   404   404
/healthz                                                       200   200   200   200   200   200   200   200   200
/i18n/setlang/                                                 302   302   302   302   302   302   302   302   302
/international/                                                login 403   403   403   403   403   200   200   200
/international/activities/                                     login 403   403   403   403   403   200   200   200
/international/activities/new/                                 login 403   403   403   403   403   200   403   403
/international/agreements/new/                                 login 403   403   403   403   403   200   403   403
/international/anniversaries/                                  login 403   403   403   403   403   200   200   200
/international/cities/new/                                     login 403   403   403   403   403   200   403   403
/international/cities/{id}/                                    login 403   403   403   403   403   404   404   404
/international/gifts/                                          login 403   403   403   403   403   200   200   200
/international/gifts/new/                                      login 403   403   403   403   403   200   403   403
/international/gifts/{id}/decide/                              405   405   405   405   405   405   405   405   405
/international/gifts/{id}/report/                              405   405   405   405   405   405   405   405   405
/international/missions/                                       login 403   403   403   403   403   200   200   200
/international/missions/{id}/                                  login 403   403   403   403   403   404   404   404
/international/ties/{id}/end/                                  405   405   405   405   405   405   405   405   405
/international/visits/                                         login 403   403   403   403   403   200   200   200
/international/visits/new/                                     login 403   403   403   403   403   200   403   403
/international/visits/{id}/                                    login 403   403   403   403   403   404   404   404
/international/visits/{id}/edit/                               login 403   403   403   403   403   404   403   403
/notifications/                                                login 200   200   200   200   200   200   200   200
/notifications/read/                                           login 405   405   405   405   405   405   405   405
/reports/                                                      login 403   403   403   403   403   403   200   200
/reports/builds/new/                                           login 403   403   403   403   403   403   405   403
/reports/builds/{id}/                                          login 403   403   403   403   403   403   404   404
/reports/builds/{id}/figures/                                  login 403   403   403   403   403   403   404   404
/reports/builds/{id}/html/                                     login 403   403   403   403   403   403   404   404
/reports/builds/{id}/pdf/                                      login 403   403   403   403   403   403   404   404
/reports/copy/                                                 login 403   403   403   403   403   403   405   403
/reports/items/{id}/delete/                                    login 403   403   403   403   403   403   405   403
/reports/items/{id}/edit/                                      login 403   403   403   403   403   403   404   403
/reports/sections/{id}/edit/                                   login 403   403   403   403   403   403   404   403
/reports/sections/{id}/items/new/                              login 403   403   403   403   403   403   404   403
/reports/{id}/                                                 login 403   403   403   403   403   403   404   404
/reports/{id}/figures/                                         login 403   403   403   403   403   403   404   404
/reports/{id}/figures/new/                                     login 403   403   403   403   403   403   404   403
/reports/{id}/figures/{id}/edit/                               login 403   403   403   403   403   403   404   403
/search/                                                       login 200   200   200   200   200   200   200   200
/admin/facilities/inspectionfinding/                             login login login login login login login login 200
/admin/facilities/inspectionfinding/add/                         login login login login login login login login 403
/admin/facilities/inspectionobligation/                          login login login login login login login login 200
/admin/facilities/inspectionobligation/add/                      login login login login login login login login 403
/admin/facilities/inspectionrecord/                              login login login login login login login login 200
/admin/facilities/inspectionrecord/add/                          login login login login login login login login 403
/admin/facilities/maintenancelimit/                              login login login login login login login login 200
/admin/facilities/maintenancelimit/add/                          login login login login login login login login 403
/api/v1/facilities/inspection-findings/                          401   200   200   200   200   200   200   200   200
/api/v1/facilities/inspection-records/                           401   200   200   200   200   200   200   200   200
/api/v1/facilities/inspections/                                  401   200   200   200   200   200   200   200   200
/api/v1/facilities/maintenance-requests/overdue/                 401   200   200   200   200   200   200   200   200
/facilities/inspections/                                         login 403   200   403   403   403   403   200   200
/facilities/inspections/{id}/                                    login 403   404   403   403   403   403   404   404
/facilities/inspections/{id}/record/                             login 403   404   403   403   403   403   403   403
/facilities/inspections/findings/{id}/raise-repair/              405   405   405   405   405   405   405   405   405
/facilities/inspections/new/                                     login 403   200   403   403   403   403   403   403
/facilities/inspections/records/                                 login 403   200   403   403   403   403   200   200
/facilities/maintenance-requests/due/                            login 200   200   200   200   200   200   200   200
"""
