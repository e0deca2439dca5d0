"""The services the review UI calls, wired in one place.

Handlers reach the pipeline stages only through their public `api` modules,
imported lazily so the UI starts even while a stage is not built; the tab
of a missing stage says so instead of failing. Tests can swap any stage for
a stand-in by passing it to `Services(...)` (the private-gpt pattern).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from auditpack.errors import AuditPackError
from auditpack.workspace import Workspace

# stage -> (module, functions the UI calls)
STAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ingest": ("ingest.api", ("ingest_bytes",)),
    "knowledge": ("knowledge.api", ("run_check", "ask", "suggest", "regulation_for")),
    "generators": ("generators.api", ("list_profiles", "build_package", "build_renewal", "completeness_checklist")),
}
WHAT_FOR = {
    "ingest": "uploading documents",
    "knowledge": "running checks, regulation passages, suggestions and Ask",
    "generators": "generating packages and renewals",
}


class StageMissing(AuditPackError):
    """A pipeline stage the UI needs is not installed or not built yet."""


@dataclass
class Services:
    """Everything a handler may call: the workspace, the store and the stage APIs."""

    workspace: Workspace
    store: Any  # auditpack.store.Store
    overrides: dict[str, Any] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def settings(self):
        return self.workspace.settings

    def stage(self, name: str) -> Any:
        """The stage's api module (or a test stand-in); StageMissing with a readable reason otherwise."""
        if name in self.overrides:
            return self.overrides[name]
        if name in self._cache:
            return self._cache[name]
        module_name, needed = STAGES[name]
        try:
            module: ModuleType = importlib.import_module(module_name)
        except ImportError as exc:
            raise StageMissing(
                f"The {name} stage is not available ({module_name}: {exc}); {WHAT_FOR[name]} is disabled."
            ) from exc
        absent = [fn for fn in needed if not hasattr(module, fn)]
        if absent:
            raise StageMissing(
                f"The {name} stage is incomplete ({module_name} lacks {', '.join(absent)}); "
                f"{WHAT_FOR[name]} is disabled."
            )
        self._cache[name] = module
        return module

    def missing(self, name: str) -> str | None:
        """None when the stage is usable, else the message its tab shows."""
        try:
            self.stage(name)
        except StageMissing as exc:
            return str(exc)
        return None
