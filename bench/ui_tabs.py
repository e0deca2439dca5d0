"""Review UI on a whole sample operation: time to first data on each tab, paging, opening findings, building.

    .venv/bin/python bench/ui_tabs.py [--preset small|year] [--seed 1] [--certifier generic-nop]
                                      [--findings 6] [--keep DIR] [--regulation FILE] [--no-cli]

Prepares the workspace as bench/package.py does (sample generator -> ingest -> checks -> two decisions;
`--keep DIR` reuses it, and the folders are the same, so one prepared for bench/package.py serves here too;
the regulation copy is loaded from `--regulation` once, offline, for Ask), then builds the real `ReviewUI`
(all tabs, no server) and calls, in this process, the very handlers Gradio would call, taken from the built
Blocks (`blocks.fns`), with the inputs' initial values and a stand-in request of a signed-in admin
(`ReviewUI.session` is replaced: sign-in is not what is measured). Every handler is callable without Gradio's
server, so no figure is a service call standing in for a handler:

- time to first data on each tab, cold (the first request after start) and again: Dashboard (`load`),
  Triage (`first_queue`), Records (`first_load`, first page of the default kind), Documents (`on_page_load`,
  the first page with the inbox default), Ask (`run`: first answer, then a second question), Generate (`check`:
  readiness and checklist, then the cached read);
- Records on the kind with the most records: first page, last page (the Next button's handler), one day and one
  month typed as a person would (06/19/2026);
- opening a finding: `triage_view.load_panel` (regulation, suggestion, first evidence rendered) for one finding
  of each of the first `--findings` rules, and the `?tab=triage&finding=<id>` link's handler for one;
- building the package from the Generate tab's `generate` handler (confirmed "Build anyway", PDF included) and,
  in the same run, `auditpack package --allow-open` in a subprocess (its wall time includes interpreter start).

Prints a table of seconds and the machine's load average at start and end (two shared cores: read the
figures with it). Nothing here asserts on wall time. The UI's package folder is removed after it is measured.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGULATION = ROOT.parent / "shared" / "regulation" / "part205.jsonl"
ROWS: list[tuple[str, str, str, str]] = []  # (figure, first s, again s, what it showed)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def row(label: str, fn: Callable[[], Any], shown: Callable[[Any], str] = lambda _: "", again: bool = True) -> Any:
    """Time `fn` cold and (with `again`) a second time; one printed row."""
    first, out = timed(fn)
    second = f"{timed(fn)[0]:.3f}" if again else ""
    ROWS.append((label, f"{first:.3f}", second, shown(out)))
    print(f"  {label:<44} {first:8.3f} {second:>8}  {ROWS[-1][3]}", flush=True)
    return out


# (tab module, handler name) the bench calls; `go` is the records tab's Previous and Next buttons
NEEDED = (("dashboard", "load"), ("triage", "first_queue"), ("triage", "on_page_load"), ("records", "first_load"),
          ("records", "load"), ("records", "go"), ("documents", "on_page_load"), ("ask", "run"),
          ("generate", "check"), ("generate", "generate"))


def missing_handlers(found: dict[tuple[str, str], list[Callable]]) -> list[str]:
    """The handlers the bench needs that the built UI lacks (a renamed handler: say so rather than crash)."""
    absent = [f"{m}.{n}" for m, n in NEEDED if not found.get((m, n))]
    if found.get(("records", "go")) and not any(closure(fn, "delta") == 1 for fn in found[("records", "go")]):
        absent.append("records.go (Next)")
    return absent


def handlers(blocks) -> dict[tuple[str, str], list[Callable]]:  # noqa: ANN001 - gr.Blocks
    """(tab module, function name) -> the distinct handler functions registered under it."""
    found: dict[tuple[str, str], list[Callable]] = defaultdict(list)
    for bf in blocks.fns.values():
        fn = bf.fn
        if fn is not None and fn not in found[(fn.__module__.rsplit(".", 1)[-1], fn.__name__)]:
            found[(fn.__module__.rsplit(".", 1)[-1], fn.__name__)].append(fn)
    return found


def defaults(blocks, fn: Callable) -> list[Any]:  # noqa: ANN001
    """The initial values of `fn`'s inputs: what the browser sends on the first request."""
    bf = next(b for b in blocks.fns.values() if b.fn is fn)
    return [c.value for c in bf.inputs]


def closure(fn: Callable, name: str) -> Any:
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in fn.__closure__ or ())))[name]


def request(**query: str) -> SimpleNamespace:
    return SimpleNamespace(username="bench", query_params=query)


