"""The trained text classifier: words and rule evidence into a linear model, with explanations.

The features are in :mod:`diplotrack.text_features` (the words of the four fields, and the
rule classifier's evidence), the explanation text in :mod:`diplotrack.text_explanation`;
this module is the estimator. ``TextClassifier()`` is the shipped configuration: its
defaults are what ``diplotrack train`` chose by cross-validation, so
``cross_val_score(TextClassifier(), ...)`` evaluates the model that ships.
"""

from __future__ import annotations

import re
import warnings
from functools import partial
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from .abstention import abstention_labels, best_threshold, sweep_thresholds
from .base import VerdictClassifier, paused_gc
from .engagement import Engagement, as_engagements
from .rule_classifier import RuleClassifier
from .text_explanation import evidence_of, explain, locate, merge_phrases, net_phrases, quotable
from .text_features import DECISION_PREFIX, RuleEvidence, engagement_features, word_tfidf
from .verdict import ABSTAIN, LABELS, Evidence, Track, Verdict

__all__ = ["TextClassifier", "abstention_labels", "engagement_features"]

_EXCERPT_CHARS = 90
_TRACKS = {t.value: t for t in Track}
_CV_FOLDS = 5
# Neighbour search holds a (rows x training cases) matrix: cap the rows per block.
_BLOCK = 2048


def _as_given(features: list[str]) -> list[str]:
    """Analyzer for documents analysed once and reused across cross-validation folds."""
    return features


def _refuse_misspelt_tracks(labels: list) -> None:
    """Refuse labels that are all the tracks but some written otherwise ("track 1.5", "None",
    "TRACK2"): such a model fits, then every verdict fails, as verdicts need the tracks' own
    spelling. Refuse too the tracks mixed with cells that mark a case not coded ("", "N/A"),
    which would be learned as a class of their own. Labels of other kinds (codes, other names)
    are left to ``predict``.

    >>> _refuse_misspelt_tracks(["Track 1", "none"])
    >>> _refuse_misspelt_tracks([0, 1, 2])
    >>> _refuse_misspelt_tracks(["Track 1", "track 1.5"])
    Traceback (most recent call last):
    ...
    ValueError: Invalid y: the labels name the tracks but 'track 1.5' is not written as 'Track 1.5'; ...
    >>> _refuse_misspelt_tracks(["Track 1", "", "none", "N/A"])
    Traceback (most recent call last):
    ...
    ValueError: Invalid y: 2 of 4 labels ('', 'N/A') mark a case not coded (at positions 1, 3), ...
    >>> _refuse_misspelt_tracks(["official", "unclear", "n/a"])
    Traceback (most recent call last):
    ...
    ValueError: Invalid y: 1 of 3 labels ('n/a') mark a case not coded (at positions 2), ...
    """
    from .metrics import _is_missing, as_labels

    if not labels or not all(isinstance(v, str) for v in labels):
        return
    # Whatever the other labels are (tracks, or a codebook's own names such as "unclear").
    marked = [i for i, v in enumerate(labels) if _is_missing(v)]
    if marked:  # an empty cell or a marker such as "N/A": a case not coded, no class of its own
        shown = ", ".join(map(str, marked[:10])) + (", ..." if len(marked) > 10 else "")
        markers = ", ".join(repr(v) for v in sorted({labels[i] for i in marked})[:4])
        raise ValueError(
            f"Invalid y: {len(marked)} of {len(labels)} labels ({markers}) mark a case not coded "
            f"(at positions {shown}), which diplotrack reads as no label, not as a class; every "
            "training case needs a label: drop the cases not coded yet, or code them."
        )
    try:
        canonical = dict(zip(labels, as_labels(labels)))
    except ValueError:  # not the tracks: codes or other names
        return
    odd = sorted(v for v, c in canonical.items() if v != c)
    if odd:
        shown = ", ".join(f"{v!r} is not written as {canonical[v]!r}" for v in odd[:4])
        raise ValueError(
            f"Invalid y: the labels name the tracks but {shown}; a model fitted on them could not "
            "give verdicts (classify, label_frame), which need the tracks' own spelling. Fit on "
            "diplotrack.metrics.as_labels(y), which reads any case and spacing, as diplotrack "
            "train does."
        )


class _NoWordFeatures(ValueError):
    """``min_df`` leaves no word feature: too few training cases for it (the comparison of
    configurations skips one that cannot be fitted on a fold)."""


