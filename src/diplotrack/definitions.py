"""A trained model under a definition profile of the tracks.

The trained model learns the guideline's labels. Under another definition (``diplotrack
definitions``) it is made profile-aware by one documented rule: where the definition's own
decisions -- the ones it inserts into the rule table -- hold for a case by the rule
engine's evidence, the case takes that decision's label, with the model's probabilities
for the two labels swapped; elsewhere the model's verdict stands. The explanation says
which, quotes the rule evidence, and names the definition. The README gives the measured
effect on the test split relabelled under each definition.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import numpy as np

from .base import VerdictClassifier
from .engagement import Engagement
from .ruleset import resolve_definition
from .verdict import ABSTAIN, TAKING_PART, Evidence, Track, Verdict

__all__ = ["DefinedModel"]


class DefinedModel(VerdictClassifier):
    """A trained model whose verdicts follow a definition profile of the tracks.

    Parameters
    ----------
    model : VerdictClassifier
        The fitted trained model (it learned the guideline's labels).
    definition : str or path, default="guideline"
        A shipped definition profile or a TOML profile file.

    Attributes
    ----------
    classes_ : ndarray of str
        The model's classes.
    rules_ : RuleClassifier
        The rule classifier under the same definition, whose evidence says where the
        definition's own decisions hold.

    Examples
    --------
    >>> from diplotrack.api import get_classifier
    >>> clf = DefinedModel(model=get_classifier("model"), definition="private-capacity-track-2").fit()
    >>> v = clf.classify("Serving diplomats attended in their personal capacity alongside scholars "
    ...                  "and journalists at the workshop in Penang.")
    >>> v.label, v.definition
    ('Track 2', 'private-capacity-track-2')
    """

    method = "model"

    def __init__(self, *, model: Any = None, definition: str = "guideline"):
        self.model = model
        self.definition = definition

    def fit(self, X: Any = None, y: Any = None) -> DefinedModel:
        """Compile the definition and settle the model: without ``y`` the fitted ``model``
        as it is; with ``y`` a copy of ``model`` trained on ``X`` and ``y`` (``model`` itself
        is left unchanged), so ``cross_val_score`` and ``clone`` retrain it as they would a
        :class:`~diplotrack.TextClassifier`."""
        from sklearn.base import clone

        from .rule_classifier import RuleClassifier

        if not isinstance(self.model, VerdictClassifier):
            raise TypeError(
                "Invalid model: expected a trained classifier (a TextClassifier), got "
                f"{type(self.model).__name__}."
            )
        # A DefinedModel given as the model: its own model, under this definition alone (a
        # wrapper of a wrapper labelled by one definition and named both).
        base = self.model
        while isinstance(base, DefinedModel):
            base = base.model
        if y is not None:
            self.model_ = clone(base).fit(X, y)
        elif hasattr(base, "classes_"):
            self.model_ = base
        else:
            raise TypeError(
                f"Invalid model: the {type(base).__name__} is not fitted. Give a fitted one "
                "(get_classifier('model') or a file saved by 'diplotrack train'), or call fit(X, y) "
                "to train it on your labelled cases."
            )
        profile = resolve_definition(self.definition)
        self.profile_ = profile
        self.inserted_ = {d.id: d for _, d in profile.inserts}
        self.rules_ = RuleClassifier(definition=self.definition).fit()
        self.classes_ = np.asarray(self.model_.classes_, dtype=object)
        return self

    def __sklearn_clone__(self) -> DefinedModel:
        # A copy of the fitted model it wraps, not an unfitted clone: a clone labels as this
        # one does (get_classifier's advice: change a clone), and changing it leaves the
        # shared model alone; fit(X, y) still trains a copy of its own.
        return type(self)(model=copy.deepcopy(self.model), definition=self.definition)

    def _verdicts(self, engagements: list[Engagement]) -> list[Verdict]:
        if not hasattr(self, "rules_"):
            self.fit()
        return self._defined(engagements, self.model_._verdicts(engagements), None)

    def _verdicts_after(
        self, engagements: list[Engagement], rules: Any, ruled: list[Verdict]
    ) -> list[Verdict]:
        if not hasattr(self, "rules_"):
            self.fit()
        verdicts = self.model_._verdicts_after(engagements, rules, ruled)
        return self._defined(engagements, verdicts, ruled if self.rules_._same_rule_set(rules) else None)

    def _defined(
        self, engagements: list[Engagement], verdicts: list[Verdict], ruled: list[Verdict] | None
    ) -> list[Verdict]:
        """The model's verdicts under the definition; ``ruled``: this definition's rule
        verdicts on the same cases, if at hand."""
        name = self.profile_.name
        if not self.inserted_:
            return [self._named(v, name) for v in verdicts]
        if ruled is None:
            ruled = self.rules_._verdicts(engagements)
        out = []
        for v, r in zip(verdicts, ruled):
            decision = next(e for e in r.evidence if e.kind == "decision")
            # The label the definition's decision gave this case: a track, "none" for one that
            # abstains, and the best-supported track for one labelled "best".
            # A label the model does not have (no engagement, for a model trained without
            # "none") is not given: the model's verdict stands, as its own labels do.
            if decision.source not in self.inserted_ or r.label == v.label or r.label not in self.classes_:
                out.append(self._named(v, name))
                continue
            out.append(self._under_definition(v, r, r.label, decision, name))
        return out

    def _named(self, v: Verdict, name: str) -> Verdict:
        return replace(
            v,
            explanation=f"{v.explanation} Definition: {name}.",
            definition=name,
            rules_version=self.rules_.engine_.version,
        )

    @staticmethod
    def _under_definition(v: Verdict, r: Verdict, label: str, decision: Evidence, name: str) -> Verdict:
        """The model's verdict relabelled by the definition's own decision, rule evidence quoted."""
        scores = dict(v.scores)
        old = v.label
        scores[old], scores[label] = scores.get(label, 0.0), scores.get(old, 0.0)
        quoted = [
            e
            for e in r.evidence
            if e.kind in ("participant", "capacity")
            and (e.status in TAKING_PART or e.status == "facilitator")
        ]
        quotes = ", ".join(f'"{e.text}"' for e in quoted[:6])
        said = "Abstained" if label == ABSTAIN else label
        explanation = (
            f"{said} (probability {scores[label]:.2f}) under definition {name}: "
            f"{decision.note}; rule evidence {quotes}. The model alone, by the guideline, said: "
            f"{v.explanation} Definition: {name}."
        )
        return replace(
            v,
            track=None if label == ABSTAIN else Track(label),
            confidence=scores[label],
            explanation=explanation,
            evidence=(*v.evidence, decision),
            scores=scores,
            definition=name,
            rules_version=r.rules_version,
        )

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability per label in ``classes_``, under the definition."""
        return self._proba_from_verdicts(self.classify_many(X))

    def predict(self, X: Any) -> np.ndarray:
        """The verdicts' labels: the model's own abstention rule (``abstain_threshold``) applied,
        then the definition's."""
        return np.asarray([v.label for v in self.classify_many(X)], dtype=object)
