"""The one way to extend AuditPack: pluggy hooks, used by the built-ins too.

Loaders, document kinds, parsers, rules, package sections and certifier
profiles all arrive through the hooks below (as pytest and datasette do it).
The built-in stages implement them in their own `plugin` module; the
composition root (`app.plugins`) registers those modules by name, then loads
third-party packages that declare an ``auditpack`` entry point::

    [project.entry-points.auditpack]
    my_rules = "my_package.auditpack_plugin"

The core cannot know the stages (it sits below them), so the manager starts
empty and `install` is called once per process by the composition root;
a stage asking for plugins before that gets `PluginsNotInstalled`, never a
silently empty registry. Worker processes are forked and inherit it.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pluggy

from auditpack.errors import AuditPackError

PROJECT = "auditpack"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class PluginsNotInstalled(AuditPackError):
    """A stage asked for its extensions before the composition root installed the plugins (a wiring bug)."""

    def __init__(self) -> None:
        super().__init__("AuditPack's plugins are not installed in this process: call app.plugins.install() "
                         "before using a stage (the CLI, the demo, the UI and the tests do)")


class Hooks:
    """Every extension point. Each hook returns a list; pluggy collects the lists of all plugins."""

    @hookspec
    def auditpack_loaders(self) -> list[Any]:
        """Readers of a file format: `ingest.loaders.LoaderSpec` objects (format name, load function, and
        optionally a `sniff(data) -> bool` for formats the built-in detection does not know)."""

    @hookspec
    def auditpack_kinds(self) -> list[Path]:
        """Folders of document-kind declaration YAML (`auditpack/declarations/`: fields, labels in every
        language, the words that name the kind). A later declaration of an existing kind adds synonyms."""

    @hookspec
    def auditpack_parsers(self) -> list[Any]:
        """`ingest.parsers.base.Parser` objects: one per document kind, chosen by score."""

    @hookspec
    def auditpack_rules(self) -> list[Any]:
        """`knowledge.checks.registry.Rule` objects: a pure check function under a rule id, and the folder
        of requirement YAML that defines the id (severity, citations, summary)."""

    @hookspec
    def auditpack_package_sections(self) -> list[Any]:
        """`generators.models.SectionBuilder` objects: a section id and the function that builds its
        context from the package's dataset."""

    @hookspec
    def auditpack_certifier_profiles(self) -> list[Path]:
        """Folders holding certifier profile folders (each with `profile.yaml` and optional templates)."""

    @hookspec
    def auditpack_layout_profiles(self) -> list[Path]:
        """Folders of layout profile YAML (`ingest/profiles/`: a fingerprint and where each field of one
        publisher's layout is printed), applied to documents whose fingerprint matches."""


_manager: pluggy.PluginManager | None = None
_collected: dict[str, list[Any]] = {}  # per hook, for the current manager only (one entry per hook name)


def new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(Hooks)
    return pm


def install(builtins: Iterable[object], entry_points: bool = True) -> pluggy.PluginManager:
    """Make the process's plugin manager: the built-in plugin modules, then installed third-party ones.

    Called by the composition root; calling it again replaces the manager (tests use that to add an
    example plugin), so the state stays one manager, never a growing pile."""
    global _manager
    pm = new_manager()
    _collected.clear()
    for module in builtins:
        pm.register(module)
    if entry_points:
        pm.load_setuptools_entrypoints(PROJECT)
    _manager = pm
    return pm


def manager() -> pluggy.PluginManager:
    if _manager is None:
        raise PluginsNotInstalled()
    return _manager


def installed() -> bool:
    return _manager is not None


def collect(hook_name: str) -> list[Any]:
    """All items every plugin returned for the hook `hook_name`, flattened, built-ins first."""
    if hook_name not in _collected:
        caller = getattr(manager().hook, hook_name)
        # pluggy calls the last registered plugin first; reverse so built-ins come first and plugins add to them.
        _collected[hook_name] = [item for batch in reversed(caller()) for item in (batch or [])]
    return _collected[hook_name]
