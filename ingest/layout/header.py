"""Finding a table's header the way a reader does, wherever it sits.

Title, address and note rows often sit above the header. The header is the
row that starts the longest run of rows filling the same columns, made of
short labels, while the rows under it hold values. Only the first `SEARCH`
rows are candidates and each run is followed for at most `RUN_CAP` rows, so
a 50,000-row sheet costs the same as a 300-row one here.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.layout.shapes import has_digits, is_empty, is_label

SEARCH = 40
RUN_CAP = 200
_SAMPLE = 10  # rows under a candidate whose values are weighed


@dataclass(frozen=True, slots=True)
class Header:
    index: int   # first header row
    rows: int    # 1, or 2 when a second row names units or the parts of a merged cell
    names: list[str]


def _filled(row: Sequence[str]) -> list[int]:
    return [i for i, c in enumerate(row) if not is_empty(c)]


def _value_share(row: Sequence[str], cols: list[int]) -> float:
    return sum(has_digits(row[i]) for i in cols) / len(cols) if cols else 0.0


def _label_share(row: Sequence[str], cols: list[int]) -> float:
    return sum(is_label(row[i]) for i in cols) / len(cols) if cols else 0.0


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header of a grid, or None when no row looks like one (all values, or one column)."""
    top = min(len(rows), SEARCH)
    filled = [_filled(r) for r in rows[: top + RUN_CAP]]
    width_of = max((f[-1] - f[0] + 1 for f in filled[:top] if f), default=0)
    best, best_score = None, 0.0
    for h in range(top):
        cols = filled[h]
        if len(cols) < 2 or _label_share(rows[h], cols) < 0.6:
            continue
        if sum(rows[h][i].rstrip().endswith((":", "：")) for i in cols) > len(cols) / 2:
            continue  # "Name: | Place:" are a form's labels waiting for values, not column names
        lo, hi = cols[0], cols[-1]
        run, shares = 0, []
        for j in range(h + 1, min(len(filled), h + 1 + RUN_CAP)):
            fj = filled[j]
            if not fj:
                continue
            if fj[0] < lo or fj[-1] > hi:
                break
            run += 1
            if len(shares) < _SAMPLE:
                shares.append(_value_share(rows[j], fj))
        if not run:
            continue
        below = sum(shares) / len(shares)
        contrast = max(0.0, below - _value_share(rows[h], cols))
        # how much of the table's width the row covers (a merged header cell covers the columns it spans)
        cover = (hi - lo + 1) / width_of
        score = run * _label_share(rows[h], cols) * min(1.0, cover) * (0.5 + contrast)
        if score > best_score:
            best, best_score = h, score
    if best is None:
        return None
    second = _second_row(rows, best, filled)
    names = merge_rows(list(rows[best]), list(rows[best + 1])) if second else [c.strip() for c in rows[best]]
    return Header(best, 2 if second else 1, names)


def _second_row(rows: Sequence[Sequence[str]], h: int, filled: list[list[int]]) -> bool:
    """Row h+1 names units or sub-columns ("kg" under "Mass"): labels only, inside the header's
    columns, and either filling a cell the header spans (merged cell) or standing over values."""
    if h + 2 >= len(rows) or h + 1 >= len(filled):
        return False
    upper, lower, cols = rows[h], rows[h + 1], filled[h + 1]
    if not cols or any(has_digits(lower[i]) or len(lower[i]) > 30 for i in cols):
        return False
    if any(not is_label(lower[i]) and lower[i].strip() != upper[i].strip() for i in cols if i < len(upper)):
        return False
    if len(lower) > len(upper):
        return True  # a DOCX row with a horizontally merged header cell has fewer cells than the row under it
    spanned = [i for i in cols if i > 0 and (is_empty(upper[i]) or upper[i] == upper[i - 1])]
    if spanned:
        return True
    below = [r for r in rows[h + 2: h + 2 + _SAMPLE]]
    own = [i for i in cols if i < len(upper) and lower[i].strip() != upper[i].strip()]
    return bool(own) and all(
        sum(has_digits(r[i]) for r in below if i < len(r)) >= 0.6 * max(1, sum(1 for r in below if i < len(r)
                                                                                and not is_empty(r[i])))
        and any(i < len(r) and not is_empty(r[i]) for r in below) for i in own)


def align(upper: list[str], lower: list[str]) -> list[str]:
    """Spread a row with merged cells (fewer cells) over the columns of the row under it.

    A cell equal in both rows (a vertically merged cell repeats) anchors its column; any other
    cell takes the column after the previous one and spans up to the next anchor."""
    if len(upper) >= len(lower):
        return upper
    out = [""] * len(lower)
    j = 0
    for i, cell in enumerate(upper):
        left_after = len(upper) - i - 1  # upper cells still to place, each needs a column
        hit = next((k for k in range(j, len(lower) - left_after) if cell and lower[k].strip() == cell), None)
        k = hit if hit is not None else min(j, len(lower) - left_after - 1)
        out[k] = cell
        j = k + 1
    return out


def merge_rows(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: "Mass" over "kg" -> "Mass kg"; a merged upper cell
    (empty, or repeated by the loader) names every column it covers."""
    upper = align([c.strip() for c in upper], lower)
    names: list[str] = []
    carried = ""
    for i, lo in enumerate(lower):
        up = upper[i] if i < len(upper) else ""
        lo = lo.strip()
        if up:
            carried = up
        elif lo and carried and i > 0:
            up = carried  # under a merged cell: the name of the cell that spans it
        if not lo or lo == up:
            names.append(up)
        elif not up:
            names.append(lo)
        else:
            names.append(f"{up} {lo}")
    return names
