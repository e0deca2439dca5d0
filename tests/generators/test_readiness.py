"""A package that is ready, or says why (issue 15): the open-findings gate, reviewer notes kept out of the
certifier's copy, an operation the evidence does not name, and page numbers that point at the right page."""
from __future__ import annotations

import json
import re
import zipfile

import pytest
from pypdf import PdfReader

from auditpack.records import Decision, DecisionAction, Evidence, Finding, Subject, finding_id
from auditpack.store import CorpusSection
from tests.generators.fixtures import populate
from tests.generators.inspect_pages import docx_text

COVER_NAME = "Sunrise Foods Inc"  # the workspace settings; the OSP names "Test Organics LLC"
NOTE = "verify against the current eCFR"


def _critical_with_a_reviewer_note(store, info) -> Finding:
    """A critical finding whose message carries the note the knowledge stage writes for reviewers when the
    loaded regulation copy lacks a section (made by the real `attach_regulation`, not typed here)."""
    from knowledge.corpus.passages import attach_regulation

    store.replace_corpus([CorpusSection(section="205.103", citation="7 CFR 205.103", heading="Recordkeeping",
                                        text="(a) A certified operation must maintain records.",
                                        currency="pre-SOE (outdated)")], source="test")
    doc = info["findings"][3].evidence[0]
    raw = Finding(id=finding_id("CERT-MISSING", "Bee Sweet|honey"), rule_id="CERT-MISSING", severity="critical",
                  citations=["7 CFR 205.103", "7 CFR 205.270"], message="No organic certificate for Bee Sweet",
                  subject=Subject(kind="supplier_certificate", key="Bee Sweet|honey"),
                  evidence=[Evidence(document_sha256=doc.document_sha256, filename=doc.filename, page=1)])
    [noted] = attach_regulation(store, [raw])
    assert NOTE in noted.message  # the premise: reviewers do see the note
    return noted


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    ws = init_workspace(tmp_path_factory.mktemp("ready") / "ws", operation_name=COVER_NAME)
    store = open_store(ws)
    info = populate(ws, store)
    critical = _critical_with_a_reviewer_note(store, info)
    store.sync_findings(info["findings"] + [critical], actor="test")
    store.decide(Decision(finding_id=info["findings"][1].id, action=DecisionAction.ASSIGN, actor="qa.manager",
                          assignee="bob.internal"))
    yield ws, store, info, critical
    store.close()


@pytest.fixture(scope="module")
def package(workspace, tmp_path_factory, no_soffice_skip):
    from generators.api import build_package

    ws, store, _, _ = workspace
    return build_package(ws, store, "generic-nop", tmp_path_factory.mktemp("pkg"), allow_open=True)


def _section(result, sid):
    sec = next(s for s in result.manifest["sections"] if s["id"] == sid)
    return result.out_dir / sec["docx"], result.out_dir / sec["pdf"] if sec["pdf"] else None


def test_open_findings_refuse_the_build_and_say_what_is_open(workspace, tmp_path):
    from generators.api import NotReadyError, build_package

    ws, store, _, critical = workspace
    out = tmp_path / "refused"
    with pytest.raises(NotReadyError) as exc:
        build_package(ws, store, "generic-nop", out)
    r = exc.value.readiness
    assert r.open_total == 4 and list(r.open_by_severity) == ["critical", "major", "minor"]
    assert [c.rule_id for c in r.critical] == ["CERT-MISSING"]
    assert "4 findings are open" in str(exc.value) and "1 critical" in str(exc.value)
    assert any("CERT-MISSING Bee Sweet|honey" in line for line in r.lines())
    assert not out.exists()  # nothing half-built to send by mistake


