"""Type detection by content; the extension only matters when it contradicts the content."""
from __future__ import annotations

import io
import zipfile

import pytest

from ingest.detect import CSV, DOCX, PDF, PNG, TEXT, detect, sniff
from ingest.errors import EmptyFile, UnsupportedType, WrongExtension
from tests.ingest.conftest import pdf_bytes


def test_pdf_is_found_by_magic_bytes_whatever_the_name() -> None:
    data = pdf_bytes(["hello"])
    assert detect(data, "scan.pdf").kind == PDF
    renamed = detect(data, "scan.docx")
    assert renamed.kind == PDF and renamed.note and "wrong extension" in renamed.note


def test_text_named_pdf_is_rejected_as_wrong_extension() -> None:
    with pytest.raises(WrongExtension, match="named .pdf"):
        detect(b"just some words\n", "report.pdf")


def test_csv_is_sniffed_with_semicolons() -> None:
    assert sniff(b"date;equipment;operator\n2026-01-02;Mixer;A. B.\n2026-01-03;Oven;C. D.\n") == CSV
    assert sniff(b"A letter, with a comma.\nAnother line.\n") == TEXT


def test_empty_json_zip_and_unknown_binary_have_reasons() -> None:
    with pytest.raises(EmptyFile):
        sniff(b"")
    with pytest.raises(UnsupportedType, match="JSON"):
        sniff(b'{"a": 1}')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(UnsupportedType, match="ZIP"):
        sniff(buf.getvalue())
    with pytest.raises(UnsupportedType):
        sniff(bytes(range(256)) * 4)


def test_office_and_image_signatures() -> None:
    import docx
    from PIL import Image

    buf = io.BytesIO()
    docx.Document().save(buf)
    assert sniff(buf.getvalue()) == DOCX
    img = io.BytesIO()
    Image.new("RGB", (10, 10)).save(img, "PNG")
    assert sniff(img.getvalue()) == PNG


def test_a_zip_directory_the_reader_cannot_handle_is_a_corrupt_file() -> None:
    from ingest.errors import CorruptFile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    raw = bytearray(buf.getvalue())
    cd = raw.find(b"PK\x01\x02")
    raw[cd + 6: cd + 8] = (212).to_bytes(2, "little")  # "version needed to extract" 21.2: a flipped byte
    with pytest.raises(CorruptFile, match="NotImplementedError: zip file version 21.2"):
        detect(bytes(raw), "x.docx")
