"""`auditpack demo`: the whole flow on the embedded defaults.

sample documents -> ingest -> regulation corpus -> checks -> audit package.
Part of the composition root (`app`): it reaches the stages through their
`api` modules only. The command that prints its result is `app/cli/demo.py`.
"""
from __future__ import annotations

import json
import time
from contextlib import closing
from pathlib import Path

from pydantic import BaseModel

from app.cli.context import console, progress
from auditpack.errors import WorkspaceError
from auditpack.store.protocol import Store
from auditpack.workspace import CONFIG_NAME, Workspace, init_workspace, open_workspace

DEFAULT_DEMO_DIR = Path("demo-output")
DEMO_ACTOR = "demo"


class DemoResult(BaseModel):
    sample_dir: Path
    workspace: Path
    documents: int
    rejected: int
    records: int
    findings_by_severity: dict[str, int]
    corpus_loaded: bool
    package_zip: Path | None
    seconds: float


def claim_for_demo(ws: Workspace, store: Store) -> None:
    """Refuse a workspace that holds documents the demo did not ingest.

    The demo ingests a fictional operation's documents; in a workspace with real
    documents those would supersede real records of the same file names and mix
    fictional findings into a real audit trail. Documents remember who ingested
    them, so a workspace the demo filled itself can be run again."""
    others = [d for d in store.list_documents() if d.ingested_by != DEMO_ACTOR]
    if others:
        raise WorkspaceError(
            f"{ws.root} holds {len(others)} documents the demo did not ingest (e.g. {others[0].filename!r}); "
            "the demo never writes its fictional sample into a workspace with real documents. Run it without "
            "--workspace, or with --out pointing to a new folder")


def run_demo(out_dir: Path, workspace_root: Path | None = None, preset: str = "small", seed: int = 1,
             certifier: str | None = None) -> DemoResult:
    from sample.api import generate
    from auditpack.store import open_store
    from generators.api import build_package
    from ingest.api import ingest_paths
    from knowledge.api import run_check, update_corpus

    started = time.perf_counter()
    root = workspace_root or out_dir / "workspace"
    if (root / CONFIG_NAME).exists():  # refuse a real workspace before minutes of sample generation
        existing = open_workspace(root)
        with closing(open_store(existing)) as store:
            claim_for_demo(existing, store)
    sample_dir = out_dir / "sample"
    console.rule("[bold]1/5 sample operation")
    sample = generate(sample_dir, preset=preset, seed=seed)
    console.print(f"wrote {sample.documents} documents and truth.json to {sample_dir}")

    truth = json.loads(sample.truth_path.read_text(encoding="utf-8"))
    ws: Workspace = init_workspace(root,
                                   operation_name=truth.get("operation", {}).get("name", "Sample operation"))
    store = open_store(ws)
    try:
        claim_for_demo(ws, store)
        console.rule("[bold]2/5 regulation corpus")
        corpus = update_corpus(ws, store)
        console.print(getattr(corpus, "message", None) or str(corpus))

        console.rule("[bold]3/5 ingest")
        files = sorted(p for p in sample_dir.rglob("*") if p.is_file() and p.name != "truth.json")
        with progress() as bar:
            task = bar.add_task("ingest", total=len(files), status="")

            def on_file(outcome) -> None:  # type: ignore[no-untyped-def]
                bar.update(task, advance=1, status=f"{outcome.filename}: {outcome.status}")

            summary = ingest_paths(ws, store, files, actor=DEMO_ACTOR, on_file=on_file)
        rejected = sum(1 for o in summary.outcomes if o.status == "rejected")

        console.rule("[bold]4/5 checks")
        run = run_check(ws, store, actor=DEMO_ACTOR)
        by_severity: dict[str, int] = {}
        for f in run.findings:
            by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
        for warning in run.warnings:
            console.print(f"[yellow]note:[/yellow] {warning}")

        console.rule("[bold]5/5 audit package")
        cert_id = certifier or ws.settings.operation.certifier
        with progress() as bar:
            task = bar.add_task("package", total=None, status="")

            def on_progress(step: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, status=step)

            # Nobody reviews the demo's findings, so they are all open: the demo allows that explicitly (the
            # CLI refuses it without --allow-open) and says so; the cover states the count as well.
            result = build_package(ws, store, cert_id, out_dir / "package", on_progress=on_progress,
                                   allow_open=True)
        if result.readiness is not None and not result.readiness.ready:
            console.print(f"[yellow]note:[/yellow] the package was built with {result.readiness.open_total} open "
                          "findings (the demo decides none); `auditpack package` refuses that without --allow-open")
        records = sum(store.record_counts().values())
    finally:
        store.close()
    return DemoResult(
        sample_dir=sample_dir, workspace=ws.root, documents=len(files), rejected=rejected, records=records,
        findings_by_severity=by_severity, corpus_loaded=bool(getattr(run, "corpus_loaded", False)),
        package_zip=result.zip_path, seconds=round(time.perf_counter() - started, 1),
    )
