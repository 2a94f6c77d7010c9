"""Global search (core.search): sister cities by name; visits by number, delegation, leader or
organisation. Rows as the models' restrict() allows."""

from django.urls import reverse
from django.utils.translation import gettext as _

from international.models import City, VisitCase
from kaohsiung_admin.core.formatting import display_date
from kaohsiung_admin.core.search import SearchHit, group_of, text_q


def search(user, query):
    cities = City.objects.restrict(user).filter(text_q(query, "name_zh", "name_local")).order_by("name_zh", "id")
    visits = (
        VisitCase.objects.restrict(user)
        .filter(text_q(query, "number", "delegation", "leader", "organisation"))
        .order_by("-arrived_on", "-id")
    )
    return [
        group_of(
            _("城市"),
            cities,
            lambda c: SearchHit(title=f"{c.name_zh} {c.name_local}", url=c.get_absolute_url()),
            list_url=reverse("international:city-list"),
        ),
        group_of(
            _("訪賓接待"),
            visits,
            lambda v: SearchHit(
                title=f"{v.number} {v.delegation}",
                url=reverse("international:visit-detail", args=[v.pk]),
                detail=display_date(v.arrived_on, long=False),
            ),
            list_url=reverse("international:visit-list"),
        ),
    ]
