"""Speed and memory of diplotrack, with the floors measured in the same run.

One run reports:

1. each classifier's cases per second, explanations included, and the peak memory of
   the Python allocations while it holds the verdicts, with the ratio of its time to its
   floor: for the rules, one compiled regular-expression pass over the same texts (every
   word of every field found, nothing more); for the model, the bare TF-IDF transform of
   the same cases, both by the fitted model's own vectorizer (``vectorizer_.transform``,
   its feature extraction included) and by a plain ``TfidfVectorizer`` fitted on the
   training split's descriptions (the cheapest TF-IDF there is);
2. both methods on the same cases (``label_frame``, where the model reuses the rule
   verdicts' evidence), against the two classifiers each run on its own;
3. ``label_csv`` with both methods at ``--jobs 1`` and ``--jobs 2`` on CSV files of a few
   sizes (rows per second, and the speed-up of two jobs);
4. one case whose participants cell is a pasted roster of roles, at 10,000 to 160,000
   characters: time per 1,000 characters should stay flat (it grew with the square of the
   length before rule set 2026.12.38);
5. the peak resident memory of ``diplotrack label`` (a separate process, with its worker
   processes) on a large CSV, rows in order and none lost.

Timings are the best of ``--repeat`` runs, so a busy machine inflates them less; the
ratios to floors measured in the same run are what to compare between machines.

    python benchmarks/benchmark.py                       # a few minutes
    python benchmarks/benchmark.py --big-rows 1000000    # the README's million-row figure
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import sklearn

from diplotrack import get_classifier, label_csv, label_frame
from diplotrack.datasets import load_engagements
from diplotrack.engagement import FIELDS, as_engagements

_WORD = re.compile(r"\w+")


def cases(n: int) -> pd.DataFrame:
    """``n`` cases: the bundled dataset repeated, with a row number."""
    base = load_engagements()[["id", *FIELDS]]
    reps = -(-n // len(base))
    frame = pd.concat([base] * reps, ignore_index=True).iloc[:n].copy()
    frame.insert(0, "row", range(n))
    return frame


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def regex_pass(frame: pd.DataFrame) -> None:
    """The rules' floor: one compiled regular expression over every field of every case."""
    findall = _WORD.findall
    for name in FIELDS:
        for text in frame[name].tolist():
            if isinstance(text, str):
                findall(text)


