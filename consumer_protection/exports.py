"""The columns of the case list's CSV/XLSX export (core.exports does the rest).

Personal columns carry their mask: masked unless the officer asks for full data, with a reason,
and each record so exported is logged (個人資料保護法第18條; views.complaint_export).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from consumer_protection.models import Complaint
from kaohsiung_admin.core.exports import Column

_MASKS = Complaint.personal_fields

COMPLAINT_COLUMNS = [
    Column(_("案號"), "case_number"),
    Column(_("第一次申訴日期"), "first_filed_on"),
    Column(_("受理管道"), "channel"),
    Column(_("消費類別"), "category"),
    Column(_("申訴人姓名"), "complainant_name"),
    Column(_("身分證統一編號"), "complainant_national_id", mask=_MASKS["complainant_national_id"]),
    Column(_("聯絡電話"), "complainant_phone", mask=_MASKS["complainant_phone"]),
    Column(_("通訊地址"), "complainant_address", mask=_MASKS["complainant_address"]),
    Column(_("電子郵件"), "complainant_email", mask=_MASKS["complainant_email"]),
    Column(_("被申訴業者"), "business_name"),
    Column(_("統一編號"), "business_tax_id"),
    Column(_("爭議金額"), "amount"),
    Column(_("階段"), "stage"),
    Column(_("業者處理期限"), "business_due_on"),
    Column(_("業者回覆日期"), "business_replied_on"),
    Column(_("第二次申訴日期"), "second_filed_on"),
    Column(_("本階段期限"), "due_on"),
    Column(_("結果"), "result"),
    Column(_("結案日期"), "closed_on"),
    Column(_("承辦消保官"), lambda c: str(c.officer) if c.officer_id else ""),
]
