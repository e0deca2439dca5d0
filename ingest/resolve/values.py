"""Read a value as the type its field declares, or refuse it.

A value that does not read as its type is no candidate for the field: a date column must parse as
dates, a total as a money amount, an identifier must hold a digit. Day/month order and the decimal
separator are decided once per document from its own unambiguous dates and numbers (`DocFormat`).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditpack.declarations import FieldDeclaration, normalise_label
from auditpack.units import UnitError, normalize_unit
from ingest.layout import checkbox_value, checked_options, parts_of, split_composite, to_number
from ingest.layout.checks import MARK
from auditpack.declarations.language import language
from ingest.normalize import clean_unit, date_patterns, dayfirst_for, find_date_text, parse_bool, parse_datetime
from ingest.resolve.labels import fold

_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:[. \u202f]\d{3})*,\d{1,2}(?![\d,])")
_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d{1,3}(?:[, \u202f]\d{3})*\.\d{1,2}(?![\d.])")
_TIME = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)(?:\s*([AaPp])\.?[Mm]\.?)?\b")
_AMOUNT_WORDS = re.compile(r"^[\s$€£R¥A-Z]{0,4}-?\d[\d.,' \u202f]*\s*[A-Z$€£]{0,3}\s*$")


@dataclass(frozen=True)
class DocFormat:
    """How this document writes dates and numbers."""

    dayfirst: bool
    decimal_comma: bool

    @classmethod
    def of(cls, text: str) -> DocFormat:
        sample = text[:200_000]
        commas, points = len(_DECIMAL_COMMA.findall(sample)), len(_DECIMAL_POINT.findall(sample))
        return cls(dayfirst=dayfirst_for(sample), decimal_comma=commas > points)

    def number(self, s: str | None) -> float | None:
        """The first number of `s`. A number that shows its own decimal mark ("1 234,56", "1,234.56",
        "3,5") is read so; only an ambiguous one ("1,234", "1.234") follows the document's habit."""
        if s is None:
            return None
        m = _NUMBER.search(s.replace("\u00a0", " "))
        if not m:
            return None
        return _as_number(m.group(0).strip(), self.decimal_comma)

    def money(self, s: str | None) -> float | None:
        """The amount of a money text: the last number that is not part of a date or a percentage."""
        if not s or not any(ch.isdigit() for ch in s):
            return None
        text = s.replace("\u00a0", " ")
        for pat in date_patterns():
            text = pat.sub(" ", text)
        text = re.sub(r"\d+(?:[.,]\d+)?\s*%", " ", text)
        found = [m.group(0).strip() for m in _NUMBER.finditer(text)]
        return _as_number(found[-1], self.decimal_comma) if found else None


_NUMBER = re.compile(r"-?\d{1,3}(?:(?:[ \u202f'.,])\d{3})+(?:[.,]\d+)?(?!\d)|-?\d+(?:[.,]\d+)?(?!\d)")


def _as_number(tok: str, decimal_comma: bool) -> float | None:
    tok = tok.replace(" ", "").replace("\u202f", "").replace("'", "")
    if "," in tok and "." in tok:
        dec = "," if tok.rfind(",") > tok.rfind(".") else "."
    elif "," in tok or "." in tok:
        mark = "," if "," in tok else "."
        head, last = tok.rsplit(mark, 1)
        if tok.count(mark) > 1:
            dec = ""  # 1,234,567
        elif len(last) != 3 or head.lstrip("-") in ("0", ""):
            dec = mark  # 3,5 / 21.65 / 0,750: only a decimal mark reads so
        else:  # 1,234 or 1.234: the document's habit decides
            dec = mark if (mark == ",") == decimal_comma else ""
    else:
        dec = ""
    thousands = {",": ".", ".": ",", "": ",."}[dec]
    for t in thousands:
        tok = tok.replace(t, "")
    if dec == ",":
        tok = tok.replace(",", ".")
    try:
        return float(tok)
    except ValueError:
        return None


Reader = Callable[[str, FieldDeclaration, DocFormat], Any]


def _text(s: str, f: FieldDeclaration, fmt: DocFormat) -> str | None:
    s = s.strip().strip("|:").strip()
    if not s or not any(ch.isalnum() for ch in s) or len(s) > 300:
        return None
    return s


