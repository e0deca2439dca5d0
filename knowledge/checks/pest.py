"""PEST-LEVEL-D-UNAPPROVED: synthetic pest control beyond the National List needs the certifier's agreement."""
from __future__ import annotations

from collections.abc import Sequence

from auditpack.records import Finding, PestControlEntry, RecordBase
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.evidence import evidence_for


@rule("PEST-LEVEL-D-UNAPPROVED")
def pest_level_d_unapproved(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    out = []
    for e in of_kind(records, PestControlEntry):
        if e.level != "D" or e.certifier_approved is True:
            continue
        when = e.date.isoformat() if e.date else "undated"
        unknown = e.certifier_approved is None
        out.append(ctx.finding(
            "PEST-LEVEL-D-UNAPPROVED", "pest_control_entry", f"{when}|{e.facility}|{e.material}",
            f"Level-D pest control: {e.material!r} applied at {e.facility} ({e.location or 'location not given'}) "
            f"on {when} by {e.applicator or 'an unnamed applicator'} "
            + ("with no record of certifier approval." if unknown else "without certifier approval."),
            subject_id=e.id, facility=e.facility, confidence=0.8 if unknown else 1.0,
            evidence=evidence_for(e, "certifier_approved", "material"),
        ))
    return out
