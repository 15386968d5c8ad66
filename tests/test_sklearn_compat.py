"""RuleClassifier as a scikit-learn estimator (scikit-learn's own checks: test_estimator_checks.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold, cross_val_score

from diplotrack import Rule, RuleClassifier
from diplotrack.datasets import load_engagements
from diplotrack.engagement import FIELDS
from diplotrack.verdict import LABELS

REGEX_RULE = Rule("nonstate-sevadar", "nonstate", "Track 2", "Gurdwara volunteers.", regex=r"\bsevadars?\b")


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    """Ten rows per label from the train split: the four fields plus ``track``."""
    df = load_engagements(split="train")
    df = df.groupby("track", observed=True).head(10).reset_index(drop=True)
    assert len(df) == 40
    return df


def test_get_params_lists_the_keyword_only_parameters():
    assert RuleClassifier().get_params() == {
        "lexicon": None, "replace_lexicon": False, "rules": None, "decisions": None,
        "definition": "guideline", "extra": None,
    }
    with pytest.raises(TypeError):
        RuleClassifier({"nonstate_roles": ["sevadar"]})  # keyword-only


def test_parameters_are_stored_unchanged():
    lexicon = {"nonstate_roles": ["sevadar"]}
    rules = [REGEX_RULE]
    clf = RuleClassifier(lexicon=lexicon, rules=rules).fit()
    assert clf.lexicon is lexicon and clf.rules is rules
    assert lexicon == {"nonstate_roles": ["sevadar"]} and rules == [REGEX_RULE]


def test_set_params_round_trip_and_effect():
    text = "Sevadars from both sides met at the corridor."
    clf = RuleClassifier()
    before = clf.classify(text).label
    params = {"lexicon": {"nonstate_roles": ("sevadar",)}, "replace_lexicon": False,
              "rules": None, "decisions": None, "definition": "guideline", "extra": None}
    assert clf.set_params(**params) is clf
    assert clf.get_params() == params
    assert clf.classify(text).label == "Track 2" != before
    clf.set_params(lexicon=None)
    assert clf.classify(text).label == before


def test_set_params_rejects_unknown_parameter():
    with pytest.raises(ValueError, match="Invalid parameter 'strategy'"):
        RuleClassifier().set_params(strategy="prior")


def test_clone_copies_parameters_and_not_fitted_state():
    clf = RuleClassifier(lexicon={"nonstate_roles": ["sevadar"]}, rules=[REGEX_RULE]).fit()
    copy = clone(clf)
    assert copy is not clf
    assert copy.get_params() == clf.get_params()
    assert not hasattr(copy, "classes_") and not hasattr(copy, "engine_")
    X = ["Sevadars met at the corridor.", "The foreign ministers signed a treaty."]
    assert copy.fit().predict(X).tolist() == clf.predict(X).tolist()


def test_fit_returns_self_and_sets_fitted_attributes(labelled):
    clf = RuleClassifier()
    assert clf.fit(labelled[list(FIELDS)], labelled["track"]) is clf
    assert clf.classes_.tolist() == list(LABELS)
    assert hasattr(clf, "engine_")


def test_fit_learns_nothing_from_y(labelled):
    X = labelled[list(FIELDS)]
    a = RuleClassifier().fit(X, labelled["track"]).predict(X)
    b = RuleClassifier().fit(X, np.full(len(X), "Track 2", dtype=object)).predict(X)
    assert a.tolist() == b.tolist()


def test_fit_rejects_X_and_y_of_different_lengths(labelled):
    # A misaligned label column is a user mistake fit should report, not ignore.
    with pytest.raises(ValueError):
        RuleClassifier().fit(labelled[list(FIELDS)], labelled["track"].iloc[:-5])


def test_cross_val_score_on_a_labelled_dataframe(labelled):
    X, y = labelled[list(FIELDS)], labelled["track"].astype(str)
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    scores = cross_val_score(RuleClassifier(), X, y, cv=cv, error_score="raise")
    assert scores.shape == (4,)
    assert np.all((scores >= 0) & (scores <= 1))
    # Nothing is learned, so each fold's score is the rules' accuracy on that fold.
    pred = RuleClassifier().predict(X)
    expected = [np.mean(pred[test] == y.to_numpy()[test]) for _, test in cv.split(X, y)]
    assert scores.tolist() == pytest.approx(expected)
    # Four balanced labels: chance is 0.25. The rules must do far better on curated cases.
    assert scores.mean() > 0.5


def test_score_is_accuracy(labelled):
    X, y = labelled[list(FIELDS)], labelled["track"].astype(str)
    clf = RuleClassifier()
    assert clf.score(X, y) == pytest.approx(np.mean(clf.predict(X) == y.to_numpy()))


@pytest.mark.parametrize("method", ["model", "consensus"])
def test_the_classifiers_get_classifier_gives_can_be_cross_validated(method):
    # cross_val_score(get_classifier("model"), ...) failed with "expected a fitted trained
    # classifier (a TextClassifier), got TextClassifier": clone() gave the definition wrapper
    # an unfitted copy that its fit refused; for the consensus every fold scored nan.
    from diplotrack import get_classifier

    data = load_engagements("train")
    data = data.groupby("track", observed=True).head(60).reset_index(drop=True)
    X, y = data[list(FIELDS)], data["track"].astype(str)
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    clf = get_classifier(method)
    scores = cross_val_score(clf, X, y, cv=folds, scoring="f1_macro", error_score="raise")
    assert len(scores) == 3 and np.all(np.isfinite(scores)) and scores.mean() > 0.4
    # The shipped model itself is not retrained by it.
    assert clf.classify("The foreign ministers of Chile and Peru signed a treaty in Lima.").label == "Track 1"


def test_an_unfitted_model_in_the_definition_wrapper_says_how_to_fit_it():
    from diplotrack import TextClassifier
    from diplotrack.definitions import DefinedModel

    with pytest.raises(TypeError, match=r"not fitted.*fit\(X, y\)"):
        DefinedModel(model=TextClassifier()).fit()
