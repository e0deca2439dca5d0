"""The scanned certificate: a letterhead page photographed by an office scanner.

The page is drawn with larger text (>= 11 pt, so OCR at 200 dpi is reliable),
rasterised with pdfium, rotated by at most 1.5 degrees, speckled with seeded
noise and a grey cast, and embedded as the only content of a new PDF page:
there is no text layer, so ingest must OCR it.
"""
from __future__ import annotations

import io
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader

from sample.writers import cert_letterhead
from sample.writers.pdfkit import canvas

DPI = 200
W, H = letter


def _render(spec) -> Image.Image:
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    c = canvas(buf, "scan")
    cert_letterhead.draw(c, spec.records[0], spec.context, big=True)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    image = pdf[0].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    return image


def scanned(image: Image.Image, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(-1.5, 1.5))
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(image, dtype=np.int16)
    a = a - 18 + rng.normal(0, 9, a.shape).astype(np.int16)  # paper cast and sensor noise
    specks = rng.random(a.shape) < 0.0008
    a[specks] = 40
    image = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    return image.filter(ImageFilter.GaussianBlur(0.4))


def write(spec, path: Path) -> list[int]:
    image = scanned(_render(spec), zlib.crc32(spec.file.encode()))
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=72, optimize=False)
    jpeg.seek(0)
    c = canvas(path, "Scanned document")
    c.drawImage(ImageReader(jpeg), 0, 0, W, H)
    c.showPage()
    c.save()
    return [1]
