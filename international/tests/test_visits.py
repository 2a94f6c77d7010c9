"""Visitor receptions: numbers, counts, mission history, masking of private persons' data."""

import datetime

import pytest

from international import selectors, services
from international.models import ForeignMission, MissionContact
from kaohsiung_admin.core.errors import ServiceError
from kaohsiung_admin.core.models import PersonalDataAccess

D = datetime.date


def test_numbers_run_per_year_and_counts_follow_the_records(record_visit):
    first = record_visit(D(2022, 1, 7), persons=2)
    second = record_visit(D(2022, 12, 8), persons=16)
    record_visit(D(2021, 12, 31), persons=40)
    assert (first.number, second.number) == ("111國訪字第001號", "111國訪字第002號")
    assert selectors.visit_counts(2022) == {"cases": 2, "persons": 18}
    assert selectors.visit_counts(2021) == {"cases": 1, "persons": 40}
    assert selectors.visit_counts(2020) == {"cases": 0, "persons": 0}


def test_a_visit_needs_a_country_and_sane_dates(record_visit):
    with pytest.raises(ServiceError) as no_country:
        services.visit_record(
            user=None, arrived_on=D(2022, 1, 1), persons=1, countries=[], delegation="x", host_level="bureau"
        )
    assert no_country.value.field == "countries"
    with pytest.raises(ServiceError) as dates:
        record_visit(D(2022, 1, 5), left_on=D(2022, 1, 4))
    assert dates.value.field == "left_on"


def test_a_missions_call_enters_its_contact_history(record_visit, country):
    mission = ForeignMission.objects.create(name_zh="駐台北韓國代表部", country=country)
    visit = record_visit(mission=mission, delegation="代表拜會")
    contact = MissionContact.objects.get(mission=mission)
    assert (contact.visit, contact.summary) == (visit, "代表拜會")


def test_contact_details_are_masked_and_each_full_view_logged(client, record_visit, international_officer, manager):
    visit = record_visit(contact_name="王美玲", contact_phone="0912345678", contact_email="mei@example.test")
    client.force_login(manager)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "0912345678" not in page and "王○玲" in page and "m***@example.test" in page
    assert client.post(visit.get_absolute_url(), {"reason": "聯繫"}).status_code == 404  # may not unmask
    client.force_login(international_officer)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "0912345678" not in page
    shown = client.post(visit.get_absolute_url(), {"reason": "聯繫訪團行程"}).content.decode()
    assert "0912345678" in shown
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.reason, log.object_id) == (international_officer, "聯繫訪團行程", str(visit.pk))
