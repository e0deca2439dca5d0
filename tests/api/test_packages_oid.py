"""The package build and the OID import through the REST API, the way a script meets them: a build with findings
open and no allow_open is refused at once (409) with what is not ready (nothing queued, nothing written); with allow_open the job builds, its
progress is visible and the zip downloads; an OID export posted to /oid changes what the next check run finds."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from tests.api.conftest import bearer, wait_job

CERT, INVOICE = "certificates/Ural_Mills_GLOC_20250319.pdf", "invoices/Ural_Mills_SI-18791.pdf"
OID_COLUMNS = ("Operation Name,Certifier Name,Operation ID,Operation Certification Status,"
               "Effective Date of Operation Status,Data as of Date")


def _upload_and_check(client, tokens: dict[str, str], sample: Path, files: list[str]) -> None:
    """Upload `files` as staff and wait for the check run the upload queues."""
    made = client.post("/api/v1/documents", headers=bearer(tokens["sam"]),
                       files=[("files", (Path(p).name, (sample / p).read_bytes(), "application/octet-stream"))
                              for p in files])
    assert made.status_code == 202, made.text
    job = wait_job(client, tokens["sam"], made.json()["id"])
    wait_job(client, tokens["sam"], job["followup_job"])


def test_a_package_with_open_findings_is_refused_until_allowed_then_built_and_downloaded(api, sample_small):
    client, tokens, services = api
    _upload_and_check(client, tokens, sample_small, [INVOICE])  # an invoice with no certificate on file
    h = bearer(tokens["ann"])
    open_now = client.get("/api/v1/findings", headers=h, params={"status": "open"}).json()
    assert open_now, "an organic invoice without its supplier's certificate leaves a finding open"

    n = len(open_now)
    ready = client.get("/api/v1/packages/readiness", headers=h, params={"certifier": "generic-nop"})
    assert ready.status_code == 200 and ready.json()["ready"] is False and ready.json()["open_total"] == n
    jobs_before = len(client.get("/api/v1/jobs", headers=h, params={"limit": 50}).json())
    refused = client.post("/api/v1/packages", headers=h, json={"certifier": "generic-nop", "pdf": False})
    assert refused.status_code == 409, refused.text  # refused at once, with what is not ready
    detail = refused.json()["detail"]
    assert f"not built: {n} finding{'s are' if n != 1 else ' is'} open with no decision" in detail["message"]
    assert "allow_open" in detail["message"]  # it says how to build anyway
    assert detail["readiness"]["open_total"] == n and sum(detail["readiness"]["open_by_severity"].values()) == n
    assert len(client.get("/api/v1/jobs", headers=h, params={"limit": 50}).json()) == jobs_before  # no job queued
    assert not any(services.workspace.packages_dir.rglob("*.zip")), "a refused build writes nothing"

    built = client.post("/api/v1/packages", headers=h,
                        json={"certifier": "generic-nop", "pdf": False, "allow_open": True})
    assert built.status_code == 202, built.text
    job_id = built.json()["id"]
    job = wait_job(client, tokens["ann"], job_id)
    assert job["progress"]["state"] == "done" and job["progress"]["failed"] == 0
    listed = client.get("/api/v1/jobs", headers=bearer(tokens["ivan"]), params={"limit": 5}).json()
    assert any(r["id"] == job_id and r["kind"] == "package" and r["created_by"] == "ann" for r in listed)

    got = client.get(f"/api/v1/packages/{job_id}/download", headers=bearer(tokens["ivan"]))  # inspectors read
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(got.content)) as z:
        manifest_name = next(name for name in z.namelist() if name.endswith("manifest.json"))
        manifest = json.loads(z.read(manifest_name))
    assert manifest["certifier"]["id"] == "generic-nop"
    assert manifest["findings"]["open_at_build"] == n  # the package says how many were open when it was built
    assert any(e.actor == "ivan" and e.action == "api.download" for e in services.store.audit_log(limit=20))


def test_an_oid_export_posted_to_the_api_changes_what_the_checks_find(api, sample_small):
    client, tokens, services = api
    _upload_and_check(client, tokens, sample_small, [CERT, INVOICE])
    h = bearer(tokens["ann"])
    [invoice] = client.get("/api/v1/records", headers=h, params={"kind": "invoice"}).json()
    supplier, day = invoice["supplier_name"], invoice["invoice_date"]

    def not_current() -> list[dict]:
        return [f for f in client.get("/api/v1/findings", headers=h, params={"status": "open"}).json()
                if f["finding"]["rule_id"] == "CERT-NOT-CURRENT" and supplier in f["finding"]["message"]]

    assert not not_current(), "the certificate on file covers the invoice"
    csv = f"{OID_COLUMNS}\n{supplier},Test Certifier,123,Suspended,{day},{day}\n".encode()
    assert client.post("/api/v1/oid", headers=bearer(tokens["ivan"]),
                       files={"file": ("oid.csv", csv, "text/csv")}).status_code == 403  # inspectors only read
    imported = client.post("/api/v1/oid", headers=bearer(tokens["sam"]), files={"file": ("oid.csv", csv, "text/csv")})
    assert imported.status_code == 200, imported.text
    assert imported.json() == {"filename": "oid.csv", "operations": 1}
    assert any(e.actor == "sam" and e.action == "api.oid_import" for e in services.store.audit_log(limit=20))

    check = client.post("/api/v1/checks", headers=bearer(tokens["rita"]))
    assert check.status_code == 202, check.text
    wait_job(client, tokens["rita"], check.json()["id"])
    [finding] = not_current()
    assert "suspended" in finding["finding"]["message"] and "OID export" in finding["finding"]["message"]

    wrong = client.post("/api/v1/oid", headers=bearer(tokens["sam"]),
                        files={"file": ("other.csv", b"a,b\n1,2\n", "text/csv")})
    assert wrong.status_code == 422 and "Operation Name" in wrong.json()["detail"]
    assert client.post("/api/v1/oid", headers=bearer(tokens["sam"]),
                       files={"file": ("oid.pdf", b"%PDF-1.4", "application/pdf")}).status_code == 422
    assert len(services.store.oid_entries()) == 1  # the refused files changed nothing
