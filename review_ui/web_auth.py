"""Sign-in for the web app: a store-backed cookie session and a gate in front of every route.

Why not Gradio's built-in `launch(auth=...)`: its sessions live in one
process's memory (`App.tokens`), never expire, survive a password change, and
its `/login` route calls a plain auth function on the event loop, so argon2
stalls every other user. Gradio's documented hook for outside sign-in,
`auth_dependency` (a function from the request to a user name), lets AuditPack
own the session instead: `SignInGate` (ASGI middleware, passed to FastAPI
through `launch(app_kwargs=...)`) refuses every request without a valid
session before Gradio sees it, including `/manifest.json`, files and the API;
our `/login` and `/logout` routes are listed first, ahead of Gradio's own.
Sessions are rows in the store (token sha256 only), so they end on sign-out,
password change, disable, idle time or age, in every server process.

One server may serve many operations: each operation's UI is its own Gradio app
over that operation's services, mounted at `/operations/<slug>/` (the default
operation at `/`), each behind a `SignInGate` with its `OperationGate`. The
session (one cookie, the accounts store) is the same everywhere; what differs is
the question every gate asks the registry: the user's role in *this* operation.
None answers 404, whatever the path (pages, Gradio's API, files, thumbnails), as
for an operation that does not exist. `/` remembers the operation last chosen in
the switcher (a cookie naming it; the membership is checked all the same).
"""
from __future__ import annotations

import hashlib
import html
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from auditpack.settings import UISettings
from auditpack.store import MemberDirectory, OperationRegistry, Store
from auditpack.workspace import DEFAULT_OPERATION
from review_ui.auth import Authenticator

COOKIE = "auditpack_session"
OPERATION_COOKIE = "auditpack_operation"  # the operation last chosen in the switcher: a preference, not a right
OPERATIONS_PATH = "/operations"
USER_KEY = "auditpack.user"  # where the gate leaves the signed-in name in the ASGI scope
# Reachable without a session: the sign-in page itself, and the startup call Gradio's launch() makes to itself.
OPEN_PATHS = frozenset({"/login", "/logout", "/gradio_api/startup-events"})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _client(conn: HTTPConnection) -> str | None:
    """The peer address (behind a reverse proxy this is the proxy; see the README's security notes)."""
    return conn.client.host if conn.client else None


def operation_path(slug: str) -> str:
    """Where an operation's review UI is mounted."""
    return "/" if slug == DEFAULT_OPERATION else f"{OPERATIONS_PATH}/{slug}/"


@dataclass(frozen=True)
class OperationGate:
    """Which operation a mounted UI serves, and the one rule of who may open it (the registry's `role`)."""

    accounts: Store
    slug: str = DEFAULT_OPERATION
    default_name: str = "this workspace"

    @property
    def registry(self) -> OperationRegistry:
        return OperationRegistry.of(self.accounts)

    @property
    def path(self) -> str:
        return operation_path(self.slug)

    def role(self, user: str | None) -> str | None:
        return self.registry.role(self.slug, user)

    def directory(self) -> MemberDirectory:
        """The users of this operation with their role here (what `session_for` looks users up in)."""
        return MemberDirectory(self.registry, self.accounts, self.slug)

    def choices(self, user: str | None) -> list[tuple[str, str]]:
        """(name, slug) of every operation `user` may open, the default first: the switcher's entries."""
        if not user:
            return []
        registry = self.registry
        names = {o.slug: o.name for o in registry.list()} | {DEFAULT_OPERATION: self.default_name or "default"}
        return [(names.get(m.operation, m.operation), m.operation) for m in registry.memberships(user)]


