"""Group positioned words into visual lines (shared by the PDF and OCR loaders)."""
from __future__ import annotations

from ingest.models import Line, Word


def group_lines(words: list[Word], tolerance: float = 3.0) -> list[Line]:
    """Words whose vertical centres are within `tolerance` of a line's form that line."""
    rows: list[list[Word]] = []
    centres: list[float] = []
    for w in sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0])):
        c = (w.bbox[1] + w.bbox[3]) / 2
        h = max(w.bbox[3] - w.bbox[1], 1.0)
        if rows and abs(c - centres[-1]) <= max(tolerance, h * 0.4):
            rows[-1].append(w)
        else:
            rows.append([w])
            centres.append(c)
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.bbox[0])
        parts: list[str] = []
        prev_x1 = None
        for w in row:
            if prev_x1 is not None:
                gap = w.bbox[0] - prev_x1
                h = max(w.bbox[3] - w.bbox[1], 1.0)
                # a wide gap is a column break: keep it visible so "Label   value" splits cleanly
                parts.append("   " if gap > 2.5 * h else " ")
            parts.append(w.text)
            prev_x1 = w.bbox[2]
        lines.append(Line(text="".join(parts), words=row))
    return lines
