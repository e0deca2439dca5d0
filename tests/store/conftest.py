"""The store on SQLite and on a real PostgreSQL server: the same `any_store` fixture as tests/core."""
from tests.core.conftest import any_store  # noqa: F401 - a fixture, found by pytest through this import
