"""An operation's UI is built on a member's first request, once; strangers and unknown slugs never make a build and
get the default app's answer, so a slug's existence shows neither in the answer nor in the time it takes."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from app.api.operation_uis import OperationUIs
from review_ui.web_auth import COOKIE


def _app(text: str, path: str = "/{rest:path}") -> Starlette:
    return Starlette(routes=[Route(path, lambda request: PlainTextResponse(text))])


def _server(built: list[str], operations: set[str], members: dict[str, set[str]]) -> OperationUIs:
    def build(slug: str):
        if slug not in operations:
            return None
        built.append(slug)
        time.sleep(0.3)  # a Blocks build takes seconds: requests arriving meanwhile must wait for this one
        return _app(f"ui of {slug}")

    def admits(slug: str, cookie: str | None) -> bool:
        return slug in members.get(cookie or "", set())

    return OperationUIs(_app("default app"), build=build, admits=admits)


def test_only_a_member_makes_the_server_build_an_operations_ui_and_only_once():
    built: list[str] = []
    with TestClient(_server(built, {"acme", "beta"}, {"ana": {"acme"}})) as client:  # one event loop
        _member_builds_once(client, built)


def _member_builds_once(client: TestClient, built: list[str]) -> None:
    for cookie in (None, "ben"):  # nobody signed in, and a stranger: the default app answers; nothing is built
        client.cookies.clear()
        if cookie:
            client.cookies.set(COOKIE, cookie)
        assert client.get("/operations/acme/").text == "default app"
    assert built == []
    client.cookies.set(COOKIE, "ana")
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: client.get("/operations/acme/config").text, range(8)))
    assert answers == ["ui of acme"] * 8 and built == ["acme"]
    assert client.get("/operations/beta/").text == "default app"  # not hers
    assert client.get("/api/v1/me").text == "default app"  # everything else goes by


def test_a_slug_that_is_no_operation_yet_is_served_once_it_is_created():
    built: list[str] = []
    operations: set[str] = set()
    with TestClient(_server(built, operations, {"ana": {"acme"}})) as client:
        client.cookies.set(COOKIE, "ana")
        assert client.get("/operations/acme/").text == "default app"
        operations.add("acme")  # `auditpack operation create` while the server runs
        assert client.get("/operations/acme/").text == "ui of acme" and built == ["acme"]
