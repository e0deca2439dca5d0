"""Is a new file a new version of a stored one? A decision on evidence, never on the file name alone.

Every supplier's `invoice.pdf` and every scanner's `scan001.pdf` share a name, and a truncated
upload named like a good document is not its replacement. A stored document is replaced only when
the new file was read (it has records), comes from the same place (the same source path, or no
path on either side, as with uploads), is of the same kind, and shares a key (the kind's declared
`key_fields`, e.g. supplier and invoice number, or NOP ID). When the name and place match but the
evidence does not, both documents stay current and the new one carries a problem, so the inbox
asks a person. Pure: the caller reads the candidates from the store and writes the decision.
"""
from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from auditpack.declarations import declarations
from auditpack.records import DocumentInfo, Problem, ProblemCode, RecordBase, Status

KeyTuple = tuple[str, ...]


class VersionDecision(BaseModel):
    """`previous`: the document the new file replaces; `problem`: why a person should look."""

    previous: str | None = None
    problem: Problem | None = None


def _norm(value: object) -> str:
    return " ".join(str(value).lower().split()) if value is not None else ""


def key_tuples(records: Sequence[RecordBase]) -> set[KeyTuple]:
    """The declared key of each record that has one (a record whose key fields are all empty has none)."""
    decls = declarations()
    keys: set[KeyTuple] = set()
    for r in records:
        decl = decls.get(r.kind.value)
        if decl is None:
            continue
        key = tuple(_norm(getattr(r, f, None)) for f in decl.key_fields)
        if any(key):
            keys.add((r.kind.value, *key))
    return keys


def decide(source_path: str | None, kind: str | None, status: Status, records: Sequence[RecordBase],
           candidates: Sequence[tuple[DocumentInfo, Sequence[RecordBase]]]) -> VersionDecision:
    """Which of `candidates` (current documents with the same file name) the new file replaces, if any."""
    if status is Status.REJECTED or not records:
        return VersionDecision()  # a file that could not be read replaces nothing
    new_keys = key_tuples(records)
    doubts: list[str] = []
    for info, old_records in candidates:
        if source_path and info.source_path and info.source_path != source_path:
            continue  # the same name in another folder: another document
        old_keys = key_tuples(old_records)
        if info.kind == kind and (new_keys & old_keys or (not new_keys and not old_keys and source_path
                                                           and info.source_path == source_path)):
            return VersionDecision(previous=info.sha256)
        what = ("another kind" if info.kind != kind else
                "different key fields" if new_keys and old_keys else "no key fields to compare")
        doubts.append(f"{info.sha256[:12]} ({info.kind or info.status.value}, {what})")
    if not doubts:
        return VersionDecision()
    return VersionDecision(problem=Problem(
        code=ProblemCode.POSSIBLE_VERSION,
        message=f"a document with the same name is stored ({'; '.join(doubts)}); not enough evidence that "
                "this file replaces it, so both are kept current: check whether it is a new version"))
