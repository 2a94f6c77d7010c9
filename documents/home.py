"""Staff home (core.home): the officer's open documents overdue or due soon."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents.models import OfficialDocument
from kaohsiung_admin.core.home import PANEL_ROWS, HomeItem, HomePanel


def panels(user):
    if not user.has_perm("documents.view_officialdocument"):
        return []
    mine = OfficialDocument.objects.restrict(user).filter(officer=user)
    items = []
    total = 0
    for rows, badge, label in ((mine.overdue(), "bad", _("逾期")), (mine.due_soon(), "warn", _("即將到期"))):
        total += rows.count()
        items.extend(
            HomeItem(
                text=f"{d.number} {d.subject}", url=d.get_absolute_url(), when=d.due_on, badge=badge, badge_text=label
            )
            for d in rows.order_by("due_on", "id")[:PANEL_ROWS]
        )
    return [
        HomePanel(
            key="documents-due",
            title=_("我的公文：逾期與即將到期"),
            items=items[: PANEL_ROWS * 2],
            total=total,
            more_url=reverse("documents:due-list"),
            empty_text=_("沒有逾期或即將到期的公文。"),
        )
    ]
