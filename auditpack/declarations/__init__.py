"""What each record kind looks like on paper, declared once as data (STYLE practice 15).

A declaration names a kind's fields, says in one sentence what each means (so an
embedding model can match a label it has never seen), lists the labels suppliers
print in every language we read, the patterns values match and the words that name
the kind. Classifier, parsers, benches, UI and packages read these instead of keyword
lists of their own, so a new synonym is one line of YAML that every stage sees.
Built-ins are `kinds/*.yaml`; plugins and workspaces pass more to `load_declarations`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from auditpack.errors import ConfigError

KINDS_DIR = Path(__file__).parent / "kinds"
LANGUAGES = ("en", "fr", "de", "es", "pt", "nl", "it")  # what the built-ins cover; other ISO 639-1 codes are welcome
_DATED = ("date", "datetime")  # the types `after` may order: a date after a date, a date-time after a date-time

FieldType = Literal["text", "identifier", "name", "address", "date", "datetime", "time", "money", "number",
                    "quantity", "unit", "percent", "bool", "enum", "list", "table", "narrative"]


class DeclarationError(ConfigError):
    """A declaration file that cannot be read or does not fit the schema; names the file to fix."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.message = message


def _languages(value: dict[str, list[str]]) -> dict[str, list[str]]:
    for lang, words in value.items():
        if not re.fullmatch(r"[a-z]{2}", lang):
            raise ValueError(f"{lang!r} is not an ISO 639-1 language code (two lower-case letters)")
        if any(not normalise_label(w) for w in words):
            raise ValueError(f"a {lang!r} word is empty or only punctuation, so it could never match")
    return value


Words = Annotated[dict[str, list[str]], AfterValidator(_languages)]  # language -> words as printed


def _name_from_key(value: Any) -> Any:
    """YAML keys fields by name, so `name:` need not be repeated there (and may not disagree)."""
    if not isinstance(value, Mapping):
        return value
    out = {}
    for key, item in value.items():
        if isinstance(item, Mapping):
            if item.get("name", key) != key:
                raise ValueError(f"field {key!r} says its name is {item['name']!r}")
            item = {**item, "name": key}
        out[key] = item
    return out


