"""Documents-view bench: list, search and open with thousands of stored documents (embedded SQLite).

    .venv/bin/python bench/documents.py [--documents 5000] [--open 20] [--url sqlite:///...]

Builds a fresh store with synthetic documents through the store's public methods (invoices and
certificates with a few lines each, some with missing fields or low-confidence values, some unknown),
each with a paragraph of text for search, then prints the time of: the first page, a filtered page,
an inbox page, a deep page, full-text searches, and opening N documents (info + records as corrected
now + corrections), plus a correction. The issue asks each under 1 s on the embedded store.

Then the Documents list's first-page thumbnails (`review_ui/thumbnails.py`): the first page as the tab
shows it (the table with each row's thumbnail link: nothing is rendered on list), the first rendering of
a PDF, a scanned A4 page (JPEG, 300 dpi) and a CSV (icon), the same picture again from the workspace's
cache, and the cold thumbnails of one whole list page (50 PDFs), which the browser asks for lazily.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORDS = ("oats spelt barley lentils chickpeas flour rolled hulled certified organic pallet lot bin warehouse "
         "truck invoice delivery quality moisture protein grade").split()
SUPPLIERS = [f"{a} {b}" for a in ("Valley", "Prairie", "Hill", "River", "North", "Sun") for b in
             ("Grain Co", "Mills", "Farms", "Cooperative", "Organics")]


def _fill(store, n: int, seed: int) -> list[str]:
    from auditpack.records import (DocumentInfo, Invoice, InvoiceLine, Problem, ProblemCode, SourceRef, Status,
                                   SupplierCertificate, record_id)

    rnd = random.Random(seed)
    shas = []
    for i in range(n):
        sha = hashlib.sha256(f"doc-{seed}-{i}".encode()).hexdigest()
        name, supplier = f"doc-{i:05d}.pdf", rnd.choice(SUPPLIERS)
        text = " ".join(rnd.choice(WORDS) for _ in range(120)) + f" {supplier} INV-{i}"
        src = SourceRef(document_sha256=sha, filename=name, page=1)
        roll = rnd.random()
        problems, records, status, kind = [], [], Status.INGESTED, "invoice"
        if roll < 0.1:
            status, kind = Status.UNKNOWN, None
        elif roll < 0.3:
            kind = "supplier_certificate"
            records = [SupplierCertificate(id=record_id(kind, sha, 1), source=src, operation_name=supplier,
                                           status="certified", anniversary_date=date(2026, 1, 1)
                                           + timedelta(days=rnd.randrange(365)))]
        else:
            low = rnd.random() < 0.1
            lines = [InvoiceLine(description=f"Organic {rnd.choice(WORDS)}", quantity=rnd.randrange(1, 900),
                                 unit="lb", lot_number=f"L-{i}-{k}") for k in range(rnd.randrange(1, 12))]
            rec = Invoice(id=record_id("invoice", sha, 1), source=src, supplier_name=supplier,
                          invoice_number=f"INV-{i}", invoice_date=date(2026, 1, 1) + timedelta(days=rnd.randrange(365)),
                          total=rnd.randrange(100, 9000), lines=lines,
                          field_sources={"total": src.model_copy(update={"confidence": 0.3 if low else 0.9})})
            if rnd.random() < 0.15:
                rec = rec.model_copy(update={"po_number": None, "missing_fields": ["po_number"]})
                problems = [Problem(code=ProblemCode.MISSING_FIELD, field="po_number", record_id=rec.id,
                                    message="not found: po_number")]
                status = Status.NEEDS_ATTENTION
            records = [rec]
        info = DocumentInfo(sha256=sha, filename=name, size_bytes=1000, pages=1, kind=kind, status=status,
                            problems=problems, stored_path=f"originals/{sha[:2]}/{sha}.pdf",
                            reason="not one of the known document kinds" if status is Status.UNKNOWN else None)
        store.add_document(info, records, actor="bench", text=text)
        shas.append(sha)
    return shas


def _originals(root: Path) -> dict[str, str]:
    """A one-page PDF, a 300-dpi A4 scan and a CSV in `root`, as stored originals (label -> stored path)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    (root / "originals").mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(root / "originals" / "invoice.pdf"), pagesize=A4)
    for k in range(40):
        c.drawString(50, 800 - 18 * k, f"Organic rolled oats lot L-{k}  500 lb  1.20  600.00")
    c.save()
    scan = Image.new("RGB", (2480, 3508), (250, 250, 245))
    draw = ImageDraw.Draw(scan)
    for k in range(60):
        draw.rectangle([200, 200 + 50 * k, 2200, 220 + 50 * k], fill=(40, 40, 40))
    scan.save(root / "originals" / "scan.jpg", quality=85)
    (root / "originals" / "log.csv").write_text("a,b\n1,2\n")
    return {"PDF": "originals/invoice.pdf", "scan (JPEG 2480x3508)": "originals/scan.jpg",
            "CSV (icon)": "originals/log.csv"}


