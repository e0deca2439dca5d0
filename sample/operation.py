"""Build the operation's world: facilities, certifiers, ingredients, suppliers, products.

Everything is drawn from `catalog.yaml` with one seeded `random.Random`, so the
same seed gives the same world. Production, purchases and logs are built on
top of this by `schedule.py`; gaps are planted afterwards by `gaps.py`.
"""
from __future__ import annotations

import random
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from sample.model import Certificate, Certifier, Facility, IngredientSpec, Operation, Product, Supplier
from sample.presets import AUDIT_YEAR, Preset

CATALOG = Path(__file__).with_name("catalog.yaml")

# Ingredient category -> supplier group (a supplier sells every ingredient of its group).
GROUPS = {
    "Grains": "grains", "Sweeteners": "sweeteners", "Oils": "oils", "Nuts": "nuts", "Seeds": "nuts",
    "Fruit - Dried": "dried fruit", "Fruit - Berries": "fruit", "Fruit - Citrus": "fruit", "Cacao": "cacao",
    "Spices": "spices", "Legumes": "legumes", "Vegetables": "vegetables", "Vegetables - Processed": "vegetables",
}
# Extra certified products per group, so certificates list more than we buy (as real ones do).
EXTRAS = {
    "grains": ["Grains: Barley", "Grains: Millet"], "sweeteners": ["Sweeteners: Agave Syrup"],
    "oils": ["Oils: Safflower Oil"], "nuts": ["Nuts: Hazelnuts", "Seeds: Chia Seeds"],
    "dried fruit": ["Fruit - Dried: Figs"], "fruit": ["Fruit - Berries: Raspberries"],
    "cacao": ["Cacao: Cacao Nibs"], "spices": ["Spices: Black Pepper", "Herbs: Thyme"],
    "legumes": ["Legumes: Navy Beans"], "vegetables": ["Vegetables: Celery"],
}
INVOICE_LAYOUTS = ("vendor_classic", "vendor_modern", "vendor_coop", "invoice_xlsx")
_SUFFIX = re.compile(r"\b(inc|llc|ltd|co|company|s a|s a c|sac|corp)\b")


@lru_cache(maxsize=1)
def load_catalog() -> dict:
    return yaml.safe_load(CATALOG.read_text(encoding="utf-8"))


def _norm(name: str) -> str:
    s = re.sub(r"[^\w\s]", " ", name.lower())
    return " ".join(_SUFFIX.sub(" ", s).split())


def supplier_names(rng: random.Random, count: int) -> list[str]:
    """Distinct names no fuzzy name matcher could mistake for one another."""
    words = load_catalog()["supplier_words"]
    firsts = list(words["first"])
    rng.shuffle(firsts)
    names: list[str] = []
    for first in firsts:
        name = f"{first} {rng.choice(words['second'])}"
        n = _norm(name)
        if all(fuzz.token_sort_ratio(n, _norm(o)) < 75 and first.split()[0] not in o for o in names):
            names.append(name)
        if len(names) == count:
            return names
    raise ValueError(f"only {len(names)} distinct supplier names available, {count} needed")


def _certifiers(cat: dict) -> list[Certifier]:
    return [Certifier(name=c["name"], short=c["short"], street=c["street"], city=c["city"],
                      phone=c["phone"], web=c["web"]) for c in cat["certifiers"]]


def _ingredients(cat: dict) -> dict[str, IngredientSpec]:
    return {i["name"]: IngredientSpec(**i) for i in cat["ingredients"]}


def _address(rng: random.Random, name: str) -> str:
    if name.endswith(("S.A.", "S.A.C.")):
        town = rng.choice(["Arequipa", "Cusco", "Piura", "Trujillo"])
        return f"Km {rng.randint(3, 80)} Carretera Central, {town}, Peru"
    street = rng.choice(["County Road", "Farm Lane", "Industrial Park Drive", "Commerce Way", "Old Mill Road"])
    town = rng.choice(["Salinas, CA 93901", "Fargo, ND 58102", "Yakima, WA 98901", "Boise, ID 83702",
                       "Ames, IA 50010", "Chico, CA 95928", "Lancaster, PA 17601", "Madera, CA 93637"])
    return f"{rng.randint(100, 9800)} {street}, {town}"


def certificate(rng: random.Random, supplier: Supplier, certifier: Certifier, effective: date,
                anniversary: date, products: list[str], nop_id: str | None = None) -> Certificate:
    crops = supplier.name.split()[-1].rstrip(".,") in ("LLC", "Cooperative", "Orchards", "S.A.C.", "Co")
    scopes = ["crops", "handling"] if crops else ["handling"]
    if supplier.group == "sweeteners" and "Maple Syrup" in supplier.ingredients:
        scopes = sorted(set(scopes) | {"wild_crops"})
    return Certificate(
        supplier=supplier.name, certifier=certifier,
        nop_id=nop_id or f"{rng.randint(1000, 9999)}{rng.randint(100000, 999999)}",
        client_id=f"{certifier.short}-{rng.randint(1000, 9999)}", status="certified", effective=effective,
        anniversary=anniversary, issued=effective, status_date=effective, scopes=scopes, products=products,
        address=supplier.address,
    )


