"""The store: documents, records, findings, decisions and the audit log.

Every stage reads and writes through the `Store` protocol (auditpack/store/protocol.py);
`SqlStore` is its SQLAlchemy implementation and `open_store(ws)` the way to get
one for a workspace. Nothing offers a delete.
"""
from __future__ import annotations

from auditpack.store.access import AccessMixin, SignInFailures
from auditpack.store.admin import ROLES, AdminMixin, AuditEntry, CorpusSection, OidEntry, User
from auditpack.store.corrections import CorrectionsMixin
from auditpack.store.documents import DocumentsMixin
from auditpack.store.documents_view import DocumentsViewMixin
from auditpack.store.engine import make_engine
from auditpack.store.findings import FindingsMixin, SyncResult
from auditpack.store.jobs import Job, JobItem, JobItemSpec, JobsMixin
from auditpack.store.migrate import upgrade
from auditpack.store.operations import MemberDirectory, Membership, Operation, OperationRegistry
from auditpack.store.protocol import Store
from auditpack.store.records_page import RecordsPageMixin
from auditpack.store.tokens import ApiToken, TokensMixin
from auditpack.workspace import Workspace


class SqlStore(DocumentsMixin, DocumentsViewMixin, CorrectionsMixin, FindingsMixin, AdminMixin, AccessMixin,
               TokensMixin, JobsMixin, RecordsPageMixin):
    """The `Store` over SQLAlchemy: SQLite in the workspace, or PostgreSQL on the server path."""

    @classmethod
    def connect(cls, url: str, migrate: bool = True, schema: str | None = None) -> SqlStore:
        engine = make_engine(url, schema)
        if migrate:
            upgrade(engine)
        return cls(engine)

    @classmethod
    def open(cls, workspace: Workspace) -> SqlStore:
        """The store of one operation: its own SQLite file, or its own PostgreSQL schema (the scope is chosen
        here, once, so no query needs to remember an operation filter)."""
        if not workspace.is_default:
            workspace.make_folders()  # an operation's folder is made with its database, not before
        return cls.connect(workspace.database_url, schema=workspace.db_schema)

    def close(self) -> None:
        self.engine.dispose()


def open_store(workspace: Workspace) -> Store:
    """The store of `workspace` (its configured database, migrated to the current schema)."""
    return SqlStore.open(workspace)


__all__ = ["ROLES", "ApiToken", "AuditEntry", "CorpusSection", "Job", "JobItem", "JobItemSpec", "MemberDirectory",
           "Membership", "OidEntry", "Operation", "OperationRegistry", "SignInFailures", "SqlStore", "Store",
           "SyncResult", "User", "open_store"]
