"""The review queue: which labelled cases a researcher should hand-code next, and why.

A case is worth a coder's time when a hand label is likely to change the results: the
methods disagree on it, they are unsure, its text is unlike anything the model was
trained on, or it shows a pattern the guideline itself calls contested (officials with
no stated capacity beside non-state people, officials only hosting or funding, former and
serving officials together). Like ``compare``, the queue works on any labelled table and
reads evidence only through the shared :class:`~diplotrack.verdict.Evidence` kinds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real

import numpy as np
import pandas as pd

from ._verdict_rows import verdicts_by_row
from .engagement import shown_columns, table_column
from .metrics import as_labels, refuse_unlabelled
from .ruleset import EngineSettings
from .verdict import TAKING_PART, TRACKS, Verdict

__all__ = ["DEFAULT_WEIGHTS", "review_queue"]

#: How much each signal adds to a case's priority. ``disagree``: the methods give different
#: labels; ``doubt``: multiplies the methods' summed doubt (1 - confidence). The evidence
#: patterns (``rare``, ``unclear_capacity``, ``edge_official``, ``former_and_serving``) are
#: listed as reasons but weigh nothing by default: on the bundled test split and on real
#: third-party text, weighing them did not put more mislabelled cases at the top of the
#: queue than disagreement and doubt alone. Raise their weights to put contested cases
#: first, e.g. when refining a codebook.
DEFAULT_WEIGHTS: dict[str, float] = {
    "disagree": 3.0,
    "doubt": 1.0,
    "rare": 0.0,
    "unclear_capacity": 0.0,
    "edge_official": 0.0,
    "former_and_serving": 0.0,
}


_PRESENT = EngineSettings().present


def _contested(v: Verdict) -> list[tuple[str, str]]:
    """Contested patterns in a verdict's participant evidence, as (reason key, text)."""
    roles = [e for e in v.evidence if e.kind == "participant"]
    taking_part = [e for e in roles if e.status in TAKING_PART and e.supports == TRACKS[0]]
    # Official words that weigh less, all together, than one official taking part (an armed
    # group named beside the participants) are no officials whose capacity is in question: the
    # rules list them as "too faint" (EngineSettings.present).
    faint = sum(e.weight for e in taking_part) < _PRESENT
    officials = [] if faint else [e.text for e in taking_part]
    nonstate = [e.text for e in roles if e.status == "counted" and e.supports == TRACKS[2]]
    capacity = [e for e in v.evidence if e.kind == "capacity"]
    edge = [e.text for e in roles if e.status in ("host", "bystander") and e.supports != TRACKS[2]]
    former = [e.text for e in roles if e.status == "former"]
    out = []
    if officials and nonstate and not capacity:
        out.append(
            (
                "unclear_capacity",
                f'officials ("{officials[0]}") beside non-state participants '
                f'("{nonstate[0]}") with no capacity stated',
            )
        )
    if edge:
        out.append(
            (
                "edge_official",
                f'people at the edge of the event, hosting, funding or not taking part ("{edge[0]}")',
            )
        )
    if former and officials:
        out.append(
            (
                "former_and_serving",
                f'former ("{former[0]}") and serving ("{officials[0]}") officials together',
            )
        )
    return out


def _nearest(v: Verdict) -> tuple[str, float] | None:
    """The most similar known case, for a verdict that names similar cases."""
    similar = [e for e in v.evidence if e.kind == "similar_case"]
    if not similar:
        return None
    e = max(similar, key=lambda e: e.weight)
    return e.source, float(e.weight)


def _methods_advice(columns: Iterable[object]) -> str:
    """What to pass for the methods whose labels a table holds (its ``<method>_track``
    columns), or how to label it when it holds none."""
    present = [str(c)[: -len("_track")] for c in columns if str(c).endswith("_track") and str(c) != "_track"]
    if not present:
        return "Label it first: diplotrack label FILE -o labelled.csv --method both."
    return (
        f"It holds the labels of {present}: pass --methods {' '.join(present)} "
        f"(methods={tuple(present)!r} in Python) to review those."
    )


