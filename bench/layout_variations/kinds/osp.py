"""Organic System Plans: a questionnaire with header fields, tables and narrative answers.

Why: certifiers' OSP forms are questionnaires (numbered questions with the answer under
them, or question | answer tables, check boxes for a substance's use), and the plan is
what every other record is checked against.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from auditpack.records import OSP_SECTIONS
from bench.layout_variations import vocabulary as V
from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Block, Doc, Questions, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, blank_part, iso

KIND = "organic_system_plan"
USES = ("cleaner", "sanitizer", "processing_aid", "pest_control", "other")


def _substances(rng: random.Random, lang: str) -> list[tuple[str, str]]:
    agents = [a for a in W.world()["cleaning_agents"] if a["unit"]]
    out = [(W.local(a, lang), "cleaner" if a["unit"] == "%" else "sanitizer") for a in rng.sample(agents, 3)]
    out += [(W.local(a, lang), "processing_aid") for a in rng.sample(W.world()["processing_aids"], rng.randint(0, 2))]
    if rng.random() < 0.6:
        out.append((rng.choice(W.local(W.world()["pest_materials"]["C"], lang)), "pest_control"))
    if rng.random() < 0.3:
        out.append(("Food-grade lubricant H1", "other"))
    return out


def _numbering(rng: random.Random) -> Any:
    shape = rng.choice(["{n}.", "Q{n}.", "{s}.{n}", "{n})"])
    section = rng.choice("BCDE")
    return lambda n: shape.format(n=n, s=section)


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    handler = W.pick(rng, "handlers", lang)
    truth = blank(KIND)
    doc = Doc(lang, p.title())
    doc.add(Title(doc.title))
    header = []
    updated = dt.date(2025, 1, 10) + dt.timedelta(days=rng.randint(0, 500))
    for field, value, stored in (("operation_name", handler["name"], handler["name"]),
                                 ("certifier", W.pick(rng, "certifiers", lang), None),
                                 ("updated_on", p.date(updated), iso(updated))):
        if rng.random() < 0.85:
            header.append((p.label(field), value))
            truth[field] = stored if stored is not None else value
    doc.add(p.fields(header))

    parts: list[list[Block]] = []
    facilities = rng.sample(W.local(W.world()["facilities"], lang), rng.randint(1, 2))
    if rng.random() < 0.8:
        sep = rng.choice(["; ", ", "])
        others = [h["address"] for h in W.local(W.world()["handlers"], lang) if h["address"] != handler["address"]]
        addresses = {f["name"]: handler["address"] if i == 0 else rng.choice(others or [handler["address"]])
                     for i, f in enumerate(facilities)}
        parts.append([p.table([(p.label("facilities.name"), lambda f: f["name"]),
                               (p.label("facilities.address"), lambda f: addresses[f["name"]]),
                               (p.label("facilities.equipment"), lambda f: sep.join(f["equipment"]))],
                              facilities, caption=p.caption("facilities"))])
        truth["facilities"] = [blank_part(KIND, "facilities", name=f["name"], address=addresses[f["name"]],
                                          equipment=list(f["equipment"])) for f in facilities]
    if rng.random() < 0.8:
        products = [W.local(x["name"], lang) for x in rng.sample(W.world()["products"], rng.randint(3, 7))]
        if rng.random() < 0.5:
            parts.append([p.fields([(p.label("products.name"), ", ".join(products))], arrangement="colon")])
        else:
            parts.append([p.table([(p.label("products.name"), lambda x: x)], products)])
        truth["products"] = products
    if rng.random() < 0.8:
        bought = [(s["name"], W.local(W.ingredient(n), lang)) for s, n in zip(
            rng.sample([s for ss in W.world()["suppliers"].values() for s in ss], 5),
            rng.sample([i["en"] for i in W.purchased_ingredients()], 5))][: rng.randint(3, 5)]
        parts.append([p.table([(p.label("suppliers.name"), lambda s: s[0]),
                               (p.label("suppliers.ingredient"), lambda s: s[1])], bought,
                              caption=p.caption("suppliers"))])
        truth["suppliers"] = [blank_part(KIND, "suppliers", name=n, ingredient=i) for n, i in bought]
    if rng.random() < 0.75:
        subs = _substances(rng, lang)
        boxes = rng.random() < 0.4
        use = (lambda s: p.options([(p.word("use", u), u == s[1]) for u in USES])) if boxes else \
            (lambda s: p.word("use", s[1]))
        parts.append([p.table([(p.label("substances.name"), lambda s: s[0]), (p.label("substances.use"), use)],
                              subs, caption=p.caption("substances"))])
        truth["substances"] = [blank_part(KIND, "substances", name=n, use=u) for n, u in subs]

    answered = [s for s in OSP_SECTIONS if rng.random() < 0.9]
    number = _numbering(rng)
    items = []
    for k, section in enumerate(answered, start=1):
        answer = rng.choice(W.local(W.world()["osp_answers"][section], lang))
        items.append((f"{number(k)} {rng.choice(V.questions(section, lang))}", answer))
        truth["sections"][section] = answer
    style_q = rng.choice(["numbered", "numbered", "table"])
    header_q = (p.caption("question_column"), p.caption("answer_column")) if style_q == "table" else None
    parts.insert(rng.randint(0, len(parts)), [Questions(items, style_q, header_q,
                                                        p.caption("questions") if rng.random() < 0.5 else None)])
    for blocks in parts:
        doc.add(*blocks)
    return doc, [truth]
