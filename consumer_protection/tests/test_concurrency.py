"""Case numbers stay unique when officers file at the same moment (PostgreSQL, real threads)."""

import datetime
import threading

import pytest
from django.db import connection

from consumer_protection import services
from consumer_protection.models import Complaint
from kaohsiung_admin.core.dates import WorkdayCalendar
from kaohsiung_admin.core.models import RunningNumber

from .conftest import VALID_ID


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_filings_get_distinct_consecutive_numbers(postgres, officer):
    threads, errors = [], []
    barrier = threading.Barrier(8)

    def file_some():
        try:
            barrier.wait()
            for _ in range(5):
                services.complaint_file(
                    user=officer,
                    first_filed_on=datetime.date(2022, 3, 3),
                    category="telecom",
                    complainant_name="陳志明",
                    complainant_national_id=VALID_ID,
                    complainant_phone="0912345678",
                    business_name="遠傳電信",
                    narrative="爭議",
                    calendar=WorkdayCalendar({}),
                )
        except Exception as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            connection.close()

    for _ in range(8):
        thread = threading.Thread(target=file_some)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = list(Complaint.objects.values_list("sequence", flat=True))
    assert sorted(numbers) == list(range(1, 41))
    assert Complaint.objects.values("case_number").distinct().count() == 40
    assert RunningNumber.objects.get(kind="consumer_protection.complaint", year=2022).last == 40
