"""An example AuditPack plugin: one rule, one certifier profile and one kind declaration.

It uses only what a third-party package can use: the hook marker, the stages'
public extension types, and files of its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from auditpack.plugins import hookimpl
from auditpack.records import Finding, Invoice, RecordBase
from knowledge.checks import CheckContext, Rule

HERE = Path(__file__).resolve().parent
RULE_ID = "EX-INVOICE-NO-PO"


def invoices_without_po(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    """Pure: every invoice whose purchase-order number was not found."""
    return [ctx.finding(RULE_ID, "invoice", r.invoice_number or r.id, f"invoice {r.invoice_number or r.id} "
                        "names no purchase order", subject_id=r.id, supplier=r.supplier_name)
            for r in records if isinstance(r, Invoice) and not r.po_number]


@hookimpl
def auditpack_rules() -> list[Rule]:
    return [Rule(RULE_ID, invoices_without_po, requirements=HERE / "requirements.yaml")]


@hookimpl
def auditpack_certifier_profiles() -> list[Path]:
    return [HERE / "certifiers"]


@hookimpl
def auditpack_kinds() -> list[Path]:
    return [HERE / "kinds"]
