"""When each supplier certificate next needs attention: days to its anniversary or expiry (a pure function).

USDA organic certificates do not expire: certification continues until surrendered, suspended or revoked,
and the certificate names an anniversary date by which the annual update is due. Some certificates (other
programmes, some certifiers) also print an expiration date. Whichever of the two comes first is when the
operation should hold a newer certificate, so that date drives the timeline. Only a supplier's newest
certificate (by effective date, then anniversary) counts: older ones are listed as replaced, so a superseded
certificate never raises an alarm. No I/O here; the UI reads the records through its services and passes them in.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records import SupplierCertificate
from knowledge.names import normalize_name

EXPIRING_DAYS = 60
NOT_CERTIFIED = ("surrendered", "suspended", "revoked")
TimelineStatus = Literal["current", "expiring", "expired", "unknown", "replaced"]


class CertificateEntry(BaseModel):
    """One supplier certificate on the timeline."""

    model_config = ConfigDict(extra="forbid")

    record_id: str
    supplier: str
    issuer: str | None = Field(default=None, description="the certifier that issued it")
    certificate_number: str | None = None
    certification: str = Field(description="the status printed: certified, surrendered, suspended, revoked, unknown")
    effective_date: date | None = None
    anniversary_date: date | None = None
    expiration_date: date | None = None
    days_to_anniversary: int | None = Field(default=None, description="negative once the anniversary has passed")
    days_to_expiry: int | None = Field(default=None, description="negative once expired")
    due_date: date | None = Field(default=None, description="the earlier of anniversary and expiry")
    days_left: int | None = None
    status: TimelineStatus
    why: str = Field(description="the status in words, e.g. 'anniversary in 12 days'")
    newest: bool = Field(description="the supplier's newest certificate on file (only these count)")


def _days(when: date | None, today: date) -> int | None:
    return (when - today).days if when else None


def _status(cert: SupplierCertificate, due: date | None, left: int | None, window: int) -> tuple[TimelineStatus, str]:
    what = "expires" if due is not None and due == cert.expiration_date else "anniversary"
    if cert.status in NOT_CERTIFIED:
        return "expired", f"{cert.status} (no longer certified)"
    if due is None or left is None:
        return "unknown", "no anniversary or expiration date read"
    if left < 0:
        return "expired", f"{'expired' if what == 'expires' else 'anniversary passed'} {-left} days ago"
    return ("expiring" if left <= window else "current"), f"{what} in {left} days"


def _newest_ids(certs: Sequence[SupplierCertificate]) -> set[str]:
    newest: dict[str, SupplierCertificate] = {}
    for c in certs:
        key = normalize_name(c.operation_name) or (c.operation_name or "").strip().lower()
        prev = newest.get(key)
        if prev is None or (c.effective_date or date.min, c.anniversary_date or date.min) >= (
                prev.effective_date or date.min, prev.anniversary_date or date.min):
            newest[key] = c
    return {c.id for c in newest.values()}


def certificate_timeline(certs: Sequence[SupplierCertificate], today: date,
                         window_days: int = EXPIRING_DAYS) -> list[CertificateEntry]:
    """Every certificate with its days to anniversary and expiry, soonest due first (undated last).

    `expiring` means due within `window_days` (inclusive), `expired` past due or no longer certified."""
    newest = _newest_ids(certs)
    out = []
    for c in certs:
        dates = [d for d in (c.anniversary_date, c.expiration_date) if d]
        due = min(dates) if dates else None
        left = _days(due, today)
        status, why = _status(c, due, left, window_days)
        if c.id not in newest:
            status, why = "replaced", f"a newer certificate of this supplier is on file ({why})"
        out.append(CertificateEntry(
            record_id=c.id, supplier=(c.operation_name or "(unnamed)").strip(), issuer=c.certifier,
            certificate_number=c.certificate_number, certification=c.status, effective_date=c.effective_date,
            anniversary_date=c.anniversary_date, expiration_date=c.expiration_date,
            days_to_anniversary=_days(c.anniversary_date, today), days_to_expiry=_days(c.expiration_date, today),
            due_date=due, days_left=left, status=status, why=why, newest=c.id in newest))
    return sorted(out, key=lambda e: (not e.newest, e.due_date is None, e.due_date or date.max, e.supplier.lower()))


def expiring_soon(entries: Sequence[CertificateEntry]) -> list[CertificateEntry]:
    """The newest certificates due within the window (what needs a new certificate soon), soonest first."""
    return [e for e in entries if e.newest and e.status == "expiring"]
