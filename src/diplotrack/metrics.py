"""The figures: accuracy against gold labels, agreement between raters, and their intervals.

Everything here works on label arrays (``"Track 1"``, ``"Track 1.5"``, ``"Track 2"``,
``"none"``, or missing), never on files or classifiers, so ``evaluate``, ``compare`` and
``review_queue`` all rest on the same figures. The statistics come from well-kept
libraries: scikit-learn (precision, recall, F1, Cohen's kappa, confusion matrices), the
``krippendorff`` package (Krippendorff's alpha) and scipy (McNemar's exact test as a
binomial test). Bootstrap intervals use a seeded :class:`numpy.random.Generator`.

Examples
--------
>>> r = evaluate_predictions(["Track 1", "Track 2", "none"], ["Track 1", "Track 1.5", "none"])
>>> r["accuracy"], r["macro_f1_tracks"]
(0.6667, 0.3333)
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    cohen_kappa_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from ._words import tallied
from .verdict import ABSTAIN, LABELS, TRACKS

__all__ = [
    "Estimate",
    "McNemar",
    "agreement",
    "as_labels",
    "bootstrap_confusion",
    "cohen_kappa",
    "confusion",
    "evaluate_predictions",
    "krippendorff_alpha",
    "mcnemar_exact",
    "ordered_labels",
    "pairable_units",
    "refuse_unlabelled",
    "wilson_interval",
]

#: Cell values that mean "not coded" in a label column (``"none"`` is a label: an abstention).
_MISSING = frozenset({"", "nan", "null", "n/a", "na", "nil", "-", "--", "\u2014", "?", "<na>"})
_CANONICAL = {label.lower(): label for label in LABELS}
_TRACK_NUMBER = re.compile(r"^track(?=\d)")


def _label_key(text: str) -> str:
    """A label's text lowered, its spaces (any number, none between "track" and its number,
    non-breaking ones) made one: ``"TRACK1"`` and ``"track  1.5"`` read as "track 1", "track 1.5".

    >>> _label_key(" TRACK1 "), _label_key("Track\u00a0 1.5"), _label_key("Track II")
    ('track 1', 'track 1.5', 'track ii')
    """
    return _TRACK_NUMBER.sub("track ", " ".join(text.lower().split()))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A figure with its bootstrap interval (``nan`` bounds when no interval was computed).

    Examples
    --------
    >>> str(Estimate(0.8123, 0.7514, 0.8702))
    '0.81 (95% CI 0.75 to 0.87)'
    """

    value: float
    low: float = math.nan
    high: float = math.nan

    def __str__(self) -> str:
        if math.isnan(self.value):
            return "undefined"
        if math.isnan(self.low):
            return f"{self.value:.2f}"
        return f"{self.value:.2f} (95% CI {self.low:.2f} to {self.high:.2f})"

    def to_dict(self) -> dict[str, float | None]:
        """Plain-JSON form; an undefined value or bound is ``None``."""
        return {k: _json_float(getattr(self, k)) for k in ("value", "low", "high")}


