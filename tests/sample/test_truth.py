"""truth.json: records in the record contract, documents in several layouts, sizes as promised."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from auditpack.records.kinds import MODEL_BY_KIND, RecordKind
from auditpack.records.provenance import SourceRef

DOC_KINDS = {"supplier_certificate", "invoice", "cleaning_log", "organic_system_plan", "product_profile",
             "batch_record", "pest_control_log"}


def test_every_truth_record_validates_against_the_record_models(truth):
    count = 0
    for doc in truth["documents"]:
        for i, rec in enumerate(doc["records"]):
            fields = {k: v for k, v in rec.items() if k != "page"}
            model = MODEL_BY_KIND[RecordKind(rec["kind"])]
            source = SourceRef(document_sha256="0" * 64, filename=doc["file"], page=rec["page"],
                               extraction_method="generated")
            built = model.model_validate({**fields, "id": f"{doc['file']}#{i}", "source": source})
            # every field of the kind is present in the truth, named as in the contract
            expected = set(model.model_fields) - {"id", "source", "field_sources", "missing_fields"}
            assert expected <= set(rec), f"{doc['file']}: missing {expected - set(rec)}"
            assert built.kind == rec["kind"]
            count += 1
    assert count > 300


def test_small_has_about_sixty_documents_of_every_kind(truth, sample_small: Path):
    docs = truth["documents"]
    assert 50 <= len(docs) <= 75
    assert {d["kind"] for d in docs} == DOC_KINDS
    for d in docs:
        assert (sample_small / d["file"]).is_file(), d["file"]
        assert all(1 <= r["page"] <= d["pages"] for r in d["records"]), d["file"]


def test_each_document_kind_comes_in_several_layouts(truth):
    layouts: dict[str, set[str]] = {}
    for d in truth["documents"]:
        layouts.setdefault(d["kind"], set()).add(d["layout"])
    assert len(layouts["supplier_certificate"]) >= 3
    assert {"oid_2024", "certifier_letterhead", "scanned_letterhead"} <= layouts["supplier_certificate"]
    assert len(layouts["invoice"] - {"invoice_xlsx", "multi_invoice_pdf"}) >= 3 and "invoice_xlsx" in layouts["invoice"]
    assert {"sanitation_pdf_form", "cleaning_csv_export"} <= layouts["cleaning_log"]
    assert len(layouts["cleaning_log"]) >= 3
    for kind in ("product_profile", "batch_record", "pest_control_log"):
        assert len(layouts[kind]) >= 2, kind


def test_multi_document_pdfs_place_records_on_later_pages(truth):
    multi = [d for d in truth["documents"] if d["layout"] in ("multi_invoice_pdf", "oid_with_cover_letter")]
    assert {d["layout"] for d in multi} == {"multi_invoice_pdf", "oid_with_cover_letter"}
    invoices = next(d for d in multi if d["layout"] == "multi_invoice_pdf")
    assert [r["page"] for r in invoices["records"]] == [1, 2]
    letters = [d for d in multi if d["layout"] == "oid_with_cover_letter"]
    assert all(d["pages"] == 3 and d["records"][0]["page"] == 2 for d in letters)


def test_operation_describes_three_facilities_with_shared_equipment(truth):
    op = truth["operation"]
    assert len(op["facilities"]) == 3 and all(f["equipment"] for f in op["facilities"])
    runs = Counter()
    for d in truth["documents"]:
        for r in d["records"]:
            if r["kind"] == "batch_record":
                runs[(r["equipment"], r["run_type"])] += 1
    shared = {eq for eq, rt in runs if rt == "organic"} & {eq for eq, rt in runs if rt == "conventional"}
    assert shared, "some equipment must run both organic and conventional products"
    categories = {p["label_category"] for p in op["products"] if p["label_category"]}
    assert {"100_percent_organic", "organic", "made_with_organic"} <= categories
