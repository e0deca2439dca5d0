"""The Documents tab's handlers without a browser: clicks to words and cells, saving corrections (refused
values, stale revisions, viewers), and teach once applied to an earlier document of the same layout."""
from __future__ import annotations

import pytest

from ingest.models import Line, Page, Table, Word
from review_ui import document_actions as act
from review_ui.auth import PermissionDenied, Session
from review_ui.document_views import problems_html
from review_ui.page_words import word_at
from review_ui.sheet_grid import cell_at, grid_frame
from tests.ui.test_documents_browser import SUPPLIER, slip_pdf

STAFF = Session("sam", "staff")


def _page() -> Page:
    words = [Word(text="Slip", bbox=(50, 100, 70, 110)), Word(text="code", bbox=(72, 100, 95, 110)),
             Word(text="QG-1", bbox=(180, 100, 210, 110)), Word(text="Grain", bbox=(50, 40, 80, 50)),
             Word(text="Traders", bbox=(82, 40, 120, 50))]
    return Page(number=1, lines=[Line(text="Slip code QG-1", words=words[:3]),
                                 Line(text="Grain Traders", words=words[3:])])


def test_a_click_on_the_image_is_the_word_under_it_at_the_render_scale() -> None:
    page, scale = _page(), 2.0
    hit = word_at(page, 195 * scale, 105 * scale, scale)
    assert (hit.text, hit.bbox, hit.page) == ("QG-1", (180, 100, 210, 110), 1)  # not its label, a column away
    phrase = word_at(page, 60 * scale, 45 * scale, scale)
    assert phrase.text == "Grain Traders" and phrase.bbox == (50, 40, 120, 50)
    assert word_at(page, 400 * scale, 400 * scale, scale) is None  # empty paper


def test_a_click_on_the_grid_is_the_cell_address_ingest_uses() -> None:
    page = Page(number=2, name="Log", method="cell", tables=[Table(
        rows=[["Ctrl", "HM-1"], ["Day", "2026-03-01"]], sheet="Log",
        cells=[["Log!A1", "Log!B1"], ["Log!A3", "Log!B3"]])])
    frame = grid_frame(page)
    assert list(frame.columns) == ["#", "A", "B"] and list(frame["#"]) == ["1", "3"]  # the sheet's own row numbers
    hit = cell_at(page, 1, 2)
    assert (hit.address, hit.text, hit.page) == ("Log!B3", "2026-03-01", 2)
    assert cell_at(page, 1, 0) is None  # the row-number column is not a cell


@pytest.fixture
def slip(services):
    ingest = services.stage("ingest")
    out = ingest.ingest_bytes(services.workspace, services.store, "slip-1.pdf",
                              slip_pdf("QG-1001", "17.03.2026", "1,234.50"), "sam")
    assert out.status.value == "unknown"
    return out.sha256


def _clicked(services, sha: str, field: str, text: str) -> dict:
    page = services.loaded_document(sha).pages[0]
    box = next(w.bbox for line in page.lines for w in line.words if w.text == text)
    return act.Edit(field, text, page=1, bbox=box).as_dict()


def test_saving_values_starts_the_record_keeps_where_they_stand_and_reruns_the_checks(services, slip) -> None:
    edits = [_clicked(services, slip, "invoice_number", "QG-1001"), _clicked(services, slip, "total", "1,234.50"),
             act.Edit("supplier_name", SUPPLIER).as_dict()]
    res = act.save(services, STAFF, slip, 0, "invoice", edits)
    assert res.ok, res.message
    assert "Saved 3 of 3" in res.message and "Checks re-ran: 1 finding changed" in res.message
    rec = services.store.records(document_sha256=slip)[0]
    assert (rec.invoice_number, rec.total, rec.supplier_name) == ("QG-1001", 1234.5, SUPPLIER)
    src = rec.field_sources["total"]
    assert src.extraction_method.value == "manual" and src.bbox == edits[1]["bbox"] and src.span == "1,234.50"
    info = services.document(slip)
    assert "invoice_number" not in problems_html(info) and "invoice_date" in problems_html(info)
    assert {e.actor for e in services.store.audit_log(entity_id=slip, limit=20)} == {"sam"}


