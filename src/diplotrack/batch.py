"""Batch labelling: pandas (and Dask) DataFrames in memory, and files streamed in chunks.

The batch layer knows nothing about how a verdict is made: it asks a classifier for
verdicts and lays them out as columns. Every input row and column is kept, in order.
Reading and writing files is :mod:`diplotrack.tables` and :mod:`diplotrack.files`; worker
processes are :mod:`diplotrack.parallel`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ._tables import text_column
from ._words import counted
from .api import METHODS, MODEL_METHODS, RULE_METHODS, ModelSpec, RuleSpec, classifier_for, get_classifier
from .base import VerdictClassifier, rules_then
from .engagement import (
    FIELDS,
    DuplicateColumnError,
    MissingColumnError,
    as_engagements,
    check_columns,
    check_mapping,
    separator_hint,
)
from .files import (
    NOTHING_WRITTEN,
    STDIO,
    BatchInputError,
    atomic_output,
    check_destination,
    check_name_length,
    is_parquet,
    output_kind,
    refuse_empty_path,
)
from .parallel import ordered_map, plan_chunksize, worker_state
from .progress import Progress
from .tables import (
    ON_BAD_LINES,
    BadLine,
    TableReader,
    TableWriter,
    check_output_columns,
    plain_view_type,
    write_bad_lines,
)
from .verdict import Verdict

__all__ = [
    "BatchInputError",
    "bad_lines_path",
    "label_csv",
    "label_frame",
    "label_with_verdicts",
    "output_columns",
    "provenance_path",
    "resolve_methods",
]

logger = logging.getLogger("diplotrack")


def resolve_methods(method: str | Sequence[str]) -> tuple[str, ...]:
    """``"both"`` means the rules and the model; a single name or a list is checked.

    Examples
    --------
    >>> resolve_methods("both")
    ('rules', 'model')
    """
    if method is None or not isinstance(method, str | Sequence):
        raise TypeError(
            f"Invalid method: expected 'rules', 'model', 'both', 'consensus' or a list of methods, "
            f"got {method!r}."
        )
    names = (
        ("rules", "model") if method == "both" else ((method,) if isinstance(method, str) else tuple(method))
    )
    for name in names:
        if name == "both" and len(names) > 1:
            raise ValueError(
                f"Invalid method: 'both' stands alone; in a list, name the methods, e.g. "
                f"['rules', 'model', 'consensus'], got {list(names)}."
            )
        if name not in METHODS:
            raise ValueError(f"Invalid method: expected one of {(*METHODS, 'both')}, got {name!r}.")
    if not names:
        raise ValueError("Invalid method: expected at least one method, got none.")
    return tuple(names)


def output_columns(methods: Iterable[str]) -> list[str]:
    """The columns labelling appends, per method: track, confidence, explanation."""
    return [f"{m}_{part}" for m in methods for part in ("track", "confidence", "explanation")]


def _field_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """The user's field-to-column mapping, checked; fields it does not name keep their names."""
    columns = check_mapping(columns)
    unknown = set(columns) - set(FIELDS)
    if unknown:
        raise ValueError(f"Invalid columns mapping: keys must be among {FIELDS}, got {sorted(unknown)}.")
    return columns


def _check_frame(
    found: Iterable[Any], cols: Mapping[str, str], methods: Sequence[str], sep: str | None = None
) -> None:
    found = list(found)
    try:
        check_columns(found, cols)
    except DuplicateColumnError as exc:
        raise BatchInputError(str(exc)) from None
    except MissingColumnError as exc:
        raise BatchInputError(f"{exc}{separator_hint(found, sep)}") from None
    clash = [c for c in output_columns(methods) if c in found]
    if clash:
        raise BatchInputError(
            f"Output columns already present in the input: {clash}. Rename or drop them, "
            "or label with another method."
        )


