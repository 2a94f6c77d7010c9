"""Staff home (core.home): my next bookings for everyone; requests waiting for a decision for
those who decide them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities.models import Booking
from kaohsiung_admin.core.home import PANEL_ROWS, HomeItem, HomePanel


def panels(user):
    now = timezone.now()
    found = []
    mine = Booking.objects.filter(requested_by=user).active().filter(end__gt=now).select_related("resource")
    rows = list(mine.order_by("start", "id")[:PANEL_ROWS])
    found.append(
        HomePanel(
            key="facilities-mine",
            title=_("我的下一個預約"),
            items=[
                HomeItem(
                    text=f"{b.title} · {b.resource.name}",
                    url=b.get_absolute_url(),
                    when=b.start,
                    badge="warn" if b.status == "pending" else "",
                    badge_text=b.get_status_display(),
                )
                for b in rows
            ],
            total=mine.count() if len(rows) == PANEL_ROWS else len(rows),
            more_url=reverse("facilities:my-bookings"),
            empty_text=_("目前沒有即將到來的預約。"),
        )
    )
    if user.has_perm("facilities.decide_booking"):
        pending = Booking.objects.pending().filter(end__gt=now).select_related("resource")
        rows = list(pending.order_by("start", "id")[:PANEL_ROWS])
        found.append(
            HomePanel(
                key="facilities-pending",
                title=_("待我審核的預約"),
                items=[
                    HomeItem(text=f"{b.title} · {b.resource.name}", url=b.get_absolute_url(), when=b.start)
                    for b in rows
                ],
                total=pending.count() if len(rows) == PANEL_ROWS else len(rows),
                more_url=reverse("facilities:booking-queue"),
                empty_text=_("沒有待審核的預約。"),
            )
        )
    return found


# --- building care: overdue repairs and the inspections coming due ------------------------------


def care_panels(user):
    """The clerk's repairs past (or near) their day and the statutory inspections coming due."""
    import datetime

    from facilities.models import InspectionObligation, MaintenanceRequest
    from kaohsiung_admin.core.deadlines import due_css

    found = []
    if user.has_perm("facilities.change_maintenancerequest"):
        due = MaintenanceRequest.objects.due_within().order_by("due_on", "id")
        rows = list(due[:PANEL_ROWS])
        found.append(
            HomePanel(
                key="facilities-maintenance-due",
                title=_("逾期及即將到期的報修"),
                items=[
                    HomeItem(
                        text=f"#{m.pk} {m.get_category_display()} · {m.get_center_display()} {m.location}",
                        url=m.get_absolute_url(),
                        when=m.due_on,
                        badge=due_css(m.due_on),
                        badge_text=m.get_urgency_display(),
                    )
                    for m in rows
                ],
                total=due.count() if len(rows) == PANEL_ROWS else len(rows),
                more_url=reverse("facilities:maintenance-due"),
                empty_text=_("沒有逾期或即將到期的報修。"),
            )
        )
    if user.has_perm("facilities.view_inspectionobligation"):
        horizon = timezone.localdate() + datetime.timedelta(days=REMIND_HORIZON_DAYS)
        coming = InspectionObligation.objects.open().filter(next_due_on__lte=horizon).order_by("next_due_on", "id")
        rows = list(coming[:PANEL_ROWS])
        found.append(
            HomePanel(
                key="facilities-inspections-due",
                title=_("即將到期的法定檢查"),
                items=[
                    HomeItem(text=str(o), url=o.get_absolute_url(), when=o.next_due_on, badge=due_css(o.next_due_on))
                    for o in rows
                ],
                total=coming.count() if len(rows) == PANEL_ROWS else len(rows),
                more_url=reverse("facilities:inspection-list") + "?due_to=" + horizon.isoformat(),
                empty_text=_("60日內沒有到期的法定檢查。"),
            )
        )
    return found


# The home page looks this far ahead for inspections (the longest default reminder lead, rules.py).
REMIND_HORIZON_DAYS = 60

_booking_panels = panels


def panels(user):
    return _booking_panels(user) + care_panels(user)
