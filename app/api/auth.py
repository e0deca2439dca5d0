"""Token authentication and role checks for the REST API.

A token is `ap_` + 32 random bytes (URL-safe), shown once by `auditpack token
create`; the store keeps its sha256 only, so a copy of the database holds no
usable token. A request carries it as `Authorization: Bearer <token>`. The roles
and what each may do are the review UI's (`review_ui.auth.PERMISSIONS`), so a
reviewer may decide through the API exactly when they may in the UI. A refused
attempt is written to the audit log before the 403, as the UI does.
"""
from __future__ import annotations

import hashlib
import secrets

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.deps import get_services
from app.services import Services
from review_ui.auth import PermissionDenied, Session, session_for

TOKEN_PREFIX = "ap_"
MAX_TOKEN = 200  # longer than any token we issue: refused before hashing
bearer = HTTPBearer(auto_error=False, description="an API token from `auditpack token create USER`")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_session(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Session:
    """The user behind the request's token and their role; 401 without a valid token."""
    services = get_services(request)
    challenge = {"WWW-Authenticate": "Bearer"}
    if creds is None or not creds.credentials:
        raise HTTPException(401, "an API token is needed: Authorization: Bearer <token> "
                                 "(make one with `auditpack token create USER`)", headers=challenge)
    token = creds.credentials
    user = services.store.api_token_user(token_digest(token)) if len(token) <= MAX_TOKEN else None
    if user is None:
        raise HTTPException(401, "this token is unknown or revoked, or its user is disabled", headers=challenge)
    try:
        return session_for(services.store, user, allow_anonymous=False)
    except PermissionDenied as exc:
        raise HTTPException(401, str(exc), headers=challenge) from exc


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
