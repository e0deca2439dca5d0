"""Sign-in under attack: lockout, unknown names, sessions, the event loop, routes without a session, refusals."""
from __future__ import annotations

import asyncio
import socket
from datetime import timedelta

import httpx
import pytest

from auditpack.settings import UISettings
from auditpack.store import access, base, open_store
from review_ui import actions, auth
from review_ui.auth import Authenticator, PermissionDenied, Session, dummy_hash
from review_ui.web_auth import COOKIE, WebSessions
from tests.ui.conftest import PASSWORD

STRICT = UISettings(sign_in_max_failures=3, sign_in_max_failures_per_client=6, sign_in_lockout_seconds=30,
                    sign_in_lockout_max_seconds=600)


def _later(monkeypatch, seconds: float) -> None:
    """Run the sign-in code and the store `seconds` from now (no sleeping in tests)."""
    for module in (auth, access):
        monkeypatch.setattr(module, "now", lambda: base.now() + timedelta(seconds=seconds))


def test_wrong_passwords_lock_the_name_and_the_right_one_is_refused_meanwhile(services, monkeypatch):
    a = Authenticator(services.store, STRICT)
    assert [a.sign_in("rita", "guess", "10.0.0.5").ok for _ in range(3)] == [False] * 3
    locked = a.sign_in("rita", PASSWORD, "10.0.0.6")  # even from another address
    assert not locked.ok and 0 < locked.retry_after <= 30
    assert [e.action for e in services.store.audit_log(entity_id="rita", limit=1)] == ["ui.sign_in_locked"]
    assert a.sign_in("rob", PASSWORD, "10.0.0.6").ok  # other names are not affected

    # the lockout survives a restart: a new store and authenticator over the same database still refuse
    other = open_store(services.workspace)
    try:
        assert Authenticator(other, STRICT).sign_in("rita", PASSWORD).locked
    finally:
        other.close()

    _later(monkeypatch, 31)  # the first lockout is over ...
    assert not a.sign_in("rita", "guess again").ok
    again = a.sign_in("rita", PASSWORD)  # ... but one more wrong password locks for twice as long
    assert again.locked and 30 < again.retry_after <= 60

    _later(monkeypatch, 31 + 61)
    assert a.sign_in("rita", PASSWORD).ok  # and a success clears the count
    assert not a.sign_in("rita", "typo").locked


def test_one_client_trying_many_names_is_locked_out(services):
    a = Authenticator(services.store, STRICT)
    for i in range(6):
        assert not a.sign_in(f"user{i}", "guess", "203.0.113.7").ok
    assert a.sign_in("ann", PASSWORD, "203.0.113.7").locked
    assert a.sign_in("ann", PASSWORD, "198.51.100.1").ok


def test_unknown_and_disabled_names_cost_the_same_argon2_check(services, monkeypatch):
    calls = []
    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda h, p: calls.append(h) or real(h, p))
    a = Authenticator(services.store)
    assert not a.sign_in("nobody-here", PASSWORD).ok
    assert not a.sign_in("n" * 5000, PASSWORD).ok
    services.store.disable_user("sam")
    assert not a.sign_in("sam", PASSWORD).ok
    assert calls == [dummy_hash()] * 3
    assert not real(dummy_hash(), PASSWORD) and not real(dummy_hash(), "")


def test_a_session_ends_with_a_password_reset_a_disable_idle_time_or_age(services, password_hash, monkeypatch):
    web = WebSessions(services.store, UISettings(session_idle_minutes=30, session_max_hours=8))
    token = web.open("rita", "10.0.0.5")
    assert web.user(token) == "rita"
    services.store.add_user("rita", "reviewer", password_hash, actor="ann")  # reset
    assert web.user(token) is None
    assert web.user(web.open("rita", None)) == "rita"  # a new sign-in works

    sam = web.open("sam", None)
    services.store.disable_user("sam", actor="ann")
    assert web.user(sam) is None

    idle = web.open("rob", None)
    _later(monkeypatch, 31 * 60)
    assert web.user(idle) is None

    busy = web.open("ann", None)
    for minutes in range(20, 8 * 60, 20):  # used every 20 minutes, yet it ends 8 hours after sign-in
        _later(monkeypatch, minutes * 60)
        assert web.user(busy) == "ann"
    _later(monkeypatch, (8 * 60 + 10) * 60)
    assert web.user(busy) is None
    assert web.user("not-a-token") is None and web.user("x" * 10_000) is None


