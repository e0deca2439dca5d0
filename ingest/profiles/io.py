"""Where profiles live and how they are read and written: shipped folders (built-in and plugins' through
the `auditpack_layout_profiles` hook) and the workspace's `layouts/` folder.

Nothing is deleted: a workspace profile that should no longer apply is marked `retired: true` and kept.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from auditpack.declarations import KindDeclaration, declarations
from ingest.profiles.model import LayoutProfile, ProfileError

BUILTIN_DIR = Path(__file__).parent / "builtin"
LAYOUTS = "layouts"


@dataclass(frozen=True)
class StoredProfile:
    """A profile and where it came from (`shipped` or `workspace`), for listing and export."""

    profile: LayoutProfile
    path: Path
    origin: str


def layouts_dir(workspace_root: Path) -> Path:
    """The folder of a workspace's own profiles."""
    return Path(workspace_root) / LAYOUTS


def check_profile(profile: LayoutProfile, decls: Mapping[str, KindDeclaration] | None = None) -> LayoutProfile:
    """Refuse a profile whose kind or field paths the declarations do not know (the template-rot check)."""
    decls = declarations() if decls is None else decls
    decl = decls.get(profile.kind)
    if decl is None:
        raise ValueError(f"kind {profile.kind!r} is not declared (known: {', '.join(sorted(decls))})")
    for path, hint in profile.fields.items():
        try:
            f = decl.field(path)
        except KeyError:
            raise ValueError(f"fields.{path}: {profile.kind} declares no such field") from None
        if "." in path and hint.how != "column":
            raise ValueError(f"fields.{path}: a table column is found by `column`")
        if f.type == "table" and hint.how != "column":
            raise ValueError(f"fields.{path}: a table field is found by its columns or by `rows`")
    for rows in profile.rows:
        table = decl.fields.get(rows.field)
        if table is None or not table.columns:
            raise ValueError(f"rows.field: {rows.field!r} is not a table field of {profile.kind}")
        unknown = [c for c in rows.columns if c not in table.columns]
        if rows.continuation and rows.continuation.column not in table.columns:
            unknown.append(rows.continuation.column)
        unknown += [c for c in rows.values if c not in table.columns]
        if unknown:
            raise ValueError(f"rows: {rows.field} has no columns {unknown}")
    return profile


def parse_profile(data: object, where: str = "profile") -> LayoutProfile:
    try:
        return check_profile(LayoutProfile.model_validate(data))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'top'}: {e['msg']}" for e in exc.errors()[:8])
        raise ProfileError(f"{where}: {problems}") from exc
    except ValueError as exc:
        raise ProfileError(f"{where}: {exc}") from exc


def read_profile(path: Path) -> LayoutProfile:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot be read as YAML: {exc}") from exc
    return parse_profile(data, str(path))


def dump_profile(profile: LayoutProfile) -> str:
    """The profile as YAML, defaults left out so a file says only what it means."""
    data = profile.model_dump(mode="json", exclude_defaults=True)
    data = {"name": profile.name, "kind": profile.kind, **data}  # name and kind first, always present
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def _folder(folder: Path, origin: str) -> list[StoredProfile]:
    if not folder.is_dir():
        return []
    return [StoredProfile(read_profile(p), p, origin) for p in sorted(folder.glob("*.y*ml"))]


def shipped_folders() -> list[Path]:
    """The built-in folder, then every folder plugins return from `auditpack_layout_profiles`."""
    from auditpack.plugins import collect

    return [Path(p) for p in collect("auditpack_layout_profiles")]


@cache
def _shipped(folders: tuple[Path, ...]) -> tuple[StoredProfile, ...]:
    return tuple(sp for f in folders for sp in _folder(f, "shipped"))


def shipped_profiles() -> list[StoredProfile]:
    return list(_shipped(tuple(shipped_folders())))


def workspace_profiles(folder: Path | None) -> list[StoredProfile]:
    return _folder(folder, "workspace") if folder is not None else []


_WS: dict[str, tuple[tuple, list[LayoutProfile]]] = {}


def active_profiles(folder: Path | str | None = None) -> list[LayoutProfile]:
    """What ingest applies: workspace profiles first (a team's teaching wins a tie), then shipped ones;
    retired ones never. A workspace folder is re-read only when its files change (cheap per document)."""
    shipped = [sp.profile for sp in shipped_profiles()]
    if folder is None:
        return [p for p in shipped if not p.retired]
    folder = Path(folder)
    files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    held = _WS.get(str(folder))
    if held is None or held[0] != stamp:
        if len(_WS) > 8:
            _WS.clear()
        held = _WS[str(folder)] = (stamp, [sp.profile for sp in workspace_profiles(folder)])
    return [p for p in [*held[1], *shipped] if not p.retired]


def all_profiles(folder: Path | None) -> list[StoredProfile]:
    return [*workspace_profiles(folder), *shipped_profiles()]


def find_profile(name: str, folder: Path | None) -> StoredProfile:
    for sp in all_profiles(folder):
        if sp.profile.name == name:
            return sp
    known = ", ".join(sp.profile.name for sp in all_profiles(folder)) or "none"
    raise ProfileError(f"no layout profile named {name!r} (known: {known}); see `auditpack layouts list`")


def write_profile(folder: Path, profile: LayoutProfile, replace: bool = False) -> Path:
    """Write a workspace profile as `<folder>/<name>.yaml`. An existing file is replaced only when asked
    (retiring rewrites the same profile with `retired: true`); a new name never overwrites another."""
    check_profile(profile)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{profile.name}.yaml"
    if path.exists() and not replace:
        raise ProfileError(f"a layout profile named {profile.name!r} already exists in {folder}: choose another "
                           "name, or retire that one first")
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(dump_profile(profile), encoding="utf-8")
    tmp.replace(path)
    return path


def names(profiles: Iterable[StoredProfile]) -> set[str]:
    return {sp.profile.name for sp in profiles}
