"""What a role sees: a control it cannot use is not shown, and one line says which role it needs.

A greyed-out button still asks to be tried and a text box that cannot be saved invites typing that is lost,
so the review UI hides them instead (issue 15, "roles made visible"). `ReviewUI.guard` registers a control
(or a group of them) with the action it needs; on page load `visibility` hides those the signed-in role may
not use and leaves the others as their tab left them (a tab may show some later, e.g. "Apply to the other
documents" after "Remember this layout"). A tab puts `role_note` where its hidden controls were. Hiding is
courtesy, not security: every handler that changes something still checks the role.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gradio as gr

from review_ui.auth import Session, needs_role
from review_ui.presenters import esc


def visibility(session: Session, guarded: Sequence[tuple[Any, str]]) -> list[dict]:
    """One update per (control, action): hidden when the role may not `action`, else left as it is."""
    return [gr.update() if session.can(action) else gr.update(visible=False) for _, action in guarded]


def note_html(session: Session, action: str) -> str:
    """The line a role that may not `action` reads where its controls would be; empty for a role that may."""
    if session.can(action):
        return ""
    return f'<div class="ap-warn ap-needs-role">{esc(needs_role(action, session.role))}</div>'


def role_note(ui, action: str, elem_id: str):  # noqa: ANN001, ANN201 - ReviewUI, gr.HTML
    """A line, filled on page load, shown only to a role that may not `action`."""
    note = gr.HTML(visible=False, elem_id=elem_id)

    def fill_role_note(request: gr.Request):
        html = note_html(ui.session(request), action)
        return gr.update(value=html, visible=bool(html))

    gr.on(None, fill_role_note, None, note, show_progress="hidden")  # no trigger: runs when the page loads
    return note
