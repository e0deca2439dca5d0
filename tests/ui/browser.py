"""What the browser tests share: Debian's Chromium, where screenshots go, and a review UI served on loopback."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = shutil.which("chromium")
ARTIFACTS = Path(os.environ.get("AUDITPACK_ARTIFACTS") or Path(tempfile.gettempdir()) / "auditpack-artifacts") / "ui"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(services) -> Iterator[str]:  # noqa: ANN001 - app.services.Services
    """The review UI of `services` on a free loopback port; Gradio's temp-dir setting is restored after."""
    from review_ui.app import ReviewUI

    old_tmp = os.environ.get("GRADIO_TEMP_DIR")
    ui = ReviewUI(services)
    port = free_port()
    ui.launch(host="127.0.0.1", port=port, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        ui.blocks.close()
        if old_tmp is None:
            os.environ.pop("GRADIO_TEMP_DIR", None)
        else:
            os.environ["GRADIO_TEMP_DIR"] = old_tmp


def launch_chromium(playwright):  # noqa: ANN001, ANN201 - playwright's sync API objects
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def assert_fits(pg, screen: str) -> None:  # noqa: ANN001
    """Nothing on the page is wider than the window (issue 15: every screen fits at 1440x900 without
    scrolling sideways)."""
    width = pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{screen} scrolls sideways at {width[1]} px: {width}"


def shot(pg, name: str) -> None:  # noqa: ANN001
    pg.wait_for_timeout(400)  # let plots and images settle
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(pg, url: str, user: str, password: str, timeout: int = 60_000) -> None:  # noqa: ANN001 - a Page
    """Sign `user` in on `pg` (a page of its own browser context: its own cookies) and wait until signed in."""
    pg.set_default_timeout(timeout)
    pg.goto(url)
    pg.get_by_label("username").fill(user)
    pg.get_by_label("password").fill(password)
    pg.get_by_role("button", name="Login").click()
    pg.get_by_text("Signed in as").wait_for()

