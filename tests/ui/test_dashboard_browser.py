"""The Dashboard in a real browser (Playwright driving Debian's Chromium): a count leads to its queue.

A reviewer opens the Dashboard at 1440x900 (nothing scrolls sideways), clicks the count of one rule's open
findings and lands on the Triage tab whose queue shows only that rule's open findings; a facility's count does
the same for the facility.
Screenshots go to $AUDITPACK_ARTIFACTS/ui/.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.ui.browser import ARTIFACTS, CHROMIUM, log_in, served
from tests.ui.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000
VIEW = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium): the browser test needs it")
    from app.services import Services
    from auditpack.records import Decision, DecisionAction, Evidence, Finding, Subject, SupplierCertificate, \
        finding_id
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from review_ui.auth import hash_password
    from tests.ui.seed import seed

    ws = init_workspace(tmp_path_factory.mktemp("dash") / "ws", operation_name="Sample Organics")
    store = open_store(ws)
    store.add_user("rita", "reviewer", hash_password(PASSWORD))
    store.add_user("mia", "manager", hash_password(PASSWORD))
    seeded = seed(ws, store)
    doc, inv = seeded["document"], seeded["invoice"]
    extra = [Finding(id=finding_id("PEST-NO-RECORD", f"pest {i}"), rule_id="PEST-NO-RECORD", severity="minor",
                     citations=["7 CFR 205.271"], message=f"Pest control entry {i} has no record of the substance.",
                     subject=Subject(kind="invoice", id=inv.id, key=f"pest {i}"), facility=f"Plant {'AB'[i % 2]}",
                     evidence=[Evidence(document_sha256=doc.sha256, filename=doc.filename, page=1)])
             for i in range(5)]
    store.add_records([SupplierCertificate(id=f"cert-{n}", source=inv.source, operation_name=n, certifier=c,
                                           status="certified", anniversary_date=date.today() + timedelta(days=d))
                       for n, c, d in (("Hill Farm Cooperative", "Oregon Tilth", 25),
                                       ("Northern Mills", "CCOF", 140))], actor="seed")
    store.sync_findings(list(seeded["findings"]) + extra, actor="seed")
    store.decide(Decision(finding_id=extra[0].id, action=DecisionAction.ACCEPT, actor="rita",
                          corrective_action="Log the substance used", due_date=date.today() - timedelta(days=3)))
    services = Services(ws, store)
    with served(services) as url:
        yield url, store
    store.close()


def test_a_rule_count_opens_the_queue_filtered_to_that_rule(app, browser):
    url, store = app
    want = sorted(s.finding.subject.key for s in store.findings(status="open")
                  if s.finding.rule_id == "PEST-NO-RECORD")
    others = [s.finding.subject.key for s in store.findings(status="open") if s.finding.rule_id != "PEST-NO-RECORD"]
    assert len(want) == 4 and others
    ctx = browser.new_context(viewport=VIEW)
    pg = ctx.new_page()
    log_in(pg, url, "rita", PASSWORD, TIMEOUT)
    rules = pg.locator("#ap-dash-rules")
    rules.wait_for()
    pg.wait_for_timeout(400)
    pg.screenshot(path=str(ARTIFACTS / "dashboard-01.png"))
    pg.screenshot(path=str(ARTIFACTS / "dashboard-01-full.png"), full_page=True)
    assert pg.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "scrolls sideways"
    box = pg.locator("#ap-dash-certs").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEW["width"]
    # the overdue corrective action is listed and links to its finding
    assert "1 overdue" in pg.locator("#ap-dash-actions").inner_text()
    assert "Hill Farm Cooperative" in pg.locator("#ap-dash-cert-soon").inner_text()  # due within 60 days

    rules.get_by_role("link", name="4 open findings of rule: PEST-NO-RECORD").last.click()
    pg.wait_for_url("**tab=triage**")
    pg.wait_for_function("() => /^4 of /.test((document.querySelector('#ap-queue-count') || {}).innerText || '')")
    assert pg.get_by_role("tab", name="Triage", exact=True).get_attribute("aria-selected") == "true"
    queue = pg.locator("#ap-queue").inner_text()
    assert all(k in queue for k in want)
    assert not any(k in queue for k in others), "the queue shows only the counted rule's findings"
    pg.screenshot(path=str(ARTIFACTS / "dashboard-02-queue.png"))

    # a facility's count: only that facility's open findings
    pg.goto(url)
    fac = pg.locator("#ap-dash-facilities")
    fac.get_by_role("link", name="2 open findings at: Plant B").last.click()
    pg.wait_for_function("() => /^2 of /.test((document.querySelector('#ap-queue-count') || {}).innerText || '')")
    queue = pg.locator("#ap-queue").inner_text()
    assert "pest 1" in queue and "pest 3" in queue and "pest 2" not in queue

    # the overdue corrective actions: the queue of accepted findings past their due date
    pg.goto(url)
    pg.locator("#ap-dash-overdue").get_by_role("link", name="1 overdue").click()
    pg.wait_for_function("() => /^1 of /.test((document.querySelector('#ap-queue-count') || {}).innerText || '')")
    queue = pg.locator("#ap-queue").inner_text()
    assert "pest 0" in queue and "pest 1" not in queue

    # documents per kind: the Documents tab listing that kind (not the inbox)
    pg.goto(url)
    pg.locator("#ap-dash-docs").get_by_role("link", name="documents of kind invoice").click()
    pg.wait_for_url("**tab=documents**")
    pg.wait_for_function("() => (document.querySelector('#ap-doc-kind-filter input') || {}).value === 'invoice'")
    assert pg.get_by_role("tab", name="Documents", exact=True).get_attribute("aria-selected") == "true"
    ctx.close()


def test_the_readiness_gate_refuses_to_build_silently_with_open_critical_findings(app, browser):
    """Issue 15: a manager who presses Generate with undecided critical findings gets them listed and nothing
    built, until they tick the explicit confirmation."""
    url, store = app
    open_now = [s for s in store.findings(status="open")]
    critical = sum(s.finding.severity == "critical" for s in open_now)
    assert critical, "the seeded operation has open critical findings"
    ctx = browser.new_context(viewport=VIEW)
    pg = ctx.new_page()
    log_in(pg, url, "mia", PASSWORD, TIMEOUT)
    pg.get_by_role("tab", name="Generate", exact=True).click()
    ready = pg.locator("#ap-readiness")
    ready.get_by_text("critical").first.wait_for()
    assert str(len(open_now)) in ready.inner_text()
    assert pg.locator("#ap-confirm-open input").is_visible()  # the explicit confirmation is offered
    pg.get_by_role("button", name="Generate", exact=True).click()
    refused = pg.locator("#ap-not-built")
    refused.wait_for()
    assert f"{len(open_now)} findings are open" in refused.inner_text()
    assert f"({critical} critical)" in refused.inner_text()
    assert not pg.locator("#ap-download a").count(), "nothing to download: nothing was built"
    pg.screenshot(path=str(ARTIFACTS / "dashboard-03-generate-refused.png"))
    ctx.close()

