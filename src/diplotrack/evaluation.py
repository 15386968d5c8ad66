"""Evaluate the classifiers on any labelled table: the bundled test split or a user's own file.

``evaluate`` labels the rows (or reads labels already in the table), measures each method
against a gold column with :mod:`diplotrack.metrics`, and reports per subset and per value
of a grouping column. ``recover_verdicts`` re-runs the classifiers on a table labelled
earlier, so ``compare`` can quote each method's deciding evidence.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._tables import cell, markdown_table
from ._words import counted
from .engagement import shown_columns, table_column
from .metrics import as_labels, evaluate_predictions, ordered_labels, refuse_unlabelled
from .verdict import Verdict

__all__ = [
    "Evaluation",
    "evaluate",
    "evaluate_predictions",
    "format_report",
    "recover_verdicts",
]

_HEADLINE = (
    ("macro_f1", "macro-F1 (labels present)"),
    ("macro_f1_tracks", "macro-F1 (tracks present)"),
    ("accuracy", "accuracy"),
    ("track1_vs_rest_f1", "Track 1 vs rest F1"),
    ("abstention_on_none", "abstained on none"),
    ("engagements_abstained", "engagements lost"),
    ("nonengagements_labelled", "none given a track"),
)


def macro_f1_note(
    reports: Mapping[str, Mapping[str, Any]],
    *,
    figure: str = "macro-F1",
    tracks_figure: str = "the second line",
    width: int | None = 100,
) -> str:
    """What the macro-F1 figures average over: the labels present in the gold or predicted
    labels of these cases (scikit-learn's macro average over those labels), per method if
    they differ. ``figure`` and ``tracks_figure`` name the two figures as the report shows
    them; ``width=None`` gives one line (Markdown).

    Examples
    --------
    >>> right = evaluate_predictions(["Track 2"], ["Track 2"])
    >>> wrong = evaluate_predictions(["Track 2"], ["none"])
    >>> print(macro_f1_note({"rules": right, "model": wrong}))
    macro-F1 averages F1 over the labels present in the gold or predicted labels (rules: Track 2;
    model: Track 2, none), the second line over the tracks among them.
    """
    sets = {n: ", ".join(r["labels"]) or "no label" for n, r in reports.items()}
    shown = (
        next(iter(sets.values()))
        if len(set(sets.values())) == 1
        else "; ".join(f"{n}: {labels}" for n, labels in sets.items())
    )
    note = (
        f"{figure} averages F1 over the labels present in the gold or predicted labels ({shown}), "
        f"{tracks_figure} over the tracks among them."
    )
    return note if width is None else textwrap.fill(note, width=width)


_GROUP_NOTE = (
    "In each group, macro-F1 averages over the labels present in that group's gold or predicted "
    "labels: a group of a few cases may have only one or two, so its macro-F1 is often 1.000 or 0.000."
)


def format_report(reports: Mapping[str, Mapping[str, Any]], title: str = "") -> str:
    """Side-by-side plain-text report for one or more methods' ``evaluate_predictions``.

    Examples
    --------
    >>> r = evaluate_predictions(["Track 1", "none"], ["Track 1", "Track 2"])
    >>> print(format_report({"rules": r}).splitlines()[0].split())
    ['rules', 'P/R/F1', 'support']
    """
    lines = [title] if title else []
    names = list(reports)
    # Each method's report covers the labels in the gold labels or its own predictions: the
    # rows are every label any method's report has; a label a method's report lacks is blank.
    labels = ordered_labels(*(reports[n]["labels"] for n in names))
    header = f"{'':<12}" + "".join(f"{n + ' P/R/F1':>26}" for n in names) + f"{'support':>9}"
    lines.append(header)
    for lab in labels:
        row = f"{lab:<12}"
        support = 0
        for n in names:
            c = reports[n]["per_class"].get(lab)
            if c is None:
                row += " " * 26
                continue
            row += f"{cell(c['precision']):>10}{cell(c['recall']):>8}{cell(c['f1']):>8}"
            support = c["support"]  # the gold labels' count: the same in every report
        lines.append(row + f"{support:>9}")
    for key, name in _HEADLINE:  # each figure under its method's F1 column
        figures = [cell(reports[n].get(key)) for n in names]
        lines.append(f"{name:<26}" + "".join(f"{v:>{12 if i == 0 else 26}}" for i, v in enumerate(figures)))
    lines.append(macro_f1_note(reports))
    for n in names:
        own = reports[n]["labels"]
        lines.append(f"\nconfusion ({n}); rows = gold, columns = predicted: {', '.join(own)}")
        for lab, row in zip(own, reports[n]["confusion"]):
            lines.append(f"  {lab:<10}" + "".join(f"{v:>6}" for v in row))
    return "\n".join(lines)


@dataclass(frozen=True)
class Evaluation:
    """Each method measured against a gold column, overall and per group.

    Attributes
    ----------
    gold : str
        The column of hand-coded labels.
    reports : dict
        Per method, the figures of :func:`~diplotrack.metrics.evaluate_predictions`.
    groups : dict
        Per value of the ``by`` column, per method, the same figures (empty without ``by``).
    by : str or None
        The grouping column.
    subset : dict
        The conditions the rows were selected by: per column a value, or a list of values
        any of which the row holds; every column's condition holds.
    sources : dict
        Per method, where its labels came from: a column of the table, or labelled now.
    rows : int
        Rows evaluated (after ``subset``), including those without a gold label.
    """

    gold: str
    reports: dict[str, dict[str, Any]]
    groups: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    by: str | None = None
    subset: dict[str, str | list[str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    rows: int = 0

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods evaluated, in order."""
        return tuple(self.reports)

    def _title(self) -> str:
        first = next(iter(self.reports.values()))
        where = _where(self.subset)
        n = counted(first["n"], "case")
        text = f"diplotrack evaluate: {n} with a gold label in column {self.gold!r}" + (
            f" (rows where {where})" if where else ""
        )
        if first["missing_gold"]:
            text += f"; {counted(first['missing_gold'], 'row')} without a gold label left out"
        sources = "; ".join(f"{m}: {s}" for m, s in self.sources.items())
        return text + (f"\nlabels: {sources}" if sources else "")

    def group_frame(self) -> pd.DataFrame:
        """One row per (group, method): n, macro-F1, accuracy, errors by kind.

        Examples
        --------
        >>> ev = evaluate(pd.DataFrame({"track": ["Track 1", "none"], "rules_track": ["Track 1", "none"],
        ...                              "style": ["news", "blog"]}), methods="rules", by="style")
        >>> ev.group_frame()[["n", "accuracy"]].to_dict("index")
        {('blog', 'rules'): {'n': 1, 'accuracy': 1.0}, ('news', 'rules'): {'n': 1, 'accuracy': 1.0}}
        """
        # The index is built from the pairs, apart from the figures: a grouping column named
        # like one of them ("method", "n") would otherwise overwrite it.
        keys, rows = [], []
        for value, per_method in self.groups.items():
            for m, r in per_method.items():
                keys.append((value, m))
                rows.append(_headline(r))
        if not rows:
            return pd.DataFrame(rows)
        return pd.DataFrame(rows, index=pd.MultiIndex.from_tuples(keys, names=self._levels()))

    def _levels(self) -> list[str]:
        """The index's level names: the grouping column's and "method" (the grouping column
        "method" is "method (group)")."""
        group = self.by or "group"
        return [group if group != "method" else "method (group)", "method"]

    def to_frame(self) -> pd.DataFrame:
        """The headline figures, one row per method, and per (group, method) with ``by``."""
        overall = pd.DataFrame([{"method": m, **_headline(r)} for m, r in self.reports.items()])
        overall = overall.set_index("method")
        if not self.groups:
            return overall
        top = overall.set_axis(
            pd.MultiIndex.from_tuples([("(all)", m) for m in overall.index], names=self._levels())
        )
        return pd.concat([top, self.group_frame()])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: per method its figures, with ``by_group`` and where the labels came from.

        ``macro_f1`` averages F1 over ``labels``, the labels present in the gold or predicted
        labels of those cases (all four when all occur; fewer in a small group),
        ``macro_f1_tracks`` over the tracks among them; the same in every ``by_group`` entry.
        """
        out = {}
        for m, r in self.reports.items():
            out[m] = {
                **r,
                "gold_column": self.gold,
                "subset": dict(self.subset),
                "source": self.sources.get(m),
            }
            if self.groups:
                out[m]["by_group"] = {g: per[m] for g, per in self.groups.items()}
        return out

    def summary(self) -> str:
        """Readable text: the per-class table, headline figures, confusion matrices, groups."""
        text = format_report(self.reports, self._title() + "\n")
        if self.groups:
            table = self.group_frame()[
                ["n", "macro_f1", "accuracy", "engagements_abstained", "nonengagements_labelled"]
            ]
            text += f"\n\nby {self.by}:\n" + table.to_string(float_format=lambda x: f"{x:.3f}")
            text += "\n" + textwrap.fill(_GROUP_NOTE, width=100)
        return text

    def to_markdown(self) -> str:
        """A Markdown report: headline figures per method (and per group), per-class F1."""
        parts = [f"# Evaluation against `{self.gold}`", "", self._title().replace("\n", "  \n"), ""]
        parts += [markdown_table(self.to_frame()), ""]
        note = macro_f1_note(self.reports, figure="`macro_f1`", tracks_figure="`macro_f1_tracks`", width=None)
        parts += [note, ""]
        if self.groups:
            parts += [_GROUP_NOTE, ""]
        per_class = pd.DataFrame(
            {m: {lab: c["f1"] for lab, c in r["per_class"].items()} for m, r in self.reports.items()}
        )
        per_class.index.name = "F1 per label"
        parts += [markdown_table(per_class), ""]
        return "\n".join(parts)


def _headline(report: Mapping[str, Any]) -> dict[str, Any]:
    return {"n": report["n"], **{key: report.get(key) for key, _ in _HEADLINE}}


MISSING_GROUP = "(missing)"


_WHOLE_FLOAT = re.compile(r"(-?\d{1,15})\.0+")


def _key(value: Any) -> str:
    """A value as the text it is grouped or selected by: a whole number held as a float (a
    year in a column with missing cells, which pandas reads as floats, or such a column
    written to a file and read back as text) as the number it is.

    Examples
    --------
    >>> _key(2001.0), _key(2001), _key(" 2001 "), _key("2001.0"), _key(0.5), _key("news")
    ('2001', '2001', '2001', '2001', '0.5', 'news')
    """
    if isinstance(value, float | np.floating) and np.isfinite(value) and float(value).is_integer():
        if abs(value) < 1e15:
            return str(int(value))
    text = str(value).strip()
    whole = _WHOLE_FLOAT.fullmatch(text)
    return whole.group(1) if whole else text


def _group_keys(values: pd.Series) -> pd.Series:
    """Each cell as the text it is grouped or selected by (:func:`_key`); empty and missing
    cells (NaN, None, blanks) as ``"(missing)"``, a group of their own."""
    return values.map(
        lambda v: (
            MISSING_GROUP if (pd.api.types.is_scalar(v) and pd.isna(v)) or not str(v).strip() else _key(v)
        )
    )


def _subset(subset: Any) -> dict[str, str | list[str]]:
    """The subset as given, checked: per column a value, or a list of values (any of them).

    Examples
    --------
    >>> _subset({"style": ["news", "report", "news"], "subset": "clear", "round": 3})
    {'style': ['news', 'report'], 'subset': 'clear', 'round': '3'}
    """
    if subset is None:
        return {}
    if not isinstance(subset, Mapping):
        raise TypeError(
            "Invalid subset: expected a mapping of column to value or list of values, such as "
            f"{{'subset': 'clear', 'style': ['news', 'report']}}, got {type(subset).__name__}."
        )
    out: dict[str, str | list[str]] = {}
    for column, value in subset.items():
        if isinstance(value, Mapping) or isinstance(value, bytes):
            raise TypeError(
                f"Invalid subset[{column!r}]: expected a value or a list of values, got "
                f"{type(value).__name__}."
            )
        if not pd.api.types.is_list_like(value):
            out[column] = _key(value)
            continue
        values = list(dict.fromkeys(_key(v) for v in value))
        if not values:
            raise ValueError(
                f"Invalid subset[{column!r}]: an empty list selects no row; expected a value or a "
                f"list of values, e.g. {{{column!r}: ['news', 'report']}}."
            )
        out[column] = values
    return out


def _some(values: list[str], shown: int = 12) -> str:
    """The first ``shown`` values, and how many more there are.

    Examples
    --------
    >>> _some(["blog", "news"])
    "['blog', 'news']"
    >>> _some([f"round {i:02}" for i in range(14)], shown=3)
    "['round 00', 'round 01', 'round 02'] and 11 more"
    """
    more = len(values) - shown
    return f"{values[:shown]}" + (f" and {more} more" if more > 0 else "")


def _select(data: pd.DataFrame, subset: Mapping[str, str | list[str]]) -> pd.DataFrame:
    """The rows where every column holds its value, or any of its values."""
    mask = pd.Series(True, index=data.index)
    alone: list[str] = []
    for column, wanted in subset.items():
        if column not in data.columns:
            raise ValueError(
                f"Invalid subset: no column {column!r}; the data has columns {shown_columns(data.columns)}."
            )
        values = _group_keys(table_column(data, column, "subset column"))
        wanted = [v.strip() for v in ([wanted] if isinstance(wanted, str) else wanted)]
        # Each value is checked against the whole table, so that the conditions' order does
        # not matter; a value no row holds is a typo to report with the values there are.
        absent = [v for v in wanted if not (values == v).any()]
        if absent:
            which = f"{column}={absent[0]!r}" if len(absent) == 1 else f"{column} is any of {absent}"
            raise ValueError(
                f"Invalid subset: no rows where {which}; "
                f"column {column!r} holds {_some(sorted(values.unique().tolist()))}."
            )
        chosen = values.isin(wanted)
        alone.append(f"{_where({column: wanted})}: {counted(int(chosen.sum()), 'row')}")
        mask &= chosen
    if len(alone) > 1 and not mask.any():
        raise ValueError(
            f"Invalid subset: no row meets all of {_where(subset)}; each condition alone holds "
            f"({'; '.join(alone)}), but no row meets them together. Drop a condition or choose "
            "other values."
        )
    return data[mask]


def _where(subset: Mapping[str, str | list[str]] | None) -> str:
    """The subset conditions as words.

    Examples
    --------
    >>> _where({"subset": "clear"})
    'subset=clear'
    >>> _where({"style": ["news", "report"], "subset": "clear"})
    '(style=news or style=report) and subset=clear'
    """
    subset = subset or {}
    parts = []
    for column, value in subset.items():
        values = [value] if isinstance(value, str) else list(value)
        either = " or ".join(f"{column}={v}" for v in values)
        parts.append(f"({either})" if len(values) > 1 and len(subset) > 1 else either)
    return " and ".join(parts)


def _no_gold_message(read: int, selected: int, gold: str, subset: Mapping[str, Any] | None) -> str:
    """Why there is nothing to measure: no row (of the subset) has a gold label."""
    where = _where(subset)
    name = "Name the column holding the hand-coded labels with gold= (--gold on the command line)"
    if where:
        rows = f"none of the {selected} rows where {where} (of {read} rows read)"
        fix = f"Choose a subset that holds coded rows; {name[0].lower() + name[1:]}; or code some of them"
    else:
        rows = f"none of the {read} rows read" if read else "the data has no rows, so none"
        fix = f"{name}, or code some rows first"
    return (
        f"No case to evaluate: {rows} has a gold label in column {gold!r} (every cell is empty "
        f"or marks a case not coded, such as 'N/A'), so there is nothing to measure. {fix}."
    )


def _check_classifiers(classifiers: Any) -> None:
    """``classifiers`` maps method names to diplotrack classifiers (or None), or is None."""
    if classifiers is None:
        return
    if not isinstance(classifiers, Mapping):
        raise TypeError(
            "Invalid classifiers: expected a mapping of method name to classifier, such as "
            f"{{'rules': get_classifier('rules', rules='my_rules.toml')}}, got {type(classifiers).__name__}."
        )
    for method, clf in classifiers.items():
        if clf is not None and not hasattr(clf, "classify_many"):
            spec = {"rules": "rules='my_rules.toml'", "model": "model='my_model.joblib'"}.get(
                method, "rules=..., model=..."
            )
            raise TypeError(
                f"Invalid classifiers[{method!r}]: expected a diplotrack classifier, got "
                f"{type(clf).__name__} {clf!r}. For a file of your own pass "
                f"get_classifier({method!r}, {spec})."
            )


def _check_columns(data: pd.DataFrame, gold: str, by: str | None) -> None:
    found = shown_columns(data.columns)
    if gold not in data.columns:
        raise ValueError(
            f"Missing gold column {gold!r}: the data has columns {found}. Name the column "
            "holding the hand-coded labels with gold= (--gold on the command line)."
        )
    if by is not None and by not in data.columns:
        raise ValueError(f"Invalid by: no column {by!r}; the data has columns {found}.")
    table_column(data, gold, "gold column")
    if by is not None:
        table_column(data, by, "grouping column")


def _predictions(
    frame: pd.DataFrame, method: str, classifier: Any, columns: Mapping[str, str] | None
) -> tuple[Any, str]:
    column = f"{method}_track"
    if classifier is None and column in frame.columns:
        labels = as_labels(table_column(frame, column), f"column {column!r}")
        refuse_unlabelled(
            labels, column, "Label the file again (diplotrack label), or drop the column to label it now."
        )
        return labels, f"column {column!r}"
    if classifier is None:
        from .api import get_classifier

        classifier = get_classifier(method)
    from .batch import _check_frame, _field_columns

    cols = _field_columns(columns)
    _check_frame(frame, cols, ())
    verdicts = classifier.classify_many(frame, columns=cols)
    return [v.label for v in verdicts], "labelled now"


def _labelled_together(
    frame: pd.DataFrame,
    names: Sequence[str],
    classifiers: Mapping[str, Any],
    columns: Mapping[str, str] | None,
) -> dict[str, list[str]]:
    """Labels of the rules and the model when both label the rows now: the rules run once,
    the model reusing their evidence (:func:`diplotrack.base.rules_then`). Empty otherwise."""
    if not {"rules", "model"} <= set(names):
        return {}
    if any(classifiers.get(m) is None and f"{m}_track" in frame.columns for m in ("rules", "model")):
        return {}  # a method's labels are read from the table
    from .api import get_classifier
    from .base import rules_then
    from .batch import _check_frame, _field_columns
    from .engagement import as_engagements

    cols = _field_columns(columns)
    _check_frame(frame, cols, ())
    given = {m: classifiers.get(m) for m in ("rules", "model")}
    rules, model = (c if c is not None else get_classifier(m) for m, c in given.items())
    first, second = rules_then(rules, model, as_engagements(frame, columns=cols))
    return {"rules": [v.label for v in first], "model": [v.label for v in second]}


def evaluate(
    data: pd.DataFrame,
    gold: str = "track",
    methods: str | Sequence[str] = ("rules", "model"),
    *,
    subset: Mapping[str, str] | None = None,
    by: str | None = None,
    columns: Mapping[str, str] | None = None,
    classifiers: Mapping[str, Any] | None = None,
    definition: str | None = None,
) -> Evaluation:
    """Measure the classifiers against a column of hand-coded labels.

    Parameters
    ----------
    data : DataFrame
        One case per row: the text fields and a gold column. A method whose labels are
        already in the table (``<method>_track``, the output of ``label``) is measured
        on them; otherwise its classifier labels the rows now.
    gold : str, default="track"
        The column of hand-coded labels (``Track 1``, ``Track 1.5``, ``Track 2``,
        ``none``); empty cells are cases not coded and are left out.
    methods : "both", a method name or a sequence of them
    subset : mapping, optional
        Keep only rows where every ``column: value`` holds, e.g. ``{"subset": "clear"}``;
        a list of values keeps rows holding any of them: ``{"style": ["news", "report"],
        "subset": "clear"}`` is news or report rows that are clear. A value no row (left)
        holds is an error, as likely a typing mistake.
    by : str, optional
        Also report per value of this column (e.g. ``"style"``).
    columns : mapping, optional
        Field name to column name when labelling, e.g. ``{"description": "summary"}``.
    classifiers : mapping, optional
        Method name to a classifier to use instead of the default one (labels now even
        if the table holds that method's labels).
    definition : str or path, optional
        Label now under this definition of the tracks (``diplotrack definitions``); measure
        it against a gold column coded the same way (the dataset's
        ``track_private_capacity_track_2`` for ``"private-capacity-track-2"``).

    Returns
    -------
    Evaluation

    Raises
    ------
    ValueError
        A missing gold, subset or ``by`` column, a subset no row matches, gold labels
        outside the four, or no row (of the subset) with a gold label: nothing to measure.
        All are raised before any row is labelled.

    Examples
    --------
    >>> cases = pd.DataFrame({
    ...     "description": ["The two foreign ministers signed a border treaty in Hanoi.",
    ...                     "Retired diplomats and scholars met for a workshop in Oslo.",
    ...                     "Heavy rain is expected across the north tomorrow."],
    ...     "coded": ["Track 1", "Track 2", "none"]})
    >>> ev = evaluate(cases, gold="coded", methods="rules")
    >>> ev.reports["rules"]["accuracy"], ev.sources["rules"]
    (1.0, 'labelled now')
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"Invalid data: expected a pandas DataFrame, got {type(data).__name__}.")
    from .batch import resolve_methods

    names = resolve_methods(methods)
    _check_classifiers(classifiers)
    _check_columns(data, gold, by)
    subset = _subset(subset)
    frame = _select(data, subset)
    truth = as_labels(table_column(frame, gold, "gold column"), f"gold column {gold!r}")
    if all(v is None for v in truth):
        raise ValueError(_no_gold_message(len(data), len(frame), gold, subset))
    reports, sources, predicted = {}, {}, {}
    if definition is not None:
        from .api import get_classifier

        classifiers = {m: get_classifier(m, definition=definition) for m in names} | dict(classifiers or {})
    together = _labelled_together(frame, names, classifiers or {}, columns)
    for m in names:
        if m in together:
            predicted[m], sources[m] = together[m], "labelled now"
        else:
            predicted[m], sources[m] = _predictions(frame, m, (classifiers or {}).get(m), columns)
        reports[m] = evaluate_predictions(truth, predicted[m])
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    if by is not None:
        keys = _group_keys(table_column(frame, by, "grouping column")).to_numpy()
        for value in sorted(set(keys)):
            rows = keys == value
            groups[value] = {
                m: evaluate_predictions(truth[rows], [p for p, r in zip(predicted[m], rows) if r])
                for m in names
            }
    return Evaluation(gold, reports, groups, by, subset, sources, len(frame))


def recover_verdicts(
    labelled: pd.DataFrame,
    methods: Sequence[str] = ("rules", "model"),
    *,
    columns: Mapping[str, str] | None = None,
    classifiers: Mapping[str, Any] | None = None,
) -> dict[str, list[Verdict | None]]:
    """Verdicts for a table labelled earlier, by running the current classifiers again.

    A verdict is kept only where it gives the label already in ``<method>_track``; rows
    labelled differently (by another version of the rules or model) get ``None``, so
    their explanation is shown instead of evidence that did not decide their label.
    ``classifiers`` maps a method to the classifier the table was labelled with, when it
    is not the default one (a model file, a rule file of your own; see ``get_classifier``).

    Examples
    --------
    >>> df = pd.DataFrame({"description": ["Foreign ministers signed the accord.", "Talks."],
    ...                    "rules_track": ["Track 1", "Track 2"]})
    >>> [v is not None for v in recover_verdicts(df, ["rules"])["rules"]]
    [True, False]
    """
    from .api import get_classifier
    from .batch import _check_frame, _field_columns

    cols = _field_columns(columns)
    _check_frame(labelled, cols, ())
    _check_classifiers(classifiers)
    unused = sorted(set(classifiers or {}) - set(methods))
    if unused:
        raise ValueError(
            f"Invalid classifiers: given for {unused}, which are not among the methods "
            f"{list(methods)}; add them to methods, or leave them out."
        )
    out: dict[str, list[Verdict | None]] = {}
    for m in methods:
        column = f"{m}_track"
        if column not in labelled.columns:
            raise ValueError(f"Missing column {column!r}: the table holds no labels by {m!r}.")
        given = as_labels(table_column(labelled, column), f"column {column!r}")
        clf = (classifiers or {}).get(m) or get_classifier(m)
        verdicts = clf.classify_many(labelled, columns=cols)
        out[m] = [v if v.label == g else None for v, g in zip(verdicts, given)]
    return out
