"""The master sanitation record as a filled PDF form (landscape, 14 entries a page).

A paper-style form: company header, form number, facility and period boxes,
one row per cleaning, names typed into the "done by" and "verified" boxes, a QA
review signature at the bottom. No entry timestamps, as on real paper forms.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter

from sample.writers.pdfkit import canvas, draw_table, footer, logo, signature

W, H = landscape(letter)
ROWS = 14
RUN = {"organic": "ORG", "conventional": "CONV", None: "-"}


def _agents(r: dict) -> str:
    out = []
    for a in r["agents"]:
        v = a["concentration"]
        v = int(v) if float(v).is_integer() else v
        out.append(f"{a['name']} {v} {a['concentration_unit']}")
    return "; ".join(out)


def write(spec, path: Path) -> list[int]:
    ctx = spec.context
    c = canvas(path, f"Sanitation record {ctx['facility']} {ctx['period']}", pagesize=(W, H))
    pairs = list(zip(spec.records, ctx["activities"]))
    chunks = [pairs[i:i + ROWS] for i in range(0, len(pairs), ROWS)] or [[]]
    pages = []
    for pno, chunk in enumerate(chunks, start=1):
        logo(c, 30, H - 70, "Riverbend Organic Foods", 38)
        c.setFont("Helvetica-Bold", 13)
        c.drawString(76, H - 46, "Riverbend Organic Foods, Inc.")
        c.setFont("Helvetica-Bold", 11)
        c.drawString(76, H - 62, "MASTER SANITATION RECORD - PRE-OP / CHANGEOVER / WASH-DOWN")
        c.setFont("Helvetica", 8)
        c.drawRightString(W - 30, H - 40, "Form QA-SAN-02  Rev. 5")
        c.rect(W - 290, H - 78, 260, 30)
        c.drawString(W - 284, H - 60, f"Facility: {ctx['facility']}")
        c.drawString(W - 284, H - 72, f"Period: {ctx['period']}")
        data = [["Date", "Time", "Equipment", "Activity", "Chemicals & concentration", "Rinse Cl ppm", "Rinse OK",
                 "Prev run", "Next run", "Done by", "Verified by", "Comments"]]
        for r, activity in chunk:
            when = datetime.fromisoformat(r["performed_at"])
            rinse = r["final_rinse_chlorine_ppm"]
            data.append([f"{when:%m/%d/%Y}", f"{when:%H:%M}", r["equipment"], activity, _agents(r),
                         "" if rinse is None else f"{rinse}", {True: "Y", False: "N", None: "n/a"}[r["rinse_verified"]],
                         RUN[r["preceding_run"]], RUN[r["next_run"]], r["operator"],
                         r["verified_by"] or "", r["notes"] or ""])
            pages.append(pno)
        draw_table(c, 30, H - 92, data, [50, 36, 62, 58, 150, 40, 34, 36, 36, 54, 54, 122],
                   style=[("FONT", (0, 1), (-1, -1), "Helvetica", 7), ("BACKGROUND", (0, 0), (-1, 0),
                                                                          colors.HexColor("#d9e4ef"))], font_size=7)
        c.setFont("Helvetica", 7)
        c.drawString(30, 62, "Chlorine: final potable-water rinse must test <= 4 ppm before organic product contact. "
                             "Changeover = full clean-out between conventional and organic runs.")
        signature(c, 30, 38, "Reviewed by QA (signature / date)", None, 200)
        footer(c, W, pno, len(chunks))
        c.showPage()
    c.save()
    return pages
