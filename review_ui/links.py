"""Addresses for what a person has open: a tab, a finding, a record (`?tab=triage&finding=<id>`).

A reviewer pastes a finding's link into an email; the colleague signs in and lands on that finding.
The address is read on page load from the request's query parameters (`gr.Request.query_params`,
which carry the page's own query string), and written into the browser's address bar after an item
opens (`PUSH_JS`: history.pushState, so the back button returns to the previous item; a popstate
reloads the page, which reopens what that address names). A list's filters are part of its address too
(`?tab=triage&status=all&rule=INV-NO-LOT`, `?tab=records&kind=cleaning_event&date=June+19`): when a person
changes one, the tab writes the view's address into a small "Link to this view" link (`view_link_html`) and
`view_push_js` puts it in the address bar, so a reload or a pasted address shows the same filtered list.
"""
from __future__ import annotations

import html
import json
from collections.abc import Mapping
from urllib.parse import urlencode

import gradio as gr

TABS = ("dashboard", "upload", "documents", "records", "triage", "ask", "generate")
PERMALINK_CLASS = "ap-permalink"
VIEW_LINK_CLASS = "ap-viewlink"  # a filtered list's address (not an item's: PUSH_JS and the tab clicks skip it)

PUSH_JS = """() => { setTimeout(() => {
  if (!window.__apPopstate) { window.__apPopstate = true; window.addEventListener('popstate', () => location.reload()); }
  const tab = document.querySelector('#ap-tabs [role=tab][aria-selected=true]');
  const links = Array.from(document.querySelectorAll('a.ap-permalink'));
  const a = links.find(l => l.offsetParent !== null) || null;
  if (!a) return;
  const href = a.getAttribute('href');
  if (href && href !== location.search) history.pushState(null, '', href);
}, 250); return []; }"""
"""After an item opens: put the visible permalink's address in the address bar (a new history entry)."""


def view_push_js(elem_id: str) -> str:
    """After a filter changed: put the address of the view link inside `#elem_id` in the address bar (a new
    history entry, so Back returns to the previous filters; the popstate reload of `PUSH_JS` reopens them)."""
    return ("() => { setTimeout(() => {"
            "  if (!window.__apPopstate) { window.__apPopstate = true;"
            "    window.addEventListener('popstate', () => location.reload()); }"
            f"  const a = document.querySelector('#{elem_id} a.{VIEW_LINK_CLASS}');"
            "  const href = a ? a.getAttribute('href') : null;"
            "  if (href && href !== location.search) history.pushState(null, '', href);"
            "}, 150); return []; }")


def tab_click_js(tabs: list[tuple[str, str]]) -> str:
    """Page load: when the person clicks a tab, the address becomes that tab's open item's link (if it
    shows one) or `?tab=<id>`. A click listener, not the tabs' select event: a tab selected by a link on
    page load must not rewrite the address it was opened from."""
    mapping = json.dumps({label: tab for label, tab in tabs})
    return ("() => { const tabs = %s; if (window.__apTabClicks) return []; window.__apTabClicks = true;"
            " document.addEventListener('click', (e) => {"
            "  const b = e.target.closest && e.target.closest('#ap-tabs [role=tab]'); if (!b) return;"
            "  const id = tabs[b.innerText.trim()]; if (!id) return;"
            "  setTimeout(() => { const p = document.querySelector("
            "'#ap-tab-' + id + ' a.ap-permalink, #ap-tab-' + id + ' #ap-doc-link');"
            "   const href = p ? p.getAttribute('href') : '?tab=' + id;"
            "   if (href !== location.search) history.pushState(null, '', href); }, 200); }, true);"
            " return []; }" % mapping)


def params(request) -> dict[str, str]:
    """The page's query parameters as a plain dict ('' when there is no request)."""
    raw = getattr(request, "query_params", None) if request is not None else None
    return {str(k): str(v) for k, v in dict(raw or {}).items()}


def href(tab: str, **items: str | None) -> str:
    """`?tab=<tab>&...` with the empty items left out."""
    return "?" + urlencode({"tab": tab, **{k: v for k, v in items.items() if v not in (None, "")}})


def finding_href(finding_id: str, filters: Mapping[str, str] | None = None) -> str:
    return href("triage", finding=finding_id, **dict(filters or {}))


def record_href(record_id: str) -> str:
    return href("records", record=record_id)


def base_url(request) -> str:
    """scheme://host of the page the request came from (for a link that can be pasted into an email)."""
    headers = getattr(request, "headers", None) or {}
    host = headers.get("x-forwarded-host") or headers.get("host") or ""
    scheme = headers.get("x-forwarded-proto") or "http"
    return f"{scheme}://{host}/" if host else ""


def link_html(address: str, request=None, what: str = "this") -> str:
    """The permalink shown beside an open item: a link, and the full address in a box to copy."""
    full = base_url(request) + address if request is not None else address
    a = html.escape(address, quote=True)
    return (f'<div class="ap-linkline" style="font-size:0.85em;color:#555;margin:2px 0">'
            f'<a class="{PERMALINK_CLASS}" href="{a}">🔗 Link to {html.escape(what)}</a> '
            f'<input readonly aria-label="address of {html.escape(what)}" value="{html.escape(full, quote=True)}" '
            f'onfocus="this.select()" style="width:60%;font-size:0.95em;border:1px solid #ccc;padding:1px 4px"></div>')


def view_link_html(address: str, what: str = "this view") -> str:
    """The address of a filtered list (and the item open beside it), as a small link to copy."""
    return (f'<a class="{VIEW_LINK_CLASS}" href="{html.escape(address, quote=True)}" '
            f'style="font-size:0.85em">🔗 Link to {html.escape(what)}</a>')


def selected_tab(query: Mapping[str, str]) -> str | None:
    """The tab the address names, if it is one of ours."""
    tab = (query.get("tab") or "").strip()
    return tab if tab in TABS else None


def restore_tab(request: gr.Request) -> object:
    """Page load: select the tab the address names (`?tab=generate`); a finding, record or document link
    is opened by its own tab's page-load handler, which selects its tab too."""
    tab = selected_tab(params(request))
    return gr.Tabs(selected=tab) if tab else gr.update()
