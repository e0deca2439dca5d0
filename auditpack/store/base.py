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
                at=now(), actor=bounded(actor, AUDIT_NAME_MAX), action=bounded(action, 64),
                entity_kind=bounded(entity_kind, 64), entity_id=bounded(entity_id, AUDIT_ID_MAX),
                before=_bounded_values(before), after=_bounded_values(after),
            )
        )


# The audit log stores what people typed (a name at a failed sign-in, a comment, a reason): bounded, so a
# 100,000-character "user name" cannot bloat the log or break PostgreSQL's VARCHAR columns. The limits are the
# columns' own sizes; free text inside before/after keeps its first AUDIT_TEXT_MAX characters.
AUDIT_NAME_MAX = 128
AUDIT_ID_MAX = 255
AUDIT_TEXT_MAX = 2000


def bounded(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the cut marked with how much was left out."""
    text = text or ""
    if len(text) <= limit:
        return text
    mark = f"…[+{len(text) - limit}]"
    return text[: max(limit - len(mark), 0)] + mark


def _bounded_values(value: Any) -> Any:
    if isinstance(value, str):
        return bounded(value, AUDIT_TEXT_MAX)
    if isinstance(value, dict):
        return {bounded(str(k), AUDIT_NAME_MAX): _bounded_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_bounded_values(v) for v in value]
    return value
