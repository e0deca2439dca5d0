"""The words of each language that are not labels: month names, yes/no, packaging units, "number".

Why: reading "10 de junho de 2024", "Bio (J/N): ja" or "12 Kisten" needs words of the document's
language, and a word list inside a parser is a word nobody can add without a code change. They are
declared once in `language.yaml`, beside the kind declarations, validated here, and extended the way
kinds are: a plugin's declaration folder (the `auditpack_kinds` hook) may hold a `language.yaml`
whose lists are merged into the built-in one (words are added, never removed).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from auditpack.declarations import DeclarationError, Words, _merge, _read

LANGUAGE_FILE = "language.yaml"
BUILTIN = Path(__file__).parent / LANGUAGE_FILE


class LanguageWords(BaseModel):
    """`language.yaml`: every list is keyed by ISO 639-1 language code, words as printed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    months: dict[str, dict[int, list[str]]] = Field(description="language -> month number -> names/abbreviations")
    weekdays: Words = Field(default_factory=dict, description="weekday abbreviations (not OCR-damaged months)")
    date_connectors: Words = Field(default_factory=dict, description="'of', 'de', 'di': between day, month, year")
    ordinals: Words = Field(default_factory=dict, description="what follows a day number: 'st', 'er', 'º'")
    booleans: dict[Literal["true", "false"], Words] = Field(description="yes and no answers")
    packaging: Words = Field(default_factory=dict, description="packaging units pint does not know")
    number_words: Words = Field(default_factory=dict, description="'number' spelt out in a label")
    number_marks: list[str] = Field(default_factory=list, description="'N°', 'No.', '#' as printed")
    conjunctions: Words = Field(default_factory=dict, description="'and' between two things in one header")
    function_words: Words = Field(default_factory=dict, description="common words that tell a text's language")
    month_first: list[str] = Field(default_factory=list, description="languages writing 06/19/2026")

    @field_validator("months")
    @classmethod
    def _twelve(cls, value: dict[str, dict[int, list[str]]]) -> dict[str, dict[int, list[str]]]:
        for lang, months in value.items():
            bad = [m for m in months if not 1 <= m <= 12]
            if bad:
                raise ValueError(f"{lang}: months are numbered 1 to 12 (got {bad})")
            if any(not w.strip() for ws in months.values() for w in ws):
                raise ValueError(f"{lang}: an empty month name could never match")
        return value

    def words(self, group: Words) -> list[str]:
        """Every word of a language-keyed group, casefolded, each once (order kept)."""
        return list(dict.fromkeys(w.casefold() for ws in group.values() for w in ws))

    def month_names(self) -> dict[str, int]:
        """Name or abbreviation (casefolded) -> month number, over every language (the first language
        that declares a word decides; no word names two months in the built-ins)."""
        out: dict[str, int] = {}
        for months in self.months.values():
            for number, names in months.items():
                for name in names:
                    out.setdefault(name.casefold().rstrip("."), number)
        return out


def load_language(extra_dirs: Sequence[Path] = ()) -> LanguageWords:
    """The built-in `language.yaml`, extended by a `language.yaml` in each of `extra_dirs`."""
    data = _read(BUILTIN)
    sources = [BUILTIN]
    for directory in map(Path, extra_dirs):
        path = directory / LANGUAGE_FILE
        if path.is_file():
            data = _merge(data, _read(path))
            sources.append(path)
    try:
        return LanguageWords.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'top'}: {e['msg']}" for e in exc.errors()[:8])
        raise DeclarationError(sources[-1], problems) from exc


@cache
def _with_plugins(extra_dirs: tuple[Path, ...]) -> LanguageWords:
    return load_language(extra_dirs)


_LAST: list = []  # [the plugins' folder list, its words]: dates are read per cell, so the lookup must be cheap


def language() -> LanguageWords:
    """The built-in language words plus those of every plugin's declaration folder (read once per set)."""
    from auditpack.plugins import collect

    folders = collect("auditpack_kinds")
    if not _LAST or _LAST[0] is not folders:
        _LAST[:] = [folders, _with_plugins(tuple(Path(p) for p in folders))]
    return _LAST[1]
