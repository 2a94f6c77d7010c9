"""QR labels: an A4 sheet of 3 × 8 labels, each with the asset's QR code (its number, which the
stocktaking page reads with the phone camera), number, name and acquisition date. SVG QR codes
from segno, laid out in HTML and printed to PDF by WeasyPrint with the Noto CJK fonts the
annual report uses."""

from __future__ import annotations

import segno
from django.template.loader import render_to_string

LABEL_LIMIT = 2400  # 100 sheets


def qr_svg(text: str) -> str:
    """The QR code as inline SVG (error correction M, as labels get scratched)."""
    return segno.make(text, error="m", micro=False).svg_inline(scale=3, border=1)


def label_sheet_pdf(assets) -> bytes:
    from weasyprint import HTML

    labels = [{"asset": asset, "qr": qr_svg(asset.number)} for asset in assets]
    html = render_to_string("dormitories/labels_pdf.html", {"labels": labels})
    return HTML(string=html).write_pdf()
