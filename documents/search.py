"""Global search (core.search): official documents by number, subject, sender or their reference."""

from django.urls import reverse
from django.utils.translation import gettext as _

from documents.models import OfficialDocument
from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.search import SearchHit, group_of, text_q


def search(user, query):
    rows = (
        OfficialDocument.objects.restrict(user)
        .filter(text_q(query, "number", "subject", "sender", "sender_reference", "issued_number"))
        .order_by("-received_on", "-id")
    )
    return [
        group_of(
            _("公文"),
            rows,
            lambda d: SearchHit(
                title=f"{d.number} {d.subject}",
                url=d.get_absolute_url(),
                detail=" · ".join(part for part in (d.sender, display_date(d.received_on, long=False)) if part),
            ),
            list_url=reverse("documents:document-list"),
        )
    ]
