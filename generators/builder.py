"""Builds one package (audit package or renewal submission) from a Dataset:
section contexts -> DOCX (docxtpl) -> PDF (one LibreOffice call) -> page
numbers in the contents and the evidence index -> combined PDF with
bookmarks -> manifest.json -> zip."""
from __future__ import annotations

import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generators.assemble import (
    appendix_pdf, combined_pdf, draw_sheets, finish_evidence, manifest_json, prepare_evidence, write_zip,
)
from generators.checklist import build_checklist
from generators.convert import normalize_docx, normalize_pdf, to_pdf
from generators.dataset import Dataset
from generators.errors import ConversionError, ProfileError
from generators.manifest import package_manifest
from generators.models import ChecklistItem, PackageResult, SectionRequest, SectionSpec
from generators.paging import NO_PAGE, PageNumbers, page_count
from generators.readiness import Readiness, assess
from generators.sections import section_builders
from generators.profiles import template_path
from generators.render import render_docx

Progress = Callable[[str, int, int], None]
MAX_LAYOUTS = 3  # renderings of the cover and the evidence index until their page numbers are stable
INTERNAL_NOTE = ("INTERNAL COPY for the review team: it keeps the reviewers' notes and assignments. "
                 "Send the certifier the package built without --internal.")


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "operation"


def _open_text(r: Readiness, total: int) -> str:
    if not r.open_total:
        return f"none of {total}: every finding has a decision"
    return f"{r.open_total} of {total} (" + ", ".join(f"{n} {s}" for s, n in r.open_by_severity.items()) + ")"


