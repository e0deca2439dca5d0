"""Install AuditPack's plugins in this process: the built-in stages by name, then third-party packages.

The built-in modules are imported here, in the composition root, as plain
imports, so import-linter sees every edge; third-party plugins arrive through
the `auditpack` entry-point group (pluggy's `load_setuptools_entrypoints`).
"""
from __future__ import annotations

from collections.abc import Iterable

import pluggy

import generators.plugin
import ingest.plugin
import knowledge.plugin
from auditpack import plugins

BUILTIN = (ingest.plugin, knowledge.plugin, generators.plugin)


def install(extra: Iterable[object] = (), entry_points: bool = True) -> pluggy.PluginManager:
    """Register the built-ins, then `extra` plugin modules (tests), then installed entry points."""
    return plugins.install([*BUILTIN, *extra], entry_points=entry_points)


def ensure_installed() -> None:
    """Install once per process (the CLI entry point, the demo, bench scripts and tests call this)."""
    if not plugins.installed():
        install()
