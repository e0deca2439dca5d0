"""Triage: the queue of findings and the panel to decide on one, with shortcuts for working fast.

The panel keeps the version of the finding it loaded; a decision passes it as
`expected_version`, so a decision someone else made meanwhile is never
overwritten (the reviewer sees who changed it and keeps what they typed).
The bulk decision and the export are `triage_bulk.py`. A role that may not decide does not see the
decision controls (`role_view`): one line says which role it needs.
"""
from __future__ import annotations

from datetime import date, timedelta

import gradio as gr

from auditpack.records import FindingStatus

from review_ui import actions
from review_ui import links
from review_ui.auth import PermissionDenied, needs_role
from review_ui import triage_view as tv
from review_ui.tabs import triage_bulk as bulk
from review_ui import finding_months as months
from review_ui.presenters import OVERDUE, SORT_KEYS, esc

NAV_KEYS = "**Keys** (outside text boxes): **J**/**N** next · **K**/**P** previous"
SHORTCUTS = (NAV_KEYS + " · **A** corrective action · **D** dismissal reason · **Alt+A** accept · **Alt+D** dismiss · "
             "**Alt+N**/**Alt+P** next/previous · **Ctrl+Enter** submit a box · **Esc** leave it")  # one line at 1440
# px; the decision keys are shown only to a role that may decide
ALL = tv.ALL
WIDTHS = ["6%", "12%", "33%", "31%", "18%", "0%"]  # ✓, severity, rule, subject, state, id (hidden)
QUEUE_DONE = "Queue done: no open finding left in this view (change the filters to see more)."


