"""Open the generated package the way a user would and check the numbers they check."""
from __future__ import annotations

import json
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from tests.generators.fixtures import CLEANING_EXCEPTIONS, GRANOLA_PCT
from tests.generators.inspect_pages import docx_text, pages_with_ink_in_the_margin

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def package(operation, tmp_path_factory, no_soffice_skip):
    from generators.api import build_package

    ws, store, info = operation
    out = tmp_path_factory.mktemp("pkg")
    steps = []
    result = build_package(ws, store, "generic-nop", out, on_progress=lambda s, d, t: steps.append((s, d, t)),
                           allow_open=True)  # three findings are open on purpose
    return result, info, steps


def _section(result, sid):
    sec = next(s for s in result.manifest["sections"] if s["id"] == sid)
    return result.out_dir / sec["docx"], result.out_dir / sec["pdf"]


def test_zip_holds_every_file_of_the_manifest(package):
    result, _, steps = package
    names = set(zipfile.ZipFile(result.zip_path).namelist())
    assert {f["path"] for f in result.manifest["files"]} | {"manifest.json"} == names
    assert len(result.manifest["sections"]) == 10
    assert steps[-1][1] == steps[-1][2]  # progress ends at its total


def test_percent_organic_shown_step_by_step(package):
    result, _, _ = package
    docx, pdf = _section(result, "products")
    text = docx_text(docx)
    assert f"rounded down to {GRANOLA_PCT} %" in text
    assert "80 / 92.5 x 100 = 86.49 %" in text
    assert "does NOT meet 'organic'" in text
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert f"{GRANOLA_PCT} % organic does NOT meet" in pdf_text
    assert "100 % organic meets '100 percent organic'" in pdf_text


def test_cleaning_exceptions_counted(package):
    result, _, _ = package
    docx, _ = _section(result, "cleaning")
    doc = Document(str(docx))
    summary = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert summary["Exceptions (findings on cleaning records)"] == str(CLEANING_EXCEPTIONS)
    assert summary["Cleaning events in period"] == "6"
    assert summary["Logged in real time (within 24 h)"] == "5 of 6 with an entry time (83.3 %)"
    exceptions = doc.tables[2]
    assert len(exceptions.rows) - 1 == CLEANING_EXCEPTIONS
    materials = {r.cells[0].text: r.cells[2].text for r in doc.tables[3].rows[1:]}
    assert materials == {"Peracetic acid": "yes", "Quat sanitizer": "NO"}


def test_trace_back_chain(package):
    result, _, _ = package
    docx, _ = _section(result, "traceback")
    text = docx_text(docx)
    assert "Finished lot GB-0301: Granola Bar" in text
    assert "Invoice | INV-100 | Valley Grain Co" in text
    assert "Certificate | Oregon Tilth | status certified" in text
    assert "GAPS: lot OAT-99 has no invoice" in text
    # honey was bought nonorganic (Bee Sweet has no certificate on file): not a trace-back gap
    assert "Certificate | not required | bought as nonorganic" in text
    assert "no certificate for Bee Sweet" not in text
    # the invoice line is cited on the page its lot number was read from
    e_inv = next(e["ref"] for e in result.manifest["evidence"] if e["filename"] == "inv-100.pdf")
    assert f"{e_inv}, p. 2" in text


def test_every_finding_with_its_decision(package):
    result, info, _ = package
    docx, _ = _section(result, "findings")
    text = docx_text(docx)
    for f in info["findings"]:
        assert f.subject.key in text
    assert "Accepted. Corrective action: Relabel as made with organic oats" in text
    assert "Dismissed. Reason: Paper log was entered on time; scan was late" in text
    assert text.count("Open: no decision yet") == 3
    assert result.manifest["findings"]["by_status"] == {"accepted": 1, "dismissed": 1, "open": 3}


def test_checklist_matches_what_was_ingested(package):
    result, _, _ = package
    by_type = {c.record_type: c for c in result.checklist}
    assert by_type["Records of cleaning and equipment sanitation"].status == "present"
    assert by_type["Records of cleaning and equipment sanitation"].count == 6
    assert by_type["Organic certificates from suppliers"].count == 1
    assert "05-cleaning.pdf" in by_type["Records of cleaning and equipment sanitation"].where
    assert by_type["Sales invoices and shipping records / bills of lading"].status == "missing"
    assert by_type["Water potability test"].status == "missing"  # Granola Bar uses water
    cover, _ = _section(result, "cover")
    assert "Pest management logs | present | 2 |" in docx_text(cover)


def test_combined_pdf_bookmarks_and_evidence(package):
    result, _, _ = package
    combined = next(result.out_dir.glob("*-combined.pdf"))
    reader = PdfReader(str(combined))
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert top[0] == "1. Cover letter and index" and top[-1] == "10. Evidence appendix"
    children = next(o for o in reader.outline if isinstance(o, list))
    assert [c.title for c in children][:2] == ["E-1 cert-valley.pdf", "E-2 inv-100.pdf"]
    first = reader.get_destination_page_number(children[0])
    assert "Organic certificate Valley Grain Co" in reader.pages[first].extract_text()


