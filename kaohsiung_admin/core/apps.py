from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kaohsiung_admin.core"
    label = "core"
    verbose_name = _("共用")

    def ready(self):
        from kaohsiung_admin.core.api import token_cache

        token_cache.connect()
