"""A number written on the letters before it is a code (a lot such as "QK7731-2"), never an amount (issue 12)."""
from __future__ import annotations

import pytest

from auditpack.declarations import declarations
from ingest.resolve.values import DocFormat, read_value


@pytest.mark.parametrize(("text", "read"), [
    ("QK7731-2", None),
    ("RT40112/26", None),
    ("77120-3", None),
    ("QK7731-2 (45 kg)", (45.0, "kg")),  # a code with its measure: the measure
    ("about 45 kg", (45.0, "kg")),       # a word apart from the number says nothing of it
    ("45kg", (45.0, "kg")),
    ("7.5", (7.5, None)),
])
def test_a_code_is_no_quantity(text: str, read: tuple | None) -> None:
    f = declarations()["batch_record"].field("output_quantity")
    assert read_value(text, f, DocFormat(False, False)) == read
