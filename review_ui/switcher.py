"""The operation switcher: a dropdown in the top bar for a user with more than one operation.

Choosing an operation opens its own UI (`/operations/<slug>/`, the default at `/`):
each operation's page is a separate app over that operation's services, so
switching is a navigation, never a change of state inside one page. The choice is
remembered in a cookie so `/` opens it next time; every gate still checks the
membership, so the cookie grants nothing.
"""
from __future__ import annotations

import gradio as gr

from review_ui.web_auth import OPERATION_COOKIE, OPERATIONS_PATH

# Set the cookie, then go to the chosen operation's page. `value` is the slug.
_GO_JS = (f"(slug) => {{ if (!slug) return; document.cookie = '{OPERATION_COOKIE}=' + slug + '; path=/; samesite=lax';"
          f" const target = slug === 'default' ? '/' : '{OPERATIONS_PATH}/' + slug + '/';"
          " if (window.location.pathname !== target) window.location.href = target; }")


def dropdown() -> gr.Dropdown:
    """Hidden until the page load says the user has several operations."""
    return gr.Dropdown(label="Operation", choices=[], visible=False, interactive=True, elem_id="ap-operation",
                       scale=0, min_width=220)


def wire(ui, blocks: gr.Blocks, component: gr.Dropdown) -> None:  # noqa: ANN001 - review_ui.app.ReviewUI
    def choices(request: gr.Request) -> dict:
        user = getattr(request, "username", None)
        options = ui.gate.choices(user)
        return gr.update(choices=options, value=ui.gate.slug, visible=len(options) > 1)

    blocks.load(choices, None, component)
    component.input(None, component, None, js=_GO_JS)


__all__ = ["dropdown", "wire"]
