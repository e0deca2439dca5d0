"""A log's site written out on every row under a header no declaration knows.

A log of one site may repeat the site's name on each row ("Depot North" down a column headed in words no list
holds). When the kind's one `top` name field (the site) is the only name or text field the rows have no
column for, a free column holding one proper name on every row (at least two rows, no blank) is that field:
what every row shares is where they all happened. Two such columns leave it unplaced (which is the site and
which someone nobody labelled cannot be told by shape).
"""
from __future__ import annotations

from collections.abc import Mapping

from auditpack.declarations import FieldDeclaration
from ingest.layout import TableRow
from ingest.resolve.scalars import _proper_name

SAMPLE_ROWS = 25
SCORE = 0.3  # placed by its cells alone, as a name column found by its shape is


def site_column(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
                paths: Mapping[str, FieldDeclaration]) -> None:
    words = [p for p, f in paths.items() if f.type in ("name", "text")]
    want = [p for p in words if paths[p].position == "top" and paths[p].type == "name" and p not in columns]
    if len(want) != 1 or len(rows) < 2 or any(p not in columns for p in words if p != want[0]):
        return
    found = []
    for col in range(width):
        if col in columns.values():
            continue
        cells = [r.cells[col].text.strip() if col < len(r.cells) else "" for r in rows[:SAMPLE_ROWS]]
        if all(cells) and len(set(cells)) == 1 and _proper_name(cells[0]):
            found.append(col)
    if len(found) == 1:
        columns[want[0]] = found[0]
        scores[want[0]] = SCORE
