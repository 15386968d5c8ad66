"""Mistakes a researcher makes in a notebook: each gets a clear error, or a clear abstention.

Found by probing the Python API with the inputs of a working session (a column read twice,
a Series passed where one case was meant, a misnamed key, a filter that left no rows, NumPy
integers, uncoded labels). Each test names what went wrong before: a bare ``AttributeError``,
a false "no text" abstention, a ``TypeError`` from sorting NaN, and so on.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diplotrack import TextClassifier, classify, classify_many, compare, label_csv, label_frame, review_queue
from diplotrack.batch import BatchInputError
from diplotrack.datasets import load_engagements
from diplotrack.engagement import DuplicateColumnError, MissingColumnError
from diplotrack.evaluation import evaluate

TREATY = "The two foreign ministers signed a border treaty in Hanoi."
WORKSHOP = "Retired diplomats and scholars from India and Pakistan met for a workshop in Colombo."
RAIN = "Heavy rain is expected across the north tomorrow."


def test_a_field_column_read_twice_is_named_not_a_crash(tmp_path):
    twice = pd.DataFrame(
        [[WORKSHOP, "scholars", "ministers"]], columns=["description", "participants", "participants"]
    )
    with pytest.raises(BatchInputError, match=r"participants column 'participants' appears 2 times"):
        label_frame(twice, "rules")
    with pytest.raises(DuplicateColumnError, match=r"description column 'description' appears 2 times"):
        classify_many(pd.DataFrame([[TREATY, WORKSHOP]], columns=["description", "description"]))
    source = tmp_path / "cases.csv"
    source.write_text(f'description,participants,participants\n"{WORKSHOP}",scholars,ministers\n')
    with pytest.raises(BatchInputError, match="appears 2 times"):
        label_csv(source, tmp_path / "out.csv", "rules")
    assert not (tmp_path / "out.csv").exists()


def test_one_case_means_one_case():
    column = pd.Series([TREATY, WORKSHOP], name="description")
    with pytest.raises(MissingColumnError, match=r"for a column of many descriptions use classify_many"):
        classify(column)
    with pytest.raises(TypeError, match=r"got a list of 2 items\. Use classify_many"):
        classify([TREATY, WORKSHOP])
    with pytest.raises(MissingColumnError, match=r"the case has keys \['summary'\]"):
        classify({"summary": TREATY})
    assert [v.label for v in classify_many([{"summary": TREATY}], columns={"description": "summary"})] == [
        "Track 1"
    ]
    row = pd.DataFrame({"description": [TREATY], "year": [2001]}).iloc[0]  # a row is one case
    assert classify(row).label == "Track 1"


def test_records_with_a_misnamed_key_are_an_error_and_a_missing_one_an_abstention():
    with pytest.raises(MissingColumnError, match=r"none of the 2 records has any of the keys \['summ'"):
        classify_many([{"summary": TREATY}, {"summary": WORKSHOP}], columns={"description": "summ"})
    verdicts = classify_many([{"description": TREATY}, {"notes": "not coded yet"}])
    assert [v.label for v in verdicts] == ["Track 1", "none"]


def test_columns_must_be_a_mapping():
    frame = pd.DataFrame({"summary": [TREATY]})
    for call in (
        lambda: label_frame(frame, "rules", columns="summary"),
        lambda: classify_many(frame, columns=["summary"]),
    ):
        with pytest.raises(TypeError, match=r"expected a mapping of field name to column name"):
            call()


def test_evaluate_groups_and_selects_rows_with_missing_values():
    coded = pd.DataFrame(
        {
            "description": [TREATY, WORKSHOP, RAIN],
            "gold": ["Track 1", "Track 2", "none"],
            "style": ["news", None, np.nan],  # as read_csv leaves blank cells
        }
    )
    ev = evaluate(coded, gold="gold", methods="rules", by="style")
    assert sorted(ev.groups) == ["(missing)", "news"]
    assert ev.groups["(missing)"]["rules"]["n"] == 2
    with pytest.raises(ValueError, match=r"no rows where style='blog'.*holds \['\(missing\)', 'news'\]"):
        evaluate(coded, gold="gold", methods="rules", subset={"style": "blog"})


def test_the_consensus_takes_your_own_model():
    model = TextClassifier(abstain_threshold=0.65, min_df=1).fit(
        load_engagements("train").head(150), load_engagements("train").head(150).track
    )
    v = classify(WORKSHOP, "consensus", model=model)
    assert v.method == "consensus" and "Model:" in v.explanation
    out = label_frame(pd.DataFrame({"description": [WORKSHOP]}), "consensus", model=model)
    assert out.loc[0, "consensus_explanation"] == v.explanation


def test_uncoded_training_labels_are_named():
    cases = load_engagements("train").head(40)
    labels = cases.track.astype(object).tolist()
    labels[3], labels[7] = None, np.nan
    with pytest.raises(ValueError, match=r"2 of 40 labels are missing \(at positions 3, 7\)"):
        TextClassifier(abstain_threshold=0.5, min_df=1).fit(cases, labels)


def test_cells_that_mark_a_case_not_coded_are_no_class_of_their_own():
    # A coding sheet read as the README advises (dtype=str, keep_default_na=False) holds ""
    # for the cases not coded yet: they were learned as a fifth class and predicted as "".
    cases = load_engagements("train").head(40)
    labels = cases.track.astype(str).tolist()
    labels[5], labels[9] = "", "N/A"
    with pytest.raises(ValueError, match=r"2 of 40 labels \('', 'N/A'\) mark a case not coded \(at positions 5, 9\)"):
        TextClassifier(abstain_threshold=0.5, min_df=1, neighbour_vote=0).fit(cases, labels)
    # A codebook of one's own ("unclear" among its codes) was not checked: "N/A" became a class.
    own = ["official" if t == "Track 1" else "unclear" for t in cases.track.astype(str)]
    own[7] = "N/A"
    with pytest.raises(ValueError, match=r"1 of 40 labels \('N/A'\) mark a case not coded \(at positions 7\)"):
        TextClassifier(abstain_threshold=0.5, min_df=1, neighbour_vote=0).fit(cases, own)


def test_a_trained_model_labels_no_cases_as_no_cases():
    cases = load_engagements("train").head(60)
    model = TextClassifier(abstain_threshold=0.5, min_df=1).fit(cases, cases.track)
    assert model.predict([]).shape == (0,)
    assert model.predict_proba([]).shape == (0, len(model.classes_))


def test_compare_and_review_on_filtered_tables():
    labelled = label_frame(pd.DataFrame({"description": [TREATY, WORKSHOP, RAIN]}), "both")
    with pytest.raises(ValueError, match=r"it has no rows \(a file with a header only, or a filter"):
        compare(labelled[labelled.rules_track == "Track 1.5"])
    with pytest.raises(TypeError, match=r"expected a mapping of method to its list of verdicts"):
        compare(labelled, verdicts=[None, None, None])
    assert compare(labelled, n_resamples=np.int64(100)).n == 3  # NumPy integers are integers
    assert len(review_queue(labelled, n=np.int64(2))) <= 2
    with pytest.raises(ValueError, match=r"Invalid unsure: expected a confidence between 0 and 1"):
        review_queue(labelled, unsure="high")


@pytest.mark.parametrize(
    ("method", "error", "message"),
    [
        (None, TypeError, r"expected 'rules', 'model', 'both', 'consensus' or a list"),
        (["rules", "both"], ValueError, r"'both' stands alone"),
    ],
)
def test_method_mistakes(method, error, message):
    with pytest.raises(error, match=message):
        label_frame(pd.DataFrame({"description": [TREATY]}), method)


def test_label_csv_points_a_dataframe_to_label_frame(tmp_path):
    with pytest.raises(TypeError, match="For a DataFrame in memory use label_frame"):
        label_csv(pd.DataFrame({"description": [TREATY]}), tmp_path / "out.csv")


def test_evaluate_names_a_classifier_that_is_a_file_name():
    coded = pd.DataFrame({"description": [TREATY], "gold": ["Track 1"]})
    with pytest.raises(
        TypeError, match=r"classifiers\['rules'\].*get_classifier\('rules', rules='my_rules.toml'\)"
    ):
        evaluate(coded, gold="gold", methods="rules", classifiers={"rules": "my_rules.toml"})


# ---- the same mistakes on the command line: one line, exit status 2, nothing lost ---------
PERU = "The foreign ministers of Peru and Chile met in Lima on 3 May to discuss the maritime boundary."
SANTIAGO = "Retired admirals, scholars and fishermen from Peru and Chile met in Santiago for a workshop."
GENEVA = "Délégués officiels et universitaires se sont réunis à Genève, à titre personnel."
LABELLED = pd.DataFrame(
    {
        "id": ["pe-01", "pe-02", "ch-03"],
        "description": [PERU, SANTIAGO, GENEVA],
        "hand": ["Track 1", "Track 2", "Track 1.5"],
        "rules_track": ["Track 1", "Track 2", "Track 1.5"],
        "rules_confidence": ["0.9", "0.55", "0.6"],
        "model_track": ["Track 1", "Track 2", "Track 2"],
        "model_confidence": ["0.95", "0.7", "0.52"],
    }
)


def cli(capsys, *args: str) -> tuple[int, str]:
    """Run the command line in this process: its exit status and standard error."""
    from diplotrack.cli import main

    capsys.readouterr()
    status = main(list(args))
    return status, capsys.readouterr().err


def one_line(err: str, *words: str) -> None:
    assert "Traceback" not in err and err.count("\n") == 1, err
    for w in words:
        assert w in err, err


def test_train_never_writes_the_model_over_its_training_data(tmp_path, capsys):
    # `train --data my_cases.csv --out my_cases.csv` replaced the cases with the model, exit 0.
    import os

    data = tmp_path / "my_cases.csv"
    LABELLED[["id", "description", "hand"]].rename(columns={"hand": "track"}).to_csv(data, index=False)
    before = data.read_bytes()
    (tmp_path / "link.csv").symlink_to(data)
    os.link(data, tmp_path / "hard.csv")
    for out in ("my_cases.csv", "link.csv", "hard.csv"):
        status, err = cli(capsys, "train", "--data", str(data), "--out", str(tmp_path / out), "--no-compare")
        assert status == 2
        one_line(err, f"Refusing to write to '{tmp_path / out}': it is the input file", "Choose another")
    assert data.read_bytes() == before


COMMANDS = {
    "evaluate": ["evaluate", "--data", "{f}", "--gold", "hand", "--method", "rules"],
    "compare": ["compare", "{f}", "--gold", "hand", "--resamples", "0"],
    "review": ["review", "{f}", "-o", "{d}/queue.csv"],
    "rules-report": ["rules", "report", "{f}", "--gold", "hand"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_reads_a_semicolon_csv_in_a_code_page(command, tmp_path, capsys):
    # A file from a European Excel: semicolons, cp1252. Before, the error said "pass --sep"
    # and "--sep" was an unrecognized argument.
    path = tmp_path / "coded.csv"
    LABELLED.to_csv(path, sep=";", index=False, encoding="cp1252")
    args = [a.format(f=path, d=tmp_path) for a in COMMANDS[command]]
    status, err = cli(capsys, *args)  # read with commas: the error points to --sep
    assert status == 2
    one_line(err, "ass --sep")
    assert cli(capsys, *args, "--sep", ";", "--encoding", "cp1252")[0] == 0
    status, err = cli(capsys, *args, "--sep", ";", "--encoding", "utf-8")  # the encoding is the one given
    assert status == 2
    one_line(err, "is not valid utf-8: byte 0xe9 on line 4", "--encoding")
    status, err = cli(capsys, *args, "--sep", ";;")
    assert status == 2
    one_line(err, "Invalid sep: expected one character")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_header_read_as_one_column_points_to_the_separator(command, tmp_path, capsys):
    # No cell holds a comma, so the file reads as one column; the error names the separator.
    path = tmp_path / "coded.csv"
    LABELLED.assign(description=[PERU, "Scholars met in Santiago.", "Talks in Geneva."]).to_csv(
        path, sep=";", index=False
    )
    args = [a.format(f=path, d=tmp_path) for a in COMMANDS[command]]
    status, err = cli(capsys, *args)
    assert status == 2
    one_line(err, "The header holds a semicolon: pass --sep ';'")


@pytest.mark.parametrize(
    ("first", "sep", "hint"),
    [
        ("sep=;\n", [], "The first line 'sep=;' is Excel's note of the separator, not the header: delete "
         "that line and pass --sep ';'"),
        ("sep=;\n", ["--sep", ";"], "The first line is Excel's note of the separator, not the header: "
         "delete that line."),
        ("", ["--sep", "\t"], "The header holds a comma: pass --sep ','"),
    ],
    ids=["excel-sep-line", "excel-sep-line-with-sep", "commas-read-as-tsv"],
)
def test_excel_s_separator_line_and_a_comma_file_read_with_another_separator_are_named(
    first, sep, hint, tmp_path, capsys
):
    # European Excel exports start with "sep=;": the error said the columns were ['sep=;'],
    # and with --sep ';' it said ['sep=', ''], never naming the line.
    path = tmp_path / "coded.csv"
    table = LABELLED.assign(description=[PERU, "Scholars met in Santiago.", "Talks in Geneva."])
    path.write_text(first + table.to_csv(sep=";" if first else ",", index=False))
    out = ["-o", str(tmp_path / "out.csv"), "--method", "rules", "--encoding", "utf-8"]
    status, err = cli(capsys, "label", str(path), *out, *sep)
    assert status == 2
    one_line(err, hint)
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_file_whose_every_line_is_quoted_whole_is_not_told_to_pass_its_own_separator(
    command, tmp_path, capsys
):
    # Read with ',' already, it was told "pass --sep ','".
    path = tmp_path / "coded.csv"
    lines = LABELLED.assign(description=["Talks in Lima.", "Scholars met in Santiago.", "Talks in Geneva."]).to_csv(
        index=False
    ).splitlines()
    path.write_text("".join(f'"{line}"\n' for line in lines))
    args = [a.format(f=path, d=tmp_path) for a in COMMANDS[command]]
    status, err = cli(capsys, *args)
    assert status == 2
    one_line(err, "The header is one quoted cell holding the separator (',')")
    assert "pass --sep ','" not in err


@pytest.mark.parametrize("orient", ["spaced-lines", "pandas-lines", "array", "indented-array"])
def test_a_json_file_is_named_as_json(tmp_path, capsys, orient):
    # Its error was about a quoted cell going on after its closing quote, a ragged line, or
    # columns such as ['{"id": 1'], never that the file is JSON (pandas writes JSON Lines
    # without spaces, and arrays of records indented or not).
    frame = pd.DataFrame({"id": [1, 2], "description": [PERU, "Talks in Lima."]})
    path = tmp_path / "cases.json"
    if orient == "spaced-lines":
        path.write_text(f'{{"id": 1, "description": "{PERU}"}}\n{{"id": 2, "description": "Talks in Lima."}}\n')
    elif orient == "pandas-lines":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_json(path, orient="records", indent=2 if orient == "indented-array" else None)
    status, err = cli(capsys, "label", str(path), "-o", str(tmp_path / "out.csv"), "--encoding", "utf-8")
    assert status == 2
    one_line(err, "holds JSON, not CSV", "pandas.read_json(path, lines=True)")
    assert not (tmp_path / "out.csv").exists()


def test_utf16_without_a_byte_order_mark_is_named(tmp_path, capsys):
    # Read as UTF-8, its header was "['i\\x00d\\x00', ...]" with no word of the encoding.
    path = tmp_path / "cases.csv"
    rows = "".join(f"{i},Министры иностранных дел встретились в Астане.\n" for i in range(20))
    path.write_bytes(("id,description\n" + rows).encode("utf-16-le"))
    status, err = cli(capsys, "label", str(path), "-o", str(tmp_path / "out.csv"), "--method", "rules")
    assert status == 2
    one_line(err, "UTF-16 text without a byte-order mark", "--encoding utf-16-le")
    status, err = cli(capsys, "label", str(path), "-o", str(tmp_path / "out.csv"), "--method", "rules",
                      "--encoding", "utf-16-le", "-q")
    assert status == 0 and len(pd.read_csv(tmp_path / "out.csv")) == 20
    # A UTF-8 file whose cells hold NULs is no UTF-16: its line breaks stand alone.
    path.write_bytes(b'description,note\n"Talks in Oslo.","0\x000\x00"\n"Talks in Lima.","\x00"\n')
    status, err = cli(capsys, "label", str(path), "-o", str(tmp_path / "out.csv"), "--method", "rules", "-q")
    assert status == 0, err


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_ragged_row_is_explained_in_the_words_of_the_command(command, tmp_path, capsys):
    # Only label has --on-bad-lines; the others read every row, so the advice is to fix it.
    path = tmp_path / "coded.csv"
    path.write_text(LABELLED.to_csv(index=False) + "pe-04,Talks in Lima, Peru,Track 1,,,,,\n")
    args = [a.format(f=path, d=tmp_path) for a in COMMANDS[command]]
    status, err = cli(capsys, *args)
    assert status == 2
    one_line(err, "Expected 7 fields in line 5, saw 9", "Pass --sep", "or correct that row")
    assert "--on-bad-lines skip" not in err


def test_train_reads_with_the_separator_and_encoding_given(tmp_path, capsys, monkeypatch):
    import diplotrack.training

    given = {}

    def fake_train(data, out, **kwargs):
        given.update(kwargs)
        raise ValueError("stop here")

    monkeypatch.setattr(diplotrack.training, "train_model", fake_train)
    data = tmp_path / "coded.csv"
    data.write_text(f"description;track\n{PERU};Track 1\n")
    status, err = cli(capsys, "train", "--data", str(data), "--sep", ";", "--encoding", "cp1252")
    assert status == 2 and given["sep"] == ";" and given["encoding"] == "cp1252"
    monkeypatch.undo()
    status, err = cli(capsys, "train", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert status == 2
    one_line(err, "got ['description;track']", "The header holds a semicolon: pass --sep ';'")
    for args in (
        ["train", "--sep", ";"],
        ["train", "--gold", "coder_label"],
        ["train", "--description-column", "summary"],
        ["evaluate", "--split", "test", "--encoding", "cp1252"],
    ):
        status, err = cli(capsys, *args)
        assert status == 2
        one_line(err, "how to read the file given with --data", "Add --data FILE, or leave out")


def test_train_on_a_header_only_file_says_it_has_no_rows(tmp_path, capsys):
    data = tmp_path / "coded.csv"
    data.write_text("description,track\n")
    status, err = cli(capsys, "train", "--data", str(data), "--out", str(tmp_path / "m.joblib"), "--no-compare")
    assert status == 2
    one_line(err, "has a header but no rows")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_gold_column_present_twice_is_named_by_every_command(command, tmp_path, capsys):
    # rules report crashed ('DataFrame' object has no attribute 'tolist'); evaluate, compare
    # and review read the column names as labels ("got 'hand' (2 rows)").
    path = tmp_path / "coded.csv"
    twice = pd.concat([LABELLED, LABELLED[["hand"]]], axis=1)
    twice.to_csv(path, index=False)
    args = [a.format(f=path, d=tmp_path) for a in COMMANDS[command]]
    if command == "review":
        args += ["--gold", "hand"]
    status, err = cli(capsys, *args)
    assert status == 2
    one_line(err, "The gold column 'hand' appears 2 times in the input", "Rename or drop")
    assert not (tmp_path / "queue.csv").exists()


def test_review_of_a_header_only_file_writes_a_header_only_queue(tmp_path, capsys):
    # As label writes a header-only output for a header-only input; before, a numpy error.
    path = tmp_path / "labelled.csv"
    path.write_text(",".join(LABELLED.columns) + "\n")
    status, err = cli(capsys, "review", str(path), "-o", str(tmp_path / "queue.csv"))
    assert status == 0, err
    queue = pd.read_csv(tmp_path / "queue.csv", dtype=str)
    assert queue.empty and list(queue.columns) == ["row", *LABELLED.columns, "review_priority", "review_reasons"]


def test_review_of_a_file_labelled_by_the_rules_alone_says_to_pass_methods_rules(tmp_path, capsys):
    # Before: only "Missing columns ['model_track']", without the option that fixes it.
    path = tmp_path / "ro.csv"
    LABELLED.drop(columns=["model_track", "model_confidence"]).to_csv(path, index=False)
    queue = tmp_path / "queue.csv"
    status, err = cli(capsys, "review", str(path), "-o", str(queue))
    assert status == 2
    one_line(err, "Missing columns ['model_track']", "pass --methods rules")
    assert not queue.exists()
    status, err = cli(capsys, "review", str(path), "-o", str(queue), "--methods", "rules", "-n", "1")
    assert status == 0, err
    assert f"wrote 1 case to {queue}" in err  # before: "wrote 1 cases"
    # With one method there is nothing to agree: the short queue was said to be "the methods
    # agree, confidently".
    status, err = cli(capsys, "review", str(path), "-o", str(queue), "--methods", "rules", "-n", "50")
    assert status == 0, err
    assert "(50 asked; the others give no reason for review: labelled confidently)" in err
    assert "methods agree" not in err


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--jobs", "0", "argument --jobs: expected a number of processes (1, 2, ...) or -1 for one per core, got '0'"),
        ("--jobs", "two", "argument --jobs: expected a number of processes"),
        ("--chunksize", "0", "argument --chunksize: expected a whole number of at least 1, got '0'"),
    ],
)
def test_a_bad_number_of_jobs_or_rows_is_named_by_its_option(tmp_path, capsys, option, value, words):
    # Before: "Invalid n_jobs: expected a positive integer ..." (the Python name, which the
    # command line does not have), and argparse's "invalid int value: 'two'".
    source = tmp_path / "cases.csv"
    LABELLED[["id", "description"]].to_csv(source, index=False)
    out = tmp_path / "labelled.csv"
    with pytest.raises(SystemExit) as stop:
        cli(capsys, "label", str(source), "-o", str(out), option, value)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "n_jobs" not in err and "Traceback" not in err
    assert not out.exists()


def test_a_bad_lines_file_without_report_is_refused(tmp_path, capsys):
    # It was silently ignored with --on-bad-lines skip: no side file, no word said.
    source = tmp_path / "cases.csv"
    source.write_text(f'id,description\n1,"{PERU}"\n2,Talks in Lima,extra\n')
    out = tmp_path / "labelled.csv"
    for policy in (["--on-bad-lines", "skip"], []):
        status, err = cli(
            capsys, "label", str(source), "-o", str(out), "--method", "rules", *policy,
            "--bad-lines-file", str(tmp_path / "skipped.csv"),
        )
        assert status == 2
        one_line(err, "Invalid bad-lines file", "Add --on-bad-lines report", "or leave out --bad-lines-file")
    assert not out.exists() and not (tmp_path / "skipped.csv").exists()
    with pytest.raises(ValueError, match=r"written only with --on-bad-lines report"):
        label_csv(source, out, "rules", on_bad_lines="skip", bad_lines_file=tmp_path / "skipped.csv")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("labelled.csv.provenance.json", "it is the output's provenance file"),
        ("labelled.csv", "it is the output, which would overwrite it"),
        ("skipped.csv.gz", r"written as plain CSV, not as its suffix '\.gz' says; name it with \.csv \(e\.g\. 'skipped\.csv'\)"),
    ],
    ids=["provenance", "output", "compressed-name"],
)
def test_a_bad_lines_file_the_run_would_overwrite_or_misname_is_refused(tmp_path, name, message):
    # The provenance file, written after it, replaced the list of skipped rows; a '.gz' name
    # held plain CSV; the output's own name was refused as "the input file".
    source = tmp_path / "cases.csv"
    source.write_text(f'id,description\n1,"{PERU}"\n2,Talks in Lima,extra\n')
    out = tmp_path / "labelled.csv"
    with pytest.raises(BatchInputError, match=message):
        label_csv(source, out, "rules", on_bad_lines="report", bad_lines_file=tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv"]


@pytest.mark.parametrize("compare", [[], ["--no-compare"]])
def test_train_on_a_handful_of_cases_says_what_the_folds_need(compare, tmp_path, capsys):
    # Three coded cases: scikit-learn's "Cannot have number of splits n_splits=5 greater than
    # the number of samples: n_samples=3." was the whole message; four of each of two labels
    # gave "n_splits=5 cannot be greater than the number of members in each class".
    data = tmp_path / "coded.csv"
    three = LABELLED[["id", "description", "hand"]].rename(columns={"hand": "track"})
    three.to_csv(data, index=False)
    out = tmp_path / "m.joblib"
    status, err = cli(capsys, "train", "--data", str(data), "--out", str(out), *compare)
    assert status == 2
    one_line(
        err,
        "Too few training cases: 3 labelled training case(s) (Track 1: 1, Track 1.5: 1, Track 2: 1)",
        "5-fold cross-validation stratified by label",
        "at least 5 cases of one label and 2 of another",
        "Add labelled cases",
        "TextClassifier(min_df=1)",
    )
    assert "n_splits" not in err and not out.exists()
    eight = pd.DataFrame(
        {"description": [PERU, SANTIAGO] * 4, "track": ["Track 1", "Track 2"] * 4, "split": "train"}
    )
    eight.to_csv(data, index=False)
    status, err = cli(capsys, "train", "--data", str(data), "--out", str(out), *compare)
    assert status == 2
    one_line(err, "8 labelled training case(s) (Track 1: 4, Track 2: 4)", "at least 5 cases of one label")


def _seven_coded_cases(tmp_path) -> Path:
    """Five Track 1 and two Track 2 cases of the training split, as a researcher's coded CSV."""
    train = load_engagements("train")
    seven = pd.concat([train[train["track"] == "Track 1"].head(5), train[train["track"] == "Track 2"].head(2)])
    data = tmp_path / "coded.csv"
    seven[["id", "description", "track"]].to_csv(data, index=False)
    return data


