"""The loader boundary: bad bytes become a reason, budgets are checked, bugs stay bugs.

A reader library that meets bytes it cannot parse raises whatever it raises (pdfminer's
`PdfminerException: Non-Ascii85 digit found`, a bare `KeyError` from a zip directory, lxml's
`XMLSyntaxError`...). Each `LoaderSpec` lists, as data, the exception types its libraries raise
(`errors`) and the libraries themselves (`libraries`): an exception of a listed type, or any
exception raised from inside a listed library's code, is a corrupt file with the library's own
words. An exception raised in AuditPack's own code is a bug and passes through untouched (the
pipeline reports it as an internal error with its traceback).

Running out of the worker's memory (the cap set by `ingest.budget.limit_worker`) or of Python's
recursion depth on a deeply nested structure is "too large / too complex", as are documents over
the page or text budgets of `settings.ingest`.
"""
from __future__ import annotations

import sys

from ingest.errors import CorruptFile, DocumentError, OverBudget
from ingest.loaders import Loader, LoaderSpec, LoadOptions
from ingest.models import Page

# standard-library modules that parse bytes for the readers (zip directories, deflate streams, XML, CSV)
STDLIB_READERS = ("zipfile", "zlib", "gzip", "lzma", "bz2", "xml", "pyexpat", "csv", "codecs", "encodings",
                  "binascii", "base64", "struct")


def raised_in(exc: BaseException, libraries: tuple[str, ...]) -> bool:
    """Whether the innermost frame of `exc`'s traceback is code of one of `libraries` (top-level names)."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    return module.split(".", 1)[0] in libraries


def _words(exc: BaseException) -> str:
    """The library's own words, with the first line of what caused it when it wrapped another error
    (openpyxl's "Unable to read workbook" hides defusedxml's "EntitiesForbidden")."""
    text = str(exc).split("\n", 1)[0].strip()
    out = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    cause = exc.__cause__ or exc.__context__
    if cause is not None and not isinstance(cause, (KeyboardInterrupt, SystemExit)):
        inner = str(cause).split("\n", 1)[0].strip()
        out += f" (caused by {type(cause).__name__}{': ' + inner if inner else ''})"
    return out


def check_pages(pages: list[Page], opts: LoadOptions) -> None:
    """The budgets every format shares: page count and text length."""
    limits = opts.limits
    if len(pages) > limits.max_pages:
        raise OverBudget("page count", len(pages), limits.max_pages, "max_pages")
    chars = sum(len(p.text) for p in pages)
    if chars > limits.max_text_chars:
        raise OverBudget("characters of text", chars, limits.max_text_chars, "max_text_chars")


def guarded(spec: LoaderSpec) -> Loader:
    """`spec.load`, with its libraries' exceptions turned into `DocumentError`s and the budgets checked."""
    libraries = spec.libraries + STDLIB_READERS
    label = spec.label or "/".join(spec.formats)

    def load(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
        try:
            pages, notes = spec.load(data, opts)
        except DocumentError:
            raise
        except MemoryError as exc:
            raise OverBudget("memory needed to read it", None, f"{opts.limits.worker_memory_mb} MB",
                             "worker_memory_mb") from exc
        except RecursionError as exc:
            raise OverBudget("nesting depth of its structure", None, f"{sys.getrecursionlimit()} levels") from exc
        except Exception as exc:
            if isinstance(exc, spec.errors) or raised_in(exc, libraries):
                raise CorruptFile(f"{label}: {_words(exc)}") from exc
            raise  # a bug in AuditPack: the pipeline keeps its traceback
        check_pages(pages, opts)
        return pages, notes

    return load
