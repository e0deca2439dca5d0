"""Tell a document's title from a party's name, by the words that name the kind.

A certificate's title ("Statement of organic certification", "Attestation de conformité bio") sits where a
letterhead sits and reads as words, so it passes for the certifier's or the operation's name. A title is
mostly the words a kind's declared names are made of (certificate, organic, conformity...) while a party's
name has words of its own ("Coastal Organic Certification Services": two of four) or a short capitalised
word no name has (a legal form, "Inc", "SAS", or a part of a place, "Süd", "del Sur"). The declared names
are only the vocabulary here, never whole phrases: a title in a wording no list has still says what it is in
those words, inflected ("certificación" for "certificado", "Zertifizierung" for "Zertifikat").
A value made only of another field's declared answers ("Livestock, Handling") is no name either.
"""
from __future__ import annotations

import re
from functools import lru_cache

from auditpack.declarations import KindDeclaration
from ingest.resolve.labels import fold, token_similarity, tokens
from ingest.resolve.values import answer_words

SHORT = 3        # a word this short names the kind only when a short name has it ("certificat bio")
SHORT_NAME = 3   # a name of at most this many words: its short words are no connectives of a legal phrase
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=64)
def _vocabulary(names: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        words = [t for t in tokens(name) if t.isalpha()]
        out.update(t for t in words if len(t) > SHORT or len(words) <= SHORT_NAME and len(t) == SHORT)
    return frozenset(out)


def kind_words(decl: KindDeclaration) -> frozenset[str]:
    """The words of the declared names of `decl`, in every language, folded (short ones of short names only)."""
    return _vocabulary(tuple(sorted({w for ws in decl.names.values() for w in ws})))


def _names(word: str, vocabulary: frozenset[str]) -> bool:
    return word in vocabulary or len(word) > SHORT and any(
        token_similarity(word, v) > 0 for v in vocabulary if v[:4] == word[:4])


def _proper_mark(text: str, vocabulary: frozenset[str]) -> bool:
    """A short capitalised word after the first that no name has: "Inc", "SAS", "Süd", "Sur"."""
    if text.isupper():
        return False  # a title in capitals capitalises its "OF" too
    words = _WORD.findall(text)[1:]
    return any(len(w) <= SHORT and w[0].isupper() and fold(w) not in vocabulary for w in words)


def names_the_kind(decl: KindDeclaration, text: str) -> bool:
    """Is `text` a title of `decl`'s kind rather than a name: at least two of its words are words of the
    kind's declared names, more than half of its words, and nothing in it marks a proper name."""
    vocabulary = kind_words(decl)
    words = [t for t in tokens(fold(text)) if t.isalpha() and len(t) >= SHORT]
    naming = [t for t in words if _names(t, vocabulary)]
    counted = [t for t in words if len(t) > SHORT or t in naming]
    return len(naming) >= 2 and 2 * len(naming) > len(counted) and not _proper_mark(text, vocabulary)


def not_a_name(decl: KindDeclaration, text: str) -> bool:
    """A value no party is called: the kind's title, or only declared answers of a field with declared
    values ("Crops, Handling" answers the scopes, whatever label the reader paired it with)."""
    return names_the_kind(decl, text) or any(
        f.values and f.type in ("enum", "list") and answer_words(text, f) for f in decl.fields.values())


_PARTICLE = 3  # words this short may be lower case in a proper name ("Conserverie de Figeac", "van")


def proper_name(text: str) -> bool:
    """Words that name a place or a company: no digit, no full stop at the end, every longer word
    capitalised ("Backstube Lindenberg", "Atelier de Cuisson Angers"). A remark is a sentence in lower
    case ("Report any deviation", "Nur für den internen Gebrauch")."""
    words = text.split()
    if not 1 <= len(words) <= 6 or any(ch.isdigit() for ch in text) or text.rstrip().endswith((".", "!", "?")):
        return False
    return all(w[:1].isupper() for w in words if len(w) > _PARTICLE) and words[0][:1].isupper()
