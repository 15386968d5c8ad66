"""Both methods on the same cases: the rules run once, and each method's verdicts stay its own.

When the rules and the trained model label the same rows (``method="both"``, the consensus),
the model counts its rule features from the rule verdicts' evidence instead of running the
rules a second time, but only when the two read the same rule set.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import diplotrack.batch as batch
from diplotrack import RuleClassifier
from diplotrack.api import get_classifier
from diplotrack.base import rules_then
from diplotrack.batch import label_frame, label_with_verdicts
from diplotrack.consensus import ConsensusClassifier
from diplotrack.engagement import as_engagements
from diplotrack.engine import RuleEngine

BEEKEEPERS = "Beekeepers from Georgia and Armenia met the Armenian agriculture minister in Yerevan."


@pytest.fixture
def cases(data_dir) -> pd.DataFrame:
    frame = pd.read_csv(data_dir / "cases.csv")
    extra = pd.DataFrame(
        {
            "description": [
                BEEKEEPERS,
                "Retired generals and scholars from India and Pakistan met in Bangkok for two days "
                "of talks on nuclear risk; no serving officials attended.",
                "Officials from both foreign ministries joined the closed-door dialogue in their "
                "personal capacity, alongside think-tank scholars.",
                "The embassy is recruiting a driver; applications close on 30 June.",
                "",
            ]
        }
    )
    return pd.concat([frame, extra], ignore_index=True)


@pytest.fixture
def evidence_calls(monkeypatch):
    """How many cases any rule engine scanned for the model's rule features."""
    calls = []
    original = RuleEngine.evidence

    def counted(self, engagement, **kwargs):
        calls.append(engagement)
        return original(self, engagement, **kwargs)

    monkeypatch.setattr(RuleEngine, "evidence", counted)
    return calls


@pytest.mark.parametrize("definition", [None, "private-capacity-track-2", "facilitated-1.5"])
def test_both_methods_give_each_methods_own_verdicts(cases, monkeypatch, definition):
    monkeypatch.setattr(batch, "_PAIRED_BATCH", 4)  # several batches within the chunk
    _, kept = label_with_verdicts(cases, "both", definition=definition)
    for method in ("rules", "model"):
        alone = get_classifier(method, definition=definition).classify_many(cases)
        assert kept[method] == alone  # labels, confidences, explanations, evidence, scores


def test_the_model_reuses_the_rule_verdicts_instead_of_running_the_rules(cases, evidence_calls):
    label_frame(cases, "model")
    assert len(evidence_calls) == len(cases)  # alone, the model runs the rules itself
    evidence_calls.clear()
    out = label_frame(cases, "both")
    assert evidence_calls == []
    assert out.loc[len(cases) - 4, "model_track"] == "Track 2"  # the Bangkok talks
    assert out.loc[len(cases) - 2, "model_track"] == "none"  # the job advert


def test_a_rule_file_of_your_own_is_not_shared_with_the_model(cases, tmp_path, evidence_calls):
    mine = tmp_path / "mine.toml"
    mine.write_text('[lexicon.nonstate_roles]\nphrases = ["beekeepers"]\n')
    _, kept = label_with_verdicts(cases, "both", rules=mine)
    # The model keeps the rule set it was trained with, so it ran its own rules.
    assert len(evidence_calls) == len(cases)
    row = len(cases) - 5
    assert kept["rules"][row].label == "Track 1.5"  # the file took effect for the rules
    assert "Beekeepers" in kept["rules"][row].explanation
    assert kept["model"] == get_classifier("model").classify_many(cases)


def test_consensus_runs_the_rules_once(cases, evidence_calls):
    rules, model = get_classifier("rules"), get_classifier("model")
    verdicts = ConsensusClassifier(rules=rules, model=model).fit().classify_many(cases)
    assert evidence_calls == []
    engagements = as_engagements(cases)
    first, second = rules_then(rules, model, engagements)
    evidence_calls.clear()
    assert first == rules.classify_many(engagements)
    assert second == model.classify_many(engagements)
    assert [v.method for v in verdicts] == ["consensus"] * len(cases)


