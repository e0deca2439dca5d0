"""Everything a package is built from, loaded once: records, findings,
decisions, the period, number formatting, and the evidence index.

Sections read from a `Dataset` and never from the store, so every section of
one package sees the same snapshot and the order of everything is fixed
(sorted), which is what makes a regenerated package identical.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from auditpack.records import (
    BatchRecord, CleaningEvent, DocumentInfo, DocumentStatus, Evidence, FindingState, Invoice, OrganicSystemPlan,
    PestControlEntry, ProductProfile, RecordBase, RecordKind, SourceRef, SupplierCertificate,
)
from auditpack.units import UnitError, convert, dimension
from generators.models import CertifierProfile
from knowledge.api import reviewer_note

KIND_ORDER = {k.value: i for i, k in enumerate(RecordKind)}


def record_day(rec: RecordBase) -> date | None:
    """The date that places a record in a period (None: not dated, always included)."""
    value = {Invoice: "invoice_date", CleaningEvent: "performed_at", BatchRecord: "produced_at",
             PestControlEntry: "date"}.get(type(rec))
    d = getattr(rec, value, None) if value else None
    return d.date() if isinstance(d, datetime) else d


class Formatter:
    """Dates and quantities in the certifier's conventions (profile `date_format`, `units`)."""

    def __init__(self, profile: CertifierProfile) -> None:
        self.profile = profile

    def date(self, d: date | datetime | None) -> str:
        if d is None:
            return "-"
        return d.strftime(self.profile.date_format)

    def datetime(self, d: datetime | None) -> str:
        return "-" if d is None else f"{self.date(d)} {d:%H:%M}"

    def number(self, value: float | None, places: int = 2) -> str:
        if value is None:
            return "-"
        text = f"{value:,.{places}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    def target_unit(self, unit: str | None) -> str | None:
        try:
            dim = dimension(unit) if unit else None
        except (UnitError, Exception):
            return None
        return {"mass": self.profile.units.mass, "volume": self.profile.units.volume}.get(dim or "")

    def quantity(self, value: float | None, unit: str | None) -> tuple[str, str]:
        """(number, unit) converted to the profile's mass/volume unit when possible."""
        target = self.target_unit(unit)
        if value is not None and unit and target:
            try:
                return self.number(convert(value, unit, target)), target
            except (UnitError, Exception):
                pass
        return self.number(value), unit or ""


@dataclass
class EvidenceDoc:
    ref: str
    info: DocumentInfo
    cited_by: set[str] = field(default_factory=set)
    cells: set[str] = field(default_factory=set)  # the cell addresses the package cites (highlighted when drawn)


class EvidenceIndex:
    """E-numbers for the original documents, in a fixed order (kind, file name, sha256)."""

    def __init__(self, documents: list[DocumentInfo]) -> None:
        docs = sorted(documents, key=lambda d: (KIND_ORDER.get(d.kind or "", 99), d.filename.lower(), d.sha256))
        self.docs: dict[str, EvidenceDoc] = {d.sha256: EvidenceDoc(f"E-{i}", d) for i, d in enumerate(docs, 1)}

    def cite(self, sha256: str | None, page: int | None, section: str, cell: str | None = None) -> str:
        """`E-12, p. 3`, or for a spreadsheet `E-25, cell Invoice!B4` (`cell E12` for a CSV): the
        appendix draws sheets with column letters and row numbers, so the cell can be looked up."""
        doc = self.docs.get(sha256 or "")
        if doc is None:
            return f"{(sha256 or '?')[:10]} (not stored)"
        doc.cited_by.add(section)
        if cell:
            doc.cells.add(cell)
            return f"{doc.ref}, cell {cell.removeprefix('csv!')}"
        return f"{doc.ref}, p. {page}" if page else doc.ref

    def cite_evidence(self, ev: Evidence, section: str) -> str:
        return self.cite(ev.document_sha256, ev.page, section, ev.cell)

    def cite_record(self, rec: RecordBase, section: str, *field_paths: str) -> str:
        ref: SourceRef = next((rec.field_sources[p] for p in field_paths if p in rec.field_sources), rec.source)
        return self.cite(ref.document_sha256, ref.page, section, ref.cell)

    def refs_of_kind(self, kind: str) -> list[str]:
        return [d.ref for d in self.docs.values() if d.info.kind == kind]


