"""Mistakes a researcher makes in a notebook: each gets a clear error, or a clear abstention.

Found by probing the Python API with the inputs of a working session (a column read twice,
a Series passed where one case was meant, a misnamed key, a filter that left no rows, NumPy
integers, uncoded labels). Each test names what went wrong before: a bare ``AttributeError``,
a false "no text" abstention, a ``TypeError`` from sorting NaN, and so on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diplotrack import TextClassifier, classify, classify_many, compare, label_csv, label_frame, review_queue
from diplotrack.batch import BatchInputError
from diplotrack.datasets import load_engagements
from diplotrack.engagement import DuplicateColumnError, MissingColumnError
from diplotrack.evaluation import evaluate

TREATY = "The two foreign ministers signed a border treaty in Hanoi."
WORKSHOP = "Retired diplomats and scholars from India and Pakistan met for a workshop in Colombo."
RAIN = "Heavy rain is expected across the north tomorrow."


def test_a_field_column_read_twice_is_named_not_a_crash(tmp_path):
    twice = pd.DataFrame(
        [[WORKSHOP, "scholars", "ministers"]], columns=["description", "participants", "participants"]
    )
    with pytest.raises(BatchInputError, match=r"participants column 'participants' appears 2 times"):
        label_frame(twice, "rules")
    with pytest.raises(DuplicateColumnError, match=r"description column 'description' appears 2 times"):
        classify_many(pd.DataFrame([[TREATY, WORKSHOP]], columns=["description", "description"]))
    source = tmp_path / "cases.csv"
    source.write_text(f'description,participants,participants\n"{WORKSHOP}",scholars,ministers\n')
    with pytest.raises(BatchInputError, match="appears 2 times"):
        label_csv(source, tmp_path / "out.csv", "rules")
    assert not (tmp_path / "out.csv").exists()


def test_one_case_means_one_case():
    column = pd.Series([TREATY, WORKSHOP], name="description")
    with pytest.raises(MissingColumnError, match=r"for a column of many descriptions use classify_many"):
        classify(column)
    with pytest.raises(TypeError, match=r"got a list of 2 items\. Use classify_many"):
        classify([TREATY, WORKSHOP])
    with pytest.raises(MissingColumnError, match=r"the case has keys \['summary'\]"):
        classify({"summary": TREATY})
    assert [v.label for v in classify_many([{"summary": TREATY}], columns={"description": "summary"})] == [
        "Track 1"
    ]
    row = pd.DataFrame({"description": [TREATY], "year": [2001]}).iloc[0]  # a row is one case
    assert classify(row).label == "Track 1"


def test_records_with_a_misnamed_key_are_an_error_and_a_missing_one_an_abstention():
    with pytest.raises(MissingColumnError, match=r"none of the 2 records has any of the keys \['summ'"):
        classify_many([{"summary": TREATY}, {"summary": WORKSHOP}], columns={"description": "summ"})
    verdicts = classify_many([{"description": TREATY}, {"notes": "not coded yet"}])
    assert [v.label for v in verdicts] == ["Track 1", "none"]


def test_columns_must_be_a_mapping():
    frame = pd.DataFrame({"summary": [TREATY]})
    for call in (
        lambda: label_frame(frame, "rules", columns="summary"),
        lambda: classify_many(frame, columns=["summary"]),
    ):
        with pytest.raises(TypeError, match=r"expected a mapping of field name to column name"):
            call()


def test_evaluate_groups_and_selects_rows_with_missing_values():
    coded = pd.DataFrame(
        {
            "description": [TREATY, WORKSHOP, RAIN],
            "gold": ["Track 1", "Track 2", "none"],
            "style": ["news", None, np.nan],  # as read_csv leaves blank cells
        }
    )
    ev = evaluate(coded, gold="gold", methods="rules", by="style")
    assert sorted(ev.groups) == ["(missing)", "news"]
    assert ev.groups["(missing)"]["rules"]["n"] == 2
    with pytest.raises(ValueError, match=r"no rows where style='blog'.*holds \['\(missing\)', 'news'\]"):
        evaluate(coded, gold="gold", methods="rules", subset={"style": "blog"})


def test_the_consensus_takes_your_own_model():
    model = TextClassifier(abstain_threshold=0.65, min_df=1).fit(
        load_engagements("train").head(150), load_engagements("train").head(150).track
    )
    v = classify(WORKSHOP, "consensus", model=model)
    assert v.method == "consensus" and "Model:" in v.explanation
    out = label_frame(pd.DataFrame({"description": [WORKSHOP]}), "consensus", model=model)
    assert out.loc[0, "consensus_explanation"] == v.explanation


def test_uncoded_training_labels_are_named():
    cases = load_engagements("train").head(40)
    labels = cases.track.astype(object).tolist()
    labels[3], labels[7] = None, np.nan
    with pytest.raises(ValueError, match=r"2 of 40 labels are missing \(at positions 3, 7\)"):
        TextClassifier(abstain_threshold=0.5, min_df=1).fit(cases, labels)


def test_a_trained_model_labels_no_cases_as_no_cases():
    cases = load_engagements("train").head(60)
    model = TextClassifier(abstain_threshold=0.5, min_df=1).fit(cases, cases.track)
    assert model.predict([]).shape == (0,)
    assert model.predict_proba([]).shape == (0, len(model.classes_))


def test_compare_and_review_on_filtered_tables():
    labelled = label_frame(pd.DataFrame({"description": [TREATY, WORKSHOP, RAIN]}), "both")
    with pytest.raises(ValueError, match="the table has no rows"):
        compare(labelled[labelled.rules_track == "Track 1.5"])
    with pytest.raises(TypeError, match=r"expected a mapping of method to its list of verdicts"):
        compare(labelled, verdicts=[None, None, None])
    assert compare(labelled, n_resamples=np.int64(50)).n == 3  # NumPy integers are integers
    assert len(review_queue(labelled, n=np.int64(2))) <= 2
    with pytest.raises(ValueError, match=r"Invalid unsure: expected a confidence between 0 and 1"):
        review_queue(labelled, unsure="high")


@pytest.mark.parametrize(
    ("method", "error", "message"),
    [
        (None, TypeError, r"expected 'rules', 'model', 'both', 'consensus' or a list"),
        (["rules", "both"], ValueError, r"'both' stands alone"),
    ],
)
def test_method_mistakes(method, error, message):
    with pytest.raises(error, match=message):
        label_frame(pd.DataFrame({"description": [TREATY]}), method)


def test_label_csv_points_a_dataframe_to_label_frame(tmp_path):
    with pytest.raises(TypeError, match="For a DataFrame in memory use label_frame"):
        label_csv(pd.DataFrame({"description": [TREATY]}), tmp_path / "out.csv")


def test_evaluate_names_a_classifier_that_is_a_file_name():
    coded = pd.DataFrame({"description": [TREATY], "gold": ["Track 1"]})
    with pytest.raises(
        TypeError, match=r"classifiers\['rules'\].*get_classifier\('rules', rules='my_rules.toml'\)"
    ):
        evaluate(coded, gold="gold", methods="rules", classifiers={"rules": "my_rules.toml"})
