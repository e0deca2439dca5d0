"""Images (JPEG, PNG, TIFF incl. multi-page, a phone photo of a certificate): OCR every frame."""
from __future__ import annotations

import io

from ingest.detect import JPEG, OTHER_IMAGE, PNG, TIFF
from ingest.errors import CorruptFile, ZeroPages
from ingest.loaders import LoadOptions
from ingest.loaders.ocr import ocr_image
from ingest.models import Page


def load_image(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise CorruptFile(f"corrupt or truncated image ({exc})") from exc
    pages = []
    for i, frame in enumerate(ImageSequence.Iterator(img), start=1):
        if i > opts.max_pages:
            break
        frame = frame.copy()
        if max(frame.size) < 1200:  # small photos OCR better enlarged
            f = 1200 / max(frame.size)
            frame = frame.resize((int(frame.width * f), int(frame.height * f)))
            pages.append(ocr_image(frame, i, scale=1 / f))
        else:
            pages.append(ocr_image(frame, i))
    if not pages:
        raise ZeroPages("the image has no frames")
    return pages, [f"OCR on {len(pages)} image page(s)"]
