"""Periodic work: the daily digest of cases due soon or overdue (SPEC "Notifications")."""

from __future__ import annotations

from collections import defaultdict

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from consumer_protection import selectors
from kaohsiung_admin.core.deadlines import DUE_SOON, DueState, due_state
from kaohsiung_admin.core.formatting import roc_date
from kaohsiung_admin.core.notifications import notify

BEAT_SCHEDULE = {
    "consumer-protection-daily-digest": {
        "task": "consumer_protection.tasks.send_due_digest",
        # Working mornings, before the officers' day starts (Asia/Taipei, CELERY_TIMEZONE).
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
    # CPA Art. 45-3 / 45-5 I: no objection within the window → deemed established.
    "consumer-protection-establish-unobjected": {
        "task": "consumer_protection.tasks.establish_unobjected_proposals",
        "schedule": crontab(hour=0, minute=20),
    },
}


@shared_task(name="consumer_protection.tasks.establish_unobjected_proposals", soft_time_limit=240, time_limit=300)
def establish_unobjected_proposals() -> int:
    """Mediation proposals and small-claims 解決方案 whose objection window has ended without an
    objection are deemed established (services.establish_unobjected_proposals)."""
    from consumer_protection import services

    return services.establish_unobjected_proposals()


# A digest lists at most this many cases per officer; the count says how many there are.
DIGEST_MAX_ROWS = 100


@shared_task(name="consumer_protection.tasks.send_due_digest", soft_time_limit=240, time_limit=300)
def send_due_digest() -> int:
    """One e-mail per officer with open cases due within the due-soon window or overdue, copied
    to the officer's unit head (User.supervisor). Returns the number of e-mails sent."""
    today = timezone.localdate()
    by_officer: dict[int, list] = defaultdict(list)
    officers = {}
    for complaint in selectors.digest_cases(today=today).iterator(chunk_size=2000):
        officers[complaint.officer_id] = complaint.officer
        by_officer[complaint.officer_id].append(complaint)
    sent = 0
    for officer_id, cases in by_officer.items():
        officer = officers[officer_id]
        overdue = [c for c in cases if due_state(c.due_on, on=today) == DueState.OVERDUE]
        due_soon = [c for c in cases if due_state(c.due_on, on=today) == DueState.DUE_SOON]
        body = render_to_string(
            "consumer_protection/digest_email.txt",
            {
                "officer": officer,
                "today": today,
                "overdue": overdue[:DIGEST_MAX_ROWS],
                "due_soon": due_soon[:DIGEST_MAX_ROWS],
                "overdue_count": len(overdue),
                "due_soon_count": len(due_soon),
                "window": DUE_SOON.days,
            },
        )
        supervisor = officer.supervisor
        cc = [supervisor.email] if supervisor is not None and supervisor.email else []
        subject = f"[消費者保護] 逾期 {len(overdue)} 件、即將到期 {len(due_soon)} 件（{roc_date(today, long=False)}）"
        # The same digest in the site (the header's notices), also for an officer without an address.
        notify(officer, subject, url=reverse("consumer_protection:complaint-list") + "?mine=true", body=body)
        if not officer.email:
            continue
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [officer.email], cc=cc).send()
        sent += 1
    return sent