_MEASURED = re.compile(r"\d\s*(?:%|[a-zA-Z]{1,3}\b)")


def _name(s: str, f: FieldDeclaration, fmt: DocFormat) -> str | None:
    """A name is words: not a code ("FG25152-4"), an amount, a measured thing ("Quat 200 ppm") or a date."""
    s = _text(s, f, fmt) or ""
    letters, digits = sum(ch.isalpha() for ch in s), sum(ch.isdigit() for ch in s)
    if letters < 2 or letters < digits or len(s) > 150 or _AMOUNT_WORDS.match(s) or _only_date(s):
        return None
    if _MEASURED.search(s) and any(p.kind == "number" and p.unit for p in parts_of(s)):
        return None
    if _postal(s):
        return None  # "88 County Road 12, Salina, KS 67401" is where a business is, not its name
    return s


def _postal(s: str) -> bool:
    """A street address: a comma, a group of four digits or more (a postcode) and another group of digits."""
    groups = re.findall(r"\d+", s)
    return "," in s and len(groups) >= 2 and any(len(g) >= 4 for g in groups)


ADDRESS_SHAPE = 0.6  # as much as a label that half names the field: the value's shape says the rest
_POSTCODE = re.compile(r"(?<![\d.,/-])(?!(?:19|20)\d\d\b)\d{4,5}(?:-\d{3})?(?!\d|[.,/]\d)")  # a year is none
_PLACE = re.compile(r"[^\W\d_]{3,}")


def street_address(s: str) -> bool:
    """A street and then its town: a comma, then a postcode of four or five digits among place names
    ("Route de Lille, 59300 Valenciennes", "Havenweg 18, 4382 NG Vlissingen", "Oxnard, CA 93035").
    A date, an amount, a year or a measure never reads so: the postcode stands among words, not units."""
    head, _, tail = s.partition(",")
    if len(head.split()) < 2 or len(s) > 120 or _only_date(s) or _MEASURED.search(_POSTCODE.sub(" ", s)):
        return False
    return bool(_POSTCODE.search(tail) and _PLACE.search(_POSTCODE.sub(" ", tail)))


def shape_evidence(s: str, f: FieldDeclaration, shaped: int) -> float:
    """How much a value's shape alone names `f`, for labels no declaration knows ("Headquarters",
    "Implantation": where a business is): a street address names the kind's address field, when the kind
    has only that one (`shaped` address fields), for there is then no asking which address it is."""
    return ADDRESS_SHAPE if f.type == "address" and shaped == 1 and street_address(s) else 0.0


def _only_date(s: str) -> bool:
    m = find_date_text(s)
    return bool(m) and len(m.group(0)) >= len(s.strip()) - 2


_MEASURE_AFTER = re.compile(r"\s*(?:\(\s*-?[\d.,]+\s*[^\W\d_]{0,5}\.?\s*\)|[-–,]\s*-?[\d.,]+\s*[^\W\d_]{1,5}\.?)\s*$")


def _identifier(s: str, f: FieldDeclaration, fmt: DocFormat) -> str | None:
    """A code with a digit; a quantity written after it ("AQ-258352 (210 kg)") is not part of it."""
    s = _MEASURE_AFTER.sub("", s.strip()).strip("|:#").strip()
    parts = parts_of(s)
    if len(parts) == 1 and parts[0].kind == "number" and parts[0].unit and " " in s and _unit(parts[0].unit, f, fmt):
        return None  # "82.5 kg" is an amount, not a code (but "24077Z" is a code)
    if not s or len(s) > 60 or not any(ch.isdigit() for ch in s) or _only_date(s):
        return None
    first = s.split()[0] if len(s.split()) > 3 else s  # "A-1023 (reprint)" keeps the code
    return first.strip(",;")


def _date(s: str, f: FieldDeclaration, fmt: DocFormat) -> dt.date | None:
    m = find_date_text(s)
    value = parse_datetime(m.group(0), fmt.dayfirst) if m else None
    return value.date() if value else None


