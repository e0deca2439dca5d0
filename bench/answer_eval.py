"""The Ask answer on the question set: recall of the sections it shows, labels, missing-section warnings.

Called by bench/retrieval.py after the passage-level modes. Three figures:
- recall@k of the answer: a question is answered when a right section is among the k sections shown;
- the labels: how often a passage labelled "strong match" / "related" / "weak" is from a right section,
  and (with --calibrate) the cosine table the thresholds in knowledge/corpus/relevance.yaml are read from;
- warnings: of the questions whose answer lives in a section the copy lacks, how many warn about it;
  of the others, how many warn about an absent section anyway (false alarms), per topic rank.
"""
from __future__ import annotations

import statistics
import time
from collections import defaultdict
from typing import Any


def _share(flags: list[bool]) -> str:
    return f"{sum(flags)}/{len(flags)}" if flags else "0/0"


def evaluate(retriever: Any, sections: list, questions: list[dict], k: int, kind: str, calibrate: bool = False,
             misses: bool = False) -> None:
    from knowledge.corpus.ask import extractive
    from knowledge.corpus.needs import TOPIC_RANK, NeedFinder, cited_sections

    finder = NeedFinder(retriever.chunks, sections)
    loaded = {s.section for s in sections}
    hit, handling, pairs, labels, times = [], [], [], defaultdict(list), []
    warned_needed, warned_other = [], []
    by_rank: dict[int, tuple[list[bool], list[bool]]] = {r: ([], []) for r in (1, 2, 3, 5)}
    for item in questions:
        want = set(item["sections"])
        t = time.perf_counter()
        answer = extractive(retriever, finder, item["q"], k, kind)
        times.append((time.perf_counter() - t) * 1000)
        shown = {g.section for g in answer.sections}
        hit.append(bool(want & shown))
        if not hit[-1] and misses:
            print(f"   answer miss: {item['q']}")
        if item.get("set") == "handling":
            handling.append(hit[-1])
        for g in answer.sections:
            for p in g.passages:
                pairs.append((p.cosine, g.section in want))
                labels[p.relevance].append(g.section in want)
        absent = want - loaded
        warned = {n.section for n in answer.needed if n.state == "absent"}
        (warned_needed if absent else warned_other).append(bool(absent & warned) if absent else bool(warned))
        if misses and warned and not absent:
            print(f"   false alarm ({', '.join(sorted(warned))}): {item['q']}")
        if misses and absent and not absent & warned:
            print(f"   not warned ({', '.join(sorted(absent))}): {item['q']}")
        for r, (needed_flags, other_flags) in by_rank.items():
            topic = set(finder.topic_sections(item["q"], r)) | (set(cited_sections(item["q"])) - loaded)
            (needed_flags if absent else other_flags).append(bool(absent & topic) if absent else bool(topic))
    times.sort()
    print(f"answer   {sum(hit) / len(hit):9.3f}   (sections shown: up to {k}; p50 {statistics.median(times):.1f} ms, "
          f"p95 {times[min(len(times) - 1, int(0.95 * len(times)))]:.1f} ms)   handling ({len(handling)}): "
          f"recall {sum(handling) / max(1, len(handling)):.3f}")
    print("labels: " + ", ".join(f"{name} {_share(flags)} from a right section"
                                  for name, flags in sorted(labels.items())))
    print(f"absent-section warnings (topic rank {TOPIC_RANK}): {_share(warned_needed)} questions needing an absent "
          f"section warned; {_share(warned_other)} other questions warned (false alarms)")
    if calibrate:
        for r, (needed_flags, other_flags) in by_rank.items():
            print(f"   topic rank {r}: needed warned {_share(needed_flags)}, false alarms {_share(other_flags)}")
        print("cosine bin   passages  from a right section")
        for lo in [x / 20 for x in range(-2, 16)]:
            inside = [right for c, right in pairs if lo <= c < lo + 0.05]
            if inside:
                print(f"  {lo:5.2f}-{lo + 0.05:4.2f} {len(inside):8d}  {sum(inside) / len(inside):.2f}")
