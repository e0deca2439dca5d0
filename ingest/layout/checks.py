"""Check boxes: which of a line's options are ticked.

Forms print options as boxes (☐ ☒), bracket pairs ("[x]", "( )") or tick
glyphs; a filled-in form often has a lone "X" in a cell. Option text is
returned as written: mapping an option such as "Red" to a value is the resolver's
job, so nothing here knows any option word.
"""
from __future__ import annotations

import re

from ingest.layout.candidates import CheckLine, CheckOption, Where

_TICKED = "☒☑✓✔✗✘⊠⊗▣"  # not ■ or ○: those are list bullets far more often than boxes
_EMPTY = "☐□▢"
# a box glyph, or a bracket pair holding nothing or a tick: "[ ]", "[x]", "(X)", "[✓]"
MARK = re.compile(rf"[{_TICKED}{_EMPTY}]|\[\s*[xX{_TICKED}]?\s*\]|\(\s*[xX{_TICKED}]?\s*\)")
_LABEL_END = re.compile(r"^(.*[:：?])\s*(.*)$")


def checkbox_value(text: str) -> bool | None:
    """True for a ticked mark (☒ ☑ ✓ ✔ ✗ [x] (x) or a lone "X"), False for an empty box
    (☐ [ ] ( )), None when the text is not a check mark at all."""
    t = text.strip()
    if not t:
        return None
    if t in ("x", "X"):
        return True
    if not MARK.fullmatch(t):
        return None
    return any(ch in t for ch in _TICKED + "xX")


def _mark_state(mark: str) -> bool:
    return bool(checkbox_value(mark))


def read_options(text: str) -> tuple[str, list[CheckOption]]:
    """The label before the boxes and every option with its state.

    "Scope: ☒ A ☐ B" and "[x] a [ ] b" put the box before its option; "A ☒  B ☐" puts it
    after. Marks after options are recognised when the text ends with a mark, unless a mark follows the
    label's colon directly ("Scope: ☐ A ☒", the last option's words wrapped onto the next line)."""
    marks = list(MARK.finditer(text))
    if not marks:
        return "", []
    options: list[CheckOption] = []
    tail = text[marks[-1].end():].strip()
    head = text[: marks[0].start()].strip()
    led = _LABEL_END.match(head)
    # "Scope: ☐ A ☐ B ☒" with the last option wrapped onto the next line: a box right after the label's colon
    # has no option before it, so the boxes stand before their options here too (the reader joins the last)
    wrapped = len(marks) >= 2 and led is not None and not led.group(2).strip()
    if tail or not head or wrapped:  # box before its option
        label = head
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            options.append(CheckOption(text[m.end(): end].strip(" ,;|/"), _mark_state(m.group())))
        return label, options
    # box after its option: the first option is whatever follows the label's colon or question mark
    m = _LABEL_END.match(head)
    label, first = (m.group(1).strip(), m.group(2).strip()) if m else ("", head)
    start_texts = [first] + [text[marks[k].end(): marks[k + 1].start()].strip(" ,;|/") for k in range(len(marks) - 1)]
    for opt, mk in zip(start_texts, marks, strict=True):
        options.append(CheckOption(opt, _mark_state(mk.group())))
    return label, options


def checked_options(line: str) -> list[str]:
    """The option texts on `line` whose box is ticked, as written ("☒ A ☐ B ☒ C" -> ["A", "C"])."""
    return [o.text for o in read_options(line)[1] if o.checked]


def check_line(text: str, where: Where) -> CheckLine | None:
    """A `CheckLine` when `text` holds at least one box (a lone "X" cell is a value, not a line)."""
    label, options = read_options(text)
    if not options:
        return None
    return CheckLine(label.rstrip(":： ").strip(), options, where)
