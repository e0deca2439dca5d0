"""Each operation's review UI, built on its first request rather than when the server starts.

Building one operation's Gradio Blocks takes seconds (about as long as the default operation's), so a server
for fifty handlers that built them all at start-up would take minutes to answer at all. This ASGI middleware
sits in front of the server: a request under `/operations/<slug>/` goes to that operation's UI app, built
(in a worker thread, once, under a per-operation lock) and started (its Gradio lifespan: the queue) the first
time a member of it asks, and kept. Until then a request for it (from a stranger, or for a slug that is no
operation) goes on to the default operation's app, which answers it as it answers any unknown path: so
neither the answer nor the time a build takes tells a stranger which slugs exist, and only members can make
the server build a UI. Operations
created while the server runs are served without a restart. On shutdown every started UI app is stopped.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AsyncExitStack

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from review_ui.web_auth import COOKIE, OPERATIONS_PATH

# slug -> the operation's UI app (an ASGI app whose routes carry the full /operations/<slug> path), or None
BuildUI = Callable[[str], ASGIApp | None]
# (slug, session cookie) -> whether the session's user has a role in that operation
Admits = Callable[[str, str | None], bool]


class OperationUIs:
    def __init__(self, app: ASGIApp, build: BuildUI, admits: Admits) -> None:
        self.app = app
        self.build = build
        self.admits = admits
        self._apps: dict[str, ASGIApp] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._started = AsyncExitStack()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, self._stopping(receive), send)
            return
        slug = _slug(scope.get("path", ""))
        ui = await self._ui(slug, scope) if slug else None
        await (ui or self.app)(scope, receive, send)

    async def _ui(self, slug: str, scope: Scope) -> ASGIApp | None:
        """The operation's started UI app (its own gate decides from here on), or None."""
        if slug in self._apps:
            return self._apps[slug]
        if not await run_in_threadpool(self.admits, slug, HTTPConnection(scope).cookies.get(COOKIE)):
            return None
        async with self._locks.setdefault(slug, asyncio.Lock()):
            if slug not in self._apps:
                ui = await run_in_threadpool(self.build, slug)
                if ui is None:
                    return None  # not (yet) an operation: not remembered, so one created later is served
                lifespan = getattr(getattr(ui, "router", None), "lifespan_context", None)
                if lifespan is not None:
                    await self._started.enter_async_context(lifespan(ui))
                self._apps[slug] = ui
        return self._apps[slug]

    def _stopping(self, receive: Receive) -> Receive:
        """The server's lifespan messages, stopping the started UI apps when the shutdown message comes."""

        async def wrapped() -> Message:
            message = await receive()
            if message["type"] == "lifespan.shutdown":
                await self._started.aclose()
            return message

        return wrapped


def _slug(path: str) -> str | None:
    prefix = f"{OPERATIONS_PATH}/"
    if not path.startswith(prefix):
        return None
    slug = path[len(prefix):].split("/", 1)[0]
    return slug or None
