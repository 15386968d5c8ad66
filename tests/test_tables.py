"""Tables written by diplotrack re-read to the same rows and cells, whatever the cells hold."""

from __future__ import annotations

import string
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplotrack import tables as table_io
from diplotrack.files import output_kind
from diplotrack.tables import BadLine, TableReader, TableWriter, write_bad_lines

# Cell text with everything that breaks naive CSV: line breaks of every kind, quotes,
# separators, NUL, other control characters, spaces at the ends, and any Unicode.
AWKWARD = [
    "\r",
    "\n",
    "\r\n",
    '"',
    "'",
    ",",
    ";",
    "\t",
    "|",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1f",
    " ",
    "\u2028",
    "\u0085",
    "\ufeff",
    "NA",
    "NaN",
    "null",
    "-",
    "#",
    "=1+2",
    "\ufdd0",  # the characters that escape NUL where pandas or Python cannot hold it
    "\ufdd1",
    "\ufdd2",
]
cells = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(string.ascii_letters, max_size=5)), max_size=12).map(
        "".join
    ),
)
headers = st.lists(cells, min_size=1, max_size=4)


@st.composite
def tables(draw) -> pd.DataFrame:
    header = draw(headers)
    n_rows = draw(st.integers(0, 5))
    rows = [[draw(cells) for _ in header] for _ in range(n_rows)]
    frame = pd.DataFrame(rows, columns=range(len(header)), dtype=object)
    frame.columns = header
    return frame


def write_and_read(frame: pd.DataFrame, path, sep: str | None = None) -> tuple[list[str], list[list[str]]]:
    with TableWriter(path, output_kind(path), sep=sep) as writer:
        writer.write(frame)
    with TableReader(path, sep=sep, chunksize=3) as reader:
        chunks = list(reader)
        columns = reader.columns
    rows = [row for chunk in chunks for row in chunk.astype(object).values.tolist()]
    return columns, rows


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=tables(), sep=st.sampled_from([None, ";", "\t", "|"]))
def test_any_table_round_trips_through_csv(tmp_path, frame, sep):
    path = tmp_path / "table.csv"
    columns, rows = write_and_read(frame, path, sep)
    assert columns == list(frame.columns)
    assert rows == frame.values.tolist()


@pytest.fixture
def nul_escaped(monkeypatch):
    """Make diplotrack escape NUL as it does under pandas before 3.0 (which ends a CSV cell at
    NUL) and Python 3.10 (whose csv module refuses to write one); CI's lowest-versions step runs
    pandas 2, but no Python 3.10."""
    monkeypatch.setattr(table_io, "_parser_keeps_nul", lambda: False)
    monkeypatch.setattr(table_io, "_writer_keeps_nul", lambda: False)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=tables(), sep=st.sampled_from([None, ";", "\t", "|"]))
def test_any_table_round_trips_where_pandas_or_python_cannot_hold_nul(tmp_path, nul_escaped, frame, sep):
    path = tmp_path / "table.csv"
    columns, rows = write_and_read(frame, path, sep)
    assert columns == list(frame.columns)
    assert rows == frame.values.tolist()


def test_escaping_nul_writes_the_very_bytes_of_a_csv_module_that_holds_it(tmp_path, monkeypatch):
    frame = pd.DataFrame(
        {
            "id\x00": ["r1", "r2"],
            "description": ["Talks in Oslo\x00 ended", "\ufdd0\ufdd2 and \x00\x00"],
            "n": [1, 2.5],
        }
    )
    with TableWriter(tmp_path / "native.csv", output_kind(tmp_path / "native.csv")) as writer:
        writer.write(frame)
    monkeypatch.setattr(table_io, "_writer_keeps_nul", lambda: False)
    with TableWriter(tmp_path / "escaped.csv", output_kind(tmp_path / "escaped.csv")) as writer:
        writer.write(frame)
    assert (tmp_path / "escaped.csv").read_bytes() == (tmp_path / "native.csv").read_bytes()
    assert b"\x00" in (tmp_path / "native.csv").read_bytes()


