"""`run_check` end to end on a store: passages, currency notes, decisions kept across runs, CLI JSON."""
from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from auditpack.records import Decision, DecisionAction, DocumentInfo, DocumentStatus, FindingStatus
from knowledge.api import run_check, update_corpus
from tests.knowledge import factory as f


def add(store, records):
    for r in records:
        doc = DocumentInfo(sha256=r.source.document_sha256, filename=r.source.filename, size_bytes=1, pages=1,
                           kind=r.kind.value, status=DocumentStatus.INGESTED, stored_path="x")
        store.add_document(doc, [r], actor="test")


def gappy():
    recs = f.clean_operation()
    recs[0] = f.invoice(lines=[f.line(lot=None)])  # INV-NO-LOT + TRACE-UNRESOLVED-LOT (lot L-1 gone)
    return recs


def test_findings_carry_regulation_text_and_currency_notes(tmp_workspace, store, regulation_file):
    update_corpus(tmp_workspace, store, regulation_file)
    add(store, gappy())
    run = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    assert run.corpus_loaded
    by_rule = {x.rule_id: x for x in run.findings}
    assert set(by_rule) >= {"INV-NO-LOT", "TRACE-UNRESOLVED-LOT"}
    no_lot = by_rule["INV-NO-LOT"]
    assert [p.citation for p in no_lot.regulation] == no_lot.citations
    assert no_lot.regulation[0].currency.startswith("outdated")  # 205.103 is pre-SOE in the local copy
    assert "outdated in the loaded copy" in no_lot.message


def test_without_corpus_findings_still_have_citations_and_a_warning(tmp_workspace, store):
    add(store, gappy())
    run = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    assert not run.corpus_loaded and any("not loaded" in w for w in run.warnings)
    assert all(x.citations and x.regulation for x in run.findings)


def test_decisions_survive_a_recheck_and_fixed_gaps_resolve(tmp_workspace, store):
    add(store, gappy())
    first = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    target = next(x for x in first.findings if x.rule_id == "INV-NO-LOT")
    store.decide(Decision(finding_id=target.id, action=DecisionAction.DISMISS, actor="rev", reason="lot on BOL"))
    second = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    assert second.sync.kept_decisions == 1 and second.sync.new == 0
    assert store.get_finding(target.id).status == FindingStatus.DISMISSED
    add(store, [f.invoice("INV-2")])  # the lot now arrives on a second invoice
    third = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    assert third.sync.resolved >= 1
    assert store.findings(rule_id="TRACE-UNRESOLVED-LOT")[0].status == FindingStatus.RESOLVED


def test_cli_check_json_shape(tmp_workspace, store):
    from app.cli.main import app

    add(store, gappy())
    res = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "check", "--json", "--as-of", "2026-03-31"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data and set(data[0]) >= {"id", "rule_id", "severity", "citations", "message", "subject", "evidence",
                                     "regulation", "confidence", "status"}
    assert set(data[0]["subject"]) >= {"kind", "id", "key"}
    bad = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "check", "--as-of", "31/03/2026"])
    assert bad.exit_code != 0


def test_osp_coverage_flags_an_off_topic_section_for_review(tmp_workspace, store, regulation_file):
    update_corpus(tmp_workspace, store, regulation_file)
    sections = f.FULL_SECTIONS.model_copy(update={
        "pest_management": "Blueberry muffins are sold at the farmers market on Saturdays.",
        "commingling_prevention": "Organic and nonorganic products are kept apart on a split operation: physical "
                                  "barriers and management practices prevent commingling and contact with "
                                  "prohibited substances."})
    add(store, [f.plan(sections=sections)])
    run = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    flagged = {x.subject.key: x for x in run.findings if x.rule_id == "OSP-COVERAGE"}
    assert "pest_management" in flagged and "commingling_prevention" not in flagged
    assert flagged["pest_management"].confidence < 0.5


def test_cli_suggest_by_id_prefix_saves_a_suggestion_and_changes_no_status(tmp_workspace, store):
    from app.cli.main import app

    add(store, gappy())
    run = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "check", "--json", "--as-of", "2026-03-31"])
    found = {d["rule_id"]: d["id"] for d in json.loads(run.stdout)}
    fid = found["INV-NO-LOT"]
    res = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "suggest", fid[:-4], "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["finding_id"] == fid and data["reviewer"] == "offline"
    assert "lot" in (data["explanation"] + data["corrective_action"]).lower()
    assert [s.finding_id for s in store.suggestions(fid)] == [fid]
    assert store.get_finding(fid).status is FindingStatus.OPEN
    assert len(found) >= 2
    vague = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "suggest", ""])  # matches every finding
    nothing = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "suggest", "NOPE-123"])
    # the CLI's run() prints these AuditPackErrors as one line and exits 1
    assert vague.exit_code != 0 and "give more of the id" in str(vague.exception)
    assert nothing.exit_code != 0 and "auditpack check --json" in str(nothing.exception)