class PackageBuilder:
    def __init__(self, ds: Dataset, kind: str, sections: list[SectionSpec], out_dir: Path, root: Path,
                 pdf: bool = True, trace_lots: list[str] | None = None, previous_osp=None,  # noqa: ANN001
                 year: int | None = None, corpus_date: str | None = None,
                 on_progress: Progress | None = None) -> None:
        self.ds, self.kind, self.specs, self.out_dir, self.root = ds, kind, sections, out_dir, root
        self.pdf, self.trace_lots, self.previous_osp, self.year = pdf, trace_lots, previous_osp, year
        self.corpus_date, self.on_progress = corpus_date, on_progress or (lambda s, d, t: None)
        self.operation = ds.cover_operation
        self.plan = [(str(i), spec, self._file_name(i, spec)) for i, spec in enumerate(sections, 1)]
        # contexts (one per section but the cover), DOCX per section, then convert, number pages, combine; zip
        self.total_steps = 2 * len(sections) - 1 + (4 if pdf else 1)
        self.step = 0

    def _file_name(self, number: int, spec: SectionSpec) -> str:
        try:
            return self.ds.profile.file_naming.format(number=number, id=spec.id, title_slug=slug(spec.title),
                                                      operation_slug=slug(self.operation),
                                                      certifier=self.ds.profile.id)
        except (KeyError, ValueError, IndexError) as exc:
            raise ProfileError(f"profile {self.ds.profile.id}: file_naming {self.ds.profile.file_naming!r}: {exc}; "
                               "use {number}, {id}, {title_slug}, {operation_slug}, {certifier}") from exc

    def _tick(self, what: str) -> None:
        self.step += 1
        self.on_progress(what, self.step, self.total_steps)

    def _doc(self, number: str, spec: SectionSpec) -> dict:
        p, ds = self.ds.profile, self.ds
        title = p.renewal_title if self.kind == "renewal" else p.package_title
        return {"number": number, "title": spec.title, "intro": spec.intro, "form": spec.form,
                "operation": self.operation, "certifier": p.name, "period": ds.period_text,
                "kind_title": title + (f" {self.year}" if self.year else ""), "nop_id": ds.settings.operation.nop_id
                or "-", "records_as_of": ds.fmt.date(ds.records_as_of),
                "header": f"{self.operation} - {title} - {p.short_name or p.name}",
                "footer": f"Section {number}: {spec.title}"}

    def checklist(self) -> list[ChecklistItem]:
        """The records-completeness checklist; cheap (counts), no section is built."""
        if self.kind != "package":
            return []
        return build_checklist(self.ds, [(n, s, f"{f}.pdf" if self.pdf else f"{f}.docx") for n, s, f in self.plan])

    def readiness(self) -> Readiness:
        return assess(self.ds, self.checklist())

    def contexts(self, readiness: Readiness | None = None) -> tuple[dict[str, dict], list[ChecklistItem]]:
        ctx: dict[str, dict] = {}
        builders = section_builders()
        request = SectionRequest(trace_lots=self.trace_lots, previous_osp=self.previous_osp,
                                 titles={spec.id: f"{n}. {spec.title}" for n, spec, _ in self.plan})
        sections = [spec for _, spec, _ in self.plan if spec.id != "cover"]
        for spec in sorted(sections, key=lambda s: builders[s.id].last):  # stable: `last` ones at the end
            ctx[spec.id] = builders[spec.id].build(self.ds, spec.id, request)
            self._tick(f"read {spec.title}")
        checklist = self.checklist()
        readiness = readiness or assess(self.ds, checklist)
        letter = self.ds.profile.renewal_letter if self.kind == "renewal" else self.ds.profile.cover_letter
        values = {"operation": self.operation, "certifier": self.ds.profile.name, "period": self.ds.period_text,
                  "year": self.year or ""}
        try:
            lines = [line.format_map(values) for line in letter]
        except (KeyError, ValueError) as exc:
            raise ProfileError(f"profile {self.ds.profile.id}: cover letter placeholder {exc} unknown; "
                               f"use {{{'}, {'.join(values)}}}") from exc
        pages_note = ("Page: where the section starts in the combined PDF." if self.pdf else
                      "This package was written without PDF; the combined PDF and its page numbers are absent.")
        ctx["cover"] = {"letter": lines, "checklist": [c.model_dump() | {"status": c.status.replace("_", " ")}
                                                       for c in checklist],
                        "index": [{"number": n, "title": s.title, "form": s.form or "-", "page": NO_PAGE,
                                   "file": f"{f}.pdf" if self.pdf else f"{f}.docx"} for n, s, f in self.plan],
                        "open_at_build": _open_text(readiness, len(self.ds.findings)),
                        "copy_note": INTERNAL_NOTE if self.ds.internal else "",
                        "name_warnings": readiness.operation_warnings, "pages_note": pages_note}
        return ctx, checklist

    def _render(self, number: str, spec: SectionSpec, ctx: dict[str, dict], out: Path) -> Path:
        render_docx(template_path(self.ds.profile, spec.template or f"{spec.id}.docx"),
                    {"doc": self._doc(number, spec), **ctx[spec.id]}, out)
        normalize_docx(out)
        return out

    def build(self, readiness: Readiness | None = None) -> PackageResult:
        docx_dir, pdf_dir = self.out_dir / "docx", self.out_dir / "pdf"
        docx_dir.mkdir(parents=True, exist_ok=True)
        readiness = readiness or self.readiness()
        ctx, checklist = self.contexts(readiness)
        docx_files: list[tuple[str, SectionSpec, Path]] = []
        for number, spec, fname in self.plan:
            docx_files.append((number, spec, self._render(number, spec, ctx, docx_dir / f"{fname}.docx")))
            self._tick(f"section {number} {spec.title}")
        warnings: list[str] = [f"operation name: {w}" for w in readiness.operation_warnings]
        warnings += [f"period: {w}" for w in readiness.period_warnings]
        written = [f for _, _, f in docx_files]
        pages = None
        if self.pdf:
            combined, pdf_files, pages = self._pdfs(ctx, docx_files, pdf_dir, warnings)
            written += pdf_files + [combined]
        manifest = package_manifest(self.ds, self.kind, self.operation, self.year, self.plan, self.pdf, self.out_dir,
                                    written, checklist, warnings, readiness, pages, self.corpus_date)
        (self.out_dir / "manifest.json").write_text(manifest_json(manifest), encoding="utf-8")
        written.append(self.out_dir / "manifest.json")
        zip_path = self.out_dir / f"{self._prefix()}.zip"
        write_zip(self.out_dir, written, zip_path)
        self._tick("zip")
        return PackageResult(zip_path=zip_path, out_dir=self.out_dir, manifest=manifest, checklist=checklist,
                             warnings=warnings, readiness=readiness)

    def _prefix(self) -> str:
        start, end = self.ds.period
        what = f"renewal-{self.year}" if self.kind == "renewal" else f"package-{start:%Y%m%d}-{end:%Y%m%d}"
        copy = "-internal" if self.ds.internal else ""
        return f"{self.ds.profile.id}-{slug(self.operation).lower()}-{what}{copy}"

    def _number_pages(self, ctx: dict[str, dict], docx_files, pdf_of: dict[Path, Path],  # noqa: ANN001
                      exhibit_pages: list[int], work: Path, warnings: list[str]) -> PageNumbers:
        """Write first pages into the cover's contents and the evidence index, render those two again and
        repeat until the page counts numbered from are the page counts laid out (see generators/paging.py)."""
        ids = [spec.id for _, spec, _ in docx_files]
        again = [(n, spec, docx) for n, spec, docx in docx_files if spec.id in ("cover", "evidence")]
        evidence_at = ids.index("evidence") if "evidence" in ids else None

        def counts() -> tuple[list[int], int]:
            own = [page_count(pdf_of[docx]) for _, _, docx in docx_files]
            index = own[evidence_at] if evidence_at is not None else 0
            if evidence_at is not None:
                own[evidence_at] += sum(exhibit_pages)
            return own, index

        used = counts()
        for attempt in range(1, MAX_LAYOUTS + 1):
            pages = PageNumbers.count(used[0], evidence_at, used[1], exhibit_pages)
            pages.fill(ctx, ids)
            for number, spec, docx in again:
                self._render(number, spec, ctx, docx)
            done = to_pdf([docx for _, _, docx in again], work / f"paged-{attempt}")
            missing = [docx.name for _, _, docx in again if docx not in done]
            if missing:
                raise ConversionError(f"LibreOffice could not convert {', '.join(missing)} to PDF")
            pdf_of.update(done)
            laid_out = counts()
            if laid_out == used:
                return pages
            used = laid_out
        warnings.append("page numbers in the contents and the evidence index did not settle after "
                        f"{MAX_LAYOUTS} layouts; they may be off by a page")
        return pages

    def _pdfs(self, ctx: dict[str, dict], docx_files, pdf_dir: Path,  # noqa: ANN001
              warnings: list[str]) -> tuple[Path, list[Path], PageNumbers]:
        pdf_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="auditpack-pkg-") as tmp:
            work = Path(tmp)
            evidence_docs = list(self.ds.evidence.docs.values()) if any(s.id == "evidence" for s in self.specs) else []
            plan = prepare_evidence(evidence_docs, self.root, work / "evidence")
            pdfs, office = plan.pdfs, plan.office
            sources = [f for _, _, f in docx_files] + sorted(office)
            # LibreOffice works in its own process; draw the spreadsheets meanwhile (two cores, half the wait)
            with ThreadPoolExecutor(max_workers=1) as pool:
                converting = pool.submit(to_pdf, sources, work / "converted")
                draw_sheets(plan)
                done = converting.result()
            warnings += plan.warnings
            self._tick(f"converted {len(done)} files to PDF, drew {len(plan.sheets)} spreadsheets")
            finish_evidence(office, done, work / "evidence", pdfs, warnings)
            for _, _, docx in docx_files:
                if docx not in done:
                    raise ConversionError(f"LibreOffice could not convert {docx.name} to PDF")
            exhibits = [(f"{d.ref} {d.info.filename}", pdfs[d.info.sha256]) for d in evidence_docs]
            pdf_of = {docx: done[docx] for _, _, docx in docx_files}
            pages = self._number_pages(ctx, docx_files, pdf_of, [page_count(p) for _, p in exhibits], work, warnings)
            self._tick("page numbers in the contents and the evidence index")
            section_pdfs = []
            for number, spec, docx in docx_files:
                target = pdf_dir / f"{docx.stem}.pdf"
                shutil.copyfile(pdf_of[docx], target)
                normalize_pdf(target)
                section_pdfs.append((f"{number}. {spec.title}", target))
            evidence_title = next((t for (_, spec, _), (t, _) in zip(docx_files, section_pdfs)
                                   if spec.id == "evidence"), None)
            if evidence_title:
                index_pdf = work / "evidence-index.pdf"
                target = next(p for t, p in section_pdfs if t == evidence_title)
                shutil.copyfile(target, index_pdf)
                warnings += appendix_pdf((evidence_title, index_pdf), exhibits, target)
            combined = self.out_dir / f"{self._prefix()}-combined.pdf"
            combined_pdf(section_pdfs, combined, evidence_title)
            self._tick("combined PDF with bookmarks")
        return combined, [p for _, p in section_pdfs], pages


def renewal_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
