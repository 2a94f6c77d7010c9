from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("廳舍、會場與車輛")
    nav_label = _("廳舍車輛")
    nav_items: list = []
    role_permissions = {"facility_clerk": ["facilities.*"]}
