"""Date, number and unit normalisation for values read off paperwork.

Paperwork is multilingual and writes numbers both ways ("4.904,94" and
"4,904.94"); dates may be "6/4/2024", "29 maart 2014" or "7. Mai 2014".
Ambiguous day/month order follows the document's language (`dayfirst`). The words
of each language (month names, "de"/"di" between day and month, yes/no answers) are
data: auditpack/declarations/language.yaml, read through `language()`.
"""
from __future__ import annotations

import datetime as dt
import re

from auditpack.declarations.language import LanguageWords, language
from auditpack.units import normalize_unit, unit_spellings

class _DateWords:
    """The month names, connectors and ordinals of every declared language (auditpack/declarations/
    language.yaml), as the patterns that find and read dates; built once per set of language words."""

    def __init__(self, words: LanguageWords) -> None:
        self.words = words
        english = {n: m for n, m in words.month_names().items()}
        self.months = {name: _EN_NAMES[number - 1] for name, number in english.items()}
        month = "(?i:(?:" + "|".join(sorted(map(re.escape, self.months), key=len, reverse=True)) + r")\.?)(?![A-Za-zÀ-ÿ])"
        connectors = "|".join(sorted(map(re.escape, words.words(words.date_connectors)), key=len, reverse=True))
        ordinals = "|".join(sorted(map(re.escape, words.words(words.ordinals)), key=len, reverse=True))
        between = rf"(?:(?i:{connectors})\s+)?" if connectors else ""
        suffix = rf"(?i:{ordinals})?" if ordinals else ""
        self.patterns = [
            re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"),
            re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"),
            # "1st March 2024", "10 de junho de 2024", "10 di luglio 2025", "19. Juni 2026"
            re.compile(rf"\b\d{{1,2}}{suffix}\.?\s+{between}{month},?\s+{between}\d{{4}}"),
            re.compile(rf"\b\d{{1,2}}[-/.]{month}[-/.]\d{{4}}"),  # "19-Jan-2026"
            re.compile(rf"\b{month}[\s.:,]*\d{{1,2}}(?i:{ordinals or 'st'})?\s*,?\s*\d{{4}}"),  # "Apr4, 2025", "20TH"
        ]
        self.connector = re.compile(rf"(?i)(?<=[\dA-Za-zÀ-ÿ])\s+(?:{connectors})\s+(?=[\dA-Za-zÀ-ÿ])") \
            if connectors else None
        self.abbreviations = [n for n, m in english.items() if len(n) == 3 and n in words.months.get("en", {}).get(m, [])]
        self.weekdays = set(words.words(words.weekdays))
        true, false = words.booleans.get("true", {}), words.booleans.get("false", {})
        self.yes = {w.casefold() for ws in true.values() for w in ws}
        self.no = {w.casefold() for ws in false.values() for w in ws} - self.yes
        first = set(words.month_first)
        self.month_first = _words_rx([w for lang, ws in words.function_words.items() if lang in first for w in ws])
        self.day_first = _words_rx([w for lang, ws in words.function_words.items() if lang not in first for w in ws])


_EN_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"]  # what dateutil reads, whatever the document's language


def _words_rx(words: list[str]) -> re.Pattern:
    alts = sorted({re.escape(w.casefold()) for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I) if alts else re.compile(r"(?!)")


_HELD: list[_DateWords] = []


def _dates() -> _DateWords:
    words = language()
    if not _HELD or _HELD[0].words is not words:
        _HELD[:] = [_DateWords(words)]
    return _HELD[0]


def date_patterns() -> list[re.Pattern]:
    """The patterns of a date written in any declared language, most specific last."""
    return _dates().patterns


_NUM = re.compile(r"-?\d[\d.,' ]*\d|-?\d")


def _translate_months(s: str) -> str:
    words = _dates()
    if words.connector is not None:
        s = words.connector.sub(" ", s)  # "10 de junho de 2024"
    return re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: words.months.get(m.group(0).lower(), m.group(0)), s)


