"""How well a label printed on a page names a declared field, for labels never seen before.

Three signals, strongest first, each read from the kind declarations (never from a list here):

1. the label is one the declaration lists (normalised), or nearly (rapidfuzz, for OCR slips);
2. its words are the field's words: every token of the label weighed by how rare it is among all
   declared fields (IDF), so "Billing date" scores for a date field through "date" and for the
   invoice through "billing" ~ "bill", while "Date" alone cannot tell two date fields apart;
3. its meaning is the field's meaning: the embedding model (the offline MiniLM by default) compares
   the label with the field's one-line meaning, for wordings that share no word with any label.

Scores are 0..1; the resolver combines them with value validity and position.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from auditpack.declarations import FieldDeclaration, KindDeclaration, normalise_label
from auditpack.declarations.language import LanguageWords, language

_TOKEN = re.compile(r"[a-z0-9]+|#")
JOINED = 0.85  # a header naming two things names each a little less surely than a header naming one
INFLECTED = 0.75  # a word sharing this much of its beginning with a declared word is that word inflected


class _LabelWords:
    """The words of language.yaml that labels are read with: "number" in every spelling ("No.", "Nr",
    "N°", "#", "numéro") and "and" between two names in one header. Built once per set of words."""

    def __init__(self, words: LanguageWords) -> None:
        self.words = words
        marks = sorted({m.casefold() for m in words.number_marks}, key=len, reverse=True)
        self.marks = re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, marks)) + r")(?![a-z])", re.I) \
            if marks else None
        self.number = frozenset(fold(w) for w in words.words(words.number_words)) | {"#"}
        joins = sorted({re.escape(w) for w in words.words(words.conjunctions)}, key=len, reverse=True)
        self.answers = frozenset(words.words(words.booleans["true"]) + words.words(words.booleans["false"]))
        self.joins = re.compile(r"\s*(?:[&/+]|\s(?:" + "|".join(joins) + r")\s)\s*" if joins else r"\s*[&/+]\s*", re.I)


_HELD: list[_LabelWords] = []


def label_words() -> _LabelWords:
    words = language()
    if not _HELD or _HELD[0].words is not words:
        _HELD[:] = [_LabelWords(words)]
    return _HELD[0]


def fold(text: str) -> str:
    """Casefolded, accents removed: for comparing words, not for showing them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(label: str) -> tuple[str, ...]:
    """A label's words, folded; every way of writing "number" ("No.", "Nr", "N°", "#") is one token."""
    words = label_words()
    text = words.marks.sub(" #num ", label) if words.marks else label
    out = []
    for t in _TOKEN.findall(fold(text).replace("#num", " numtoken ")):
        if t in words.number or t == "numtoken":
            out.append("#")
        elif len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
            out.append(t[:-1])
        else:
            out.append(t)
    return tuple(out)


def stem(token: str) -> str:
    """Plural folded already by `tokens`; kept as the identity so compound parts and words compare as written."""
    return token


def token_similarity(a: str, b: str) -> float:
    """1 for the same word; for words sharing a long beginning ("certificate"/"certified",
    "rechnungsdatum"/"rechnungstag") the shared share of the longer word, when it is at least half."""
    if a == b:
        return 1.0
    if len(a) < 4 or len(b) < 4 or a[:4] != b[:4]:
        return 0.0
    n = 4
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    share = n / max(len(a), len(b))
    return share if share >= 0.5 else 0.0


def split_compound(token: str, known: frozenset[str]) -> list[str]:
    """A German or Dutch compound ("Receptnaam", "Lieferantenname") read as its known parts too,
    so "-naam" counts as "naam" (name): the whole word is kept, parts of 4+ letters are added."""
    if len(token) < 8 or stem(token) in known and token in known:
        return [token]
    parts = [token]
    for i in range(4, len(token) - 3):
        head, tail = token[:i], token[i:]
        if stem(tail) in known and (stem(head) in known or len(tail) >= 4):
            parts.append(tail)
            if stem(head) in known:
                parts.append(head)
            break
    return parts


