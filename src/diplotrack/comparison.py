"""Compare two methods' labels with each other, with gold labels and with hand coders.

The comparison works on any labelled table (the output of ``label``: columns
``<method>_track``, ``<method>_confidence``, ``<method>_explanation``, plus any hand-coded
columns) and knows nothing about files or about how verdicts are made. Given the verdicts
as well (``label_with_verdicts``), its table of disagreements quotes each method's deciding
evidence; given only a table, it shows the explanations side by side.

Examples
--------
>>> import pandas as pd
>>> labelled = pd.DataFrame({
...     "rules_track": ["Track 1", "Track 2", "Track 1.5", "none"],
...     "model_track": ["Track 1", "Track 2", "Track 2", "none"],
...     "coded": ["Track 1", "Track 2", "Track 1.5", "none"]})
>>> c = compare(labelled, gold="coded", n_resamples=0)
>>> c.agreement.value, len(c.disagreements), c.mcnemar.only_first_right
(0.75, 1, 1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from numbers import Integral
from typing import Any

import numpy as np
import pandas as pd

from ._tables import markdown_table
from ._verdict_rows import verdicts_by_row
from ._words import counted
from .engagement import FIELDS, as_engagement, check_mapping, shown_columns, table_column
from .evaluation import format_report, macro_f1_note
from .metrics import (
    Estimate,
    McNemar,
    as_labels,
    bootstrap_confusion,
    confusion,
    evaluate_predictions,
    krippendorff_alpha,
    mcnemar_exact,
    pairable_units,
)
from .verdict import LABELS, TAKING_PART, TRACKS, Verdict

__all__ = ["Comparison", "compare", "deciding_evidence"]

_CONTEXT = ("id", "case_id", "description")
_MAX_QUOTES = 4


@dataclass(frozen=True)
class Comparison:
    """Two methods compared with each other, and optionally with gold labels and coders.

    Attributes
    ----------
    methods : tuple of str
        The two methods, in order.
    n : int
        Cases both methods labelled, rows with no text left out.
    agreement, kappa : Estimate
        Share of cases with the same label (95% Wilson interval), and Cohen's kappa (95%
        bootstrap interval).
    crosstab : DataFrame
        First method's labels (rows) by the second's (columns), abstentions included.
    disagreements : DataFrame
        One row per case the methods label differently, indexed like the input: context
        columns, the gold label, each method's label, confidence and deciding evidence,
        and (with gold) which method was right.
    gold : str or None
        The gold column.
    reports : dict
        Per method, :func:`~diplotrack.metrics.evaluate_predictions` against gold, on the
        cases with a gold label.
    mcnemar : McNemar or None
        Whether the two methods' error rates differ on those cases.
    coders : tuple of str
        The hand-coded columns.
    pairwise : DataFrame or None
        Cohen's kappa for every pair of raters (coders and both methods) with intervals.
    alpha, alpha_coders : Estimate or None
        Krippendorff's alpha (nominal) across all coders and both methods, and across
        the human coders alone (with two or more coders).
    coded : int
        Cases at least one coder labelled (the units of the coder statistics).
    alpha_units, alpha_coders_units : int
        The cases each alpha is computed on: those two or more of its raters labelled.
    n_resamples, seed : int
        The bootstrap's settings.
    no_text : int
        Rows with no text in any field, left out of the comparison of the two methods
        (both abstain on them, which is no agreement on a case).
    text_found : bool
        Whether the table has a text column to tell such rows by (``description`` or
        another field, or the columns named); without one every labelled row is compared,
        and the summary says so.
    unlabelled : int
        Rows left out because a method's label cell is empty (a row added or edited by
        hand after labelling); the summary counts them.
    """

    methods: tuple[str, str]
    n: int
    agreement: Estimate
    kappa: Estimate
    crosstab: pd.DataFrame
    disagreements: pd.DataFrame
    gold: str | None = None
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    mcnemar: McNemar | None = None
    coders: tuple[str, ...] = ()
    pairwise: pd.DataFrame | None = None
    alpha: Estimate | None = None
    alpha_coders: Estimate | None = None
    coded: int = 0
    alpha_units: int = 0
    alpha_coders_units: int = 0
    n_resamples: int = 1000
    seed: int = 0
    no_text: int = 0
    text_found: bool = True
    unlabelled: int = 0

    @property
    def labels(self) -> list[str]:
        """The labels of the tables, abstention (``"none"``) last."""
        return [str(c) for c in self.crosstab.columns]

    def _lead(self) -> list[str]:
        a, b = self.methods
        ag = self.agreement
        interval = "" if math.isnan(ag.low) else f" (95% CI {ag.low:.1%} to {ag.high:.1%})"
        notes = []
        if self.no_text:
            notes.append(f"{counted(self.no_text, 'row')} with no text")
        if self.unlabelled:
            notes.append(f"{counted(self.unlabelled, 'row')} without both methods' labels")
        left_out = f" ({' and '.join(notes)} left out)" if notes else ""
        if not self.text_found:
            left_out = (
                " (no text column found, so rows with no text, which both methods abstain on, could "
                "not be left out: name it with --description-column, columns= in Python)"
            )
        return [
            f"Comparing {a} and {b} on {counted(self.n, 'case')}{left_out}.",
            f"They agree on {ag.value:.1%} of cases{interval}; Cohen's kappa {self.kappa}.",
            f"They disagree on {counted(len(self.disagreements), 'case')}.",
        ]

    def _gold_cases(self) -> str:
        """How many cases were scored against gold, and how many had no gold label."""
        first = next(iter(self.reports.values()))
        text = counted(first["n"], "case")
        if first["missing_gold"]:
            text += f"; {counted(first['missing_gold'], 'row')} without a gold label left out"
        return text

    def summary(self) -> str:
        """Readable text: agreement, the crosstab, accuracy against gold, coder statistics."""
        a, b = self.methods
        lines = self._lead() + [f"\n{a} (rows) by {b} (columns):", self.crosstab.to_string()]
        if self.reports:
            title = f"Against the gold labels in {self.gold!r} ({self._gold_cases()}):"
            lines += ["", format_report(self.reports, title)]
            lines += ["", f"McNemar's exact test: {self.mcnemar.sentence()}."]
        if self.pairwise is not None:
            coded = counted(self.coded, "case")
            lines += ["", f"Agreement with the hand coders ({coded} coded by at least one coder):"]
            lines += [self.pairwise.to_string(float_format=lambda x: f"{x:.3f}"), *self._alpha_lines()]
        return "\n".join(lines)

    def _alpha_lines(self) -> list[str]:
        raters = ", ".join([*self.coders, *self.methods])
        lines = [f"Krippendorff's alpha (nominal) across {raters}: {self.alpha}."]
        if self.alpha_coders is not None:
            # Only the cases two coders labelled pair up: say how many, which may be few.
            units = counted(self.alpha_coders_units, "case")
            lines.append(
                f"Krippendorff's alpha among the human coders alone: {self.alpha_coders} "
                f"(on the {units} labelled by two or more coders)."
            )
        return lines

    def to_frame(self) -> pd.DataFrame:
        """Every figure as a tidy table: statistic, subject, label, value, interval, n.

        Examples
        --------
        >>> same = ["Track 1", "none"]
        >>> c = compare(pd.DataFrame({"rules_track": same, "model_track": same}), n_resamples=0)
        >>> first = c.to_frame().iloc[0]
        >>> first["statistic"], first["subject"], float(first["value"])
        ('agreement', 'rules vs model', 1.0)
        """
        a, b = self.methods
        pair = f"{a} vs {b}"
        rows = [
            _row("agreement", pair, self.agreement, self.n),
            _row("cohen_kappa", pair, self.kappa, self.n),
        ]
        for m, r in self.reports.items():
            for lab, c in r["per_class"].items():
                for stat in ("precision", "recall", "f1"):
                    rows.append(_row(stat, m, Estimate(c[stat]), c["support"], lab))
            for stat in (
                "macro_f1",
                "macro_f1_tracks",
                "accuracy",
                "track1_vs_rest_f1",
                "abstention_on_none",
                "engagements_abstained",
                "nonengagements_labelled",
            ):
                value = r[stat]
                rows.append(_row(stat, m, Estimate(math.nan if value is None else float(value)), r["n"]))
        if self.mcnemar is not None:
            n_gold = next(iter(self.reports.values()))["n"]
            rows.append(_row("mcnemar_p", pair, Estimate(self.mcnemar.p_value), n_gold))
        if self.pairwise is not None:
            for (r1, r2), rec in self.pairwise.iterrows():
                est = Estimate(rec["kappa"], rec["kappa_low"], rec["kappa_high"])
                rows.append(_row("cohen_kappa", f"{r1} vs {r2}", est, int(rec["n"])))
            raters = ", ".join([*self.coders, *self.methods])
            rows.append(_row("krippendorff_alpha", raters, self.alpha, self.alpha_units))
            if self.alpha_coders is not None:
                rows.append(
                    _row(
                        "krippendorff_alpha",
                        ", ".join(self.coders),
                        self.alpha_coders,
                        self.alpha_coders_units,
                    )
                )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: every figure, the crosstab and the disagreements as records."""
        out: dict[str, Any] = {
            "methods": list(self.methods),
            "n": self.n,
            "no_text": self.no_text,
            "unlabelled": self.unlabelled,
            "text_found": self.text_found,
            "agreement": self.agreement.to_dict(),
            "cohen_kappa": self.kappa.to_dict(),
            "crosstab": {
                str(k): {str(c): int(v) for c, v in row.items()} for k, row in self.crosstab.iterrows()
            },
            "disagreements": json_records(self.disagreements.reset_index()),
            "bootstrap": {"resamples": self.n_resamples, "seed": self.seed},
        }
        if self.reports:
            out["gold"] = {"column": self.gold, "reports": self.reports, "mcnemar": self.mcnemar.to_dict()}
        if self.pairwise is not None:
            out["coders"] = {
                "columns": list(self.coders),
                "coded": self.coded,
                "pairwise": json_records(self.pairwise.reset_index()),
                "krippendorff_alpha": {**self.alpha.to_dict(), "n": self.alpha_units},
                "krippendorff_alpha_coders": None
                if self.alpha_coders is None
                else {**self.alpha_coders.to_dict(), "n": self.alpha_coders_units},
            }
        return out

    def to_markdown(self, max_disagreements: int = 100) -> str:
        """A Markdown report for a paper's appendix or a lab notebook."""
        a, b = self.methods
        parts = [f"# Comparing {a} and {b}", "", " ".join(self._lead()), ""]
        table = self.crosstab.copy()
        table.index.name = f"{a} \\ {b}"
        parts += [f"## {a} by {b}", "", markdown_table(table), ""]
        if self.reports:
            parts += [f"## Against the gold labels in `{self.gold}`", "", f"{self._gold_cases()}.", ""]
            parts += [markdown_table(_gold_table(self.reports)), ""]
            parts += [macro_f1_note(self.reports, tracks_figure="macro-F1 (tracks present)", width=None), ""]
            parts += [f"McNemar's exact test: {self.mcnemar.sentence()}.", ""]
        if self.pairwise is not None:
            parts += [f"## Agreement with hand coders ({counted(self.coded, 'case')})", ""]
            parts += [markdown_table(self.pairwise), "", *self._alpha_lines(), ""]
        shown = self.disagreements.head(max_disagreements)
        parts += [f"## Disagreements ({counted(len(self.disagreements), 'case')})", ""]
        if len(shown) < len(self.disagreements):
            parts += [f"The first {len(shown)} are shown.", ""]
        parts += [markdown_table(shown), ""]
        return "\n".join(parts)

    def plot(self, path: Any = None):
        """Confusion matrices side by side and per-class F1 bars (needs ``diplotrack[plot]``).

        Returns the matplotlib ``Figure``; with ``path``, also writes it there (PNG, SVG, PDF).
        """
        from .plotting import plot_comparison

        return plot_comparison(self, path)