class WebSessions:
    """Sessions of the review UI, kept in the store; every store call here runs in a worker thread."""

    def __init__(self, store: Store, settings: UISettings, gate: OperationGate | None = None) -> None:
        self.store = store
        self.settings = settings
        self.authenticator = Authenticator(store, settings)
        self.gate = gate or OperationGate(store)

    def user(self, token: str | None) -> str | None:
        if not token or len(token) > 100:
            return None
        return self.store.ui_session_user(_digest(token), timedelta(minutes=self.settings.session_idle_minutes),
                                          timedelta(hours=self.settings.session_max_hours))

    def open(self, user: str, client: str | None) -> str:
        token = secrets.token_urlsafe(32)
        self.store.open_ui_session(_digest(token), user, client)
        return token

    def end(self, token: str | None) -> None:
        if token and len(token) <= 100:
            self.store.end_ui_session(_digest(token))

    # --- routes ---
    async def login_page(self, request: Request) -> Response:
        return _page(_safe_next(request.query_params.get("next")))

    async def login(self, request: Request) -> Response:
        form = await request.form()
        target = _safe_next(str(form.get("next") or "/"))
        client = _client(request)
        # argon2 and the store are blocking: off the event loop, so other users' pages keep answering.
        result = await run_in_threadpool(self.authenticator.sign_in, str(form.get("username") or ""),
                                         str(form.get("password") or ""), client)
        if result.locked:
            wait = int(result.retry_after) + 1
            return _page(target, f"Too many failed sign-ins: try again in {wait} seconds.", 429,
                         {"Retry-After": str(wait)})
        if not result.ok or result.user is None:
            return _page(target, "Incorrect user name or password.", 401)
        token = await run_in_threadpool(self.open, result.user, client)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="lax", path="/",
                            secure=request.url.scheme == "https")
        return response

    async def logout(self, request: Request) -> Response:
        await run_in_threadpool(self.end, request.cookies.get(COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    def routes(self) -> list[Route]:
        return [Route("/login", self.login_page, methods=["GET"]), Route("/login", self.login, methods=["POST"]),
                Route("/logout", self.logout, methods=["GET", "POST"])]


def current_user(request: Request) -> str | None:
    """Gradio's `auth_dependency`: the name `SignInGate` found for this request (`gr.Request.username`)."""
    return request.scope.get(USER_KEY)


class SignInGate:
    """ASGI middleware: no session, no answer (a redirect to /login for pages, 401 for everything else)."""

    def __init__(self, app: ASGIApp, sessions: WebSessions) -> None:
        self.app = app
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or _route_path(scope) in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        user = await run_in_threadpool(self.sessions.user, conn.cookies.get(COOKIE))
        if user is not None:
            elsewhere = await run_in_threadpool(self._elsewhere, scope, conn, user)
            if elsewhere is not None:
                await elsewhere(scope, receive, send)
                return
            scope[USER_KEY] = user
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope.get("method") == "GET" and "text/html" in conn.headers.get("accept", ""):
            url = URL(scope=scope)
            here = url.path + (f"?{url.query}" if url.query else "")
            response: Response = RedirectResponse(f"/login?next={quote(here, safe='/')}", status_code=303)
        else:
            response = JSONResponse({"detail": "sign in first"}, status_code=401)
        response.delete_cookie(COOKIE, path="/")
        await response(scope, receive, send)


    def _elsewhere(self, scope: Scope, conn: HTTPConnection, user: str) -> Response | None:
        """None to let the request through; else where it goes instead: the remembered operation's page for `/`,
        a 404 for any path of an operation the user may not open (the same answer as for no such operation)."""
        gate = self.sessions.gate
        member = gate.role(user) is not None
        wanted = conn.cookies.get(OPERATION_COOKIE)
        if _route_path(scope) == "/" and scope.get("method") == "GET" and gate.slug == DEFAULT_OPERATION:
            slugs = [slug for _, slug in gate.choices(user)]
            target = wanted if wanted in slugs and wanted != gate.slug else None if member else next(iter(slugs), None)
            if target is not None:
                return RedirectResponse(operation_path(target), status_code=303)
        if member:
            return None
        if scope["type"] == "websocket":
            return _CloseWebsocket()
        return JSONResponse({"detail": "Not Found"}, status_code=404)


class _CloseWebsocket:
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "websocket.close", "code": 1008})


def _route_path(scope: Scope) -> str:
    """The path inside the mounted app (Starlette keeps the full path and the mount point in root_path)."""
    path, root = scope["path"], scope.get("root_path", "")
    return (path[len(root):] or "/") if root and path.startswith(root) else path


def _safe_next(target: str | None) -> str:
    """Only a path on this server: `//evil.example` or `https://...` would turn sign-in into a redirector."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _page(target: str, error: str = "", status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    message = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    return HTMLResponse(LOGIN_HTML.format(next=html.escape(target, quote=True), message=message),
                        status_code=status, headers=headers)


LOGIN_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>AuditPack: sign in</title>
<style>
body{{font-family:system-ui,sans-serif;background:#f5f6f4;display:flex;justify-content:center;padding-top:12vh}}
form{{background:#fff;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 1px 4px #0002;min-width:18rem}}
label{{display:block;margin:.8rem 0 .3rem}} input{{width:100%;padding:.5rem;box-sizing:border-box}}
button{{margin-top:1.2rem;width:100%;padding:.6rem;background:#2f6b3a;color:#fff;border:0;border-radius:4px}}
.error{{color:#a3231b}}
</style></head>
<body><form method="post" action="/login">
<h1>AuditPack</h1><p>Sign in with the account your administrator created.</p>{message}
<input type="hidden" name="next" value="{next}">
<label for="username">username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Login</button>
</form></body></html>
"""