@dataclass(frozen=True, slots=True)
class McNemar:
    """McNemar's exact test of whether two classifiers' error rates differ on the same cases.

    Attributes
    ----------
    first, second : str
        The two classifiers' names.
    only_first_right, only_second_right : int
        Cases one gets right and the other wrong (the discordant pairs the test uses).
    both_right, both_wrong : int
        Cases where the two are equally right or wrong (they carry no evidence).
    p_value : float
        Two-sided exact binomial p-value; 1.0 when there is no discordant case.
    """

    first: str
    second: str
    only_first_right: int
    only_second_right: int
    both_right: int
    both_wrong: int
    p_value: float

    def sentence(self) -> str:
        """The result in plain words.

        Examples
        --------
        >>> text = McNemar("rules", "model", 9, 14, 290, 19, 0.4049).sentence()
        >>> for part in text.split("; "):
        ...     print(part)
        the model is right on 14 cases the rules get wrong, the rules on 9 the model gets wrong
        p = 0.40: no evidence either is better on these cases
        """
        a, a_plural = _display(self.first)
        b, b_plural = _display(self.second)
        p = "p < 0.001" if self.p_value < 0.001 else f"p = {self.p_value:.2f}"
        text = (
            f"{b} {'are' if b_plural else 'is'} right on {self.only_second_right} "
            f"{_cases(self.only_second_right)} {a} {'get' if a_plural else 'gets'} wrong, {a} on "
            f"{self.only_first_right} {b} {'get' if b_plural else 'gets'} wrong; {p}: "
        )
        if self.p_value >= 0.05:
            return text + "no evidence either is better on these cases"
        better, plural = (a, a_plural) if self.only_first_right > self.only_second_right else (b, b_plural)
        return text + f"{better} {'make' if plural else 'makes'} fewer errors on these cases"

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form, with the sentence."""
        return {
            "first": self.first,
            "second": self.second,
            "only_first_right": self.only_first_right,
            "only_second_right": self.only_second_right,
            "both_right": self.both_right,
            "both_wrong": self.both_wrong,
            # Four significant digits: a p-value of 3e-12 is not 0.
            "p_value": float(f"{self.p_value:.4g}"),
            "sentence": self.sentence(),
        }


def _display(name: str) -> tuple[str, bool]:
    """How a method is named in a sentence, and whether the name is plural."""
    if name == "rules":
        return "the rules", True
    return (f"the {name}" if name in ("model", "consensus") else name), False


def _cases(n: int) -> str:
    return "case" if n == 1 else "cases"


def _json_float(x: float) -> float | None:
    return None if x is None or math.isnan(x) else round(float(x), 4)


def as_labels(values: Any, name: str = "labels") -> np.ndarray:
    """Check and normalise a column of labels; missing cells become ``None``.

    Labels are matched without regard to case or spacing (``"track 1.5"``, ``"TRACK1.5"``
    and ``"Track  1.5"`` are ``"Track 1.5"``); empty cells, ``NaN`` and markers such as
    ``"N/A"`` are missing.
    ``"none"`` is not missing: it is the label for "no engagement" (an abstention).

    Raises
    ------
    ValueError
        When a value is neither a label nor missing (the message lists the bad values), or
        ``values`` is a table rather than one column.

    Examples
    --------
    >>> as_labels(["Track 1", " track 1.5 ", "", None, "none", "TRACK2"]).tolist()
    ['Track 1', 'Track 1.5', None, None, 'none', 'Track 2']
    """
    if getattr(values, "ndim", 1) > 1:  # a table (a column name that appears twice), not a column
        raise ValueError(
            f"Invalid {name}: expected one column of labels, got a table of shape "
            f"{tuple(values.shape)}. Pass one column (a name that appears twice in a table gives "
            "a table: rename or drop the copies)."
        )
    out: list[str | None] = []
    bad: dict[str, int] = {}
    for v in list(values):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
            continue
        text = str(getattr(v, "value", v)).strip()
        key = _label_key(text)
        if key in _MISSING:
            out.append(None)
        elif key in _CANONICAL:
            out.append(_CANONICAL[key])
        else:
            out.append(None)
            bad[text] = bad.get(text, 0) + 1
    if bad:
        raise ValueError(
            f"Invalid labels in {name}: expected 'Track 1', 'Track 1.5', 'Track 2' or 'none' "
            f"(no engagement), in any case and spacing, or an empty cell for a case not coded; "
            f"got {tallied(bad, limit=8)}. "
            "Recode those cells to one of the four labels."
        )
    return np.asarray(out, dtype=object)


def ordered_labels(*columns: Sequence[Any]) -> list[str]:
    """The labels occurring in any of the columns, in the order of ``LABELS`` (others after).

    Examples
    --------
    >>> ordered_labels(["none", "Track 2"], ["Track 1", None])
    ['Track 1', 'Track 2', 'none']
    """
    seen = {str(v) for col in columns for v in col if v is not None}
    return [lab for lab in LABELS if lab in seen] + sorted(seen - set(LABELS))


def _f1(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) else round(value, 4)


def refuse_unlabelled(labels: Sequence[Any], column: str, remedy: str) -> None:
    """Refuse a method's label column with empty cells (``labels`` as :func:`as_labels` gives
    them): every row a method labelled has its label, so an empty one is a row added or edited
    by hand, which the figures would otherwise leave out without a word.

    >>> refuse_unlabelled(["Track 1", None], "rules_track", "Label it again.")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Column 'rules_track' has 1 empty cells: every row needs the method's label. ...
    """
    empty = sum(v is None for v in labels)
    if empty:
        raise ValueError(
            f"Column {column!r} has {empty} empty cells: every row needs the method's label. {remedy}"
        )


def _label_of(value: Any) -> str:
    """One label as text: a track or "none" written another way ("track 1", "NONE", a
    ``Track``) is the library's label; any other label is kept as it is (another codebook)."""
    text = str(getattr(value, "value", value)).strip()
    return _CANONICAL.get(_label_key(text), str(getattr(value, "value", value)))