def test_the_side_file_of_skipped_rows_keeps_their_nul_where_the_csv_module_cannot(tmp_path, monkeypatch):
    skipped = [BadLine(3, 2, 3, "7,Talks in Geneva\x00, Switzerland"), BadLine(9, 2, 4, "\ufdd0,a,b,c")]
    write_bad_lines(tmp_path / "native.csv", skipped)
    monkeypatch.setattr(table_io, "_writer_keeps_nul", lambda: False)
    write_bad_lines(tmp_path / "escaped.csv", skipped)
    assert (tmp_path / "escaped.csv").read_bytes() == (tmp_path / "native.csv").read_bytes()
    with TableReader(tmp_path / "escaped.csv") as reader:
        texts = pd.concat(list(reader))["text"].tolist()
    assert texts == [b.text for b in skipped]


def test_nul_characters_in_utf8_cells_are_not_taken_for_utf16(tmp_path):
    # Found by the property test above: a header "0\x00\x00" was re-read as UTF-16 ("\u2230").
    # NULs on both sides of each byte pair are cells holding NUL, not UTF-16 text.
    frame = pd.DataFrame([], columns=["0\x00\x00"], dtype=object)
    columns, rows = write_and_read(frame, tmp_path / "table.csv")
    assert columns == list(frame.columns)
    assert rows == frame.values.tolist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=tables())
def test_any_table_round_trips_through_compressed_csv(tmp_path, frame):
    path = tmp_path / "table.csv.gz"
    columns, rows = write_and_read(frame, path)
    assert columns == list(frame.columns) and rows == frame.values.tolist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=tables())
def test_any_table_round_trips_through_parquet(tmp_path, frame):
    pytest.importorskip("pyarrow")
    frame = frame.loc[:, ~frame.columns.duplicated()]  # parquet needs distinct column names
    path = tmp_path / "table.parquet"
    with TableWriter(path, output_kind(path), text_columns=list(frame.columns)) as writer:
        writer.write(frame)
    back = pd.read_parquet(path)
    assert list(back.columns) == list(frame.columns)
    assert back.astype(object).values.tolist() == frame.values.tolist()


