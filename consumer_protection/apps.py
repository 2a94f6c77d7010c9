from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsumerProtectionConfig(AppConfig):
    name = "consumer_protection"
    verbose_name = _("消費者保護")
    nav_label = _("消費者保護")
    nav_items: list = []
    role_permissions = {"consumer_protection_officer": ["consumer_protection.*"]}
