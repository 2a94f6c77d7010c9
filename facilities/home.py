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
