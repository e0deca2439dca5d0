"""bench/real_documents.py: its truth is well-formed, and its scoring says what a reader would conclude.

The truth's kinds and fields are checked against the kind declarations (no ../shared needed); its paths
against the MANIFEST of ../shared/real-documents (skipped when absent). The scoring runs on hand-made
Analyses: no bench result is asserted here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditpack.declarations import declarations
from auditpack.records import Status
from bench import real_documents
from bench.real_documents_truth import (NONE, CompanionFormat, DocTruth, coerce, expected_fields, load_truth, score,
                                        summarize)
from ingest.pipeline import Analysis

TRUTH = load_truth()


def _manifest_rows(real_docs: Path) -> dict[str, str]:
    """path -> the MANIFEST's whole table row for it."""
    rows = {}
    for line in (real_docs / "MANIFEST.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([^`]+)` \|", line)
        if m:
            rows[m.group(1)] = line
    return rows


def test_every_kind_is_declared_or_none_and_every_field_is_a_field_of_it() -> None:
    kinds = set(declarations())
    for path, doc in TRUTH.documents.items():
        assert doc.answers <= kinds | {NONE}, (path, doc.answers - kinds)
        assert doc.kind not in doc.accept, path
        if doc.kind == NONE:
            assert not doc.fields and doc.companion is None, f"{path}: a document of no kind has no fields"
            continue
        assert set(doc.fields) <= set(declarations()[doc.kind].fields), path
        for name, value in doc.fields.items():
            assert coerce(doc.kind, name, value) is not None, (path, name)
        if doc.companion:
            assert doc.companion.file in TRUTH.companions, path
            fmt = TRUTH.formats[doc.companion.format]
            assert set(fmt.fields) <= set(declarations()[doc.kind].fields), path
    assert not set(TRUTH.documents) & set(TRUTH.companions)


def test_truth_paths_are_the_manifests(real_docs: Path) -> None:
    rows = _manifest_rows(real_docs)
    listed = set(TRUTH.documents) | set(TRUTH.companions)
    assert listed - set(rows) == set(), "paths in the truth that the MANIFEST does not list"
    assert set(rows) - listed == set(), "MANIFEST paths the truth neither scores nor names as companions"
    assert all((real_docs / p).is_file() for p in listed)
    no_text = {p for p, row in rows.items() if "NO text layer" in row}
    assert no_text == {p for p, d in TRUTH.documents.items() if d.scanned}


def test_companion_values_are_read_from_the_companion_files(real_docs: Path) -> None:
    with_companion = {p: d for p, d in TRUTH.documents.items() if d.companion}
    assert with_companion
    for path, doc in with_companion.items():
        want = expected_fields(doc, real_docs, TRUTH.formats)
        assert {"invoice_number", "invoice_date"} <= set(want), path
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", want["invoice_date"]), path
        assert not str(want["invoice_number"]).startswith("#"), path


def test_expected_fields_come_from_the_companion_then_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"invoice_number": "#A-7", "date": "2024-02-03",
                                                  "amount": "1,250.50", "issuer": "x"}]), encoding="utf-8")
    fmt = CompanionFormat(root=["0"], fields={"invoice_number": "invoice_number", "invoice_date": "date",
                                              "total": "amount"}, strip={"invoice_number": "#"})
    doc = DocTruth.model_validate({"kind": "invoice", "from": {"file": "a.json", "format": "f"},
                                   "fields": {"po_number": "PO-1"}})
    assert expected_fields(doc, tmp_path, {"f": fmt}) == {"invoice_number": "A-7", "invoice_date": "2024-02-03",
                                                          "total": 1250.5, "po_number": "PO-1"}


def _analysis(*records: dict, status: Status = Status.INGESTED) -> Analysis:
    return Analysis(status=status, kind=records[0]["kind"] if records else None, records=list(records))


INVOICE = DocTruth(kind="invoice")
WANT = {"invoice_number": "A-7", "invoice_date": "2024-02-03", "total": 1250.5}


def test_a_document_read_as_its_kind_scores_its_fields_by_name() -> None:
    got = _analysis({"kind": "invoice", "invoice_number": "a-7", "invoice_date": "2024-02-03", "total": 1250.0})
    s = score("inv.pdf", INVOICE, WANT, got)
    assert s.right and s.read == "invoice" and s.records == 1
    assert s.matched == ["invoice_number", "invoice_date"] and s.missed == ["total"]


def test_the_best_record_of_a_bundle_is_compared() -> None:
    got = _analysis({"kind": "invoice", "invoice_number": "B-1"},
                    {"kind": "invoice", "invoice_number": "A-7", "invoice_date": "2024-02-03", "total": 1250.5})
    assert score("bundle.pdf", INVOICE, WANT, got).missed == []


def test_a_document_of_our_kind_left_unknown_misses_every_field() -> None:
    s = score("inv.pdf", INVOICE, WANT, _analysis(status=Status.UNKNOWN))
    assert not s.right and s.read == NONE and s.matched == [] and s.missed == list(WANT)


def test_summary_counts_claims_on_documents_of_no_kind_and_accepted_alternatives() -> None:
    cert = {"kind": "supplier_certificate", "operation_name": "X"}
    scores = [score("lab.pdf", DocTruth(kind=NONE), {}, _analysis(cert)),
              score("notice.pdf", DocTruth(kind=NONE), {}, _analysis(status=Status.UNKNOWN)),
              score("receipt.pdf", DocTruth(kind="invoice", accept=[NONE]), {}, _analysis(status=Status.UNKNOWN)),
              score("inv.pdf", INVOICE, WANT, _analysis({"kind": "invoice", "invoice_number": "A-7"})),
              score("fum.pdf", DocTruth(kind="pest_control_entry"), {}, _analysis(cert))]
    s = summarize(scores)
    assert (s.others_left, s.others, s.claimed) == (1, 2, [("lab.pdf", "supplier_certificate")])
    assert (s.ours_right, s.ours) == (2, 3) and s.by_kind["pest_control_entry"] == (0, 1)
    assert s.fields_by_kind == {"invoice": (1, 3)}
    assert s.misses_by_field == {"invoice.invoice_date": 1, "invoice.total": 1}


def test_printed_figures_name_fields_never_their_values(capsys: pytest.CaptureFixture[str]) -> None:
    private = {"kind": "invoice", "invoice_number": "ZQ-998877", "supplier_name": "Zelda Quux Private",
               "invoice_date": "2024-02-03", "total": 4321.09}
    s = score("inv.pdf", INVOICE, {**WANT, "supplier_name": "Other Person"}, _analysis(private))
    out = real_documents.table([s]) + real_documents.report(summarize([s]))
    assert "supplier_name" in out and "inv.pdf" in out
    for value in ("ZQ-998877", "Zelda", "4321", "Other Person", "A-7", "1250"):
        assert value not in out


def test_the_bench_says_so_when_the_folder_is_absent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert real_documents.main(["--root", str(tmp_path / "absent")]) == 2
    assert "not found" in capsys.readouterr().err