def _datetime(s: str, f: FieldDeclaration, fmt: DocFormat) -> dt.datetime | None:
    m = find_date_text(s)
    if not m:
        return None
    value = parse_datetime(m.group(0), fmt.dayfirst)
    if value is None:
        return None
    if value.hour == 0 and value.minute == 0:  # a time written apart from the date ("06/19/2026  14:30")
        rest = s[:m.start()] + " " + s[m.end():]
        t = _TIME.search(rest)
        if t:
            return value.replace(hour=_hour(t), minute=int(t.group(2)))
    half = _HALF_DAY.match(s, m.end())
    if half and 1 <= value.hour <= 12:  # "2026-01-06 1:10 PM": the date's pattern took the clock, not its half
        return value.replace(hour=value.hour % 12 + (12 if half.group(1).lower() == "p" else 0))
    return value


_HALF_DAY = re.compile(r"\s*([ap])\.?\s?m\b\.?", re.I)


def _hour(t: re.Match) -> int:
    hour = int(t.group(1))
    if t.group(3):
        hour = hour % 12 + (12 if t.group(3).lower() == "p" else 0)
    return hour


_HEADER_UNIT = re.compile(r"[(\[]\s*(?:in\s+)?([^\W\d_][^\W\d]{0,7}\.?|[%‰])\s*[)\]]"
                          r"|\bin\s+([^\W\d_]{1,6})\s*$", re.I)


def header_unit(header: str) -> str | None:
    """The unit a column header states for its numbers: "Weighed (kg)", "Qty [lb]", "Amount in L", "Share (%)"."""
    m = _HEADER_UNIT.search(header or "")
    unit = (m.group(1) or m.group(2)) if m else None
    if not unit or len(unit.rstrip(".")) > 6 or _unit(unit, None, None) is None:
        return None  # "Lot (qty) used": a bracketed word that is no unit of measure or packaging
    return clean_unit(unit)


_BARE_MEASURE = re.compile(r"\s*(-?\d[\d.,' \u202f]*?)\s*([^\W\d_][\w.]{0,5}|%)\s*")


def bare_measure(s: str, fmt: DocFormat) -> bool:
    """A cell that is a number and a unit of measure or packaging and nothing else ("200 kg", "3 bags", "12,5 %")."""
    m = _BARE_MEASURE.fullmatch(s or "")
    return bool(m) and fmt.number(m.group(1).strip()) is not None and _unit(m.group(2), None, None) is not None


def time_of(s: str) -> tuple[int, int] | None:
    t = _TIME.search(s or "")
    return (_hour(t), int(t.group(2))) if t else None


def _money(s: str, f: FieldDeclaration, fmt: DocFormat) -> float | None:
    return fmt.money(s)


def _number(s: str, f: FieldDeclaration, fmt: DocFormat) -> float | None:
    if not re.search(r"\d", s or "") or _only_date(s):
        return None
    return fmt.number(s)


def _quantity(s: str, f: FieldDeclaration, fmt: DocFormat) -> tuple[float, str | None] | None:
    """A number and its unit; in a cell that also holds a code ("AQ-258352 (210 kg)") the number with a unit.
    A number written on the letters before it ("B25226-4"), or going on after a dash or slash with more digits
    ("24044-1", "26123/2"), is a code, whatever follows it."""
    if not s or _only_date(s):
        return None
    measured = _MEASURE_AFTER.search(s.strip())
    before = s.strip()[:measured.start()].strip() if measured else ""
    if measured and before and (any(ch.isalpha() for ch in before) or to_number(before) is None):
        # a code before the measure: "AQ-258352 (210 kg)", and one of digits only, "090324-8 (180 kg)"
        s = measured.group(0).strip(" ()-–,")
    m = re.search(r"(-?\d[\d.,' \u202f]*)\s*([^\W\d_][\w.]{0,10}(?:\s?[^\W\d_]{1,5})?|%)?", s)
    if not m or m.start() and s[m.start() - 1].isalpha() or re.match(r"[-/]\d", s[m.end(1):]):
        return None  # digits glued to letters before them or to a dash and digits after are a code ("B25226-4")
    value = fmt.number(m.group(1).strip())
    return (value, clean_unit(m.group(2))) if value is not None else None


_PACKAGING: list[tuple[object, frozenset[str]]] = []


