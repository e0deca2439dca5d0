"""The two parties of a document (a certificate's certified operation and its certifier) told apart by
uniqueness, when their labels alone cannot.

Labels in words no list has often fit both parties ("Certified ..." shares its stem with "Certifier"), and
the embedding model may lean to the wrong one. Two rules read the arrangement instead:
* a required name field left empty while a second pair, spare, fits the party that was filled: the pair
  placed there whose label also fits the empty party names it, and the spare pair (fitting it less) takes
  the filled one, each party named once;
* a required name field still empty, and exactly one spare pair whose value is a name and whose label fits
  it at all: that pair names it (a required party is always printed);
* two parties named by labelled pairs: of the two ways to place them, the one whose labels fit their fields
  better in sum, each at least a little, is kept (two labels that both lean to the certifier: the one that
  leans less names the operation).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SpareName:
    """A pair whose value reads as a name and that filled no field."""
    value: Any
    where: Any
    label: str


def settle_parties(required: list[str], parties: list[str], out: dict[str, Any], spare: list[SpareName],
                   fit: Callable[[str, str], float], least: float, make: Callable[[SpareName, str], Any]) -> None:
    """Fill, in place, the empty `required` name fields among `parties` (see the module's docstring).
    `fit(label, path)` is a label's score for a field, `least` the score that counts at all; `make` turns a
    spare pair into the resolved value of a field."""
    for empty in [p for p in required if p in parties and p not in out]:
        for filled in [p for p in parties if p != empty and p in out and out[p].label]:
            mine = fit(out[filled].label, empty)
            if mine < least:
                continue
            rivals = [s for s in spare if fit(s.label, filled) >= least and fit(s.label, empty) < mine]
            if len(rivals) == 1:
                out[empty] = out[filled]
                out[filled] = make(rivals[0], filled)
                spare = [s for s in spare if s is not rivals[0]]
                break
        if empty not in out:
            fitting = [s for s in spare if fit(s.label, empty) >= least]
            if len(fitting) == 1:
                out[empty] = make(fitting[0], empty)
                spare = [s for s in spare if s is not fitting[0]]
    named = [p for p in parties if p in out and out[p].label]
    if len(named) == 2:
        a, b = named
        kept = fit(out[a].label, a) + fit(out[b].label, b)
        swapped = fit(out[b].label, a) + fit(out[a].label, b)
        if swapped > kept and min(fit(out[b].label, a), fit(out[a].label, b)) >= least:
            out[a], out[b] = out[b], out[a]
