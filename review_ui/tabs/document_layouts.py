"""The Documents tab's layout forms: a sheet's column mapping, and "Remember this layout" (teach once).

Both turn what a person showed on one document into a layout profile that later documents of the same
layout are read with (`ingest/profiles/`, through the services). Built inside the document panel of
`review_ui.tabs.documents`, which hands over what they share as a `Panel`. Both are correcting: a role that
may not correct does not see them (`ui.guard`; the handlers check the role too).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from auditpack.errors import AuditPackError

from review_ui import column_mapping as cmap
from review_ui import document_actions as act
from review_ui.presenters import esc


@dataclass
class Panel:
    """What the forms need from the open-document panel: its state, its outputs and how to redraw them."""

    doc: Any            # gr.State: the open document
    edits: Any          # gr.State: values picked, not saved
    kind: Any           # the Kind dropdown
    outputs: list       # the panel's outputs, in the order `refresh` returns them
    refresh: Callable   # (doc, edits, kind, request) -> the panel's updates
    reload: tuple       # (fn, inputs, outputs) that reloads the document list


@dataclass
class ColumnsForm:
    box: Any
    header: Any
    field: Any
    set: Any
    frame: Any
    preview: Any
    save: Any
    rows: Any
    status: Any
    mapping: Any  # gr.State: header -> field


@dataclass
class TeachForm:
    remember: Any
    html: Any
    apply: Any
    taught: Any  # gr.State: {"name", "others"} after "Remember this layout"


def columns_form(ui) -> ColumnsForm:
    box = ui.guard(gr.Accordion("Columns of this sheet → fields", open=True, visible=False, elem_id="ap-doc-columns"),
                   act.CORRECT)  # shown with a sheet, to a role that may correct (`documents.show`)
    with box:
        gr.Markdown("Map each column header to a field (the form starts from how the sheet is read now), preview "
                    "the first rows, then save the mapping as a layout: later sheets with these headers are read "
                    "with it.")
        with gr.Row():
            header = gr.Dropdown([], label="Header", scale=2, elem_id="ap-doc-col-header")
            field = gr.Dropdown([], label="Field", scale=2, elem_id="ap-doc-col-field")
            set_ = ui.guard(gr.Button("Map column", size="sm", scale=1), act.CORRECT)
        frame = gr.Dataframe(pd.DataFrame(columns=cmap.MAPPING_COLUMNS), interactive=False, label="Mapping",
                             elem_id="ap-doc-col-map")
        with gr.Row():
            preview = gr.Button("Preview", size="sm")
            save = ui.guard(gr.Button("Save mapping as a layout", size="sm", elem_id="ap-doc-col-save"), act.CORRECT)
        rows = gr.Dataframe(pd.DataFrame(columns=["(press Preview)"]), interactive=False,
                            label="First rows read with this mapping", elem_id="ap-doc-col-preview")
        status = gr.Markdown(elem_id="ap-doc-col-status")
    return ColumnsForm(box, header, field, set_, frame, preview, save, rows, status, gr.State({}))


def teach_form(ui) -> TeachForm:
    with ui.guard(gr.Group(elem_id="ap-doc-teach"), act.CORRECT):
        remember = ui.guard(gr.Button("Remember this layout", elem_id="ap-doc-remember"), act.CORRECT)
        html = gr.HTML(elem_id="ap-doc-taught")
        apply = ui.guard(gr.Button("Apply to the other documents of this layout", visible=False,
                                   elem_id="ap-doc-apply"), act.CORRECT)
    return TeachForm(remember, html, apply, gr.State(None))


def wire_columns(ui, form: ColumnsForm, panel: Panel) -> None:
    services = ui.services
    blank = [gr.update()] * len(panel.outputs)

    def sheet(d):
        return services.loaded_document(d["sha256"]).pages[d["page"] - 1]

    def map_column(d, m, h, f, request: gr.Request):
        ui.session(request)
        if not d or not h:
            return m, gr.update(), "Choose a header, then the field its column holds."
        m = {**m, h: f} if f else {k: v for k, v in m.items() if k != h}  # no field: the column is not mapped
        records = services.document_detail(d["sha256"]).records
        return m, cmap.mapping_frame(sheet(d), m, records), f"{esc(h)} → {esc(f or 'not mapped')}"

    def preview(d, m, kind_value, request: gr.Request):
        session = ui.session(request)
        if not d or not m:
            return gr.update(), "Map at least one column first."
        try:
            res = services.map_columns(d["sha256"], kind_value, m, session.user, session.role)
        except AuditPackError as exc:
            return gr.update(), f"No preview: {esc(str(exc))}"
        return cmap.preview_frame(res.preview, m), f"{len(res.preview)} record(s) read with this mapping."

    def save(d, m, kind_value, picked, request: gr.Request):
        session = ui.session(request)
        if not d or not m:
            return [*blank, "Map at least one column first."]
        if not session.can(act.CORRECT):
            return [*blank, esc(act.refused(session))]
        try:
            res = services.map_columns(d["sha256"], kind_value, m, session.user, session.role, save=True)
        except AuditPackError as exc:
            return [*blank, f"Not saved: {esc(str(exc))}"]
        n = len(res.others)
        msg = (f"Saved the mapping as layout {res.name}: this sheet was read again with it (the earlier reading is "
               f"kept), and later sheets with these headers will be. {n} other stored document"
               f"{'s' * (n != 1)} {'has' if n == 1 else 'have'} these headers. "
               + act.checks_message(services, session))
        return [*panel.refresh(d, picked, kind_value, request), esc(msg)]

    form.set.click(map_column, [panel.doc, form.mapping, form.header, form.field],
                   [form.mapping, form.frame, form.status])
    form.preview.click(preview, [panel.doc, form.mapping, panel.kind], [form.rows, form.status])
    form.save.click(save, [panel.doc, form.mapping, panel.kind, panel.edits], [*panel.outputs, form.status]).then(
        *panel.reload)


def taught_html(message: str, taught: Any) -> str:
    """Which fields the layout will find and how, which it will not, and how many documents it fits."""
    found = "".join(f"<li><b>{esc(f)}</b>: by {esc(how)}</li>" for f, how in taught.hinted.items())
    lost = "".join(f"<li><b>{esc(f)}</b>: {esc(why)}</li>" for f, why in taught.typed_only.items())
    n = len(taught.others)
    return (f"<p>{esc(message)} Documents in this layout will be read as {esc(taught.kind.replace('_', ' '))}, "
            f"finding:</p><ul>{found}</ul>" + (f"<p>Not found by the layout:</p><ul>{lost}</ul>" if lost else "")
            + f"<p>{n} other stored document{'s' * (n != 1)} {'has' if n == 1 else 'have'} this layout.</p>")


def wire_teach(ui, form: TeachForm, panel: Panel) -> None:
    services = ui.services

    def remember(d, request: gr.Request):
        if not d:
            return None, "Open a document first.", gr.update(visible=False)
        res = act.remember_layout(services, ui.session(request), d["sha256"])
        if not res.ok:
            return None, f"<p>{esc(res.message)}</p>", gr.update(visible=False)
        n = len(res.extra.others)
        return ({"name": res.extra.name, "others": res.extra.others}, taught_html(res.message, res.extra),
                gr.update(visible=n > 0, value=f"Apply to {n} other document{'s' * (n != 1)} with this layout"))

    def apply(t, request: gr.Request):
        if not t or not t.get("others"):
            return "<p>Nothing to apply: remember a layout first.</p>", gr.update(visible=False)
        res = act.apply_layout(services, ui.session(request), t["name"], t["others"])
        return f"<p>{esc(res.message)}</p>", gr.update(visible=not res.ok)

    form.remember.click(remember, [panel.doc], [form.taught, form.html, form.apply])
    form.apply.click(apply, [form.taught], [form.html, form.apply]).then(*panel.reload)
