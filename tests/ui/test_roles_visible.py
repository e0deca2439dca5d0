"""Roles made visible on Upload, Documents and Generate, at handler level (issue 15): a control a role cannot
use is hidden when the page loads, one line names the role it needs, reading stays open, and the handlers
still refuse (hiding is not security). Runs the real app's page-load handlers, built but not served."""
from __future__ import annotations

from types import SimpleNamespace

import gradio as gr
import pytest

from review_ui.auth import Session
from review_ui.roles_view import note_html, visibility
from tests.ui.conftest import USERS

# What the issue says, not read back from the code: who may do what.
MAY = {"upload": {"staff", "admin"}, "generate": {"manager", "admin"},
       "correct": {"staff", "reviewer", "manager", "admin"}}
# The controls of each action that must be hidden (the buttons, and the boxes whose value only they save).
CONTROLS = {"upload": {"ap-upload-intro", "ap-upload-files", "ap-ingest", "ap-job-resume"},
            "generate": {"ap-mode", "ap-year", "ap-trace", "ap-generate-options", "ap-generate", "ap-download"},
            "correct": {"ap-doc-correct", "ap-doc-lines", "ap-doc-columns", "ap-doc-teach", "ap-doc-save",
                        "ap-doc-remember", "ap-doc-col-save", "ap-doc-box-go", "ap-doc-apply"}}
NEEDED = {"upload": "staff or admin", "generate": "manager or admin", "correct": "staff"}


def _who(name: str, **query) -> SimpleNamespace:
    return SimpleNamespace(username=name, query_params=query)  # what Gradio's request carries


@pytest.fixture
def app(services, seeded):
    from review_ui.app import ReviewUI

    ui = ReviewUI(services)
    blocks = ui.build()
    fns = [f for f in blocks.fns.values()]
    return SimpleNamespace(ui=ui, blocks=blocks, fns=fns, services=services, seeded=seeded)


def _fn(app, name: str, output_id: str | None = None):
    """A handler of the built app by its name (and, when names repeat, an elem_id among its outputs)."""
    found = [f for f in app.fns if f.name == name
             and (output_id is None or any(getattr(o, "elem_id", None) == output_id for o in f.outputs))]
    assert len({f.fn for f in found}) == 1, f"{name} ({output_id}): {len(found)} handlers"  # one, maybe many events
    return found[0]


def _by_id(fn, updates) -> dict:
    return {getattr(o, "elem_id", None): u for o, u in zip(fn.outputs, updates)}


@pytest.mark.parametrize("role", sorted({*USERS.values()}))
def test_visibility_hides_only_what_the_role_may_not_use(role):
    guarded = [(object(), action) for action in MAY]
    updates = visibility(Session("someone", role), guarded)
    for (_, action), update in zip(guarded, updates):
        if role in MAY[action]:
            assert "visible" not in update  # left as the tab has it (it may show it later)
        else:
            assert update["visible"] is False


@pytest.mark.parametrize("user", sorted(USERS))
def test_on_page_load_each_role_sees_only_the_controls_it_may_use(app, user):
    role = USERS[user]
    load = _fn(app, "permissions")
    updates = load.fn(_who(user))
    hidden = {getattr(c, "elem_id", None) for c, u in zip(load.outputs, updates) if u.get("visible") is False}
    for action, ids in CONTROLS.items():
        guarded = {getattr(c, "elem_id", None) for c, a in app.ui._guarded if a == action}
        assert ids <= guarded, f"not hidden from a role that may not {action}: {ids - guarded}"
        if role in MAY[action]:
            assert not ids & hidden, f"{role} may {action} but does not see {ids & hidden}"
        else:
            assert ids <= hidden, f"{role} may not {action} but sees {ids - hidden}"
    shown_to_all = {"ap-jobs-refresh", "ap-job-pick", "ap-profile", "ap-start", "ap-end", "ap-doc-search",
                    "ap-doc-refresh", "ap-doc-page", "ap-checklist", "ap-jobs"}
    assert not shown_to_all & hidden  # reading stays open to every role


@pytest.mark.parametrize("user", sorted(USERS))
@pytest.mark.parametrize("action,note_id", [("upload", "ap-upload-role-note"),
                                            ("generate", "ap-generate-role-note")])
