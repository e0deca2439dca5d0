"""One server for both: the API under /api/v1 with tokens, the review UI at / behind its sign-in gate."""
from __future__ import annotations

import pytest

from tests.api.conftest import PASSWORD, add_users, bearer


@pytest.fixture
def server(tmp_workspace):
    from fastapi.testclient import TestClient

    from app.api.server import build_server
    from app.queue import EmbeddedQueue
    from app.services import Services
    from auditpack.store import open_store

    store = open_store(tmp_workspace)
    tokens = add_users(store)
    services = Services(tmp_workspace, store)
    queue = EmbeddedQueue(services)
    with TestClient(build_server(services, queue), follow_redirects=False) as client:
        yield client, tokens
    queue.close()
    store.close()


def test_ui_is_mounted_and_still_gated(server):
    client, tokens = server
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/config").status_code == 401
    assert client.get("/gradio_api/info").status_code == 401
    # an API token is not a UI session
    assert client.get("/", headers={"Accept": "text/html", **bearer(tokens["ann"])}).status_code == 303
    # ... while the API answers to it, and the UI's gate is not in the API's way
    assert client.get("/api/v1/me", headers=bearer(tokens["ann"])).json()["role"] == "admin"
    assert client.get("/api/v1/openapi.json").status_code == 200

    assert client.post("/login", data={"username": "ann", "password": "wrong password"}).status_code == 401
    signed = client.post("/login", data={"username": "ann", "password": PASSWORD, "next": "/"})
    assert signed.status_code == 303
    ui = client.get("/", headers={"Accept": "text/html"})
    assert ui.status_code == 200 and "AuditPack" in ui.text
    assert client.get("/config").status_code == 200
    # a UI session is not an API token
    assert client.get("/api/v1/me").status_code == 401
