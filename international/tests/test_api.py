"""The API: filters, writes for granted tokens only, masking, constant query counts."""

import datetime

import pytest

from international import services
from international.choices import ActivityKind, GiftDirection
from international.models import Country, ForeignMission
from kaohsiung_admin.core.models import PersonalDataAccess
from kaohsiung_admin.core.testing import assert_constant_queries

D = datetime.date
API = "/api/v1/international"


def test_city_filters_and_the_tie_in_the_payload(token_client, make_city, sign):
    tied, other = make_city("釜山市", code="busan"), make_city("東京都", code="tokyo")
    sign(tied, D(1967, 6, 30))
    client = token_client()
    body = client.get(f"{API}/cities/", {"tied": "true"}).json()
    assert [row["code"] for row in body["results"]] == ["busan"]
    assert body["results"][0]["tie"]["ordinal"] == 1
    assert body["results"][0]["tie"]["established_on"] == "1967-06-30"
    untied = client.get(f"{API}/cities/", {"tied": "false"}).json()["results"]
    assert [row["code"] for row in untied] == ["tokyo"]
    assert client.get(f"{API}/cities/", {"region": "europe"}).json()["results"] == []
    assert client.get(f"{API}/cities/", {"q": "東京"}).json()["results"][0]["id"] == other.pk
    assert client.get(f"{API}/cities/", {"region": "mars"}).status_code == 400


def test_anniversaries_endpoint(token_client, make_city, sign):
    sign(make_city("布里斯本市"), D(1997, 9, 9))
    body = token_client().get(f"{API}/cities/anniversaries/", {"year": 111}).json()
    assert body["year"] == 2022
    assert [(a["names"], a["years"], a["date"]) for a in body["anniversaries"]] == [("布里斯本市", 25, "2022-09-09")]


def test_visit_filters(token_client, record_visit, country):
    japan = Country.objects.create(code="JP", name_zh="日本", name_en="Japan", region="asia_pacific")
    record_visit(D(2022, 3, 25), countries=[japan], host_level="mayor")
    record_visit(D(2022, 12, 8), countries=[country, japan], host_level="mayor", delegation="使節團")
    record_visit(D(2021, 5, 5))
    client = token_client()

    def numbers(**params):
        return sorted(row["number"] for row in client.get(f"{API}/visits/", params).json()["results"])

    assert len(numbers(year=2022)) == 2 and numbers(year=111) == numbers(year=2022)
    assert len(numbers(country=japan.pk)) == 2  # distinct: a two-country visit counted once
    assert numbers(q="使節") == ["111國訪字第002號"]
    assert numbers(arrived_before="2021-12-31") == ["110國訪字第001號"]
    assert len(numbers(host_level="mayor")) == 2
    assert client.get(f"{API}/visits/", {"arrived_after": "not-a-date"}).status_code == 400


def test_writes_need_the_grant(token_client, country):
    payload = {"arrived_on": "2022-06-09", "delegation": "布拉提斯拉瓦省訪團", "countries": ["KR"], "persons": 18,
               "host_level": "mayor"}  # fmt: skip
    assert token_client("read-only").post(f"{API}/visits/", payload, format="json").status_code == 403
    writer = token_client("foreign-affairs", write=["international.visits"])
    created = writer.post(f"{API}/visits/", payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["number"] == "111國訪字第001號"
    assert created.json()["left_on"] == "2022-06-09"
    bad = writer.post(f"{API}/visits/", {**payload, "left_on": "2022-06-01"}, format="json")
    assert bad.status_code == 400 and "left_on" in bad.json()["errors"]
    assert (
        writer.post(f"{API}/cities/", {"code": "x", "name_zh": "x", "name_local": "x", "country": "KR"}).status_code
        == 403
    )


def test_activity_with_donations_through_the_api(token_client, make_city):
    city = make_city("貝里斯市")
    writer = token_client("foreign-affairs", write=["international.activities"])
    response = writer.post(
        f"{API}/activities/",
        {"kind": "donation", "title": "筆電捐贈", "starts_on": "2022-01-13", "cities": [city.pk],
         "donation_items": [{"kind": "laptop", "quantity": 30, "unit": "台"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    listed = writer.get(f"{API}/activities/", {"kind": "donation", "city": city.pk}).json()["results"]
    assert listed[0]["donation_items"] == [
        {"kind": "laptop", "description": "", "quantity": 30, "unit": "台", "donor": ""}
    ]


def test_private_contacts_masked_unless_granted_and_full_views_logged(token_client, record_visit):
    record_visit(contact_name="王美玲", contact_phone="0912345678")
    row = token_client().get(f"{API}/visits/").json()["results"][0]
    assert (row["contact_name"], row["contact_phone"]) == ("王○玲", "0912***678")
    assert not PersonalDataAccess.objects.exists()
    full = token_client("police", personal_data=True).get(f"{API}/visits/").json()["results"][0]
    assert full["contact_phone"] == "0912345678"
    assert PersonalDataAccess.objects.get().channel == "api"


def test_signed_in_officer_and_staff(api_client, international_officer, staff_user, record_visit):
    record_visit()
    api_client.force_authenticate(staff_user)
    assert api_client.get(f"{API}/visits/").json()["count"] == 0
    api_client.force_authenticate(international_officer)
    assert api_client.get(f"{API}/visits/").json()["count"] == 1


@pytest.fixture
def reader(token_client):
    client = token_client()
    client.get(f"{API}/cities/")  # the token's first use is recorded once: not part of a list's cost
    return client


def test_city_api_queries(reader, make_city, sign):
    def grow(n):
        for i in range(n):
            sign(make_city(f"市{i}"), D(1990, 1, 1 + i % 28))

    assert_constant_queries(lambda: reader.get(f"{API}/cities/"), grow)


def test_visit_api_queries(reader, record_visit, make_city):
    city = make_city()

    def grow(n):
        for _ in range(n):
            record_visit(city=city)

    assert_constant_queries(lambda: reader.get(f"{API}/visits/"), grow)


def test_activity_api_queries(reader, make_city):
    city = make_city()

    def grow(n):
        for _ in range(n):
            services.activity_record(
                user=None, kind=ActivityKind.DONATION, title="捐贈", starts_on=D(2022, 1, 1), cities=[city],
                donation_items=[{"kind": "n95", "quantity": 1, "unit": "片"}],
            )  # fmt: skip

    assert_constant_queries(lambda: reader.get(f"{API}/activities/"), grow)


def test_gift_api_queries(reader):
    def grow(n):
        for _ in range(n):
            services.gift_record(
                user=None, direction=GiftDirection.RECEIVED, date=D(2022, 1, 1), description="禮",
                estimated_value=100, private_person_name="王小明",
            )  # fmt: skip

    assert_constant_queries(lambda: reader.get(f"{API}/gifts/"), grow)
    row = reader.get(f"{API}/gifts/").json()["results"][0]
    assert row["private_person_name"] == "王○明"


@pytest.mark.parametrize("path", ["agreements", "missions"])
def test_read_only_collections_queries(reader, make_city, sign, country, path):
    def grow(n):
        for i in range(n):
            sign(make_city(f"締{i}"), D(2000, 1, 1))
            ForeignMission.objects.create(name_zh=f"館{i}", country=country)

    assert_constant_queries(lambda: reader.get(f"{API}/{path}/"), grow)
