"""The API: filters, masking, writes for granted tokens only, clashes as 409."""

import datetime

import pytest

from dormitories.choices import DormitoryKind
from dormitories.models import Occupancy
from dormitories.tests.conftest import NATIONAL_ID, make_dormitory
from kaohsiung_admin.core.models import PersonalDataAccess

pytestmark = pytest.mark.django_db

BASE = "/api/v1/dormitories/"


def test_dormitories_filter_by_kind_status_and_district(token_client):
    make_dormitory(kind=DormitoryKind.HEAD, district="鼓山區")
    make_dormitory(kind=DormitoryKind.SINGLE_ROOM, district="苓雅區", status="occupied")
    client = token_client()
    assert client.get(BASE + "dormitories/").json()["count"] == 2
    assert [d["kind"] for d in client.get(BASE + "dormitories/?kind=head").json()["results"]] == ["head"]
    assert client.get(BASE + "dormitories/?status=occupied").json()["count"] == 1
    assert client.get(BASE + "dormitories/?district=鼓山區").json()["count"] == 1
    assert client.get(BASE + "dormitories/?kind=castle").status_code == 400


def test_assets_filter_by_category_kind_status_and_location(token_client, add_asset, other_location, category):
    add_asset(cost=5000)
    add_asset(at=other_location)
    client = token_client()
    assert client.get(BASE + "assets/?kind=item").json()["count"] == 1
    assert client.get(BASE + "assets/?location=SW-5F").json()["count"] == 1
    assert client.get(BASE + "assets/?category=6010101&status=in_use").json()["count"] == 2
    assert client.get(BASE + "assets/?group=6").json()["count"] == 2
    detail = client.get(BASE + f"assets/{add_asset().pk}/").json()
    assert [e["kind"] for e in detail["events"]] == ["add"]


def test_occupants_are_masked_for_tokens_without_the_personal_data_grant(token_client, dormitory, occupy):
    occupancy = occupy(dormitory)
    body = token_client().get(BASE + "occupancies/").json()["results"][0]
    assert body["occupant_national_id"] == "E12****783" and body["occupant_phone"] != "0912345678"
    assert not PersonalDataAccess.objects.exists()
    full = token_client("tax-office", personal_data=True).get(BASE + f"occupancies/{occupancy.pk}/").json()
    assert full["occupant_national_id"] == NATIONAL_ID
    assert PersonalDataAccess.objects.get().channel == "api"


def test_writes_need_a_grant(token_client, dormitory):
    payload = {
        "dormitory": dormitory.pk,
        "occupant_name": "王小明",
        "eligibility_basis": "post",
        "start_on": "2022-03-01",
    }
    assert token_client().post(BASE + "occupancies/", payload, format="json").status_code == 403
    writer = token_client("personnel", write=["dormitories.occupancies"])
    created = writer.post(BASE + "occupancies/", payload, format="json")
    assert created.status_code == 201, created.json()
    clash = writer.post(BASE + "occupancies/", {**payload, "start_on": "2022-05-01"}, format="json")
    assert clash.status_code == 409
    assert clash.json()["conflicting_occupancy"] == created.json()["id"]
    moved = writer.post(BASE + f"occupancies/{created.json()['id']}/move-out/", {"on": "2022-09-30"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "ended"
    assert Occupancy.objects.get().moved_out_on == datetime.date(2022, 9, 30)


def test_signed_in_users_write_by_permission(api_client, manager, dormitory_clerk, category, location):
    payload = {
        "category": "6010101",
        "name": "筆電",
        "acquired_on": "2022-02-01",
        "cost": "28000",
        "location": "SW-4F",
        "voucher_number": "111增字第9號",
    }
    api_client.force_authenticate(manager)
    assert api_client.get(BASE + "assets/").status_code == 200
    assert api_client.post(BASE + "assets/", payload, format="json").status_code == 403
    api_client.force_authenticate(dormitory_clerk)
    created = api_client.post(BASE + "assets/", payload, format="json")
    assert created.status_code == 201 and created.json()["kind"] == "property"
    asset_id = created.json()["id"]
    early = api_client.post(
        BASE + f"assets/{asset_id}/events/",
        {"kind": "dispose", "on": "2022-06-01", "voucher_number": "V"},
        format="json",
    )
    assert early.status_code == 400 and early.json()["code"] == "approval_required"
    api_client.force_authenticate(manager)
    assert (
        api_client.post(
            BASE + f"assets/{asset_id}/events/",
            {"kind": "relocate", "on": "2022-06-01", "voucher_number": "V"},
            format="json",
        ).status_code
        == 403
    )


def test_staff_read_nothing(api_client, staff_user, dormitory):
    api_client.force_authenticate(staff_user)
    assert api_client.get(BASE + "dormitories/").json()["count"] == 0


def test_lendings_clash_as_409_and_filter_by_year(token_client, residence):
    writer = token_client("culture", write=["dormitories.lendings"])
    payload = {
        "dormitory": residence.pk,
        "borrower": "高雄市文化基金會",
        "borrower_kind": "group",
        "purpose": "arts",
        "event_name": "藝文沙龍",
        "start_at": "2022-05-20T13:00:00+08:00",
        "end_at": "2022-05-20T17:00:00+08:00",
    }
    first = writer.post(BASE + "lendings/", payload, format="json").json()
    assert writer.post(BASE + f"lendings/{first['id']}/decide/", {"approve": True}, format="json").status_code == 200
    clash = writer.post(
        BASE + "lendings/",
        {**payload, "start_at": "2022-05-20T16:00:00+08:00", "end_at": "2022-05-20T18:00:00+08:00"},
        format="json",
    )
    assert clash.status_code == 409 and clash.json()["conflicting_lending"] == first["id"]
    reader = token_client()
    assert reader.get(BASE + "lendings/?year=2022&mayor_residence=true&status=approved").json()["count"] == 1
    assert reader.get(BASE + "lendings/?year=111").json()["count"] == 1
    assert reader.get(BASE + "lendings/?year=2021").json()["count"] == 0


def test_check_rounds_open_record_and_close_through_the_api(token_client, dormitory, occupy):
    occupy(dormitory, start_on=datetime.date(2021, 1, 1))
    writer = token_client("audit", write=["dormitories.check-rounds"])
    opened = writer.post(BASE + "check-rounds/", {"year": 2022, "month": 5, "opened_on": "2022-05-02"}, format="json")
    assert opened.status_code == 201 and opened.json()["item_count"] == 1
    round_id = opened.json()["id"]
    items = writer.get(BASE + f"check-rounds/{round_id}/items/").json()
    recorded = writer.post(
        BASE + f"check-rounds/{round_id}/record/",
        {"item": items[0]["id"], "finding": "residing", "checked_on": "2022-05-10"},
        format="json",
    )
    assert recorded.status_code == 200
    closed = writer.post(BASE + f"check-rounds/{round_id}/close/", {"on": "2022-05-31"}, format="json").json()
    assert closed["unchecked"] == []
    assert token_client().get(BASE + "check-rounds/?year=111&status=closed").json()["count"] == 1


def test_every_collection_is_in_the_schema(api_client, administrator):
    api_client.force_authenticate(administrator)
    schema = api_client.get("/api/schema/").content.decode()
    for path in ("dormitories/", "assets/", "occupancies/", "check-rounds/", "lendings/", "stocktaking/"):
        assert f"/api/v1/dormitories/{path}" in schema
