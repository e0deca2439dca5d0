"""Gap checks: pure functions `check(records, context) -> list[Finding]`, one per rule id.

Each module marks its functions with `@rule(ID)`; `knowledge.plugin` registers them through the
`auditpack_rules` hook, the same way a third-party plugin adds its own.
"""
from knowledge.checks.registry import CheckContext, Rule, requirements, rule, rules

__all__ = ["CheckContext", "Rule", "requirements", "rule", "rules"]
