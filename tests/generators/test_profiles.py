"""Profile rot, a profile written only from docs/generators.md, and broken templates."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from generators.errors import ProfileError, TemplateError, UnknownCertifierError
from generators.sections import known_sections
from generators.profiles import get_profile, list_profiles, template_path
from generators.render import check_template, render_docx

DOCS = Path(__file__).resolve().parents[2] / "docs" / "generators.md"


def test_at_least_three_profiles_with_different_order_and_naming():
    profiles = {p.id: p for p in list_profiles()}
    assert {"generic-nop", "ccof", "oregon-tilth"} <= set(profiles)
    orders = {tuple(s.id for s in p.package_sections) for p in profiles.values()}
    assert len(orders) == len(profiles)
    assert len({p.file_naming for p in profiles.values()}) == len(profiles)


@pytest.mark.parametrize("profile", list_profiles(), ids=lambda p: p.id)
def test_every_template_placeholder_names_a_real_field(profile, operation, tmp_path):
    """Render every section of every profile with StrictUndefined on a populated operation."""
    from generators.api import load_dataset
    from generators.builder import PackageBuilder

    ws, store, _ = operation
    ds = load_dataset(ws, store, profile.id)
    for kind, specs in (("package", profile.package_sections), ("renewal", profile.renewal_sections)):
        assert all(s.id in known_sections(kind) for s in specs)
        builder = PackageBuilder(ds, kind, specs, tmp_path, ws.root, pdf=False)
        ctx, _ = builder.contexts()
        for number, spec, fname in builder.plan:
            path = template_path(profile, spec.template or f"{spec.id}.docx")
            render_docx(path, {"doc": builder._doc(number, spec), **ctx[spec.id]}, tmp_path / f"{fname}.docx")
            assert "{{" not in "\n".join(p.text for p in Document(str(tmp_path / f"{fname}.docx")).paragraphs)


def test_unknown_certifier_lists_known_ids():
    with pytest.raises(UnknownCertifierError) as err:
        get_profile("no-such-agent")
    assert "ccof" in str(err.value) and "generic-nop" in str(err.value)


def _documented_profile() -> str:
    """The example profile.yaml printed in docs/generators.md (between the marker lines)."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("```yaml", text.index("<!-- example-profile -->")) + len("```yaml")
    return text[start:text.index("```", start)]


def test_profile_written_from_the_docs_builds_a_package(operation, tmp_path, monkeypatch):
    from generators.api import build_package

    folder = tmp_path / "tpl" / "certifiers" / "acme-organic"
    folder.mkdir(parents=True)
    (folder / "profile.yaml").write_text(_documented_profile(), encoding="utf-8")
    monkeypatch.setenv("AUDITPACK_TEMPLATES_DIR", str(tmp_path / "tpl"))
    assert "acme-organic" in {p.id for p in list_profiles()}
    ws, store, _ = operation
    result = build_package(ws, store, "acme-organic", tmp_path / "out", pdf=False, allow_open=True)
    assert [s["id"] for s in result.manifest["sections"]][:3] == ["cover", "products", "suppliers"]
    assert result.manifest["sections"][1]["docx"] == "docx/ACME-02-products.docx"


def test_bad_profile_names_file_and_key(tmp_path, monkeypatch):
    folder = tmp_path / "certifiers" / "bad"
    folder.mkdir(parents=True)
    (folder / "profile.yaml").write_text("id: bad\nname: Bad\npackage_sections:\n  - {id: cover, title: C}\n"
                                         "  - {id: gossip, title: G}\n")
    monkeypatch.setenv("AUDITPACK_TEMPLATES_DIR", str(tmp_path))
    with pytest.raises(ProfileError, match=r"profile.yaml: unknown package section 'gossip'"):
        get_profile("bad")


def test_broken_template_error_names_file_and_line(tmp_path):
    src = template_path(get_profile("generic-nop"), "pest.docx")
    broken = tmp_path / "pest.docx"
    shutil.copyfile(src, broken)
    doc = Document(str(broken))
    doc.paragraphs[4].text = "Total: {{ pest.total }"  # a closing brace lost while editing in Word
    doc.save(str(broken))
    with pytest.raises(TemplateError) as err:
        check_template(broken)
    assert str(broken) in str(err.value)
    assert err.value.line is not None and "line" in str(err.value)
    assert "pest.total" in str(err.value)


def test_template_naming_a_missing_field_fails_clearly(tmp_path):
    doc = Document()
    doc.add_paragraph("intro")
    doc.add_paragraph("Tonnage: {{ tonnage }}")
    path = tmp_path / "x.docx"
    doc.save(str(path))
    with pytest.raises(TemplateError, match=r"x.docx, line 2: unknown field 'tonnage'"):
        render_docx(path, {"doc": {}}, tmp_path / "out.docx")


def test_sandbox_blocks_python_internals(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ doc.__class__.__mro__ }}")
    path = tmp_path / "evil.docx"
    doc.save(str(path))
    with pytest.raises(Exception) as err:
        render_docx(path, {"doc": {}}, tmp_path / "out.docx")
    assert "unsafe" in str(err.value).lower() or "__class__" in str(err.value)
