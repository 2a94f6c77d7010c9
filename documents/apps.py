from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    url_prefix = "documents/"
    verbose_name = _("文書與機要")
    nav_label = _("文書機要")
    nav_items: list = []
    role_permissions = {"document_clerk": ["documents.*"]}
