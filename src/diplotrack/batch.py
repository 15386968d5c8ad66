"""Batch labelling: pandas DataFrames in memory and CSV files streamed in chunks.

The batch layer knows nothing about how a verdict is made: it asks a classifier for
verdicts and lays them out as columns. Every input row and column is kept, in order.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd
from joblib import Parallel, delayed

from .api import METHODS, get_classifier
from .engagement import FIELDS
from .verdict import Verdict

__all__ = [
    "BatchInputError",
    "label_csv",
    "label_frame",
    "label_with_verdicts",
    "output_columns",
    "resolve_methods",
]


class BatchInputError(ValueError):
    """A batch input that cannot be labelled as given (missing column, unreadable file)."""


def resolve_methods(method: str | Sequence[str]) -> tuple[str, ...]:
    """``"both"`` means the rules and the model; a single name or a list is checked.

    Examples
    --------
    >>> resolve_methods("both")
    ('rules', 'model')
    """
    names = (
        ("rules", "model") if method == "both" else ((method,) if isinstance(method, str) else tuple(method))
    )
    for name in names:
        if name not in METHODS:
            raise ValueError(f"Invalid method: expected one of {(*METHODS, 'both')}, got {name!r}.")
    if not names:
        raise ValueError("Invalid method: expected at least one method, got none.")
    return tuple(names)


def output_columns(methods: Iterable[str]) -> list[str]:
    """The columns labelling appends, per method: track, confidence, explanation."""
    return [f"{m}_{part}" for m in methods for part in ("track", "confidence", "explanation")]


def _field_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    columns = dict(columns or {})
    unknown = set(columns) - set(FIELDS)
    if unknown:
        raise ValueError(f"Invalid columns mapping: keys must be among {FIELDS}, got {sorted(unknown)}.")
    return {name: columns.get(name, name) for name in FIELDS}


def _check_frame(frame: pd.DataFrame, cols: dict[str, str], methods: Sequence[str]) -> None:
    found = [str(c) for c in frame.columns]
    if cols["description"] not in frame.columns:
        raise BatchInputError(
            f"Missing description column {cols['description']!r}: the input has columns "
            f"{found}. Name the column holding the text with --description-column "
            "(or columns={'description': ...} in Python)."
        )
    clash = [c for c in output_columns(methods) if c in frame.columns]
    if clash:
        raise BatchInputError(
            f"Output columns already present in the input: {clash}. Rename or drop them, "
            "or label with another method."
        )


def label_frame(
    frame: pd.DataFrame, method: str | Sequence[str] = "both", *, columns: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return a copy of ``frame`` with ``<method>_track``, ``_confidence``, ``_explanation``.

    Parameters
    ----------
    frame : DataFrame
        One case per row, with a description column and optionally participants,
        formality and purpose columns. Every column and row is kept, in order.
    method : {"both", "rules", "model"} or list of them
    columns : mapping, optional
        Field name to column name, e.g. ``{"description": "summary"}``.

    Examples
    --------
    >>> df = pd.DataFrame({"case": [1], "description": ["Foreign ministers signed the accord."]})
    >>> label_frame(df, "rules")[["case", "rules_track"]].to_dict("records")
    [{'case': 1, 'rules_track': 'Track 1'}]
    """
    return _labelled(frame, method, columns, keep=False)[0]


def label_with_verdicts(
    frame: pd.DataFrame,
    method: str | Sequence[str] = "both",
    *,
    columns: Mapping[str, str] | None = None,
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
    return _labelled(frame, method, columns, keep=True)


def _labelled(
    frame: pd.DataFrame, method: str | Sequence[str], columns: Mapping[str, str] | None, keep: bool
) -> tuple[pd.DataFrame, dict[str, list[Verdict]]]:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"Invalid frame: expected a pandas DataFrame, got {type(frame).__name__}.")
    methods = resolve_methods(method)
    cols = _field_columns(columns)
    _check_frame(frame, cols, methods)
    out = frame.copy()
    kept: dict[str, list[Verdict]] = {}
    for m in methods:
        verdicts = get_classifier(m).classify_many(frame, columns=cols)
        out[f"{m}_track"] = [v.label for v in verdicts]
        out[f"{m}_confidence"] = [round(v.confidence, 4) for v in verdicts]
        out[f"{m}_explanation"] = [v.explanation for v in verdicts]
        if keep:  # otherwise one method's verdicts at a time, for bounded memory
            kept[m] = verdicts
    return out, kept


