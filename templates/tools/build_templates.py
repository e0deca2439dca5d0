"""Write the .docx section templates (docxtpl syntax) from the specs below.

Run after changing a spec:  .venv/bin/python templates/tools/build_templates.py
It writes `templates/base/<section>.docx` (used by every profile unless the
profile folder has its own file of the same name) and the per-certifier
variants listed in VARIANTS. The context each template sees is documented in
docs/generators.md; `tests/generators/test_profiles.py` renders every
template with StrictUndefined so a placeholder naming a missing field fails.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docxkit import LANDSCAPE_WIDTH_CM, kv_table, loop_table, new_document, para, tag  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _heading(doc) -> None:
    doc.add_heading("{{ doc.number }}. {{ doc.title }}", level=1)
    tag(doc, "{%p if doc.intro %}")
    para(doc, "{{ doc.intro }}")
    tag(doc, "{%p endif %}")


def _empty(doc, collection: str, text: str) -> None:
    tag(doc, f"{{%p if not {collection} %}}")
    para(doc, text)
    tag(doc, "{%p endif %}")


def cover(doc, client_code: bool = False) -> None:
    doc.add_heading("{{ doc.operation }}", level=0)
    para(doc, "{{ doc.kind_title }}", bold=True, size=13)
    rows = [("Certifying agent", "{{ doc.certifier }}"), ("Period covered", "{{ doc.period }}"),
            ("Prepared from records ingested up to", "{{ doc.records_as_of }}"),
            ("Findings open at build time (no decision yet)", "{{ open_at_build }}")]
    if client_code:
        rows.insert(1, ("Client code / NOP ID", "{{ doc.nop_id }}"))
    kv_table(doc, rows)
    tag(doc, "{%p if copy_note %}")
    para(doc, "{{ copy_note }}", bold=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for w in name_warnings %}")
    para(doc, "Operation name check: {{ w }}", bold=True, size=9)
    tag(doc, "{%p endfor %}")
    para(doc, "")
    tag(doc, "{%p for line in letter %}")
    para(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Contents", level=1)
    para(doc, "{{ pages_note }}", size=9)
    loop_table(doc, "index", [("No.", "number", 1), ("Section", "title", 6), ("Form / summary", "form", 4),
                              ("File", "file", 5.4), ("Page", "page", 1.3)])
    tag(doc, "{%p if checklist %}")
    doc.add_heading("Records-completeness checklist", level=1)
    para(doc, "The records an inspector asks a handler for (NOP Guide for Organic Processors, ch. 12-13), "
              "whether this package contains them, and where.", size=9)
    loop_table(doc, "checklist", [("Record", "record_type", 6), ("Status", "status", 2.4), ("Count", "count", 1.4),
                                  ("Where in this package", "where", 7)])
    tag(doc, "{%p endif %}")


def operation(doc) -> None:
    _heading(doc)
    kv_table(doc, [("Operation", "{{ operation.name }}"), ("NOP operation ID", "{{ operation.nop_id }}"),
                   ("Certifying agent", "{{ operation.certifier }}"), ("Period", "{{ operation.period }}"),
                   ("Organic System Plan on file", "{{ operation.osp }}"),
                   ("Records in this package", "{{ operation.records }}")])
    doc.add_heading("Facilities and lines", level=2)
    loop_table(doc, "facilities", [("Facility", "name", 4), ("Address", "address", 4.5),
                                   ("Lines / equipment", "equipment", 5), ("Batches", "batches", 1.7),
                                   ("Cleanings", "cleanings", 2.1)])
    _empty(doc, "facilities", "No facility is named in the records.")
    doc.add_heading("Products", level=2)
    loop_table(doc, "products", [("Product", "name", 6), ("Label category", "category", 4),
                                 ("Listed in OSP", "in_osp", 2.5), ("Batches in period", "batches", 2.5)])
    _empty(doc, "products", "No product is named in the records.")


def suppliers(doc) -> None:
    _heading(doc)
    para(doc, "{{ summary }}")
    w = LANDSCAPE_WIDTH_CM
    loop_table(doc, "suppliers", [("Ingredient", "ingredient", 3.2), ("Supplier", "supplier", 3.2),
                                  ("Certifier", "certifier", 2.6), ("Certificate", "certificate_number", 2.4),
                                  ("Status", "status", 1.7), ("Anniversary", "anniversary", 2.3),
                                  ("Scope covers", "scope", 1.8), ("Verification", "verification", 3.6),
                                  ("Evidence", "evidence", 2.4)], total_width=w)
    _empty(doc, "suppliers", "No organic ingredient or supplier is named in the records.")


def products(doc, landscape: bool = False) -> None:
    width = LANDSCAPE_WIDTH_CM if landscape else 17.0
    _heading(doc)
    _empty(doc, "products", "No product profile (formulation) was ingested.")
    tag(doc, "{%p for p in products %}")
    doc.add_heading("{{ p.name }}", level=2)
    para(doc, "Label category claimed: {{ p.category }} (minimum {{ p.minimum }}). Basis: {{ p.basis }}. "
              "Formulation: {{ p.evidence }}.", size=9)
    loop_table(doc, "p.steps", [("Ingredient", "ingredient", 4), ("Amount", "amount", 1.8), ("Unit", "unit", 1.2),
                                ("In {{ p.base_unit }}", "in_base", 1.8), ("Organic", "organic", 1.7),
                                ("Counted as", "counted", 2.4), ("Note", "note", 4.3)], var="s", total_width=width)
    para(doc, "Step 1: organic ingredients = {{ p.organic_total }} {{ p.base_unit }}.")
    para(doc, "Step 2: all ingredients excluding added water and salt = {{ p.total }} {{ p.base_unit }}.")
    para(doc, "Step 3: {{ p.organic_total }} / {{ p.total }} x 100 = {{ p.percent_exact }} %, "
              "rounded down to {{ p.percent_rounded }} % (7 CFR 205.302).")
    para(doc, "Verdict: {{ p.verdict }}", bold=True)
    tag(doc, "{%p if p.problems %}")
    para(doc, "Problems: {{ p.problems }}", size=9)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def cleaning(doc) -> None:
    _heading(doc)
    w = LANDSCAPE_WIDTH_CM
    kv_table(doc, [("Cleaning events in period", "{{ cleaning.total }}"),
                   ("Logged in real time (within {{ cleaning.late_hours }} h)", "{{ cleaning.realtime }}"),
                   ("Exceptions (findings on cleaning records)", "{{ cleaning.exceptions }}")], total_width=w * 0.7)
    doc.add_heading("Events per facility and line", level=2)
    loop_table(doc, "by_line", [("Facility", "facility", 4), ("Equipment / line", "equipment", 5),
                                ("Events", "events", 1.5), ("Real time", "realtime", 1.5),
                                ("Share real time", "realtime_pct", 2), ("Exceptions", "exceptions", 1.8)],
               total_width=w)
    _empty(doc, "by_line", "No cleaning event in the period.")
    doc.add_heading("Exceptions", level=2)
    loop_table(doc, "exceptions", [("Rule", "rule_id", 3.2), ("Subject", "subject", 4.8), ("Issue", "message", 6),
                                   ("Decision", "decision", 4.5), ("Evidence", "evidence", 3)], total_width=w)
    _empty(doc, "exceptions", "No exception was found on the cleaning records.")
    doc.add_heading("Cleaning and sanitizing materials used", level=2)
    loop_table(doc, "materials", [("Material", "name", 5), ("Uses", "uses", 1.5), ("Listed in OSP", "in_osp", 2.5)],
               total_width=w * 0.6)
    _empty(doc, "materials", "No material is named on the cleaning records.")


def pest(doc) -> None:
    _heading(doc)
    w = LANDSCAPE_WIDTH_CM
    kv_table(doc, [("Pest control entries in period", "{{ pest.total }}"),
                   ("Level C/D interventions (materials)", "{{ pest.interventions }}"),
                   ("Level D without certifier approval on record", "{{ pest.unapproved }}")], total_width=w * 0.7)
    doc.add_heading("Entries per facility and level", level=2)
    loop_table(doc, "by_facility", [("Facility", "facility", 5), ("Entries", "entries", 1.5), ("A", "a", 1),
                                    ("B", "b", 1), ("C", "c", 1), ("D", "d", 1)], total_width=w * 0.7)
    _empty(doc, "by_facility", "No pest control entry in the period.")
    doc.add_heading("Interventions with materials (levels C and D)", level=2)
    loop_table(doc, "interventions", [("Date", "date", 2.2), ("Facility", "facility", 3.5), ("Location", "location", 3),
                                      ("Level", "level", 1.1), ("Material", "material", 3.5),
                                      ("Applicator", "applicator", 3), ("Approved", "approved", 2),
                                      ("Evidence", "evidence", 3)], total_width=w)
    _empty(doc, "interventions", "No level C or D intervention in the period.")


def traceback(doc) -> None:
    _heading(doc)
    _empty(doc, "chains", "No finished lot was available to trace.")
    tag(doc, "{%p for c in chains %}")
    doc.add_heading("Finished lot {{ c.lot }}: {{ c.product }}", level=2)
    para(doc, "{{ c.summary }}", size=9)
    loop_table(doc, "c.steps", [("Step", "step", 2.6), ("Item", "item", 5), ("Detail", "detail", 9.5),
                                ("Evidence", "evidence", 4)], var="s", total_width=LANDSCAPE_WIDTH_CM)
    para(doc, "Result: {{ c.result }}", bold=True)
    tag(doc, "{%p endfor %}")


def balance(doc) -> None:
    _heading(doc)
    para(doc, "{{ summary }}")
    loop_table(doc, "lines", [("Ingredient", "ingredient", 5), ("Unit", "unit", 1.4), ("Purchased", "purchased", 2.2),
                              ("Used in batches", "used", 2.2), ("Difference", "difference", 2.2),
                              ("Result", "result", 4.5), ("Evidence", "evidence", 4)], total_width=LANDSCAPE_WIDTH_CM)
    _empty(doc, "lines", "No organic ingredient was purchased or used in the period.")


def findings(doc) -> None:
    _heading(doc)
    kv_table(doc, [("Findings", "{{ summary.total }}"), ("Open", "{{ summary.open }}"),
                   ("Accepted with corrective action", "{{ summary.accepted }}"),
                   ("Dismissed with reason", "{{ summary.dismissed }}"),
                   ("Resolved (no longer raised)", "{{ summary.resolved }}")], total_width=LANDSCAPE_WIDTH_CM * 0.6)
    para(doc, "")
    loop_table(doc, "findings", [("Rule / severity", "rule", 3.4), ("Subject", "subject", 3.4),
                                 ("Finding", "message", 5.2), ("Citations", "citations", 2.3),
                                 ("Decision", "decision", 5.2), ("By, when", "decided", 2.4),
                                 ("Evidence", "evidence", 2.6)], total_width=LANDSCAPE_WIDTH_CM)
    _empty(doc, "findings", "No finding.")


def evidence(doc) -> None:
    _heading(doc)
    para(doc, "{{ summary }}")
    loop_table(doc, "documents", [("Ref", "ref", 1.3), ("Document", "filename", 5), ("Kind", "kind", 2.6),
                                  ("Pages", "pages", 1.2), ("Starts on page", "page", 1.5), ("sha256", "sha256", 6.4),
                                  ("Cited by sections", "cited_by", 4.6)],
               total_width=LANDSCAPE_WIDTH_CM)
    _empty(doc, "documents", "No document is cited.")


def changes(doc) -> None:
    _heading(doc)
    kv_table(doc, [("Last approved OSP", "{{ osp.current }}"), ("Previous OSP version", "{{ osp.previous }}"),
                   ("Records compared", "{{ osp.period }}"), ("Changes listed", "{{ osp.count }}")])
    para(doc, "")
    loop_table(doc, "changes", [("Area", "area", 2.4), ("Item", "item", 4.5), ("Change", "change", 5.6),
                                ("Source", "source", 4.5)])
    _empty(doc, "changes", "No change since the last approved OSP.")


def affirmation(doc) -> None:
    _heading(doc)
    tag(doc, "{%p for line in affirmation.statements %}")
    para(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    para(doc, "")
    kv_table(doc, [("Operation", "{{ affirmation.operation }}"), ("Name of authorized signer", ""),
                   ("Title", ""), ("Signature", "\n\n"), ("Date", "")])


SPECS = {"cover": cover, "operation": operation, "suppliers": suppliers, "products": products, "cleaning": cleaning,
         "pest": pest, "traceback": traceback, "balance": balance, "findings": findings, "evidence": evidence,
         "changes": changes, "affirmation": affirmation}
LANDSCAPE = {"suppliers", "cleaning", "pest", "traceback", "balance", "findings", "evidence"}
# certifier id -> {file name: (spec, kwargs, landscape)}
VARIANTS = {
    "ccof": {"cover.docx": (cover, {"client_code": True}, False)},
    "oregon-tilth": {"products.docx": (products, {"landscape": True}, True)},
}


def main() -> None:
    base = ROOT / "base"
    base.mkdir(exist_ok=True)
    for name, spec in SPECS.items():
        doc = new_document(landscape=name in LANDSCAPE)
        spec(doc)
        doc.save(base / f"{name}.docx")
    for cert, files in VARIANTS.items():
        for fname, (spec, kwargs, landscape) in files.items():
            doc = new_document(landscape=landscape)
            spec(doc, **kwargs)
            doc.save(ROOT / "certifiers" / cert / fname)
    print(f"wrote {len(SPECS)} base templates and {sum(len(v) for v in VARIANTS.values())} variants")


if __name__ == "__main__":
    main()
