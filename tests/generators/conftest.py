"""Module-scoped packages: LibreOffice starts once per test module, not per test."""
from __future__ import annotations

import os

import pytest

from tests.generators.fixtures import populate


@pytest.fixture(scope="module")
def operation(tmp_path_factory):
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    root = tmp_path_factory.mktemp("genws")
    ws = init_workspace(root / "ws", operation_name="Test Organics LLC")
    store = open_store(ws)
    info = populate(ws, store)
    yield ws, store, info
    store.close()


@pytest.fixture(scope="module")
def no_soffice_skip():
    import shutil

    if not shutil.which("soffice") and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed")
