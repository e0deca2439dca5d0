"""Section contexts about the review: findings and decisions, the evidence
index, the renewal's OSP changes and the signed affirmation."""
from __future__ import annotations

from collections import Counter

from auditpack.records import OrganicSystemPlan
from generators.dataset import Dataset
from knowledge.api import normalize_name, normalize_product


def _finding_rows(ds: Dataset, states, sid: str) -> list[dict]:  # noqa: ANN001
    rows = []
    for f in states:
        ev = [ds.evidence.cite_evidence(e, sid) for e in f.finding.evidence]
        decided = f"{f.decided_by}, {ds.fmt.date(f.decided_at)}" if f.decided_by else "-"
        rows.append({"id": f.finding.id, "rule": f"{f.finding.rule_id} ({f.finding.severity})",
                     "subject": f.finding.subject.key, "message": ds.message(f),
                     "citations": ", ".join(f.finding.citations) or "-", "status": f.status.value,
                     "decision": ds.decision_text(f), "decided": decided,
                     "evidence": "; ".join(ev[:4]) + (" ..." if len(ev) > 4 else "") if ev else "-"})
    return rows


def _summary(states) -> dict:  # noqa: ANN001
    c = Counter(f.status.value for f in states)
    return {"total": len(states), "open": c["open"], "accepted": c["accepted"], "dismissed": c["dismissed"],
            "resolved": c["resolved"]}


def findings(ds: Dataset, sid: str) -> dict:
    return {"summary": _summary(ds.findings), "findings": _finding_rows(ds, ds.findings, sid)}


def open_findings(ds: Dataset, sid: str) -> dict:
    """Noncompliances still to answer: open ones and accepted ones with their corrective action."""
    states = [f for f in ds.findings if f.status.value in ("open", "accepted")]
    return {"summary": _summary(states), "findings": _finding_rows(ds, states, sid)}


def evidence(ds: Dataset, sid: str, titles: dict[str, str]) -> dict:
    docs = []
    for d in ds.evidence.docs.values():
        docs.append({"ref": d.ref, "filename": d.info.filename, "kind": (d.info.kind or "-").replace("_", " "),
                     "pages": d.info.pages or "-", "page": "-", "sha256": d.info.sha256,
                     "cited_by": ", ".join(sorted(titles.get(s, s) for s in d.cited_by)) or "-"})
    summary = (f"{len(docs)} original documents, in the order below, follow this index, in this section's PDF "
               "and in the combined PDF (one bookmark each); 'Starts on page' is the page of the combined PDF "
               "where each begins. Sections cite them as E-n, p. n (page of the original); every page of an "
               "original is stamped E-n p. k/m in its bottom-right corner.")
    return {"summary": summary, "documents": docs}


def affirmation(ds: Dataset, sid: str) -> dict:
    name = ds.settings.operation.name or (ds.osp.operation_name if ds.osp else "") or "the operation"
    statements = [s.format_map({"operation": name, "certifier": ds.profile.name}) for s in ds.profile.affirmation]
    return {"affirmation": {"statements": statements, "operation": name}}


def _names(values) -> dict[str, str]:  # noqa: ANN001
    return {normalize_name(v): v for v in values if v}


def _diff(area: str, old: dict[str, str], new: dict[str, str], label_old: str, label_new: str) -> list[dict]:
    rows = [{"area": area, "item": new[k], "change": f"added ({label_new})", "source": ""} for k in sorted(new)
            if k not in old]
    rows += [{"area": area, "item": old[k], "change": f"removed ({label_old})", "source": ""} for k in sorted(old)
             if k not in new]
    return rows


def changes(ds: Dataset, sid: str, previous: OrganicSystemPlan | None) -> dict:
    """What changed since the last approved OSP: plan versions, then records not covered by the plan."""
    osp = ds.osp
    rows: list[dict] = []
    if osp and previous:
        lbl_new, lbl_old = f"in OSP of {ds.fmt.date(osp.updated_on)}", f"from OSP of {ds.fmt.date(previous.updated_on)}"
        rows += _diff("Products", _names(previous.products), _names(osp.products), lbl_old, lbl_new)
        rows += _diff("Suppliers", _names(s.name for s in previous.suppliers), _names(s.name for s in osp.suppliers),
                      lbl_old, lbl_new)
        rows += _diff("Ingredients", _names(s.ingredient for s in previous.suppliers),
                      _names(s.ingredient for s in osp.suppliers), lbl_old, lbl_new)
        rows += _diff("Substances", _names(s.name for s in previous.substances),
                      _names(s.name for s in osp.substances), lbl_old, lbl_new)
        rows += _diff("Facilities", _names(f.name for f in previous.facilities),
                      _names(f.name for f in osp.facilities), lbl_old, lbl_new)
        rows += _diff("Equipment", _names(e for f in previous.facilities for e in f.equipment),
                      _names(e for f in osp.facilities for e in f.equipment), lbl_old, lbl_new)
        for r in rows:
            r["source"] = ds.evidence.cite_record(osp if r["change"].startswith("added") else previous, sid)
    plan_products = {normalize_product(p) for p in (osp.products if osp else [])}
    plan_suppliers = {normalize_name(s.name) for s in (osp.suppliers if osp else [])}
    plan_substances = {normalize_name(s.name) for s in (osp.substances if osp else [])}
    plan_facilities = {normalize_name(f.name) for f in (osp.facilities if osp else [])}
    plan_equipment = {normalize_name(e) for f in (osp.facilities if osp else []) for e in f.equipment}
    seen: set[tuple[str, str]] = set()

    def used(area: str, name: str | None, known: set[str], norm, rec, what: str) -> None:  # noqa: ANN001
        key = norm(name) if name else ""
        if key and key not in known and (area, key) not in seen:
            seen.add((area, key))
            rows.append({"area": area, "item": name, "change": f"{what}, not in the OSP: add it",
                         "source": ds.evidence.cite_record(rec, sid)})
    for p in ds.products:
        used("Products", p.product_name, plan_products, normalize_product, p, "product profile on file")
    for b in sorted(ds.batches, key=lambda b: (b.produced_at or ds.period[0], b.id)):
        used("Products", b.product_name, plan_products, normalize_product, b, "produced in the period")
        used("Facilities", b.facility, plan_facilities, normalize_name, b, "used in the period")
        used("Equipment", b.equipment, plan_equipment, normalize_name, b, "used in the period")
    for inv in sorted(ds.invoices, key=lambda i: (i.invoice_date or ds.period[0], i.id)):
        if any(line.organic for line in inv.lines):
            used("Suppliers", inv.supplier_name, plan_suppliers, normalize_name, inv, "bought from in the period")
    for c in sorted(ds.cleanings, key=lambda c: (c.performed_at or ds.period[0], c.id)):
        for a in c.agents:
            used("Substances", a.name, plan_substances, normalize_name, c, "cleaning agent used in the period")
    for p in sorted(ds.pests, key=lambda p: (p.date or ds.period[0], p.id)):
        # levels A and B of 205.271 are prevention and traps (door sweeps, glue boards), not substances
        if p.level not in ("A", "B"):
            used("Substances", p.material, plan_substances, normalize_name, p, "pest control substance used")
    osp_info = {
        "current": f"{ds.fmt.date(osp.updated_on)} ({ds.evidence.cite_record(osp, sid)})" if osp else "none ingested",
        "previous": (f"{ds.fmt.date(previous.updated_on)} ({ds.evidence.cite_record(previous, sid)})" if previous
                     else "no earlier version ingested"),
        "period": ds.period_text, "count": len(rows)}
    return {"osp": osp_info, "changes": rows}
