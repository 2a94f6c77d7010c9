"""The clerk's pages: who may do what, masking and logging of occupants' personal data, forms."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from dormitories import services
from dormitories.choices import Finding
from dormitories.models import Asset, CheckItem, Occupancy
from dormitories.tests.conftest import NATIONAL_ID, make_dormitory
from kaohsiung_admin.core.models import PersonalDataAccess

pytestmark = pytest.mark.django_db

MASKED_ID = "E12****783"
LIST_PAGES = [
    "dormitories:index",
    "dormitories:dormitory-list",
    "dormitories:occupancy-list",
    "dormitories:application-list",
    "dormitories:checkround-list",
    "dormitories:repair-list",
    "dormitories:disposal-list",
    "dormitories:lending-list",
    "dormitories:asset-list",
    "dormitories:stocktaking-list",
    "dormitories:statistics",
]


@pytest.fixture
def clerk_client(client, dormitory_clerk):
    client.force_login(dormitory_clerk)
    return client


def _logs(record):
    return PersonalDataAccess.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    )


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LIST_PAGES)
def test_clerks_and_managers_read_every_page_staff_nothing(client, name, dormitory_clerk, manager, staff_user):
    url = reverse(name)
    client.force_login(staff_user)
    assert client.get(url).status_code == 403
    for user in (dormitory_clerk, manager):
        client.force_login(user)
        assert client.get(url).status_code == 200, (user, url)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("dormitories:dormitory-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_clerks_write(client, manager, dormitory_clerk, dormitory):
    data = {"occupant_name": "王小明", "eligibility_basis": "post", "start_on": "2022-03-01"}
    url = reverse("dormitories:occupancy-create", args=[dormitory.pk])
    client.force_login(manager)
    assert client.post(url, data).status_code == 403
    assert client.get(reverse("dormitories:dormitory-create")).status_code == 403
    page = client.get(dormitory.get_absolute_url()).content.decode()
    assert "登錄借住" not in page
    client.force_login(dormitory_clerk)
    response = client.post(url, data)
    assert response.status_code == 302
    assert Occupancy.objects.filter(dormitory=dormitory).count() == 1


def test_the_clash_is_explained_on_the_form(clerk_client, dormitory, occupy):
    first = occupy(dormitory, start_on=datetime.date(2022, 1, 1), occupant_name="陳大文")
    url = reverse("dormitories:occupancy-create", args=[dormitory.pk])
    response = clerk_client.post(
        url, {"occupant_name": "林小華", "eligibility_basis": "post", "start_on": "2022-03-01"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"#{first.pk}" in body and "陳大文" in body


# --- masking and logging ----------------------------------------------------------------------


def test_occupants_are_masked_on_lists_and_detail_until_a_logged_reveal(clerk_client, dormitory, occupy):
    occupancy = occupy(dormitory)
    for url in (reverse("dormitories:occupancy-list"), dormitory.get_absolute_url(), occupancy.get_absolute_url()):
        body = clerk_client.get(url).content.decode()
        assert MASKED_ID in body and NATIONAL_ID not in body and "0912345678" not in body, url
    assert not _logs(occupancy).exists()
    response = clerk_client.post(occupancy.get_absolute_url(), {"reason": "核對借用契約"})
    body = response.content.decode()
    assert NATIONAL_ID in body and "0912345678" in body
    assert response["Cache-Control"] == "no-store"
    log = _logs(occupancy).get()
    assert log.reason == "核對借用契約" and "occupant_national_id" in log.fields


def test_managers_never_see_occupants_in_full(client, manager, dormitory, occupy):
    occupancy = occupy(dormitory)
    client.force_login(manager)
    body = client.get(occupancy.get_absolute_url()).content.decode()
    assert MASKED_ID in body and "顯示完整個資" not in body
    assert client.post(occupancy.get_absolute_url(), {"reason": "x"}).status_code == 403
    url = reverse("dormitories:occupancy-list") + "?export=csv&personal_data=1&reason=x"
    assert client.get(url).status_code == 403
    assert not _logs(occupancy).exists()


def test_exports_are_masked_unless_full_with_a_reason_and_logged(clerk_client, dormitory, occupy):
    occupancy = occupy(dormitory)
    url = reverse("dormitories:occupancy-list")
    masked = b"".join(clerk_client.get(url + "?export=csv").streaming_content).decode()
    assert MASKED_ID in masked and NATIONAL_ID not in masked
    assert clerk_client.get(url + "?export=csv&personal_data=1").status_code == 400
    full = b"".join(clerk_client.get(url + "?export=csv&personal_data=1&reason=年度清查").streaming_content).decode()
    assert NATIONAL_ID in full
    assert _logs(occupancy).get().channel == "export"


def test_admin_shows_occupants_masked(client, administrator, dormitory, occupy):
    occupancy = occupy(dormitory)
    client.force_login(administrator)
    page = client.get(reverse("admin:dormitories_occupancy_change", args=[occupancy.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert MASKED_ID in body and NATIONAL_ID not in body
    assert client.get(reverse("admin:dormitories_occupancy_changelist")).status_code == 200


# --- pages that do things ---------------------------------------------------------------------


def test_the_phone_check_page_records_a_finding_with_a_photo(clerk_client, dormitory, occupy, dormitory_clerk):
    from PIL import Image

    occupy(dormitory, start_on=datetime.date(2021, 1, 1))
    other = make_dormitory()
    occupy(other, start_on=datetime.date(2021, 1, 1))
    check_round = services.check_round_open(year=2022, month=5, opened_on=datetime.date(2022, 5, 2), by=dormitory_clerk)
    item = CheckItem.objects.get(round=check_round, dormitory=dormitory)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "door.jpg"
    response = clerk_client.post(
        item.get_absolute_url(),
        {"finding": Finding.MISUSE, "checked_on": "2022-05-10", "note": "陽台加蓋", "photos": [buffer]},
    )
    assert response.status_code == 302
    assert response["Location"] == CheckItem.objects.get(round=check_round, dormitory=other).get_absolute_url()
    item.refresh_from_db()
    assert item.finding == Finding.MISUSE and item.photos.count() == 1
    page = clerk_client.get(check_round.get_absolute_url()).content.decode()
    assert "陽台加蓋" in page


def test_an_asset_card_refuses_the_sale_of_a_disposed_asset(clerk_client, add_asset, dormitory_clerk):
    asset = add_asset(acquired_on=datetime.date(2010, 1, 1))
    response = clerk_client.post(
        asset.get_absolute_url(), {"kind": "dispose", "on": "2022-05-01", "voucher_number": "V1"}
    )
    assert response.status_code == 302
    body = clerk_client.get(asset.get_absolute_url()).content.decode()
    assert "已報廢" in body and "<h2>登錄異動</h2>" not in body
    assert (
        clerk_client.post(
            asset.get_absolute_url(), {"kind": "sell", "on": "2022-06-01", "voucher_number": "V2"}
        ).status_code
        == 404
    )


def test_labels_pdf(clerk_client, add_asset):
    add_asset()
    response = clerk_client.get(reverse("dormitories:asset-labels"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_stocktaking_by_typing_numbers_then_the_discrepancy_report(clerk_client, add_asset, location, dormitory_clerk):
    assets = [add_asset() for _ in range(3)]
    stock_round = services.stocktaking_open(
        location=location, year=2022, opened_on=datetime.date(2022, 11, 1), by=dormitory_clerk
    )
    response = clerk_client.post(stock_round.get_absolute_url(), {"number": assets[0].number}, follow=True)
    assert "相符" in response.content.decode()
    json = clerk_client.post(
        stock_round.get_absolute_url(), {"number": assets[1].number}, HTTP_ACCEPT="application/json"
    ).json()
    assert json["ok"] and json["counts"]["found"] == 2
    bad = clerk_client.post(stock_round.get_absolute_url(), {"number": "nope"}, HTTP_ACCEPT="application/json")
    assert bad.status_code == 404 and "查無" in bad.json()["detail"]
    response = clerk_client.post(
        reverse("dormitories:stocktaking-close", args=[stock_round.pk]), {"closed_on": "2022-11-20"}, follow=True
    )
    report = response.content.decode()
    assert "盤點差異表" in report
    assert assets[2].number in report and assets[0].number not in report


def test_statistics_by_category_for_a_period(clerk_client, add_asset, dormitory_clerk):
    add_asset(cost=Decimal(30000), acquired_on=datetime.date(2022, 3, 1))
    old = add_asset(cost=Decimal(20000), acquired_on=datetime.date(2010, 3, 1))
    services.asset_record_event(
        asset=old, kind="dispose", on=datetime.date(2022, 6, 1), voucher_number="V", by=dormitory_clerk
    )
    response = clerk_client.get(reverse("dormitories:statistics"), {"start": "2022-01-01", "end": "2022-12-31"})
    row = response.context["rows"][0]
    assert (row["count"], row["value"], row["added_count"], row["reduced_count"], row["reduced_value"]) == (
        1,
        30000,
        1,
        1,
        20000,
    )
    export = clerk_client.get(
        reverse("dormitories:statistics"), {"start": "2022-01-01", "end": "2022-12-31", "export": "xlsx"}
    )
    assert export.status_code == 200


def test_import_page_shows_row_errors_and_saves_nothing(clerk_client, category, location):
    content = "分類編號,名稱,取得日期,取得成本,存置地點代碼,憑單編號\n6010101,個人電腦,2022-01-05,30000,SW-4F,V1\n6010101,,2022-01-05,abc,SW-4F,V1\n"
    upload = io.BytesIO(content.encode())
    upload.name = "register.csv"
    response = clerk_client.post(reverse("dormitories:asset-import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and "未匯入任何資料" in body and "「名稱」未填" in body
    assert not Asset.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999999",
        "?on_register_in=111&kind=family",
        "?on_register_in=99999999999",
        "?kind=<script>",
        "?ordering=-nonsense",
        "?export=pdf",
    ],
)
def test_hostile_queries_never_fail(clerk_client, dormitory, query):
    assert clerk_client.get(reverse("dormitories:dormitory-list") + query).status_code in (200, 400)


@pytest.mark.parametrize(
    "url",
    [
        "/dormitories/occupancies/?due=nope&started_after=99999-01-01",
        "/dormitories/assets/?event_year=0&acquired_after=1-01-01&category=zzz",
        "/dormitories/assets/statistics/?start=2022-13-01&end=x",
        "/dormitories/lendings/?year=-5&starts_after=2022-02-30",
        "/dormitories/units/999999999999999999999/",
    ],
)
def test_hostile_urls_never_fail(clerk_client, url):
    assert clerk_client.get(url).status_code in (200, 400, 404)
