from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DormitoriesConfig(AppConfig):
    name = "dormitories"
    url_prefix = "dormitories/"
    verbose_name = _("宿舍與財產")
    nav_label = _("宿舍財產")
    nav_items: list = []
    role_permissions = {"dormitory_asset_clerk": ["dormitories.*"]}
