"""Dashboard: open findings by severity and rule, cleaning logged in real time, certificates, documents."""
from __future__ import annotations

import gradio as gr

from review_ui import dashboard as figures


def build(ui):
    headline = gr.Markdown("Loading…", elem_id="ap-headline")
    with gr.Row():
        sev = gr.BarPlot(x="severity", y="open", title="Open findings by severity", height=260, y_lim=[0, None],
                         color="severity", color_map={"critical": "#b00020", "major": "#c25e00", "minor": "#51607a"},
                         sort=None)
        certs = gr.BarPlot(x="status", y="suppliers", title="Supplier certificates", height=260, y_lim=[0, None],
                           color="status",
                           color_map={"current": "#2e7d32", "expiring ≤60 days": "#c25e00", "expired": "#b00020",
                                      "unknown": "#888888"}, sort=None)
        docs = gr.BarPlot(x="kind", y="documents", title="Documents ingested per kind", height=260,
                          y_lim=[0, None], sort="-y")
    with gr.Row():
        rules = gr.BarPlot(x="rule", y="open", title="Open findings by rule", height=300, y_lim=[0, None], sort="-y",
                           x_label_angle=-35, scale=3)
        with gr.Column(scale=2):
            cleaning = gr.Dataframe(label="Cleaning entries logged in real time, by facility", interactive=False,
                                    max_height=220)
            cert_table = gr.Dataframe(label="Supplier certificate status", interactive=False, max_height=260)
    refresh = gr.Button("Refresh dashboard", size="sm", elem_id="ap-dash-refresh")

    def load(request: gr.Request):
        ui.session(request)  # signed-in users only
        d = figures.compute(ui.services.store, ui.services.settings.checks.late_entry_hours)
        return d.headline, d.by_severity, d.cert_counts, d.documents, d.by_rule, d.cleaning, d.certificates

    outputs = [headline, sev, certs, docs, rules, cleaning, cert_table]
    refresh.click(load, None, outputs)

    return [(load, None, outputs)]