def test_train_on_a_small_coded_set_compares_the_configurations_it_can_fit(tmp_path, capsys):
    # Seven coded cases (five of one label, two of another) are enough for the folds, but a
    # configuration with min_df=5 keeps no word in a fold's five or six training cases: its
    # error ended the whole comparison, though the other configurations fit.
    data, out = _seven_coded_cases(tmp_path), tmp_path / "m.joblib"
    from diplotrack.cli import main

    capsys.readouterr()
    assert main(["train", "--data", str(data), "--out", str(out)]) == 0 and out.exists()
    printed = capsys.readouterr().out
    card = json.loads((tmp_path / "m.card.json").read_text())
    rows = card["cross_validation"]["comparison"]
    skipped = {r["name"]: r["not_scored"] for r in rows if "not_scored" in r}
    assert skipped and all("min_df=5" in why for why in skipped.values())
    assert card["chosen_configuration"] not in skipped
    assert all("macro_f1_mean" in r for r in rows if r["name"] not in skipped)
    note = next(line for line in printed.splitlines() if "could not be cross-validated" in line)
    configurations = "1 configuration" if len(skipped) == 1 else f"{len(skipped)} configurations"
    assert note.startswith(f"note: {configurations} could not") and all(name in note for name in skipped)


def test_train_no_compare_on_a_small_coded_set_says_to_compare(tmp_path, capsys):
    # The default configuration keeps words in five cases at least; its advice was Python's
    # TextClassifier(min_df=1), which the command line cannot pass.
    data, out = _seven_coded_cases(tmp_path), tmp_path / "m.joblib"
    status, err = cli(capsys, "train", "--data", str(data), "--out", str(out), "--no-compare")
    assert status == 2 and not out.exists()
    last = err.strip().splitlines()[-1]
    assert "min_df=5 of the 7 training cases" in last and "Leave out --no-compare" in last, err
    assert "TextClassifier(min_df=1)" not in last and "Traceback" not in err