def floors(frame: pd.DataFrame, repeat: int) -> dict[str, tuple[str, float]]:
    """Seconds for the floors: per method, the work any classifier of its kind must do."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = get_classifier("model")
    model = getattr(model, "model", model)  # the TextClassifier inside the definition wrapper
    engagements = as_engagements(frame)
    train = load_engagements("train")
    plain = TfidfVectorizer(sublinear_tf=True).fit(train["description"].astype(str))
    joined = [" ".join(text for _, text in e.fields()) for e in engagements]
    return {
        "rules": [("regex pass", best_time(lambda: regex_pass(frame), repeat))],
        "model": [
            (
                "model's vectorizer_.transform",
                best_time(lambda: model.vectorizer_.transform(engagements), repeat),
            ),
            ("plain TfidfVectorizer.transform", best_time(lambda: plain.transform(joined), repeat)),
        ],
    }


def classifiers(frame: pd.DataFrame, repeat: int) -> list[dict]:
    rows = []
    floor_times = floors(frame, repeat)
    for method in ("rules", "model"):
        clf = get_classifier(method)
        clf.classify_many(frame.iloc[:200])  # build caches and lazy matrices first
        t = best_time(lambda clf=clf: clf.classify_many(frame), repeat)
        tracemalloc.start()
        verdicts = clf.classify_many(frame)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        assert len(verdicts) == len(frame) and all(v.explanation for v in verdicts)
        for name, floor in floor_times[method]:
            rows.append(
                {
                    "method": method,
                    "cases/s": len(frame) / t,
                    "peak MiB": peak,
                    "floor": name,
                    "floor cases/s": len(frame) / floor,
                    "x floor": t / floor,
                }
            )
    return rows


def both_methods(frame: pd.DataFrame, repeat: int) -> list[dict]:
    """Both methods on the same cases, one core: ``label_frame(..., "both")``, where the model
    counts its rule features from the rule verdicts, against its baseline, the two
    classifiers each run on its own (``classify_many``), one after the other."""
    rules, model = get_classifier("rules"), get_classifier("model")
    label_frame(frame.iloc[:200], "both")
    apart = best_time(lambda: (rules.classify_many(frame), model.classify_many(frame)), repeat)
    together = best_time(lambda: label_frame(frame, "both"), repeat)
    n = len(frame)
    return [
        {
            "cases": n,
            "label_frame both rows/s": n / together,
            "each alone, one after the other rows/s": n / apart,
            "speed-up": apart / together,
        }
    ]


def csv_runs(sizes: list[int], repeat: int, folder: Path) -> list[dict]:
    rows = []
    for n in sizes:
        src = folder / f"cases-{n}.csv"
        cases(n).to_csv(src, index=False)
        times = {}
        for jobs in (1, 2):
            out = folder / f"out-{n}-{jobs}.csv"
            times[jobs] = best_time(
                lambda src=src, out=out, jobs=jobs: label_csv(src, out, "both", n_jobs=jobs), repeat
            )
        same = (folder / f"out-{n}-1.csv").read_bytes() == (folder / f"out-{n}-2.csv").read_bytes()
        rows.append(
            {
                "rows": n,
                "jobs 1 rows/s": n / times[1],
                "jobs 2 rows/s": n / times[2],
                "speed-up": times[1] / times[2],
                "same output": same,
            }
        )
    return rows


def _field_kib(path: Path, name: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(name):
            return int(line.split()[1])
    return 0


def _tree_memory_kib(pid: int) -> tuple[int, int]:
    """A process and its descendants (Linux /proc), in KiB: the sum of their proportional
    set sizes (memory shared by forked workers counted once) and the largest resident size."""
    pss, largest, stack = 0, 0, [pid]
    while stack:
        p = stack.pop()
        try:
            pss += _field_kib(Path(f"/proc/{p}/smaps_rollup"), "Pss:")
            largest = max(largest, _field_kib(Path(f"/proc/{p}/status"), "VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return pss, largest


def big_csv(rows: int, jobs: int, method: str, folder: Path) -> dict:
    src, out = folder / "big.csv", folder / "big-out.csv"
    block = cases(min(rows, 50_000))
    with open(src, "w", encoding="utf-8", newline="") as f:
        written = 0
        while written < rows:
            part = block.iloc[: rows - written].copy()
            part["row"] = range(written, written + len(part))
            part.to_csv(f, header=written == 0, index=False)
            written += len(part)
    cmd = [sys.executable, "-m", "diplotrack", "label", str(src), "-o", str(out), "--method", method]
    cmd += ["--jobs", str(jobs), "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pss, largest = _tree_memory_kib(proc.pid)
            peak[0], peak[1] = max(peak[0], pss), max(peak[1], largest)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    elapsed = time.perf_counter() - t0
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"diplotrack label failed with status {proc.returncode}")
    numbers = pd.read_csv(out, usecols=["row"])["row"]
    return {
        "rows": rows,
        "method": method,
        "jobs": jobs,
        "rows/s": rows / elapsed,
        "peak MiB, all processes (PSS)": peak[0] / 1024,
        "peak MiB, largest process (RSS)": peak[1] / 1024,
        "input MiB": src.stat().st_size / 2**20,
        "all rows, in order": len(numbers) == rows and bool(numbers.is_monotonic_increasing),
    }


def long_cells(lengths: list[int]) -> list[dict]:
    """One case whose participants cell is a pasted roster ("ministers, ambassadors,
    generals, ..."), at a few lengths: the rules' seconds, and per 1,000 characters against
    the regex pass over the same cell, so that time growing faster than the text shows."""
    rules = get_classifier("rules")
    rows = []
    for n in lengths:
        roster = "ministers, ambassadors, generals, " * (n // 34)
        case = {"description": "Talks in Geneva.", "participants": roster}
        t0 = time.perf_counter()
        rules.classify(case)
        seconds = time.perf_counter() - t0
        floor = best_time(lambda roster=roster: _WORD.findall(roster), 3)
        rows.append(
            {
                "characters": len(roster),
                "rules s": seconds,
                "ms per 1,000 chars": 1000 * seconds / (len(roster) / 1000),
                "x regex pass": seconds / floor,
            }
        )
    return rows


def show(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    frame = pd.DataFrame(rows)
    print(frame.to_string(index=False, float_format=lambda x: f"{x:,.1f}"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=20_000, help="cases per classifier run (default 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts (default 3)")
    parser.add_argument(
        "--csv-rows",
        default="5000,20000",
        help="comma-separated CSV sizes for label_csv at --jobs 1 and 2 (default 5000,20000)",
    )
    parser.add_argument(
        "--big-rows",
        type=int,
        default=200_000,
        help="rows of the large CSV whose peak memory is measured (default 200000; the README uses 1000000)",
    )
    parser.add_argument("--big-jobs", type=int, default=2, help="--jobs for the large CSV (default 2)")
    parser.add_argument("--big-method", default="both", choices=("rules", "model", "both"))
    args = parser.parse_args()
    print(
        f"diplotrack benchmark: Python {platform.python_version()}, scikit-learn {sklearn.__version__}, "
        f"pandas {pd.__version__}, {os.cpu_count()} cores"
    )
    show(
        f"Classifiers, one core, {args.cases:,} cases, explanations included",
        classifiers(cases(args.cases), args.repeat),
    )
    show(
        "Both methods on the same cases, one core (the rules run once)",
        both_methods(cases(min(args.cases, 5_000)), args.repeat),
    )
    show("One long cell: a pasted roster of roles, the rules", long_cells([10_000, 40_000, 160_000]))
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [int(x) for x in args.csv_rows.split(",") if x]
        show("label_csv, both methods", csv_runs(sizes, max(1, args.repeat - 1), Path(tmp)))
        show(
            "Large CSV, diplotrack label", [big_csv(args.big_rows, args.big_jobs, args.big_method, Path(tmp))]
        )


if __name__ == "__main__":
    main()
