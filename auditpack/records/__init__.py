"""Typed records: the data every stage exchanges (and nothing else)."""
from auditpack.records.corrections import Correction, CorrectionOp, DocumentDetail
from auditpack.records.documents import (
    DocumentInfo, DocumentListItem, DocumentPage, DocumentQuery, DocumentStatus, KindCandidate, SortField,
)
from auditpack.records.findings import (
    SEVERITY_ORDER,
    Decision,
    DecisionAction,
    Evidence,
    Finding,
    FindingState,
    FindingStatus,
    RegulationPassage,
    Severity,
    Subject,
    Suggestion,
    finding_id,
)
from auditpack.records.kinds import (
    MODEL_BY_KIND,
    OSP_SECTIONS,
    BatchInput,
    BatchRecord,
    CleaningAgent,
    CleaningEvent,
    Ingredient,
    Invoice,
    InvoiceLine,
    OrganicSystemPlan,
    OspFacility,
    OspSections,
    OspSubstance,
    OspSupplier,
    PestControlEntry,
    ProcessingAid,
    ProductProfile,
    Record,
    RecordBase,
    RecordKind,
    SupplierCertificate,
    record_id,
)
from auditpack.records.outcome import Problem, ProblemCode, Status, status_of
from auditpack.records.provenance import ExtractionMethod, SourceRef
from auditpack.records.serialize import parse_record, record_to_json

__all__ = [
    "SEVERITY_ORDER", "BatchInput", "BatchRecord", "CleaningAgent", "CleaningEvent", "Correction", "CorrectionOp",
    "Decision", "DecisionAction", "DocumentDetail", "DocumentInfo", "DocumentListItem", "DocumentPage",
    "DocumentQuery", "SortField", "DocumentStatus", "Evidence", "ExtractionMethod", "Finding", "FindingState",
    "FindingStatus", "Ingredient", "KindCandidate", "Invoice", "InvoiceLine", "MODEL_BY_KIND", "OSP_SECTIONS",
    "OrganicSystemPlan", "OspFacility", "OspSections", "OspSubstance", "OspSupplier",
    "PestControlEntry", "Problem", "ProblemCode", "ProcessingAid", "ProductProfile", "Record", "RecordBase", "RecordKind",
    "RegulationPassage", "Severity", "SourceRef", "Status", "Subject", "Suggestion", "SupplierCertificate",
    "finding_id", "parse_record", "record_id", "record_to_json", "status_of",
]
