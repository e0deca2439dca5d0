"""Certificates in the layout the USDA Organic Integrity Database prints since 2024.

Page 1 is the certificate (certifier block, "certifies that", operation,
categories, IDs and dates); page 2 is the OID "Operation Profile" with status,
scopes and certified products. The `oid_with_cover_letter` variant puts the
supplier's cover letter in front (a multi-document PDF: record on page 2).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from sample.writers.pdfkit import canvas, draw_table, footer, logo, qr, signature, us_date

W, H = letter
RED = colors.HexColor("#a3262a")
GREEN = colors.HexColor("#1e7b4a")
SMALL = ParagraphStyle("s", fontName="Helvetica", fontSize=7.5, leading=9, alignment=1)
NOTE = ParagraphStyle("n", fontName="Helvetica-BoldOblique", fontSize=8, leading=10, textColor=RED)
SCOPE_NAMES = {"crops": "Crops", "livestock": "Livestock", "wild_crops": "Wild Crops", "handling": "Handling"}


def _certificate_page(c, r: dict, ctx: dict) -> None:
    cert = ctx["certifier"]
    c.setStrokeColor(colors.HexColor("#8b6b4a"))
    c.setLineWidth(3)
    c.rect(30, H - 440, W - 60, 410)
    c.setLineWidth(0.8)
    c.rect(36, H - 434, W - 72, 398)
    c.setFillColor(colors.HexColor("#6b3a2a"))
    c.rect(W - 120, H - 100, 60, 55, fill=1, stroke=0)
    c.setFillColor(GREEN)
    c.rect(W - 120, H - 285, 60, 183, fill=1, stroke=0)
    c.saveState()
    c.translate(W - 85, H - 110)
    c.rotate(-90)
    c.setFillColor(colors.white)
    c.setFont("Helvetica", 11)
    c.drawString(0, 0, "ORGANIC CERTIFICATE")
    c.restoreState()
    qr(c, W - 118, H - 355, f"https://organic.ams.usda.gov/Integrity/CP/OPP?nopid={r['oid_operation_id']}", 56)
    c.setFillColor(GREEN)
    c.circle(W - 90, H - 395, 26, fill=1, stroke=0)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 7)
    c.drawCentredString(W - 90, H - 392, "CERTIFIED")
    c.drawCentredString(W - 90, H - 401, "ORGANIC")
    cx = (W - 130) / 2 + 30
    c.setFillColor(colors.black)
    y = H - 66
    c.setFont("Times-Bold", 12)
    c.drawCentredString(cx, y, cert.name)
    c.setFont("Times-Roman", 9.5)
    for line in (cert.phone, f"www.{cert.web.removeprefix('www.')}", cert.street, cert.city, "certifies that"):
        y -= 12
        c.setFillColor(colors.HexColor("#1a3fbf") if line.startswith("www.") else colors.black)
        c.drawCentredString(cx, y, line)
    y -= 20
    c.setFillColor(colors.black)
    c.setFont("Times-Bold", 16)
    c.drawCentredString(cx, y, r["operation_name"])
    c.setFont("Times-Roman", 9.5)
    y -= 13
    c.drawCentredString(cx, y, "Physical Address")
    for part in _address_lines(r["address"]):
        y -= 12
        c.drawCentredString(cx, y, part)
    y -= 14
    c.drawCentredString(cx, y, "is certified to the USDA organic regulations, 7 CFR Part 205, for the categories of")
    y -= 14
    c.setFont("Times-Roman", 10)
    c.drawCentredString(cx, y, ", ".join(SCOPE_NAMES[s] for s in r["scopes"]))
    p = Paragraph("Once certified, a production or handling operation's organic certification continues in effect "
                  "until surrendered, suspended, or revoked. Status of this certification and specific certified "
                  "organic products covered may be verified at", SMALL)
    _, ph = p.wrapOn(c, 400, 100)
    p.drawOn(c, cx - 200, y - 8 - ph)
    y -= 20 + ph
    c.setFillColor(colors.HexColor("#1a3fbf"))
    c.setFont("Times-Roman", 8)
    c.drawCentredString(cx, y, f"https://organic.ams.usda.gov/Integrity/CP/OPP?nopid={r['oid_operation_id']}")
    c.setFillColor(colors.black)
    rows = [("Certifier Client ID:", ctx["client_id"]), ("Certificate Number(s):", r["certificate_number"]),
            ("NOP Operation ID:", r["oid_operation_id"]), ("Effective Date:", us_date(r["effective_date"])),
            ("Anniversary Date:", us_date(r["anniversary_date"], 1)), ("Issue Date:", us_date(ctx["issued"]))]
    y -= 24
    c.setFont("Times-Roman", 9.5)
    for label, value in rows:
        c.drawString(46, y, label)
        c.drawString(150, y, str(value))
        y -= 11.5
    c.setFont("Times-Roman", 9.5)
    c.drawString(30, H - 462, "For addenda to this Organic Certificate, such as certified item lists with additional "
                              "details and other operation")
    c.drawString(30, H - 474, "information, contact the Accredited Certifying Agent identified at the top of this "
                              "Certificate.")
    footer(c, W)


def _address_lines(address: str) -> list[str]:
    parts = [p.strip() for p in address.split(",")]
    return [parts[0], ", ".join(parts[1:])] if len(parts) > 1 else parts


def _profile_page(c, r: dict, ctx: dict) -> None:
    cert = ctx["certifier"]
    c.setFillColor(colors.HexColor("#0b3d91"))
    c.setFont("Helvetica-Bold", 26)
    c.drawString(40, H - 70, "USDA")
    c.setFillColor(GREEN)
    c.rect(40, H - 84, 80, 8, fill=1, stroke=0)
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 11)
    c.drawString(330, H - 52, "ORGANIC")
    c.setFont("Helvetica-Bold", 22)
    c.drawString(330, H - 74, "INTEGRITY")
    c.setFont("Helvetica", 10)
    c.drawString(462, H - 74, "DATABASE")
    status = r["status"].capitalize()
    c.setFillColor(RED)
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(40, H - 110, f"Operation Profile ({r['oid_operation_id']}) updated on {us_date(ctx['status_date'])}")
    p = Paragraph("This Operation Profile was generated by the USDA Agricultural Marketing Service National Organic "
                  "Program. Additional up-to-date details about certified products can be found online in the "
                  "INTEGRITY Operation Profile through the QR Code or URL printed at the bottom of this page, or by "
                  "contacting the Certifier directly.", NOTE)
    _, ph = p.wrapOn(c, 440, 60)
    p.drawOn(c, 40, H - 118 - ph)
    qr(c, W - 100, H - 170, f"https://organic.ams.usda.gov/Integrity/CP/OPP?nopid={r['oid_operation_id']}", 60)
    y = H - 180
    c.setFillColor(RED)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(40, y, "Operation Information")
    c.setDash(1, 2)
    c.line(40, y - 5, W - 40, y - 5)
    c.setDash()
    c.setFillColor(colors.black)
    info = [("Program:", "USDA-NOP"), ("Operation Name:", r["operation_name"]), ("Operation Status:", status),
            ("Status Effective Date:", us_date(ctx["status_date"])), ("Certifier:", f"[{cert.short}] {cert.name}"),
            ("NOP ID:", r["oid_operation_id"]), ("Certifier Client ID:", ctx["client_id"]),
            ("Other/Former Names:", "N/A"), ("NOP Anniversary Date:", us_date(r["anniversary_date"])),
            ("Business Types/Service:", "Handler" if "handling" in r["scopes"] else "--"), ("Additional Info:", "")]
    y -= 22
    for label, value in info:
        c.setFont("Helvetica-Bold", 7.5)
        c.drawString(50, y, label)
        c.setFont("Helvetica", 7.5)
        c.drawString(180, y, value)
        y -= 15
    y -= 10
    c.setFillColor(RED)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(40, y, "Scope and Product Summary")
    c.setFillColor(colors.black)
    rows = [["Scope", "Status", "Status Effective Date", "Certified Products"]]
    for i, s in enumerate(r["scopes"]):
        products = "; ".join(r["products"]) if i == len(r["scopes"]) - 1 else "--"
        rows.append([f"{SCOPE_NAMES[s]} ({len(r['products']) if products != '--' else 0})", status,
                     us_date(ctx["status_date"]), products])
    y = draw_table(c, 40, y - 14, rows, [90, 70, 100, 272], header_bg="#dde8f3")
    c.setFont("Helvetica", 6)
    c.drawString(40, y - 10, "The Certified Product List is truncated at 20,000 characters. Additional information "
                             "is available in the Operation Profile.")
    y -= 36
    c.setFillColor(RED)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(40, y, "Contact Information")
    c.setFillColor(colors.black)
    for label, value in (("Name:", r["operation_name"]), ("Phone:", "N/A"), ("Email:", "N/A"),
                         ("Addresses:", "[Physical Address]"), ("", r["address"])):
        y -= 15
        c.setFont("Helvetica-Bold", 7.5)
        c.drawString(50, y, label)
        c.setFont("Helvetica", 7.5)
        c.drawString(130, y, value)
    footer(c, W)


def _cover_letter(c, r: dict, ctx: dict) -> None:
    name = r["operation_name"]
    logo(c, 40, H - 90, name, 44)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(95, H - 62, name)
    c.setFont("Helvetica", 8.5)
    c.drawString(95, H - 76, r["address"])
    c.setFont("Helvetica", 10)
    y = H - 150
    lines = [us_date(ctx["issued"], 2), "", ctx["buyer"], "Attn: Supplier Verification / Quality Assurance", "",
             "Re: Current organic certificate", "", "Dear Customer,", "",
             f"Please find attached our current organic certificate issued by {ctx['certifier'].name}",
             "and the Organic Integrity Database operation profile for our operation. Contact us if your",
             "supplier approval program needs any further documents (organic system plan summary,",
             "import certificates or lot-specific documentation).", "", "Sincerely,"]
    for line in lines:
        c.drawString(60, y, line)
        y -= 14
    signature(c, 60, y - 30, "Food Safety & Compliance Manager", "M. Ortega")
    footer(c, W)


def write(spec, path: Path) -> list[int]:
    r, ctx = spec.records[0], spec.context
    c = canvas(path, f"Organic certificate {r['operation_name']}")
    page = 1
    if spec.layout == "oid_with_cover_letter":
        _cover_letter(c, r, ctx)
        c.showPage()
        page = 2
    _certificate_page(c, r, ctx)
    c.showPage()
    _profile_page(c, r, ctx)
    c.showPage()
    c.save()
    return [page]