@pytest.mark.parametrize(
    "options",
    [
        ["--sep", ";"],
        ["--encoding", "cp1252"],
        ["--on-bad-lines", "error"],
        ["--on-bad-lines", "report", "--bad-lines-file", "skipped.csv"],
    ],
)
def test_label_with_dask_refuses_the_options_for_reading_a_csv(options, tmp_path, capsys, monkeypatch):
    # --dask reads parquet with Dask's reader: these options were ignored without a word.
    from diplotrack import daskframe

    monkeypatch.setattr(daskframe, "label_parquet_dask", lambda *a, **k: pytest.fail("labelled"))
    out = tmp_path / "labelled"
    status, err = cli(capsys, "label", "cases.parquet", "-o", str(out), "--dask", "local", *options)
    assert status == 2
    given = " and ".join(o for o in options if o.startswith("--"))
    one_line(err, f"{given} ", "for reading a CSV", "--dask reads a parquet file", f"Leave out {given}")
    assert not out.exists()


def test_label_with_dask_refuses_chunksize_which_its_partitions_replace(tmp_path, capsys, monkeypatch):
    # Dask labels one parquet partition at a time: --chunksize was ignored without a word.
    from diplotrack import daskframe

    monkeypatch.setattr(daskframe, "label_parquet_dask", lambda *a, **k: pytest.fail("labelled"))
    out = tmp_path / "labelled"
    status, err = cli(capsys, "label", "cases.parquet", "-o", str(out), "--dask", "local", "--chunksize", "500")
    assert status == 2
    one_line(err, "--chunksize sets the rows labelled at a time without --dask", "Leave out --chunksize")
    assert not out.exists()


