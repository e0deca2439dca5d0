"""Records: browse by kind, a page at a time, with a word and a date filter; open one to see its fields beside
the page it came from. An open record has an address (`?tab=records&record=<id>`), and so do the filters
(`?tab=records&kind=cleaning_event&date=June+19`): changing one writes it into the address bar."""
from __future__ import annotations

import gradio as gr
import pandas as pd

from auditpack.records import RecordKind
from auditpack.store import Store

from review_ui import links
from review_ui import records_view as rv
from review_ui.pages import render_page
from review_ui.presenters import esc, record_fields_frame

ALL_FIELDS = "(all fields on the page)"
FIELD_COLUMNS = ["Field", "Value", "Where", "Method", "Confidence"]
HINT = "<p>Click a record above to see its fields next to the page they were read from.</p>"
FILTER_KEYS = ("kind", "field", "q", "date", "sort")  # the address's names of the filter boxes, in their order
DEFAULT_SORT = "date (oldest first)"
# A link opens the Records tab twice at once: the page load and the tab's select event, the second sent with the
# boxes as they were before the first filled them in. After a link was applied, the next call changes nothing.
LINKED = "linked"


def view_address(kind: str, field: str, text: str, dates: str, sort: str, record_id: str | None = None) -> str:
    """`?tab=records&kind=…&field=…&q=…&date=…` (field and sort when not the defaults, the open record when one
    is)."""
    values = dict(zip(FILTER_KEYS, (kind, field if field != rv.ANY_FIELD else "", (text or "").strip(),
                                    (dates or "").strip(), sort if sort != DEFAULT_SORT else "")))
    return links.href("records", record=record_id, **values)


def checked(kind: str, field: str | None, sort: str | None) -> tuple[str, str]:
    """The column and sort kept when they exist for `kind`, else the defaults."""
    return (field if field in rv.filter_fields(kind) else rv.ANY_FIELD,
            sort if sort in rv.sort_choices(kind) else DEFAULT_SORT)


def filters_from_params(query: dict[str, str]) -> tuple[str, str, str, str, str] | None:
    """The Kind, column, Filter, Date and Sort a link names (None when it names none of them)."""
    if not any(query.get(k) for k in FILTER_KEYS):
        return None
    kind = query.get("kind") or "invoice"
    kind = kind if kind in {k.value for k in RecordKind} else "invoice"
    field, sort = checked(kind, query.get("field"), query.get("sort"))
    return kind, field, query.get("q") or "", query.get("date") or "", sort


def kind_choices(store: Store) -> list[tuple[str, str]]:
    counts = store.record_counts()
    return [(f"{k.value.replace('_', ' ')} ({counts.get(k.value, 0)})", k.value) for k in RecordKind]


def source_view(ui, record, field: str | None):
    """The page image with the chosen field (or every field on that page) boxed."""
    src = record.field_sources.get(field) if field and field != ALL_FIELDS else None
    page = (src or record.source).page
    doc = ui.services.store.get_document((src or record.source).document_sha256)
    if doc is None:
        return None, "The source document is not in the store."
    if src is not None:
        boxes = [src.bbox] if src.bbox else []
        snippet = None if boxes else src.span
    else:
        boxes = [s.bbox for s in record.field_sources.values() if s.bbox and s.page == page]
        snippet = None if boxes else record.source.span
    view = render_page(ui.services.workspace.root / doc.stored_path, page, boxes, snippet)
    where = src or record.source
    extra = f" · cell {where.cell}" if where.cell else ""
    extra += f" · read: “{where.span[:160]}”" if where.span else ""
    return view.image, f"{doc.filename} · {view.note}{extra}"