def evaluate_predictions(y_true: Sequence[Any], y_pred: Sequence[Any]) -> dict[str, Any]:
    """Metrics for one classifier's labels against the gold labels.

    Rows whose gold label is missing (``None`` or ``NaN``) are left out and counted in
    ``missing_gold``; a missing prediction (a verdict's ``track``, ``None`` where it
    abstains) is ``"none"``. The four labels are read however they are written ("track 1",
    "NONE", a ``Track``); other labels are kept as classes of their own (a model trained on
    another label set can be measured too).

    Returns
    -------
    dict
        ``n``; ``per_class`` (precision, recall, F1, support per label); ``macro_f1``
        over the labels present in gold or predictions (the four labels when all occur),
        ``macro_f1_tracks`` over the tracks among them; ``accuracy``;
        ``track1_vs_rest_f1`` (Track 1 against every other label, ``None`` when Track 1
        occurs nowhere); ``abstention_on_none`` (share of non-engagements abstained on);
        ``engagements_abstained`` (engagements wrongly labelled ``"none"``);
        ``nonengagements_labelled`` (non-engagements wrongly given a track); ``labels``
        and ``confusion`` (rows gold, columns predicted, abstentions their own row and
        column); ``missing_gold``.

    Examples
    --------
    >>> gold = ["Track 1", "Track 2", "none", None]
    >>> r = evaluate_predictions(gold, ["Track 1", "Track 1.5", "none", "none"])
    >>> r["n"], r["accuracy"], r["abstention_on_none"], r["engagements_abstained"], r["missing_gold"]
    (3, 0.6667, 1.0, 0, 1)
    """
    y_true = list(y_true)
    y_pred = list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(
            f"Invalid labels: expected as many predictions as gold labels, got {len(y_pred)} "
            f"predictions for {len(y_true)} gold labels."
        )
    keep = [not _is_missing(t) for t in y_true]
    t = np.asarray([_label_of(v) for v, k in zip(y_true, keep) if k], dtype=object)
    # A verdict's track is None where it abstains: "none", as its label says.
    p = np.asarray(
        [ABSTAIN if _is_missing(v) else _label_of(v) for v, k in zip(y_pred, keep) if k], dtype=object
    )
    labels = ordered_labels(t, p)
    tracks = [lab for lab in labels if lab in TRACKS]
    none_mask = t == ABSTAIN
    engagement = np.isin(t, TRACKS)
    if len(t):
        prec, rec, f1, support = precision_recall_fscore_support(t, p, labels=labels, zero_division=0)
        macro = f1_score(t, p, labels=labels, average="macro", zero_division=0)
        # Over no track (every case "none") the mean is undefined, not 0: None in the report.
        macro_tracks = f1_score(t, p, labels=tracks, average="macro", zero_division=0) if tracks else math.nan
        accuracy = accuracy_score(t, p)
    else:
        prec = rec = f1 = support = np.zeros(len(labels))
        macro = macro_tracks = accuracy = math.nan
    one = TRACKS[0]
    t1 = (
        _f1(f1_score(t == one, p == one, zero_division=0))
        if len(t) and ((t == one).any() or (p == one).any())
        else None
    )
    return {
        "n": int(len(t)),
        "per_class": {
            lab: {
                "precision": _f1(prec[i]),
                "recall": _f1(rec[i]),
                "f1": _f1(f1[i]),
                "support": int(support[i]),
            }
            for i, lab in enumerate(labels)
        },
        "macro_f1": _f1(macro),
        "macro_f1_tracks": _f1(macro_tracks),
        "accuracy": _f1(accuracy),
        "track1_vs_rest_f1": t1,
        "abstention_on_none": _f1(np.mean(p[none_mask] == ABSTAIN)) if none_mask.any() else None,
        "engagements_abstained": int(np.sum((p == ABSTAIN) & engagement)),
        "nonengagements_labelled": int(np.sum((p != ABSTAIN) & none_mask)),
        "labels": labels,
        "confusion": confusion(t, p, labels).tolist() if len(t) else [],
        "missing_gold": int(len(y_true) - len(t)),
    }


