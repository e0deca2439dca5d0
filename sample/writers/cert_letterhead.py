"""A certifier's own certificate on letterhead (and its scanned copy).

Many certifiers still issue their own certificate layout: letterhead, a
certificate number of their own, a table of dates and scopes, a list of
certified products and a signature. The scanned variant renders this page,
rotates it slightly and adds noise (see scan.py), leaving no text layer.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter

from sample.writers.pdfkit import canvas, draw_table, footer, logo, palette, signature, us_date

W, H = letter
SCOPES = {"crops": "Crops", "livestock": "Livestock", "wild_crops": "Wild Crops", "handling": "Handling"}


def draw(c, r: dict, ctx: dict, big: bool = False) -> None:
    cert = ctx["certifier"]
    col = palette(cert.name)
    logo(c, 40, H - 96, cert.name, 56)
    c.setFillColor(col)
    c.setFont("Helvetica-Bold", 17)
    c.drawString(108, H - 62, cert.name)
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 11 if big else 9)
    c.drawString(108, H - 78, f"{cert.street}, {cert.city}")
    c.drawString(108, H - 92, f"Tel. {cert.phone}  |  {cert.web}")
    c.setStrokeColor(col)
    c.setLineWidth(2)
    c.line(40, H - 108, W - 40, H - 108)
    c.setFont("Helvetica-Bold", 22)
    c.drawCentredString(W / 2, H - 150, "ORGANIC CERTIFICATE")
    c.setFont("Helvetica", 12 if big else 10)
    c.drawCentredString(W / 2, H - 170, "issued under the USDA National Organic Program, 7 CFR Part 205")
    c.drawCentredString(W / 2, H - 198, "This is to certify that")
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(W / 2, H - 220, r["operation_name"])
    c.setFont("Helvetica", 12 if big else 10)
    c.drawCentredString(W / 2, H - 238, r["address"])
    c.drawCentredString(W / 2, H - 258,
                        "has been inspected and is certified organic for the scope(s) and products below.")
    rows = [["Certificate No.", r["certificate_number"]], ["NOP Operation ID", r["oid_operation_id"]],
            ["Scope(s)", ", ".join(SCOPES[s] for s in r["scopes"])], ["Status", r["status"].capitalize()],
            ["Effective date", us_date(r["effective_date"], 2)],
            ["Anniversary date", us_date(r["anniversary_date"], 2)]]
    fs = 11.5 if big else 9.5
    y = draw_table(c, 110, H - 280, rows, [150, 240], style=[("FONT", (0, 0), (0, -1), "Helvetica-Bold", fs),
                                                               ("FONT", (1, 0), (1, -1), "Helvetica", fs),
                                                               ("BACKGROUND", (0, 0), (-1, 0), colors.white)],
                   font_size=fs)
    c.setFont("Helvetica-Bold", 12 if big else 10)
    c.drawString(110, y - 26, "Certified products:")
    c.setFont("Helvetica", 11.5 if big else 9.5)
    y -= 44
    for p in r["products"]:
        c.drawString(124, y, f"- {p}")
        y -= 16 if big else 13
    c.setFont("Helvetica-Oblique", 8 if not big else 11)
    c.drawString(60, 150, "Certification continues in effect until surrendered, suspended or revoked. Verify the "
                          "current status in the")
    c.drawString(60, 138, "USDA Organic Integrity Database.")
    signature(c, 60, 100, "Certification Director", "A. Whitcomb")
    c.setFont("Helvetica", 11 if big else 9)
    c.drawString(330, 104, f"Issued: {us_date(ctx['issued'], 1)}")
    footer(c, W)


def write(spec, path: Path) -> list[int]:
    r, ctx = spec.records[0], spec.context
    c = canvas(path, f"Certificate {r['certificate_number']}")
    draw(c, r, ctx)
    c.showPage()
    c.save()
    return [1]
