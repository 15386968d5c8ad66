"""``diplotrack evaluate --data``, ``compare`` and ``review`` as real subprocesses on files from datasets/.

A slice of the bundled test split is labelled once by ``diplotrack label``; every other run
reads that file (or the bundled dataset) and the runs are started together, in parallel.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_cli import read_text_csv, run

DATASET = Path(__file__).resolve().parents[1] / "datasets" / "engagements.csv"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare-cli")
    cases = read_text_csv(DATASET)
    cases = cases[cases["split"] == "test"].head(60).copy()
    # A second hand coder who differs from the dataset's label on every seventh case, and
    # who has not coded the last ten.
    others = {"Track 1": "Track 1.5", "Track 1.5": "Track 2", "Track 2": "none", "none": "Track 1"}
    cases["coder_b"] = [others[t] if i % 7 == 3 else t for i, t in enumerate(cases["track"])]
    cases.iloc[-10:, cases.columns.get_loc("coder_b")] = ""
    cases.to_csv(root / "cases.csv", index=False)
    labelled = root / "labelled.csv"
    first = run("label", root / "cases.csv", "-o", labelled, "--method", "both")
    assert first.returncode == 0, first.stderr
    jobs = {
        "evaluate": (
            "evaluate",
            "--data",
            DATASET,
            "--gold",
            "track",
            "--subset",
            "split=test",
            "--by",
            "style",
            "--method",
            "rules",
            "--json",
            "--markdown",
            root / "evaluation.md",
        ),
        "compare": (
            "compare",
            labelled,
            "--gold",
            "track",
            "--coders",
            "coder_b",
            "--report",
            root / "report.md",
            "--plot",
            root / "figure.png",
            "--resamples",
            "200",
        ),
        "compare-json": ("compare", labelled, "--json", "--evidence", "--resamples", "0"),
        "review": ("review", labelled, "-n", "10", "-o", root / "queue.csv", "--evidence"),
        "missing-file": ("compare", root / "nowhere.csv"),
        "missing-gold": ("compare", labelled, "--gold", "hand_label"),
        "data-and-split": ("evaluate", "--data", DATASET, "--split", "test"),
        "bad-subset": ("evaluate", "--data", DATASET, "--subset", "split"),
        "bad-n": ("review", labelled, "-n", "0", "-o", root / "never.csv"),
    }
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(run, *args) for name, args in jobs.items()}
        results = {name: f.result() for name, f in futures.items()}
    return root, results


def test_evaluate_a_labelled_file_by_subset_and_group(runs):
    root, results = runs
    r = results["evaluate"]
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)["rules"]
    test = read_text_csv(DATASET).query("split == 'test'")
    assert report["n"] == len(test) and report["subset"] == {"split": "test"}
    assert set(report["by_group"]) == set(test["style"])
    assert sum(g["n"] for g in report["by_group"].values()) == len(test)
    for key in (
        "macro_f1",
        "macro_f1_tracks",
        "track1_vs_rest_f1",
        "engagements_abstained",
        "nonengagements_labelled",
        "confusion",
    ):
        assert key in report
    assert (root / "evaluation.md").read_text(encoding="utf-8").startswith("# Evaluation against `track`")


def test_compare_prints_the_summary_and_writes_report_and_figure(runs):
    root, results = runs
    r = results["compare"]
    assert r.returncode == 0, r.stderr
    for words in (
        "Comparing rules and model on 60 cases",
        "Cohen's kappa",
        "McNemar's exact test",
        "Krippendorff's alpha (nominal) across coder_b, rules, model",
        "(50 cases coded by at least one",
    ):
        assert words in r.stdout
    assert (root / "report.md").read_text(encoding="utf-8").startswith("# Comparing rules and model")
    assert (root / "figure.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_with_evidence_quotes_what_decided(runs):
    root, results = runs
    r = results["compare-json"]
    assert r.returncode == 0, r.stderr
    payload = json.loads(r.stdout)
    labelled = read_text_csv(root / "labelled.csv")
    assert payload["n"] == 60
    assert len(payload["disagreements"]) == int((labelled["rules_track"] != labelled["model_track"]).sum())
    for row in payload["disagreements"]:
        # "row" is the case's line among the data rows, 1 first, as review numbers them.
        assert labelled.loc[row["row"] - 1, "id"] == row["id"]
        assert not row["rules_evidence"].startswith(row["rules_track"].replace("none", "Abstained"))
        assert "nearest known case" in row["model_evidence"]


def test_review_writes_the_queue_with_reasons(runs):
    root, results = runs
    assert results["review"].returncode == 0, results["review"].stderr
    queue = read_text_csv(root / "queue.csv")
    labelled = read_text_csv(root / "labelled.csv")
    assert 0 < len(queue) <= 10 and queue.columns[0] == "row"
    assert list(queue.columns[-2:]) == ["review_priority", "review_reasons"]
    priorities = queue["review_priority"].astype(float).tolist()
    assert priorities == sorted(priorities, reverse=True) and all(queue["review_reasons"])
    first = queue.iloc[0]
    assert labelled.loc[int(first["row"]) - 1, "id"] == first["id"]


@pytest.mark.parametrize(
    "name, words",
    [
        ("missing-file", "Input file not found"),
        ("missing-gold", "Missing gold column 'hand_label'"),
        ("data-and-split", "with --data use --subset split=test"),
        ("bad-subset", "Invalid --subset 'split': expected COLUMN=VALUE"),
        ("bad-n", "Invalid n: expected a positive number of cases, got 0"),
    ],
    ids=["missing-file", "missing-gold", "data-and-split", "bad-subset", "bad-n"],
)
def test_mistakes_exit_2_with_one_line(runs, name, words):
    r = runs[1][name]
    assert r.returncode == 2 and words in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
