"""Resolve a kind's single-valued fields from the key-values, check boxes and text of a document.

Every candidate is scored on three things, and the best valid candidate wins:
- label: how well its label names the field (`labels.py`, plus the embedding model for labels
  the words alone cannot place);
- value: the value must read as the field's type (`values.py`); a candidate that does not is dropped;
- layout: how sure the reader is that label and value belong together, and the field's declared
  position (a `top` field is read from the top of the first page).
One candidate fills one field (best pairs first), so "Date" cannot be both the issue and due date.
The confidence stored with the value is this score, not a constant.
"""
from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from auditpack.declarations import FieldDeclaration, KindDeclaration
from ingest.layout import CheckLine, DocumentReading, KeyValue, Where
from ingest.models import LoadedDocument
from ingest.normalize import find_date_text
from ingest.resolve.answers import CONFIDENCE as ANSWERED, answered
from ingest.resolve.chronology import SpareDate, in_order, period_ends, required_end
from ingest.resolve.labels import LabelIndex, fold
from ingest.resolve.lonelist import CONFIDENCE as LONE_LIST, lone_list
from ingest.resolve.modifiers import modified_score
from ingest.resolve.ownname import own_name_scores
from ingest.resolve.parties import SpareName, settle_parties
from ingest.resolve.semantic import similarity
from ingest.resolve.titles import names_the_kind, not_a_name, proper_name
from ingest.resolve.values import DocFormat, answer_share, read_value, shape_evidence, time_of, word_value

MIN_LABEL = 0.36     # below this a label does not name a text-like field
MIN_TYPED = 0.25     # a date, amount or identifier field: the value's type already says much
TYPED = {"date", "datetime", "money", "identifier", "quantity", "number", "percent", "enum", "bool"}
SEMANTIC_GAP = 0.75  # lexical scores under this ask the embedding model too
SEMANTIC_LIMIT = 60
# the gain of an unlabelled letterhead for a `top` name field: a label scoring 0.5, at the top of page 1
LETTERHEAD = 0.62 * 0.5 + 0.23 * 0.5 + 0.15 * 1.0
ANSWER_ONLY = 0.6    # a value that is mostly an enum's answer word ("Certified") is an answer, not a label
ONE_ITEM = 0.6       # a list field's label score for a value of one item (no declared answer): a label that
#                      fits a list a little ("Certified business" for the products) over one company's name
#                      gives way to a caption over several items
SCALAR_TYPES = {"text", "identifier", "name", "address", "date", "datetime", "time", "money", "number",
                "quantity", "unit", "percent", "bool", "enum", "list"}


@dataclass(frozen=True)
class Resolved:
    value: Any
    where: Where
    confidence: float
    label: str


def scalar_paths(decl: KindDeclaration) -> list[str]:
    return [name for name, f in decl.fields.items() if f.type in SCALAR_TYPES]


def label_scores(index: LabelIndex, labels: list[str], paths: list[str], embedder: str | None) -> dict:
    """(label, path) -> 0..1: lexical, then semantic for the pairs the words could not decide."""
    scores = {(lab, p): index.lexical(lab, p) for lab in labels for p in paths}
    if embedder:
        unsure = [lab for lab in labels if max((scores[(lab, p)] for p in paths), default=0) < SEMANTIC_GAP]
        unsure = unsure[:SEMANTIC_LIMIT]  # bounded per call: a long sheet's rows are not labels to embed
        if unsure:
            for key, sem in similarity(embedder, index.decl, unsure, paths).items():
                scores[key] = max(scores[key], sem)
    return scores


def _position(f: FieldDeclaration, where: Where, top_of_page: float) -> float:
    if f.position == "top":
        return 1.0 if where.page == 1 and (where.bbox is None or where.bbox[1] <= top_of_page) else 0.3
    if f.position == "header":
        return 1.0 if where.page == 1 else 0.6
    return 0.8


def _label_like(index: LabelIndex, value: str, paths: list[str]) -> bool:
    """A value with no digit that reads as one of the kind's labels is a label the reader paired wrongly."""
    if any(ch.isdigit() for ch in value) or len(value) > 40:
        return False
    if _answer_word(index, value, paths):
        return False  # "Certified" shares its word with "Certified by", but it is how a status is answered
    return any(index.lexical(value, p) >= 0.8 for p in paths)


