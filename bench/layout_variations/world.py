"""Realistic organic-trade content for the bench documents, read from world.yaml.

Why: values must look like a real handler's paperwork (supplier names, lots, chemicals,
pest-control practice) in the document's language, and stay data a reviewer can read
without reading code. Helpers here only pick from that data with the caller's seeded
`random.Random`, so a seed reproduces every document.
"""
from __future__ import annotations

import random
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    return yaml.safe_load((HERE / "world.yaml").read_text(encoding="utf-8"))


def local(entry: dict[str, Any] | list | str, lang: str) -> Any:
    """The `lang` version of a per-language entry, English when the language has none."""
    if isinstance(entry, dict):
        return entry.get(lang) or entry["en"]
    return entry


def pick(rng: random.Random, pool: str, lang: str, home: float = 0.8) -> Any:
    """One item of a per-language pool: from `lang` with probability `home`, else any language."""
    by_lang = world()[pool]
    if rng.random() >= home:
        lang = rng.choice(sorted(by_lang))
    return rng.choice(local(by_lang, lang))


def ingredient(name: str) -> dict[str, Any]:
    return next(i for i in world()["ingredients"] if i["en"] == name)


def purchased_ingredients() -> list[dict[str, Any]]:
    return [i for i in world()["ingredients"] if i.get("purchased", True)]


def lot_code(rng: random.Random) -> str:
    """A supplier or production lot code in one of the shapes real labels carry."""
    y, d = rng.randint(24, 26), rng.randint(1, 365)
    shape = rng.randrange(6)
    if shape == 0:
        return f"L{y}{d:03d}-{rng.randint(1, 99):02d}"
    if shape == 1:
        return f"{y}{d:03d}{rng.choice(string.ascii_uppercase)}"
    if shape == 2:
        return f"LOT {rng.randint(100000, 999999)}"
    if shape == 3:
        return f"{rng.choice(['HV', 'PS', 'AQ', 'MB', 'SV'])}-{y}{rng.randint(1000, 9999)}"
    if shape == 4:
        return f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{y}-{rng.randint(1, 9)}"
    return f"B{rng.randint(10000, 99999)}/{y}"


def document_number(rng: random.Random, lang: str) -> str:
    """An invoice number as suppliers in that country print them."""
    y = rng.choice([2025, 2026])
    n = rng.randint(17, 9999)
    shapes = {"en": [f"INV-{rng.randint(10000, 99999)}", f"{y}-{n:05d}", f"SI{rng.randint(100000, 999999)}"],
              "fr": [f"F{y}-{n:05d}", f"FA{y % 100}{n:05d}"], "de": [f"RE-{y}-{n:04d}", f"{y}{n:06d}"],
              "es": [f"FV/{y}/{n:04d}", f"A-{n:08d}"], "pt": [f"FT {y}/{n}", f"NF {n:06d}"],
              "nl": [f"{y}{n:05d}", f"VF-{y}-{n:04d}"], "it": [f"{n}/{y}", f"FE{y}{n:05d}"]}
    return rng.choice(shapes[lang])


def certifier_of(supplier: str) -> str:
    """A stable certifier per supplier, so a formula and a certificate agree."""
    pool = [c for cs in world()["certifiers"].values() for c in cs]
    return pool[sum(map(ord, supplier)) % len(pool)]
