from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kaohsiung_admin.accounts"
    label = "accounts"
    verbose_name = _("帳號與角色")

    def ready(self):
        from kaohsiung_admin.accounts import signals
        from kaohsiung_admin.accounts.roles import sync_roles_after_migrate

        signals.connect(self.get_model("User"))

        # Apps that land later bring new models; their permissions join the roles on migrate.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
