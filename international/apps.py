from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternationalConfig(AppConfig):
    name = "international"
    url_prefix = "international/"
    verbose_name = _("國際事務")
    nav_label = _("國際事務")
    nav_items: list = []
    role_permissions = {"international_officer": ["international.*"]}