def test_reader_chunks_have_exactly_chunksize_rows(tmp_path):
    path = tmp_path / "cases.csv"
    lines = ["id,description"] + [f"{i},Envoys met in round {i}." for i in range(10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with TableReader(path, chunksize=4) as reader:
        chunks = list(reader)
    assert [len(c) for c in chunks] == [4, 4, 2]
    assert [c.index[0] for c in chunks] == [0, 4, 8]
    assert chunks[2]["id"].tolist() == ["8", "9"]


def test_a_header_without_rows_gives_no_chunks(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("id,description\n", encoding="utf-8")
    with TableReader(path) as reader:
        assert list(reader) == [] and reader.columns == ["id", "description"]


def test_an_interrupted_parquet_output_is_closed_and_the_previous_one_kept(tmp_path, monkeypatch):
    # Ctrl-C (or an error) after a chunk was written left pyarrow's writer open on the removed
    # temporary file: when collected it printed a traceback ("write to closed file").
    import gc
    import sys

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "labelled.parquet"
    previous = pd.DataFrame({"description": ["Envoys of Peru and Chile met in Lima."], "rules_track": ["Track 1"]})
    previous.to_parquet(out)
    before = out.read_bytes()
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    chunk = pd.DataFrame(
        {
            "description": ["The foreign ministers of Peru and Chile met in Lima on 3 May to discuss the maritime boundary."],
            "rules_track": ["Track 1"],
        }
    )
    writer = TableWriter(out, output_kind(out))
    try:
        with writer:
            writer.write(chunk)
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    del writer
    gc.collect()
    assert [str(u.exc_value) for u in unraisable] == []
    assert out.read_bytes() == before
    assert pq.read_table(out).to_pandas().equals(previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labelled.parquet"]


def test_rows_read_from_standard_input_are_named_by_their_record(monkeypatch):
    # Standard input cannot be read again to find the line where a record begins: the error
    # and the skipped rows say "record", never a line number that may be wrong.
    import io
    import sys

    text = (
        'id,description\npe-01,"The foreign ministers of Peru and Chile met in Lima.\n\nTalks '
        'resumed."\npe-02,Talks in Lima, Peru\n'
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    with pytest.raises(table_io.BatchInputError, match=r"Expected 2 fields in record 3 of the CSV \(line 3 unless"):
        with TableReader("-") as reader:
            list(reader)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    with TableReader("-", on_bad_lines="skip") as reader:
        assert [chunk["id"].tolist() for chunk in reader] == [["pe-01"]]
    assert reader.recover_bad_lines() == [BadLine(None, 2, 3, record=3)]
    # Reported, the skipped row is read again from a copy kept as the input was read: its line
    # and text are known, as from a file, and the copy is gone once the reader is closed.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    with TableReader("-", on_bad_lines="report") as reader:
        assert [chunk["id"].tolist() for chunk in reader] == [["pe-01"]]
        copy = Path(reader._copy.name)
        assert reader.recover_bad_lines() == [BadLine(5, 2, 3, "pe-02,Talks in Lima, Peru", record=3)]
    assert not copy.exists()


def test_a_skipped_rows_text_keeps_its_cells_apart(tmp_path):
    """The side file's text is the row written back as CSV: a comma or a quote inside a
    quoted cell stays inside it, so the row's cells can be rebuilt."""
    import csv as _csv

    source = tmp_path / "cases.csv"
    source.write_text(
        'id,description\nsa-1,"Talks in Geneva, Switzerland","Track 1, or 1.5 ""perhaps"""\nsa-2,ok\n',
        encoding="utf-8",
    )
    with TableReader(source, on_bad_lines="report") as reader:
        assert [chunk["id"].tolist() for chunk in reader] == [["sa-2"]]
        (bad,) = reader.recover_bad_lines()
    assert next(_csv.reader([bad.text])) == ["sa-1", "Talks in Geneva, Switzerland", 'Track 1, or 1.5 "perhaps"']


class _Pieces:
    """Text read in the pieces given, as pandas reads a stream: a read may end anywhere."""

    transformed = False

    def __init__(self, pieces: list[str]):
        self.pieces = list(pieces)

    def read(self, size: int = -1) -> str:
        return self.pieces.pop(0) if self.pieces else ""


def _strictly_refused(text: str, sep: str) -> bool:
    import csv
    import io

    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True):
            pass
    except csv.Error as exc:
        return "expected after" in str(exc)
    return False


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet='ab,"\t \r\n', max_size=30),
    cuts=st.lists(st.integers(0, 30), max_size=4),
    sep=st.sampled_from([",", "\t"]),
)
def test_broken_quoting_is_found_as_the_csv_module_finds_it_wherever_the_reads_end(text, cuts, sep):
    # The check reads the text as it streams to pandas, so a quoted cell, a CR LF or a doubled
    # quote can be cut between two reads; it refuses what csv's strict mode refuses, and only that.
    from diplotrack.files import BatchInputError

    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    check = table_io._CsvText(_Pieces([text[a:b] for a, b in zip(bounds, bounds[1:])]), sep, "x")
    try:
        while check.read():
            pass
        refused = False
    except BatchInputError:
        refused = True
    assert refused == _strictly_refused(text, sep)


def test_a_line_of_spaces_or_tabs_is_a_row_and_only_an_empty_line_is_skipped(tmp_path):
    # pandas skipped a line of spaces or tabs alone as blank: 5 cases read as 3.
    from diplotrack import label_csv
    from diplotrack.tables import read_table

    path = tmp_path / "meetings.csv"
    path.write_text(
        "\n   \nid,description,note\n1\n2,Ministers of Chile and Peru met in Lima\n   \n\t\n\n"
        '3,"Envoys met in Quito\n   \n",b\n \t \n'
    )
    expected = [
        ["1", "", ""],
        ["2", "Ministers of Chile and Peru met in Lima", ""],
        ["   ", "", ""],
        ["\t", "", ""],
        ["3", "Envoys met in Quito\n   \n", "b"],
        [" \t ", "", ""],
    ]
    frame = read_table(path)
    assert frame.columns.tolist() == ["id", "description", "note"]
    assert frame.values.tolist() == expected
    out = tmp_path / "labelled.csv"
    assert label_csv(path, out, "rules") == 6
    assert read_table(out).iloc[:, :3].values.tolist() == expected
    tsv = tmp_path / "meetings.tsv"  # a tab is the separator there: a line of one is two cells
    tsv.write_text("id\tdescription\n1\tMinisters met in Lima\n  \n\t\n")
    assert read_table(tsv).values.tolist() == [["1", "Ministers met in Lima"], ["  ", ""], ["", ""]]


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet='ab,"\t \n', max_size=30),
    cuts=st.lists(st.integers(0, 40), max_size=4),
    sep=st.sampled_from([",", "\t"]),
)
def test_the_text_given_to_pandas_reads_to_the_csv_module_s_rows_wherever_the_reads_end(body, cuts, sep):
    # No carriage returns here: pandas reads 'id,d\n\r,x' as ['x', ''] (an empty line ended by a
    # bare CR loses the separator that follows it), which _CsvText mends by passing record-ending
    # bare CRs on as LF; the bare-CR test below checks that against the csv module.
    import csv
    import io

    from diplotrack.files import BatchInputError

    text = f"id{sep}description\n{body}"
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error:
        return  # refused (see above), or a quote never closed, which pandas names
    if any(len(r) > 2 for r in rows):
        return
    expected = [r + [""] * (2 - len(r)) for r in rows if r]  # only an empty line is no row
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    pieces = _Pieces([text[a:b] for a, b in zip(bounds, bounds[1:])])
    try:
        frame = pd.read_csv(
            table_io._CsvText(pieces, sep, "x"),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="c",
        )
    except BatchInputError:
        pytest.fail("refused text the csv module reads")
    assert frame.values.tolist() == expected