def test_a_quote_never_closed_is_named_by_its_line_not_blamed_on_the_separator(tmp_path, capsys):
    # pandas' "EOF inside string starting at row 3" came with advice about the separator and
    # --on-bad-lines skip, neither of which can mend a quote that is never closed.
    from diplotrack.tables import read_table

    path = tmp_path / "coded.csv"
    path.write_text(
        f'id,description\n1,"{PERU}"\n2,"Scholars from Chile and Peru met\nin Arica."\n'
        '3,"Retired admirals met in Lima.\n4,Envoys met in Quito.\n'
    )
    out = tmp_path / "labelled.csv"
    status, err = cli(capsys, "label", str(path), "-o", str(out), "--method", "rules")
    assert status == 2 and not out.exists()
    one_line(err, "a quoted cell opened on line 5 (record 4 of the CSV", "is never closed", "Close that quote")
    assert "--on-bad-lines" not in err and "--sep" not in err
    with pytest.raises(BatchInputError, match=r"opened on line 5 .* is never closed"):
        read_table(path)


def test_a_quote_that_does_not_quote_a_whole_cell_is_named_not_merged_into_rows(tmp_path, capsys, monkeypatch):
    # pandas read '"Peace" talks' as 'Peace talks', and a cell opening with a quote meant as
    # plain text ('"Track two') swallowed every line up to the next quote: 4 cases labelled as
    # 2, exit 0. Cells quoted whole, with separators, doubled quotes and line breaks, still read.
    from diplotrack.tables import read_table

    tsv = tmp_path / "meetings.tsv"
    tsv.write_text(
        'id\tdescription\n1\t"Peace" talks were held in Lima\n2\t"Track two\n'
        "3\tMinisters of Chile and Peru met in Lima\n4\tThe \"Geneva\" round\n"
    )
    out = tmp_path / "labelled.csv"
    status, err = cli(capsys, "label", str(tsv), "-o", str(out), "--method", "rules", "-q")
    assert status == 2 and not out.exists()
    one_line(err, "the quoted cell on line 2 (\'\"Peace\" talks were held in Lima\')", "export it again")
    assert "--on-bad-lines" not in err

    csv_path = tmp_path / "meetings.csv"
    csv_path.write_text(
        'id,description\n1,"Track two\n2,Ministers of Chile and Peru met in Lima\n3,The "Geneva" round\n'
    )
    status, err = cli(capsys, "label", str(csv_path), "-o", str(out), "--method", "rules", "-q")
    assert status == 2 and not out.exists()
    one_line(err, "opened on line 2 (\'\"Track two\') and closed on line 4", "lines 2 to 4 would be merged")
    with pytest.raises(BatchInputError, match=r"opened on line 2 .* closed on line 4"):
        read_table(csv_path)
    # Standard input, which cannot be read twice, is checked as it streams.
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(csv_path.read_bytes())))
    with pytest.raises(BatchInputError, match=r"standard input .* opened on line 2 .* closed on line 4"):
        label_csv("-", out, "rules")
    assert not out.exists()

    good = tmp_path / "good.csv"
    good.write_text(
        'id,description\n1,"Ministers of Chile, Peru and ""friends""\nmet in Lima"\n'
        '2,The "Geneva" round\n3,""\r\n4,"Envoys met in Quito"\n'
    )
    assert read_table(good)["description"].tolist() == [
        'Ministers of Chile, Peru and "friends"\nmet in Lima',
        'The "Geneva" round',
        "",
        "Envoys met in Quito",
    ]


