"""How one document writes dates, times, numbers, money and check boxes.

Why: real paperwork follows its author's locale ("19.06.2026", "1.234,56 €") and
sometimes not ("2026-06-19" in a French log). A `Style` is drawn once per document,
usually the language's habit and sometimes another one, so every document is
internally consistent the way a real one is. Numeric day/month order follows the
language (month first only in English), so no date is ambiguous to a careful reader.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from bench.layout_variations.vocabulary import values

_DATES = {"en": ["mdy", "iso", "long", "dmon"], "fr": ["dmy", "long", "iso"], "de": ["dmy_dot", "long", "iso"],
          "es": ["dmy", "long", "iso"], "pt": ["dmy", "long", "dmy_dash"], "nl": ["dmy_dash", "long", "iso"],
          "it": ["dmy", "long", "dmy_dot"]}
_NUMBERS = {"en": "comma_dot", "fr": "space_comma", "de": "dot_comma", "es": "dot_comma", "pt": "dot_comma",
            "nl": "dot_comma", "it": "dot_comma"}
_CURRENCY = {"en": [("$", False), ("US$ ", False), (" USD", True)], "fr": [(" €", True), (" EUR", True)],
             "de": [(" €", True), (" EUR", True)], "es": [(" €", True)], "pt": [("R$ ", False), (" €", True)],
             "nl": [("€ ", False), ("EUR ", False)], "it": [("€ ", False), (" €", True)]}


@dataclass(frozen=True)
class Style:
    lang: str
    dates: str        # iso | mdy | dmy | dmy_dot | dmy_dash | long | dmon
    numbers: str      # comma_dot 1,234.56 | dot_comma 1.234,56 | space_comma 1 234,56 | plain 1234.56
    times: str        # 24h | 12h | h
    booleans: str     # word | letter | tick | box
    boxes: str        # glyph (☒/☐) | bracket ([x]/[ ])
    currency: str
    currency_after: bool


def choose_style(rng: random.Random, lang: str, glyphs: bool = True) -> Style:
    """The language's habits, each swapped for another habit one time in four."""
    dates = rng.choice(_DATES[lang])
    if rng.random() < 0.25:
        dates = rng.choice(["iso", "dmy_dot", "long"] + (["mdy"] if lang == "en" else ["dmy"]))
    numbers = _NUMBERS[lang] if rng.random() < 0.75 else rng.choice(["comma_dot", "dot_comma", "space_comma",
                                                                      "plain"])
    times = ("12h" if rng.random() < 0.5 else "24h") if lang == "en" else ("h" if lang == "fr" and
                                                                           rng.random() < 0.4 else "24h")
    currency, after = rng.choice(_CURRENCY[lang])
    return Style(lang=lang, dates=dates, numbers=numbers, times=times,
                 booleans=rng.choice(["word", "word", "letter", "box"] + (["tick"] if glyphs else [])),
                 boxes="glyph" if glyphs and rng.random() < 0.6 else "bracket",
                 currency=currency, currency_after=after)


def date_text(d: dt.date, s: Style) -> str:
    if s.dates == "iso":
        return d.isoformat()
    if s.dates == "mdy":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if s.dates == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if s.dates == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if s.dates == "dmy_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    months = values()["months"]
    if s.dates == "dmon" and s.lang == "en":
        return f"{d.day:02d}-{months['en'][d.month - 1][:3]}-{d.year}"
    return values()["long_date"][s.lang].format(d=d.day, m=months[s.lang][d.month - 1], y=d.year)


def time_text(t: dt.time, s: Style) -> str:
    if s.times == "12h":
        return f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
    if s.times == "h":
        return f"{t.hour:02d}h{t.minute:02d}"
    return f"{t.hour:02d}:{t.minute:02d}"


def datetime_text(value: dt.datetime, s: Style) -> str:
    return f"{date_text(value.date(), s)} {time_text(value.time(), s)}"


def number_text(x: float, s: Style, decimals: int | None = None) -> str:
    """`decimals` None: as many as the value needs (up to 3), none for whole numbers."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else min(3, len(f"{x:.3f}".rstrip("0").split(".")[1]))
    text = f"{x:,.{decimals}f}"
    if s.numbers == "dot_comma":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if s.numbers == "space_comma":
        return text.replace(",", " ").replace(".", ",")
    if s.numbers == "plain":
        return text.replace(",", "")
    return text


def money_text(x: float, s: Style, symbol: bool = True) -> str:
    text = number_text(x, s, 2)
    if not symbol:
        return text
    return f"{text}{s.currency}" if s.currency_after else f"{s.currency}{text}"


def yes_no_text(flag: bool, s: Style) -> str:
    """A boolean as this document writes it in a cell ("Yes", "N", "✓", "☒")."""
    if s.booleans == "tick":
        return "✓" if flag else "✗"
    if s.booleans == "box":
        return box(flag, s)
    words = values()["yes" if flag else "no"][s.lang]
    return words[1] if s.booleans == "letter" else words[0]


def box(checked: bool, s: Style) -> str:
    if s.boxes == "glyph":
        return "☒" if checked else "☐"
    return "[x]" if checked else "[ ]"


def options_text(options: list[tuple[str, bool]], s: Style) -> str:
    """A row of check boxes: "☒ Crops  ☐ Livestock  ☒ Handling"."""
    return "   ".join(f"{box(on, s)} {text}" for text, on in options)