def tabs_first_data(ui, h, blocks, certifier: str) -> None:  # noqa: ANN001
    req = request()
    print("time to first data (cold, again):")
    dash = h[("dashboard", "load")][0]
    row("Dashboard", lambda: dash(req), lambda out: str(out[0]).splitlines()[0][:60])
    tq = h[("triage", "first_queue")][0]
    args = defaults(blocks, tq)[:-1]
    row("Triage queue", lambda: tq(*args, True, req), lambda out: _plain(next(v for v in out.values()
                                                                              if "findings shown" in str(v))))
    rec = h[("records", "first_load")][0]
    args = defaults(blocks, rec)[:-1]
    row(f"Records first page ({args[0]})", lambda: rec(*args, True, req), lambda out: _plain(out[2]))
    docs = h[("documents", "on_page_load")][0]
    args = defaults(blocks, docs)
    row("Documents first page (inbox default)", lambda: docs(*args, req), lambda out: _plain(out[2]))
    ask = h[("ask", "run")][0]
    for q in ("How long must records be kept?", "What must an organic system plan include?"):
        row(f"Ask: {q[:34]}", lambda: ask(q, req), _ask_shown, again=False)
    check = h[("generate", "check")][0]
    row(f"Generate readiness + checklist ({certifier})", lambda: check(certifier, "", "", req),
        lambda out: f"{len(out[0])} checklist rows; cache computed {ui.generate_cache.computed}x")


def records_pages(ui, h, kind: str) -> None:  # noqa: ANN001
    from review_ui import records_view as rv

    req, sort = request(), "date (oldest first)"
    load = h[("records", "load")][0]
    nxt = next(fn for fn in h[("records", "go")] if closure(fn, "delta") == 1)
    total = ui.services.store.record_counts().get(kind, 0)
    last = max(0, (total - 1) // rv.PAGE_SIZE) * rv.PAGE_SIZE
    print(f"records of {kind} ({total:,}):")
    row("first page", lambda: load(kind, "", "", sort, req), lambda out: _plain(out[2]))
    row(f"last page (Next from {last - rv.PAGE_SIZE + 1})", lambda: nxt(kind, "", "", sort, last - rv.PAGE_SIZE, req),
        lambda out: _plain(out[2]))
    field = rv.date_field(kind)
    recs, _ = ui.services.store.records_page(kind, 0, 1, date_field=field, sort_field=field)
    day = getattr(recs[0], field, None) if recs and field else None
    if day is None:
        return
    typed = f"{day:%m/%d/%Y}"
    row(f"date filter {typed}", lambda: load(kind, "", typed, sort, req), lambda out: _plain(out[2]))
    month = f"{day:%m}/01/{day:%Y} to {day:%m}/28/{day:%Y}"
    row(f"date range {month}", lambda: load(kind, "", month, sort, req), lambda out: _plain(out[2]))


def open_findings(ui, h, n_rules: int) -> None:  # noqa: ANN001
    from review_ui import triage_view as tv

    states = sorted(ui.services.store.findings(), key=lambda s: (s.finding.rule_id, s.finding.id))
    ids = [s.finding.id for s in states]
    picks = list({s.finding.rule_id: s for s in reversed(states)}.values())[::-1][:n_rules]
    print(f"opening a finding ({len(states)} findings; one per rule, {len(picks)} rules):")
    for s in picks:
        fid = s.finding.id
        row(f"load_panel {s.finding.rule_id}", lambda: tv.load_panel(ui.services, fid, ids), _panel_shown)
    link = h[("triage", "on_page_load")][0]
    if picks:
        fid = picks[0].finding.id
        row("link ?tab=triage&finding=<id> (+ queue)", lambda: link(request(tab="triage", finding=fid, status="all")),
            lambda out: "opened" if any("ap-warn" not in str(v) and fid[:8] in str(v) for v in out.values())
            else "not opened")


def build_from_ui(ui, h, certifier: str) -> None:  # noqa: ANN001
    from review_ui.tabs.generate import PACKAGE

    gen = h[("generate", "generate")][0]
    steps: list = []
    print("building the package:")
    html, zip_path = row("UI Generate (Build anyway, with PDF)",
                         lambda: gen(certifier, PACKAGE, "", "", 2027, "", True, False, request(),
                                     lambda value, desc=None: steps.append(desc)),
                         lambda out: (f"{Path(out[1]).name}, {Path(out[1]).stat().st_size / 2**20:.1f} MiB"
                                      if out[1] else _plain(out[0])[:80]), again=False)
    ROWS[-1] = (*ROWS[-1][:3], ROWS[-1][3] + f"; {len(steps)} progress updates")
    if zip_path:
        shutil.rmtree(Path(zip_path).parent, ignore_errors=True)


def build_from_cli(ws_root: Path, certifier: str) -> None:
    exe = Path(sys.executable).with_name("auditpack")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "app.cli.main"]
    with tempfile.TemporaryDirectory() as tmp:
        cmd += ["-w", str(ws_root), "package", "--certifier", certifier, "--out", tmp, "--allow-open"]
        secs, proc = timed(lambda: subprocess.run(cmd, capture_output=True, text=True, check=False))
        zips = list(Path(tmp).glob("*.zip"))
        shown = (f"{zips[0].name}, {zips[0].stat().st_size / 2**20:.1f} MiB" if proc.returncode == 0 and zips
                 else f"FAILED ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-200:]}")
    ROWS.append(("CLI auditpack package --allow-open", f"{secs:.3f}", "", shown + " (incl. interpreter start)"))
    print(f"  {ROWS[-1][0]:<44} {secs:8.3f} {'':>8}  {ROWS[-1][3]}", flush=True)