def test_a_semicolon_file_whose_text_holds_a_comma_is_told_to_pass_the_separator(tmp_path, capsys):
    # A row with a comma in its text was a ragged row: "Expected 1 fields in line 2, saw 2
    # (separator ',')... or --on-bad-lines skip", with no word of the semicolons in the header.
    from diplotrack.tables import read_table

    path = tmp_path / "meetings.csv"
    path.write_text("id;summary\n1;Ministers of Chile and Peru met, in Lima\n")
    out = tmp_path / "labelled.csv"
    status, err = cli(capsys, "label", str(path), "-o", str(out), "--method", "rules")
    assert status == 2 and not out.exists()
    one_line(err, "Expected 1 fields in line 2, saw 2", "The header holds a semicolon. Pass --sep ';'")
    assert "--on-bad-lines" not in err
    with pytest.raises(BatchInputError, match=r"The header holds a semicolon\. Pass --sep ';' \(sep=';'"):
        read_table(path)
    path.write_text("id\tsummary\n1\tMinisters of Chile and Peru met, in Lima\n")  # a TSV named .csv
    with pytest.raises(BatchInputError, match=r"The header holds a tab\. Pass --sep '\\t'"):
        read_table(path)


def test_a_ragged_row_read_by_read_table_is_to_be_corrected_not_skipped(tmp_path, capsys):
    # The advice to skip rows with --on-bad-lines (label's alone) was rewritten by a regular
    # expression in the command line; train_model and read_table in Python still gave it.
    from diplotrack.tables import TableReader, read_table
    from diplotrack.training import train_model

    path = tmp_path / "coded.csv"
    path.write_text(f'description,track\n"{PERU}",Track 1\nTalks in Lima, Peru,Track 1\n')
    for read in (lambda: read_table(path), lambda: train_model(path, tmp_path / "m.joblib")):
        with pytest.raises(BatchInputError) as caught:
            read()
        assert "Expected 2 fields in line 3, saw 3" in str(caught.value)
        assert str(caught.value).endswith(
            "or correct that row: this command reads every row (only 'diplotrack label' can skip "
            "such rows, with --on-bad-lines)."
        )
        assert "--on-bad-lines skip" not in str(caught.value)
    with pytest.raises(BatchInputError, match=r"or --on-bad-lines skip \(rows with too many fields"):
        with TableReader(path) as reader:
            list(reader)
    status, err = cli(capsys, "train", "--data", str(path), "--out", str(tmp_path / "m.joblib"))
    assert status == 2
    one_line(err, "Expected 2 fields in line 3, saw 3", "or correct that row")


