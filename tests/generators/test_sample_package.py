"""The whole flow on the `small` sample operation, checked against its ground truth (truth.json):
generate -> ingest -> check -> two reviewer decisions -> audit package -> open it as an inspector would."""
from __future__ import annotations

import json
import math
import re
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader

from tests.generators.inspect_pages import docx_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(sample_small, tmp_path_factory, no_soffice_skip):
    from auditpack.records import Decision, DecisionAction
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from generators.api import build_package
    from ingest.api import expand_paths, ingest_paths
    from knowledge.api import run_check

    truth = json.loads((sample_small / "truth.json").read_text(encoding="utf-8"))
    ws = init_workspace(tmp_path_factory.mktemp("ws") / "ws", operation_name=truth["operation"]["name"])
    store = open_store(ws)
    files = [p for p in expand_paths([sample_small]) if p.name != "truth.json"]
    ingest_paths(ws, store, files, actor="test")
    findings = run_check(ws, store, actor="test").findings
    below = next(f for f in findings if f.rule_id == "PROD-PCT-BELOW-CATEGORY")
    late = next(f for f in findings if f.rule_id == "CLEAN-LATE-ENTRY")
    store.decide(Decision(finding_id=below.id, action=DecisionAction.ACCEPT, actor="qa.lead",
                          corrective_action="Relabel as 'made with organic' until the formula changes",
                          due_date=date(2026, 12, 15)))
    store.decide(Decision(finding_id=late.id, action=DecisionAction.DISMISS, actor="qa.lead",
                          reason="Paper log shows the entry on time; the scan was late"))
    trace = next(g["subject"].split("|")[0] for g in truth["gaps"] if g["rule_id"] == "TRACE-UNRESOLVED-LOT")
    result = build_package(ws, store, "generic-nop", tmp_path_factory.mktemp("pkg"), trace_lots=[trace],
                           allow_open=True)  # the sample's other planted gaps stay open
    yield truth, result, trace
    store.close()


def _section(result, sid):
    s = next(s for s in result.manifest["sections"] if s["id"] == sid)
    return result.out_dir / s["docx"], result.out_dir / s["pdf"]


def test_every_record_finding_and_original_of_the_sample_is_in_the_package(built):
    truth, result, _ = built
    m = result.manifest
    assert sum(m["record_counts"].values()) == sum(len(d["records"]) for d in truth["documents"])
    assert m["findings"]["total"] == len(truth["gaps"])
    assert sorted(i["rule_id"] for i in m["findings"]["items"]) == sorted(g["rule_id"] for g in truth["gaps"])
    assert m["findings"]["by_status"] == {"accepted": 1, "dismissed": 1, "open": len(truth["gaps"]) - 2}
    assert len(m["evidence"]) == len(truth["documents"])
    assert result.warnings == [], "every original (PDF, scan, DOCX, XLSX, CSV) became appendix pages"
    with zipfile.ZipFile(result.zip_path) as z:
        assert set(z.namelist()) == {f["path"] for f in m["files"]} | {"manifest.json"}


def test_percent_organic_of_every_product_matches_the_formula(built):
    """205.302: organic ingredients over all ingredients, water and salt excluded, rounded down."""
    truth, result, _ = built
    text = re.sub(r"\s+", " ", docx_text(_section(result, "products")[0]))
    profiles = [r for d in truth["documents"] for r in d["records"] if r["kind"] == "product_profile"]
    assert len(profiles) >= 5
    for p in profiles:
        counted = [i for i in p["ingredients"] if not i["water_or_salt"]]
        pct = 100 * sum(i["amount"] for i in counted if i["organic"]) / sum(i["amount"] for i in counted)
        assert f"{math.floor(pct)} % organic" in text, (p["product_name"], pct)
    below = next(g["subject"] for g in truth["gaps"] if g["rule_id"] == "PROD-PCT-BELOW-CATEGORY")
    assert re.search(rf"{re.escape(below)}.*?does NOT meet", text)


def test_cleaning_exceptions_are_the_planted_cleaning_gaps(built):
    truth, result, _ = built
    text = docx_text(_section(result, "cleaning")[0])
    planted = sum(1 for g in truth["gaps"] if g["rule_id"].startswith("CLEAN-"))
    assert f"Exceptions (findings on cleaning records) | {planted}" in text
    assert "Dismissed. Reason: Paper log shows the entry on time" in text
    # paper forms carry no entry time: counted apart, not as late entries
    events = [r for d in truth["documents"] for r in d["records"] if r["kind"] == "cleaning_event"]
    untimed = sum(1 for e in events if not e["logged_at"])
    assert untimed and "with an entry time" in text and f"; {untimed} on forms without an entry time" in text


def test_trace_back_of_the_planted_lot_shows_the_gap(built):
    truth, result, trace = built
    lot = next(g["subject"].split("|")[1] for g in truth["gaps"] if g["rule_id"] == "TRACE-UNRESOLVED-LOT")
    text = docx_text(_section(result, "traceback")[0])
    assert f"Finished lot {trace}" in text and f"GAPS: lot {lot} has no invoice" in text


def test_findings_section_and_appendix_as_an_inspector_opens_them(built):
    truth, result, _ = built
    findings = docx_text(_section(result, "findings")[0])
    assert "Accepted. Corrective action: Relabel as 'made with organic' until the formula changes" in findings
    assert findings.count("Open: no decision yet") == len(truth["gaps"]) - 2
    reader = PdfReader(str(_section(result, "evidence")[1]))
    [_, children] = reader.outline
    assert len(children) == len(truth["documents"])
    # a spreadsheet invoice, drawn with its cell addresses, shows its invoice number
    xlsx = next(d for d in truth["documents"] if d["kind"] == "invoice" and d["file"].endswith(".xlsx"))
    number = xlsx["records"][0]["invoice_number"]
    bookmark = next(c for c in children if c.title.endswith(xlsx["file"].rsplit("/", 1)[-1]))
    page = reader.pages[reader.get_destination_page_number(bookmark)].extract_text()
    assert number in page and "Sheet 1 of" in page
