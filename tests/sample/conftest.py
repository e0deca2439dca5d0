"""Fixtures for the sample generator tests: the session's small sample and its truth."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def truth(sample_small: Path) -> dict:
    return json.loads((sample_small / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def docs_by_file(truth: dict) -> dict[str, dict]:
    return {d["file"]: d for d in truth["documents"]}


def records_of(truth: dict, kind: str) -> list[tuple[dict, dict]]:
    """(document, record) pairs of one record kind."""
    return [(d, r) for d in truth["documents"] for r in d["records"] if r["kind"] == kind]