def confusion(a: Sequence[Any], b: Sequence[Any], labels: Sequence[str]) -> np.ndarray:
    """Confusion matrix of two raters over ``labels`` (rows ``a``, columns ``b``).

    scikit-learn's ``confusion_matrix``, quiet about a table with a single label (which
    is a legitimate table here: a frame where every case is Track 2).

    Examples
    --------
    >>> confusion(["Track 1", "none"], ["Track 1", "Track 1"], ["Track 1", "none"]).tolist()
    [[1, 0], [1, 0]]
    """
    if len(a) == 0:  # two raters with no case in common: an empty table, not an error
        return np.zeros((len(labels), len(labels)), dtype=np.int64)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="A single label was found")
        return confusion_matrix(list(a), list(b), labels=list(labels))


def _is_missing(v: Any) -> bool:
    """Whether a label is missing, as :func:`as_labels` reads cells: ``None``, NaN,
    ``pandas.NA`` and markers such as ``""`` or ``"N/A"`` ("none" is a label)."""
    if v is None:
        return True
    if isinstance(v, str):
        return _label_key(v) in _MISSING
    try:
        return bool(v != v) or type(v).__name__ in ("NAType", "NaTType")
    except (TypeError, ValueError):  # pandas.NA refuses to be a bool
        return True


def _both_given(a: Sequence[Any], b: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The pairs of ``a`` and ``b`` in which both labels are given (neither is missing)."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(
            f"Invalid labels: expected two raters of the same cases, got {len(a)} and {len(b)} labels."
        )
    kept = [(x, y) for x, y in zip(a, b) if not _is_missing(x) and not _is_missing(y)]
    # Labels read however they are written ("track 1", "NONE"), as evaluate_predictions reads them.
    return [_label_of(x) for x, _ in kept], [_label_of(y) for _, y in kept]


def agreement(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Share of cases on which two raters give the same label.

    Examples
    --------
    >>> agreement(["Track 1", "none", "Track 2"], ["Track 1", "Track 2", "Track 2"])
    0.6666666666666666

    Cases either rater left uncoded (``None``, NaN, "N/A") are left out: two missing labels
    are no agreement.

    >>> agreement(["Track 1", "none", None], ["Track 1", "Track 2", None])
    0.5

    Labels are read however they are written, as :func:`evaluate_predictions` reads them.

    >>> agreement(["Track 1", "none"], ["track 1", "NONE"])
    1.0
    """
    a, b = _both_given(a, b)
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    return float(np.mean(a == b)) if len(a) else math.nan


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Cohen's kappa of two raters (scikit-learn's ``cohen_kappa_score``).

    Kappa is undefined (``nan``) when chance agreement is certain: both raters gave one
    and the same label to every case, or there are no cases.

    Examples
    --------
    >>> round(cohen_kappa(["Track 1", "Track 1", "none", "none"], ["Track 1", "none", "none", "none"]), 4)
    0.5
    >>> cohen_kappa(["Track 2", "Track 2"], ["Track 2", "Track 2"])
    nan

    Cases either rater left uncoded are left out, as scikit-learn would need them to be.
    """
    a, b = _both_given(a, b)
    a, b = [str(v) for v in a], [str(v) for v in b]
    if not a:
        return math.nan
    if len(set(a) | set(b)) < 2:
        # Both raters gave the one same label: chance agreement is certain, kappa undefined.
        # (scikit-learn 1.9's replace_undefined_by does this; 1.7 and 1.8 have no such option.)
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b))


def _kappa_of_confusions(cms: np.ndarray) -> np.ndarray:
    """Cohen's kappa of many confusion matrices at once (bootstrap resamples).

    The same statistic as scikit-learn's ``cohen_kappa_score``, vectorised over the first
    axis because calling scikit-learn a thousand times per pair of raters is too slow;
    a test checks it against scikit-learn on random resamples.
    """
    n = cms.sum(axis=(1, 2)).astype(float)
    observed = np.trace(cms, axis1=1, axis2=2) / n
    expected = np.einsum("bi,bi->b", cms.sum(axis=2), cms.sum(axis=1)) / n**2
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = (observed - expected) / (1.0 - expected)
    # Undefined only when both raters use one and the same label (chance agreement exactly
    # 1); np.isclose's relative tolerance would also drop the kappas of huge tables with a
    # rare label, whose chance agreement is within 1e-5 of 1.
    return np.where(np.isclose(expected, 1.0, rtol=0.0, atol=1e-12), np.nan, kappa)


