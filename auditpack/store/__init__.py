"""The store: documents, records, findings, decisions and the audit log.

Every stage reads and writes through `Store`; nothing offers a delete.
"""
from __future__ import annotations

from auditpack.store.admin import ROLES, AdminMixin, AuditEntry, CorpusSection, OidEntry, User
from auditpack.store.documents import DocumentsMixin
from auditpack.store.engine import make_engine
from auditpack.store.findings import FindingsMixin, SyncResult
from auditpack.store.migrate import upgrade
from auditpack.workspace import Workspace


class Store(DocumentsMixin, FindingsMixin, AdminMixin):
    @classmethod
    def connect(cls, url: str, migrate: bool = True) -> "Store":
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine)

    @classmethod
    def open(cls, workspace: Workspace) -> "Store":
        return cls.connect(workspace.database_url)

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["ROLES", "AuditEntry", "CorpusSection", "OidEntry", "Store", "SyncResult", "User"]
