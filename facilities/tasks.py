"""Background work of the facilities app: decision e-mails, the clerks' daily reminder, reminders
before a booking, the release of no-shows, escalation of overdue decisions, series ending."""

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.notifications import notify

BEAT_SCHEDULE = {
    "facilities-remind-pending-bookings": {
        "task": "facilities.tasks.remind_pending_bookings",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon-fri"),
    },
    "facilities-booking-reminders": {
        "task": "facilities.tasks.send_booking_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "facilities-release-no-shows": {
        "task": "facilities.tasks.release_no_shows",
        "schedule": crontab(minute="*/5"),
    },
    "facilities-escalate-overdue-decisions": {
        "task": "facilities.tasks.escalate_overdue_decisions",
        "schedule": crontab(hour=8, minute=30, day_of_week="mon-fri"),
    },
    "facilities-series-ending": {
        "task": "facilities.tasks.notify_series_ending",
        "schedule": crontab(hour=7, minute=30),
    },
    # the day after a 補正 deadline, early: an application not supplemented lapses
    "facilities-lapse-uncorrected-applications": {
        "task": "facilities.tasks.lapse_uncorrected_applications",
        "schedule": crontab(hour=0, minute=20),
    },
}

# A series is "about to end" this many days before its last coming date.
SERIES_ENDING_DAYS = 14


def _when(booking) -> str:
    local_start = timezone.localtime(booking.start)
    local_end = timezone.localtime(booking.end)
    return f"{local_start:%Y-%m-%d} {local_start:%H:%M}–{local_end:%H:%M}"


@shared_task(soft_time_limit=30, time_limit=60)
def send_booking_decision(booking_id: int) -> None:
    """Tell the requester the decision on their booking (approved, rejected, cancelled): an in-app
    notice and, when they have an address, an e-mail."""
    from facilities.models import Booking

    booking = Booking.objects.select_related("resource", "requested_by").filter(pk=booking_id).first()
    if booking is None or booking.requested_by is None:
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
    body = "\n".join(lines)
    notify(booking.requested_by, subject, url=reverse("facilities:booking-detail", args=[booking.pk]), body=body)
    if booking.requested_by.email:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [booking.requested_by.email])


@shared_task(soft_time_limit=60, time_limit=120)
def remind_pending_bookings() -> int:
    """Tell the facility clerks how many requests wait for a decision. Returns that number."""
    from django.contrib.auth import get_user_model

    from facilities.choices import BookingStatus
    from facilities.models import Booking

    waiting = Booking.objects.filter(status=BookingStatus.PENDING, end__gt=timezone.now()).count()
    if not waiting:
        return 0
    clerks = list(get_user_model().objects.filter(groups__name="facility_clerk", is_active=True).distinct())
    subject = _("【場地車輛預約】%(n)s 件申請待審核") % {"n": waiting}
    body = _("目前有 %(n)s 件場地或車輛預約申請待審核，請至內部網站「審核」頁處理。") % {"n": waiting}
    notify(clerks, subject, url=reverse("facilities:booking-queue"), body=body)
    emails = sorted({clerk.email for clerk in clerks if clerk.email})
    if emails:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
    return waiting


@shared_task(soft_time_limit=120, time_limit=240)
def send_booking_reminders() -> int:
    """Remind requesters of confirmed bookings starting within their resource's reminder_hours
    (once per booking; a moved booking is reminded again). Returns how many were sent."""
    import datetime

    from facilities.choices import BookingStatus
    from facilities.models import Booking

    now = timezone.now()
    candidates = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            requested_by__isnull=False,
            start__gt=now,
            start__lte=now + datetime.timedelta(hours=72),
            resource__reminder_hours__gt=0,
        )
        .exclude(requested_by__email="")
        .select_related("resource", "requested_by")
    )
    sent = 0
    for booking in candidates:
        if booking.start - datetime.timedelta(hours=booking.resource.reminder_hours) > now:
            continue
        if not Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now):
            continue  # another worker sent it
        lines = [
            _("%(name)s 您好：") % {"name": booking.requested_by},
            "",
            _("提醒您已核准的預約即將開始。"),
            _("資源：%(v)s") % {"v": booking.resource},
            _("時間：%(v)s") % {"v": _when(booking)},
            _("活動：%(v)s") % {"v": booking.title},
        ]
        if booking.resource.checkin_required:
            lines.append(
                _("本場地需報到：開始後 %(n)s 分鐘內未報到，預約將被釋出。")
                % {"n": booking.resource.checkin_grace_minutes}
            )
        lines.append(_("如不使用，請儘早取消，讓其他同仁可以借用。"))
        subject = _("【場地車輛預約】行前提醒 #%(id)s：%(resource)s") % {
            "id": booking.pk,
            "resource": booking.resource.name,
        }
        body = "\n".join(lines)
        notify(booking.requested_by, subject, url=reverse("facilities:booking-detail", args=[booking.pk]), body=body)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [booking.requested_by.email])
        sent += 1
    return sent


