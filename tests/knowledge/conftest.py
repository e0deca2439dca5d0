"""Knowledge tests use the hash embedding (set by the root conftest) unless marked slow."""
from __future__ import annotations

from datetime import date

import pytest

from knowledge.checks import CheckContext
from knowledge.runner import run_rules


@pytest.fixture
def ctx() -> CheckContext:
    return CheckContext(as_of=date(2026, 3, 31), as_of_explicit=True)


@pytest.fixture
def run(ctx):
    """run(records, rule_id=None) -> findings of one rule (or all rules)."""

    def _run(records, rule_id: str | None = None):
        return run_rules(records, ctx, [rule_id] if rule_id else None)

    return _run
