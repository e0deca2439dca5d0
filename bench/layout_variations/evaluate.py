"""Read every generated document with ingest and score it against truth.json.

Why: the figures must be the ones a user would get, so each file goes through the real
per-file chain (`ingest.pipeline.analyze`: detect, load, classify, parse, validate) and
is scored with `ingest.accuracy.score_document`, the arithmetic of the sample bench.
Two worker processes: the machines have two cores shared with other work. The bench sits
above the composition root, so it installs AuditPack's plugins (in every worker too, as
the CLI does) before ingest is asked for its loaders, parsers and kind declarations.
"""
from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.layout_variations import truth
from bench.layout_variations.report import DocResult, KindReport, Report, miss_pattern
from ingest.accuracy import Score, score_document
from ingest.loaders import LoadOptions
from ingest.pipeline import analyze, sha256_file


def _install() -> None:
    """AuditPack's plugins in this process (imported here: generating documents needs no stage)."""
    from app.plugins import ensure_installed

    ensure_installed()


def _analyze(job: tuple[str, str]) -> tuple[str | None, list[dict], str | None]:
    path, name = job
    result = analyze(path, name, sha256_file(Path(path)), LoadOptions())
    return result.kind, result.records, result.reason


def same_kind(got: str | None, expected: str) -> bool:
    """A parser may name its document kind apart from its record kind ("cleaning_log" makes
    cleaning_event records): either name counts as the expected kind."""
    if got == expected:
        return True
    if not got:
        return False
    from ingest.parsers import by_kind

    parser = by_kind(got)
    return parser is not None and str(getattr(parser, "record_kind", "")) == expected


def evaluate(out_dir: Path, workers: int = 2) -> Report:
    _install()
    out_dir = Path(out_dir)
    docs = truth.read(out_dir)
    jobs = [(str(out_dir / d.file), Path(d.file).name) for d in docs]
    started = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_install) as pool:
            results = list(pool.map(_analyze, jobs, chunksize=4))
    else:
        results = [_analyze(j) for j in jobs]
    kinds: dict[str, KindReport] = {}
    for d in docs:
        kinds.setdefault(d.kind, KindReport(d.kind))
    details = []
    for d, (got_kind, records, _reason) in zip(docs, results):
        k = kinds[d.kind]
        classified = same_kind(got_kind, d.kind)
        k.documents += 1
        k.classified += classified
        k.got_kinds[got_kind] += 1
        k.expected += len(d.records)
        k.found += sum(1 for r in records if r.get("kind") == d.kind)
        whole = Score()
        for kind, score in score_document(d.records, records, d.file).items():
            target = kinds.setdefault(kind, KindReport(kind))
            target.score.add(score)
            target.misses.update(miss_pattern(e) for e in score.errors)
            whole.tp, whole.fp, whole.fn = whole.tp + score.tp, whole.fp + score.fp, whole.fn + score.fn
        details.append(DocResult(d.file, d.kind, d.format, d.lang, got_kind, classified, whole))
    return Report(kinds=dict(sorted(kinds.items())), seconds=time.perf_counter() - started, docs=details)
