"""Service-level behaviour of the review UI: concurrency, roles, attribution, bulk decisions."""
from __future__ import annotations

from datetime import date

import pytest

from review_ui import actions
from review_ui.auth import Authenticator, PermissionDenied, Session, session_for
from tests.ui.conftest import PASSWORD

DUE = date(2026, 6, 30)


def _open(services, rule: str):
    return [s for s in services.store.findings(status="open") if s.finding.rule_id == rule]


def test_second_reviewer_sees_who_changed_the_finding_and_nothing_is_lost(services, seeded):
    fid = seeded["findings"][0].id
    loaded = services.store.get_finding(fid).version  # both reviewers open the same finding
    rita, rob = Session("rita", "reviewer"), Session("rob", "reviewer")

    first = actions.decide(services, rita, fid, "dismiss", loaded, reason="certificate on file, OID checked")
    second = actions.decide(services, rob, fid, "accept", loaded, corrective_action="chase supplier", due_date=DUE)

    assert first.ok and not second.ok and second.conflict
    assert "changed by rita" in second.message and "dismissed" in second.message
    state = services.store.get_finding(fid)
    assert state.status.value == "dismissed" and state.reason == "certificate on file, OID checked"
    assert [d.actor for d in services.store.decisions(fid)] == ["rita"]  # rob's stale decision wrote nothing
    # after reloading, rob can act on what he now sees (here: reopen it), and both decisions are kept
    again = actions.decide(services, rob, fid, "reopen", state.version)
    assert again.ok
    assert [d.actor for d in services.store.decisions(fid)] == ["rita", "rob"]


def test_decisions_are_attributed_to_the_signed_in_user_in_the_audit_log(services, seeded):
    fid = seeded["findings"][1].id
    v = services.store.get_finding(fid).version
    res = actions.decide(services, Session("rita", "reviewer"), fid, "accept", v,
                         corrective_action="Add lot numbers to receiving log", due_date=DUE)
    assert res.ok
    entry = services.store.audit_log(entity_id=fid, limit=1)[0]
    assert (entry.actor, entry.action, entry.after["status"]) == ("rita", "finding.accept", "accepted")


@pytest.mark.parametrize("action,fields,needs", [
    ("accept", {"corrective_action": "fix it"}, "due date"),
    ("accept", {"due_date": DUE}, "corrective action"),
    ("dismiss", {"reason": "   "}, "reason"),
])
def test_incomplete_decisions_are_refused_with_the_missing_part(services, seeded, action, fields, needs):
    fid = seeded["findings"][0].id
    res = actions.decide(services, Session("rita", "reviewer"), fid, action,
                         services.store.get_finding(fid).version, **fields)
    assert not res.ok and needs in res.message
    assert services.store.get_finding(fid).status.value == "open"


@pytest.mark.parametrize("user,role,action", [
    ("ivan", "inspector", "decide"), ("sam", "staff", "decide"), ("rita", "reviewer", "upload"),
    ("rita", "reviewer", "generate"), ("ivan", "inspector", "upload"), ("mia", "manager", "decide"),
])
def test_roles_are_enforced_in_the_handlers_not_only_the_buttons(services, seeded, user, role, action):
    s = session_for(services.store, user, allow_anonymous=False)
    assert s.role == role
    with pytest.raises(PermissionDenied):
        if action == "decide":
            actions.decide(services, s, seeded["findings"][0].id, "dismiss", None, reason="x")
        elif action == "upload":
            actions.upload(services, s, [])
        else:
            s.require("generate")
    assert services.store.decisions() == []


def test_admin_may_do_everything_and_inspector_only_look():
    admin, inspector = Session("ann", "admin"), Session("ivan", "inspector")
    assert all(admin.can(a) for a in ("view", "upload", "decide", "generate"))
    assert inspector.can("view") and not any(inspector.can(a) for a in ("upload", "decide", "generate"))


def test_bulk_dismiss_applies_to_one_rule_and_reports_stale_ones(services, seeded):
    targets = {s.finding.id: s.version for s in _open(services, "INV-NO-LOT")}
    assert len(targets) == 3
    stale = next(iter(targets))
    services.store.decide(actions.Decision(finding_id=stale, action="assign", actor="rob", assignee="rob"))
    done, problems = actions.bulk_decide(services, Session("rita", "reviewer"), targets, "dismiss",
                                         reason="lots are on the packing slips")
    assert done == 2 and len(problems) == 1 and "changed by rob" in problems[0]
    assert all(s.finding.rule_id != "INV-NO-LOT" or s.finding.id == stale for s in _open(services, "INV-NO-LOT"))
    assert {s.finding.rule_id for s in _open(services, "CERT-NOT-CURRENT")} == {"CERT-NOT-CURRENT"}


def test_sign_in_checks_the_argon2_hash(services):
    auth = Authenticator(services.store)
    assert auth("rita", PASSWORD)
    assert not auth("rita", "wrong password")
    assert not auth("nobody", PASSWORD)
    assert services.store.get_user("rita").password_hash.startswith("$argon2")
    assert [e.action for e in services.store.audit_log(entity_id="rita", limit=2)] == \
        ["ui.sign_in_failed", "ui.sign_in"]


def test_no_anonymous_access_unless_allowed_and_then_read_only(services):
    with pytest.raises(PermissionDenied):
        session_for(services.store, None, allow_anonymous=False)
    anon = session_for(services.store, None, allow_anonymous=True)
    assert anon.role == "inspector" and not anon.can("decide")


def test_serve_refuses_to_start_without_users(tmp_workspace):
    from typer.testing import CliRunner

    from app.cli.main import app

    res = CliRunner().invoke(app, ["-w", str(tmp_workspace.root), "serve", "--port", "1"])
    assert res.exit_code != 0 and "no users yet" in str(res.exception)


def test_the_app_builds_and_names_a_missing_stage_in_its_tab(services, monkeypatch):
    from app import services as services_module
    from review_ui.app import ReviewUI

    def not_installed():
        raise ImportError("No module named 'generators.api'")

    monkeypatch.setitem(services_module.STAGES, "generators", (not_installed, ("build_package",), "generating"))
    services._cache.clear()
    blocks = ReviewUI(services).build()
    html = [getattr(b, "value", "") for b in blocks.blocks.values() if type(b).__name__ == "HTML"]
    assert any("generators stage is not available" in str(v) for v in html)
    assert services.settings.ui.host == "127.0.0.1" and not services.settings.ui.allow_anonymous
