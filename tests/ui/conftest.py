"""Fixtures for the review UI tests: a seeded workspace with one user per role."""
from __future__ import annotations

import pytest

from review_ui.auth import hash_password
from app.services import Services
from tests.ui.seed import seed

PASSWORD = "correct horse battery"
USERS = {"ann": "admin", "rita": "reviewer", "rob": "reviewer", "sam": "staff", "ivan": "inspector",
         "mia": "manager"}


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)  # argon2 is slow on purpose: hash once per session


@pytest.fixture
def services(tmp_workspace, store, password_hash) -> Services:
    for name, role in USERS.items():
        store.add_user(name, role, password_hash)
    return Services(tmp_workspace, store)


@pytest.fixture
def seeded(services) -> dict:
    return seed(services.workspace, services.store)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per browser-test module (Playwright driving Debian's chromium package)."""
    from tests.ui.browser import CHROMIUM, launch_chromium

    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium): the browser test needs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()