@shared_task(soft_time_limit=60, time_limit=120)
def release_no_shows() -> int:
    """Release the bookings not checked in within their grace time. Returns how many."""
    from facilities import services

    return len(services.release_no_shows())


@shared_task(soft_time_limit=60, time_limit=120)
def escalate_overdue_decisions() -> int:
    """Tell the unit head about requests not decided by their decision day (once each): the
    supervisors of the facility clerks, else the managers. Returns how many were escalated."""
    from django.contrib.auth import get_user_model

    from facilities.choices import BookingStatus
    from facilities.models import Booking

    today = timezone.localdate()
    overdue = list(
        Booking.objects.filter(
            status=BookingStatus.PENDING,
            escalated_at__isnull=True,
            decision_due_on__lt=today,
            end__gt=timezone.now(),
        )
        .select_related("resource", "requested_by")
        .order_by("decision_due_on", "pk")
    )
    if not overdue:
        return 0
    users = get_user_model().objects.filter(is_active=True)
    heads = list(users.filter(pk__in=users.filter(groups__name="facility_clerk").values("supervisor"))) or list(
        users.filter(groups__name="manager").distinct()
    )
    lines = [_("下列場地車輛預約申請已逾審核期限，尚未審核：")]
    for booking in overdue:
        lines.append(
            _("#%(id)s %(resource)s %(when)s %(title)s（期限 %(due)s）")
            % {
                "id": booking.pk,
                "resource": booking.resource,
                "when": _when(booking),
                "title": booking.title,
                "due": f"{booking.decision_due_on:%Y-%m-%d}",
            }
        )
    subject = _("【場地車輛預約】%(n)s 件申請逾期未審核") % {"n": len(overdue)}
    notify(heads, subject, url=reverse("facilities:booking-queue"), body="\n".join(lines))
    emails = sorted({head.email for head in heads if head.email})
    if emails:
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, emails)
    Booking.objects.filter(pk__in=[b.pk for b in overdue]).update(escalated_at=timezone.now())
    return len(overdue)


@shared_task(soft_time_limit=60, time_limit=120)
def notify_series_ending() -> int:
    """Tell requesters whose recurring booking has its last coming date within two weeks (once per
    series), so they can extend it in time. Returns how many were told."""
    import datetime

    from django.db.models import Max, Q

    from facilities.choices import ACTIVE_BOOKING_STATUSES
    from facilities.models import RecurringSeries

    now = timezone.now()
    horizon = now + datetime.timedelta(days=SERIES_ENDING_DAYS)
    series_list = (
        RecurringSeries.objects.filter(end_notice_sent_at__isnull=True)
        .annotate(
            last_start=Max("bookings__start", filter=Q(bookings__status__in=ACTIVE_BOOKING_STATUSES)),
        )
        .filter(last_start__gt=now, last_start__lte=horizon)
        .select_related("resource", "created_by")
    )
    told = 0
    for series in series_list:
        user = series.created_by
        if user is None or not user.email:
            continue
        if not RecurringSeries.objects.filter(pk=series.pk, end_notice_sent_at__isnull=True).update(
            end_notice_sent_at=now
        ):
            continue
        last = timezone.localtime(series.last_start)
        subject = _("【場地車輛預約】週期預約即將結束：%(title)s") % {"title": series.title}
        body = "\n".join(
            [
                _("%(name)s 您好：") % {"name": user},
                "",
                _("您的週期預約「%(title)s」（%(resource)s）最後一次為 %(day)s。")
                % {"title": series.title, "resource": series.resource, "day": f"{last:%Y-%m-%d}"},
                _("如需延續，請至內部網站重新申請。"),
            ]
        )
        notify(user, subject, url=reverse("facilities:my-bookings"), body=body)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        told += 1
    return told


@shared_task(soft_time_limit=120, time_limit=240)
def lapse_uncorrected_applications() -> int:
    """Applications for the open spaces still waiting for 補正 after their deadline lapse (their
    booking request rejected with the reason, the organiser told). Returns how many."""
    from facilities import services

    return len(services.applications_lapse())


