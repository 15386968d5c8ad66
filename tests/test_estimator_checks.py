"""scikit-learn's estimator checks on both classifiers, and the same contract on text.

scikit-learn's checks feed numeric feature arrays and numeric targets. Both classifiers
read descriptions of engagements: a numeric array holds no words. Every check runs unless
it is listed below with the one reason it cannot apply; a listed check is skipped, and the
skip message quotes the reason. Where a skipped check guards a property that does apply
to text (fit returns self, predicting changes nothing, order and batch do not matter, ...),
the second half of this file tests that property on real descriptions, for both classifiers.
"""

from __future__ import annotations

from functools import partial

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import estimator_checks_generator

from diplotrack import RuleClassifier, TextClassifier
from diplotrack.datasets import load_engagements
from diplotrack.engagement import FIELDS

_TEXT_LABELS = "predictions are text labels and the check compares them numerically (assert_allclose)"
_SCORE_ON_NUMBERS = "score() compares the four text labels with numeric targets, a mix scikit-learn refuses"
_ONE_D = "a 1-D array is a valid input: a list of descriptions"
_NO_FEATURE_COUNT = (
    "cases are text records whose frames may carry any extra columns: there is no feature count"
)

# RuleClassifier learns nothing from y: its classes are the guideline's four labels.
RULES_NOT_APPLICABLE = {
    "check_fit_score_takes_y": _SCORE_ON_NUMBERS,
    "check_pipeline_consistency": _SCORE_ON_NUMBERS,
    "check_estimators_empty_data_messages": "fit reads nothing from X, so an empty array is no error at fit time",
    "check_estimators_nan_inf": "NaN and inf cells are empty fields, no evidence and no error (guideline rule 9)",
    "check_estimators_pickle": _TEXT_LABELS + "; the pickle round trip is tested in test_rules.py",
    "check_classifiers_one_label": "the labels come from the rules, not from the one class in y",
    "check_classifiers_classes": "classes_ are the guideline's four labels, not the classes of y",
    "check_classifiers_train": "numeric blobs hold no words: the rules abstain on every row, nothing is learned",
    "check_supervised_y_2d": "fit ignores y, so a column-vector y has nothing to warn about",
    "check_methods_sample_order_invariance": _TEXT_LABELS + "; see test_order_and_batching_do_not_matter",
    "check_methods_subset_invariance": _TEXT_LABELS + "; see test_order_and_batching_do_not_matter",
    "check_fit_idempotent": _TEXT_LABELS + "; see test_fitting_again_gives_the_same_model",
    "check_classifier_data_not_an_array": _TEXT_LABELS + "; see test_input_containers_agree",
    "check_fit1d": _ONE_D,
    "check_fit2d_predict1d": _ONE_D,
    "check_n_features_in": _NO_FEATURE_COUNT,
    "check_n_features_in_after_fitting": _NO_FEATURE_COUNT,
}

# TextClassifier refuses to fit on inputs without words ("none of the training cases
# contains any words"), so every check that first fits on a numeric array stops there.
_NO_WORDS = "fits on a numeric array, which holds no words: fit refuses it"
TEXT_NOT_APPLICABLE = {
    "check_estimators_fit_returns_self": _NO_WORDS + "; see test_fit_returns_self_and_keeps_its_parameters",
    "check_dont_overwrite_parameters": _NO_WORDS + "; see test_fit_returns_self_and_keeps_its_parameters",
    "check_estimators_overwrite_params": _NO_WORDS + "; see test_fit_returns_self_and_keeps_its_parameters",
    "check_dict_unchanged": _NO_WORDS + "; see test_predicting_leaves_the_fitted_state_unchanged",
    "check_fit_idempotent": _NO_WORDS + "; see test_fitting_again_gives_the_same_model",
    "check_methods_sample_order_invariance": _NO_WORDS + "; see test_order_and_batching_do_not_matter",
    "check_methods_subset_invariance": _NO_WORDS + "; see test_order_and_batching_do_not_matter",
    "check_classifier_data_not_an_array": _NO_WORDS + "; see test_input_containers_agree",
    "check_dtype_object": _NO_WORDS + "; object arrays of text: see test_input_containers_agree",
    "check_fit_check_is_fitted": _NO_WORDS + "; see test_unfitted_text_classifier_says_so",
    "check_estimators_pickle": _NO_WORDS + "; the pickle round trip is tested in test_text_model.py",
    "check_fit_score_takes_y": _NO_WORDS,
    "check_pipeline_consistency": _NO_WORDS,
    "check_classifiers_classes": _NO_WORDS,
    "check_classifiers_train": _NO_WORDS,
    "check_class_weight_classifiers": _NO_WORDS,
    "check_supervised_y_2d": _NO_WORDS,
    "check_estimators_dtypes": _NO_WORDS,
    "check_readonly_memmap_input": _NO_WORDS,
    "check_f_contiguous_array_estimator": _NO_WORDS,
    "check_positive_only_tag_during_fit": _NO_WORDS,
    "check_fit2d_predict1d": _NO_WORDS,
    "check_n_features_in": _NO_FEATURE_COUNT,
    "check_n_features_in_after_fitting": _NO_FEATURE_COUNT,
    "check_fit2d_1feature": "expects an error naming the feature count; a case without words is reported as such",
    "check_estimators_empty_data_messages": (
        "expects an error naming the feature count; an input without text is reported as having no words"
    ),
    "check_estimators_nan_inf": "NaN and inf cells are empty fields, no evidence and no error (guideline rule 9)",
}