def test_a_value_of_the_wrong_type_is_refused_with_the_reason_and_stays_in_the_form(services, slip) -> None:
    bad = act.Edit("total", "about a thousand").as_dict()
    res = act.save(services, STAFF, slip, 0, "invoice", [act.Edit("invoice_number", "QG-1001").as_dict(), bad])
    assert not res.ok and "Saved 1 of 2" in res.message and "about a thousand" in res.message
    assert res.left == [bad]
    assert services.store.records(document_sha256=slip)[0].total is None


def test_a_stale_revision_is_a_conflict_not_an_overwrite(services, slip) -> None:
    assert act.save(services, STAFF, slip, 0, "invoice", [act.Edit("invoice_number", "QG-1001").as_dict()]).ok
    late = act.Edit("invoice_number", "QG-9999").as_dict()
    res = act.save(services, Session("ann", "admin"), slip, 0, "invoice", [late])  # opened before sam saved
    assert res.conflict and not res.ok and res.left == [late]
    assert services.store.records(document_sha256=slip)[0].invoice_number == "QG-1001"


def test_an_inspector_is_refused_and_the_attempt_is_logged(services, slip) -> None:
    inspector = Session("ivan", "inspector")
    assert "staff role or above" in act.refused(inspector) and act.refused(STAFF) is None
    with pytest.raises(PermissionDenied):
        act.save(services, inspector, slip, 0, "invoice", [act.Edit("invoice_number", "X").as_dict()])
    assert any(e.action == "ui.refused" and e.actor == "ivan" for e in services.store.audit_log(limit=10))
    assert services.store.records(document_sha256=slip) == []


def test_remember_the_layout_then_apply_it_to_an_earlier_document(services, slip) -> None:
    earlier = services.stage("ingest").ingest_bytes(services.workspace, services.store, "slip-2.pdf",
                                                    slip_pdf("QG-2002", "04.04.2026", "77.10"), "sam").sha256
    assert act.save(services, STAFF, earlier, 0, "invoice", [act.Edit("supplier_name", SUPPLIER).as_dict()]).ok
    [started] = services.store.records(document_sha256=earlier)  # a reading for the layout to supersede
    edits = [_clicked(services, slip, "invoice_number", "QG-1001"), _clicked(services, slip, "total", "1,234.50"),
             _clicked(services, slip, "invoice_date", "17.03.2026")]
    assert act.save(services, STAFF, slip, 0, "invoice", edits).ok
    taught = act.remember_layout(services, STAFF, slip)
    assert taught.ok, taught.message
    t = taught.extra
    assert t.hinted == {"invoice_number": "label 'Slip code'", "total": "label 'Grand owed'",
                        "invoice_date": "label 'Struck on'"}
    assert t.others == [earlier]
    applied = act.apply_layout(services, STAFF, t.name, t.others)
    assert applied.ok, applied.message
    [rec] = services.store.records(document_sha256=earlier)
    assert (rec.invoice_number, rec.total, str(rec.invoice_date)) == ("QG-2002", 77.1, "2026-04-04")
    # the reading it replaced (the record a person had started by typing the supplier) is kept, superseded
    kept = {r.id: r for r in services.store.records(document_sha256=earlier, include_superseded=True)}
    assert set(kept) == {rec.id, started.id}
    assert (kept[started.id].supplier_name, kept[started.id].invoice_number) == (SUPPLIER, None)
    assert act.remember_layout(services, STAFF, earlier).message.startswith("Not remembered")  # nothing corrected


CRYPTIC_LOG = """Loc,Unit no,T0,T1,Who,OK by,Chem,Rinse ppm,Before,After
Plant Q,Mixer 1,2026-03-04 06:30,2026-03-04 06:45,J. Diaz,M. Chen,Sanitizer X 200 ppm,2,conventional,organic
Plant Q,Mixer 1,2026-03-05 06:30,2026-03-09 10:00,J. Diaz,,Sanitizer X 200 ppm,2,conventional,organic
"""  # headers no declaration lists: the reader guesses some columns wrong
MAPPING = {"Loc": "facility", "Unit no": "equipment", "T0": "performed_at", "T1": "logged_at", "Who": "operator",
           "OK by": "verified_by"}