def test_a_header_name_holding_a_line_break_is_read_whole_to_count_the_columns(tmp_path):
    # The first line of '"Case\nID",description' was taken for a header of one column, whose
    # empty lines are empty cells: an extra row of nothing was labelled.
    from diplotrack.tables import read_table

    path = tmp_path / "meetings.csv"
    path.write_text('"Case\nID",description\n1,Ministers of Chile and Peru met in Lima\n\n2,Envoys met in Quito\n')
    frame = read_table(path)
    assert frame.columns.tolist() == ["Case\nID", "description"]
    assert frame.values.tolist() == [
        ["1", "Ministers of Chile and Peru met in Lima"],
        ["2", "Envoys met in Quito"],
    ]
    # A file of one column keeps its empty lines as empty cells, blank lines before its header aside.
    one = tmp_path / "one.csv"
    one.write_text("\n  \ndescription\nMinisters of Chile and Peru met in Lima\n\nEnvoys met in Quito\n")
    assert read_table(one)["description"].tolist() == [
        "Ministers of Chile and Peru met in Lima",
        "",
        "Envoys met in Quito",
    ]


_CR_CELLS = st.text(alphabet=string.ascii_letters[:6] + ' ,"\r\n', max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(_CR_CELLS, min_size=3, max_size=3), max_size=6),
    ends=st.lists(st.sampled_from(["\r", "\r", "\r\r", "\r\n", "\n", "\n\r"]), min_size=7, max_size=7),
    cuts=st.lists(st.integers(0, 120), max_size=4),
)
def test_rows_ended_by_bare_carriage_returns_and_blank_lines_read_as_the_csv_module_reads_them(
    tmp_path, rows, ends, cuts
):
    # Old Mac exports end lines with a bare CR. After an empty line so ended, pandas' parser
    # dropped the separator that opened the next row: ',Academics met,n2' was read with
    # 'Academics met' as its id, every cell shifted left, and a row ',,' was lost, exit 0.
    # A CR inside a quoted cell is the cell's own and stays.
    import csv
    import io

    from diplotrack.tables import read_table

    header = ["id", "description", "note"]
    lines = []
    for row, end in zip([header, *rows], ends):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(row)
        lines.append(buffer.getvalue().removesuffix("\r\n") + end)
    text = "".join(lines)
    expected = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    assert expected == [header, *rows]
    path = tmp_path / "meetings.csv"
    path.write_bytes(text.encode())
    frame = read_table(path)
    assert [frame.columns.tolist(), *frame.values.tolist()] == expected
    # Read as it streams, in reads that may end anywhere (between a CR and its LF too).
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    pieces = _Pieces([text[a:b] for a, b in zip(bounds, bounds[1:])])
    streamed = pd.read_csv(
        table_io._CsvText(pieces, ",", "x"), header=None, dtype=str, keep_default_na=False, na_filter=False
    )
    assert streamed.values.tolist() == expected


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("description\rMinisters met in Oslo.\rScholars met in Geneva.\r", 2),
        ("description\r", 0),
        ("description\rMinisters met in Oslo.\r\rScholars met in Geneva.\r", 3),  # a blank line is a row
    ],
    ids=["rows", "header-only", "blank-line"],
)
def test_a_one_column_file_ended_by_a_bare_cr_gains_no_row(tmp_path, text, rows):
    # The CR that ends the text was made a line feed twice (as a record's end and as the
    # text's), and a one-column file, which keeps blank lines as rows, gained an empty row.
    import csv
    import io

    from diplotrack import label_csv

    expected = list(csv.reader(io.StringIO(text, newline="")))
    assert len(expected) == rows + 1
    path = tmp_path / "cases.csv"
    path.write_bytes(text.encode())
    out = tmp_path / "labelled.csv"
    label_csv(path, out, method="rules")
    with open(out, newline="", encoding="utf-8") as f:
        written = list(csv.reader(f))
    assert [r[:1] for r in written] == [r or [""] for r in expected]


