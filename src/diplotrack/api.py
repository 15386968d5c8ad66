"""The top-level functions: ``classify`` and ``classify_many`` with a choice of method."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from .base import VerdictClassifier
from .verdict import Verdict

__all__ = ["METHODS", "classify", "classify_many", "get_classifier"]

METHODS: tuple[str, ...] = ("rules", "model", "consensus")

_DEFAULTS: dict[str, VerdictClassifier] = {}
_LOCK = threading.RLock()  # re-entered when the consensus builds its two parts


def get_classifier(method: str = "rules") -> VerdictClassifier:
    """The default classifier for ``method``: the rule set, or the shipped trained model.

    The classifier is built (or loaded) once and reused.

    Examples
    --------
    >>> get_classifier("rules").method
    'rules'
    """
    if method not in METHODS:
        raise ValueError(f"Invalid method: expected one of {METHODS}, got {method!r}.")
    with _LOCK:
        clf = _DEFAULTS.get(method)
        if clf is None:
            if method == "rules":
                from .rule_classifier import RuleClassifier

                clf = RuleClassifier().fit()
            elif method == "consensus":
                from .consensus import ConsensusClassifier

                clf = ConsensusClassifier(rules=get_classifier("rules"), model=get_classifier("model")).fit()
            else:
                from .model_store import load_model

                clf = load_model()
            _DEFAULTS[method] = clf
    return clf


def classify(engagement: Any, method: str = "rules") -> Verdict:
    """Label one engagement Track 1, Track 1.5 or Track 2, or abstain, with reasons.

    Parameters
    ----------
    engagement : str, Mapping, pandas row or Engagement
        A description, or a mapping with ``description``, ``participants``,
        ``formality`` and ``purpose`` (any may be missing).
    method : {"rules", "model", "consensus"}
        The rule-based classifier, the shipped trained model, or their consensus
        (the shared label where they agree, an abstention where they disagree and
        neither is confidently right; see :class:`~diplotrack.consensus.ConsensusClassifier`).

    Returns
    -------
    Verdict

    Examples
    --------
    >>> v = classify("Former ministers and scholars from both sides met for a workshop.")
    >>> v.label, v.method
    ('Track 2', 'rules')
    """
    return get_classifier(method).classify(engagement)


def classify_many(
    engagements: Any, method: str = "rules", *, columns: Mapping[str, str] | None = None
) -> list[Verdict]:
    """Label many engagements (a list, DataFrame or array); one verdict per case, in order.

    Examples
    --------
    >>> [v.label for v in classify_many(["Peace talks in Oslo between the two governments.", ""])]
    ['Track 1', 'none']
    """
    return get_classifier(method).classify_many(engagements, columns=columns)