def test_evidence_appendix_is_its_own_pdf_in_the_zip(package):
    """An inspector can open (or forward) the appendix alone: index, then every original, bookmarked."""
    result, _, _ = package
    section = next(s for s in result.manifest["sections"] if s["id"] == "evidence")
    appendix = result.out_dir / section["pdf"]
    reader = PdfReader(str(appendix))
    assert "Evidence appendix" in reader.pages[0].extract_text()
    [top, children] = reader.outline
    assert top.title == "10. Evidence appendix"
    assert [c.title for c in children] == [f"{e['ref']} {e['filename']}" for e in result.manifest["evidence"]]
    second = reader.get_destination_page_number(children[1])
    assert "inv-100" in children[1].title and "INV-100" in reader.pages[second].extract_text().upper()
    with zipfile.ZipFile(result.zip_path) as z:
        assert section["pdf"] in z.namelist()
    listed = {f["path"]: f["sha256"] for f in result.manifest["files"]}
    assert section["pdf"] in listed


def test_manifest_is_deterministic(package, operation, tmp_path_factory):
    from generators.api import build_package

    ws, store, _ = operation
    again = build_package(ws, store, "generic-nop", tmp_path_factory.mktemp("pkg2"), allow_open=True)
    first, second = dict(package[0].manifest), dict(again.manifest)
    first.pop("generated_at"), second.pop("generated_at")
    assert first == second


def test_named_certifier_differs_and_renewal(operation, tmp_path_factory, no_soffice_skip):
    from generators.api import build_renewal

    ws, store, _ = operation
    result = build_renewal(ws, store, "ccof", 2026, tmp_path_factory.mktemp("ren"))
    ids = [s["id"] for s in result.manifest["sections"]]
    assert ids == ["cover", "affirmation", "changes", "products", "open_findings"]
    assert result.manifest["sections"][2]["docx"] == "docx/CCOF_Test-Organics-LLC_03_changes.docx"
    changes = docx_text(result.out_dir / result.manifest["sections"][2]["docx"])
    assert "Products | Granola Bar | added (in OSP of 12/01/2025)" in changes
    assert "Equipment | Oven 2 | added" in changes
    assert "Substances | Quat sanitizer | cleaning agent used in the period, not in the OSP" in changes
    assert "Substances | Bait X | pest control substance used" in changes
    open_items = docx_text(result.out_dir / result.manifest["sections"][4]["docx"])
    assert "Relabel as made with organic oats" in open_items and "Paper log" not in open_items
    affirm = PdfReader(str(result.out_dir / result.manifest["sections"][1]["pdf"])).pages[0].extract_text()
    assert "Signature" in affirm and "Test Organics LLC" in affirm
    assert json.loads((result.out_dir / "manifest.json").read_text())["kind"] == "renewal"


def test_pages_look_right_to_an_inspector(package, tmp_path):
    """Every section page rendered to PNG: no ink in the outer margin band (nothing overflows the page),
    the section heading on its first page and `Page i of n` on every page."""
    import re
    import shutil

    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils missing")
    result, _, _ = package
    for section in result.manifest["sections"]:
        if section["id"] == "evidence":
            continue  # the originals are third-party pages; the index is checked with them below
        pdf = result.out_dir / section["pdf"]
        reader = PdfReader(str(pdf))
        n = len(reader.pages)
        first = reader.pages[0].extract_text()
        assert section["title"] in first, section["id"]
        for i, page in enumerate(reader.pages, 1):
            footer = re.sub(r"\s+", " ", page.extract_text())
            assert f"Page {i} of {n}" in footer, f"{section['id']} page {i}"
        assert pages_with_ink_in_the_margin(pdf, tmp_path) == []


def test_supplier_register_splits_an_osp_entry_naming_several_ingredients(operation):
    """One OSP line 'oats; spelt, barley' is three ingredients, each checked against the certificate."""
    from auditpack.records import OspSupplier
    from generators.api import load_dataset
    from generators.sections_plan import suppliers

    ws, store, _ = operation
    ds = load_dataset(ws, store, "generic-nop")
    ds.osps = [ds.osp.model_copy(update={"suppliers": [OspSupplier(name="Valley Grain Co",
                                                                   ingredient="oats; spelt, barley")]})]
    rows = {r["ingredient"]: r for r in suppliers(ds, "suppliers")["suppliers"] if r["supplier"] == "Valley Grain Co"}
    assert {"spelt", "barley"} <= set(rows)
    oats = next(r for k, r in rows.items() if k.lower().startswith("oat") or "oats" in k.lower())
    assert oats["scope"] == "yes" and oats["verification"].startswith("Verified")
    assert rows["barley"]["scope"] == "no"
    assert not rows["barley"]["verification"].startswith("Verified")


def test_renewal_changes_list_pest_substances_not_traps(operation):
    """Door sweeps and snap traps (205.271 levels A and B) are not substances the OSP must list."""
    from auditpack.records import PestControlEntry, SourceRef
    from generators.api import load_dataset
    from generators.sections_review import changes

    ws, store, _ = operation
    ds = load_dataset(ws, store, "generic-nop")
    src = ds.pests[0].source
    ds.pests = ds.pests + [PestControlEntry(id=f"pest-extra-{lvl}", source=SourceRef(**src.model_dump()),
                                            level=lvl, material=m, facility="Plant A")
                           for lvl, m in (("A", "Door sweeps replaced"), ("B", "Snap traps"), ("C", "Boric acid bait"))]
    items = {r["item"] for r in changes(ds, "changes", ds.osps[0])["changes"]}
    assert "Boric acid bait" in items and "Bait X" in items
    assert "Snap traps" not in items and "Door sweeps replaced" not in items
