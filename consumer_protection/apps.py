from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsumerProtectionConfig(AppConfig):
    name = "consumer_protection"
    url_prefix = "consumer-protection/"
    verbose_name = _("消費者保護")
    nav_label = _("消費者保護")
    nav_items = [
        (_("案件總覽"), "consumer_protection:dashboard", "consumer_protection.view_complaint"),
        (_("申訴案件"), "consumer_protection:complaint-list", "consumer_protection.view_complaint"),
        (_("登錄申訴"), "consumer_protection:complaint-create", "consumer_protection.add_complaint"),
        (_("消費諮詢"), "consumer_protection:consultation-list", "consumer_protection.view_consultation"),
        (_("調解案件"), "consumer_protection:mediation-list", "consumer_protection.view_mediationcase"),
        (_("查核與宣導"), "consumer_protection:activity-list", "consumer_protection.view_inspectionround"),
        (_("委員會"), "consumer_protection:committee-list", "consumer_protection.view_committee"),
    ]
    # Officers work every record of the division, including full personal data
    # (consumer_protection.unmask_personal_data). Case records are never deleted, by anyone.
    role_permissions = {
        "consumer_protection_officer": [
            "consumer_protection.*",
            "!consumer_protection.delete_complaint",
            "!consumer_protection.delete_mediationcase",
            "!consumer_protection.delete_caseevent",
            "!consumer_protection.delete_complaintattachment",
            "!consumer_protection.delete_consultation",
        ],
    }
