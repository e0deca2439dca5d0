"""Operations as store scopes: each its own folder and database (SQLite file or PostgreSQL schema), a registry
and memberships in the server's accounts store, the CLI's `--operation`, and an old workspace migrating."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.core.records_factory import document, invoice


def _cli(ws: Path, *args: str, stdin: str | None = None):
    from app.cli.main import app

    return CliRunner().invoke(app, ["--workspace", str(ws), *args], input=stdin)


@pytest.mark.parametrize("slug", ["", "Acme", "acme mills", "../etc", "a" * 41, "-acme", "acme_mills"])
def test_a_slug_that_could_escape_a_folder_url_or_schema_is_refused(tmp_workspace, slug):
    from auditpack.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="slug"):
        tmp_workspace.for_operation(slug, "X", "generic-nop")


def test_an_operation_on_sqlite_gets_its_own_file_even_when_the_server_names_one(tmp_workspace, monkeypatch):
    from auditpack.workspace import open_workspace

    shared = tmp_workspace.root / "server.db"
    monkeypatch.setenv("AUDITPACK_DATABASE_URL", f"sqlite:///{shared}")
    ws = open_workspace(tmp_workspace.root)
    op = ws.for_operation("acme", "Acme Mills", "generic-nop")
    assert ws.database_url.endswith("server.db")
    assert op.database_url.endswith("operations/acme/auditpack.db") and op.db_schema is None
    assert op.settings.operation.name == "Acme Mills" and op.packages_dir.parent == op.root
    assert ws.for_operation("default", "", "generic-nop") is ws


def test_rows_of_one_operation_are_not_in_anothers_store(tmp_workspace):
    from auditpack.store import open_store

    stores = {slug: open_store(tmp_workspace.for_operation(slug, slug, "generic-nop")) for slug in ("acme", "beta")}
    try:
        doc = document("acme-invoice.pdf")
        stores["acme"].add_document(doc, [invoice(doc)], actor="test")
        assert stores["acme"].get_document(doc.sha256) is not None
        assert stores["beta"].get_document(doc.sha256) is None and not stores["beta"].records()
        assert not stores["beta"].audit_log()  # even the audit trail is the operation's own
    finally:
        for s in stores.values():
            s.close()


def test_an_existing_workspace_migrates_and_its_users_keep_their_roles(tmp_path):
    """A workspace made before operations existed (schema 0006) opens as the default operation, unchanged."""
    from alembic import command

    from auditpack.store import OperationRegistry, SqlStore, open_store
    from auditpack.store.engine import make_engine
    from auditpack.store.migrate import alembic_config
    from auditpack.workspace import init_workspace

    ws = init_workspace(tmp_path / "old", operation_name="Old Farm")
    engine = make_engine(ws.database_url)
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    old = SqlStore(engine)
    old.add_user("olga", "reviewer", "hash", actor="test")
    doc = document("old.pdf")
    old.add_document(doc, [invoice(doc)], actor="test")
    old.close()

    store = open_store(ws)  # migrates to head
    try:
        registry = OperationRegistry.of(store)
        assert registry.role("default", "olga") == "reviewer" and registry.list() == []
        assert store.get_document(doc.sha256) is not None
        registry.create("acme", "Acme Mills", "generic-nop", actor="test")
        assert registry.role("acme", "olga") is None
        registry.set_role("acme", "olga", "staff", actor="test")
        registry.set_role("default", "olga", None, actor="test")
        assert (registry.role("acme", "olga"), registry.role("default", "olga")) == ("staff", None)
        store.disable_user("olga", actor="test")
        assert registry.role("acme", "olga") is None  # a disabled account opens nothing
        assert [e.action for e in store.audit_log(entity_id="default:olga")] == ["operation.revoke"]
        assert [e.action for e in store.audit_log(entity_id="acme:olga")] == ["operation.grant"]
    finally:
        store.close()


def test_cli_operations_and_the_global_operation_option(tmp_workspace, sample_small):
    root = tmp_workspace.root
    added = _cli(root, "user", "add", "ana", "--role", "admin", "--password-stdin", stdin="long password\n")
    assert added.exit_code == 0, added.output
    made = _cli(root, "operation", "create", "acme", "--name", "Acme Mills")
    assert made.exit_code == 0, made.output
    assert (root / "operations" / "acme" / "auditpack.db").exists()
    assert _cli(root, "operation", "create", "acme", "--name", "Again").exit_code == 1
    assert "acme\tAcme Mills" in _cli(root, "operation", "list").output
    assert _cli(root, "operation", "grant", "acme", "ana", "--role", "staff").exit_code == 0
    assert "ana\tstaff" in _cli(root, "operation", "members", "acme").output
    assert _cli(root, "operation", "revoke", "default", "ana").exit_code == 0
    assert "ana" not in _cli(root, "operation", "members", "default").output

    csv = next((sample_small / "cleaning").glob("*.csv"))
    ingested = _cli(root, "--operation", "acme", "ingest", str(csv))
    assert ingested.exit_code == 0, ingested.output
    assert "cleaning_event" in _cli(root, "--operation", "acme", "records", "--json").output
    assert _cli(root, "records", "--json").output.strip() == "[]"  # the default operation has none
    assert _cli(root, "--operation", "nope", "records").exit_code == 1
    refused = _cli(root, "--operation", "acme", "user", "list")
    assert refused.exit_code == 1 and "leave out --operation" in str(refused.exception or refused.output)


def test_a_correction_under_operation_uses_the_actors_role_in_that_operation(tmp_workspace, sample_small):
    """Accounts live on the server, so `correct --actor` must find the role there, not in the operation's store."""
    import json

    root = tmp_workspace.root
    for name, role in (("ana", "admin"), ("ivy", "admin")):
        _cli(root, "user", "add", name, "--role", role, "--password-stdin", stdin="long password\n")
    _cli(root, "operation", "create", "acme", "--name", "Acme Mills")
    _cli(root, "operation", "grant", "acme", "ana", "--role", "staff")
    _cli(root, "operation", "grant", "acme", "ivy", "--role", "inspector")  # admin at home, read-only here
    _cli(root, "--operation", "acme", "ingest", str(next((sample_small / "cleaning").glob("*.csv"))))
    sha = json.loads(_cli(root, "--operation", "acme", "documents", "--json").output)["items"][0]["sha256"]

    ivy = _cli(root, "--operation", "acme", "correct", sha[:12], "--kind", "invoice", "--actor", "ivy")
    assert ivy.exit_code == 1 and "inspector" in str(ivy.exception or ivy.output)
    _cli(root, "operation", "create", "beta", "--name", "Beta")
    stranger = _cli(root, "--operation", "beta", "correct", sha[:12], "--kind", "invoice", "--actor", "ana")
    assert stranger.exit_code == 1 and "no role in operation 'beta'" in str(stranger.exception or stranger.output)
    ana = _cli(root, "--operation", "acme", "correct", sha[:12], "--kind", "invoice", "--actor", "ana")
    assert ana.exit_code == 0, ana.output


