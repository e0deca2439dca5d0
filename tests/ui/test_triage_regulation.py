"""The regulation text beside a finding's evidence (issue 15): rendered as the Ask tab renders it (no raw
Markdown), its list items whole and listed, and the loaded copy's currency always stated."""
from __future__ import annotations

import re

from auditpack.records import Evidence, Finding, RegulationPassage, Subject, finding_id
from review_ui import triage_view as tv
from review_ui.regulation_view import regulation_html
from tests.knowledge.ask_fixture import write_copy


def _finding(seeded, citations: list[str]) -> Finding:
    ev = seeded["findings"][0].evidence[0]
    return Finding(id=finding_id("OSP-TEST", "plan"), rule_id="OSP-TEST", severity="major", citations=citations,
                   message="The plan lacks a recordkeeping description", subject=Subject(kind="organic_system_plan",
                                                                                         key="plan"),
                   evidence=[Evidence(document_sha256=ev.document_sha256, filename=ev.filename, page=1)])


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_regulation_beside_the_evidence_is_rendered_listed_and_dated(services, seeded, tmp_path):
    import knowledge.api as knowledge

    ws, store = services.workspace, services.store
    knowledge.update_corpus(ws, store, write_copy(tmp_path))
    f = _finding(seeded, ["7 CFR 205.103(b)", "7 CFR 205.303(a)"])
    store.sync_findings([f], actor="test")
    html = tv.load_panel(services, f.id, [f.id]).details
    assert "<em>Provided,</em>" in html and "*Provided" not in html  # italics, not asterisks
    items = re.findall(r"<li>(.*?)</li>", html)
    assert items[:4] == ["(1) Be adapted to the particular business that the certified operation is conducting;",
                         "(2) Fully disclose all activities and transactions in sufficient detail as to be readily "
                         "understood and audited;",
                         "(3) Be maintained for not less than 5 years beyond their creation; and",
                         "(4) Be sufficient to demonstrate compliance with the Act and the regulations in this part."]
    text = _text(html)
    assert "Loaded regulation copy: " in text and "part205-small.jsonl" in text
    # the currency of each passage is stated, a current one too, an outdated one in bold
    assert "copy: unchanged since 2017" in text
    assert re.search(r"<b[^>]*>copy: outdated: pre-SOE pending SOE amendment</b>", html)


def test_without_a_loaded_copy_the_panel_says_so():
    p = RegulationPassage(citation="7 CFR 205.103", currency="not loaded",
                          text="[Regulation text not loaded.] AuditPack summary: keep records 5 years.")
    text = _text(regulation_html([p], None))
    assert "Regulation text not loaded" in text and "auditpack corpus update" in text


def test_a_passage_cut_short_shows_whole_items_and_says_there_is_more():
    items = [f"({i}) Item number {i} of the list, with *emphasis* and enough words to make it long." for i in
             range(1, 30)]
    text = "(a) The plan must include:\n\n" + "\n\n".join(items)
    cut = text[:1499] + "…"  # as the knowledge stage shortens a long citation
    p = RegulationPassage(citation="7 CFR 205.201(a)", text=cut, currency="eCFR as of 2026-01-15")
    html = regulation_html([p], {"load_id": "x", "source": "eCFR", "version_date": "2026-01-15"})
    shown = re.findall(r"<li>(.*?)</li>", html)
    assert shown[0] == "(a) The plan must include:" and len(shown) > 5
    assert all(s.endswith("long.") for s in shown[1:])  # no item cut mid-sentence
    assert "…" not in "".join(shown) and "<em>emphasis</em>" in shown[1]
    assert "the rest of 7 CFR 205.201(a) is longer than shown here" in html
    assert "Loaded regulation copy: eCFR, as of 2026-01-15." in _text(html) and "copy: eCFR as of 2026-01-15" in html
