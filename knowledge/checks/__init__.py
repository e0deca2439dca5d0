"""Gap checks: pure functions `check(records, context) -> list[Finding]`, one per rule id.

Importing this package registers every check (each module decorates its
functions with `@rule`), so the registry is complete wherever it is used.
"""
from knowledge.checks import certificates, cleaning, invoices, osp, pest, products, tracing  # noqa: F401
from knowledge.checks.registry import REGISTRY, CheckContext, rule

__all__ = ["REGISTRY", "CheckContext", "rule"]
