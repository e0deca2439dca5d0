"""Issue 13's acceptance test in a real browser (Playwright driving Debian's Chromium).

A supplier document in a layout no reader knows (its labels are made up here: "Slip code", "Struck on",
"Grand owed") is ingested and lands in the inbox as unknown. In the Documents tab a person opens it,
says it is an invoice, assigns three values by clicking the words on the page image and one by typing,
saves, and sees the record and the findings change. "Remember this layout" teaches a profile; a second
document of the same layout, uploaded afterwards, is read with its values without help. An inspector
sees the same document with the correcting controls disabled and told why. A document of another unseen
layout is corrected by dragging boxes over its values (one typed as a box and refused: no date), and the
list shows each document's first page, a picture a browser without a session cannot fetch. Screenshots
go to $AUDITPACK_ARTIFACTS/ui/.
"""
from __future__ import annotations

import io
import re

import pytest

from tests.ui.browser import CHROMIUM, log_in, served, shot
from tests.ui.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000
SUPPLIER = "Quillfeather Grain Traders"


def slip_pdf(number: str, day: str, total: str) -> bytes:
    """A one-page "statement" whose labels no declaration lists (so no reader finds the values)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    for x, y, text in [(50, 800, SUPPLIER), (50, 786, "7 Wharf Lane, Hull"), (50, 760, "Statement of goods"),
                       (50, 720, "Slip code"), (180, 720, number), (50, 702, "Struck on"), (180, 702, day),
                       (50, 684, "Vendor"), (180, 684, SUPPLIER), (50, 600, "Grand owed"), (180, 600, total)]:
        c.drawString(x, y, text)
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium): the browser test needs it")
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from review_ui.auth import hash_password
    from app.services import Services

    ws = init_workspace(tmp_path_factory.mktemp("docs") / "ws", operation_name="Sample Organics")
    store = open_store(ws)
    h = hash_password(PASSWORD)
    store.add_user("sam", "staff", h)
    store.add_user("ivan", "inspector", h)
    services = Services(ws, store)
    for stage in ("ingest", "knowledge"):
        assert services.missing(stage) is None, services.missing(stage)  # the real stages, never stand-ins
    with served(services) as url:
        yield url, services
    store.close()


def signed_in(browser, url: str, user: str):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1100})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    log_in(pg, url, user, PASSWORD, TIMEOUT)
    return ctx, pg


def choose(pg, elem_id: str, option: str) -> None:
    """Pick `option` in a dropdown (a kind candidate shows its score after the name: "invoice (0.52)")."""
    pg.locator(f"#{elem_id} input").click()
    pg.get_by_role("option", name=re.compile(rf"^{re.escape(option)}( \(\d\.\d\d\))?$")).click()


def click_word(pg, services, sha: str, word: str) -> None:
    """Click `word` on the page image where a person would: at its box, through the image's scaling."""
    loaded = services.loaded_document(sha)
    page = loaded.pages[0]
    box = next(w.bbox for line in page.lines for w in line.words if w.text == word)
    scale = 1000 / 595.2755905511812  # render_page draws a page 1000 px wide; A4 is 595.28 pt
    px, py = (box[0] + box[2]) / 2 * scale, (box[1] + box[3]) / 2 * scale
    img = pg.locator("#ap-doc-image img").first
    img.wait_for()
    at = img.evaluate("""(im, p) => { const r = im.getBoundingClientRect();
        const s = Math.min(r.width / im.naturalWidth, r.height / im.naturalHeight, 1);
        return [r.left + (r.width - im.naturalWidth * s) / 2 + p[0] * s,
                r.top + (r.height - im.naturalHeight * s) / 2 + p[1] * s]; }""", [px, py])
    pg.mouse.click(at[0], at[1])