def _row(statistic: str, subject: str, est: Estimate, n: int, label: str = "") -> dict[str, Any]:
    return {
        "statistic": statistic,
        "subject": subject,
        "label": label,
        "value": est.value,
        "ci_low": est.low,
        "ci_high": est.high,
        "n": n,
    }


def _gold_table(reports: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    rows = {}
    for m, r in reports.items():
        for lab, c in r["per_class"].items():
            rows.setdefault(f"F1 {lab}", {})[m] = c["f1"]
        for key, name in (
            ("macro_f1", "macro-F1 (labels present)"),
            ("macro_f1_tracks", "macro-F1 (tracks present)"),
            ("accuracy", "accuracy"),
            ("track1_vs_rest_f1", "Track 1 vs rest F1"),
            ("engagements_abstained", "engagements lost"),
            ("nonengagements_labelled", "none given a track"),
        ):
            rows.setdefault(name, {})[m] = r[key]
    # object columns: counts stay counts ("1"), not floats printed as "1.000"
    return pd.DataFrame(rows, dtype=object).T


def json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-safe records (missing values ``None``, numpy scalars as Python)."""
    return [{str(k): _plain(v) for k, v in rec.items()} for rec in frame.to_dict("records")]


def _plain(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v if v is None or isinstance(v, str | int | float | bool) else str(v)


def _quotes(items: Sequence[str]) -> str:
    seen = list(dict.fromkeys(items))
    more = len(seen) - _MAX_QUOTES
    return ", ".join(f'"{q}"' for q in seen[:_MAX_QUOTES]) + (f" and {more} more" if more > 0 else "")


def deciding_evidence(verdict: Verdict) -> str:
    """The evidence that decided a verdict, in one line, whichever method made it.

    Read from the evidence kinds every verdict shares: the decision taken and the counted
    participants and capacity (rules), the strongest weighted terms and the nearest known
    case (model).

    Examples
    --------
    >>> from diplotrack.verdict import Evidence, Track
    >>> v = Verdict(Track.TRACK_2, 0.8, "rules", "...", (
    ...     Evidence("nonstate-role", "participant", "scholars", supports="Track 2", weight=1.0),
    ...     Evidence("only-nonstate", "decision", "", "", supports="Track 2",
    ...              note="only non-state people took part")))
    >>> deciding_evidence(v)
    'only non-state people took part; non-state: "scholars"'
    """
    ev = verdict.evidence
    parts = [e.note for e in ev if e.kind == "decision" and e.note]
    roles = [e for e in ev if e.kind == "participant"]
    groups = (
        ("officials", [e.text for e in roles if e.status in TAKING_PART and e.supports == TRACKS[0]]),
        ("non-state", [e.text for e in roles if e.status == "counted" and e.supports == TRACKS[2]]),
        ("former officials", [e.text for e in roles if e.status == "former"]),
        ("capacity", [e.text for e in ev if e.kind == "capacity"]),
    )
    parts += [f"{name}: {_quotes(items)}" for name, items in groups if items]
    toward = sorted((e for e in ev if e.kind == "feature" and e.weight > 0), key=lambda e: -e.weight)
    if toward:
        terms = list(dict.fromkeys(f'"{e.text}" ({e.weight:+.2f})' for e in toward))[:_MAX_QUOTES]
        parts.append("top terms: " + ", ".join(terms))
    parts += [e.note for e in ev if e.kind == "rule_decision" and e.note]
    similar = [e for e in ev if e.kind == "similar_case"]
    if similar:
        e = max(similar, key=lambda e: e.weight)
        parts.append(f'nearest known case {e.source} ({e.supports}, cosine {e.weight:.2f}): "{e.text}"')
    if not parts:
        return verdict.explanation
    return "; ".join(parts)


def _columns(labelled: pd.DataFrame, methods: Sequence[str], gold: str | None, coders: Sequence[str]) -> None:
    found = [str(c) for c in labelled.columns]
    for m in methods:
        if f"{m}_track" not in labelled.columns:
            have = [c for c in found if c.endswith("_track")]
            raise ValueError(
                f"Missing column '{m}_track': expected the labels of method {m!r}; the table has "
                f"label columns {have}. Label it first (diplotrack label FILE -o labelled.csv "
                "--method both) or name the methods present."
            )
    named = ([("gold", gold)] if gold is not None else []) + [("coder", c) for c in coders]
    for role, col in named:
        if col not in labelled.columns:
            raise ValueError(f"Missing {role} column {col!r}: the table has columns {shown_columns(found)}.")


def _check_methods(methods: Sequence[str]) -> tuple[str, str]:
    if isinstance(methods, str) or len(methods) != 2 or methods[0] == methods[1]:
        raise ValueError(
            "Invalid methods: expected two different method names such as ('rules', 'model'), "
            f"got {methods!r}."
        )
    return str(methods[0]), str(methods[1])


def _evidence_column(
    labelled: pd.DataFrame, method: str, verdicts: Mapping[str, Sequence[Verdict | None]] | None
) -> list[str]:
    name = f"{method}_explanation"
    explanation = table_column(labelled, name) if name in labelled.columns else None
    fallback = (
        [""] * len(labelled) if explanation is None else ["" if pd.isna(x) else str(x) for x in explanation]
    )
    given = (verdicts or {}).get(method)
    if given is None:
        return fallback
    return [deciding_evidence(v) if v is not None else f for v, f in zip(given, fallback)]


def _disagreements(
    labelled: pd.DataFrame,
    methods: tuple[str, str],
    labels: dict[str, np.ndarray],
    gold: str | None,
    verdicts: Mapping[str, Sequence[Verdict | None]] | None,
    show: Sequence[str],
    compared: np.ndarray,
) -> pd.DataFrame:
    a, b = methods
    differ = compared & np.asarray([x != y for x, y in zip(labels[a], labels[b])])
    table = labelled.loc[differ, [c for c in show if c in labelled.columns]].copy()
    if gold is not None:
        table[gold] = labels[gold][differ]
    for m in methods:
        conf = table_column(labelled, f"{m}_confidence") if f"{m}_confidence" in labelled.columns else None
        table[f"{m}_track"] = labels[m][differ]
        table[f"{m}_confidence"] = (
            np.nan if conf is None else pd.to_numeric(conf, errors="coerce").to_numpy()[differ]
        )
        table[f"{m}_evidence"] = np.asarray(_evidence_column(labelled, m, verdicts), dtype=object)[differ]
    if gold is not None:
        table["right"] = [
            "" if g is None else a if g == x else b if g == y else "neither"
            for g, x, y in zip(labels[gold][differ], labels[a][differ], labels[b][differ])
        ]
    return table


def _without_text(labelled: pd.DataFrame, columns: Mapping[str, str] | None) -> tuple[np.ndarray, bool]:
    """Rows whose text fields (those present among ``columns``) are all empty or missing, and
    whether there is a text column at all (without one, no row can be told to have no text)."""
    keys = check_mapping(columns)
    for name, col in keys.items():
        if name not in FIELDS:
            raise ValueError(f"Invalid columns: {name!r} is no text field; expected some of {list(FIELDS)}.")
        if col not in labelled.columns:
            raise ValueError(
                f"Missing {name} column {col!r}: the table has columns {shown_columns(labelled.columns)}."
            )
    present = {n: c for n in FIELDS if (c := keys.get(n, n)) in labelled.columns}
    if not present:
        return np.zeros(len(labelled), dtype=bool), False
    cells = {n: table_column(labelled, c, f"{n} column").tolist() for n, c in present.items()}
    rows = zip(*cells.values())
    return np.asarray([as_engagement(dict(zip(cells, row))).is_empty() for row in rows], dtype=bool), True


def _pairwise(raters: Mapping[str, np.ndarray], rng: np.random.Generator, n_resamples: int) -> pd.DataFrame:
    rows = []
    for r1, r2 in combinations(raters, 2):
        both = np.asarray([x is not None and y is not None for x, y in zip(raters[r1], raters[r2])])
        cm = confusion(raters[r1][both], raters[r2][both], LABELS)
        agree, kappa = bootstrap_confusion(cm, rng, n_resamples)
        rows.append(
            {
                "rater": r1,
                "other": r2,
                "n": int(both.sum()),
                "agreement": agree.value,
                "kappa": kappa.value,
                "kappa_low": kappa.low,
                "kappa_high": kappa.high,
            }
        )
    return pd.DataFrame(rows).set_index(["rater", "other"])


def _both_command(methods: tuple[str, str]) -> str:
    """The command that labels a file with both ``methods``, where one does."""
    if sorted(methods) == ["model", "rules"]:
        return ": diplotrack label FILE -o labelled.csv --method both"
    return ""


#: The fewest bootstrap resamples from which a 95% percentile interval is given.
MIN_RESAMPLES = 100


def compare(
    labelled: pd.DataFrame,
    methods: Sequence[str] = ("rules", "model"),
    gold: str | None = None,
    coders: Sequence[str] = (),
    *,
    verdicts: Mapping[str, Sequence[Verdict | None]] | None = None,
    show: Sequence[str] = _CONTEXT,
    columns: Mapping[str, str] | None = None,
    n_resamples: int = 1000,
    seed: int = 0,
) -> Comparison:
    """Compare two methods' labels: agreement, disagreements, accuracy, inter-coder reliability.

    Parameters
    ----------
    labelled : DataFrame
        A labelled table: ``<method>_track`` for both methods (``<method>_confidence`` and
        ``<method>_explanation`` used when present), and any hand-coded columns. Label
        cells are ``Track 1``, ``Track 1.5``, ``Track 2`` or ``none``; empty cells are
        cases not labelled and are left out of the figures that need them. Rows with no
        text in any of the text fields present (``description``, ``participants``,
        ``formality``, ``purpose``) are left out of the methods' agreement, kappa, crosstab
        and disagreements: both methods abstain on them, which says nothing of how they
        agree. ``Comparison.no_text`` counts them; gold and coder figures keep every row
        coded.
    methods : pair of str, default=("rules", "model")
    gold : str, optional
        Column of reference labels: per-method precision / recall / F1, macro-F1,
        accuracy and confusion, and McNemar's exact test, on the rows it labels.
    coders : sequence of str
        Hand-coded columns: pairwise Cohen's kappa and Krippendorff's alpha across the
        coders and both methods, on the rows at least one coder labelled (alpha needs
        ``pip install 'diplotrack[compare]'``).
    verdicts : mapping of method to list or Series of Verdict, optional
        The verdicts behind the labels, one per row (``None`` where unknown), as
        returned by :func:`~diplotrack.batch.label_with_verdicts`: the
        disagreements then quote each method's deciding evidence instead of its
        whole explanation. Lists are in row order; a
        :class:`pandas.Series` of verdicts per method is matched to rows by index (to
        reorder the table after labelling). A verdict that is not its row's raises.
    show : sequence of str
        Columns of ``labelled`` to show in the disagreements (those present).
    columns : mapping of str to str, optional
        The columns of the text fields, where they are not named after them, e.g.
        ``{"description": "summary"}``: used to tell the rows with no text.
    n_resamples : int, default=1000
        Bootstrap resamples for the 95% intervals: 0 for none, else at least 100
        (:data:`MIN_RESAMPLES`).
    seed : int, default=0
        Seed of the bootstrap; the same seed gives the same intervals.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> labelled = pd.DataFrame({
    ...     "rules_track": ["Track 1", "Track 1", "none", "none"],
    ...     "model_track": ["Track 1", "none", "none", "none"]})
    >>> round(compare(labelled, n_resamples=0).kappa.value, 2)
    0.5
    """
    if not isinstance(labelled, pd.DataFrame):
        raise TypeError(f"Invalid labelled: expected a pandas DataFrame, got {type(labelled).__name__}.")
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, Integral) or n_resamples < 0:
        raise ValueError(f"Invalid n_resamples: expected a non-negative integer, got {n_resamples!r}.")
    if 0 < n_resamples < MIN_RESAMPLES:
        # The 2.5th and 97.5th percentiles of a handful of resamples are not an interval: with
        # one, "kappa 0.89 (95% CI 0.94 to 0.94)".
        raise ValueError(
            f"Invalid n_resamples: {n_resamples} resamples cannot give a 95% interval; expected at "
            f"least {MIN_RESAMPLES} (the default is 1000), or 0 for the figures without intervals."
        )
    n_resamples = int(n_resamples)
    if len(labelled) == 0:
        raise ValueError(
            "Invalid labelled table: it has no rows (a file with a header only, or a filter that "
            "selected none), so there is nothing to compare."
        )
    methods = _check_methods(methods)
    coders = (coders,) if isinstance(coders, str) else tuple(coders)
    twice = sorted({c for c in coders if coders.count(c) > 1})
    if twice:
        raise ValueError(f"Invalid coders: {twice} listed more than once; list each coder once.")
    if gold is not None and gold in coders:
        raise ValueError(f"Invalid coders: the gold column {gold!r} is also listed as a coder; list it once.")
    _columns(labelled, methods, gold, coders)
    verdicts = verdicts_by_row(labelled, verdicts, methods)
    roles = {**{c: "coder column" for c in coders}, **({gold: "gold column"} if gold else {})}
    labels = {c: as_labels(table_column(labelled, c, role), f"column {c!r}") for c, role in roles.items()}
    for m in methods:
        labels[m] = as_labels(table_column(labelled, f"{m}_track"), f"column '{m}_track'")
    rng = np.random.default_rng(seed)
    a, b = methods
    both = np.asarray([x is not None and y is not None for x, y in zip(labels[a], labels[b])])
    if not both.any():
        counts = ", ".join(f"{m} {sum(v is not None for v in labels[m])}" for m in methods)
        raise ValueError(
            f"Invalid labelled: no row of the {len(labelled)} has a label from both methods "
            f"(rows labelled: {counts}), so there is nothing to compare. Label the same rows "
            f"with both{_both_command(methods)} (label_frame(frame, [{a!r}, {b!r}]) in Python)."
        )
    no_text, text_found = _without_text(labelled, columns)
    compared = both & ~no_text
    if (both & no_text).any() and not compared.any():
        raise ValueError(
            f"Invalid labelled: none of the {int(both.sum())} rows both methods labelled has any text, "
            "so there is nothing to compare. Check that the text is in the column read as the "
            "description (--description-column, or columns={'description': ...} in Python)."
        )
    cm = confusion(labels[a][compared], labels[b][compared], LABELS)
    agree, kappa = bootstrap_confusion(cm, rng, n_resamples)
    crosstab = pd.DataFrame(cm, index=pd.Index(LABELS, name=a), columns=pd.Index(LABELS, name=b))
    result: dict[str, Any] = {}
    if gold is not None:
        result.update(_against_gold(labels, methods, gold, both))
    if coders:
        result.update(_with_coders(labels, methods, coders, rng, n_resamples))
    return Comparison(
        methods,
        int(compared.sum()),
        agree,
        kappa,
        crosstab,
        _disagreements(labelled, methods, labels, gold, verdicts, show, compared),
        gold,
        n_resamples=n_resamples,
        seed=seed,
        no_text=int((both & no_text).sum()),
        text_found=text_found,
        unlabelled=int((~both).sum()),
        **result,
    )


def _against_gold(
    labels: Mapping[str, np.ndarray], methods: tuple[str, str], gold: str, both: np.ndarray
) -> dict[str, Any]:
    rows = both & np.asarray([v is not None for v in labels[gold]])
    if not rows.any():
        raise ValueError(
            f"Invalid gold column {gold!r}: no row has both a gold label and both methods' labels."
        )
    # The rows both methods labelled, gold or not: evaluate_predictions and mcnemar_exact leave
    # out those without a gold label, and the reports count them in missing_gold.
    truth = labels[gold][both]
    reports = {m: evaluate_predictions(truth, labels[m][both]) for m in methods}
    test = mcnemar_exact(truth, labels[methods[0]][both], labels[methods[1]][both], methods)
    return {"reports": reports, "mcnemar": test}


def _with_coders(
    labels: Mapping[str, np.ndarray],
    methods: tuple[str, str],
    coders: tuple[str, ...],
    rng: np.random.Generator,
    n_resamples: int,
) -> dict[str, Any]:
    coded = np.asarray(
        [any(labels[c][i] is not None for c in coders) for i in range(len(labels[methods[0]]))]
    )
    if not coded.any():
        raise ValueError(f"Invalid coders: none of the columns {list(coders)} holds a label.")
    empty = [c for c in coders if all(v is None for v in labels[c])]
    if empty:
        raise ValueError(
            f"Invalid coders: the columns {empty} hold no label; leave them out, or code some cases."
        )
    raters = {r: labels[r][coded] for r in (*coders, *methods)}
    pairwise = _pairwise(raters, rng, n_resamples)
    alpha = krippendorff_alpha(list(raters.values()), rng, n_resamples)
    alpha_coders = (
        krippendorff_alpha([raters[c] for c in coders], rng, n_resamples) if len(coders) >= 2 else None
    )
    return {
        "coders": coders,
        "pairwise": pairwise,
        "alpha": alpha,
        "alpha_coders": alpha_coders,
        "coded": int(coded.sum()),
        "alpha_units": pairable_units(list(raters.values())),
        "alpha_coders_units": pairable_units([raters[c] for c in coders]) if len(coders) >= 2 else 0,
    }
