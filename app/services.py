"""The services the CLI, the review UI and the demo share, wired in one place.

This is the composition root's object: it holds the workspace and the store
and hands out the stages' public `api` modules. The imports are plain
statements inside functions (lazy, so `auditpack serve` starts without
loading the embedding model, and visible to import-linter), never importlib.
Tests swap any stage for a stand-in through `overrides` (the private-gpt pattern).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from app.document_services import DocumentServices
from app.export_services import ExportServices
from app.job_services import JobServices
from auditpack.errors import StageMissing
from auditpack.settings import Settings
from auditpack.store import Store
from auditpack.workspace import Workspace

__all__ = ["Services", "StageMissing", "STAGES"]


def _ingest() -> ModuleType:
    import ingest.api

    return ingest.api


def _knowledge() -> ModuleType:
    import knowledge.api

    return knowledge.api


def _generators() -> ModuleType:
    import generators.api

    return generators.api


# stage -> (loader of its api module, functions the UI calls, what is disabled without it)
STAGES: dict[str, tuple[Callable[[], ModuleType], tuple[str, ...], str]] = {
    "ingest": (_ingest, ("ingest_bytes",), "uploading documents"),
    "knowledge": (_knowledge, ("run_check", "ask", "suggest", "regulation_for"),
                  "running checks, regulation passages, suggestions and Ask"),
    "generators": (_generators, ("list_profiles", "build_package", "build_renewal", "completeness_checklist",
                                 "readiness"),
                   "generating packages and renewals"),
}


@dataclass
class Services(DocumentServices, JobServices, ExportServices):
    """Everything a handler or command may call: the workspace, the store and the stage APIs, and the
    documents view and corrections (app/document_services.py)."""

    workspace: Workspace
    store: Store
    overrides: dict[str, Any] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    def stage(self, name: str) -> Any:
        """The stage's api module (or a test stand-in); StageMissing with a readable reason otherwise."""
        if name in self.overrides:
            return self.overrides[name]
        if name in self._cache:
            return self._cache[name]
        load, needed, what_for = STAGES[name]
        try:
            module = load()
        except ImportError as exc:
            raise StageMissing(f"The {name} stage is not available ({exc}); {what_for} is disabled.") from exc
        absent = [fn for fn in needed if not hasattr(module, fn)]
        if absent:
            raise StageMissing(f"The {name} stage is incomplete ({module.__name__} lacks {', '.join(absent)}); "
                               f"{what_for} is disabled.")
        self._cache[name] = module
        return module

    def missing(self, name: str) -> str | None:
        """None when the stage is usable, else the message its tab shows."""
        try:
            self.stage(name)
        except StageMissing as exc:
            return str(exc)
        return None
