"""A small picture of each document's first page for the Documents list, made on first view and kept.

The list must stay fast with thousands of documents, so listing never renders anything: each row only
names `thumbnails/<sha256>.png`, and the browser asks for the pictures of the rows it shows. The first
request renders the picture (pypdfium2 for a PDF's first page, Pillow for an image) about 120 px wide
and keeps it in `<workspace>/thumbnails/<sha256>.png`; an original never changes (it is stored by its
hash), so every later request is a file read and the browser may cache it. A DOCX, spreadsheet or CSV
has no page picture: it gets a neutral page icon with its format written on it, so every row looks alike.

The route is served by the same app as the UI and sits behind its sign-in gate (`review_ui/web_auth.py`);
it takes only a sha256 from the request and finds the file through the store, never a path.
"""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from review_ui.pages import IMAGE_SUFFIXES
from review_ui.ports import Services

WIDTH = 120  # px: sharp at the list's 40 css px on a high-density screen, a few KB each
MAX_HEIGHT = 180  # px: a long receipt is cut, not squeezed
FOLDER = "thumbnails"
ROUTE = "/thumbnails/{name}"
SHA = re.compile(r"[0-9a-f]{64}")
CACHE = "private, max-age=604800, immutable"  # the picture of a content hash never changes


def url(sha256: str) -> str:
    """Where the list's image points: relative, so it also works when the UI is mounted under a path."""
    return f"{FOLDER}/{sha256}.png"


def cell(sha256: str) -> str:
    """The list cell (Markdown with HTML): loaded by the browser only when the row is shown."""
    return f'<img src="{url(sha256)}" alt="" loading="lazy" width="40" class="ap-thumb">'


def cached_path(root: Path, sha256: str) -> Path:
    return root / FOLDER / f"{sha256}.png"


def _pdf_first_page(path: Path) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        width = page.get_width() or WIDTH
        image = page.render(scale=WIDTH / width).to_pil()
        page.close()
        return image
    finally:
        pdf.close()


def _image(path: Path) -> Image.Image:
    with Image.open(path) as img:
        img.draft("RGB", (WIDTH * 2, MAX_HEIGHT * 2))  # JPEG: decode at a fraction of the size
        small = ImageOps.exif_transpose(img.convert("RGB"))
        small.thumbnail((WIDTH, 10 * WIDTH))
        return small


def icon(label: str) -> Image.Image:
    """A neutral page with a folded corner and the format ("XLSX") for files that have no page picture."""
    h = int(WIDTH * 1.3)
    img = Image.new("RGB", (WIDTH, h), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    fold = WIDTH // 4
    draw.polygon([(8, 4), (WIDTH - 8 - fold, 4), (WIDTH - 8, 4 + fold), (WIDTH - 8, h - 4), (8, h - 4)],
                 fill=(241, 243, 240), outline=(150, 156, 150))
    draw.polygon([(WIDTH - 8 - fold, 4), (WIDTH - 8 - fold, 4 + fold), (WIDTH - 8, 4 + fold)],
                 fill=(214, 219, 212), outline=(150, 156, 150))
    for y in range(40, h - 40, 12):
        draw.line([(20, y), (WIDTH - 20, y)], fill=(205, 209, 204), width=3)
    text = (label or "file").upper()[:5]
    box = draw.textbbox((0, 0), text, font_size=22)
    tw, th = box[2] - box[0], box[3] - box[1]
    draw.rectangle([(WIDTH - tw) / 2 - 6, h - 38 - 6, (WIDTH + tw) / 2 + 6, h - 38 + th + 10], fill=(63, 90, 70))
    draw.text(((WIDTH - tw) / 2, h - 38), text, fill=(255, 255, 255), font_size=22)
    return img


def render(original: Path) -> Image.Image:
    """The first page of `original`, about WIDTH px wide; an icon when it has no page or cannot be drawn."""
    suffix = original.suffix.lower()
    try:
        if suffix == ".pdf":
            img = _pdf_first_page(original)
        elif suffix in IMAGE_SUFFIXES:
            img = _image(original)
        else:
            return icon(suffix.lstrip("."))
    except Exception:  # noqa: BLE001 - a file ingest rejected (encrypted, broken) still gets a picture
        return icon(suffix.lstrip(".") or "file")
    return img.crop((0, 0, img.width, min(img.height, MAX_HEIGHT))) if img.height > MAX_HEIGHT else img


def thumbnail(root: Path, sha256: str, stored_path: str) -> Path:
    """The cached picture of a document, rendered and kept on first use (written whole: a second request
    at the same moment reads either nothing yet or the finished file, never half of one)."""
    out = cached_path(root, sha256)
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.{secrets.token_hex(4)}.tmp")
    render(root / stored_path).save(tmp, "PNG", optimize=True)
    os.replace(tmp, out)
    return out


def routes(services: Services) -> list[Route]:
    """`GET /thumbnails/<sha256>.png`: mounted with the UI, so the sign-in gate answers first."""

    def serve(request: Request) -> Response:  # sync: Starlette runs it in a worker thread (store, rendering)
        name = request.path_params["name"]
        sha = name[:-4] if name.endswith(".png") else ""
        if not SHA.fullmatch(sha):
            return JSONResponse({"detail": "not a document id"}, status_code=404)
        info = services.store.get_document(sha)
        root = services.workspace.root
        if info is None or not info.stored_path:
            return JSONResponse({"detail": "no such document"}, status_code=404)
        original = (root / info.stored_path).resolve()
        if not original.is_relative_to(root.resolve()) or not original.exists():
            return JSONResponse({"detail": "the original is missing from the workspace"}, status_code=404)
        return FileResponse(thumbnail(root, sha, info.stored_path), media_type="image/png",
                            headers={"Cache-Control": CACHE})

    return [Route(ROUTE, serve, methods=["GET"])]
