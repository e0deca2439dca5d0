"""Layout profiles: the format refuses what would silently do nothing, shipped profiles load against the
declarations (template rot), a matching profile reads its layout, and workspace profiles are listed,
exported, imported and retired (never deleted) from the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from app.cli.main import app
from auditpack.declarations import declarations
from ingest.models import Line, LoadedDocument, Page
from ingest.pipeline import parse_document
from ingest.profiles.api import LayoutProfile, ProfileError, active_profiles, best_match, layouts_dir
from ingest.profiles.apply import profile_declaration
from ingest.profiles.io import check_profile, parse_profile, shipped_profiles

DANFE = ["RECEBEMOS DE EXEMPLO ORGANICOS LTDA OS PRODUTOS CONSTANTES DA NOTA FISCAL   NF-e",
         "EMISSÃO: 05/02/2025 VALOR TOTAL: R$ 1.234,50 DESTINATÁRIO: ACME",
         "DANFE", "Nº 000.004.321",
         "CÓDIGO DESCRIÇÃO NCM/SH CST CFOP UN QUANT VALOR UNIT VALOR TOTAL",
         "77 ACUCAR DEMERARA ORGANICO   17011400 041 5101 KG 150,000 8,23 1.234,50 0,00",
         "cristal"]


def _doc(lines: list[str], sha: str = "a" * 64) -> LoadedDocument:
    return LoadedDocument(sha256=sha, filename="nota.pdf", media_type="application/pdf",
                          pages=[Page(number=1, text="\n".join(lines), lines=[Line(text=t) for t in lines])])


def _profile(**fields) -> dict:
    return {"name": "acme", "kind": "invoice", "fingerprint": {"issuer": ["Acme Foods"]}, "fields": fields}


@pytest.mark.parametrize("sp", shipped_profiles(), ids=lambda sp: sp.profile.name)
def test_every_shipped_profile_loads_against_the_declarations(sp) -> None:  # noqa: ANN001
    check_profile(sp.profile, declarations())
    assert profile_declaration(sp.profile, declarations()[sp.profile.kind]) is None or sp.profile.fields


@pytest.mark.parametrize("data,message", [
    (_profile(invoice_numbr={"label": "Ref"}), "invoice_numbr"),
    (_profile(invoice_number={"label": "Ref", "pattern": "Ref (\\d+)"}), "exactly one"),
    (_profile(invoice_number={"pattern": "Ref \\d+"}), "group"),
    (_profile(**{"lines.quantity": {"label": "Qty"}}), "column"),
    ({**_profile(invoice_number={"label": "Ref"}), "fingerprint": {}}, "would match every document"),
    ({**_profile(invoice_number={"label": "Ref"}), "kind": "receipt"}, "not declared"),
    ({**_profile(invoice_number={"label": "Ref"}), "colour": "red"}, "colour"),
])
def test_a_profile_that_would_do_nothing_or_harm_is_refused(data: dict, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        parse_profile(data)


def test_the_nfe_profile_reads_a_danfe_number_date_total_and_rows() -> None:
    a = parse_document(_doc(DANFE), embeddings="hash")
    assert a.kind == "invoice" and len(a.records) == 1
    r = a.records[0]
    assert (r["invoice_number"], r["invoice_date"], r["total"]) == ("000004321", "2025-02-05", 1234.5)
    assert r["supplier_name"] == "EXEMPLO ORGANICOS LTDA"
    # Brazilian numbers (150,000 is a hundred and fifty), the unit mapped, the wrapped description joined
    assert [(x["description"], x["quantity"], x["unit"], x["unit_price"], x["amount"], x["organic"])
            for x in r["lines"]] == [("ACUCAR DEMERARA ORGANICO cristal", 150.0, "kg", 8.23, 1234.5, True)]
    assert r["field_sources"]["total"]["span"].startswith("EMISSÃO") and r["field_sources"]["total"]["page"] == 1
    assert any("nfe-danfe" in p.message and p.severity == "info" for p in a.problems)


def test_a_document_without_the_fingerprint_is_not_read_with_the_profile() -> None:
    lines = [x.replace("DANFE", "DOCUMENTO") for x in DANFE]
    assert best_match(_doc(lines), active_profiles()) is None
    a = parse_document(_doc(lines), embeddings="hash")
    assert not any("layout profile" in p.message for p in a.problems)


def test_a_profile_declaration_changes_only_its_own_read() -> None:
    """Exact labels of a profile reach the reader through a copy: the shipped declaration is untouched,
    and the same profile gets the same copy (the resolver's caches are keyed by it)."""
    p = parse_profile(_profile(invoice_number={"label": "Voucher ref"}))
    base = declarations()["invoice"]
    copy = profile_declaration(p, base)
    assert "Voucher ref" in copy.all_labels("invoice_number")
    assert "Voucher ref" not in base.all_labels("invoice_number")
    assert profile_declaration(p, base) is copy


def _invoke(ws: Path, *args: str):  # noqa: ANN202
    return CliRunner().invoke(app, ["--workspace", str(ws), "layouts", *args])


def test_layouts_cli_imports_lists_exports_and_retires_without_deleting(tmp_workspace, tmp_path: Path) -> None:
    src = tmp_path / "acme.yaml"
    src.write_text(yaml.safe_dump(_profile(invoice_number={"label": "Voucher ref"})), encoding="utf-8")
    root = tmp_workspace.root
    assert _invoke(root, "import", str(src)).exit_code == 0
    again = _invoke(root, "import", str(src))
    assert again.exit_code != 0 and "exists" in str(again.exception)  # run() prints it as one line
    listed = {r["name"]: r for r in json.loads(_invoke(root, "list", "--json").stdout)}
    assert listed["acme"]["origin"] == "workspace" and listed["acme"]["status"] == "active"
    assert listed["nfe-danfe"]["origin"] == "shipped"
    exported = _invoke(root, "export", "acme").stdout
    assert LayoutProfile.model_validate(yaml.safe_load(exported)).fields["invoice_number"].label == "Voucher ref"
    assert _invoke(root, "retire", "acme").exit_code == 0
    assert (layouts_dir(root) / "acme.yaml").exists()  # kept, marked
    assert json.loads(_invoke(root, "list", "--json").stdout)[0]["status"] == "retired"
    assert "acme" not in {p.name for p in active_profiles(layouts_dir(root))}
    shipped = _invoke(root, "retire", "nfe-danfe")
    assert shipped.exit_code != 0 and "workspace profile" in str(shipped.exception)


def test_a_broken_workspace_profile_is_one_clear_error_before_ingest(tmp_workspace, tmp_path: Path) -> None:
    layouts_dir(tmp_workspace.root).mkdir()
    (layouts_dir(tmp_workspace.root) / "bad.yaml").write_text("name: bad\nkind: invoice\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    out = CliRunner().invoke(app, ["--workspace", str(tmp_workspace.root), "ingest", str(tmp_path / "in")])
    assert out.exit_code != 0 and isinstance(out.exception, ProfileError) and "bad.yaml" in str(out.exception)
