"""Token authentication and role checks for the REST API.

A token is `ap_` + 32 random bytes (URL-safe), shown once by `auditpack token
create`; the store keeps its sha256 only, so a copy of the database holds no
usable token. A request carries it as `Authorization: Bearer <token>`. The roles
and what each may do are the review UI's (`review_ui.auth.PERMISSIONS`), so a
reviewer may decide through the API exactly when they may in the UI. A refused
attempt is written to the audit log before the 403, as the UI does.

Tokens belong to server accounts (the default operation's store); which
operation a request works on is its path (`/api/v1/operations/{operation}/...`,
plain `/api/v1/...` is the default operation). `operation_context` is the ONE
dependency that turns a request into (operation services, session): every
route's `current_session`, `get_services` and `get_queue` go through it, and an
unknown operation and one the user is no member of are the same 404.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.operations import OperationHub, OperationScope
from app.services import Services
from auditpack.workspace import DEFAULT_OPERATION
from review_ui.auth import PermissionDenied, Session

TOKEN_PREFIX = "ap_"
MAX_TOKEN = 200  # longer than any token we issue: refused before hashing
bearer = HTTPBearer(auto_error=False, description="an API token from `auditpack token create USER`")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class OperationContext:
    """A request's operation (its services and queue) and who acts in it, with their role there."""

    scope: OperationScope
    session: Session


def get_hub(request: Request) -> OperationHub:
    return request.app.state.operations


def token_user(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
    """The active user behind the request's token; 401 without a valid token."""
    accounts = get_hub(request).accounts
    challenge = {"WWW-Authenticate": "Bearer"}
    if creds is None or not creds.credentials:
        raise HTTPException(401, "an API token is needed: Authorization: Bearer <token> "
                                 "(make one with `auditpack token create USER`)", headers=challenge)
    token = creds.credentials
    user = accounts.api_token_user(token_digest(token)) if len(token) <= MAX_TOKEN else None
    if user is None:
        raise HTTPException(401, "this token is unknown or revoked, or its user is disabled", headers=challenge)
    return user


def operation_context(request: Request, user: str = Depends(token_user)) -> OperationContext:
    """The one place a request meets its operation: the path names it, the registry gives the user's role in
    it, and only then are that operation's services handed out. No role there: 404, as for no such operation."""
    hub = get_hub(request)
    slug = request.path_params.get("operation", DEFAULT_OPERATION)
    role = hub.role(slug, user)
    if role is None:
        raise HTTPException(404, f"no operation {slug!r} for {user}")
    return OperationContext(hub.scope(slug), Session(user, role))


def current_session(context: OperationContext = Depends(operation_context)) -> Session:
    """The user behind the request's token and their role in the request's operation."""
    return context.session


def require(services: Services, session: Session, action: str, entity_kind: str, entity_id: str = "") -> None:
    """Refuse (403) what the role may not do, leaving an audit row that says who tried what."""
    if session.can(action):
        return
    services.store.log(session.user, "api.refused", entity_kind, entity_id or action,
                       after={"action": action, "role": session.role})
    try:
        session.require(action)
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
