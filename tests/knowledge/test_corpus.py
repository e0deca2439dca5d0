"""Loading Part 205 (eCFR XML fixture, the shared JSON-lines copy), currency, passages on findings."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.api import corpus_status, regulation_for, update_corpus
from knowledge.corpus.chunking import chunk_corpus
from knowledge.corpus.loaders import CorpusError, load_file, parse_ecfr_xml

FIXTURE = Path(__file__).parent / "fixtures" / "part205-mini.xml"


def test_ecfr_xml_sections_headings_and_paragraph_citations():
    sections = parse_ecfr_xml(FIXTURE.read_bytes(), "2026-01-02")
    assert [s.section for s in sections] == ["205.201", "205.272"]
    assert sections[0].heading == "Test plan section." and sections[0].version_date == "2026-01-02"
    assert "*sorted*" in sections[0].text, "italic terms are kept as in the Markdown copy"
    cites = [c.citation for c in chunk_corpus(sections)]
    assert cites[:5] == ["7 CFR 205.201(a)", "7 CFR 205.201(a)(1)", "7 CFR 205.201(a)(2)", "7 CFR 205.201(a)(3)",
                         "7 CFR 205.201(b)"]


def test_broken_xml_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<DIV5><DIV8 N='205.1'>")
    with pytest.raises(CorpusError, match="not well-formed"):
        load_file(bad)


def test_update_from_xml_fixture_and_status(tmp_workspace, store):
    st = update_corpus(tmp_workspace, store, FIXTURE)
    assert st.loaded and st.sections == 2 and st.chunks >= 6
    status = corpus_status(tmp_workspace, store)
    assert "205.103" in {a.section for a in status.absent}
    [p] = regulation_for(store, ["7 CFR 205.201(a)(3)"])
    assert "widget fraud" in p.text and "(a)(3)" in p.citation


def test_jsonl_copy_currency_and_absent_sections(tmp_workspace, store, regulation_file):
    st = update_corpus(tmp_workspace, store, regulation_file)
    assert st.sections == 60
    outdated = {s.section for s in st.outdated}
    assert {"205.103", "205.302", "205.606"} <= outdated and "205.201" not in outdated
    assert {"205.272", "205.105"} <= {s.section for s in st.absent}
    absent, outdated_p, current = regulation_for(store, ["7 CFR 205.272", "7 CFR 205.302", "7 CFR 205.201(a)(3)"])
    assert absent.currency == "absent" and "commingl" in absent.text.lower()
    assert outdated_p.currency.startswith("outdated")
    assert "prevent organic fraud" in current.text


def test_update_without_network_or_file_says_text_is_not_loaded(tmp_workspace, store, monkeypatch):
    from knowledge.corpus import update as upd

    def offline(*_a, **_k):
        raise CorpusError("eCFR not reachable (test)")

    monkeypatch.setattr(upd, "fetch_ecfr", offline)
    monkeypatch.delenv("AUDITPACK_REGULATION_FILE", raising=False)
    st = update_corpus(tmp_workspace, store)
    assert not st.loaded and "not loaded" in st.message
    monkeypatch.setenv("AUDITPACK_REGULATION_FILE", str(FIXTURE))
    assert update_corpus(tmp_workspace, store).loaded


def test_update_downloads_the_dated_version_from_the_ecfr_api(tmp_workspace, store, monkeypatch):
    """The online path end to end, against a local stand-in for the eCFR versioner API (no network here):
    the request names the version date and part 205, the answer is parsed, indexed and dated."""
    import threading
    from datetime import date
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    asked: list[str] = []

    class Ecfr(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            asked.append(self.path)
            ok = self.path == "/api/versioner/v1/full/2026-01-05/title-7.xml?part=205"
            body = FIXTURE.read_bytes() if ok else b"no such version"
            self.send_response(200 if ok else 404)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Ecfr)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/api/versioner/v1/full/{{date}}/title-7.xml?part=205"
        monkeypatch.setenv("AUDITPACK_ECFR_URL", base)
        monkeypatch.delenv("AUDITPACK_REGULATION_FILE", raising=False)
        st = update_corpus(tmp_workspace, store, on=date(2026, 1, 5))
        assert asked == ["/api/versioner/v1/full/2026-01-05/title-7.xml?part=205"]
        assert st.loaded and st.sections == 2 and st.version_date == "2026-01-05"
        assert "eCFR" in st.message and "2026-01-05" in st.message
        # a date the API does not have: the loaded version is kept, and the message says why
        again = update_corpus(tmp_workspace, store, on=date(2020, 1, 1))
        assert again.loaded and again.version_date == "2026-01-05" and "404" in again.message
    finally:
        server.shutdown()