class TextClassifier(VerdictClassifier):
    """A trained text classifier for Track 1 / 1.5 / 2, abstaining on non-engagements.

    The defaults are the shipped configuration (``diplotrack train`` chose it by 5-fold
    cross-validation on the training split; the model card lists the candidates).

    Parameters
    ----------
    ngram_max : int, default=2
        Longest word n-gram used as a feature: with 2, pairs of adjacent content words
        ("officials said", "former minister", "took part") are features next to the words.
    scope_marking : bool, default=True
        Also mark words in the scope of "former"/"retired"/"ex" and of negations.
    prefix_chars : int, default=6
        Also use the first ``prefix_chars`` characters of longer words; 0 turns it off.
    voice_words : bool, default=True
        Also use the function words that say what kind of text it is ("we", "you",
        "should", "was", "had"...): opinion and explainers against reports of one meeting.
        Explanations never quote them.
    lead_words : int, default=0
        Also use the first ``lead_words`` words of the description (not counting function
        words) as features of their own (``lead:<word>``): the opening says what kind of text
        it is and, in a report, what happened. 0 turns it off.
    rule_weight : float, default=0.1
        Scale of the rule-evidence features (:class:`~diplotrack.text_features.RuleEvidence`)
        next to the word features, whose rows have unit length; 0 leaves them out.
    rule_decision : bool, default=True
        With the rule evidence, also give the decision that made the rule classifier's verdict
        (``decision:<id>``), at the same scale: the model learns how far each decision of the
        rules can be trusted. Explanations say how hard it pushed.
    rules : RuleClassifier, optional
        The rule classifier whose evidence is used; defaults to ``RuleClassifier()``.
    min_df : int, default=5
        Ignore word features seen in fewer training cases. A small training set of your own
        (a few dozen cases) may need ``min_df=1``.
    C : float, default=30.0
        Inverse regularisation strength of the logistic regression.
    class_weight : {"balanced"}, dict or None, default="balanced"
        Passed to the logistic regression.
    abstain_threshold : "auto" or float, default="auto"
        Abstain when the probability of ``"none"`` (no engagement) reaches this; below it
        the most probable track is given, so lowering it abstains more often. ``"auto"``
        chooses it in ``fit`` by 5-fold cross-validation on the training cases: of the
        thresholds within 0.01 of the best macro-F1 that abstain on at least 90% of the
        non-engagements, the one that throws the fewest engagements away
        (:func:`diplotrack.abstention.best_threshold`).
    neighbour_vote : int, default=5
        Also weigh the labels of this many most similar training cases (cosine of the word
        features) against the linear model's probabilities: a second logistic regression
        (``vote_estimator_``) is fitted on out-of-fold probabilities and neighbour labels of
        the training cases (stacking), so it learns how far to trust each. A text far from
        every training case of its kind but close to engagements of one kind is then not
        thrown away on the linear model's word weights alone. 0 turns it off. The folds are
        those of the ``"auto"`` threshold (stratified, seeded by ``random_state``); with
        fewer than two cases of some label there are none, and the vote is left out.
    n_neighbors : int, default=3
        How many similar training cases each explanation names.
    n_evidence : int, default=4
        How many phrases pushing toward the label each explanation quotes.
    random_state : int or None, default=0
        Seeds the logistic regression and the folds of the ``"auto"`` threshold.

    Attributes
    ----------
    classes_ : ndarray
        Labels seen in training, sorted, of the type ``y`` held (text labels as ``str``),
        ``"none"`` among them when non-engagements were given.
    abstain_threshold_ : float
        The threshold in use (``abstain_threshold``, or the one chosen by ``"auto"``).
    threshold_sweep_ : list of dict
        With ``"auto"``: macro-F1, engagements lost and none-recall of each candidate
        threshold in cross-validation; empty otherwise.
    vectorizer_ : TfidfVectorizer
        The word features.
    rule_evidence_ : RuleEvidence or None
        The rule-evidence features (``None`` when ``rule_weight`` is 0).
    decision_columns_ : ndarray of int
        Columns of the rules' decision features (empty without ``rule_decision``).
    estimator_ : LogisticRegression
        The linear model of the features.
    vote_estimator_ : LogisticRegression or None
        With ``neighbour_vote``: the model of the linear model's log-probabilities and the
        share of each label among the nearest training cases; ``None`` otherwise.
    n_vote_ : int
        How many neighbours the vote was fitted on (0 without a vote): prediction uses this,
        not the parameter, so ``set_params`` after ``fit`` cannot change what the vote reads.
    vote_mean_shares_ : ndarray or None
        Each label's mean share among the training cases' neighbours (out of fold): the
        explanation's "before", what the vote gives with neighbours of the usual mix.
    feature_names_ : list of str
        Word features, then rule-evidence features (``rule:<rule id>[<status>]``, and
        ``decision:<decision id>``).
    train_matrix_ : sparse matrix
        L2-normalised word features of the training cases, for finding similar cases.
    train_ids_, train_labels_, train_excerpts_ : ndarray
        Id, label and a short excerpt of each training case.

    See Also
    --------
    RuleClassifier : the transparent rule-based classifier with the same interface.

    Examples
    --------
    >>> X = ["Foreign ministers signed a peace treaty.", "Scholars held a workshop.",
    ...      "Officials attended in a personal capacity with scholars.", "Rain is forecast."] * 3
    >>> y = ["Track 1", "Track 2", "Track 1.5", "none"] * 3
    >>> clf = TextClassifier(min_df=1).fit(X, y)  # a toy set: keep words seen once
    >>> clf.classify("Ministers signed a treaty.").label
    'Track 1'
    """

    method = "model"

    _parameter_constraints: dict = {
        "ngram_max": [Interval(Integral, 1, 4, closed="both")],
        "scope_marking": ["boolean"],
        "prefix_chars": [Interval(Integral, 0, None, closed="left")],
        "voice_words": ["boolean"],
        "lead_words": [Interval(Integral, 0, None, closed="left")],
        "rule_weight": [Interval(Real, 0, None, closed="left")],
        "rule_decision": ["boolean"],
        "rules": [RuleClassifier, None],
        "min_df": [Interval(Integral, 1, None, closed="left")],
        "C": [Interval(Real, 0, None, closed="neither")],
        "class_weight": [StrOptions({"balanced"}), dict, None],
        "abstain_threshold": [StrOptions({"auto"}), Interval(Real, 0, 1, closed="both")],
        "neighbour_vote": [Interval(Integral, 0, None, closed="left")],
        "n_neighbors": [Interval(Integral, 0, None, closed="left")],
        "n_evidence": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        *,
        ngram_max: int = 2,
        scope_marking: bool = True,
        prefix_chars: int = 6,
        voice_words: bool = True,
        lead_words: int = 0,
        rule_weight: float = 0.1,
        rule_decision: bool = True,
        rules: RuleClassifier | None = None,
        min_df: int = 5,
        C: float = 30.0,
        class_weight: str | dict | None = "balanced",
        abstain_threshold: str | float = "auto",
        neighbour_vote: int = 5,
        n_neighbors: int = 3,
        n_evidence: int = 4,
        random_state: int | None = 0,
    ):
        self.ngram_max = ngram_max
        self.scope_marking = scope_marking
        self.prefix_chars = prefix_chars
        self.voice_words = voice_words
        self.lead_words = lead_words
        self.rule_weight = rule_weight
        self.rule_decision = rule_decision
        self.rules = rules
        self.min_df = min_df
        self.C = C
        self.class_weight = class_weight
        self.abstain_threshold = abstain_threshold
        self.neighbour_vote = neighbour_vote
        self.n_neighbors = n_neighbors
        self.n_evidence = n_evidence
        self.random_state = random_state

    # ---- training --------------------------------------------------------------------
    def _analyzer(self):
        return partial(
            engagement_features,
            ngram_max=self.ngram_max,
            scope_marking=self.scope_marking,
            prefix_chars=self.prefix_chars,
            voice=self.voice_words,
            lead_words=self.lead_words,
        )

    def _new_vectorizer(self, analyzer) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer=analyzer, min_df=self.min_df, sublinear_tf=True, dtype=np.float64)

    def _new_estimator(self) -> LogisticRegression:
        # Newton-CG reaches the optimum in a few steps here; L-BFGS needs many small ones, each
        # of which stalls (ten times slower) when BLAS threads contend for busy cores.
        return LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            solver="newton-cg",
            max_iter=5000,
            random_state=self.random_state,
        )

    def _stack(self, words: sp.csr_matrix, rules: sp.csr_matrix | None) -> sp.csr_matrix:
        if rules is None:
            return words
        # The weight the model was fitted with, not the parameter: set_params after fit
        # changes the next fit, never a fitted model's predictions.
        return sp.hstack([words, rules * self.rule_weight_], format="csr")

    def fit(self, X: Any, y: Any, *, case_ids: Any = None) -> TextClassifier:
        """Fit the features and the linear model (and choose the threshold if ``"auto"``).

        Parameters
        ----------
        X : engagements
            Anything :func:`diplotrack.engagement.as_engagements` accepts.
        y : array-like
            ``"Track 1"``, ``"Track 1.5"``, ``"Track 2"`` or ``"none"`` per case. Other
            labels (other text, or numeric codes, which keep their type in ``classes_`` and
            ``predict``) train a model usable with ``predict`` but not with ``classify``.
        case_ids : array-like, optional
            Ids shown for similar cases in explanations; defaults to an ``id`` column of
            a DataFrame ``X``, else the row number.
        """
        self._forget_fit()  # first: a fit refused for its parameters leaves no model either
        self._validate_params()
        if y is None:
            raise ValueError(
                "TextClassifier requires y to be passed, but the target y is None: give one "
                "label per case ('Track 1', 'Track 1.5', 'Track 2' or 'none')."
            )
        labels = np.asarray(y, dtype=object).ravel().tolist()
        missing = [i for i, v in enumerate(labels) if v is None or (not isinstance(v, str) and pd.isna(v))]
        if missing:
            shown = ", ".join(map(str, missing[:10])) + (", ..." if len(missing) > 10 else "")
            raise ValueError(
                f"Invalid y: {len(missing)} of {len(labels)} labels are missing (at positions {shown}); "
                "every training case needs a label: drop the cases not coded yet, or code them."
            )
        _refuse_misspelt_tracks(labels)
        y = _label_array(y, labels)
        check_classification_targets(y)
        engagements = as_engagements(X)
        if len(y) != len(engagements):
            raise ValueError(f"Invalid y: expected {len(engagements)} labels, one per case, got {len(y)}.")
        classes = np.unique(y)
        if len(classes) < 2:
            raise ValueError(f"Invalid y: expected at least two classes, got one class {classes.tolist()}.")
        if case_ids is None and hasattr(X, "columns") and "id" in X.columns:
            case_ids = X["id"].tolist()
        if case_ids is None:
            case_ids = list(range(len(engagements)))
        if len(case_ids) != len(engagements):
            raise ValueError(f"Invalid case_ids: expected {len(engagements)} ids, got {len(case_ids)}.")

        analyzed = list(map(self._analyzer(), engagements))
        if not any(analyzed):
            raise ValueError(
                "Invalid X: none of the training cases contains any words; expected "
                "descriptions of engagements as text."
            )
        # The rule evidence of each case is counted once, and reused by every fold.
        self.rule_weight_ = float(self.rule_weight)
        self.rule_evidence_ = (
            RuleEvidence(rules=self.rules, decision=self.rule_decision)._prepare()
            if self.rule_weight > 0
            else None
        )
        counts = None
        if self.rule_evidence_ is not None:
            counts = self.rule_evidence_._count(engagements)[0]
            self.rule_evidence_._learn(counts)
        # The whole set first: too few cases for min_df is said of it, not of a fold.
        self.vectorizer_ = self._new_vectorizer(self._analyzer())
        words = self._fit_words(self.vectorizer_, engagements).tocsr()
        try:
            oof = self._out_of_fold(analyzed, counts, y)
        except _NoWordFeatures as err:
            if self.abstain_threshold == "auto":
                raise  # the threshold cannot be chosen without the folds
            # A fixed threshold needs no folds: the model is fitted without the vote.
            warnings.warn(
                f"The neighbours' vote is left out: {str(err).removeprefix('Invalid X: ')}",
                UserWarning,
                stacklevel=2,
            )
            oof = None
        self.vote_estimator_, self.n_vote_, self.vote_mean_shares_ = None, 0, None
        proba = None
        if oof is not None:
            proba, votes, n_splits = oof
            if self.neighbour_vote > 0:
                self.vote_estimator_, proba = self._fit_vote(proba, votes, y, n_splits)
                self.n_vote_, self.vote_mean_shares_ = int(self.neighbour_vote), votes.mean(axis=0)
        self._choose_threshold(y, proba)

        rules = None if counts is None else self.rule_evidence_._matrix(counts)[0]
        Xm = self._stack(words, rules)
        self.estimator_ = self._new_estimator().fit(Xm, y)
        self.classes_ = self.estimator_.classes_
        names = list(self.vectorizer_.get_feature_names_out())
        if self.rule_evidence_ is not None:
            names += list(self.rule_evidence_.get_feature_names_out())
        self.feature_names_ = [str(n) for n in names]
        # The rules' decision is no span of the input: reported on its own, never quoted.
        decision = np.array([n.startswith(DECISION_PREFIX) for n in self.feature_names_], dtype=bool)
        self._quotable = np.array([quotable(n) for n in self.feature_names_], dtype=bool) & ~decision
        self.decision_columns_ = np.flatnonzero(decision)
        coef = self.estimator_.coef_
        if coef.shape[0] == 1:  # binary problem: sklearn keeps one row for the positive class
            coef = np.vstack([-coef[0], coef[0]]) / 2.0
        self.relative_coef_ = coef - coef.mean(axis=0, keepdims=True)
        self.train_matrix_ = words
        self.train_ids_ = np.asarray([str(i) for i in case_ids], dtype=object)
        self.train_labels_ = y
        self.train_excerpts_ = np.asarray([_excerpt(e) for e in engagements], dtype=object)
        return self

    def _forget_fit(self) -> None:
        """Drop what an earlier fit learned, caches included, so that a refit starts as a new
        model does, and one that fails leaves the model unfitted, not half of each fit."""
        for name in [n for n in self.__dict__ if n.endswith("_") and not n.startswith("__")]:
            del self.__dict__[name]
        for cache in ("_quotable", *_CACHES):
            self.__dict__.pop(cache, None)

    def _fit_words(self, vectorizer: TfidfVectorizer, docs: Any, fold: bool = False) -> sp.spmatrix:
        """``vectorizer.fit_transform(docs)``, with a message that says what to do when
        ``min_df`` leaves no word feature (a small training set of one's own)."""
        try:
            return vectorizer.fit_transform(docs)
        except ValueError as err:
            # scikit-learn's words for "nothing is left" and "fewer cases than min_df".
            if "no terms remain" not in str(err) and "documents than min_df" not in str(err):
                raise
            where = " in a cross-validation fold (for the threshold and the neighbours' vote)" if fold else ""
            raise _NoWordFeatures(
                f"Invalid X: no word feature occurs in at least min_df={self.min_df} of the "
                f"{len(docs)} training cases{where}, so none would be kept; expected more cases, "
                "or pass a lower min_df (TextClassifier(min_df=1)) for a small training set."
            ) from None

    def _out_of_fold(self, analyzed: list[list[str]], counts, y: np.ndarray):
        """Out-of-fold probabilities of the linear model, the labels of each case's nearest
        training cases in its fold (with ``neighbour_vote``) and the number of folds; ``None``
        when neither the ``"auto"`` threshold nor the vote needs them, or when some label has
        fewer than two cases (or there is no ``"none"`` to abstain on, for the threshold alone)."""
        wanted = self.abstain_threshold == "auto" or self.neighbour_vote > 0
        _, per_class = np.unique(y, return_counts=True)
        n_splits = min(_CV_FOLDS, int(per_class.min()))
        if not wanted or n_splits < 2:
            return None
        if self.neighbour_vote == 0 and ABSTAIN not in set(y):
            return None  # nothing to abstain on
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state)
        classes = np.unique(y)
        proba = np.zeros((len(y), len(per_class)))
        votes = np.zeros((len(y), len(per_class)))
        for train, test in folds.split(np.zeros(len(y)), y):
            vec = self._new_vectorizer(_as_given)
            words = self._fit_words(vec, [analyzed[i] for i in train], fold=True).tocsr()
            held_out = word_tfidf(vec, [analyzed[i] for i in test])
            if counts is None:
                fit_rules = test_rules = None
            else:
                fold = clone(self.rule_evidence_)
                fold._learn([counts[i] for i in train])
                fit_rules = fold._matrix([counts[i] for i in train])[0]
                test_rules = fold._matrix([counts[i] for i in test])[0]
            model = self._new_estimator().fit(self._stack(words, fit_rules), y[train])
            proba[test] = model.predict_proba(self._stack(held_out, test_rules))
            if self.neighbour_vote > 0:
                near = _nearest(held_out, _as_columns(words), self.neighbour_vote)
                votes[test] = _vote_shares(near, y[train], classes, self.neighbour_vote)
        return proba, votes, n_splits

    def _fit_vote(self, proba: np.ndarray, votes: np.ndarray, y: np.ndarray, n_splits: int):
        """The model of the linear model's out-of-fold probabilities and the neighbours'
        labels, and its own out-of-fold probabilities (for the threshold)."""
        stacked = _vote_features(proba, votes)
        vote = LogisticRegression(C=1.0, class_weight=self.class_weight, max_iter=1000)
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state)
        held_out = cross_val_predict(clone(vote), stacked, y, cv=folds, method="predict_proba")
        return vote.fit(stacked, y), held_out

    def _choose_threshold(self, y: np.ndarray, proba: np.ndarray | None) -> None:
        """Set ``abstain_threshold_``: the given one, or with ``"auto"`` the best one on the
        cross-validated probabilities (0.5 when there are none: too few cases of a label to
        cross-validate, or no ``"none"``)."""
        self.threshold_sweep_: list[dict[str, Any]] = []
        if self.abstain_threshold != "auto":
            self.abstain_threshold_ = float(self.abstain_threshold)
            return
        self.abstain_threshold_ = 0.5
        if proba is None or ABSTAIN not in set(y):
            return
        self.threshold_sweep_ = sweep_thresholds(y, proba)
        self.abstain_threshold_ = best_threshold(self.threshold_sweep_)

    # ---- prediction ------------------------------------------------------------------
    def _transform(self, engagements: list[Engagement], found: list | None = None):
        """Model matrix, word matrix and, per case, the spans behind each rule feature
        (``found``: per case, the evidence of the same rule set's verdicts, if at hand)."""
        analyzer = self.vectorizer_.analyzer
        with paused_gc():
            words = word_tfidf(self.vectorizer_, [analyzer(e) for e in engagements])
            if self.rule_evidence_ is None:
                return words, words, None
            rules, spans = self.rule_evidence_.transform_with_spans(engagements, found)
        return self._stack(words, rules), words, spans

    def predict_proba(self, X: Any) -> np.ndarray:
        """Model probability per label in ``classes_``. A case with no word the model knows, or
        a few words repeated over and over, gets probability 1 for ``"none"``, as its verdict's
        scores say (the model abstains on it: there is nothing to go on), when the model has
        that label."""
        check_is_fitted(self, "estimator_")
        engagements = as_engagements(X)
        if not engagements:
            return np.zeros((0, len(self.classes_)))
        Xm, words, _ = self._transform(engagements)
        proba = self._proba(Xm, words)[0]
        none_col = np.flatnonzero(self.classes_ == ABSTAIN)
        blank = _without_words(words, engagements)
        if len(none_col) and blank.any():
            proba = proba.copy()
            proba[blank] = 0.0
            proba[blank, none_col[0]] = 1.0
        return proba

    def _proba(self, Xm, words, shown: int = 0) -> tuple[np.ndarray, np.ndarray, list, np.ndarray | None]:
        """Probabilities per label (the vote's, when there is one), the linear model's own,
        each case's nearest training cases (as many as the vote needs, or ``shown``, those an
        explanation names, if more) and each label's share among the ones the vote read
        (``None`` without a vote)."""
        linear = self.estimator_.predict_proba(Xm)
        vote = getattr(self, "vote_estimator_", None)
        k = self.n_vote_ if vote is not None else 0
        near = self._neighbours(words, max(k, shown))
        if vote is None:
            return linear, linear, near, None
        # The vote reads exactly its k nearest: among cases tied in similarity, which ones a
        # longer list holds depends on its length, and the label must not depend on how many
        # neighbours an explanation names (n_neighbors).
        read = near if shown <= k else self._neighbours(words, k)
        shares = _vote_shares(read, self.train_labels_, self.classes_, k)
        return vote.predict_proba(_vote_features(linear, shares)), linear, near, shares

    def predict(self, X: Any) -> np.ndarray:
        """Label per case, one of ``classes_``: ``"none"`` when it abstains (see
        ``abstain_threshold``; a model trained without ``"none"`` never abstains)."""
        check_is_fitted(self, "estimator_")
        engagements = as_engagements(X)
        if not engagements:
            return self.classes_[:0]
        Xm, words, _ = self._transform(engagements)
        return self._labels(self._proba(Xm, words)[0], _without_words(words, engagements))[0]

    def _labels(self, proba: np.ndarray, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Labels and the index of each label in ``classes_`` (-1 for the ``blank`` cases, of
        :func:`_without_words`: no known word at all, or a few words repeated over and over,
        in which case there is nothing to go on and the model abstains). A model trained
        without ``"none"`` cannot abstain: it never gives a label it was not trained on, so
        such a case gets its most probable label too."""
        idx = abstention_labels(proba, self.classes_, self.abstain_threshold_)
        none_col = np.flatnonzero(self.classes_ == ABSTAIN)
        if not len(none_col):
            return self.classes_[idx], idx
        idx = np.where(blank, -1, idx)
        return self.classes_[np.where(idx >= 0, idx, none_col[0])], idx

    def _verdicts_after(
        self, engagements: list[Engagement], rules: Any, ruled: list[Verdict]
    ) -> list[Verdict]:
        check_is_fitted(self, "estimator_")
        if self.rule_evidence_ is not None and self.rule_evidence_.reads_as(rules):
            return self._verdicts(engagements, found=[v.evidence for v in ruled])
        return self._verdicts(engagements)

    def _verdicts(self, engagements: list[Engagement], found: list | None = None) -> list[Verdict]:
        check_is_fitted(self, "estimator_")
        unknown = [c for c in self.classes_.tolist() if c not in LABELS]
        if unknown:
            raise ValueError(
                f"Invalid labels for verdicts: this model was trained on {unknown}; verdicts need "
                f"labels among {LABELS}. For other label sets call the model's own predict() "
                "(not a classifier from get_classifier() or classify(), which give explained "
                "verdicts), or map your labels (numeric codes, say) to these before fit."
            )
        if not engagements:
            return []
        Xm, words, spans = self._transform(engagements, found)
        proba, linear, near, shares = self._proba(Xm, words, self.n_neighbors)
        blank = _without_words(words, engagements)
        labels, idx = self._labels(proba, blank)
        blank = blank.tolist()
        votes = self._votes(shares, linear, proba, idx)
        ranked = self._ranked_contributions(Xm, idx)
        decisions = self._decision_contributions(Xm, idx)
        classes = [str(c) for c in self.classes_]
        proba_rows = proba.tolist()
        return [
            self._verdict(
                e,
                labels[row],
                int(idx[row]),
                ranked[row],
                None if spans is None else spans[row],
                dict(zip(classes, proba_rows[row])),
                near[row][: self.n_neighbors],
                decisions[row],
                blank[row],
                votes[row],
            )
            for row, e in enumerate(engagements)
        ]

    def _ranked_contributions(self, Xm, idx: np.ndarray) -> list[tuple[list, list]]:
        """Per row: the quotable (feature, contribution) pairs, strongest toward its label
        first (the list ends with those pushing no way or against, and ``-1`` padding), and
        the few strongest against it, strongest first. One vectorised pass over the batch.

        ``n_evidence + 2`` are kept toward the label: several may merge into one phrase.
        """
        n = Xm.shape[0]
        counts = np.diff(Xm.indptr)
        rows = np.repeat(np.arange(n), counts)
        label_col = np.maximum(idx, 0)[rows]
        contrib = Xm.data * self.relative_coef_[label_col, Xm.indices]
        contrib[~self._quotable[Xm.indices]] = 0.0
        # One sort by row, then by contribution, strongest first: the contribution is
        # squeezed into (0, 1) and added to the row number, a single key for argsort.
        scale = 2.0 * (np.abs(contrib).max(initial=0.0) + 1.0)
        order = np.argsort(rows + (0.5 - contrib / scale), kind="stable")
        feats, values = Xm.indices[order], contrib[order]
        k = self.n_evidence + 2
        first = Xm.indptr[:-1]
        pos = first[:, None] + np.arange(k)[None, :]
        valid = pos < Xm.indptr[1:, None]
        pos = np.where(valid, pos, 0)
        top_f = np.where(valid, feats[pos] if len(feats) else 0, -1).tolist()
        top_v = np.where(valid, values[pos] if len(values) else 0.0, 0.0).tolist()
        # The strongest few against, weakest last: one may share its words with a phrase
        # toward the label and be folded into it (text_explanation.net_phrases).
        back = Xm.indptr[1:, None] - 1 - np.arange(_AGAINST)[None, :]
        valid = back >= Xm.indptr[:-1, None]
        back = np.where(valid, back, 0)
        low_f = np.where(valid, feats[back] if len(feats) else 0, -1).tolist()
        low_v = np.where(valid, values[back] if len(values) else 0.0, 0.0).tolist()
        return [
            (list(zip(tf, tv)), [(f, v) for f, v in zip(lf, lv) if f >= 0 and v < 0])
            for tf, tv, lf, lv in zip(top_f, top_v, low_f, low_v)
        ]

    def _decision_contributions(self, Xm, idx: np.ndarray) -> list[tuple[int, float] | None]:
        """Per row: the column of the rules' decision and its contribution toward the row's
        label, or ``None`` (no decision feature)."""
        cols = getattr(self, "decision_columns_", None)  # absent from older saved models
        out: list[tuple[int, float] | None] = [None] * Xm.shape[0]
        if cols is None or len(cols) == 0:
            return out
        sub = Xm[:, cols].tocsr()
        label_col = np.maximum(idx, 0)
        for row in np.flatnonzero(np.diff(sub.indptr)).tolist():
            k = sub.indptr[row]
            j = int(cols[sub.indices[k]])
            out[row] = (j, float(sub.data[k] * self.relative_coef_[label_col[row], j]))
        return out

    def _neighbours(self, words, k: int) -> list[list[tuple[int, float]]]:
        """Each row's ``k`` most similar training cases, ``(row, cosine)``, most similar
        first (cases sharing no word are left out)."""
        if k == 0:
            return [[] for _ in range(words.shape[0])]
        train_t = getattr(self, "_train_t", None)
        if train_t is None:
            train_t = self._train_t = _as_columns(self.train_matrix_)
        return _nearest(words, train_t, k)

    def _votes(self, shares, linear: np.ndarray, proba: np.ndarray, idx: np.ndarray) -> list[tuple | None]:
        """Per row, what the neighbours did to the verdict's label: ``(the neighbours'
        labels counted, the label, its probability with neighbours of the usual mix, its
        probability with these)``, or ``None`` without a vote (or without a label: no known
        word). The first is the vote's own, with each label's mean share among the training
        cases' neighbours, so the difference is the neighbours' alone, not the vote's
        recalibration of the linear model's probabilities."""
        vote = getattr(self, "vote_estimator_", None)
        if vote is None:
            return [None] * len(linear)
        if self.vote_mean_shares_ is None:  # a model saved without them: the linear model's
            before = linear
        else:
            usual = np.broadcast_to(self.vote_mean_shares_, linear.shape)
            before = vote.predict_proba(_vote_features(linear, usual))
        classes = [str(c) for c in self.classes_]
        counts = np.rint(shares * self.n_vote_).astype(int).tolist()  # the shares, as neighbours
        out: list[tuple | None] = []
        for row, counted in enumerate(counts):
            col = int(idx[row])
            if col < 0:
                out.append(None)
                continue
            tally = {c: n for c, n in zip(classes, counted) if n}
            out.append((tally, classes[col], float(before[row, col]), float(proba[row, col])))
        return out

    def __getstate__(self):
        state = self.__dict__.copy()
        for cache in _CACHES:  # rebuilt on first use
            state.pop(cache, None)
        return state

    def __setstate__(self, state):
        super().__setstate__(state)
        # Models saved before these parameters existed had no rules' decision and no lead
        # words among their features.
        self.__dict__.setdefault("rule_decision", False)
        self.__dict__.setdefault("lead_words", 0)
        self.__dict__.setdefault("neighbour_vote", 0)
        self.__dict__.setdefault("vote_estimator_", None)
        vote = self.__dict__.get("vote_estimator_")
        self.__dict__.setdefault("n_vote_", 0 if vote is None else self.__dict__["neighbour_vote"])
        self.__dict__.setdefault("vote_mean_shares_", None)
        self.__dict__.setdefault("rule_weight_", float(self.__dict__.get("rule_weight", 0.0)))
        _readable_here(self.__dict__.get("estimator_"))
        _readable_here(self.__dict__.get("vote_estimator_"))

    def _pieces(self, fields, lowered, contributions, rule_spans, sign: float) -> list[tuple]:
        """``(field, start, end, feature, weight)`` for each place a feature pushing in the
        direction of ``sign`` (+1 toward the label, -1 against) is found in the input; a rule
        feature's weight is shared between its places."""
        pieces = []
        n_words = len(self.vectorizer_.vocabulary_)
        names = self.feature_names_
        for f, v in contributions:
            if f < 0 or v * sign <= 0.0:
                break  # past the features that pushed this way
            if f >= n_words:
                spans = rule_spans.get(f - n_words) if rule_spans else None
                if spans:
                    share = v / len(spans)
                    pieces.extend((*span, names[f], share) for span in spans)
            else:
                span = locate(fields, names[f], lowered)
                if span is not None:
                    pieces.append((*span, names[f], v))
        return pieces

    def _decision_labels(self) -> dict[str, str]:
        """What each decision of the rules gives: a track, "no engagement", or nothing for a
        decision that picks the track with the most support."""
        labels = getattr(self, "_rules_labels", None)
        if labels is None:
            engine = self.rule_evidence_.rules_._engine() if self.rule_evidence_ is not None else None
            labels = self._rules_labels = {
                d.id: ("no engagement" if d.label is None else d.label)
                for d in (engine.decisions if engine is not None else ())
                if d.label != "best"
            }
        return labels

    def _similar_cases(self) -> list[tuple[str, str, str]]:
        rows = getattr(self, "_similar_rows", None)
        if rows is None:  # plain lists: faster to read per verdict than object arrays
            rows = self._similar_rows = [
                (str(i), str(x), str(y))
                for i, x, y in zip(self.train_ids_, self.train_excerpts_, self.train_labels_)
            ]
        return rows

    def _verdict(
        self,
        e: Engagement,
        label: str,
        col: int,
        ranked,
        rule_spans,
        scores,
        neighbours,
        decision,
        blank,
        vote,
    ) -> Verdict:
        if col < 0:
            why = f"Abstained: {_no_words(e)}, so the model has nothing to go on."
            return Verdict(
                None, 1.0, "model", why, (), {c: float(c == ABSTAIN) for c in scores}, self._rules_version()
            )
        chosen = str(self.classes_[col])
        fields = e.fields()
        texts = dict(fields)
        lowered = [text.lower() for _, text in fields]
        toward_c, against_c = ranked
        pushed, opposed = net_phrases(
            merge_phrases(self._pieces(fields, lowered, toward_c, rule_spans, 1.0), texts),
            merge_phrases(self._pieces(fields, lowered, against_c, rule_spans, -1.0), texts),
            texts,
        )
        toward = [evidence_of(p, texts, chosen) for p in pushed[: self.n_evidence]]
        against = [evidence_of(p, texts, None) for p in opposed[:1]]
        rows = self._similar_cases()
        similar = [
            Evidence(
                rows[j][0],
                "similar_case",
                rows[j][1],
                "",
                None,
                None,
                rows[j][2],
                sim,
                "counted",
                f"similar training case (cosine {sim:.2f})",
            )
            for j, sim in neighbours
        ]
        rules_said, pushed = (), None
        if decision is not None:
            j, v = decision
            name = self.feature_names_[j]
            decided = name.removeprefix(DECISION_PREFIX)
            gives = self._decision_labels().get(decided)
            said = f'"{decided}"' + (f" ({gives})" if gives else "")
            rules_said = (
                Evidence(
                    name,
                    "rule_decision",
                    "",
                    "",
                    None,
                    None,
                    chosen if v > 0 else None,
                    v,
                    "counted",
                    f"the rule classifier's decision {said} ({v:+.2f})",
                ),
            )
            pushed = (said, v)
        conf = scores[label] if label in scores else 1.0
        track = _TRACKS.get(label)
        why = explain(
            track, label, conf, scores, toward, against, similar, pushed, vote, self.abstain_threshold_
        )
        if blank:  # only a model trained without "none", which cannot abstain, gets here
            rests = (
                "on the few words it repeats"
                if _repeated(e) is not None
                else "on how common each label was in training and on any rule evidence, not on the words"
            )
            why += (
                f' Note: {_no_words(e)}, and this model was trained without "none", so it cannot '
                f"abstain: the label rests {rests}."
            )
        evidence = (*toward, *against, *rules_said, *similar)
        return Verdict(track, conf, "model", why, evidence, scores, self._rules_version())

    def _rules_version(self) -> str | None:
        """The version of the rule set whose evidence the model reads (``None`` without)."""
        evidence = getattr(self, "rule_evidence_", None)
        return None if evidence is None else evidence.rules_._engine().version

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = False
        return tags