def _warn_non_text(kinds: Mapping[str, str], cols: Mapping[str, str]) -> None:
    """Warn when the description column holds no text at all (numbers, booleans, dates).

    ``kinds`` maps column names to a short name of what they hold, ``""`` for text. Every
    row of such a column abstains as a case with no text to judge, which is right for each
    row and yet most likely a wrong column; the warning names it and how to choose another.
    """
    column = cols.get("description", "description")
    kind = kinds.get(column, "")
    if kind:
        logger.warning(
            "column %r holds %s, not text: every row of it abstains (no text to judge). If the "
            "descriptions are in another column, name it with --description-column "
            "(columns={'description': ...} in Python).",
            column,
            kind,
        )


def _holds_text(values: Iterable[Any]) -> bool:
    """Whether any value is text with a letter or digit in it (stops at the first)."""
    return any(isinstance(v, str) and not v.isspace() and v != "" for v in values)


def _warn_no_text(column: str) -> None:
    """Warn that the description column holds no text in any row (empty or missing cells
    only, or values that are not text, such as lists), nor do the other field columns. Every
    row abstains, rightly for each row, and yet the column is most likely the wrong one."""
    logger.warning(
        "column %r holds no text in any row (its cells are empty, missing or not text): every "
        "row abstains (no text to judge). If the descriptions are in another column, name it "
        "with --description-column (columns={'description': ...} in Python).",
        column,
    )


def _field_text(frame: pd.DataFrame, cols: Mapping[str, str]) -> bool:
    """Whether any field column of ``frame`` (the description, participants, formality,
    purpose columns it has) holds text in some row: with none, every row abstains."""
    names = {cols.get(f, f) for f in FIELDS}
    return any(_holds_text(frame[c].dropna()) for c in frame.columns.unique() if c in names)


def _watch_text(
    chunks: Iterable[pd.DataFrame], cols: Mapping[str, str], seen: list[bool]
) -> Iterator[pd.DataFrame]:
    """``chunks`` as they are, noting in ``seen`` whether a field column held text in any row."""
    for chunk in chunks:
        if not seen[0]:
            seen[0] = _field_text(chunk, cols)
        yield chunk


def _frame_kinds(frame: Any, *, lazy: bool = False) -> dict[str, str]:
    """What each column of a pandas (or, with ``lazy``, Dask) frame holds, for
    :func:`_warn_non_text`: ``""`` for text or mixed values, else the dtype. A float column of
    missing values only counts as text (pandas reads an empty text column so); a lazy frame's
    floats are not read to tell, so only its integer, boolean and date columns are named."""
    kinds = {}
    for name, dtype in frame.dtypes.items():
        floats = not lazy and dtype.kind in "fc" and frame[name].notna().to_numpy().any()
        if dtype.kind in "biumM" or floats:
            kinds[str(name)] = f"{dtype} values"
    return kinds


def _schema_kinds(schema: Any) -> dict[str, str]:
    """What each column of a parquet schema holds, for :func:`_warn_non_text`: text, bytes
    (view types included, read as their plain types), all-null and categorical columns are
    text."""
    import pyarrow as pa

    types = pa.types
    text = (
        types.is_string,
        types.is_large_string,
        types.is_binary,
        types.is_large_binary,
        types.is_null,
        types.is_dictionary,
    )
    kinds = {}
    for f in schema:
        plain = plain_view_type(f.type) or f.type
        if not any(test(plain) for test in text):
            kinds[f.name] = f"{f.type} values"
    return kinds


def _check_specs(methods: Sequence[str], model: ModelSpec, rules: RuleSpec) -> None:
    if model is not None and not MODEL_METHODS & set(methods):
        raise ValueError(
            f"Invalid model: a model was given, but the methods {list(methods)} use none. "
            "Label with method='model', 'both' or 'consensus' to use it, or leave the model out."
        )
    if rules is not None and not RULE_METHODS & set(methods):
        raise ValueError(
            f"Invalid rules: a rule file was given, but the methods {list(methods)} do not use it "
            "(the trained model keeps the rule set it was trained with). Label with "
            "method='rules', 'both' or 'consensus' to use it, or leave it out."
        )