def find_date_text(s: str) -> re.Match | None:
    """The first date-looking substring of `s`."""
    best = None
    for pat in date_patterns():
        m = pat.search(s)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


_OCR_MONTH = re.compile(r"\b([A-Za-z]{3})(?=[a-z]*\.?\s+\d{1,2},?\s+\d{4})")


def fix_ocr_month(s: str) -> str:
    """OCR misreads one letter of a month name ("dun 26, 2027" for Jun): a three-letter word in front of
    a day and a year that is one letter away from exactly one month abbreviation is read as that month.
    Two candidates ("Mav": May or Mar?) leave the text alone."""
    def fix(m: re.Match) -> str:
        word, words = m.group(1).lower(), _dates()
        if word in words.abbreviations or word in words.weekdays:
            return m.group(1)
        near = [a for a in words.abbreviations if sum(x != y for x, y in zip(word, a)) == 1]
        return near[0].title() if len(near) == 1 else m.group(1)
    return _OCR_MONTH.sub(fix, s)


def parse_datetime(s: str | None, dayfirst: bool = False) -> dt.datetime | None:
    if not s:
        return None
    from dateutil import parser as dparser

    m = find_date_text(s) or find_date_text(fix_ocr_month(s))
    if not m:
        return None
    text = _translate_months(m.group(0)).replace(".", " ") if not re.match(r"\d{1,2}\.\d{1,2}\.", m.group(0)) \
        else m.group(0)
    text = re.sub(r"(?<=\d)\s+(?=[A-Za-z])", " ", text)
    text = re.sub(r"(?<=[A-Za-z])[\s.:]*(?=\d)", " ", text)  # "Apr:2" / "Apr4" -> "Apr 2"
    if re.match(r"\d{4}-", text):
        dayfirst = False  # ISO dates are never ambiguous
    try:
        value = dparser.parse(text, dayfirst=dayfirst, fuzzy=True)
    except (ValueError, OverflowError):
        try:
            value = dparser.parse(text, dayfirst=not dayfirst, fuzzy=True)
        except (ValueError, OverflowError):
            return None
    if not 1950 <= value.year <= 2100:
        return None
    return value


def parse_date(s: str | None, dayfirst: bool = False) -> dt.date | None:
    value = parse_datetime(s, dayfirst)
    return value.date() if value else None


def parse_number(s: str | None) -> float | None:
    """First number in `s`, reading "1.234,56", "1,234.56", "1 234,56" and "$4.11" right."""
    if s is None:
        return None
    m = _NUM.search(str(s).replace("\u00a0", " "))
    if not m:
        return None
    tok = m.group(0).replace(" ", "").replace("'", "")
    if "," in tok and "." in tok:
        dec = "," if tok.rfind(",") > tok.rfind(".") else "."
        tok = tok.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in tok:
        parts = tok.split(",")
        tok = tok.replace(",", "") if len(parts) > 2 or len(parts[-1]) == 3 else tok.replace(",", ".")
    elif tok.count(".") > 1:
        tok = tok.replace(".", "")
    try:
        return float(tok)
    except ValueError:
        return None


_QTY = re.compile(r"(-?\d[\d.,]*)\s*([A-Za-z#%][A-Za-z. ]{0,12})?")


def parse_quantity(s: str | None) -> tuple[float | None, str | None]:
    """"1,200 lb" -> (1200.0, "lb"); the unit normalised through auditpack.units when known."""
    if not s:
        return None, None
    m = _QTY.search(s)
    if not m:
        return None, None
    value = parse_number(m.group(1))
    unit = (m.group(2) or "").strip() or None
    return value, clean_unit(unit)


_KNOWN_UNITS = set(unit_spellings()) | {"lb", "kg", "g", "oz", "l", "ml", "gallon", "liter", "ton", "ppm", "mg"}


