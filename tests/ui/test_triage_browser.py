"""Triage in a real browser (Playwright, Debian's Chromium) at 1440x900: roles made visible, a bulk decision on
findings the reviewer ticked, the overdue view, and an export of the queue.

Uses the hand-built workspace of tests/ui/seed.py (six open findings on one invoice), so it needs no other
stage to ingest anything. Screenshots go to $AUDITPACK_ARTIFACTS/ui/ (never into the repository).
"""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from auditpack.records import Decision, DecisionAction
from tests.ui.browser import log_in, served, shot
from tests.ui.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000
REASON = "Lot numbers are on the packing slips filed with each receipt"
DECISION_BUTTONS = ("Accept", "Dismiss", "Assign", "Comment", "Use suggestion", "Decide the selected findings")


def sign_in(browser, url: str, user: str):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    log_in(pg, url, user, PASSWORD, TIMEOUT)
    pg.get_by_role("tab", name="Triage", exact=True).click()
    pg.locator("#ap-queue [role=gridcell]", has_text="INV-NO-LOT").first.wait_for()
    return ctx, pg


def test_staff_sees_no_control_they_cannot_use_and_a_reviewer_decides_two_findings_at_once(services, seeded,
                                                                                             browser):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)  # two cores shared: an event may wait behind another
    store = services.store
    with served(services) as url:
        # --- staff: the queue, the evidence and an export; nothing to decide with ---
        ctx, pg = sign_in(browser, url, "sam")
        pg.locator("#ap-queue [role=gridcell]", has_text="INV-NO-LOT").first.click()
        pg.locator("#ap-finding .ap-head").wait_for()
        expect(pg.locator("#ap-role-note")).to_contain_text("reviewer or admin role")
        expect(pg.locator("#ap-role-needs")).to_contain_text("generate packages (needs manager or admin)")
        for name in DECISION_BUTTONS:
            expect(pg.get_by_role("button", name=name, exact=True)).to_have_count(0)
        expect(pg.locator("#ap-corrective textarea")).to_have_count(0)  # no box that cannot be saved
        expect(pg.locator("#ap-reason textarea, #ap-reason input")).to_have_count(0)
        assert pg.locator("#ap-queue input[type=checkbox]:visible").count() == 0  # no ✓ selection column
        assert "Alt+A" not in pg.locator("#ap-shortcuts").inner_text()  # no key for what the role may not do
        with pg.expect_download() as dl:
            pg.get_by_role("button", name="Export CSV", exact=True).click()
            pg.locator("#ap-queue-export a").first.click()
        rows = list(csv.DictReader(io.StringIO(dl.value.path().read_text(encoding="utf-8-sig"))))
        assert sorted(r["id"] for r in rows) == sorted(s.finding.id for s in store.findings(status="open"))
        shot(pg, "30-triage-staff")
        pg.screenshot(path=str(_artifact("30-triage-staff-1440x900")))
        # --- Records: the export holds the records of the current filter ---
        pg.get_by_role("tab", name="Records", exact=True).click()
        box = pg.locator("#ap-rec-filter textarea, #ap-rec-filter input").first
        box.fill("INV-1001")
        box.press("Enter")
        pg.locator("#ap-rec-table [role=gridcell]", has_text="INV-1001").first.wait_for()
        with pg.expect_download() as dl:
            pg.get_by_role("button", name="Export CSV", exact=True).click()
            pg.locator("#ap-rec-export a").first.click()
        rows = list(csv.DictReader(io.StringIO(dl.value.path().read_text(encoding="utf-8-sig"))))
        assert [r["invoice_number"] for r in rows] == ["INV-1001"] and rows[0]["id"] == seeded["invoice"].id
        ctx.close()

        # --- reviewer: tick two findings, one decision with one reason, confirmed by their number ---
        ctx, pg = sign_in(browser, url, "rita")
        pg.locator("#ap-queue [role=gridcell]", has_text="INV-NO-LOT").first.click()
        pg.locator("#ap-evidence-image img").wait_for()
        box = pg.locator("#ap-evidence-image img").bounding_box()
        assert box and box["y"] + box["height"] <= 900, "the evidence is not on the first screen at 1440x900"
        chosen = [s for s in store.findings(status="open") if s.finding.rule_id == "CERT-NOT-CURRENT"][:2]
        for s in chosen:
            pg.locator("#ap-queue .virtual-row", has_text=s.finding.subject.key).locator(
                "input[type=checkbox]").check()
        expect(pg.locator("#ap-bulk-count")).to_contain_text("2 findings selected")
        expect(pg.locator("#ap-bulk-confirm")).to_contain_text("2 selected findings")
        pg.locator("#ap-bulk-action").get_by_label("dismiss", exact=True).check()
        pg.locator("#ap-bulk-text textarea").fill(REASON)
        pg.get_by_role("button", name="Decide the selected findings", exact=True).click()
        expect(pg.locator("#ap-decision-status")).to_contain_text("confirm that this decision applies to 2")
        assert store.decisions() == []  # nothing written without the confirmation
        pg.locator("#ap-bulk-confirm input").check()
        pg.screenshot(path=str(_artifact("31-triage-bulk-selected-1440x900")))
        pg.get_by_role("button", name="Decide the selected findings", exact=True).click()
        expect(pg.locator("#ap-decision-status")).to_contain_text("2 of 2 findings decided")
        expect(pg.locator("#ap-queue-count")).to_contain_text("4 of 6")
        after = {s.finding.id: s for s in store.findings()}
        assert {f for f, s in after.items() if s.status.value == "dismissed"} == {s.finding.id for s in chosen}
        assert all(after[s.finding.id].reason == REASON and after[s.finding.id].decided_by == "rita"
                   for s in chosen)
        assert sorted(e.entity_id for e in store.audit_log(limit=20) if e.action == "finding.dismiss") == \
            sorted(s.finding.id for s in chosen)
        shot(pg, "32-triage-bulk-done")

        # --- the overdue view: an accepted finding past its due date ---
        late = next(s for s in store.findings(status="open"))
        store.decide(Decision(finding_id=late.finding.id, action=DecisionAction.ACCEPT, actor="rita",
                              corrective_action="Ask the supplier for lot numbers",
                              due_date=date.today() - timedelta(days=5)))
        pg.get_by_role("button", name="Overdue corrective actions", exact=True).click()
        expect(pg.locator("#ap-queue-count")).to_contain_text("1 of 6", timeout=TIMEOUT)
        expect(pg.locator("#ap-queue")).to_contain_text("overdue")
        expect(pg.locator("#ap-queue")).to_contain_text(late.finding.subject.key)
        pg.screenshot(path=str(_artifact("33-triage-overdue-1440x900")))
        ctx.close()


def _artifact(name: str):
    from tests.ui.browser import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"
