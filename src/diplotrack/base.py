"""What both classifiers share: the scikit-learn estimator surface on top of verdicts.

A subclass implements ``_verdicts(engagements)``; this base turns verdicts into
``predict_proba`` / ``predict`` arrays and offers ``classify`` / ``classify_many``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from . import engagement as _engagement
from .engagement import Engagement, as_engagement, as_engagements
from .language import language_note
from .verdict import LABELS, Verdict

__all__ = ["VerdictClassifier", "note_language", "note_truncation", "paused_gc", "rules_then"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one batch, then restore it as it was.

    A batch allocates many small tuples and records that are freed by reference counting
    alone (verdicts hold no cycles), yet each allocation burst sets off collections that
    walk every live container, the rule tries and the model included: about a tenth of
    the time of a batch. Nothing is kept longer than the batch.

    Examples
    --------
    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def note_truncation(engagements: list[Engagement], verdicts: list[Verdict]) -> list[Verdict]:
    """Say in the explanation of each verdict whose input was cut that it was cut.

    A field longer than ``MAX_FIELD_CHARS`` is read only up to that length; the verdict is
    then about the part read, and its explanation must say so.

    Examples
    --------
    >>> e = Engagement("Talks.", truncated=("description",))
    >>> v = Verdict(None, 1.0, "rules", "No engagement described.")
    >>> print(note_truncation([e], [v])[0].explanation)  # doctest: +NORMALIZE_WHITESPACE
    No engagement described. Note: the description was longer than 200,000 characters;
    only its first 200,000 characters were read.
    """
    if not any(e.truncated for e in engagements):
        return verdicts
    limit = f"{_engagement.MAX_FIELD_CHARS:,}"
    out = list(verdicts)
    for i, e in enumerate(engagements):
        if e.truncated:
            fields = " and ".join(e.truncated)
            note = (
                f" Note: the {fields} {'was' if len(e.truncated) == 1 else 'were'} longer than {limit} "
                f"characters; only {'its' if len(e.truncated) == 1 else 'their'} first {limit} "
                "characters were read."
            )
            if note not in out[i].explanation:  # said once, also where one quotes another
                out[i] = replace(out[i], explanation=out[i].explanation + note)
    return out


def note_language(engagements: list[Engagement], verdicts: list[Verdict]) -> list[Verdict]:
    """Say in each explanation whose text does not read as English that diplotrack reads
    English only (see :mod:`diplotrack.language`); the verdicts are otherwise unchanged.

    Examples
    --------
    >>> e = Engagement("Die Außenminister Deutschlands und Frankreichs trafen sich in Berlin zu "
    ...                "Gesprächen über die Lage in der Ukraine und die Sicherheit in Europa.")
    >>> v = Verdict(None, 0.9, "rules", "Abstained (confidence 0.90): no engagement described.")
    >>> print(note_language([e], [v])[0].explanation)  # doctest: +NORMALIZE_WHITESPACE
    Abstained (confidence 0.90): no engagement described. Note: the text reads as German, not
    English; diplotrack reads English only, so this verdict rests on the few words it knows:
    translate the text first.
    """
    out = list(verdicts)
    for i, e in enumerate(engagements):
        note = language_note(text for _, text in e.fields())
        if note and note not in out[i].explanation:  # said once, also where one quotes another
            out[i] = replace(out[i], explanation=out[i].explanation + note)
    return out


class VerdictClassifier(ClassifierMixin, BaseEstimator):
    """Base for classifiers whose every prediction is an explained :class:`Verdict`."""

    method: str = ""

    def _verdicts(self, engagements: list[Engagement]) -> list[Verdict]:
        raise NotImplementedError

    def _verdicts_after(
        self, engagements: list[Engagement], rules: Any, ruled: list[Verdict]
    ) -> list[Verdict]:
        """Verdicts on ``engagements``, given the verdicts ``ruled`` that the classifier
        ``rules`` gave on them: a classifier that reads the same rule set uses their evidence
        instead of running the rules again. By default they are not used."""
        return self._verdicts(engagements)

    def _explained(
        self, engagements: list[Engagement], after: tuple[Any, list[Verdict]] | None = None
    ) -> list[Verdict]:
        with paused_gc():
            if after is None:
                verdicts = self._verdicts(engagements)
            else:
                verdicts = self._verdicts_after(engagements, *after)
        return note_language(engagements, note_truncation(engagements, verdicts))

    def classify(self, engagement: Any) -> Verdict:
        """Classify one engagement (a string, mapping, pandas row or ``Engagement``)."""
        return self._explained([as_engagement(engagement)])[0]

    def classify_many(self, engagements: Any, *, columns: Mapping[str, str] | None = None) -> list[Verdict]:
        """Classify many engagements; one verdict per input, in order.

        A DataFrame must have the description column (or the one ``columns`` names);
        without it a :class:`~diplotrack.engagement.MissingColumnError` says which columns
        it has, rather than every row silently abstaining.
        """
        return self._explained(as_engagements(engagements, columns=columns))

    def iter_classify(self, engagements: Iterable[Any], *, batch_size: int = 1000) -> Iterable[Verdict]:
        """Classify a stream lazily, ``batch_size`` cases at a time."""
        batch: list[Engagement] = []
        for item in engagements:
            batch.append(as_engagement(item))
            if len(batch) >= batch_size:
                yield from self._explained(batch)
                batch = []
        if batch:
            yield from self._explained(batch)

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


def _plain(clf: Any) -> bool:
    """A classifier whose ``classify_many`` is this base's: its verdicts are ``_explained``."""
    cls = type(clf)
    return (
        isinstance(clf, VerdictClassifier)
        and cls.classify_many is VerdictClassifier.classify_many
        and cls._explained is VerdictClassifier._explained
    )


def rules_then(
    rules: VerdictClassifier, other: VerdictClassifier, engagements: list[Engagement]
) -> tuple[list[Verdict], list[Verdict]]:
    """The verdicts of ``rules`` and of ``other`` on the same cases, the rules run once.

    ``other`` (the trained model, or the model under a definition) counts its rule features
    from the rule verdicts' evidence when it reads the same rule set, and runs its own rules
    otherwise, so both lists are exactly what ``classify_many`` gives, only sooner.

    Examples
    --------
    >>> from diplotrack.api import get_classifier
    >>> rules, model = get_classifier("rules"), get_classifier("model")
    >>> cases = [as_engagement("Foreign ministers of Chile and Peru signed a maritime accord in Lima.")]
    >>> first, second = rules_then(rules, model, cases)
    >>> (first[0].label, second[0].label), second == model.classify_many(cases)
    (('Track 1', 'Track 1'), True)
    """
    if not (_plain(rules) and _plain(other)):
        return rules.classify_many(engagements), other.classify_many(engagements)
    first = rules._explained(engagements)
    return first, other._explained(engagements, after=(rules, first))
