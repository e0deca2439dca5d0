"""The record contract: names, validation, and units through pint."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from auditpack.records import MODEL_BY_KIND, PestControlEntry, SourceRef, parse_record
from auditpack.units import UnitError, convert, dimension, normalize_unit

SRC = SourceRef(document_sha256="0" * 64, filename="log.csv", cell="Log!B7", extraction_method="cell")


def test_every_kind_round_trips_through_json():
    for kind, model in MODEL_BY_KIND.items():
        rec = model(id=f"{kind.value}:1", source=SRC)
        assert parse_record(rec.model_dump(mode="json")) == rec


def test_contract_rejects_unknown_fields_and_values():
    with pytest.raises(ValidationError):
        PestControlEntry(id="p", source=SRC, level="E")
    with pytest.raises(ValidationError):
        parse_record({"id": "x", "kind": "invoice", "source": SRC.model_dump(), "vendor": "typo"})
    with pytest.raises(ValidationError):
        parse_record({"id": "x", "kind": "receipt", "source": SRC.model_dump()})


def test_pest_entry_date_field_is_a_date():
    rec = parse_record({"id": "p", "kind": "pest_control_entry", "source": SRC.model_dump(), "date": "2026-03-04"})
    assert rec.date.isoformat() == "2026-03-04"


@pytest.mark.parametrize("written,expected", [("lbs", "pound"), ("#", "pound"), ("KG", "kilogram"),
                                              ("gal", "gallon"), ("L", "liter")])
def test_units_as_paperwork_writes_them(written, expected):
    assert normalize_unit(written) == expected


def test_conversions_and_dimensions():
    assert convert(100, "lb", "kg") == pytest.approx(45.359, rel=1e-4)
    assert convert(1, "gal", "L") == pytest.approx(3.785, rel=1e-3)
    assert dimension("lbs") == "mass" and dimension("ml") == "volume"
    with pytest.raises(UnitError):
        convert(1, "kg", "L")
    with pytest.raises(UnitError):
        normalize_unit("bushels of joy")