def test_one_line_names_the_role_a_hidden_control_needs(app, user, action, note_id):
    role = USERS[user]
    note = _fn(app, "fill_role_note", note_id).fn(_who(user))
    if role in MAY[action]:
        assert note["visible"] is False and note["value"] == ""
    else:
        assert note["visible"] is True
        assert NEEDED[action] in note["value"] and f"signed in as {role}" in note["value"]


@pytest.mark.parametrize("user", ["ivan", "sam"])
def test_an_opened_document_offers_picking_only_to_a_role_that_may_correct(app, user):
    may = USERS[user] in MAY["correct"]
    sha = app.seeded["document"].sha256
    load = _fn(app, "on_page_load", "ap-doc-readonly")
    updates = load.fn("all", "all", "", "-ingested_at", _who(user, doc=sha))
    out = _by_id(load, updates)
    assert "invoice-1001.pdf" in out["ap-doc-head"]  # every role reads the document
    assert out["ap-doc-image"]["visible"] is True
    assert out["ap-doc-image"]["label"].startswith("Page (pick a field") is may
    assert ("staff role" in out["ap-doc-readonly"]) is not may
    box_row = next(u for o, u in zip(load.outputs, updates) if isinstance(o, gr.Row))
    assert box_row["visible"] is may  # "Box on the page": a box whose words only a corrector can save
    click = _fn(app, "click_page")
    doc = {"sha256": sha, "revision": 0, "page": 1, "scale": 1.0, "kind": "invoice"}
    got = click.fn(doc, "invoice_number", [], SimpleNamespace(index=[300, 110]), _who(user))
    if may:
        assert got[1] and got[1][0]["field"] == "invoice_number"  # the click picked a value for the form
    else:
        assert all(isinstance(g, type(gr.skip())) for g in got)  # a reader's click changes nothing


@pytest.mark.parametrize("user", ["ivan", "sam"])
def test_a_sheet_offers_its_column_mapping_only_to_a_role_that_may_correct(app, user):
    from tests.ui.test_documents_tab import CRYPTIC_LOG

    may = USERS[user] in MAY["correct"]
    sha = app.services.stage("ingest").ingest_bytes(app.services.workspace, app.services.store, "log-q.csv",
                                                    CRYPTIC_LOG.encode(), "sam").sha256
    load = _fn(app, "on_page_load", "ap-doc-readonly")
    out = _by_id(load, load.fn("all", "all", "", "-ingested_at", _who(user, doc=sha)))
    assert out["ap-doc-grid"]["visible"] is True and "Plant Q" in out["ap-doc-grid"]["value"].to_string()
    assert out["ap-doc-grid"]["label"].startswith("Sheet (pick a field") is may
    assert out["ap-doc-columns"]["visible"] is may  # the column mapping: saved only by a corrector
    click = _fn(app, "click_cell")
    doc = {"sha256": sha, "revision": 0, "page": 1, "scale": 1.0, "kind": "cleaning_event"}
    got = click.fn(doc, "facility", [], SimpleNamespace(index=[1, 1]), _who(user))
    assert (got[0] == "Plant Q") is may  # a reader's click on a cell takes nothing


@pytest.mark.parametrize("user", ["ivan", "mia"])
def test_generate_points_to_the_build_confirmation_only_for_a_role_that_may_build(app, user):
    may = USERS[user] in MAY["generate"]
    check = _fn(app, "check")
    frame, html, confirm = check.fn("generic-nop", "", "", _who(user))
    assert len(frame) > 0 and "findings are open" in html  # every role reads the checklist and what is open
    assert confirm["visible"] is may
    assert ("confirm below to build anyway" in html) is may


def test_the_handlers_still_refuse_a_role_whose_controls_are_hidden(app):
    generate = _fn(app, "generate")
    html, out = generate.fn("generic-nop", "Audit package", "", "", 2027, "", True, False, _who("ivan"),
                            progress=lambda *a, **k: None)
    assert out is None and "inspector" in html and "may not generate" in html
    assert not any(app.services.workspace.packages_dir.glob("*"))


def test_note_html_is_empty_for_a_role_that_may():
    assert note_html(Session("ann", "admin"), "correct") == ""
    assert "staff, reviewer, manager or admin" in note_html(Session("ivan", "inspector"), "correct")
