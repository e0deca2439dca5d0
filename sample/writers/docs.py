"""Word documents: the Organic System Plan (question-and-answer form) and product profiles.

python-docx builds the files; fixed core-property dates (and normalised zip
timestamps, see determinism.py) keep them byte-identical for the same seed.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

from sample.writers.sheets import FIXED

CATEGORY_TEXT = {"100_percent_organic": "100% Organic", "organic": "Organic (at least 95% organic)",
                 "made_with_organic": "Made with Organic (specified ingredients)",
                 "ingredient_panel_only": "Organic ingredients identified in the ingredient panel only"}
QUESTIONS = {
    "practices": "Describe the practices and procedures used to handle organic products, from receiving to shipping.",
    "substances": "List and describe each substance used in handling (ingredients, processing aids, cleaners, "
                  "sanitizers, pest control), its composition, source and where it is used.",
    "monitoring": "Describe the monitoring practices and procedures, including their frequency, used to verify "
                  "that the plan is effectively implemented.",
    "recordkeeping": "Describe the recordkeeping system used to preserve the identity of organic products.",
    "commingling_prevention": "Describe the management practices and physical barriers used to prevent commingling "
                              "of organic and nonorganic products and contact with prohibited substances.",
    "pest_management": "Describe your facility pest management practices (prevention, mechanical/physical "
                       "controls, lures and repellents, and any synthetic materials).",
    "supplier_verification": "How do you verify that each supplier of organic products is certified and that the "
                             "products received are covered by its certificate?",
    "fraud_prevention": "Describe your organic fraud prevention plan (vulnerability assessment, mitigation, "
                        "verification of supply chain documents).",
}
USE_TEXT = {"cleaner": "Cleaner", "sanitizer": "Sanitizer", "processing_aid": "Processing aid",
            "pest_control": "Pest control", "other": "Ingredient (National List)"}


def _document(title: str) -> Document:
    doc = Document()
    props = doc.core_properties
    props.author, props.title, props.last_modified_by = "Riverbend QA", title, "Riverbend QA"
    props.created = props.modified = props.last_printed = FIXED
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(10.5)
    return doc


def _table(doc, headers: list[str], rows: list[list[str]]) -> None:
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    for cell, h in zip(t.rows[0].cells, headers):
        cell.text = h
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = t.add_row().cells
        for cell, v in zip(cells, row):
            cell.text = "" if v is None else str(v)


def osp(spec, path: Path) -> list[int]:
    r, ctx = spec.records[0], spec.context
    doc = _document("Organic System Plan")
    doc.add_heading("Organic System Plan - Handling / Processing Operation", level=0)
    _table(doc, ["Item", "Answer"], [
        ["Operation name", r["operation_name"]], ["Certifying agent", r["certifier"]], ["NOP ID", ctx["nop_id"]],
        ["Mailing address", ctx["address"]], ["Contact", ctx["contact"]],
        ["Plan last updated", date.fromisoformat(r["updated_on"]).strftime("%B %d, %Y").replace(" 0", " ")]])
    doc.add_heading("Section A. Facilities and equipment", level=1)
    _table(doc, ["Facility", "Address", "Processing lines / equipment"],
           [[f["name"], f["address"], ", ".join(f["equipment"])] for f in r["facilities"]])
    doc.add_heading("Section B. Organic products handled", level=1)
    _table(doc, ["#", "Product"], [[str(i), p] for i, p in enumerate(r["products"], start=1)])
    doc.add_heading("Section C. Suppliers of organic ingredients", level=1)
    _table(doc, ["Supplier", "Ingredient(s)"], [[s["name"], s["ingredient"]] for s in r["suppliers"]])
    doc.add_heading("Section D. Substances used in handling", level=1)
    _table(doc, ["Substance", "Use"], [[s["name"], USE_TEXT[s["use"]]] for s in r["substances"]])
    doc.add_heading("Section E. Questions", level=1)
    n = 0
    for key, question in QUESTIONS.items():
        answer = r["sections"].get(key)
        if answer is None:
            continue  # this variant of the plan lacks the section entirely
        n += 1
        q = doc.add_paragraph()
        q.add_run(f"E{n}. {question}").bold = True
        a = doc.add_paragraph()
        run = a.add_run(answer)
        run.font.color.rgb = RGBColor(0x1B, 0x2A, 0x6B)
    doc.add_paragraph("Signed: Dana Whitfield, Quality Manager (organic program contact)")
    doc.save(path)
    return [1]


def profile(spec, path: Path) -> list[int]:
    r, ctx = spec.records[0], spec.context
    doc = _document(f"Product profile {r['product_name']}")
    doc.add_heading("Product Profile / Formulation", level=0)
    _table(doc, ["Field", "Value"], [["Operation", ctx["operation"]], ["Product name", r["product_name"]],
                                     ["Product code", ctx["code"]],
                                     ["Labeling category", CATEGORY_TEXT[r["label_category"]]]])
    doc.add_heading("Ingredients (per batch)", level=1)
    _table(doc, ["Ingredient", "Amount", "Unit", "Organic?", "Supplier", "Certifier", "Agricultural?",
                 "Water/Salt?"],
           [[i["name"], f"{i['amount']:g}", i["unit"], "Yes" if i["organic"] else "No", i["supplier"] or "-",
             i["certifier"] or "-", "Yes" if i["agricultural"] else "No", "Yes" if i["water_or_salt"] else "No"]
            for i in r["ingredients"]])
    doc.add_heading("Processing aids", level=1)
    if r["processing_aids"]:
        _table(doc, ["Processing aid", "Supplier", "Organic?"],
               [[a["name"], a["supplier"], "Yes" if a["organic"] else "No"] for a in r["processing_aids"]])
    else:
        doc.add_paragraph("None used.")
    doc.add_paragraph(f"Prepared by QA on {datetime(2026, 1, 20):%m/%d/%Y}. Percent organic is calculated by weight "
                      "excluding added water and salt.")
    doc.save(path)
    return [1]