def review_queue(
    labelled: pd.DataFrame,
    n: int = 50,
    *,
    methods: Sequence[str] = ("rules", "model"),
    verdicts: Mapping[str, Sequence[Verdict | None]] | None = None,
    gold: str | None = None,
    unsure: float = 0.6,
    rare_similarity: float = 0.15,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Rank the cases most worth hand-coding next, with the reasons for each.

    A case's priority is 3 when the methods give different labels, plus the methods'
    summed doubt (1 - confidence each), plus the weights of any evidence patterns
    (``DEFAULT_WEIGHTS``; by default they are reasons shown to the coder, not weighed).
    The reasons listed: the methods disagree; a method's confidence is below ``unsure``;
    the text is unlike the training data (its nearest known case has a cosine similarity
    below ``rare_similarity``); officials beside non-state participants with no capacity
    stated; people or bodies that only host, fund or are mentioned; former and serving
    officials together. The evidence patterns need ``verdicts``. Cases with no reason
    are not queued; ties go to the earlier row.

    Parameters
    ----------
    labelled : DataFrame
        A labelled table (``<method>_track`` and ``<method>_confidence`` per method).
    n : int, default=50
        How many cases to return (fewer if fewer have any reason).
    methods : sequence of str, default=("rules", "model")
        The methods whose labels are in the table; one method is allowed (no
        disagreement then).
    verdicts : mapping of method to list or Series of Verdict, optional
        The verdicts behind the labels (``label_with_verdicts``), one per row, in row order;
        or a :class:`pandas.Series` of verdicts per method, matched to rows by index (to
        reorder the table after labelling). A verdict that is not its row's raises.
    gold : str, optional
        A column of hand labels: rows already coded are left out of the queue.
    unsure : float, default=0.6
        Confidence below which a method counts as unsure.
    rare_similarity : float, default=0.15
        Nearest-case cosine similarity below which a text counts as unlike the training
        data (about the lowest tenth of the bundled test split).
    weights : mapping, optional
        Weights to change, by the keys of ``DEFAULT_WEIGHTS``, e.g.
        ``{"unclear_capacity": 1.0}`` to put officials of unstated capacity first.

    Returns
    -------
    DataFrame
        The chosen rows of ``labelled``, every column kept and the index unchanged,
        highest priority first, with ``review_priority`` and ``review_reasons`` added.

    Examples
    --------
    >>> labelled = pd.DataFrame({
    ...     "description": ["Ministers signed the treaty.", "Scholars met; officials joined.", "Rain."],
    ...     "rules_track": ["Track 1", "Track 1.5", "none"], "rules_confidence": [0.9, 0.55, 0.9],
    ...     "model_track": ["Track 1", "Track 2", "none"], "model_confidence": [0.95, 0.7, 0.9]})
    >>> q = review_queue(labelled, n=5)
    >>> q.index.tolist(), q["review_reasons"].iloc[0], float(q["review_priority"].iloc[0])
    ([1], 'the methods disagree (rules Track 1.5, model Track 2); rules unsure (0.55)', 3.75)
    """
    if not isinstance(labelled, pd.DataFrame):
        raise TypeError(f"Invalid labelled: expected a pandas DataFrame, got {type(labelled).__name__}.")
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
        raise ValueError(f"Invalid n: expected a positive number of cases, got {n!r}.")
    if isinstance(unsure, bool) or not isinstance(unsure, Real) or not 0.0 <= unsure <= 1.0:
        raise ValueError(f"Invalid unsure: expected a confidence between 0 and 1, got {unsure!r}.")
    n = int(n)
    methods = (methods,) if isinstance(methods, str) else tuple(methods)
    if not methods:
        raise ValueError("Invalid methods: expected at least one method, got none.")
    missing = [f"{m}_track" for m in methods if f"{m}_track" not in labelled.columns]
    if missing:
        raise ValueError(
            f"Missing columns {missing}: expected a table labelled by {list(methods)} (diplotrack label); "
            f"it has columns {shown_columns(labelled.columns)}. {_methods_advice(labelled.columns)}"
        )
    unknown = set(weights or {}) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise ValueError(
            f"Invalid weights: unknown keys {sorted(unknown)}; expected among {list(DEFAULT_WEIGHTS)}."
        )
    weight = {**DEFAULT_WEIGHTS, **(weights or {})}
    bad = {
        k: v
        for k, v in weight.items()
        if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v) or v < 0
    }
    if bad:
        # NaN sorted a disagreement last; text ("3") failed deep in numpy.
        raise ValueError(f"Invalid weights: expected a finite number of at least 0 for each, got {bad}.")
    clash = [c for c in ("review_priority", "review_reasons") if c in labelled.columns]
    if clash:
        raise ValueError(
            f"Output columns already present in the table: {clash} (a review queue written before?). "
            "Rename or drop them, so that no cell of yours is overwritten."
        )
    if gold is not None and gold not in labelled.columns:
        raise ValueError(
            f"Missing gold column {gold!r}: the table has columns {shown_columns(labelled.columns)}."
        )
    # Verdicts of a method not reviewed are still checked against their rows, not refused.
    others = list(verdicts) if isinstance(verdicts, Mapping) else []
    verdicts = verdicts_by_row(labelled, verdicts, [*methods, *others])
    labels = {m: as_labels(table_column(labelled, f"{m}_track"), f"column '{m}_track'") for m in methods}
    for m in methods:
        # Such a row was never checked for disagreement: left out without a word before.
        refuse_unlabelled(
            labels[m],
            f"{m}_track",
            "Label the file again (diplotrack label), or drop the rows added by hand.",
        )
    conf = {
        m: _confidences(table_column(labelled, f"{m}_confidence"), f"{m}_confidence")
        if f"{m}_confidence" in labelled.columns
        else np.full(len(labelled), np.nan)
        for m in methods
    }
    coded = np.zeros(len(labelled), dtype=bool)
    if gold is not None:
        hand = as_labels(table_column(labelled, gold, "gold column"), f"gold column {gold!r}")
        coded = np.asarray([v is not None for v in hand], dtype=bool)  # bool even with no rows
    doubt = sum(np.nan_to_num(1.0 - conf[m], nan=0.0) for m in methods)
    priority = weight["doubt"] * doubt
    reasons: list[list[str]] = [[] for _ in range(len(labelled))]
    for i in range(len(labelled)):
        for key, text in _reasons(i, methods, labels, conf, verdicts or {}, unsure, rare_similarity):
            priority[i] += weight.get(key, 0.0)
            reasons[i].append(text)
    eligible = np.asarray([bool(r) for r in reasons], dtype=bool) & ~coded  # bool even with no rows
    order = np.lexsort((np.arange(len(labelled)), -np.round(priority, 9)))
    chosen = [i for i in order if eligible[i]][:n]
    queue = labelled.iloc[chosen].copy()
    queue["review_priority"] = np.round(priority[chosen], 4)
    queue["review_reasons"] = pd.Series(["; ".join(reasons[i]) for i in chosen], index=queue.index, dtype=str)
    return queue


def _confidences(column: pd.Series, name: str) -> np.ndarray:
    """A confidence column as numbers; a cell that is no number between 0 and 1 is an error
    naming it (a decimal comma, "0,77", as a spreadsheet in a European locale saves it, was
    read as missing and its row never called unsure)."""
    values = pd.to_numeric(column, errors="coerce")
    written = column.notna().to_numpy() & (column.astype(str).str.strip() != "").to_numpy()
    bad = written & ~((values >= 0) & (values <= 1)).to_numpy()
    if bad.any():
        shown = ", ".join(f"row {i + 1}: {column.iloc[i]!r}" for i in np.flatnonzero(bad)[:3])
        raise ValueError(
            f"Column {name!r} has {int(bad.sum())} cells that are not confidences between 0 and 1 "
            f"({shown}). A spreadsheet in a European locale saves decimal commas ('0,77'): save the "
            "table with decimal points, or label the file again."
        )
    return values.to_numpy(dtype=float)


def _reasons(
    i: int,
    methods: tuple[str, ...],
    labels: Mapping[str, np.ndarray],
    conf: Mapping[str, np.ndarray],
    verdicts: Mapping[str, Sequence[Verdict | None]],
    unsure: float,
    rare_similarity: float,
) -> list[tuple[str, str]]:
    out = []
    given = {m: labels[m][i] for m in methods if labels[m][i] is not None}
    if len(set(given.values())) > 1:
        out.append(
            ("disagree", "the methods disagree (" + ", ".join(f"{m} {lab}" for m, lab in given.items()) + ")")
        )
    for m in methods:
        c = conf[m][i]
        if not np.isnan(c) and c < unsure:
            out.append(("unsure", f"{m} unsure ({c:.2f})"))  # weighed through the doubt
    found: dict[str, str] = {}
    nearest = None
    for m in methods:
        v = verdicts.get(m, [None] * (i + 1))[i]
        if v is None:
            continue
        for key, text in _contested(v):
            found.setdefault(key, text)
        nearest = nearest or _nearest(v)
    if nearest is not None and nearest[1] < rare_similarity:
        out.append(
            ("rare", f"unlike the training data (nearest known case {nearest[0]}, cosine {nearest[1]:.2f})")
        )
    out += list(found.items())
    return out
