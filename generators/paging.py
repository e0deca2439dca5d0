"""Page numbers for the contents and the evidence index of the combined PDF.

A 2,000-page package is read on paper and in viewers that show "page 1,240
of 2,192"; bookmarks alone do not help the first, so the cover's contents
give each section's first page and the evidence index each exhibit's first
page, both counted in the combined PDF (physical pages, 1 = the cover).

The numbers are only known after LibreOffice has laid the sections out, and
writing them into the cover and the index could in principle change those
two documents' own length; `PageNumbers` is filled from the page counts,
the two documents are rendered again, and the builder repeats until the
counts it numbered from are the counts it got (twice at most in practice).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

NO_PAGE = "-"  # packages without PDF, or before the layout is known


def page_count(pdf: Path) -> int:
    """Pages in a PDF; 0 when pypdf cannot read it (the appendix leaves such a file out, with a warning)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(str(pdf)).pages)
    except (PdfReadError, ValueError, KeyError, OSError):
        return 0


@dataclass
class PageNumbers:
    """First pages in the combined PDF: one per section (package order), one per exhibit (index order)."""

    sections: list[int] = field(default_factory=list)
    exhibits: list[int] = field(default_factory=list)

    @classmethod
    def count(cls, section_pages: list[int], evidence_at: int | None, index_pages: int,
              exhibit_pages: list[int]) -> PageNumbers:
        """`section_pages`: pages of each section PDF, the evidence section counting its index and every
        exhibit; `evidence_at`: that section's position in the list (None: no evidence section)."""
        starts, page = [], 1
        for n in section_pages:
            starts.append(page)
            page += n
        exhibits = []
        if evidence_at is not None:
            page = starts[evidence_at] + index_pages
            for n in exhibit_pages:
                exhibits.append(page if n else 0)  # 0: unreadable, left out of the appendix
                page += n
        return cls(starts, exhibits)

    def fill(self, ctx: dict[str, dict], section_ids: list[str]) -> None:
        """Write the numbers into the cover's contents rows and the evidence index rows."""
        start = dict(zip(section_ids, self.sections))
        for row, sid in zip(ctx["cover"]["index"], section_ids):
            row["page"] = str(start[sid])
        docs = ctx.get("evidence", {}).get("documents", [])
        for row, page in zip(docs, self.exhibits):
            row["page"] = str(page) if page else NO_PAGE
