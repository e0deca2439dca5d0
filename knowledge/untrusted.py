"""How document and question text is handed to a language model: as data in a fenced block, never as
instructions. One function, used by the reviewer (knowledge/reviewers.py) and the Ask composer
(knowledge/corpus/compose.py), so both fence it the same way."""
from __future__ import annotations

import html


def untrusted_block(text: str | None) -> str:
    """Every angle bracket of the text is escaped, so no spelling, case or spacing of a closing tag
    inside it can end the data block (replacing one exact tag let `</UNTRUSTED_DOCUMENT>` through)."""
    return f"<untrusted_document>\n{html.escape(text or '', quote=False)}\n</untrusted_document>"
