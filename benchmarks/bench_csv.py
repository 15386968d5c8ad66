"""Label a large CSV (default one million rows) and report speed and peak memory.

The CSV is generated from the bundled dataset (cases repeated with a row number), written
to a temporary folder, then labelled by ``diplotrack label`` in a child process so that
its peak resident memory can be measured. The baseline, measured in the same run, is a
child process that only streams the same CSV through pandas in the same chunks.

    python benchmarks/bench_csv.py [--rows 1000000] [--method rules|model|both]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from diplotrack.datasets import load_engagements

_STREAM_ONLY = """
import sys, pandas as pd
n = 0
for chunk in pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, chunksize=20000):
    chunk.to_csv(sys.argv[2], mode="a", header=n == 0, index=False)
    n += len(chunk)
"""


def _write_input(path: Path, rows: int) -> None:
    base = load_engagements()[["id", "description", "participants", "formality", "purpose"]]
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        while written < rows:
            block = base.iloc[: rows - written].copy()
            block.insert(0, "row", range(written, written + len(block)))
            block.to_csv(f, header=written == 0, index=False)
            written += len(block)


def _run(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    elapsed = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak_kib, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--method", default="rules", choices=("rules", "model", "both"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out, copy = Path(tmp) / "in.csv", Path(tmp) / "out.csv", Path(tmp) / "copy.csv"
        _write_input(src, args.rows)
        base_t, base_mem = _run([sys.executable, "-c", _STREAM_ONLY, str(src), str(copy)])
        t, mem = _run(
            [
                sys.executable,
                "-m",
                "diplotrack.cli",
                "label",
                str(src),
                "-o",
                str(out),
                "--method",
                args.method,
            ]
        )
        print(f"{args.rows:,} rows, method {args.method}")
        print(
            f"baseline (stream CSV through pandas): {args.rows / base_t:,.0f} rows/s, "
            f"peak {base_mem:,.0f} MiB"
        )
        print(
            f"diplotrack label: {args.rows / t:,.0f} rows/s ({t / base_t:.1f}x baseline time), "
            f"peak RSS {mem:,.0f} MiB (max over child processes so far)"
        )
        rows = pd.read_csv(out, usecols=["row"])["row"]
        assert len(rows) == args.rows, (len(rows), args.rows)
        print(f"output rows: {len(rows):,} (all kept, in order: {bool(rows.is_monotonic_increasing)})")


if __name__ == "__main__":
    main()
