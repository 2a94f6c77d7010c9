"""The demo data states the seed's figures for ROC 111 (and the 110 column of the report), and
loads once."""

import io

import pytest

from dormitories import demo
from dormitories.figures import FIGURES
from dormitories.models import Asset, CheckItem, CheckRound, Dormitory, Occupancy
from kaohsiung_admin.core.personal_data import is_valid_national_id

pytestmark = pytest.mark.django_db

SEED_2022 = {
    "dormitories.total": 44,
    "dormitories.head_residences": 3,
    "dormitories.multi_room": 32,
    "dormitories.single_room": 6,
    "dormitories.family": 3,
    "dormitories.occupancy_checks": 2,
    "dormitories.residence_lendings": 10,
    "dormitories.stocktaking_rounds": 1,
}
REPORT_2021 = {
    "dormitories.total": 46,
    "dormitories.head_residences": 3,
    "dormitories.multi_room": 33,
    "dormitories.single_room": 7,
    "dormitories.family": 3,
    "dormitories.occupancy_checks": 2,
    "dormitories.residence_lendings": 6,
}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo.load(io.StringIO())
        yield
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def test_figures_equal_the_seed(demo_data, client, dormitory_clerk):
    figures = {f.key: f for f in FIGURES}
    assert {key: figures[key].compute(2022) for key in SEED_2022} == SEED_2022
    assert {key: figures[key].compute(2021) for key in REPORT_2021} == REPORT_2021
    assert figures["dormitories.assets_added"].compute(2022) > 0
    assert figures["dormitories.assets_reduced"].compute(2022) > figures["dormitories.assets_reduced"].compute(2021)
    # Each figure links to the list of its records, which shows the same number.
    client.force_login(dormitory_clerk)
    for key in (
        "dormitories.total",
        "dormitories.family",
        "dormitories.residence_lendings",
        "dormitories.occupancy_checks",
    ):
        response = client.get(figures[key].records_url(2022))
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == SEED_2022[key], key
    added = client.get(figures["dormitories.assets_added"].records_url(2022))
    assert added.context["page_obj"].paginator.count == figures["dormitories.assets_added"].compute(2022)


def test_demo_is_realistic_and_idempotent(demo_data):
    assert Asset.objects.count() > 2000
    assert CheckRound.objects.filter(year=2022).values_list("month", flat=True).order_by("month")[::1] == [5, 11]
    occupied_may = Occupancy.objects.filter(start_on__lte="2022-05-02").exclude(moved_out_on__lte="2022-05-02").count()
    assert CheckItem.objects.filter(round__year=2022, round__month=5).count() == occupied_may
    assert all(is_valid_national_id(n) for n in Occupancy.objects.values_list("occupant_national_id", flat=True))
    assert all(a.startswith("高雄市") for a in Dormitory.objects.values_list("address", flat=True))
    before = Asset.objects.count()
    out = io.StringIO()
    demo.load(out)
    assert "already" in out.getvalue() and Asset.objects.count() == before
