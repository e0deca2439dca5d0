"""The operation switcher in a real browser: each operation's UI works under its own path, a consultant switches
between the two operations they belong to, `/` remembers the choice, and a foreign operation's page is a 404."""
from __future__ import annotations

import threading
import time

import pytest

from tests.api.operations_seed import PASSWORD, seed_server
from tests.ui.browser import CHROMIUM, free_port, launch_chromium, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium): the browser test needs it")
    import uvicorn

    from app.api.server import build_server
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    ws = init_workspace(tmp_path_factory.mktemp("ops-browser") / "ws", operation_name="Home Farm LLC")
    accounts = open_store(ws)
    _, _, hub = seed_server(ws, accounts)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_server(hub.default.services, hub.default.queue, hub=hub),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    hub.close()
    hub.default.queue.close()
    accounts.close()


def test_a_consultant_switches_operations_and_a_stranger_finds_nothing(url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        pg = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
        pg.set_default_timeout(TIMEOUT)
        pg.goto(f"{url}/")
        pg.get_by_label("username").fill("cat")
        pg.get_by_label("password").fill(PASSWORD)
        pg.get_by_role("button", name="Login").click()
        pg.get_by_text("Signed in as").wait_for()
        assert pg.url.endswith("/operations/acme/")  # not a member of the default: her first operation
        assert "Acme Mills" in pg.title() and "reviewer" in pg.locator("#ap-who").inner_text()
        shot(pg, "ops-01-acme")

        pg.locator("#ap-operation input").click()
        pg.get_by_role("option", name="Beta Bakery Inc").click()
        pg.wait_for_url("**/operations/beta/")
        pg.get_by_text("Signed in as").wait_for()
        assert "Beta Bakery" in pg.title() and "manager" in pg.locator("#ap-who").inner_text()
        shot(pg, "ops-02-beta")
        pg.goto(f"{url}/")
        pg.wait_for_url("**/operations/beta/")  # `/` remembers the last choice

        stranger = browser.new_context().new_page()
        stranger.set_default_timeout(TIMEOUT)
        stranger.goto(f"{url}/")
        stranger.get_by_label("username").fill("ana")
        stranger.get_by_label("password").fill(PASSWORD)
        stranger.get_by_role("button", name="Login").click()
        stranger.get_by_text("Signed in as").wait_for()
        assert stranger.url.endswith("/operations/acme/")
        assert stranger.locator("#ap-operation").is_hidden()  # one operation: no switcher
        assert stranger.goto(f"{url}/operations/beta/").status == 404
        browser.close()
