"""Evidence beside the decision (issue 15): the cited cell in its grid, the cited value's own box."""
from __future__ import annotations

import re

from auditpack.records import Evidence, Finding, Subject, finding_id
from review_ui import triage_view as tv
from review_ui.evidence import parse_cell, row_boxes
from tests.ui.documents import CLEANING_CSV, CLEANING_NAME
from tests.ui.seed import PAGE_H


def test_cell_addresses_read_with_their_sheet():
    assert parse_cell("Sanitation Log!I14") == parse_cell("Sanitation Log!$I$14")
    c = parse_cell("Jan 2026!AB7")
    assert (c.sheet, c.column, c.row, c.label) == ("Jan 2026", 27, 7, "AB7")
    assert parse_cell("p. 2") is None


def test_a_csv_cited_finding_shows_its_row_with_the_cell_highlighted(services):
    ws, store = services.workspace, services.store
    services.stage("ingest").ingest_bytes(ws, store, CLEANING_NAME, CLEANING_CSV.encode(), actor="test")
    services.stage("knowledge").run_check(ws, store)
    late = next(s for s in store.findings() if s.finding.rule_id == "CLEAN-LATE-ENTRY")
    cell = late.finding.evidence[0].cell
    panel = tv.load_panel(services, late.finding.id, [late.finding.id])
    html = panel.view.html
    assert panel.view.image is None and html
    cited = re.findall(r'<td title="([^"]+)" style="[^"]*outline', html)
    assert cited == [cell]
    assert "2026-03-09 10:00" in html and "logged_at" in html  # the late value, under its header


def test_a_page_finding_boxes_the_value_recorded_for_it(services, seeded):
    inv = seeded["invoice"]
    ref = inv.field_sources["lines[0].lot_number"]
    f = Finding(id=finding_id("INV-NO-LOT", "x"), rule_id="INV-NO-LOT", severity="major", citations=[],
                message="m", subject=Subject(kind="invoice", id=inv.id, key="x"),
                evidence=[Evidence(document_sha256=ref.document_sha256, filename=ref.filename, page=1,
                                   snippet=ref.span)])
    services.store.sync_findings([f], actor="test")
    view = tv.evidence_view(services, services.store.get_finding(f.id), 0)
    assert view.image is not None and view.boxes == 1
    assert "recorded position" in view.note


def test_a_row_snippet_is_boxed_on_its_one_row(services, seeded):
    path = services.workspace.root / seeded["document"].stored_path
    boxes = row_boxes(path, 1, "Organic rolled oats, 100 lb | LOT-77")
    assert len(boxes) == 1
    x0, top, x1, bottom = boxes[0]
    assert 165 <= top <= 182 and x0 < 100 and x1 > 400  # the line at y=180: description and lot together
    assert PAGE_H > bottom
