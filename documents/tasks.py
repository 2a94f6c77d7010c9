"""Periodic work: the daily digest of documents and petitions due soon or overdue (SPEC
"Notifications"), to each handling officer with their unit head (User.supervisor) in copy."""

from __future__ import annotations

from collections import defaultdict

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from documents import selectors
from kaohsiung_admin.core.deadlines import DUE_SOON, today
from kaohsiung_admin.core.formatting import roc_date
from kaohsiung_admin.core.notifications import notify

BEAT_SCHEDULE = {
    "documents-daily-digest": {
        "task": "documents.tasks.send_due_digest",
        # Working mornings before the day starts (Asia/Taipei, CELERY_TIMEZONE).
        "schedule": crontab(hour=7, minute=40, day_of_week="mon-fri"),
    },
}

# A digest lists at most this many rows of each kind; the count says how many there are.
DIGEST_MAX_ROWS = 100


@shared_task(name="documents.tasks.send_due_digest", soft_time_limit=240, time_limit=300)
def send_due_digest() -> int:
    """One e-mail per officer with open, running documents and open petitions overdue or due
    within the due-soon window. Returns the number of e-mails sent."""
    on = today()
    officers: dict[int, object] = {}
    documents: dict[int, list] = defaultdict(list)
    petitions: dict[int, list] = defaultdict(list)
    for document in selectors.digest_documents(on=on).iterator(chunk_size=2000):
        officers[document.officer_id] = document.officer
        documents[document.officer_id].append(document)
    for petition in selectors.digest_petitions(on=on).iterator(chunk_size=2000):
        officers[petition.officer_id] = petition.officer
        petitions[petition.officer_id].append(petition)
    sent = 0
    for officer_id, officer in officers.items():
        mine, cases = documents.get(officer_id, []), petitions.get(officer_id, [])
        overdue = sum(1 for row in [*mine, *cases] if row.due_on < on)
        body = render_to_string(
            "documents/digest_email.txt",
            {
                "officer": officer,
                "today": on,
                "window": DUE_SOON.days,
                "documents": mine[:DIGEST_MAX_ROWS],
                "documents_more": max(len(mine) - DIGEST_MAX_ROWS, 0),
                "petitions": cases[:DIGEST_MAX_ROWS],
                "petitions_more": max(len(cases) - DIGEST_MAX_ROWS, 0),
            },
        )
        supervisor = officer.supervisor
        cc = [supervisor.email] if supervisor is not None and supervisor.email else []
        subject = f"[文書機要] 逾期 {overdue} 件、即將到期 {len(mine) + len(cases) - overdue} 件（{roc_date(on, long=False)}）"
        notify(officer, subject, url=reverse("documents:due-list"), body=body)  # the same digest in the site
        if not officer.email:
            continue
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [officer.email], cc=cc).send()
        sent += 1
    return sent
