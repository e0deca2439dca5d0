"""`auditpack oid import`: the real OID extract loads; an export's status drives CERT-NOT-CURRENT."""
from __future__ import annotations

from datetime import date

import pytest

from knowledge.api import import_oid, run_check
from knowledge.oid import OidImportError
from tests.knowledge import factory as f
from tests.knowledge.test_check_run import add

COLUMNS = ("Operation Name,Certifier Name,Operation ID,Operation Certification Status,"
           "Effective Date of Operation Status,Data as of Date")


@pytest.mark.realdocs
def test_real_oid_export_loads(tmp_workspace, store, real_documents):
    path = real_documents / "certificates" / "oid_export" / "NC_USDA_Integrity_2019_subset_geocoded.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    n = import_oid(tmp_workspace, store, path)
    entries = store.oid_entries()
    assert n == len(entries) > 800
    hughes = next(e for e in entries if e.operation_name == "Hughes Organic Farms LLC")
    assert hughes.certifier == "Global Organic Alliance, Inc" and hughes.data_as_of.date() == date(2018, 5, 30)
    assert hughes.status is None, "this extract has no status column: unknown, not certified"


def test_oid_status_on_receipt_date_raises_cert_not_current(tmp_workspace, store, tmp_path):
    csv = tmp_path / "oid.csv"
    csv.write_text(f"{COLUMNS}\nValley Grain Co.,Test Certifier,123,Suspended,02/01/2026,2026-03-30\n")
    add(store, [f.invoice(), f.certificate(), f.plan()])
    assert import_oid(tmp_workspace, store, csv) == 1
    run = run_check(tmp_workspace, store, as_of=date(2026, 3, 31))
    [finding] = [x for x in run.findings if x.rule_id == "CERT-NOT-CURRENT"]
    assert "suspended" in finding.message and "OID export" in finding.message


def test_not_an_oid_export_is_refused(tmp_workspace, store, tmp_path):
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(OidImportError, match="Operation Name"):
        import_oid(tmp_workspace, store, other)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(OidImportError, match=".csv or .xlsx"):
        import_oid(tmp_workspace, store, pdf)


def test_xlsx_export_loads(tmp_workspace, store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS.split(","))
    ws.append(["Hill Farms LLC", "Cert Co", "55", "Certified", "2024-01-05", "2026-03-30"])
    ws.append([None, None, None, None, None, None])  # blank rows are skipped
    path = tmp_path / "oid.xlsx"
    wb.save(path)
    assert import_oid(tmp_workspace, store, path) == 1
    [e] = store.oid_entries()
    assert (e.operation_name, e.status, e.nop_id, e.status_date.year) == ("Hill Farms LLC", "certified", "55", 2024)
