"""Does the evidence name the operation the cover names?

The cover takes the operation's name from the workspace settings. If the
Organic System Plan or the invoices (their buyer) name another operation, the
package is probably built in the wrong workspace, or the settings hold an old
or a sister company's name: a certifier would notice at once, so the reviewer
is told before building and the package carries the warning.
"""
from __future__ import annotations

from collections import Counter

from generators.dataset import Dataset
from knowledge.api import normalize_name

MAX_VARIANTS = 3  # buyer names listed per warning (OCR may produce a few spellings)


def operation_mismatches(ds: Dataset) -> list[str]:
    """One sentence per source naming a different operation; empty when they agree (legal forms and
    punctuation aside: "Acme Foods, Inc." is "ACME FOODS")."""
    cover = ds.cover_operation
    key = normalize_name(cover)
    if not key or not ds.settings.operation.name:
        return []  # the cover took its name from the OSP itself, or has none to compare
    out: list[str] = []
    osp = ds.osp
    if osp and osp.operation_name and normalize_name(osp.operation_name) != key:
        out.append(f"The cover names {cover!r} (workspace settings), but the Organic System Plan of "
                   f"{ds.fmt.date(osp.updated_on)} ({ds.evidence.cite_record(osp, 'cover')}) names "
                   f"{osp.operation_name!r}.")
    buyers = [inv for inv in ds.invoices if normalize_name(inv.buyer_name)]
    others: Counter[str] = Counter()
    example: dict[str, tuple[str, str]] = {}
    for inv in sorted(buyers, key=lambda i: (i.invoice_date or ds.period[0], i.id)):
        k = normalize_name(inv.buyer_name)
        if k != key:
            others[k] += 1
            example.setdefault(k, (inv.buyer_name or "", ds.evidence.cite_record(inv, "cover", "buyer_name")))
    for k, n in others.most_common(MAX_VARIANTS):
        name, cite = example[k]
        out.append(f"{n} of {len(buyers)} invoices name {name!r} as the buyer (e.g. {cite}), not {cover!r}.")
    if len(others) > MAX_VARIANTS:
        rest = sum(n for k, n in others.items() if k not in dict(others.most_common(MAX_VARIANTS)))
        out.append(f"{rest} more invoices name {len(others) - MAX_VARIANTS} other buyers.")
    return out
