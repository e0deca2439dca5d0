"""What the review UI needs from the composition root, as a protocol.

The UI sits below the composition root (`app`), so it cannot import the
`Services` class that wires the stages; it states the shape it uses instead,
and `app.services.Services` satisfies it. Tests pass any object of this shape.
"""
from __future__ import annotations

from typing import Any, Protocol

from auditpack.errors import StageMissing
from auditpack.settings import Settings
from auditpack.store import Store
from auditpack.workspace import Workspace

__all__ = ["Services", "StageMissing"]


class Services(Protocol):
    workspace: Workspace
    store: Store

    @property
    def settings(self) -> Settings: ...

    def stage(self, name: str) -> Any:
        """The public `api` module of stage `name` ("ingest", "knowledge", "generators")."""

    def missing(self, name: str) -> str | None:
        """None when the stage is usable, else a message saying what is disabled."""
