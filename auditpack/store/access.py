"""Sign-in attempts and review-UI sessions, kept in the store.

Kept in the database rather than in the web server's memory so that a lockout
and a signed-out session hold after a restart and across several server
processes sharing one workspace or one PostgreSQL database. Nothing here is
deleted: attempts are appended, sessions are ended (with a reason).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from auditpack.store.base import AUDIT_NAME_MAX, StoreBase, bounded, now
from auditpack.store.schema import SignInAttemptRow, UISessionRow, UserRow

SignInOutcome = Literal["ok", "failed", "locked"]
_AUDIT_ACTION = {"ok": "ui.sign_in", "failed": "ui.sign_in_failed", "locked": "ui.sign_in_locked"}
# last_seen is written at most this often: a signed-in page polls the server, and SQLite has one writer.
TOUCH_EVERY = timedelta(seconds=30)


class SignInFailures(BaseModel):
    """Failed attempts for one user name or one client since its last successful sign-in (within the window)."""

    model_config = ConfigDict(extra="forbid")
    count: int = 0
    last_at: datetime | None = None


def end_sessions(s: Session, user_name: str, reason: str) -> int:
    """End every open session of `user_name` inside the caller's transaction (password reset, disable)."""
    result = s.execute(
        update(UISessionRow)
        .where(UISessionRow.user_name == user_name, UISessionRow.ended_at.is_(None))
        .values(ended_at=now(), ended_reason=reason)
    )
    return result.rowcount or 0


class AccessMixin(StoreBase):
    # --- sign-in attempts ---
    def record_sign_in(self, user_name: str, client: str | None, outcome: SignInOutcome) -> None:
        name = bounded(user_name or "?", AUDIT_NAME_MAX)
        with self.transaction() as s:
            s.add(SignInAttemptRow(at=now(), user_name=name, client=client and client[:64], outcome=outcome))
            self._audit(s, name, _AUDIT_ACTION[outcome], "user", name, None, {"client": client} if client else None)

    def sign_in_failures(self, since: datetime, user_name: str | None = None,
                         client: str | None = None) -> SignInFailures:
        if (user_name is None) == (client is None):
            raise ValueError("count failures for a user name or for a client, one of the two")
        key = (SignInAttemptRow.user_name == bounded(user_name, AUDIT_NAME_MAX) if user_name is not None
               else SignInAttemptRow.client == client[:64])
        with self.transaction() as s:
            last_ok = s.scalar(select(func.max(SignInAttemptRow.at)).where(key, SignInAttemptRow.outcome == "ok"))
            start = max(since, last_ok) if last_ok else since
            count, last_at = s.execute(
                select(func.count(), func.max(SignInAttemptRow.at))
                .where(key, SignInAttemptRow.outcome == "failed", SignInAttemptRow.at > start)
            ).one()
        return SignInFailures(count=count, last_at=last_at)

    # --- sessions ---
    def open_ui_session(self, token_sha256: str, user_name: str, client: str | None) -> None:
        at = now()
        with self.transaction() as s:
            s.add(UISessionRow(token_sha256=token_sha256, user_name=user_name, client=client and client[:64],
                               created_at=at, last_seen=at))

    def ui_session_user(self, token_sha256: str, idle: timedelta, absolute: timedelta) -> str | None:
        """The user of an open session, or None (and the session ended) when it has expired or the user is inactive."""
        at = now()
        with self.transaction() as s:
            row = s.get(UISessionRow, token_sha256)
            if row is None or row.ended_at is not None:
                return None
            user = s.get(UserRow, row.user_name)
            reason = ("user disabled" if user is None or not user.active
                      else "idle timeout" if at - row.last_seen > idle
                      else "expired" if at - row.created_at > absolute else None)
            if reason:
                row.ended_at, row.ended_reason = at, reason
                return None
            if at - row.last_seen > TOUCH_EVERY:
                row.last_seen = at
            return row.user_name

    def end_ui_session(self, token_sha256: str, reason: str = "signed out") -> bool:
        with self.transaction() as s:
            row = s.get(UISessionRow, token_sha256)
            if row is None or row.ended_at is not None:
                return False
            row.ended_at, row.ended_reason = now(), reason
            self._audit(s, row.user_name, "ui.sign_out", "user", row.user_name, None, {"reason": reason})
            return True

    def open_ui_sessions(self, user_name: str) -> int:
        with self.transaction() as s:
            return s.scalar(select(func.count()).select_from(UISessionRow).where(
                UISessionRow.user_name == user_name, UISessionRow.ended_at.is_(None))) or 0
