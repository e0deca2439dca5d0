"""Opening a store migrates it only when there is something to migrate.

Every command that opens a store used to import Alembic and run its environment, which is a large part
of `auditpack documents`' start-up. Now a database already at the newest revision is opened without
Alembic; the newest revision is read from the migration files, so it must be the one Alembic itself
names, and a database of an older revision must still be brought up to it.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from auditpack.store import SqlStore
from auditpack.store.migrate import alembic_config, head_revision


def _version(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()


def test_the_newest_revision_is_the_one_alembic_names() -> None:
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory.from_config(alembic_config(create_engine("sqlite://"))).get_current_head()


def test_an_older_database_is_still_upgraded(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    engine.dispose()
    assert _version(url) == ["0005"]
    store = SqlStore.connect(url)
    store.close()
    assert _version(url) == [head_revision()]


def test_a_current_database_opens_without_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    SqlStore.connect(url).close()  # a new database: migrated by Alembic
    probe = ("import sys; from auditpack.store import SqlStore; s = SqlStore.connect(sys.argv[1]); "
             "s.list_documents(); s.close(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe, url], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False", out.stderr[-2000:]
    assert _version(url) == [head_revision()]
