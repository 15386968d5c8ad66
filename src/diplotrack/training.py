"""Training the text classifier: configuration comparison, threshold choice, the model card.

Everything here reads the training split only; the test split is touched once, after the
configuration and threshold are fixed, to report final metrics in the card.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from .datasets import load_engagements
from .evaluation import evaluate_predictions
from .model_store import DEFAULT_MODEL, save_model
from .resources import data_path, user_data_dir
from .text_model import TextClassifier, abstention_labels
from .verdict import ABSTAIN

__all__ = [
    "CONFIGURATIONS",
    "choose_threshold",
    "compare_configurations",
    "default_output_path",
    "select_configuration",
    "sweep_thresholds",
    "train_model",
]

#: Candidate configurations compared by cross-validation on the training split.
CONFIGURATIONS: dict[str, dict[str, Any]] = {
    "words": {"ngram_max": 1, "scope_marking": False, "prefix_chars": 0, "C": 30.0},
    "words+scope+prefix": {"ngram_max": 1, "scope_marking": True, "prefix_chars": 6, "C": 30.0},
    "words-1-2gram+scope+prefix": {"ngram_max": 2, "scope_marking": True, "prefix_chars": 6, "C": 10.0},
    "words+chars": {
        "ngram_max": 2,
        "scope_marking": False,
        "prefix_chars": 0,
        "char_ngrams": True,
        "C": 10.0,
    },
}

_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)


def _xy(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    if "track" not in frame.columns or "description" not in frame.columns:
        raise ValueError(
            "Invalid training data: expected columns 'description' and 'track' (plus optional "
            f"'participants', 'formality', 'purpose', 'id'), got {list(frame.columns)}."
        )
    return frame, frame["track"].astype(str).to_numpy(dtype=object)


def _cv_proba(frame: pd.DataFrame, params: dict[str, Any], seed: int, n_splits: int) -> np.ndarray:
    X, y = _xy(frame)
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return cross_val_predict(TextClassifier(random_state=seed, **params), X, y, cv=cv, method="predict_proba")


def sweep_thresholds(y: np.ndarray, proba: np.ndarray) -> list[dict[str, Any]]:
    """Macro-F1, engagements lost and none-recall at each candidate abstention threshold."""
    classes = np.unique(y)
    out = []
    for t in _THRESHOLDS:
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


def _best(sweep: list[dict[str, Any]]) -> dict[str, Any]:
    # No engagement thrown away first; then macro-F1; then the higher (safer) threshold.
    return max(sweep, key=lambda r: (-r["engagements_abstained"], r["macro_f1"], r["threshold"]))


def compare_configurations(
    frame: pd.DataFrame,
    *,
    seed: int = 0,
    n_splits: int = 5,
    configurations: dict[str, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Cross-validate each configuration on ``frame`` (the training split).

    Each configuration is scored by cross-validated macro-F1 at its own best abstention
    threshold (mean and spread over folds), with its fit time and prediction throughput
    (explanations included) measured on one split.
    """
    X, y = _xy(frame)
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    folds = list(cv.split(X, y))
    rows = []
    for name, params in (configurations or CONFIGURATIONS).items():
        proba = _cv_proba(frame, params, seed, n_splits)
        sweep = sweep_thresholds(y, proba)
        best = _best(sweep)
        classes = np.unique(y)
        labels = classes[abstention_labels(proba, classes, best["threshold"])]
        scores = [f1_score(y[te], labels[te], average="macro") for _, te in folds]
        tr, te = folds[0]
        model = TextClassifier(random_state=seed, **params)
        t0 = time.perf_counter()
        model.fit(X.iloc[tr], y[tr])
        fit_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        model.classify_many(X.iloc[te])
        rate = len(te) / max(time.perf_counter() - t0, 1e-9)
        rows.append(
            {
                "name": name,
                "params": params,
                "threshold": best["threshold"],
                "threshold_candidates": sweep,
                "macro_f1_mean": round(float(np.mean(scores)), 4),
                "macro_f1_std": round(float(np.std(scores)), 4),
                "n_features": len(model.feature_names_),
                "fit_seconds": round(fit_seconds, 3),
                "classify_cases_per_second": int(rate),
            }
        )
    return rows