def _plain(value: Any) -> str:
    return str(value).replace("*", "").strip()[:70]


def _ask_shown(html: str) -> str:
    if "could not answer" in html or "ap-warn\">The" in html:
        return "ERROR: " + _plain(html)[:60]
    return f"{html.count('ap-ask-section')} sections"


def _panel_shown(p) -> str:  # noqa: ANN001 - PanelData
    what = "image" if p.view.image is not None else "html" if p.view.html else "none"
    return f"evidence {what} ({len(p.evidence)} entries){'; ' + p.view.note[:40] if p.view.note else ''}"


def load_regulation(ws_root: Path, source: Path | None) -> None:
    """Ask needs the regulation copy loaded and indexed once (setup, not a figure): from `source`, offline."""
    from auditpack.store import open_store
    from auditpack.workspace import open_workspace
    from knowledge.api import corpus_status, update_corpus

    ws = open_workspace(ws_root)
    store = open_store(ws)
    try:
        if corpus_status(ws, store).loaded:
            return
        if source is None or not source.is_file():
            print(f"no regulation copy at {source}: Ask shows its 'not loaded' message (pass --regulation FILE)")
            return
        secs, st = timed(lambda: update_corpus(ws, store, source))
        print(f"regulation loaded from {source} in {secs:.1f} s (setup, not measured): {st.sections} sections, "
              f"{st.chunks} chunks, embeddings {ws.settings.embeddings.kind}")
    finally:
        store.close()


def load_line(when: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {when}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def run(base: Path, args: argparse.Namespace) -> None:
    from bench.package import prepare

    ws_root = prepare(base, args.preset, args.seed)
    # in a child process, so that the embedding model it loads is not warm here: Ask's first answer stays cold
    subprocess.run([sys.executable, __file__, "--load-regulation", str(ws_root), "--regulation", str(args.regulation)],
                   check=True)
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import open_workspace
    from review_ui.app import ReviewUI
    from review_ui.auth import Session

    ws = open_workspace(ws_root)
    store = open_store(ws)
    try:
        ui = ReviewUI(Services(ws, store))
        ui.session = lambda request: Session("bench", "admin")  # type: ignore[method-assign]
        secs, blocks = timed(ui.build)
        print(f"{args.preset}: {sum(store.record_counts().values()):,} records, {len(store.findings()):,} findings; "
              f"UI built in {secs:.2f} s (server start, not a tab)")
        h = handlers(blocks)
        if absent := missing_handlers(h):
            sys.exit(f"the review UI has no handler {', '.join(absent)}: update NEEDED and the calls here")
        tabs_first_data(ui, h, blocks, args.certifier)
        counts = store.record_counts()
        records_pages(ui, h, max(counts, key=counts.get))
        open_findings(ui, h, args.findings)
        build_from_ui(ui, h, args.certifier)
    finally:
        store.close()
    if not args.no_cli:
        build_from_cli(ws_root, args.certifier)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", choices=["small", "year"], default="year")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--certifier", default="generic-nop")
    ap.add_argument("--findings", type=int, default=6, help="open one finding of each of this many rules")
    ap.add_argument("--keep", type=Path, help="keep and reuse the prepared workspace here")
    ap.add_argument("--regulation", type=Path, default=Path(os.environ.get("AUDITPACK_REGULATION_FILE") or REGULATION),
                    help="Part 205 copy (JSONL/XML) loaded once for Ask when the workspace has none "
                         "(default: $AUDITPACK_REGULATION_FILE or ../shared/regulation/part205.jsonl)")
    ap.add_argument("--no-cli", action="store_true", help="skip the `auditpack package` subprocess")
    ap.add_argument("--load-regulation", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    from app.plugins import install

    install()
    if args.load_regulation:
        load_regulation(args.load_regulation, args.regulation)
        return
    print(load_line("at start"), flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.keep, args)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), args)
    print(f"\n{args.preset} preset, seconds (first = cold, the first request after start):")
    print(f"{'figure':<46} {'first':>8} {'again':>8}  shown")
    for label, first, again, shown in ROWS:
        print(f"{label:<46} {first:>8} {again:>8}  {shown}")
    print(load_line("at end"))


if __name__ == "__main__":
    main()