def test_a_repeated_column_name_is_refused_before_labelling_into_parquet(tmp_path, capsys, monkeypatch):
    # Two columns "note": pyarrow's "Duplicate column names found" came after the first
    # chunk was labelled, for label; and for review, after the queue was made.
    pytest.importorskip("pyarrow")
    import diplotrack.batch

    source = tmp_path / "cases.csv"
    source.write_text(f'id,description,note,note\npe-01,"{PERU}",coded twice,check the date\n')
    with monkeypatch.context() as patched:
        patched.setattr(diplotrack.batch, "_labelled_chunks", lambda *a, **k: pytest.fail("labelled"))
        status, err = cli(
            capsys, "label", str(source), "-o", str(tmp_path / "labelled.parquet"), "--method", "rules", "-q"
        )
    assert status == 2
    one_line(
        err,
        "Cannot write",
        "labelled.parquet' as parquet: the table has 2 columns named 'note' (columns 3, 4)",
        "a parquet file cannot hold two columns of one name",
        "Rename the repeated column in the input, or write a CSV output",
    )
    assert not (tmp_path / "labelled.parquet").exists()
    status, err = cli(
        capsys, "label", str(source), "-o", str(tmp_path / "labelled.csv"), "--method", "rules", "-q"
    )
    assert status == 0, err
    labelled = pd.read_csv(tmp_path / "labelled.csv", dtype=str)
    assert labelled[["note", "note.1"]].values.tolist() == [["coded twice", "check the date"]]
    queue = tmp_path / "queue.parquet"
    status, err = cli(
        capsys, "review", str(tmp_path / "labelled.csv"), "-o", str(queue), "--methods", "rules"
    )
    assert status == 2
    one_line(err, "queue.parquet' as parquet: the table has 2 columns named 'note'")
    assert not (tmp_path / "queue.parquet").exists()
    with pytest.raises(BatchInputError, match="2 columns named 'note'"):
        label_csv(source, tmp_path / "labelled.parquet", "rules")


