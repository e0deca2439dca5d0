"""Dashboard: open findings by severity and rule, cleaning logged in real time, certificates, documents."""
from __future__ import annotations

import gradio as gr

from review_ui import dashboard as figures

SEVERITY_COLORS = {"critical": "#b00020", "major": "#c25e00", "minor": "#51607a"}
CERT_COLORS = {"current": "#2e7d32", f"expiring ≤{figures.EXPIRING_DAYS} days": "#c25e00", "expired": "#b00020",
               "unknown": "#888888"}


def _bars(frame, count: str, horizontal: bool = False, **extra):
    """A plot update. Counts start at zero with some headroom (Vega would zoom in on equal bars);
    an empty frame clears the plot instead (an empty update leaves Vega's axes broken for later data)."""
    if frame.empty:
        return gr.update(value=None)
    if not horizontal:
        extra["y_lim"] = [0, max(1.0, float(frame[count].max()) * 1.1)]
    return gr.update(value=frame.astype({count: int}), **extra)


def build(ui):
    headline = gr.Markdown("Loading…", elem_id="ap-headline")
    with gr.Row():
        sev = gr.BarPlot(x="severity", y="open", title="Open findings by severity", height=260, color="severity",
                         color_map=SEVERITY_COLORS, sort=None)
        certs = gr.BarPlot(x="status", y="suppliers", title="Supplier certificates", height=260, color="status",
                           color_map=CERT_COLORS, sort=None)
        docs = gr.BarPlot(x="kind", y="documents", title="Documents ingested per kind", height=260)
    with gr.Row():
        rules = gr.BarPlot(x="open", y="rule", title="Open findings by rule (most first)", height=300, scale=3)
        with gr.Column(scale=2):
            cleaning = gr.Dataframe(label="Cleaning entries logged in real time, by facility", interactive=False,
                                    max_height=220)
            cert_table = gr.Dataframe(label="Supplier certificate status", interactive=False, max_height=260)
    refresh = gr.Button("Refresh dashboard", size="sm", elem_id="ap-dash-refresh")

    def load(request: gr.Request):
        ui.session(request)  # signed-in users only
        d = figures.compute(ui.services.store, ui.services.settings.checks.late_entry_hours)
        return (d.headline, _bars(d.by_severity, "open"), _bars(d.cert_counts, "suppliers"),
                _bars(d.documents, "documents"),
                _bars(d.by_rule, "open", horizontal=True, height=90 + 26 * max(1, len(d.by_rule))),
                d.cleaning, d.certificates)

    outputs = [headline, sev, certs, docs, rules, cleaning, cert_table]
    refresh.click(load, None, outputs)
    return [(load, None, outputs)]
