"""Teach once: one corrected document of a layout the readers do not know teaches a profile, and the other
documents of that layout are then read right. Documents are generated here (bench/teach_once.py), never shipped."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.teach_once import FIELDS, LAYOUTS as BENCH_LAYOUTS, corrections, generate, load, score
from ingest.models import Line, LoadedDocument, Page
from ingest.pipeline import parse_document
from ingest.profiles.api import Correction, ProfileError, best_match, teach

# All five layouts of the bench (PDF label beside value, PDF label over value, XLSX fixed form, DOCX label/value
# table, PDF line table), four documents each: the 20 documents of issue 13's "done when"
LAYOUTS = tuple(BENCH_LAYOUTS)
PER_LAYOUT = 4


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    folder = tmp_path_factory.mktemp("teach")
    return {layout: [(load(p), t) for p, t in generate(folder, layout, PER_LAYOUT, seed=11)] for layout in LAYOUTS}


@pytest.fixture(scope="module")
def taught(generated: dict[str, list]) -> dict:
    return {layout: teach(docs[0][0], corrections(*docs[0]), kind="invoice", name=f"t-{layout}")
            for layout, docs in generated.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_other_documents_of_a_taught_layout_are_read_right(generated: dict, taught: dict, layout: str) -> None:
    rest = generated[layout][1:]
    fields = len(rest) * len(FIELDS)
    before = sum(score(parse_document(d, embeddings="hash", profiles=[]).records, t) for d, t in rest) / fields
    after_results = [parse_document(d, embeddings="hash", profiles=[taught[layout].profile]) for d, _ in rest]
    after = sum(score(a.records, t) for a, (_, t) in zip(after_results, rest)) / fields
    # The readers improve (the DOCX label/value pairs went from 1 of 3 fields to 2 of 3 in session 8): the
    # condition is that teaching still has something to add, as the 0.98 bar asks
    assert before < 0.98, f"{layout} is read right without teaching ({before:.2f}): no test of teaching"
    assert after >= 0.98, (layout, after, taught[layout].hinted)
    assert all(a.kind == "invoice" for a in after_results)
    assert all(any(f"t-{layout}" in p.message for p in a.problems) for a in after_results)  # the user is told


def test_values_read_by_a_profile_keep_where_they_were_read(generated: dict, taught: dict) -> None:
    doc, truth = generated["form"][1]
    r = parse_document(doc, embeddings="hash", profiles=[taught["form"].profile]).records[0]
    assert r["total"] == pytest.approx(truth.total)
    src = r["field_sources"]["total"]
    assert src["cell"] == "Form!D9" and src["extraction_method"] == "cell" and src["document_sha256"] == doc.sha256
    assert src["confidence"] >= 0.9


def test_a_taught_profile_fits_only_its_own_layout(generated: dict, taught: dict) -> None:
    for layout, t in taught.items():
        for other, docs in generated.items():
            fits = [best_match(d, [t.profile]) is not None for d, _ in docs]
            assert all(fits) if other == layout else not any(fits), (layout, other, fits)


def test_a_value_no_label_locates_is_kept_as_typed_only_and_said_so(generated: dict) -> None:
    doc, truth = generated["voucher"][0]
    fixes = [Correction(field="invoice_number", value=truth.invoice_number),
             Correction(field="po_number", value="PO-77-NOWHERE")]  # typed, printed nowhere
    result = teach(doc, fixes, kind="invoice")
    assert set(result.profile.fields) == {"invoice_number"}
    assert result.hinted["invoice_number"] == "label 'Voucher ref'"
    assert "typed value" in result.typed_only["po_number"]


def test_nothing_locatable_is_refused_with_the_reason() -> None:
    doc = LoadedDocument(sha256="0" * 64, filename="x.pdf", media_type="application/pdf",
                         pages=[Page(number=1, text="Hello", lines=[Line(text="Hello")])])
    with pytest.raises(ProfileError, match="nothing a profile could find"):
        teach(doc, [Correction(field="invoice_number", value="A-123")], kind="invoice")


def test_the_kind_is_inferred_from_the_corrected_fields_when_unambiguous(generated: dict) -> None:
    doc, truth = generated["voucher"][0]
    result = teach(doc, [Correction(field="invoice_number", value=truth.invoice_number),
                         Correction(field="lines[0].unit_price", value="1")])
    assert result.profile.kind == "invoice"


def test_teaching_leaves_no_file(tmp_path: Path, generated: dict) -> None:
    before = sorted(tmp_path.iterdir())
    doc, truth = generated["pairs"][0]
    teach(doc, corrections(doc, truth), kind="invoice")
    assert sorted(tmp_path.iterdir()) == before  # teaching is pure: saving is `save_profile`'s job


def test_the_date_order_is_learnt_from_the_correction_when_the_page_cannot_tell() -> None:
    """03.04.2025 reads either way; the person said 3 April, so the layout writes the day first, and a later
    document's 02.12.2025 is the 2nd of December."""
    lines = ["Ostara Grain Cooperative", "Slip: LS-1", "Booked on: 03.04.2025"]
    doc = LoadedDocument(sha256="1" * 64, filename="a.pdf", media_type="application/pdf",
                         pages=[Page(number=1, text="\n".join(lines), lines=[Line(text=t) for t in lines])])
    result = teach(doc, [Correction(field="invoice_number", value="LS-1"),
                         Correction(field="invoice_date", value="2025-04-03")], kind="invoice")
    assert result.profile.dayfirst is True
