"""review_queue(): the cases most worth hand-coding next, with reasons."""

from __future__ import annotations

import pandas as pd
import pytest

from diplotrack import label_with_verdicts, review_queue
from diplotrack.verdict import LABELS, Evidence, Track, Verdict

T1, T15, T2, NONE = LABELS


@pytest.fixture
def labelled() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "description": [
                "The two foreign ministers signed a border treaty in Hanoi.",
                "Officials and scholars met at a lakeside retreat to discuss water sharing.",
                "Retired generals and lecturers from both countries met in Colombo.",
                "A think tank convened diplomats and analysts for an off-the-record dinner.",
                "Asian shares closed mostly higher as chipmakers rallied.",
            ],
            "year": ["1999", "2014", "2016", "2021", "2023"],
            "rules_track": [T1, T15, T2, T15, NONE],
            "rules_confidence": [0.9, 0.58, 0.8, 0.7, 0.9],
            "model_track": [T1, T2, T2, T2, NONE],
            "model_confidence": [0.97, 0.52, 0.45, 0.81, 0.99],
        }
    )


def test_from_a_table_disagreement_then_doubt_rank_the_cases(labelled):
    q = review_queue(labelled)
    # rows 1 and 3 disagree (3 each) plus their doubt, 0.42 + 0.48 and 0.30 + 0.19; row 2
    # agrees but the model is unsure (doubt 0.20 + 0.55); rows 0 and 4 have no reason
    assert q.index.tolist() == [1, 3, 2]
    assert q["review_priority"].tolist() == [3.9, 3.49, 0.75]
    assert q.loc[1, "review_reasons"] == (
        "the methods disagree (rules Track 1.5, model Track 2); rules unsure (0.58); model unsure (0.52)"
    )
    assert q.loc[2, "review_reasons"] == "model unsure (0.45)"
    assert list(q.columns[:6]) == list(labelled.columns) and q.loc[3, "year"] == "2021"


def test_n_and_coded_rows(labelled):
    assert review_queue(labelled, n=1).index.tolist() == [1]
    labelled["hand"] = ["", T2, "", "", ""]
    assert review_queue(labelled, gold="hand").index.tolist() == [3, 2]


def test_doubt_orders_the_disagreements_then_the_earlier_row_wins():
    frame = pd.DataFrame(
        {
            "rules_track": [T1, T2, T2],
            "model_track": [T15, T1, T1],
            "rules_confidence": [0.9, 0.9, 0.7],
            "model_confidence": [0.9, 0.9, 0.7],
        }
    )
    assert review_queue(frame).index.tolist() == [2, 0, 1]


def test_one_method_only_ranks_by_doubt(labelled):
    q = review_queue(labelled, methods=["model"])
    assert q.index.tolist() == [2, 1]


def _verdict(method: str, label: str, *evidence: Evidence) -> Verdict:
    """A verdict of the given label, as the row it belongs to has it."""
    return Verdict(None if label == NONE else Track(label), 0.8, method, "…", evidence)


def test_verdicts_add_rarity_and_contested_patterns(labelled):
    rules = [None] * 5
    model = [None] * 5
    rules[0] = _verdict(
        "rules",
        T1,
        Evidence("official-role", "participant", "foreign ministers", supports=T1, weight=1.0),
        Evidence("nonstate-role", "participant", "scholars", supports=T2, weight=1.0),
    )
    rules[2] = _verdict(
        "rules",
        T2,
        Evidence("official-institution", "participant", "the ministry", supports=T1, status="host"),
        Evidence("official-role", "participant", "former ministers", supports=T2, status="former"),
        Evidence("official-role", "participant", "deputy ministers", supports=T1, weight=1.0),
        Evidence("capacity-unofficial", "capacity", "personal capacity", supports=T15),
    )
    model[4] = _verdict(
        "model", NONE, Evidence("xgl-010", "similar_case", "An excerpt…", "", supports=NONE, weight=0.08)
    )
    q = review_queue(labelled, verdicts={"rules": rules, "model": model})
    assert q.loc[0, "review_reasons"] == (
        'officials ("foreign ministers") beside non-state participants ("scholars") with no capacity stated'
    )
    assert q.loc[2, "review_reasons"] == (
        "model unsure (0.45); people at the edge of the event, hosting, funding or not taking part "
        '("the ministry"); former ("former ministers") and serving ("deputy ministers") officials together'
    )
    assert q.loc[2, "review_priority"] == 0.75  # the patterns are reasons, weighing nothing by default
    assert q.index.tolist() == [1, 3, 2, 0, 4]  # doubts 0.13 (row 0) and 0.11 (row 4)
    assert q.loc[4, "review_reasons"] == "unlike the training data (nearest known case xgl-010, cosine 0.08)"


def test_weights_put_contested_patterns_first(labelled):
    rules = [None] * 5
    rules[0] = _verdict(
        "rules",
        T1,
        Evidence("official-role", "participant", "foreign ministers", supports=T1, weight=1.0),
        Evidence("nonstate-role", "participant", "scholars", supports=T2, weight=1.0),
    )
    q = review_queue(labelled, verdicts={"rules": rules}, weights={"unclear_capacity": 5.0})
    assert q.index[0] == 0 and q.loc[0, "review_priority"] == pytest.approx(5.13)
    with pytest.raises(ValueError, match=r"Invalid weights: unknown keys \['contested'\]"):
        review_queue(labelled, weights={"contested": 1.0})
    # NaN sorted every disagreement last; text failed deep in numpy (UFuncTypeError).
    for bad in (float("nan"), "3", -1.0, True):
        with pytest.raises(ValueError, match=r"Invalid weights: expected a finite number of at least 0 for each"):
            review_queue(labelled, weights={"disagree": bad})


