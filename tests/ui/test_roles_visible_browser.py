"""Roles made visible in a real browser (Playwright, Debian's Chromium, 1440x900): an inspector and a staff
user visit Upload, Documents (with a document open) and Generate, and see no control they cannot use: no
button, enabled or greyed out, and no editable box whose value could not be saved; one line names the role
a hidden control needs, and nothing scrolls sideways.

Uses the hand-built workspace of tests/ui/seed.py (one invoice PDF, six open findings). Screenshots go to
$AUDITPACK_ARTIFACTS/ui/ (never into the repository).
"""
from __future__ import annotations

import pytest

from tests.ui.browser import ARTIFACTS, assert_fits, log_in, served
from tests.ui.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000
# What every role may use on each tab: reading (filters, lists, a job to follow, the checklist).
READING = {"upload": {"ap-upload-summary", "ap-jobs", "ap-job-pick", "ap-jobs-refresh"},
           "documents": {"ap-doc-kind-filter", "ap-doc-status-filter", "ap-doc-inbox", "ap-doc-search",
                         "ap-doc-sort", "ap-doc-table", "ap-doc-prev", "ap-doc-next", "ap-doc-refresh",
                         "ap-doc-page", "ap-doc-image", "ap-doc-fields"},
           "generate": {"ap-profile", "ap-start", "ap-end", "ap-checklist"}}
# What only some roles may use (issue 15): upload is staff/admin, correcting staff and above, generating
# manager/admin.
UPLOADING = {"ap-upload-files", "ap-ingest", "ap-job-resume"}
CORRECTING = {"ap-doc-box", "ap-doc-box-go", "ap-doc-correct", "ap-doc-kind", "ap-doc-field", "ap-doc-value",
              "ap-doc-pending", "ap-doc-save", "ap-doc-lines", "ap-doc-remember"}
GENERATING = {"ap-mode", "ap-year", "ap-trace", "ap-confirm-open", "ap-internal", "ap-generate", "ap-download"}
ALLOWED = {"ivan": {tab: ids for tab, ids in READING.items()},
           "sam": {"upload": READING["upload"] | UPLOADING, "documents": READING["documents"] | CORRECTING,
                   "generate": READING["generate"]}}
# Every control a person could press or type into, shown, with the innermost ap-* element it belongs to.
CONTROLS_JS = """(root) => { const out = [];
  for (const el of root.querySelectorAll('button, textarea, input, select, [contenteditable=true]')) {
    const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    if (!r.width || !r.height || st.visibility === 'hidden' || st.display === 'none') continue;
    if (el.tagName === 'INPUT' && el.type === 'hidden') continue;
    const host = el.closest('[id^="ap-"]');
    out.push({host: host ? host.id : '', what: (el.innerText || el.getAttribute('aria-label') || el.tagName)
      .trim().slice(0, 40), disabled: el.disabled, readonly: !!el.readOnly}); }
  return out; }"""


def _sign_in(browser, url: str, user: str):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = ctx.new_page()
    log_in(pg, url, user, PASSWORD, TIMEOUT)
    return ctx, pg


def _controls(pg, tab: str) -> list[dict]:
    return pg.locator(f"#ap-tab-{tab}").evaluate(CONTROLS_JS)


def _check(pg, user: str, tab: str) -> None:
    """No control outside what `user` may use on `tab`; nothing wider than the window; screenshots."""
    unusable = [c for c in _controls(pg, tab) if c["host"] not in ALLOWED[user][tab]]
    assert unusable == [], f"{user} sees controls they cannot use on {tab}: {unusable}"
    assert_fits(pg, tab)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(300)  # let the page image settle
    pg.screenshot(path=str(ARTIFACTS / f"40-roles-{user}-{tab}-1440x900.png"))
    pg.screenshot(path=str(ARTIFACTS / f"40-roles-{user}-{tab}.png"), full_page=True)


def test_an_inspector_and_a_staff_user_see_no_control_they_cannot_use(services, seeded, browser):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)  # two cores shared: an event may wait behind another
    name = seeded["document"].filename
    with served(services) as url:
        for user in ("ivan", "sam"):
            inspector = user == "ivan"
            ctx, pg = _sign_in(browser, url, user)
            # --- Upload: the jobs for everyone; the drop zone, Ingest and Resume for staff ---
            pg.get_by_role("tab", name="Upload", exact=True).click()
            expect(pg.get_by_role("button", name="Refresh jobs", exact=True)).to_be_visible()
            for button in ("Ingest files", "Resume"):
                expect(pg.get_by_role("button", name=button, exact=True)).to_have_count(0 if inspector else 1)
            expect(pg.locator("#ap-upload-files")).to_have_count(0 if inspector else 1)
            if inspector:
                expect(pg.locator("#ap-upload-role-note")).to_contain_text("staff or admin role")
            else:
                expect(pg.locator("#ap-upload-role-note")).to_have_count(0)
                expect(pg.get_by_role("button", name="Ingest files", exact=True)).to_be_enabled()
            _check(pg, user, "upload")

            # --- Documents: open the invoice; an inspector reads it, staff may correct it ---
            pg.get_by_role("tab", name="Documents", exact=True).click()
            pg.locator("#ap-doc-table [role=gridcell]", has_text=name).first.click()
            pg.locator("#ap-doc-head", has_text=name).wait_for()
            pg.locator("#ap-doc-image img").wait_for()  # every role sees the page
            expect(pg.locator("#ap-doc-fields")).to_contain_text("Plant A")  # and the records
            for button in ("Save", "Set kind and re-read", "Use typed value", "Use words in box",
                           "Remember this layout"):
                expect(pg.get_by_role("button", name=button, exact=True)).to_have_count(0 if inspector else 1)
            expect(pg.locator("#ap-doc-value textarea")).to_have_count(0 if inspector else 1)
            expect(pg.locator("#ap-doc-box textarea")).to_have_count(0 if inspector else 1)
            if inspector:
                expect(pg.locator("#ap-doc-readonly")).to_contain_text("staff role or above")
            else:
                expect(pg.locator("#ap-doc-readonly")).not_to_contain_text("staff role")
            cursor = pg.locator("#ap-doc-image img").first.evaluate("im => getComputedStyle(im).cursor")
            assert cursor == ("default" if inspector else "crosshair")  # the page invites picking only a corrector
            _check(pg, user, "documents")

            # --- Generate: the checklist for everyone; nothing to build with for either ---
            pg.get_by_role("tab", name="Generate", exact=True).click()
            pg.locator("#ap-readiness", has_text="findings are open").wait_for()
            expect(pg.locator("#ap-checklist")).to_contain_text("Purchase invoices")
            expect(pg.get_by_role("button", name="Generate", exact=True)).to_have_count(0)
            expect(pg.locator("#ap-trace textarea, #ap-trace input")).to_have_count(0)  # no box that cannot be used
            expect(pg.locator("#ap-confirm-open input")).to_have_count(0)
            expect(pg.locator("#ap-generate-role-note")).to_contain_text("manager or admin role")
            assert "confirm below" not in pg.locator("#ap-readiness").inner_text()
            _check(pg, user, "generate")
            ctx.close()