def packaging() -> frozenset[str]:
    """Packaging units pint does not know (case, bag, Karton, caixa...), folded: language.yaml `packaging`."""
    words = language()
    if not _PACKAGING or _PACKAGING[0][0] is not words:
        _PACKAGING[:] = [(words, frozenset(fold(w) for w in words.words(words.packaging)))]
    return _PACKAGING[0][1]


def _unit(s: str, f: FieldDeclaration, fmt: DocFormat) -> str | None:
    """A unit of measure (one pint knows: kg, lb, L, gal, ppm, %) or of packaging (case, bag...)."""
    s = s.strip().rstrip(".")
    if not s or len(s) > 12 or not re.fullmatch(r"[^\W\d_][\w/.°µ]*|%", s):
        return None
    if s == "%" or fold(s) in packaging():
        return clean_unit(s)
    try:
        normalize_unit(s)
    except UnitError:
        return None
    return clean_unit(s)


_WORDS: dict[int, tuple[FieldDeclaration, re.Pattern, dict[str, str]]] = {}
# a value word's inflections: "organic" / "orgânico" / "orgânica" / "biologicos" / "ökologischem" say one thing;
# the ending (a vowel, a plural s, German -em/-en/-er) is folded for words of five letters or more, so a short
# word ("no", "non") stays exact
_ENDING = re.compile(r"(?<=[a-z]{4})(?:[aeo]s?|s|e[mnr])$")
_INFLECTED = r"(?:[aeo]s?|s|e[mnr])?"


def _base(word: str) -> str:
    """A folded value word without its gender/number ending (the last word of a phrase only)."""
    return _ENDING.sub("", word)


def _value_words(f: FieldDeclaration) -> tuple[re.Pattern, dict[str, str]]:
    """One regex of every declared value word of `f` (longest first, any inflection of a long last word) and
    base word -> canonical value, compiled once per declaration (bounded: declarations are few)."""
    held = _WORDS.get(id(f))
    if held is None or held[0] is not f:
        if len(_WORDS) > 2000:
            _WORDS.clear()
        owner: dict[str, str] = {}
        for canonical, words in f.values.items():
            for w in words:
                fw = fold(normalise_label(w))
                if fw:
                    owner.setdefault(_base(fw), canonical)
        alts = sorted(owner, key=len, reverse=True)
        rx = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(a) + (_INFLECTED if len(a) >= 4 and a[-1].isalpha()
                                                                       else "") for a in alts) + r")(?![a-z0-9])") \
            if alts else re.compile(r"(?!)")
        held = _WORDS[id(f)] = (f, rx, owner)
    return held[1], held[2]


def _said(rx: re.Pattern, owner: dict[str, str], text: str) -> list[str]:
    """The canonical values of the value words in `text`, in order, each as its longest match."""
    return [owner[b] for m in rx.findall(text) if (b := _base(m)) in owner or (b := m) in owner]


def word_value(s: str, f: FieldDeclaration) -> str | None:
    """The canonical value whose declared words the text says (the longest word wins), for enums and bools."""
    rx, owner = _value_words(f)
    text = fold(normalise_label(s))
    found = rx.findall(text)
    if not found:
        return _compound_head(text, owner) or _abbreviated(s, owner)
    best = max(found, key=len)
    return owner.get(_base(best), owner.get(best))


MIN_HEAD, MIN_TAIL = 6, 4


def _compound_head(text: str, owner: dict[str, str]) -> str | None:
    """A one-word value that is the first part of a declared compound word ("desinfectie" of
    "desinfectiemiddel", "Reinigung" of "Reinigungsmittel"): German and Dutch name a thing by the
    compound and write its action alone. Taken only when the compounds it heads all mean one value."""
    word = text.strip()
    if len(word) < MIN_HEAD or not word.isalpha():
        return None
    said = {v for w, v in owner.items() if " " not in w and len(w) - len(word) >= MIN_TAIL and w.startswith(word)}
    return said.pop() if len(said) == 1 else None


MIN_ABBREVIATION = 3


def _abbreviated(s: str, owner: dict[str, str]) -> str | None:
    """One word cut short with a full stop ("Biol.", "Gangb."): the declared answer words it begins, when they
    all mean one value. The full stop says the word goes on; without it a short word stays exact."""
    word = fold(normalise_label(s)) if s.strip().endswith(".") else ""
    if len(word) < MIN_ABBREVIATION or not word.isalpha():
        return None
    said = {v for w, v in owner.items() if " " not in w and len(w) > len(word) and w.startswith(word)}
    return said.pop() if len(said) == 1 else None


