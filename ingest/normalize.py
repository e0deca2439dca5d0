"""Date, number and unit normalisation for values read off paperwork.

Paperwork is multilingual and writes numbers both ways ("4.904,94" and
"4,904.94"); dates may be "6/4/2024", "29 maart 2014" or "7. Mai 2014".
Ambiguous day/month order follows the document's language (`dayfirst`).
"""
from __future__ import annotations

import datetime as dt
import re

from auditpack.units import normalize_unit, unit_spellings

_MONTHS = {
    # de / fr / nl / pt / es month names -> English, so dateutil can read them
    "januar": "january", "janvier": "january", "januari": "january", "janeiro": "january", "enero": "january",
    "februar": "february", "février": "february", "fevrier": "february", "februari": "february",
    "fevereiro": "february", "febrero": "february", "märz": "march", "maerz": "march", "mars": "march",
    "maart": "march", "março": "march", "marco": "march", "marzo": "march", "avril": "april", "abril": "april",
    "mai": "may", "mei": "may", "maio": "may", "mayo": "may", "juni": "june", "juin": "june", "junho": "june",
    "junio": "june", "juli": "july", "juillet": "july", "julho": "july", "julio": "july", "août": "august",
    "aout": "august", "augustus": "august", "agosto": "august", "septembre": "september",
    "setembro": "september", "septiembre": "september", "oktober": "october", "octobre": "october",
    "outubro": "october", "octubre": "october", "novembre": "november", "novembro": "november",
    "noviembre": "november", "dezember": "december", "décembre": "december", "decembre": "december",
    "dezembro": "december", "diciembre": "december",
    # it
    "gennaio": "january", "febbraio": "february", "aprile": "april", "maggio": "may", "giugno": "june",
    "luglio": "july", "settembre": "september", "ottobre": "october", "dicembre": "december",
    # abbreviations in these languages
    "janv": "january", "févr": "february", "avr": "april", "juil": "july", "sept": "september",
    "okt": "october", "dez": "december", "mrt": "march", "ene": "january", "dic": "december",
    "gen": "january", "mag": "may", "giu": "june", "lug": "july", "ott": "october", "set": "september",
}
_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
              "dec", "mrt", "okt", "dez", "fev", "abr", "out", "déc", "févr", "avr", "juil"]
_MONTH_RE = "(?i:(?:" + "|".join(sorted({re.escape(m) for m in [*_EN_MONTHS, *_MONTHS]}, key=len, reverse=True)) \
    + r")\.?)(?![A-Za-zÀ-ÿ])"
DATE_PATTERNS = [
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"),
    # "1st March 2024", "10 de junho de 2024", "10 di luglio 2025", "19. Juni 2026"
    re.compile(rf"\b\d{{1,2}}(?i:st|nd|rd|th|er|º|°)?\.?\s+(?:(?i:of|de|del|di)\s+)?{_MONTH_RE},?\s+"
               rf"(?:(?i:de|del|di)\s+)?\d{{4}}"),
    re.compile(rf"\b\d{{1,2}}[-/.]{_MONTH_RE}[-/.]\d{{4}}"),  # "19-Jan-2026"
    re.compile(rf"\b{_MONTH_RE}[\s.:,]*\d{{1,2}}(?i:st|nd|rd|th)?\s*,?\s*\d{{4}}"),  # "Apr4, 2025" (OCR), "20TH"
]
_NUM = re.compile(r"-?\d[\d.,' ]*\d|-?\d")


def _translate_months(s: str) -> str:
    s = re.sub(r"(?i)(?<=[\dA-Za-zÀ-ÿ])\s+(?:de|del|di)\s+(?=[\dA-Za-zÀ-ÿ])", " ", s)  # "10 de junho de 2024"
    return re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: _MONTHS.get(m.group(0).lower(), m.group(0)), s)


def find_date_text(s: str) -> re.Match | None:
    """The first date-looking substring of `s`."""
    best = None
    for pat in DATE_PATTERNS:
        m = pat.search(s)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
_OCR_MONTH = re.compile(r"\b([A-Za-z]{3})(?=[a-z]*\.?\s+\d{1,2},?\s+\d{4})")


def fix_ocr_month(s: str) -> str:
    """OCR misreads one letter of a month name ("dun 26, 2027" for Jun): a three-letter word in front of
    a day and a year that is one letter away from exactly one month abbreviation is read as that month.
    Two candidates ("Mav": May or Mar?) leave the text alone."""
    def fix(m: re.Match) -> str:
        word = m.group(1).lower()
        if word in _ABBR or word in _WEEKDAYS:
            return m.group(1)
        near = [a for a in _ABBR if sum(x != y for x, y in zip(word, a)) == 1]
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
    if s is None:
        return None
    v = str(s).strip().lower()
    if v in {"y", "yes", "true", "x", "✓", "✔", "1", "ja", "j", "sim", "s", "sí", "si", "oui", "verified", "ok",
             "pass", "passed"}:
        return True
    if v in {"n", "no", "false", "0", "nein", "não", "nao", "non", "nee", "fail", "failed"}:
        return False
    return None


_EN = re.compile(r"\b(the|and|of|to|for|invoice|date|total|page|this|with|certificate|number)\b", re.I)
_OTHER = re.compile(r"\b(de|der|die|und|le|la|et|du|het|een|van|voor|da|do|dos|para|com|factuur|facture|rechnung|"
                    r"datum|btw|tva|mwst|prijs|bedrag|nederland|deutschland|brasil|fatura|nota)\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")


def dayfirst_for(text: str) -> bool:
    """Day/month order of the document's numeric dates: any date that can only be read one way
    decides ("22-9-2022" is day first); otherwise US English documents are month first."""
    votes = 0
    for a, b, _ in _NUMERIC_DATE.findall(text):
        if int(a) > 12 >= int(b):
            votes += 1
        elif int(b) > 12 >= int(a):
            votes -= 1
    if votes:
        return votes > 0
    return len(_OTHER.findall(text)) > len(_EN.findall(text))


_MONEY = re.compile(r"-?\d{1,3}(?:[.,'\u202f]\d{3})*(?:[.,]\d{1,2})?(?!\d)|-?\d+(?:[.,]\d{1,2})?(?!\d)")


def parse_money(s: str | None) -> float | None:
    """The amount in a total line: the last number that is not part of a date or a percentage."""
    if not s:
        return None
    for pat in DATE_PATTERNS:
        s = pat.sub(" ", s)
    s = re.sub(r"\d+(?:[.,]\d+)?\s*%", " ", s)
    nums = [m.group(0) for m in _MONEY.finditer(s.replace("\u00a0", " "))]
    nums = [n.strip() for n in nums if n.strip() and n.strip() not in {"-"}]
    if not nums:
        return None
    return parse_number(nums[-1])