class FieldDeclaration(BaseModel):
    """One field of a record, or one column of a `table`/`list` field (`columns`).

    `values` maps a canonical value (a member of the model's Literal, or "true"/"false")
    to the words, in any language, that mean it. `position` says where the value is
    usually printed: `top` (letterhead), `header` (label: value), `row` (a table column).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    type: FieldType
    meaning: str = Field(min_length=10)
    required: bool = False
    labels: Words = Field(min_length=1)
    patterns: list[str] = Field(default_factory=list)
    values: dict[str, list[str]] = Field(default_factory=dict)
    position: Literal["top", "header", "row", "anywhere"] | None = None
    from_words: bool = Field(default=False, description="a bool the row's words may say without a column of its "
                                                        "own (an 'organic' mark in a line's description)")
    columns: dict[str, FieldDeclaration] = Field(default_factory=dict)
    product: list[str] = Field(default_factory=list, description="three columns of a table with a x b = c in "
                               "every row (quantity, unit price, line amount): finds them when headers do not")
    after: str | None = Field(default=None, description="a date field of the same record whose date this one "
                              "never precedes (a certificate expires after it takes effect): two dates read the "
                              "other way round were read for each other's labels")

    _named = field_validator("columns", mode="before")(_name_from_key)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _shape(self) -> FieldDeclaration:
        # `narrative` may group sub-sections (the OSP's eight answers live in one nested object)
        if self.columns and self.type not in ("table", "list", "narrative"):
            raise ValueError(f"{self.name}: only table, list and narrative fields have columns")
        if self.type == "table" and not self.columns:
            raise ValueError(f"{self.name}: a table needs columns")
        if self.type == "enum" and not self.values:
            raise ValueError(f"{self.name}: an enum needs the words for each of its values")
        if self.product and (len(self.product) != 3 or not set(self.product) <= set(self.columns)):
            raise ValueError(f"{self.name}: product names three of its columns (a x b = c)")
        return self


class KindDeclaration(BaseModel):
    """A record kind: the words that name it, its fields, and how records are cut from documents.

    `kind` is a `RecordKind` value for the built-ins; a plugin may declare a kind of its own.
    A record is plausible when at least `min_core` of `core_fields` were found; `key_fields`
    together tell one record from another; `one_per` says what one record is cut from.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    meaning: str = Field(min_length=10)
    names: Words = Field(min_length=1)
    context: Words = Field(default_factory=dict)
    not_names: Words = Field(default_factory=dict, description="what documents that resemble the kind but are not "
                             "it call themselves (a purchase order, a delivery note: no invoice); a document whose "
                             "title is one of them is not read as this kind")
    core_fields: list[str] = Field(min_length=1)
    min_core: int = Field(ge=1)
    key_fields: list[str] = Field(min_length=1)
    one_per: Literal["document", "row", "section"]
    rows_may_be_records: bool = Field(default=False, description="a document of this kind may list several records "
                                      "as the rows of one table (a production log of batches)")
    summary_fields: list[str] = Field(default_factory=list, description="what a list of these records shows")
    sums: dict[str, str] = Field(default_factory=dict, description="a field that is the sum of a table column, "
                                 "e.g. total: lines.amount (used to find the total when no label names it)")
    fields: dict[str, FieldDeclaration] = Field(min_length=1)

    _named = field_validator("fields", mode="before")(_name_from_key)

    @model_validator(mode="after")
    def _fields_exist(self) -> KindDeclaration:
        unknown = [f for f in [*self.core_fields, *self.key_fields, *self.summary_fields, *self.sums,
                               *self.sums.values()] if self._lookup(f) is None]
        if unknown:
            raise ValueError(f"core_fields/key_fields/summary_fields name undeclared fields: {unknown}")
        ordered = [f.name for f in self.fields.values() if f.after is not None and (
            f.type not in _DATED or (first := self.fields.get(f.after)) is None or first.type != f.type)]
        if ordered:
            raise ValueError(f"{ordered}: `after` orders a date (or date-time) field after another of its type "
                             "in the kind")
        if self.min_core > len(self.core_fields):
            raise ValueError(f"min_core {self.min_core} is more than the {len(self.core_fields)} core fields")
        names = {normalise_label(w) for ws in self.names.values() for w in ws}
        both = sorted(n for ws in self.not_names.values() for w in ws if (n := normalise_label(w)) in names)
        if both:
            raise ValueError(f"{both} are both names and not_names of the kind")
        return self

    def _lookup(self, path: str) -> FieldDeclaration | None:
        fields, found = self.fields, None
        for part in re.sub(r"\[\d+\]", "", path).split("."):
            if (found := fields.get(part)) is None:
                return None
            fields = found.columns
        return found

    def field(self, path: str) -> FieldDeclaration:
        """`"invoice_number"`, `"lines.quantity"` or, as `field_sources` writes it, `"lines[2].quantity"`."""
        if (found := self._lookup(path)) is None:
            raise KeyError(f"{self.kind} declares no field {path!r}")
        return found

    def field_paths(self) -> list[str]:
        """Every declared field and column as a dotted path ("lines", "lines.quantity", ...)."""
        def walk(fields: Mapping[str, FieldDeclaration], prefix: str) -> list[str]:
            return [p for name, f in fields.items() for p in [prefix + name, *walk(f.columns, f"{prefix}{name}.")]]
        return walk(self.fields, "")

    def all_labels(self, field_path: str) -> list[str]:
        """Every label of a field in every language, each once: matchers rarely know a page's language."""
        seen: dict[str, str] = {}
        for words in self.field(field_path).labels.values():
            for word in words:
                seen.setdefault(normalise_label(word), word)
        return list(seen.values())


