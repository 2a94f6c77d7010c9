"""The mediation record (調解紀錄) as PDF, by WeasyPrint, in Noto Sans CJK TC."""

from __future__ import annotations

from django.template.loader import render_to_string


def mediation_record_html(mediation, *, members_present) -> str:
    return render_to_string(
        "consumer_protection/mediation_record_pdf.html",
        {"mediation": mediation, "complaint": mediation.complaint, "members_present": members_present},
    )


def mediation_record_pdf(mediation, *, members_present, **options) -> bytes:
    from weasyprint import HTML

    return HTML(string=mediation_record_html(mediation, members_present=members_present)).write_pdf(**options)
