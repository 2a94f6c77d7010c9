"""The facilities e-mails also leave an in-app notice (core.notifications), with a link to the page
where the recipient acts, and a requester without an e-mail address is still told."""

import pytest
from django.core import mail
from django.urls import reverse

from facilities import services, tasks
from facilities.tests.conftest import at
from kaohsiung_admin.core.models import Notification

pytestmark = pytest.mark.django_db


def test_the_clerks_reminder_is_also_a_notice_linking_to_the_queue(hall, day, staff_user, facility_clerk):
    services.booking_create(resource=hall, start=at(day, 8), end=at(day, 12), title="頒獎典禮", requested_by=staff_user)
    assert tasks.remind_pending_bookings() == 1
    notice = Notification.objects.get(user=facility_clerk)
    assert notice.title == mail.outbox[-1].subject
    assert notice.url == reverse("facilities:booking-queue")
    assert not Notification.objects.filter(user=staff_user).exists()


def test_a_decision_reaches_a_requester_without_an_e_mail_address(hall, day, staff_user, facility_clerk):
    staff_user.email = ""
    staff_user.save()
    booking = services.booking_create(
        resource=hall, start=at(day, 8), end=at(day, 12), title="頒獎典禮", requested_by=staff_user
    )
    services.booking_approve(booking=booking, user=facility_clerk)
    outbox_before = len(mail.outbox)
    tasks.send_booking_decision(booking.pk)
    assert len(mail.outbox) == outbox_before  # no address, no e-mail
    notice = Notification.objects.filter(user=staff_user).latest("id")
    assert f"#{booking.pk}" in notice.title
    assert notice.url == reverse("facilities:booking-detail", args=[booking.pk])
    assert "頒獎典禮" in notice.body
