"""manifest.json: what a package holds, in a form a script can compare.

Every list is sorted and nothing but `generated_at` depends on the clock, so
two packages built from the same records and decisions differ only there.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from generators.assemble import sha256_file
from generators.dataset import Dataset
from generators.models import ChecklistItem
from generators.paging import PageNumbers
from generators.readiness import Readiness


def package_manifest(ds: Dataset, kind: str, operation: str, year: int | None, plan: list, pdf: bool,
                     out_dir: Path, written: list[Path], checklist: list[ChecklistItem], warnings: list[str],
                     readiness: Readiness, pages: PageNumbers | None, corpus_date: str | None) -> dict:
    counts: dict[str, int] = {}
    for r in ds.records:
        counts[r.kind.value] = counts.get(r.kind.value, 0) + 1
    by_status: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for f in ds.findings:
        by_status[f.status.value] = by_status.get(f.status.value, 0) + 1
        by_severity[f.finding.severity] = by_severity.get(f.finding.severity, 0) + 1
    section_pages = pages.sections if pages else [None] * len(plan)
    exhibit_pages = pages.exhibits if pages and pages.exhibits else [None] * len(ds.evidence.docs)
    return {
        "kind": kind, "certifier": {"id": ds.profile.id, "name": ds.profile.name},
        "operation": operation, "period": [ds.period[0].isoformat(), ds.period[1].isoformat()],
        "year": year, "copy": "internal" if ds.internal else "certifier",
        "sections": [{"number": n, "id": s.id, "title": s.title, "form": s.form, "docx": f"docx/{f}.docx",
                      "pdf": f"pdf/{f}.pdf" if pdf else None, "start_page": page}
                     for (n, s, f), page in zip(plan, section_pages)],
        "files": [{"path": p.relative_to(out_dir).as_posix(), "sha256": sha256_file(p),
                   "bytes": p.stat().st_size} for p in sorted(written)],
        "record_counts": dict(sorted(counts.items())),
        "findings": {"total": len(ds.findings), "by_status": dict(sorted(by_status.items())),
                     "by_severity": dict(sorted(by_severity.items())),
                     "open_at_build": readiness.open_total,
                     "open_by_severity": readiness.open_by_severity,
                     "items": [{"id": f.finding.id, "rule_id": f.finding.rule_id, "status": f.status.value,
                                "subject": f.finding.subject.key, "decided_by": f.decided_by}
                               for f in ds.findings]},
        "checklist": [c.model_dump() for c in checklist],
        "evidence": [{"ref": d.ref, "filename": d.info.filename, "sha256": d.info.sha256, "start_page": page or None}
                     for d, page in zip(ds.evidence.docs.values(), exhibit_pages)],
        "corpus_version_date": corpus_date,
        "warnings": sorted(warnings),
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
