"""Certifier profiles: one folder per certifying agent, data only.

A profile folder holds `profile.yaml` and, optionally, .docx templates that
replace the shared ones in `templates/base/`. Folders come from the
`auditpack_certifier_profiles` plugin hook (the built-in `templates/certifiers/`
first, then plugins'), and `$AUDITPACK_TEMPLATES_DIR/certifiers/` last (a
consultant's own profiles); a later folder's profile of the same id wins.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import ValidationError

from auditpack.plugins import collect
from generators.errors import ProfileError, UnknownCertifierError
from generators.models import PACKAGE, RENEWAL, CertifierProfile, ChecklistSpec
from generators.sections import known_sections

ENV_TEMPLATES = "AUDITPACK_TEMPLATES_DIR"


def builtin_root() -> Path:
    import templates

    return Path(templates.__file__).resolve().parent


def template_roots() -> list[Path]:
    """Template roots, most specific first (each has certifiers/ and maybe base/)."""
    roots = []
    extra = os.environ.get(ENV_TEMPLATES)
    if extra:
        roots.append(Path(extra))
    roots.append(builtin_root())
    return roots


def _profile_dirs() -> dict[str, Path]:
    found: dict[str, Path] = {}
    extra = os.environ.get(ENV_TEMPLATES)
    folders = [Path(p) for p in collect("auditpack_certifier_profiles")] + ([Path(extra) / "certifiers"] if extra else [])
    for certs in folders:  # later (more specific) folders win
        if certs.is_dir():
            for d in sorted(certs.iterdir()):
                if (d / "profile.yaml").is_file():
                    found[d.name] = d
    return found


def load_profile_file(path: Path) -> CertifierProfile:
    """Parse and validate one profile.yaml; errors name the file and the key."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: expected a mapping of keys (id, name, package_sections...)")
    try:
        profile = CertifierProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ProfileError(f"{path}: {loc}: {first['msg']} ({len(exc.errors())} problem(s))") from exc
    if profile.id != path.parent.name:
        raise ProfileError(f"{path}: id {profile.id!r} differs from its folder name {path.parent.name!r}")
    for kind, specs in ((PACKAGE, profile.package_sections), (RENEWAL, profile.renewal_sections)):
        known = known_sections(kind)
        ids = [s.id for s in specs]
        for sid in ids:
            if sid not in known:
                raise ProfileError(f"{path}: unknown {kind} section {sid!r}; known: {', '.join(known)}")
        if len(set(ids)) != len(ids):
            raise ProfileError(f"{path}: a {kind} section is listed twice")
    if not profile.package_sections or profile.package_sections[0].id != "cover":
        raise ProfileError(f"{path}: package_sections must start with the cover section")
    profile.folder = path.parent
    for spec in profile.package_sections + profile.renewal_sections:
        template_path(profile, spec.template or f"{spec.id}.docx")  # fail now, not mid-package
    return profile


def template_path(profile: CertifierProfile, name: str) -> Path:
    """The profile's own template if it has one, else the shared base template."""
    candidates = [profile.folder / name] if profile.folder else []
    candidates += [root / "base" / name for root in template_roots()]
    for c in candidates:
        if c.is_file():
            return c
    raise ProfileError(f"profile {profile.id}: template {name} not found in {profile.folder} or templates/base")


def default_checklist() -> tuple[ChecklistSpec, ...]:
    for root in template_roots():
        path = root / "base" / "checklist.yaml"
        if path.is_file():
            items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
            return tuple(ChecklistSpec.model_validate(i) for i in items)
    return ()


def list_profiles() -> list[CertifierProfile]:
    return [load_profile_file(d / "profile.yaml") for d in _profile_dirs().values()]


def get_profile(certifier_id: str) -> CertifierProfile:
    dirs = _profile_dirs()
    if certifier_id not in dirs:
        raise UnknownCertifierError(certifier_id, sorted(dirs))
    return load_profile_file(dirs[certifier_id] / "profile.yaml")