def _as_columns(words) -> sp.csr_matrix:
    """Training cases' word features as float32 columns, the layout :func:`_nearest` reads."""
    return words.T.tocsr().astype(np.float32)


#: A text of at least this many words that uses at most :data:`_FEW_WORDS` different ones is
#: one word or a few repeated ("Minister, " 200 times), not a description: the model's
#: features would give it the weight of its one word and a confident track. Every dataset
#: text of 20 words or more uses at least 16 different ones; the shortest use 5.
_REPEATED_OVER = 20
_FEW_WORDS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")


def _without_words(words: sp.csr_matrix, engagements: list[Engagement]) -> np.ndarray:
    """Which cases (rows of their word matrix) give the model nothing to go on (it abstains
    on them): no word it knows, or a few words repeated over and over."""
    blank = np.diff(words.indptr) == 0
    # Every case is read (about 40 microseconds each): a few words repeated in every order
    # make many features of pairs, so the feature count cannot tell a repetition.
    for row in np.flatnonzero(~blank).tolist():
        blank[row] = _repeated(engagements[row]) is not None
    return blank


def _repeated(e: Engagement) -> tuple[int, int] | None:
    """``(different words, words)`` when the case is a few words repeated, else ``None``.
    Words are runs of two letters or more: a script without spaces between words is read as
    long runs, and its one-character date words ("年", "月", "日") are no repetition."""
    found = [w for _, text in e.fields() for w in _WORD.findall(text.lower())]
    distinct = len(set(found))
    return (distinct, len(found)) if len(found) >= _REPEATED_OVER and distinct <= _FEW_WORDS else None


