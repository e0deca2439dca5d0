"""Documents and inbox: every stored document, and a person's correction of one where the value stands.

The list is one page of the store's documents view per request (filters, full-text search, sort), so
it stays fast with thousands of documents. Opening a document shows its page (or its sheet as a grid
with cell addresses) beside its records as corrected now. A person picks a field, clicks the value on
the page (or drags a box over it, or clicks a cell, or types it) and saves: each value becomes a correction
with where it stands. The list's first column is a thumbnail of each document's first page, fetched by the
browser for the rows it shows (`review_ui/thumbnails.py`), so listing renders nothing.
"Remember this layout" teaches a layout profile from those corrections (see `document_actions`).
Reading is open to every role; a role that may not correct (an inspector) sees no correcting control (no
kind, field or value box, no Save, no lines, no column mapping, no "Remember this layout"), and clicking the
page picks nothing: the read-only line says which role correcting needs.
"""
from __future__ import annotations

from pathlib import Path

import gradio as gr
import pandas as pd

from auditpack.declarations import declarations
from auditpack.errors import AuditPackError
from auditpack.records import DocumentDetail, DocumentQuery, Status
from auditpack.records.outcome import STORED_STATUSES

from review_ui import column_mapping as cmap
from review_ui import document_actions as act
from review_ui import document_views as view
from review_ui.queues import tab_queue
from review_ui.tabs import document_layouts as layouts
from review_ui.page_words import Picked, parse_box, word_at, words_in_box
from review_ui.pages import render_page
from review_ui.presenters import esc
from review_ui.sheet_grid import cell_at, grid_frame, record_on_row, sheet_table

PAGE_SIZE = 50
ANY = "all"
SORTS = [("newest first", "-ingested_at"), ("oldest first", "ingested_at"), ("file name", "filename"),
         ("kind", "kind"), ("status", "status"), ("document date", "-date"), ("records", "-record_count")]
HINT = "<p>Click a document above to open it here, beside its page.</p>"
PICK_WORD, PICK_CELL = "Page (pick a field, then click its value or drag a box over it)", \
    "Sheet (pick a field, then click its cell)"  # the labels for a role that may correct; else "Page", "Sheet"
URL_JS = """() => { setTimeout(() => { const a = document.querySelector('#ap-doc-link');
  if (a) history.replaceState(null, '', a.getAttribute('href')); }, 300); return []; }"""


def _query(kind: str, status: str, inbox: bool, search: str, sort: str, offset: int) -> DocumentQuery:
    return DocumentQuery(kind=None if kind in (ANY, "", None) else kind,
                         status=None if status in (ANY, "", None) else Status(status), inbox=bool(inbox),
                         search=(search or "").strip() or None, sort=(sort or "-ingested_at").lstrip("-"),
                         descending=(sort or "-").startswith("-"), limit=PAGE_SIZE, offset=max(0, int(offset or 0)))


def _boxes(detail: DocumentDetail, page: int, edits: list[dict]) -> list:
    """What is boxed on the page: where each current value stands, and each value just picked."""
    boxes = [s.bbox for r in detail.records for s in r.field_sources.values() if s.bbox and (s.page or 1) == page]
    return boxes + [tuple(e["bbox"]) for e in edits if e.get("bbox") and (e.get("page") or 1) == page]


