"""Images (JPEG, PNG, TIFF incl. multi-page, a phone photo of a certificate): OCR every frame.

The pixel budget (`ingest.max_image_pixels`) is checked on each frame's header size before any
pixel is decoded: a decompression bomb (a small PNG that unpacks to gigapixels) is refused with
its size, not discovered by running out of memory.
"""
from __future__ import annotations

import io

from ingest.detect import JPEG, OTHER_IMAGE, PNG, TIFF
from ingest.errors import CorruptFile, OverBudget, ZeroPages
from ingest.loaders import LoadOptions
from ingest.loaders.ocr import ocr_image
from ingest.models import Page

LIBRARIES = ("PIL", "pytesseract")


def library_errors() -> tuple[type[BaseException], ...]:
    from PIL import Image, UnidentifiedImageError

    return (UnidentifiedImageError, Image.DecompressionBombError)


def _check_size(img, limit: int) -> None:
    width, height = img.size
    if width * height > limit:
        raise OverBudget("image pixels", width * height, limit, "max_image_pixels")


def load_image(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    limit = opts.limits.max_image_pixels
    Image.MAX_IMAGE_PIXELS = limit  # PIL's own guard, for any path that decodes without asking us
    try:
        img = Image.open(io.BytesIO(data))
        _check_size(img, limit)
        frames = getattr(img, "n_frames", 1)
        if frames > opts.max_pages:
            raise OverBudget("image frames (pages)", frames, opts.max_pages, "max_pages")
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise CorruptFile(f"image: {type(exc).__name__}: {exc}") from exc
    pages = []
    for i, frame in enumerate(ImageSequence.Iterator(img), start=1):
        _check_size(frame, limit)
        frame = frame.copy()
        if max(frame.size) < 1200:  # small photos OCR better enlarged
            f = 1200 / max(frame.size)
            frame = frame.resize((max(1, int(frame.width * f)), max(1, int(frame.height * f))))
            pages.append(ocr_image(frame, i, scale=1 / f, timeout=opts.limits.timeout_s))
        else:
            pages.append(ocr_image(frame, i, timeout=opts.limits.timeout_s))
    if not pages:
        raise ZeroPages("the image has no frames")
    return pages, [f"OCR on {len(pages)} image page(s)"]