def test_correct_on_the_page_then_teach_once(app, browser):
    from playwright.sync_api import expect

    url, services = app
    ingest = services.stage("ingest")
    first = ingest.ingest_bytes(services.workspace, services.store, "quillfeather-slip-0417.pdf",
                                slip_pdf("QG-4417", "17.03.2026", "1,234.50"), "sam")
    assert first.status.value == "unknown" and not first.records  # no reader knows this layout
    findings_before = len(services.store.findings())

    ctx, pg = signed_in(browser, url, "sam")
    pg.get_by_role("tab", name="Documents", exact=True).click()
    expect(pg.locator("#ap-doc-inbox input")).to_be_checked()  # the inbox is not empty: it opens on it
    expect(pg.locator("#ap-doc-count")).to_contain_text("1–1 of 1")
    pg.locator("#ap-doc-table [role=gridcell]", has_text="quillfeather-slip-0417.pdf").first.click()
    pg.locator("#ap-doc-head", has_text="quillfeather-slip-0417.pdf").wait_for()
    pg.locator("#ap-doc-image img").wait_for()
    pg.wait_for_function("() => location.search.includes('doc=')")  # the address bar names the document
    assert first.sha256 in pg.url
    shot(pg, "20-documents-open-unknown")

    # --- it is an invoice; three values by clicking the page, one typed ---
    choose(pg, "ap-doc-kind", "invoice")
    for field, word in (("invoice_number", "QG-4417"), ("invoice_date", "17.03.2026"), ("total", "1,234.50")):
        choose(pg, "ap-doc-field", field)
        click_word(pg, services, first.sha256, word)
        expect(pg.locator("#ap-doc-pending")).to_contain_text(word)
    choose(pg, "ap-doc-field", "supplier_name")
    box = pg.locator("#ap-doc-value textarea, #ap-doc-value input").first
    box.fill(SUPPLIER)
    box.press("Enter")
    expect(pg.locator("#ap-doc-pending")).to_contain_text("typed")
    shot(pg, "21-documents-picked")
    pg.get_by_role("button", name="Save", exact=True).click()
    pg.locator("#ap-doc-status", has_text="Saved 4 of 4").wait_for()
    status = pg.locator("#ap-doc-status").inner_text()
    assert "Checks re-ran" in status and "0 findings changed" not in status, status
    fields = pg.locator("#ap-doc-fields")
    for text in ("QG-4417", "2026-03-17", "1234.5", SUPPLIER, "manual"):
        expect(fields).to_contain_text(text)
    shot(pg, "22-documents-saved")
    rec = services.store.records(document_sha256=first.sha256)[0]
    assert rec.field_sources["invoice_number"].bbox is not None  # where the person pointed is kept
    assert rec.field_sources["supplier_name"].extraction_method.value == "manual"
    assert len(services.store.findings()) != findings_before  # the checks followed the corrected data

    # --- remember the layout; the next document of it is read without help ---
    pg.get_by_role("button", name="Remember this layout", exact=True).click()
    taught = pg.locator("#ap-doc-taught")
    expect(taught).to_contain_text("Remembered this layout")
    for label in ("Slip code", "Struck on", "Grand owed"):
        expect(taught).to_contain_text(label)
    shot(pg, "23-documents-remembered")

    pg.get_by_role("tab", name="Upload", exact=True).click()
    pg.locator("#ap-upload-files input[type=file]").set_input_files(
        [{"name": "quillfeather-slip-0502.pdf", "mimeType": "application/pdf",
          "buffer": slip_pdf("QG-5020", "02.05.2026", "88.40")}])
    pg.get_by_role("button", name="Ingest files", exact=True).click()
    pg.locator("#ap-upload-summary", has_text="quillfeather-slip-0502.pdf").wait_for()
    pg.get_by_role("tab", name="Documents", exact=True).click()
    pg.locator("#ap-doc-inbox input").uncheck()
    search = pg.locator("#ap-doc-search textarea, #ap-doc-search input").first
    search.fill("QG-5020")
    search.press("Enter")  # Enter searches
    pg.locator("#ap-doc-table [role=gridcell]", has_text="quillfeather-slip-0502.pdf").first.click()
    pg.locator("#ap-doc-head", has_text="quillfeather-slip-0502.pdf").wait_for()
    for text in ("QG-5020", "2026-05-02", "88.4", SUPPLIER):
        expect(fields).to_contain_text(text)
    assert "manual" not in fields.inner_text()  # read by the profile, nobody typed anything
    shot(pg, "24-documents-second-read")
    assert pg.dialogs == []
    ctx.close()

    # --- an inspector opens the same document by its link: sees it, cannot change it, is told why ---
    ctx, pg = signed_in(browser, url, "ivan")
    pg.goto(f"{url}?doc={first.sha256}")
    pg.locator("#ap-doc-head", has_text="quillfeather-slip-0417.pdf").wait_for()
    expect(pg.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    expect(pg.get_by_role("button", name="Remember this layout", exact=True)).to_have_count(0)
    expect(pg.locator("#ap-doc-readonly")).to_contain_text("staff role or above")
    shot(pg, "25-documents-inspector")
    ctx.close()


MERCHANT = "Brackenmoor Seed Merchants"


def docket_pdf() -> bytes:
    """Another layout nobody taught (so the slip's profile does not read it): labels made up here too."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    for x, y, text in [(60, 790, "Goods docket"), (60, 740, "Docket ref"), (200, 740, "BK-88"),
                       (60, 700, "Dispatched by"), (200, 700, MERCHANT), (200, 686, "Fenway Road, Ely"),
                       (60, 620, "Sum payable"), (200, 620, "2.318,75 EUR")]:
        c.drawString(x, y, text)
    c.save()
    return buf.getvalue()


def to_client(pg, px: float, py: float) -> tuple[float, float]:
    """A pixel of the page image -> where it is on the screen (the image is scaled to fit its panel)."""
    img = pg.locator("#ap-doc-image img").first
    img.wait_for()
    return tuple(img.evaluate("""(im, p) => { const r = im.getBoundingClientRect();
        const s = Math.min(r.width / im.naturalWidth, r.height / im.naturalHeight, 1);
        return [r.left + (r.width - im.naturalWidth * s) / 2 + p[0] * s,
                r.top + (r.height - im.naturalHeight * s) / 2 + p[1] * s]; }""", [px, py]))


def word_pixels(services, sha: str, words: list[str], pad: float = 5) -> tuple[float, float, float, float]:
    """The box, in image pixels, a person would drag around `words` (with a little paper around them)."""
    boxes = [w.bbox for line in services.loaded_document(sha).pages[0].lines for w in line.words if w.text in words]
    scale = 1000 / 595.2755905511812
    return (min(b[0] for b in boxes) * scale - pad, min(b[1] for b in boxes) * scale - pad,
            max(b[2] for b in boxes) * scale + pad, max(b[3] for b in boxes) * scale + pad)


def drag_box(pg, box: tuple[float, float, float, float], hold_ms: int = 0) -> None:
    """Drag from one corner of `box` to the other; `hold_ms` keeps the button down midway, as a person
    adjusting the box does."""
    x0, y0 = to_client(pg, box[0], box[1])
    x1, y1 = to_client(pg, box[2], box[3])
    pg.mouse.move(x0, y0)
    pg.mouse.down()
    pg.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    if hold_ms:
        pg.wait_for_timeout(hold_ms)
    pg.mouse.move(x1, y1, steps=4)
    pg.mouse.up()


def test_drag_a_box_over_values_of_an_unseen_layout_and_see_the_list_thumbnails(app, browser):
    from playwright.sync_api import expect

    url, services = app
    out = services.stage("ingest").ingest_bytes(services.workspace, services.store, "docket-bk88.pdf",
                                                docket_pdf(), "sam")
    assert out.status.value == "unknown" and not out.records
    ctx, pg = signed_in(browser, url, "sam")
    pg.get_by_role("tab", name="Documents", exact=True).click()
    thumb = pg.locator("#ap-doc-table img.ap-thumb:visible").first  # the first page, fetched behind the sign-in
    thumb.wait_for()
    pg.wait_for_function("() => [...document.querySelectorAll('#ap-doc-table img.ap-thumb')]"
                         ".some(i => i.complete && i.naturalWidth > 0)")
    assert thumb.evaluate("i => i.naturalWidth") == 120
    shot(pg, "27-documents-thumbnails")

    pg.goto(f"{url}?doc={out.sha256}")
    pg.locator("#ap-doc-head", has_text="docket-bk88.pdf").wait_for()
    choose(pg, "ap-doc-kind", "invoice")
    choose(pg, "ap-doc-field", "supplier_name")
    drag_box(pg, word_pixels(services, out.sha256, MERCHANT.split()))  # three words a click takes one phrase of
    expect(pg.locator("#ap-doc-pending")).to_contain_text(MERCHANT)
    expect(pg.locator("#ap-doc-pending")).to_contain_text("(box)")
    pg.wait_for_timeout(1000)  # a person's pause: the box's frame has faded
    choose(pg, "ap-doc-field", "total")
    drag_box(pg, word_pixels(services, out.sha256, ["2.318,75", "EUR"]))
    expect(pg.locator("#ap-doc-status")).to_contain_text("“2.318,75 EUR” (page 1, box)")
    # redrawn at once round the amount alone, held while the first box's frame fades: still a box
    drag_box(pg, word_pixels(services, out.sha256, ["2.318,75"]), hold_ms=1200)
    expect(pg.locator("#ap-doc-status")).to_contain_text("“2.318,75” (page 1, box)")
    expect(pg.locator("#ap-doc-pending")).not_to_contain_text("(clicked)")  # the drag's end is no word click
    choose(pg, "ap-doc-field", "invoice_date")  # by keyboard: the box typed, Enter; the words are no date
    box = pg.locator("#ap-doc-box textarea, #ap-doc-box input").first
    box.fill(", ".join(f"{v:.0f}" for v in word_pixels(services, out.sha256, ["Sum", "payable"])))
    box.press("Enter")
    expect(pg.locator("#ap-doc-pending")).to_contain_text("Sum payable")
    shot(pg, "28-documents-box-picked")
    pg.get_by_role("button", name="Save", exact=True).click()
    pg.locator("#ap-doc-status", has_text="Saved 2 of 3").wait_for()
    expect(pg.locator("#ap-doc-status")).to_contain_text("Refused")
    expect(pg.locator("#ap-doc-pending")).to_contain_text("Sum payable")  # the refused value stays in the form
    fields = pg.locator("#ap-doc-fields")
    expect(fields).to_contain_text(MERCHANT)
    expect(fields).to_contain_text("2318.75")
    shot(pg, "29-documents-box-saved")
    rec = services.store.records(document_sha256=out.sha256)[0]
    assert (rec.supplier_name, rec.total, rec.invoice_date) == (MERCHANT, 2318.75, None)
    src = rec.field_sources["supplier_name"]
    assert src.extraction_method.value == "manual" and src.page == 1 and src.span == MERCHANT and src.bbox
    notes = [c.note for c in services.store.corrections(out.sha256)]
    assert sum("box drawn on page 1" in (n or "") for n in notes) == 2  # the box as drawn, kept with each value
    assert pg.dialogs == []
    ctx.close()

    anonymous = browser.new_context()  # no session: the picture is refused like every other route
    assert anonymous.request.get(f"{url}thumbnails/{out.sha256}.png").status == 401
    anonymous.close()


def test_a_sheet_shows_as_a_grid_a_cell_click_corrects_and_columns_can_be_mapped(app, browser):
    from playwright.sync_api import expect

    from tests.ui.test_documents_tab import CRYPTIC_LOG

    url, services = app
    out = services.stage("ingest").ingest_bytes(services.workspace, services.store, "log-grid.csv",
                                                CRYPTIC_LOG.encode(), "sam")
    ctx, pg = signed_in(browser, url, "sam")
    pg.goto(f"{url}?doc={out.sha256}")  # a link opens the Documents tab on the document
    pg.locator("#ap-doc-head", has_text="log-grid.csv").wait_for()
    grid = pg.locator("#ap-doc-grid")
    expect(grid).to_contain_text("Unit no")
    expect(pg.locator("#ap-doc-columns")).to_contain_text("Read now as")
    choose(pg, "ap-doc-field", "facility")
    grid.locator("[role=gridcell]", has_text="Plant Q").nth(1).click()  # the second entry's row (sheet row 3)
    expect(pg.locator("#ap-doc-pending")).to_contain_text("csv!A3")
    pg.get_by_role("button", name="Save", exact=True).click()
    pg.locator("#ap-doc-status", has_text="Saved 1 of 1").wait_for()
    first, second = services.store.records(document_sha256=out.sha256)
    assert second.facility == "Plant Q" and second.field_sources["facility"].cell == "csv!A3"  # that row's record
    assert first.facility != "Plant Q"  # the other entry is as it was read
    expect(pg.locator("#ap-doc-fields")).to_contain_text("csv!A3")
    shot(pg, "26-documents-sheet-grid")
    ctx.close()