def _answer_word(index: LabelIndex, value: str, paths: list[str]) -> bool:
    """Is `value` (nearly all of it) one of the declared answers of an enum or bool field?"""
    for p in paths:
        f = index.decl.field(p)
        if f.type in ("enum", "bool") and f.values and answer_share(value, f) >= ANSWER_ONLY:
            return True
    return False


_UNTICKED = re.compile(r"^\s*(?:[☐□]|\[\s\]|\(\s\))")
_TICKED = re.compile(r"[☒☑✓✔✗✘■]|\[[xX✓]\]|\([xX✓]\)")


def _unticked(value: str) -> bool:
    """A value that starts with an empty box and holds no ticked one is an option nobody chose, not a value."""
    return bool(_UNTICKED.match(value)) and not _TICKED.search(value)


def _kv_label(kv: KeyValue) -> str:
    return re.sub(r"^\s*\d+[.)]\s*", "", kv.label)  # "3. Date of issue" -> "Date of issue"


def resolve_scalars(decl: KindDeclaration, index: LabelIndex, doc: LoadedDocument, reading: DocumentReading,
                    fmt: DocFormat, embedder: str | None, paths: list[str] | None = None,
                    exclude: set[int] | None = None, titles: re.Pattern | None = None) -> dict[str, Resolved]:
    """Field path -> the value read for it, for the single-valued fields of `decl` (or `paths`)."""
    paths = paths if paths is not None else scalar_paths(decl)
    kvs = [kv for i, kv in enumerate(reading.key_values) if kv.arrangement != "question" and i not in (exclude or ())]
    labels = list(dict.fromkeys(_kv_label(kv) for kv in kvs))
    scores = label_scores(index, labels, paths, embedder)
    for key, own in own_name_scores(index, labels, paths).items():  # "Recipe name": the recipe's own name
        scores[key] = max(scores[key], own)  # (read once the kind is chosen: it presumes the kind)
    height = max((ln.bbox[3] for p in doc.pages[:1] for ln in p.lines if ln.bbox), default=800.0)
    gain = np.zeros((len(kvs), len(paths)))
    values: dict[tuple[int, int], Any] = {}
    shaped = sum(decl.field(p).type == "address" for p in paths)  # a street address names the only one
    for i, kv in enumerate(kvs):
        lab = _kv_label(kv)
        if _label_like(index, kv.value, paths):
            continue  # "Invoice day" read as the value of the line above it: a label, not a value
        if _unticked(kv.value):
            continue  # "☐ Crops": the first option of a row of boxes none of which is ticked here
        read = {path: read_value(kv.value, decl.field(path), fmt) for path in paths}
        rejecting = [p for p in paths if read[p] is None]
        accepting = [p for p in paths if read[p] is not None]
        for j, path in enumerate(paths):
            f = decl.field(path)
            ls = max(scores[(lab, path)], shape_evidence(kv.value, f, shaped))
            if ls < SEMANTIC_GAP and read[path] is not None and rejecting:  # "Item made": "made" dates nothing here
                ls = max(ls, modified_score(index, lab, path, rejecting, accepting))
            if ls < MIN_TYPED or ls < MIN_LABEL and f.type not in TYPED and f.type != "list":
                continue
            value = read[path]
            if value is None or f.type == "name" and not_a_name(decl, kv.value):
                continue  # the kind's own words are its title; "Crops, Handling" answers the scopes
            if ls < MIN_LABEL and f.type == "list" and not (f.values or len(value) >= 2):
                continue  # a list says much by its shape: declared answers, or several items
            if f.type == "list" and not f.values and len(value) == 1:
                ls *= ONE_ITEM  # a caption over several items names a list more surely than one name does
            values[(i, j)] = value
            gain[i, j] = 0.62 * ls + 0.23 * kv.score + 0.15 * _position(f, kv.value_where, height * 0.3)
    out: dict[str, Resolved] = {}
    heads = _letterhead_row(decl, index, doc, paths, kvs, titles)
    if heads:  # the unlabelled letterhead competes in the assignment, so a label that fits two fields
        gain = np.vstack([gain, np.array([[LETTERHEAD if p in heads else 0.0 for p in paths]])])  # takes the other
    held: set[str] = set()  # top fields whose place the title holds: it names no party, nor does a weak label
    if gain.size:
        for i, j in zip(*linear_sum_assignment(gain, maximize=True)):
            if gain[i, j] > 0 and i == len(kvs):
                if names_the_kind(decl, heads[paths[j]].value):
                    held.add(paths[j])
                else:
                    out[paths[j]] = heads[paths[j]]
            elif gain[i, j] > 0:
                out[paths[j]] = Resolved(values[(i, j)], kvs[i].value_where, round(min(1.0, float(gain[i, j])), 3),
                                         kvs[i].label)
    in_order(decl, out)

    def fit(lab: str, p: str) -> float:  # a pair's label score for a field, as the assignment saw it
        return scores.get((re.sub(r"^\s*\d+[.)]\s*", "", lab), p), 0.0)
    period_ends(decl, out, _spare_dates(decl, kvs, paths, out, fmt), fit, MIN_LABEL, MIN_TYPED)
    required_end(decl, out, fit, MIN_TYPED)
    _add_times(decl, kvs, scores, paths, out)
    _from_checks(decl, index, reading.checks, paths, out, scores_of=lambda labs: label_scores(
        index, labs, paths, embedder))
    free = [kv for i, kv in enumerate(reading.key_values) if i not in (exclude or ())]  # questions too
    for path, (value, kv) in answered(decl, index, free, paths, set(out), {r.where for r in out.values()},
                                      fmt).items():
        out[path] = Resolved(value, kv.value_where, ANSWERED, kv.label)
    if decl.one_per == "document" and (lone := lone_list(decl, index, kvs, paths, set(out),
                                                         {(r.label, r.where) for r in out.values()}, fmt)):
        out[lone[0]] = Resolved(lone[1], lone[2].value_where, LONE_LIST, lone[2].label)
    _from_patterns(decl, doc, paths, out, fmt)
    _from_top(decl, index, doc, paths, out, titles, held)
    if decl.one_per == "document":
        parties = [p for p in paths if decl.field(p).type == "name" and decl.field(p).position in ("top", "header")]
        settle_parties([p for p in parties if decl.field(p).required], parties, out,
                       _spare_names(decl, index, kvs, paths, out, fmt), fit, MIN_TYPED,
                       lambda s, p: Resolved(s.value, s.where, 0.4, s.label))
        for p in _one_item_lists(decl, out):  # a list of one item that now names a party is no list
            if any((r.label, r.where) == (out[p].label, out[p].where) for q, r in out.items() if q in parties):
                del out[p]
    if decl.one_per == "row":
        _from_heading_pair(decl, index, reading, kvs, paths, out, titles, fmt, embedder)
        _from_heading_date(decl, reading, kvs, paths, out, fmt)
    return out


