"""The sample operation as plain data: what happened in the audit year.

The generator first builds this model (seeded, no files), then plants gaps by
changing it, then plans documents from it and renders them. Truth records are
derived from the same objects the writers render, so the ground truth and the
paperwork cannot drift apart. Dataclasses (not pydantic) because the model is
internal, mutable while gaps are planted, and pickled to worker processes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Certifier:
    name: str
    short: str
    street: str
    city: str
    phone: str
    web: str


@dataclass
class Facility:
    name: str
    address: str
    equipment: list[str]


@dataclass
class IngredientSpec:
    name: str
    organic: bool
    agricultural: bool = True
    water_or_salt: bool = False
    purchased: bool = True
    conventional: bool = False
    nl: str | None = None
    category: str | None = None
    price: float = 1.0


@dataclass
class Certificate:
    supplier: str
    certifier: Certifier
    nop_id: str
    client_id: str
    status: str
    effective: date
    anniversary: date
    issued: date
    status_date: date
    scopes: list[str]
    products: list[str]
    address: str
    layout: str = "oid_2024"
    file: str | None = None
    page: int = 1


@dataclass
class Supplier:
    name: str
    address: str
    group: str
    ingredients: list[str]
    organic: bool
    invoice_layout: str
    lot_prefix: str
    invoice_prefix: str
    certificates: list[Certificate] = field(default_factory=list)
    in_osp: bool = True


@dataclass
class Product:
    name: str
    category: str  # 100_percent_organic | organic | made_with_organic | conventional
    facility: str
    equipment: str
    formula: list[tuple[str, float]]
    aids: list[tuple[str, bool]] = field(default_factory=list)
    role: str | None = None
    in_osp: bool = True
    profile_layout: str = "profile_docx"
    code: str = ""
    file: str | None = None

    @property
    def organic_run(self) -> bool:
        return self.category != "conventional"


@dataclass
class Lot:
    """One received lot: becomes one invoice line."""

    ingredient: str
    supplier: str
    lot_number: str | None
    quantity: float
    unit: str
    unit_price: float
    received: date
    organic: bool
    description: str
    kg: float
    consumable: bool = True
    remaining_kg: float = 0.0


@dataclass
class InvoiceDoc:
    supplier: str
    number: str
    invoice_date: date
    po_number: str | None
    lines: list[Lot]
    layout: str
    file: str | None = None
    page: int = 1

    @property
    def total(self) -> float:
        return round(sum(round(l.quantity * l.unit_price, 2) for l in self.lines), 2)


@dataclass
class BatchInputM:
    ingredient: str
    lot_number: str | None
    quantity: float
    unit: str = "kg"


@dataclass
class Batch:
    lot: str
    product: str
    facility: str
    equipment: str
    start: datetime
    run_type: str
    inputs: list[BatchInputM]
    output_quantity: float
    output_unit: str
    file: str | None = None


@dataclass
class AgentUse:
    name: str
    concentration: float | None
    unit: str | None


@dataclass
class Cleaning:
    facility: str
    equipment: str
    performed: datetime
    logged: datetime | None
    activity: str  # Pre-op | Changeover | Between runs | Wash-down
    operator: str
    verified_by: str | None
    agents: list[AgentUse]
    rinse_ppm: float | None
    rinse_verified: bool | None
    preceding_run: str | None
    next_run: str | None
    notes: str | None = None
    before_lot: str | None = None  # the batch this cleaning prepares the line for (internal)
    file: str | None = None
    page: int = 1


@dataclass
class PestEntry:
    day: date
    facility: str
    location: str
    level: str
    material: str | None
    applicator: str
    approved: bool | None
    file: str | None = None


@dataclass
class OspModel:
    operation_name: str
    certifier: str
    updated_on: date
    products: list[str]
    suppliers: list[tuple[str, str]]
    substances: list[tuple[str, str]]
    sections: dict[str, str | None]
    file: str | None = None


@dataclass
class Operation:
    name: str
    address: str
    nop_id: str
    certifier: Certifier
    contact: str
    year: int
    facilities: list[Facility]
    certifiers: list[Certifier]
    ingredients: dict[str, IngredientSpec]
    suppliers: list[Supplier]
    products: list[Product]
    batches: list[Batch] = field(default_factory=list)
    lots: list[Lot] = field(default_factory=list)
    invoices: list[InvoiceDoc] = field(default_factory=list)
    cleanings: list[Cleaning] = field(default_factory=list)
    pests: list[PestEntry] = field(default_factory=list)
    osp: OspModel | None = None

    def supplier(self, name: str) -> Supplier:
        return next(s for s in self.suppliers if s.name == name)

    def product(self, name: str) -> Product:
        return next(p for p in self.products if p.name == name)


@dataclass
class Gap:
    rule_id: str
    subject: str
    target: object  # the model object whose document shows the gap

    def file(self) -> str | None:
        return getattr(self.target, "file", None)
