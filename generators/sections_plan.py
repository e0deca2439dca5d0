"""Section contexts about the operation and its plan: operation summary,
supplier and ingredient register, product profiles (205.302 calculation)."""
from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from generators.dataset import Dataset
from knowledge.api import percent_organic
from knowledge.api import NameIndex, normalize_name, normalize_product, product_matches

CATEGORY_LABELS = {
    "100_percent_organic": "100 percent organic", "organic": "organic",
    "made_with_organic": "made with organic (specified ingredients)",
    "ingredient_panel_only": "organic ingredients identified in the ingredient panel only",
}


def _yes(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def operation(ds: Dataset, sid: str) -> dict:
    osp, op = ds.osp, ds.settings.operation
    facilities: dict[str, dict] = {}

    def fac(name: str | None) -> dict | None:
        if not name:
            return None
        return facilities.setdefault(normalize_name(name), {"name": name, "address": "-", "equipment": set(),
                                                            "batches": 0, "cleanings": 0})
    for f in op.facilities:
        fac(f.name)["address"] = f.address or "-"
    for f in osp.facilities if osp else []:
        row = fac(f.name)
        row["address"] = f.address or row["address"]
        row["equipment"].update(f.equipment)
    for b in ds.batches:
        if (row := fac(b.facility)) is not None:
            row["batches"] += 1
            row["equipment"].update([b.equipment] if b.equipment else [])
    for c in ds.cleanings:
        if (row := fac(c.facility)) is not None:
            row["cleanings"] += 1
            row["equipment"].update([c.equipment] if c.equipment else [])
    batches = Counter(normalize_product(b.product_name) for b in ds.batches if b.run_type != "conventional")
    osp_products = {normalize_product(p) for p in (osp.products if osp else [])}
    products = {normalize_product(p.product_name): (p.product_name, CATEGORY_LABELS.get(p.label_category or "", "-"))
                for p in ds.products if p.product_name}
    for name in osp.products if osp else []:
        products.setdefault(normalize_product(name), (name, "-"))
    osp_text = (f"updated {ds.fmt.date(osp.updated_on)} ({ds.evidence.cite_record(osp, sid)})" if osp
                else "none ingested")
    return {
        "operation": {"name": op.name or (osp.operation_name if osp else "") or "-", "nop_id": op.nop_id or "-",
                      "certifier": ds.profile.name, "period": ds.period_text, "osp": osp_text,
                      "records": ", ".join(f"{n} {k}" for k, n in sorted(Counter(
                          r.kind.value.replace("_", " ") for r in ds.records).items()))},
        "facilities": [{**v, "equipment": ", ".join(sorted(v["equipment"])) or "-"}
                       for _, v in sorted(facilities.items())],
        "products": [{"name": name, "category": cat, "in_osp": _yes(key in osp_products),
                      "batches": batches.get(key, 0)} for key, (name, cat) in sorted(products.items())],
    }


def _pairs(ds: Dataset) -> dict[tuple[str, str], dict]:
    """Organic (ingredient, supplier) pairs named by formulas, the OSP and invoices."""
    pairs: dict[tuple[str, str], dict] = {}

    def add(ingredient: str, supplier: str | None, source: str) -> None:
        skey = normalize_name(supplier)
        ikey = normalize_product(ingredient)
        for (i, s), row in pairs.items():
            if s == skey and product_matches(ingredient, [row["ingredient"]])[0]:
                row["sources"].add(source)
                return
        pairs[(ikey, skey)] = {"ingredient": ingredient, "supplier": supplier or "-", "sources": {source}}
    for p in ds.products:
        for ing in p.ingredients:
            if ing.organic and not ing.water_or_salt:
                add(ing.name, ing.supplier, "formula")
    for s in ds.osp.suppliers if ds.osp else []:
        # an OSP supplier list often names several ingredients in one entry ("Black Beans, Chickpeas")
        for ingredient in [i.strip() for i in re.split(r"[;,]", s.ingredient or "") if i.strip()] or ["(not stated)"]:
            add(ingredient, s.name, "OSP")
    for inv in ds.invoices:
        for line in inv.lines:
            if line.organic:
                add(line.description, inv.supplier_name, "invoice")
    return pairs


def suppliers(ds: Dataset, sid: str) -> dict:
    certs = NameIndex()
    for c in ds.certificates:
        certs.add(c.operation_name, c)
    cert_findings = ds.findings_for("CERT-")
    grace = timedelta(days=ds.settings.checks.certificate_grace_days)
    rows = []
    for (_, _), row in sorted(_pairs(ds).items()):
        found = certs.lookup(row["supplier"]) if row["supplier"] != "-" else []
        cert = max(found, key=lambda c: (c.effective_date or c.anniversary_date or ds.period[0], c.id), default=None)
        covers, _ = product_matches(row["ingredient"], cert.products) if cert and cert.products else (None, 0)
        s_key = normalize_name(row["supplier"])
        issues = [f for f in cert_findings if normalize_name(f.finding.subject.key.split("|")[0]) == s_key
                  and ("|" not in f.finding.subject.key
                       or product_matches(f.finding.subject.key.split("|", 1)[1], [row["ingredient"]])[0])]
        if issues:
            verification = "; ".join(f"{f.finding.rule_id} ({f.status.value})" for f in issues)
        elif cert is None:
            verification = "No certificate on file"
        elif cert.status != "certified":
            verification = f"Certificate status: {cert.status}"
        elif cert.anniversary_date and cert.anniversary_date + grace < ds.period[1]:
            verification = "Anniversary date passed: ask for a current certificate"
        elif cert.products and not covers:
            verification = "Certified, but the certificate's product list does not name this ingredient"
        else:
            verification = "Verified: certified" + (", scope covers the ingredient" if covers else "")
        rows.append({
            "ingredient": row["ingredient"], "supplier": row["supplier"],
            "certifier": (cert.certifier if cert else None) or "-",
            "certificate_number": (cert.certificate_number if cert else None) or "-",
            "status": cert.status if cert else "none", "anniversary": ds.fmt.date(cert.anniversary_date if cert
                                                                                   else None),
            "scope": ("not stated" if cert and not cert.products else _yes(bool(covers)) if cert else "-"),
            "verification": verification,
            "evidence": ds.evidence.cite_record(cert, sid, "operation_name") if cert else "-",
        })
    verified = sum(r["verification"].startswith("Verified") for r in rows)
    summary = (f"{len(rows)} organic ingredient/supplier pairs named by formulas, the OSP and invoices; "
               f"{verified} verified against a current certificate; {len(ds.certificates)} certificates on file.")
    return {"summary": summary, "suppliers": rows}


def products(ds: Dataset, sid: str) -> dict:
    out = []
    for p in ds.products:
        res = percent_organic(p)
        base = "kg" if res.basis == "weight" else "liter"
        steps = [{"ingredient": s.ingredient, "amount": ds.fmt.number(s.amount, 3), "unit": s.unit or "-",
                  "in_base": ds.fmt.number(s.amount_in_base, 3), "organic": _yes(s.organic),
                  "counted": "excluded" if s.excluded else ("organic" if s.organic else "nonorganic")
                  if s.amount_in_base is not None else "not counted", "note": s.note or ""}
                 for s in res.steps]
        claimed = CATEGORY_LABELS.get(res.category_claimed or "", "none claimed")
        if res.minimum_required is None:
            verdict = f"{res.percent_rounded_down} % organic; {claimed}: no minimum applies"
        elif res.category_met:
            verdict = f"{res.percent_rounded_down} % organic meets '{claimed}' (at least {res.minimum_required} %)"
        else:
            verdict = (f"{res.percent_rounded_down} % organic does NOT meet '{claimed}' "
                       f"(at least {res.minimum_required} % required)")
        out.append({"name": res.product_name, "category": claimed,
                    "minimum": f"{res.minimum_required} %" if res.minimum_required is not None else "none",
                    "basis": f"by {res.basis}", "base_unit": base, "steps": steps,
                    "organic_total": ds.fmt.number(res.organic_total, 3),
                    "total": ds.fmt.number(res.total_excluding_water_salt, 3),
                    "percent_exact": ds.fmt.number(res.percent_exact, 2), "percent_rounded": res.percent_rounded_down,
                    "category_met": res.category_met, "verdict": verdict, "problems": "; ".join(res.problems),
                    "evidence": ds.evidence.cite_record(p, sid, "product_name")})
    return {"products": out}