def test_same_rule_set_needs_the_same_parameters_and_rule_file(tmp_path):
    assert RuleClassifier()._same_rule_set(RuleClassifier())
    assert not RuleClassifier()._same_rule_set(RuleClassifier(definition="facilitated-1.5"))
    assert not RuleClassifier()._same_rule_set(RuleClassifier(lexicon={"nonstate_roles": ["beekeepers"]}))
    mine = tmp_path / "mine.toml"
    mine.write_text('[lexicon.nonstate_roles]\nphrases = ["beekeepers"]\n')
    before = RuleClassifier(extra=str(mine)).fit()
    assert before._same_rule_set(RuleClassifier(extra=str(mine)).fit())
    mine.write_text('[lexicon.nonstate_roles]\nphrases = ["beekeepers", "shepherds"]\n')
    assert not before._same_rule_set(RuleClassifier(extra=str(mine)).fit())  # edited on disk


def test_evaluate_runs_the_rules_once_and_measures_each_method_as_alone(evidence_calls):
    from diplotrack.datasets import load_engagements
    from diplotrack.evaluation import evaluate

    coded = load_engagements("test").head(60)
    both = evaluate(coded, gold="track", methods="both")
    assert evidence_calls == []
    for method in ("rules", "model"):
        alone = evaluate(coded, gold="track", methods=method)
        assert both.reports[method] == alone.reports[method]
        assert both.sources[method] == "labelled now"
    assert both.reports["model"]["n"] == 60


class CautiousRules(RuleClassifier):
    """A researcher's own rule classifier: unsure verdicts are left for a hand coder."""

    def classify_many(self, engagements, *, columns=None):
        verdicts = super().classify_many(engagements, columns=columns)
        return [
            v
            if v.confidence >= 0.7
            else replace(v, track=None, explanation="[left for a coder] " + v.explanation)
            for v in verdicts
        ]


def test_a_classifier_with_its_own_classify_many_is_used_as_it_is(cases):
    mine = CautiousRules()
    _, kept = label_with_verdicts(cases, "both", rules=mine)
    assert kept["rules"] == mine.classify_many(cases)
    assert any(v.explanation.startswith("[left for a coder]") for v in kept["rules"])
    assert kept["model"] == get_classifier("model").classify_many(cases)
    consensus = ConsensusClassifier(rules=mine, model=get_classifier("model")).fit().classify_many(cases)
    assert any("[left for a coder]" in v.explanation for v in consensus)


def test_subclasses_and_edited_profiles_never_share(tmp_path):
    assert not RuleClassifier()._same_rule_set(CautiousRules())
    profile = tmp_path / "mine.toml"
    shipped = Path(__file__).parents[1] / "src/diplotrack/rulesets/default/profiles/facilitated-1.5.toml"
    profile.write_text(shipped.read_text().replace('name = "facilitated-1.5"', 'name = "mine"'))
    before = RuleClassifier(definition=str(profile)).fit()
    assert before._same_rule_set(RuleClassifier(definition=str(profile)).fit())
    profile.write_text(profile.read_text().replace('label = "Track 1.5"', 'label = "Track 2"'))
    assert not before._same_rule_set(RuleClassifier(definition=str(profile)).fit())  # edited on disk


def test_same_rule_set_reads_phrases_given_as_arrays():
    phrases = np.array(["beekeepers", "shepherds"])
    a = RuleClassifier(lexicon={"nonstate_roles": phrases})
    assert a._same_rule_set(RuleClassifier(lexicon={"nonstate_roles": list(phrases)}))
    assert not a._same_rule_set(RuleClassifier())


def test_no_rows_keep_a_list_for_every_method():
    empty = pd.DataFrame({"description": pd.Series([], dtype=str)})
    out, kept = label_with_verdicts(empty, ["model", "rules"])
    assert kept == {"model": [], "rules": []}
    assert list(out.columns)[1:4] == ["model_track", "model_confidence", "model_explanation"]


def test_evaluate_reads_a_method_s_labels_from_the_table_when_no_classifier_is_given():
    from diplotrack.evaluation import evaluate

    coded = pd.DataFrame(
        {
            "description": [
                "The two foreign ministers signed a border treaty in Hanoi.",
                "Retired diplomats and scholars met for a workshop in Oslo.",
            ],
            "coded": ["Track 1", "Track 2"],
            "rules_track": ["Track 1", "Track 1"],  # a hand-corrected or older labelling
        }
    )
    ev = evaluate(coded, gold="coded", methods="both", classifiers={"rules": None})
    assert ev.sources["rules"] == "column 'rules_track'"
    assert ev.reports["rules"]["accuracy"] == 0.5
    assert ev.sources["model"] == "labelled now"
