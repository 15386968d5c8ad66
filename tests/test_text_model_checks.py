"""scikit-learn's estimator checks on the TextClassifier.

The checks feed numeric feature arrays. This classifier reads text: a numeric array has no
words in it, and fitting on it is refused with a clear error ("none of the training cases
contains any words"). Checks that need a fit on numeric data therefore cannot pass and are
listed below with that reason; every other check (API conventions, parameter handling,
cloning, tags, sparse and 1-D input errors, ...) runs and must pass.
"""

from __future__ import annotations

from sklearn.utils.estimator_checks import parametrize_with_checks

from diplotrack import TextClassifier

_NO_WORDS = "fits on numeric feature arrays, which hold no words for a text classifier"

EXPECTED_FAILED = {
    name: _NO_WORDS
    for name in (
        "check_class_weight_classifiers", "check_classifier_data_not_an_array",
        "check_classifiers_classes", "check_classifiers_train", "check_dict_unchanged",
        "check_dont_overwrite_parameters", "check_dtype_object", "check_estimators_dtypes",
        "check_estimators_fit_returns_self", "check_estimators_overwrite_params",
        "check_estimators_pickle", "check_f_contiguous_array_estimator", "check_fit2d_1feature",
        "check_fit2d_predict1d", "check_fit_check_is_fitted", "check_fit_idempotent",
        "check_fit_score_takes_y", "check_methods_sample_order_invariance",
        "check_methods_subset_invariance", "check_n_features_in", "check_n_features_in_after_fitting",
        "check_pipeline_consistency", "check_positive_only_tag_during_fit",
        "check_readonly_memmap_input", "check_supervised_y_2d",
    )
}
EXPECTED_FAILED["check_estimators_nan_inf"] = (
    "NaN marks a missing text field, which is no evidence by design, not an error")
EXPECTED_FAILED["check_estimators_empty_data_messages"] = (
    "an input without text is reported as having no words, not by feature count")


@parametrize_with_checks([TextClassifier()], expected_failed_checks=lambda est: EXPECTED_FAILED)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)