def select_configuration(comparison: list[dict[str, Any]]) -> dict[str, Any]:
    """The configuration with the best cross-validated macro-F1; ties (to four decimals) go
    to the smaller model (fewer features), then to the one listed first.

    Throughput is recorded but never used to choose: it depends on the machine's load, and
    the same data and seed must always give the same model.
    """
    order = {r["name"]: k for k, r in enumerate(comparison)}
    return max(comparison, key=lambda r: (r["macro_f1_mean"], -r["n_features"], -order[r["name"]]))


def choose_threshold(
    frame: pd.DataFrame, params: dict[str, Any], *, seed: int = 0, n_splits: int = 5
) -> dict[str, Any]:
    """Pick ``abstain_threshold`` from cross-validated probabilities on the training split.

    The chosen threshold maximises macro-F1 among those that abstain on no engagement
    (no engagement thrown away as "none"); if none does, the one losing fewest.
    """
    _, y = _xy(frame)
    sweep = sweep_thresholds(y, _cv_proba(frame, params, seed, n_splits))
    return {"chosen": _best(sweep)["threshold"], "candidates": sweep}


def default_output_path() -> Path:
    """Where a trained model goes when no path is given: the user's data directory.

    Examples
    --------
    >>> default_output_path().name
    'diplotrack-text.joblib'
    """
    return user_data_dir() / "models" / DEFAULT_MODEL


def train_model(
    data: str | Path | None = None, out: str | Path | None = None, *, seed: int = 0, compare: bool = True
) -> tuple[TextClassifier, dict[str, Any]]:
    """Train the text classifier, write it and its card, and return both.

    Parameters
    ----------
    data : path, optional
        A labelled CSV (``description``, ``track`` and optional fields, ``id``, ``split``).
        Defaults to the bundled dataset. Only rows with ``split == "train"`` are used when
        a ``split`` column exists; the test rows are used once, for the card's metrics.
    out : path, optional
        Where to write the model. Default: ``diplotrack-text.joblib`` in the user's data
        directory (:func:`diplotrack.resources.user_data_dir`), never inside the installed
        package. Use it with ``--model PATH`` (``model=PATH`` in Python).
    seed : int
        Seed for cross-validation folds and the model; same data and seed give the same model.
    compare : bool
        Compare the candidate configurations; if False, use the first one.
    """
    t_start = time.perf_counter()
    if data is None:
        frame = load_engagements()
        data_file = data_path("engagements.csv")
    else:
        data_file = Path(data)
        if not data_file.is_file():
            raise ValueError(f"Training data not found: {str(data_file)!r}. Check the path.")
        frame = pd.read_csv(data_file, dtype=str, keep_default_na=False)
    _xy(frame)
    if "split" in frame.columns:
        train = frame[frame["split"].astype(str) == "train"].reset_index(drop=True)
        test = frame[frame["split"].astype(str) == "test"].reset_index(drop=True)
    else:
        train, test = frame.reset_index(drop=True), frame.iloc[0:0]
    if compare:
        comparison = compare_configurations(train, seed=seed)
        best = select_configuration(comparison)
    else:
        first = next(iter(CONFIGURATIONS.items()))
        comparison, best = [], {"name": first[0], "params": first[1]}
    if compare:
        # The comparison already cross-validated the chosen configuration on the same folds.
        threshold = {"chosen": best["threshold"], "candidates": best["threshold_candidates"]}
    else:
        threshold = choose_threshold(train, best["params"], seed=seed)
    model = TextClassifier(random_state=seed, abstain_threshold=threshold["chosen"], **best["params"])
    X, y = _xy(train)
    model.fit(X, y)
    card: dict[str, Any] = {
        "model": "TextClassifier",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "file": data_file.name,
            "sha256": hashlib.sha256(data_file.read_bytes()).hexdigest(),
            "rows_total": int(len(frame)),
            "rows_train": int(len(train)),
            "rows_test": int(len(test)),
            "train_counts": {k: int(v) for k, v in pd.Series(y).value_counts().sort_index().items()},
        },
        "seed": seed,
        "chosen_configuration": best["name"],
        "params": model.get_params(),
        "cross_validation": {"folds": 5, "comparison": comparison, "threshold_selection": threshold},
        "training_seconds": round(time.perf_counter() - t_start, 1),
    }
    if len(test):
        Xt, yt = _xy(test)
        card["test_metrics"] = evaluate_predictions(yt, model.predict(Xt))
    out_path = Path(out) if out is not None else default_output_path()
    card = save_model(model, out_path, card)
    model.card_ = card
    return model, card
