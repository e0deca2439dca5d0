"""The generators stage's built-in package sections and certifier profiles, registered through the
same hooks a third-party plugin uses. The cover is not here: the builder writes it from every other
section (contents, checklist, letter)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from auditpack.plugins import hookimpl

if TYPE_CHECKING:  # the package models (pydantic) load when a package is built, not at every command's start
    from generators.models import SectionBuilder


@hookimpl
def auditpack_package_sections() -> list[SectionBuilder]:
    from generators import sections_logs as logs
    from generators import sections_plan as plan
    from generators import sections_review as review
    from generators.models import PACKAGE, RENEWAL, SectionBuilder

    return [
        SectionBuilder("operation", lambda ds, sid, req: plan.operation(ds, sid)),
        SectionBuilder("suppliers", lambda ds, sid, req: plan.suppliers(ds, sid), (PACKAGE,)),
        SectionBuilder("products", lambda ds, sid, req: plan.products(ds, sid)),
        SectionBuilder("cleaning", lambda ds, sid, req: logs.cleaning(ds, sid), (PACKAGE,)),
        SectionBuilder("pest", lambda ds, sid, req: logs.pest(ds, sid), (PACKAGE,)),
        SectionBuilder("traceback", lambda ds, sid, req: logs.traceback(ds, sid, req.trace_lots), (PACKAGE,)),
        SectionBuilder("balance", lambda ds, sid, req: logs.balance(ds, sid), (PACKAGE,)),
        SectionBuilder("findings", lambda ds, sid, req: review.findings(ds, sid)),
        SectionBuilder("open_findings", lambda ds, sid, req: review.open_findings(ds, sid), (RENEWAL,)),
        SectionBuilder("affirmation", lambda ds, sid, req: review.affirmation(ds, sid), (RENEWAL,)),
        SectionBuilder("changes", lambda ds, sid, req: review.changes(ds, sid, req.previous_osp), (RENEWAL,)),
        SectionBuilder("evidence", lambda ds, sid, req: review.evidence(ds, sid, req.titles), (PACKAGE,), last=True),
    ]


@hookimpl
def auditpack_certifier_profiles() -> list[Path]:
    import templates

    return [Path(templates.__file__).resolve().parent / "certifiers"]
