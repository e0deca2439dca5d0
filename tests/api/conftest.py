"""Fixtures for the REST API: a workspace with users and tokens, a client over the embedded queue."""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

ROLES = {"ann": "admin", "rita": "reviewer", "ivan": "inspector", "sam": "staff"}
PASSWORD = "correct horse battery"


def make_token(store: Any, user: str) -> str:
    from app.api.auth import new_token, token_digest

    token = new_token()
    store.create_api_token(user, token_digest(token), "test", actor="test")
    return token


def add_users(store: Any) -> dict[str, str]:
    """The users of ROLES (one password) and a token for each."""
    from review_ui.auth import hash_password

    password_hash = hash_password(PASSWORD)
    for name, role in ROLES.items():
        store.add_user(name, role, password_hash, actor="test")
    return {name: make_token(store, name) for name in ROLES}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_job(client: Any, token: str, job_id: str, deadline_s: float = 240) -> dict:
    """Poll GET /jobs/{id} until every item is done (the deadline only stops a hung test)."""
    end = time.monotonic() + deadline_s
    while True:
        job = client.get(f"/api/v1/jobs/{job_id}", headers=bearer(token)).json()
        if job["state"] == "done":
            return job
        if time.monotonic() > end:
            raise AssertionError(f"job {job_id} not done: {job['done']}/{job['total']}")
        time.sleep(0.2)


@pytest.fixture
def api(tmp_workspace) -> Iterator[tuple[Any, dict[str, str], Any]]:
    """(TestClient of the API alone, tokens by user, services) on the embedded queue and SQLite."""
    from fastapi.testclient import TestClient

    from app.api.app import create_app
    from app.queue import EmbeddedQueue
    from app.services import Services
    from auditpack.store import open_store

    store = open_store(tmp_workspace)
    tokens = add_users(store)
    services = Services(tmp_workspace, store)
    queue = EmbeddedQueue(services)
    with TestClient(create_app(services, queue)) as client:
        yield client, tokens, services
    queue.close()
    store.close()
