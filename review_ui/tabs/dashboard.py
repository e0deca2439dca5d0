"""Dashboard: where the work is, every count a link to the queue (or record) it stands for.

Open findings by severity, rule, facility and month; corrective actions overdue and due soon; cleaning logged
in real time; the supplier certificate timeline; documents per kind. The figures come from
review_ui/dashboard.py and are drawn as linked HTML tables by review_ui/dashboard_html.py.
"""
from __future__ import annotations

import gradio as gr

from datetime import date

from review_ui import dashboard as figures
from review_ui.dashboard_html import render
from review_ui.ports import StageMissing
from review_ui.store_cache import StoreCache, store_fingerprint


def build(ui):
    headline = gr.Markdown("Loading…", elem_id="ap-headline")
    body = gr.HTML(elem_id="ap-dashboard")
    refresh = gr.Button("Refresh dashboard", size="sm", elem_id="ap-dash-refresh")

    services = ui.services

    def compute(today: date) -> tuple[str, str]:
        try:
            timeline = services.stage("knowledge").certificate_timeline
        except StageMissing as exc:
            return f"Dashboard unavailable: {exc}", ""
        d = figures.compute(services.store, services.settings.checks.late_entry_hours, today, timeline=timeline)
        return d.headline, render(d)

    # a year's dashboard reads every record (seconds); the figures change only with the store or the day
    cache: StoreCache[date, tuple[str, str]] = StoreCache(
        compute, lambda: store_fingerprint(services.store, services.settings))

    def load(request: gr.Request):
        ui.session(request)  # signed-in users only
        return cache.get(date.today())

    outputs = [headline, body]
    refresh.click(load, None, outputs)
    return [(load, None, outputs)]
