"""Tables of two columns drawn with text alone: "Bought from   Material" over rows of two phrases.

Why: `positioned` needs three header phrases, because a line of two phrases is most often a
label and its value ("Holder   Green Valley Mill"). But a list of substances and their use, or
of suppliers and what they sell, is often printed as two aligned columns under two headings, and
read only as pairs its rows become labels ("Oats" = "Hill Farm") no field ever takes.
So a run of three or more consecutive lines that split into exactly two phrases, each column
starting at the same place on every line, is offered as a table as well, when it reads as one
the way a DOCX table of two columns does (`forms.also_a_table`: a first line of labels with no
digits or colons over values of one shape). The lines stay free for the pair readers: the
resolver chooses what they are, as it does for a two-column grid.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import CellText, Method, TableBlock, Where
from ingest.layout.columns import words_text
from ingest.layout.forms import also_a_table
from ingest.layout.grids import block_of
from ingest.layout.header import Header
from ingest.layout.segments import height, phrases, union
from ingest.layout.shapes import is_label
from ingest.models import Line, Word

MIN_LINES = 3   # a header and two rows
ALIGN = 1.5     # column starts may differ by this many text heights
MAX_SKIP = 4    # lines of a run tried as the header before giving up


def _cells(line: Line, page: int, method: Method) -> list[CellText] | None:
    """The line's two phrases as cells, or None when it does not split into exactly two."""
    ps = phrases(line.words)
    if len(ps) != 2:
        return None
    return [CellText(words_text(p), Where(page, line.text, union(p), None, method)) for p in ps]


def _aligned(run: Sequence[list[Word]], h: float) -> bool:
    starts = [p[0].bbox[0] for p in run]
    return max(starts) - min(starts) <= ALIGN * h


def _aligned_prefix(run: list[Line]) -> list[Line]:
    """The lines from the first whose two columns start where the first line's do."""
    split = [phrases(ln.words) for ln in run]
    h = height(run[0].words)
    n = 1
    while n < len(run) and all(_aligned([split[0][c], split[n][c]], h) for c in (0, 1)):
        n += 1
    return run[:n]


def _table(run: list[Line], page: int, method: Method) -> TableBlock | None:
    """The table the run holds, its header the first line of labels that has aligned rows under it
    (a pair or two of the form above it may share the run)."""
    for start in range(min(MAX_SKIP, len(run) - MIN_LINES) + 1):
        block = _from(_aligned_prefix(run[start:]), page, method)
        if block is not None:
            return block
    return None


def _from(run: list[Line], page: int, method: Method) -> TableBlock | None:
    if len(run) < MIN_LINES:
        return None
    grid = [c for ln in run if (c := _cells(ln, page, method)) is not None]
    names = [c.text for c in grid[0]]
    header = Header(0, 1, names)
    if not all(is_label(n) for n in names) or not also_a_table(grid, header):
        return None
    return block_of(grid, header, "positioned")


def two_column_tables(lines: Sequence[Line], free: Sequence[int], page: int, method: Method) -> list[TableBlock]:
    """Two-column tables among the lines at `free` (indices of lines with word boxes, in order)."""
    out: list[TableBlock] = []
    run: list[Line] = []

    def close() -> None:
        if len(run) >= MIN_LINES:
            block = _table(run, page, method)
            if block is not None:
                out.append(block)
        run.clear()

    prev = None
    for i in free:
        line = lines[i]
        two = line.words and len(phrases(line.words)) == 2
        if not two or (prev is not None and i != prev + 1):
            close()
        if two:
            run.append(line)
        prev = i
    close()
    return out
