"""Links and evidence in a real browser (Playwright driving Debian's Chromium), issue 15.

A cleaning log (CSV) and an invoice (PDF) go through the real ingest and checks. A reviewer opens a
spreadsheet-cited finding: the cited cell is drawn in its grid, highlighted, above the decision form
and on the first screen of a 1440x900 window. The address bar then names the finding; after a reload,
and in a fresh browser from the pasted address, the same finding is open in the Triage tab. A record's
link does the same for the Records tab. Screenshots go to $AUDITPACK_ARTIFACTS/ui/.
"""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from tests.ui.browser import ARTIFACTS, CHROMIUM, assert_fits, log_in, served
from tests.ui.conftest import PASSWORD
from tests.ui.documents import CLEANING_CSV, CLEANING_NAME, invoice_pdf

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000
VIEW = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium): the browser test needs it")
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from review_ui.auth import hash_password

    ws = init_workspace(tmp_path_factory.mktemp("links") / "ws", operation_name="Sample Organics")
    store = open_store(ws)
    store.add_user("rita", "reviewer", hash_password(PASSWORD))
    services = Services(ws, store)
    ingest = services.stage("ingest")
    ingest.ingest_bytes(ws, store, CLEANING_NAME, CLEANING_CSV.encode(), actor="test")
    ingest.ingest_bytes(ws, store, "invoice-PM-2041.pdf", invoice_pdf(), actor="test")
    services.stage("knowledge").run_check(ws, store)
    with served(services) as url:
        yield url, store
    store.close()


def signed_in(browser, url: str):
    ctx = browser.new_context(viewport=VIEW)
    pg = ctx.new_page()
    log_in(pg, url, "rita", PASSWORD, TIMEOUT)
    return ctx, pg


def wait_finding(pg, rule: str) -> None:
    pg.wait_for_function(
        "r => (document.querySelector('#ap-finding') || {}).innerText?.includes(r)", arg=rule, timeout=TIMEOUT)


def test_cell_evidence_and_links_survive_reload_and_paste(app, browser):
    url, store = app
    late = next(s for s in store.findings() if s.finding.rule_id == "CLEAN-LATE-ENTRY")
    assert late.finding.evidence[0].cell, "the late-entry finding cites a cell of the CSV"
    ctx, pg = signed_in(browser, url)
    pg.get_by_role("tab", name="Triage", exact=True).click()
    pg.locator("#ap-queue [role=gridcell]", has_text="CLEAN-LATE-ENTRY").first.click()
    wait_finding(pg, "CLEAN-LATE-ENTRY")
    cited = pg.locator("#ap-evidence-grid td[style*='outline']")
    cited.first.wait_for()
    assert cited.count() == 1
    assert cited.first.get_attribute("title") == late.finding.evidence[0].cell
    # above the decision form, and on the first screen without scrolling
    grid_box = pg.locator("#ap-evidence-grid").bounding_box()
    form_box = pg.locator("#ap-corrective").bounding_box()
    assert grid_box["y"] < form_box["y"]
    assert grid_box["y"] + 20 < VIEW["height"]
    assert_fits(pg, "Triage with a finding open")
    pg.screenshot(path=str(ARTIFACTS / "links-01-cell-evidence.png"))
    # the address names the finding; a reload opens it again in Triage
    pg.wait_for_function("id => decodeURIComponent(location.search).includes(id)", arg=late.finding.id)
    address = pg.url
    pg.reload()
    wait_finding(pg, "CLEAN-LATE-ENTRY")
    assert pg.get_by_role("tab", name="Triage", exact=True).get_attribute("aria-selected") == "true"
    ctx.close()
    # a colleague pastes the address into a fresh browser: after sign-in the same finding is open
    ctx2, pg2 = signed_in(browser, address)
    wait_finding(pg2, "CLEAN-LATE-ENTRY")
    assert unquote(pg2.locator("#ap-finding input").first.input_value()).endswith(f"finding={late.finding.id}")
    assert late.finding.id in unquote(pg2.url)  # the address stays the finding's (not rewritten by the tabs)
    assert_fits(pg2, "a pasted finding")
    pg2.screenshot(path=str(ARTIFACTS / "links-02-pasted-finding.png"))
    # a record's link opens the Records tab with the record
    rec = store.records(kind="cleaning_event")[1]
    pg2.goto(url + f"?tab=records&record={rec.id}")
    pg2.wait_for_function("id => (document.querySelector('#ap-rec-title') || {}).innerText?.includes(id)",
                          arg=rec.id, timeout=TIMEOUT)
    assert pg2.get_by_role("tab", name="Records", exact=True).get_attribute("aria-selected") == "true"
    assert_fits(pg2, "Records with a record open")
    pg2.screenshot(path=str(ARTIFACTS / "links-03-record.png"))
    ctx2.close()