def _spare_dates(decl: KindDeclaration, kvs: list[KeyValue], paths: list[str], out: dict[str, Resolved],
                 fmt: DocFormat) -> list[SpareDate]:
    """The pairs whose value is a date and nothing else that filled no field (for `period_ends`)."""
    dated = next((decl.field(p) for p in paths if decl.field(p).type == "date"), None)
    if dated is None:
        return []
    used = {(r.label, r.where) for r in out.values()}  # two pairs of one table row share their place
    spare = []
    for kv in kvs:
        m = find_date_text(kv.value)
        if (kv.label, kv.value_where) in used or not m or len(m.group(0)) < len(kv.value.strip()) - 2:
            continue
        if (value := read_value(kv.value, dated, fmt)) is not None:
            spare.append(SpareDate(value, kv.value_where, kv.label))
    return spare


def _spare_names(decl: KindDeclaration, index: LabelIndex, kvs: list[KeyValue], paths: list[str],
                 out: dict[str, Resolved], fmt: DocFormat) -> list[SpareName]:
    """The pairs whose value reads as a name (not a title, an answer or a label) that filled no field (for
    `settle_parties`)."""
    named = next((decl.field(p) for p in paths if decl.field(p).type == "name"), None)
    if named is None:
        return []
    loose = _one_item_lists(decl, out)  # one company's name read as a list of one product is still spare
    used = {(r.label, r.where) for p, r in out.items() if p not in loose}
    taken = {r.value for r in out.values() if isinstance(r.value, str)}
    spare = []
    for kv in kvs:
        if (kv.label, kv.value_where) in used or kv.value.strip() in taken or any(ch.isdigit() for ch in kv.value):
            continue
        words = kv.value.split()  # a company's legal form may end in a full stop ("S.r.l.", "e.V.")
        if not 1 <= len(words) <= 8 or not words[0][:1].isupper() or not_a_name(decl, kv.value) \
                or _label_like(index, kv.value, paths):
            continue
        if (value := read_value(kv.value, named, fmt)) is not None:
            spare.append(SpareName(value, kv.value_where, kv.label))
    return spare