def clean_unit(unit: str | None) -> str | None:
    """Units are kept as written ("kg", "cases", "PCS"): the record contract keeps the document's unit,
    and conversions happen later through auditpack.units (pint), where they are needed."""
    if not unit or not unit.strip():
        return None
    return unit.strip().rstrip(".") or None


def parse_bool(s: str | None) -> bool | None:
    """A yes/no answer in any declared language (language.yaml `booleans`), or None."""
    if s is None:
        return None
    v = str(s).strip().casefold()
    words = _dates()
    if v in words.yes:
        return True
    if v in words.no:
        return False
    return None


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")
_SEPARATED = re.compile(r"\b(\d{1,2})([./-])\d{1,2}\2(\d{2,4})\b")


SPREAD_DATES = 3    # ambiguous dates needed before their spread may decide the order
SPREAD_RATIO = 3.0  # ... and one reading must put them this many times closer together than the other


def _closer_order(found: list[tuple[str, str, str]]) -> bool | None:
    """Day first (True) or month first (False) when the dates, all ambiguous, lie clearly closer together
    read one way: a log's entries or an invoice's dates follow each other by days, so "03-06-2026",
    "04-06-2026", "07-06-2026" are three days of June, not March, April and July. The steps between the
    dates in the order printed are summed for each reading; None when the dates are too few or neither
    reading is clearly closer."""
    if len(found) < SPREAD_DATES:
        return None
    spans = []
    for dayfirst in (True, False):
        days = []
        for a, b, y in found:
            year = int(y) + (2000 if len(y) == 2 else 0)
            day, month = (int(a), int(b)) if dayfirst else (int(b), int(a))
            try:
                days.append(dt.date(year, month, day).toordinal())
            except ValueError:
                return None
        spans.append(sum(abs(x - y) for x, y in zip(days, days[1:])))
    by_day, by_month = spans
    if by_day * SPREAD_RATIO <= by_month and by_month > 0:
        return True
    if by_month * SPREAD_RATIO <= by_day and by_day > 0:
        return False
    return None


def dayfirst_for(text: str) -> bool:
    """Day/month order of the document's numeric dates: any date that can only be read one way
    decides ("22-9-2022" is day first); then the dates' spread (`_closer_order`); then dates written with
    full stops only ("04.01.2026", the European way) are day first; otherwise the language decides (US
    English documents are month first)."""
    votes = 0
    for a, b, _ in _NUMERIC_DATE.findall(text):
        if int(a) > 12 >= int(b):
            votes += 1
        elif int(b) > 12 >= int(a):
            votes -= 1
    if votes:
        return votes > 0
    closer = _closer_order(_NUMERIC_DATE.findall(text))
    if closer is not None:
        return closer
    dotted = [sep for _, sep, _ in _SEPARATED.findall(text)]
    if dotted and all(sep == "." for sep in dotted):
        return True  # "04.01.2026": numeric dates written with full stops put the day first
    words = _dates()  # no date decides: the language does (language.yaml `function_words`, `month_first`)
    return len(words.day_first.findall(text)) > len(words.month_first.findall(text))


_MONEY = re.compile(r"-?\d{1,3}(?:[.,'\u202f]\d{3})*(?:[.,]\d{1,2})?(?!\d)|-?\d+(?:[.,]\d{1,2})?(?!\d)")


def parse_money(s: str | None) -> float | None:
    """The amount in a total line: the last number that is not part of a date or a percentage."""
    if not s:
        return None
    for pat in date_patterns():
        s = pat.sub(" ", s)
    s = re.sub(r"\d+(?:[.,]\d+)?\s*%", " ", s)
    nums = [m.group(0) for m in _MONEY.finditer(s.replace("\u00a0", " "))]
    nums = [n.strip() for n in nums if n.strip() and n.strip() not in {"-"}]
    if not nums:
        return None
    return parse_number(nums[-1])
