"""Sign-in and roles for the review UI.

Passwords are hashed with argon2 (argon2-cffi, the maintained reference
binding); the store keeps only the hash. Roles are checked in every handler
that changes something, not only by hiding buttons: a read-only inspector
who calls the API directly is refused the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from auditpack.errors import AuditPackError
from auditpack.store import Store

# What each role may do. Viewing (records, findings, packages, ask) is open to every signed-in role.
PERMISSIONS: dict[str, frozenset[str]] = {
    "staff": frozenset({"view", "upload"}),
    "reviewer": frozenset({"view", "decide"}),
    "manager": frozenset({"view", "generate"}),
    "admin": frozenset({"view", "upload", "decide", "generate"}),
    "inspector": frozenset({"view"}),
}
ACTION_WORDS = {"upload": "upload documents", "decide": "decide on findings", "generate": "generate packages"}
ANONYMOUS = "anonymous"


class PermissionDenied(AuditPackError):
    """The signed-in user's role does not allow this action."""


@dataclass(frozen=True)
class Session:
    """Who is acting: the signed-in name and the role the store gives it."""

    user: str
    role: str

    def can(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())

    def require(self, action: str) -> None:
        if not self.can(action):
            raise PermissionDenied(
                f"{self.user} is signed in as {self.role}, which may not {ACTION_WORDS.get(action, action)}"
            )


def _hasher():  # argon2 imported lazily: `auditpack --help` stays fast
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise AuditPackError("a password needs at least 8 characters")
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class Authenticator:
    """The callable Gradio's `launch(auth=...)` asks on every sign-in."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self, username: str, password: str) -> bool:
        user = self.store.get_user((username or "").strip())
        ok = bool(user and user.active and verify_password(user.password_hash, password or ""))
        self.store.log(username or "?", "ui.sign_in" if ok else "ui.sign_in_failed", "user", username or "?")
        return ok


def session_for(store: Store, username: str | None, allow_anonymous: bool) -> Session:
    """The acting session for a request; unknown or missing users act read-only."""
    if not username:
        if not allow_anonymous:
            raise PermissionDenied("sign in first")
        return Session(ANONYMOUS, "inspector")
    user = store.get_user(username)
    if user is None or not user.active:
        raise PermissionDenied(f"{username} is not an active user of this workspace")
    return Session(user.name, user.role)
