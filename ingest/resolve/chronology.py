"""Dates of one record put in their places by their order, when the labels cannot place them.

A certificate's dates are often labelled in words no list has ("Granted on", "Validity end"); the assignment
then may give the effective date the later date and the expiry the earlier one, for the labels fit both a
little. A field that declares `after: <date field>` never precedes it, so two dates read the other way round
were read for each other: each takes the other's value (and where it was read) (`in_order`).

The field other dates follow (`after`) is where a period starts, and `period_ends` reads the dates by that:
* two dates that both follow an empty start, one earlier than the other: the earlier is the start, unless one
  more date on the page, placed nowhere, comes before both (that one is);
* a start or an end read, the other empty, and one more date on the page whose label fits the read field about
  as well as the label placed there (neither names it clearly): the two are the period's ends, the earlier its
  start;
* a lone date placed in a field that follows a required start on its type alone (its label under `weak`),
  while the start is empty: a document states where its period starts before anything that follows it.

A period may have a required end (the certificate's anniversary, which most such documents state) and an
optional one (an expiry many never print). `required_end` reads the lone end by that: with the start read, a
date placed in the optional end under a label that fits the empty required end about as well (`ABOUT_AS_WELL`,
and at least as a typed value needs) is the required end's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from auditpack.declarations import KindDeclaration

ABOUT_AS_WELL = 0.1  # a second label within this of the placed one fits the field about as well


def in_order(decl: KindDeclaration, out: dict[str, Any]) -> None:
    """Swap, in place, the values of every pair of resolved date fields read against their declared order."""
    for path, later in ((p, decl.field(p)) for p in list(out)):
        first = later.after
        if not first or first not in out or out[path].value is None or out[first].value is None:
            continue
        if out[path].value < out[first].value:
            a, b = out[first], out[path]
            out[first] = replace(a, value=b.value, where=b.where, label=b.label)
            out[path] = replace(b, value=a.value, where=a.where, label=a.label)


@dataclass(frozen=True)
class SpareDate:
    """A date printed under a label that filled no field."""
    value: Any
    where: Any
    label: str


def period_ends(decl: KindDeclaration, out: dict[str, Any], spare: list[SpareDate],
                fit: Callable[[str, str], float], weak: float, least: float) -> None:
    """Move, in place, dates of `out` to the start of their period (see the module's docstring). `fit(label,
    path)` is a label's score for a field; `least` the score a typed value needs at all."""
    starts = {f.after for f in decl.fields.values() if f.after}
    for start in starts:
        ends = [p for p, f in decl.fields.items() if f.after == start]
        held = [p for p in ends if p in out and out[p].value is not None]
        if start not in out and len(held) >= 2:  # both follow the start: the earliest is the start
            first = min(held, key=lambda p: out[p].value)
            before = [s for s in spare if s.value < out[first].value]
            if len(before) == 1:  # unless a date no label placed comes before them all: that one starts it
                out[start] = replace(out[first], value=before[0].value, where=before[0].where,
                                     label=before[0].label)
                continue
            if not before and any(out[p].value > out[first].value for p in held):
                out[start] = out.pop(first)
                continue
        if _two_ends(out, start, ends, spare, fit, least):
            continue
        held = [p for p in ends if p in out and out[p].value is not None]
        if start not in out and len(held) == 1 and decl.field(start).required \
                and fit(out[held[0]].label, held[0]) < weak:
            out[start] = out.pop(held[0])


def _two_ends(out: dict[str, Any], start: str, ends: list[str], spare: list[SpareDate],
              fit: Callable[[str, str], float], least: float) -> bool:
    """One date of the period read (its start or one end) and one date spare whose label fits that field about
    as well: the earlier of the two starts the period, the later ends it (the end read, or the empty end the
    later date's label fits best)."""
    read = [p for p in (start, *ends) if p in out and out[p].value is not None]
    if len(read) != 1:
        return False
    placed = read[0]
    own = fit(out[placed].label, placed)
    rivals = [s for s in spare
              if s.value != out[placed].value and fit(s.label, placed) >= max(least, own - ABOUT_AS_WELL)]
    if len(rivals) != 1:
        return False
    mine = out.pop(placed)
    theirs = replace(mine, value=rivals[0].value, where=rivals[0].where, label=rivals[0].label)
    early, late = (mine, theirs) if mine.value < theirs.value else (theirs, mine)
    end = placed if placed != start else max(ends, key=lambda p: fit(late.label, p))
    out[start], out[end] = early, late
    return True


def required_end(decl: KindDeclaration, out: dict[str, Any], fit: Callable[[str, str], float], least: float) -> None:
    """Give, in place, the lone end of a period to its required end (see the module's docstring)."""
    for start in {f.after for f in decl.fields.values() if f.after}:
        ends = [p for p, f in decl.fields.items() if f.after == start]
        must = [p for p in ends if decl.field(p).required and p not in out]
        held = [p for p in ends if not decl.field(p).required and p in out and out[p].value is not None]
        if len(must) != 1 or len(held) != 1 or start not in out:
            continue
        label = out[held[0]].label
        if fit(label, must[0]) >= max(least, fit(label, held[0]) - ABOUT_AS_WELL):
            out[must[0]] = out.pop(held[0])
