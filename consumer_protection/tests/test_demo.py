"""The demo data states the seed's figures for ROC 111, and loading it twice changes nothing."""

import io

import pytest

from consumer_protection import demo
from consumer_protection.models import Complaint
from kaohsiung_admin.core.figures import all_figures
from kaohsiung_admin.core.personal_data import is_valid_national_id

SEED_111 = {
    "consultations": 13_358,
    "first_complaints": 5_881,
    "second_complaints": 1_293,
    "mediation_meetings": 14,
    "mediation_cases": 196,
    "inspection_rounds": 34,
    "inspection_venues": 102,
    "education_events": 19,
    "trainings": 1,
    "training_participants": 31,
    "committee_meetings": 2,
    "mediation_committee_external": 11,
    "mediation_committee_officers": 4,
    "protection_committee_external": 7,
    "protection_committee_agencies": 8,
}


@pytest.mark.django_db
def test_demo_gives_the_seed_figures_and_is_idempotent(make_user):
    make_user("officer", roles=["consumer_protection_officer"])
    demo.load(stdout=io.StringIO())
    registered = all_figures()
    for key, value in SEED_111.items():
        assert registered[f"consumer_protection.{key}"].compute(2022) == value, key
    assert 0 < registered["consumer_protection.consultations"].compute(2021) < SEED_111["consultations"]
    ids = Complaint.objects.values_list("complainant_national_id", flat=True)[:500]
    assert all(is_valid_national_id(value) for value in ids)
    # The trader registry, the repeat-offender list, the success rate and a lawful roster.
    import datetime

    from consumer_protection import selectors, services
    from consumer_protection.choices import CommitteeKind, MediationStatus
    from consumer_protection.models import Committee, MediationCase

    assert not Complaint.objects.filter(trader__isnull=True).exists()
    officer = Complaint.objects.filter(officer__isnull=False).first().officer
    offenders = list(
        selectors.repeat_offenders(
            user=officer, start=datetime.date(2022, 1, 1), end=datetime.date(2023, 1, 1), minimum=100
        )
    )
    assert offenders and all(t.period_count >= 100 for t in offenders)
    assert offenders[0].period_count == max(t.period_count for t in offenders)
    ended = MediationCase.objects.filter(result_on__year=2022)
    established = ended.filter(status=MediationStatus.ESTABLISHED).count()
    failed = ended.filter(status=MediationStatus.FAILED).count()
    rate = registered["consumer_protection.mediation_success_rate"].compute(2022)
    assert established and failed and abs(float(rate) - established / (established + failed)) < 0.0001
    mediation_committee = Committee.objects.get(kind=CommitteeKind.MEDIATION)
    assert services.roster_problems(list(mediation_committee.members.all()), on=datetime.date(2022, 6, 1)) == []
    before = Complaint.objects.count()
    out = io.StringIO()
    demo.load(stdout=out)
    assert Complaint.objects.count() == before
    assert "already present" in out.getvalue()


def test_fake_national_ids_have_a_valid_checksum():
    import random

    rng = random.Random(1)
    assert all(is_valid_national_id(demo.fake_national_id(rng)) for _ in range(1000))
