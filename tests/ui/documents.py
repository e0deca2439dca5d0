"""Two small documents the browser test uploads: an invoice PDF and a CSV cleaning log.

Built here (not taken from the sample generator) so the test knows exactly
which gaps the real ingest and checks will find: the flour line has no lot
(INV-NO-LOT), the supplier has no certificate (CERT-MISSING), the second
cleaning was logged four days late without a sign-off (CLEAN-LATE-ENTRY,
CLEAN-NO-SIGNOFF).
"""
from __future__ import annotations

import io

INVOICE_NAME = "<img src=x onerror=alert(1)>invoice-PM-2041.pdf"  # hostile on purpose: must show as text
CLEANING_NAME = "cleaning-log-march.csv"

CLEANING_CSV = """\
facility,equipment,performed_at,logged_at,operator,verified_by,agents,final_rinse_chlorine_ppm,preceding_run,next_run
Plant A,Mixer 1,2026-03-04 06:30,2026-03-04 06:45,J. Diaz,M. Chen,Sanitizer X 200 ppm,2,conventional,organic
Plant A,Mixer 1,2026-03-05 06:30,2026-03-09 10:00,J. Diaz,,Sanitizer X 200 ppm,2,conventional,organic
"""


def invoice_pdf() -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)

    def text(x: float, y: float, s: str, size: int = 11) -> None:
        c.setFont("Helvetica", size)
        c.drawString(x, 792 - y, s)

    text(72, 60, "Prairie Mills LLC", 16)
    text(72, 78, "12 Mill Road, Salina KS")
    text(72, 120, "INVOICE", 14)
    text(72, 145, "Invoice Number: PM-2041")
    text(72, 162, "Invoice Date: 2026-03-02")
    text(72, 179, "Bill To: Sample Organics")
    text(72, 196, "PO Number: PO-88")
    y = 240
    for row in (["Description", "Qty", "Unit", "Lot", "Unit Price", "Amount"],
                ["Organic rolled oats", "500", "lb", "PM-L-7781", "1.20", "600.00"],
                ["Organic wheat flour", "200", "lb", "", "0.90", "180.00"]):
        for x, v in zip((72, 250, 290, 330, 420, 500), row):
            text(x, y, v)
        y += 18
    text(400, y + 20, "Total: 780.00")
    c.save()
    return buf.getvalue()