#: Features against a verdict's label considered for its explanation's "against" phrase.
_AGAINST = 3

#: Values a fitted model computes on first use and keeps (never saved, dropped by a refit).
_CACHES = ("_train_t", "_similar_rows", "_rules_labels")


def _nearest(words, train_t, k: int) -> list[list[tuple[int, float]]]:
    """The ``k`` training cases (columns of ``train_t``, L2-normalised word features) most
    similar to each row of ``words``, ``(column, cosine)``, most similar first; cases that
    share no word are left out."""
    n_train = train_t.shape[1]
    k = min(k, n_train)
    if k == 0:
        return [[] for _ in range(words.shape[0])]
    out: list[list[tuple[int, float]]] = []
    for lo in range(0, words.shape[0], _BLOCK):
        # Sparse times sparse, made dense per block: faster here than a dense training
        # matrix, and no large copy of it held in memory.
        sims = (words[lo : lo + _BLOCK].astype(np.float32) @ train_t).toarray()
        top = np.argpartition(sims, n_train - k, axis=1)[:, n_train - k :]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1).tolist()
        top_sims = np.take_along_axis(top_sims, order, axis=1).tolist()
        out.extend([(j, v) for j, v in zip(js, vs) if v > 0] for js, vs in zip(top, top_sims))
    return out


