"""The documents of the mediation procedure as PDF, by WeasyPrint, in Noto Sans CJK TC: the
mediation record (調解紀錄), the 調解書 in the content of 消費爭議調解辦法 Art. 26, and notices to
the parties (the hearing date; the proposal with its objection window)."""

from __future__ import annotations

from django.template.loader import render_to_string

NOTICE_KINDS = {"hearing": "調解會議開會通知", "proposal": "調解方案送達通知"}


def _pdf(html: str, **options) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(**options)


def mediation_record_html(mediation, *, members_present) -> str:
    return render_to_string(
        "consumer_protection/mediation_record_pdf.html",
        {"mediation": mediation, "complaint": mediation.complaint, "members_present": members_present},
    )


def mediation_record_pdf(mediation, *, members_present, **options) -> bytes:
    return _pdf(mediation_record_html(mediation, members_present=members_present), **options)


def settlement_html(mediation, *, panel) -> str:
    """調解書 (Art. 26): the parties (name, ID, address; the trader's name, 統一編號 and
    representative), the matter, the terms agreed, the place and date, the members present."""
    return render_to_string(
        "consumer_protection/settlement_pdf.html",
        {
            "mediation": mediation,
            "complaint": mediation.complaint,
            "panel": list(panel),
            "recused": list(mediation.interest_declarations.select_related("member")),
            "terms": mediation.proposal or mediation.result_note,
        },
    )


def settlement_pdf(mediation, *, panel, **options) -> bytes:
    return _pdf(settlement_html(mediation, panel=panel), **options)


def notice_pdf(mediation, *, kind: str, party: str, **options) -> bytes:
    complaint = mediation.complaint
    if party == "respondent":
        recipient, address = complaint.business_name, ""
    else:
        recipient, address = complaint.complainant_name, complaint.complainant_address
    html = render_to_string(
        "consumer_protection/notice_pdf.html",
        {
            "mediation": mediation,
            "kind": kind,
            "title": NOTICE_KINDS[kind],
            "recipient": recipient,
            "address": address,
        },
    )
    return _pdf(html, **options)
