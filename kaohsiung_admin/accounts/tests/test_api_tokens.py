import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kaohsiung_admin.accounts.models import ApiToken, Bureau

pytestmark = pytest.mark.django_db

OVERRIDES = "/api/v1/calendar/overrides/"


def test_issue_command_prints_a_key_that_is_stored_hashed(capsys):
    call_command("issue_api_token", "fire-dept", "--name", "消防局")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert len(key) >= 40 and token.key_hash != key and key not in token.key_hash
    assert token.prefix == key[:8] and token.write_resources == []
    assert Bureau.objects.get().name == "消防局"
    assert token.expires_at > timezone.now() + datetime.timedelta(days=300)


def test_issue_command_grants_write_and_rejects_unknown_resources(capsys):
    call_command("issue_api_token", "fire-dept", "--write", "core.calendar-overrides")
    assert ApiToken.objects.get().write_resources == ["core.calendar-overrides"]
    with pytest.raises(CommandError, match="Unknown resource"):
        call_command("issue_api_token", "fire-dept", "--write", "no.such-thing")


def test_revoke_command(capsys, api_client):
    call_command("issue_api_token", "fire-dept")
    key = capsys.readouterr().out.strip()
    call_command("issue_api_token", "fire-dept", "--revoke", key[:8])
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(OVERRIDES).status_code == 401


def test_valid_token_reads(token_client):
    response = token_client().get(OVERRIDES)
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_me_names_the_bureau(token_client):
    body = token_client(write=["core.calendar-overrides"]).get("/api/v1/me/").json()
    assert body["bureau"]["code"] == "fire-dept"
    assert body["write_resources"] == ["core.calendar-overrides"]


@pytest.mark.parametrize("header", ["Token not-a-key", "Token ", "Bearer abc", "Token a b"])
def test_invalid_tokens_are_refused(api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)
    response = api_client.get(OVERRIDES)
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_no_credentials_is_401_with_challenge(api_client):
    response = api_client.get(OVERRIDES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_expired_token_is_refused(api_client, issue_token):
    token, key = issue_token()
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(OVERRIDES).status_code == 401


def test_revoked_token_is_refused(api_client, issue_token):
    token, key = issue_token()
    token.revoke()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(OVERRIDES).status_code == 401


def test_read_only_token_may_not_write(token_client):
    response = token_client().post(OVERRIDES, {"date": "2022-09-12", "is_working_day": False, "reason": "颱風"})
    assert response.status_code == 403
    assert "core.calendar-overrides" in response.json()["detail"]


def test_granted_token_writes_and_history_keeps_it(token_client):
    client = token_client(write=["core.calendar-overrides"])
    response = client.post(
        OVERRIDES, {"date": "2022-09-12", "is_working_day": False, "reason": "颱風停止上班"}, format="json"
    )
    assert response.status_code == 201, response.content
    from kaohsiung_admin.core.models import CalendarOverride

    override = CalendarOverride.objects.get()
    assert override.history.get().history_user.username == "api-fire-dept"
    response = client.patch(f"{OVERRIDES}{override.pk}/", {"reason": "颱風"}, format="json")
    assert response.status_code == 200
    assert override.history.count() == 2


def test_bad_input_is_400_with_field_errors(token_client):
    response = token_client(write=["core.calendar-overrides"]).post(OVERRIDES, {"date": "not-a-date"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) >= {"date", "is_working_day", "reason"}


def test_staff_session_needs_model_permission_to_write(api_client, staff_user, administrator):
    api_client.force_login(staff_user)
    payload = {"date": "2022-09-12", "is_working_day": False, "reason": "颱風"}
    assert api_client.get(OVERRIDES).status_code == 200
    assert api_client.post(OVERRIDES, payload, format="json").status_code == 403
    api_client.force_login(administrator)
    assert api_client.post(OVERRIDES, payload, format="json").status_code == 201


def test_page_size_is_capped(token_client, settings):
    from kaohsiung_admin.core.models import CalendarOverride

    CalendarOverride.objects.bulk_create(
        CalendarOverride(date=datetime.date(2022, 1, 1) + datetime.timedelta(days=i), is_working_day=False, reason="x")
        for i in range(5)
    )
    settings.API_MAX_PAGE_SIZE = 3
    body = token_client().get(OVERRIDES, {"page_size": 1000}).json()
    assert body["count"] == 5 and len(body["results"]) == 3
    body = token_client("b2").get(OVERRIDES, {"page_size": 2, "page": 3}).json()
    assert len(body["results"]) == 1


def test_unknown_page_is_404_in_the_error_format(token_client):
    response = token_client().get(OVERRIDES, {"page": 99})
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_filtering_and_ordering(token_client):
    from kaohsiung_admin.core.models import CalendarOverride

    CalendarOverride.objects.create(date=datetime.date(2022, 9, 12), is_working_day=False, reason="颱風")
    CalendarOverride.objects.create(date=datetime.date(2022, 1, 22), is_working_day=True, reason="補班")
    client = token_client()
    assert [r["reason"] for r in client.get(OVERRIDES, {"is_working_day": "false"}).json()["results"]] == ["颱風"]
    assert [r["date"] for r in client.get(OVERRIDES, {"ordering": "-date"}).json()["results"]] == [
        "2022-09-12",
        "2022-01-22",
    ]
    assert client.get(OVERRIDES, {"date_after": "not-a-date"}).status_code == 400


def test_throttling_answers_429(token_client, settings):
    settings.API_THROTTLE_RATE = "3/min"
    client = token_client()
    statuses = [client.get(OVERRIDES).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert token_client("another-bureau").get(OVERRIDES).status_code == 200  # budgets are per bureau


def test_list_query_count_does_not_grow_with_rows(token_client):
    from kaohsiung_admin.core.models import CalendarOverride
    from kaohsiung_admin.core.testing import assert_constant_queries

    client = token_client()

    def add(n):
        first = CalendarOverride.objects.count()
        CalendarOverride.objects.bulk_create(
            CalendarOverride(
                date=datetime.date(2022, 1, 1) + datetime.timedelta(days=first + i), is_working_day=False, reason="x"
            )
            for i in range(n)
        )

    def fetch():
        response = client.get(OVERRIDES, {"page_size": 50})
        assert len(response.json()["results"]) == CalendarOverride.objects.count()
        return response

    # the first request stamps the token's last use; later ones within a minute do not
    assert_constant_queries(fetch, add, warm_up=True)


def test_repeated_write_flags_add_up_and_the_command_says_what_the_token_may_do(capsys):
    """Issued as a new user would: three --write flags grant all three, not only the last."""
    call_command(
        "issue_api_token",
        "fire-dept",
        "--write",
        "facilities.bookings",
        "--write",
        "core.calendar-overrides",
        "--write",
        "consumer_protection.complaints",
        "facilities.vehicle-trips",
    )
    out, err = capsys.readouterr()
    granted = [
        "consumer_protection.complaints",
        "core.calendar-overrides",
        "facilities.bookings",
        "facilities.vehicle-trips",
    ]
    assert ApiToken.objects.get().write_resources == granted
    assert len(out.split()) == 1  # the key alone on stdout
    writes = next(line for line in err.splitlines() if "writes:" in line)
    assert all(resource in writes for resource in granted)
    assert "reads:" in err and "masked" in err


def test_read_only_token_says_so(capsys):
    call_command("issue_api_token", "fire-dept")
    assert "read-only" in capsys.readouterr().err
