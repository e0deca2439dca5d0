"""`auditpack corpus update|status`: load Part 205, record its version and currency, build the index.

Order when no file is named: the eCFR versioner API for the date (short
timeout), then the file in AUDITPACK_REGULATION_FILE, else nothing, said
plainly: the rules still run with their citations and AuditPack's summaries.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

from auditpack.store import CorpusSection, Store
from auditpack.workspace import Workspace
from knowledge.errors import CorpusError, NotLoadedError  # noqa: F401 - NotLoadedError re-exported
from knowledge.corpus.loaders import currency_state, fetch_ecfr, load_file
from knowledge.corpus.passages import regulation_notes
from knowledge.models import CorpusStatus, SectionCurrency

NOT_LOADED = ("regulation text is not loaded (eCFR unreachable and no AUDITPACK_REGULATION_FILE): checks still run "
              "with citations and AuditPack's own summaries; load it with `auditpack corpus update --from FILE`")




def _obtain(source: Path | None, on: date | None) -> tuple[list[CorpusSection], str, str | None, list[str]]:
    """(sections, source description, version date, notes about what was tried)."""
    tried: list[str] = []
    if source is not None:
        sections = load_file(source)
        return sections, str(source), (on.isoformat() if on else sections[0].version_date), tried
    day = on or date.today()
    try:
        return fetch_ecfr(day), "eCFR versioner API", day.isoformat(), tried
    except CorpusError as exc:
        tried.append(str(exc))
    env = os.environ.get("AUDITPACK_REGULATION_FILE")
    if env:
        sections = load_file(Path(env))
        return sections, env, (on.isoformat() if on else sections[0].version_date), tried
    tried.append("AUDITPACK_REGULATION_FILE is not set")
    return [], "", None, tried


def update(ws: Workspace, store: Store, source: Path | None = None, on: date | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> CorpusStatus:
    sections, where, version, tried = _obtain(source, on)
    if not sections:
        st = status(ws, store)
        if st.loaded:
            st.message = (f"could not load a new version ({'; '.join(tried)}); keeping the loaded version "
                          f"from {st.source} ({st.version_date or 'per-section currency'})")
        else:
            st.message = NOT_LOADED
        return st
    sections = [s.model_copy(update={"version_date": s.version_date or version}) for s in sections]
    load_id = store.replace_corpus(sections, source=where)
    store.set_meta("corpus", {"load_id": load_id, "source": where, "version_date": version,
                              "sections": len(sections), "loaded_at": datetime.now(timezone.utc).isoformat()})
    from knowledge.corpus.retriever import get_retriever

    retriever = get_retriever(ws, store, on_progress)
    st = status(ws, store)
    st.indexed, st.chunks = True, len(retriever.chunks)
    st.message = (f"loaded {len(sections)} sections of 7 CFR Part 205 from {where} (version "
                  f"{version or 'per-section currency'}); {len(st.outdated)} outdated, {len(st.absent)} absent; "
                  f"{st.chunks} paragraphs indexed")
    return st


def status(ws: Workspace, store: Store) -> CorpusStatus:
    meta = store.get_meta("corpus") or {}
    sections = store.corpus_sections()
    if not sections:
        return CorpusStatus(loaded=False, message=NOT_LOADED,
                            absent=[SectionCurrency(section=s, currency="not loaded", state="absent")
                                    for s in regulation_notes()["sections"]])
    have = {s.section: s for s in sections}
    present = [SectionCurrency(section=s.section, heading=s.heading, currency=s.currency,
                               state=currency_state(s.currency)) for s in sections]
    absent = [SectionCurrency(section=s, currency="absent", state="absent")
              for s in regulation_notes()["sections"] if s not in have]
    outdated = [p for p in present if p.state == "outdated"]
    return CorpusStatus(
        loaded=True, source=meta.get("source"), version_date=meta.get("version_date"), sections=len(sections),
        present=present, outdated=outdated, absent=absent,
        message=f"{len(sections)} sections loaded from {meta.get('source')}; {len(outdated)} outdated, "
                f"{len(absent)} absent",
    )
