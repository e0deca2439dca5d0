"""Cleaning-log rules: changeovers, sign-off, late entries, agents, chlorine rinse.

Equipment is compared by normalised name within a facility; events and
batches are grouped per (facility, equipment) and sorted once, so the
changeover check is O(n log n).
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime, timedelta

from auditpack.records import BatchRecord, CleaningEvent, Finding, OrganicSystemPlan, RecordBase
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.evidence import evidence_for, merge
from knowledge.names import NameIndex, normalize_name, normalize_product

_CHLORINE_WORDS = ("chlor", "hypochlor", "bleach")


def event_key(e: CleaningEvent) -> str:
    when = e.performed_at.strftime("%Y-%m-%dT%H:%M") if e.performed_at else "undated"
    return f"{e.facility or ''}|{e.equipment or ''}|{when}"


def when(e: CleaningEvent) -> str:
    return f"{e.performed_at:%Y-%m-%d %H:%M}" if e.performed_at else "an undated entry"


def _line(facility: str | None, equipment: str | None) -> tuple[str, str]:
    return normalize_name(facility), normalize_name(equipment)


@rule("CLEAN-MISSING-CHANGEOVER")
def clean_missing_changeover(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    """A cleaning log that does not name its facility still counts for equipment of that name
    (better a missed gap flagged elsewhere than a false alarm on a cleaning that was done)."""
    cleanings: dict[tuple[str, str], list[datetime]] = {}
    for e in of_kind(records, CleaningEvent):
        if e.performed_at:
            cleanings.setdefault(_line(e.facility, e.equipment), []).append(e.performed_at)
    for times in cleanings.values():
        times.sort()
    runs: dict[tuple[str, str], list[BatchRecord]] = {}
    for b in of_kind(records, BatchRecord):
        if b.produced_at and b.run_type:
            runs.setdefault(_line(b.facility, b.equipment), []).append(b)
    out = []
    for line, batches in runs.items():
        batches.sort(key=lambda b: b.produced_at)
        lists = [cleanings.get(line, []), cleanings.get(("", line[1]), [])]
        for prev, cur in zip(batches, batches[1:]):
            if not (prev.run_type == "conventional" and cur.run_type == "organic"):
                continue
            if any(_between(times, prev.produced_at, cur.produced_at) for times in lists):
                continue
            out.append(ctx.finding(
                "CLEAN-MISSING-CHANGEOVER", "batch_record", cur.batch_lot or cur.id,
                f"Organic batch {cur.batch_lot} ({cur.product_name}) ran on {cur.equipment} at {cur.facility} on "
                f"{cur.produced_at:%Y-%m-%d %H:%M} after conventional batch {prev.batch_lot} "
                f"({prev.produced_at:%Y-%m-%d %H:%M}) with no cleaning recorded in between.",
                subject_id=cur.id, facility=cur.facility,
                evidence=merge(evidence_for(cur, "batch_lot", "run_type"), evidence_for(prev, "run_type")),
            ))
    return out


def _between(times: list[datetime], start: datetime, end: datetime) -> bool:
    """Is there a time in the sorted list within [start, end]? (binary search)"""
    i = bisect.bisect_left(times, start)
    return i < len(times) and times[i] <= end


@rule("CLEAN-NO-SIGNOFF")
def clean_no_signoff(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    return [ctx.finding(
        "CLEAN-NO-SIGNOFF", "cleaning_event", event_key(e),
        f"Cleaning of {e.equipment} at {e.facility} on {e.performed_at:%Y-%m-%d %H:%M} by "
        f"{e.operator or 'an unnamed operator'} has no verifier sign-off.",
        subject_id=e.id, facility=e.facility, evidence=evidence_for(e, "verified_by", "performed_at"),
    ) for e in of_kind(records, CleaningEvent) if e.performed_at and not (e.verified_by or "").strip()]


@rule("CLEAN-LATE-ENTRY")
def clean_late_entry(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    limit = timedelta(hours=ctx.settings.late_entry_hours)
    out = []
    for e in of_kind(records, CleaningEvent):
        if not (e.performed_at and e.logged_at) or e.logged_at - e.performed_at <= limit:
            continue
        hours = (e.logged_at - e.performed_at).total_seconds() / 3600
        out.append(ctx.finding(
            "CLEAN-LATE-ENTRY", "cleaning_event", event_key(e),
            f"Cleaning of {e.equipment} at {e.facility} performed {e.performed_at:%Y-%m-%d %H:%M} was logged "
            f"{e.logged_at:%Y-%m-%d %H:%M}, {hours:.0f} hours later (limit {limit.total_seconds() / 3600:.0f} h).",
            subject_id=e.id, facility=e.facility, evidence=evidence_for(e, "logged_at", "performed_at"),
        ))
    return out


def _osp_substances(records: Sequence[RecordBase]) -> NameIndex[str] | None:
    plans = of_kind(records, OrganicSystemPlan)
    if not plans:
        return None
    idx: NameIndex[str] = NameIndex(threshold=88.0)
    for plan in plans:
        for s in plan.substances:
            idx.add(normalize_product(s.name), s.name)
    return idx


@rule("CLEAN-AGENT-NOT-IN-OSP")
def clean_agent_not_in_osp(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    listed = _osp_substances(records)
    if listed is None:
        return []  # no plan on file: OSP-ELEMENT-MISSING is the finding, not one per agent
    first: dict[str, tuple[CleaningEvent, int, str]] = {}
    count: dict[str, int] = {}
    known: dict[str, bool] = {}  # one (possibly fuzzy) lookup per distinct agent name
    for e in of_kind(records, CleaningEvent):
        for j, agent in enumerate(e.agents):
            key = normalize_product(agent.name)
            if key and key not in known:
                known[key] = key in listed
            if not key or known[key]:
                continue
            first.setdefault(key, (e, j, agent.name.strip()))
            count[key] = count.get(key, 0) + 1
    out = []
    for key, (e, j, name) in first.items():
        out.append(ctx.finding(
            "CLEAN-AGENT-NOT-IN-OSP", "cleaning_agent", name,
            f"Cleaning agent {name!r} was used {count[key]} time(s) (first on {e.equipment} at {e.facility}, "
            f"{when(e)}) but is not listed among the OSP's substances.",
            subject_id=e.id, facility=e.facility, evidence=evidence_for(e, f"agents[{j}].name", snippet=name),
        ))
    return out


def uses_chlorine(e: CleaningEvent) -> bool:
    return any(w in a.name.lower() for a in e.agents for w in _CHLORINE_WORDS)


@rule("CLEAN-CHLORINE-RINSE")
def clean_chlorine_rinse(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    limit = ctx.settings.max_final_rinse_ppm
    out = []
    for e in of_kind(records, CleaningEvent):
        ppm = e.final_rinse_chlorine_ppm
        over = ppm is not None and ppm > limit
        unverified = e.rinse_verified is False and (ppm is not None or uses_chlorine(e))
        if not (over or unverified):
            continue
        why = (f"final rinse measured {ppm:g} ppm chlorine, above the {limit:g} ppm limit" if over
               else "the final rinse was not verified")
        out.append(ctx.finding(
            "CLEAN-CHLORINE-RINSE", "cleaning_event", event_key(e),
            f"Cleaning of {e.equipment} at {e.facility} on {when(e)}: {why}.",
            subject_id=e.id, facility=e.facility,
            evidence=evidence_for(e, "final_rinse_chlorine_ppm", "rinse_verified"),
        ))
    return out
