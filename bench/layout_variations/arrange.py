"""Per-document choices shared by every kind: wordings, arrangements, value formats.

Why: a real document picks one wording per field and keeps it, one way to arrange its
header, and one locale; a `Printer` draws those once (seeded) so each kind module only
says *what* it prints, never how a label is worded or a date is written.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any

from bench.layout_variations import formats, vocabulary
from bench.layout_variations.blocks import Cell, Fields, Table, Val

ARRANGEMENTS = ("colon", "colon", "above", "stacked", "grid2", "grid4")


class Printer:
    def __init__(self, kind: str, style: formats.Style, rng: random.Random, fmt: str) -> None:
        self.kind, self.style, self.rng, self.lang, self.fmt = kind, style, rng, style.lang, fmt
        self.sheet = fmt in ("xlsx", "csv")  # a spreadsheet: may write a log transposed
        self._labels: dict[str, str] = {}
        self.arrangement = rng.choice(ARRANGEMENTS)
        self.colon_labels = rng.random() < 0.5  # "Label:" in grids and table headers
        self.sep = " : " if self.lang == "fr" and rng.random() < 0.6 else rng.choice([": ", ": ", ":  "])

    # --- wordings ---------------------------------------------------------------
    def label(self, field: str) -> str:
        """One wording per field for the whole document."""
        if field not in self._labels:
            self._labels[field] = self.rng.choice(vocabulary.labels(self.kind, field, self.lang))
        return self._labels[field]

    def title(self) -> str:
        return self.rng.choice(vocabulary.titles(self.kind, self.lang))

    def caption(self, name: str) -> str:
        return self.rng.choice(vocabulary.captions(self.kind, name, self.lang))

    def word(self, group: str, key: str) -> str:
        """A value word from values.yaml (status, scope, use...) in this language."""
        entry = vocabulary.values()[group][key]
        if isinstance(entry, dict):
            entry = entry.get(self.lang) or entry["en"]
        return self.rng.choice(entry) if isinstance(entry, list) else entry

    def organic_name(self, name: str) -> str:
        """The product name with the language's organic marker ("Bio-Haferflocken")."""
        return self.rng.choice(vocabulary.values()["organic_item"][self.lang]).format(name)

    # --- values -----------------------------------------------------------------
    def date(self, d: dt.date) -> Val:
        return Val(formats.date_text(d, self.style), d)

    def datetime(self, value: dt.datetime) -> Val:
        return Val(formats.datetime_text(value, self.style), value)

    def time(self, t: dt.time) -> str:
        return formats.time_text(t, self.style)

    def number(self, x: float, decimals: int | None = None) -> Val:
        return Val(formats.number_text(x, self.style, decimals), x)

    def money(self, x: float, symbol: bool = True) -> Val:
        return Val(formats.money_text(x, self.style, symbol), x)

    def yes_no(self, flag: bool) -> str:
        return formats.yes_no_text(flag, self.style)

    def options(self, options: list[tuple[str, bool]]) -> str:
        return formats.options_text(options, self.style)

    def quantity(self, x: float, unit: str) -> str:
        return f"{formats.number_text(x, self.style)} {unit}"

    # --- blocks -----------------------------------------------------------------
    def fields(self, pairs: Sequence[tuple[str, Cell]], arrangement: str | None = None) -> Fields:
        """Label/value pairs in this document's arrangement (or the one asked for)."""
        arrangement = arrangement or self.arrangement
        colon = self.colon_labels and arrangement in ("grid2", "grid4", "above", "stacked")
        return Fields([(f"{label}:" if colon else label, value) for label, value in pairs],
                      arrangement, self.sep, ruled=self.rng.random() < 0.6)

    def table(self, columns: Sequence[tuple[str, Callable[[Any], Cell]]], items: Sequence[Any],
              first: int | None = 0, caption: str | None = None, transpose: bool = False) -> Table:
        """A table of `items` with the given (header, cell) columns in a shuffled order.

        `first` keeps that column first most of the time (a description or a date usually leads)."""
        cols = list(columns)
        lead = cols.pop(first) if first is not None and self.rng.random() < 0.75 else None
        self.rng.shuffle(cols)
        if lead is not None:
            cols.insert(0, lead)
        header = [f"{h}:" if self.colon_labels and transpose else h for h, _ in cols]
        return Table(header, [[get(item) for _, get in cols] for item in items], caption, transpose,
                     ruled=self.rng.random() < 0.7)
