"""Blocks laid out as spreadsheet rows (shared by the XLSX and CSV writers).

Why: a sheet has no paragraphs, so each arrangement needs a cell layout people really
use: "Label: value" in one cell, label and value side by side, labels in a row over
their values, tables under a caption row, or a log transposed with its labels down
column A.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.layout_variations.blocks import Cell, Doc, Fields, Questions, Table, Text, Title, text_of


@dataclass
class Grid:
    rows: list[list[Cell]] = field(default_factory=list)
    bold: set[int] = field(default_factory=set)      # header and title rows
    titles: set[int] = field(default_factory=set)    # rows holding only a title (may be merged across)

    def add(self, row: list[Cell], bold: bool = False) -> None:
        if bold:
            self.bold.add(len(self.rows))
        self.rows.append(row)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=1)


def _fields(g: Grid, b: Fields) -> None:
    if b.arrangement == "colon":
        for label, value in b.pairs:
            g.add([f"{label}{b.sep}{text_of(value)}"])
    elif b.arrangement == "above":
        for label, value in b.pairs:
            g.add([label], bold=True)
            g.add([value])
    elif b.arrangement == "stacked":
        g.add([label for label, _ in b.pairs], bold=True)
        g.add([value for _, value in b.pairs])
    elif b.arrangement == "grid4":
        for i in range(0, len(b.pairs), 2):
            g.add([c for pair in b.pairs[i:i + 2] for c in pair])
    else:  # grid2: labels down column A, values in B
        for label, value in b.pairs:
            g.add([label, value])


def _table(g: Grid, b: Table) -> None:
    if b.caption:
        g.add([b.caption], bold=True)
    if b.transpose:
        for j, head in enumerate(b.header):
            g.add([head] + [row[j] for row in b.rows])
        return
    g.add(list(b.header), bold=True)
    for row in b.rows:
        g.add(list(row))


def _questions(g: Grid, b: Questions) -> None:
    if b.caption:
        g.add([b.caption], bold=True)
    if b.style == "table":
        if b.header:
            g.add(list(b.header), bold=True)
        for q, a in b.items:
            g.add([q, a])
        return
    for q, a in b.items:
        g.add([q], bold=True)
        g.add([a])


def layout(doc: Doc, rng: random.Random) -> Grid:
    """The document as rows; a blank row between blocks most of the time, as people leave one."""
    g = Grid()
    for block in doc.blocks:
        if g.rows and rng.random() < 0.7:
            g.add([])
        if isinstance(block, Title):
            g.titles.add(len(g.rows))
            g.add([block.text], bold=True)
        elif isinstance(block, Text):
            for line in block.lines:
                g.add([line])
        elif isinstance(block, Fields):
            _fields(g, block)
        elif isinstance(block, Table):
            _table(g, block)
        elif isinstance(block, Questions):
            _questions(g, block)
    return g