def test_real_verdicts_flag_officials_whose_capacity_is_not_stated():
    frame = pd.DataFrame(
        {
            "description": [
                "Deputy foreign ministers and university scholars from both countries met in Geneva to "
                "discuss sharing the river's water.",
            ]
        }
    )
    labelled, verdicts = label_with_verdicts(frame)
    q = review_queue(labelled, verdicts=verdicts)
    assert "with no capacity stated" in q.loc[0, "review_reasons"]


def test_official_words_too_faint_for_the_rules_raise_no_question_of_capacity():
    # The rules read "the Taliban" here as official words too faint to be an official taking
    # part (Track 2); the queue named them as officials beside non-state participants.
    frame = pd.DataFrame(
        {
            "description": [
                "Afghan women activists and scholars met in Doha with clerics linked to the Taliban "
                "to discuss girls' schooling.",
                "Deputy foreign ministers and university scholars from both countries met in Geneva "
                "to discuss sharing the river's water.",
            ]
        }
    )
    labelled, verdicts = label_with_verdicts(frame, "rules")
    assert "too faint" in verdicts["rules"][0].explanation
    q = review_queue(labelled, methods=["rules"], verdicts=verdicts, weights={"unclear_capacity": 5.0})
    reasons = dict(zip(q.index, q["review_reasons"]))
    assert "Taliban" not in reasons.get(0, "")
    assert "with no capacity stated" in reasons[1]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"n": 0}, ValueError, "Invalid n: expected a positive number"),
        ({"methods": ("rules", "consensus")}, ValueError, r"Missing columns \['consensus_track'\]"),
        ({"methods": ()}, ValueError, "at least one method"),
        ({"gold": "hand"}, ValueError, "Missing gold column 'hand'"),
        ({"verdicts": {"rules": [None]}}, ValueError, r"expected one per row \(5\), got 1"),
    ],
    ids=["n", "method", "no-methods", "gold", "verdicts"],
)
def test_mistakes_are_explained(labelled, kwargs, error, message):
    with pytest.raises(error, match=message):
        review_queue(labelled, **kwargs)


def test_a_table_without_rows_gives_an_empty_queue_with_its_columns(labelled):
    # A header-only labelled file: "ufunc 'bitwise_and' not supported", before.
    empty = labelled.iloc[0:0]
    for kwargs in ({}, {"gold": "year"}):
        q = review_queue(empty, **kwargs)
        assert q.empty and list(q.columns) == [*labelled.columns, "review_priority", "review_reasons"]
    read = pd.DataFrame({c: pd.Series(dtype=str) for c in labelled.columns})  # as read_table reads it
    assert review_queue(read).empty


def test_a_gold_column_present_twice_is_named_not_read_as_labels(labelled):
    # Before: "Invalid labels in gold column 'hand' ... got 'hand' (2 rows)".
    twice = pd.concat([labelled, pd.DataFrame({"hand": [""] * 5, "hand ": [T2] * 5})], axis=1)
    twice.columns = [*labelled.columns, "hand", "hand"]
    with pytest.raises(ValueError, match=r"The gold column 'hand' appears 2 times in the input.*Rename or drop"):
        review_queue(twice, gold="hand")


def test_a_table_labelled_by_the_rules_alone_is_told_to_pass_methods_rules(labelled):
    rules_only = labelled.drop(columns=[c for c in labelled.columns if c.startswith("model_")])
    with pytest.raises(ValueError, match=r"Missing columns \['model_track'\].*It holds the labels of "
                       r"\['rules'\]: pass --methods rules \(methods=\('rules',\) in Python\)"):
        review_queue(rules_only)
    assert len(review_queue(rules_only, methods=["rules"])) >= 1


def test_a_table_without_labels_is_told_to_label_it_first(labelled):
    plain = labelled[["description"]]
    with pytest.raises(ValueError, match=r"Label it first: diplotrack label FILE"):
        review_queue(plain)


def test_verdicts_must_belong_to_their_rows_and_may_follow_the_index():
    # A table sorted after labelling, with its verdicts in the old order, gave each case the
    # reasons of another ("former and serving officials together" for a case with neither).
    frame = pd.DataFrame(
        {
            "description": [
                "Former diplomats and a serving ministry adviser met scholars in Oslo for a workshop.",
                "Retired generals and scholars from India and Pakistan met in Bangkok; no serving "
                "officials attended.",
            ],
            "year": [2019, 2004],
        }
    )
    labelled, verdicts = label_with_verdicts(frame)
    with pytest.raises(ValueError, match="sorted, filtered or sampled after labelling"):
        review_queue(labelled.sort_values("year"), verdicts=verdicts)
    indexed = {m: pd.Series(v, index=labelled.index) for m, v in verdicts.items()}
    pd.testing.assert_frame_equal(
        review_queue(labelled.sort_values("year"), verdicts=indexed).sort_index(),
        review_queue(labelled, verdicts=verdicts).sort_index(),
    )


def test_verdicts_that_are_no_mapping_are_named(labelled):
    # A Series of verdicts given whole gave "The truth value of a Series is ambiguous".
    with pytest.raises(TypeError, match=r"expected a mapping of method to its list of verdicts"):
        review_queue(labelled, verdicts=pd.Series([None] * len(labelled)))
