"""Every file the command line reads or writes is handled as ``label`` handles its own.

Found by probing the command line with a researcher's files: a truncated download labelled
as if it were whole, reports written over the table they came from, a review queue that
replaced a column of notes, files ``label`` reads that ``compare`` and ``review`` misread, and
a one-column export whose empty cells vanished.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma

import pandas as pd
import pytest

from diplotrack.cli import main

ROWS = [
    ["1", "The two foreign ministers signed a border treaty in Hanoi.", "Track 1", "0.8", "Track 1", "0.9"],
    [
        "2",
        "Réunion “officielle” à Genève: scholars and a serving deputy minister met.",
        "Track 1.5",
        "0.55",
        "Track 2",
        "0.6",
    ],
    [
        "3",
        "Retired diplomats and scholars from India and Pakistan met for a workshop in Colombo.",
        "Track 2",
        "0.8",
        "Track 2",
        "0.95",
    ],
]
HEADER = ["id", "description", "rules_track", "rules_confidence", "model_track", "model_confidence"]


def labelled_csv(path, encoding="utf-8", extra=None):
    frame = pd.DataFrame(ROWS, columns=HEADER)
    if extra:
        for name, values in extra.items():
            frame[name] = values
    frame.to_csv(path, index=False, encoding=encoding)
    return path


def plain_cases(rows: int) -> bytes:
    lines = ["id,description"] + [f"{i},Ministers of state {i} met in Oslo for talks" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def one_line_error(capsys, *words):
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    for w in words:
        assert w in err, err
    return err


@pytest.mark.parametrize("kind", ["gzip", "xz", "bz2", "zstd"])
def test_a_truncated_or_corrupt_compressed_input_is_an_error_and_writes_nothing(kind, tmp_path, capsys):
    data = plain_cases(50_000)
    if kind == "zstd":
        zstandard = pytest.importorskip("zstandard")
        packed = zstandard.ZstdCompressor().compress(data)
    else:
        packed = {"gzip": gzip.compress, "xz": lzma.compress, "bz2": bz2.compress}[kind](data)
    if kind == "bz2":
        broken = bytearray(packed)
        broken[100:120] = b"\xff" * 20  # a damaged block
        packed = bytes(broken)
    else:
        packed = packed[: len(packed) // 2]  # a download cut off half-way
    source = tmp_path / f"cases.csv.{ {'gzip': 'gz', 'xz': 'xz', 'bz2': 'bz2', 'zstd': 'zst'}[kind] }"
    source.write_bytes(packed)
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, f"is a corrupt or truncated {kind} file", "nothing was written")
    assert not out.exists()


def test_a_whole_zstd_file_of_several_frames_is_read_whole(tmp_path):
    zstandard = pytest.importorskip("zstandard")
    data = plain_cases(300)
    half = data.index(b"\n150,") + 1
    source = tmp_path / "cases.csv.zst"
    source.write_bytes(
        zstandard.ZstdCompressor().compress(data[:half]) + zstandard.ZstdCompressor().compress(data[half:])
    )
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 0
    assert pd.read_csv(out, dtype=str)["id"].tolist() == [str(i) for i in range(300)]


@pytest.mark.parametrize(
    "argv",
    [
        ["review", "IN", "-n", "2", "-o", "IN"],
        ["compare", "IN", "--report", "IN"],
        ["evaluate", "--data", "IN", "--gold", "gold", "--method", "rules", "--markdown", "IN"],
        ["rules", "report", "IN", "--gold", "gold", "-o", "IN"],
    ],
    ids=["review", "compare-report", "evaluate-markdown", "rules-report"],
)
def test_reports_never_overwrite_the_table_they_read(argv, tmp_path, capsys):
    source = labelled_csv(tmp_path / "coded.csv", extra={"gold": ["Track 1", "Track 1.5", "Track 2"]})
    before = source.read_bytes()
    assert main([str(source) if a == "IN" else a for a in argv]) == 2
    one_line_error(capsys, "it is the input file")
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    "argv, words",
    [
        (["evaluate", "--data", "IN", "--gold", "gold", "--markdown", "IN"], "it is the input file"),
        (["evaluate", "--data", "IN", "--gold", "gold", "--markdown", "DIR"], "it is a directory"),
        (["compare", "IN", "--report", "IN"], "it is the input file"),
        (["compare", "IN", "--report", "DIR"], "it is a directory"),
        (["compare", "IN", "--plot", "DIR"], "it is a directory"),
        (["compare", "IN", "--plot", "-"], "Refusing to write to '-'"),
        (["compare", "IN", "--plot", "agreement.xlsx"], "Invalid --plot name 'agreement.xlsx'"),
        (["compare", "IN", "--plot", "same.png", "--report", "same.png"], "name the same file"),
        (["review", "IN", "-n", "2", "-o", "IN"], "it is the input file"),
        (["review", "IN", "-n", "2", "-o", "QUEUE_DIR"], "it is a directory"),
        (["review", "IN", "-n", "2", "-o", "queue.xlsx"], "Invalid output name 'queue.xlsx'"),
        (["rules", "report", "IN", "--gold", "gold", "-o", "DIR"], "it is a directory"),
    ],
    ids=[
        "evaluate-input",
        "evaluate-folder",
        "compare-input",
        "compare-folder",
        "plot-folder",
        "plot-stdout",
        "plot-format",
        "plot-is-report",
        "review-input",
        "review-folder",
        "review-format",
        "rules-report-folder",
    ],
)
def test_outputs_are_refused_before_any_row_is_read_or_labelled(argv, words, tmp_path, monkeypatch, capsys):
    import diplotrack.tables

    if "--plot" in argv:
        pytest.importorskip("matplotlib")

    def no_work(*args, **kwargs):
        raise AssertionError("the input was read before the output was checked")

    monkeypatch.setattr(diplotrack.tables, "read_table", no_work)
    monkeypatch.chdir(tmp_path)
    source = labelled_csv(tmp_path / "coded.csv", extra={"gold": ["Track 1", "Track 1.5", "Track 2"]})
    (tmp_path / "reports").mkdir()
    (tmp_path / "queue.csv").mkdir()  # a folder with a table's name
    names = {"IN": str(source), "DIR": str(tmp_path / "reports"), "QUEUE_DIR": str(tmp_path / "queue.csv")}
    assert main([names.get(a, a) for a in argv]) == 2
    one_line_error(capsys, words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coded.csv", "queue.csv", "reports"]


def test_review_keeps_a_column_of_notes_rather_than_overwrite_it(tmp_path, capsys):
    source = labelled_csv(
        tmp_path / "coded.csv", extra={"review_reasons": ["MY NOTE: check with PI", "", ""]}
    )
    out = tmp_path / "queue.csv"
    assert main(["review", str(source), "-n", "2", "-o", str(out)]) == 2
    one_line_error(capsys, "Output columns already present", "review_reasons")
    assert not out.exists()


def test_review_of_a_table_with_a_row_column_keeps_it_and_names_the_position_otherwise(tmp_path, capsys):
    # A coder's own spreadsheet row references in a column named 'row' (and, in a second
    # export, a 'review_row' column too): both kept as written, the position beside them.
    source = labelled_csv(tmp_path / "coded.csv", extra={"row": ["A12", "A7", "B3"]})
    out = tmp_path / "queue.csv"
    assert main(["review", str(source), "-n", "2", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "their rows in the input are in column 'review_row'" in err
    # one case queued of the two asked for, and why (a new user read "wrote 3" after -n 5 as a fault)
    assert "wrote 1 case to" in err and "(2 asked; the others give no reason for review" in err
    queue = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert queue.columns[0] == "review_row" and "row" in queue.columns
    # only the second case is queued (the methods disagree on it), its own cells as written
    assert queue[["review_row", "row", "id"]].values.tolist() == [["2", "A7", "2"]]
    source = labelled_csv(
        tmp_path / "coded2.csv", extra={"row": ["A12", "A7", "B3"], "review_row": ["x", "y", "z"]}
    )
    assert main(["review", str(source), "-n", "1", "-o", str(out)]) == 0
    queue = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert queue.columns[0] == "review_row_2" and queue.iloc[0][["row", "review_row"]].tolist() == ["A7", "y"]


def test_evaluate_with_no_coded_row_exits_2_instead_of_an_empty_report(tmp_path, capsys):
    source = labelled_csv(tmp_path / "coded.csv", extra={"coder_c": ["", "", "N/A"], "style": ["news"] * 3})
    report = tmp_path / "report.md"
    argv = ["evaluate", "--data", str(source), "--gold", "coder_c", "--markdown", str(report)]
    assert main(argv) == 2
    one_line_error(capsys, "none of the 3 rows read has a gold label in column 'coder_c'", "--gold")
    assert main([*argv, "--subset", "style=news"]) == 2
    one_line_error(capsys, "none of the 3 rows where style=news (of 3 rows read) has a gold label")
    assert not report.exists()


def test_evaluate_subset_repeated_for_one_column_keeps_either_value(tmp_path, capsys):
    source = labelled_csv(
        tmp_path / "coded.csv",
        extra={"gold": ["Track 1", "Track 1.5", "Track 2"], "style": ["news", "report", "blog"]},
    )
    argv = ["evaluate", "--data", str(source), "--gold", "gold", "--method", "rules", "--json"]
    assert main([*argv, "--subset", "style=news", "--subset", "style=report"]) == 0
    report = json.loads(capsys.readouterr().out)["rules"]
    assert report["n"] == 2 and report["subset"] == {"style": ["news", "report"]}
    assert main([*argv, "--subset", "style=news", "--subset", "id=2"]) == 2  # both must hold: none does
    one_line_error(capsys, "no row meets all of style=news and id=2", "id=2: 1 row")


def test_compare_and_review_read_a_cp1252_file_as_label_does(tmp_path, capsys):
    source = labelled_csv(tmp_path / "coded.csv", encoding="cp1252")
    queue = tmp_path / "queue.parquet"
    assert main(["review", str(source), "-n", "3", "-o", str(queue)]) == 0
    kept = pd.read_parquet(queue)
    assert (
        "Réunion “officielle” à Genève: scholars and a serving deputy minister met."
        in kept["description"].tolist()
    )
    assert main(["compare", str(source), "--json"]) == 0
    assert '"n": 3' in capsys.readouterr().out


def test_review_of_a_labelled_parquet_file_keeps_its_column_types(tmp_path, capsys):
    # label's parquet output has float confidences; the queue stored every input column as
    # text, so writing it failed ("Expected a string or bytes dtype, got float64") as soon
    # as one case was queued.
    pytest.importorskip("pyarrow")
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "id,description\n"
        "pe-01,The foreign ministers of Peru and Chile met in Lima on 3 May to discuss the maritime boundary.\n"
        "pe-02,Officials and scholars from Peru and Chile met at a lakeside retreat to discuss water sharing.\n"
        "pe-03,Embassy staff attended a reception for the exchange students from Chile.\n"
    )
    labelled = tmp_path / "labelled.parquet"
    assert main(["label", str(cases), "-o", str(labelled), "--method", "both", "-q"]) == 0
    queue = tmp_path / "queue.parquet"
    assert main(["review", str(labelled), "-n", "3", "-o", str(queue)]) == 0, capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err
    kept, read = pd.read_parquet(queue), pd.read_parquet(labelled)
    assert len(kept) >= 1 and kept["rules_confidence"].dtype == read["rules_confidence"].dtype == "float64"
    row = kept.iloc[0]
    assert read.iloc[int(row["row"]) - 1]["description"] == row["description"]


def test_a_one_column_file_keeps_its_empty_cells_as_rows(tmp_path):
    source = tmp_path / "cases.csv"
    source.write_bytes(b"description\r\nMinisters met in Oslo\r\n\r\nScholars met in Colombo\r\n\r\nRain\r\n")
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 0
    labelled = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert labelled["description"].tolist() == [
        "Ministers met in Oslo",
        "",
        "Scholars met in Colombo",
        "",
        "Rain",
    ]
    assert labelled["rules_track"].tolist()[1] == labelled["rules_track"].tolist()[3] == "none"


def test_a_tab_separator_as_typed_in_a_shell(tmp_path):
    source = tmp_path / "cases.txt"
    source.write_text("id\tdescription\n1\tThe two foreign ministers signed a border treaty in Hanoi.\n")
    out = tmp_path / "labelled.csv"
    for sep in ("\\t", "tab"):
        assert main(["label", str(source), "-o", str(out), "--method", "rules", "--sep", sep, "-q"]) == 0
        assert pd.read_csv(out, dtype=str)["rules_track"].tolist() == ["Track 1"]


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "IN", "--description-column", "summary"],
        ["review", "IN", "-o", "OUT", "--description-column", "summary"],
        [
            "evaluate",
            "--data",
            "IN",
            "--gold",
            "gold",
            "--method",
            "rules",
            "--description-column",
            "summary",
        ],
    ],
    ids=["compare", "review", "evaluate"],
)
def test_a_misspelt_column_option_is_an_error_everywhere(argv, tmp_path, capsys):
    source = labelled_csv(tmp_path / "coded.csv", extra={"gold": ["Track 1", "Track 1.5", "Track 2"]})
    paths = {"IN": str(source), "OUT": str(tmp_path / "queue.csv")}
    assert main([paths.get(a, a) for a in argv]) == 2
    one_line_error(capsys, "Missing description column 'summary'", "'rules_track'")


def test_hand_coders_listed_twice_empty_or_never_coding_the_same_case(tmp_path, capsys):
    source = labelled_csv(
        tmp_path / "coded.csv",
        extra={
            "coder_a": ["Track 1", "Track 1.5", ""],
            "coder_b": ["", "", "Track 2"],
            "coder_c": ["", "", ""],
        },
    )
    assert main(["compare", str(source), "--coders", "coder_a", "coder_a"]) == 2
    one_line_error(capsys, "['coder_a'] listed more than once")
    assert main(["compare", str(source), "--coders", "coder_a", "coder_c"]) == 2
    one_line_error(capsys, "the columns ['coder_c'] hold no label")
    # two coders who never coded the same case: their agreement is unknown, not a crash
    assert (
        main(["compare", str(source), "--coders", "coder_a", "coder_b", "--resamples", "100", "--json"]) == 0
    )
    assert '"n": 0' in capsys.readouterr().out


def test_a_utf8_file_with_one_stray_byte_is_an_error_not_mojibake(tmp_path, capsys):
    source = tmp_path / "cases.csv"
    source.write_bytes(
        "id,description\n1,Talks in Genève and Bogotá between the two foreign ministers\n".encode()
        + b"2,The ministers said \x93yes\x94 to a second round\n"
    )
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, "is not valid utf-8: byte 0x93 on line 3")
    assert not out.exists()
    assert (
        main(["label", str(source), "-o", str(out), "--method", "rules", "-q", "--encoding", "cp1252"]) == 0
    )


def test_a_wrong_encoding_given_names_the_file_and_the_encoding_it_reads_as(tmp_path, capsys):
    source = tmp_path / "cases.csv"
    source.write_text("id,description\n1,Talks in Genève between the two foreign ministers\n", encoding="utf-8")
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q", "--encoding", "utf-16"]) == 2
    one_line_error(capsys, f"Input {str(source)!r} is not valid utf-16", "It reads as utf-8",
                   "leave out --encoding", "--encoding utf-8")
    assert not out.exists()


def test_an_output_folder_that_is_a_file_is_named_as_typed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    labelled_csv(tmp_path / "coded.csv")
    (tmp_path / "results").write_text("notes from the first coding round\n")
    for argv, output in [
        (["label", "coded.csv", "-o", "results/labelled.csv", "--method", "rules", "-q"], "results/labelled.csv"),
        (["review", "coded.csv", "-o", "results/queue.csv"], "results/queue.csv"),
        (["compare", "coded.csv", "--report", "results/agreement.md"], "results/agreement.md"),
        (["train", "--out", "results/model.joblib", "--no-compare"], "results/model.joblib"),
    ]:
        assert main(argv) == 2, argv
        one_line_error(capsys, f"Cannot write to {output!r}: its folder 'results' is a file, not a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coded.csv", "results"]


def test_a_plot_in_a_missing_folder_is_written_as_every_output_is(tmp_path, monkeypatch, capsys):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    labelled_csv(tmp_path / "coded.csv")
    assert main(["compare", "coded.csv", "--plot", "figures/agreement.png", "--report", "reports/agreement.md"]) == 0
    assert (tmp_path / "figures" / "agreement.png").stat().st_size > 0
    assert (tmp_path / "reports" / "agreement.md").is_file()


@pytest.mark.parametrize(
    ("name", "head", "what"),
    [
        ("cases.xlsx", b"PK\x03\x04", "is a ZIP archive"),
        ("cases.xls", bytes.fromhex("d0cf11e0a1b11ae1"), "is an Excel 97-2003 (.xls) workbook"),
        ("cases.csv", b"%PDF-1.7", "is a PDF document"),
    ],
)
def test_a_workbook_or_document_is_named_not_read_as_text(name, head, what, tmp_path, capsys):
    source = tmp_path / name
    source.write_bytes(head + bytes(range(256)) * 4)
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, what, "not a CSV file")
    assert not out.exists()


def test_a_pipe_is_read_as_csv(tmp_path):
    import os
    import threading

    pipe = tmp_path / "cases.pipe"
    os.mkfifo(pipe)  # as bash's <(...) gives one
    data = "id,description\n1,The two foreign ministers signed a border treaty in Hanoi.\n"
    writer = threading.Thread(target=lambda: pipe.write_text(data))
    writer.start()
    out = tmp_path / "labelled.csv"
    assert main(["label", str(pipe), "-o", str(out), "--method", "rules", "-q"]) == 0
    writer.join()
    assert pd.read_csv(out, dtype=str)["rules_track"].tolist() == ["Track 1"]


def test_a_parquet_file_piped_in_is_named_with_what_to_do(tmp_path, monkeypatch, capsys):
    # Read as CSV, its bytes made a garbled header and a screenful of column "names".
    pytest.importorskip("pyarrow")
    import io

    cases = pd.DataFrame(
        {"id": ["c1"], "description": ["The two foreign ministers signed a border treaty in Hanoi."]}
    )
    cases.to_parquet(tmp_path / "cases.parquet")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((tmp_path / "cases.parquet").read_bytes())))
    out = tmp_path / "labelled.csv"
    assert main(["label", "-", "-o", str(out), "--method", "rules", "-q"]) == 2
    err = one_line_error(capsys, "standard input is a parquet file", "give its path instead of piping it")
    assert len(err) < 400, err
    assert not out.exists()


def test_a_wide_header_without_the_description_is_named_in_a_few_lines(tmp_path, capsys):
    # An export of 200 survey columns with long question texts as names, the text column
    # called something else: the message lists the first names, cut, and says how many more.
    names = [f"Q{i}: how far do you agree that the talks in round {i} built trust" for i in range(200)]
    source = tmp_path / "survey.csv"
    source.write_text(",".join(names) + "\n" + ",".join(["agree"] * 200) + "\n")
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    err = one_line_error(capsys, "Missing description column 'description'", "'Q0: how far", "and 170 more")
    assert len(err) < 2500, len(err)
    assert "round 199" not in err
    assert not out.exists()


def test_skipped_rows_need_a_file_of_their_own(tmp_path, capsys):
    source = tmp_path / "cases.csv"
    source.write_text("id,description\n1,Talks in Oslo,extra\n")
    args = ["label", str(source), "-o", str(tmp_path / "o.csv"), "--on-bad-lines", "report"]
    assert main([*args, "--bad-lines-file", "-", "-q"]) == 2
    one_line_error(capsys, "Invalid bad-lines file '-'")


def test_a_parquet_folder_keeps_every_file_s_columns(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    folder = tmp_path / "cases"
    folder.mkdir()
    pd.DataFrame({"id": ["1"], "description": [ROWS[0][1]]}).to_parquet(folder / "part-0.parquet")
    later = pd.DataFrame({"id": ["2"], "description": [ROWS[2][1]], "coder_note": ["check with PI"]})
    later.to_parquet(folder / "part-1.parquet")  # a later export added a column
    out = tmp_path / "labelled.csv"
    assert main(["label", str(folder), "-o", str(out), "--method", "rules", "-q"]) == 0
    labelled = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert labelled[["id", "coder_note"]].values.tolist() == [["1", ""], ["2", "check with PI"]]
    clash = tmp_path / "clash"
    clash.mkdir()
    pd.DataFrame({"description": [ROWS[0][1]], "year": [2001]}).to_parquet(clash / "a.parquet")
    pd.DataFrame({"description": [ROWS[2][1]], "year": ["unknown"]}).to_parquet(clash / "b.parquet")
    assert main(["label", str(clash), "-o", str(tmp_path / "o.parquet"), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, "disagree on a column's type")


def test_evaluate_markdown_to_standard_output_prints_only_the_report(tmp_path, capsys):
    # "--markdown -" printed the Markdown report and then the text summary after it, so
    # "evaluate ... --markdown - > report.md" gave a report with a plain-text tail.
    source = labelled_csv(tmp_path / "coded.csv", extra={"gold": ["Track 1", "Track 1.5", "Track 2"]})
    argv = ["evaluate", "--data", str(source), "--gold", "gold", "--method", "rules", "--markdown", "-"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Evaluation against `gold`")
    assert "P/R/F1" not in out and "confusion (rules)" not in out  # the text summary
    assert main([*argv, "--json"]) == 2
    one_line_error(capsys, "--markdown - and --json both write to standard output")


def test_a_utf8_file_with_one_accent_and_one_stray_byte_is_an_error_not_mojibake(tmp_path, capsys):
    # One "Bogotá" in UTF-8 and one curly apostrophe pasted in from cp1252: read as cp1252 it
    # became "BogotÃ¡" in the output; read as UTF-8, the stray byte is named by its line.
    source = tmp_path / "cases.csv"
    source.write_bytes(
        "id,description\n1,Talks in Bogotá between the two foreign ministers\n".encode()
        + b"2,The minister\x92s aide met the envoy\n"
    )
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, "is not valid utf-8: byte 0x92 on line 3")
    assert not out.exists()


def test_a_cp1252_file_with_one_accent_and_one_apostrophe_is_still_read_as_cp1252(tmp_path):
    # The same text saved as cp1252: its "á" is followed by ASCII, no UTF-8 letter.
    source = tmp_path / "cases.csv"
    source.write_bytes(
        "id,description\n1,Talks in Bogotá between the two foreign ministers\n"
        "2,The minister’s aide met the envoy\n".encode("cp1252")
    )
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 0
    written = out.read_text(encoding="utf-8")
    assert "Bogotá" in written and "minister’s" in written


def test_a_file_of_utf8_and_cp1252_rows_is_an_error_naming_a_line_of_each(tmp_path, capsys):
    # Rows pasted from a UTF-8 export into a cp1252 spreadsheet: read as cp1252, as detection
    # chose by the majority, "Genève" came out as "GenÃ¨ve" in the output without a word.
    source = tmp_path / "cases.csv"
    data = ("id,description\n1,Foreign ministers held talks in Genève\n"
            "2,Scholars from both countries met in Bogotá\n").encode()
    data += ("3,Réunion à Genève des ministres\n4,The envoys met at a café in Zürich\n"
             "5,Académicos se reunieron en Medellín\n").encode("cp1252")
    source.write_bytes(data)
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, "mixes two encodings", "line 2 holds UTF-8 letters", "line 4 bytes",
                   "--encoding")
    assert not out.exists()
    # Chosen on purpose, one encoding reads all of it, as the user asked.
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q", "--encoding",
                 "cp1252"]) == 0
    assert "Réunion à Genève" in out.read_text(encoding="utf-8")


def test_compare_leaves_rows_with_no_text_out_and_says_so(tmp_path, capsys):
    source = tmp_path / "coded.csv"
    frame = pd.DataFrame(ROWS + [[str(i), "", "none", "", "none", ""] for i in (4, 5, 6)], columns=HEADER)
    frame.rename(columns={"description": "summary"}).to_csv(source, index=False)
    argv = ["compare", str(source), "--description-column", "summary", "--resamples", "0"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Comparing rules and model on 3 cases (3 rows with no text left out)." in out
    assert "They agree on 66.7% of cases" in out
    assert main([*argv, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["n"] == 3 and figures["no_text"] == 3


@pytest.mark.parametrize("length", [226, 240, 260])
def test_an_output_name_too_long_for_its_side_files_is_refused_before_anything_is_replaced(tmp_path, capsys, length):
    # A 230-byte name took the labels, and only then did its provenance file's temporary name
    # (261 bytes) fail: exit 2 with the output already replaced and no provenance beside it.
    source = tmp_path / "cases.csv"
    source.write_bytes(plain_cases(3))
    out = tmp_path / ("summit_" * 60)[: length - 4]
    out = out.with_name(out.name + ".csv")
    if length < 255:
        out.write_text("previous labels\n")
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q"]) == 2
    one_line_error(capsys, "its name is too long", "Choose an output name of at most 224 bytes")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["cases.csv"] + ([out.name] if length < 255 else []))
    if length < 255:
        assert out.read_text() == "previous labels\n"
    short = tmp_path / (out.name[:220] + ".csv")  # a name that fits, side files and all
    assert main(["label", str(source), "-o", str(short), "--method", "rules", "-q", "--on-bad-lines", "report"]) == 0
    assert len(pd.read_csv(short)) == 3 and (tmp_path / (short.name + ".provenance.json")).exists()


def test_a_folder_partitioned_by_a_column_keeps_that_column(tmp_path):
    # pyarrow, Spark and Hive write the partition column in the folder names only
    # (year=2020/...): it was dropped from the output without a word.
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "year": [2020, 2021, 2020],
            "description": [ROWS[0][1], ROWS[1][1], ROWS[2][1]],
            "id": ["1", "2", "3"],
        }
    )
    pq.write_to_dataset(table, tmp_path / "cases", partition_cols=["year"])
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"labelled.{suffix}"
        assert main(["label", str(tmp_path / "cases"), "-o", str(out), "--method", "rules", "-q"]) == 0
        labelled = pd.read_csv(out, dtype=str) if suffix == "csv" else pd.read_parquet(out)
        # Read folder by folder in the order of their names: year=2020 before year=2021.
        assert labelled[["id", "year"]].astype(str).values.tolist() == [["1", "2020"], ["3", "2020"], ["2", "2021"]]
    # Files that add a column to some partitions keep it too.
    pq.write_table(
        pa.table({"id": ["4"], "description": [ROWS[0][1]], "note": ["late"]}),
        tmp_path / "cases" / "year=2021" / "z.parquet",
    )
    out = tmp_path / "more.csv"
    assert main(["label", str(tmp_path / "cases"), "-o", str(out), "--method", "rules", "-q"]) == 0
    labelled = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert labelled[["id", "year", "note"]].values.tolist() == [
        ["1", "2020", ""],
        ["3", "2020", ""],
        ["2", "2021", ""],
        ["4", "2021", "late"],
    ]


def test_a_folder_of_eleven_or_more_numbered_parts_is_read_in_their_order(tmp_path):
    # Dask writes part.0.parquet ... part.11.parquet: read as text, part.10 and part.11 came
    # before part.2, and the rows of the output were out of order.
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path / "cases"
    folder.mkdir()
    for i in range(12):
        table = pa.table({"id": [f"c{i}"], "description": [f"Foreign ministers met in Geneva, round {i}"]})
        pq.write_table(table, folder / f"part.{i}.parquet")
    out = tmp_path / "labelled.csv"
    assert main(["label", str(folder), "-o", str(out), "--method", "rules", "-q"]) == 0
    assert pd.read_csv(out, dtype=str)["id"].tolist() == [f"c{i}" for i in range(12)]


def _die(chunk, *args):  # a worker killed (by the OOM killer, by hand) while labelling
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_process_killed_is_one_line_saying_the_previous_output_is_kept(tmp_path, monkeypatch, capsys):
    # A full traceback ended in "RuntimeError: A worker process stopped unexpectedly".
    import diplotrack.batch
    import diplotrack.parallel

    monkeypatch.setattr(diplotrack.parallel, "_context", lambda: __import__("multiprocessing").get_context("fork"))
    monkeypatch.setattr(diplotrack.batch, "_label_chunk_in_worker", _die)
    source = tmp_path / "cases.csv"
    source.write_bytes(plain_cases(600))
    out = tmp_path / "labelled.csv"
    out.write_text("previous labels\n")
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q", "--jobs", "2"]) == 1
    one_line_error(capsys, "a worker process stopped unexpectedly", "--jobs", "a previous one is kept")
    assert out.read_text() == "previous labels\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "labelled.csv"]


def _stdin_of(monkeypatch, data: bytes) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.mark.slow  # labels 45,000 rows: the reader must be past its first blocks when the cut shows
def test_a_truncated_input_on_standard_output_says_the_rows_before_were_written(tmp_path, monkeypatch, capsys):
    # Piped in and out, a download cut off said "nothing was written" after 20,000 labelled
    # rows had gone to standard output.
    whole = gzip.compress(plain_cases(60_000))
    _stdin_of(monkeypatch, whole[: len(whole) * 3 // 4])
    assert main(["label", "-", "-o", "-", "--method", "rules", "-q", "--chunksize", "10000"]) == 2
    captured = capsys.readouterr()
    written = pd.read_csv(__import__("io").StringIO(captured.out), dtype=str)
    assert len(written) > 0 and len(written) % 10_000 == 0 and written["id"].tolist() == [str(i) for i in range(len(written))]
    assert "Traceback" not in captured.err and captured.err.count("\n") == 1, captured.err
    assert "truncated gzip" in captured.err and "nothing was written" not in captured.err
    assert f"the {len(written)} labelled rows before it were already written to standard output" in captured.err
    # To a file, nothing was written indeed.
    _stdin_of(monkeypatch, whole[: len(whole) * 3 // 4])
    out = tmp_path / "labelled.csv"
    assert main(["label", "-", "-o", str(out), "--method", "rules", "-q", "--chunksize", "10000"]) == 2
    one_line_error(capsys, "truncated gzip", "nothing was written")
    assert not out.exists()


def test_ctrl_c_with_standard_output_says_the_rows_before_were_written(tmp_path, monkeypatch, capsys):
    # It said "no output was left half-written" after the first chunk had gone to standard output.
    import diplotrack.batch

    calls = []
    label_with = diplotrack.batch._label_with

    def interrupted_on_the_second_chunk(chunk, *args, **kwargs):
        calls.append(len(chunk))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return label_with(chunk, *args, **kwargs)

    monkeypatch.setattr(diplotrack.batch, "_label_with", interrupted_on_the_second_chunk)
    source = tmp_path / "cases.csv"
    source.write_bytes(plain_cases(30))
    assert main(["label", str(source), "-o", "-", "--method", "rules", "-q", "--chunksize", "10"]) == 130
    captured = capsys.readouterr()
    assert len(pd.read_csv(__import__("io").StringIO(captured.out))) == 10
    assert "interrupted" in captured.err and "already written to standard output" in captured.err
    assert "half-written" not in captured.err
    calls.clear()
    out = tmp_path / "labelled.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "-q", "--chunksize", "10"]) == 130
    assert "no output was left half-written" in capsys.readouterr().err and not out.exists()


def test_a_folder_of_csv_files_or_a_folder_as_output_is_named_as_such(tmp_path, monkeypatch, capsys):
    # A folder of CSVs was said to be "read with --dask" (a folder of parquet files is read
    # without it, and --dask reads no CSV); '-o .' was an "Invalid output name".
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "summits.csv").write_bytes(plain_cases(2))
    assert main(["label", "exports", "-o", "labelled.csv", "--method", "rules", "-q"]) == 2
    err = one_line_error(capsys, "'exports' is a directory", "holds no file named *.parquet", "one by one")
    assert "--dask" not in err
    (tmp_path / "cases.csv").write_bytes(plain_cases(2))
    for folder in (".", "exports"):
        assert main(["label", "cases.csv", "-o", folder, "--method", "rules", "-q"]) == 2
        one_line_error(capsys, f"Refusing to write to '{folder}': it is a directory", "labelled.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "exports"]


def test_pandas_periods_and_intervals_from_parquet_are_written_to_csv_as_pandas_prints_them(tmp_path):
    # A period column was written as its ordinal (600 for 2020-01), an interval as a dict.
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame(
        {
            "description": [ROWS[0][1], ROWS[1][1], ROWS[2][1]],
            "month": pd.PeriodIndex(["2020-01", None, "2021-03"], freq="M"),
            "quarter": pd.PeriodIndex(["2020Q1", "2020Q2", None], freq="Q"),
            "delegates": pd.IntervalIndex.from_tuples([(0, 5), None, (5, 10)]),
        }
    )
    frame.to_parquet(tmp_path / "cases.parquet")
    out = tmp_path / "labelled.csv"
    assert main(["label", str(tmp_path / "cases.parquet"), "-o", str(out), "--method", "rules", "-q"]) == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written[["month", "quarter", "delegates"]].values.tolist() == [
        ["2020-01", "2020Q1", "(0.0, 5.0]"],
        ["", "2020Q2", ""],
        ["2021-03", "", "(5.0, 10.0]"],
    ]
    back = tmp_path / "labelled.parquet"  # a parquet output keeps their types
    assert main(["label", str(tmp_path / "cases.parquet"), "-o", str(back), "--method", "rules", "-q"]) == 0
    pd.testing.assert_frame_equal(pd.read_parquet(back)[list(frame.columns)], frame)


def test_a_description_column_of_numbers_is_named_with_the_column_to_choose(tmp_path, capsys):
    # A survey export whose "description" column holds answer codes and whose text is under
    # "summary": every row abstains, rightly for each row, and the run says why.
    pytest.importorskip("pyarrow")
    cases = pd.DataFrame({
        "description": [3, 1],
        "summary": ["The two foreign ministers signed a border treaty in Hanoi.",
                    "Retired generals of both armies met scholars in Kathmandu."],
    })
    cases.to_parquet(tmp_path / "survey.parquet")
    out = tmp_path / "labelled.csv"
    assert main(["label", str(tmp_path / "survey.parquet"), "-o", str(out), "--method", "rules"]) == 0
    err = capsys.readouterr().err
    assert "column 'description' holds int64 values, not text" in err
    assert "--description-column" in err
    assert pd.read_csv(out)["rules_track"].tolist() == ["none", "none"]
    assert main(["label", str(tmp_path / "survey.parquet"), "-o", str(out), "--method", "rules",
                 "--description-column", "summary"]) == 0
    assert "not text" not in capsys.readouterr().err
    assert pd.read_csv(out)["rules_track"].tolist() == ["Track 1", "Track 2"]


def test_an_output_inside_a_parquet_input_folder_is_refused_and_the_folder_kept(tmp_path, capsys):
    # "-o cases/part.0.parquet" replaced a part of the input with the labelled whole, and the
    # provenance file left in the folder made every later run fail.
    pytest.importorskip("pyarrow")
    folder = tmp_path / "cases"
    folder.mkdir()
    pd.DataFrame({"id": ["1", "2"], "description": [ROWS[0][1], ROWS[2][1]]}).to_parquet(folder / "part.0.parquet")
    pd.DataFrame({"id": ["3"], "description": [ROWS[1][1]]}).to_parquet(folder / "part.1.parquet")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for args in (
        ["label", str(folder), "-o", str(folder / "part.0.parquet"), "--method", "rules", "-q"],
        ["label", str(folder), "-o", str(folder / "labelled.csv"), "--method", "rules", "-q"],
        ["review", str(folder), "-n", "2", "-o", str(folder / "part.1.parquet"), "--methods", "rules"],
    ):
        assert main(args) == 2
        one_line_error(capsys, "inside the input folder", "Choose an output outside the folder")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert main(["label", str(folder), "-o", str(tmp_path / "out.csv"), "--method", "rules", "-q"]) == 0
    assert pd.read_csv(tmp_path / "out.csv", dtype=str)["id"].tolist() == ["1", "2", "3"]


def test_files_a_run_reads_are_never_its_outputs(tmp_path, capsys):
    # The rule file audited, and the model labelling, were replaced by a report and by the
    # side file of skipped rows.
    rules = tmp_path / "my_rules.toml"
    rules.write_text('[lexicon]\nnonstate_roles = ["peace journalists"]\n')
    cases = tmp_path / "cases.csv"
    cases.write_text(f"id,description\n1,{ROWS[0][1]}\n")
    before = rules.read_bytes()
    assert main(["rules", "report", str(cases), "--gold", "id", "--rules", str(rules), "-o", str(rules)]) == 2
    one_line_error(capsys, "it is the input file", "my_rules.toml")
    assert rules.read_bytes() == before
    assert main(["label", str(cases), "-o", str(tmp_path / "out.csv"), "--method", "rules", "--rules", str(rules),
                 "--on-bad-lines", "report", "--bad-lines-file", str(rules), "-q"]) == 2
    one_line_error(capsys, "it is the input file", "my_rules.toml")
    assert rules.read_bytes() == before and not (tmp_path / "out.csv").exists()


def test_standard_output_redirected_to_the_input_is_refused(tmp_path):
    # "label cases.csv -o - >> cases.csv" appended the labelled copy to the input; with ">"
    # the shell had emptied it and the run only said the input was empty.
    import subprocess
    import sys

    cases = tmp_path / "cases.csv"
    text = f"id,description\n007,{ROWS[0][1]}\n"
    cases.write_text(text)
    with open(cases, "ab") as out:
        run = subprocess.run(
            [sys.executable, "-m", "diplotrack", "label", str(cases), "-o", "-", "--method", "rules", "-q"],
            stdout=out, stderr=subprocess.PIPE, text=True, check=False,
        )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "redirected to the input file" in run.stderr
    assert cases.read_text() == text


def test_partition_values_keep_their_text(tmp_path):
    # pyarrow guessed a type from the folder names: country_code=007 came out as 7.
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": ["a", "b"], "description": [ROWS[0][1], ROWS[2][1]], "country_code": ["007", "010"]})
    pq.write_to_dataset(table, tmp_path / "cases", partition_cols=["country_code"])
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"labelled.{suffix}"
        assert main(["label", str(tmp_path / "cases"), "-o", str(out), "--method", "rules", "-q"]) == 0
        labelled = pd.read_csv(out, dtype=str) if suffix == "csv" else pd.read_parquet(out)
        assert labelled[["id", "country_code"]].values.tolist() == [["a", "007"], ["b", "010"]]


def test_a_parquet_folder_with_nothing_to_read_says_so(tmp_path, capsys):
    # A Spark job that never finished leaves its parts under _temporary/: the run said the
    # input had no description column ("columns []").
    pytest.importorskip("pyarrow")
    (tmp_path / "cases" / "_temporary" / "0").mkdir(parents=True)
    pd.DataFrame({"description": [ROWS[0][1]]}).to_parquet(tmp_path / "cases" / "_temporary" / "0" / "part.parquet")
    assert main(["label", str(tmp_path / "cases"), "-o", str(tmp_path / "out.csv"), "--method", "rules"]) == 2
    one_line_error(capsys, "holds no file to read", "_temporary")
