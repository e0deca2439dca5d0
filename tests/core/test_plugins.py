"""One way to extend: the example plugin in tests/example_plugin adds a rule, a certifier profile and kind
labels through the same hooks the built-in stages use, loaded from a real entry point."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from auditpack.records import Invoice, SourceRef

EXAMPLE = Path(__file__).resolve().parents[1] / "example_plugin"


@pytest.fixture
def example_installed():
    """The example plugin registered after the built-ins, as an entry point would be; restored afterwards."""
    sys.path.insert(0, str(EXAMPLE))
    import auditpack_example

    from app.plugins import install

    install(extra=[auditpack_example], entry_points=False)
    yield auditpack_example
    install()
    sys.path.remove(str(EXAMPLE))


def _invoice(number: str, po: str | None) -> Invoice:
    src = SourceRef(document_sha256="0" * 64, filename=f"{number}.pdf", page=1)
    return Invoice(id=f"invoice:{number}", source=src, invoice_number=number, po_number=po, supplier_name="Acme")


def test_a_plugin_rule_runs_with_its_own_catalog_entry(example_installed):
    from knowledge.checks import rules
    from knowledge.runner import build_context, run_rules

    assert "EX-INVOICE-NO-PO" in rules()
    findings = run_rules([_invoice("A-1", None), _invoice("A-2", "PO-9")], build_context(None, None, [], date(2026, 6, 1)),
                         rule_ids=["EX-INVOICE-NO-PO"])
    assert [(f.subject.key, f.severity, f.citations) for f in findings] == [("A-1", "minor", ["7 CFR 205.103(b)(2)"])]


def test_without_the_plugin_its_rule_is_absent():
    from knowledge.checks import rules

    assert "EX-INVOICE-NO-PO" not in rules() and "CERT-MISSING" in rules()


def test_a_plugin_certifier_profile_is_listed_and_builds_its_sections(example_installed):
    from generators.api import list_profiles
    from generators.profiles import get_profile

    assert "example-cert" in {p.id for p in list_profiles()}
    profile = get_profile("example-cert")
    assert profile.name == "Example Certifier (plugin)" and profile.package_sections[0].id == "cover"


def test_a_plugin_teaches_a_kind_new_labels_as_data(example_installed):
    from auditpack.declarations import declarations

    invoice = declarations()["invoice"]
    assert "fakturanummer" in invoice.all_labels("invoice_number") and "faktura" in invoice.names["sv"]
    assert "Invoice Number" in invoice.all_labels("invoice_number")  # the built-in labels are kept


def test_a_rule_id_registered_twice_is_refused():
    from app.plugins import install
    from auditpack.plugins import hookimpl
    from knowledge.checks import Rule, rules
    from knowledge.errors import RuleRegistrationError

    class Duplicate:
        @hookimpl
        def auditpack_rules(self) -> list[Rule]:
            return [Rule("CERT-MISSING", lambda records, ctx: [])]

    install(extra=[Duplicate()], entry_points=False)
    try:
        with pytest.raises(RuleRegistrationError, match="CERT-MISSING: registered twice"):
            rules()
    finally:
        install()


def test_the_example_plugin_loads_from_an_entry_point(tmp_path: Path):
    """A real distribution's entry point (a dist-info folder on sys.path), in a fresh process."""
    dist = tmp_path / "auditpack_example-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: auditpack-example\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[auditpack]\nexample = auditpack_example\n")
    script = ("import json; from app.plugins import install; install()\n"
              "from knowledge.checks import rules; from generators.api import list_profiles\n"
              "print(json.dumps({'rules': sorted(rules()), 'profiles': sorted(p.id for p in list_profiles())}))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(EXAMPLE)])}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert "EX-INVOICE-NO-PO" in got["rules"] and "CERT-MISSING" in got["rules"]
    assert "example-cert" in got["profiles"] and "generic-nop" in got["profiles"]


def test_a_stage_used_before_the_plugins_are_installed_says_so():
    script = "from ingest.parsers import parsers; parsers()"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "call app.plugins.install()" in out.stderr