def bootstrap_confusion(
    cm: np.ndarray, rng: np.random.Generator, n_resamples: int = 1000
) -> tuple[Estimate, Estimate]:
    """Agreement of two raters with its 95% Wilson score interval, and Cohen's kappa with a
    95% percentile bootstrap interval.

    Agreement is a share of cases, for which the Wilson interval holds its coverage where a
    percentile bootstrap does not: with few cases, or agreement near 0% or 100% (every
    resample of 20 cases that agree agrees too, so the bootstrap gives 100% to 100%; Wilson
    gives 83.9% to 100%). Resampling cases with replacement only changes how many cases fall
    in each cell of the two raters' confusion matrix, so each resample of kappa is drawn as a
    multinomial over the cells: the same bootstrap as resampling rows, in memory that does
    not grow with the number of cases.

    Parameters
    ----------
    cm : ndarray of shape (k, k)
        The two raters' confusion matrix (counts).
    rng : numpy.random.Generator
        The seeded source of randomness, so intervals are reproducible.
    n_resamples : int, default=1000
        Number of bootstrap resamples; 0 gives point estimates without intervals.

    Returns
    -------
    agreement, kappa : Estimate
        Kappa has no interval when more than 2.5% of the resamples leave it undefined (a
        resample with one label only, likely with few cases and a rare label): the rest
        would describe only the resamples in which the rare label was drawn.

    Examples
    --------
    >>> cm = np.array([[40, 5], [10, 45]])
    >>> agree, kappa = bootstrap_confusion(cm, np.random.default_rng(0))
    >>> agree.value, round(kappa.value, 2), kappa.low < kappa.value < kappa.high
    (0.85, 0.7, True)
    """
    cm = np.asarray(cm)
    n = int(cm.sum())
    if n == 0:
        return Estimate(math.nan), Estimate(math.nan)
    agree = float(np.trace(cm)) / n
    kappa = float(_kappa_of_confusions(cm[None])[0])
    if n_resamples <= 0:
        return Estimate(agree), Estimate(kappa)
    k = cm.shape[0]
    draws = rng.multinomial(n, cm.ravel() / n, size=n_resamples).reshape(n_resamples, k, k)
    kappas = _kappa_of_confusions(draws)
    return wilson_interval(int(np.trace(cm)), n), _interval(kappa, kappas)


def wilson_interval(successes: int, n: int, z: float = 1.959963984540054) -> Estimate:
    """A share ``successes / n`` with its Wilson score interval (95% by default).

    Examples
    --------
    >>> est = wilson_interval(20, 20)
    >>> est.value, round(est.low, 3), est.high
    (1.0, 0.839, 1.0)
    >>> est = wilson_interval(85, 100)
    >>> round(est.low, 3), round(est.high, 3)
    (0.767, 0.907)
    """
    if n <= 0:
        return Estimate(math.nan)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half))


#: Largest share of bootstrap resamples in which a statistic may be undefined (kappa when
#: a resample holds one label only) for a 95% interval to be given: past the 2.5% of each
#: tail, the resamples left would no longer describe the statistic's spread.
_MAX_UNDEFINED = 0.025


def _interval(value: float, resampled: np.ndarray) -> Estimate:
    """``value`` with the 95% percentile interval of ``resampled``; no interval when the
    value is undefined or too many resamples are (see ``_MAX_UNDEFINED``)."""
    resampled = np.asarray(resampled, dtype=float)
    undefined = np.isnan(resampled)
    if math.isnan(value) or not len(resampled) or undefined.mean() > _MAX_UNDEFINED:
        return Estimate(value)
    resampled = resampled[~undefined]
    low, high = np.percentile(resampled, [2.5, 97.5])
    return Estimate(value, float(low), float(high))


def pairable_units(ratings: Sequence[Sequence[Any]]) -> int:
    """The units (cases) that two or more raters labelled: those Krippendorff's alpha is
    computed on (a unit labelled once cannot be paired).

    Examples
    --------
    >>> pairable_units([["Track 1", None, "none"], ["Track 1", "Track 2", None]])
    1
    """
    given = np.asarray([[not _is_missing(v) for v in r] for r in ratings], dtype=bool)
    return int((given.sum(axis=0) >= 2).sum()) if given.ndim == 2 and given.size else 0