def _field(pg, elem_id: str):
    return pg.locator(f"#{elem_id} textarea, #{elem_id} input").first


def test_filters_changed_by_hand_are_in_the_address_and_survive_a_reload(app, browser):
    """The reviewer filters the queue by hand (status, search) and the records (kind, a date as people write
    it); each change is in the address bar, and a reload shows the same filtered lists."""
    url, store = app
    ctx, pg = signed_in(browser, url)
    pg.get_by_role("tab", name="Triage", exact=True).click()
    pg.locator("#ap-queue [role=gridcell]").first.wait_for()
    pg.locator("#ap-f-status input").click()
    pg.get_by_role("option", name="all", exact=True).click()
    pg.wait_for_function("() => new URLSearchParams(location.search).get('status') === 'all'", timeout=TIMEOUT)
    _field(pg, "ap-search").fill("CLEAN-LATE")
    _field(pg, "ap-search").press("Enter")
    pg.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'CLEAN-LATE'", timeout=TIMEOUT)
    assert "tab=triage" in pg.url
    pg.reload()
    pg.wait_for_function("() => (document.querySelector('#ap-queue') || {}).innerText?.includes('CLEAN-LATE-ENTRY')",
                         timeout=TIMEOUT)
    assert pg.locator("#ap-f-status input").input_value() == "all"
    assert _field(pg, "ap-search").input_value() == "CLEAN-LATE"
    rules = pg.locator("#ap-queue [role=gridcell]").all_inner_texts()
    assert not any(t.startswith(("INV-", "CERT-")) for t in rules), rules  # still only the searched findings
    assert_fits(pg, "the filtered queue")
    pg.screenshot(path=str(ARTIFACTS / "links-04-filtered-queue-reloaded.png"))
    # the records: a kind and a date typed without its year
    pg.get_by_role("tab", name="Records", exact=True).click()
    pg.locator("#ap-rec-kind input").click()
    pg.get_by_role("option", name=re.compile(r"^cleaning event")).click()
    pg.wait_for_function("() => new URLSearchParams(location.search).get('kind') === 'cleaning_event'",
                         timeout=TIMEOUT)
    _field(pg, "ap-rec-date").fill("March 5")
    _field(pg, "ap-rec-date").press("Enter")
    pg.wait_for_function("() => new URLSearchParams(location.search).get('date') === 'March 5'", timeout=TIMEOUT)
    pg.locator("#ap-rec-count", has_text="1–1 of 1").wait_for(timeout=TIMEOUT)
    pg.reload()
    pg.locator("#ap-rec-count", has_text="1–1 of 1").wait_for(timeout=TIMEOUT)
    assert pg.get_by_role("tab", name="Records", exact=True).get_attribute("aria-selected") == "true"
    assert _field(pg, "ap-rec-date").input_value() == "March 5"
    assert "2026-03-05" in pg.locator("#ap-rec-table").inner_text()
    assert_fits(pg, "the filtered records")
    pg.screenshot(path=str(ARTIFACTS / "links-05-filtered-records-reloaded.png"))
    pg.get_by_role("tab", name="Ask", exact=True).click()
    pg.locator("#ap-tab-ask").wait_for()
    assert_fits(pg, "Ask")
    pg.screenshot(path=str(ARTIFACTS / "links-06-ask.png"))
    ctx.close()