def _one_item_lists(decl: KindDeclaration, out: dict[str, Resolved]) -> list[str]:
    return [p for p, r in out.items() if decl.field(p).type == "list" and not decl.field(p).values
            and isinstance(r.value, list) and len(r.value) == 1]


def _row_of(where: Where) -> int | None:
    m = re.search(r"(\d+)$", where.cell or "")
    return int(m.group(1)) if m else None


def _above_tables(where: Where, reading: DocumentReading) -> bool:
    """Is this place on page 1 above every table of the page (a log's heading)? A header over one row of
    values is a heading's labels over their values ("Visited | Technician" over "3 May | A. Diaz"), read as
    pairs: its own place is no table the heading must be above."""
    if where.page != 1:
        return False
    for t in reading.tables:
        head = t.where
        if head.page != where.page or len(t.data_rows) == 1:
            continue
        if where.bbox is not None and head.bbox is not None and where.bbox[1] >= head.bbox[1]:
            return False
        row, head_row = _row_of(where), _row_of(head)
        if row is not None and head_row is not None and row >= head_row:
            return False
    return True


def _from_heading_pair(decl: KindDeclaration, index: LabelIndex, reading: DocumentReading, kvs: list[KeyValue],
                       paths: list[str], out: dict[str, Resolved], titles: re.Pattern | None,
                       fmt: DocFormat, embedder: str | None) -> None:
    """A log's site given once above its rows, under a label no declaration knows ("Produktionsbereich:
    Backstube Lindenberg"): the log's `top` name field, when nothing else gave it. Only one such pair may
    be there, its label naming none of the kind's fields, its value a proper name: a heading pair is what
    the whole log shares, and a log shares its site. Two such pairs (the site and a technician nobody
    labelled for the kind) leave it empty: a wrong site is worse than none. Two pairs that give the same
    name (under a label, and again under the title) are one site said twice."""
    empty = [p for p in paths if p not in out and decl.field(p).position == "top" and decl.field(p).type == "name"]
    if len(empty) != 1:
        return
    taken = {r.value for r in out.values() if isinstance(r.value, str)}
    found = []
    for kv in kvs:
        lab, value = _kv_label(kv).strip(), kv.value.strip()
        if not lab or any(ch.isdigit() for ch in lab) or len(lab.split()) > 4 or value in taken:
            continue
        if titles is not None and titles.search(fold(lab)):
            continue  # the log's title over a line under it
        if not proper_name(value) or _label_like(index, value, paths) or not _above_tables(kv.value_where, reading):
            continue
        if read_value(value, decl.field(empty[0]), DocFormat(False, False)) is not None:
            found.append(kv)
    if not found:
        return
    # every field counts here, a column's too: "Technician: Jamal Reed" names the one who did every row.
    # A field the rows have a column for is named by the pair only when the rows say its value too: a label
    # shared by the site and the places inside it ("Local atendido" over a column of trap stations) gives
    # the site when no row says the same; a field of the site's own type (a person's name) always counts
    others = [p for p in scalar_paths(decl) if p != empty[0]]
    named = label_scores(index, list(dict.fromkeys(_kv_label(kv).strip() for kv in found)), others, embedder)
    said = _table_cells(reading)
    site, kind_of = decl.field(empty[0]).type, lambda p: decl.field(p).type  # a person is named as a site is
    found = [kv for kv in found if not any(named[(_kv_label(kv).strip(), p)] >= MIN_LABEL
                                           and read_value(kv.value, decl.field(p), fmt) is not None
                                           and (p in paths or fold(kv.value) in said or kind_of(p) == site)
                                           for p in others)]
    if found and len({fold(kv.value) for kv in found}) == 1:  # one name, though said twice (a label, a caption)
        kv = found[0]
        out[empty[0]] = Resolved(kv.value.strip(), kv.value_where, 0.4, kv.label)


