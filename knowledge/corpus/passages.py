"""Regulation text next to each finding, with an honest currency label.

For every citation on a finding the loaded corpus supplies the exact
paragraph (``7 CFR 205.201(a)(3)``) or, for a whole-section citation, the
section's opening text. When the loaded copy lacks the section or holds an
outdated version, the passage says so, carries AuditPack's own summary
(`regulation_notes.yaml`), and the finding's message gets a note.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from auditpack.records import Finding, RegulationPassage
from auditpack.store import CorpusSection, Store
from knowledge.catalog import section_of
from knowledge.corpus.chunking import chunk_section
from knowledge.corpus.loaders import currency_state

NOTES_FILE = Path(__file__).resolve().parents[1] / "regulation_notes.yaml"
MAX_TEXT = 1500


@lru_cache(maxsize=1)
def regulation_notes() -> dict:
    return yaml.safe_load(NOTES_FILE.read_text(encoding="utf-8"))


def project_summary(section: str) -> str | None:
    return regulation_notes()["summaries"].get(section)


class PassageLookup:
    """Citation -> passage over one corpus version (built once per check run)."""

    def __init__(self, sections: list[CorpusSection]) -> None:
        self._sections = {s.section: s for s in sections}
        self._chunks: dict[str, list] = {}
        self._cache: dict[str, RegulationPassage] = {}

    def _paragraph(self, sec: CorpusSection, citation: str) -> str:
        if sec.section not in self._chunks:
            self._chunks[sec.section] = chunk_section(sec)
        chunks = self._chunks[sec.section]
        exact = [c.text for c in chunks if c.citation == citation]
        nested = [c.text for c in chunks if c.citation.startswith(citation + "(")]
        text = "\n\n".join(exact + nested) or sec.text
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"

    def passage(self, citation: str) -> RegulationPassage:
        if citation in self._cache:
            return self._cache[citation]
        section = section_of(citation)
        sec = self._sections.get(section)
        summary = project_summary(section)
        if sec is None:
            text = (f"[{citation} is absent from the loaded regulation copy.] " +
                    (f"AuditPack summary (not regulation text): {summary}" if summary else
                     "Consult the current eCFR for its text."))
            p = RegulationPassage(citation=citation, text=text, currency="absent")
        elif currency_state(sec.currency) == "outdated":
            text = f"[Outdated in the loaded copy: {sec.currency}.] {self._paragraph(sec, citation)}"
            if summary:
                text += f"\n\nAuditPack summary of the current rule (not regulation text): {summary}"
            p = RegulationPassage(citation=citation, text=text, currency=f"outdated: {sec.currency}")
        else:
            p = RegulationPassage(citation=citation, text=self._paragraph(sec, citation), currency=sec.currency)
        self._cache[citation] = p
        return p

    def passage_list(self, citations: list[str]) -> list[RegulationPassage]:
        return [self.passage(c) for c in citations]


def _note(passages: list[RegulationPassage], loaded: bool) -> str:
    if not loaded:
        return ""
    absent = [p.citation for p in passages if p.currency == "absent"]
    outdated = [p.citation for p in passages if (p.currency or "").startswith("outdated")]
    parts = []
    if absent:
        parts.append(f"{', '.join(absent)} absent from the loaded regulation copy")
    if outdated:
        parts.append(f"{', '.join(outdated)} outdated in the loaded copy")
    return f" (Note: {'; '.join(parts)}; verify against the current eCFR.)" if parts else ""


def reviewer_note(finding: Finding) -> str:
    """The note `attach_regulation` appended to the finding's message for reviewers ("... verify against the
    current eCFR."), or "". It is recomputed from the finding's own passages, so a package can leave exactly
    this text out of the certifier's copy: it asks the reviewer to check the rule, it says nothing to a
    certifier. (Without a loaded corpus no passage is absent or outdated, so no note was appended.)"""
    note = _note(finding.regulation, loaded=True)
    return note if note and finding.message.endswith(note) else ""


def attach_regulation(store: Store, findings: list[Finding]) -> list[Finding]:
    """Findings with `regulation` filled in (or summaries only when no corpus is loaded)."""
    sections = store.corpus_sections()
    lookup = PassageLookup(sections)
    loaded = bool(sections)
    out = []
    for f in findings:
        if loaded:
            passages = [lookup.passage(c) for c in f.citations]
        else:
            passages = [RegulationPassage(citation=c, currency="not loaded",
                                          text=f"[Regulation text not loaded.] AuditPack summary: "
                                               f"{project_summary(section_of(c)) or 'see the rule summary.'}")
                        for c in f.citations]
        out.append(f.model_copy(update={"regulation": passages, "message": f.message + _note(passages, loaded)}))
    return out


def passages_for(store: Store, citations: list[str]) -> list[RegulationPassage]:
    return PassageLookup(store.corpus_sections()).passage_list(citations)
