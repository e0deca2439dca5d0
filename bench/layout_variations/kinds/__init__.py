"""One module per record kind; each makes one document and the truth of what it prints.

Every module defines `KIND` (a record kind of `auditpack.records.RecordKind`) and
`document(rng, style, fmt) -> (Doc, [truth record, ...])`. Adding a kind is adding a
module and listing it here.
"""
from __future__ import annotations

from types import ModuleType

from bench.layout_variations.kinds import batch, certificate, cleaning, invoice, osp, pest, product

MODULES: tuple[ModuleType, ...] = (certificate, invoice, cleaning, osp, product, batch, pest)
BY_KIND: dict[str, ModuleType] = {m.KIND: m for m in MODULES}
KINDS: tuple[str, ...] = tuple(BY_KIND)
