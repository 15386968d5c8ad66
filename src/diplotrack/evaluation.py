"""Accuracy reports: per-class precision / recall / F1, macro-F1, abstention, confusion.

The comparison layer knows nothing about files or classifiers: it takes label arrays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from .verdict import ABSTAIN, LABELS

__all__ = ["evaluate_predictions", "format_report"]


def evaluate_predictions(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, Any]:
    """Metrics for one classifier's labels against the gold labels.

    Examples
    --------
    >>> r = evaluate_predictions(["Track 1", "Track 2", "none"], ["Track 1", "Track 1.5", "none"])
    >>> r["accuracy"], r["abstention_on_none"], r["engagements_abstained"]
    (0.6667, 1.0, 0)
    """
    y_true = np.asarray([str(v) for v in y_true], dtype=object)
    y_pred = np.asarray([str(v) for v in y_pred], dtype=object)
    labels = [lab for lab in LABELS if lab in set(y_true) | set(y_pred)]
    p, r, f, n = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    none_mask = y_true == ABSTAIN
    return {
        "n": int(len(y_true)),
        "per_class": {
            lab: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(n[i]),
            }
            for i, lab in enumerate(labels)
        },
        "macro_f1": round(
            float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)), 4
        ),
        "macro_f1_tracks": round(
            float(
                f1_score(
                    y_true,
                    y_pred,
                    labels=[lab for lab in labels if lab != ABSTAIN],
                    average="macro",
                    zero_division=0,
                )
            ),
            4,
        ),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "abstention_on_none": round(float(np.mean(y_pred[none_mask] == ABSTAIN)), 4)
        if none_mask.any()
        else None,
        "engagements_abstained": int(np.sum((y_pred == ABSTAIN) & ~none_mask)),
        "labels": labels,
        "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }


def format_report(reports: Mapping[str, Mapping[str, Any]], title: str = "") -> str:
    """Side-by-side plain-text report for one or more methods."""
    lines = [title] if title else []
    names = list(reports)
    first = reports[names[0]]
    labels = first["labels"]
    header = f"{'':<12}" + "".join(f"{n + ' P/R/F1':>26}" for n in names) + f"{'support':>9}"
    lines.append(header)
    for lab in labels:
        row = f"{lab:<12}"
        for n in names:
            c = reports[n]["per_class"].get(lab, {"precision": 0, "recall": 0, "f1": 0})
            row += f"{c['precision']:>10.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}"
        support = first["per_class"].get(lab, {}).get("support", 0)
        lines.append(row + f"{support:>9}")
    for key, name in (
        ("macro_f1", "macro-F1 (4 labels)"),
        ("macro_f1_tracks", "macro-F1 (3 tracks)"),
        ("accuracy", "accuracy"),
        ("abstention_on_none", "abstained on none"),
        ("engagements_abstained", "engagements lost"),
    ):
        lines.append(f"{name:<22}" + "".join(f"{str(reports[n][key]):>16}" for n in names))
    for n in names:
        lines.append(f"\nconfusion ({n}); rows = gold, columns = predicted: {', '.join(labels)}")
        for lab, row in zip(labels, reports[n]["confusion"]):
            lines.append(f"  {lab:<10}" + "".join(f"{v:>6}" for v in row))
    return "\n".join(lines)
