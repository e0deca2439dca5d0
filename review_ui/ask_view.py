"""What the Ask tab shows for an `Answer` (knowledge/corpus/answer_models.py), as HTML; no Gradio here.

Regulation text is the eCFR copy's Markdown (``*italic*`` terms, ``\\*`` for a literal asterisk), so it
is rendered, not shown raw; raw HTML in it (or in a model's answer) is escaped by the renderer, never
run. The order is what a reader needs first: warnings about the loaded copy, the composed answer when a
model is configured, then each section with its heading, citation, currency and a plain relevance label.
"""
from __future__ import annotations

from typing import Any

from review_ui.markdown_text import markdown
from review_ui.presenters import esc

_LABEL_COLOR = {"strong match": "#2e7d32", "related": "#5b6bd6", "weak": "#777"}
_BOX = "border-left:3px solid #8aa;padding:4px 10px;margin:8px 0"


def _badge(label: str) -> str:
    return (f'<span class="ap-badge ap-relevance" style="background:{_LABEL_COLOR.get(label, "#777")};'
            f'color:#fff;padding:1px 6px;border-radius:8px;font-size:0.85em">{esc(label)}</span>')


def _copy_line(answer: Any) -> str:
    when = f"as of {answer.version_date}" if answer.version_date else "per-section currency (no single as-of date)"
    return f'<p class="ap-meta">Loaded regulation copy: {esc(answer.source or "unknown source")}, {esc(when)}.</p>'


def _composed(answer: Any) -> str:
    c = answer.composed
    if c is None:
        return ""
    if not c.sentences:
        return (f'<div class="ap-warn">No composed answer from {esc(c.model)}: {esc(c.error or "nothing kept")}. '
                "The regulation passages below answer on their own.</div>")
    dropped = (f" {c.dropped} sentence{'s' if c.dropped != 1 else ''} without a citation to a passage shown "
               "were left out." if c.dropped else "")
    body = "".join(f"<li>{markdown(s.text)}</li>" for s in c.sentences)
    return (f'<div class="ap-suggest ap-composed"><b>Answer composed by {esc(c.model)}</b> from the passages '
            f"below only; every sentence cites one of them.{esc(dropped)}<ul>{body}</ul></div>")


def _section(group: Any) -> str:
    state = (f' · <b style="color:#c25e00">outdated in this copy</b>' if group.state == "outdated" else "")
    head = (f'<div class="ap-ask-head">{_badge(group.relevance)} <b>{esc(group.citation)}</b> '
            f'{esc(group.heading)}<br><span class="ap-pos">copy: {esc(group.currency)}{state}</span></div>')
    parts = []
    for p in group.passages:
        more = (f'<p class="ap-meta">… {p.more_items} more item{"s" if p.more_items != 1 else ""} of this list in '
                f'{esc(p.citation)}.</p>' if p.more_items else "")
        parts.append(f'<div class="ap-ask-passage"><div class="ap-pos">{esc(p.citation)} · {_badge(p.relevance)}'
                     f'</div>{markdown(p.text)}{more}</div>')
    return f'<div class="ap-ask-section" style="{_BOX}">{head}{"".join(parts)}</div>'


def answer_html(answer: Any) -> str:
    if not answer.sections:
        return "<p>No passages found.</p>" + _copy_line(answer)
    warnings = "".join(f'<div class="ap-warn ap-ask-warning">{esc(w)}</div>' for w in answer.warnings)
    return (warnings + _composed(answer) + _copy_line(answer)
            + "".join(_section(g) for g in answer.sections))