def answer_share(s: str, f: FieldDeclaration) -> float:
    """How much of `s` is one of the field's declared value words: 1.0 for a cell that says only
    "Organic", 0.2 for "Maple syrup (organic)", whose organic mark is part of a product's name."""
    rx, _ = _value_words(f)
    text = fold(normalise_label(s))
    letters = sum(ch.isalnum() for ch in text)
    if not letters:
        return 0.0
    return max((sum(ch.isalnum() for ch in w) for w in rx.findall(text)), default=0) / letters


def answer_words(s: str, f: FieldDeclaration) -> bool:
    """Is `s` only declared answers of `f` and what joins them ("Wild crops, handling", "Crops and livestock")?
    Words of three letters or fewer may join; every longer word must be part of an answer."""
    rx, _ = _value_words(f)
    text = fold(normalise_label(s))
    if not rx.search(text):
        return False
    return all(len(w) <= 3 for w in re.findall(r"[a-z0-9]+", rx.sub(" ", text)))


def _ticked(s: str) -> str:
    """Only what is ticked, when the text is a row of check boxes ("☒ Organic ☐ Conv." -> "Organic")."""
    return "; ".join(checked_options(s)) if MARK.search(s) and checked_options(s) else s


def _bool(s: str, f: FieldDeclaration, fmt: DocFormat) -> bool | None:
    """A lone glyph the field declares as an answer reads as declared: in a column of ✓ and ✗, "✗" says no,
    though beside an option ("✗ Organic") it ticks the box."""
    glyph = (s or "").strip()
    said = next((v for v, words in f.values.items() if glyph in words), None) if len(glyph) == 1 else None
    if said is not None and not glyph.isalnum():
        return said == "true"
    mark = checkbox_value(s)
    if mark is not None:
        return mark
    said = word_value(s, f) if f.values else None
    if said is not None:
        return said == "true"
    return parse_bool(s)


def _enum(s: str, f: FieldDeclaration, fmt: DocFormat) -> str | None:
    return word_value(_ticked(s), f)


def _list(s: str, f: FieldDeclaration, fmt: DocFormat) -> list[str] | None:
    if f.values:  # a list of known values: every value whose words appear (and is ticked, on a form)
        rx, owner = _value_words(f)
        found = list(dict.fromkeys(_said(rx, owner, fold(normalise_label(_ticked(s))))))
        return found or None
    parts = [p.strip() for p in (split_composite(s) or [s]) if p.strip()]
    if len(parts) == 1:
        parts = _named_items(parts[0]) or parts
    return parts or None


def _named_items(s: str) -> list[str] | None:
    """"Rye Bread, Barley Flakes, Apple Crisps" for a list field: items named one after another, each
    starting with a capital. A comma in a cell is no list in general (an address, "Quinoa, organic"), but a
    list field's value of capitalised names is; a legal form ("Harbor Mills, Inc.") ends in a full stop."""
    parts = [p.strip() for p in s.split(", ")]
    if len(parts) < 2 or any(not p or not p[0].isupper() or p.endswith(".") or len(p.split()) > 6 for p in parts):
        return None
    return parts


def _narrative(s: str, f: FieldDeclaration, fmt: DocFormat) -> str | None:
    s = s.strip()
    return s if sum(ch.isalpha() for ch in s) >= 3 else None


READERS: dict[str, Reader] = {
    "text": _text, "address": _text, "name": _name, "identifier": _identifier, "date": _date,
    "datetime": _datetime, "time": _text, "money": _money, "number": _number, "percent": _number,
    "quantity": _quantity, "unit": _unit, "bool": _bool, "enum": _enum, "list": _list, "narrative": _narrative,
    "table": _text,
}


def read_value(s: str | None, f: FieldDeclaration, fmt: DocFormat) -> Any:
    """`s` as `f`'s type, or None when it does not read as one."""
    if s is None or not str(s).strip():
        return None
    return READERS[f.type](str(s), f, fmt)
