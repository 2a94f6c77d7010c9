"""Staff home (core.home): the officer's open complaints overdue or due soon."""

from django.urls import reverse
from django.utils.translation import gettext as _

from consumer_protection.models import Complaint
from kaohsiung_admin.core.home import PANEL_ROWS, HomeItem, HomePanel


def panels(user):
    if not user.has_perm("consumer_protection.view_complaint"):
        return []
    mine = Complaint.objects.restrict(user).filter(officer=user)
    overdue = mine.overdue()
    soon = mine.due_soon()
    items = []
    for rows, badge, label in ((overdue, "bad", _("逾期")), (soon, "warn", _("即將到期"))):
        for c in rows.order_by("due_on", "id")[:PANEL_ROWS]:
            items.append(
                HomeItem(
                    text=f"{c.case_number} {c.business_name}",
                    url=c.get_absolute_url(),
                    when=c.due_on,
                    badge=badge,
                    badge_text=label,
                )
            )
    total = overdue.count() + soon.count()
    return [
        HomePanel(
            key="consumer-protection-due",
            title=_("我的申訴案件：逾期與即將到期"),
            items=items[: PANEL_ROWS * 2],
            total=total,
            more_url=reverse("consumer_protection:complaint-list"),
            empty_text=_("沒有逾期或即將到期的案件。"),
        )
    ]