def _classifiers(
    methods: Sequence[str], model: ModelSpec, definition: str | None = None, rules: RuleSpec = None
) -> dict[str, VerdictClassifier]:
    _check_specs(methods, model, rules)
    return {m: classifier_for(m, model=model, rules=rules, definition=definition) for m in methods}


# Cases labelled at a time when the rules and the model both label a chunk: the model counts
# its rule features from the rule verdicts of these cases, so only they are held at once.
_PAIRED_BATCH = 2048


def _label_with(
    frame: pd.DataFrame,
    classifiers: Mapping[str, VerdictClassifier],
    cols: Mapping[str, str],
    kept: dict[str, list[Verdict]] | None = None,
) -> pd.DataFrame:
    out = frame.copy()
    engagements = as_engagements(frame, columns=cols)
    values: dict[str, tuple[list[str], list[float], list[str]]] = {m: ([], [], []) for m in classifiers}
    if kept is not None:
        for m in classifiers:  # every method has its list, in the order asked, even with no rows
            kept.setdefault(m, [])

    def add(method: str, verdicts: list[Verdict]) -> None:
        # Only the cells are held, not the verdicts, unless the caller keeps them.
        if kept is not None:
            kept[method].extend(verdicts)
        labels, confidences, explanations = values[method]
        for v in verdicts:
            labels.append(v.label)
            confidences.append(round(v.confidence, 4))
            explanations.append(v.explanation)

    paired = "rules" in classifiers and "model" in classifiers
    for m, clf in classifiers.items():
        if paired and m == "rules":
            # The rules run once: the model reuses their evidence for its rule features.
            for start in range(0, len(engagements), _PAIRED_BATCH):
                part = engagements[start : start + _PAIRED_BATCH]
                first, second = rules_then(clf, classifiers["model"], part)
                add("rules", first)
                add("model", second)
        elif not (paired and m == "model"):
            add(m, clf.classify_many(engagements))
    for m, (labels, confidences, explanations) in values.items():
        out[f"{m}_track"] = pd.Series(labels, index=frame.index, dtype=str)
        out[f"{m}_confidence"] = pd.Series(confidences, index=frame.index, dtype="float64")
        out[f"{m}_explanation"] = text_column(explanations, frame.index)
    return out


def _is_dask(frame: Any) -> bool:
    return type(frame).__module__.split(".")[0] in ("dask", "dask_expr")


def label_frame(
    frame: Any,
    method: str | Sequence[str] = "both",
    *,
    columns: Mapping[str, str] | None = None,
    model: ModelSpec = None,
    rules: RuleSpec = None,
    definition: str | None = None,
) -> Any:
    """Return a copy of ``frame`` with ``<method>_track``, ``_confidence``, ``_explanation``.

    Parameters
    ----------
    frame : pandas.DataFrame or dask.dataframe.DataFrame
        One case per row, with a description column and optionally participants,
        formality and purpose columns. Every column and row is kept, in order. A Dask
        DataFrame gives a Dask DataFrame, labelled lazily partition by partition when
        computed (``pip install 'diplotrack[dask]'``).
    method : {"both", "rules", "model", "consensus"} or list of them
    columns : mapping, optional
        Field name to column name, e.g. ``{"description": "summary"}``. A column named
        here must exist.
    model : None, path or fitted classifier, optional
        The trained model for the ``model`` method (default: the shipped one); the path
        of a model file saved by ``diplotrack train``, or a fitted ``TextClassifier``.
    rules : None, path or RuleClassifier, optional
        For the ``rules`` method: a rule file of your own extending the shipped rule set
        (extra lexicon phrases, cue rules, a decision table), or a ``RuleClassifier``.
        The model method keeps the rule set it was trained with.
    definition : str or path, optional
        The definition of the tracks both methods follow (default ``"guideline"``;
        ``diplotrack definitions`` lists them).

    Raises
    ------
    BatchInputError
        If the description column (or a column named in ``columns``) is missing, or an
        output column already exists.

    Examples
    --------
    >>> df = pd.DataFrame({"case": [1], "description": ["Foreign ministers signed the accord."]})
    >>> label_frame(df, "rules")[["case", "rules_track"]].to_dict("records")
    [{'case': 1, 'rules_track': 'Track 1'}]
    """
    methods = resolve_methods(method)
    cols = _field_columns(columns)
    if _is_dask(frame):
        from .daskframe import label_dask_frame

        _check_frame(frame.columns, cols, methods)
        _check_specs(methods, model, rules)  # the same errors as for pandas, now
        _warn_non_text(_frame_kinds(frame, lazy=True), cols)
        if rules is not None:
            get_classifier("rules", rules=rules, definition=definition)  # a bad rule file fails now
        return label_dask_frame(frame, methods, cols, model, definition, rules)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"Invalid frame: expected a pandas or Dask DataFrame, got {type(frame).__name__}.")
    _check_frame(frame.columns, cols, methods)
    kinds = _frame_kinds(frame)
    _warn_non_text(kinds, cols)
    column = cols.get("description", "description")
    if len(frame) and not kinds.get(column) and not _field_text(frame, cols):
        _warn_no_text(column)
    return _label_with(frame, _classifiers(methods, model, definition, rules), cols)


