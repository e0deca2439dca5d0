"""The layout reader: every candidate value on a page, found the way a person reads.

Kind-agnostic by design: it reports label/value pairs (`KeyValue`, with how
they were arranged), tables (`TableBlock`, header found under title rows, rows
roled as data, subtotal, repeated header or note), check-box lines and
numbered questions, each with a `Where` to cite. It never knows what a label
means; a resolver scores these candidates against each document kind's
declared labels.
"""
from ingest.layout.candidates import (Arrangement, CellText, CheckLine, CheckOption, DocumentReading, KeyValue,
                                      PageReading, RowRole, TableBlock, TableRow, Where)
from ingest.layout.checks import checkbox_value, checked_options, read_options
from ingest.layout.composite import split_composite
from ingest.layout.reader import read_document, read_page
from ingest.layout.shapes import Part, parts_of, to_number

__all__ = [
    "Arrangement", "CellText", "CheckLine", "CheckOption", "DocumentReading", "KeyValue", "PageReading", "Part",
    "RowRole", "TableBlock", "TableRow", "Where", "checkbox_value", "checked_options", "parts_of", "read_document",
    "read_options", "read_page", "split_composite", "to_number",
]
