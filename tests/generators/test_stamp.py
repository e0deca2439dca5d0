"""Evidence pages carry `E-n p. k/m`, where a reader of the printed appendix looks for it."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.pdfgen import canvas

from generators.assemble import appendix_pdf


def _original(path: Path) -> None:
    """Two pages; the second leaves its graphics state scaled and shifted, as some producers do."""
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.drawString(72, 700, "Receiving log page one")
    c.showPage()
    c.drawString(72, 700, "Receiving log page two")
    c._code.append("0.5 0 0 0.5 300 300 cm")  # an unbalanced transform left at the end of the content
    c.showPage()
    c.save()


def test_every_original_page_is_stamped_bottom_right_and_keeps_its_text(tmp_path):
    index, original, out = tmp_path / "index.pdf", tmp_path / "log.pdf", tmp_path / "appendix.pdf"
    c = canvas.Canvas(str(index), invariant=1)
    c.drawString(72, 700, "10. Evidence appendix")
    c.save()
    _original(original)
    assert appendix_pdf(("10. Evidence appendix", index), [("E-3 log.pdf", original)], out) == []
    with pdfplumber.open(out) as pdf:
        assert "E-" not in pdf.pages[0].extract_text()  # the index itself is not an original
        for k, page in enumerate(pdf.pages[1:], 1):
            text = page.extract_text()
            assert f"Receiving log page {['one', 'two'][k - 1]}" in text
            words = {w["text"]: w for w in page.extract_words()}
            assert f"{k}/2" in words and "E-3" in words, text
            stamp = words["E-3"]
            # inside the page, in the bottom-right corner, at its normal size even after page two's transform
            assert page.width * 0.75 < stamp["x0"] < words[f"{k}/2"]["x1"] <= page.width
            assert page.height - 20 < stamp["bottom"] <= page.height
            assert 6 < stamp["bottom"] - stamp["top"] < 9
