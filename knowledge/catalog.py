"""The requirement catalog and the National List: YAML data, one loader each.

Rule metadata (citations, severity, the plain-language summary, what evidence
satisfies it, the corrective action a reviewer would suggest) lives in
`knowledge/requirements/*.yaml` so a compliance person can read and correct it
without touching code; the check functions only decide *whether* a rule is
broken.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from auditpack.records import RecordKind, Severity
from knowledge.errors import CatalogError
from knowledge.names import normalize_product

HERE = Path(__file__).parent
REQUIREMENTS_DIR = HERE / "requirements"
NATIONAL_LIST_DIR = HERE / "national_list"

# "7 CFR 205.201", "7 CFR 205.201(a)(3)", "7 CFR 205.606(s)(1)"
CITATION_RE = re.compile(r"^7 CFR 205\.\d{1,3}(\([a-z]{1,2}\)(\(\d{1,2}\)(\([ivx]+\))?)?)?$")


def section_of(citation: str) -> str:
    """'7 CFR 205.201(a)(3)' -> '205.201'."""
    m = re.search(r"205\.\d+", citation)
    return m.group(0) if m else citation


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    citations: list[str] = Field(min_length=1)
    severity: Severity
    reads: list[RecordKind]
    summary: str
    evidence: str
    corrective_action: str

    @field_validator("citations")
    @classmethod
    def _well_formed(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not CITATION_RE.match(c)]
        if bad:
            raise ValueError(f"malformed citation(s) {bad}; expected e.g. '7 CFR 205.201(a)(3)'")
        return value


class NationalListEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    citation: str
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None
    uses: list[str] = Field(default_factory=list)
    categories: list[str] | None = None
    list_id: str = Field(default="", description="'205.605(a)', '205.605(b)' or '205.606'")
    kind: str = ""

    @field_validator("citation")
    @classmethod
    def _well_formed(cls, value: str) -> str:
        if not CITATION_RE.match(value):
            raise ValueError(f"malformed citation {value!r}")
        return value


class _ListFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    list_id: str = Field(alias="list")
    kind: str
    categories: list[str]
    commercial_availability_required: bool = False
    entries: list[NationalListEntry]




@lru_cache(maxsize=16)
def load_requirements(directory: Path = REQUIREMENTS_DIR) -> dict[str, Requirement]:
    """Requirement entries of every YAML file in `directory` (or of one YAML file)."""
    out: dict[str, Requirement] = {}
    for path in [directory] if directory.is_file() else sorted(directory.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            try:
                req = Requirement.model_validate(raw)
            except ValueError as exc:
                raise CatalogError(f"{path.name}: entry {raw.get('id', '?')}: {exc}") from exc
            if req.id in out:
                raise CatalogError(f"{path.name}: duplicate rule id {req.id}")
            out[req.id] = req
    return out


class NationalList:
    """Entries of 205.605(a), 205.605(b) and 205.606, looked up by normalised name or alias."""

    def __init__(self, entries: list[NationalListEntry]) -> None:
        self.entries = entries
        self._by_name: dict[str, NationalListEntry] = {}
        for e in entries:
            for n in (e.name, *e.aliases):
                self._by_name.setdefault(normalize_product(n), e)

    def find(self, name: str | None) -> NationalListEntry | None:
        """Exact match on the normalised name or an alias (a list is not fuzzy-matched:
        'sodium nitrite' must not pass as 'sodium citrate')."""
        if not name:
            return None
        hit = self._by_name.get(normalize_product(name))
        if hit is None and "(" in name:  # "Nitrogen (package flush)": the note is not part of the name
            hit = self._by_name.get(normalize_product(re.sub(r"\([^)]*\)", " ", name)))
        return hit


@lru_cache(maxsize=1)
def load_national_list(directory: Path = NATIONAL_LIST_DIR) -> NationalList:
    entries: list[NationalListEntry] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            f = _ListFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except ValueError as exc:
            raise CatalogError(f"{path.name}: {exc}") from exc
        for e in f.entries:
            entries.append(e.model_copy(update={"list_id": f.list_id, "kind": f.kind,
                                                "categories": e.categories or f.categories}))
    return NationalList(entries)
