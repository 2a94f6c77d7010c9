"""The annual report's figures come from the records of the year."""

import datetime

import pytest
from django.test import Client

from consumer_protection import figures, services
from consumer_protection.choices import FirstRecipient
from kaohsiung_admin.core.figures import all_figures, all_series

pytestmark = pytest.mark.django_db
D = datetime.date


def test_every_agreed_key_is_registered_with_a_records_page():
    keys = {k for k in all_figures() if k.startswith("consumer_protection.")}
    assert keys == {
        f"consumer_protection.{name}"
        for name in [
            "consultations",
            "first_complaints",
            "second_complaints",
            "mediation_meetings",
            "mediation_cases",
            "inspection_rounds",
            "inspection_venues",
            "education_events",
            "trainings",
            "training_participants",
            "committee_meetings",
            "mediation_committee_external",
            "mediation_committee_officers",
            "protection_committee_external",
            "protection_committee_agencies",
            "handled_within_limit",
            "mediation_success_rate",
        ]
    }
    assert all(all_figures()[k].records_url for k in keys)
    assert {"consumer_protection.complaints_by_month", "consumer_protection.complaints_by_category"} <= set(
        all_series()
    )


def test_counts_and_share_within_the_limit(file_complaint, officer, manager):
    a = file_complaint(first_filed_on=D(2022, 3, 3), category="telecom")
    b = file_complaint(first_filed_on=D(2022, 3, 4), category="telecom")
    file_complaint(first_filed_on=D(2022, 5, 4), category="food", first_received_by=FirstRecipient.BUSINESS)
    file_complaint(first_filed_on=D(2021, 5, 4))
    services.complaint_record_business_reply(complaint=a, user=officer, replied_on=D(2022, 3, 10))  # in time
    services.complaint_record_business_reply(complaint=b, user=officer, replied_on=D(2022, 3, 30))  # late
    services.complaint_mark_not_resolved(complaint=b, user=officer)
    services.complaint_file_second(complaint=b, user=officer, filed_on=D(2022, 4, 1))
    assert figures.first_complaints(2022) == 2  # the one filed with the business is not the Bureau's
    assert figures.second_complaints(2022) == 1
    assert figures.handled_within_limit(2022) == 0.5
    assert figures.complaints_by_category(2022) == [("電信", 2)]
    assert dict(figures.complaints_by_month(2022))["3月"] == 2

    # The records page behind a figure lists exactly the figure's records.
    client = Client()
    client.force_login(manager)
    url = all_figures()["consumer_protection.first_complaints"].records_url(2022)
    assert client.get(url).context["page_obj"].paginator.count == 2
    url = all_figures()["consumer_protection.second_complaints"].records_url(2022)
    assert client.get(url).context["page_obj"].paginator.count == 1