def _table_cells(reading: DocumentReading) -> set[str]:
    """Every data cell of the document's tables, folded: what the rows say."""
    return {fold(c.text) for t in reading.tables for r in t.data_rows for c in r.cells if c.text.strip()}


def _from_heading_date(decl: KindDeclaration, reading: DocumentReading, kvs: list[KeyValue], paths: list[str],
                       out: dict[str, Resolved], fmt: DocFormat) -> None:
    """A log whose rows have no date column, dated once above them ("Visited on | 18-07-2026") under a label
    no declaration knows: the one date of its heading is the log's date, when the kind has only one date
    field and the rows need it to tell them apart (a key field). A value that is a date and nothing else
    says what it is; two dates in the heading (the visit and the report) leave it empty."""
    dated = [n for n, f in decl.fields.items() if f.type in ("date", "datetime")]
    if len(dated) != 1 or dated[0] not in paths or dated[0] in out or dated[0] not in decl.key_fields:
        return
    f = decl.field(dated[0])
    seen: dict[Any, KeyValue] = {}
    for kv in kvs:
        text = kv.value.strip()
        m = find_date_text(text)
        if not m or len(m.group(0)) < len(text) - 2 or not _above_tables(kv.value_where, reading):
            continue  # a date among other words is a remark's, not the heading's
        value = read_value(text, f, fmt)
        if value is not None:
            seen.setdefault(value, kv)
    if len(seen) == 1:
        (value, kv), = seen.items()
        out[dated[0]] = Resolved(value, kv.value_where, 0.4, kv.label)


def _add_times(decl: KindDeclaration, kvs: list[KeyValue], scores: dict, paths: list[str],
               out: dict[str, Resolved]) -> None:
    """A date-and-time field read as a date only, and a clock time printed apart ("Time started: 11:00"):
    the time whose label is closest to the field completes it."""
    for path, r in list(out.items()):
        if decl.field(path).type != "datetime" or (r.value.hour, r.value.minute) != (0, 0):
            continue
        times = [(scores.get((_kv_label(kv), path), 0.0), kv) for kv in kvs
                 if len(kv.value.strip()) <= 8 and time_of(kv.value) and not find_date_text(kv.value)]
        if times:
            score, kv = max(times, key=lambda t: t[0])
            if score >= 0.25 or len(times) == 1:
                hour, minute = time_of(kv.value)
                out[path] = Resolved(r.value.replace(hour=hour, minute=minute), r.where, r.confidence, r.label)


def _from_checks(decl: KindDeclaration, index: LabelIndex, checks: list[CheckLine], paths: list[str],
                 out: dict[str, Resolved], scores_of) -> None:  # noqa: ANN001 - a local scorer
    """Check-box lines: "Scope: ☒ Crops ☐ Handling" fills a list or enum field by its option words."""
    wanted = [p for p in paths if p not in out and decl.field(p).values]
    if not wanted or not checks:
        return
    scores = scores_of(list(dict.fromkeys(c.label for c in checks if c.label)))
    for path in wanted:
        f = decl.field(path)
        best: tuple[float, CheckLine, list[str]] | None = None
        for line in checks:
            said = [v for opt in line.checked if (v := word_value(opt, f)) is not None]
            every = [v for opt in line.options if word_value(opt.text, f) is not None]
            if not every:
                continue
            fit = len(every) / max(1, len(line.options))
            score = 0.5 * fit + 0.5 * scores.get((line.label, path), 0.0)
            if best is None or score > best[0]:
                best = (score, line, said)
        if best and best[0] >= 0.45:
            score, line, said = best
            value: Any = list(dict.fromkeys(said)) if f.type == "list" else (said[0] if said else None)
            if f.type == "bool":
                value = (said[0] == "true") if said else None
            if value not in (None, []):
                out[path] = Resolved(value, line.where, round(score, 3), line.label)


