"""What kind of document this is, from the kind declarations: what it calls itself, and what it holds.

Two kinds of evidence, both read from the declarations:
- phrases: a kind's names (in any declared language) in the document's title zone count most,
  anywhere else less, and its context words a little;
- fields: how many of the kind's core fields the document's own labels and table headers name
  (a document whose number, date, total and line table resolve is an invoice whatever its title).
A title that names what the document is not (a kind's `not_names`: "Purchase order") takes the kind out.
Every kind gets a score; the caller keeps the top candidates so a person can see them.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from dataclasses import dataclass

from auditpack.declarations import KindDeclaration
from ingest.layout import DocumentReading
from ingest.models import LoadedDocument
from ingest.resolve.labels import LabelIndex, fold
from ingest.resolve.questionnaire import questionnaire_evidence
from ingest.resolve.scalars import label_scores
from ingest.resolve.semantic import title_similarity

STRONG_LABEL = 0.6
# a document that names no kind: its fields decide when one kind's lead over the next is clear
UNNAMED_NAMES = 0.3   # below this best name evidence (title and body), no kind is named
UNNAMED_FIELDS = 0.35  # the leading kind's field evidence must be at least this
UNNAMED_LEAD = 0.15    # ... and lead the next kind's by this much
UNNAMED_MAX = 0.6      # the stand-in for the name (a title found scores 1.0)
TITLE_WORDS = 10       # a title-zone phrase longer than this is a sentence (a question, a note), not a title
TITLE_LEAD = 0.3       # a title's meaning names one kind only as far as it leads every other kind's by this
# a kind named in the body only: a body that names one kind of document leans toward it, but one that names
# several talks about them (a plan lists the invoices, certificates and logs it keeps): they share the weight
BODY_NAME = 0.45
NOT_NAME_LINES = 15  # the first lines of page 1 where a title saying what the document is not is looked for


@dataclass(frozen=True)
class KindScore:
    kind: str
    score: float
    names: float
    fields: float
    named: bool = False  # one of the kind's declared names is printed in the document (not a model's guess)


def _phrase_rx(phrases: list[str]) -> re.Pattern | None:
    """Any of `phrases` as words; a long one may also start a compound ("Receptuurblad")."""
    return _phrase_pattern(tuple(phrases))


def _title_rx(phrases: list[str]) -> re.Pattern | None:
    """A title that is one of `phrases` (`_title_pattern`)."""
    return _title_pattern(tuple(phrases))


# The declarations' phrase lists are the same for every document, and every document asks for the patterns of
# every kind (names, context, not-names) several times: built once per list, not once per document and call.
@lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    words = sorted({fold(p).strip() for p in phrases if fold(p).strip()}, key=len, reverse=True)
    if not words:
        return None
    alts = [re.escape(w) + (r"(?![0-9])" if len(w) >= 6 else r"(?![a-z0-9])") for w in words]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=256)
def _title_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """A title that is one of `phrases`: the phrase alone, with a number after it ("Purchase order 4500012"), or
    going on to say what it is for ("Purchase order for 100 kg of cocoa beans"). A label that holds the words
    adds one word to them ("Purchase order ref.", "Bon de commande n°") and is no title."""
    words = sorted({fold(p).strip() for p in phrases if fold(p).strip()}, key=len, reverse=True)
    if not words:
        return None
    either = "|".join(map(re.escape, words))
    return re.compile(r"[^\w]*(?:" + either + r")(?:(?:\s+#?[\w./-]*\d[\w./-]*)?[^\w]*|(?:\s+[^\s:]+){3,}[^\w:]*)")


def disowned(doc: LoadedDocument, decls: Mapping[str, KindDeclaration]) -> set[str]:
    """The kinds the document says it is not: one of its first lines is a title naming one of the kind's declared
    `not_names` (a purchase order, a bill of lading or a delivery note lists goods as an invoice does, and is no
    invoice), and no title names the kind itself. The first lines are read a little further than the title zone:
    a letterhead may come first."""
    first = doc.pages[0] if doc.pages else None
    lines = first.lines[:NOT_NAME_LINES] if first else []
    phrases = [fold(c).strip() for ln in lines for c in _CELLS.split(ln.text)]
    phrases += [fold(p.name) for p in doc.pages if p.name]
    title = _title_zone(doc).split("\n")
    out = set()
    for kind, decl in decls.items():
        rx = _title_rx([w for ws in decl.not_names.values() for w in ws])
        if not rx or not any(rx.fullmatch(p) for p in phrases if p):
            continue
        # a title naming the kind itself says what the document is: the phrase below it is a label in a box
        # ("Bill of lading" over its number on an invoice); "Proforma invoice" names the kind and is no title of it
        own = _phrase_rx([w for ws in decl.names.values() for w in ws])
        if not (own and any(own.search(t) and not rx.fullmatch(t.strip()) for t in title)):
            out.add(kind)
    return out


def kind_names(decls: Mapping[str, KindDeclaration]) -> re.Pattern | None:
    """Every declared name of every kind, as one pattern over folded text (what titles say)."""
    return _phrase_rx([w for d in decls.values() for ws in d.names.values() for w in ws])


_CELLS = re.compile(r"\s*\|\s*|\s{3,}")


def _title_zone(doc: LoadedDocument) -> str:
    """The first lines of the first page (and every sheet's name): where a document says what it is.
    Only short phrases count: a cell or a run of words set apart is a title, but a question or a note that
    happens to sit among the first lines ("which invoices do you keep?") names what it asks about, not the
    document, and counts as body text."""
    first = doc.pages[0] if doc.pages else None
    parts = [c for ln in (first.lines[:8] if first else []) for c in _CELLS.split(ln.text)]
    names = [p.name for p in doc.pages if p.name]
    return fold("\n".join([c for c in parts if 0 < len(c.split()) <= TITLE_WORDS] + names))


def score_kinds(doc: LoadedDocument, reading: DocumentReading, decls: Mapping[str, KindDeclaration],
                indexes: Mapping[str, LabelIndex], embedder: str | None) -> list[KindScore]:
    """Every declared kind with its score (0..1-ish), best first."""
    title = _title_zone(doc)
    body = fold(doc.text[:60000])
    labels = list(dict.fromkeys([kv.label for kv in reading.key_values if len(kv.label) <= 60]
                                + [h for t in reading.tables for h in t.header if h and len(h) <= 60]))[:200]
    titles = _title_evidence(doc, decls, embedder)
    named = _named_in(title, body, decls)
    mentioned = sum(1 for where in named.values() if where == "body")
    denied = disowned(doc, decls)
    out = []
    for kind, decl in decls.items():
        if kind in denied:  # the document calls itself something this kind is not
            out.append(KindScore(kind, 0.0, 0.0, 0.0))
            continue
        name_ev = {"title": 1.0, "body": BODY_NAME / max(1, mentioned)}.get(named[kind], 0.0)
        ctx = _phrase_rx([w for ws in decl.context.values() for w in ws])
        context_ev = min(1.0, len(set(ctx.findall(body))) / 4) if ctx else 0.0
        field_ev = _field_evidence(decl, indexes[kind], labels, embedder)
        # a questionnaire answered in writing says what it is by its shape (`questionnaire.py`)
        name_ev = max(name_ev, titles.get(kind, 0.0), questionnaire_evidence(decl, indexes[kind], reading, embedder))
        score = 0.42 * name_ev + 0.13 * context_ev + 0.45 * field_ev
        out.append(KindScore(kind, round(score, 3), name_ev, round(field_ev, 3), named[kind] is not None))
    return sorted(_unnamed(out), key=lambda s: -s.score)


def _named_in(title: str, body: str, decls: Mapping[str, KindDeclaration]) -> dict[str, str | None]:
    """Where each kind's declared names occur: "title", "body" or None."""
    out: dict[str, str | None] = {}
    for kind, decl in decls.items():
        rx = _phrase_rx([w for ws in decl.names.values() for w in ws])
        out[kind] = None if rx is None else "title" if rx.search(title) else "body" if rx.search(body) else None
    return out


def _unnamed(scores: list[KindScore]) -> list[KindScore]:
    """A document that names no kind in any declared word (a title in a language or wording no list
    has) is what its fields say: when one kind's fields clearly lead every other's, that lead stands in
    for the missing name, up to a fair title's worth (so a blank form of another kind, whose labels
    resemble several kinds a little, stays below the claim)."""
    if len(scores) < 2 or max(s.names for s in scores) >= UNNAMED_NAMES:
        return scores
    ranked = sorted(scores, key=lambda s: -s.fields)
    top, second = ranked[0], ranked[1]
    lead = top.fields - second.fields
    if top.fields < UNNAMED_FIELDS or lead < UNNAMED_LEAD:
        return scores
    stand_in = min(UNNAMED_MAX, lead / (2 * UNNAMED_LEAD) * UNNAMED_MAX)
    return [KindScore(s.kind, round(s.score + 0.42 * stand_in, 3), s.names, s.fields, s.named) if s is top else s
            for s in scores]


def _field_evidence(decl: KindDeclaration, index: LabelIndex, labels: list[str], embedder: str | None) -> float:
    """How much of the kind the page's labels name: per field the best label's score (soft, so several
    near misses add up), core fields counting double, over what a full document of the kind shows."""
    if not labels:
        return 0.0
    paths = [p for p in decl.field_paths() if "." not in p or decl.field(p.split(".")[0]).type == "table"]
    scores = label_scores(index, labels, paths, None)  # words only: the model is asked per field, not per kind
    best: dict[str, float] = {}
    for (_, path), s in scores.items():
        top = path.split(".")[0]
        best[top] = max(best.get(top, 0.0), min(1.0, max(0.0, (s - 0.2) / (STRONG_LABEL - 0.2))))
    core = set(decl.core_fields)
    got = sum(2 * v if f in core else v for f, v in best.items())
    want = 2 * len(core) + min(4, len(set(decl.fields) - core))
    return min(1.0, got / want) if want else 0.0


# "Label: value" (a word or a few before a colon, a value after it): a form's first field, not a title. What
# the label's words resemble ("Production area: ..." is close to a product sheet) says nothing of what the
# document is. A colon between digits (a time) is no such colon.
_LABELLED = re.compile(r"^[^:\d]{2,40}(?<!\d):\s*\S")


def title_lines(doc: LoadedDocument) -> list[str]:
    """The lines whose meaning may say what the document is: the first two of the first three lines of
    page 1 that are neither too short nor a labelled value (`_LABELLED`), and the first sheet's name."""
    if not doc.pages:
        return []
    first = [ln.text.strip() for ln in doc.pages[0].lines[:3]
             if len(ln.text.strip()) >= 4 and not _LABELLED.match(ln.text.strip())][:2]
    return first + [p.name for p in doc.pages[:1] if p.name]


def _title_evidence(doc: LoadedDocument, decls: Mapping[str, KindDeclaration], embedder: str | None) -> dict[str, float]:
    """What the title means, for titles in words no list has ("Organic Certification Document"): the
    embedding model compares the first lines with each kind's title and English names. A first line that is
    a labelled value (`_LABELLED`) is a form's field, not its title."""
    if not embedder or not doc.pages:
        return {}
    first = title_lines(doc)
    if not first:
        return {}
    names = {k: [d.title, *d.names.get("en", [])[:10]] for k, d in decls.items()}
    return _leading(title_similarity(embedder, first, names))


def _leading(similar: dict[str, float]) -> dict[str, float]:
    """A title names a kind as far as it means that kind more than any other: a sheet called "Log" comes
    about as close to a batch log, a cleaning log and a pest log, and names none of them."""
    out = {}
    for kind, s in similar.items():
        other = max((v for k, v in similar.items() if k != kind), default=0.0)
        out[kind] = s * min(1.0, max(0.0, s - other) / TITLE_LEAD)
    return out
