"""Read grants and the confidential level of a bureau's token; what issue_api_token prints and
refuses (issue 16 item 15); the admin checks grants as the command does."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kaohsiung_admin.accounts.models import ApiToken, ReadLevel

pytestmark = pytest.mark.django_db
COMPLAINTS = "consumer_protection.complaints"


def test_issue_prints_what_the_token_may_read_and_write(capsys):
    call_command(
        "issue_api_token",
        "fire-dept",
        "--write",
        "core.calendar-overrides",
        "--read",
        COMPLAINTS,
        "--confidential",
    )
    out, err = capsys.readouterr()
    token = ApiToken.objects.get()
    assert out.strip() and len(out.strip().splitlines()) == 1  # the key alone on stdout
    assert token.read_resources == [COMPLAINTS] and token.read_level == ReadLevel.CONFIDENTIAL
    assert "reads:" in err and "facilities." in err  # open resources listed by name
    assert f"confidential reads: {COMPLAINTS} — narratives, parties and timelines" in err
    assert "not readable: consumer_protection.consultations, consumer_protection.mediations" in err
    assert "writes: core.calendar-overrides" in err


def test_issue_without_read_grants_says_so(capsys):
    call_command("issue_api_token", "fire-dept")
    err = capsys.readouterr().err
    assert "confidential reads: none" in err and "writes: nothing (read-only)" in err
    token = ApiToken.objects.get()
    assert token.read_resources == [] and token.read_level == ReadLevel.STATISTICS


@pytest.mark.parametrize("days", ["0", "-3"])
def test_days_zero_or_negative_is_refused(days):
    with pytest.raises(CommandError, match=r"--days must be 1 or more"):
        call_command("issue_api_token", "fire-dept", "--days", days)
    assert not ApiToken.objects.exists()


def test_write_grants_on_read_only_resources_are_refused():
    with pytest.raises(CommandError, match=r"Read-only resource.*consumer_protection.mediations"):
        call_command("issue_api_token", "fire-dept", "--write", "consumer_protection.mediations")
    with pytest.raises(CommandError, match=r"--read is for resources that need a read grant"):
        call_command("issue_api_token", "fire-dept", "--read", "core.calendar-overrides")
    with pytest.raises(CommandError, match=r"--confidential needs --read"):
        call_command("issue_api_token", "fire-dept", "--confidential")
    assert not ApiToken.objects.exists()


def test_model_refuses_a_token_valid_for_no_day(issue_token):
    with pytest.raises(ValueError):
        issue_token(days=0)


def test_read_grant_is_enforced_and_a_saved_grant_takes_effect(issue_token, api_client):
    token, key = issue_token()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    url = "/api/v1/consumer-protection/complaints/"
    assert api_client.get(url).status_code == 403
    assert api_client.get("/api/v1/calendar/overrides/").status_code == 200  # open resources unchanged
    token.read_resources = [COMPLAINTS]
    token.save()  # a saved token drops any cached copy of its grants
    assert api_client.get(url).status_code == 200
    assert api_client.get("/api/v1/consumer-protection/mediations/").status_code == 403


def test_admin_checks_grants_like_the_command(client, administrator, issue_token):
    token, _key = issue_token()
    client.force_login(administrator)
    url = reverse("admin:accounts_apitoken_change", args=[token.pk])
    assert client.get(url).status_code == 200
    data = {
        "write_resources": '["consumer_protection.mediations"]',
        "read_resources": '["core.calendar-overrides"]',
        "read_level": "statistics",
        "expires_at_0": token.expires_at.strftime("%Y-%m-%d"),
        "expires_at_1": "00:00:00",
        "note": "",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "不能授權寫入" in body and "不須讀取授權" in body
    data.update(write_resources="[]", read_resources=f'["{COMPLAINTS}"]', read_level="confidential")
    assert client.post(url, data).status_code == 302
    token.refresh_from_db()
    assert token.read_resources == [COMPLAINTS] and token.reads_confidential