def normalise_label(text: str) -> str:
    """How labels compare: NFC, casefolded, whitespace collapsed, surrounding ":#.*()" and kin stripped.

    Accents are kept on purpose: "emissão" and "emissao" are different strings on paper, and
    folding them would hide a benchmark label that differs from ours only by its accent.
    """
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).casefold())
    return text.strip(" :#.*()[]{}\"'`,;|/\\-–—_?!¿¡")


def _merge(base: Any, extra: Any) -> Any:
    """Mappings merge key by key, lists gain the items they lack (in order), scalars are replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: _merge(base[k], v) if k in base else v for k, v in extra.items()}}
    if isinstance(base, list) and isinstance(extra, list):
        out, have = list(base), {_same(x) for x in base}
        for item in extra:
            if _same(item) not in have:
                out.append(item)
                have.add(_same(item))
        return out
    return extra


def _same(item: Any) -> str:
    return normalise_label(item) if isinstance(item, str) else repr(item)


def _read(path: Path) -> dict[str, Any]:
    try:
        # libyaml's safe loader when PyYAML has it (same result, about 6x less CPU: every command that touches a
        # record reads the declarations)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DeclarationError(path, f"cannot be read as YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DeclarationError(path, "expected a mapping with kind, names and fields")
    return data


def _validate(path: Path, data: dict[str, Any]) -> KindDeclaration:
    try:
        return KindDeclaration.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'top'}: {e['msg']} (got {str(e['input'])[:60]!r})"
                             for e in exc.errors()[:8])
        raise DeclarationError(path, problems) from exc


@cache
def _builtins() -> Mapping[str, KindDeclaration]:
    out: dict[str, KindDeclaration] = {}
    for path in sorted(KINDS_DIR.glob("*.yaml")):
        decl = _validate(path, _read(path))
        if decl.kind in out:
            raise DeclarationError(path, f"kind {decl.kind!r} is declared by another built-in file too")
        out[decl.kind] = decl
    return MappingProxyType(out)


def load_declarations(extra_dirs: Sequence[Path] = ()) -> dict[str, KindDeclaration]:
    """The built-in declarations (read once), then every `*.yaml` of `extra_dirs` in order.

    A file for a kind already loaded extends it: label, name, context, value and pattern
    lists gain the new words and keep theirs, new fields and columns are added, scalars
    (a meaning, `min_core`) take the later value. So a plugin or a workspace teaches a
    synonym by writing only `kind` and the words it adds; a file for a new kind must be whole.
    """
    out = dict(_builtins())
    for directory in map(Path, extra_dirs):
        if not directory.is_dir():
            raise DeclarationError(directory, "is not a directory of declaration files")
        for path in sorted(directory.glob("*.yaml")):
            if path.name == "language.yaml":  # the language words of the folder (declarations/language.py)
                continue
            raw = _read(path)
            base = out.get(str(raw.get("kind")))
            decl = _validate(path, _merge(base.model_dump(), raw) if base else raw)
            out[decl.kind] = decl
    return out


def vocabulary(declarations: Mapping[str, KindDeclaration] | None = None) -> set[str]:
    """Every label, kind name, context word and value word, normalised: what extraction knows,
    so a benchmark can prove its own wording shares none of it (STYLE practice 16)."""
    words: list[str] = []
    for decl in (_builtins() if declarations is None else declarations).values():
        groups = [decl.names, decl.context, decl.not_names]
        groups += [g for path in decl.field_paths() for g in (decl.field(path).labels, decl.field(path).values)]
        words += [w for group in groups for ws in group.values() for w in ws]
    return {n for w in words if (n := normalise_label(w))}


@cache
def _with_plugins(extra_dirs: tuple[Path, ...]) -> Mapping[str, KindDeclaration]:
    return MappingProxyType(load_declarations(extra_dirs))


def declarations() -> Mapping[str, KindDeclaration]:
    """The built-ins plus the declaration folders every plugin returns from the `auditpack_kinds` hook:
    what classifier, parsers, benches, UI and packages read (one read per set of folders)."""
    from auditpack.plugins import collect

    return _with_plugins(tuple(Path(p) for p in collect("auditpack_kinds")))
