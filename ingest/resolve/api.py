"""Read a document by the declarations: its candidate kinds, and the records of the kind it is."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from auditpack.declarations import KindDeclaration, declarations
from auditpack.records import RecordBase
from ingest.layout import read_document
from ingest.models import LoadedDocument
from ingest.resolve.assemble import KindReader
from ingest.resolve.classify import KindScore, disowned, kind_names, score_kinds
from ingest.resolve.labels import label_indexes
from ingest.resolve.values import DocFormat

MIN_KIND_SCORE = 0.12  # a kind tried at all
CLAIM_SCORE = 0.22     # a document the parsers could not read is claimed for a kind by its score from this on
CLEAR_KIND = 0.55  # a kind score this high keeps a record one core field short of min_core
CLEAR_LEAD = 0.3   # ... and so does a kind that leads every other kind by this much (it names itself, the rest don't)
TRY_KINDS = 3
NEAR_TOP = 0.15


@dataclass
class ReadResult:
    candidates: list[KindScore] = field(default_factory=list)
    kind: str | None = None
    records: list[RecordBase] = field(default_factory=list)
    claimed: bool = False  # the evidence is enough to call a document no parser read this kind (see `claims`)


def found_fields(records: list[RecordBase], decl: KindDeclaration) -> int:
    """How much of the declared kind the records hold (a nested list counts once per item, up to 5)."""
    n = 0
    for r in records:
        for name in decl.fields:
            value = getattr(r, name, None)
            if isinstance(value, list):
                n += min(5, len(value))
            elif value not in (None, "", "unknown") and not (hasattr(value, "model_dump") and
                                                             not any(value.model_dump().values())):
                n += 1
    return n


_INDEX = re.compile(r"\[\d+\]")
READ_WEIGHT = 0.1  # at most this much for reading more of the document than the rival kinds do
# ... and this much when no kind read names itself in declared words: the scores then rest on labels that fit
# several kinds a little and on what an English model makes of a title in another language, so what each
# reading could place on the page decides (`best_reading`)
UNNAMED_READ_WEIGHT = 0.3


def read_paths(records: list[RecordBase]) -> int:
    """How many of the kind's fields and columns were read from the document itself (a value with its
    place on the page), whatever the number of rows: a batch sheet read as a recipe keeps its product and
    the ingredient columns; read as a batch, also its lot, line, site, date, output and the input lots."""
    return len({_INDEX.sub("", path) for r in records for path in r.field_sources})


def best_reading(read: Mapping[str, list[RecordBase]], by_score: Mapping[str, float],
                 decls: Mapping[str, KindDeclaration], named: frozenset[str] | None = None) -> str:
    """The kind whose reading wins: its score decides; how much of the kind the document holds, and how much
    of the document the reading used (`read_paths`, against the reading that used most), break near-ties
    between kinds whose words the document shares alike. Ties go to the kind tried first. When `named` (the
    kinds whose declared names the document prints) holds none of the kinds read, what each reading used
    weighs more (`UNNAMED_READ_WEIGHT`): a batch sheet under a title no list has, read as a recipe, leaves its
    lot, line, date and output unplaced."""
    most = max(read_paths(records) for records in read.values()) or 1
    weight = READ_WEIGHT if named is None or named & set(read) else UNNAMED_READ_WEIGHT

    def key(k: str) -> float:
        records = read[k]
        return (by_score.get(k, 0.0) + 0.02 * min(5, found_fields(records, decls[k]) / max(1, len(records)))
                + weight * read_paths(records) / most)
    return max(read, key=key)


def claims(candidates: list[KindScore], kind: str, records: list[RecordBase], decl: KindDeclaration,
           unread: frozenset[str] = frozenset(), titled_otherwise: bool = False) -> bool:
    """Is the evidence enough to call the document `kind`? What it says and holds (its score), or what was
    read from it: every record holds the kind's key fields (a log whose every row has its equipment and its
    time), or the document's one record most of its core fields (`_whole`), and no other kind that could be
    read scores higher (`unread`: kinds whose reading gave no record of them, which a few resembling words do
    not make a rival). A blank form resolves no key field, and a
    document that resembles the kind a little without the kind's own fields stays below the claim. A document
    whose title says what else it is (`titled_otherwise`: a kind's `not_names`, "Purchase order") is claimed
    only when it is clearly the kind: that it resembles a kind a little is no evidence here."""
    score = max((c.score for c in candidates if c.kind == kind), default=0.0)
    if titled_otherwise:  # only a clear lead makes it one of ours (a purchase order resembles three kinds alike)
        return clearly(candidates, kind)
    if score >= CLAIM_SCORE:
        return True
    runner = max((c.score for c in candidates if c.kind != kind and c.kind not in unread), default=0.0)
    keyed = bool(records) and all(getattr(r, f, None) not in (None, [], "", "unknown")
                                  for r in records for f in decl.key_fields)
    return (keyed or _whole(records, decl)) and score >= MIN_KIND_SCORE and score >= runner


def _whole(records: list[RecordBase], decl: KindDeclaration) -> bool:
    """A record cut from the whole document (a plan, a certificate) that holds `min_core` of the kind's core
    fields and one of its key fields: a plan whose date, certifier, products, suppliers and substances were
    read, whose operation is named in words no list holds. A blank form fills none of them."""
    def held(r: RecordBase, fields: list[str]) -> int:
        return sum(1 for f in fields if getattr(r, f, None) not in (None, [], "", "unknown"))
    return decl.one_per == "document" and bool(records) and all(
        held(r, decl.core_fields) >= decl.min_core and held(r, decl.key_fields) >= 1 for r in records)


def clearly(candidates: list[KindScore], kind: str) -> bool:
    """Is the document clearly `kind`? Its score is high, or it leads every other kind by far: an invoice
    titled "Factuur" whose labels no list holds scores little more than its title's worth, and still
    resembles no other kind at all."""
    score = max((c.score for c in candidates if c.kind == kind), default=0.0)
    runner = max((c.score for c in candidates if c.kind != kind), default=0.0)
    return score >= CLEAR_KIND or score - runner >= CLEAR_LEAD


def plausible(record: RecordBase, decl: KindDeclaration, clear: bool = False) -> bool:
    """Enough of the kind's core fields to be a record of it; a document that clearly is the kind
    (what it says it is and holds, `clearly`) keeps a record with fewer, its missing fields flagged for a
    person."""
    got = sum(1 for f in decl.core_fields if getattr(record, f, None) not in (None, [], "", "unknown"))
    got += answered_questionnaire(record, decl)
    if got >= decl.min_core:
        return True
    # clearly the kind, and holding something of it (a recipe whose name is missing but whose ingredient
    # table is there), not one stray value (a list of operators read for a certifier's name)
    return clear and got >= 1 and found_fields([record], decl) >= 3


def answered_questionnaire(record: RecordBase, decl: KindDeclaration) -> int:
    """1 when the record's questionnaire (a `narrative` field with sections) has at least half of its
    sections answered, else 0. Written answers to most of a plan's questions are as much a part of the kind
    as one more core field: a blank form answers none, and a form of another kind asks no such questions."""
    for name, f in decl.fields.items():
        if f.type != "narrative" or not f.columns:
            continue
        value = getattr(record, name, None)
        answers = value.model_dump() if hasattr(value, "model_dump") else {}
        if sum(1 for c in f.columns if answers.get(c)) * 2 >= len(f.columns):
            return 1
    return 0


_OVERRIDDEN: dict[tuple[int, int], tuple[object, object, Mapping[str, KindDeclaration]]] = {}


def _with_declaration(decls: Mapping[str, KindDeclaration], decl: KindDeclaration) -> Mapping[str, KindDeclaration]:
    """The declarations with `decl` in place of its kind's: the same mapping object for the same pair, so
    the label indexes (cached per mapping) are built once per layout profile, never taken from another."""
    held = _OVERRIDDEN.get((id(decls), id(decl)))
    if held is None or held[0] is not decls or held[1] is not decl:
        if len(_OVERRIDDEN) > 8:
            _OVERRIDDEN.clear()
        held = _OVERRIDDEN[(id(decls), id(decl))] = (decls, decl, MappingProxyType({**decls, decl.kind: decl}))
    return held[2]


def read_declared(doc: LoadedDocument, embedder: str | None, kind: str | None = None,
                  declaration: KindDeclaration | None = None) -> ReadResult:
    """Records of `kind` (or of the kind the document most plausibly is) and every kind's score.
    `declaration` replaces its kind's declaration for this read (a layout profile's exact labels)."""
    decls = declarations() if declaration is None else _with_declaration(declarations(), declaration)
    indexes = label_indexes(decls)
    reading = read_document(doc)
    fmt = DocFormat.of(doc.text)
    candidates = score_kinds(doc, reading, decls, indexes, embedder)
    top = candidates[0].score if candidates else 0.0
    # the kinds close to the best: a document that is clearly one kind but yields none of its records is
    # unknown, not the next kind down the list
    tries = [kind] if kind else [c.kind for c in candidates[:TRY_KINDS]
                                 if c.score >= max(MIN_KIND_SCORE, top - NEAR_TOP)]
    read: dict[str, list[RecordBase]] = {}
    unread: set[str] = set()
    by_score = {c.kind: c.score for c in candidates}
    named = frozenset(c.kind for c in candidates if c.named)
    for k in tries:
        decl = decls[k]
        records = [r for r in KindReader(decl, indexes[k], embedder, kind_names(decls)).read(doc, reading, fmt)
                   if plausible(r, decl, clearly(candidates, k))]
        if records:
            read[k] = records
        else:
            unread.add(k)
    if not read:
        return ReadResult(candidates)
    chosen = best_reading(read, by_score, decls, named)
    if not named & set(read):  # no kind read names itself: a reading that placed less is no rival to the claim
        unread |= {k for k in read if read_paths(read[k]) < read_paths(read[chosen])}
    return ReadResult(candidates, chosen, read[chosen], claims(candidates, chosen, read[chosen], decls[chosen],
                                                               frozenset(unread), bool(disowned(doc, decls))))