def _vote_shares(near, labels: np.ndarray, classes: np.ndarray, k: int) -> np.ndarray:
    """Share of each class among the ``k`` nearest training cases of each row (missing
    neighbours, sharing no word, count for no class).

    >>> _vote_shares([[(0, 0.9), (2, 0.5)], []], np.array(["none", "Track 1", "none"]),
    ...              np.array(["Track 1", "none"]), 2).tolist()
    [[0.0, 1.0], [0.0, 0.0]]
    """
    col = {c: i for i, c in enumerate(classes.tolist())}
    out = np.zeros((len(near), len(col)))
    for row, found in enumerate(near):
        for j, _ in found[:k]:
            out[row, col[labels[j]]] += 1.0 / k
    return out


def _vote_features(proba: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """The vote's input: the linear model's log-probabilities and the neighbours' shares."""
    return np.hstack([np.log(np.clip(proba, 1e-6, 1.0)), shares])


def _readable_here(estimator: LogisticRegression | None) -> None:
    """Let the running scikit-learn predict with a linear model saved by another one.

    scikit-learn 1.8 removed ``LogisticRegression.multi_class``; 1.7 (the newest release for
    Python 3.10) still reads it when predicting. A model saved by 1.8 or later carries no
    such attribute, so it is set to 1.7's default, which means what 1.8 always does: one
    multinomial model (two classes: the logistic function). Under 1.8 or later nothing
    changes.
    """
    if estimator is None or "multi_class" in vars(estimator):
        return
    if "multi_class" in LogisticRegression().get_params():
        estimator.multi_class = "deprecated"


def _no_words(e: Engagement) -> str:
    """Why a case gives the model no word to go on."""
    if e.is_empty():
        return "the input holds no text"
    repeated = _repeated(e)
    if repeated is not None:
        distinct, total = repeated
        return (
            f"it repeats the same {'word' if distinct == 1 else f'{distinct} words'} over and over "
            f"({total} words in all), which describes nothing"
        )
    return "none of its words are in the model's vocabulary (empty, garbled or non-English text)"


def _label_array(y: Any, labels: list) -> np.ndarray:
    """The training labels, of the type they were given in (``labels``: ``y`` as a list):
    text labels as an object array of ``str`` (a Categorical or ``np.str_`` labels read as
    plain text), numeric codes as numbers, so ``classes_`` and ``predict`` give back what
    ``y`` held, as in scikit-learn."""
    text = [isinstance(v, str) for v in labels]
    if all(text):
        return np.asarray([str(v) for v in labels], dtype=object)
    if any(text):
        shown = sorted({repr(v) for v, t in zip(labels, text) if t})[:3]
        numbers = sorted({repr(v) for v, t in zip(labels, text) if not t})[:3]
        raise ValueError(
            f"Invalid y: labels mix text ({', '.join(shown)}) and other values ({', '.join(numbers)}); "
            "expected one kind of label: give every label as text ('Track 1', 'Track 1.5', "
            "'Track 2', 'none') or every label as a numeric code."
        )
    return np.asarray(y).ravel()


def _excerpt(e: Engagement) -> str:
    text = " ".join(" ".join(text for _, text in e.fields()).split())
    return text if len(text) <= _EXCERPT_CHARS else text[: _EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"
