"""Records: browse by kind with filters; open one to see its fields beside the page it came from."""
from __future__ import annotations

import gradio as gr
import pandas as pd

from auditpack.records import RecordKind
from auditpack.store import Store

from review_ui.pages import render_page
from review_ui.presenters import esc, record_fields_frame, records_frame

ALL_FIELDS = "(all fields on the page)"
FIELD_COLUMNS = ["Field", "Value", "Where", "Method", "Confidence"]
HINT = "<p>Click a record above to see its fields next to the page they were read from.</p>"


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
        text = gr.Textbox(label="Filter (any column)", placeholder="supplier, lot, facility…", scale=3,
                          elem_id="ap-rec-filter")
        refresh = gr.Button("Refresh", size="sm", scale=1)
    table = gr.Dataframe(label="Records (click a row to open it)", interactive=False, max_height=300,
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
    current = gr.State(None)

    def load(k: str, t: str, request: gr.Request):
        ui.session(request)
        recs = ui.services.store.records(kind=k) if k else []
        return records_frame(recs, k, t), gr.update(choices=kind_choices(ui.services.store))

    def open_record(evt: gr.SelectData, request: gr.Request):
        ui.session(request)
        row = evt.row_value or []
        rec = ui.services.store.get_record(str(row[-1])) if row else None
        if rec is None:
            return None, HINT, gr.update(), pd.DataFrame(columns=FIELD_COLUMNS), None, ""
        img, note = source_view(ui, rec, None)
        choices = [ALL_FIELDS] + sorted(rec.field_sources)
        missing = f" · not found in the document: {', '.join(rec.missing_fields)}" if rec.missing_fields else ""
        head = (f'<div class="ap-head"><b>{esc(rec.kind.value.replace("_", " "))}</b> · {esc(rec.source.filename)}'
                f' <span class="ap-pos">{esc(rec.id)}{esc(missing)}</span></div>')
        return rec.id, head, gr.update(choices=choices, value=ALL_FIELDS), record_fields_frame(rec), img, esc(note)

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

    def change_kind(k: str, t: str, request: gr.Request):
        """A new kind: fresh table, and the panel no longer shows a record of the old kind."""
        return (*load(k, t, request), None, HINT, gr.update(choices=[], value=None),
                pd.DataFrame(columns=FIELD_COLUMNS), None, "")

    kind.input(change_kind, [kind, text], [table, kind, current, title, field, fields, image, where])
    text.submit(load, [kind, text], [table, kind])
    refresh.click(load, [kind, text], [table, kind])
    table.select(open_record, None, [current, title, field, fields, image, where])
    field.change(pick_field, [current, field], [image, where])
    fields.select(pick_field_row, [current], [field])
    return [(load, [kind, text], [table, kind])]
