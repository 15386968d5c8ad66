"""What both classifiers share: the scikit-learn estimator surface on top of verdicts.

A subclass implements ``_verdicts(engagements)``; this base turns verdicts into
``predict_proba`` / ``predict`` arrays and offers ``classify`` / ``classify_many``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .engagement import Engagement, as_engagement, as_engagements
from .verdict import LABELS, Verdict

__all__ = ["VerdictClassifier"]


class VerdictClassifier(ClassifierMixin, BaseEstimator):
    """Base for classifiers whose every prediction is an explained :class:`Verdict`."""

    method: str = ""

    def _verdicts(self, engagements: list[Engagement]) -> list[Verdict]:
        raise NotImplementedError

    def classify(self, engagement: Any) -> Verdict:
        """Classify one engagement (a string, mapping, pandas row or ``Engagement``)."""
        return self._verdicts([as_engagement(engagement)])[0]

    def classify_many(self, engagements: Any, *, columns: Mapping[str, str] | None = None) -> list[Verdict]:
        """Classify many engagements; one verdict per input, in order."""
        return self._verdicts(as_engagements(engagements, columns=columns))

    def iter_classify(self, engagements: Iterable[Any], *, batch_size: int = 1000) -> Iterable[Verdict]:
        """Classify a stream lazily, ``batch_size`` cases at a time."""
        batch: list[Engagement] = []
        for item in engagements:
            batch.append(as_engagement(item))
            if len(batch) >= batch_size:
                yield from self._verdicts(batch)
                batch = []
        if batch:
            yield from self._verdicts(batch)

    def _classes(self) -> list[str]:
        # The rule classifier works unfitted (nothing to learn): its classes are the labels.
        return list(getattr(self, "classes_", LABELS))

    def _proba_from_verdicts(self, verdicts: list[Verdict]) -> np.ndarray:
        classes = self._classes()
        out = np.zeros((len(verdicts), len(classes)))
        index = {c: i for i, c in enumerate(classes)}
        for row, v in enumerate(verdicts):
            for label, p in v.scores.items():
                col = index.get(label)
                if col is not None:
                    out[row, col] = p
        return out

    def predict(self, X: Any) -> np.ndarray:
        """Label per case: a track, or ``"none"`` where the classifier abstains."""
        proba = self.predict_proba(X)
        classes = np.asarray(self._classes(), dtype=object)
        return classes[proba.argmax(axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = True
        return tags