def _thumbnails(root: Path, page) -> None:  # noqa: ANN001 - a DocumentPage
    import pypdfium2  # noqa: F401 - loaded before timing, as in a server that has shown a page already

    from review_ui import document_views, thumbnails

    t, _ = _time(lambda: document_views.list_frame(page))
    print(f"first page as the tab shows it ({len(page.items)} rows with thumbnail links): {t:.4f} s")
    print(f"{'thumbnail':28} {'first render':>12} {'cached':>8}")
    for label, stored in _originals(root).items():
        sha = hashlib.sha256(label.encode()).hexdigest()
        first, _ = _time(lambda: thumbnails.thumbnail(root, sha, stored))
        again, _ = _time(lambda: thumbnails.thumbnail(root, sha, stored))
        print(f"{label:28} {first:>12.4f} {again:>8.5f}")
    shas = [hashlib.sha256(f"cold-{k}".encode()).hexdigest() for k in range(50)]
    t, _ = _time(lambda: [thumbnails.thumbnail(root, sha, "originals/invoice.pdf") for sha in shas])
    print(f"a whole page of 50 PDF thumbnails, cold: {t:.3f} s ({t / 50 * 1000:.1f} ms each; "
          f"{sum(thumbnails.cached_path(root, s).stat().st_size for s in shas) / 50 / 1024:.1f} KB each)")


def _time(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--open", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    from app.plugins import install

    install()
    from app.services import Services
    from auditpack.records import DocumentQuery, Status
    from auditpack.store import SqlStore

    with tempfile.TemporaryDirectory() as tmp:
        store = SqlStore.connect(args.url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        t_fill, shas = _time(lambda: _fill(store, args.documents, args.seed))
        print(f"stored {args.documents} documents in {t_fill:.1f} s ({store.engine.dialect.name})")
        services = Services(workspace=None, store=store)  # type: ignore[arg-type] - no stage is used
        cases = {
            "first page (50, by ingested_at)": DocumentQuery(),
            "filtered page (invoice, by date desc)": DocumentQuery(kind="invoice", sort="date", descending=True),
            "inbox page": DocumentQuery(inbox=True),
            "status needs_attention by filename": DocumentQuery(status=Status.NEEDS_ATTENTION, sort="filename"),
            "deep page (offset 4000, by record_count)": DocumentQuery(sort="record_count", offset=4000),
            "search one word": DocumentQuery(search="barley"),
            "search supplier phrase": DocumentQuery(search='"Valley Grain Co"'),
            "search one invoice number": DocumentQuery(search=f"INV-{args.documents // 2}"),
            "search + inbox": DocumentQuery(search="barley lentils", inbox=True),
        }
        print(f"{'query':45} {'total':>6} {'seconds':>8}")
        for label, query in cases.items():
            services.documents(query)  # warm the page cache once, as a UI that is open would be
            t, page = _time(lambda: services.documents(query))
            print(f"{label:45} {page.total:>6} {t:>8.4f}")
        rnd = random.Random(args.seed)
        opens = []
        for sha in rnd.sample(shas, min(args.open, len(shas))):
            t, _ = _time(lambda: services.document_detail(sha[:12]))
            opens.append(t)
        print(f"open {len(opens)} documents (info + records + corrections): median {statistics.median(opens):.4f} s, "
              f"max {max(opens):.4f} s")
        target = next(s for s in shas if store.get_document(s).kind == "invoice")
        rec = store.records(document_sha256=target)[0]
        t, _ = _time(lambda: services.correct(target, rec.id, "po_number", "PO-1", "bench", "staff", revision=0))
        print(f"one correction (validate, store, refresh the row, reopen): {t:.4f} s")
        t, records = _time(lambda: store.records())
        print(f"all current records with the overlay ({len(records)}): {t:.3f} s")
        _thumbnails(Path(tmp) / "ws", services.documents(DocumentQuery()))
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