def test_the_cli_refuses_without_allow_open_and_names_the_flag(workspace, tmp_path):
    from typer.testing import CliRunner

    from app.cli.main import app

    ws, _, _, _ = workspace
    res = CliRunner().invoke(app, ["-w", str(ws.root), "package", "--certifier", "generic-nop",
                                   "--out", str(tmp_path / "out"), "--no-pdf"])
    assert res.exit_code != 0 and "--allow-open" in str(res.exception)
    assert "4 findings are open with no decision (1 critical, 2 major, 1 minor)" in res.output
    assert "critical: CERT-MISSING Bee Sweet|honey" in res.output
    assert not (tmp_path / "out").exists()
    ok = CliRunner().invoke(app, ["-w", str(ws.root), "package", "--certifier", "generic-nop",
                                  "--out", str(tmp_path / "out"), "--no-pdf", "--allow-open"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.strip().endswith(".zip")


def test_the_cover_states_how_many_findings_were_open(package):
    cover, _ = _section(package, "cover")
    assert ("Findings open at build time (no decision yet) | 4 of 6 (1 critical, 2 major, 1 minor)"
            in docx_text(cover))
    assert package.manifest["findings"]["open_at_build"] == 4


def _every_text(result) -> dict[str, str]:
    """What the certifier receives, as text: every DOCX, every PDF page, manifest.json, from the zip."""
    texts = {}
    with zipfile.ZipFile(result.zip_path) as z:
        names = z.namelist()
    for name in names:
        path = result.out_dir / name
        if name.endswith(".docx"):
            texts[name] = docx_text(path)
        elif name.endswith(".pdf"):
            texts[name] = "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
        else:
            texts[name] = path.read_text(encoding="utf-8")
    return texts


def test_reviewer_notes_and_assignments_never_reach_the_certifiers_copy(package, workspace, tmp_path):
    from generators.api import build_package

    texts = _every_text(package)
    assert any(n.endswith("-combined.pdf") for n in texts) and len(texts) > 20
    findings_docx, _ = _section(package, "findings")
    assert "No organic certificate for Bee Sweet" in docx_text(findings_docx)  # the finding itself is there
    for name, text in texts.items():
        flat = re.sub(r"\s+", " ", text)
        assert NOTE not in flat and "eCFR" not in flat, name
        assert "bob.internal" not in flat, name
    ws, store, _, _ = workspace
    internal = build_package(ws, store, "generic-nop", tmp_path / "internal", pdf=False, allow_open=True,
                             internal=True)
    text = docx_text(_section(internal, "findings")[0])
    assert NOTE in text and "assigned to bob.internal" in text
    assert "INTERNAL COPY" in docx_text(_section(internal, "cover")[0]) and "-internal" in internal.zip_path.name


def test_an_operation_the_evidence_does_not_name_is_flagged(package, workspace):
    cover, _ = _section(package, "cover")
    text = docx_text(cover)
    assert f"Operation name check: The cover names '{COVER_NAME}' (workspace settings), but the Organic " \
           "System Plan of 2025-12-01" in text and "names 'Test Organics LLC'" in text
    assert any(w.startswith("operation name: ") for w in package.manifest["warnings"])


def test_buyer_names_on_invoices_are_compared_with_the_cover(workspace):
    from generators.api import load_dataset
    from generators.operation_check import operation_mismatches

    ws, store, _, _ = workspace
    ds = load_dataset(ws, store, "generic-nop")
    [inv, other] = ds.invoices[:2]
    ds.invoices[:2] = [inv.model_copy(update={"buyer_name": "SUNRISE FOODS, INC."}),  # the same, spelled otherwise
                       other.model_copy(update={"buyer_name": "Moonset Snacks LLC"})]
    warnings = operation_mismatches(ds)
    assert any("1 of 2 invoices name 'Moonset Snacks LLC' as the buyer" in w for w in warnings), warnings
    assert not any("SUNRISE" in w for w in warnings)


def test_contents_and_evidence_index_give_the_page_each_starts_on(package):
    """Read the combined PDF back: the page the cover states for each section is where its bookmark points
    and its heading is printed; the page the evidence index states for each exhibit is its first page
    (stamped E-n p. 1/m)."""
    combined = next(package.out_dir.glob("*-combined.pdf"))
    reader = PdfReader(str(combined))
    cover_docx, _ = _section(package, "cover")
    from docx import Document

    contents = next(t for t in Document(str(cover_docx)).tables if t.rows[0].cells[-1].text == "Page")
    stated = {r.cells[1].text: int(r.cells[-1].text) for r in contents.rows[1:]}
    assert len(stated) == len(package.manifest["sections"])
    bookmarks = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline if not isinstance(o, list)}
    for sec in package.manifest["sections"]:
        page = stated[sec["title"]]
        assert bookmarks[f"{sec['number']}. {sec['title']}"] == page, sec["title"]
        footer = re.sub(r"\s+", " ", reader.pages[page - 1].extract_text())
        assert f"Section {sec['number']}: {sec['title']} Page 1 of" in footer, sec["title"]  # its first page
        assert sec["start_page"] == page
    cover_pdf_text = reader.pages[0].extract_text() + reader.pages[1].extract_text()
    assert re.search(rf"Evidence appendix.*\b{stated['Evidence appendix']}\b", cover_pdf_text.replace("\n", " "))
    evidence_docx, _ = _section(package, "evidence")
    index = Document(str(evidence_docx)).tables[0]
    head = [c.text for c in index.rows[0].cells]
    col = head.index("Starts on page")
    rows = [(r.cells[0].text, int(r.cells[col].text)) for r in index.rows[1:]]
    assert [ref for ref, _ in rows] == [e["ref"] for e in package.manifest["evidence"]]
    for ref, page in rows:
        text = reader.pages[page - 1].extract_text()
        assert f"{ref} p. 1/" in text, (ref, page)
        assert f"{ref} p. 1/" not in reader.pages[page - 2].extract_text()
    assert json.loads((package.out_dir / "manifest.json").read_text())["evidence"][0]["start_page"] == rows[0][1]


def test_records_dated_outside_the_period_are_counted_before_building(workspace):
    """A period that leaves records out says which, how many and when, in the readiness summary (CLI lines,
    the Generate tab); the whole span of the records leaves nothing out and says nothing."""
    from datetime import date

    from generators.api import readiness
    from review_ui.generate_view import readiness_html

    ws, store, _, _ = workspace
    r, _ = readiness(ws, store, "generic-nop", period=(date(2026, 3, 1), date(2026, 3, 31)))
    assert r.period_warnings == ["2 invoice records dated 2026-02-01 to 2026-02-03 (2 before the period "
                                 "2026-03-01 to 2026-03-31) are left out of the package."]
    assert "Period: 2 invoice records dated 2026-02-01 to 2026-02-03" in "\n".join(r.lines())
    assert "ap-ready-period" in readiness_html(r) and "2 invoice records" in readiness_html(r)
    late, _ = readiness(ws, store, "generic-nop", period=(date(2026, 2, 1), date(2026, 3, 1)))
    kinds = " ".join(late.period_warnings)
    assert "after the period" in kinds and "invoice" not in kinds  # the cleanings and batches after March 1
    whole, _ = readiness(ws, store, "generic-nop")
    assert whole.period_warnings == []