def label_with_verdicts(
    frame: pd.DataFrame,
    method: str | Sequence[str] = "both",
    *,
    columns: Mapping[str, str] | None = None,
    model: ModelSpec = None,
    rules: RuleSpec = None,
    definition: str | None = None,
) -> tuple[pd.DataFrame, dict[str, list[Verdict]]]:
    """Like :func:`label_frame`, and also return every method's verdicts.

    The verdicts carry each method's evidence, which ``compare(..., verdicts=...)`` and
    ``review_queue(..., verdicts=...)`` quote; a labelled table keeps only explanations.
    They are held in memory, so label large files with ``label_csv`` instead.

    Examples
    --------
    >>> df = pd.DataFrame({"description": ["Foreign ministers signed the accord."]})
    >>> labelled, verdicts = label_with_verdicts(df, "rules")
    >>> labelled["rules_track"].tolist(), verdicts["rules"][0].method
    (['Track 1'], 'rules')
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"Invalid frame: expected a pandas DataFrame, got {type(frame).__name__}.")
    methods = resolve_methods(method)
    cols = _field_columns(columns)
    _check_frame(frame.columns, cols, methods)
    kept: dict[str, list[Verdict]] = {}
    return _label_with(frame, _classifiers(methods, model, definition, rules), cols, kept), kept


def _label_chunk_in_worker(chunk: pd.DataFrame, cols: Mapping[str, str]) -> pd.DataFrame:
    return _label_with(chunk, worker_state()["classifiers"], cols)


def _labelled_chunks(
    reader: Iterable[pd.DataFrame],
    methods: tuple[str, ...],
    cols: dict[str, str],
    model: ModelSpec,
    classifiers: dict[str, VerdictClassifier],
    n_jobs: int,
) -> Iterator[pd.DataFrame]:
    """Labelled chunks in input order; with ``n_jobs > 1`` labelled by worker processes,
    at most two chunks per worker in flight, so memory stays bounded."""
    if n_jobs == 1:
        for chunk in reader:
            yield _label_with(chunk, classifiers, cols)
        return
    for clf in classifiers.values():
        # Build the classifiers' lazy caches once here, so that forked workers share them
        # instead of each building its own.
        clf.classify_many(["Foreign ministers met for talks in Geneva."])
    yield from ordered_map(
        _label_chunk_in_worker, reader, n_jobs=n_jobs, args=(cols,), state={"classifiers": classifiers}
    )


def _plain_stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".bz2", ".xz", ".zst", ".csv", ".tsv", ".tab", ".parquet", ".pq"):
        name = name.removesuffix(suffix)
    return name


def bad_lines_path(source: str | os.PathLike, destination: str | os.PathLike) -> Path:
    """Default side file for skipped rows: beside the output (or the input, when the output
    is standard output), named ``<name>.bad-lines.csv``.

    Examples
    --------
    >>> bad_lines_path("cases.csv", "out/labelled.csv.gz").as_posix()
    'out/labelled.bad-lines.csv'
    """
    for path in (destination, source):
        if str(path) != STDIO:
            path = Path(path)
            return path.with_name(_plain_stem(path) + ".bad-lines.csv")
    raise BatchInputError(
        "Reading standard input and writing standard output, skipped rows need a side file: "
        "pass --bad-lines-file PATH (bad_lines_file=... in Python)."
    )


def _check_options(chunksize: Any, n_jobs: Any, on_bad_lines: Any) -> int:
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"Invalid chunksize: expected a positive integer, got {chunksize!r}.")
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"Invalid n_jobs: expected a positive integer or -1 (all cores), got {n_jobs!r}.")
    if on_bad_lines not in ON_BAD_LINES:
        raise ValueError(f"Invalid on_bad_lines: expected one of {ON_BAD_LINES}, got {on_bad_lines!r}.")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def label_csv(
    source: str | os.PathLike,
    destination: str | os.PathLike,
    method: str | Sequence[str] = "both",
    *,
    columns: Mapping[str, str] | None = None,
    model: ModelSpec = None,
    rules: RuleSpec = None,
    definition: str | None = None,
    chunksize: int = 20_000,
    n_jobs: int = 1,
    encoding: str | None = None,
    sep: str | None = None,
    on_bad_lines: str = "error",
    bad_lines_file: str | os.PathLike | None = None,
    progress: bool = False,
) -> int:
    """Label a table file into another, streaming ``chunksize`` rows at a time.

    Memory stays bounded by the chunk size whatever the file's length. The output is
    checked before any work (never the input, a directory, a device, a FIFO or a
    read-only file), written to a temporary file beside it, and moved into place only
    when complete, keeping the permission bits of the file it replaces: an interrupted
    run (Ctrl-C, SIGTERM, SIGHUP) never leaves a half-written file where a good one was.

    Parameters
    ----------
    source : path or "-"
        A CSV file (optionally ``.gz`` / ``.bz2`` / ``.xz`` / ``.zst`` compressed), a
        parquet file, or ``-`` for standard input. Cells are read as text, exactly as
        written, and come back unchanged in the output.
    destination : path or "-"
        ``.csv`` or ``.tsv`` (optionally compressed by the same suffixes), ``.parquet``,
        or ``-`` for standard output (CSV). Another suffix is an error. CSV is written in
        UTF-8 with every text cell quoted, so it re-reads to the same rows and cells. A
        parquet file holds no two columns of one name: an input with a column name repeated
        is an error before any work (a CSV output keeps both).
    method, columns, model, rules, definition
        As for :func:`label_frame`.
    chunksize : int
        Rows read and labelled at a time.
    n_jobs : int
        Worker processes labelling chunks in parallel (``-1``: one per core); chunks are
        then made smaller, so that every worker has work from a few thousand rows up.
        The output is the same, in order.
    encoding : str, optional
        The CSV's encoding. By default it is detected (a byte-order mark, UTF-8, else a
        legacy code page) and logged. A byte that cannot be decoded is an error naming
        its line, and so is a file that mixes UTF-8 rows with a code page's; nothing is
        ever replaced silently.
    sep : str, optional
        The CSV's field separator (default ``,``; a tab for ``.tsv``).
    on_bad_lines : {"error", "skip", "report"}
        A row with more fields than the header: an error naming its line (default);
        skipped, with a warning that counts them; or skipped and listed in a side file.
        A row is named by the line of the file where it begins, and by its CSV record too
        when earlier cells span several lines (by its record only from standard input or a
        pipe, which cannot be read again).
    bad_lines_file : path, optional
        The side file for ``on_bad_lines="report"`` (default: the output's name without its
        extensions, plus ``.bad-lines.csv``); an error with any other ``on_bad_lines``, which
        writes no side file.
    progress : bool
        Draw a progress bar (rows/s, time left) on standard error.

    Beside the output, ``<output>.provenance.json`` records how it was made (diplotrack,
    rule-set and model versions, the definition, a rule file of your own with its SHA-256,
    the rows), so a labelled file can be traced to the rules that made it; nothing is
    written beside standard output. It is checked with the output, before any work: a
    directory or a read-only file in its place is an error.

    Returns
    -------
    int
        The number of rows labelled.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("description\\nMinisters signed a treaty in Oslo.\\n")
    >>> label_csv(d / "in.csv", d / "out.csv", "rules")
    1
    >>> json.loads(provenance_path(d / "out.csv").read_text())["rules_version"]
    '2026.12.58'
    """
    for name, value in (("source", source), ("destination", destination)):
        if not isinstance(value, str | os.PathLike):
            hint = " For a DataFrame in memory use label_frame." if hasattr(value, "columns") else ""
            raise TypeError(
                f"Invalid {name}: label_csv reads and writes files, so expected a path (or '-' for "
                f"standard input or output), got {type(value).__name__}.{hint}"
            )
    refuse_empty_path(source, "input")
    refuse_empty_path(destination, "output")
    n_jobs = _check_options(chunksize, n_jobs, on_bad_lines)
    if bad_lines_file is not None and on_bad_lines != "report":
        raise ValueError(
            f"Invalid bad-lines file {str(bad_lines_file)!r}: a side file is written only with "
            f"--on-bad-lines report (on_bad_lines='report' in Python), and it is {on_bad_lines!r} "
            "here, so the file would never be written. Add --on-bad-lines report to have the "
            "skipped rows listed there, or leave out --bad-lines-file."
        )
    methods = resolve_methods(method)
    cols = _field_columns(columns)
    _check_parquet_options(source, encoding, sep, on_bad_lines)
    kind = output_kind(destination)
    if str(destination) != STDIO:
        # The longest name written for the output, checked first: that limit binds.
        provenance = provenance_path(os.path.realpath(destination))
        check_name_length(destination, provenance, side="its provenance file")
    sources = files_read(source, model=model, rules=rules, definition=definition)
    target = check_destination(destination, sources)
    if target is not None:
        _check_provenance(target, sources, destination)
    side = None
    if on_bad_lines == "report":
        if bad_lines_file is not None and str(bad_lines_file) == STDIO:
            raise BatchInputError(
                "Invalid bad-lines file '-': the skipped rows are written to a file beside the "
                "output; give its path with --bad-lines-file PATH (bad_lines_file=... in Python)."
            )
        side = Path(bad_lines_file) if bad_lines_file is not None else bad_lines_path(source, destination)
        if bad_lines_file is None and str(destination) != STDIO:
            check_name_length(destination, side, side="the side file of its skipped rows")
        _check_side_file(side, target)
        side = check_destination(side, [*sources, destination])
    # A missing model or rule file fails before any output.
    classifiers = _classifiers(methods, model, definition, rules)
    with TableReader(
        source, chunksize=chunksize, encoding=encoding, sep=sep, on_bad_lines=on_bad_lines
    ) as reader:
        if reader.encoding_detected:
            name = "standard input" if str(source) == STDIO else source
            logger.info(
                "reading %s as %s (detected; pass --encoding to choose another)", name, reader.encoding
            )
        _check_frame(reader.columns, cols, methods, reader.sep)
        if reader.arrow_schema is not None:
            _warn_non_text(_schema_kinds(reader.arrow_schema), cols)
        check_output_columns(reader.columns, kind, destination)
        reader.chunksize = plan_chunksize(reader.rows_estimate, n_jobs, chunksize)
        bar = Progress(progress, total=reader.rows_estimate)
        text_columns = reader.columns if reader.format == "csv" else ()
        writer = None
        column = cols.get("description", "description")
        # Whether the description column held text in some row; a parquet column of numbers
        # or dates was named above already.
        seen = [reader.arrow_schema is not None and bool(_schema_kinds(reader.arrow_schema).get(column))]
        chunks = _watch_text(reader, cols, seen)
        try:
            with TableWriter(target, kind, text_columns=text_columns, schema=reader.arrow_schema) as writer:
                for labelled in _labelled_chunks(chunks, methods, cols, model, classifiers, n_jobs):
                    writer.write(labelled)
                    bar.update(len(labelled), fraction=reader.fraction_read())
                if writer.rows == 0:
                    writer.write(_label_with(reader.empty_frame(), classifiers, cols))
                    writer.rows = 0
        except BatchInputError as exc:
            if target is None and writer is not None and writer.rows:
                raise BatchInputError(_already_written(str(exc), writer.rows)) from None
            raise
        finally:
            bar.close()
        rows = writer.rows
        if rows and not seen[0]:
            _warn_no_text(column)
        _report_bad_lines(reader, side)
    if target is not None:
        _write_provenance(target, source, methods, classifiers, definition, rows)
    return rows


def files_read(
    *inputs: Any, model: Any = None, rules: Any = None, definition: Any = None
) -> list[str | os.PathLike]:
    """Every file a run reads, which no output of it may replace: the inputs, a model file
    and its card, a rule file, a definition profile file (a name such as "guideline" is none).

    >>> import pathlib, tempfile
    >>> model = pathlib.Path(tempfile.mkdtemp()) / "m.joblib"
    >>> _ = model.write_bytes(b"")
    >>> [pathlib.Path(p).name for p in files_read("cases.csv", model=model)]
    ['cases.csv', 'm.joblib', 'm.card.json']
    """
    from .model_store import card_path

    read: list[str | os.PathLike] = [p for p in inputs if isinstance(p, str | os.PathLike)]
    if isinstance(model, str | os.PathLike) and os.path.isfile(model):
        read += [model, os.fspath(card_path(model))]
    read += [p for p in (rules, definition) if isinstance(p, str | os.PathLike) and os.path.isfile(p)]
    return read


def _check_parquet_options(source: Any, encoding: str | None, sep: str | None, on_bad_lines: str) -> None:
    """Refuse options that only a CSV input has, given with a parquet one: they would be
    ignored without a word (and ``report`` would write an empty side file)."""
    if str(source) == STDIO or not is_parquet(source):
        return
    given = [option for option, value in (("--encoding", encoding), ("--sep", sep)) if value is not None] + (
        ["--on-bad-lines report"] if on_bad_lines == "report" else []
    )
    if given:
        raise BatchInputError(
            f"Invalid options for {str(source)!r}: it is parquet, which has no text encoding, "
            f"separator or malformed lines, so {' and '.join(given)} would do nothing. Leave "
            f"{'it' if len(given) == 1 else 'them'} out."
        )


#: Suffixes of formats other than plain CSV (a tab-separated name would be read with tabs),
#: which the side file of skipped rows is not.
_NOT_PLAIN_CSV = frozenset(
    {
        ".gz",
        ".bz2",
        ".xz",
        ".zst",
        ".zip",
        ".parquet",
        ".pq",
        ".parq",
        ".json",
        ".jsonl",
        ".xlsx",
        ".tsv",
        ".tab",
    }
)


def _check_side_file(side: Path, target: Path | None) -> None:
    """Refuse a bad-lines file that the output or its provenance file would overwrite, or
    whose name asks for a format it is not written in (it is plain CSV)."""
    if target is not None:
        real = os.path.realpath(side)
        for other, what in (
            (target, "the output"),
            (provenance_path(target), "the output's provenance file"),
        ):
            if real == os.path.realpath(other):
                raise BatchInputError(
                    f"Invalid bad-lines file {str(side)!r}: it is {what}, which would overwrite it; "
                    "choose another name."
                )
    if side.suffix.lower() in _NOT_PLAIN_CSV:
        plain = side.name[: -len(side.suffix)]
        plain = plain[: -len(Path(plain).suffix)] if Path(plain).suffix.lower() == ".csv" else plain
        raise BatchInputError(
            f"Invalid bad-lines file {str(side)!r}: the skipped rows are written as plain CSV, "
            f"not as its suffix {side.suffix!r} says; name it with .csv (e.g. {plain + '.csv'!r})."
        )


def _already_written(message: str, rows: int) -> str:
    """An error met after ``rows`` labelled rows went to standard output, saying so: a file
    output is replaced only when complete, but standard output cannot be taken back."""
    sent = f"the {counted(rows, 'labelled row')} before it were already written to standard output"
    if NOTHING_WRITTEN in message:
        return message.replace(NOTHING_WRITTEN, sent + " (discard them)")
    return f"{message} (Stopped there: {sent}; discard them.)"


def provenance_path(destination: str | os.PathLike) -> Path:
    """Where :func:`label_csv` records how an output was made: ``<output>.provenance.json``.

    Examples
    --------
    >>> provenance_path("out/labelled.csv.gz").as_posix()
    'out/labelled.csv.gz.provenance.json'
    """
    path = Path(destination)
    return path.with_name(path.name + ".provenance.json")


def _check_provenance(target: Path, sources: Sequence[Any], destination: Any) -> None:
    """Refuse, before any work, a provenance file that cannot be written beside the output
    (a directory there, a read-only file): else the output would be replaced and only then
    the run fail, naming a temporary file."""
    side = provenance_path(target)
    try:
        check_destination(side, [*sources, destination], stdio=False)
    except BatchInputError as exc:
        reason = str(exc).removeprefix(f"Refusing to write to {str(side)!r}: ").split(". ")[0]
        raise BatchInputError(
            f"Refusing to write to {str(destination)!r}: its provenance file {str(side)!r}, which "
            f"records beside it how it was made, cannot be written ({reason}). Move that away or "
            "make it writable, or choose another output name."
        ) from None


def _write_provenance(
    target: Path,
    source: Any,
    methods: Sequence[str],
    classifiers: Mapping[str, VerdictClassifier],
    definition: str | None,
    rows: int,
) -> None:
    """The output's metadata beside it: library, rule-set and model versions, definition."""
    import datetime
    import json

    from . import __version__
    from .ruleset import load_ruleset

    model = classifiers.get("model")
    inner = getattr(model, "model", model)
    card = getattr(inner, "card_", None) or {}
    rules = classifiers.get("rules")
    rules_file = getattr(rules, "extra", None)
    record = {
        "output": target.name,
        "source": str(source),
        "rows": rows,
        "methods": list(methods),
        "definition": definition or "guideline",
        "diplotrack_version": __version__,
        "rules_version": rules.engine_.version if rules is not None else load_ruleset().version,
        "rules_file": os.path.abspath(rules_file) if rules_file is not None else None,
        "rules_file_sha256": getattr(rules, "extra_sha256_", None),
        "model_sha256": card.get("model_sha256") if model is not None else None,
        "written": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    with atomic_output(provenance_path(target)) as handle:
        handle.write((json.dumps(record, indent=2) + "\n").encode("utf-8"))


def _report_bad_lines(reader: TableReader, side: Path | None) -> None:
    # Read again from the file for the lines where the rows begin (pandas counts records).
    bad = reader.recover_bad_lines() if reader.bad_lines else []
    if side is not None:
        write_bad_lines(side, bad)
    if bad:
        listed = f"; listed in {side}" if side is not None else ""
        logger.warning(
            "skipped %s with more fields than the header (%s)%s",
            counted(len(bad), "row"),
            _bad_lines_where(bad),
            listed,
        )


def _bad_lines_where(bad: Sequence[BadLine]) -> str:
    """Where the skipped rows are in the file: ``line 3, 6``, with their CSV records when
    cells before them span several lines, or only the records when the lines are unknown."""

    def listed(numbers: list[Any]) -> str:
        return ", ".join(map(str, numbers[:10])) + (", ..." if len(numbers) > 10 else "")

    lines = [b.line for b in bad]
    records = [b.line if b.record is None else b.record for b in bad]
    if None in lines:
        return (
            f"record {listed(records)} of the CSV; their lines are unknown, as the input cannot be read again"
        )
    if lines == records:
        return f"line {listed(lines)}"
    return f"line {listed(lines)}; record {listed(records)} of the CSV, as earlier cells span several lines"
