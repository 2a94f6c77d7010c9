"""The demo data gives the seed's figures for ROC 111 (and 110's), from records, and loads once."""

import io
from decimal import Decimal

import pytest

from documents import demo, figures
from documents.models import OfficialDocument

SEED_2022 = {
    "documents.petitions": 964,
    "documents.e_exchange_organisations": 79,
    "documents.open_data_sets": 27,
    "documents.gazette_issues": 124,
    "documents.municipal_meetings": 52,
    "documents.extraordinary_meetings": 1,
    "documents.control_yuan_petitions_first": 5,
    "documents.control_yuan_petitions_second": 15,
}
EARLIER_2021 = {
    "documents.petitions": 903,
    "documents.e_exchange_organisations": 71,
    "documents.open_data_sets": 24,
    "documents.gazette_issues": 104,
    "documents.municipal_meetings": 51,
    "documents.control_yuan_petitions_first": 7,
    "documents.control_yuan_petitions_second": 9,
}


@pytest.mark.django_db(transaction=False)
def test_demo_figures_equal_the_seed_and_a_second_load_changes_nothing(settings):
    from kaohsiung_admin.accounts import demo as accounts_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    accounts_demo.load(stdout=out)
    demo.load(stdout=out)
    by_key = {figure.key: figure for figure in figures.FIGURES}
    assert {key: by_key[key].compute(2022) for key in SEED_2022} == SEED_2022
    assert {key: by_key[key].compute(2021) for key in EARLIER_2021} == EARLIER_2021
    # The report says both targets of 行政院 were met (45% and 70%), without the rates.
    assert by_key["documents.e_sign_rate"].compute(2022) >= Decimal("0.45")
    assert by_key["documents.e_exchange_rate"].compute(2022) >= Decimal("0.70")
    assert 0.9 < by_key["documents.on_time_rate"].compute(2022) <= 1
    assert 18_000 <= OfficialDocument.objects.filter(year=2022).count() <= 22_000
    assert by_key["documents.received"].compute(2022) > by_key["documents.received"].compute(2021)
    # Something is overdue today, for the due lists and the digest.
    assert OfficialDocument.objects.overdue().exists()
    count = OfficialDocument.objects.count()
    demo.load(stdout=out)
    assert OfficialDocument.objects.count() == count


def test_every_figure_is_registered_once_with_a_records_page(db):
    keys = [figure.key for figure in figures.FIGURES]
    assert len(keys) == len(set(keys)) == 13
    assert {f.key for f in figures.FIGURES if f.kind == "percent"} == {
        "documents.e_sign_rate",
        "documents.e_exchange_rate",
        "documents.on_time_rate",
    }
    for figure in figures.FIGURES:
        assert figure.records_url(2022).startswith("/documents/")
