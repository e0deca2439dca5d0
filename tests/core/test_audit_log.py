"""The audit log: append-only in the database itself, bounded, and written by every path that changes something."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from auditpack.records import Decision, DecisionAction
from auditpack.store import SqlStore
from auditpack.store.base import AUDIT_NAME_MAX, AUDIT_TEXT_MAX
from tests.core.records_factory import finding



def _rows(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT id, actor, action, entity_id FROM audit_log ORDER BY id")).all()


@pytest.mark.parametrize("statement", [
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE action = 'user.add'",
    "UPDATE audit_log SET actor = 'somebody else'",
    "UPDATE audit_log SET after = NULL WHERE id = 1",
])
def test_plain_sql_cannot_change_or_delete_the_audit_log(any_store, statement):
    any_store.add_user("ana", "reviewer", "hash")
    any_store.log("ana", "ui.generate", "package", "p.zip", after={"certifier": "ccof"})
    before = _rows(any_store)
    with pytest.raises(DBAPIError, match="append-only"):
        with any_store.engine.begin() as conn:
            conn.execute(text(statement))
    assert _rows(any_store) == before
    any_store.log("ana", "ui.generate", "package", "q.zip")  # appending still works
    assert len(_rows(any_store)) == len(before) + 1


def test_truncate_is_refused_on_postgresql(request):
    url = request.getfixturevalue("pg_url")
    s = SqlStore.connect(url)
    try:
        s.log("ana", "ui.generate", "package", "p.zip")
        with pytest.raises(DBAPIError, match="append-only"):
            with s.engine.begin() as conn:
                conn.execute(text("TRUNCATE audit_log"))
        assert s.audit_log(entity_id="p.zip")
    finally:
        s.close()


def test_typed_names_and_free_text_are_bounded(any_store):
    huge = "x" * 100_000
    any_store.record_sign_in(huge, "10.0.0.9", "failed")
    any_store.log("ana", "upload.refused", "upload", "f.pdf", after={"reason": huge, "nested": [{"note": huge}]})
    failed, refused = sorted(any_store.audit_log(), key=lambda e: e.id)
    assert len(failed.actor) == AUDIT_NAME_MAX and len(failed.entity_id) == AUDIT_NAME_MAX
    assert failed.actor.startswith("xxxx") and failed.actor.endswith(f"[+{100_000 - AUDIT_NAME_MAX}]")
    assert len(refused.after["reason"]) == AUDIT_TEXT_MAX
    assert len(refused.after["nested"][0]["note"]) == AUDIT_TEXT_MAX


def test_comment_text_is_in_the_audit_log_and_kept_whole_in_the_decision(any_store):
    f = finding("CERT-MISSING", "Valley Grain Co")
    any_store.sync_findings([f])
    comment = " ".join(["Called the supplier; certificate renewal is in the mail."] * 5)
    any_store.decide(Decision(finding_id=f.id, action=DecisionAction.COMMENT, actor="rita", comment=comment))
    entry = any_store.audit_log(entity_id=f.id, limit=1)[0]
    assert (entry.actor, entry.action, entry.after["comment"]) == ("rita", "finding.comment", comment)
    assert any_store.decisions(f.id)[-1].comment == comment


def test_disabling_a_user_keeps_it_ends_its_sessions_and_is_logged(any_store):
    any_store.add_user("sam", "staff", "hash")
    any_store.open_ui_session("a" * 64, "sam", "10.0.0.1")
    any_store.open_ui_session("b" * 64, "sam", "10.0.0.2")
    assert any_store.disable_user("sam", actor="ann") == 2
    assert any_store.get_user("sam").active is False
    assert any_store.open_ui_sessions("sam") == 0
    entry = any_store.audit_log(entity_id="sam", limit=1)[0]
    assert (entry.actor, entry.action, entry.after["sessions_ended"]) == ("ann", "user.disable", 2)


# --- the CLI ---

def _cli(tmp_workspace, *args: str, stdin: str | None = None):
    from app.cli.main import app

    return CliRunner().invoke(app, ["-w", str(tmp_workspace.root), *args], input=stdin)


def test_cli_user_disable_ends_the_users_sessions(tmp_workspace, store):
    assert _cli(tmp_workspace, "user", "add", "sam", "--role", "staff", "--password-stdin",
                stdin="correct horse battery\n").exit_code == 0
    store.open_ui_session("c" * 64, "sam", None)
    res = _cli(tmp_workspace, "user", "disable", "sam")
    assert res.exit_code == 0, res.output
    assert store.get_user("sam").active is False and store.open_ui_sessions("sam") == 0
    assert "inactive" in _cli(tmp_workspace, "user", "list").output
    res = _cli(tmp_workspace, "user", "disable", "nobody")
    assert res.exit_code != 0 and "no user named" in str(res.exception)


def test_cli_package_writes_an_audit_row(tmp_workspace, store, tmp_path, monkeypatch):
    import generators.api

    out = tmp_path / "out"

    def fake_build(ws, store, certifier, out_dir, **kwargs):  # the generator itself is tested in tests/generators
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "pkg.zip").write_bytes(b"PK")
        return SimpleNamespace(zip_path=out_dir / "pkg.zip", warnings=["one warning"], checklist=[])

    monkeypatch.setattr(generators.api, "build_package", fake_build)
    res = _cli(tmp_workspace, "package", "--certifier", "generic-nop", "--out", str(out), "--no-pdf",
               "--period", f"{date(2026, 1, 1)}:{date(2026, 12, 31)}")
    assert res.exit_code == 0, res.output
    entry = store.audit_log(entity_id=str(out / "pkg.zip"), limit=1)[0]
    assert entry.action == "cli.package" and entry.actor.startswith("cli")
    assert entry.after == {"certifier": "generic-nop", "period": "2026-01-01:2026-12-31", "trace": [],
                           "pdf": False, "warnings": 1}
