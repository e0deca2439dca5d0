"""CERT-MISSING, CERT-NOT-CURRENT, CERT-SCOPE: is each organic supplier verified?

Organic certificates do not expire. A supplier's certification continues
until surrendered, suspended or revoked; the certificate shows an anniversary
date for the annual update. So "not current" means either the supplier was not
certified on the receipt date (from the certificate's operation profile or an
OID import), or the newest certificate on file is well past its anniversary
(stale evidence: verify in the OID; minor).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from auditpack.records import Finding, Invoice, InvoiceLine, RecordBase, SupplierCertificate
from auditpack.store import OidEntry
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.evidence import evidence_for, merge
from knowledge.names import NameIndex, normalize_name, product_matches

_NOT_CERTIFIED = {"surrendered", "suspended", "revoked"}


def organic_receipts(records: Sequence[RecordBase]) -> dict[str, list[tuple[Invoice, int, InvoiceLine]]]:
    """Organic invoice lines grouped by normalised supplier name (one pass)."""
    out: dict[str, list[tuple[Invoice, int, InvoiceLine]]] = {}
    for inv in of_kind(records, Invoice):
        key = normalize_name(inv.supplier_name)
        if not key:
            continue
        for i, line in enumerate(inv.lines):
            if line.organic:
                out.setdefault(key, []).append((inv, i, line))
    return out


def _cert_index(records: Sequence[RecordBase]) -> NameIndex[SupplierCertificate]:
    idx: NameIndex[SupplierCertificate] = NameIndex()
    for c in of_kind(records, SupplierCertificate):
        idx.add(c.operation_name, c)
    return idx


def _oid_index(entries: Sequence[OidEntry]) -> NameIndex[OidEntry]:
    idx: NameIndex[OidEntry] = NameIndex()
    for e in entries:
        idx.add(e.operation_name, e)
    return idx


def _receipt_window(ctx: CheckContext, receipts: list[tuple[Invoice, int, InvoiceLine]]):
    """Receipts up to the as-of date when one was given explicitly; undated ones are skipped."""
    limit = ctx.as_of if ctx.as_of_explicit else date.max
    return [r for r in receipts if r[0].invoice_date and r[0].invoice_date <= limit]


@rule("CERT-MISSING")
def cert_missing(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    certs, oid = _cert_index(records), _oid_index(ctx.oid)
    out = []
    for receipts in organic_receipts(records).values():
        inv, i, line = receipts[0]
        name = inv.supplier_name or ""
        if name in certs or name in oid:
            continue
        invoices = sorted({r[0].invoice_number or r[0].id for r in receipts})
        out.append(ctx.finding(
            "CERT-MISSING", "supplier", name,
            f"No organic certificate on file for supplier {name!r}, who sold product as organic on "
            f"{len(invoices)} invoice(s) (first: {invoices[0]}).",
            subject_id=inv.id, supplier=name,
            evidence=evidence_for(inv, f"lines[{i}].description", "supplier_name",
                                  snippet=f"{name}: {line.description}"),
        ))
    return out


def _status_on(day: date, certs: list[SupplierCertificate], oid: list[OidEntry]) -> tuple[str | None, str]:
    """(status, where it came from) of a supplier on `day`; None when nothing says."""
    best: tuple[date, str, str] | None = None
    for e in oid:
        when = e.status_date.date() if e.status_date else None
        if e.status and when and when <= day and (best is None or when > best[0]):
            best = (when, e.status.strip().lower(), f"OID export ({e.operation_name}, status date {when})")
    for c in certs:
        when = c.effective_date
        if c.status != "unknown" and when and when <= day and (best is None or when > best[0]):
            best = (when, c.status, f"certificate {c.certificate_number or c.id} (effective {when})")
    if best is not None:
        return best[1], best[2]
    if any(e.status_date for e in oid):
        return "not yet certified", "the OID status on file starts after this date"
    return None, ""  # a certificate issued after the receipt says nothing about the day itself


@rule("CERT-NOT-CURRENT")
def cert_not_current(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    certs_idx, oid_idx = _cert_index(records), _oid_index(ctx.oid)
    grace = timedelta(days=ctx.settings.certificate_grace_days)
    out = []
    for receipts in organic_receipts(records).values():
        name = receipts[0][0].supplier_name or ""
        certs, oid = certs_idx.lookup(name), oid_idx.lookup(name)
        if not certs and not oid:
            continue  # CERT-MISSING covers it
        bad: list[tuple[Invoice, int, str]] = []
        stale: list[tuple[Invoice, int, date | str]] = []
        for inv, i, _line in _receipt_window(ctx, receipts):
            day = inv.invoice_date
            status, where = _status_on(day, certs, oid)
            if status is not None and status != "certified":
                bad.append((inv, i, f"{status} per {where}"))
                continue
            if not certs:
                continue
            dated = [c for c in certs if c.effective_date is None or c.effective_date <= day]
            if not dated:
                # Only certificates issued after this receipt: weak evidence either way (minor, verify in OID).
                first = min(c.effective_date for c in certs if c.effective_date)
                stale.append((inv, i, f"none on file before {first}"))
                continue
            newest = max(dated, key=lambda c: (c.effective_date or date.min, c.anniversary_date or date.min))
            due = newest.anniversary_date or newest.expiration_date
            if due and day > due + grace:
                stale.append((inv, i, due))
        if bad:
            inv, i, why = bad[0]
            cert_ev = evidence_for(certs[0], "status", "operation_name") if certs else []
            out.append(ctx.finding(
                "CERT-NOT-CURRENT", "supplier", name,
                f"Supplier {name!r} was not certified on {len(bad)} receipt date(s); first: invoice "
                f"{inv.invoice_number} of {inv.invoice_date} ({why}).",
                subject_id=inv.id, supplier=name,
                evidence=merge(evidence_for(inv, "invoice_date", "invoice_number"), cert_ev),
            ))
        elif stale:
            inv, i, due = stale[0]
            why = (f"no certificate on file was in effect yet ({due})" if isinstance(due, str) else
                   f"the newest certificate on file was due for its annual update on {due}, more than "
                   f"{grace.days} days earlier")
            out.append(ctx.finding(
                "CERT-NOT-CURRENT", "supplier", name,
                f"For {len(stale)} receipt(s) from {name!r} {why} (first: invoice {inv.invoice_number} of "
                f"{inv.invoice_date}). Verify the status on those dates in the Organic Integrity Database.",
                subject_id=inv.id, supplier=name, severity="minor", confidence=0.8,
                evidence=merge(evidence_for(inv, "invoice_date"),
                               evidence_for(certs[0], "anniversary_date") if certs else []),
            ))
    return out


FUZZY_REVIEW = 60.0  # between this and the accept threshold: a low-confidence finding for a person


@rule("CERT-SCOPE")
def cert_scope(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    certs_idx = _cert_index(records)
    out = []
    for receipts in organic_receipts(records).values():
        name = receipts[0][0].supplier_name or ""
        certs = certs_idx.lookup(name)
        products = [p for c in certs for p in c.products]
        if not products:
            continue  # nothing to compare with; CERT-MISSING or the certificate parser reports it
        scopes = {s for c in certs for s in c.scopes}
        seen: set[str] = set()
        for inv, i, line in receipts:
            desc = line.description.strip()
            if desc.lower() in seen:
                continue
            seen.add(desc.lower())
            match, score = product_matches(desc, products)
            livestock_only = bool(scopes) and scopes <= {"livestock"}
            if match is not None and not livestock_only:
                continue
            low = score >= FUZZY_REVIEW and not livestock_only
            why = (f"the certificate's scopes are {sorted(scopes)} only" if livestock_only else
                   f"closest certified product scores {score:.0f}/100" if low else
                   "no certified product resembles it")
            out.append(ctx.finding(
                "CERT-SCOPE", "invoice_line", f"{name}|{desc}",
                f"{desc!r} bought from {name!r} as organic (invoice {inv.invoice_number}) is not among the "
                f"products on its certificate ({', '.join(products[:8])}); {why}.",
                subject_id=inv.id, supplier=name, confidence=0.5 if low else 0.9,
                evidence=merge(evidence_for(inv, f"lines[{i}].description", snippet=desc),
                               evidence_for(certs[0], "products")),
            ))
    return out