def krippendorff_alpha(
    ratings: Sequence[Sequence[Any]], rng: np.random.Generator | None = None, n_resamples: int = 1000
) -> Estimate:
    """Krippendorff's alpha (nominal) across any number of raters, with a bootstrap interval.

    Uses the ``krippendorff`` package (``pip install 'diplotrack[compare]'``). Missing
    ratings (``None``) are allowed; units are resampled with replacement for the
    interval. Alpha is undefined (``nan``) when fewer than two distinct labels occur.

    Parameters
    ----------
    ratings : sequence of label sequences
        One sequence per rater, each with one label (or ``None``) per unit.
    rng : numpy.random.Generator, optional
        Seeded source of randomness for the interval; without it, no interval.
    n_resamples : int, default=1000

    Examples
    --------
    >>> coder = ["Track 1", "Track 2", "none", "Track 2"]
    >>> other = ["Track 1", "Track 2", "none", "Track 1.5"]
    >>> round(krippendorff_alpha([coder, other]).value, 4)
    0.6957
    """
    try:
        import krippendorff
    except ImportError as exc:
        raise ImportError(
            "Krippendorff's alpha needs the 'krippendorff' package: pip install 'diplotrack[compare]' "
            "(or pip install krippendorff)."
        ) from exc
    # Missing as everywhere here (None, NaN, "", "N/A"): no label, as pairable_units reads it.
    ratings = [[None if _is_missing(v) else _label_of(v) for v in r] for r in ratings]
    labels = ordered_labels(*([v for v in r if v is not None] for r in ratings))
    code = {lab: float(i) for i, lab in enumerate(labels)}
    data = np.asarray([[code.get(v, np.nan) if v is not None else np.nan for v in r] for r in ratings])

    def alpha(matrix: np.ndarray) -> float:
        if len(np.unique(matrix[~np.isnan(matrix)])) < 2:
            return math.nan
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
            except (ValueError, ZeroDivisionError):
                return math.nan

    if data.ndim != 2 or data.shape[0] < 2:
        raise ValueError(f"Invalid ratings: expected at least two raters, got {len(ratings)}.")
    # Units with fewer than two ratings cannot be paired; they carry no information.
    data = data[:, (~np.isnan(data)).sum(axis=0) >= 2]
    value = alpha(data) if data.shape[1] else math.nan
    if rng is None or n_resamples <= 0 or math.isnan(value):
        return Estimate(value)
    units = data.shape[1]
    resampled = [alpha(data[:, rng.integers(0, units, units)]) for _ in range(n_resamples)]
    return _interval(value, np.asarray(resampled))


def mcnemar_exact(
    y_true: Sequence[Any],
    first: Sequence[Any],
    second: Sequence[Any],
    names: tuple[str, str] = ("rules", "model"),
) -> McNemar:
    """McNemar's exact test on the cases where exactly one of two classifiers is right.

    Under the hypothesis that both have the same error rate, each discordant case is
    equally likely to favour either, so the count favouring the first is binomial with
    p = 1/2 (``scipy.stats.binomtest``, two-sided).

    Examples
    --------
    >>> gold = ["Track 1", "Track 2", "Track 2", "none"]
    >>> rules = ["Track 1", "Track 2", "none", "none"]
    >>> m = mcnemar_exact(gold, rules, ["Track 2", "Track 2", "Track 2", "none"])
    >>> m.only_first_right, m.only_second_right, m.p_value
    (1, 1, 1.0)
    """
    from scipy.stats import binomtest

    y_true, first, second = list(y_true), list(first), list(second)
    if not len(y_true) == len(first) == len(second):
        raise ValueError(
            f"Invalid labels: expected one label per case from each, got {len(y_true)} gold labels, "
            f"{len(first)} and {len(second)} predictions."
        )
    # Cases without a gold label are nobody's error: left out, as evaluate_predictions does.
    # Labels are read however they are written, and a missing prediction (a verdict's track
    # where it abstains) is "none", as evaluate_predictions reads them.
    coded = [not _is_missing(v) for v in y_true]
    t = np.asarray([_label_of(v) for v, k in zip(y_true, coded) if k], dtype=object)

    def right(pred: Sequence[Any]) -> np.ndarray:
        p = [ABSTAIN if _is_missing(v) else _label_of(v) for v, k in zip(pred, coded) if k]
        return t == np.asarray(p, dtype=object)

    a_right, b_right = right(first), right(second)
    only_a = int(np.sum(a_right & ~b_right))
    only_b = int(np.sum(~a_right & b_right))
    discordant = only_a + only_b
    p = float(binomtest(only_a, discordant, 0.5).pvalue) if discordant else 1.0
    return McNemar(
        names[0],
        names[1],
        only_a,
        only_b,
        int(np.sum(a_right & b_right)),
        int(np.sum(~a_right & ~b_right)),
        min(p, 1.0),
    )
