"""Background work of the facilities app: decision e-mails and the clerks' daily reminder."""

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

BEAT_SCHEDULE = {
    "facilities-remind-pending-bookings": {
        "task": "facilities.tasks.remind_pending_bookings",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon-fri"),
    },
}


@shared_task(soft_time_limit=30, time_limit=60)
def send_booking_decision(booking_id: int) -> None:
    """E-mail the requester the decision on their booking (approved, rejected, cancelled)."""
    from facilities.models import Booking

    booking = Booking.objects.select_related("resource", "requested_by").filter(pk=booking_id).first()
    if booking is None or booking.requested_by is None or not booking.requested_by.email:
        return
    local_start = timezone.localtime(booking.start)
    local_end = timezone.localtime(booking.end)
    subject = _("【場地車輛預約】#%(id)s %(status)s：%(resource)s") % {
        "id": booking.pk,
        "status": booking.get_status_display(),
        "resource": booking.resource.name,
    }
    lines = [
        _("%(name)s 您好：") % {"name": booking.requested_by},
        "",
        _("您申請的預約已有結果。"),
        _("資源：%(v)s") % {"v": booking.resource},
        _("時間：%(d)s %(s)s–%(e)s")
        % {"d": f"{local_start:%Y-%m-%d}", "s": f"{local_start:%H:%M}", "e": f"{local_end:%H:%M}"},
        _("活動：%(v)s") % {"v": booking.title},
        _("結果：%(v)s") % {"v": booking.get_status_display()},
    ]
    reason = booking.decision_reason or booking.cancel_reason
    if reason:
        lines.append(_("說明：%(v)s") % {"v": reason})
    if booking.refund:
        lines.append(_("退費：%(v)s 元") % {"v": booking.refund})
    send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [booking.requested_by.email])


@shared_task(soft_time_limit=60, time_limit=120)
def remind_pending_bookings() -> int:
    """Tell the facility clerks how many requests wait for a decision. Returns that number."""
    from django.contrib.auth import get_user_model

    from facilities.choices import BookingStatus
    from facilities.models import Booking

    waiting = Booking.objects.filter(status=BookingStatus.PENDING, end__gt=timezone.now()).count()
    if not waiting:
        return 0
    clerks = list(
        get_user_model()
        .objects.filter(groups__name="facility_clerk", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if clerks:
        send_mail(
            _("【場地車輛預約】%(n)s 件申請待審核") % {"n": waiting},
            _("目前有 %(n)s 件場地或車輛預約申請待審核，請至內部網站「審核」頁處理。") % {"n": waiting},
            settings.DEFAULT_FROM_EMAIL,
            clerks,
        )
    return waiting
