"""Session handling and the audit log every write goes through."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from auditpack.store.schema import AuditLogRow


def now() -> datetime:
    """Local wall-clock time without tz: what staff write on their logs.

    Microseconds are kept so two versions of a file stored in the same second still order correctly.
    """
    return datetime.now()


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything in it lands, or nothing does."""
        with self._sessions.begin() as session:
            yield session

    @staticmethod
    def _audit(
        session: Session,
        actor: str,
        action: str,
        entity_kind: str,
        entity_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        session.add(
            AuditLogRow(
                at=now(), actor=actor, action=action, entity_kind=entity_kind,
                entity_id=entity_id, before=before, after=after,
            )
        )
