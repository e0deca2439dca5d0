"""The regulation text beside a finding's evidence: rendered, its lists whole, its currency always stated.

A finding carries the passages of its citations as the knowledge stage stored them at check time: the
copy's Markdown, paragraphs separated by blank lines, each list item a paragraph of its own ("(1) Be
adapted…"), and a long citation cut at a fixed length with "…". Shown as one whitespace-collapsed string
the reviewer read asterisks, a list run together, and an item cut mid-word. So the text is rendered with
the Ask tab's renderer (`review_ui.markdown_text`), enumerated paragraphs become list items, a cut item is
left out with a line saying how many characters the copy holds beyond it, and every passage says what
currency the loaded copy gives it (also when it is current: a reviewer cannot tell "current" from "not
said" otherwise), under one line naming the loaded copy and its as-of date.
"""
from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from review_ui.markdown_text import markdown, markdown_inline

esc = html.escape
CUT = "…"  # how the knowledge stage marks a passage it shortened
# "(1) ", "(a) ", "(iv) ", "(A) ", also "(b)(1) " at the start of a paragraph: a list item of the regulation
_ITEM = re.compile(r"^(?:\((?:\d{1,3}|[a-z]{1,5}|[A-Z])\))+\s")


def copy_line(meta: Mapping[str, Any] | None) -> str:
    """Which regulation copy is loaded and of what date ("eCFR as of 2026-01-15"), or that none is."""
    if not meta or not meta.get("load_id"):
        return ("Regulation text not loaded: the citations carry AuditPack's own summaries "
                "(run `auditpack corpus update`).")
    when = (f"as of {meta['version_date']}" if meta.get("version_date")
            else "no single as-of date (each section states its currency)")
    return f"Loaded regulation copy: {meta.get('source') or 'unknown source'}, {when}."


def whole_items(text: str) -> tuple[list[str], bool]:
    """The passage's paragraphs, without a last one cut short (True when one was left out)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    cut = False
    while paragraphs and paragraphs[-1].endswith(CUT) and len(paragraphs) > 1:
        paragraphs.pop()
        cut = True
    return paragraphs, cut


def body_html(paragraphs: Sequence[str]) -> str:
    """Paragraphs as HTML: runs of enumerated paragraphs as one list, each item whole, the rest as text."""
    out: list[str] = []
    items: list[str] = []
    for p in paragraphs:
        if _ITEM.match(p):
            items.append(f"<li>{markdown_inline(' '.join(p.split()))}</li>")
            continue
        if items:
            out.append('<ul class="ap-reg-list">' + "".join(items) + "</ul>")
            items = []
        out.append(markdown(p))
    if items:
        out.append('<ul class="ap-reg-list">' + "".join(items) + "</ul>")
    return "".join(out)


def currency_text(currency: str | None) -> str:
    """A passage's currency as the reviewer reads it."""
    cur = (currency or "").strip()
    if not cur:
        return "currency not stated by the loaded copy"
    if cur == "absent":
        return "absent from the loaded copy"
    if cur == "not loaded":
        return "regulation text not loaded"
    return f"copy: {cur}"


def passage_html(passage: Any) -> str:
    paragraphs, cut = whole_items(passage.text)
    more = (f'<p class="ap-meta">… the rest of {esc(passage.citation)} is longer than shown here; '
            "the Ask tab shows it whole.</p>" if cut else "")
    outdated = (passage.currency or "").startswith("outdated")
    cur = currency_text(passage.currency)
    cur_html = f'<b style="color:#c25e00">{esc(cur)}</b>' if outdated else esc(cur)
    return (f'<div class="ap-reg"><b>{esc(passage.citation)}</b> <span class="ap-pos ap-reg-currency">'
            f"{cur_html}</span>{body_html(paragraphs)}{more}</div>")


def regulation_html(passages: Sequence[Any], meta: Mapping[str, Any] | None) -> str:
    """Every cited passage, under the line naming the loaded copy; "" when the finding cites nothing."""
    if not passages:
        return ""
    return (f'<p class="ap-meta ap-reg-copy">{esc(copy_line(meta))}</p>'
            + "".join(passage_html(p) for p in passages))
