"""Builds one package (audit package or renewal submission) from a Dataset:
section contexts -> DOCX (docxtpl) -> PDF (one LibreOffice call) -> combined
PDF with bookmarks -> manifest.json -> zip."""
from __future__ import annotations

import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from generators.assemble import appendix_pdf, combined_pdf, draw_sheets, finish_evidence, manifest_json, prepare_evidence, sha256_file, write_zip
from generators.checklist import build_checklist
from generators.convert import normalize_docx, normalize_pdf, to_pdf
from generators.dataset import Dataset
from generators.errors import ConversionError, ProfileError
from generators.models import ChecklistItem, PackageResult, SectionRequest, SectionSpec
from generators.sections import section_builders
from generators.profiles import template_path
from generators.render import render_docx

Progress = Callable[[str, int, int], None]


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "operation"


class PackageBuilder:
    def __init__(self, ds: Dataset, kind: str, sections: list[SectionSpec], out_dir: Path, root: Path,
                 pdf: bool = True, trace_lots: list[str] | None = None, previous_osp=None,  # noqa: ANN001
                 year: int | None = None, corpus_date: str | None = None,
                 on_progress: Progress | None = None) -> None:
        self.ds, self.kind, self.specs, self.out_dir, self.root = ds, kind, sections, out_dir, root
        self.pdf, self.trace_lots, self.previous_osp, self.year = pdf, trace_lots, previous_osp, year
        self.corpus_date, self.on_progress = corpus_date, on_progress or (lambda s, d, t: None)
        self.operation = ds.settings.operation.name or (ds.osp.operation_name if ds.osp else None) or "Operation"
        self.plan = [(str(i), spec, self._file_name(i, spec)) for i, spec in enumerate(sections, 1)]
        self.total_steps = len(sections) + (3 if pdf else 1)
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

    def contexts(self) -> tuple[dict[str, dict], list[ChecklistItem]]:
        ctx: dict[str, dict] = {}
        builders = section_builders()
        request = SectionRequest(trace_lots=self.trace_lots, previous_osp=self.previous_osp,
                                 titles={spec.id: f"{n}. {spec.title}" for n, spec, _ in self.plan})
        sections = [spec for _, spec, _ in self.plan if spec.id != "cover"]
        for spec in sorted(sections, key=lambda s: builders[s.id].last):  # stable: `last` ones at the end
            ctx[spec.id] = builders[spec.id].build(self.ds, spec.id, request)
        checklist = build_checklist(self.ds, [(n, s, f"{f}.pdf" if self.pdf else f"{f}.docx")
                                              for n, s, f in self.plan]) if self.kind == "package" else []
        letter = self.ds.profile.renewal_letter if self.kind == "renewal" else self.ds.profile.cover_letter
        values = {"operation": self.operation, "certifier": self.ds.profile.name, "period": self.ds.period_text,
                  "year": self.year or ""}
        try:
            lines = [line.format_map(values) for line in letter]
        except (KeyError, ValueError) as exc:
            raise ProfileError(f"profile {self.ds.profile.id}: cover letter placeholder {exc} unknown; "
                               f"use {{{'}, {'.join(values)}}}") from exc
        ctx["cover"] = {"letter": lines, "checklist": [c.model_dump() | {"status": c.status.replace("_", " ")}
                                                       for c in checklist],
                        "index": [{"number": n, "title": s.title, "form": s.form or "-",
                                   "file": f"{f}.pdf" if self.pdf else f"{f}.docx"} for n, s, f in self.plan]}
        return ctx, checklist

    def build(self) -> PackageResult:
        docx_dir, pdf_dir = self.out_dir / "docx", self.out_dir / "pdf"
        docx_dir.mkdir(parents=True, exist_ok=True)
        ctx, checklist = self.contexts()
        docx_files: list[tuple[str, SectionSpec, Path]] = []
        for number, spec, fname in self.plan:
            out = docx_dir / f"{fname}.docx"
            render_docx(template_path(self.ds.profile, spec.template or f"{spec.id}.docx"),
                        {"doc": self._doc(number, spec), **ctx[spec.id]}, out)
            normalize_docx(out)
            docx_files.append((number, spec, out))
            self._tick(f"section {number} {spec.title}")
        warnings: list[str] = []
        written = [f for _, _, f in docx_files]
        combined = None
        if self.pdf:
            combined, pdf_files = self._pdfs(docx_files, pdf_dir, warnings)
            written += pdf_files + [combined]
        manifest = self._manifest(docx_files, written, checklist, warnings)
        (self.out_dir / "manifest.json").write_text(manifest_json(manifest), encoding="utf-8")
        written.append(self.out_dir / "manifest.json")
        zip_path = self.out_dir / f"{self._prefix()}.zip"
        write_zip(self.out_dir, written, zip_path)
        self._tick("zip")
        return PackageResult(zip_path=zip_path, out_dir=self.out_dir, manifest=manifest, checklist=checklist,
                             warnings=warnings)

    def _prefix(self) -> str:
        start, end = self.ds.period
        what = f"renewal-{self.year}" if self.kind == "renewal" else f"package-{start:%Y%m%d}-{end:%Y%m%d}"
        return f"{self.ds.profile.id}-{slug(self.operation).lower()}-{what}"

    def _pdfs(self, docx_files, pdf_dir: Path, warnings: list[str]) -> tuple[Path, list[Path]]:  # noqa: ANN001
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
            section_pdfs = []
            for number, spec, docx in docx_files:
                if docx not in done:
                    raise ConversionError(f"LibreOffice could not convert {docx.name} to PDF")
                target = pdf_dir / f"{docx.stem}.pdf"
                shutil.copyfile(done[docx], target)
                normalize_pdf(target)
                section_pdfs.append((f"{number}. {spec.title}", target))
            evidence_title = next((t for (_, spec, _), (t, _) in zip(docx_files, section_pdfs)
                                   if spec.id == "evidence"), None)
            if evidence_title:
                index_pdf = work / "evidence-index.pdf"
                target = next(p for t, p in section_pdfs if t == evidence_title)
                shutil.copyfile(target, index_pdf)
                ev_list = [(f"{d.ref} {d.info.filename}", pdfs[d.info.sha256]) for d in evidence_docs]
                warnings += appendix_pdf((evidence_title, index_pdf), ev_list, target)
            combined = self.out_dir / f"{self._prefix()}-combined.pdf"
            combined_pdf(section_pdfs, combined, evidence_title)
            self._tick("combined PDF with bookmarks")
        return combined, [p for _, p in section_pdfs]

    def _manifest(self, docx_files, written: list[Path], checklist, warnings: list[str]) -> dict:  # noqa: ANN001
        ds = self.ds
        counts: dict[str, int] = {}
        for r in ds.records:
            counts[r.kind.value] = counts.get(r.kind.value, 0) + 1
        by_status: dict[str, int] = {}
        by_severity: dict[str, int] = {}
        for f in ds.findings:
            by_status[f.status.value] = by_status.get(f.status.value, 0) + 1
            by_severity[f.finding.severity] = by_severity.get(f.finding.severity, 0) + 1
        return {
            "kind": self.kind, "certifier": {"id": ds.profile.id, "name": ds.profile.name},
            "operation": self.operation, "period": [ds.period[0].isoformat(), ds.period[1].isoformat()],
            "year": self.year,
            "sections": [{"number": n, "id": s.id, "title": s.title, "form": s.form, "docx": f"docx/{f}.docx",
                          "pdf": f"pdf/{f}.pdf" if self.pdf else None} for n, s, f in self.plan],
            "files": [{"path": p.relative_to(self.out_dir).as_posix(), "sha256": sha256_file(p),
                       "bytes": p.stat().st_size} for p in sorted(written)],
            "record_counts": dict(sorted(counts.items())),
            "findings": {"total": len(ds.findings), "by_status": dict(sorted(by_status.items())),
                         "by_severity": dict(sorted(by_severity.items())),
                         "items": [{"id": f.finding.id, "rule_id": f.finding.rule_id, "status": f.status.value,
                                    "subject": f.finding.subject.key, "decided_by": f.decided_by}
                                   for f in ds.findings]},
            "checklist": [c.model_dump() for c in checklist],
            "evidence": [{"ref": d.ref, "filename": d.info.filename, "sha256": d.info.sha256}
                         for d in ds.evidence.docs.values()],
            "corpus_version_date": self.corpus_date,
            "warnings": sorted(warnings),
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }


def renewal_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
