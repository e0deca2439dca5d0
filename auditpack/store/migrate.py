"""Alembic migrations run programmatically, so `auditpack init` needs no alembic.ini.

Every store migrates itself when opened, so every CLI command that opens one would pay for importing
Alembic and running its environment (about 0.4-0.8 s of a command's start-up) even when there is nothing
to do. A database whose `alembic_version` already names the newest revision of `migrations/versions/`
(read from the files' `revision` / `down_revision` lines, so a new migration needs no edit here) is left
alone without importing Alembic; anything else (a new database, an older one, a layout this reading does
not understand) goes to Alembic as before.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_ASSIGNMENT = re.compile(r"^(down_revision|revision)\s*=\s*(?:['\"]([^'\"]+)['\"]|None)\s*$", re.M)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str | None:
    """The one revision no migration builds on, or None when the files do not say so plainly (several
    heads, a revision this reading cannot parse): then Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((name, value) for name, value in _ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found or not found["revision"]:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(conn: Connection) -> bool:
    head = head_revision()
    if head is None or not inspect(conn).has_table("alembic_version"):
        return False
    return [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))] == [head]


def upgrade(engine: Engine) -> None:
    with engine.begin() as conn:
        if _at_head(conn):
            return
        from alembic import command

        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
