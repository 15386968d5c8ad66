"""The verdicts behind a labelled table, matched to its rows and checked against them.

``label_with_verdicts`` returns the verdicts as lists in the table's row order. A table
sorted, filtered or sampled afterwards no longer is in that order, and evidence quoted from
the verdicts would then belong to other rows. So each verdict is checked against the row it
is matched to (its explanation, or its label when the table keeps no explanations), and
verdicts given as a :class:`pandas.Series` are matched to rows by index, so that they can
follow the table through any reordering.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .engagement import table_column
from .metrics import as_labels
from .verdict import Verdict

__all__ = ["verdicts_by_row"]

_KEEP_IN_STEP = (
    "Keep them in step with the table: index them like it before reordering it "
    "(verdicts = {m: pd.Series(v, index=labelled.index) for m, v in verdicts.items()}) and pass "
    "those, which are matched to the rows by index; or pass the lists with the table as it was labelled."
)


def verdicts_by_row(
    labelled: pd.DataFrame, verdicts: Mapping[str, Any] | None, methods: Sequence[str]
) -> dict[str, list[Verdict | None]]:
    """Each method's verdicts as a list in the row order of ``labelled``.

    Lists are taken in row order; a :class:`pandas.Series` is matched to rows by index.
    Raises ``ValueError`` when a verdict does not belong to its row: its explanation (or,
    without an explanation column, its label) differs from the row's cell.

    Examples
    --------
    >>> from diplotrack import label_with_verdicts
    >>> df = pd.DataFrame({"description": ["Foreign ministers signed the accord.",
    ...                                    "Heavy rain is expected tomorrow."]})
    >>> labelled, verdicts = label_with_verdicts(df, "rules")
    >>> [v.label for v in verdicts_by_row(labelled, verdicts, ["rules"])["rules"]]
    ['Track 1', 'none']
    >>> verdicts_by_row(labelled.iloc[::-1], verdicts, ["rules"])
    Traceback (most recent call last):
    ...
    ValueError: Invalid verdicts for 'rules': the verdict matched to row 0 (index 1) is not the one ...
    >>> indexed = {m: pd.Series(v, index=labelled.index) for m, v in verdicts.items()}
    >>> [v.label for v in verdicts_by_row(labelled.iloc[::-1], indexed, ["rules"])["rules"]]
    ['none', 'Track 1']
    """
    if verdicts is None:
        return {}
    if not isinstance(verdicts, Mapping):
        raise TypeError(
            "Invalid verdicts: expected a mapping of method to its list of verdicts, as "
            "label_with_verdicts returns it ({'rules': [...], 'model': [...]}), got "
            f"{type(verdicts).__name__}."
        )
    rows: dict[str, list[Verdict | None]] = {}
    for m, given in verdicts.items():
        if m not in methods:
            raise ValueError(f"Invalid verdicts: got verdicts for {m!r}, expected only for {tuple(methods)}.")
        listed = _by_index(labelled, m, given) if isinstance(given, pd.Series) else list(given)
        listed = [_verdict_or_none(v, m) for v in listed]
        if len(listed) != len(labelled):
            raise ValueError(
                f"Invalid verdicts for {m!r}: expected one per row ({len(labelled)}), got {len(listed)}. "
                f"Pass the verdicts returned with the table (label_with_verdicts). {_KEEP_IN_STEP}"
            )
        _check_rows(labelled, m, listed)
        rows[m] = listed
    return rows


def _verdict_or_none(value: Any, method: str) -> Verdict | None:
    """A verdict, or ``None`` for a row without one (``None`` or NaN, as ``reindex`` fills)."""
    if value is None or isinstance(value, Verdict):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    raise TypeError(
        f"Invalid verdicts for {method!r}: expected Verdict objects (None where a row has none), as "
        f"label_with_verdicts returns them, got a {type(value).__name__}."
    )


def _by_index(labelled: pd.DataFrame, method: str, given: pd.Series) -> list[Verdict | None]:
    """The verdicts of a Series in the row order of ``labelled``, matched by index."""
    if not labelled.index.is_unique or not given.index.is_unique:
        raise ValueError(
            f"Invalid verdicts for {method!r}: a Series of verdicts is matched to the table's rows by "
            "index, and the index of the table or of the verdicts repeats labels. Give the table a "
            "unique index (reset_index()) before labelling, or pass the verdicts as a list in row order."
        )
    missing = labelled.index.difference(given.index)
    if len(missing):
        raise ValueError(
            f"Invalid verdicts for {method!r}: no verdict for {len(missing)} of the table's rows "
            f"(index {[_plain(x) for x in missing[:5]]}{' ...' if len(missing) > 5 else ''}). "
            "Pass the verdicts of every row labelled (label_with_verdicts)."
        )
    return list(given.reindex(labelled.index))


def _check_rows(labelled: pd.DataFrame, method: str, listed: list[Verdict | None]) -> None:
    """Raise when a verdict is not the one its row holds (explanation, else label)."""
    name = f"{method}_explanation"
    if name in labelled.columns:
        cells = table_column(labelled, name)
        # Compared up to whitespace: a file saved by an editor may have its line ends changed.
        own = [
            None if v is None or pd.isna(c) else (_spaced(v.explanation), _spaced(str(c)))
            for v, c in zip(listed, cells)
        ]
    elif f"{method}_track" in labelled.columns:
        name = f"{method}_track"
        cells = as_labels(table_column(labelled, name), f"column {name!r}")
        own = [None if v is None or c is None else (v.label, c) for v, c in zip(listed, cells)]
    else:
        return
    differ = [i for i, pair in enumerate(own) if pair is not None and pair[0] != pair[1]]
    if differ:
        first = differ[0]
        raise ValueError(
            f"Invalid verdicts for {method!r}: the verdict matched to row {first} (index "
            f"{_plain(labelled.index[first])!r}) is not the one in its {name!r} cell ({len(differ)} of "
            f"{len(listed)} rows differ): the table was sorted, filtered or sampled after labelling, "
            f"and the verdicts were not, or its cells were changed. {_KEEP_IN_STEP}"
        )


def _spaced(text: str) -> str:
    """``text`` with each run of whitespace as one space."""
    return " ".join(text.split())


def _plain(label: Any) -> Any:
    """An index label as Python shows it (``1``, not ``np.int64(1)``)."""
    return label.item() if hasattr(label, "item") else label
