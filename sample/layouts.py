"""Which layout a document gets, and how logs are split into documents.

Kept apart from the writers because gap planting needs to know it too (a late
log entry can only be planted in a log layout that records entry times).
"""
from __future__ import annotations

from datetime import datetime

from sample.presets import Preset

CLEANING_LAYOUTS = ("sanitation_xlsx_titled", "cleaning_csv_export", "sanitation_pdf_form", "cleaning_xlsx_export")
TIMESTAMPED = {"sanitation_xlsx_titled", "cleaning_csv_export", "cleaning_xlsx_export"}
BATCH_LAYOUTS = ("batch_csv_long", "batch_csv_wide")
PEST_LAYOUTS = ("pest_xlsx", "pest_csv")


def period_of(when: datetime, period: str) -> tuple[int, str]:
    """(index, label) of the log period a date falls in."""
    if period == "month":
        return when.month, f"{when:%Y-%m}"
    if period == "quarter":
        q = (when.month - 1) // 3 + 1
        return q, f"{when.year}-Q{q}"
    if period == "half":
        h = 1 if when.month <= 6 else 2
        return h, f"{when.year}-H{h}"
    return 1, f"{when.year}"


def cleaning_layout(facility_index: int, when: datetime, preset: Preset) -> str:
    index, _ = period_of(when, preset.cleaning_period)
    return CLEANING_LAYOUTS[(facility_index + index) % len(CLEANING_LAYOUTS)]


def batch_layout(facility_index: int) -> str:
    return BATCH_LAYOUTS[facility_index % len(BATCH_LAYOUTS)]


def pest_layout(facility_index: int) -> str:
    return PEST_LAYOUTS[facility_index % len(PEST_LAYOUTS)]