def test_a_row_opening_with_the_separator_after_a_blank_line_ended_by_a_bare_cr_keeps_its_cells(tmp_path):
    from diplotrack import label_csv
    from diplotrack.tables import read_table

    path = tmp_path / "meetings.csv"
    path.write_bytes(
        b"id,description,note\rA1,Foreign ministers of Chile and Peru met in Lima,n1\r\r"
        b",Academics from both countries met in Quito,n2\rA3,Envoys met in Geneva,n3\r"
    )
    out = tmp_path / "labelled.csv"
    assert label_csv(path, out, "rules") == 3
    assert read_table(out)[["id", "description", "note"]].values.tolist() == [
        ["A1", "Foreign ministers of Chile and Peru met in Lima", "n1"],
        ["", "Academics from both countries met in Quito", "n2"],
        ["A3", "Envoys met in Geneva", "n3"],
    ]
    lone = tmp_path / "lone.csv"  # a row of empty cells after a blank line was lost
    lone.write_bytes(b"id,description\r1,Ministers met in Oslo\r\r,\r3,Talks in Vienna\r")
    assert read_table(lone).values.tolist() == [["1", "Ministers met in Oslo"], ["", ""], ["3", "Talks in Vienna"]]
    mixed = tmp_path / "mixed.csv"  # a stray CR line in a file of LF lines
    mixed.write_bytes(b"id,description,note\nA1,Ministers met in Oslo,n1\r\r,Envoys met in Bern,n2\n")
    assert read_table(mixed).values.tolist() == [["A1", "Ministers met in Oslo", "n1"], ["", "Envoys met in Bern", "n2"]]
