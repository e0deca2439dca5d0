"""What ingest, the CLI and (later) the review UI call: match and apply profiles; list, show, export, import
and retire them; teach one from a document's corrections and offer it for the documents it fits."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from auditpack.store.protocol import Store
from auditpack.workspace import Workspace
from ingest.models import LoadedDocument
from ingest.profiles.apply import read_with_profile
from ingest.profiles.io import (StoredProfile, active_profiles, all_profiles, dump_profile, find_profile, layouts_dir,
                                parse_profile, read_profile, write_profile)
from ingest.profiles.match import Match, best_match
from ingest.profiles.model import Correction, LayoutProfile, ProfileError
from ingest.profiles.teach import Taught, teach

__all__ = ["Correction", "LayoutProfile", "Match", "ProfileError", "StoredProfile", "Taught", "active_profiles",
           "all_profiles", "best_match", "derive_profile", "dump_profile", "export_profile", "find_profile",
           "import_profile", "layouts_dir", "list_profiles", "matching_documents", "matching_stored",
           "read_profile", "read_with_profile", "retire_profile", "save_profile", "teach"]


def derive_profile(doc: LoadedDocument, corrections: Sequence[Correction], kind: str | None = None,
                   name: str | None = None) -> LayoutProfile:
    """The profile a person's corrections of `doc` teach (see `teach` for what was and was not located)."""
    return teach(doc, corrections, kind=kind, name=name).profile


def _folder(ws: Workspace | Path) -> Path:
    return layouts_dir(ws.root if isinstance(ws, Workspace) else Path(ws))


def save_profile(ws: Workspace | Path, profile: LayoutProfile) -> Path:
    """Keep a profile in the workspace (`<workspace>/layouts/<name>.yaml`); a name in use is refused."""
    taken = {sp.profile.name for sp in all_profiles(_folder(ws))}
    if profile.name in taken:
        raise ProfileError(f"a layout profile named {profile.name!r} exists already: choose another name")
    return write_profile(_folder(ws), profile)


def list_profiles(ws: Workspace | Path | None) -> list[StoredProfile]:
    """Workspace profiles (retired ones too, marked), then the shipped ones."""
    return all_profiles(_folder(ws) if ws is not None else None)


def retire_profile(ws: Workspace | Path, name: str) -> Path:
    """Mark a workspace profile unused: the file stays (nothing is deleted), ingest no longer applies it."""
    sp = find_profile(name, _folder(ws))
    if sp.origin != "workspace":
        raise ProfileError(f"{name!r} ships with AuditPack or a plugin; only a workspace profile can be retired")
    return write_profile(_folder(ws), sp.profile.model_copy(update={"retired": True}), replace=True)


def export_profile(ws: Workspace | Path | None, name: str) -> str:
    return dump_profile(find_profile(name, _folder(ws) if ws is not None else None).profile)


def import_profile(ws: Workspace | Path, path: Path, name: str | None = None) -> Path:
    """Add a profile file (exported from another workspace) to this workspace, validated first."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot be read as YAML: {exc}") from exc
    profile = parse_profile(data, str(path))
    return save_profile(ws, profile.model_copy(update={"name": name, "retired": False}) if name else profile)


def matching_documents(profile: LayoutProfile, documents: Iterable[LoadedDocument]) -> list[str]:
    """The sha256 of each document the profile's fingerprint fits ("apply to N other documents")."""
    return [d.sha256 for d in documents if best_match(d, [profile]) is not None]


def matching_stored(ws: Workspace, store: Store, profile: LayoutProfile, kind: str | None = None) -> list[str]:
    """`matching_documents` over the workspace's stored originals (optionally of one stored kind)."""
    from ingest.loaders import LoadOptions
    from ingest.pipeline import load

    def loaded() -> Iterable[LoadedDocument]:
        for info in store.list_documents(kind=kind):
            path = ws.root / info.stored_path if info.stored_path else None
            if path is None or not path.is_file():
                continue
            try:
                yield load(path.read_bytes(), info.filename, info.sha256, LoadOptions(ocr=False))[0]
            except Exception:  # noqa: BLE001 - a document that cannot be loaded simply does not match
                continue
    return matching_documents(profile, loaded())
