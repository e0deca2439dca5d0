"""The Generate tab's handlers without a browser (issue 15): what is not ready shows first, open findings are
built only after the explicit confirmation, the checklist is cached until the store changes, and progress
starts before any slow read."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import gradio as gr
import pytest

from auditpack.records import Decision, DecisionAction
from review_ui.auth import session_for

ADMIN = SimpleNamespace(username="ann")  # what Gradio's request carries for a signed-in user


class Stage:
    """generators.api, except that building only records how it was asked (the builder has its own tests)."""

    def __init__(self) -> None:
        import generators.api as real

        self.real, self.builds, self.reads = real, [], 0
        self.list_profiles = real.list_profiles

    def readiness(self, *args, **kwargs):
        self.reads += 1
        return self.real.readiness(*args, **kwargs)

    def build_package(self, ws, store, pid, out_dir, **kwargs):
        self.builds.append(kwargs)
        out_dir.mkdir(parents=True)
        (out_dir / "p.zip").write_bytes(b"PK")
        return SimpleNamespace(zip_path=out_dir / "p.zip", warnings=[], readiness=None)


class Progress:
    def __init__(self) -> None:
        self.calls = []

    def __call__(self, value, desc=None) -> None:
        self.calls.append((value, desc))


@pytest.fixture
def tab(services, seeded):
    from review_ui.tabs import generate

    stage = Stage()
    services.overrides["generators"] = stage
    ui = SimpleNamespace(services=services, guard=lambda c, action: c,
                         session=lambda request: session_for(services.store, request.username, False))
    with gr.Blocks() as blocks:
        [(check, _, _)] = generate.build(ui)
    run = next(f.fn for f in blocks.fns.values() if f.name == "generate")
    return SimpleNamespace(check=check, generate=run, stage=stage, ui=ui, services=services, seeded=seeded)


def _generate(tab, confirmed: bool, progress: Progress | None = None):
    return tab.generate("generic-nop", "Audit package", "", "", 2027, "", confirmed, False, ADMIN,
                        progress=progress or Progress())


def test_open_findings_are_shown_and_not_built_without_the_confirmation(tab):
    frame, html, confirm = tab.check("generic-nop", "", "", ADMIN)
    assert "6 findings are open with no decision</b> (2 critical, 2 major, 2 minor)" in html
    assert "CERT-NOT-CURRENT" in html and "?tab=triage&amp;finding=CERT-NOT-CURRENT" in html  # critical, linked
    assert confirm["visible"] is True and confirm["label"] == "Build anyway with 6 open findings"
    assert confirm["value"] is False and len(frame) > 5
    status, download = _generate(tab, confirmed=False)
    assert "Not built: 6 findings are open with no decision (2 critical)" in status and download is None
    assert tab.stage.builds == []
    status, download = _generate(tab, confirmed=True)
    assert "ready" in status and download.endswith("p.zip")
    assert tab.stage.builds[-1]["allow_open"] is True


def test_when_every_finding_is_decided_it_builds_without_asking(tab):
    store = tab.services.store
    for f in tab.seeded["findings"]:
        store.decide(Decision(finding_id=f.id, action=DecisionAction.DISMISS, actor="ann", reason="checked"))
    _, html, confirm = tab.check("generic-nop", "", "", ADMIN)
    assert "Every finding has a decision" in html and confirm["visible"] is False
    status, _ = _generate(tab, confirmed=False)
    assert "ready" in status and tab.stage.builds[-1]["allow_open"] is False


def test_the_checklist_is_computed_once_until_the_store_changes(tab):
    first = tab.check("generic-nop", "", "", ADMIN)
    again = tab.check("generic-nop", "", "", ADMIN)  # the tab opened a second time
    assert tab.stage.reads == 1 and again[1] == first[1]
    tab.services.store.decide(Decision(finding_id=tab.seeded["findings"][0].id, action=DecisionAction.DISMISS,
                                       actor="ann", reason="certificate received"))
    after = tab.check("generic-nop", "", "", ADMIN)
    assert tab.stage.reads == 2 and "5 findings are open" in after[1]
    tab.check("generic-nop", "2026-01-01", "2026-06-30", ADMIN)  # another period is another question
    assert tab.stage.reads == 3


def test_progress_shows_before_anything_slow(tab):
    progress = Progress()
    _generate(tab, confirmed=True, progress=progress)
    assert progress.calls[0] == (0, "Checking what is ready")


def test_an_operation_the_evidence_does_not_name_shows_before_building(tab):
    from auditpack.records import OrganicSystemPlan, SourceRef, record_id

    doc = tab.seeded["document"]
    tab.services.store.add_records([OrganicSystemPlan(
        id=record_id("organic_system_plan", doc.sha256, 50), operation_name="Moonset Snacks LLC",
        updated_on=date(2026, 1, 5), source=SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1))],
        actor="test")
    _, html, _ = tab.check("generic-nop", "", "", ADMIN)
    assert "Operation name:</b> The cover names &#x27;Test Organics LLC&#x27;" in html
    assert "names &#x27;Moonset Snacks LLC&#x27;" in html
