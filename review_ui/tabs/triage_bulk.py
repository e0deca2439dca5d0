"""Triage's bulk decision and export: the form under the queue, and its handlers.

A bulk decision acts on the findings the reviewer ticked (✓ in the queue, or "Tick them" for every open
finding of one rule), with one reason, and only after a confirmation that names how many findings are selected;
a changed selection unticks the confirmation, so the number confirmed is always the number decided. Each
finding is still decided on its own (`actions.decide_selected`): its own audit entry and version check.
The export writes exactly the queue's rows (its filters, and a dashboard link's month) through the services.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import gradio as gr

from review_ui import actions
from review_ui import triage_view as tv
from review_ui.auth import PermissionDenied
from review_ui.presenters import QUEUE_COLUMNS, esc


def parse_due(text: str) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


@dataclass
class BulkForm:
    box: gr.Accordion
    note: gr.Markdown
    rule: gr.Dropdown
    tick: gr.Button
    clear: gr.Button
    action: gr.Radio
    text: gr.Textbox
    due: gr.Textbox
    assignee: gr.Dropdown
    confirm: gr.Checkbox
    go: gr.Button
    count: gr.State  # how many findings the confirmation names

    @property
    def selection_outputs(self) -> list:
        return [self.note, self.confirm, self.count]


def build_form() -> BulkForm:
    with gr.Accordion("Bulk decision: tick ✓ the findings, then decide them together", open=True,
                      elem_id="ap-bulk") as box:
        note = gr.Markdown("No finding selected.", elem_id="ap-bulk-count")
        with gr.Row(equal_height=True):
            rule = gr.Dropdown([], label="Tick every open finding of a rule", elem_id="ap-bulk-rule", scale=3)
            tick = gr.Button("Tick them", size="sm", scale=1, min_width=80, elem_id="ap-bulk-tick")
            clear = gr.Button("Clear", size="sm", scale=1, min_width=60, elem_id="ap-bulk-clear")
        action = gr.Radio(["dismiss", "accept", "assign"], value="dismiss", label="Action", elem_id="ap-bulk-action")
        text = gr.Textbox(label="Reason (dismiss) or corrective action (accept)", lines=2, elem_id="ap-bulk-text")
        with gr.Row():
            due = gr.Textbox(label="Due date (accept)", value=str(date.today() + timedelta(days=30)))
            assignee = gr.Dropdown([], label="Assignee (assign)", allow_custom_value=True)
        confirm = gr.Checkbox(False, label="Apply this decision to the 0 selected findings", elem_id="ap-bulk-confirm")
        go = gr.Button("Decide the selected findings", variant="secondary", elem_id="ap-bulk-go")
    return BulkForm(box, note, rule, tick, clear, action, text, due, assignee, confirm, go, gr.State(0))


def selection(form: BulkForm, n: int) -> dict:
    """The form after the selection changed: the count, and a confirmation (unticked) naming it."""
    return {form.note: f"**{n}** finding{'s' * (n != 1)} selected." if n else "No finding selected.",
            form.confirm: gr.update(value=False, label=f"Apply this decision to the {n} selected finding"
                                                       f"{'s' * (n != 1)}"),
            form.count: n}


def wire(ui, form: BulkForm, *, table, status, current, queue_ids, versions, filters: list,
         queue: Callable[..., dict], open_finding: Callable[..., dict], everything: list, done_text: str) -> None:
    """Connect the form: ticks update the count, the go button decides (then the queue reloads, and the open
    finding moves on if it was among those decided, as after one decision)."""
    store = ui.services.store

    def on_tick(frame, request: gr.Request):
        ui.session(request)
        return selection(form, len(tv.selected_ids(frame)))

    def tick_rule(frame, rule, request: gr.Request):
        ui.session(request)
        if not rule:
            return {status: '<div class="ap-warn">Choose the rule whose open findings to tick.</div>'}
        ticked = tv.tick_rule(frame, rule)
        return {table: ticked, status: ""} | selection(form, len(tv.selected_ids(ticked)))

    def clear_ticks(frame, request: gr.Request):
        ui.session(request)
        out = frame.copy()
        if len(out) and QUEUE_COLUMNS[0] in out.columns:
            out[QUEUE_COLUMNS[0]] = False
        return {table: out} | selection(form, 0)

    def bulk(cur, ids, frame, action, text, due_text, who, confirm, confirmed_n, vers,  # the form and queue
             sev, rule_f, fac, sup, st, asg, text_f, sort,  # the queue filters, to reload it
             request: gr.Request):
        flt = (sev, rule_f, fac, sup, st, asg, text_f, sort)
        targets = {fid: (vers or {})[fid] for fid in tv.selected_ids(frame) if fid in (vers or {})}
        fields = {"reason": text or ""} if action == "dismiss" else (
            {"corrective_action": text or "", "due_date": parse_due(due_text)} if action == "accept"
            else {"assignee": who or ""})
        try:
            res = actions.decide_selected(ui.services, ui.session(request), targets, action,
                                          confirmed=confirmed_n if confirm else None, **fields)
        except PermissionDenied as exc:
            return {status: f'<div class="ap-warn">{esc(str(exc))}</div>'}
        if res.refused:
            return {status: f'<div class="ap-warn">{esc(res.message)}</div>'}
        out = queue(*flt)
        if cur and cur["id"] in targets and store.get_finding(cur["id"]).version != cur["version"]:
            # the open finding was decided too: never leave it shown as it was (stale), move on as decide() does
            new_ids = out[queue_ids]
            nxt = tv.next_open(store, ids, cur["id"], new_ids) if action in ("accept", "dismiss") else cur["id"]
            out |= open_finding(nxt, new_ids, empty=done_text, flt=flt, request=request)
        if res.done:
            out[form.text] = ""  # the reason given for these findings is not offered for the next ones
        kind = "warn" if res.problems else "ok"
        return out | {status: f'<div class="ap-{kind}">{esc(action)}: {esc(res.message)}</div>'}

    ui.guard(form.go, "decide")
    form.go.click(bulk, [current, queue_ids, table, form.action, form.text, form.due, form.assignee, form.confirm,
                         form.count, versions] + filters, everything + [form.text])
    # one tick at a time, the last one winning: an earlier tick's count never lands after a later one's (a stale
    # count could not decide anything anyway: the confirmation must name the number ticked at the click)
    table.input(on_tick, [table], form.selection_outputs, trigger_mode="always_last", concurrency_limit=1)
    form.tick.click(tick_rule, [table, form.rule], [table, status] + form.selection_outputs)
    form.clear.click(clear_ticks, [table], [table] + form.selection_outputs)


def wire_export(ui, queue_ids, csv_button: gr.Button, xlsx_button: gr.Button, file: gr.File) -> None:
    """Export CSV / XLSX: exactly the queue's rows, in its order, with their decisions, as a download."""
    def export(fmt: str):
        def run(ids, request: gr.Request):
            ui.session(request)
            by_id = {s.finding.id: s for s in ui.services.store.findings()}
            rows = [by_id[i] for i in ids or [] if i in by_id]
            path = ui.services.export_findings(rows, fmt, name="triage-queue")
            return gr.update(value=str(path), visible=True, label=f"Export of this queue: {len(rows)} findings")
        return run

    csv_button.click(export("csv"), [queue_ids], [file])
    xlsx_button.click(export("xlsx"), [queue_ids], [file])