@pytest.mark.postgres
@pytest.mark.slow
def test_on_postgresql_each_operation_is_confined_to_its_own_schema(pg_url, tmp_path, monkeypatch):
    from sqlalchemy import create_engine, text

    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    name = f"ops_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    monkeypatch.setenv("AUDITPACK_DATABASE_URL", pg_url.rsplit("/", 1)[0] + f"/{name}")
    ws = init_workspace(tmp_path / "ws", operation_name="Home")
    acme_ws, beta_ws = (ws.for_operation(s, s, "generic-nop") for s in ("acme", "beta"))
    assert acme_ws.db_schema == "op_acme" and acme_ws.database_url == ws.database_url
    stores = [open_store(w) for w in (ws, acme_ws, beta_ws)]
    try:
        doc = document("acme.pdf")
        stores[1].add_document(doc, [invoice(doc)], actor="test")
        assert stores[1].get_document(doc.sha256) is not None
        assert stores[0].get_document(doc.sha256) is None and stores[2].get_document(doc.sha256) is None
        with stores[1].engine.connect() as conn:
            schemas = {r[0] for r in conn.execute(text(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'documents'"))}
            assert conn.execute(text("SHOW search_path")).scalar().strip('"') == "op_acme"
        assert schemas == {"public", "op_acme", "op_beta"}
    finally:
        for s in stores:
            s.close()
