"""The package sections registered through the `auditpack_package_sections` plugin hook."""
from __future__ import annotations

from auditpack.plugins import collect
from generators.models import SectionBuilder

COVER = "cover"  # written by the builder itself from every other section


def section_builders() -> dict[str, SectionBuilder]:
    """Section id -> builder; a later plugin's section with the same id replaces the built-in one."""
    return {b.id: b for b in collect("auditpack_package_sections")}


def known_sections(package: str) -> tuple[str, ...]:
    """Section ids a profile may list for `package` ("package" or "renewal"), the cover first."""
    return (COVER,) + tuple(b.id for b in section_builders().values() if package in b.packages)
