"""Captions over plain item lines on a PDF page, told from labels over values by the page's geometry."""
from __future__ import annotations

from pathlib import Path

from ingest.layout import read_document
from tests.ingest.made_docs import lines_pdf, loaded




def _pairs(path: Path) -> dict[str, str]:
    return {kv.label: kv.value for kv in read_document(loaded(path, "hash")).key_values}


def test_evenly_spaced_alike_lines_under_a_caption_are_one_list(tmp_path: Path) -> None:
    path = lines_pdf(tmp_path / "list.pdf", [(10, 0, "Stock kept"), (10, 13, "Buckwheat Groats"), (10, 13, "Pearl Barley"),
                                        (10, 13, "Millet")])
    assert _pairs(path) == {"Stock kept": "Buckwheat Groats; Pearl Barley; Millet"}


def test_small_labels_over_values_set_apart_stay_pairs(tmp_path: Path) -> None:
    """A form's labels printed smaller over their values, each pair set off by a wider gap."""
    path = lines_pdf(tmp_path / "form.pdf", [(8, 0, "Holder"), (10, 11, "Brookhaven Mills"), (8, 16, "Region"),
                                        (10, 11, "Lower Valley"), (8, 16, "Grade"), (10, 11, "Premium")])
    pairs = _pairs(path)
    assert not any(";" in v for v in pairs.values()), pairs


def test_a_wrapped_sentence_is_no_list(tmp_path: Path) -> None:
    path = lines_pdf(tmp_path / "note.pdf", [(10, 0, "Deliveries arrive on Monday"), (10, 13, "and are checked by"),
                                        (10, 13, "the receiving clerk before"), (10, 13, "storage")])
    assert not any(";" in v for v in _pairs(path).values())
