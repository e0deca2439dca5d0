"""Engines for the embedded (SQLite) and scaled-out (PostgreSQL) databases.

On PostgreSQL an operation other than the default is confined to its own schema: every connection the
engine opens sets `search_path` to that schema alone before SQLAlchemy uses it, so no query of that store
can name another operation's tables, whatever it forgets to filter.
"""
from __future__ import annotations

import re

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from auditpack.errors import StoreError

SCHEMA_PATTERN = re.compile(r"op_[a-z0-9_]{1,40}")


def make_engine(url: str, schema: str | None = None) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
        raise StoreError(f"database URL is not valid: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        if schema is not None:
            raise StoreError("SQLite has no schemas: an operation on SQLite has its own database file")
        # WAL + a busy timeout: the UI and a CLI run can share one workspace.
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, pool_pre_ping=True)
        if schema is not None:
            _confine(engine, schema)
        return engine
    raise StoreError(f"unsupported database {parsed.get_backend_name()!r}; use sqlite or postgresql")


def _confine(engine: Engine, schema: str) -> None:
    """Every new connection: the schema exists, and it is the only one unqualified names resolve in."""
    if not SCHEMA_PATTERN.fullmatch(schema):
        raise StoreError(f"schema name {schema!r} is not valid")

    @event.listens_for(engine, "connect", insert=True)
    def _search_path(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True  # the SET must not be undone by the pool's rollback
        cur = dbapi_conn.cursor()
        cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        cur.execute(f'SET search_path TO "{schema}"')
        cur.close()
        dbapi_conn.autocommit = autocommit
