"""The REST API as a script or an integration meets it: tokens, roles, upload to findings, the 409 rule."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.api.conftest import bearer, make_token, wait_job

SAMPLE_FILES = ["certificates/Ural_Mills_GLOC_20250319.pdf", "invoices/Ural_Mills_SI-18791.pdf",
                "invoices/Payette_Trading_Company_69295.xlsx", "cleaning/Main_Street_Bakery_sanitation_2026-H1.csv"]


def cli(ws: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli.main", "--workspace", str(ws), *args],
                          capture_output=True, text=True, timeout=120, input=stdin)


def test_token_cli_create_list_revoke_and_the_api_follows(tmp_workspace, api):
    client, _, services = api
    ws = tmp_workspace.root
    made = cli(ws, "token", "create", "rita", "--label", "ci script")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("ap_") and token not in made.stderr  # the token on stdout only, once
    assert client.get("/api/v1/me", headers=bearer(token)).json() == {"user": "rita", "role": "reviewer",
                                                                      "may": ["decide", "correct"]}
    listed = cli(ws, "token", "list", "--user", "rita").stdout
    row = [line for line in listed.splitlines() if "ci script" in line][0]
    token_id = row.split("\t")[0]
    assert token not in listed and "active" in row
    # the database keeps no usable token: only its sha256
    assert all(token not in str(t.model_dump()) for t in services.store.list_api_tokens())

    revoked = cli(ws, "token", "revoke", token_id)
    assert revoked.returncode == 0 and "revoked" in revoked.stderr
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert "revoked" in cli(ws, "token", "list").stdout
    actions = [e.action for e in services.store.audit_log(entity_id=token_id)]
    assert actions[:2] == ["token.revoke", "token.create"]
    assert cli(ws, "token", "create", "nobody").returncode == 1  # no such user: refused, one line


def test_no_token_wrong_token_and_disabled_user_are_401(api):
    client, tokens, services = api
    assert client.get("/api/v1/findings").status_code == 401
    assert client.get("/api/v1/findings", headers=bearer("ap_" + "x" * 43)).status_code == 401
    assert client.get("/api/v1/records", headers={"Authorization": "Basic YW5uOnB3"}).status_code == 401
    assert client.get("/api/v1/findings", headers=bearer(tokens["sam"])).status_code == 200
    services.store.disable_user("sam", actor="test")
    assert client.get("/api/v1/findings", headers=bearer(tokens["sam"])).status_code == 401


def test_openapi_document_is_served(api):
    client, _, _ = api
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for p in ("/api/v1/documents", "/api/v1/jobs/{job_id}", "/api/v1/records", "/api/v1/findings",
              "/api/v1/findings/{finding_id}/decisions", "/api/v1/packages", "/api/v1/oid", "/api/v1/checks"):
        assert p in paths, p
    assert "409" in paths["/api/v1/findings/{finding_id}/decisions"]["post"]["responses"]
    assert any("Bearer" in str(s) or "bearer" in str(s) for s in doc["components"]["securitySchemes"].values())


def test_roles_are_the_uis_and_refusals_are_audited(api, sample_small):
    client, tokens, services = api
    with open(sample_small / SAMPLE_FILES[0], "rb") as f:
        refused = client.post("/api/v1/documents", headers=bearer(tokens["ivan"]),
                              files=[("files", ("cert.pdf", f, "application/pdf"))])
    assert refused.status_code == 403 and "inspector" in refused.json()["detail"]
    assert client.post("/api/v1/packages", headers=bearer(tokens["rita"]),
                       json={"certifier": "generic-nop"}).status_code == 403
    assert client.post("/api/v1/checks", headers=bearer(tokens["ivan"])).status_code == 403
    refusals = [e for e in services.store.audit_log() if e.action == "api.refused"]
    assert {(e.actor, e.after["action"]) for e in refusals} >= {("ivan", "upload"), ("rita", "generate")}
    assert not services.store.list_documents()  # nothing was stored for the refused upload


def test_upload_ingest_records_findings_and_a_conflicting_decision(api, sample_small):
    client, tokens, services = api
    files = [("files", (Path(p).name, (sample_small / p).read_bytes(), "application/octet-stream"))
             for p in SAMPLE_FILES]
    made = client.post("/api/v1/documents", headers=bearer(tokens["sam"]), files=files)
    assert made.status_code == 202, made.text
    job = wait_job(client, tokens["sam"], made.json()["id"])
    assert job["done"] == job["total"] == len(SAMPLE_FILES)
    outcomes = {i["filename"]: i["outcome"] for i in job["items"]}
    assert all(o["status"] in ("ingested", "needs_attention") for o in outcomes.values()), outcomes
    assert job["followup_job"], "an upload queues a check run when its last document is in"
    check = wait_job(client, tokens["sam"], job["followup_job"])
    assert check["kind"] == "check" and check["items"][0]["outcome"]["status"] == "done"

    records = client.get("/api/v1/records", headers=bearer(tokens["ivan"])).json()
    assert len(records) == sum(o["records"] for o in outcomes.values()) > 0
    assert {r["source"]["filename"] for r in records} == {Path(p).name for p in SAMPLE_FILES}
    one = client.get(f"/api/v1/records/{records[0]['id']}", headers=bearer(tokens["ivan"])).json()
    assert one["id"] == records[0]["id"]
    page = client.get("/api/v1/documents", headers=bearer(tokens["ivan"]), params={"sort": "filename"}).json()
    assert page["total"] == len(SAMPLE_FILES)
    # the upload is in the audit log under the uploader's name
    assert any(e.actor == "sam" and e.action == "job.ingest" for e in services.store.audit_log())
    assert all(d.ingested_by == "sam" for d in services.store.list_documents())

    findings = client.get("/api/v1/findings", headers=bearer(tokens["ivan"])).json()
    assert findings, "the sample's documents raise findings (an invoice from a supplier without a current cert...)"
    fid, version = findings[0]["finding"]["id"], findings[0]["version"]
    url = f"/api/v1/findings/{fid}/decisions"
    body = {"action": "comment", "expected_version": version, "comment": "asked the supplier"}
    assert client.post(url, headers=bearer(tokens["ivan"]), json=body).status_code == 403  # viewer cannot decide
    first = client.post(url, headers=bearer(tokens["rita"]), json=body)
    assert first.status_code == 200, first.text
    assert first.json()["version"] == version + 1
    stale = client.post(url, headers=bearer(tokens["ann"]),
                        json={"action": "dismiss", "expected_version": version, "reason": "duplicate"})
    assert stale.status_code == 409
    assert "rita" in stale.json()["detail"] and stale.json()["current"]["version"] == version + 1
    assert client.get(f"/api/v1/findings/{fid}", headers=bearer(tokens["ann"])).json()["finding"]["status"] == "open"
    dismiss = client.post(url, headers=bearer(tokens["ann"]),
                          json={"action": "dismiss", "expected_version": version + 1})
    assert dismiss.status_code == 422 and "reason" in dismiss.json()["detail"]
    decided = [(e.actor, e.action) for e in services.store.audit_log(entity_id=fid)]
    assert ("rita", "finding.comment") in decided and not any(a == "ann" for a, _ in decided)
    history = client.get(url, headers=bearer(tokens["ivan"])).json()
    assert [d["actor"] for d in history] == ["rita"]


def test_unknown_ids_are_404(api):
    client, tokens, _ = api
    h = bearer(tokens["ann"])
    assert client.get("/api/v1/jobs/nope", headers=h).status_code == 404
    assert client.get("/api/v1/findings/nope", headers=h).status_code == 404
    assert client.get("/api/v1/records/nope", headers=h).status_code == 404
    assert client.get("/api/v1/documents/abc123", headers=h).status_code == 404
    assert client.get("/api/v1/packages/nope/download", headers=h).status_code == 404
