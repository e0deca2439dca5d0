"""Session fixtures shared by every test area.

`sample_small` is generated once per session by the project's own sample
generator; `pg_url` is a real PostgreSQL server started for the session.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from auditpack.store import Store

os.environ.setdefault("AUDITPACK_EMBEDDINGS", "hash")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.pop("AUDITPACK_DATABASE_URL", None)
os.environ.pop("AUDITPACK_CHROMA_URL", None)
os.environ.pop("AUDITPACK_BROKER_URL", None)
os.environ.pop("AUDITPACK_WORKSPACE", None)

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """Install AuditPack's plugins (the built-in stages) the way the CLI does, once per test process."""
    from app.plugins import install

    install()


@pytest.fixture(autouse=True)
def _no_kept_readers() -> Iterator[None]:
    """Reader pools a queued task kept (ingest/reader_pool.py) end with the test that started them, so the
    next test's monkeypatched reader is not answered by a reader forked before the patch."""
    yield
    from ingest.reader_pool import close_kept

    close_kept()


def _environment_file(path: str) -> bool:
    """What the environment writes into the tree by design: the virtualenv, bytecode, editable-install metadata."""
    parts = path.split("/")
    return parts[0] in (".venv", ".git", ".pytest_cache") or "__pycache__" in parts or parts[0].endswith(".egg-info")


def _loose_files() -> set[str]:
    """Untracked and ignored files in the repository (git's view), other than the environment's."""
    import subprocess

    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "-z"],
                         capture_output=True, text=True, cwd=REPO).stdout
    return {e[3:] for e in out.split("\0") if e[:2] in ("??", "!!") and not _environment_file(e[3:])}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config._loose_before = _loose_files()  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The test suite leaves no file in the repository tree: everything it writes goes to tmp_path."""
    before = getattr(session.config, "_loose_before", None)
    if before is None or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    left = sorted(_loose_files() - before)
    if left:
        session.config.get_terminal_writer().line(
            f"FAILED: the test suite left {len(left)} file(s) in the repository tree: {left[:10]}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

SHARED = REPO.parent / "shared"
REAL_DOCUMENTS = SHARED / "real-documents"
REGULATION_FILE = SHARED / "regulation" / "part205.jsonl"


@pytest.fixture(scope="session")
def sample_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sample.api import generate

    out = tmp_path_factory.mktemp("sample-small")
    generate(out, preset="small", seed=1)
    return out


@pytest.fixture
def tmp_workspace(tmp_path: Path):
    from auditpack.workspace import init_workspace

    return init_workspace(tmp_path / "ws", operation_name="Test Organics LLC")


@pytest.fixture
def store(tmp_workspace) -> Iterator[Store]:
    from auditpack.store import open_store

    s = open_store(tmp_workspace)
    yield s
    s.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    from tests.postgres_server import postgres_server

    try:
        with postgres_server() as url:
            yield url
    except RuntimeError as exc:
        if os.environ.get("CI"):
            raise  # CI installs PostgreSQL: a server that cannot start there is a failure, not a skip
        pytest.skip(f"no PostgreSQL server could be started: {exc}")


@pytest.fixture(scope="session")
def regulation_file() -> Path:
    if not REGULATION_FILE.exists():
        pytest.skip(f"regulation copy not found at {REGULATION_FILE} (../shared is absent)")
    return REGULATION_FILE


@pytest.fixture(scope="session")
def real_documents() -> Path:
    if not REAL_DOCUMENTS.exists():
        pytest.skip(f"real-world conformance documents not found at {REAL_DOCUMENTS} (../shared is absent)")
    return REAL_DOCUMENTS
