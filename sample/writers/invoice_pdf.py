"""Ingredient invoices as PDF, in three vendor layouts (plus a two-invoice PDF).

- vendor_classic: boxed header, item codes, an "ORG" Y/N column, lot column;
- vendor_modern: colour band, "Organic" as a prefix of the description;
- vendor_coop: typewriter-style cooperative invoice, "(certified organic)" suffix,
  quantity first, PO often missing;
- multi_invoice_pdf: two invoices of one vendor in one file (one per page, in the vendor's layout).
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter

from sample.writers.pdfkit import canvas, draw_table, footer, logo, num, palette, signature, us_date

W, H = letter


def _money(v: float) -> str:
    return f"{v:,.2f}"


def classic(c, r: dict, ctx: dict) -> None:
    name = r["supplier_name"]
    logo(c, 40, H - 88, name, 44)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(92, H - 60, name)
    c.setFont("Helvetica", 8.5)
    c.drawString(92, H - 73, ctx["address"])
    c.setFont("Helvetica-Bold", 24)
    c.drawRightString(W - 40, H - 62, "INVOICE")
    rows = [["Invoice No.", r["invoice_number"]], ["Invoice Date", us_date(r["invoice_date"], 1)],
            ["Customer PO", r["po_number"] or ""], ["Terms", "Net 30"]]
    draw_table(c, W - 230, H - 80, rows, [80, 110])
    c.setFont("Helvetica-Bold", 8.5)
    c.drawString(40, H - 160, "BILL TO")
    c.drawString(300, H - 160, "SHIP TO")
    c.setFont("Helvetica", 9)
    for i, line in enumerate([r["buyer_name"], ctx["buyer_address"]]):
        c.drawString(40, H - 174 - 12 * i, line)
        c.drawString(300, H - 174 - 12 * i, line if i == 0 else "Receiving dock - " + line)
    data = [["Item", "Description", "ORG", "Lot No.", "Qty", "Unit", "Unit Price", "Amount"]]
    for i, l in enumerate(r["lines"]):
        data.append([f"{1000 + 17 * i + len(l['description'])}", l["description"], "Y" if l["organic"] else "N",
                     l["lot_number"] or "", num(l["quantity"]), l["unit"], _money(l["unit_price"]),
                     _money(l["amount"])])
    y = draw_table(c, 40, H - 215, data, [40, 170, 30, 80, 50, 32, 60, 70],
                   style=[("ALIGN", (4, 1), (-1, -1), "RIGHT")])
    totals = [["Subtotal", _money(r["total"])], ["Freight", "0.00"], ["TOTAL DUE (USD)", _money(r["total"])]]
    y = draw_table(c, W - 230, y - 10, totals, [120, 70],
                   style=[("ALIGN", (1, 0), (1, -1), "RIGHT"), ("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 9),
                          ("BACKGROUND", (0, 0), (-1, 0), colors.white)])
    c.setFont("Helvetica", 7.5)
    c.drawString(40, y - 30, "ORG = Y: product sold as certified organic under 7 CFR Part 205. "
                             "Certificate available on request.")
    c.drawString(40, y - 42, "Please remit to the address above. Claims must be made within 5 days of receipt.")
    footer(c, W)


def modern(c, r: dict, ctx: dict, page: int = 1, pages: int = 1) -> None:
    name = r["supplier_name"]
    col = palette(name)
    c.setFillColor(col)
    c.rect(0, H - 100, W, 100, fill=1, stroke=0)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(40, H - 50, name)
    c.setFont("Helvetica", 9)
    c.drawString(40, H - 66, ctx["address"])
    c.setFont("Helvetica-Bold", 13)
    c.drawRightString(W - 40, H - 50, f"Invoice # {r['invoice_number']}")
    c.setFont("Helvetica", 9)
    c.drawRightString(W - 40, H - 66, f"Date: {us_date(r['invoice_date'], 2)}")
    if r["po_number"]:
        c.drawRightString(W - 40, H - 80, f"Your order: {r['po_number']}")
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(40, H - 130, "Sold to")
    c.setFont("Helvetica", 9)
    c.drawString(40, H - 143, r["buyer_name"])
    c.drawString(40, H - 155, ctx["buyer_address"])
    data = [["Description", "Lot", "Quantity", "UOM", "Price", "Line total"]]
    for l in r["lines"]:
        data.append([l["description"], l["lot_number"] or "", num(l["quantity"]), l["unit"],
                     _money(l["unit_price"]), _money(l["amount"])])
    y = draw_table(c, 40, H - 190, data, [200, 90, 60, 40, 60, 82], header_bg="#f1f1f1", grid=False,
                   style=[("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.lightgrey)])
    c.setFont("Helvetica-Bold", 11)
    c.drawRightString(W - 40, y - 24, f"Total USD {_money(r['total'])}")
    c.setFont("Helvetica", 7.5)
    c.drawString(40, 70, "Thank you for your business. Organic products are identified as Organic in the description.")
    footer(c, W, page, pages)


def coop(c, r: dict, ctx: dict) -> None:
    name = r["supplier_name"]
    c.setFont("Courier-Bold", 14)
    c.drawCentredString(W / 2, H - 50, name.upper())
    c.setFont("Courier", 9)
    c.drawCentredString(W / 2, H - 64, ctx["address"])
    c.line(40, H - 74, W - 40, H - 74)
    c.setFont("Courier-Bold", 11)
    c.drawString(40, H - 96, "SALES INVOICE")
    c.setFont("Courier", 9)
    left = [f"Invoice:  {r['invoice_number']}", f"Date:     {us_date(r['invoice_date'], 1)}"]
    if r["po_number"]:
        left.append(f"Cust PO:  {r['po_number']}")
    for i, line in enumerate(left):
        c.drawString(40, H - 112 - 12 * i, line)
    c.drawString(320, H - 112, "Customer:")
    c.drawString(320, H - 124, r["buyer_name"])
    c.drawString(320, H - 136, ctx["buyer_address"])
    y = H - 180
    c.setFont("Courier-Bold", 8)
    header = f"{'QTY':>7} {'UNIT':<4} {'DESCRIPTION':<44} {'LOT/BATCH':<13} {'PRICE':>8} {'EXTENSION':>10}"
    c.drawString(40, y, header)
    c.line(40, y - 4, W - 40, y - 4)
    c.setFont("Courier", 8)
    for l in r["lines"]:
        y -= 14
        c.drawString(40, y, f"{num(l['quantity']):>7} {l['unit']:<4} {l['description']:<44} "
                            f"{(l['lot_number'] or ''):<13} {_money(l['unit_price']):>8} {_money(l['amount']):>10}")
    c.line(40, y - 8, W - 40, y - 8)
    c.setFont("Courier-Bold", 10)
    c.drawRightString(W - 40, y - 24, f"INVOICE TOTAL  {_money(r['total'])}")
    c.setFont("Courier", 8)
    c.drawString(40, y - 60, "Member-owned cooperative. Questions about lots or certificates: call the office.")
    signature(c, 40, y - 110, "Received by (signature)", None)
    footer(c, W)


def write(spec, path: Path) -> list[int]:
    first = spec.records[0]
    c = canvas(path, f"Invoice {first['invoice_number']}")
    pages = []
    layout = spec.context.get("base_layout", spec.layout) if spec.layout == "multi_invoice_pdf" else spec.layout
    for i, r in enumerate(spec.records, start=1):
        if layout == "vendor_classic":
            classic(c, r, spec.context)
        elif layout == "vendor_coop":
            coop(c, r, spec.context)
        else:
            modern(c, r, spec.context, i, len(spec.records))
        c.showPage()
        pages.append(i)
    c.save()
    return pages
