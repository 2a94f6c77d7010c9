"""The API's contract, proved: schemathesis against the live test server, every operation, all
checks, positive and negative data, a bounded number of examples (issue 16.13).

A bureau generating a client from /api/schema/ must get what the schema says. Every failure
schemathesis reports fails this test with schemathesis' own report (a curl command per case),
unless that exact operation and check is written down in KNOWN_FAILURES with the reason. Nothing is
excluded from the run: a known case is still run and still reported, it only does not fail the
test. Entries that no longer fail are printed so that they get removed.

Bounded: the fuzzing phase only (the coverage phase alone takes over ten minutes for 82
operations), SCHEMATHESIS_MAX_EXAMPLES examples per operation and mode, deterministic generation.
"""

import os
import re
import subprocess
import sys

import pytest

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5"))

STATE = "a schema-valid value the server refuses because of stored data (an id that does not exist, a unique value taken, a year without report content): the schema cannot say which ids exist"
# "METHOD /path STxxx" -> why it still fails, and who was asked to change what (docs/security.md).
KNOWN_FAILURES: dict[str, str] = {
    # state-dependent refusals (400 with field errors, as the API's contract says)
    "POST /api/v1/documents/documents/{id}/transition/ ST202": STATE,
    "POST /api/v1/documents/petitions/ ST202": STATE,
    "POST /api/v1/dormitories/check-rounds/ ST202": STATE,
    "POST /api/v1/dormitories/dormitories/ ST202": STATE,
    "POST /api/v1/dormitories/lendings/ ST202": STATE,
    "POST /api/v1/dormitories/occupancies/ ST202": STATE,
    "POST /api/v1/facilities/bookings/ ST202": STATE,
    "POST /api/v1/facilities/vehicle-trips/ ST202": STATE,
    "POST /api/v1/international/cities/ ST202": STATE,
    "POST /api/v1/international/visits/ ST202": STATE + " (a visit needs at least one country)",
    "POST /api/v1/reports/annual/ ST202": STATE,
    "POST /api/v1/calendar/overrides/ ST202": STATE,
    "PUT /api/v1/calendar/overrides/{id}/ ST202": STATE,
    "PATCH /api/v1/calendar/overrides/{id}/ ST202": STATE,
    "POST /api/v1/dormitories/assets/ ST202": STATE + "; also cost allows no decimals (schema: decimal places)",
    "GET /api/v1/dormitories/occupancies/ ST202": "dormitory filter documented as string, server wants an integer id (dormitories API)",
    "GET /api/v1/dormitories/stocktaking/ ST202": "location filter is a code that must exist (model choice), documented as free string (dormitories API)",
    "GET /api/v1/international/visits/ ST202": "country filter is a code that must exist (model choice), documented as free string (international API)",
    "GET /api/v1/consumer-protection/consultations/ ST202": "a filter value valid by the schema is refused (consumer_protection filters)",
    "GET /api/v1/facilities/resources/free/ ST202": "cross-field rule (end after start) a schema cannot state (facilities API)",
    "POST /api/v1/facilities/closures/ ST202": "one of venue or the whole centre is required: not in the schema (facilities API)",
    "POST /api/v1/facilities/public-space-requests/ ST202": "the LED wall exists in one centre only: a rule on stored data (facilities API)",
    # real schema mismatches, asked of the apps' owners (notes 'Needs from others')
    "GET /api/v1/documents/documents/{id}/ ST108": "merge_kind is '' when not merged; schema enum lacks '' / null (documents serializer)",
    "POST /api/v1/documents/documents/ ST108": "merge_kind '' as above (documents serializer)",
    "GET /api/v1/documents/petitions/{id}/ ST108": "empty e-mail '' answered where the schema says format email (documents serializer)",
    "POST /api/v1/documents/petitions/ ST108": "empty e-mail '' as above (documents serializer)",
    "POST /api/v1/documents/petitions/{id}/transition/ ST108": "empty e-mail '' as above (documents serializer)",
    "POST /api/v1/documents/petitions/{id}/transition/ ST202": "extension days 1..30 enforced, not in the schema (documents serializer)",
    "GET /api/v1/dormitories/check-rounds/{id}/items/ ST108": "action answers a list, schema says a paginated object (dormitories API)",
    "POST /api/v1/dormitories/check-rounds/{id}/close/ ST108": "response lacks the declared 'count' (dormitories API)",
    "POST /api/v1/consumer-protection/complaints/ ST202": "national ID checksum and phone format enforced, no pattern in the schema (consumer_protection API)",
    "POST /api/v1/consumer-protection/consultations/ ST202": "phone format enforced, no pattern in the schema (consumer_protection API)",
    "GET /api/v1/dormitories/lendings/ ST201": "a filter ignores a value outside its documented type (dormitories filters)",
    "GET /api/v1/dormitories/occupancies/ ST201": "a filter ignores a value outside its documented type (dormitories filters)",
    "GET /api/v1/international/agreements/ ST201": "a filter ignores a value outside its documented type (international filters)",
    "GET /api/v1/international/cities/anniversaries/ ST201": "a query value outside its documented type is ignored (international API)",
}


TOKEN_BUREAU = "fuzz"


def full_token(issue_token) -> str:
    """A token that may read (confidential level) and write every resource, with personal data."""
    from kaohsiung_admin.accounts.models import ApiToken, ReadLevel
    from kaohsiung_admin.core.api.resources import api_resources

    token, _key = issue_token(TOKEN_BUREAU)
    resources = sorted(api_resources())
    _token, key = ApiToken.issue(
        bureau=token.bureau,
        write_resources=resources,
        read_resources=resources,
        read_level=ReadLevel.CONFIDENTIAL,
        personal_data=True,
        days=30,
    )
    return key


def failures_in(output: str) -> set[str]:
    found = set()
    blocks = re.split(r"\n_{3,} ((?:GET|POST|PUT|PATCH|DELETE) /\S*) _{3,}\n", output)
    for index in range(1, len(blocks), 2):
        for code in re.findall(r"^- (ST\d+) ", blocks[index + 1], re.M):
            found.add(f"{blocks[index]} {code}")
    return found


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_unknown_failure(live_server, issue_token, settings):
    settings.API_THROTTLE_RATE = settings.API_ANON_THROTTLE_RATE = "1000000/min"
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a report build request is queued, not built in the server
    key = full_token(issue_token)
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{live_server.url}/api/schema/",
        "--checks", "all", "--mode", "all", "--max-examples", str(MAX_EXAMPLES), "--phases", "examples,fuzzing",
        "--generation-deterministic", "--no-shrink", "--continue-on-failure", "--request-timeout", "30",
        "--header", f"Authorization: Token {key}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, env={**os.environ, "NO_COLOR": "1"})
    output = result.stdout + result.stderr
    assert "Tested: 82" in output or re.search(r"Tested: \d+", output), output[-5000:]
    tested = int(re.search(r"Tested: (\d+)", output).group(1))
    selected = int(re.search(r"Selected: \d+/(\d+)", output).group(1))
    assert tested == selected, f"only {tested} of {selected} operations were tested"
    found = failures_in(output)
    unknown = sorted(found - set(KNOWN_FAILURES))
    stale = sorted(set(KNOWN_FAILURES) - found)
    if stale:
        print("KNOWN_FAILURES entries that did not fail this run (remove when fixed):", *stale, sep="\n  ")
    assert not unknown, "schemathesis failures not written down:\n  " + "\n  ".join(unknown) + "\n\n" + output[-30000:]
    assert result.returncode == 0 or found, output[-5000:]  # a crash of schemathesis itself fails too
