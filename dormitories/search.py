"""Global search (core.search): dormitories by code, name or address; occupancies by occupant,
contract number or phone; assets by number or name. Rows as the models' restrict() allows;
personal data masked unless the user may unmask it."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dormitories.models import Asset, Dormitory, Occupancy
from kaohsiung_admin.core.personal_data import mask_name, mask_phone, user_may_unmask
from kaohsiung_admin.core.search import SearchHit, group_of, phone_digits_expr, text_q


def search(user, query):
    dorms = Dormitory.objects.restrict(user).filter(text_q(query, "code", "name", "address")).order_by("code")
    occupancies = Occupancy.objects.restrict(user)
    condition = text_q(query, "occupant_name", "contract_number")
    if query.phone_digits:
        occupancies = occupancies.annotate(_phone_digits=phone_digits_expr("occupant_phone"))
        condition |= Q(_phone_digits__contains=query.phone_digits)
    unmask = user_may_unmask(user, Occupancy.unmask_permission)
    assets = Asset.objects.restrict(user).filter(text_q(query, "number", "name")).order_by("number")
    return [
        group_of(
            _("宿舍"),
            dorms,
            lambda d: SearchHit(title=f"{d.code} {d.name}", url=d.get_absolute_url(), detail=d.address),
            list_url=reverse("dormitories:dormitory-list"),
        ),
        group_of(
            _("借住紀錄"),
            occupancies.filter(condition).select_related("dormitory").order_by("-start_on", "-id"),
            lambda o: SearchHit(
                title=f"{o.dormitory.name} · {o.occupant_name if unmask else mask_name(o.occupant_name)}",
                url=o.get_absolute_url(),
                detail=o.occupant_phone if unmask else mask_phone(o.occupant_phone),
            ),
            list_url=reverse("dormitories:occupancy-list"),
        ),
        group_of(
            _("財產"),
            assets,
            lambda a: SearchHit(title=f"{a.number} {a.name}", url=a.get_absolute_url()),
            list_url=reverse("dormitories:asset-list"),
        ),
    ]
