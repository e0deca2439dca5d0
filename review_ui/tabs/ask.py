"""Ask: a question over the regulation index, answered with the regulation's text grouped by section.

The handler only calls `knowledge.answer` and renders its result (review_ui/ask_view.py): warnings about
the loaded copy first, a model's cited answer when `[llm] kind = "langchain"`, then the passages.
"""
from __future__ import annotations

import gradio as gr

from review_ui.ask_view import answer_html
from review_ui.presenters import esc
from review_ui.ports import StageMissing

SECTIONS = 5


def build(ui):
    gr.Markdown("Ask about 7 CFR Part 205; the answer is the regulation's own text grouped by section, with "
                "citations, the loaded copy's currency, and how well each passage matches.")
    with gr.Row():
        question = gr.Textbox(label="Question", placeholder="e.g. How long must records be kept?", scale=5,
                              elem_id="ap-question")
        go = gr.Button("Ask", variant="primary", scale=1, elem_id="ap-ask")
    answer = gr.HTML(elem_id="ap-answer")

    def run(q: str, request: gr.Request) -> str:
        ui.session(request)
        if not (q or "").strip():
            return "<p>Type a question first.</p>"
        try:
            knowledge = ui.services.stage("knowledge")
            return answer_html(knowledge.answer(ui.services.workspace, ui.services.store, q.strip(), k=SECTIONS))
        except StageMissing as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>'
        except Exception as exc:  # noqa: BLE001 - an index problem is shown, not a dead tab
            return f'<div class="ap-warn">The regulation index could not answer: {esc(str(exc))}</div>'

    go.click(run, [question], [answer])
    question.submit(run, [question], [answer])