def build(ui):
    with gr.Row():
        kind = gr.Dropdown(kind_choices(ui.services.store), value="invoice", label="Kind", scale=2,
                           elem_id="ap-rec-kind")
        infield = gr.Dropdown([rv.ANY_FIELD] + rv.filter_fields("invoice"), value=rv.ANY_FIELD, label="In field",
                              scale=2, elem_id="ap-rec-infield")
        text = gr.Textbox(label="Filter (Enter)", placeholder="supplier, lot, facility…", scale=3,
                          elem_id="ap-rec-filter")
        dates = gr.Textbox(label="Date (Enter)", placeholder="06/19/2026 · 19.06.2026 · June 19 · 06/01/2026 to 06/30/2026",
                           scale=3, elem_id="ap-rec-date")
        sort = gr.Dropdown(rv.sort_choices("invoice"), value=DEFAULT_SORT, label="Sort", scale=2,
                           elem_id="ap-rec-sort")
        refresh = gr.Button("Refresh", size="sm", scale=1)
    rlink = gr.HTML(elem_id="ap-rec-link", min_height=0)
    with gr.Row(equal_height=True):
        prev_b = gr.Button("◀ Previous", size="sm", scale=0, min_width=90, elem_id="ap-rec-prev")
        count = gr.Markdown(elem_id="ap-rec-count")
        next_b = gr.Button("Next ▶", size="sm", scale=0, min_width=90, elem_id="ap-rec-next")
        ex_csv = gr.Button("Export CSV", size="sm", scale=0, min_width=110, elem_id="ap-rec-export-csv")
        ex_xlsx = gr.Button("Export XLSX", size="sm", scale=0, min_width=110, elem_id="ap-rec-export-xlsx")
    ex_file = gr.File(label="Export of the current filter", visible=False, interactive=False,
                      elem_id="ap-rec-export")
    table = gr.Dataframe(label="Records (click a row to open it)", interactive=False, max_height=420,
                         elem_id="ap-rec-table", wrap=True)
    with gr.Row(equal_height=False):
        with gr.Column(scale=4):
            title = gr.HTML(HINT, elem_id="ap-rec-title")
            field = gr.Dropdown([], label="Highlight field", elem_id="ap-rec-field")
            fields = gr.Dataframe(pd.DataFrame(columns=FIELD_COLUMNS), label="Fields", interactive=False,
                                  max_height=520, wrap=True,
                                  column_widths=["30%", "32%", "16%", "10%", "12%"],
                                  elem_id="ap-rec-fields")
        with gr.Column(scale=5):
            where = gr.Markdown(elem_id="ap-rec-where")
            image = gr.Image(label="Source page", type="pil", interactive=False, elem_id="ap-rec-image",
                             buttons=["fullscreen"], height=720)
    current, offset, first = gr.State(None), gr.State(0), gr.State(True)
    filters = [kind, infield, text, dates, sort]
    list_out = [table, kind, count, offset, infield, sort]
    panel_out = [current, title, field, fields, image, where]

    def read_date(value: str):
        return ui.services.stage("ingest").read_date(value)

    def page(k: str, fi: str, t: str, d: str, so: str, off: int) -> list:
        """The listing outputs; the column and sort choices follow the kind (one it lacks falls back)."""
        fi, so = checked(k, fi, so)
        p = rv.load_page(ui.services.store, k, t, d, int(off or 0), so, read_date, field=fi)
        shown = (f"**{p.count}**" + (f" · ⚠ {esc(p.note)}" if p.note else "")
                 + (f" · {esc(p.read_as)}" if p.read_as else ""))
        return [p.frame, gr.update(choices=kind_choices(ui.services.store)), shown, p.offset,
                gr.update(choices=[rv.ANY_FIELD] + rv.filter_fields(k), value=fi),
                gr.update(choices=rv.sort_choices(k), value=so)]

    def load(k: str, fi: str, t: str, d: str, so: str, request: gr.Request):
        ui.session(request)
        return page(k, fi, t, d, so, 0)

    def first_load(k: str, fi: str, t: str, d: str, so: str, first: bool | str, request: gr.Request):
        """On page load (and tab select): the first time, the filters a link names, or a linked record's kind."""
        ui.session(request)
        if first == LINKED:  # the tab's select event raced the page load with the boxes as they were before
            return [gr.update()] * (len(list_out) + 2) + [False, gr.update()]  # the link's listing stays
        q = links.params(request) if first else {}
        rec_id = (q.get("record") or "").strip()
        rec = ui.services.store.get_record(rec_id) if rec_id else None
        named = filters_from_params(q) if links.selected_tab(q) == "records" else None
        if rec is None and named is None:
            return page(k, fi, t, d, so, 0) + [gr.update()] * 2 + [False, gr.update()]
        k, fi, t, d, so = named or (k, rv.ANY_FIELD, "", "", DEFAULT_SORT)
        if rec is not None and rec.kind.value != k:
            k, fi, t, d = rec.kind.value, rv.ANY_FIELD, "", ""  # the record's own kind, unfiltered: it is listed
        listing = page(k, fi, t, d, so, 0)
        listing[1] = gr.update(choices=kind_choices(ui.services.store), value=k)
        return listing + [t, d, LINKED, links.view_link_html(view_address(k, fi, t, d, so, rec_id or None),
                                                             "this list")]

    def filter_changed(k: str, fi: str, t: str, d: str, so: str, rec_id: str | None, request: gr.Request) -> str:
        """A filter the person changed becomes part of the address (the open record stays in it)."""
        ui.session(request)
        fi, so = checked(k, fi, so)
        return links.view_link_html(view_address(k, fi, t, d, so, rec_id), "this list")

    def turn(delta: int):
        def go(k, fi, t, d, so, off, request: gr.Request):
            ui.session(request)
            return page(k, fi, t, d, so, max(0, int(off or 0) + delta * rv.PAGE_SIZE))
        return go

    def open_id(rec_id: str | None, request: gr.Request | None):
        rec = ui.services.store.get_record(rec_id) if rec_id else None
        if rec is None:
            return [None, HINT, gr.update(), pd.DataFrame(columns=FIELD_COLUMNS), None, ""]
        img, note = source_view(ui, rec, None)
        choices = [ALL_FIELDS] + sorted(rec.field_sources)
        missing = f" · not found in the document: {', '.join(rec.missing_fields)}" if rec.missing_fields else ""
        head = (f'<div class="ap-head"><b>{esc(rec.kind.value.replace("_", " "))}</b> · {esc(rec.source.filename)}'
                f' <span class="ap-pos">{esc(rec.id)}{esc(missing)}</span></div>'
                + links.link_html(links.record_href(rec.id), request, "this record"))
        return [rec.id, head, gr.update(choices=choices, value=ALL_FIELDS), record_fields_frame(rec), img, esc(note)]

    def open_record(evt: gr.SelectData, request: gr.Request):
        ui.session(request)
        row = evt.row_value or []
        return open_id(str(row[-1]) if row else None, request)

    def pick_field(rec_id: str | None, f: str, request: gr.Request):
        ui.session(request)
        rec = ui.services.store.get_record(rec_id) if rec_id else None
        if rec is None:
            return None, ""
        img, note = source_view(ui, rec, f)
        return img, esc(note)

    def pick_field_row(rec_id: str | None, evt: gr.SelectData, request: gr.Request):
        path = (evt.row_value or [None])[0]
        return gr.update(value=path if path in (ui.services.store.get_record(rec_id).field_sources if rec_id else {})
                         else ALL_FIELDS)

    def export(fmt: str):
        """Every record of the current filter (all pages), as the services write it: csv or xlsx, safe cells."""
        def run(k: str, fi: str, t: str, d: str, so: str, request: gr.Request):
            ui.session(request)
            fi, so = checked(k, fi, so)
            recs = rv.matching_records(ui.services.store, k, t, d, so, read_date, field=fi)
            path = ui.services.export_records(recs, fmt, name=f"records-{k or 'none'}")
            return gr.update(value=str(path), visible=True,
                             label=f"Export of the current filter: {len(recs):,} records")
        return run

    def change_kind(k: str, fi: str, t: str, d: str, so: str, request: gr.Request):
        """A new kind: fresh table, and the panel no longer shows a record of the old kind."""
        return (*load(k, fi, t, d, so, request), None, HINT, gr.update(choices=[], value=None),
                pd.DataFrame(columns=FIELD_COLUMNS), None, "")

    def on_page_load(request: gr.Request):
        """`?tab=records&record=<id>` opens that record (its kind is listed above it by `first_load`)."""
        rec_id = (links.params(request).get("record") or "").strip()
        if not rec_id:
            return [gr.update()] * len(panel_out) + [gr.update()]
        ui.session(request)
        if ui.services.store.get_record(rec_id) is None:
            return [None, f'<div class="ap-warn">The link names no record here ({esc(rec_id)}).</div>',
                    gr.update(), gr.update(), None, "", gr.Tabs(selected="records")]
        return open_id(rec_id, request) + [gr.Tabs(selected="records")]

    push = links.view_push_js("ap-rec-link")
    kind.input(change_kind, filters, list_out + panel_out).then(filter_changed, filters + [current], [rlink]).then(
        None, None, None, js=push)
    for box in (text, dates):
        box.submit(load, filters, list_out).then(filter_changed, filters + [current], [rlink]).then(
            None, None, None, js=push)
    for box in (sort, infield):
        box.input(load, filters, list_out).then(filter_changed, filters + [current], [rlink]).then(
            None, None, None, js=push)
    refresh.click(load, filters, list_out)
    ex_csv.click(export("csv"), filters, [ex_file])
    ex_xlsx.click(export("xlsx"), filters, [ex_file])
    prev_b.click(turn(-1), filters + [offset], list_out)
    next_b.click(turn(1), filters + [offset], list_out)
    table.select(open_record, None, panel_out).then(None, None, None, js=links.PUSH_JS)
    field.change(pick_field, [current, field], [image, where])
    fields.select(pick_field_row, [current], [field])
    ui.page_load.append((on_page_load, None, panel_out + [ui.tabs]))
    return [(first_load, filters + [first], list_out + [text, dates, first, rlink])]
