"""The officer's pages: permissions, constant query counts, forms that go through services."""

import datetime

import pytest
from django.urls import reverse

from international import services
from international.choices import ActivityKind, DonationItemKind, GiftDirection, GiftReportStatus
from international.models import Dignitary, ForeignMission, Gift, VisitCase
from kaohsiung_admin.core.testing import assert_constant_queries

D = datetime.date

LISTS = ["city-list", "visit-list", "activity-list", "gift-list", "mission-list", "anniversaries"]


@pytest.mark.parametrize("name", LISTS)
def test_staff_without_the_role_are_refused_and_anonymous_sent_to_sign_in(client, staff_user, name):
    url = reverse(f"international:{name}")
    assert client.get(url).status_code == 302
    client.force_login(staff_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_officer_and_manager_read(client, international_officer, manager, name):
    for user in (international_officer, manager):
        client.force_login(user)
        assert client.get(reverse(f"international:{name}")).status_code == 200


def test_manager_reads_but_does_not_record(client, manager):
    client.force_login(manager)
    for name in ("visit-create", "activity-create", "gift-create", "agreement-create"):
        assert client.get(reverse(f"international:{name}")).status_code == 403


def test_nav_items_for_the_officer(client, international_officer):
    client.force_login(international_officer)
    page = client.get(reverse("international:visit-list")).content.decode()
    assert reverse("international:anniversaries") in page and "禮品登記" in page


# --- query counts: the same for 1 row and for 50 -------------------------------------------------


@pytest.fixture
def officer_client(client, international_officer):
    client.force_login(international_officer)
    return client


def test_city_list_queries(officer_client, make_city, sign):
    def grow(n):
        for i in range(n):
            city = make_city(f"市{i}")
            sign(city, D(1990 + i % 30, 1, 1 + i % 28))

    assert_constant_queries(lambda: officer_client.get(reverse("international:city-list")), grow)


def test_visit_list_queries(officer_client, record_visit, make_city):
    city = make_city()

    def grow(n):
        for _ in range(n):
            record_visit(city=city)

    assert_constant_queries(lambda: officer_client.get(reverse("international:visit-list") + "?year=111"), grow)


def test_activity_list_queries(officer_client, make_city):
    city = make_city()

    def grow(n):
        for _ in range(n):
            services.activity_record(
                user=None,
                kind=ActivityKind.DONATION,
                title="捐贈",
                starts_on=D(2022, 2, 22),
                cities=[city],
                donation_items=[{"kind": DonationItemKind.N95, "quantity": 10, "unit": "片"}],
            )

    assert_constant_queries(lambda: officer_client.get(reverse("international:activity-list")), grow)


def test_gift_list_queries(officer_client, make_city):
    city = make_city()

    def grow(n):
        for _ in range(n):
            services.gift_record(
                user=None, direction=GiftDirection.RECEIVED, date=D(2022, 3, 1), description="禮品",
                estimated_value=9000, counterpart="某市", city=city,
            )  # fmt: skip

    assert_constant_queries(lambda: officer_client.get(reverse("international:gift-list")), grow)


def test_mission_list_queries(officer_client, country):
    def grow(n):
        for i in range(n):
            mission = ForeignMission.objects.create(name_zh=f"辦事處{i}", country=country)
            person = Dignitary.objects.create(name_zh=f"處長{i}")
            services.appointment_record(
                user=None, dignitary=person, mission=mission, title="處長", started_on=D(2022, 1, 1)
            )

    assert_constant_queries(lambda: officer_client.get(reverse("international:mission-list")), grow)


# --- pages that record --------------------------------------------------------------------------


def test_recording_a_visit_on_the_page_puts_it_on_the_citys_timeline(officer_client, make_city, country):
    city = make_city("釜山市")
    form = officer_client.get(reverse("international:visit-create") + f"?city={city.pk}")
    assert form.status_code == 200
    response = officer_client.post(
        reverse("international:visit-create"),
        {
            "arrived_on": "2022-04-12",
            "delegation": "釜山市政府訪團",
            "countries": [country.pk],
            "city": city.pk,
            "persons": 6,
            "host_level": "mayor",
            "hosts": "陳其邁市長",
        },
    )
    visit = VisitCase.objects.get()
    assert response.status_code == 302 and response.url == visit.get_absolute_url()
    assert visit.left_on == visit.arrived_on
    page = officer_client.get(city.get_absolute_url()).content.decode()
    assert "釜山市政府訪團" in page and "訪賓接待" in page


def test_a_refused_visit_shows_the_reason_on_the_form(officer_client, country):
    response = officer_client.post(
        reverse("international:visit-create"),
        {
            "arrived_on": "2022-04-12",
            "left_on": "2022-04-10",
            "delegation": "x",
            "countries": [country.pk],
            "persons": 1,
            "host_level": "bureau",
        },
    )
    assert response.status_code == 200
    assert "離開日期不可早於來訪日期" in response.content.decode()


def test_recording_an_agreement_on_the_page(officer_client, make_city):
    a, b = make_city("熊本縣"), make_city("熊本市")
    response = officer_client.post(
        reverse("international:agreement-create"),
        {"title": "友好交流協定", "kind": "friendship", "cities": [a.pk, b.pk], "signed_on": "2017-01-11"},
    )
    assert response.status_code == 302
    pages = [officer_client.get(city.get_absolute_url()).content.decode() for city in (a, b)]
    assert sorted("高雄第1個" in page for page in pages) == [False, True]  # two ties, numbered 1 and 2
    assert all("高雄第2個" in page or "高雄第1個" in page for page in pages)
    assert "熊本" in pages[0] and "締約城市" in pages[0]


def test_gift_report_and_decision_from_the_list(officer_client):
    officer_client.post(
        reverse("international:gift-create"),
        {
            "direction": "received",
            "date": "2022-03-01",
            "description": "畫作",
            "quantity": 1,
            "estimated_value": 30000,
            "counterpart": "聖安東尼市政府",
            "staff_count": 1,
        },
    )
    gift = Gift.objects.get()
    assert gift.report_status == GiftReportStatus.TO_REPORT
    page = officer_client.get(reverse("international:gift-list")).content.decode()
    assert "已逾期" in page  # 2022's clock has long run out
    officer_client.post(reverse("international:gift-report", args=[gift.pk]), {"reported_on": "2022-03-02"})
    officer_client.post(reverse("international:gift-decide", args=[gift.pk]), {"disposition": "hand_to_agency"})
    gift.refresh_from_db()
    assert (gift.report_status, gift.disposition) == (GiftReportStatus.DECIDED, "hand_to_agency")


def test_export_of_the_visit_list_masks_private_contacts(officer_client, record_visit):
    record_visit(contact_name="王美玲", contact_phone="0912345678")
    response = officer_client.get(reverse("international:visit-list") + "?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "王○玲" in body and "王美玲" not in body


def test_detail_pages_render_and_unknown_ids_are_404(officer_client, make_city, sign, country):
    city = make_city()
    sign(city, D(2000, 2, 29))
    mission = ForeignMission.objects.create(name_zh="辦事處", country=country)
    assert officer_client.get(city.get_absolute_url()).status_code == 200
    assert officer_client.get(mission.get_absolute_url()).status_code == 200
    assert officer_client.get(reverse("international:city-detail", args=[99999])).status_code == 404
    assert officer_client.get(reverse("international:anniversaries") + "?year=111").status_code == 200
    assert (
        officer_client.get(reverse("international:visit-list") + "?year=abc&arrived_after=99999-1-1").status_code == 200
    )


def test_ending_a_tie_on_the_city_page(officer_client, make_city, sign):
    first, second = make_city("甲市"), make_city("乙市")
    sign(first, D(1990, 1, 1))
    sign(second, D(2000, 1, 1))
    tie = first.partnerships.get()
    refused = officer_client.post(
        reverse("international:partnership-end", args=[tie.pk]), {"ended_on": "1980-01-01", "reason": "x"}
    )
    assert refused.status_code == 302
    tie.refresh_from_db()
    assert tie.ended_on is None
    officer_client.post(
        reverse("international:partnership-end", args=[tie.pk]), {"ended_on": "2020-05-01", "reason": "對方終止"}
    )
    tie.refresh_from_db()
    assert tie.ended_on == D(2020, 5, 1)
    page = officer_client.get(second.get_absolute_url()).content.decode()
    assert "高雄第2個" in page  # the later tie keeps its number


def test_private_givers_are_masked_on_the_gift_list(officer_client):
    services.gift_record(
        user=None, direction=GiftDirection.RECEIVED, date=D(2022, 11, 28), description="茶具",
        estimated_value=2000, private_person_name="陳志強", private_person_phone="0987654321",
    )  # fmt: skip
    page = officer_client.get(reverse("international:gift-list")).content.decode()
    assert "陳○強" in page and "陳志強" not in page and "0987654321" not in page


@pytest.mark.parametrize(
    "query",
    ["year=99999", "year=-1", "country=abc", "city=99999999999999999999999", "page=999", "arrived_after=2022-13-40",
     "q=" + "x" * 500, "due=whenever", "ordering=,"],
)  # fmt: skip
def test_hostile_queries_never_500(officer_client, token_client, query):
    for name in ("visit-list", "city-list", "activity-list", "gift-list"):
        assert officer_client.get(reverse(f"international:{name}") + "?" + query).status_code == 200
    for path in ("visits", "cities", "activities", "gifts"):
        assert token_client().get(f"/api/v1/international/{path}/?{query}").status_code in (200, 400, 404)


def test_a_new_city_then_its_agreement(officer_client, country):
    response = officer_client.post(
        reverse("international:city-create"),
        {"code": "bratislava-region", "name_zh": "布拉提斯拉瓦省", "name_local": "Bratislava Region",
         "country": country.pk, "level": "province"},
    )  # fmt: skip
    assert response.status_code == 302
    duplicate = officer_client.post(
        reverse("international:city-create"),
        {"code": "bratislava-region", "name_zh": "x", "name_local": "x", "country": country.pk, "level": "city"},
    )
    assert duplicate.status_code == 200  # the code is unique: the form says so


def test_mission_contact_and_a_change_of_head(officer_client, manager, client, country):
    mission = ForeignMission.objects.create(name_zh="美國在台協會", country=country)
    old = Dignitary.objects.create(name_zh="酈英傑")
    services.appointment_record(user=None, dignitary=old, mission=mission, title="處長", started_on=D(2018, 8, 1))
    url = mission.get_absolute_url()
    officer_client.post(url, {"head-name_zh": "孫曉雅", "head-name_local": "Sandra Oudkirk", "head-title": "處長",
                              "head-started_on": "2021-07-01"})  # fmt: skip
    officer_client.post(url, {"contact-kind": "courtesy_call", "contact-date": "2022-09-23",
                              "contact-summary": "處長拜會市長"})  # fmt: skip
    page = officer_client.get(url).content.decode()
    assert "孫曉雅" in page and "處長拜會市長" in page
    assert old.appointments.get().ended_on == D(2021, 6, 30)
    assert mission.appointments.filter(ended_on__isnull=True).get().dignitary.name_zh == "孫曉雅"
    client.force_login(manager)
    assert client.post(url, {"contact-summary": "x"}).status_code == 403


def test_correcting_a_visit_keeps_its_number(officer_client, record_visit, country, manager, client):
    visit = record_visit(D(2022, 5, 3), persons=3, delegation="訪團")
    url = reverse("international:visit-update", args=[visit.pk])
    assert officer_client.get(url).status_code == 200
    response = officer_client.post(
        url, {"arrived_on": "2022-05-04", "delegation": "修正後訪團", "countries": [country.pk], "persons": 4,
              "host_level": "bureau"},
    )  # fmt: skip
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.number, visit.delegation, visit.persons, visit.left_on) == (
        "111國訪字第001號", "修正後訪團", 4, D(2022, 5, 4),
    )  # fmt: skip
    client.force_login(manager)
    assert client.get(url).status_code == 403
