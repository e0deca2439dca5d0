"""Regulation (and model) text as safe HTML: one Markdown renderer for the Ask tab and the Triage panel.

The eCFR copy is Markdown (``*italic*`` terms, ``\\*`` for a literal asterisk); shown raw, a reviewer reads
asterisks. Raw HTML in the text is escaped by the renderer, never run. Kept apart from the views that use
it so both import it without importing each other.
"""
from __future__ import annotations

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False})


def markdown(text: str) -> str:
    """Paragraphs of regulation or model text as safe HTML (HTML in the text is escaped, not rendered)."""
    return _MD.render(text or "")


def markdown_inline(text: str) -> str:
    """One paragraph's inline Markdown (emphasis, escapes) as safe HTML, without a wrapping <p>."""
    return _MD.renderInline(text or "")
