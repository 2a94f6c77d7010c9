from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DormitoriesConfig(AppConfig):
    name = "dormitories"
    url_prefix = "dormitories/"
    verbose_name = _("宿舍與財產")
    nav_label = _("宿舍財產")
    nav_items = [
        (_("總覽"), "dormitories:index", "dormitories.view_dormitory"),
        (_("宿舍"), "dormitories:dormitory-list", "dormitories.view_dormitory"),
        (_("借住"), "dormitories:occupancy-list", "dormitories.view_occupancy"),
        (_("借住申請"), "dormitories:application-list", "dormitories.view_occupancyapplication"),
        (_("居住事實查考"), "dormitories:checkround-list", "dormitories.view_checkround"),
        (_("修繕及巡查"), "dormitories:repair-list", "dormitories.view_repair"),
        (_("眷舍處分"), "dormitories:disposal-list", "dormitories.view_disposal"),
        (_("場所借用"), "dormitories:lending-list", "dormitories.view_lending"),
        (_("財產"), "dormitories:asset-list", "dormitories.view_asset"),
        (_("盤點"), "dormitories:stocktaking-list", "dormitories.view_stocktakinground"),
        (_("財產統計"), "dormitories:statistics", "dormitories.view_asset"),
    ]
    # Clerks do everything here, including full views of occupants' personal data (each logged).
    # Managers read through their "*.view_*"; other staff have nothing in this app.
    role_permissions = {"dormitory_asset_clerk": ["dormitories.*"]}
