import pytest
from django.contrib import admin
from django.core import mail
from django.urls import reverse

from facilities import services, tasks
from facilities.models import Booking
from facilities.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_every_model_has_an_admin_page_that_opens(client, administrator, room, car, day):
    from django.apps import apps

    services.booking_create(resource=room, start=at(day, 9), end=at(day, 10), title="會議")
    client.force_login(administrator)
    models = [m for m in apps.get_app_config("facilities").get_models() if not m.__name__.startswith("Historical")]
    # 11 + organisers' applications and the catalogue (5) + building care (MaintenanceLimit,
    # InspectionObligation, InspectionRecord, InspectionFinding)
    assert len(models) == 20
    for model in models:
        assert admin.site.is_registered(model), model
        url = reverse(f"admin:facilities_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    booking = Booking.objects.get()
    assert client.get(reverse("admin:facilities_booking_change", args=[booking.pk])).status_code == 200


def test_clerks_get_a_reminder_of_pending_requests(hall, day, staff_user, facility_clerk):
    assert tasks.remind_pending_bookings() == 0
    services.booking_create(resource=hall, start=at(day, 8), end=at(day, 12), title="頒獎典禮", requested_by=staff_user)
    assert tasks.remind_pending_bookings() == 1
    assert mail.outbox[-1].to == [facility_clerk.email]
    assert "1 件" in mail.outbox[-1].subject
    assert "facilities-remind-pending-bookings" in tasks.BEAT_SCHEDULE