def test_a_ragged_row_after_cells_spanning_lines_is_named_by_its_line_in_the_file(
    tmp_path, capsys, caplog, monkeypatch
):
    # A description of several paragraphs moves every later row down the file: the error said
    # "line 4" for the row on line 9 (pandas counts records), and so did the warning and the
    # side file.
    source = tmp_path / "cases.csv"
    report = f"{PERU}\n\nTalks resumed the next day.\n\nA joint statement followed.\n"
    source.write_text(
        f'id,description\npe-01,"{report}"\npe-02,"{SANTIAGO}"\npe-03,Talks in Lima, Peru\npe-04,"{PERU}"\n',
        encoding="utf-8",
    )
    assert source.read_text().splitlines()[8].startswith("pe-03")  # line 9; record 4
    out = tmp_path / "labelled.csv"
    status, err = cli(capsys, "label", str(source), "-o", str(out), "--method", "rules", "-q")
    assert status == 2
    one_line(
        err, "Expected 2 fields in line 9 (record 4 of the CSV: earlier cells span several lines), saw 3"
    )
    status, err = cli(capsys, "evaluate", "--data", str(source), "--method", "rules")
    assert status == 2
    one_line(err, "Expected 2 fields in line 9 (record 4 of the CSV", "or correct that row")
    # The warning and the side file, from Python (the command line's handlers stay behind).
    logger = logging.getLogger("diplotrack")
    monkeypatch.setattr(logger, "handlers", [caplog.handler])
    with caplog.at_level("WARNING", logger="diplotrack"):
        assert label_csv(source, out, "rules", on_bad_lines="skip") == 3
    assert "skipped 1 row with more fields than the header (line 9; record 4 of the CSV" in caplog.text
    assert label_csv(source, out, "rules", on_bad_lines="report") == 3
    side = pd.read_csv(tmp_path / "labelled.bad-lines.csv", dtype=str)
    assert side[["line", "record", "text"]].values.tolist() == [["9", "4", "pe-03,Talks in Lima, Peru"]]
    assert pd.read_csv(out, dtype=str)["id"].tolist() == ["pe-01", "pe-02", "pe-04"]


def test_classify_takes_a_record_of_other_keys_and_says_what_both_means():
    # A new user's record {"text": ...}: the message advised columns=, which classify did not take.
    record = {"text": PERU, "who": "the two foreign ministers"}
    verdict = classify(record, columns={"description": "text", "participants": "who"})
    assert verdict.label == "Track 1" and '"foreign ministers"' in verdict.explanation
    with pytest.raises(ValueError, match=r"got 'both'\. One call gives one verdict: call it once per method"):
        classify(PERU, "both")


def test_a_folder_given_for_a_model_or_rule_file_is_named_as_a_folder(tmp_path, capsys):
    # "--rules ." said "[Errno 21] Is a directory: '.'"; "--model FOLDER" said the model file
    # was not found, though the folder held one.
    path = tmp_path / "cases.csv"
    LABELLED.to_csv(path, index=False)
    out = ["-o", str(tmp_path / "out.csv"), "-q"]
    status, err = cli(capsys, "label", str(path), *out, "--method", "rules", "--rules", str(tmp_path))
    assert status == 2
    one_line(err, "is a folder, where a file was expected")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "mine.joblib").write_bytes(b"")
    status, err = cli(capsys, "label", str(path), *out, "--method", "model", "--model", str(tmp_path / "models"))
    assert status == 2
    one_line(err, "is a folder, not a model file", "['mine.joblib']")


def test_a_full_disk_names_the_output_and_says_the_previous_one_is_kept(tmp_path, capsys, monkeypatch):
    import errno

    from diplotrack import batch

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    path = tmp_path / "cases.csv"
    LABELLED.to_csv(path, index=False)
    monkeypatch.setattr(batch, "label_csv", full)
    status, err = cli(capsys, "label", str(path), "-o", str(tmp_path / "out.csv"), "--method", "rules")
    assert status == 2
    one_line(err, "No space left on the device writing", "out.csv", "a previous one is kept")


def test_csv_only_options_with_a_parquet_input_are_refused_and_a_tab_named_side_file_too(tmp_path, capsys):
    # With a parquet input --sep and --encoding were ignored and "--on-bad-lines report" wrote
    # an empty side file; a side file named .tsv was written with commas, so it read back as
    # one column.
    pytest.importorskip("pyarrow")
    source = tmp_path / "cases.parquet"
    LABELLED.to_parquet(source)
    out = ["-o", str(tmp_path / "out.csv"), "--method", "rules", "-q"]
    for extra, named in ((["--sep", ";"], "--sep"), (["--encoding", "latin-1"], "--encoding"),
                         (["--on-bad-lines", "report"], "--on-bad-lines report")):
        status, err = cli(capsys, "label", str(source), *out, *extra)
        assert status == 2
        one_line(err, "it is parquet", named)
    csv_source = tmp_path / "cases.csv"
    LABELLED.to_csv(csv_source, index=False)
    status, err = cli(capsys, "label", str(csv_source), *out, "--on-bad-lines", "report",
                      "--bad-lines-file", str(tmp_path / "skipped.tsv"))
    assert status == 2
    one_line(err, "written as plain CSV", "'skipped.csv'")


def test_an_empty_path_is_named_not_read_as_the_current_folder(tmp_path, capsys, monkeypatch):
    # Path("") is the current folder: an unset shell variable ("$IN") labelled whatever parquet
    # files were there, or failed with "inside the input folder ''".
    monkeypatch.chdir(tmp_path)
    for args in (["label", "", "-o", "out.csv"], ["evaluate", "--data", "", "--gold", "hand"]):
        status, err = cli(capsys, *args)
        assert status == 2
        one_line(err, "The input path is empty", "unset shell variable")
    with pytest.raises(BatchInputError, match="The input path is empty"):
        label_csv("", tmp_path / "out.csv", "rules")
    with pytest.raises(BatchInputError, match="The output path is empty"):
        label_csv(tmp_path / "cases.csv", "", "rules")
    assert list(tmp_path.iterdir()) == []


