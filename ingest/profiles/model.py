"""The profile format (pydantic; unknown keys are refused so a typo never silently does nothing).

Field paths are the declaration's: `invoice_number`, or `lines.quantity` for a table column. Which
paths a profile may name is checked against the kind declaration when the file is loaded
(`io.check_profile`), so a profile that names a field nobody declares fails at once (template rot).
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditpack.errors import ConfigError

NAME = r"^[a-z0-9][a-z0-9._-]*$"


class ProfileError(ConfigError):
    """A layout profile that cannot be read, does not fit the format, or cannot be saved as asked."""


def _compiles(pattern: str, groups: int | None = None) -> str:
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{pattern!r} is not a regular expression: {exc}") from None
    if groups is not None and rx.groups < groups:
        raise ValueError(f"{pattern!r} needs a group around the value")
    return pattern


class Fingerprint(BaseModel):
    """What must be true of a document for the profile to apply. Every condition given must hold."""

    model_config = ConfigDict(extra="forbid")

    issuer: list[str] = Field(default_factory=list, description="words or phrases that must all appear in the "
                              "text (whole words, case-insensitive): the issuer's name, the form's title")
    labels: list[str] = Field(default_factory=list, description="labels and table headers the layout prints")
    min_share: float = Field(default=0.7, gt=0.0, le=1.0, description="share of `labels` the document must print")
    header: list[str] = Field(default_factory=list, description="texts that must all be in one table header "
                              "(a sheet's header signature)")

    @model_validator(mode="after")
    def _something(self) -> Fingerprint:
        if not (self.issuer or self.labels or self.header):
            raise ValueError("a fingerprint needs issuer words, labels or a header: one that says nothing "
                             "would match every document")
        return self


class FieldHint(BaseModel):
    """Where one field is found: exactly one of `label`, `pattern`, `column`, `cell`."""

    model_config = ConfigDict(extra="forbid")

    label: str | None = Field(default=None, description="the label printed next to or above the value")
    pattern: list[str] | None = Field(default=None, description="regular expressions with one group around the "
                                      "value, tried in order on each line (case-insensitive)")
    column: str | None = Field(default=None, description="the table header over the value's column")
    cell: str | None = Field(default=None, description="a fixed sheet cell, e.g. Sheet1!B4")
    strip: str = Field(default="", description="characters removed from the found text before it is read")
    values: dict[str, str] = Field(default_factory=dict, description="printed text -> text to read instead")

    @field_validator("pattern", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("pattern")
    @classmethod
    def _patterns(cls, value: list[str] | None) -> list[str] | None:
        return [_compiles(p, groups=1) for p in value] if value is not None else None

    @field_validator("cell")
    @classmethod
    def _cell(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"(?:[^!]+!)?\$?[A-Za-z]{1,3}\$?\d+", value):
            raise ValueError(f"{value!r} is not a cell address like Sheet1!B4")
        return value

    @model_validator(mode="after")
    def _one(self) -> FieldHint:
        given = [k for k in ("label", "pattern", "column", "cell") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(f"a field hint gives exactly one of label, pattern, column, cell (got {given or 'none'})")
        return self

    @property
    def how(self) -> str:
        return next(k for k in ("label", "pattern", "column", "cell") if getattr(self, k))


class Continuation(BaseModel):
    """A line under a row that continues one of its columns (a description wrapped onto the next line)."""

    model_config = ConfigDict(extra="forbid")

    column: str
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _rx(cls, value: str) -> str:
        return _compiles(value)


class RowsHint(BaseModel):
    """A table printed as text: each line `pattern` matches is one item of the table field `field`.

    The pattern's named groups are column names; groups whose name starts with "_" are read and ignored."""

    model_config = ConfigDict(extra="forbid")

    field: str
    pattern: str
    continuation: Continuation | None = None
    values: dict[str, dict[str, str]] = Field(default_factory=dict, description="column -> printed -> text to read")

    @field_validator("pattern")
    @classmethod
    def _named(cls, value: str) -> str:
        if not re.compile(_compiles(value)).groupindex:
            raise ValueError("a rows pattern names its groups after the columns, e.g. (?P<quantity>...)")
        return value

    @property
    def columns(self) -> list[str]:
        return [g for g in re.compile(self.pattern).groupindex if not g.startswith("_")]


class LayoutProfile(BaseModel):
    """One layout: how to recognise it and where its fields are."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME)
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="the record kind (a declared kind, e.g. invoice)")
    description: str = ""
    fingerprint: Fingerprint
    fields: dict[str, FieldHint] = Field(default_factory=dict)
    rows: list[RowsHint] = Field(default_factory=list)
    dayfirst: bool | None = Field(default=None, description="dates print the day first (31/12/2024)")
    decimal_mark: Literal[",", "."] | None = Field(default=None, description="the decimal mark of its numbers")
    taught_from: str | None = Field(default=None, description="sha256 of the document it was taught from")
    retired: bool = Field(default=False, description="kept on file, no longer applied")

    @field_validator("rows", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _hints(self) -> LayoutProfile:
        if not (self.fields or self.rows):
            raise ValueError("a profile gives at least one field hint or rows pattern")
        return self


class Correction(BaseModel):
    """What a person said about one value: the field, its value, and where they pointed (a box on a page,
    a sheet cell) or nothing (a typed value). Independent of the store's corrections table on purpose, so
    that table can feed it later."""

    model_config = ConfigDict(extra="forbid")

    field: str = Field(description="a declared field path: invoice_number, lines.quantity or lines[2].quantity")
    value: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    cell: str | None = None
    record_index: int | None = Field(default=None, description="which record of a log the value belongs to")