class Dataset:
    def __init__(self, records: list[RecordBase], findings: list[FindingState], decisions: dict[str, list],
                 documents: list[DocumentInfo], profile: CertifierProfile, period: tuple[date, date] | None,
                 settings, internal: bool = False) -> None:  # noqa: ANN001 - auditpack Settings
        self.profile, self.settings, self.fmt = profile, settings, Formatter(profile)
        self.internal = internal  # the reviewers' own copy: keeps their notes and assignments
        self.all_records = records
        self.findings = sorted(findings, key=lambda f: (f.finding.rule_id, f.finding.subject.key, f.finding.id))
        self.decisions = decisions
        days = [d for d in (record_day(r) for r in records) if d]
        self.period = period or ((min(days), max(days)) if days else (date.today(), date.today()))
        start, end = self.period
        self.records = [r for r in records if (d := record_day(r)) is None or start <= d <= end]
        by_kind: dict[type, list] = defaultdict(list)
        for r in self.records:
            by_kind[type(r)].append(r)
        self.certificates: list[SupplierCertificate] = by_kind[SupplierCertificate]
        self.invoices: list[Invoice] = by_kind[Invoice]
        self.cleanings: list[CleaningEvent] = by_kind[CleaningEvent]
        self.batches: list[BatchRecord] = by_kind[BatchRecord]
        self.pests: list[PestControlEntry] = by_kind[PestControlEntry]
        self.products: list[ProductProfile] = sorted(by_kind[ProductProfile], key=lambda p: (p.product_name or ""))
        self.osps: list[OrganicSystemPlan] = sorted(by_kind[OrganicSystemPlan],
                                                    key=lambda o: (o.updated_on or date.min, o.id))
        cited = {r.source.document_sha256 for r in records}
        cited |= {e.document_sha256 for f in findings for e in f.finding.evidence}
        self.evidence = EvidenceIndex([d for d in documents if d.sha256 in cited
                                       and d.status is not DocumentStatus.REJECTED])
        self.records_as_of = max((d.ingested_at for d in documents if d.ingested_at), default=None)

    @property
    def osp(self) -> OrganicSystemPlan | None:
        """The newest OSP: the plan the certifier approved last."""
        return self.osps[-1] if self.osps else None

    @property
    def period_text(self) -> str:
        return f"{self.fmt.date(self.period[0])} to {self.fmt.date(self.period[1])}"

    @property
    def cover_operation(self) -> str:
        """The operation named on the cover: the workspace's settings, else the newest OSP's."""
        return self.settings.operation.name or (self.osp.operation_name if self.osp else None) or "Operation"

    @property
    def open_findings(self) -> list[FindingState]:
        """Findings nobody has decided on yet (not accepted, dismissed or resolved)."""
        return [f for f in self.findings if f.status.value == "open"]

    def message(self, state: FindingState) -> str:
        """The finding's message as this copy shows it: the certifier's copy leaves out the note written for
        the reviewers (`knowledge.api.reviewer_note`, e.g. "verify against the current eCFR")."""
        msg = state.finding.message
        return msg if self.internal else msg.removesuffix(reviewer_note(state.finding))

    def findings_for(self, prefix: str) -> list[FindingState]:
        return [f for f in self.findings if f.finding.rule_id.startswith(prefix)]

    def decision_text(self, state: FindingState) -> str:
        status = state.status.value
        if status == "accepted":
            return f"Accepted. Corrective action: {state.corrective_action} (due {self.fmt.date(state.due_date)})"
        if status == "dismissed":
            return f"Dismissed. Reason: {state.reason}"
        if status == "resolved":
            return "Resolved: no longer raised by the checks"
        # who a finding is assigned to is the team's own workflow, not something the certifier needs
        assigned = f" (assigned to {state.assignee})" if state.assignee and self.internal else ""
        return "Open: no decision yet" + assigned
