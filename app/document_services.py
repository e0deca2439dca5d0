"""The documents view and corrections as services: what the CLI calls now and the review UI will call.

Role rule in one place: staff and above (staff, reviewer, manager, admin) may correct; an inspector
(read-only) is refused, however the call arrives. Every correction carries the document revision the
person saw, so two people correcting at once get a conflict, not a silent overwrite.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from auditpack.errors import AuditPackError
from auditpack.records import (
    Correction, CorrectionOp, DocumentDetail, DocumentInfo, DocumentPage, DocumentQuery, SourceRef,
)
from auditpack.store import Store
from auditpack.workspace import Workspace

CORRECTING_ROLES = frozenset({"staff", "reviewer", "manager", "admin"})


class CorrectionRefused(AuditPackError):
    """The acting user's role may not correct documents."""


def require_correcting_role(actor: str, role: str) -> None:
    if role not in CORRECTING_ROLES:
        raise CorrectionRefused(f"{actor} is signed in as {role}, which may not correct documents "
                                f"(staff and above may: {', '.join(sorted(CORRECTING_ROLES))})")


class DocumentServices:
    """Mixed into `app.services.Services` (which provides `workspace`, `store` and `stage`)."""

    workspace: Workspace
    store: Store

    def stage(self, name: str) -> Any: ...  # provided by Services

    def documents(self, query: DocumentQuery) -> DocumentPage:
        """One page of the documents view (filters, search, sort, total)."""
        return self.store.documents_page(query)

    def document(self, sha256_prefix: str) -> DocumentInfo:
        """The document a (unique) sha256 prefix names."""
        return self.store.resolve_document(sha256_prefix)

    def document_detail(self, sha256_prefix: str) -> DocumentDetail:
        """A document's info, its records as corrected now, and the corrections made to it."""
        info = self.store.resolve_document(sha256_prefix)
        return DocumentDetail(document=info, records=self.store.records(document_sha256=info.sha256),
                              corrections=self.store.corrections(info.sha256))

    def _correct(self, correction: Correction, role: str, revision: int) -> DocumentDetail:
        require_correcting_role(correction.actor, role)
        self.store.correct(correction, revision)
        return self.document_detail(correction.document_sha256)

    def correct(self, sha256: str, record_id: str, field: str, value: Any, actor: str, role: str,
                revision: int, source: SourceRef | None = None, note: str | None = None) -> DocumentDetail:
        """Give `field` of a record a new value (kept beside the extracted one, marked manual)."""
        return self._correct(Correction(document_sha256=sha256, record_id=record_id, op=CorrectionOp.SET_VALUE,
                                        field=field, value=value, source=source, actor=actor, note=note),
                             role, revision)

    def add_line(self, sha256: str, record_id: str, field: str, row: dict[str, Any], actor: str, role: str,
                 revision: int, source: SourceRef | None = None, note: str | None = None) -> DocumentDetail:
        """Append a row to a list field (`lines`, `inputs`, `ingredients`...)."""
        return self._correct(Correction(document_sha256=sha256, record_id=record_id, op=CorrectionOp.ADD_LINE,
                                        field=field, value=row, source=source, actor=actor, note=note),
                             role, revision)

    def remove_line(self, sha256: str, record_id: str, row_path: str, actor: str, role: str, revision: int,
                    note: str | None = None) -> DocumentDetail:
        """Leave a row (`lines[2]`) out of the current view; the extracted row is kept."""
        return self._correct(Correction(document_sha256=sha256, record_id=record_id, op=CorrectionOp.REMOVE_LINE,
                                        field=row_path, actor=actor, note=note), role, revision)

    def set_kind(self, sha256: str, kind: str, actor: str, role: str, revision: int,
                 note: str | None = None) -> DocumentDetail:
        """Record the person's choice of kind, then have ingest re-read the original as that kind (the old
        records are kept, superseded)."""
        require_correcting_role(actor, role)
        ingest = self.stage("ingest")
        ingest.record_kind_of(kind)  # an unknown kind is refused before anything is written
        kept = self.store.correct(Correction(document_sha256=sha256, op=CorrectionOp.SET_KIND, value=kind,
                                             actor=actor, note=note), revision)
        ingest.reread(self.workspace, self.store, sha256, kind, actor, expected_revision=kept.revision)
        return self.document_detail(sha256)

    # --- what the review UI's Documents tab needs beyond the CLI (page words, typed values, teach once) ---

    def loaded_document(self, sha256: str) -> Any:
        """The stored original as ingest reads it (pages, lines, words with boxes, sheet cells), so a click on
        the page image or the grid maps to the same words and cells ingest and teaching use. Cached by content
        hash: an original never changes."""
        key = (str(self.workspace.root), sha256)
        if key not in _LOADED:
            from ingest.loaders import LoadOptions
            from ingest.pipeline import load

            info = self.store.resolve_document(sha256)
            opts = LoadOptions(ocr_dpi=self.workspace.settings.ingest.ocr_dpi,
                               embeddings=self.workspace.settings.embeddings.kind)
            _LOADED[key] = load((self.workspace.root / info.stored_path).read_bytes(), info.filename, info.sha256,
                                opts)[0]
            while len(_LOADED) > _LOADED_MAX:
                _LOADED.pop(next(iter(_LOADED)))
        return _LOADED[key]

    def read_field_value(self, sha256: str, kind: str, field: str, text: str) -> Any:
        """`text` (a clicked word, a cell, what a person typed) read as the field's type the way ingest reads
        this document ("1.234,50" on a German invoice is 1234.5); None when it does not read as one (the
        store then refuses the raw text with the reason)."""
        from auditpack.declarations import declarations
        from ingest.resolve.values import DocFormat, read_value

        decl = declarations().get(kind)
        f = decl._lookup(field) if decl else None
        if f is None or f.type in ("table", "list", "narrative"):
            return None
        try:
            fmt = DocFormat.of(self.loaded_document(sha256).text)
        except AuditPackError:
            fmt = DocFormat.of("")
        value = read_value(text, f, fmt)
        return value[0] if isinstance(value, tuple) else value

    def start_record(self, sha256: str, kind: str, actor: str, role: str, revision: int) -> DocumentDetail:
        """A blank record of `kind` for a document no reader found a record in, so a person can fill it by
        corrections (each value then has its own manual source, actor and time). Stored as a new reading;
        anything read before is kept, superseded."""
        from auditpack.declarations import declarations
        from auditpack.records import Problem, ProblemCode, parse_record, status_of

        require_correcting_role(actor, role)
        info = self.store.resolve_document(sha256)
        record_kind = self.stage("ingest").record_kind_of(kind)
        decl = declarations().get(record_kind)
        missing = list(decl.core_fields) if decl else []
        record = parse_record({"id": f"{record_kind}-{info.sha256[:12]}-manual", "kind": record_kind,
                               "source": {"document_sha256": info.sha256, "filename": info.filename, "page": 1,
                                          "extraction_method": "manual"},
                               "missing_fields": missing})
        problems = [Problem(code=ProblemCode.MISSING_FIELD, field=f, record_id=record.id,
                            message=f"{record.id}: not given yet: {f}") for f in missing]
        new = info.model_copy(update={"kind": record_kind, "status": status_of(1, problems), "reason": None,
                                      "problems": problems})
        self.store.supersede_reading(new, [record], actor, revision)
        return self.document_detail(info.sha256)

    def teach_layout(self, sha256: str, actor: str, role: str, name: str | None = None) -> TaughtLayout:
        """Teach once: a layout profile from this document's corrections (where the person pointed, or the
        label/column that shows what they typed), saved in the workspace; later ingests of a document with
        the same fingerprint apply it. Also says which other stored documents it fits."""
        from ingest.profiles import api as profiles

        require_correcting_role(actor, role)
        detail = self.document_detail(sha256)
        fixes = _profile_corrections(detail)
        if not fixes:
            raise AuditPackError("nothing to remember yet: correct at least one value of this document first")
        doc = self.loaded_document(detail.document.sha256)
        kind = detail.records[0].kind.value if detail.records else None
        taught = profiles.teach(doc, fixes, kind=kind, name=name)
        profile = taught.profile
        taken = {sp.profile.name for sp in profiles.list_profiles(self.workspace)}
        base, n = profile.name, 2
        while profile.name in taken:
            profile = profile.model_copy(update={"name": f"{base}-{n}"})
            n += 1
        path = profiles.save_profile(self.workspace, profile)
        self.store.log(actor, "layout.teach", "document", detail.document.sha256,
                       after={"profile": profile.name, "fields": sorted(taught.hinted)})
        others = [s for s in profiles.matching_stored(self.workspace, self.store, profile)
                  if s != detail.document.sha256]
        return TaughtLayout(name=profile.name, kind=profile.kind, path=str(path), hinted=taught.hinted,
                            typed_only=taught.typed_only, others=others)

    def apply_layout(self, name: str, sha256s: list[str], actor: str, role: str) -> list[DocumentInfo]:
        """Re-read the given documents with a saved layout profile: new record versions, the old ones kept."""
        from ingest.profiles import api as profiles
        from ingest.reread import reread_with_profile

        require_correcting_role(actor, role)
        profile = profiles.find_profile(name, profiles.layouts_dir(self.workspace.root)).profile
        return [reread_with_profile(self.workspace, self.store, s, profile, actor) for s in sha256s]

    def map_columns(self, sha256: str, kind: str, mapping: dict[str, str], actor: str, role: str,
                    save: bool = False) -> MappedColumns:
        """Column mapping for a sheet or CSV: each header -> a field (`equipment`, or `lines.quantity`) as a
        layout profile's column hints, fingerprinted by the sheet's header signature. Without `save`, only the
        preview: the document read with it. With `save`, the profile is kept in the workspace, this document
        is read again with it (its earlier reading kept) and the other stored documents it fits are named."""
        from auditpack.declarations import declarations
        from ingest.pipeline import parse_document
        from ingest.profiles import api as profiles
        from ingest.profiles.model import FieldHint, Fingerprint, LayoutProfile
        from ingest.reread import reread_with_profile

        require_correcting_role(actor, role)
        record_kind = self.stage("ingest").record_kind_of(kind)
        decl = declarations()[record_kind]
        unknown = [f for f in mapping.values() if decl._lookup(f) is None]
        if unknown:
            raise AuditPackError(f"{record_kind} declares no field {', '.join(map(repr, unknown))}")
        if not mapping:
            raise AuditPackError("map at least one column to a field")
        info = self.store.resolve_document(sha256)
        try:
            profile = LayoutProfile(
                name=f"{record_kind.replace('_', '-')}-columns-{info.sha256[:8]}", kind=record_kind,
                description=f"column mapping taught from {info.filename}",
                fingerprint=Fingerprint(header=sorted(mapping)), taught_from=info.sha256,
                fields={f: FieldHint(column=h) for h, f in mapping.items()})
        except ValueError as exc:
            raise AuditPackError(f"this mapping cannot be a layout: {exc}") from exc
        out = parse_document(self.loaded_document(info.sha256), embeddings=self.workspace.settings.embeddings.kind,
                             profiles=[profile])
        result = MappedColumns(name=profile.name, kind=record_kind, preview=out.records[:20])
        if not save:
            return result
        taken = {sp.profile.name for sp in profiles.list_profiles(self.workspace)}
        base, n = profile.name, 2
        while profile.name in taken:
            profile = profile.model_copy(update={"name": f"{base}-{n}"})
            n += 1
        result.name, result.path = profile.name, str(profiles.save_profile(self.workspace, profile))
        self.store.log(actor, "layout.columns", "document", info.sha256,
                       after={"profile": profile.name, "columns": mapping})
        reread_with_profile(self.workspace, self.store, info.sha256, profile, actor)
        result.others = [s for s in profiles.matching_stored(self.workspace, self.store, profile)
                         if s != info.sha256]
        return result


