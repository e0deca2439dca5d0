"""Pydantic models of the generators stage: profiles in, package results out."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PACKAGE, RENEWAL = "package", "renewal"
MAX_LISTED = 12  # critical open findings listed by name in a readiness summary; the rest are counted
APPLIES_IF = ("always", "uses_water", "uses_nonorganic_ingredients", "uses_nonorganic_agricultural")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SectionSpec(_Strict):
    id: str = Field(description="which content the section holds (see docs/generators.md)")
    title: str
    form: str = Field(default="", description="the certifier's form or summary this section answers")
    intro: str = Field(default="", description="paragraph printed under the heading")
    template: str | None = Field(default=None, description="template file; default <id>.docx")


class ChecklistSpec(_Strict):
    record_type: str
    kind: str | None = None
    sections: list[str] = Field(default_factory=list)
    applies_if: Literal["always", "uses_water", "uses_nonorganic_ingredients", "uses_nonorganic_agricultural"] = \
        "always"
    note: str = ""


class Units(_Strict):
    mass: str = "lb"
    volume: str = "gal"


class CertifierProfile(_Strict):
    id: str
    name: str
    short_name: str = ""
    date_format: str = "%Y-%m-%d"
    units: Units = Field(default_factory=Units)
    file_naming: str = "{number:02d}-{id}"
    package_title: str = "Audit package"
    renewal_title: str = "Annual update"
    trace_samples: int = 3
    cover_letter: list[str] = Field(default_factory=list)
    renewal_letter: list[str] = Field(default_factory=list)
    affirmation: list[str] = Field(default_factory=list)
    package_sections: list[SectionSpec]
    renewal_sections: list[SectionSpec] = Field(default_factory=list)
    checklist: list[ChecklistSpec] | None = None
    folder: Path | None = Field(default=None, exclude=True, description="set by the loader")


class ChecklistItem(_Strict):
    record_type: str
    status: Literal["present", "missing", "not_applicable"]
    where: str
    count: int = 0


class OpenItem(_Strict):
    """An open finding as a readiness summary lists it (the reviewers' wording, for the reviewers)."""

    id: str
    rule_id: str
    severity: str
    subject: str
    message: str


class Readiness(_Strict):
    """What is not ready; `ready` when nothing is open (missing records and name warnings inform, they
    are not decisions a reviewer could take, so they do not block)."""

    certifier: str
    operation: str
    open_total: int = 0
    open_by_severity: dict[str, int] = Field(default_factory=dict, description="critical first")
    critical: list[OpenItem] = Field(default_factory=list)
    missing_records: list[str] = Field(default_factory=list)
    operation_warnings: list[str] = Field(default_factory=list)
    period_warnings: list[str] = Field(default_factory=list, description="records dated outside the period")

    @property
    def ready(self) -> bool:
        return self.open_total == 0

    @property
    def confirm_label(self) -> str:
        return f"Build anyway with {self.open_total} open finding{'s' if self.open_total != 1 else ''}"

    def lines(self) -> list[str]:
        """The summary as plain lines (CLI, error messages); the UI renders the same fields."""
        out = []
        if self.open_total:
            sev = ", ".join(f"{n} {s}" for s, n in self.open_by_severity.items())
            out.append(f"{self.open_total} findings are open with no decision ({sev}).")
            out += [f"  critical: {c.rule_id} {c.subject}: {c.message}" for c in self.critical[:MAX_LISTED]]
            if len(self.critical) > MAX_LISTED:
                out.append(f"  ... and {len(self.critical) - MAX_LISTED} more critical findings")
        else:
            out.append("Every finding has a decision.")
        if self.missing_records:
            out.append(f"{len(self.missing_records)} record types the certifier expects are not in the package: "
                       + "; ".join(self.missing_records) + ".")
        out += [f"Operation name: {w}" for w in self.operation_warnings]
        out += [f"Period: {w}" for w in self.period_warnings]
        return out


class PackageResult(_Strict):
    zip_path: Path
    out_dir: Path
    manifest: dict
    checklist: list[ChecklistItem]
    warnings: list[str] = Field(default_factory=list)
    readiness: Readiness | None = Field(default=None, description="what was not ready when it was built")


@dataclass(frozen=True)
class SectionRequest:
    """What a section may need besides the dataset: the lots an inspector named, the previous OSP (renewal
    changes) and the numbered titles of every section (the evidence index refers to them)."""

    trace_lots: list[str] | None = None
    previous_osp: Any = None
    titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionBuilder:
    """A package section a profile can list: its id, the function that builds its template context from
    the dataset, and which packages it may appear in. Registered through `auditpack_package_sections`.
    `last` sections are built after the others (the evidence index needs every section's title)."""

    id: str
    build: Callable[[Any, str, SectionRequest], dict]
    packages: tuple[str, ...] = (PACKAGE, RENEWAL)
    last: bool = False
