"""The workspace folder: config, database, vector index and stored originals.

Everything an operation's audit trail needs lives under one folder so it can
be backed up and kept for the five years 7 CFR 205.103 asks for.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from auditpack.errors import WorkspaceError
from auditpack.settings import CONFIG_NAME, OperationSettings, Settings, load_settings

DEFAULT_WORKSPACE = Path("auditpack-data")
# The workspace folder itself is the default operation; others live under operations/<slug>/.
DEFAULT_OPERATION = "default"
OPERATIONS_DIR = "operations"
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

_DEFAULT_TOML = """\
# AuditPack workspace settings. Every key is optional; see the README.
[operation]
name = "{name}"
certifier = "{certifier}"

[database]
# kind = "postgresql"
# url = "postgresql+psycopg://user:pass@127.0.0.1:5432/auditpack"   # or env AUDITPACK_DATABASE_URL

[vector_store]
# kind = "chroma-server"
# url = "http://127.0.0.1:8000"   # or env AUDITPACK_CHROMA_URL

[llm]
kind = "none"          # "langchain" to let a chat model assist the review
# provider = "ollama"
# model = "llama3.1:8b"
# base_url = "http://127.0.0.1:11434"
"""


def check_slug(slug: str) -> str:
    """An operation's slug names a folder, a URL segment and a PostgreSQL schema: so it is kept to [a-z0-9-]."""
    if not SLUG_PATTERN.fullmatch(slug or ""):
        raise WorkspaceError(f"operation slug {slug!r} is not valid: 1-40 of a-z, 0-9 and '-', starting with a "
                             "letter or digit (e.g. 'prairie-mills')")
    return slug


@dataclass(frozen=True)
class Workspace:
    """One operation's folder and settings. `operation` is its slug; the default operation is the workspace
    folder itself, any other is `operations/<slug>/` inside it (see `for_operation`)."""

    root: Path
    settings: Settings
    operation: str = DEFAULT_OPERATION

    @property
    def is_default(self) -> bool:
        return self.operation == DEFAULT_OPERATION

    @property
    def operations_dir(self) -> Path:
        return self.root / OPERATIONS_DIR

    def for_operation(self, slug: str, name: str, certifier: str) -> Workspace:
        """The workspace of operation `slug` of this (default) workspace: its own folders and database scope,
        the server's settings otherwise. Isolation starts here: everything an operation reads or writes is
        reached through its Workspace, and its store connection sees only its own tables."""
        if not self.is_default:
            raise WorkspaceError("an operation has no operations of its own; use the server's workspace")
        if check_slug(slug) == DEFAULT_OPERATION:
            return self
        op = OperationSettings(name=name, certifier=certifier)
        settings = self.settings.model_copy(update={"operation": op})
        return replace(self, root=self.operations_dir / slug, settings=settings, operation=slug)

    def make_folders(self) -> None:
        for d in (self.root, self.originals_dir, self.index_dir, self.packages_dir, self.cache_dir):
            d.mkdir(parents=True, exist_ok=True)

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def originals_dir(self) -> Path:
        return self.root / "originals"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def packages_dir(self) -> Path:
        return self.root / "packages"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def database_url(self) -> str:
        """The default operation's configured URL; an operation on SQLite always gets its own file (a shared
        SQLite URL would put two operations in one database), on PostgreSQL the same server (`db_schema`)."""
        url = self.settings.database.url
        if url and (self.is_default or not url.startswith("sqlite")):
            return url
        return f"sqlite:///{(self.root / 'auditpack.db').resolve()}"

    @property
    def db_schema(self) -> str | None:
        """The PostgreSQL schema an operation's connections are confined to (None: the default's search_path)."""
        if self.is_default or self.database_url.startswith("sqlite"):
            return None
        return "op_" + self.operation.replace("-", "_")

    def original_path(self, sha256: str, suffix: str) -> Path:
        """Originals are stored by content hash, never by the name they came with."""
        return self.originals_dir / sha256[:2] / f"{sha256}{suffix.lower()[:10]}"


def resolve_root(path: Path | None) -> Path:
    if path is not None:
        return path
    env = os.environ.get("AUDITPACK_WORKSPACE")
    return Path(env) if env else DEFAULT_WORKSPACE


def init_workspace(root: Path, operation_name: str = "", certifier: str = "generic-nop") -> Workspace:
    root.mkdir(parents=True, exist_ok=True)
    cfg = root / CONFIG_NAME
    if not cfg.exists():
        cfg.write_text(_DEFAULT_TOML.format(name=operation_name, certifier=certifier), encoding="utf-8")
    ws = open_workspace(root)
    ws.make_folders()
    return ws


def open_workspace(root: Path | None = None) -> Workspace:
    root = resolve_root(root)
    if not (root / CONFIG_NAME).exists():
        raise WorkspaceError(
            f"no AuditPack workspace at {root} (no {CONFIG_NAME}); run `auditpack init --workspace {root}` first"
        )
    return Workspace(root=root.resolve(), settings=load_settings(root / CONFIG_NAME))
