"""A log's title that names its site and wraps onto a second line of a PDF (issue 12, round 3).

A hand-made page of positioned words in words of our own (not the variation bench's): the title is
set in larger type than the body, as PDF titles are, and its last word goes onto the next line.
"""
from __future__ import annotations

from ingest.models import LoadedDocument, Page
from tests.ingest.made_docs import boxed_line
from ingest.resolve import read_declared

def _doc(title: list[tuple[str, float]]) -> LoadedDocument:
    xs = [40, 120, 260, 360, 410]
    lines = [boxed_line(30, [(40, "Kestrel Vermin Control Ltd")], 9.0)]
    y = 50.0
    for text, height in title:
        lines.append(boxed_line(y, [(40, text)], height))
        y += height + 5
    rows = [["Date", "Location", "Material", "Level", "Technician"],
            ["2026-06-02", "Trap T-4, bay", "Snap trap", "B", "O. Grant"],
            ["2026-06-09", "Station S-7, store", "Glue board", "A", "O. Grant"],
            ["2026-06-16", "Trap T-4, bay", "Glue board", "B", "O. Grant"]]
    for row in rows:
        lines.append(boxed_line(y + 10, list(zip(xs, row, strict=True)), 9.0))
        y += 14
    page = Page(number=1, text="\n".join(ln.text for ln in lines), lines=lines)
    return LoadedDocument(sha256="0" * 64, filename="round.pdf", media_type="test", pages=[page])


def test_the_wrapped_end_of_a_title_in_title_type_is_part_of_the_site() -> None:
    doc = _doc([("Rodent round sheet - Millbrook", 15.0), ("Depot", 15.0)])
    records = read_declared(doc, None, kind="pest_control_entry").records
    assert [r.facility for r in records] == ["Millbrook Depot"] * 3


def test_a_line_in_body_type_under_the_title_is_not_part_of_the_site() -> None:
    doc = _doc([("Rodent round sheet - Millbrook", 15.0), ("Depot", 9.0)])
    records = read_declared(doc, None, kind="pest_control_entry").records
    assert [r.facility for r in records] == ["Millbrook"] * 3
