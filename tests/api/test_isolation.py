"""Many operations, one server: a user of one operation reaches nothing of another, by API, UI or file route.

Two operations (acme, beta) besides the workspace's own (default), each holding a document, a record, a
finding and a built package. ana belongs to acme only, ben to beta only, cat (a consultant) to both with a
different role in each, dan to the default operation only. Every foreign or unknown operation, and every id
guessed from another operation, answers 404: the same answer, so nothing can be probed.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.api.conftest import bearer
from tests.api.operations_seed import PASSWORD, seed_server

API = "/api/v1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from fastapi.testclient import TestClient

    from app.api.server import build_server
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    ws = init_workspace(tmp_path_factory.mktemp("ops") / "ws", operation_name="Home Farm LLC")
    accounts = open_store(ws)
    seeded, tokens, hub = seed_server(ws, accounts)
    app = build_server(hub.default.services, hub.default.queue, hub=hub)
    with TestClient(app, follow_redirects=False) as client:
        yield client, tokens, seeded, hub
    hub.close()
    hub.default.queue.close()
    accounts.close()


def _op(slug: str) -> str:
    return API if slug == "default" else f"{API}/operations/{slug}"


def _sign_in(client, user: str) -> None:
    client.cookies.clear()
    assert client.post("/login", data={"username": user, "password": PASSWORD, "next": "/"}).status_code == 303


# --- API --------------------------------------------------------------------------------------------------

def test_a_token_lists_only_its_users_operations_with_the_role_in_each(server):
    client, tokens, _, _ = server

    def ops(user: str) -> dict[str, str]:
        return {o["slug"]: o["role"] for o in client.get(f"{API}/operations", headers=bearer(tokens[user])).json()}

    assert ops("ana") == {"acme": "admin"}
    assert ops("cat") == {"acme": "reviewer", "beta": "manager"}
    assert ops("dan") == {"default": "admin"}
    me = client.get(f"{_op('beta')}/me", headers=bearer(tokens["cat"])).json()
    assert (me["role"], me["may"]) == ("manager", ["generate", "correct"])


@pytest.mark.parametrize("resource", ["/me", "/records", "/findings", "/documents", "/jobs/x"])
def test_a_foreign_operation_answers_exactly_like_one_that_does_not_exist(server, resource):
    client, tokens, _, _ = server
    foreign = client.get(f"{_op('beta')}{resource}", headers=bearer(tokens["ana"]))
    unknown = client.get(f"{API}/operations/nope{resource}", headers=bearer(tokens["ana"]))
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.json()["detail"].replace("'beta'", "X") == unknown.json()["detail"].replace("'nope'", "X")
    # ... and the default operation, which ana's account was never given
    assert client.get(f"{API}{resource}", headers=bearer(tokens["ana"])).status_code == 404
    assert client.get(f"{_op('acme')}{resource}", headers={}).status_code == 401  # no token: no answer at all


def test_each_operation_shows_only_its_own_rows_even_to_a_member_of_both(server):
    client, tokens, seeded, _ = server
    for slug in ("acme", "beta"):
        auth = bearer(tokens["cat"])
        records = client.get(f"{_op(slug)}/records", headers=auth).json()
        assert [r["id"] for r in records] == [seeded[slug].record_id]
        findings = client.get(f"{_op(slug)}/findings", headers=auth).json()
        assert [f["finding"]["id"] if "finding" in f else f["id"] for f in findings] == [seeded[slug].finding_id]
        docs = client.get(f"{_op(slug)}/documents", headers=auth).json()
        assert [d["sha256"] for d in docs["items"]] == [seeded[slug].sha256]
    default = client.get(f"{API}/records", headers=bearer(tokens["dan"])).json()
    assert [r["id"] for r in default] == [seeded["default"].record_id]


def test_ids_guessed_from_another_operation_are_not_found_in_ones_own(server):
    client, tokens, seeded, _ = server
    auth, acme, beta = bearer(tokens["ana"]), _op("acme"), seeded["beta"]
    assert client.get(f"{acme}/documents/{seeded['acme'].sha256}", headers=auth).status_code == 200  # control
    for path in (f"/documents/{beta.sha256}", f"/documents/{beta.sha256[:12]}", f"/records/{beta.record_id}",
                 f"/findings/{beta.finding_id}", f"/findings/{beta.finding_id}/decisions", f"/jobs/{beta.job_id}",
                 f"/packages/{beta.job_id}/download"):
        assert client.get(f"{acme}{path}", headers=auth).status_code == 404, path
    assert client.get(f"{acme}/records", params={"document": beta.sha256}, headers=auth).status_code in (400, 404)
    got = client.get(f"{acme}/packages/{seeded['acme'].job_id}/download", headers=auth)
    assert got.status_code == 200 and got.content == seeded["acme"].zip_path.read_bytes()  # control


def test_a_decision_aimed_at_another_operations_finding_changes_nothing(server):
    client, tokens, seeded, hub = server
    beta = seeded["beta"]
    before = hub.scope("beta").services.store.get_finding(beta.finding_id)
    body = {"action": "dismiss", "expected_version": before.version, "reason": "not ours"}
    for path in (f"{_op('acme')}/findings/{beta.finding_id}/decisions",
                 f"{_op('beta')}/findings/{beta.finding_id}/decisions"):
        assert client.post(path, json=body, headers=bearer(tokens["ana"])).status_code == 404
    after = hub.scope("beta").services.store.get_finding(beta.finding_id)
    assert after.version == before.version and not hub.scope("beta").services.store.decisions(beta.finding_id)


def test_an_upload_is_stored_and_read_inside_its_own_operation(server):
    client, tokens, seeded, hub = server
    csv = "date,facility,equipment,cleaned by,sanitizer\n2026-03-04,Plant A,Mixer 1,J. Doe,Quat 200 ppm\n"
    made = client.post(f"{_op('acme')}/documents", headers=bearer(tokens["ana"]),
                       files=[("files", ("acme-cleaning.csv", csv.encode(), "text/csv"))])
    assert made.status_code == 202, made.text
    job = _wait(client, tokens["ana"], made.json()["id"])
    job_id, sha = job["id"], job["items"][0]["sha256"]
    acme_ws = hub.scope("acme").services.workspace
    assert list(acme_ws.originals_dir.rglob(f"{sha}*")), "the original is kept in acme's own folder"
    for slug in ("default", "beta"):
        other = hub.scope(slug).services
        assert not list(other.workspace.originals_dir.rglob(f"{sha}*"))
        assert other.store.get_document(sha) is None
        assert client.get(f"{_op(slug)}/jobs/{job_id}", headers=bearer(tokens["cat"] if slug == "beta"
                                                                         else tokens["dan"])).status_code == 404
    assert hub.scope("acme").services.store.get_document(sha) is not None


def _wait(client, token: str, job_id: str) -> dict:
    """tests/api/conftest.py's wait_job, on acme's path."""
    import time

    end = time.monotonic() + 240
    while True:
        job = client.get(f"{_op('acme')}/jobs/{job_id}", headers=bearer(token)).json()
        if job["state"] == "done":
            return job
        assert time.monotonic() < end, f"job {job_id} not done"
        time.sleep(0.2)


# --- the review UI and its file routes -------------------------------------------------------------------

def test_sign_in_opens_an_operation_the_user_belongs_to_and_remembers_the_choice(server):
    client, _, _, _ = server
    _sign_in(client, "ana")
    assert client.get("/", headers={"Accept": "text/html"}).headers["location"] == "/operations/acme/"
    page = client.get("/operations/acme/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Acme Mills" in page.text and "Beta Bakery" not in page.text
    _sign_in(client, "cat")
    assert client.get("/", headers={"Accept": "text/html"}).headers["location"] == "/operations/acme/"
    client.cookies.set("auditpack_operation", "beta")  # what the switcher leaves
    assert client.get("/", headers={"Accept": "text/html"}).headers["location"] == "/operations/beta/"
    _sign_in(client, "dan")
    client.cookies.set("auditpack_operation", "beta")  # a remembered operation grants nothing
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/operations/beta/", headers={"Accept": "text/html"}).status_code == 404


def test_every_route_of_a_foreign_operations_ui_is_404(server):
    client, _, seeded, _ = server
    _sign_in(client, "ana")
    beta = seeded["beta"]
    for path in ("/operations/beta/", "/operations/beta/config", "/operations/beta/gradio_api/info",
                 f"/operations/beta/thumbnails/{beta.sha256}.png",
                 f"/operations/beta/gradio_api/file={beta.zip_path}", "/operations/nope/", "/config",
                 f"/thumbnails/{seeded['default'].sha256}.png"):
        assert client.get(path).status_code == 404, path
    assert client.get("/operations/acme/config").status_code == 200  # control: her own operation answers


def test_file_routes_serve_only_the_operations_own_files(server):
    client, _, seeded, _ = server
    _sign_in(client, "cat")  # a member of both: only the operation in the path may serve its files
    acme, beta = seeded["acme"], seeded["beta"]
    own = client.get(f"/operations/acme/thumbnails/{acme.sha256}.png")
    assert own.status_code == 200 and own.headers["content-type"] == "image/png"
    assert client.get(f"/operations/acme/thumbnails/{beta.sha256}.png").status_code == 404
    assert client.get(f"/operations/acme/gradio_api/file={acme.zip_path}").status_code == 200
    # Gradio's upload copies of every operation's UI share one temp folder: one app's file route must not
    # serve a file it did not make there
    upload_copy = Path(os.environ["GRADIO_TEMP_DIR"]) / "someone-elses-upload.csv"
    upload_copy.write_text("date,facility\n")
    for path in (f"/operations/acme/gradio_api/file={beta.zip_path}",
                 f"/operations/acme/gradio_api/file={Path(beta.zip_path).parents[3] / 'auditpack.db'}",
                 f"/operations/acme/gradio_api/file={upload_copy}", f"/gradio_api/file={upload_copy}"):
        assert client.get(path).status_code in (403, 404), path


def test_handlers_act_with_the_role_of_their_own_operation(server):
    from review_ui.app import ReviewUI
    from review_ui.auth import PermissionDenied
    from review_ui.web_auth import OperationGate

    _, _, _, hub = server

    class Request:
        def __init__(self, username: str) -> None:
            self.username = username

    uis = {slug: ReviewUI(hub.scope(slug).services, OperationGate(hub.accounts, slug)) for slug in ("acme", "beta")}
    assert uis["acme"].session(Request("cat")).role == "reviewer"
    assert uis["beta"].session(Request("cat")).role == "manager"
    assert uis["acme"].session(Request("ana")).can("upload")
    with pytest.raises(PermissionDenied):  # even if a request got past the gate, the handler knows no "ana"
        uis["beta"].session(Request("ana"))
    assert [slug for _, slug in uis["acme"].gate.choices("cat")] == ["acme", "beta"]
    assert [slug for _, slug in uis["acme"].gate.choices("ana")] == ["acme"]