def _from_patterns(decl: KindDeclaration, doc: LoadedDocument, paths: list[str], out: dict[str, Resolved],
                   fmt: DocFormat) -> None:
    """A field with a declared value pattern (a NOP ID, an EU certificate number) is found anywhere."""
    for path in paths:
        f = decl.field(path)
        if path in out or not f.patterns or f.type not in ("identifier", "text", "name"):
            continue
        for page in doc.pages:
            hit = next(((ln, m) for ln in page.lines for p in f.patterns for m in re.finditer(p, ln.text)
                        if _whole(m, ln.text)), None)
            if hit:
                ln, m = hit
                out[path] = Resolved(m.group(0), Where(page.number, ln.text, ln.bbox, None, _method(page.method)),
                                     0.7, "")
                break


_CODE_GOES_ON = re.compile(r"[-./]?\w")
_CODE_CAME_BEFORE = re.compile(r"\w[-./]?$")


def _whole(m: re.Match, text: str) -> bool:
    """A pattern's match that is a whole code, not the start or end of a longer one: "XY-ORG-081" is a
    control body's code, but in "XY-ORG-081-41294" it is the first part of a certificate's number."""
    return not _CODE_GOES_ON.match(text, m.end()) and not _CODE_CAME_BEFORE.search(text[:m.start()])


def _from_top(decl: KindDeclaration, index: LabelIndex, doc: LoadedDocument, paths: list[str],
              out: dict[str, Resolved], titles: re.Pattern | None,
              held: AbstractSet[str] = frozenset()) -> None:
    """A `top` name nobody labelled (a letterhead): the first line of the first page that is a name and
    not the document's title (a line naming a document kind)."""
    if decl.one_per == "row":
        _from_title_tail(decl, index, doc, paths, out)
        return  # a log's facility is in its heading or its rows; its first line is its title
    for path in paths:
        if path in out or path in held:
            continue
        if (head := _letterhead(decl, index, doc, path, paths, out, titles)) is not None:
            out[path] = head


def _letterhead_row(decl: KindDeclaration, index: LabelIndex, doc: LoadedDocument, paths: list[str],
                    kvs: list[KeyValue], titles: re.Pattern | None) -> dict[str, Resolved]:
    """Path -> the letterhead read as that `top` name field, for the assignment (a letterhead that
    repeats a labelled value is that value, not a second name)."""
    if decl.one_per == "row":
        return {}
    taken = {kv.value.strip() for kv in kvs}
    return {p: r for p in paths
            if (r := _letterhead(decl, index, doc, p, paths, {}, titles, taken, 1, title_ok=True)) is not None}


def _letterhead(decl: KindDeclaration, index: LabelIndex, doc: LoadedDocument, path: str, paths: list[str],
                out: dict[str, Resolved], titles: re.Pattern | None,
                taken: set[str] | None = None, lines: int = 4, title_ok: bool = False) -> Resolved | None:
    """The letterhead as the value of the `top` name field `path`: the first of the first page's first four
    lines (`lines`) that is a name, not the title (a line naming a document kind) and not a value already
    read. In the assignment only the very first line counts: a name lower down is only a fallback. There a
    title in words no list has (`title_ok`) takes the letterhead's place too, so a label that fits two name
    fields is read as the other's as under a letterhead; it fills no field (`resolve_scalars`)."""
    f = decl.field(path)
    if f.position != "top" or f.type != "name" or not doc.pages:
        return None
    page = doc.pages[0]
    taken = (taken or set()) | {r.value for r in out.values() if isinstance(r.value, str)}
    for ln in page.lines[:lines]:
        text = re.split(r"\s{3,}|\s\|\s", ln.text.strip())[0].strip()
        if titles is not None and titles.search(fold(text)) or not title_ok and names_the_kind(decl, text) \
                or text in taken or _label_like(index, text, paths):
            continue
        if ":" in text or find_date_text(text):
            continue  # "Prepared: March 2, 2026" is a labelled value, not a letterhead
        value = read_value(text, f, DocFormat(False, False))
        if value and len(text.split()) <= 8 and not text.endswith(":"):
            return Resolved(value, Where(page.number, ln.text, ln.bbox, None, _method(page.method)), 0.5, "")
    return None


