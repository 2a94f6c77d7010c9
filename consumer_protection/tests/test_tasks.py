"""The daily digest of due-soon and overdue cases to each officer and their unit head."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from consumer_protection import services
from consumer_protection.tasks import BEAT_SCHEDULE, send_due_digest
from kaohsiung_admin.core.formatting import roc_date
from kaohsiung_admin.core.models import Notification

pytestmark = pytest.mark.django_db


def test_digest_goes_to_the_officer_with_the_unit_head_in_copy(file_complaint, officer, manager, make_user):
    officer.supervisor = manager
    officer.save()
    today = datetime.date.today()
    overdue = file_complaint(first_filed_on=today - datetime.timedelta(days=40))
    soon = file_complaint(first_filed_on=today - datetime.timedelta(days=14))
    later = file_complaint(first_filed_on=today)
    closed = file_complaint(first_filed_on=today - datetime.timedelta(days=40))
    services.complaint_close(complaint=closed, user=officer, result="withdrawn")
    idle = make_user("idle", roles=["consumer_protection_officer"])
    file_complaint(user=idle, officer=idle, first_filed_on=today)  # nothing due: no e-mail

    assert send_due_digest.delay() is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email]
    assert message.cc == [manager.email]
    assert overdue.case_number in message.body and "已逾期 1 件" in message.body
    soon.refresh_from_db()
    if soon.due_on <= today + datetime.timedelta(days=3):
        assert soon.case_number in message.body
    assert later.case_number not in message.body
    assert closed.case_number not in message.body
    # the subject dates the digest as the pages do (ROC), and the same digest waits in the site
    assert f"（{roc_date(today, long=False)}）" in message.subject
    notice = Notification.objects.get(user=officer)
    assert notice.title == message.subject and overdue.case_number in notice.body
    assert notice.url.startswith(reverse("consumer_protection:complaint-list"))


def test_an_officer_without_an_address_still_gets_the_notice(file_complaint, officer):
    officer.email = ""
    officer.save()
    file_complaint(first_filed_on=datetime.date.today() - datetime.timedelta(days=40))
    send_due_digest.delay()
    assert len(mail.outbox) == 0
    assert Notification.objects.filter(user=officer, title__contains="逾期 1 件").exists()


def test_digest_is_on_the_beat_schedule():
    entry = BEAT_SCHEDULE["consumer-protection-daily-digest"]
    assert entry["task"] == send_due_digest.name
