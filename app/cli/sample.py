"""`auditpack sample`: write the sample operation's documents and truth.json."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def sample(
        out: Path = typer.Option(..., "--out", help="folder to write the documents and truth.json into"),
        preset: str = typer.Option("small", "--preset", help="small (about 60 documents) or year (benchmark scale)"),
        seed: int = typer.Option(1, "--seed", help="same seed, same documents (byte for byte)"),
    ) -> None:
        """Write a fictional organic processor's paperwork for one audit year, with ground truth and planted gaps."""
        import time

        from app.cli.context import console, progress
        from sample.api import check_output, generate
        from sample.presets import get_preset

        get_preset(preset)  # bad input: one readable line before any work
        check_output(out)
        started = time.perf_counter()
        with progress() as bar:
            task = bar.add_task("Writing sample documents", total=None, status="")

            def step(done: int, total: int, file: str) -> None:
                bar.update(task, completed=done, total=total, status=file.rsplit("/", 1)[-1][:40])

            result = generate(out, preset=preset, seed=seed, progress=step)
        console.print(
            f"Wrote {result.documents} documents ({result.records} records, {result.gaps} planted gaps) to "
            f"{result.out} in {time.perf_counter() - started:.1f} s; ground truth: {result.truth_path}",
            highlight=False, soft_wrap=True,
        )
