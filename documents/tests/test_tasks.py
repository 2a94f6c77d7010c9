"""The daily digest: one e-mail per officer, the unit head in copy, overdue and due soon."""

import datetime

from django.core import mail

from documents import tasks
from documents.tasks import BEAT_SCHEDULE


def test_digest_goes_to_each_officer_with_the_head_in_copy(make_user, bulk_documents, bulk_petitions, unit):
    head = make_user("head", display_name="王科長")
    officer = make_user("handler", display_name="林承辦", supervisor=head)
    quiet = make_user("quiet")
    bulk_documents(2, officer=officer)
    bulk_documents(1, officer=quiet, status="kept", closed_on=datetime.date(2022, 3, 3))  # done: no mail
    bulk_documents(1, officer=officer, paused_since=datetime.date(2022, 3, 4))  # paused: not listed
    bulk_petitions(1, officer=officer)
    assert tasks.send_due_digest() == 1
    (message,) = [m for m in mail.outbox if officer.email in m.to]
    assert message.cc == [head.email]
    assert "逾期 3 件" in message.subject
    assert message.body.count("（逾期）") == 3
    assert BEAT_SCHEDULE["documents-daily-digest"]["task"] == "documents.tasks.send_due_digest"


def test_the_digest_is_also_a_notice_in_the_site(make_user, bulk_documents):
    from django.urls import reverse

    from kaohsiung_admin.core.models import Notification

    officer = make_user("handler", display_name="林承辦")
    quiet = make_user("quiet")
    bulk_documents(2, officer=officer)
    tasks.send_due_digest()
    notice = Notification.objects.get(user=officer)
    assert "逾期 2 件" in notice.title
    assert notice.url == reverse("documents:due-list")
    assert not Notification.objects.filter(user=quiet).exists()
