"""The consensus method: the shared label, the confident side, or an abstention that says why."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from diplotrack import ConsensusClassifier, classify, get_classifier, label_frame
from diplotrack.base import VerdictClassifier
from diplotrack.batch import resolve_methods
from diplotrack.verdict import ABSTAIN, LABELS, Evidence, Track, Verdict, spread_probability

T1, T15, T2, NONE = LABELS


class Fixed(VerdictClassifier):
    """A stand-in classifier giving set verdicts per description, so each branch is exercised."""

    def __init__(self, *, method="rules", answers=None):
        self.method = method
        self.answers = answers

    def _verdicts(self, engagements):
        out = []
        for e in engagements:
            label, conf = self.answers[e.description]
            track = None if label == ABSTAIN else Track(label)
            evidence = (
                Evidence(f"{self.method}-cue", "decision", "", "", supports=label, note=f"{self.method} cue"),
            )
            out.append(
                Verdict(
                    track,
                    conf,
                    self.method,
                    f"{self.method} says {label}.",
                    evidence,
                    spread_probability(label, conf, {}),
                )
            )
        return out


CASES = {
    # description: (rules label, rules confidence), (model label, model probability)
    "Scholars met in Oslo.": ((T2, 0.8), (T2, 0.6)),
    "Ministers signed a treaty.": ((T1, 0.75), (T15, 0.6)),
    "Officials attended a think-tank dialogue.": ((T2, 0.65), (T15, 0.9)),
    "Envoys and scholars met in Geneva.": ((T1, 0.85), (T2, 0.95)),
    "Delegates met in Doha.": ((T1, 0.6), (T2, 0.5)),
    "Shares closed higher.": ((NONE, 0.9), (NONE, 0.8)),
}


@pytest.fixture
def consensus() -> ConsensusClassifier:
    rules = Fixed(method="rules", answers={k: v[0] for k, v in CASES.items()})
    model = Fixed(method="model", answers={k: v[1] for k, v in CASES.items()})
    return ConsensusClassifier(rules=rules, model=model).fit()


@pytest.mark.parametrize(
    "text, label, confidence, decision, reason",
    [
        ("Scholars met in Oslo.", T2, 0.7, "consensus-agree", "both methods agree"),
        (
            "Ministers signed a treaty.",
            T1,
            (0.75 + 0.4) / 2,
            "consensus-rules",
            "only the rules are confident",
        ),
        (
            "Officials attended a think-tank dialogue.",
            T15,
            (0.9 + 0.35) / 2,
            "consensus-model",
            "only the model is confident",
        ),
        ("Envoys and scholars met in Geneva.", NONE, None, "consensus-disagree", "both are confident"),
        ("Delegates met in Doha.", NONE, None, "consensus-disagree", "neither is confident"),
        ("Shares closed higher.", NONE, 0.85, "consensus-agree", "both methods agree"),
    ],
    ids=[
        "agree",
        "rules-confident",
        "model-confident",
        "both-confident",
        "neither-confident",
        "both-abstain",
    ],
)
def test_each_branch(consensus, text, label, confidence, decision, reason):
    v = consensus.classify(text)
    assert v.label == label and v.method == "consensus"
    if confidence is not None:
        assert v.confidence == pytest.approx(confidence)
    assert v.evidence[0].kind == "decision" and v.evidence[0].source == decision
    assert reason in v.explanation
    # both methods' explanations and evidence are kept
    assert "Rules: rules says" in v.explanation and "Model: model says" in v.explanation
    assert {e.source for e in v.evidence[1:]} == {"rules-cue", "model-cue"}


def test_a_disagreement_abstention_states_both_sides(consensus):
    v = consensus.classify("Envoys and scholars met in Geneva.")
    assert v.explanation.startswith("Abstained (confidence ")
    assert (
        "the rules say Track 1 (0.85, confident from 0.70), the model says Track 2 (0.95, confident from 0.80)"
        in (v.explanation)
    )


def test_predict_agrees_with_the_verdicts(consensus):
    texts = list(CASES)
    proba = consensus.predict_proba(texts)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert consensus.predict(texts).tolist() == [v.label for v in consensus.classify_many(texts)]


def test_thresholds_change_who_wins():
    rules = Fixed(method="rules", answers={k: v[0] for k, v in CASES.items()})
    model = Fixed(method="model", answers={k: v[1] for k, v in CASES.items()})
    strict = ConsensusClassifier(rules=rules, model=model, rules_confident=0.9).fit()
    assert strict.classify("Ministers signed a treaty.").label == NONE  # the rules' 0.75 is no longer enough


@pytest.mark.parametrize(
    "params, error, message",
    [
        (
            {"rules_confident": 1.5},
            ValueError,
            "Invalid rules_confident: expected a number between 0 and 1, got 1.5",
        ),
        ({"model_confident": "high"}, ValueError, "Invalid model_confident"),
        ({"rules": "rules"}, TypeError, "Invalid rules: expected a diplotrack classifier"),
    ],
    ids=["too-high", "not-a-number", "not-a-classifier"],
)
def test_bad_parameters(params, error, message):
    with pytest.raises(error, match=message):
        ConsensusClassifier(**params).fit()


def test_estimator_surface():
    clf = ConsensusClassifier(model_confident=0.9)
    assert clone(clf).get_params()["model_confident"] == 0.9
    assert list(ConsensusClassifier().fit().classes_) == list(LABELS)


def test_registered_as_a_method():
    assert get_classifier("consensus").method == "consensus"
    v = classify(
        "The two foreign ministers signed a border treaty in Hanoi after a year of talks.", "consensus"
    )
    assert v.method == "consensus" and v.label == T1 and "both methods agree" in v.explanation
    frame = pd.DataFrame({"description": ["Retired ambassadors and scholars met for a workshop in Oslo."]})
    out = label_frame(frame, "consensus")
    assert list(out.columns[-3:]) == ["consensus_track", "consensus_confidence", "consensus_explanation"]
    assert resolve_methods("both") == ("rules", "model")


def test_consensus_verdicts_record_the_rule_set_and_the_definition():
    # They carried neither, so a labelled file lost the provenance every other method gives.
    text = "Officials from both foreign ministries joined scholars in a personal capacity at a retreat."
    for definition in ("guideline", "private-capacity-track-2"):
        v = classify(text, "consensus", definition=definition)
        rules = classify(text, "rules", definition=definition)
        assert (v.rules_version, v.definition) == (rules.rules_version, definition)
        assert v.to_dict()["definition"] == definition
