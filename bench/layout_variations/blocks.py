"""A document as a list of layout blocks, independent of the file format.

Why: the same arrangement (a title, address rows, label/value pairs, a table, a
questionnaire) must come out as PDF, DOCX, XLSX or CSV; kinds build blocks and the
writers render them, so a new arrangement or a new format is one change in one place.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass
class Val:
    """A printed value; `raw` lets a spreadsheet store it natively (a number or a date cell)."""

    text: str
    raw: float | dt.date | dt.datetime | None = None

    def __str__(self) -> str:
        return self.text


Cell = Union[str, Val]


def text_of(cell: Cell) -> str:
    return cell.text if isinstance(cell, Val) else cell


@dataclass
class Title:
    text: str


@dataclass
class Text:
    """Free lines: a letterhead, an address, a note or payment terms."""

    lines: list[str]
    align: Literal["left", "right"] = "left"
    small: bool = False


Arrangement = Literal["colon", "above", "stacked", "grid2", "grid4"]


@dataclass
class Fields:
    """Label/value pairs.

    colon:   "Label: value" on one line        above:  label line, value line under it
    stacked: a row of labels over a row of values (form boxes)
    grid2:   two-column label | value table    grid4:  label | value | label | value
    """

    pairs: list[tuple[str, Cell]]
    arrangement: Arrangement = "colon"
    sep: str = ": "
    ruled: bool = True


@dataclass
class Table:
    """A header row over data rows; `transpose` writes the labels down the first column."""

    header: list[str]
    rows: list[list[Cell]]
    caption: str | None = None
    transpose: bool = False
    ruled: bool = True


@dataclass
class Questions:
    """Numbered questions each followed by its answer, or a question | answer table."""

    items: list[tuple[str, str]]
    style: Literal["numbered", "table"] = "numbered"
    header: tuple[str, str] | None = None
    caption: str | None = None


Block = Union[Title, Text, Fields, Table, Questions]


@dataclass
class Doc:
    lang: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False

    def add(self, *blocks: Block) -> "Doc":
        self.blocks.extend(b for b in blocks if b is not None)
        return self
