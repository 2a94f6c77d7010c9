from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kaohsiung_admin.reports"
    url_prefix = "reports/"
    label = "reports"
    verbose_name = _("施政績效成果報告")
    nav_label = _("年度報告")
    nav_items = [(_("施政績效成果報告"), "reports:index", "reports.view_reportbuild")]
    # Managers write narratives, enter figures and build; anyone else given reports.view_reportbuild
    # (an administrator, or a user granted it in the admin) may read and download.
    role_permissions = {"manager": ["reports.*"]}
