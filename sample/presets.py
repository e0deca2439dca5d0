"""Sizes of the sample operation.

`small` is the demo and test set (about 60 documents, a few seconds); `year` is
the scale of a three-facility processor for benchmarks (about 1,200 lots,
3,000+ cleaning events, 300+ certificates, 1,000+ invoices, 2,000+ batches).
Gap counts in `year` are rates an inspector would find plausible, not one each.
"""
from __future__ import annotations

from dataclasses import dataclass

from auditpack.errors import AuditPackError

AUDIT_YEAR = 2026  # fixed, so the sample never depends on today's date


@dataclass(frozen=True)
class Preset:
    name: str
    all_products: bool           # False: only products marked `small` in the catalog
    production_days_per_month: int  # 0 = every weekday
    runs_weights: tuple[int, ...]   # weights for 0, 1, 2, 3 runs per line per production day
    suppliers_per_group: int
    lots_per_ingredient: int
    delivery_slot_days: int      # a supplier's lots received in the same slot share an invoice
    max_invoice_lines: int
    renewal_share: float         # suppliers whose certificate is renewed during the year
    history_share: float         # suppliers with an older certificate still on file
    second_certifier_share: float
    scanned_certificates: int
    cleaning_period: str         # quarter | month: one log document per facility and period
    batch_period: str
    pest_visits_per_month: int
    # planted gap counts (at least one each)
    supplier_gaps: int = 1
    no_signoff: int = 1
    late_entry: int = 1
    chlorine_rinse: int = 1
    missing_changeover: int = 1
    unlisted_agent_uses: int = 2
    unresolved_lots: int = 1
    not_organic_lines: int = 1
    no_lot_lines: int = 1
    level_d_unapproved: int = 1
    workers: int = 1


PRESETS: dict[str, Preset] = {
    "small": Preset(
        name="small", all_products=False, production_days_per_month=1, runs_weights=(4, 5, 2, 0),
        suppliers_per_group=2, lots_per_ingredient=1, delivery_slot_days=90, max_invoice_lines=6, renewal_share=0.1,
        history_share=0.0, second_certifier_share=0.0, scanned_certificates=1, cleaning_period="half",
        batch_period="year", pest_visits_per_month=1,
    ),
    "year": Preset(
        name="year", all_products=True, production_days_per_month=0, runs_weights=(2, 5, 3, 0),
        suppliers_per_group=12, lots_per_ingredient=36, delivery_slot_days=3, max_invoice_lines=2, renewal_share=1.0,
        history_share=0.7, second_certifier_share=0.15, scanned_certificates=6, cleaning_period="month",
        batch_period="month", pest_visits_per_month=4,
        supplier_gaps=3, no_signoff=45, late_entry=30, chlorine_rinse=8, missing_changeover=4, unlisted_agent_uses=12,
        unresolved_lots=6, not_organic_lines=9, no_lot_lines=14, level_d_unapproved=2, workers=2,
    ),
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise AuditPackError(f"unknown preset {name!r}; choose one of: {', '.join(PRESETS)}") from None
