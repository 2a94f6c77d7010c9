from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    url_prefix = "documents/"
    verbose_name = _("文書與機要")
    nav_label = _("文書機要")
    nav_items = [
        (_("公文登記簿"), "documents:document-list", "documents.view_officialdocument"),
        (_("登錄收文"), "documents:document-receive", "documents.add_officialdocument"),
        (_("到期與逾期"), "documents:due-list", "documents.view_officialdocument"),
        (_("簽核交換比率"), "documents:rates", "documents.view_officialdocument"),
        (_("陳情案件"), "documents:petition-list", "documents.view_petition"),
        (_("登記簿"), "documents:gazette-list", "documents.view_gazetteissue"),
        (_("辦公日曆匯入"), "documents:calendar-import", "documents.import_office_calendar"),
    ]
    # Clerks work every record of the section, petitioners' full data included (each full view
    # logged); documents and petitions are never deleted; extensions are approved by rank.
    role_permissions = {
        "document_clerk": [
            "documents.*",
            "!documents.approve_extension",
            "!documents.delete_officialdocument",
            "!documents.delete_documentevent",
            "!documents.delete_petition",
            "!documents.delete_petitionevent",
            "!documents.delete_petitionreply",
            "!documents.delete_documentattachment",
        ],
        "manager": ["documents.approve_extension"],
    }
