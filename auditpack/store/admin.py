"""Users, the audit log, regulation corpus rows, OID imports and workspace facts."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from auditpack.errors import StoreError
from auditpack.store.access import end_sessions
from auditpack.store.base import StoreBase, now
from auditpack.store.schema import AuditLogRow, CorpusSectionRow, MetaRow, OidEntryRow, UserRow

ROLES = ("staff", "reviewer", "manager", "admin", "inspector")


class User(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    role: str
    password_hash: str
    active: bool = True


class AuditEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int
    at: datetime
    actor: str
    action: str
    entity_kind: str
    entity_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class CorpusSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    section: str
    citation: str
    heading: str
    text: str
    currency: str
    version_date: str | None = None
    source: str = ""


class OidEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operation_name: str
    nop_id: str | None = None
    certifier: str | None = None
    status: str | None = None
    status_date: datetime | None = None
    data_as_of: datetime | None = None
    data: dict[str, Any] = {}


class AdminMixin(StoreBase):
    # --- users ---
    def add_user(self, name: str, role: str, password_hash: str, actor: str = "admin") -> None:
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        with self.transaction() as s:
            existing = s.get(UserRow, name)
            if existing is not None:
                before = {"role": existing.role, "active": existing.active}
                existing.role, existing.password_hash, existing.active = role, password_hash, True
                # A session opened with the old password (or role) must not outlive the change.
                ended = end_sessions(s, name, "password or role changed")
                self._audit(s, actor, "user.update", "user", name, before,
                            {"role": role, "active": True, "sessions_ended": ended})
            else:
                s.add(UserRow(name=name, role=role, password_hash=password_hash, created_at=now(), active=True))
                self._audit(s, actor, "user.add", "user", name, None, {"role": role})

    def disable_user(self, name: str, actor: str = "admin") -> int:
        """Mark a user inactive (kept, never deleted) and end their open sessions; returns how many were ended."""
        with self.transaction() as s:
            row = s.get(UserRow, name)
            if row is None:
                raise StoreError(f"no user named {name!r}")
            before = {"role": row.role, "active": row.active}
            row.active = False
            ended = end_sessions(s, name, "user disabled")
            self._audit(s, actor, "user.disable", "user", name, before,
                        {"role": row.role, "active": False, "sessions_ended": ended})
            return ended

    def get_user(self, name: str) -> User | None:
        with self.transaction() as s:
            row = s.get(UserRow, name)
            return User(name=row.name, role=row.role, password_hash=row.password_hash, active=row.active) if row else None

    def list_users(self) -> list[User]:
        with self.transaction() as s:
            return [User(name=r.name, role=r.role, password_hash=r.password_hash, active=r.active)
                    for r in s.scalars(select(UserRow).order_by(UserRow.name))]

    # --- audit log ---
    def log(self, actor: str, action: str, entity_kind: str, entity_id: str,
            before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
        """For stages that act outside a store write (package generated, upload refused...)."""
        with self.transaction() as s:
            self._audit(s, actor, action, entity_kind, entity_id, before, after)

    def audit_log(self, entity_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        q = select(AuditLogRow).order_by(AuditLogRow.id.desc()).limit(limit)
        if entity_id:
            q = q.where(AuditLogRow.entity_id == entity_id)
        with self.transaction() as s:
            return [AuditEntry(id=r.id, at=r.at, actor=r.actor, action=r.action, entity_kind=r.entity_kind,
                               entity_id=r.entity_id, before=r.before, after=r.after) for r in s.scalars(q)]

    # --- regulation corpus ---
    def replace_corpus(self, sections: Sequence[CorpusSection], source: str, actor: str = "auditpack corpus") -> str:
        """Load a new corpus version; the previous one is retired, not deleted."""
        load_id, at = uuid.uuid4().hex, now()
        with self.transaction() as s:
            for row in s.scalars(select(CorpusSectionRow).where(CorpusSectionRow.retired_at.is_(None))):
                row.retired_at = at
            for sec in sections:
                s.add(CorpusSectionRow(load_id=load_id, loaded_at=at, **sec.model_dump()))
            self._audit(s, actor, "corpus.update", "corpus", load_id, None,
                        {"sections": len(sections), "source": source})
        return load_id

    def corpus_sections(self) -> list[CorpusSection]:
        q = select(CorpusSectionRow).where(CorpusSectionRow.retired_at.is_(None)).order_by(CorpusSectionRow.id)
        with self.transaction() as s:
            return [CorpusSection(section=r.section, citation=r.citation, heading=r.heading, text=r.text,
                                  currency=r.currency, version_date=r.version_date, source=r.source)
                    for r in s.scalars(q)]

    # --- Organic Integrity Database imports ---
    def add_oid_entries(self, entries: Sequence[OidEntry], actor: str = "auditpack oid import") -> str:
        import_id, at = uuid.uuid4().hex, now()
        with self.transaction() as s:
            for e in entries:
                s.add(OidEntryRow(import_id=import_id, imported_at=at, **e.model_dump()))
            self._audit(s, actor, "oid.import", "oid", import_id, None, {"rows": len(entries)})
        return import_id

    def oid_entries(self) -> list[OidEntry]:
        with self.transaction() as s:
            return [OidEntry(operation_name=r.operation_name, nop_id=r.nop_id, certifier=r.certifier,
                             status=r.status, status_date=r.status_date, data_as_of=r.data_as_of, data=r.data)
                    for r in s.scalars(select(OidEntryRow).order_by(OidEntryRow.id))]

    # --- small facts ---
    def set_meta(self, key: str, value: dict[str, Any]) -> None:
        with self.transaction() as s:
            row = s.get(MetaRow, key)
            if row is None:
                s.add(MetaRow(key=key, value=value, updated_at=now()))
            else:
                row.value, row.updated_at = value, now()

    def get_meta(self, key: str) -> dict[str, Any] | None:
        with self.transaction() as s:
            row = s.get(MetaRow, key)
            return dict(row.value) if row else None
