"""Throughput and memory of both classifiers, explanations included.

Prints cases per second and peak memory per method, and the ratio to two baselines
measured in the same run, so figures from a busy machine can still be compared:

* a bare regular-expression tokenisation of the same texts, the floor any text
  classifier pays;
* a bare ``TfidfVectorizer().transform`` of the same texts (default settings, fitted on
  the dataset), what the simplest scikit-learn text model pays before any explanation.

Methods: the rules; the shipped model (words and rule evidence); and the words-only model
(``TextClassifier(rule_weight=0)``, trained here on the training split), which shows what
the rule evidence costs. Times are CPU time of this process (the best of ``--repeat``
runs, methods interleaved), which a busy machine disturbs less than wall time.

    python benchmarks/bench_classify.py [--cases 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from diplotrack import TextClassifier, get_classifier
from diplotrack.datasets import load_engagements
from diplotrack.engagement import as_engagements

_WORD = re.compile(r"\w+")
_FIELDS = ["description", "participants", "formality", "purpose"]


def _cases(n: int) -> pd.DataFrame:
    base = load_engagements()[_FIELDS]
    reps = -(-n // len(base))
    return pd.concat([base] * reps, ignore_index=True).iloc[:n]


def _joined(frame: pd.DataFrame) -> list[str]:
    return [" \n ".join(text for _, text in e.fields()) for e in as_engagements(frame)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frame = _cases(args.cases)
    texts = _joined(frame)
    tfidf = TfidfVectorizer().fit(_joined(load_engagements()))
    train = load_engagements("train")
    classifiers = {
        "rules": get_classifier("rules"),
        "model": get_classifier("model"),
        "model (words only)": TextClassifier(rule_weight=0.0).fit(train, train["track"]),
    }
    jobs = {
        "regex tokenisation": lambda: [_WORD.findall(t.lower()) for t in texts],
        "bare TF-IDF transform": lambda: tfidf.transform(texts),
    }
    for name, clf in classifiers.items():
        clf.classify_many(frame.iloc[:200])  # warm caches and lazy matrices
        jobs[name] = lambda clf=clf: clf.classify_many(frame)
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(args.repeat):
        for name, job in jobs.items():
            t0 = time.process_time()
            job()
            best[name] = min(best[name], time.process_time() - t0)
    base, tf = best["regex tokenisation"], best["bare TF-IDF transform"]
    print(f"{len(frame)} cases, CPU time of one process, best of {args.repeat}")
    print(f"{'':<24}{'cases/s':>10}{'x regex':>9}{'x TF-IDF':>10}{'peak MiB':>10}")
    for name, t in best.items():
        peak = ""
        if name in classifiers:
            tracemalloc.start()
            verdicts = classifiers[name].classify_many(frame)
            peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.0f}"
            tracemalloc.stop()
            assert len(verdicts) == len(frame) and all(v.explanation for v in verdicts)
        print(f"{name:<24}{len(frame) / t:>10,.0f}{t / base:>9.1f}{t / tf:>10.1f}{peak:>10}")


if __name__ == "__main__":
    main()