def _label_chunk(chunk: pd.DataFrame, methods: tuple[str, ...], cols: dict[str, str]) -> pd.DataFrame:
    return label_frame(chunk, methods, columns=cols)


def _labelled_chunks(
    reader: Iterable[pd.DataFrame], methods: tuple[str, ...], cols: dict[str, str], n_jobs: int
) -> Iterator[pd.DataFrame]:
    """Labelled chunks in input order; with ``n_jobs > 1`` labelled by worker processes,
    at most two chunks per worker in flight, so memory stays bounded."""

    def checked() -> Iterator[pd.DataFrame]:
        for k, chunk in enumerate(reader):
            if k == 0:
                _check_frame(chunk, cols, methods)
            yield chunk

    if n_jobs == 1:
        for chunk in checked():
            yield _label_chunk(chunk, methods, cols)
        return
    parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
    yield from parallel(delayed(_label_chunk)(chunk, methods, cols) for chunk in checked())


def label_csv(
    source: str | os.PathLike,
    destination: str | os.PathLike,
    method: str | Sequence[str] = "both",
    *,
    columns: Mapping[str, str] | None = None,
    chunksize: int = 20_000,
    n_jobs: int = 1,
) -> int:
    """Label a CSV file into another, streaming ``chunksize`` rows at a time.

    Memory stays bounded by the chunk size whatever the file's length. The output is
    written to a temporary file beside ``destination`` and moved into place only when
    complete, so an interrupted run never leaves a half-written file where a good one
    was. Cells are read and written back as text, unchanged. ``n_jobs`` worker processes
    label chunks in parallel (``-1``: one per core); the output is the same, in order.

    Returns
    -------
    int
        The number of rows labelled.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("description\\nMinisters signed a treaty in Oslo.\\n")
    >>> label_csv(d / "in.csv", d / "out.csv", "rules")
    1
    """
    if not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"Invalid chunksize: expected a positive integer, got {chunksize!r}.")
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"Invalid n_jobs: expected a positive integer or -1 (all cores), got {n_jobs!r}.")
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    methods = resolve_methods(method)
    cols = _field_columns(columns)
    source, destination = Path(source), Path(destination)
    if not source.is_file():
        raise BatchInputError(f"Input file not found: {str(source)!r}. Check the path.")
    for m in methods:
        get_classifier(m)  # fail on a missing model before any output is written
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=destination.parent)
    rows = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            try:
                reader = pd.read_csv(
                    source, dtype=str, keep_default_na=False, chunksize=chunksize, encoding_errors="replace"
                )
                first = True
                for labelled in _labelled_chunks(reader, methods, cols, n_jobs):
                    labelled.to_csv(handle, header=first, index=False)
                    rows += len(labelled)
                    first = False
            except pd.errors.EmptyDataError as exc:
                raise BatchInputError(
                    f"Input file {str(source)!r} is empty: expected a CSV with a header row."
                ) from exc
            except pd.errors.ParserError as exc:
                raise BatchInputError(f"Input file {str(source)!r} is not a readable CSV: {exc}") from exc
            if first:
                # A header without rows: write the header with the new columns.
                header = pd.read_csv(source, dtype=str, nrows=0, encoding_errors="replace")
                _check_frame(header, cols, methods)
                pd.DataFrame(columns=[*header.columns, *output_columns(methods)]).to_csv(handle, index=False)
        os.replace(tmp, destination)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return rows
