"""Sign-in and roles for the review UI.

Passwords are hashed with argon2 (argon2-cffi, the maintained reference
binding); the store keeps only the hash. Repeated wrong passwords lock a user
name (and a client address) out for a doubling delay; unknown names cost the
same argon2 work as known ones. The web side (cookie sessions, the sign-in
page, the gate in front of every route) is `review_ui.web_auth`. Roles are checked in every handler
that changes something, not only by hiding buttons: a read-only inspector
who calls the API directly is refused the same way.
"""
from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import timedelta

from auditpack.errors import AuditPackError
from auditpack.settings import UISettings
from auditpack.store import Store
from auditpack.store.base import now

# What each role may do. Viewing (records, findings, packages, ask) is open to every signed-in role.
# "correct" (documents: values, kind, lines, layouts) is staff and above, as app/document_services.py checks.
PERMISSIONS: dict[str, frozenset[str]] = {
    "staff": frozenset({"view", "upload", "correct"}),
    "reviewer": frozenset({"view", "decide", "correct"}),
    "manager": frozenset({"view", "generate", "correct"}),
    "admin": frozenset({"view", "upload", "decide", "generate", "correct"}),
    "inspector": frozenset({"view"}),
}
ACTION_WORDS = {"upload": "upload documents", "decide": "decide on findings", "generate": "generate packages",
                "correct": "correct documents"}
ANONYMOUS = "anonymous"


def roles_that_may(action: str) -> list[str]:
    """The roles allowed `action`, in PERMISSIONS order (decide -> reviewer, admin)."""
    return [role for role, allowed in PERMISSIONS.items() if action in allowed]


def either(roles: list[str]) -> str:
    """["staff", "reviewer", "admin"] -> "staff, reviewer or admin": a list a person reads in one go."""
    return " or ".join([", ".join(roles[:-1]), roles[-1]] if len(roles) > 2 else roles) or "no"


def needs_role(action: str, role: str) -> str:
    """What a screen says instead of a control the signed-in role cannot use: which roles it needs."""
    who = either(roles_that_may(action))
    return (f"To {ACTION_WORDS.get(action, action)} you need the {who} role; you are signed in as {role}, "
            "so those controls are not shown.")


def role_needs(role: str) -> str:
    """One line under the top bar: what this role may not do and which roles may (its controls are not shown,
    `review_ui.roles_view`); empty for a role that may do everything."""
    missing = [a for a in ACTION_WORDS if a not in PERMISSIONS.get(role, frozenset())]
    if not missing:
        return ""
    return (f"As {role} you may not " + "; ".join(
        f"{ACTION_WORDS[a]} (needs {either(roles_that_may(a))})" for a in missing)
        + ": those controls are not shown.")
MAX_NAME = 128  # the users table's name column: a longer name cannot exist


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


@functools.cache
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


@functools.cache
def dummy_hash() -> str:
    """A hash no password matches, made with the same parameters as real ones.

    Unknown and disabled user names are checked against it, so a wrong name costs
    the same argon2 work as a wrong password and timing does not tell which names exist.
    """
    return _hasher().hash(secrets.token_urlsafe(24))


def lockout_seconds(failures: int, threshold: int, first: float, longest: float) -> float:
    """How long sign-in stays refused after `failures` wrong passwords: 0 below the threshold, then doubling."""
    if failures < threshold:
        return 0.0
    return min(longest, first * 2 ** min(failures - threshold, 32))


@dataclass(frozen=True)
class SignInResult:
    ok: bool
    user: str | None = None
    retry_after: float = 0.0  # seconds, when refused because of too many failures

    @property
    def locked(self) -> bool:
        return self.retry_after > 0


class Authenticator:
    """Decides a sign-in: lockout first, then argon2 (always run, see `dummy_hash`), then the audit entry.

    Lockout state is read from the store's sign-in attempts, so it holds across
    restarts and server processes. Two attempts racing past the threshold at the
    same instant may both be checked; that bounds, not removes, the extra guesses.
    """

    def __init__(self, store: Store, settings: UISettings | None = None) -> None:
        self.store = store
        self.settings = settings or UISettings()
        dummy_hash()  # made now, so the first unknown name does not pay for it (a timing difference)

    def __call__(self, username: str, password: str) -> bool:
        return self.sign_in(username, password).ok

    def _wait(self, client: str | None, name: str) -> float:
        cfg, at = self.settings, now()
        since = at - timedelta(hours=cfg.sign_in_window_hours)
        keys = [({"user_name": name}, cfg.sign_in_max_failures)]
        if client:
            keys.append(({"client": client}, cfg.sign_in_max_failures_per_client))
        wait = 0.0
        for key, threshold in keys:
            f = self.store.sign_in_failures(since, **key)
            delay = lockout_seconds(f.count, threshold, cfg.sign_in_lockout_seconds, cfg.sign_in_lockout_max_seconds)
            if delay and f.last_at is not None:
                wait = max(wait, (f.last_at + timedelta(seconds=delay) - at).total_seconds())
        return wait

    def sign_in(self, username: str, password: str, client: str | None = None) -> SignInResult:
        name = (username or "").strip()
        wait = self._wait(client, name)
        if wait > 0:  # refused without checking the password: the right one is refused too
            self.store.record_sign_in(name, client, "locked")
            return SignInResult(False, retry_after=wait)
        user = self.store.get_user(name) if len(name) <= MAX_NAME else None
        usable = user is not None and user.active
        ok = verify_password(user.password_hash if usable else dummy_hash(), password or "") and usable
        self.store.record_sign_in(name, client, "ok" if ok else "failed")
        return SignInResult(ok, user.name if ok and user else None)


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
