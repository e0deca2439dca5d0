"""Public service of the generators stage (used by the CLI, the demo and the review UI).

`build_package` writes the per-certifier audit package, `build_renewal` the
annual update, `completeness_checklist` the records checklist on its own and
`readiness` what is not ready yet (open findings, missing records, operation
name). `build_package` refuses while findings are open unless `allow_open`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from auditpack.records import OrganicSystemPlan, RecordKind
from auditpack.store import Store
from auditpack.workspace import Workspace
from generators.builder import PackageBuilder, renewal_period
from generators.dataset import Dataset
from generators.errors import ProfileError
from generators.models import CertifierProfile, ChecklistItem, PackageResult
from generators.profiles import get_profile, list_profiles as _list_profiles
from generators.readiness import NotReadyError, Readiness, assess

__all__ = ["build_package", "build_renewal", "completeness_checklist", "list_profiles", "readiness",
           "CertifierProfile", "ChecklistItem", "NotReadyError", "PackageResult", "Readiness"]

Progress = Callable[[str, int, int], None]


def list_profiles() -> list[CertifierProfile]:
    """Every certifier profile found (built-in and $AUDITPACK_TEMPLATES_DIR), sorted by id."""
    return sorted(_list_profiles(), key=lambda p: p.id)


def load_dataset(ws: Workspace, store: Store, certifier_id: str,
                 period: tuple[date, date] | None = None, internal: bool = False) -> Dataset:
    profile = get_profile(certifier_id)
    decisions: dict[str, list] = defaultdict(list)
    for d in store.decisions():
        decisions[d.finding_id].append(d)
    return Dataset(store.records(), store.findings(), dict(decisions), store.list_documents(), profile, period,
                   ws.settings, internal=internal)


def _corpus_date(store: Store) -> str | None:
    meta = store.get_meta("corpus") or {}
    if meta.get("version_date"):
        return str(meta["version_date"])
    dates = sorted({str(s.version_date) for s in store.corpus_sections() if getattr(s, "version_date", None)})
    return dates[-1] if dates else None


def build_package(ws: Workspace, store: Store, certifier_id: str, out_dir: Path,
                  period: tuple[date, date] | None = None, trace_lots: list[str] | None = None,
                  on_progress: Progress | None = None, pdf: bool = True, allow_open: bool = False,
                  internal: bool = False) -> PackageResult:
    """Write the audit package for `certifier_id` into `out_dir` and zip it.

    Raises `NotReadyError` (nothing written) while findings are open, unless `allow_open`: undecided
    findings reach the certifier only when someone chose to send them; the cover says how many.
    `internal` writes the review team's copy (reviewer notes and assignments kept, marked internal)."""
    if on_progress:  # reading a year of records takes seconds: say so before it starts
        on_progress("reading records, findings and decisions", 0, 0)
    ds = load_dataset(ws, store, certifier_id, period, internal=internal)
    builder = PackageBuilder(ds, "package", ds.profile.package_sections, Path(out_dir), ws.root, pdf=pdf,
                             trace_lots=trace_lots, corpus_date=_corpus_date(store), on_progress=on_progress)
    ready = builder.readiness()
    if not ready.ready and not allow_open:
        raise NotReadyError(ready)
    return builder.build(ready)


def previous_osp(store: Store, current: OrganicSystemPlan | None) -> OrganicSystemPlan | None:
    """The OSP version before `current` (superseded versions included)."""
    if current is None:
        return None
    plans = [p for p in store.records(kind=RecordKind.ORGANIC_SYSTEM_PLAN, include_superseded=True)
             if p.id != current.id and (p.updated_on or date.min) <= (current.updated_on or date.min)]
    return max(plans, key=lambda p: (p.updated_on or date.min, p.id), default=None)


def build_renewal(ws: Workspace, store: Store, certifier_id: str, year: int, out_dir: Path,
                  on_progress: Progress | None = None, pdf: bool = True) -> PackageResult:
    """Write the annual update for `year`: OSP changes, product profiles, open items, affirmation.
    Open findings are its subject (the `open_findings` section), so no readiness gate here."""
    if on_progress:
        on_progress("reading records, findings and decisions", 0, 0)
    ds = load_dataset(ws, store, certifier_id, renewal_period(year))
    if not ds.profile.renewal_sections:
        raise ProfileError(f"profile {certifier_id} has no renewal_sections; add them to its profile.yaml")
    builder = PackageBuilder(ds, "renewal", ds.profile.renewal_sections, Path(out_dir), ws.root, pdf=pdf,
                             previous_osp=previous_osp(store, ds.osp), year=year, corpus_date=_corpus_date(store),
                             on_progress=on_progress)
    return builder.build()


def completeness_checklist(ws: Workspace, store: Store, certifier_id: str,
                           period: tuple[date, date] | None = None) -> list[ChecklistItem]:
    """The records checklist of the cover page, without writing a package (no section is built)."""
    ds = load_dataset(ws, store, certifier_id, period)
    return PackageBuilder(ds, "package", ds.profile.package_sections, ws.packages_dir, ws.root).checklist()


def readiness(ws: Workspace, store: Store, certifier_id: str,
              period: tuple[date, date] | None = None) -> tuple[Readiness, list[ChecklistItem]]:
    """What is not ready for `certifier_id`'s package, and its checklist (both from one read of the store)."""
    ds = load_dataset(ws, store, certifier_id, period)
    builder = PackageBuilder(ds, "package", ds.profile.package_sections, ws.packages_dir, ws.root)
    checklist = builder.checklist()
    return assess(ds, checklist), checklist
