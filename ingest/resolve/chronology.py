"""Two dates of one record read for each other's labels, put back in their order.

A certificate's dates are often labelled in words no list has ("Granted on", "Validity end"); the assignment
then may give the effective date the later date and the expiry the earlier one, for the labels fit both a
little. A field that declares `after: <date field>` never precedes it, so two dates read the other way round
were read for each other: each takes the other's value (and where it was read).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from auditpack.declarations import KindDeclaration


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
