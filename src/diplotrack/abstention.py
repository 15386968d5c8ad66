"""When the text model abstains: the ``"none"`` probability threshold and how it is chosen.

The model abstains when the probability of ``"none"`` (no engagement described) reaches a
threshold. The threshold is chosen from cross-validated probabilities: the one with the best
macro-F1 over the four labels, in which a non-engagement given a track and an engagement
thrown away as ``"none"`` both cost; ties go to the higher threshold, which throws away
fewer engagements.

Putting "fewest engagements thrown away" first instead picks the highest threshold almost
every time: then the model gives a track even to texts it finds most probably describe no
engagement, and abstains on only about three quarters of the non-engagements of real text.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import f1_score

from .verdict import ABSTAIN

__all__ = ["THRESHOLDS", "abstention_labels", "best_threshold", "sweep_thresholds"]

#: The abstention thresholds compared.
THRESHOLDS: tuple[float, ...] = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)


def abstention_labels(proba: np.ndarray, classes: np.ndarray, threshold: float) -> np.ndarray:
    """Column index of each row's label: ``"none"`` when its probability reaches
    ``threshold``, otherwise the most probable track (never ``"none"`` below it).

    Examples
    --------
    >>> classes = np.array(["Track 1", "Track 2", "none"], dtype=object)
    >>> abstention_labels(np.array([[0.2, 0.3, 0.5], [0.5, 0.1, 0.4]]), classes, 0.45).tolist()
    [2, 0]
    """
    classes = np.asarray(classes)
    hits = np.flatnonzero(classes == ABSTAIN)
    if not len(hits):
        return proba.argmax(axis=1)
    none_col = int(hits[0])
    ranked = proba.copy()
    ranked[:, none_col] = -1.0
    return np.where(proba[:, none_col] >= threshold, none_col, ranked.argmax(axis=1))


def sweep_thresholds(y: np.ndarray, proba: np.ndarray) -> list[dict[str, Any]]:
    """Macro-F1, engagements lost and none-recall at each threshold of :data:`THRESHOLDS`.

    ``proba`` holds one column per label of ``np.unique(y)``, as cross-validated
    ``predict_proba`` gives it.

    Examples
    --------
    >>> y = np.array(["Track 1", "none"], dtype=object)
    >>> sweep = sweep_thresholds(y, np.array([[0.7, 0.3], [0.4, 0.6]]))
    >>> [(r["threshold"], r["engagements_abstained"]) for r in sweep][5:7]
    [(0.4, 0), (0.45, 0)]
    """
    y = np.asarray(y, dtype=object)
    classes = np.unique(y)
    out = []
    for t in THRESHOLDS:
        labels = classes[abstention_labels(proba, classes, t)]
        out.append(
            {
                "threshold": t,
                "macro_f1": round(float(f1_score(y, labels, average="macro")), 4),
                "engagements_abstained": int(np.sum((labels == ABSTAIN) & (y != ABSTAIN))),
                "none_recall": round(float(np.mean(labels[y == ABSTAIN] == ABSTAIN)), 4)
                if np.any(y == ABSTAIN)
                else None,
            }
        )
    return out


def best_threshold(sweep: list[dict[str, Any]]) -> float:
    """The threshold to use: the best macro-F1, then the fewest engagements abstained on,
    then the higher threshold.

    Examples
    --------
    >>> best_threshold([{"threshold": 0.3, "engagements_abstained": 2, "macro_f1": 0.9},
    ...                 {"threshold": 0.5, "engagements_abstained": 0, "macro_f1": 0.8},
    ...                 {"threshold": 0.6, "engagements_abstained": 0, "macro_f1": 0.9}])
    0.6
    """
    best = max(sweep, key=lambda r: (r["macro_f1"], -r["engagements_abstained"], r["threshold"]))
    return best["threshold"]