def test_a_column_mapping_is_previewed_then_saved_as_a_layout_for_the_next_sheet(services) -> None:
    from review_ui import column_mapping as cmap

    ingest = services.stage("ingest")
    sha = ingest.ingest_bytes(services.workspace, services.store, "log-q.csv", CRYPTIC_LOG.encode(), "sam").sha256
    page = services.loaded_document(sha).pages[0]
    assert [h for _, h in cmap.headers(page)][:3] == ["Loc", "Unit no", "T0"]
    start = cmap.initial_mapping(page, services.store.records(document_sha256=sha), "cleaning_event")
    assert start != MAPPING  # the form opens on how the sheet is read now, which is wrong here

    preview = services.map_columns(sha, "cleaning_event", MAPPING, "sam", "staff")
    frame = cmap.preview_frame(preview.preview, MAPPING)
    assert list(frame.iloc[0][["facility", "equipment", "operator"]]) == ["Plant Q", "Mixer 1", "J. Diaz"]
    assert services.store.records(document_sha256=sha)[0].facility != "Plant Q"  # a preview changes nothing

    saved = services.map_columns(sha, "cleaning_event", MAPPING, "sam", "staff", save=True)
    now = services.store.records(document_sha256=sha)
    assert [(r.facility, r.operator) for r in now] == [("Plant Q", "J. Diaz")] * 2
    assert len(services.store.records(document_sha256=sha, include_superseded=True)) == 4  # the misreading is kept
    later = ingest.ingest_bytes(services.workspace, services.store, "log-r.csv",
                                CRYPTIC_LOG.replace("Plant Q", "Plant R").encode(), "sam").sha256
    assert {r.facility for r in services.store.records(document_sha256=later)} == {"Plant R"}
    assert any(saved.name in p.message for p in services.document(later).problems)
    from app.document_services import CorrectionRefused

    with pytest.raises(CorrectionRefused, match="may not correct"):
        services.map_columns(sha, "cleaning_event", MAPPING, "ivan", "inspector", save=True)


def test_add_line_then_remove_line_change_the_record_and_keep_the_history(services, slip) -> None:
    from review_ui.document_views import line_rows

    assert act.add_line(services, STAFF, slip, 0, "lines", {"description": "Rolled oats"}).message.startswith(
        "This document has no record yet")  # nothing to add a row to before a value is saved
    assert act.save(services, STAFF, slip, 0, "invoice", [act.Edit("invoice_number", "QG-1001").as_dict()]).ok
    rev = services.document(slip).revision
    added = act.add_line(services, STAFF, slip, rev, "lines", {"description": "Rolled oats 25 kg"})
    assert added.ok and "Added a row to lines" in added.message and "Checks re-ran" in added.message
    [rec] = services.store.records(document_sha256=slip)
    assert [line.description for line in rec.lines] == ["Rolled oats 25 kg"]
    assert line_rows([rec], "invoice") == [("lines[0] · Rolled oats 25 kg", "lines[0]")]  # the Row choices

    stale = act.remove_line(services, Session("ann", "admin"), slip, rev, "lines[0]")  # opened before the add
    assert stale.conflict and not stale.ok
    assert len(services.store.records(document_sha256=slip)[0].lines) == 1
    with pytest.raises(PermissionDenied):
        act.remove_line(services, Session("ivan", "inspector"), slip, rev + 1, "lines[0]")

    removed = act.remove_line(services, STAFF, slip, services.document(slip).revision, "lines[0]")
    assert removed.ok and "lines[0]" in removed.message
    assert services.store.records(document_sha256=slip)[0].lines == []
    ops = [c.op.value for c in services.store.corrections(slip)]
    assert "add_line" in ops and "remove_line" in ops  # both kept, with who made them
    assert {c.actor for c in services.store.corrections(slip)} == {"sam"}


def test_a_rejected_file_is_in_the_inbox_with_its_reason_and_what_to_do(services) -> None:
    from auditpack.records import DocumentQuery, Status
    from review_ui.document_views import WHAT_TO_DO, header_html, list_frame
    from review_ui.presenters import esc

    out = services.stage("ingest").ingest_bytes(services.workspace, services.store, "scan-of-invoice.pdf",
                                                b"%PDF-1.4 the rest of this file was lost", "sam")
    assert out.status is Status.REJECTED and out.reason
    inbox = services.documents(DocumentQuery(inbox=True))
    assert [i.sha256 for i in inbox.items] == [out.sha256]
    row = list_frame(inbox).iloc[0]
    assert (row["Status"], row["Missing / reason"]) == ("rejected", out.reason)
    head = header_html(services.document(out.sha256), f"?doc={out.sha256}")
    assert esc(out.reason) in head and esc(WHAT_TO_DO[Status.REJECTED.value]) in head
    assert (services.workspace.root / services.document(out.sha256).stored_path).exists()  # "the original is kept"
