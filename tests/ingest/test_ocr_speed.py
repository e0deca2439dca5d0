"""Readers share the cores among their Tesseract runs, and read the same words doing so.

Tesseract's OpenMP starts a thread per core in every run; with one reader per core, two runs at once spin
threads against each other and take CPU from the reader parsing text pages. Each reader now lets its
Tesseract runs use its share of the cores (`OMP_THREAD_LIMIT`), unless the user chose a limit. The time
saved is printed by `bench/ingest.py`; here, that the limit reaches the readers and changes no word.
"""
from __future__ import annotations

import os

import pytest
from PIL import Image, ImageDraw, ImageFont

from auditpack.settings import IngestSettings
from ingest.loaders import ocr
from ingest.workers import DocumentPool, ocr_threads


def _thread_limit() -> str | None:
    return os.environ.get("OMP_THREAD_LIMIT")


def _limit_in_a_reader(workers: int) -> str | None:
    pool = DocumentPool(workers, IngestSettings())
    try:
        return pool.submit(_thread_limit).result(timeout=60)
    finally:
        pool.close()


def test_readers_share_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    cores = os.cpu_count() or 1
    assert _limit_in_a_reader(2) == str(max(1, cores // 2))
    assert _limit_in_a_reader(1) == str(cores)  # a lone reader may use every core
    assert os.environ.get("OMP_THREAD_LIMIT") is None  # the main process is left as it was


def test_a_limit_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "3")
    assert _limit_in_a_reader(2) == "3"


def test_ocr_threads_never_drops_below_one() -> None:
    assert ocr_threads(10_000) == 1


def _page() -> Image.Image:
    image = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    for i, text in enumerate(["Certificate of Organic Operation", "Operation: Valley Grain Co",
                              "Certified products: rolled oats; wheat flour", "Anniversary date: June 1, 2027"]):
        draw.text((80, 100 + 70 * i), text, fill=20, font=font)
    return image


def test_one_thread_reads_the_same_words_and_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    default = ocr.ocr_image(_page(), 1)
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    single = ocr.ocr_image(_page(), 1)
    assert "Valley" in default.text and "oats;" in default.text
    assert [(w.text, w.bbox, w.conf) for ln in single.lines for w in ln.words] == \
        [(w.text, w.bbox, w.conf) for ln in default.lines for w in ln.words]
