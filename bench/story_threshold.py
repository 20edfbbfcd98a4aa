"""How similar a near-copy of a news article is to its original, and how similar unrelated articles
are: the measurement behind ``NEWSCRAWL_STORY_THRESHOLD`` (``newscrawl/output/similarity.py``).

Over the bodies of a corpus (``tests/corpus/dev`` by default: 134 articles, 93 publishers, 20
languages; its ``<stem>.json`` records hold ``body``):

- near-copies: each body with its middle sentence replaced by a sentence of another article, and
  each body with a sentence of another article added at the end (a wire story as a second site
  carries it);
- unrelated: every pair of two different pages (those alike at 0.5 or more are named).

For each it prints the estimated Jaccard similarity of their MinHash signatures (percentiles),
and for some thresholds the share of near-copies at or above it (recall), the unrelated pairs at
or above it (false matches), and the near-copies a band key finds (LSH recall).

    python bench/story_threshold.py [CORPUS_DIR] [--num-perm 128]
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, installed or not

from newscrawl.output.similarity import Banding, signature, similarity  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "dev"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def sentences(body: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(body) if s.strip()]


def near_copies(bodies: list[str]) -> list[tuple[str, str, str]]:
    """(kind, original, copy): one sentence replaced, one sentence added; the new sentence is the
    first long one of the next article."""
    pairs = []
    for n, body in enumerate(bodies):
        other = next(s for s in sentences(bodies[(n + 1) % len(bodies)]) + ["An added sentence of a wire story."]
                     if len(s) > 40)
        parts = sentences(body)
        middle = len(parts) // 2
        pairs.append(("replaced", body, " ".join(parts[:middle] + [other] + parts[middle + 1:])))
        pairs.append(("added", body, body + " " + other))
    return pairs


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    pick = {name: ordered[min(len(ordered) - 1, int(q * len(ordered)))] for name, q in
            (("min", 0), ("p1", 0.01), ("p5", 0.05), ("p50", 0.5), ("p95", 0.95), ("p99", 0.99))}
    pick["max"] = ordered[-1]
    return " ".join(f"{name} {value:.3f}" for name, value in pick.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--num-perm", type=int, default=128)
    args = parser.parse_args()
    records = [json.loads(p.read_text(encoding="utf-8")) | {"stem": p.stem} for p in sorted(args.corpus.glob("*.json"))]
    records = [r for r in records if r.get("body")]
    bodies = [r["body"] for r in records]
    signatures = [signature(b, args.num_perm) for b in bodies]
    copies = [(kind, signature(a, args.num_perm), signature(b, args.num_perm)) for kind, a, b in near_copies(bodies)]
    copy_scores = {kind: [similarity(a, b) for k, a, b in copies if k == kind] for kind in ("replaced", "added")}
    pairs = list(itertools.combinations(range(len(bodies)), 2))
    unrelated = [similarity(signatures[a], signatures[b]) for a, b in pairs]
    print(f"{len(bodies)} bodies, num_perm {args.num_perm}")
    for kind, scores in copy_scores.items():
        print(f"near-copies, one sentence {kind} ({len(scores)}): {percentiles(scores)}")
    print(f"unrelated pairs ({len(unrelated)}): {percentiles(unrelated)}")
    for (a, b), score in zip(pairs, unrelated, strict=True):
        if score >= 0.5:  # two different pages of the corpus that are alike: say which
            same = " (the same URL)" if records[a].get("url") == records[b].get("url") else ""
            print(f"  {records[a]['stem']} ~ {records[b]['stem']}: {score:.3f}{same}")
    print("threshold  bands x rows  copies >= (replaced / added)  found by a band key  unrelated >=")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        banding = Banding.for_threshold(threshold, args.num_perm)
        found = sum(bool(set(banding.keys(a)) & set(banding.keys(b))) for _, a, b in copies)
        passed = [sum(s >= threshold for s in scores) / len(scores) for scores in copy_scores.values()]
        print(f"{threshold:9.1f}  {banding.bands:5d} x {banding.rows:<4d}  {passed[0]:14.1%} / {passed[1]:<13.1%}"
              f"  {found / len(copies):18.1%}  {sum(s >= threshold for s in unrelated):12d}")


if __name__ == "__main__":
    main()
