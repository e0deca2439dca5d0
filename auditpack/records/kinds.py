"""The record contract: one pydantic model per kind of record.

Field names are a public contract (`auditpack records --json` prints them
as-is), so rename nothing here without a migration note in the README.
Models hold data and validation only; behaviour lives in the stages.
"""
from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records.provenance import SourceRef


class RecordKind(StrEnum):
    SUPPLIER_CERTIFICATE = "supplier_certificate"
    INVOICE = "invoice"
    CLEANING_EVENT = "cleaning_event"
    ORGANIC_SYSTEM_PLAN = "organic_system_plan"
    PRODUCT_PROFILE = "product_profile"
    BATCH_RECORD = "batch_record"
    PEST_CONTROL_ENTRY = "pest_control_entry"


class _Part(BaseModel):
    """A nested value (invoice line, ingredient...): strict about unknown keys."""

    model_config = ConfigDict(extra="forbid")


class RecordBase(BaseModel):
    """Fields every record has.

    `field_sources` maps a field path such as ``lines[2].lot_number`` to the
    place it was read from; `source` is where the record as a whole starts.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: RecordKind
    source: SourceRef
    field_sources: dict[str, SourceRef] = Field(default_factory=dict)
    missing_fields: list[str] = Field(
        default_factory=list,
        description="fields the parser looked for and did not find (never guessed)",
    )


# --- supplier_certificate ---------------------------------------------------

CertificationStatus = Literal["certified", "surrendered", "suspended", "revoked", "unknown"]
Scope = Literal["crops", "livestock", "wild_crops", "handling"]


class SupplierCertificate(RecordBase):
    kind: Literal[RecordKind.SUPPLIER_CERTIFICATE] = RecordKind.SUPPLIER_CERTIFICATE
    operation_name: str | None = None
    certifier: str | None = None
    certificate_number: str | None = None
    oid_operation_id: str | None = None
    status: CertificationStatus = "unknown"
    effective_date: date | None = None
    anniversary_date: date | None = None
    expiration_date: date | None = None
    scopes: list[Scope] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)
    address: str | None = None


# --- invoice ----------------------------------------------------------------


class InvoiceLine(_Part):
    description: str
    quantity: float | None = None
    unit: str | None = None
    lot_number: str | None = None
    organic: bool = False
    unit_price: float | None = None
    amount: float | None = None


class Invoice(RecordBase):
    kind: Literal[RecordKind.INVOICE] = RecordKind.INVOICE
    supplier_name: str | None = None
    invoice_number: str | None = None
    invoice_date: date | None = None
    buyer_name: str | None = None
    po_number: str | None = None
    total: float | None = None
    lines: list[InvoiceLine] = Field(default_factory=list)


# --- cleaning_event ---------------------------------------------------------

RunType = Literal["organic", "conventional"]


class CleaningAgent(_Part):
    name: str
    concentration: float | None = None
    concentration_unit: str | None = None


class CleaningEvent(RecordBase):
    kind: Literal[RecordKind.CLEANING_EVENT] = RecordKind.CLEANING_EVENT
    facility: str | None = None
    equipment: str | None = None
    performed_at: datetime | None = None
    logged_at: datetime | None = None
    operator: str | None = None
    verified_by: str | None = None
    agents: list[CleaningAgent] = Field(default_factory=list)
    final_rinse_chlorine_ppm: float | None = None
    rinse_verified: bool | None = None
    preceding_run: RunType | None = None
    next_run: RunType | None = None
    notes: str | None = None


# --- organic_system_plan ----------------------------------------------------

SubstanceUse = Literal["cleaner", "sanitizer", "processing_aid", "pest_control", "other"]
OSP_SECTIONS = (
    "practices",
    "substances",
    "monitoring",
    "recordkeeping",
    "commingling_prevention",
    "pest_management",
    "supplier_verification",
    "fraud_prevention",
)


class OspFacility(_Part):
    name: str
    address: str | None = None
    equipment: list[str] = Field(default_factory=list)


class OspSupplier(_Part):
    name: str
    ingredient: str | None = None


class OspSubstance(_Part):
    name: str
    use: SubstanceUse = "other"


class OspSections(_Part):
    """Narrative answers of the plan; None means the plan does not answer it."""

    practices: str | None = None
    substances: str | None = None
    monitoring: str | None = None
    recordkeeping: str | None = None
    commingling_prevention: str | None = None
    pest_management: str | None = None
    supplier_verification: str | None = None
    fraud_prevention: str | None = None


class OrganicSystemPlan(RecordBase):
    kind: Literal[RecordKind.ORGANIC_SYSTEM_PLAN] = RecordKind.ORGANIC_SYSTEM_PLAN
    operation_name: str | None = None
    certifier: str | None = None
    updated_on: date | None = None
    facilities: list[OspFacility] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)
    suppliers: list[OspSupplier] = Field(default_factory=list)
    substances: list[OspSubstance] = Field(default_factory=list)
    sections: OspSections = Field(default_factory=OspSections)


# --- product_profile --------------------------------------------------------

LabelCategory = Literal["100_percent_organic", "organic", "made_with_organic", "ingredient_panel_only"]


class Ingredient(_Part):
    name: str
    amount: float | None = None
    unit: str | None = None
    organic: bool = False
    supplier: str | None = None
    certifier: str | None = None
    agricultural: bool = True
    water_or_salt: bool = False


class ProcessingAid(_Part):
    name: str
    supplier: str | None = None
    organic: bool = False


class ProductProfile(RecordBase):
    kind: Literal[RecordKind.PRODUCT_PROFILE] = RecordKind.PRODUCT_PROFILE
    product_name: str | None = None
    label_category: LabelCategory | None = None
    ingredients: list[Ingredient] = Field(default_factory=list)
    processing_aids: list[ProcessingAid] = Field(default_factory=list)


# --- batch_record -----------------------------------------------------------


class BatchInput(_Part):
    ingredient: str
    lot_number: str | None = None
    quantity: float | None = None
    unit: str | None = None


class BatchRecord(RecordBase):
    kind: Literal[RecordKind.BATCH_RECORD] = RecordKind.BATCH_RECORD
    batch_lot: str | None = None
    product_name: str | None = None
    facility: str | None = None
    equipment: str | None = None
    produced_at: datetime | None = None
    run_type: RunType | None = None
    inputs: list[BatchInput] = Field(default_factory=list)
    output_quantity: float | None = None
    output_unit: str | None = None


# --- pest_control_entry -----------------------------------------------------


class PestControlEntry(RecordBase):
    kind: Literal[RecordKind.PEST_CONTROL_ENTRY] = RecordKind.PEST_CONTROL_ENTRY
    date: dt.date | None = None
    facility: str | None = None
    location: str | None = None
    level: Literal["A", "B", "C", "D"] | None = None
    material: str | None = None
    applicator: str | None = None
    certifier_approved: bool | None = None


Record = Annotated[
    Union[
        SupplierCertificate,
        Invoice,
        CleaningEvent,
        OrganicSystemPlan,
        ProductProfile,
        BatchRecord,
        PestControlEntry,
    ],
    Field(discriminator="kind"),
]

MODEL_BY_KIND: dict[RecordKind, type[RecordBase]] = {
    RecordKind.SUPPLIER_CERTIFICATE: SupplierCertificate,
    RecordKind.INVOICE: Invoice,
    RecordKind.CLEANING_EVENT: CleaningEvent,
    RecordKind.ORGANIC_SYSTEM_PLAN: OrganicSystemPlan,
    RecordKind.PRODUCT_PROFILE: ProductProfile,
    RecordKind.BATCH_RECORD: BatchRecord,
    RecordKind.PEST_CONTROL_ENTRY: PestControlEntry,
}


def record_id(kind: RecordKind | str, document_sha256: str, *parts: object) -> str:
    """Deterministic id, so re-parsing the same document yields the same ids."""
    tail = ":".join(str(p) for p in parts)
    return f"{RecordKind(kind).value}:{document_sha256[:12]}:{tail}" if tail else f"{RecordKind(kind).value}:{document_sha256[:12]}"
