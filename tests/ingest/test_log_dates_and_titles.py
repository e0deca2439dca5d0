"""What a log's dates and first lines say by their arrangement (issue 12), hand-made in words of our own:
ambiguous dates read in the order that puts them close together, a lone date column that no header names
given to the field the others follow, a "Label: value" first line that is no title, and a log laid on its
side with a row named by a time mask still turned upright."""
from __future__ import annotations

from pathlib import Path

from auditpack.declarations import declarations
from ingest.layout import CellText, TableBlock, TableRow, Where, read_document
from ingest.models import LoadedDocument, Page
from ingest.normalize import dayfirst_for
from ingest.resolve.classify import title_lines
from ingest.resolve.labels import label_indexes
from ingest.resolve.tables import map_columns
from ingest.resolve.values import DocFormat
from tests.ingest.made_docs import boxed_line, csv_file, loaded

KIND = "cleaning_event"


def test_ambiguous_dates_are_read_in_the_order_that_keeps_them_close() -> None:
    # 5, 6 and 9 of one month, not the 6th of May, June and September
    assert dayfirst_for("Vat V-2 05-06-2026\nVat V-3 06-06-2026\nVat V-2 09-06-2026") is True
    assert dayfirst_for("Vat V-2 06/05/2026\nVat V-3 06/06/2026\nVat V-2 06/09/2026") is False
    # two dates are too few to say; an unambiguous date still decides first
    assert dayfirst_for("Vat 06/05/2026 then 06/06/2026") is False
    assert dayfirst_for("05-06-2026 06-06-2026 09-06-2026 13-06-2026") is True


def _table(header: list[str], rows: list[list[str]]) -> TableBlock:
    w = Where(1, "")
    return TableBlock(header=header, rows=[TableRow([CellText(t, w) for t in r]) for r in rows], where=w)


def test_a_lone_date_column_no_header_names_is_when_the_work_was_done() -> None:
    decl = declarations()[KIND]
    # the later field asked first: the cells alone fit both alike, and the first asked would take them
    paths = {p: decl.field(p) for p in ("logged_at", "performed_at", "equipment")}
    table = _table(["Sun up", "Unit"], [["2026-03-01", "Vat V-1"], ["2026-03-02", "Vat V-2"],
                                        ["2026-03-04", "Vat V-1"]])
    cmap = map_columns(table, decl, label_indexes(declarations())[KIND], paths, DocFormat.of(""), None)
    assert cmap.columns.get("performed_at") == 0
    assert "logged_at" not in cmap.columns


def test_a_date_column_whose_header_names_the_later_field_stays_there() -> None:
    decl = declarations()[KIND]
    paths = {p: decl.field(p) for p in ("performed_at", "logged_at", "equipment")}
    table = _table(["Logged at", "Unit"], [["2026-03-01", "Vat V-1"], ["2026-03-02", "Vat V-2"]])
    cmap = map_columns(table, decl, label_indexes(declarations())[KIND], paths, DocFormat.of(""), None)
    assert cmap.columns.get("logged_at") == 0


def test_a_labelled_value_on_the_first_lines_is_no_title() -> None:
    lines = [boxed_line(40, [(40.0, "Wash round sheet")]), boxed_line(60, [(40.0, "Work area:   Mill Lane")])]
    doc = LoadedDocument(filename="x.pdf", sha256="0", media_type="application/pdf",
                         pages=[Page(number=1, text="\n".join(ln.text for ln in lines), lines=lines)])
    assert title_lines(doc) == ["Wash round sheet"]


def test_a_log_on_its_side_with_a_time_mask_row_is_read_upright(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "side.csv", [
        ["Wash round sheet", "", "", ""],
        ["", "", "", ""],
        ["Unit", "Vat V-1", "Vat V-2", "Vat V-1"],
        ["Washed on", "2026-03-01", "2026-03-02", "2026-03-04"],
        ["hh:mm", "08:15", "13:40", "09:05"],
        ["Person", "Ann Vale", "Ben Ross", "Ann Vale"],
    ])
    reading = read_document(loaded(path))
    assert any(t.header[:3] == ["Unit", "Washed on", "hh:mm"] and len(t.data_rows) == 3 for t in reading.tables)


def _invoice_lines(header: list[str], rows: list[list[str]]):  # noqa: ANN202 - a ColumnMap
    decl = declarations()["invoice"]
    paths = {f"lines.{c}": f for c, f in decl.fields["lines"].columns.items()}
    return map_columns(_table(header, rows), decl, label_indexes(declarations())["invoice"], paths,
                       DocFormat.of(""), None)


def test_a_column_of_goods_is_no_yes_no_column_whatever_its_header() -> None:
    """An organic flag read from the item's own words takes a column only of answers: a header that shares
    a word with the flag's labels over the names of foods is the goods' column, even when most names say
    "organic"."""
    cmap = _invoice_lines(["Ware sent", "Qty", "Price", "Sum"],
                          [["Organic rye flakes", "4", "2.50", "10.00"], ["Organic oat bran", "2", "3.00", "6.00"],
                           ["Sea salt", "1", "1.20", "1.20"]])  # most names carry the word, yet they are names
    assert "lines.organic" not in cmap.columns
    marked = _invoice_lines(["Goods", "Organic", "Qty", "Price", "Sum"],
                            [["Rye flakes", "Yes", "4", "2.50", "10.00"], ["Oat bran", "No", "2", "3.00", "6.00"]])
    assert marked.columns.get("lines.organic") == 1