def test_the_password_check_runs_off_the_event_loop(services, monkeypatch):
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    web = WebSessions(services.store, UISettings())
    seen = []
    real = web.authenticator.sign_in

    def spy(*args):
        try:
            asyncio.get_running_loop()
            seen.append("event loop")
        except RuntimeError:
            seen.append("worker thread")
        return real(*args)

    monkeypatch.setattr(web.authenticator, "sign_in", spy)
    with TestClient(Starlette(routes=web.routes())) as client:
        r = client.post("/login", data={"username": "ann", "password": PASSWORD, "next": "/"},
                        follow_redirects=False)
    assert r.status_code == 303 and COOKIE in r.cookies
    assert seen == ["worker thread"]


@pytest.mark.parametrize("user,action", [("sam", "decide"), ("ivan", "upload"), ("rita", "generate")])
def test_refused_actions_leave_an_audit_row(services, seeded, user, action):
    session = Session(user, services.store.get_user(user).role)
    with pytest.raises(PermissionDenied):
        if action == "decide":
            actions.decide(services, session, seeded["findings"][0].id, "dismiss", None, reason="x")
        elif action == "upload":
            actions.upload(services, session, [])
        else:
            actions.require(services, session, "generate", "package")
    entry = [e for e in services.store.audit_log(limit=5) if e.action == "ui.refused"][0]
    assert (entry.actor, entry.after["action"], entry.after["role"]) == (user, action, session.role)


# --- the running app: nothing answers without a session ---

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from app.services import Services
    from auditpack.workspace import init_workspace
    from review_ui.app import ReviewUI
    from review_ui.auth import hash_password

    ws = init_workspace(tmp_path_factory.mktemp("auth") / "ws", operation_name="Secret Farms LLC")
    store = open_store(ws)
    store.add_user("ann", "admin", hash_password(PASSWORD))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ui = ReviewUI(Services(ws, store))
    ui.launch(host="127.0.0.1", port=port, block=False, quiet=True)
    yield f"http://127.0.0.1:{port}", ui, store
    ui.blocks.close()
    store.close()


def _routes(routes):
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's include_router keeps the APIRouter
        yield from _routes(included.routes) if included is not None else [route]


def _paths(ui) -> list[tuple[str, str]]:
    """Every route the running app serves, path parameters filled with a plausible value."""
    out = []
    for route in _routes(ui.blocks.app.routes):
        path = getattr(route, "path", "")
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method != "HEAD" and path not in ("/login", "/logout"):
                out.append((method, path.replace("{path:path}", "x.js").replace("{", "").replace("}", "")))
    return out


def test_no_route_answers_without_a_session(server):
    url, ui, _ = server
    paths = _paths(ui)
    assert ("GET", "/manifest.json") in paths and len(paths) > 40
    with httpx.Client(base_url=url, timeout=30) as c:
        answered = {}
        for method, path in paths:
            r = c.request(method, path)
            if r.status_code not in (401, 303):
                answered[f"{method} {path}"] = r.status_code
            assert "Secret Farms" not in r.text
        page = c.get("/", headers={"accept": "text/html"})
    assert answered == {"GET /gradio_api/startup-events": 200}
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/"


def test_signed_in_the_manifest_and_config_answer_and_sign_out_ends_it(server):
    url, _, store = server
    with httpx.Client(base_url=url, timeout=30) as c:
        assert c.post("/login", data={"username": "ann", "password": "wrong", "next": "/"}).status_code == 401
        r = c.post("/login", data={"username": "ann", "password": PASSWORD, "next": "//evil.example/x"})
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert "Secret Farms" in c.get("/manifest.json").text
        assert c.get("/config").json()["username"] == "ann"  # what gr.Request.username carries to the handlers
        assert store.open_ui_sessions("ann") >= 1
        c.get("/logout")
        c.cookies.clear()
    assert store.open_ui_sessions("ann") == 0