_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")


def without_answers(label: str) -> str:
    """The label without a bracket that lists the column's answers ("Bio (oui/non)", "Öko [ja/nein]"): the
    answers say the column is a yes/no question, not what it asks, and their words ("non") would otherwise
    count as words of whichever field's labels happen to hold them ("Non-Ag")."""
    m = _BRACKET.search(label)
    if not m or not label[: m.start()].strip():
        return label
    answers = [w for w in re.split(r"[\s/|,;-]+", m.group(1).casefold()) if w]
    words = label_words().answers
    return label[: m.start()].strip() if len(answers) >= 2 and all(w in words for w in answers) else label


@dataclass(frozen=True)
class FieldWords:
    path: str
    labels: frozenset[str]                       # normalised declared labels
    squashed: tuple[str, ...]                    # labels without spaces and punctuation, for fuzzy matching
    label_stems: tuple[frozenset[str], ...]      # each declared label's words
    bag: frozenset[str]                          # every word of every label
    by_prefix: dict[str, tuple[str, ...]]        # the bag's words by their first four letters


class LabelIndex:
    """The label knowledge of one kind declaration, with word weights over all declared kinds."""

    def __init__(self, decl: KindDeclaration, idf: Mapping[str, float], paths: list[str]) -> None:
        self.decl = decl
        self.idf = idf
        self.known = frozenset(idf)  # every word stem of every declared label, for splitting compounds
        self._known_by_prefix: dict[str, list[str]] = {}
        for w in self.known:
            self._known_by_prefix.setdefault(w[:4], []).append(w)
        self._default = max(idf.values(), default=1.0)
        self._cache: dict[str, dict[str, float]] = {}
        self.fields: dict[str, FieldWords] = {}
        for path in paths:
            labels = decl.all_labels(path)
            stems = tuple(st for st in (self._stems(lab) for lab in labels) if st)
            bag = frozenset().union(*stems)
            prefixes: dict[str, list[str]] = {}
            for w in bag:
                prefixes.setdefault(w[:4], []).append(w)
            self.fields[path] = FieldWords(
                path, frozenset(normalise_label(lab) for lab in labels),
                tuple(re.sub(r"[\W_]+", "", fold(lab)) for lab in labels), stems, bag,
                {k: tuple(v) for k, v in prefixes.items()})

    def _stems(self, label: str) -> frozenset[str]:
        return frozenset(stem(p) for t in tokens(label) for p in split_compound(t, self.known))

    def contrast(self, label: str, a: str, b: str) -> int:
        """Which of two fields the label's own words tell apart: +1 when it holds a word only `a`'s declared
        labels hold and none only `b`'s ("before" of "Product before cleaning" against "Product after
        cleaning"), -1 the other way round, 0 when its words are shared or unknown to both."""
        stems = self._stems(label)
        wa, wb = self.fields[a].bag, self.fields[b].bag
        only_a, only_b = bool(stems & (wa - wb)), bool(stems & (wb - wa))
        return int(only_a) - int(only_b)

    def _knows(self, part: str) -> bool:
        """Does a declaration know a word of `part`, as written or inflected ("Partijen", "Chargen", "Lotti":
        plurals in -en and -i share all but their ending with the declared "Partij", "Charge", "Lotto")?"""
        stems = self._stems(part)
        return bool(stems & self.known) or any(
            token_similarity(t, k) >= INFLECTED for t in stems if len(t) >= 5 for k in self._known_by_prefix.get(t[:4], ()))

    def _w(self, stem_: str) -> float:
        return self.idf.get(stem_, self._default)

    def lexical(self, label: str, path: str) -> float:
        """0..1 from the declared labels of `path` alone (exact, near, or shared words); cached per label."""
        per_label = self._cache.get(label)
        if per_label is None:
            if len(self._cache) > 5000:  # bounded per process
                self._cache.clear()
            per_label = self._cache[label] = {}
        if path not in per_label:
            # a bracket of yes/no answers says the column answers yes or no: the label without it names a
            # bool field only ("Certified (Y/N)" asks whether a line is certified; it is no certificate's word)
            bare = without_answers(label) if self.decl.field(path).type == "bool" else label
            per_label[path] = max(self._lexical(label, self.fields[path]),
                                  self._lexical(bare, self.fields[path]) if bare != label else 0.0)
        return per_label[path]

    def _lexical(self, label: str, fw: FieldWords) -> float:
        norm = normalise_label(label)
        if not norm:
            return 0.0
        if norm in fw.labels:
            return 1.0
        squashed = re.sub(r"[\W_]+", "", fold(label))
        near = max((fuzz.ratio(squashed, s) for s in fw.squashed if abs(len(s) - len(squashed)) <= 3), default=0.0)
        best = 0.92 * near / 100 if near >= 88 else 0.0
        stems = self._stems(label)
        if not stems:
            return best
        # how well each of the label's words is matched by the field's words (same word, or a long shared start)
        match = {t: (1.0 if t in fw.bag else max((token_similarity(t, b) for b in fw.by_prefix.get(t[:4], ())),
                                                 default=0.0)) for t in stems}
        total = sum(self._w(t) for t in stems)
        coverage = sum(self._w(t) * m for t, m in match.items()) / total if total else 0.0
        overlap = 0.0
        for ls in fw.label_stems:
            inter = sum(self._w(t) * max((token_similarity(t, u) for u in ls), default=0.0) for t in stems)
            if inter:
                overlap = max(overlap, inter / (total + sum(self._w(t) for t in ls) - inter))
        score = max(best, 0.85 * (0.55 * coverage + 0.45 * min(1.0, overlap)))
        parts = [p for p in label_words().joins.split(label) if p.strip()]
        if len(parts) in (2, 3) and norm not in fw.labels and all(self._knows(p) for p in parts):
            # "Product & dilution", "Produit et dosage": a column of two known things ("Quat 200 ppm") names
            # each ("Product / grade" names one thing and says more of it: no part stands for the whole)
            score = max(score, JOINED * max(self._lexical(p, fw) for p in parts))
        return score


