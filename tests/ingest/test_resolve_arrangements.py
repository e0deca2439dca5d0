"""Reading improvements of the resolver for issue 12, each on a small hand-made case in words of our own."""
from __future__ import annotations

from auditpack.declarations import FieldDeclaration
from ingest.resolve.values import DocFormat, read_value


def _enum() -> FieldDeclaration:
    return FieldDeclaration(name="treatment", type="enum", meaning="What a treatment of the store room was.",
                            labels={"en": ["Treatment"]},
                            values={"fumigation": ["fumigation", "Begasungsmittel"],
                                    "trapping": ["trapping", "Fallenfang"], "baiting": ["Köderstation"]})


def test_a_value_written_as_the_head_of_a_declared_compound_reads_as_that_value() -> None:
    f = _enum()
    fmt = DocFormat.of("")
    assert read_value("Begasung", f, fmt) == "fumigation"   # the action alone, the compound declared
    assert read_value("Fallenfang", f, fmt) == "trapping"   # the declared word itself still reads


def test_a_short_or_ambiguous_head_reads_as_nothing() -> None:
    f = FieldDeclaration(name="treatment", type="enum", meaning="What a treatment of the store room was.",
                         labels={"en": ["Treatment"]},
                         values={"a": ["Begasungsmittel"], "b": ["Begasungsraum"]})
    fmt = DocFormat.of("")
    assert read_value("Begasung", f, fmt) is None   # heads two compounds of different values
    assert read_value("Köder", _enum(), fmt) is None  # five letters: too short to be sure