def test_classify_dash_reads_the_description_from_standard_input(monkeypatch, capsys):
    # "-" was classified as the text "-": an abstention, exit 0, the piped text ignored.
    import sys

    from diplotrack.cli import main

    piped = "Réunion à Genève: the foreign ministers of Chile and Peru signed a border treaty."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped.encode("cp1252"))))
    assert main(["classify", "-", "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["track"] == "Track 1" and '"foreign ministers"' in verdict["explanation"]


def test_dask_missing_is_named_after_the_arguments_are_checked(tmp_path, capsys, monkeypatch):
    # With dask absent, --dask gave a traceback (ModuleNotFoundError) before even the mistakes
    # it names: a CSV input, standard output.
    import sys

    for name in ("dask", "dask.dataframe", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)
    source = tmp_path / "cases.csv"
    source.write_text(f"description\n{TREATY}\n")
    status, err = cli(capsys, "label", str(source), "-o", str(tmp_path / "out"), "--dask", "local")
    assert status == 2
    one_line(err, "is not parquet: --dask reads a parquet file")
    pytest.importorskip("pyarrow")
    parquet = tmp_path / "cases.parquet"
    pd.DataFrame({"description": [TREATY]}).to_parquet(parquet)
    status, err = cli(capsys, "label", str(parquet), "-o", str(tmp_path / "out"), "--dask", "local")
    assert status == 2
    one_line(err, "pip install 'diplotrack[dask]'")
    assert not (tmp_path / "out").exists()


def test_a_description_column_without_text_in_any_row_is_named(tmp_path, caplog):
    # An empty column (what a CSV export of the wrong sheet gives) abstained on every row
    # without a word; a column of numbers was named.
    source = tmp_path / "cases.csv"
    source.write_text(f'id,description,summary\n1,,"{TREATY}"\n2,,"{WORKSHOP}"\n')
    with caplog.at_level(logging.WARNING, logger="diplotrack"):
        assert label_csv(source, tmp_path / "out.csv", "rules") == 2
    assert "column 'description' holds no text in any row" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="diplotrack"):
        label_frame(pd.DataFrame({"description": [np.nan, np.nan]}), "rules")
        label_frame(pd.DataFrame({"description": [[TREATY, WORKSHOP]]}), "rules")
    assert caplog.text.count("holds no text in any row") == 2
    # The other fields hold the case: no warning, the rows are labelled from them.
    caplog.clear()
    fields = tmp_path / "fields.csv"
    fields.write_text("id,description,participants,formality\n1,,deputy foreign ministers,formal negotiation\n")
    with caplog.at_level(logging.WARNING, logger="diplotrack"):
        label_csv(fields, tmp_path / "fields_out.csv", "rules")
    assert "no text in any row" not in caplog.text
    assert pd.read_csv(tmp_path / "fields_out.csv")["rules_track"].tolist() == ["Track 1"]


@pytest.mark.parametrize(("sep", "option"), [(";", "--sep ';'"), ("\t", "--sep tab")])
def test_cells_quoted_one_by_one_with_another_separator_name_it(tmp_path, capsys, sep, option):
    # R's write.csv2 and "quote all text cells": the error said to quote every cell, which
    # every cell already was, and never named --sep.
    source = tmp_path / "cases.csv"
    source.write_text(f'"id"{sep}"description"\n"1"{sep}"{TREATY}"\n')
    status, err = cli(capsys, "label", str(source), "-o", str(tmp_path / "out.csv"), "--method", "rules")
    assert status == 2
    one_line(err, f"Pass {option}")
    assert cli(capsys, "label", str(source), "-o", str(tmp_path / "out.csv"), "--method", "rules", "--sep", sep)[0] == 0


def test_a_column_repeated_under_one_name_is_told_to_be_renamed(tmp_path, capsys):
    # The advice was to name the one to use with --description-column, which cannot tell two
    # columns of one name apart.
    source = tmp_path / "cases.csv"
    source.write_text(f'id,description,description\n1,"{TREATY}",x\n')
    status, err = cli(capsys, "label", str(source), "-o", str(tmp_path / "out.csv"), "-q")
    assert status == 2
    one_line(err, "appears 2 times in the input, under one name", "rename the copies in the file")
    assert "--description-column" not in err


def test_review_refuses_confidences_it_cannot_read_and_rows_without_a_label():
    # A decimal comma ("0,55", a European spreadsheet's re-save) was read as missing, so the
    # row was never called unsure; "-5" was taken as a confidence; an empty label dropped the
    # row from the queue; all without a word.
    for cell, shown in (("0,55", "row 2: '0,55'"), ("-5", "row 2: '-5'"), ("high", "row 2: 'high'")):
        table = LABELLED.copy()
        table.loc[1, "rules_confidence"] = cell
        with pytest.raises(ValueError, match="not confidences between 0 and 1") as error:
            review_queue(table, n=5)
        assert shown in str(error.value)
    table = LABELLED.copy()
    table.loc[2, "model_track"] = ""
    with pytest.raises(ValueError, match=r"Column 'model_track' has 1 empty cells"):
        review_queue(table, n=5)
    # an empty confidence cell is no confidence, not an error: the methods' disagreement on
    # ch-03 still queues it, and pe-02, on which they agree, is no longer called unsure
    table = LABELLED.copy()
    table.loc[1, "rules_confidence"] = ""
    assert review_queue(table, n=5)["id"].tolist() == ["ch-03"]


def test_compare_says_how_many_rows_lack_a_method_s_label():
    table = LABELLED.copy()
    table.loc[2, "model_track"] = ""
    c = compare(table, n_resamples=0)
    assert c.n == 2 and c.unlabelled == 1
    assert "Comparing rules and model on 2 cases (1 row without both methods' labels left out)." in c.summary()


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"<!DOCTYPE html><html><body>Sign in to download</body></html>\n", "a web page (HTML)"),
        (b"<html>\n<head><title>Error 404</title></head></html>\n", "a web page (HTML)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ],
    ids=["doctype", "html", "png"],
)
def test_a_web_page_or_an_image_saved_as_csv_is_named(tmp_path, capsys, content, what):
    # A login page saved in place of the download was read as a table whose one column was
    # "<!DOCTYPE html>...", and the error listed that as the columns found.
    source = tmp_path / "cases.csv"
    source.write_bytes(content)
    status, err = cli(capsys, "label", str(source), "-o", str(tmp_path / "out.csv"))
    assert status == 2
    one_line(err, f"is {what}, not a CSV file")
