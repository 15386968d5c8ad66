"""Reading and writing tables of cases, chunk by chunk, exactly as written.

CSV is read with no implicit index (the first row is the header, every later row a case,
whatever its number of fields), every cell as text, in the encoding given or detected
(reported, never guessed silently; an undecodable byte is an error naming its line).
Rows with more fields than the header are an error, or skipped and reported. A quoted cell
with text after its closing quote, which pandas would read with its quotes dropped or with
lines merged into it, is always an error (see :class:`_CsvText`). CSV is
written with every text cell quoted, so that it re-reads to the same rows and cells
whatever they hold (line breaks, carriage returns, quotes, separators, NUL). Parquet is
read and written with pyarrow (``pip install 'diplotrack[parquet]'``): every column in the
file is a column (a pandas index stored in it too), with its Arrow type (``pd.ArrowDtype``),
so that an integer column with a missing value stays integers and a parquet output keeps
each input column's type and values exactly.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import json
import logging
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .decoding import StrictTextReader, detect_encoding, line_breaks, mixed_encodings
from .engagement import SEPARATOR_NAMES, separator_hint
from .files import (
    STDIO,
    BatchInputError,
    InputStream,
    OutputKind,
    atomic_output,
    compressed_writer,
    is_parquet,
    is_rereadable,
    open_input,
    refuse_empty_path,
)

__all__ = [
    "ON_BAD_LINES",
    "BadLine",
    "TableReader",
    "TableWriter",
    "check_output_columns",
    "plain_view_type",
    "read_table",
    "write_bad_lines",
]

logger = logging.getLogger("diplotrack")

#: What to do with a row that has more fields than the header.
ON_BAD_LINES = ("error", "skip", "report")

_SAMPLE = 1 << 20
_SKIPPED = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")
# pandas' words for a row with too many fields; its "line" counts records, not lines.
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
#: pandas' words for a quote opened and never closed; its row counts records from 0 (the header).
_UNCLOSED = re.compile(r"EOF inside string starting at row (\d+)")


@dataclass(frozen=True)
class BadLine:
    """A row skipped for having more fields than the header.

    ``line`` is the line of the file where the row begins (the header's is line 1), or None
    where the file cannot be read again to find it (standard input, a pipe). ``record`` is
    the row's number among the CSV's records as the parser counts them (the header is
    record 1, a blank line one record): the same as ``line`` unless a cell before the row
    spans several lines, and None when only the line is known.
    """

    line: int | None
    expected: int
    found: int
    text: str = ""
    record: int | None = None


def _rechunk(frames: Iterable[pd.DataFrame], size: int) -> Iterator[pd.DataFrame]:
    """The rows of ``frames`` regrouped into frames of exactly ``size`` rows (the last fewer)."""
    pending: list[pd.DataFrame] = []
    held = 0
    for frame in frames:
        pending.append(frame)
        held += len(frame)
        while held >= size:
            whole = pd.concat(pending) if len(pending) > 1 else pending[0]
            yield whole.iloc[:size]
            rest = whole.iloc[size:]
            pending, held = ([rest] if len(rest) else []), len(rest)
    if held:
        yield pd.concat(pending) if len(pending) > 1 else pending[0]


@contextlib.contextmanager
def _no_field_size_limit() -> Iterator[None]:
    """Within this block the csv module reads a cell of any length (by default it refuses
    one over 131,072 characters, which pandas reads)."""
    previous = csv.field_size_limit()
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            break
        except OverflowError:  # a C long is 32 bits on Windows
            limit //= 2
    try:
        yield
    finally:
        csv.field_size_limit(previous)


# ---- NUL characters under older pandas and Python --------------------------------------
# A cell may hold NUL ("\x00": text extracted from PDFs, exports of legacy databases). pandas
# before 3.0 ends a cell at a NUL when it reads CSV (its C parser holds cells as C strings),
# and Python 3.10's csv module, which writes pandas' CSV, refuses to write one. Where either
# holds, text passes through them escaped, NUL as "\ufdd0\ufdd2" and "\ufdd0" itself as
# "\ufdd0\ufdd1" (U+FDD0 is a Unicode noncharacter, reserved for a program's internal use),
# and is unescaped on the other side, so every cell comes back as it was.
_ESC = "\ufdd0"
_UNESCAPE = {"\ufdd1": _ESC, "\ufdd2": "\x00"}
_ESCAPED = re.compile(_ESC + "([\ufdd1\ufdd2])")


def _escape_nul(text: str) -> str:
    """``text`` with NUL and the escape character escaped (see above).

    >>> _escape_nul("a\\x00b") == "a\\ufdd0\\ufdd2b"
    True
    """
    if "\x00" not in text and _ESC not in text:
        return text
    return text.replace(_ESC, _ESC + "\ufdd1").replace("\x00", _ESC + "\ufdd2")


def _unescape_nul(text: str) -> str:
    """The inverse of :func:`_escape_nul`.

    >>> _unescape_nul(_escape_nul("x\\x00\\ufdd0\\ufdd2y")) == "x\\x00\\ufdd0\\ufdd2y"
    True
    """
    return _ESCAPED.sub(lambda m: _UNESCAPE[m.group(1)], text) if _ESC in text else text


@functools.cache
def _parser_keeps_nul() -> bool:
    """Whether this pandas reads a NUL inside a CSV cell (pandas 3.0 and later do)."""
    cell = pd.read_csv(io.StringIO('a\n"x\x00y"\n'), dtype=str, engine="c").iloc[0, 0]
    return cell == "x\x00y"


@functools.cache
def _writer_keeps_nul() -> bool:
    """Whether this Python's csv module writes a NUL inside a cell (3.11 and later do)."""
    try:
        csv.writer(io.StringIO(), quoting=csv.QUOTE_NONNUMERIC).writerow(["x\x00y"])
    except csv.Error:
        return False
    return True


def _unescape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (every cell text, as read) with :func:`_unescape_nul` applied to each cell."""
    frame = frame.copy()
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        frame.isetitem(i, column.map(_unescape_nul).astype(column.dtype))
    return frame


def _csv_text(frame: pd.DataFrame, **options: Any) -> str:
    """``frame.to_csv(**options)`` as text, whatever NUL its cells or column names hold."""
    if _writer_keeps_nul():
        return frame.to_csv(None, **options)

    def escape(value: Any) -> Any:
        return _escape_nul(value) if isinstance(value, str) else value

    escaped = frame.rename(columns=escape)
    types = pd.api.types
    for i, dtype in enumerate(escaped.dtypes):  # by position: column names may repeat
        if (
            types.is_object_dtype(dtype)
            or types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype)
        ):
            escaped.isetitem(i, escaped.iloc[:, i].map(escape))
    return _unescape_nul(escaped.to_csv(None, **options))


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.dataset  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise BatchInputError(
            "Reading or writing parquet needs the pyarrow package: pip install 'diplotrack[parquet]'."
        ) from exc
    # pandas registers the Arrow types of its periods and intervals when this is imported
    # (read_parquet imports it); unregistered, a period column reads as its ordinals.
    with contextlib.suppress(ImportError):
        import pandas.core.arrays.arrow.extension_types  # noqa: F401
    return pa


def plain_view_type(arrow_type: Any) -> Any:
    """``large_string`` for a ``string_view``, ``large_binary`` for a ``binary_view`` (the same
    values, in types pandas and pyarrow can take rows of), else None."""
    pa = _pyarrow()
    for is_view, plain in (("is_string_view", pa.large_string), ("is_binary_view", pa.large_binary)):
        test = getattr(pa.types, is_view, None)  # pyarrow before 16 has no view types
        if test is not None and test(arrow_type):
            return plain()
    return None


def _plain_views(data: Any) -> Any:
    """A pyarrow table or record batch with its string_view and binary_view columns as
    large_string and large_binary, the same values: pandas cannot select rows of a view
    column holding a missing value (pyarrow has no filter for it), which writing CSV does.
    A parquet output keeps the view types, from the input's schema (see TableWriter)."""
    schema = data.schema
    for i, field in enumerate(schema):
        plain = plain_view_type(field.type)
        if plain is not None:
            schema = schema.set(i, field.with_type(plain))
    if schema.equals(data.schema):
        return data
    columns = [c if c.type == f.type else c.cast(f.type) for c, f in zip(data.columns, schema)]
    return type(data).from_arrays(columns, schema=schema)


def _arrow_frame(data: Any) -> pd.DataFrame:
    """A pyarrow table or record batch as a DataFrame of its columns, in order, each with its
    Arrow type (a view type as its plain one, see :func:`_plain_views`). pandas' default
    conversion turns an integer column with a missing value into floats, NaN into a missing
    value, and a stored pandas index into an index, not a column."""
    return _plain_views(data).to_pandas(types_mapper=pd.ArrowDtype, ignore_metadata=True)


def _pandas_extension(arrow_type: Any) -> Any:
    """The pandas type a pyarrow extension type stands for (a period, an interval, as pandas
    writes them to parquet), or None."""
    if not isinstance(arrow_type, _pyarrow().ExtensionType):
        return None
    try:
        dtype = arrow_type.to_pandas_dtype()
    except (NotImplementedError, TypeError, ValueError):
        return None
    return dtype if hasattr(dtype, "__from_arrow__") else None


def _csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its nested Arrow columns (lists, structs, maps) as Python values, which
    CSV shows as Python writes them; pandas would write them through NumPy, the integers
    2 and 3 as ``[2. 3.]``. A pandas period or interval stored in parquet (an Arrow extension
    type) is written as pandas prints it (``2020-01``, ``(0, 1]``), not as what it is stored
    as (the ordinal 600, a struct of its bounds); a missing one is empty."""
    nested, extension = [], []
    for i, dtype in enumerate(frame.dtypes):
        if not isinstance(dtype, pd.ArrowDtype):
            continue
        if _pandas_extension(dtype.pyarrow_dtype) is not None:
            extension.append(i)
        elif _pyarrow().types.is_nested(dtype.pyarrow_dtype):
            nested.append(i)
    if not nested and not extension:
        return frame
    frame = frame.copy(deep=False)
    for i in nested:
        frame.isetitem(i, pd.Series(frame.iloc[:, i].tolist(), index=frame.index, dtype=object))
    for i in extension:
        column = frame.iloc[:, i]
        values = _pandas_extension(column.dtype.pyarrow_dtype).__from_arrow__(
            _pyarrow().chunked_array(column.array.__arrow_array__())
        )
        cells = [None if pd.isna(v) else str(v) for v in values]
        frame.isetitem(i, pd.Series(cells, index=frame.index, dtype=object))
    return frame


_UNQUOTED = re.compile(r'[^"\r\n]*')
#: A quoted cell whole, quotes inside it doubled.
_QUOTED_CELL = r'"[^"]*(?:""[^"]*)*"'


def _blank(sep: str) -> str:
    """The characters of a line pandas skips as blank: spaces and tabs, unless the separator."""
    return " \t".replace(sep, "")


@functools.cache
def _records(sep: str) -> re.Pattern:
    """Whole records quoted as pandas reads them and the csv module's strict mode accepts
    (every quoted cell ends at a separator or the end of its line), none of them a line of
    spaces or tabs alone, as many as follow."""
    s, blank = re.escape(sep), re.escape(_blank(sep))
    unquoted = f'[^"{s}\\r\\n][^{s}\\r\\n]*'
    field = f"(?:{_QUOTED_CELL}|{unquoted})?"
    return re.compile(f"(?:(?![{blank}]+[\\r\\n]){field}(?:{s}{field})*(?:\\r\\n|\\r|\\n))*")


@functools.cache
def _record_tokens(sep: str) -> re.Pattern:
    """The pieces of whole records (see :func:`_records`) one after another: a quoted cell, an
    unquoted one, a separator, a line break."""
    s = re.escape(sep)
    return re.compile(f'{_QUOTED_CELL}|[^"{s}\\r\\n][^{s}\\r\\n]*|{s}|\\r\\n|\\r|\\n')


def _first_line(text: str) -> str:
    """``text`` up to its first line break."""
    return re.split(r"[\r\n]", text, maxsplit=1)[0]


def _shown(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters and quoted for a message."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _CsvText:
    """The CSV text given to pandas' parser, read on its way there for what that parser does
    silently to rows and cells.

    - Quoting it reads wrongly is an error: a quoted cell followed by more text before the
      separator or the end of the line (``"Peace" talks``). pandas drops the quotes and joins
      the rest; a quote opening a cell and meant as plain text (``"Track two``) is closed by
      a quote lines later, and every line between is read into that one cell. The csv
      module's strict mode refuses the same. A quote inside an unquoted cell
      (``The "Geneva" round``) is plain text, as for pandas; a quoted cell never closed is
      left to pandas, which names it.
    - A line of spaces or tabs alone after the header, which pandas skips as blank with the
      empty lines, is passed on quoted (``"   "``): the same cell, kept as a row.

    The text is read once, as it streams, so standard input is read so too.
    """

    _TEXT, _QUOTED, _CLOSED = 0, 1, 2

    def __init__(self, text: Any, sep: str, name: str):
        self._text = text
        self._sep = sep
        self._ends = sep + "\r\n"  # what may follow a quoted cell
        self._blank = _blank(sep)
        self._name = name
        self._state = self._TEXT
        self._line = 1  # the file's line where the text being read begins
        self._record_empty = True  # nothing of the current record read yet
        self._before = "\n"  # the character before the text being read
        self._cr = False  # the text read so far ends with a carriage return
        self._opened: tuple[int, str] = (1, "")  # a quoted cell open at the end of the text read
        self._started = False
        self._header = False  # a record other than a blank line read
        self._held = ""  # spaces or tabs that begin a line, until it is known what follows them

    @property
    def transformed(self) -> bool:
        return self._text.transformed

    def __iter__(self):  # pandas asks for it to accept the object as a file
        return self

    def __next__(self) -> str:
        raise io.UnsupportedOperation("read only with read()")

    def read(self, size: int = -1) -> str:
        while True:
            data = self._text.read(size)
            text, self._held = self._held + data, ""
            if not text:
                return ""
            end, edits = self._scan(text, final=not data)
            self._held = text[end:]
            if edits:
                parts, at = [], 0
                for start, stop, replacement in sorted(edits):
                    parts += [text[at:start], replacement]
                    at = stop
                text = "".join(parts) + text[at:end]
            else:
                text = text[:end]
            if text or not data:
                return text

    def _line_at(self, text: str, position: int) -> int:
        """The file's line at ``position`` in ``text``, the text being read."""
        return self._line + line_breaks(text, position, after_cr=self._cr)

    def _bare_crs(self, text: str, start: int, stop: int, edits: list[tuple[int, int, str]]) -> None:
        """The bare carriage returns ending records in ``text[start:stop]``, whole records, as
        line feeds: outside quoted cells, which keep theirs."""
        if text.find("\r", start, stop) < 0:
            return
        for match in _record_tokens(self._sep).finditer(text, start, stop):
            if match.group() == "\r":
                edits.append((match.start(), match.end(), "\n"))

    def _scan(self, text: str, final: bool) -> tuple[int, list[tuple[int, int, str]]]:
        """Read ``text``: where the text to pass on ends (the rest is held until more is read)
        and what to change in it: the lines of spaces or tabs alone, to be quoted, and the bare
        carriage returns that end records, to be line feeds (pandas' parser, reading a bare CR
        that ends an empty line, drops the separator after it: ``,Talks`` is read as
        ``Talks``, its cells shifted left, and a row ``,`` is lost)."""
        i, n, sep, ends = 0, len(text), self._sep, self._ends
        edits: list[tuple[int, int, str]] = []
        end = n
        if not self._started:
            self._started = True
            i = 1 if text.startswith("\ufeff") else 0
        if self._cr and text.startswith("\n") and self._state == self._TEXT:
            i = max(i, 1)  # the LF of a CR LF cut between two reads
        opened = -1  # where in this text the quoted cell open begins
        records = _records(sep)
        while i < n:
            if self._state == self._TEXT:
                if self._record_empty and self._header:  # whole records at once, the usual case
                    k = records.match(text, i).end()
                    self._bare_crs(text, i, k, edits)
                    i = k
                    if i == n:
                        break
                j = _UNQUOTED.match(text, i).end()
                if self._record_empty and (j == n or text[j] != '"') and not text[i:j].strip(self._blank):
                    # A line empty, or of spaces and tabs alone, so far.
                    if j == n:
                        if i < j and self._header and not final:
                            end = i  # held: a line of spaces so far, or a case
                        elif i < j:
                            if self._header:
                                edits.append((i, j, f'"{text[i:j]}"'))
                            self._record_empty = False
                        break
                    if i < j and self._header:
                        edits.append((i, j, f'"{text[i:j]}"'))
                else:
                    self._header = True
                if j > i:
                    self._record_empty = False
                if j == n:
                    break
                if text[j] != '"':  # a line break ends the record
                    self._record_empty = True
                    if text.startswith("\r\n", j):
                        i = j + 2
                        continue
                    if text[j] == "\r" and j + 1 < n:
                        edits.append((j, j + 1, "\n"))
                    i = j + 1
                    continue
                before = text[j - 1] if j > 0 else self._before
                opens = self._record_empty or before == sep
                self._record_empty = False
                if not opens:  # a quote inside an unquoted cell is plain text
                    i = j + 1
                    continue
                self._state, opened, i = self._QUOTED, j, j + 1
            elif self._state == self._QUOTED:
                k = text.find('"', i)
                if k < 0:
                    break
                self._state, i = self._CLOSED, k + 1
            else:  # a quote inside a quoted cell: it closes it, or is the first of a pair
                c = text[i]
                if c == '"':
                    self._state, i = self._QUOTED, i + 1
                elif c in ends:
                    self._state = self._TEXT
                else:
                    self._refuse(text, opened, i)
        if self._state != self._TEXT and opened >= 0:
            self._opened = (self._line_at(text, opened), text[opened : opened + 40])
        if end == n and self._state == self._TEXT and text.endswith("\r"):
            if final:
                if not any(start == n - 1 for start, _, _ in edits):  # not already a record's end
                    edits.append((n - 1, n, "\n"))
            else:
                end = n - 1  # held: a CR LF, or a bare CR, is known when more is read
        edits = [e for e in edits if e[0] < end]
        if end:
            self._line = self._line_at(text, end)
            self._before = text[end - 1]
            self._cr = text[end - 1] == "\r"
        return end, edits

    def _refuse(self, text: str, opened: int, at: int) -> None:
        line, start = self._opened if opened < 0 else (self._line_at(text, opened), text[opened:])
        closed = self._line_at(text, at)
        other = _OTHER_SEPARATORS.get(text[at])
        if other is not None and text[at] != self._sep and text[at + 1 : at + 2] == '"':
            # '"id";"description"': cells quoted one by one, with another separator between
            # them (R's write.csv2, a spreadsheet's "quote all text cells").
            what, option = other
            raise BatchInputError(
                f"Input {self._name} is not a readable CSV with the separator {self._sep!r}: on line "
                f"{closed} its quoted cells are separated by {what} ({_shown(_first_line(start))}). "
                f"Pass {option}."
            )
        if closed == line:
            where = f"the quoted cell on line {line} ({_shown(_first_line(start))})"
            harm = "its quotes would be dropped"
        else:
            where = (
                f"the quoted cell opened on line {line} ({_shown(_first_line(start))}) and closed "
                f"on line {closed}"
            )
            harm = f"lines {line} to {closed} would be merged into that one cell"
        raise BatchInputError(
            f"Input {self._name} is not a readable CSV: {where} goes on after its closing quote "
            f"({_shown(_first_line(text[at : at + 40]))}) instead of ending at the separator "
            f"({self._sep!r}) or the end of the line. Read so, {harm}. Quote the whole cell and "
            'write each quote inside it twice ("The ""Geneva"" round"); if the file holds quotes '
            "as plain text (exported without quoting), export it again with every cell quoted."
        )


def _sep_option(sep: str) -> str:
    """The option that reads a table written with ``sep`` (a tab as typed in a shell)."""
    shown = "tab" if sep == "\t" else repr(sep)
    return f"--sep {shown} (sep={sep!r} in Python)"


#: Separators other than the one read with: their names, and the option that reads them.
_OTHER_SEPARATORS = {sep: (f"{name}s", _sep_option(sep)) for sep, name in SEPARATOR_NAMES.items()}


def default_sep(source: str | os.PathLike) -> str:
    """The separator a CSV input is read with unless one is given: a tab for a ``.tsv`` or
    ``.tab`` file (compressed or not), else a comma.

    >>> default_sep("cases.tsv.gz"), default_sep("cases.csv")
    ('\\t', ',')
    """
    name = Path(source).name.lower() if str(source) != STDIO else ""
    for suffix in (".gz", ".bz2", ".xz", ".zst"):
        name = name.removesuffix(suffix)
    return "\t" if name.endswith((".tsv", ".tab")) else ","


_JSON_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:\[\s*)?\{\s*(?:\"|\})")


def _refuse_json(sample: bytes, name: str) -> None:
    """Refuse a JSON file (JSON Lines or an array of records) given as a CSV, before a parser
    error about quotes hides what it is."""
    if _JSON_START.match(sample[:4096]):
        raise BatchInputError(
            f"Input {name} holds JSON, not CSV: diplotrack reads CSV and parquet files. Load it "
            "with pandas (pandas.read_json(path, lines=True) for JSON Lines, pandas.read_json(path) "
            "for an array of records) and label the frame with label_frame, or save it as CSV."
        )


def _refuse_utf16_without_mark(sample: bytes, name: str) -> None:
    """Refuse text in UTF-16 without a byte-order mark, whose ASCII letters each leave a NUL
    byte beside them: read as UTF-8 its header would be 'i\\x00d\\x00'."""
    head = sample[:4096]
    if len(head) < 16 or head.count(0) * 50 < len(head):
        return
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if max(odd, even) < 9 * min(odd, even) + 4:
        return  # NULs on both sides: another kind of file, left to the reader
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    # Every line break is one in UTF-16 too (a NUL beside each), or this is a file with NULs
    # in its cells, left to the reader.
    breaks = head.count(b"\n")
    if not breaks or head.count(b"\n\x00" if odd > even else b"\x00\n") < breaks:
        return
    raise BatchInputError(
        f"Input {name} looks like UTF-16 text without a byte-order mark (a NUL byte beside each "
        f"ASCII letter): pass --encoding {encoding} (encoding={encoding!r} in Python), or save it "
        "as UTF-8."
    )


def _natural(text: str) -> list:
    """A key that sorts numbers in names by value: ``part.2`` before ``part.10``."""
    return [int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", text)]


def _parquet_paths(folder: Path) -> list[str]:
    """The files of a parquet folder, as pyarrow reads a folder (none under a name beginning
    with ``.`` or ``_``: ``_SUCCESS``, ``_metadata``), in the natural order of their paths
    (``part.2`` before ``part.10``, as Dask and Spark number them; ``year=2020`` before
    ``year=2021``)."""
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(n.startswith((".", "_")) for n in p.relative_to(folder).parts)
    ]
    return [str(p) for p in sorted(found, key=lambda p: _natural(p.relative_to(folder).as_posix()))]


def _hive_partitioning(folder: Path, paths: Sequence[str]) -> Any:
    """The hive partitioning of a parquet folder with every key read as text: pyarrow would
    guess a type from the values and read "country=007" as 7."""
    pa = _pyarrow()
    keys: dict[str, None] = {}
    for path in paths:
        for part in Path(path).relative_to(folder).parts[:-1]:
            if "=" in part:
                keys.setdefault(part.split("=", 1)[0])
    return pa.dataset.partitioning(pa.schema([(k, pa.string()) for k in keys]), flavor="hive")


def _repeated(names: Iterable[Any]) -> str:
    """The names that appear more than once, with their columns (from 1): ``2 columns named
    'id' (columns 1, 3)``, or ``""``."""
    where: dict[str, list[int]] = {}
    for position, name in enumerate(names, start=1):
        where.setdefault(str(name), []).append(position)
    return "; ".join(
        f"{len(at)} columns named {name!r} (columns {', '.join(map(str, at))})"
        for name, at in where.items()
        if len(at) > 1
    )


def _refuse_repeated_names(names: Iterable[Any], path: str) -> None:
    """Refuse a parquet file with two columns of one name, which pyarrow cannot read as a table."""
    listed = _repeated(names)
    if listed:
        raise BatchInputError(
            f"The parquet file {path!r} has {listed}, and pyarrow reads no table with two columns "
            "of one name. Rename the repeated column where the file is made (in pandas "
            "frame.columns = [...], in pyarrow table.rename_columns([...])) and write it again."
        )


class TableReader:
    """The rows of a CSV or parquet file (or standard input), in chunks of ``chunksize``.

    Every CSV cell is read as text, exactly as written. Iterate to get DataFrames whose
    columns are the header's names (duplicates and all) and whose index counts rows from 0.
    In a file of one column an empty line is an empty cell, so a row; in a file of several it
    is skipped. A line of spaces or tabs after the header is a row (its first cell those). A
    corrupt or truncated compressed file is an error, never a shorter table.

    Parameters
    ----------
    source : path or "-"
        A CSV file (optionally gzip, bz2, xz or zstd compressed, recognised by its first
        bytes), a parquet file or a directory of parquet files, or ``-`` for standard input.
    chunksize : int
        Rows per chunk.
    encoding : str, optional
        The CSV's encoding; by default detected (see :func:`detect_encoding`).
    sep : str, optional
        Field separator; by default ``,`` (a tab for ``.tsv`` and ``.tab`` files).
    on_bad_lines : {"error", "skip", "report"}
        A row with more fields than the header: an error naming its line, or skipped and
        listed in ``bad_lines`` (:meth:`recover_bad_lines` finds their lines and text).
    can_skip_rows : bool
        Whether the caller can skip such rows (``label``'s ``--on-bad-lines``): the error
        about one then suggests it; if False (a command that reads every row), the error
        says to correct the row.

    Attributes
    ----------
    columns : list of str
        The header (after the first chunk was read).
    format : {"csv", "parquet"}
    arrow_schema : pyarrow.Schema or None
        A parquet input's columns and their types (None for CSV), with pandas' note on them
        (its ``b"pandas"`` metadata) if the file has one.
    encoding : str or None
        The CSV's encoding; ``encoding_detected`` says whether it was detected.
    bad_lines : list of BadLine
        Rows skipped so far, by record (their ``line`` is None until
        :meth:`recover_bad_lines`).
    rows_estimate : int or None
        Rows in the file, estimated from its size (exact for parquet), when known.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cases.csv"
    >>> _ = path.write_bytes(b"id,description\\n007,Talks in Geneva\\n")
    >>> with TableReader(path, chunksize=100) as reader:
    ...     [chunk.to_dict("records") for chunk in reader]
    [[{'id': '007', 'description': 'Talks in Geneva'}]]
    """

    def __init__(
        self,
        source: str | os.PathLike,
        *,
        chunksize: int = 20_000,
        encoding: str | None = None,
        sep: str | None = None,
        on_bad_lines: str = "error",
        can_skip_rows: bool = True,
    ):
        if on_bad_lines not in ON_BAD_LINES:
            raise ValueError(f"Invalid on_bad_lines: expected one of {ON_BAD_LINES}, got {on_bad_lines!r}.")
        refuse_empty_path(source, "input")
        if encoding is not None:
            try:
                # A codec that is no text encoding (rot13, hex, base64) is known to codecs but
                # cannot decode a file to text: refused here too, not by a traceback later.
                if not codecs.lookup(encoding)._is_text_encoding:
                    raise LookupError(encoding)
                # A codec that cannot decode plain text with the error handling a file is read
                # with ("idna", "undefined") is no file encoding either.
                b"id,description\n".decode(encoding, "replace")
            except (LookupError, UnicodeError):
                raise ValueError(
                    f"Invalid encoding: {encoding!r} is not a text encoding a file can be read in; "
                    "expected a name such as utf-8, cp1252, latin-1 or utf-16."
                ) from None
        if sep in ("\\t", "tab", "TAB"):
            sep = "\t"  # as typed in a shell: --sep '\t' or --sep tab
        if sep is not None and (not isinstance(sep, str) or len(sep) != 1 or sep in '"\r\n'):
            raise ValueError(
                f"Invalid sep: expected one character other than a quote or line break, got {sep!r}."
            )
        self.source = source
        self.chunksize = chunksize
        self.on_bad_lines = on_bad_lines
        self.can_skip_rows = can_skip_rows
        self.columns: list[str] = []
        self.bad_lines: list[BadLine] = []
        self.encoding: str | None = encoding
        self.encoding_detected = False
        self.rows_estimate: int | None = None
        self._input: InputStream | None = None
        self._copy = None  # the temporary copy of an input that cannot be read twice
        self._dataset = None
        self.arrow_schema = None
        self.format = "parquet" if is_parquet(source) else "csv"
        if self.format == "parquet":
            self._open_parquet()
        else:
            self.sep = sep or default_sep(source)
            self._open_csv()

    # ---- opening -------------------------------------------------------------------
    def _open_parquet(self) -> None:
        pa = _pyarrow()
        folder = Path(self.source)
        if folder.is_dir():
            paths = _parquet_paths(folder)
            if not paths:
                raise BatchInputError(
                    f"The parquet input folder {str(self.source)!r} holds no file to read (files "
                    "and folders whose names begin with '.' or '_', such as _SUCCESS or a "
                    "_temporary folder left by an unfinished job, are not read). Give a folder "
                    "of parquet files, or one file."
                )
            # A folder partitioned by a column (year=2020/...), as pyarrow, Spark and Hive write
            # it, keeps that column: it is in the folder names only, not in the files. Its values
            # are read as the text of the names ("country=007" stays "007").
            where = {"partitioning": _hive_partitioning(folder, paths), "partition_base_dir": str(folder)}
        else:
            paths, where = [str(self.source)], {}
        try:
            dataset = pa.dataset.dataset(paths if where else paths[0], format="parquet", **where)
        except pa.ArrowInvalid as exc:  # the first file read is not parquet, or repeats a name
            for path in paths:
                try:
                    names = pa.parquet.read_schema(path).names
                except (pa.ArrowException, OSError) as error:
                    if folder.is_dir():
                        self._refuse_not_parquet(path, error)
                    continue
                _refuse_repeated_names(names, path)
            raise BatchInputError(f"Cannot read the parquet input {str(self.source)!r}: {exc}") from None
        fragments = list(dataset.get_fragments())
        if len(fragments) > 1:
            schemas = []
            for fragment in fragments:
                try:
                    schemas.append(fragment.physical_schema)
                except (pa.ArrowInvalid, OSError) as exc:
                    self._refuse_not_parquet(fragment.path, exc)
                _refuse_repeated_names(schemas[-1].names, fragment.path)
            # The schema of the first file is not that of a directory whose files add a
            # column: every column of every file is kept (missing cells are empty), and the
            # columns of the folder names after them.
            partitions = [f for f in dataset.schema if f.name not in set().union(*(x.names for x in schemas))]
            try:
                schema = pa.unify_schemas([*schemas, pa.schema(partitions)])
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise BatchInputError(
                    f"The parquet files in {str(self.source)!r} disagree on a column's type ({exc}); "
                    "write them with one schema (the same type for each column), or label them one by one."
                ) from None
            dataset = pa.dataset.dataset(paths, format="parquet", schema=schema, **where)
        self._dataset = dataset
        # Only pandas' own note is kept: it lets a parquet output read back in pandas with the
        # input's dtypes (a nullable Int64 column would otherwise come back as float64).
        pandas_note = (dataset.schema.metadata or {}).get(b"pandas")
        self.arrow_schema = dataset.schema.remove_metadata()
        if pandas_note is not None:
            self.arrow_schema = self.arrow_schema.with_metadata({b"pandas": pandas_note})
        self.columns = list(self._dataset.schema.names)
        self.rows_estimate = self._dataset.count_rows()
        self.sep = ""  # a parquet table has no separator

    def _refuse_not_parquet(self, path: str, exc: Exception) -> None:
        raise BatchInputError(
            f"{path!r}, in the folder {str(self.source)!r}, is not a parquet file ({exc}). Every "
            "file in a folder given as input is read as parquet: move that file out of the folder, "
            "or label the parquet files one by one."
        ) from None

    def _open_csv(self) -> None:
        if self.on_bad_lines == "report" and not is_rereadable(self.source):
            # The rows skipped are read again at the end, for their line and text: standard
            # input or a pipe is kept, as it is read, in a temporary file that can be.
            self._copy = tempfile.NamedTemporaryFile(prefix="diplotrack-input-", delete=False)  # noqa: SIM115
        self._input = stream = open_input(self.source, self._copy)
        sample = stream.read(_SAMPLE)
        complete = len(sample) < _SAMPLE
        _refuse_json(sample, stream.name)
        if self.encoding is None:
            path = Path(self.source) if stream.compression is None and stream.size else None
            self.encoding = detect_encoding(sample, complete=complete, path=path)
            if not self.encoding.lower().startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
                _refuse_utf16_without_mark(sample, stream.name)
            self.encoding_detected = True
            mixed = mixed_encodings(sample, self.encoding)
            if mixed is not None:
                raise BatchInputError(
                    f"Input {stream.name} mixes two encodings: line {mixed[0]} holds UTF-8 letters, "
                    f"line {mixed[1]} bytes that are not UTF-8 (a legacy code page such as cp1252). "
                    "Read in either one, the other's accented letters would come out garbled "
                    "('Genève' as 'GenÃ¨ve'). Save the file in one encoding (UTF-8), or pass "
                    "--encoding (encoding=... in Python) to read all of it in one."
                )
        self._text = _CsvText(
            StrictTextReader(
                sample,
                stream,
                self.encoding,
                given=not self.encoding_detected,
                transform=None if _parser_keeps_nul() else _escape_nul,
            ),
            self.sep,
            stream.name,
        )
        # In a file of one column a blank line is an empty cell (Excel writes an empty cell so),
        # a row to keep; in a file of several columns it separates nothing and is skipped.
        self._header_cells, self._skip = self._sample_header(sample)
        self._one_column = len(self._header_cells) == 1
        if stream.size and stream.compression is None and sample:
            lines = max(sample.count(b"\n"), 1)
            self.rows_estimate = max(int(stream.size * lines / len(sample)) - 1, 0)
        elif complete:
            self.rows_estimate = max(sample.count(b"\n") - 1, 0)
        # Read the header now, so that a missing column or an empty file is reported before
        # any output is opened.
        self._frames = self._csv_frames()
        self._head = next(self._frames, None)

    def _sample_header(self, sample: bytes) -> tuple[list[str], int]:
        """The header's cells, read with the csv module from the beginning of the file (a
        quoted name may hold a line break), and the number of empty lines or lines of spaces
        before it, which are skipped."""
        text = _escape_nul(sample.decode(self.encoding, errors="replace").lstrip("\ufeff"))
        blank_lines = re.match(f"(?:[{re.escape(_blank(self.sep))}]*(?:\r\n|\r|\n))*", text)
        skipped = line_breaks(text, blank_lines.end())
        try:  # Python 3.10's csv reader refuses NUL, escaped above
            with _no_field_size_limit():
                rows = csv.reader(io.StringIO(text[blank_lines.end() :], newline=""), delimiter=self.sep)
                return next(rows, []), skipped
        except csv.Error:  # a quote never closed: pandas names it
            return [], skipped

    def fraction_read(self) -> float | None:
        """Share of the input read so far, when it can be known."""
        return self._input.fraction_read() if self._input is not None else None

    # ---- reading -------------------------------------------------------------------
    def __iter__(self) -> Iterator[pd.DataFrame]:
        frames = self._parquet_frames() if self.format == "parquet" else self._csv_rest()
        start = 0
        for chunk in _rechunk(frames, self.chunksize):
            chunk.index = pd.RangeIndex(start, start + len(chunk))
            start += len(chunk)
            yield chunk

    def _csv_rest(self) -> Iterator[pd.DataFrame]:
        if self._head is not None:
            head, self._head = self._head, None
            yield head
        yield from self._frames

    def _parquet_frames(self) -> Iterator[pd.DataFrame]:
        for batch in self._dataset.to_batches(batch_size=self.chunksize):
            yield _arrow_frame(batch)

    def _csv_frames(self) -> Iterator[pd.DataFrame]:
        try:
            reader = pd.read_csv(
                self._text,
                sep=self.sep,
                header=None,  # the header is row 0: never an implicit index, names kept as written
                index_col=False,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                chunksize=self.chunksize,
                engine="c",
                skip_blank_lines=not self._one_column,
                skiprows=self._skip,  # blank lines before the header (still counted in its records)
                on_bad_lines="error" if self.on_bad_lines == "error" else "warn",
            )
            first = True
            while True:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", pd.errors.ParserWarning)
                    chunk = next(reader, None)
                self._note_bad_lines(caught)
                if chunk is None:
                    return
                if self._text.transformed:
                    chunk = _unescape_frame(chunk)
                if first:
                    self.columns = [str(c) for c in chunk.iloc[0].tolist()]
                    chunk = chunk.iloc[1:]
                    first = False
                chunk.columns = self.columns
                yield chunk
        except pd.errors.EmptyDataError as exc:
            raise BatchInputError(
                f"Input {self._input.name} is empty: expected a CSV with a header row."
            ) from exc
        except pd.errors.ParserError as exc:
            raise BatchInputError(self._parser_message(exc)) from exc

    def _note_bad_lines(self, caught: list[warnings.WarningMessage]) -> None:
        for w in caught:
            found = _SKIPPED.findall(str(w.message))
            if not found:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            for record, expected, saw in found:
                self.bad_lines.append(BadLine(None, int(expected), int(saw), record=int(record)))

    def _parser_message(self, exc: Exception) -> str:
        detail = str(exc).replace("Error tokenizing data. C error: ", "").strip().rstrip(".")
        unclosed = _UNCLOSED.search(detail)
        if unclosed:
            # Skipping rows cannot mend it, and the separator is rarely the cause.
            return (
                f"Input {self._input.name} is not a readable CSV: a quoted cell opened on "
                f"{self._record_line(int(unclosed.group(1)) + 1)} is never closed, so the rest of "
                "the file would be read into that one cell. Close that quote; a quote inside a "
                'quoted cell is written twice ("").'
            )
        detail = _RAGGED.sub(self._ragged_detail, detail)
        if self.can_skip_rows:
            advice = (
                "or --on-bad-lines skip (rows with too many fields skipped and counted) or report "
                "(also listed in a side file)."
            )
        else:
            advice = (
                "or correct that row: this command reads every row (only 'diplotrack label' can "
                "skip such rows, with --on-bad-lines)."
            )
        hint = separator_hint(self._header_cells, self.sep) if _RAGGED.search(str(exc)) else ""
        if hint:  # the separator is the likely cause, not a row to correct or skip
            hint = hint.replace(": pass --sep", ". Pass --sep")
            return f"Input {self._input.name} is not a readable CSV: {detail} (separator {self.sep!r}).{hint}"
        return (
            f"Input {self._input.name} is not a readable CSV: {detail} (separator {self.sep!r}). "
            "A field holding the separator must be quoted. Pass --sep if the file uses another "
            f"separator, {advice}"
        )

    def _ragged_detail(self, match: re.Match) -> str:
        """pandas' "Expected 2 fields in line 7, saw 3", where 7 counts records, with the
        line of the file where that record begins."""
        expected, record, saw = (int(g) for g in match.groups())
        return f"Expected {expected} fields in {self._record_line(record)}, saw {saw}"

    def _record_line(self, record: int) -> str:
        """Where record ``record`` (the header is 1) begins: its line of the file, when the
        file can be read again."""
        line = self._find_records({record}).get(record, (None, []))[0]
        if line == record:
            return f"line {line}"
        if line is not None:
            return f"line {line} (record {record} of the CSV: earlier cells span several lines)"
        return f"record {record} of the CSV (line {record} unless earlier cells span several lines)"

    def _find_records(self, wanted: set[int]) -> dict[int, tuple[int, list[str]]]:
        """The line of the file where each record in ``wanted`` begins, and its fields, read
        again with the csv module, which counts records as pandas does (the header is record
        1, a blank line one record). Standard input or a pipe is read again from the copy kept
        with ``on_bad_lines="report"``, and is not read again otherwise (empty); a record that
        cannot be read again is left out (with a warning)."""
        found: dict[int, tuple[int, list[str]]] = {}
        again = self.source
        if self._copy is not None:
            self._copy.flush()
            again = self._copy.name
        elif self._input is None or self._input.size is None:
            return found
        if not wanted or self.encoding is None:
            return found
        try:
            stream = open_input(again)
        except (BatchInputError, OSError):  # gone since it was read
            return found
        try:
            text = io.TextIOWrapper(stream.stream, encoding=self.encoding, newline="")
            lines = (_escape_nul(line) for line in text)  # Python 3.10's csv reader refuses NUL
            with _no_field_size_limit():
                reader = csv.reader(lines, delimiter=self.sep)
                last = max(wanted)
                for record in range(1, last + 1):
                    begins = reader.line_num + 1
                    row = next(reader, None)
                    if row is None:
                        break
                    if record in wanted:
                        found[record] = (begins, row)
        except (csv.Error, UnicodeDecodeError) as exc:
            missing = [str(k) for k in sorted(wanted) if k not in found]
            logger.warning(
                "could not read skipped row(s) (record %s) again from %s (%s): they are listed "
                "by record, without their line and text",
                ", ".join(missing),
                self._input.name if self._input is not None else self.source,
                exc,
            )
        finally:
            stream.close()
        return found

    def recover_bad_lines(self) -> list[BadLine]:
        """The skipped rows with the line where each begins and their text, read again from
        the file (standard input or a pipe from the copy kept with ``on_bad_lines="report"``;
        without it, by record only). The text is the row's fields written back as CSV, quoted
        where a field needs it, so that its cells can be told apart."""
        found = self._find_records({b.record for b in self.bad_lines if b.record is not None})
        out = []
        for b in self.bad_lines:
            if b.record in found:
                line, row = found[b.record]
                text = _unescape_nul(_csv_record(row, self.sep))
                b = BadLine(line, b.expected, len(row), text, record=b.record)
            out.append(b)
        return out

    def empty_frame(self) -> pd.DataFrame:
        """A table with the header's columns and no row (what a header-only file holds)."""
        if self.arrow_schema is not None:
            return _arrow_frame(self.arrow_schema.empty_table())
        # By position, so that a name the header repeats ("note,note", ",,") keeps its columns.
        columns = list(self.columns)
        empty = pd.DataFrame({i: pd.Series(dtype=str) for i in range(len(columns))})
        return empty.set_axis(columns, axis=1)

    def close(self) -> None:
        if self._input is not None:
            self._input.close()
        if self._copy is not None:
            self._copy.close()
            with contextlib.suppress(OSError):
                os.unlink(self._copy.name)
            self._copy = None

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _csv_record(fields: list[str], sep: str) -> str:
    """One record's fields written back as CSV, quoted where a field needs it, so that its
    cells can be told apart again ("a, b" stays one cell).

    >>> _csv_record(["2", "Talks in Geneva, Switzerland", "x"], ",")
    '2,"Talks in Geneva, Switzerland",x'
    """
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="").writerow(fields)
    return out.getvalue()


def read_table(
    source: str | os.PathLike, *, encoding: str | None = None, sep: str | None = None
) -> pd.DataFrame:
    """A whole table read as :class:`TableReader` reads it for labelling: CSV cells as text,
    exactly as written, the encoding detected and strictly decoded, compressed files and
    parquet recognised, a row with more fields than the header an error naming its line
    (and saying to correct it: every row is read, none can be skipped).

    For the files the other commands read (a labelled table, hand-coded cases, training
    data), so that every file ``diplotrack label`` reads or writes can be read back.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "coded.csv"
    >>> _ = path.write_bytes("id,description\\n007,Réunion “officielle”\\n".encode("cp1252"))
    >>> read_table(path).to_dict("records")
    [{'id': '007', 'description': 'Réunion “officielle”'}]
    """
    with TableReader(source, chunksize=100_000, encoding=encoding, sep=sep, can_skip_rows=False) as reader:
        frames = list(reader)
        if not frames:
            return reader.empty_frame()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def check_output_columns(
    columns: Iterable[Any], kind: OutputKind, destination: str | os.PathLike = "the output"
) -> None:
    """Refuse, before any work, columns that the output ``kind`` cannot hold: a parquet file
    holds no two columns of one name (pyarrow would refuse them at the first chunk written),
    where a CSV keeps every column, duplicates and all.

    Examples
    --------
    >>> from diplotrack.files import output_kind
    >>> check_output_columns(["id", "note", "note"], output_kind("labelled.csv"), "labelled.csv")
    >>> check_output_columns(["id", "note", "note"], output_kind("out.parquet"), "out.parquet")
    Traceback (most recent call last):
    ...
    diplotrack.files.BatchInputError: Cannot write 'out.parquet' as parquet: ...
    """
    if kind.format != "parquet":
        return
    listed = _repeated(columns)
    if not listed:
        return
    raise BatchInputError(
        f"Cannot write {str(destination)!r} as parquet: the table has {listed}, and a parquet file "
        "cannot hold two columns of one name. Rename the repeated column in the input, or write "
        "a CSV output (a name ending in .csv), which keeps every column."
    )


def _parquet_schema(pa, frame: pd.DataFrame, text_columns: list[str], given=None):
    """The output's schema: the fields of ``given`` (the input's) for the columns that begin
    ``frame`` under the same names, so that no chunk can change them; the others as
    ``frame`` holds them, text for ``text_columns`` and for a column with nothing in it.
    pandas' note on ``given`` describes its columns in the output too (see :func:`_pandas_note`)."""
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    own_note = (schema.metadata or {}).get(b"pandas")
    # Fields gathered and the schema built once: Schema.set copies the schema, which took
    # time in the square of the number of columns (a 20,000-column table, minutes).
    text, kept, fields = set(text_columns), set(), []
    for i, f in enumerate(schema):
        if given is not None and i < len(given) and given.field(i).name == f.name:
            f = given.field(i)
            kept.add(f.name)
        elif pa.types.is_null(f.type) or f.name in text:
            f = pa.field(f.name, pa.large_string())
        fields.append(f)
    schema = pa.schema(fields)
    given_note = None if given is None else (given.metadata or {}).get(b"pandas")
    if given_note is None or own_note is None:
        return schema
    note = _pandas_note(given_note, own_note, kept)
    return schema if note is None else schema.with_metadata({b"pandas": note})


def _pandas_note(given: bytes, own: bytes, kept: set[str]) -> bytes | None:
    """pandas' metadata for an output whose columns ``kept`` are the input's: their entries
    (each column's dtype) from the input's note ``given``, the other columns' from ``own``.

    An index the input stored as a column is a column of the output, as in a CSV output and
    with Dask, under its name (pyarrow's ``__index_level_0__`` for an unnamed one), with its
    dtype. None if either note cannot be read (pandas then infers the dtypes, as for a file
    without a note).
    """
    try:
        given_meta, own_meta = json.loads(given), json.loads(own)
        by_field = {c["field_name"]: c for c in given_meta["columns"]}
        stored_index = {i for i in given_meta.get("index_columns", []) if isinstance(i, str)}
        columns = []
        for entry in own_meta["columns"]:
            name = entry["field_name"]
            if name in kept and name in by_field:
                entry = dict(by_field[name])
                if name in stored_index:
                    entry["name"] = name
            columns.append(entry)
    except (ValueError, KeyError, TypeError):
        return None
    return json.dumps({**own_meta, "columns": columns}).encode()


class TableWriter:
    """Write DataFrames, chunk by chunk, to a CSV (optionally compressed), parquet or stdout.

    For a file, nothing is visible until the ``with`` block ends without error: the data
    go to a temporary file that then replaces ``target`` (see
    :func:`diplotrack.files.atomic_output`). CSV text cells are always quoted, so that the
    file re-reads to the same rows and cells; the encoding is UTF-8.

    Parameters
    ----------
    target : Path or None
        The regular file to write (from :func:`diplotrack.files.check_destination`), or
        ``None`` for standard output.
    kind : OutputKind
        Format and compression, from :func:`diplotrack.files.output_kind`.
    sep : str, optional
        CSV field separator; default ``kind.sep``.
    text_columns : list of str
        Columns stored as text in parquet whatever pandas infers (the cells of a CSV).
    schema : pyarrow.Schema, optional
        A parquet input's schema (:attr:`TableReader.arrow_schema`): the columns that begin
        each frame under its names keep their types in a parquet output, whatever a chunk
        holds.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from diplotrack.files import output_kind
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> with TableWriter(out, output_kind(out)) as w:
    ...     w.write(pd.DataFrame({"id": ["1"], "description": ["Talks\\rin Oslo"]}))
    >>> out.read_bytes()
    b'"id","description"\\n"1","Talks\\rin Oslo"\\n'
    """

    def __init__(
        self,
        target: Path | None,
        kind: OutputKind,
        *,
        sep: str | None = None,
        text_columns: Iterable[str] = (),
        schema: Any = None,
    ):
        self.target = target
        self.kind = kind
        self.sep = sep or kind.sep
        self.text_columns = list(text_columns)
        self.input_schema = schema
        self.rows = 0
        self._first = True
        self._parquet = None
        self._schema = None

    def __enter__(self) -> TableWriter:
        if self.kind.format == "parquet":
            self._pa = _pyarrow()
        if self.target is None:
            self._atomic = None
            self._binary: Any = sys.stdout.buffer
        else:
            self._atomic = atomic_output(self.target)
            self._binary = self._atomic.__enter__()
        try:
            if self.kind.format == "csv":
                self._compressor = compressed_writer(self._binary, self.kind.compression)
                self._text: TextIO = io.TextIOWrapper(self._compressor, encoding="utf-8", newline="")
        except BaseException:
            self._abort(*sys.exc_info())
            raise
        return self

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` (its columns on the first call are the header)."""
        if self.kind.format == "csv":
            frame = _csv_cells(frame)
            options = {"header": self._first, "index": False, "sep": self.sep}
            if _writer_keeps_nul():
                frame.to_csv(self._text, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n", **options)
            else:
                self._text.write(
                    _csv_text(frame, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n", **options)
                )
            if self.target is None:
                self._text.flush()
        else:
            pa = self._pa
            if self._schema is None:
                check_output_columns(frame.columns, self.kind, self.target or "the output")
                self._schema = _parquet_schema(pa, frame, self.text_columns, self.input_schema)
                self._parquet = pa.parquet.ParquetWriter(self._binary, self._schema)
            table = pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
            self._parquet.write_table(table)
        self._first = False
        self.rows += len(frame)

    def _finish(self) -> None:
        if self.kind.format == "csv":
            self._text.flush()
            if self.target is None:
                self._text.detach()
            else:
                self._text.close()  # closes the compressor, which leaves the file open
        elif self._parquet is not None:
            self._parquet.close()

    def _abort(self, *exc) -> None:
        if self._parquet is not None:
            # Closed before its file is, or pyarrow closes it when it is collected and
            # prints the error of writing to a closed file.
            writer, self._parquet = self._parquet, None
            try:
                writer.close()
            except Exception:
                writer.is_open = False  # or pyarrow tries again when it is collected
        if self._atomic is not None:
            self._atomic.__exit__(*exc)

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self._finish()
            except BaseException:
                self._abort(*sys.exc_info())
                raise
            if self._atomic is not None:
                self._atomic.__exit__(None, None, None)
        else:
            if self.kind.format == "csv" and self.target is None:
                try:
                    self._text.detach()
                except (ValueError, OSError):
                    pass
            self._abort(exc_type, exc, tb)


def write_bad_lines(path: Path, bad_lines: list[BadLine]) -> None:
    """Write the skipped rows to a CSV side file: ``line`` (where the row begins in the file),
    ``record`` (the row's number among
    the CSV's records, the header record 1: the same as ``line`` unless a cell before the row
    spans several lines), the fields expected and found, and the row's text: its fields as
    CSV, quoted where a field needs it (empty, like ``line``, where the row could not be read
    again)."""
    frame = pd.DataFrame(
        {
            "line": pd.array([b.line for b in bad_lines], dtype="Int64"),
            "record": pd.array([b.line if b.record is None else b.record for b in bad_lines], dtype="Int64"),
            "fields_expected": [b.expected for b in bad_lines],
            "fields_found": [b.found for b in bad_lines],
            "text": [b.text for b in bad_lines],
        }
    )
    with atomic_output(path) as f:
        f.write(
            _csv_text(frame, index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").encode("utf-8")
        )
