"""Triage at handler level: bulk decisions on selected findings, overdue corrective actions, roles made visible,
and exports of the current view (Records and Triage) through the services."""
from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from auditpack.records import Decision, DecisionAction, Invoice, SourceRef, record_id
from review_ui import actions
from review_ui import records_view as rv
from review_ui import triage_view as tv
from review_ui.auth import PermissionDenied, Session, needs_role, role_needs, roles_that_may
from review_ui.presenters import OVERDUE, filter_findings, queue_frame, state_text

RITA, SAM = Session("rita", "reviewer"), Session("sam", "staff")
REASON = "Lots are printed on the packing slips filed with each receipt"
FORMULA = '=HYPERLINK("http://evil.example/x","click")'


def _open(services) -> dict[str, int]:
    return {s.finding.id: s.version for s in services.store.findings(status="open")}


def _ticked(services, chosen: set[str]) -> dict[str, int]:
    """What the tab passes: the ids ticked in the queue table as the browser sends it, with the loaded versions."""
    q = tv.load_queue(services.store, [], "all", "all", "all", "all", "open", "all", "", "severity")
    frame = queue_frame([services.store.get_finding(i) for i in q.ids], selected=chosen)
    return {fid: q.versions[fid] for fid in tv.selected_ids(frame)}


def test_a_bulk_decision_decides_the_selected_findings_each_with_its_own_audit_entry(services, seeded):
    opened = list(_open(services))
    chosen = set(opened[:3])
    targets = _ticked(services, chosen)
    assert set(targets) == chosen

    res = actions.decide_selected(services, RITA, targets, "dismiss", confirmed=3, reason=REASON)

    assert (res.done, res.asked, res.problems, res.refused) == (3, 3, [], "")
    after = {s.finding.id: s for s in services.store.findings()}
    assert {fid for fid, s in after.items() if s.status.value == "dismissed"} == chosen
    assert all(after[f].reason == REASON and after[f].decided_by == "rita" for f in chosen)
    entries = [e for e in services.store.audit_log(limit=50) if e.action == "finding.dismiss"]
    assert sorted(e.entity_id for e in entries) == sorted(chosen) and {e.actor for e in entries} == {"rita"}
    assert all(after[f].status.value == "open" for f in set(opened) - chosen)  # the unselected stay open


@pytest.mark.parametrize("confirmed", [None, 0, 2, 4])
def test_a_bulk_decision_without_a_confirmation_naming_its_count_writes_nothing(services, seeded, confirmed):
    targets = dict(list(_open(services).items())[:3])
    res = actions.decide_selected(services, RITA, targets, "dismiss", confirmed=confirmed, reason=REASON)
    assert res.done == 0 and res.refused and "3 findings" in res.message
    assert services.store.decisions() == []


def test_a_bulk_decision_with_nothing_selected_says_so(services, seeded):
    res = actions.decide_selected(services, RITA, {}, "dismiss", confirmed=0, reason=REASON)
    assert res.done == 0 and "Select the findings" in res.message
    assert services.store.decisions() == []


@pytest.mark.parametrize("user,role", [("sam", "staff"), ("ivan", "inspector"), ("mia", "manager")])
def test_a_bulk_decision_is_refused_for_a_role_that_may_not_decide_and_logged(services, seeded, user, role):
    targets = dict(list(_open(services).items())[:2])
    with pytest.raises(PermissionDenied):
        actions.decide_selected(services, Session(user, role), targets, "dismiss", confirmed=2, reason=REASON)
    assert services.store.decisions() == []
    refused = services.store.audit_log(limit=1)[0]
    assert (refused.actor, refused.action, refused.after["role"]) == (user, "ui.refused", role)


def test_a_bulk_decision_keeps_the_conflict_rule_per_finding(services, seeded):
    targets = dict(list(_open(services).items())[:3])
    stale = next(iter(targets))
    services.store.decide(Decision(finding_id=stale, action=DecisionAction.ASSIGN, actor="rob", assignee="rob"))
    res = actions.decide_selected(services, RITA, targets, "dismiss", confirmed=3, reason=REASON)
    assert res.done == 2 and len(res.problems) == 1 and "changed by rob" in res.problems[0]
    assert services.store.get_finding(stale).status.value == "open"
    assert "2 of 3 findings decided" in res.message


def test_ticking_a_rule_selects_only_its_open_findings_in_the_queue(services, seeded):
    q = tv.load_queue(services.store, [], "all", "all", "all", "all", "all", "all", "", "severity")
    done = next(i for i in q.ids if i.startswith("INV-NO-LOT:"))
    services.store.decide(Decision(finding_id=done, action=DecisionAction.DISMISS, actor="rob", reason="x"))
    q = tv.load_queue(services.store, [], "all", "all", "all", "all", "all", "all", "", "severity")
    picked = tv.selected_ids(tv.tick_rule(q.frame, "INV-NO-LOT"))
    expected = {s.finding.id for s in services.store.findings(status="open") if s.finding.rule_id == "INV-NO-LOT"}
    assert set(picked) == expected and done not in picked and len(expected) == 2