def _idf(decls: Mapping[str, KindDeclaration]) -> dict[str, float]:
    """How rare each word stem is among all declared fields (compounds counted with their parts)."""
    labels = [(d.kind, path, d.all_labels(path)) for d in decls.values() for path in d.field_paths()]
    known = frozenset(stem(t) for _, _, labs in labels for lab in labs for t in tokens(lab))
    counts: Counter[str] = Counter()
    for _, _, labs in labels:
        counts.update({stem(p) for lab in labs for t in tokens(lab) for p in split_compound(t, known)})
    n = len(labels)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in counts.items()}


_INDEXES: dict[int, tuple[Mapping[str, KindDeclaration], dict[str, LabelIndex]]] = {}


def label_indexes(decls: Mapping[str, KindDeclaration]) -> dict[str, LabelIndex]:
    """One index per kind, sharing word weights computed over every declared field of every kind
    (built once per set of declarations: `declarations()` returns the same mapping each time)."""
    held = _INDEXES.get(id(decls))
    if held is None or held[0] is not decls:
        if len(_INDEXES) > 4:
            _INDEXES.clear()
        idf = _idf(decls)
        held = _INDEXES[id(decls)] = (decls, {d.kind: LabelIndex(d, idf, d.field_paths()) for d in decls.values()})
    return held[1]


def field_text(decl: KindDeclaration, path: str) -> str:
    """What the embedding model compares a label with: the meaning and the first English labels."""
    f: FieldDeclaration = decl.field(path)
    return f"{', '.join(f.labels.get('en', [])[:3])}: {f.meaning}"
