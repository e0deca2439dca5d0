"""Uploads (size limit, hostile names), escaping, page highlights, dashboard figures, `auditpack user add`."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from auditpack.records import SupplierCertificate
from review_ui import actions, dashboard
from review_ui.auth import Session, verify_password
from review_ui.pages import render_page
from review_ui.presenters import finding_html, records_frame
from tests.ui.seed import invoice_pdf

STAFF = Session("sam", "staff")


class FakeIngest:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def ingest_bytes(self, ws, store, filename, data, actor):  # noqa: ANN001
        self.calls.append(filename)
        return SimpleNamespace(filename=filename, status="unknown", kind=None, records=0, reason=None, problems=[])


def test_uploads_over_the_size_limit_are_refused_before_ingest(services, tmp_path):
    fake = FakeIngest()
    services.overrides["ingest"] = fake
    services.settings.ui.max_upload_mb = 0.001  # about 1 KB
    big, small = tmp_path / "big.pdf", tmp_path / "small.txt"
    big.write_bytes(b"%PDF-1.4" + b"0" * 5000)
    small.write_bytes(b"hello")
    result = actions.upload(services, STAFF, [("big.pdf", big), ("small.txt", small)])
    assert [(r.filename, r.status) for r in result.rows] == [("big.pdf", "rejected"), ("small.txt", "unknown")]
    assert "upload limit" in result.rows[0].reason and fake.calls == ["small.txt"]
    assert services.store.audit_log(limit=1)[0].actor == "sam"


@pytest.mark.parametrize("name,expected", [
    ("../../evil.pdf", "evil.pdf"), ("..\\..\\evil.pdf", "evil.pdf"), ("/etc/passwd", "passwd"),
    ("a\x00b.pdf", "ab.pdf"), ("..", "upload"), ("", "upload"),
])
def test_file_names_are_reduced_to_a_label(name, expected):
    assert actions.safe_filename(name) == expected


def test_hostile_file_names_never_write_outside_the_workspace(services, tmp_path):
    if services.missing("ingest"):
        pytest.skip(services.missing("ingest"))
    ws = services.workspace
    data, _ = invoice_pdf("INV-666")
    src = tmp_path / "upload.bin"
    src.write_bytes(data)
    names = ["../../evil.pdf", "..\\..\\evil2.pdf", "<script>alert(1)</script>.pdf"]
    before = {p for p in tmp_path.parent.rglob("*") if not p.is_relative_to(ws.root)}
    result = actions.upload(services, Session("ann", "admin"), [(n, src) for n in names])
    after = {p for p in tmp_path.parent.rglob("*") if not p.is_relative_to(ws.root)}
    assert after == before, f"written outside the workspace: {after - before}"
    assert result.rows[0].status in ("ingested", "needs_attention", "unknown", "rejected")  # stored, whatever it reads as
    assert [r.status for r in result.rows[1:]] == ["duplicate", "duplicate"]  # same content, stored once
    for doc in services.store.list_documents():
        stored = (ws.root / doc.stored_path).resolve()
        assert stored.is_relative_to(ws.originals_dir.resolve()) and doc.sha256 in stored.name
        assert "/" not in doc.filename and "\\" not in doc.filename and ".." not in doc.filename


def test_document_text_and_names_are_escaped_in_the_finding_panel(seeded, services):
    state = services.store.get_finding(seeded["findings"][0].id)
    evil = state.model_copy(update={"finding": state.finding.model_copy(update={
        "message": "<script>alert('x')</script> <img src=x onerror=alert(1)>"})})
    html = finding_html(evil, [], None, "1 of 1")
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_record_table_shows_values_not_json(seeded):
    frame = records_frame([seeded["invoice"]], "invoice")
    row = frame.iloc[0].to_dict()
    assert row["Invoice number"] == "INV-1001" and row["Lines"] == "1 item" and row["File"] == "invoice-1001.pdf"


def test_source_page_is_rendered_with_the_value_boxed(services, seeded):
    inv, doc = seeded["invoice"], seeded["document"]
    src = inv.field_sources["lines[0].lot_number"]
    view = render_page(services.workspace.root / doc.stored_path, 1, [src.bbox])
    assert view.image is not None and view.highlighted == 1
    x0, top, x1, bottom = view.boxes[0]
    r, g, b = view.image.getpixel((int((x0 + x1) / 2), int(bottom) - 1))  # below the baseline: the yellow fill
    assert r > 200 and g > 180 and b < 200
    found = render_page(services.workspace.root / doc.stored_path, 1, (), snippet="LOT-77")
    assert found.highlighted == 1  # no bbox recorded: the snippet is found on the text layer
    parts = render_page(services.workspace.root / doc.stored_path, 1, (), snippet="Valley Grain Co: LOT-77")
    assert parts.highlighted == 2  # a joined snippet: each part is boxed where it is printed


def test_dashboard_counts_certificates_cleaning_and_findings(services, seeded):
    src = seeded["invoice"].source
    today = date(2026, 3, 1)
    certs = [SupplierCertificate(id=f"c{i}", source=src, operation_name=n, status=st, anniversary_date=d)
             for i, (n, st, d) in enumerate([("Current Co", "certified", date(2026, 12, 1)),
                                             ("Soon Co", "certified", date(2026, 4, 1)),
                                             ("Gone Co", "revoked", date(2026, 12, 1))])]
    services.store.add_records(certs, actor="test")
    d = dashboard.compute(services.store, late_entry_hours=24, today=today)
    status = dict(zip(d.certificates.supplier, d.certificates.status))
    assert status["Current Co"] == "current" and status["Soon Co"].startswith("expiring")
    assert status["Gone Co"] == "expired" and status["Valley Grain Co"] == "expired"
    assert d.by_severity.set_index("severity")["open"].sum() == len(seeded["findings"])
    assert d.cleaning.iloc[0]["% in real time"] == 100.0
    assert "6 open findings" in d.headline


def test_user_add_hashes_the_password_and_checks_the_role(tmp_workspace, monkeypatch):
    from app.cli.main import app
    from auditpack.store import open_store

    runner = CliRunner()
    args = ["-w", str(tmp_workspace.root), "user", "add", "lena", "--role", "reviewer", "--password-stdin"]
    res = runner.invoke(app, args, input="a long passphrase\n")
    assert res.exit_code == 0, res.output
    bad = runner.invoke(app, args[:-3] + ["--role", "boss", "--password-stdin"], input="a long passphrase\n")
    assert bad.exit_code != 0
    store = open_store(tmp_workspace)
    user = store.get_user("lena")
    store.close()
    assert user.role == "reviewer" and "a long passphrase" not in user.password_hash
    assert verify_password(user.password_hash, "a long passphrase")


def test_decisions_survive_the_recheck_that_follows_an_upload(services, tmp_path):
    for stage in ("ingest", "knowledge"):
        if services.missing(stage):
            pytest.skip(services.missing(stage))
    from tests.ui.documents import CLEANING_CSV, invoice_pdf

    inv, log = tmp_path / "inv.pdf", tmp_path / "log.csv"
    inv.write_bytes(invoice_pdf())
    log.write_text(CLEANING_CSV, encoding="utf-8")
    ann = Session("ann", "admin")
    first = actions.upload(services, ann, [("invoice-PM-2041.pdf", inv)])
    assert first.rows[0].status == "ingested" and "Checks ran" in first.check_message
    lot = next(s for s in services.store.findings(status="open") if s.finding.rule_id == "INV-NO-LOT")
    assert actions.decide(services, ann, lot.finding.id, "accept", lot.version,
                          corrective_action="lot requested", due_date=date(2026, 6, 1)).ok
    actions.upload(services, ann, [("cleaning-log-march.csv", log)])  # runs the checks again
    again = services.store.get_finding(lot.finding.id)
    assert again.status.value == "accepted" and again.corrective_action == "lot requested"
    assert any(s.finding.rule_id == "CLEAN-NO-SIGNOFF" for s in services.store.findings(status="open"))
