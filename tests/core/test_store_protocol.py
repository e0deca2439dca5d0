"""`SqlStore` is a `Store`: same method names, same signatures; every protocol method is documented.

Stages are typed against the protocol, so a method missing from `SqlStore`, one
with other parameters or other types, or a public `SqlStore` method callers use
without the protocol listing it, fails here rather than at run time.
"""
from __future__ import annotations

import inspect

import pytest

from auditpack.store import SqlStore, Store, open_store

# Public on SqlStore but tied to SQLAlchemy, so not part of the interface.
SQL_ONLY = {"connect", "open", "transaction"}


def _methods(cls: type) -> set[str]:
    return {n for n, v in inspect.getmembers(cls, callable) if not n.startswith("_")}


PROTOCOL_METHODS = sorted(_methods(Store))


def test_protocol_lists_the_store_methods() -> None:
    assert "records" in PROTOCOL_METHODS and "close" in PROTOCOL_METHODS
    assert _methods(Store) <= _methods(SqlStore), "protocol methods SqlStore does not implement"
    assert _methods(SqlStore) - SQL_ONLY <= _methods(Store), "public SqlStore methods missing from the protocol"


@pytest.mark.parametrize("name", PROTOCOL_METHODS)
def test_sql_store_signature_matches_the_protocol(name: str) -> None:
    want = inspect.signature(getattr(Store, name), eval_str=True)
    got = inspect.signature(getattr(SqlStore, name), eval_str=True)
    assert got == want, f"SqlStore.{name}{got} != Store.{name}{want}"


@pytest.mark.parametrize("name", PROTOCOL_METHODS)
def test_every_protocol_method_is_documented(name: str) -> None:
    doc = inspect.getdoc(getattr(Store, name)) or ""
    assert doc.strip(), f"Store.{name} has no docstring"


def test_open_store_gives_a_sql_store(tmp_workspace) -> None:
    store = open_store(tmp_workspace)
    try:
        assert isinstance(store, SqlStore)
        assert store.records() == []
    finally:
        store.close()