@shared_task(soft_time_limit=30, time_limit=60)
def send_application_notice(application_id: int) -> None:
    """Tell the organiser what to supplement and by when (補正通知): an in-app notice and an e-mail."""
    from facilities.models import SpaceApplication
    from kaohsiung_admin.core.formatting import roc_date

    application = (
        SpaceApplication.objects.select_related("booking__resource", "booking__requested_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.booking.requested_by is None:
        return
    booking = application.booking
    subject = _("【場地使用申請】#%(id)s 請於 %(d)s 前補正：%(resource)s") % {
        "id": application.pk,
        "d": roc_date(application.correction_due_on),
        "resource": booking.resource.name,
    }
    body = "\n".join(
        [
            _("%(name)s 您好：") % {"name": application.applicant_name or booking.requested_by},
            "",
            _("您申請的場地使用（%(title)s，%(when)s）須補正：") % {"title": booking.title, "when": _when(booking)},
            application.correction_note,
            _("請於 %(d)s 前補正，逾期未補正者申請失效。") % {"d": roc_date(application.correction_due_on)},
        ]
    )
    url = reverse("facilities:application-detail", args=[application.pk])
    notify(booking.requested_by, subject, url=url, body=body)
    recipients = sorted({e for e in (application.applicant_email, booking.requested_by.email) if e})
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


# --- building care: statutory inspections coming due, the clerks' overdue repairs --------------

BEAT_SCHEDULE.update(
    {
        "facilities-remind-inspections": {
            "task": "facilities.tasks.remind_inspections",
            "schedule": crontab(hour=7, minute=45),
        },
        "facilities-overdue-maintenance-digest": {
            "task": "facilities.tasks.maintenance_due_digest",
            "schedule": crontab(hour=8, minute=5, day_of_week="mon-fri"),
        },
    }
)


def _care_recipients(obligation=None):
    """The obligation's responsible clerk, else every facility clerk."""
    from django.contrib.auth import get_user_model

    if obligation is not None and obligation.responsible_id and obligation.responsible.is_active:
        return [obligation.responsible]
    return list(get_user_model().objects.filter(groups__name="facility_clerk", is_active=True).distinct())


@shared_task(soft_time_limit=60, time_limit=120)
def remind_inspections() -> int:
    """Remind the responsible clerk (else the facility clerks) of each statutory inspection within
    its reminder lead: an in-app notice and an e-mail, once per due day (`reminder_sent_for`;
    recording the inspection moves the due day on, and the next cycle is reminded again).
    Returns how many obligations were reminded."""
    from django.db import transaction

    from facilities.care import obligations_to_remind
    from facilities.models import InspectionObligation

    today = timezone.localdate()
    sent = 0
    for obligation in obligations_to_remind(today):
        with transaction.atomic():
            # claim the reminder first: a second worker (or a re-run) finds it taken
            claimed = (
                InspectionObligation.objects.filter(pk=obligation.pk, next_due_on=obligation.next_due_on)
                .exclude(reminder_sent_for=obligation.next_due_on)
                .update(reminder_sent_for=obligation.next_due_on)
            )
            if not claimed:
                continue
            left = (obligation.next_due_on - today).days
            subject = _("【法定檢查】%(name)s 將於 %(date)s 到期") % {
                "name": obligation,
                "date": display_date(obligation.next_due_on),
            }
            if left < 0:
                subject = _("【法定檢查】%(name)s 已逾期（%(date)s）") % {
                    "name": obligation,
                    "date": display_date(obligation.next_due_on),
                }
            body = _(
                "%(name)s：到期日 %(date)s（尚餘 %(left)s 日）。依據：%(basis)s。請安排辦理並於內部網站登錄結果。"
            ) % {
                "name": obligation,
                "date": display_date(obligation.next_due_on),
                "left": left,
                "basis": obligation.basis or "—",
            }
            recipients = _care_recipients(obligation)
            notify(recipients, subject, url=obligation.get_absolute_url(), body=body)
            emails = sorted({user.email for user in recipients if user.email})
            if emails:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
            sent += 1
    return sent


@shared_task(soft_time_limit=60, time_limit=120)
def maintenance_due_digest() -> int:
    """The clerks' morning digest of repairs: how many are overdue and due soon (core.deadlines).
    Nothing is sent when none is. Returns the overdue count."""
    from facilities.models import MaintenanceRequest

    rows = MaintenanceRequest.objects.all()
    overdue = rows.overdue().count()
    soon = rows.due_soon().count()
    if not (overdue or soon):
        return 0
    subject = _("【報修】%(overdue)s 件逾期、%(soon)s 件即將到期") % {"overdue": overdue, "soon": soon}
    body = _("報修逾期 %(overdue)s 件、即將到期 %(soon)s 件，請至內部網站「逾期及即將到期報修」頁處理。") % {
        "overdue": overdue,
        "soon": soon,
    }
    recipients = _care_recipients()
    notify(recipients, subject, url=reverse("facilities:maintenance-due"), body=body)
    emails = sorted({user.email for user in recipients if user.email})
    if emails:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
    return overdue