def _check_id(check) -> str:
    check = getattr(check, "__wrapped__", check)  # a skipped check wraps the original
    if not isinstance(check, partial):
        return check.__name__
    options = ",".join(f"{k}={v}" for k, v in check.keywords.items())
    return check.func.__name__ + (f"({options})" if options else "")


_CHECKS = [
    pytest.param(estimator, check, id=f"{type(estimator).__name__}-{_check_id(check)}")
    for estimator, not_applicable in (
        (RuleClassifier(), RULES_NOT_APPLICABLE),
        (TextClassifier(), TEXT_NOT_APPLICABLE),
    )
    for estimator, check in estimator_checks_generator(
        estimator, expected_failed_checks=not_applicable, mark="skip"
    )
]


@pytest.mark.parametrize("estimator, check", _CHECKS)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def test_every_listed_check_exists():
    # A check renamed or dropped by scikit-learn would leave a stale entry, skipping nothing.
    names = {_check_id(param.values[1]).split("(")[0] for param in _CHECKS}
    assert set(RULES_NOT_APPLICABLE) | set(TEXT_NOT_APPLICABLE) <= names


# ---- the same contract, on descriptions of engagements -----------------------------------

CLASSIFIERS = [RuleClassifier, partial(TextClassifier, random_state=0)]
IDS = ["rules", "model"]


@pytest.fixture(scope="module")
def cases() -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Ten training cases per label, and five test cases per label, as the four fields."""
    train = load_engagements("train").groupby("track", observed=True).head(10)
    test = load_engagements("test").groupby("track", observed=True).head(5)
    return (
        train[list(FIELDS)].reset_index(drop=True),
        train["track"].astype(str).to_numpy(),
        test[list(FIELDS)].reset_index(drop=True),
    )


@pytest.mark.parametrize("make", CLASSIFIERS, ids=IDS)
def test_fit_returns_self_and_keeps_its_parameters(make, cases):
    X, y, _ = cases
    clf = make()
    params, before = joblib.hash(clf.get_params()), set(vars(clf))
    assert clf.fit(X, y) is clf
    assert joblib.hash(clf.get_params()) == params
    added = {name for name in set(vars(clf)) - before if not name.startswith("_")}  # private caches are free
    assert added and all(name.endswith("_") for name in added), added


@pytest.mark.parametrize("make", CLASSIFIERS, ids=IDS)
def test_predicting_leaves_the_fitted_state_unchanged(make, cases):
    X, y, X_test = cases
    clf = make().fit(X, y)

    def public_state() -> dict:  # private attributes may hold caches built on first use
        return {name: value for name, value in vars(clf).items() if not name.startswith("_")}

    state = public_state()
    arrays = {name: value.copy() for name, value in state.items() if isinstance(value, np.ndarray)}
    clf.predict(X_test)
    clf.predict_proba(X_test)
    clf.classify_many(X_test)
    assert public_state() == state  # the same attributes, holding the same objects
    for name, value in arrays.items():
        assert np.array_equal(getattr(clf, name), value), name


@pytest.mark.parametrize("make", CLASSIFIERS, ids=IDS)
def test_fitting_again_gives_the_same_model(make, cases):
    X, y, X_test = cases
    fresh = make().fit(X, y).predict_proba(X_test)
    refitted = make().fit(X.iloc[::2], y[::2]).fit(X, y)  # nothing carries over from the first fit
    assert np.array_equal(refitted.predict_proba(X_test), fresh)
    assert np.array_equal(refitted.fit(X, y).predict_proba(X_test), fresh)


@pytest.mark.parametrize("make", CLASSIFIERS, ids=IDS)
def test_order_and_batching_do_not_matter(make, cases):
    X, y, X_test = cases
    clf = make().fit(X, y)
    proba, labels = clf.predict_proba(X_test), clf.predict(X_test)
    order = np.random.default_rng(0).permutation(len(X_test))
    np.testing.assert_allclose(clf.predict_proba(X_test.iloc[order]), proba[order], rtol=0, atol=1e-12)
    assert clf.predict(X_test.iloc[order]).tolist() == labels[order].tolist()
    half = len(X_test) // 2
    batches = np.vstack([clf.predict_proba(X_test.iloc[:half]), clf.predict_proba(X_test.iloc[half:])])
    np.testing.assert_allclose(batches, proba, rtol=0, atol=1e-12)


@pytest.mark.parametrize("make", CLASSIFIERS, ids=IDS)
def test_input_containers_agree(make, cases):
    X, y, X_test = cases
    expected = make().fit(X, y).predict(X_test).tolist()
    fitted_on_arrays = make().fit(X.to_numpy(dtype=object), list(y))
    for container in (X_test, X_test.to_numpy(dtype=object), X_test.to_dict("records")):
        assert fitted_on_arrays.predict(container).tolist() == expected


def test_unfitted_text_classifier_says_so(cases):
    with pytest.raises(NotFittedError):
        TextClassifier().predict(cases[2])
