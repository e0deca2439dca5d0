"""Two operations on one server, with users of each and a consultant in both, for the isolation tests.

Each operation gets a document (a real PDF stored by hash), an invoice record, a finding with a decision, and a
finished package job whose zip sits in its own packages folder: everything a guessed id or URL could aim at.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Any

from tests.api.conftest import make_token

PASSWORD = "correct horse battery"
OPERATIONS = {"acme": "Acme Mills LLC", "beta": "Beta Bakery Inc"}
# user -> {operation: role}; "default" absent = revoked there (accounts made for other operations)
MEMBERS = {"ana": {"acme": "admin"}, "ben": {"beta": "admin"}, "cat": {"acme": "reviewer", "beta": "manager"},
           "dan": {"default": "admin"}}


@dataclass
class Seeded:
    """What one operation holds: ids a user of another operation might guess."""

    slug: str
    sha256: str
    record_id: str
    finding_id: str
    job_id: str
    zip_path: Any
    thumbnail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def seed_operation(ws: Any, store: Any, slug: str) -> Seeded:
    from auditpack.records import Evidence, Finding, Invoice, SourceRef, Subject, finding_id, record_id
    from auditpack.store import JobItemSpec
    from tests.ui.seed import invoice_pdf, store_pdf

    data, _ = invoice_pdf(number=f"INV-{slug.upper()}", lot=f"LOT-{slug}")
    doc = store_pdf(ws, store, data, f"invoice-{slug}.pdf", "invoice")
    src = SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1)
    inv = Invoice(id=record_id("invoice", doc.sha256, 1), source=src, supplier_name=f"Supplier of {slug}",
                  invoice_number=f"INV-{slug.upper()}", total=10.0)
    store.add_document(doc, [inv], actor="seed")
    found = Finding(id=finding_id("INV-NO-LOT", f"{slug}|line 0"), rule_id="INV-NO-LOT", severity="major",
                    citations=["7 CFR 205.103(b)(2)"], message=f"{slug}: the invoice line has no lot",
                    subject=Subject(kind="invoice", id=inv.id, key=f"{slug}|line 0"),
                    evidence=[Evidence(document_sha256=doc.sha256, filename=doc.filename, page=1)])
    store.sync_findings([found], actor="seed")
    job_id = f"{slug}job".ljust(32, "0")
    zip_path = ws.packages_dir / job_id / f"audit-package-{slug}.zip"
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w") as z:
        z.writestr("cover.txt", f"package of {OPERATIONS.get(slug, slug)}")
    store.create_job(job_id, "package", "seed", [JobItemSpec()], {"certifier": "generic-nop"})
    store.finish_job_item(job_id, 0, {"zip": str(zip_path.relative_to(ws.root))})
    return Seeded(slug, doc.sha256, inv.id, found.id, job_id, zip_path)


def seed_server(root_ws: Any, accounts: Any) -> tuple[dict[str, Seeded], dict[str, str], Any]:
    """Create the operations and users; seed each operation's own store. -> (seeded by slug, tokens, hub)."""
    from app.operations import OperationHub
    from app.queue import EmbeddedQueue
    from app.services import Services
    from auditpack.store import OperationRegistry
    from review_ui.auth import hash_password

    registry = OperationRegistry.of(accounts)
    password_hash = hash_password(PASSWORD)
    for slug, name in OPERATIONS.items():
        registry.create(slug, name, "generic-nop", actor="test")
    for user, roles in MEMBERS.items():
        accounts.add_user(user, roles.get("default", "inspector"), password_hash, actor="test")
        for slug in ("default", *OPERATIONS):
            if slug in roles:
                registry.set_role(slug, user, roles[slug], actor="test")
            elif slug == "default":
                registry.set_role(slug, user, None, actor="test")
    services = Services(root_ws, accounts)
    hub = OperationHub(services, EmbeddedQueue(services, threads=1))
    seeded = {"default": seed_operation(root_ws, accounts, "default")}
    for slug in OPERATIONS:
        scope = hub.scope(slug)
        seeded[slug] = seed_operation(scope.services.workspace, scope.services.store, slug)
    tokens = {user: make_token(accounts, user) for user in MEMBERS}
    return seeded, tokens, hub
