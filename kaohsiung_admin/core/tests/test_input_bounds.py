"""The shared bounds on input: ids a database integer holds, dates inside the office calendar."""

import datetime

import django_filters
import pytest
from django.core.exceptions import ValidationError

from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR, in_office_calendar, validate_office_date
from kaohsiung_admin.core.filters import MAX_ID, DateFilter, IdFilter
from kaohsiung_admin.core.models import CalendarOverride


def test_office_calendar_runs_from_roc_year_1_to_2200():
    assert (FIRST_YEAR, LAST_YEAR) == (1912, 2200)
    assert in_office_calendar(datetime.date(1912, 1, 1)) and in_office_calendar(datetime.date(2200, 12, 31))
    validate_office_date(None)
    validate_office_date(datetime.datetime(2022, 3, 24, 9, 0))
    for value in (datetime.date(1, 1, 1), datetime.date(1911, 12, 31), datetime.date(9999, 12, 31)):
        with pytest.raises(ValidationError) as raised:
            validate_office_date(value)
        assert raised.value.code == "date_out_of_range"


class OverrideFilters(django_filters.FilterSet):
    id = IdFilter()
    day = DateFilter(field_name="date")

    class Meta:
        model = CalendarOverride
        fields = []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, valid",
    [
        ({"id": "12"}, True),
        ({"id": str(MAX_ID)}, True),
        ({"id": str(MAX_ID + 1)}, False),  # was OverflowError on SQLite
        ({"id": "0"}, False),
        ({"id": "1.5"}, False),
        ({"id": "abc"}, False),
        ({"day": "2022-03-24"}, True),
        ({"day": "0001-01-01"}, False),
        ({"day": "9999-12-31"}, False),
        ({"day": "2022-02-30"}, False),
    ],
)
def test_id_and_date_filters_refuse_what_the_database_cannot_compare(query, valid):
    filters = OverrideFilters(query, queryset=CalendarOverride.objects.all())
    assert filters.is_valid() is valid, filters.errors
    list(filters.qs)  # never raises, valid or not


@pytest.mark.django_db
def test_calendar_override_api_answers_400_for_a_date_off_the_calendar(token_client):
    client = token_client()
    response = client.get("/api/v1/calendar/overrides/", {"date_before": "9999-12-31"})
    assert response.status_code == 400
    assert "date_before" in response.json()["errors"]
    assert client.get("/api/v1/calendar/overrides/", {"date_before": "2022-12-31"}).status_code == 200
