"""`auditpack documents [show]` and `auditpack correct` as a user meets them."""
from __future__ import annotations

import json

from auditpack.records import Status
from auditpack.store import open_store
from auditpack.workspace import open_workspace
from tests.core.records_factory import document, invoice
from tests.core.test_cli import cli as _cli

WIDE = {"COLUMNS": "200"}  # a wide terminal, so table cells are not folded


def cli(*args: str):
    return _cli(*args, env=WIDE)


def _workspace(tmp_path):
    ws_dir = tmp_path / "ws"
    assert cli("-w", str(ws_dir), "init").returncode == 0
    store = open_store(open_workspace(ws_dir))
    doc = document("[bold]odd name.pdf", "x")
    store.add_document(doc, [invoice(doc, "INV-77")], actor="test", text="organic rolled oats from the valley")
    memo = document("memo.pdf", "m").model_copy(update={"status": Status.UNKNOWN, "kind": None,
                                                        "reason": "not one of the known kinds"})
    store.add_document(memo, [], actor="test", text="forklift service schedule")
    store.close()
    return ws_dir, doc, memo


def test_list_inbox_search_and_json(tmp_path):
    ws_dir, doc, memo = _workspace(tmp_path)
    out = cli("-w", str(ws_dir), "documents")
    assert out.returncode == 0
    assert "[bold]odd name.pdf" in out.stdout  # document text is escaped, not read as markup
    assert doc.sha256[:12] in out.stdout and memo.sha256[:12] in out.stdout
    inbox = cli("-w", str(ws_dir), "documents", "--inbox", "--json")
    data = json.loads(inbox.stdout)
    assert data["total"] == 1 and data["items"][0]["filename"] == "memo.pdf"
    found = json.loads(cli("-w", str(ws_dir), "documents", "--search", "oats", "--json").stdout)
    assert [i["sha256"] for i in found["items"]] == [doc.sha256]
    bad = cli("-w", str(ws_dir), "documents", "--sort", "colour")
    assert bad.returncode == 1 and "sort by one of" in bad.stderr


def test_show_and_correct(tmp_path):
    ws_dir, doc, _ = _workspace(tmp_path)
    out = cli("-w", str(ws_dir), "correct", doc.sha256[:8], "--record", "1", "--field", "invoice_number",
              "--value", "INV-78", "--actor", "ana", "--note", "typo")
    assert out.returncode == 0, out.stderr
    shown = json.loads(cli("-w", str(ws_dir), "documents", "show", doc.sha256[:8], "--json").stdout)
    assert shown["records"][0]["invoice_number"] == "INV-78"
    assert shown["records"][0]["field_sources"]["invoice_number"]["extraction_method"] == "manual"
    assert [(c["actor"], c["value"], c["note"]) for c in shown["corrections"]] == [("ana", "INV-78", "typo")]
    table = cli("-w", str(ws_dir), "documents", "show", doc.sha256[:8])
    assert "INV-78" in table.stdout and "manual" in table.stdout


def test_refusals_are_one_line(tmp_path):
    ws_dir, doc, _ = _workspace(tmp_path)
    wrong = cli("-w", str(ws_dir), "correct", doc.sha256[:8], "--record", "1", "--field", "invoice_date",
                "--value", "soon")
    assert wrong.returncode == 1 and "invoice_date expects a date" in wrong.stderr
    stale = cli("-w", str(ws_dir), "correct", doc.sha256[:8], "--record", "1", "--field", "total", "--value", "1",
                "--revision", "3")
    assert stale.returncode == 1 and "you had 3" in stale.stderr
    assert "Traceback" not in wrong.stderr + stale.stderr


def test_findings_follow_a_correction(tmp_path):
    """Issue 13, item 5: after a correction the checks run again, so the finding about the gap closes."""
    from knowledge.api import run_check

    ws_dir = tmp_path / "ws"
    assert cli("-w", str(ws_dir), "init").returncode == 0
    ws = open_workspace(ws_dir)
    store = open_store(ws)
    doc = document("inv.pdf", "no lot")
    store.add_document(doc, [invoice(doc, "INV-9", lot=None)], actor="test")
    assert "INV-NO-LOT" in {f.rule_id for f in run_check(ws, store).findings}
    store.close()

    out = cli("-w", str(ws_dir), "correct", doc.sha256[:8], "--record", "1", "--field", "lines[0].lot_number",
              "--value", "L-42", "--actor", "ana")

    assert out.returncode == 0, out.stderr
    assert "checks re-ran" in out.stderr and "1 resolved" in out.stderr  # messages go to stderr, data to stdout
    store = open_store(open_workspace(ws_dir))
    try:
        still_open = {s.finding.rule_id for s in store.findings() if s.status.value == "open"}
        assert "INV-NO-LOT" not in still_open
    finally:
        store.close()
