from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternationalConfig(AppConfig):
    name = "international"
    url_prefix = "international/"
    verbose_name = _("國際事務")
    nav_label = _("國際事務")
    nav_items = [
        (_("姊妹市及友好城市"), "international:city-list", "international.view_city"),
        (_("締盟周年"), "international:anniversaries", "international.view_partnership"),
        (_("訪賓接待"), "international:visit-list", "international.view_visitcase"),
        (_("交流活動"), "international:activity-list", "international.view_exchangeactivity"),
        (_("禮品登記"), "international:gift-list", "international.view_gift"),
        (_("駐台機構"), "international:mission-list", "international.view_foreignmission"),
    ]
    role_permissions = {"international_officer": ["international.*"]}
