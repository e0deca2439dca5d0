"""The knowledge stage's built-in rules, registered through the hook a third-party rule plugin uses."""
from __future__ import annotations

from typing import TYPE_CHECKING

from auditpack.plugins import hookimpl

if TYPE_CHECKING:  # the rule registry loads with the rules, when checks run, not at every command's start
    from knowledge.checks.registry import Rule


@hookimpl
def auditpack_rules() -> list[Rule]:
    from knowledge.checks import certificates, cleaning, invoices, osp, pest, products, tracing
    from knowledge.checks.registry import Rule

    modules = (certificates, cleaning, invoices, osp, pest, products, tracing)
    return [Rule(fn.rule_id, fn) for module in modules for fn in vars(module).values()
            if callable(fn) and getattr(fn, "__module__", None) == module.__name__ and hasattr(fn, "rule_id")]