_LOADED: dict[tuple[str, str], Any] = {}
_LOADED_MAX = 16


class TaughtLayout(BaseModel):
    """What "Remember this layout" did: the profile saved, where it finds each field, and what it fits."""

    name: str
    kind: str
    path: str
    hinted: dict[str, str] = Field(default_factory=dict, description="field -> how it will be found")
    typed_only: dict[str, str] = Field(default_factory=dict, description="field -> why it will not be found")
    others: list[str] = Field(default_factory=list, description="sha256 of other stored documents it fits")


class MappedColumns(BaseModel):
    """A column mapping as a layout profile: its name, the records it reads (a preview), where it was saved."""

    name: str
    kind: str
    preview: list[dict[str, Any]] = Field(default_factory=list, description="records read with the mapping")
    path: str | None = None
    others: list[str] = Field(default_factory=list)


def _profile_corrections(detail: DocumentDetail) -> list[Any]:
    """The document's value corrections as the profile teacher reads them (last value per field wins)."""
    from ingest.profiles.api import Correction as Taught

    index = {r.id: i for i, r in enumerate(detail.records)}
    latest: dict[tuple[str | None, str], Correction] = {}
    for c in detail.corrections:
        if c.op is CorrectionOp.SET_VALUE and c.field and c.value is not None and c.record_id in index:
            latest[(c.record_id, c.field)] = c
    out = []
    for c in latest.values():
        src = c.source
        out.append(Taught(field=c.field, value=str(c.value), page=src.page if src else None,
                          bbox=src.bbox if src and not src.cell else None, cell=src.cell if src else None,
                          record_index=index.get(c.record_id)))
    return out