def _accept(services, fid: str, due: date) -> None:
    services.store.decide(Decision(finding_id=fid, action=DecisionAction.ACCEPT, actor="rita",
                                   corrective_action="Print lots on every invoice", due_date=due))


def test_the_overdue_view_lists_accepted_findings_past_their_due_date(services, seeded):
    ids = [f.id for f in seeded["findings"]]
    today = date.today()
    _accept(services, ids[0], today - timedelta(days=3))  # overdue
    _accept(services, ids[1], today + timedelta(days=10))  # not yet due
    _accept(services, ids[2], today)  # due today: not overdue yet
    states = services.store.findings()
    overdue = filter_findings(states, status=OVERDUE, sort="due date")
    assert [s.finding.id for s in overdue] == [ids[0]]
    assert "overdue" in state_text(overdue[0]) and str(today - timedelta(days=3)) in state_text(overdue[0])
    q = tv.load_queue(services.store, [], "all", "all", "all", "all", OVERDUE, "all", "", "due date")
    assert q.ids == [ids[0]] and "1** corrective action overdue" in q.count
    # a week later, all but the one due in ten days are overdue
    later = filter_findings(states, status=OVERDUE, today=today + timedelta(days=7))
    assert {s.finding.id for s in later} == {ids[0], ids[2]}


def test_a_screen_says_which_role_a_hidden_control_needs():
    assert roles_that_may("decide") == ["reviewer", "admin"]
    text = needs_role("decide", "staff")
    assert "reviewer or admin" in text and "staff" in text
    staff = role_needs("staff")
    assert "decide on findings (needs reviewer or admin)" in staff and "generate packages (needs manager or admin)" \
        in staff and "upload" not in staff  # staff may upload
    assert role_needs("admin") == ""


# --- exports of the current view ----------------------------------------------------------------

def _invoices(services, seeded, names: list[str]) -> None:
    doc = seeded["document"]
    recs = [Invoice(id=record_id("invoice", doc.sha256, 100 + i),
                    source=SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1),
                    supplier_name=name, invoice_number=f"EXP-{i}", invoice_date=date(2026, 4, 1 + i))
            for i, name in enumerate(names)]
    services.store.add_document(doc.model_copy(update={"sha256": "e" * 64}), recs, actor="seed")


def _read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("chunk", [1000, 2])  # 2: the export reads the store a chunk at a time
def test_records_export_has_every_row_of_the_filter_and_formula_text_stays_text(services, seeded, monkeypatch,
                                                                                 chunk):
    monkeypatch.setattr(rv, "EXPORT_CHUNK", chunk)
    _invoices(services, seeded, [FORMULA + " Acme", "Acme Mills", "Acme Foods", "Other Grain"])
    monkeypatch.setattr(rv, "PAGE_SIZE", 2)  # the page shown holds fewer rows than the filter
    page = rv.load_page(services.store, "invoice", "acme", "", 0)
    assert len(page.frame) == 2 and page.total == 3
    recs = rv.matching_records(services.store, "invoice", "acme", "")
    rows = _read_csv(services.export_records(recs, "csv"))
    assert sorted(r["invoice_number"] for r in rows) == ["EXP-0", "EXP-1", "EXP-2"]
    hostile = next(r for r in rows if r["invoice_number"] == "EXP-0")
    assert hostile["supplier_name"] == "'" + FORMULA + " Acme"  # shown as text by a spreadsheet, never run


def test_records_export_follows_the_date_filter(services, seeded):
    _invoices(services, seeded, ["A", "B", "C"])
    recs = rv.matching_records(services.store, "invoice", "", "2026-04-02 to 2026-04-03")
    rows = _read_csv(services.export_records(recs, "csv"))
    assert sorted(r["invoice_number"] for r in rows) == ["EXP-1", "EXP-2"]


def test_triage_export_as_xlsx_has_the_queue_rows_with_their_decisions(services, seeded):
    from openpyxl import load_workbook

    fid = seeded["findings"][1].id
    services.store.decide(Decision(finding_id=fid, action=DecisionAction.DISMISS, actor="rita", reason=FORMULA))
    shown = filter_findings(services.store.findings(), rule="INV-NO-LOT", status="all")
    path = services.export_findings(shown, "xlsx", name="triage-queue")
    assert path.suffix == ".xlsx" and path.is_relative_to(services.workspace.root)
    ws = load_workbook(path).active
    header, *rows = [list(r) for r in ws.iter_rows(values_only=True)]
    got = {r[header.index("id")]: r for r in rows}
    assert set(got) == {s.finding.id for s in shown} and len(got) == 3
    cell = got[fid][header.index("reason")]
    assert cell == "'" + FORMULA and got[fid][header.index("status")] == "dismissed"
    assert all(c.data_type == "s" for c in ws[1 + 1 + [s.finding.id for s in shown].index(fid)]
               if c.value is not None)  # text cells, no formula


def test_an_export_refuses_an_unknown_format(services):
    from auditpack.errors import AuditPackError

    with pytest.raises(AuditPackError):
        services.export_findings([], "pdf")
