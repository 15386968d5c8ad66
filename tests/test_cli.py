"""The command line, run as real subprocesses: ``python -m diplotrack.cli``.

Each run starts a fresh interpreter (about a second of imports), so all the runs the
tests need are started together, in parallel, by one module fixture; each test then
checks its own run and files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import diplotrack

SRC = Path(diplotrack.__file__).resolve().parents[1]
OUT = ["rules_track", "rules_confidence", "rules_explanation"]
HELP_OPTIONS = {
    "label": ("--output", "--method", "--description-column", "--participants-column", "--chunksize"),
    "classify": ("--json", "--method", "--participants", "--formality", "--purpose"),
}
# About thirty subprocess runs, each importing the library: the module takes many seconds.
pytestmark = pytest.mark.slow
JSON_TEXT = "Les ministres des affaires étrangères ont signé un accord à Genève — «foreign ministers signed»."


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "diplotrack.cli", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


def read_text_csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@dataclass
class Runs:
    root: Path
    results: dict[str, subprocess.CompletedProcess]
    examples: set[str]

    def __getitem__(self, name: str) -> subprocess.CompletedProcess:
        return self.results[name]

    def dir(self, name: str) -> Path:
        return self.root / name


@pytest.fixture(scope="module")
def cli(tmp_path_factory, data_dir) -> Runs:
    root = tmp_path_factory.mktemp("cli")

    def folder(name: str, source: str | None = None) -> Path:
        path = root / name
        path.mkdir()
        if source:
            shutil.copy(data_dir / source, path / "in.csv")
        return path / "in.csv"

    cases, missing = folder("label", "cases.csv"), folder("missing-column", "summaries.csv")
    renamed, absent = folder("renamed", "summaries.csv"), folder("absent")
    jobs = {
        "label": ("label", cases, "-o", cases.parent / "out.csv", "--method", "rules"),
        "label-chunked": ("label", cases, "-o", cases.parent / "chunked.csv", "--method", "rules",
                          "--chunksize", "2"),
        "missing-column": ("label", missing, "-o", missing.parent / "out.csv", "--method", "rules"),
        "renamed": ("label", renamed, "-o", renamed.parent / "out.csv", "--method", "rules",
                    "--description-column", "summary"),
        "absent": ("label", absent, "-o", absent.parent / "out.csv", "--method", "rules"),
        "classify": ("classify", "Retired generals and scholars from India and Pakistan met in Bangkok for "
                     "a workshop.", "--method", "rules"),
        "classify-fields": ("classify", "Talks in Geneva.",
                            "--participants", "deputy foreign ministers; official delegations",
                            "--formality", "formal negotiation",
                            "--purpose", "conclude an arms control agreement", "--method", "rules"),
        "classify-json": ("classify", JSON_TEXT, "--method", "rules", "--json"),
        "classify-none": ("classify", "Heavy rain is forecast for tomorrow.", "--method", "rules"),
        "bad-method": ("classify", "Talks.", "--method", "magic"),
        "no-command": (),
        "help": ("--help",),
        **{f"help-{c}": (c, "--help") for c in HELP_OPTIONS},
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run, *args) for name, args in jobs.items()}
        results = {name: f.result() for name, f in futures.items()}
        # The commands named in the help's examples, checked by test_help_commands_exist.
        examples = {line.split()[1] for line in results["help"].stdout.splitlines()
                    if line.strip().startswith("diplotrack ")}
        extra = {f"help-{c}": pool.submit(run, c, "--help") for c in examples - set(HELP_OPTIONS)}
        results.update({name: f.result() for name, f in extra.items()})
    return Runs(root, results, examples)


def test_module_runs_as_python_dash_m(cli):
    assert cli["help"].returncode == 0, cli["help"].stderr
    assert "usage: diplotrack" in cli["help"].stdout


def test_label_keeps_rows_and_columns(cli):
    r = cli["label"]
    assert r.returncode == 0, r.stderr
    src, got = read_text_csv(cli.dir("label") / "in.csv"), read_text_csv(cli.dir("label") / "out.csv")
    assert got.columns.tolist() == [*src.columns, *OUT]
    pd.testing.assert_frame_equal(got[src.columns], src)
    assert got.set_index("case_id").loc["007", "rules_track"] == "Track 1"
    assert "10" in r.stderr  # the row count is reported


def test_label_in_small_chunks_gives_the_same_file(cli):
    assert cli["label-chunked"].returncode == 0, cli["label-chunked"].stderr
    folder = cli.dir("label")
    assert (folder / "chunked.csv").read_bytes() == (folder / "out.csv").read_bytes()


def test_label_missing_description_column_exits_2_listing_columns(cli):
    r = cli["missing-column"]
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    for column in ("id", "summary", "source"):
        assert f"'{column}'" in r.stderr
    assert "--description-column" in r.stderr
    assert sorted(p.name for p in cli.dir("missing-column").iterdir()) == ["in.csv"]


def test_label_with_description_column_option(cli):
    r = cli["renamed"]
    assert r.returncode == 0, r.stderr
    got = read_text_csv(cli.dir("renamed") / "out.csv")
    assert got.columns.tolist() == ["id", "summary", "source", *OUT]
    assert got["rules_track"].tolist()[0] == "Track 1"
    assert got["rules_track"].tolist()[3] == "none"


def test_label_missing_input_file_exits_2_without_traceback(cli):
    r = cli["absent"]
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "in.csv" in r.stderr
    assert list(cli.dir("absent").iterdir()) == []


def test_classify_prints_label_and_explanation(cli):
    r = cli["classify"]
    assert r.returncode == 0, r.stderr
    assert "Track 2" in r.stdout
    assert '"scholars"' in r.stdout  # the explanation quotes the input
    assert "confidence" in r.stdout


def test_classify_with_structured_fields(cli):
    r = cli["classify-fields"]
    assert r.returncode == 0, r.stderr
    assert "Track 1" in r.stdout and "Track 1.5" not in r.stdout
    assert "(participants)" in r.stdout


def test_classify_json_is_valid_json(cli):
    r = cli["classify-json"]
    assert r.returncode == 0, r.stderr
    payload = json.loads(r.stdout)
    assert payload["track"] == "Track 1"
    assert payload["method"] == "rules"
    assert payload["explanation"]
    assert isinstance(payload["evidence"], list) and payload["evidence"]
    assert any(e["text"] in JSON_TEXT for e in payload["evidence"] if e["start"] is not None)
    assert sum(payload["scores"].values()) == pytest.approx(1.0, abs=1e-3)


def test_classify_abstains_on_a_non_engagement(cli):
    r = cli["classify-none"]
    assert r.returncode == 0, r.stderr
    assert "none" in r.stdout


def test_unknown_method_exits_2(cli):
    r = cli["bad-method"]
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "magic" in r.stderr


def test_no_command_prints_help_and_exits_2(cli):
    r = cli["no-command"]
    assert r.returncode == 2
    assert "classify" in r.stdout + r.stderr


def test_help_mentions_the_commands_and_options(cli):
    for command, options in HELP_OPTIONS.items():
        assert command in cli["help"].stdout
        sub = cli[f"help-{command}"]
        assert sub.returncode == 0, sub.stderr
        for option in options:
            assert option in sub.stdout, (command, option)


def test_help_commands_exist(cli):
    # Every command the help's examples use must be a real command.
    assert set(HELP_OPTIONS) <= cli.examples, cli["help"].stdout
    for command in cli.examples:
        r = cli[f"help-{command}"]
        assert r.returncode == 0, (command, r.stderr)
