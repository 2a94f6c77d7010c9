"""CSV and XLSX exports of the case list, masked unless the user may and asks to see full data.

A full export is logged record by record (個人資料保護法第18條), with the reason given.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from consumer_protection.models import Complaint
from consumer_protection.privacy import COMPLAINT_FIELDS, log_full_views, masked_values, user_may_unmask
from kaohsiung_admin.core.formatting import roc_date

# Bigger exports are refused: narrow the filters instead (a year, a category, a stage).
EXPORT_MAX_ROWS = 50_000

COLUMNS = [
    ("case_number", "案號"),
    ("first_filed_on", "第一次申訴日期"),
    ("channel", "受理管道"),
    ("category", "消費類別"),
    ("complainant_name", "申訴人姓名"),
    ("complainant_national_id", "身分證統一編號"),
    ("complainant_phone", "聯絡電話"),
    ("complainant_address", "通訊地址"),
    ("complainant_email", "電子郵件"),
    ("business_name", "被申訴業者"),
    ("business_tax_id", "統一編號"),
    ("amount", "爭議金額"),
    ("stage", "階段"),
    ("business_due_on", "業者處理期限"),
    ("business_replied_on", "業者回覆日期"),
    ("second_filed_on", "第二次申訴日期"),
    ("due_on", "本階段期限"),
    ("result", "結果"),
    ("closed_on", "結案日期"),
    ("officer", "承辦消保官"),
]


def _row(complaint: Complaint, full: bool) -> list:
    personal = (
        {name: getattr(complaint, name) for name in COMPLAINT_FIELDS}
        if full
        else masked_values(complaint, COMPLAINT_FIELDS)
    )
    values = []
    for name, _label in COLUMNS:
        if name in personal:
            values.append(personal[name])
        elif name in (
            "first_filed_on",
            "business_due_on",
            "business_replied_on",
            "second_filed_on",
            "due_on",
            "closed_on",
        ):
            values.append(roc_date(getattr(complaint, name), long=False))
        elif name in ("channel", "category", "stage", "result"):
            values.append(getattr(complaint, f"get_{name}_display")())
        elif name == "officer":
            values.append(str(complaint.officer) if complaint.officer_id else "")
        elif name == "amount":
            values.append(int(complaint.amount) if complaint.amount is not None else "")
        else:
            values.append(getattr(complaint, name))
    return values


class _Echo:
    def write(self, value):
        return value


def complaint_export_response(*, user, queryset, file_format: str, full: bool, reason: str = ""):
    if full and not user_may_unmask(user):
        return HttpResponse(_("您的角色不能匯出完整個資。"), status=403, content_type="text/plain; charset=utf-8")
    rows = list(queryset[: EXPORT_MAX_ROWS + 1])
    if len(rows) > EXPORT_MAX_ROWS:
        return HttpResponse(
            _("匯出筆數超過 %(max)s 筆，請縮小篩選範圍。") % {"max": f"{EXPORT_MAX_ROWS:,}"},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    if full:
        log_full_views(user=user, records=rows, fields=list(COMPLAINT_FIELDS), reason=reason, channel="export")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    header = [label for _name, label in COLUMNS]
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="申訴案件")
        sheet.append(header)
        for complaint in rows:
            sheet.append(_row(complaint, full))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="complaints-{stamp}.xlsx"'
        return response

    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # BOM, so that Excel opens the UTF-8 file as UTF-8
        yield writer.writerow(header)
        for complaint in rows:
            yield writer.writerow(_row(complaint, full))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="complaints-{stamp}.csv"'
    return response