def build(ui):
    services = ui.services
    kinds = sorted(declarations())
    with gr.Row():
        kind_f = gr.Dropdown([ANY] + kinds, value=ANY, label="Kind", scale=2, elem_id="ap-doc-kind-filter")
        status_f = gr.Dropdown([ANY] + [s.value for s in STORED_STATUSES], value=ANY, label="Status", scale=2,
                               elem_id="ap-doc-status-filter")
        inbox = gr.Checkbox(True, label="Inbox: only what needs a person", scale=2, elem_id="ap-doc-inbox")
        search = gr.Textbox(label="Search the documents' text (Enter)", placeholder="a supplier, a lot, an invoice "
                            "number…", scale=4, elem_id="ap-doc-search")
        sort = gr.Dropdown(SORTS, value="-ingested_at", label="Sort", scale=2, elem_id="ap-doc-sort")
    table = gr.Dataframe(pd.DataFrame(columns=view.LIST_COLUMNS), label="Documents (click a row to open it)",
                         interactive=False, max_height=420, wrap=True, elem_id="ap-doc-table",
                         datatype=view.LIST_TYPES)
    with gr.Row():
        prev = gr.Button("◀ Previous", size="sm", scale=1, elem_id="ap-doc-prev")
        count = gr.Markdown(elem_id="ap-doc-count")
        nxt = gr.Button("Next ▶", size="sm", scale=1, elem_id="ap-doc-next")
        reload = gr.Button("Refresh", size="sm", scale=1, elem_id="ap-doc-refresh")
    offset = gr.State(0)
    doc = gr.State(None)     # {"sha256", "revision", "page", "scale", "kind"} of the open document
    edits = gr.State([])     # values picked or typed, not saved yet
    with gr.Row(equal_height=False):
        with gr.Column(scale=5):
            head = gr.HTML(HINT, elem_id="ap-doc-head")
            page_pick = gr.Dropdown([], label="Page", visible=False, elem_id="ap-doc-page")
            image = gr.Image(label=PICK_WORD, type="pil",
                             interactive=False, elem_id="ap-doc-image", buttons=["fullscreen"], height=760,
                             visible=False)
            with gr.Row(visible=False) as box_row:  # shown with a page image
                box = gr.Textbox(label="Box on the page (drag it on the image, or type left, top, right, bottom "
                                 "in image pixels and press Enter)", scale=4, elem_id="ap-doc-box")
                use_box = ui.guard(gr.Button("Use words in box", size="sm", scale=1, elem_id="ap-doc-box-go"),
                                   act.CORRECT)
            grid = gr.Dataframe(label=PICK_CELL, interactive=False,
                                max_height=600, visible=False, elem_id="ap-doc-grid")
            where = gr.Markdown(elem_id="ap-doc-where")
        with gr.Column(scale=4):
            meta = gr.HTML(elem_id="ap-doc-meta")
            fields = gr.Dataframe(pd.DataFrame(columns=view.FIELD_COLUMNS), label="Records as they stand now",
                                  interactive=False, max_height=420, wrap=True, elem_id="ap-doc-fields")
            readonly = gr.HTML(elem_id="ap-doc-readonly")  # for a role that may not correct: which role may
            with ui.guard(gr.Group(elem_id="ap-doc-correct"), act.CORRECT):
                with gr.Row():
                    kind_pick = gr.Dropdown([], label="Kind (top candidates first)", scale=3, elem_id="ap-doc-kind")
                    set_kind = ui.guard(gr.Button("Set kind and re-read", size="sm", scale=2), act.CORRECT)
                field = gr.Dropdown([], label="Field to assign", elem_id="ap-doc-field")
                with gr.Row():
                    value = gr.Textbox(label="Value (click it on the page, click a cell, or type it and press Enter)",
                                       scale=4, elem_id="ap-doc-value")
                    use_typed = ui.guard(gr.Button("Use typed value", size="sm", scale=1), act.CORRECT)
                pending = gr.Dataframe(pd.DataFrame(columns=view.PENDING_COLUMNS), label="To save", interactive=False,
                                       elem_id="ap-doc-pending")
                with gr.Row():
                    save = ui.guard(gr.Button("Save", variant="primary", elem_id="ap-doc-save"), act.CORRECT)
                    clear = gr.Button("Clear", size="sm")
                status = gr.Markdown(elem_id="ap-doc-status")
            with ui.guard(gr.Accordion("Lines: add or remove a row", open=False, elem_id="ap-doc-lines"), act.CORRECT):
                with gr.Row():
                    list_field = gr.Dropdown([], label="List", scale=1)
                    first = gr.Textbox(label="First column of the new row (e.g. its description)", scale=3)
                    add = ui.guard(gr.Button("Add line", size="sm", scale=1), act.CORRECT)
                with gr.Row():
                    row_pick = gr.Dropdown([], label="Row", scale=4)
                    remove = ui.guard(gr.Button("Remove line", size="sm", scale=1), act.CORRECT)
            cols = layouts.columns_form(ui)
            teach = layouts.teach_form(ui)

    # --- the list ---------------------------------------------------------------------------------
    filters = [kind_f, status_f, inbox, search, sort]

    def load_list(k, s, ib, q, so, off, request: gr.Request):
        ui.session(request)
        try:
            page = services.documents(_query(k, s, ib, q, so, off))
        except AuditPackError as exc:  # e.g. a search the full-text index cannot parse
            return pd.DataFrame(columns=view.LIST_COLUMNS), f"Search refused: {esc(str(exc))}", off
        if page.offset and not page.items and page.total:  # the page ran past the end (filters changed)
            return load_list(k, s, ib, q, so, 0, request)
        return view.list_frame(page), view.count_text(page), page.offset

    def refilter(k, s, ib, q, so, request: gr.Request):
        return load_list(k, s, ib, q, so, 0, request)

    def earlier(k, s, ib, q, so, off, request: gr.Request):
        return load_list(k, s, ib, q, so, max(0, int(off or 0) - PAGE_SIZE), request)

    def later(k, s, ib, q, so, off, request: gr.Request):
        return load_list(k, s, ib, q, so, int(off or 0) + PAGE_SIZE, request)

    list_out = [table, count, offset]
    queue = tab_queue("documents")  # list updates answer in the order they were asked
    for c in (kind_f, status_f, inbox, sort):
        c.input(refilter, filters, list_out, concurrency_id=queue)
    search.submit(refilter, filters, list_out, concurrency_id=queue)
    prev.click(earlier, [*filters, offset], list_out, concurrency_id=queue)
    nxt.click(later, [*filters, offset], list_out, concurrency_id=queue)
    reload.click(load_list, [*filters, offset], list_out, concurrency_id=queue)

    # --- one document ---------------------------------------------------------------------------
    doc_out = [doc, head, meta, fields, image, grid, page_pick, where, kind_pick, field, list_field, row_pick,
               edits, pending, teach.taught, teach.html, teach.apply, cols.box, cols.header, cols.field, cols.mapping,
               cols.frame, box_row, box]

    def show(detail: DocumentDetail, page_no: int | None, picked: list[dict], link: str,
             keep_kind: str | None = None, can: bool = True) -> list:
        """The panel for one document; `can`: whether the reader may correct (else no picking aids)."""
        info = detail.document
        loaded, page_note = None, ""
        try:
            loaded = services.loaded_document(info.sha256)
        except AuditPackError as exc:
            page_note = f"The original cannot be shown: {exc}"
        pages = len(loaded.pages) if loaded else (info.pages or 1)
        page_no = min(max(int(page_no or 1), 1), max(pages, 1))
        rec_kind = view.record_kind(detail)
        choices = view.kind_choices(info)
        kind_value = keep_kind or rec_kind or (choices[0][1] if choices else None)
        state = {"sha256": info.sha256, "revision": info.revision, "page": page_no, "scale": 1.0,
                 "kind": kind_value}
        img_update, grid_update = gr.update(visible=False, value=None), gr.update(visible=False)
        sheet = loaded.pages[page_no - 1] if loaded and sheet_table(loaded.pages[page_no - 1]) is not None else None
        if sheet is not None:
            grid_update = gr.update(visible=True, value=grid_frame(sheet), label=PICK_CELL if can else "Sheet")
            page_note = f"Sheet {esc(sheet.name or str(page_no))}" + (": click a cell to use its value" if can else "")
        elif loaded is not None:
            pv = render_page(services.workspace.root / info.stored_path, page_no, _boxes(detail, page_no, picked))
            state["scale"] = pv.scale
            img_update = gr.update(visible=pv.image is not None, value=pv.image, label=PICK_WORD if can else "Page")
            page_note = esc(pv.note)
        field_opts = view.field_choices(kind_value, detail.records)
        mapping = [gr.update(visible=False), gr.update(), gr.update(), {}, gr.update()]
        if sheet is not None and can:
            start = cmap.initial_mapping(sheet, detail.records, kind_value)
            mapping = [gr.update(visible=True), gr.update(choices=[h for _, h in cmap.headers(sheet)], value=None),
                       gr.update(choices=cmap.column_fields(kind_value), value=None), start,
                       cmap.mapping_frame(sheet, start, detail.records)]
        return [state, view.header_html(info, link), view.candidates_html(info) + view.problems_html(info),
                view.fields_frame(detail.records), img_update, grid_update,
                gr.update(choices=[str(i) for i in range(1, pages + 1)], value=str(page_no), visible=pages > 1),
                page_note, gr.update(choices=choices, value=kind_value),
                gr.update(choices=field_opts, value=field_opts[0] if field_opts else None),
                gr.update(choices=view.list_fields(kind_value)),
                gr.update(choices=view.line_rows(detail.records, kind_value), value=None),
                picked, view.pending_frame(picked), None, "", gr.update(visible=False), *mapping,
                gr.update(visible=can and img_update.get("visible", False)), ""]

    def open_sha(sha: str, request: gr.Request) -> list:
        detail = services.document_detail(sha)
        return show(detail, 1, [], f"?doc={detail.document.sha256}", can=ui.session(request).can(act.CORRECT))

    def open_row(evt: gr.SelectData, request: gr.Request):
        ui.session(request)
        row = evt.row_value or []
        if not row:
            return [gr.update()] * len(doc_out)
        return open_sha(str(row[-1]), request)

    def refresh(d, picked, kind_value, request: gr.Request, page_no=None):
        if not d:
            return [gr.update()] * len(doc_out)
        detail = services.document_detail(d["sha256"])
        return show(detail, page_no or d.get("page"), picked, f"?doc={d['sha256']}", keep_kind=kind_value,
                    can=ui.session(request).can(act.CORRECT))

    def turn_page(d, picked, kind_value, n, request: gr.Request):
        ui.session(request)
        return refresh(d, picked, kind_value, request, int(n or 1))

    def choose_kind(d, k, request: gr.Request):
        ui.session(request)
        records = services.document_detail(d["sha256"]).records if d else []
        opts = view.field_choices(k, records)
        return (gr.update(choices=opts, value=opts[0] if opts else None), ({**d, "kind": k} if d else d),
                gr.update(choices=cmap.column_fields(k), value=None))

    table.select(open_row, None, doc_out).then(None, None, None, js=URL_JS)
    page_pick.input(turn_page, [doc, edits, kind_pick, page_pick], doc_out)
    kind_pick.input(choose_kind, [doc, kind_pick], [field, doc, cols.field])

    # --- picking values -------------------------------------------------------------------------
    def _add(picked: list[dict], e: act.Edit) -> list[dict]:
        return [x for x in picked if x["field"] != e.field] + [e.as_dict()]

    def _take(d, f, picked, hit: Picked, how: str, drawn=None) -> tuple:
        """A value pointed at on the page joins the form, and the page shows it boxed."""
        if not f:
            return hit.text, picked, gr.update(), gr.update(), "Pick the field this value is for, then point again."
        picked = _add(picked, act.Edit(f, hit.text, page=hit.page, bbox=hit.bbox, how=how, drawn=drawn))
        detail = services.document_detail(d["sha256"])
        pv = render_page(services.workspace.root / detail.document.stored_path, d["page"],
                         _boxes(detail, d["page"], picked))
        return hit.text, picked, view.pending_frame(picked), pv.image, \
            f"{esc(f)} ← “{esc(hit.text)}” (page {hit.page}, {how}). Pick the next field, or Save."

    def click_page(d, f, picked, evt: gr.SelectData, request: gr.Request):
        if not ui.session(request).can(act.CORRECT):  # a reader's click picks nothing: there is no form to take it
            return [gr.skip()] * 5
        if not d or not evt.index:
            return gr.update(), picked, gr.update(), gr.update(), "Open a document first."
        loaded = services.loaded_document(d["sha256"])
        hit = word_at(loaded.pages[d["page"] - 1], evt.index[0], evt.index[1], d["scale"])
        if hit is None:
            return gr.update(), picked, gr.update(), gr.update(), "No word there: click on the value's text."
        return _take(d, f, picked, hit, "clicked")

    def box_page(d, f, picked, drawn: str, request: gr.Request):
        if not ui.session(request).can(act.CORRECT):
            return [gr.skip()] * 5
        px = parse_box(drawn)
        if not d or px is None:
            return gr.update(), picked, gr.update(), gr.update(), \
                "Open a document, then drag a box over the value (or type left, top, right, bottom)."
        loaded = services.loaded_document(d["sha256"])
        hit = words_in_box(loaded.pages[d["page"] - 1], px, d["scale"])
        if hit is None:
            return gr.update(), picked, gr.update(), gr.update(), "No words in that box: draw it over the value's text."
        return _take(d, f, picked, hit, "box", tuple(v / d["scale"] for v in px))

    def click_cell(d, f, picked, evt: gr.SelectData, request: gr.Request):
        if not ui.session(request).can(act.CORRECT):
            return [gr.skip()] * 4
        if not d or not evt.index:
            return gr.update(), picked, gr.update(), "Open a document first."
        loaded = services.loaded_document(d["sha256"])
        hit = cell_at(loaded.pages[d["page"] - 1], evt.index[0], evt.index[1])
        if hit is None:
            return gr.update(), picked, gr.update(), "Click a cell of the sheet (not the row number)."
        if not f:
            return hit.text, picked, gr.update(), "Pick the field this cell is for, then click it again."
        records = services.document_detail(d["sha256"]).records
        picked = _add(picked, act.Edit(f, hit.text, page=hit.page, cell=hit.address,
                                       record=record_on_row(records, hit.address)))
        return hit.text, picked, view.pending_frame(picked), f"{esc(f)} ← {esc(hit.address)} “{esc(hit.text)}”."

    def typed(f, text, picked, request: gr.Request):
        ui.session(request)
        if not f or not (text or "").strip():
            return picked, gr.update(), "Pick a field and type its value first."
        picked = _add(picked, act.Edit(f, text.strip()))
        return picked, view.pending_frame(picked), f"{esc(f)} ← “{esc(text.strip())}” (typed). Save when ready."

    image.select(click_page, [doc, field, edits], [value, edits, pending, image, status])
    use_box.click(box_page, [doc, field, edits, box], [value, edits, pending, image, status])
    box.submit(box_page, [doc, field, edits, box], [value, edits, pending, image, status])
    grid.select(click_cell, [doc, field, edits], [value, edits, pending, status])
    use_typed.click(typed, [field, value, edits], [edits, pending, status])
    value.submit(typed, [field, value, edits], [edits, pending, status])
    clear.click(lambda: ([], view.pending_frame([]), ""), None, [edits, pending, status])

    # --- writes ---------------------------------------------------------------------------------
    def after(outcome: act.Outcome, d, picked, kind_value, request) -> list:
        """The document as it stands after a write, and the message (the form keeps what was not saved)."""
        panel = refresh(d, picked, kind_value, request)
        return [*panel, esc(outcome.message)]

    def do_save(d, picked, kind_value, request: gr.Request):
        if not d:
            return [gr.update()] * len(doc_out) + ["Open a document first."]
        res = act.save(services, ui.session(request), d["sha256"], d["revision"], kind_value, picked)
        return after(res, d, res.left, kind_value, request)

    def do_kind(d, kind_value, request: gr.Request):
        if not d or not kind_value:
            return [gr.update()] * len(doc_out) + ["Open a document and choose a kind first."]
        res = act.set_kind(services, ui.session(request), d["sha256"], d["revision"], kind_value)
        return after(res, d, [], kind_value, request)

    def do_add(d, lf, text, kind_value, request: gr.Request):
        decl = declarations().get(kind_value or "")
        cols = list(decl.fields[lf].columns) if decl and lf in decl.fields else []
        if not d or not lf or not cols:
            return [gr.update()] * len(doc_out) + ["Choose the list to add a row to."]
        res = act.add_line(services, ui.session(request), d["sha256"], d["revision"], lf,
                           {cols[0]: (text or "").strip()} if (text or "").strip() else {})
        return after(res, d, [], kind_value, request)

    def do_remove(d, row, kind_value, request: gr.Request):
        if not d or not row:
            return [gr.update()] * len(doc_out) + ["Choose the row to remove."]
        res = act.remove_line(services, ui.session(request), d["sha256"], d["revision"], row)
        return after(res, d, [], kind_value, request)

    write_out = [*doc_out, status]
    for button, fn, inputs in ((save, do_save, [doc, edits, kind_pick]), (set_kind, do_kind, [doc, kind_pick]),
                               (add, do_add, [doc, list_field, first, kind_pick]),
                               (remove, do_remove, [doc, row_pick, kind_pick])):
        button.click(fn, inputs, write_out).then(load_list, [*filters, offset], list_out,  # the row follows
                                                 concurrency_id=queue)

    panel = layouts.Panel(doc=doc, edits=edits, kind=kind_pick, outputs=doc_out, refresh=refresh,
                          reload=(load_list, [*filters, offset], list_out))
    layouts.wire_columns(ui, cols, panel)
    layouts.wire_teach(ui, teach, panel)

    # --- page load: read-only notice, inbox default, ?doc=<sha256> ------------------------------------
    def on_page_load(k, s, q, so, request: gr.Request):
        session = ui.session(request)
        why = act.refused(session) or ""
        has_inbox = services.documents(DocumentQuery(inbox=True, limit=1)).total > 0
        linked_kind = (dict(getattr(request, "query_params", {}) or {}).get("kind") or "").strip()
        if linked_kind in kinds:  # ?tab=documents&kind=<kind> (the Dashboard's documents per kind): all of them
            k, has_inbox = linked_kind, False
        listing = load_list(k, s, has_inbox, q, so, 0, request)
        sha = (dict(getattr(request, "query_params", {}) or {}).get("doc") or "").strip()
        panel, tab = [gr.update()] * len(doc_out), gr.update()
        if sha:
            try:
                panel, tab = open_sha(sha, request), gr.Tabs(selected="documents")
            except AuditPackError as exc:
                why = f"The link names no document here ({exc})."
        note = f'<div class="ap-warn ap-needs-role">{esc(why)}</div>' if why else ""  # as roles_view.note_html
        return [has_inbox, *listing, note, *panel, tab, k]

    ui.page_load.append((on_page_load, [kind_f, status_f, search, sort],
                         [inbox, *list_out, readonly, *doc_out, ui.tabs, kind_f]))
    return []  # the list loads with the page (above) and on Refresh: a tab switch keeps the person's place