_TITLE_TAIL = re.compile(r".*\s[-–—:|]\s+(.+)$")  # the last dash: "Rodent round sheet - Weekly - Millbrook Depot"


def _from_title_tail(decl: KindDeclaration, index: LabelIndex, doc: LoadedDocument, paths: list[str],
                     out: dict[str, Resolved]) -> None:
    """A log titled "Hygiene log - North Plant": the name after the title's dash is its `top` name. The title
    may sit under a letterhead (the service company's name), so the first lines up to the first table row or
    labelled value are looked at; the first with a dash and a name after it is the title. A title may hold a
    dash of its own ("Rodent round sheet - Weekly - Millbrook Depot"): the site is after the last one."""
    if not doc.pages or not doc.pages[0].lines:
        return
    m, first, lines = None, doc.pages[0].lines[0], doc.pages[0].lines
    for k, ln in enumerate(lines[:4]):
        text = _merged(ln.text)
        if " | " in text or ":" in text:
            break  # a table row or a labelled value: the heading is over
        m, first = _TITLE_TAIL.match(text), ln
        if m and not any(ch.isdigit() for ch in m.group(1)) and not m.group(1).lstrip()[:1].islower():
            break  # "... - monthly summary" in lower case goes on with the title; a site is named with a capital
        m = None
    if not m:
        return
    name = f"{m.group(1).strip()} {_title_goes_on(lines, k)}".strip()
    if _names_the_kind(decl, name):
        return  # "Befallskontrolle - Bericht": the tail says what the document is, not where
    for path in paths:
        f = decl.field(path)
        if path in out or f.position != "top" or f.type != "name":
            continue
        value = read_value(name, f, DocFormat(False, False))
        if value and len(name.split()) <= 8 and not _label_like(index, name, paths):
            page = doc.pages[0]
            out[path] = Resolved(value, Where(page.number, first.text, first.bbox, None, _method(page.method)),
                                 0.5, "")
            return


MIN_KIND_WORD = 5  # letters a one-word tail needs to be taken for a part of the kind's own name


def _names_the_kind(decl: KindDeclaration, tail: str) -> bool:
    """A one-word title tail that is a word of the kind's declared names, or the end or start of one of
    their compounds ("Bericht" of "Servicebericht"): a title in two parts, not a site after a dash."""
    word = fold(tail)
    if " " in word or len(word) < MIN_KIND_WORD:
        return False
    names = {w for ws in decl.names.values() for n in ws for w in fold(n).split()}
    return any(w == word or w.endswith(word) or w.startswith(word) for w in names)


def _merged(text: str) -> str:
    """A sheet's title in a merged cell, which the loader repeats in every cell it spans ("Log - Site |
    Log - Site"), as the one text it is."""
    cells = {c.strip() for c in text.split(" | ")}
    return cells.pop() if len(cells) == 1 else text


def _type_height(line: Any) -> float:
    return max((w.bbox[3] - w.bbox[1] for w in line.words), default=0.0)


def _title_goes_on(lines: list[Any], k: int) -> str:
    """The end of a title that wrapped onto the next line ("Rodent round sheet - Millbrook" over "Depot"): a
    short line without digits or a colon in the title's own type, when that type is larger than the body's."""
    if k + 1 >= len(lines):
        return ""
    title, nxt = _type_height(lines[k]), _type_height(lines[k + 1])
    body = sorted(h for ln in lines[k + 2:k + 12] if (h := _type_height(ln)))
    if not title or not body or abs(nxt - title) > 0.05 * title or title < 1.2 * body[len(body) // 2]:
        return ""
    text = lines[k + 1].text.strip()
    return "" if ":" in text or any(ch.isdigit() for ch in text) or len(text.split()) > 4 else text


def _method(page_method: str) -> str:
    return {"ocr": "ocr", "cell": "cell"}.get(page_method, "text")
