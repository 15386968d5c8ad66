"""The command line with real files, pipes, terminals and signals: ``python -m diplotrack``.

As in test_cli.py, the quick runs start together in one module fixture; the tests that
send signals or need a terminal run their own process.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import diplotrack
from diplotrack.resources import model_path

# Every test here starts Python processes (a second or more each on a small machine).
pytestmark = pytest.mark.slow

SRC = Path(diplotrack.__file__).resolve().parents[1]
TREATY = "The foreign ministers of both states signed the border treaty in Oslo."
WORKSHOP = "Retired diplomats and scholars from both countries met for a workshop in Bangkok."
PERSONAL = "Officials from both ministries joined in a personal capacity, alongside think-tank scholars."


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(SRC), e.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    e["PYTHONIOENCODING"] = "utf-8"
    e.update(extra)
    return e


def command(*args) -> list[str]:
    return [sys.executable, "-m", "diplotrack", *map(str, args)]


def run(*args, stdin: bytes | None = None, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), input=stdin, capture_output=True, env=env(**extra_env), timeout=300)


def read_back(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def big_csv(path: Path, rows: int) -> Path:
    texts = [TREATY, WORKSHOP, PERSONAL]
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,description\n")
        for i in range(rows):
            f.write(f'{i},"{texts[i % 3]}"\n')
    return path


@pytest.fixture(scope="module")
def small_training_csv(tmp_path_factory) -> Path:
    from diplotrack.datasets import load_engagements

    frame = load_engagements()
    parts = [g.head(20) for _, g in frame.groupby(["track", "split"], observed=True)]
    path = tmp_path_factory.mktemp("train") / "mine.csv"
    pd.concat(parts).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory, small_training_csv):
    root = tmp_path_factory.mktemp("cli-files")
    cases = root / "cases.csv"
    cases.write_text(f'id,summary,who\n1,"{TREATY}",ministers\n2,"{WORKSHOP}",scholars\n', encoding="utf-8")
    csv_text = cases.read_bytes()
    home = root / "home"
    home.mkdir()
    model_out = root / "mine.joblib"
    jobs = {
        "dash-m-help": (("--help",), {}),
        "misspelled": (
            (
                "label",
                cases,
                "-o",
                root / "misspelled.csv",
                "--method",
                "rules",
                "--description-column",
                "summary",
                "--participants-column",
                "participnts",
            ),
            {},
        ),
        "stdin-stdout": (
            ("label", "-", "-o", "-", "--method", "rules", "--description-column", "summary"),
            {"stdin": csv_text},
        ),
        "notes": (
            (
                "label",
                cases,
                "-o",
                root / "notes.csv",
                "--method",
                "rules",
                "--description-column",
                "summary",
            ),
            {},
        ),
        "quiet": (
            (
                "label",
                cases,
                "-o",
                root / "quiet.csv",
                "--method",
                "rules",
                "--description-column",
                "summary",
                "--quiet",
            ),
            {},
        ),
        "unknown-suffix": (
            ("label", cases, "-o", root / "labelled.xlsx", "--description-column", "summary"),
            {},
        ),
        "train-default": (
            ("train", "--data", small_training_csv, "--no-compare", "--seed", "0"),
            {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")},
        ),
        "train-out": (("train", "--data", small_training_csv, "--no-compare", "--out", model_out), {}),
        "model-not-for-rules": (("classify", TREATY, "--method", "rules", "--model", model_out), {}),
    }
    shipped = hashlib.sha256(model_path("diplotrack-text.joblib").read_bytes()).hexdigest()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {}
        for name, (args, extra) in jobs.items():
            stdin = extra.pop("stdin", None)
            futures[name] = pool.submit(run, *args, stdin=stdin, **extra)
        results = {name: f.result() for name, f in futures.items()}
        # These need the model trained above.
        after = {
            "label-model": pool.submit(
                run,
                "label",
                cases,
                "-o",
                root / "with-model.csv",
                "--method",
                "model",
                "--description-column",
                "summary",
                "--model",
                model_out,
            ),
            "classify-model": pool.submit(
                run, "classify", TREATY, "--method", "model", "--model", model_out, "--json"
            ),
            "evaluate-model": pool.submit(
                run, "evaluate", "--method", "model", "--model", model_out, "--json"
            ),
        }
        results.update({name: f.result() for name, f in after.items()})
    return {"root": root, "results": results, "home": home, "model": model_out, "shipped_sha": shipped}


def stderr(r) -> str:
    return r.stderr.decode("utf-8")


def test_python_dash_m_diplotrack_runs(runs):
    r = runs["results"]["dash-m-help"]
    assert r.returncode == 0, stderr(r)
    assert b"usage: diplotrack" in r.stdout


def test_a_misspelled_column_option_is_an_error_naming_the_columns(runs):
    # --participants-column participnts was silently ignored.
    r = runs["results"]["misspelled"]
    assert r.returncode == 2
    assert "Traceback" not in stderr(r)
    assert "participnts" in stderr(r) and "'id', 'summary', 'who'" in stderr(r)
    assert not (runs["root"] / "misspelled.csv").exists()


def test_stdin_to_stdout(runs):
    r = runs["results"]["stdin-stdout"]
    assert r.returncode == 0, stderr(r)
    out = pd.read_csv(io.BytesIO(r.stdout), dtype=str, keep_default_na=False)
    assert out["id"].tolist() == ["1", "2"]
    assert out["rules_track"].tolist() == ["Track 1", "Track 2"]
    assert "standard input" in stderr(r)


def test_notes_on_stderr_and_quiet_silences_them(runs):
    notes, quiet = runs["results"]["notes"], runs["results"]["quiet"]
    assert notes.returncode == 0 and quiet.returncode == 0
    assert "as utf-8 (detected" in stderr(notes) and "labelled 2 rows" in stderr(notes)
    assert notes.stdout == b"" and quiet.stdout == b""
    assert stderr(quiet) == ""
    # No progress bar when stderr is not a terminal.
    assert "rows/s" not in stderr(notes)
    assert (runs["root"] / "notes.csv").read_bytes() == (runs["root"] / "quiet.csv").read_bytes()


def test_an_unknown_output_suffix_exits_2(runs):
    r = runs["results"]["unknown-suffix"]
    assert r.returncode == 2 and "Invalid output name" in stderr(r) and "Traceback" not in stderr(r)
    assert not (runs["root"] / "labelled.xlsx").exists()


def test_train_without_out_writes_to_the_user_data_directory(runs):
    # `diplotrack train` without --out overwrote the model inside the installed package.
    r = runs["results"]["train-default"]
    assert r.returncode == 0, stderr(r)
    written = runs["home"] / "data" / "diplotrack" / "models" / "diplotrack-text.joblib"
    assert written.is_file() and written.with_name("diplotrack-text.card.json").is_file()
    assert str(written) in r.stdout.decode()  # printed in full
    shipped = hashlib.sha256(model_path("diplotrack-text.joblib").read_bytes()).hexdigest()
    assert shipped == runs["shipped_sha"]


def test_train_prints_the_out_path_in_full(runs):
    r = runs["results"]["train-out"]
    assert r.returncode == 0, stderr(r)
    assert str(runs["model"].resolve()) in r.stdout.decode()


def test_label_classify_and_evaluate_take_a_model_path(runs):
    from diplotrack.model_store import load_model

    mine = load_model(runs["model"])
    label = runs["results"]["label-model"]
    assert label.returncode == 0, stderr(label)
    got = read_back(runs["root"] / "with-model.csv")
    assert got["model_track"].tolist() == [v.label for v in mine.classify_many([TREATY, WORKSHOP])]
    classify = runs["results"]["classify-model"]
    assert classify.returncode == 0, stderr(classify)
    # The command line names the definition of the tracks it followed.
    expected = f"{mine.classify(TREATY).explanation} Definition: guideline."
    assert json.loads(classify.stdout)["explanation"] == expected
    evaluate = runs["results"]["evaluate-model"]
    assert evaluate.returncode == 0, stderr(evaluate)
    assert set(json.loads(evaluate.stdout)) == {"model"}


def test_a_model_with_the_rules_method_is_a_usage_error(runs):
    r = runs["results"]["model-not-for-rules"]
    assert r.returncode == 2 and "--model" in stderr(r) and "Traceback" not in stderr(r)


# ---- pipes, terminals and signals: one process each --------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("classify", TREATY, "--method", "both", "--json"),
        ("label", "-", "-o", "-", "--method", "rules"),
    ],
    ids=["classify-json", "label-stdout"],
)
def test_a_closed_pipe_ends_quietly(args):
    # `diplotrack classify --json | head` ended with a broken-pipe traceback.
    proc = subprocess.Popen(
        command(*args), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env()
    )
    proc.stdout.close()  # the reader is gone before anything is written
    _, err = proc.communicate(input=f"id,description\n1,{TREATY}\n".encode(), timeout=120)
    assert (
        "Traceback" not in err.decode()
        and "BrokenPipe" not in err.decode()
        and "Broken pipe" not in err.decode()
    )
    assert proc.returncode == 141


def test_progress_bar_on_a_terminal(tmp_path):
    src = big_csv(tmp_path / "in.csv", 3000)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen(
        command("label", src, "-o", tmp_path / "out.csv", "--method", "rules"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env(),
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        seen += data
    proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 0, seen
    text = seen.decode("utf-8", "replace")
    assert "rows/s" in text and "3000/3000" in text.replace(",", "")
    assert proc.stdout.read() == b""


def wait_for(predicate, timeout: float = 120.0, step: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


@pytest.mark.parametrize(
    "signum, output",
    [(signal.SIGTERM, "out.csv"), (signal.SIGHUP, "out.csv"), (signal.SIGTERM, "out.parquet")],
    ids=["SIGTERM", "SIGHUP", "SIGTERM-parquet"],
)
def test_a_signal_leaves_no_temporary_file(tmp_path, signum, output):
    # A run killed by SIGTERM or SIGHUP left a hidden multi-megabyte .part file; a parquet
    # output's writer, left open, then printed a traceback.
    if output.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    src = big_csv(tmp_path / "in.csv", 60_000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen(
        command("label", src, "-o", out_dir / output, "--method", "rules", "--chunksize", "500"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env(),
        # Under nohup the tests inherit SIGHUP ignored, and the command rightly keeps it so.
        preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL),
    )
    assert wait_for(lambda: list(out_dir.glob("*.part")) or proc.poll() is not None)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    time.sleep(0.3)  # let it write a few chunks
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err.decode()
    assert list(out_dir.iterdir()) == []


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_workers_stop_when_the_parent_is_killed(tmp_path):
    # Killing the main process of a --jobs 2 run left two 440 MB workers running.
    src = big_csv(tmp_path / "in.csv", 60_000)
    proc = subprocess.Popen(
        command("label", src, "-o", tmp_path / "out.csv", "--method", "rules", "--jobs", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env(),
    )
    workers = wait_for(
        lambda: (
            [c for c in children(proc.pid) if alive(c)]
            if len(children(proc.pid)) >= 2 or proc.poll() is not None
            else []
        )
    )
    assert proc.poll() is None and len(workers) >= 2, "no workers were started"
    proc.kill()
    proc.wait(timeout=30)
    try:
        assert wait_for(lambda: not any(alive(w) for w in workers), timeout=20), "workers outlived the parent"
    finally:
        for w in workers:  # never leave a stray process behind, even when the test fails
            if alive(w):
                os.kill(w, signal.SIGKILL)


def test_the_progress_estimate_stands_while_a_file_read_ahead_is_labelled():
    # A file under 1 MiB is read whole to detect its encoding, so the share read was 1 after
    # the first chunk and the bar said 100% with nothing left, two thirds of the way short.
    import io

    from diplotrack.progress import Progress

    out = io.StringIO()
    bar = Progress(True, total=3000, stream=out, use_tqdm=False)
    bar.update(1000, fraction=1.0)
    assert "1,000 / 3,000 rows" in out.getvalue() and "100%" not in out.getvalue()
    bar.update(1000, fraction=0.5)  # a share read below 1 still refines the estimate
    bar.update(0, fraction=0.5)
    assert bar.total == 4000
    bar.close()
