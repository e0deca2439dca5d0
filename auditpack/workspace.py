"""The workspace folder: config, database, vector index and stored originals.

Everything an operation's audit trail needs lives under one folder so it can
be backed up and kept for the five years 7 CFR 205.103 asks for.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from auditpack.errors import WorkspaceError
from auditpack.settings import CONFIG_NAME, Settings, load_settings

DEFAULT_WORKSPACE = Path("auditpack-data")

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


@dataclass(frozen=True)
class Workspace:
    root: Path
    settings: Settings

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
        return self.settings.database.url or f"sqlite:///{(self.root / 'auditpack.db').resolve()}"

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
    for d in (ws.originals_dir, ws.index_dir, ws.packages_dir, ws.cache_dir):
        d.mkdir(parents=True, exist_ok=True)
    return ws


def open_workspace(root: Path | None = None) -> Workspace:
    root = resolve_root(root)
    if not (root / CONFIG_NAME).exists():
        raise WorkspaceError(
            f"no AuditPack workspace at {root} (no {CONFIG_NAME}); run `auditpack init --workspace {root}` first"
        )
    return Workspace(root=root.resolve(), settings=load_settings(root / CONFIG_NAME))
