"""The store on SQLite and on a real PostgreSQL server (skipped where none can be started, as in tests/core)."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from auditpack.store import SqlStore


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        s = SqlStore.connect(f"sqlite:///{tmp_path / 'a.db'}")
    else:
        url = request.getfixturevalue("pg_url")
        s = SqlStore.connect(url, migrate=False)
        with s.engine.begin() as conn:  # each test starts from an empty schema
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        s.close()
        s = SqlStore.connect(url)
    yield s
    s.close()
