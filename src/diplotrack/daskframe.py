"""Labelling beyond one machine: Dask DataFrames, partition by partition.

``label_frame`` hands a Dask DataFrame here and gets back a lazy one: each partition is
labelled by the same code as a pandas DataFrame, on whichever worker holds it. Workers
load the classifiers themselves (the shipped model, or a model file at a path they can
read), once per worker process. ``pip install 'diplotrack[dask]'``.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .files import (
    BatchInputError,
    check_name_length,
    check_output_folder,
    folder_errors,
    is_parquet,
    new_mode,
)

__all__ = ["label_dask_frame", "label_parquet_dask"]


def _label_partition(
    partition: pd.DataFrame,
    methods: tuple[str, ...],
    cols: Mapping[str, str],
    model: Any,
    definition: str | None = None,
    rules: Any = None,
) -> pd.DataFrame:
    from .batch import label_frame

    return label_frame(partition, methods, columns=cols, model=model, rules=rules, definition=definition)


def _meta(meta: pd.DataFrame, methods: Sequence[str]) -> pd.DataFrame:
    out = meta.iloc[:0].copy()
    for m in methods:
        out[f"{m}_track"] = pd.Series(dtype=str)
        out[f"{m}_confidence"] = pd.Series(dtype="float64")
        out[f"{m}_explanation"] = pd.Series(dtype=str)
    return out


def label_dask_frame(
    frame: Any,
    methods: tuple[str, ...],
    cols: Mapping[str, str],
    model: Any,
    definition: str | None = None,
    rules: Any = None,
) -> Any:
    """A lazy Dask DataFrame: ``frame`` with the label columns of ``methods`` appended.

    Called by :func:`diplotrack.label_frame`, which checks the columns first.
    """
    return frame.map_partitions(
        _label_partition, methods, dict(cols), model, definition, rules, meta=_meta(frame._meta, methods)
    )


def _client(scheduler: str, n_workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise BatchInputError(
            "Labelling with Dask needs dask and distributed: pip install 'diplotrack[dask]'."
        ) from exc
    if scheduler == "local":
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, dashboard_address=None)
        return Client(cluster), cluster
    return Client(scheduler), None


#: The column pyarrow stores an unnamed pandas index in, and the name labelling without Dask
#: gives it in the output.
_UNNAMED_INDEX = "__index_level_0__"


def _index_as_column(frame: Any) -> Any:
    """``frame`` with a pandas index stored in its parquet files as its last column.

    Labelling without Dask reads a stored index as one of the file's columns, written after
    the others (an unnamed one under pyarrow's name for it); Dask reads it back as the frame's
    index, which the output would drop. An index that was never stored (a default range, kept
    only as metadata) is the only kind Dask gives as a ``RangeIndex``, and stays out.
    """
    name = frame.index.name
    if name is None and isinstance(frame._meta.index, pd.RangeIndex):
        return frame
    if name is not None and name in frame.columns:
        return frame
    columns = [*frame.columns, _UNNAMED_INDEX if name is None else name]
    if name is None:
        frame = frame.rename_axis(_UNNAMED_INDEX)
    return frame.reset_index()[columns]


def _input_schema(source: str | os.PathLike) -> Any:
    """The Arrow schema of a local parquet file or folder (None for a glob or a remote store,
    whose types Dask infers): each column's type is written back as it was read."""
    try:
        from .tables import TableReader

        if not Path(source).exists():
            return None
        with TableReader(source) as reader:
            return reader.arrow_schema
    except (BatchInputError, OSError, ValueError):
        return None


def _plain_views(frame: Any) -> Any:
    """``frame`` with its string_view and binary_view columns as large_string and large_binary
    (pyarrow cannot take rows of a view column, which labelling does); the output's schema
    writes them back as views (see :func:`_output_schema`)."""
    from .tables import plain_view_type

    plain = {}
    for name, dtype in frame.dtypes.items():
        arrow = getattr(dtype, "pyarrow_dtype", None)
        if arrow is not None and (to := plain_view_type(arrow)) is not None:
            plain[name] = pd.ArrowDtype(to)
    if not plain:
        return frame
    return frame.map_partitions(_cast_columns, plain, meta=_cast_columns(frame._meta, plain))


def _cast_columns(partition: pd.DataFrame, types: Mapping[Any, Any]) -> pd.DataFrame:
    """``partition`` with the columns named in ``types`` cast through pyarrow (pandas cannot
    cast a view column itself)."""
    import pyarrow as pa

    partition = partition.copy(deep=False)
    for name, dtype in types.items():
        array = pa.array(partition[name].array).cast(dtype.pyarrow_dtype)
        partition[name] = pd.Series(pd.arrays.ArrowExtensionArray(array), index=partition.index, name=name)
    return partition


def _output_schema(given: Any, labelled: Any) -> Any:
    """The output's schema: each input column with its own type (a string column stays
    string, not large_string), the label columns as labelling without Dask writes them."""
    if given is None:
        return None
    import pyarrow as pa

    fields = []
    for name in labelled.columns:
        if name in given.names:
            fields.append(given.field(name))
        elif str(name).endswith("_confidence"):
            fields.append(pa.field(name, pa.float64()))
        else:
            fields.append(pa.field(name, pa.large_string()))
    return pa.schema(fields)


def _dask_dataframe():
    try:
        import dask.dataframe as dd
    except ImportError as exc:
        raise BatchInputError(
            "Labelling with Dask needs dask and distributed: pip install 'diplotrack[dask]' (or "
            "label on this machine without --dask: --jobs N uses N processes)."
        ) from exc
    return dd


def _check_folder_name(destination: str | os.PathLike) -> None:
    """Refuse an output Dask cannot write as named: standard output (a folder named ``-`` was
    made) or a file name of a CSV format (a folder of parquet files named ``labelled.csv``)."""
    from .files import STDIO, output_kind

    if str(destination) == STDIO:
        raise BatchInputError(
            "Refusing to write to '-' with --dask: Dask writes a folder of parquet files, which "
            "cannot go to standard output. Give a folder name (-o labelled/), or leave out --dask "
            "to write CSV to standard output."
        )
    try:
        kind = output_kind(destination)
    except BatchInputError:
        return  # a folder's name, no table suffix
    if kind.format != "parquet":
        raise BatchInputError(
            f"Refusing to write to {str(destination)!r} with --dask: Dask writes a folder of parquet "
            "files, and that name is a CSV file's. Give a folder name (-o labelled/ or "
            "labelled.parquet), or leave out --dask to write a CSV file."
        )


def label_parquet_dask(
    source: str | os.PathLike,
    destination: str | os.PathLike,
    method: str | Sequence[str] = "both",
    *,
    columns: Mapping[str, str] | None = None,
    model: Any = None,
    rules: Any = None,
    definition: str | None = None,
    scheduler: str = "local",
    n_workers: int = 2,
) -> int:
    """Label a parquet dataset on a Dask cluster into a directory of parquet files.

    Parameters
    ----------
    source : path or glob
        A parquet file, a directory of parquet files, or a glob; every worker must be
        able to read it (a shared file system or object store).
    destination : path
        The output directory. It must not exist, or be empty; it appears only when the
        whole dataset is labelled.
    method, columns, model, rules, definition
        As for :func:`diplotrack.label_frame`. A model or rule file's path must be readable
        by every worker.
    scheduler : str
        A scheduler address (``tcp://host:8786``), or ``"local"`` for a cluster of
        ``n_workers`` processes on this machine.

    Returns
    -------
    int
        The number of rows labelled.
    """
    from .batch import label_frame

    _check_folder_name(destination)
    destination = Path(destination)
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BatchInputError(
            f"Refusing to write to {str(destination)!r}: it exists and is not an empty directory. "
            "Choose a new directory name for the labelled parquet files."
        )
    check_output_folder(destination)
    check_name_length(destination)  # written to '.{name}.XXXXXXXX.part' first
    if "://" not in str(source) and not any(c in str(source) for c in "*?[") and not Path(source).exists():
        raise BatchInputError(
            f"Input not found: {str(source)!r}. Check the path (--dask reads a parquet file or a "
            "folder of parquet files)."
        )
    local = "://" not in str(source) and not any(c in str(source) for c in "*?[")
    if local and not is_parquet(source):
        raise BatchInputError(
            f"Input {str(source)!r} is not parquet: --dask reads a parquet file or a folder of "
            "parquet files. To label a CSV, leave out --dask (--jobs N labels it on N local "
            "processes), or convert it to parquet first (pandas.read_csv(...).to_parquet(...))."
        )
    # Imported once the arguments are known to be right, so that a mistake in them is named
    # first, as it is where Dask is installed.
    dd = _dask_dataframe()
    given = _input_schema(source)
    client, cluster = _client(scheduler, n_workers)
    try:
        # Arrow types, not NumPy's: an integer column with a missing value stays integers
        # (as floats, 2**53 + 1 became 2**53), NaN stays apart from a missing value.
        frame = _plain_views(_index_as_column(dd.read_parquet(str(source), dtype_backend="pyarrow")))
        labelled = label_frame(
            frame, method, columns=columns, model=model, rules=rules, definition=definition
        )
        with folder_errors(destination):
            destination.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(
                tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".part", dir=destination.parent)
            )
        try:
            labelled.to_parquet(str(tmp), write_index=False, schema=_output_schema(given, labelled))
            import pyarrow.dataset as ds

            rows = ds.dataset(str(tmp), format="parquet").count_rows()
            # mkdtemp makes a private directory (0700): give it the mode of the empty directory
            # it replaces, or the one mkdir gives under the umask.
            if destination.exists():
                os.chmod(tmp, stat.S_IMODE(destination.stat().st_mode))
                destination.rmdir()
            else:
                os.chmod(tmp, new_mode(directory=True))
            os.replace(tmp, destination)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return rows
