"""What a piece of text looks like, without knowing what it means.

Everything the layout reader decides (is this row a header, is this cell a
label, do these parts of a cell look alike) rests on the shape of text: a
number with an optional unit, a code with digits, or words. No vocabulary is
involved, so the same rules read any language and any document kind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.layout.checks import checkbox_value

PartKind = Literal["number", "code", "text"]

_PLACEHOLDER = {"", "-", "--", "---", "—", "–", "/", "."}
_CURRENCY = "$€£¥₹"
# 1,234.50  1.234,50  1 234  12,5  -3  .5 ; an optional currency sign either side
_NUMBER = re.compile(rf"^[{_CURRENCY}]?\s*[-+−]?\s*[{_CURRENCY}]?\s*"
                     rf"(\d{{1,3}}(?:[ ,.\u00a0\u202f]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)"
                     rf"\s*[{_CURRENCY}]?$")
_UNIT = re.compile(r"^(?:[A-Za-zµ°]{1,4}(?:/[A-Za-zµ°]{1,4})?|%|‰)$")
_TOKEN = re.compile(r"[^\s()\[\]{}]+")


def is_empty(text: str) -> bool:
    """Blank, or a placeholder dash that stands for "nothing here"."""
    return text.strip() in _PLACEHOLDER


_DIGIT = re.compile(r"\d")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_WITH_UNIT = re.compile(r"^(.*?\d)\s*([A-Za-zµ°%‰/]{1,9})$")
_UNIT_AFTER = re.compile(r"^.*?\d\s*([^\d\s.,]+)$")


def has_digits(text: str) -> bool:
    return _DIGIT.search(text) is not None


def to_number(text: str) -> float | None:
    """A cell's number as a float ("1,234.50", "1.234,50 €", "-3", "12 kg"), None when the text is
    not one number (codes, day strings like 03/04/2026 and words are not numbers)."""
    t = text.strip()
    if _PLAIN.fullmatch(t):  # the common case, a plain sheet number
        return float(t)
    if not t or not has_digits(t):
        return None
    m = _WITH_UNIT.match(t)
    if m and _UNIT.match(m.group(2)):
        t = m.group(1)
    if not _NUMBER.match(t):
        return None
    core = re.sub(rf"[\s{_CURRENCY}\u00a0\u202f+]", "", t).replace("−", "-")
    last_dot, last_comma = core.rfind("."), core.rfind(",")
    if last_dot >= 0 and last_comma >= 0:  # the later mark is the decimal one
        dec = "." if last_dot > last_comma else ","
        core = core.replace("," if dec == "." else ".", "").replace(",", ".")
    elif last_comma >= 0:
        # "1,234" groups thousands; "12,5" is a decimal comma
        parts = core.split(",")
        core = core.replace(",", "") if len(parts[-1]) == 3 and parts[0].lstrip("-") not in ("", "0") else \
            core.replace(",", ".")
    elif core.count(".") > 1:
        core = core.replace(".", "")
    try:
        return float(core)
    except ValueError:
        return None


def is_label(text: str) -> bool:
    """Short text made of words, as labels and column headers are: letters, at most one digit
    ("Line 2"), no sentence, no check mark."""
    t = text.strip().rstrip(":：").strip()
    if not t or len(t) > 60 or checkbox_value(t) is not None or _pair_colon(t, text):
        return False  # "Name: Acme" is a pair, not a label
    letters = sum(ch.isalpha() for ch in t)
    digits = sum(ch.isdigit() for ch in t)
    if letters < 2 or digits > 1 or len(t.split()) > 8:
        return False
    words = t.split()
    # "Nr." and "Reference." are labels, "Kept in the office." is a sentence
    return not (t.endswith(".") and len(words) >= 3 and len(words[-1]) > 4)


def _pair_colon(label: str, text: str) -> bool:
    """Does a colon inside `label` part a label from its value ("Name: Acme")? Not one between two letters
    of a text that ends in its own colon ("Start hh:mm:"): that colon belongs to a word of the label."""
    own_colon = text.strip().endswith((":", "："))
    for m in re.finditer(r"[:：](?=\s*\S)", label):
        before, after = label[m.start() - 1: m.start()], label[m.end(): m.end() + 1]
        if not (own_colon and before.isalpha() and after.isalpha()) and not _in_mask(label, m.start()):
            return True
    return False


_MASK = re.compile(r"(?<![^\W\d_])([^\W\d_])\1(?:[:：]([^\W\d_])\2)+(?![^\W\d_])")


def _in_mask(label: str, at: int) -> bool:
    """Is the colon at `at` part of a format mask ("hh:mm", "HH:MM:SS", "uu:mm"): doubled letters on
    both sides, no space? Such a column name says how its times are written; it parts nothing."""
    return any(m.start() < at < m.end() for m in _MASK.finditer(label))


def is_sentence(text: str) -> bool:
    """Prose: six words or more ending in a full stop ("The operation named above complies with
    7 CFR Part 205."). A note under a form, not the value of the label above it."""
    t = text.strip()
    return t.endswith((".", "!", "。")) and len(t.split()) >= 6 and not is_label(t)


@dataclass(frozen=True, slots=True)
class Part:
    """One value token of a cell: its kind, its text and, for numbers, the value and unit."""

    kind: PartKind
    text: str
    number: float | None = None
    unit: str | None = None


def _unit_like(token: str) -> bool:
    return bool(_UNIT.match(token)) and (token.islower() or token.isupper() or not token.isalpha())


def parts_of(text: str) -> list[Part]:
    """Split one value into shaped tokens: "BOX A-12 (20 kg)" -> text "BOX", code "A-12",
    number 20 with unit "kg". Brackets only separate; commas inside numbers stay."""
    tokens = [t.strip(",;:") for t in _TOKEN.findall(text)]
    tokens = [t for t in tokens if t]
    out: list[Part] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        value = to_number(tok)
        if value is not None:
            unit = None
            m = _UNIT_AFTER.match(tok)
            if m and _UNIT.match(m.group(1)):
                unit = m.group(1)
            elif i + 1 < len(tokens) and _unit_like(tokens[i + 1]):
                unit = tokens[i + 1]
                tok = f"{tok} {unit}"
                i += 1
            out.append(Part("number", tok, value, unit))
        elif has_digits(tok):
            out.append(Part("code", tok))
        elif out and out[-1].kind == "text":  # words run together into one text part
            out[-1] = Part("text", f"{out[-1].text} {tok}")
        else:
            out.append(Part("text", tok))
        i += 1
    return out


def signature(text: str) -> tuple[PartKind, ...]:
    """The sequence of part kinds: two values "look alike" when their signatures are equal."""
    return tuple(p.kind for p in parts_of(text))