def build(ui):
    store = ui.services.store
    keys = gr.Markdown(SHORTCUTS, elem_id="ap-shortcuts")
    role_note = gr.HTML(elem_id="ap-role-note", visible=False)
    with gr.Row(elem_classes="ap-filters"):
        f_sev = gr.Dropdown([ALL, "critical", "major", "minor"], value=ALL, label="Severity", min_width=110)
        f_rule = gr.Dropdown([ALL], value=ALL, label="Rule", allow_custom_value=True, min_width=180)
        f_fac = gr.Dropdown([ALL], value=ALL, label="Facility", allow_custom_value=True, min_width=140)
        f_sup = gr.Dropdown([ALL], value=ALL, label="Supplier", allow_custom_value=True, min_width=140)
        f_status = gr.Dropdown([ALL] + [s.value for s in FindingStatus] + [OVERDUE], value="open", label="Status",
                               min_width=110, elem_id="ap-f-status")
        f_assignee = gr.Dropdown([ALL, "(unassigned)"], value=ALL, label="Assignee", allow_custom_value=True,
                                 min_width=120)
        f_text = gr.Textbox(label="Search", placeholder="subject, message…", min_width=140, elem_id="ap-search")
        f_sort = gr.Dropdown(list(SORT_KEYS), value="severity", label="Sort by", min_width=110)
    filters = [f_sev, f_rule, f_fac, f_sup, f_status, f_assignee, f_text, f_sort]
    queue_ids, versions, current, suggestion = gr.State([]), gr.State({}), gr.State(None), gr.State(None)
    first_state = gr.State(True)

    with gr.Row(equal_height=False):
        with gr.Column(scale=4, min_width=480):
            with gr.Row(equal_height=True):
                count = gr.Markdown(elem_id="ap-queue-count")
                qlink = gr.HTML(elem_id="ap-queue-link", min_height=0)
                overdue_b = gr.Button("Overdue corrective actions", size="sm", scale=0, min_width=200,
                                      elem_id="ap-overdue")
            # the id is the last column (read on a click, hidden by CSS); ✓ selects for a bulk decision
            table = gr.Dataframe(interactive=True, max_height=600, elem_id="ap-queue", wrap=True,
                                 datatype=["bool", "str", "str", "str", "str", "str"],
                                 static_columns=[1, 2, 3, 4, 5], row_count=(0, "fixed"), column_count=(6, "fixed"),
                                 column_widths=WIDTHS,
                                 label="Queue (click a row to open it)")
            with gr.Row(equal_height=True):
                ex_csv = gr.Button("Export CSV", size="sm", elem_id="ap-queue-export-csv", min_width=100)
                ex_xlsx = gr.Button("Export XLSX", size="sm", elem_id="ap-queue-export-xlsx", min_width=100)
            ex_file = gr.File(label="Export of this queue", visible=False, elem_id="ap-queue-export",
                              interactive=False)
            bform = bulk.build_form()
        with gr.Column(scale=6, min_width=560, elem_classes="ap-panel"):
            with gr.Row():
                prev_b = gr.Button("◀ Previous", size="sm", elem_id="ap-prev", min_width=80)
                next_b = gr.Button("Next ▶", size="sm", elem_id="ap-next", min_width=80)
                reload_b = gr.Button("Reload", size="sm", elem_id="ap-reload", min_width=80)
            panel = gr.HTML("<p>Open a finding from the queue.</p>", elem_id="ap-finding")
            # the evidence and the regulation first (the first screen), the decision form under them
            with gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=340):
                    ev_note = gr.HTML(elem_id="ap-evidence-note")
                    ev_image = gr.Image(type="pil", interactive=False, show_label=False, height=330,
                                        buttons=["fullscreen"], elem_id="ap-evidence-image", visible=False)
                    ev_html = gr.HTML(elem_id="ap-evidence-grid", elem_classes="ap-scroll", visible=False,
                                      max_height=340)
                    ev_choice = gr.Dropdown([], label="Evidence", elem_id="ap-evidence", min_width=200)
                with gr.Column(scale=2, min_width=220):
                    details = gr.HTML(elem_id="ap-finding-details", elem_classes="ap-scroll", max_height=420)
            status = gr.HTML(elem_id="ap-decision-status")
            with gr.Row(equal_height=True):
                corrective = gr.Textbox(label="Corrective action (to accept)", lines=2, scale=4,
                                        elem_id="ap-corrective")
                with gr.Column(scale=1, min_width=120):
                    due = gr.Textbox(label="Due date", value=str(date.today() + timedelta(days=30)),
                                     elem_id="ap-due")
                    use_sugg = gr.Button("Use suggestion", size="sm", elem_id="ap-use-suggestion")
                accept_b = gr.Button("Accept", variant="primary", scale=1, elem_id="ap-accept", min_width=90)
            with gr.Row(equal_height=True):
                reason = gr.Textbox(label="Reason (to dismiss)", lines=1, scale=5, elem_id="ap-reason")
                dismiss_b = gr.Button("Dismiss", variant="stop", scale=1, elem_id="ap-dismiss", min_width=90)
            with gr.Row(equal_height=True):
                assignee = gr.Dropdown([], label="Assign to", allow_custom_value=True, scale=2, elem_id="ap-assignee")
                assign_b = gr.Button("Assign", scale=1, min_width=80, elem_id="ap-assign")
                comment = gr.Textbox(label="Comment", scale=3, elem_id="ap-comment")
                comment_b = gr.Button("Comment", scale=1, min_width=80, elem_id="ap-comment-btn")

    queue_outputs = [table, queue_ids, versions, count, f_rule, f_fac, f_sup, f_assignee, bform.rule, assignee,
                     bform.assignee] + bform.selection_outputs
    panel_outputs = [current, suggestion, panel, details, ev_choice, ev_note, ev_image, ev_html, corrective, reason,
                     comment]

    # --- queue ---------------------------------------------------------------------------
    def queue(*flt):
        q = tv.load_queue(store, [u.name for u in ui.gate.directory().list_users() if u.active], *flt)
        return bulk.selection(bform, 0) | {
            table: q.frame, queue_ids: q.ids, versions: q.versions, count: q.count,
            f_rule: gr.update(choices=q.rules), f_fac: gr.update(choices=q.facilities),
            f_sup: gr.update(choices=q.suppliers), f_assignee: gr.update(choices=q.assignees),
            # never pre-selected: "Tick them" ticks the rule the reviewer names each time
            bform.rule: gr.update(choices=q.open_rules, value=None),
            assignee: gr.update(choices=q.users), bform.assignee: gr.update(choices=q.users),
        }

    def load_queue(sev, rule, fac, sup, st, asg, text, sort, request: gr.Request):
        ui.session(request)
        return queue(sev, rule, fac, sup, st, asg, text, sort)

    def first_queue(sev, rule, fac, sup, st, asg, text, sort, first, request: gr.Request):
        """On page load (and tab select): the first time, the filters a `?tab=triage` link names."""
        ui.session(request)
        q = links.params(request)
        if first and links.selected_tab(q) == "triage":
            flt = tv.filters_from_params(q)
            out = queue(*flt) | dict(zip(filters, flt)) | {first_state: False, qlink: queue_link(None, *flt)}
            if (q.get("month") or "").strip():  # a dashboard link: the findings of one month (until a filter changes)
                narrowed = months.narrow_queue(store, out[table], out[queue_ids], out[versions], q["month"].strip())
                out |= dict(zip((table, queue_ids, versions, count), narrowed))
            return out
        return queue(sev, rule, fac, sup, st, asg, text, sort) | {first_state: False}

    def queue_link(cur, *flt) -> str:
        """The queue's address with its filters (and the finding open beside it): what a reload shows."""
        params = tv.filter_params(*flt)
        address = links.finding_href(cur["id"], params) if cur else links.href("triage", **params)
        return links.view_link_html(address, "this queue")

    def link_after_filter(cur, sev, rule, fac, sup, st, asg, text, sort, request: gr.Request) -> str:
        ui.session(request)
        return queue_link(cur, sev, rule, fac, sup, st, asg, text, sort)

    # --- one finding ---------------------------------------------------------------------
    def show(view) -> dict:
        return {ev_image: gr.update(value=view.image, visible=view.image is not None),
                ev_html: gr.update(value=view.html, visible=bool(view.html)), ev_note: view.note}

    def open_finding(fid: str | None, ids: list[str], empty: str = "No finding to show: the queue is empty.",
                     flt: tuple = (), request: gr.Request | None = None):
        if not fid:
            return {panel: f"<p>{empty}</p>", current: None, details: "", ev_note: "",
                    ev_image: gr.update(value=None, visible=False), ev_html: gr.update(value="", visible=False),
                    ev_choice: gr.update(choices=[], value=None), corrective: "", reason: "", comment: ""}
        p = tv.load_panel(ui.services, fid, ids)
        link = links.link_html(links.finding_href(fid, tv.filter_params(*flt) if flt else None), request,
                               "this finding")
        return {current: {"id": fid, "version": p.state.version}, suggestion: p.suggested_action,
                panel: p.summary + link, details: p.details, **show(p.view),
                ev_choice: gr.update(choices=p.evidence, value=p.evidence[0][1] if p.evidence else None),
                corrective: "", reason: "", comment: ""}

    def on_select(ids, sev, rule, fac, sup, st, asg, text, sort, evt: gr.SelectData, request: gr.Request):
        ui.session(request)
        row = evt.row_value or []
        return open_finding(str(row[-1]) if row else None, ids, flt=(sev, rule, fac, sup, st, asg, text, sort),
                            request=request)

    def step(delta: int):
        def go(cur, ids, sev, rule, fac, sup, st, asg, text, sort, request: gr.Request):
            flt = (sev, rule, fac, sup, st, asg, text, sort)
            ui.session(request)
            if not ids:
                return open_finding(None, ids)
            i = ids.index(cur["id"]) if cur and cur["id"] in ids else -1
            fid = ids[max(0, min(len(ids) - 1, i + delta))] if i >= 0 or delta > 0 else ids[0]
            return open_finding(fid, ids, flt=tuple(flt), request=request)
        return go

    def reload(cur, ids, sev, rule, fac, sup, st, asg, text, sort, request: gr.Request):
        flt = (sev, rule, fac, sup, st, asg, text, sort)
        ui.session(request)
        return open_finding(cur["id"] if cur else None, ids, flt=tuple(flt), request=request) | {status: ""}

    def pick_evidence(cur, choice, request: gr.Request):
        ui.session(request)
        if not cur or choice in (None, ""):
            return {ev_image: gr.update(), ev_html: gr.update(), ev_note: gr.update()}
        return show(tv.evidence_view(ui.services, store.get_finding(cur["id"]), int(choice)))

    # --- decisions -----------------------------------------------------------------------
    def decide(action: str):
        def run(cur, ids, corr, due_text, why, who, note,  # the form
                sev, rule_f, fac, sup, st, asg, text_f, sort,  # the queue filters, to refresh it
                request: gr.Request):
            flt = (sev, rule_f, fac, sup, st, asg, text_f, sort)
            if not cur:
                return {status: '<div class="ap-warn">Open a finding first.</div>'}
            try:
                session = ui.session(request)
                due_date = bulk.parse_due(due_text) if action == "accept" else None
                if action == "accept" and due_date is None:
                    return {status: '<div class="ap-warn">Not saved: the due date must look like 2026-05-31.</div>'}
                res = actions.decide(ui.services, session, cur["id"], action, cur["version"], reason=why or "",
                                     corrective_action=corr or "", due_date=due_date, assignee=who or "",
                                     comment=note or "")
            except PermissionDenied as exc:
                return {status: f'<div class="ap-warn">{esc(str(exc))}</div>'}
            if not res.ok:
                return {status: f'<div class="ap-{"conflict" if res.conflict else "warn"}">{esc(res.message)}</div>'}
            out = queue(*flt)
            new_ids = out[queue_ids]
            if action in ("accept", "dismiss"):  # move on to the next open finding of the queue
                nxt = tv.next_open(store, ids, cur["id"], new_ids)
                out |= open_finding(nxt, new_ids, empty=QUEUE_DONE, flt=flt, request=request)
            else:
                out |= open_finding(cur["id"], new_ids, flt=flt, request=request)
            return out | {status: f'<div class="ap-ok">{esc(res.message)}</div>'}
        return run

    # --- what the signed-in role may use: the rest is not shown -------------------------------
    decision_controls = [corrective, due, use_sugg, accept_b, reason, dismiss_b, assignee, assign_b, comment,
                         comment_b, bform.box]

    def role_view(request: gr.Request):
        session = ui.session(request)
        can = session.can("decide")
        return [gr.update(visible=can) for _ in decision_controls] + [
            SHORTCUTS if can else NAV_KEYS,
            gr.update(value="" if can else f'<div class="ap-warn">{esc(needs_role("decide", session.role))}</div>',
                      visible=not can)]

    def show_overdue(request: gr.Request):
        ui.session(request)
        return OVERDUE, "due date"

    for button in (accept_b, dismiss_b, assign_b, comment_b, use_sugg):
        ui.guard(button, "decide")
    everything = queue_outputs + panel_outputs + [status]
    for comp in filters:
        getattr(comp, "submit" if comp is f_text else "change")(load_queue, filters, queue_outputs)
        # a filter the reviewer changed (not one a link set on page load) becomes part of the address
        getattr(comp, "submit" if comp is f_text else "input")(link_after_filter, [current] + filters, [qlink]).then(
            None, None, None, js=links.view_push_js("ap-queue-link"))
    table.select(on_select, [queue_ids] + filters, panel_outputs).then(None, None, None, js=links.PUSH_JS)
    next_b.click(step(1), [current, queue_ids] + filters, panel_outputs).then(None, None, None, js=links.PUSH_JS)
    prev_b.click(step(-1), [current, queue_ids] + filters, panel_outputs).then(None, None, None, js=links.PUSH_JS)
    reload_b.click(reload, [current, queue_ids] + filters, panel_outputs + [status])
    ev_choice.input(pick_evidence, [current, ev_choice], [ev_image, ev_html, ev_note])
    use_sugg.click(lambda s: s or gr.update(), [suggestion], [corrective])
    form = [current, queue_ids, corrective, due, reason, assignee, comment] + filters
    accept_b.click(decide("accept"), form, everything).then(None, None, None, js=links.PUSH_JS)
    dismiss_b.click(decide("dismiss"), form, everything).then(None, None, None, js=links.PUSH_JS)
    assign_b.click(decide("assign"), form, everything)
    comment_b.click(decide("comment"), form, everything)
    bulk.wire(ui, bform, table=table, status=status, current=current, queue_ids=queue_ids, versions=versions,
              filters=filters, queue=queue, open_finding=open_finding, everything=everything, done_text=QUEUE_DONE)
    bulk.wire_export(ui, queue_ids, ex_csv, ex_xlsx, ex_file)
    overdue_b.click(show_overdue, None, [f_status, f_sort]).then(
        link_after_filter, [current] + filters, [qlink]).then(None, None, None, js=links.view_push_js("ap-queue-link"))
    ui.page_load.append((role_view, None, decision_controls + [keys, role_note]))

    def on_page_load(request: gr.Request):
        """`?tab=triage&finding=<id>` opens that finding (the queue with the link's filters: `first_queue`)."""
        q = links.params(request)
        fid = (q.get("finding") or "").strip()
        if not fid:
            return {ui.tabs: gr.Tabs(selected="triage") if links.selected_tab(q) == "triage" else gr.update()}
        ui.session(request)
        try:
            store.get_finding(fid)
        except Exception:  # noqa: BLE001 - a link to a finding this workspace does not have
            return {status: f'<div class="ap-warn">The link names no finding here ({esc(fid)}).</div>',
                    ui.tabs: gr.Tabs(selected="triage")}
        flt = tv.filters_from_params(q)
        ids = months.in_month(store, tv.queue_ids(store, *flt), q.get("month"))
        return open_finding(fid, ids, flt=flt, request=request) | {ui.tabs: gr.Tabs(selected="triage")}

    ui.page_load.append((on_page_load, None, panel_outputs + [status, ui.tabs]))
    return [(first_queue, filters + [first_state], queue_outputs + filters + [first_state, qlink])]
