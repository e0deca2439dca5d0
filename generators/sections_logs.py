"""Section contexts from the logs: cleaning, pest management, trace-back
exhibits and the in/out balance."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from generators.dataset import Dataset
from knowledge.api import ingredient_balance
from knowledge.api import normalize_name
from knowledge.api import TraceIndex, lot_key


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f} %" if whole else "-"


def _finding_row(ds: Dataset, f, sid: str) -> dict:  # noqa: ANN001 - FindingState
    ev = [ds.evidence.cite_evidence(e, sid) for e in f.finding.evidence]
    return {"rule_id": f.finding.rule_id, "subject": f.finding.subject.key, "message": ds.message(f),
            "decision": ds.decision_text(f), "evidence": "; ".join(ev[:3]) + (" ..." if len(ev) > 3 else "") or "-"}


def cleaning(ds: Dataset, sid: str) -> dict:
    """Events per line and the share logged in real time. A paper form has no entry time, so its events are
    counted apart rather than as late: the share is over the events whose entry time is known."""
    late = timedelta(hours=ds.settings.checks.late_entry_hours)
    lines: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # events, timed, real time
    agents: Counter[str] = Counter()
    for c in ds.cleanings:
        row = lines[(c.facility or "-", c.equipment or "-")]
        row[0] += 1
        if c.logged_at and c.performed_at:
            row[1] += 1
            row[2] += c.logged_at - c.performed_at <= late
        agents.update(a.name for a in c.agents)
    exceptions = [f for f in ds.findings_for("CLEAN-") if f.status.value != "resolved"]
    per_line = Counter()
    for f in exceptions:
        parts = f.finding.subject.key.split("|")
        if len(parts) >= 2:
            per_line[(normalize_name(parts[0]), normalize_name(parts[1]))] += 1
    osp_names = {normalize_name(s.name) for s in (ds.osp.substances if ds.osp else [])}
    total = sum(r[0] for r in lines.values())
    timed = sum(r[1] for r in lines.values())
    realtime = sum(r[2] for r in lines.values())
    summary = f"{realtime} of {timed} with an entry time ({_pct(realtime, timed)})"
    if total > timed:
        summary += f"; {total - timed} on forms without an entry time"
    return {
        "cleaning": {"total": total, "late_hours": ds.settings.checks.late_entry_hours,
                     "realtime": summary, "exceptions": len(exceptions)},
        "by_line": [{"facility": f, "equipment": e, "events": n, "realtime": f"{rt} of {t}" if t < n else rt,
                     "realtime_pct": _pct(rt, t) if t else "no entry times",
                     "exceptions": per_line.get((normalize_name(f), normalize_name(e)), 0)}
                    for (f, e), (n, t, rt) in sorted(lines.items())],
        "exceptions": [_finding_row(ds, f, sid) for f in exceptions],
        "materials": [{"name": name, "uses": n, "in_osp": "yes" if normalize_name(name) in osp_names else "NO"}
                      for name, n in sorted(agents.items())],
    }


def pest(ds: Dataset, sid: str) -> dict:
    per: dict[str, Counter] = defaultdict(Counter)
    for p in ds.pests:
        per[p.facility or "-"][p.level or "?"] += 1
    interventions = sorted((p for p in ds.pests if p.level in ("C", "D")),
                           key=lambda p: (p.date or ds.period[0], p.facility or "", p.id))
    unapproved = sum(1 for p in interventions if p.level == "D" and p.certifier_approved is not True)
    return {
        "pest": {"total": len(ds.pests), "interventions": len(interventions), "unapproved": unapproved},
        "by_facility": [{"facility": f, "entries": sum(c.values()), "a": c["A"], "b": c["B"], "c": c["C"],
                         "d": c["D"]} for f, c in sorted(per.items())],
        "interventions": [{"date": ds.fmt.date(p.date), "facility": p.facility or "-", "location": p.location or "-",
                           "level": p.level, "material": p.material or "-", "applicator": p.applicator or "-",
                           "approved": {True: "yes", False: "no"}.get(p.certifier_approved, "not recorded"),
                           "evidence": ds.evidence.cite_record(p, sid, "material")} for p in interventions],
    }


def sample_lots(ds: Dataset, n: int) -> list[str]:
    """Evenly spaced organic finished lots of the period (same data, same lots)."""
    lots = sorted((b for b in ds.batches if b.run_type != "conventional" and b.batch_lot),
                  key=lambda b: (b.produced_at or ds.period[0], b.batch_lot))
    if len(lots) <= n:
        return [b.batch_lot for b in lots]
    step = len(lots) / n
    return [lots[int(i * step + step / 2)].batch_lot for i in range(n)]


def traceback(ds: Dataset, sid: str, lots: list[str] | None = None) -> dict:
    index = TraceIndex(ds.all_records)
    chains = []
    for lot in lots or sample_lots(ds, ds.profile.trace_samples):
        batch = index.batches.get(lot_key(lot))
        if batch is None:
            chains.append({"lot": lot, "product": "-", "summary": "No batch record has this lot number.",
                           "steps": [], "result": "NOT TRACEABLE: no batch record"})
            continue
        chain = index.chain(batch)
        qty, unit = ds.fmt.quantity(batch.output_quantity, batch.output_unit)
        steps = [{"step": "Finished lot", "item": chain.batch_lot,
                  "detail": f"{chain.product_name or '-'}; produced {ds.fmt.datetime(chain.produced_at)} at "
                            f"{chain.facility or '-'} on {batch.equipment or '-'}; output {qty} {unit}",
                  "evidence": ds.evidence.cite_record(batch, sid, "batch_lot")}]
        for link in chain.links:
            q, u = ds.fmt.quantity(link.quantity, link.unit)
            ev = [ds.evidence.cite_evidence(e, sid) for e in link.evidence]
            steps.append({"step": "Ingredient lot", "item": f"{link.ingredient}, lot {link.lot_number or '-'}",
                          "detail": f"{q} {u} used", "evidence": "-"})
            steps.append({"step": "Invoice", "item": link.invoice_number or "NOT FOUND",
                          "detail": (f"{link.supplier}, {ds.fmt.date(link.invoice_date)}" if link.invoice_number
                                     else "no invoice line carries this lot number"),
                          "evidence": ev[0] if ev else "-"})
            if link.invoice_number and (link.organic or link.certificate_record_id):
                steps.append({"step": "Certificate", "item": link.certifier or "NOT FOUND",
                              "detail": f"status {link.certificate_status}" if link.certificate_record_id
                              else f"no certificate on file for {link.supplier}",
                              "evidence": ev[1] if len(ev) > 1 else "-"})
            elif link.invoice_number:
                # salt, water and National List substances are bought nonorganic: no certificate to trace
                steps.append({"step": "Certificate", "item": "not required",
                              "detail": "bought as nonorganic (invoice line not marked organic)", "evidence": "-"})
        missing_certs = [lk.supplier for lk in chain.links
                         if lk.invoice_number and lk.organic and not lk.certificate_record_id]
        if chain.unresolved or missing_certs:
            result = "GAPS: " + "; ".join([f"lot {u} has no invoice" for u in chain.unresolved]
                                          + [f"no certificate for {s}" for s in sorted(set(missing_certs))])
        else:
            result = ("Complete: every ingredient lot traced to an invoice, and every organic one to a supplier "
                      "certificate.")
        chains.append({"lot": chain.batch_lot, "product": chain.product_name or "-", "steps": steps, "result": result,
                       "summary": f"{len(chain.links)} ingredient lots traced back from the batch record."})
    return {"chains": chains}


def balance(ds: Dataset, sid: str) -> dict:
    start, end = ds.period
    rows = []
    for b in ingredient_balance(ds.all_records, start, end):
        p, unit = ds.fmt.quantity(b.purchased, b.unit)
        u, _ = ds.fmt.quantity(b.used, b.unit)
        d, _ = ds.fmt.quantity(b.difference, b.unit)
        result = f"USED MORE THAN PURCHASED by {ds.fmt.quantity(-b.difference, b.unit)[0]}" if b.exceeds \
            else "Purchases cover use"
        rows.append({"ingredient": b.ingredient, "unit": unit, "purchased": p, "used": u, "difference": d,
                     "result": result, "evidence": f"{b.invoices} invoices, {b.batches} batch records"})
    over = sum(1 for r in rows if r["result"].startswith("USED"))
    summary = (f"Organic ingredients bought (invoice lines marked organic) against organic ingredients used "
               f"(batch record inputs), {ds.period_text}. {len(rows)} ingredients; {over} used more than bought.")
    return {"summary": summary, "lines": rows}
