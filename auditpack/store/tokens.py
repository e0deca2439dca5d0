"""REST API tokens, kept in the store as sha256 only.

A token is shown once, when it is made (the caller hashes it before it gets
here); a stolen database therefore yields no usable token. Tokens are revoked,
never deleted, so the audit log's "token 7 did this" stays explainable. A token
works only while its user is active: disabling a user silences their tokens too.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from auditpack.errors import StoreError
from auditpack.store.base import StoreBase, bounded, now
from auditpack.store.schema import ApiTokenRow, UserRow

# last_used_at is written at most this often: a script calling the API in a loop should not write on every call.
TOUCH_EVERY = timedelta(seconds=60)


class ApiToken(BaseModel):
    """What `auditpack token list` shows: never the token, never its hash."""

    model_config = ConfigDict(extra="forbid")
    id: int
    user_name: str
    label: str | None = None
    created_at: datetime
    created_by: str
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _model(row: ApiTokenRow) -> ApiToken:
    return ApiToken(id=row.id, user_name=row.user_name, label=row.label, created_at=row.created_at,
                    created_by=row.created_by, last_used_at=row.last_used_at, revoked_at=row.revoked_at,
                    revoked_by=row.revoked_by)


class TokensMixin(StoreBase):
    def create_api_token(self, user_name: str, token_sha256: str, label: str | None, actor: str) -> ApiToken:
        with self.transaction() as s:
            user = s.get(UserRow, user_name)
            if user is None or not user.active:
                raise StoreError(f"no active user named {user_name!r}; see `auditpack user list`")
            row = ApiTokenRow(token_sha256=token_sha256, user_name=user_name, label=label and bounded(label, 128),
                              created_at=now(), created_by=bounded(actor, 128))
            s.add(row)
            s.flush()
            self._audit(s, actor, "token.create", "api_token", str(row.id), None,
                        {"user": user_name, "label": row.label})
            return _model(row)

    def api_token_user(self, token_sha256: str) -> str | None:
        with self.transaction() as s:
            row = s.scalar(select(ApiTokenRow).where(ApiTokenRow.token_sha256 == token_sha256))
            if row is None or row.revoked_at is not None:
                return None
            user = s.get(UserRow, row.user_name)
            if user is None or not user.active:
                return None
            at = now()
            if row.last_used_at is None or at - row.last_used_at > TOUCH_EVERY:
                row.last_used_at = at
            return row.user_name

    def list_api_tokens(self, user_name: str | None = None) -> list[ApiToken]:
        with self.transaction() as s:
            q = select(ApiTokenRow).order_by(ApiTokenRow.id)
            if user_name is not None:
                q = q.where(ApiTokenRow.user_name == user_name)
            return [_model(r) for r in s.scalars(q)]

    def revoke_api_token(self, token_id: int, actor: str) -> bool:
        with self.transaction() as s:
            row = s.get(ApiTokenRow, token_id)
            if row is None:
                raise StoreError(f"no API token with id {token_id}; see `auditpack token list`")
            if row.revoked_at is not None:
                return False
            row.revoked_at, row.revoked_by = now(), bounded(actor, 128)
            self._audit(s, actor, "token.revoke", "api_token", str(row.id), {"user": row.user_name},
                        {"revoked_at": row.revoked_at.isoformat()})
            return True
