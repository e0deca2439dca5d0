"""Worker processes for ingest: a memory cap per worker, a time limit per document.

The main process never reads a document; it hands each stored original to a pebble `ProcessPool`
(forked workers, so they inherit the installed plugins). Two budgets are enforced here rather than
trusted to the readers:

* memory: each worker caps its own data memory at `ingest.worker_memory_mb` (RLIMIT_DATA: heap and
  private mappings, which is what a reader's allocations grow; the address space would also count
  the embedding model's reserved but untouched mappings). An allocation past the cap fails with
  `MemoryError` in the reader, which the loader guard turns into "too large / too complex"; a C
  library that aborts instead takes only its worker down, and pebble starts a new one.
* time: a document still being read after `ingest.timeout_s` has its worker stopped and replaced;
  the rest of the batch goes on.

Either way the document gets a reason, never the batch.
"""
from __future__ import annotations

import os
import resource
import signal
import traceback
from collections.abc import Callable
from concurrent.futures import Future, TimeoutError

from auditpack.records import Status
from auditpack.settings import IngestSettings
from ingest.errors import CorruptFile, OverBudget
from ingest.pipeline import Analysis, warm

HEADROOM_MB = 512  # a worker forked from a process already larger than the cap gets this much on top


def _vm_data() -> int:
    """This process's data memory in bytes (Linux /proc), 0 when unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def ocr_threads(workers: int) -> int:
    """Threads each Tesseract run may use: the CPU cores shared among the readers. Tesseract's OpenMP
    otherwise starts a thread per core in every reader at once; on 2 cores with 2 readers a page cost
    1.7-2.2 s CPU instead of 1.0-1.4 s, for the same words (TSV compared byte for byte), and the CPU
    it spun away was the other reader's."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def limit_worker(memory_mb: int, threads: int | None = None) -> None:
    """Worker initializer: cap this process's data memory (inherited by Tesseract, which it starts),
    share the cores among the readers' Tesseract runs (`OMP_THREAD_LIMIT`, unless the user set it),
    and keep the readers' own complaints about bad bytes off the user's terminal (each document gets
    its reason; pypdf's "incorrect startxref pointer" between progress lines helps nobody)."""
    import logging
    import warnings

    if threads is not None:
        os.environ.setdefault("OMP_THREAD_LIMIT", str(threads))

    for name in ("pypdf", "pdfminer", "pdfplumber", "PIL", "openpyxl"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"(PIL|openpyxl|pypdf|pdfminer|pdfplumber|xlrd|docx)(\.|$)")
    cap = max(memory_mb * 1024 * 1024, _vm_data() + HEADROOM_MB * 1024 * 1024)
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))


def _signal_name(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            pass
    return f"exit code {code}"


class DocumentPool:
    """Run `analyze` for one document per task, each within the time and memory budgets."""

    def __init__(self, workers: int, limits: IngestSettings, warm_readers: bool = True) -> None:
        """`warm_readers`: load the readers in this process before the pool forks its workers, so each starts
        with them (ingest/pipeline.py `warm`). Only for a process whose one thread submits (the CLI): in a
        server, task threads submit to a kept pool at once, and loading modules in one thread while another
        makes pebble fork left readers that never answered (CI: a job at 0/4 for 240 s)."""
        from pebble import ProcessPool

        self.limits = limits
        self._pool = ProcessPool(max_workers=max(1, workers), initializer=limit_worker,
                                 initargs=(limits.worker_memory_mb, ocr_threads(max(1, workers))))
        self._warm = not warm_readers

    def submit(self, fn: Callable[..., Analysis], *args: object) -> Future:
        if not self._warm:  # pebble forks the readers at the first task (and a replacement at any time)
            warm()
            self._warm = True
        return self._pool.schedule(fn, args=args, timeout=self.limits.timeout_s)

    def result(self, future: Future) -> Analysis:
        """The worker's Analysis, or a rejection saying which budget the document broke."""
        from pebble import ProcessExpired

        try:
            return future.result()
        except TimeoutError:
            reason = OverBudget("time to read it", None, f"{self.limits.timeout_s:g} s", "timeout_s").detail
        except ProcessExpired as exc:
            reason = CorruptFile(f"the reader process died on it ({_signal_name(exc.exitcode)}): a damaged or "
                                 f"hostile file, or one needing more than the {self.limits.worker_memory_mb} MB "
                                 "worker memory cap (setting ingest.worker_memory_mb)").detail
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back: a bug, kept as one
            return Analysis(status=Status.REJECTED, reason=f"internal error: {type(exc).__name__}: {exc}",
                            traceback=getattr(exc, "traceback", None) or traceback.format_exc())
        return Analysis(status=Status.REJECTED, reason=reason)

    @property
    def active(self) -> bool:
        """False once closed or stopped (a kept pool is then started again: ingest/reader_pool.py)."""
        return bool(self._pool.active)

    def close(self, wait: bool = True) -> None:
        if wait:
            self._pool.close()
        else:
            self._pool.stop()
        self._pool.join()
