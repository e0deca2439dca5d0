"""bench/ui_tabs.py calls the review UI's own handlers, found by name in the built Blocks: if a tab's handler
is renamed or removed, the bench would time nothing. This checks, without timing anything, that every handler
it calls is there in a freshly built UI, and that the script's --help runs and documents its options."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_help_lists_the_options():
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "ui_tabs.py"), "--help"], capture_output=True,
                          text=True, check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    for option in ("--preset", "--keep", "--certifier", "--regulation", "--no-cli"):
        assert option in proc.stdout


def test_every_handler_the_bench_calls_is_in_the_built_ui(tmp_path):
    sys.path.insert(0, str(REPO))
    from app.plugins import install
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from bench.ui_tabs import NEEDED, handlers, missing_handlers
    from review_ui.app import ReviewUI

    install()
    ws = init_workspace(tmp_path / "ws", operation_name="Bench test")
    store = open_store(ws)
    try:
        found = handlers(ReviewUI(Services(ws, store)).build())
    finally:
        store.close()
    assert missing_handlers(found) == []
    assert all(len(found[key]) == (2 if key == ("records", "go") else 1) for key in NEEDED)
