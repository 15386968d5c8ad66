"""Agreement-aware labels: the rules and the model together, abstaining where they disagree.

Where the two methods agree, the consensus gives the shared label with both explanations.
Where they disagree, it gives a label only when one side is confident and the other is
not; otherwise it abstains and says that the methods disagree, and why, so the case goes
to a human coder instead of into the data with a coin-flip label.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np

from .base import VerdictClassifier, rules_then
from .engagement import Engagement
from .verdict import ABSTAIN, LABELS, TRACKS, Evidence, Track, Verdict, spread_probability

__all__ = ["ConsensusClassifier"]


class ConsensusClassifier(VerdictClassifier):
    """Label by the agreement of the rule classifier and the trained model.

    - Both give the same label: that label, confidence the mean of theirs, both
      explanations.
    - They differ, and exactly one is confident (its confidence reaches its threshold):
      the confident one's label, confidence the mean of its confidence and the other's
      doubt (1 - confidence).
    - They differ, and both or neither are confident: an abstention (label ``"none"``)
      whose explanation says the methods disagree, with both labels and reasons.

    An abstention therefore means "no engagement" when both methods say so, and "the
    methods disagree" otherwise; the explanation and the ``decision`` evidence
    (``consensus-agree``, ``consensus-rules``, ``consensus-model``, ``consensus-disagree``)
    say which.

    Parameters
    ----------
    rules, model : VerdictClassifier, optional
        The two classifiers; by default the rule set and the shipped model. They are
        used as given (``fit`` does not retrain them).
    rules_confident : float, default=0.7
        Rule confidence from which the rules count as confident. Set with an earlier
        model, when, out of fold on the training split and where the methods disagreed,
        the rules were right 94% of the time above 0.70 and 51% below; with rule set
        2026.12.2 and the model shipped with it they are right 23% at or above and 24%
        below (where they disagree, trust the model).
    model_confident : float, default=0.8
        Model probability from which the model counts as confident: with the model of
        rule set 2026.12.2, out of fold where the methods disagree, right 84% of the time at or above
        0.80 and 52% below.

    Attributes
    ----------
    classes_ : ndarray of str
        ``["Track 1", "Track 1.5", "Track 2", "none"]``.
    rules_, model_ : VerdictClassifier
        The classifiers in use.

    Examples
    --------
    >>> clf = ConsensusClassifier().fit()
    >>> v = clf.classify("The two foreign ministers signed a border treaty in Hanoi.")
    >>> v.label, v.method
    ('Track 1', 'consensus')
    >>> "both methods agree" in v.explanation
    True
    """

    method = "consensus"

    def __init__(
        self,
        *,
        rules: VerdictClassifier | None = None,
        model: VerdictClassifier | None = None,
        rules_confident: float = 0.7,
        model_confident: float = 0.8,
    ):
        self.rules = rules
        self.model = model
        self.rules_confident = rules_confident
        self.model_confident = model_confident

    def fit(self, X: Any = None, y: Any = None) -> ConsensusClassifier:
        """Check the thresholds and settle which classifiers to use. Without ``y`` nothing
        is learned; with ``y`` a copy of the model (the shipped one if ``model`` is None) is
        trained on ``X`` and ``y``, as ``cross_val_score`` expects; the rules learn nothing."""
        for name in ("rules_confident", "model_confident"):
            value = getattr(self, name)
            if not isinstance(value, Real) or isinstance(value, bool) or not 0.0 <= value <= 1.0:
                raise ValueError(f"Invalid {name}: expected a number between 0 and 1, got {value!r}.")
        for name in ("rules", "model"):
            value = getattr(self, name)
            if value is not None and not hasattr(value, "classify_many"):
                raise TypeError(
                    f"Invalid {name}: expected a diplotrack classifier (with classify_many), "
                    f"got {type(value).__name__}."
                )
        from .api import _defined, get_classifier

        # One definition for both, as get_classifier("consensus", ...) gives: that of the rules,
        # or when only a model is given, the model's. Two methods labelling by different
        # definitions would disagree exactly where the definitions differ.
        if self.rules is not None:
            self.rules_ = self.rules
            definition = getattr(self.rules, "definition", None)
        else:
            definition = getattr(self.model, "definition", None) if self.model is not None else None
            self.rules_ = get_classifier("rules", definition=definition)
        if self.model is None:
            self.model_ = get_classifier("model", definition=definition)
        elif definition is not None and getattr(self.model, "definition", "guideline") != definition:
            self.model_ = _defined(self.model, definition)
        else:
            self.model_ = self.model
        if y is not None:
            from sklearn.base import clone

            self.model_ = clone(self.model_).fit(X, y)
        self.classes_ = np.asarray(LABELS, dtype=object)
        return self

    def _verdicts(self, engagements: list[Engagement]) -> list[Verdict]:
        if not hasattr(self, "rules_"):
            self.fit()
        first, second = rules_then(self.rules_, self.model_, engagements)
        return [self._combine(r, m) for r, m in zip(first, second)]

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability per label in ``classes_``; the arg-max is the consensus label."""
        return self._proba_from_verdicts(self.classify_many(X))

    def _combine(self, r: Verdict, m: Verdict) -> Verdict:
        both = f"Rules: {r.explanation} Model: {m.explanation}"
        mean = {k: (r.scores.get(k, 0.0) + m.scores.get(k, 0.0)) / 2 for k in LABELS}
        if r.label == m.label:
            conf = (r.confidence + m.confidence) / 2
            return _verdict(
                r.label,
                conf,
                mean,
                "consensus-agree",
                "both methods give this label",
                f"both methods agree. {both}",
                r,
                m,
            )
        r_sure = r.confidence >= self.rules_confident
        m_sure = m.confidence >= self.model_confident
        sides = (
            f"the rules say {r.label} ({r.confidence:.2f}, confident from {self.rules_confident:.2f}), "
            f"the model says {m.label} ({m.confidence:.2f}, confident from {self.model_confident:.2f})"
        )
        if r_sure != m_sure:
            win, lose, who = (r, m, "rules") if r_sure else (m, r, "model")
            conf = (win.confidence + 1.0 - lose.confidence) / 2
            why = f"the methods disagree and only the {who} {'are' if who == 'rules' else 'is'} confident"
            return _verdict(win.label, conf, mean, f"consensus-{who}", why, f"{why}: {sides}. {both}", r, m)
        conf = 1.0 - max(mean[t] for t in TRACKS)
        which = "both are confident" if r_sure else "neither is confident"
        why = f"the methods disagree and {which}: a case for a human coder"
        return _verdict(ABSTAIN, conf, mean, "consensus-disagree", why, f"{why}; {sides}. {both}", r, m)


def _verdict(
    label: str,
    conf: float,
    support: dict[str, float],
    rule: str,
    note: str,
    text: str,
    r: Verdict,
    m: Verdict,
) -> Verdict:
    scores = spread_probability(label, min(conf, 0.99), support)
    conf = scores[label]
    track = None if label == ABSTAIN else Track(label)
    head = ("Abstained" if track is None else label) + f" (confidence {conf:.2f}): "
    decision = Evidence(
        rule, "decision", "", "", None, None, None if track is None else label, conf, "counted", note
    )
    return Verdict(
        track,
        conf,
        "consensus",
        head + text,
        (decision, *r.evidence, *m.evidence),
        scores,
        rules_version=r.rules_version,
        definition=r.definition,
    )
