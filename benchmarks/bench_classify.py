"""Throughput and memory of both classifiers, explanations included.

Prints cases per second and peak memory per method, and the ratio to a baseline measured
in the same run (a bare regular-expression tokenisation of the same texts, the floor any
text classifier pays), so figures from a busy machine can still be compared.

    python benchmarks/bench_classify.py [--cases 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from functools import partial

import pandas as pd

from diplotrack import get_classifier
from diplotrack.datasets import load_engagements

_WORD = re.compile(r"\w+")


def _cases(n: int) -> pd.DataFrame:
    base = load_engagements()[["description", "participants", "formality", "purpose"]]
    reps = -(-n // len(base))
    return pd.concat([base] * reps, ignore_index=True).iloc[:n]


def _baseline(frame: pd.DataFrame) -> None:
    for row in frame.itertuples(index=False):
        for text in row:
            _WORD.findall(text.lower())


def _best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    frame = _cases(args.cases)
    base = _best_time(lambda: _baseline(frame), args.repeat)
    print(f"{len(frame)} cases; baseline (regex tokenisation): {len(frame) / base:,.0f} cases/s")
    print(f"{'method':<8}{'cases/s':>12}{'x baseline time':>18}{'peak MiB':>10}")
    for method in ("rules", "model"):
        clf = get_classifier(method)
        clf.classify_many(frame.iloc[:200])  # warm caches and lazy matrices
        t = _best_time(partial(clf.classify_many, frame), args.repeat)
        tracemalloc.start()
        verdicts = clf.classify_many(frame)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        assert len(verdicts) == len(frame) and all(v.explanation for v in verdicts)
        print(f"{method:<8}{len(frame) / t:>12,.0f}{t / base:>18.1f}{peak:>10.1f}")


if __name__ == "__main__":
    main()