def _certificates(rng: random.Random, s: Supplier, certifiers: list[Certifier], preset: Preset,
                  ingredients: dict[str, IngredientSpec]) -> list[Certificate]:
    """Certificates on file: the current one, plus renewals and history as the preset asks."""
    products = [f"{ingredients[i].category}: {i}" for i in s.ingredients] + EXTRAS.get(s.group, [])
    foreign = s.name.endswith(("S.A.", "S.A.C."))
    pool = [c for c in certifiers[1:] if (c.short == "AOC") == foreign] or certifiers[1:]
    cert_by = rng.choice(pool)
    nop = f"{rng.randint(1000, 9999)}{rng.randint(100000, 999999)}"
    if rng.random() < preset.renewal_share:
        # anniversary falls inside the audit year: the old certificate and the renewed one are both on file
        anniv = date(AUDIT_YEAR, rng.randint(2, 10), rng.randint(1, 28))
        old = certificate(rng, s, cert_by, anniv - timedelta(days=365 - rng.randint(0, 20)), anniv, products, nop)
        new_by = rng.choice(pool) if rng.random() < preset.second_certifier_share else cert_by
        new = certificate(rng, s, new_by, anniv, anniv.replace(year=AUDIT_YEAR + 1), products, nop)
        certs = [old, new]
    else:
        anniv = date(AUDIT_YEAR, rng.randint(11, 12), rng.randint(5, 28))
        certs = [certificate(rng, s, cert_by, anniv - timedelta(days=365 + rng.randint(0, 30)), anniv, products, nop)]
    if rng.random() < preset.history_share:
        first = certs[0]
        certs.insert(0, certificate(rng, s, first.certifier, first.effective - timedelta(days=365),
                                    first.anniversary.replace(year=first.anniversary.year - 1), products, nop))
    return certs


def _suppliers(rng: random.Random, preset: Preset, ingredients: dict[str, IngredientSpec],
               used: list[str], certifiers: list[Certifier]) -> list[Supplier]:
    groups: dict[str, list[str]] = {}
    for name in used:
        spec = ingredients[name]
        if spec.organic:
            groups.setdefault(GROUPS[spec.category or ""], []).append(name)
    count = len(groups) * preset.suppliers_per_group
    names = supplier_names(rng, count)
    out: list[Supplier] = []
    for gi, (group, members) in enumerate(sorted(groups.items())):
        for k in range(preset.suppliers_per_group):
            name = names[gi * preset.suppliers_per_group + k]
            s = Supplier(name=name, address=_address(rng, name), group=group, ingredients=sorted(members),
                         organic=True, invoice_layout=INVOICE_LAYOUTS[(gi + k) % len(INVOICE_LAYOUTS)],
                         lot_prefix="".join(w[0] for w in name.split()[:2]).upper(),
                         invoice_prefix=rng.choice(["INV-", "SI-", "", "A"]))
            s.certificates = _certificates(rng, s, certifiers, preset, ingredients)
            out.append(s)
    conventional = [
        ("Pacific Ingredient Supply Co.", [n for n in used if ingredients[n].nl and not ingredients[n].organic],
         "vendor_modern"),
        ("Coastal Salt Company", ["Sea Salt"], "invoice_xlsx"),
        ("Valley Foodservice Distributors", [n for n in used if not ingredients[n].organic and not ingredients[n].nl
                                             and ingredients[n].purchased and n != "Sea Salt"], "vendor_coop"),
    ]
    for name, members, layout in conventional:
        out.append(Supplier(name=name, address=_address(rng, name), group="conventional", ingredients=sorted(members),
                            organic=False, invoice_layout=layout, in_osp=False,
                            lot_prefix="".join(w[0] for w in name.split()[:2]).upper(), invoice_prefix="C"))
    return out


def _products(cat: dict, preset: Preset) -> list[Product]:
    out = []
    for i, p in enumerate(cat["products"]):
        if not preset.all_products and not p.get("small"):
            continue
        facility, equipment = p["equipment"].split("|")
        out.append(Product(
            name=p["name"], category=p["category"], facility=facility, equipment=equipment,
            formula=[(n, float(a)) for n, a in p["formula"]], aids=[(n, bool(o)) for n, o in p.get("aids", [])],
            role=p.get("role"), in_osp=p.get("role") != "unlisted_in_osp",
            profile_layout=("profile_docx", "formulation_xlsx")[i % 2],
            code="".join(w[0] for w in p["name"].split()[:3]).upper(),
        ))
    return out


def build_operation(rng: random.Random, preset: Preset) -> Operation:
    cat = load_catalog()
    certifiers = _certifiers(cat)
    ingredients = _ingredients(cat)
    products = _products(cat, preset)
    used = sorted({n for p in products for n, _ in p.formula if ingredients[n].purchased})
    o = cat["operation"]
    return Operation(
        name=o["name"], address=o["address"], nop_id=o["nop_id"], certifier=certifiers[0], contact=o["contact"],
        year=AUDIT_YEAR, facilities=[Facility(**f) for f in cat["facilities"]], certifiers=certifiers,
        ingredients=ingredients, suppliers=_suppliers(rng, preset, ingredients, used, certifiers), products=products,
    )
