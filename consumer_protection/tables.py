"""Rows of the list pages, prepared in Python once per page.

A list page shows 50 rows of ten cells; rendering `get_FOO_display`, `{% url %}`, date filters
and includes per cell costs more than the database query. Labels are looked up once per request
and each row becomes a small dict the template only prints (bench/bench_consumer_protection_lists.py).
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from consumer_protection.choices import Result, Stage
from consumer_protection.models import Complaint, category_choices
from kaohsiung_admin.core.deadlines import due_css
from kaohsiung_admin.core.formatting import roc_date


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def complaint_rows(complaints, *, today: datetime.date, names: bool = True) -> list[dict]:
    """`names`: the viewer's role sees complainants' names (officers); else 王○明."""
    from kaohsiung_admin.core.personal_data import mask_name

    categories, stages, results = _labels(category_choices()), _labels(Stage.choices), _labels(Result.choices)
    base = reverse("consumer_protection:complaint-list")
    mask_id = Complaint.personal_fields["complainant_national_id"]
    mask_phone = Complaint.personal_fields["complainant_phone"]
    rows = []
    for c in complaints:
        officer = c.officer
        rows.append(
            {
                "url": f"{base}{c.pk}/",
                "case_number": c.case_number,
                "filed": roc_date(c.first_filed_on, long=False),
                "category": categories.get(c.category, c.category),
                "name": c.complainant_name if names else mask_name(c.complainant_name),
                "national_id": mask_id(c.complainant_national_id),
                "phone": mask_phone(c.complainant_phone),
                "business": c.business_name,
                "stage": stages.get(c.stage, c.stage),
                "result": results.get(c.result, "") if c.result else "",
                "due": roc_date(c.due_on, long=False) if c.due_on else "",
                "due_state": due_css(c.due_on, done=c.stage == Stage.CLOSED, on=today),
                "officer": str(officer) if officer is not None else "",
            }
        )
    return rows
