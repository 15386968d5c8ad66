"""Definition profiles: the same case labelled differently under two conventions, for the reason
the profile states, with the profile named in the explanation."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from diplotrack import RuleClassifier, get_classifier, label_frame
from diplotrack.ruleset import RuleSetError, load_ruleset, resolve_definition

PRIVATE_CAPACITY = (
    "The Centre for Strategic Studies convened its annual maritime security dialogue in Penang. "
    "Serving officials from the foreign ministries of Malaysia, Vietnam and the Philippines attended "
    "in their personal capacity alongside scholars, retired admirals and journalists."
)
FACILITATED = (
    "Government negotiators and the rebel movement's delegation met for a fourth round of talks in "
    "Geneva, facilitated by the Centre for Humanitarian Dialogue, a private Swiss foundation."
)
MINISTERS = "The foreign ministers of India and China signed a border agreement in Beijing on Monday."


@pytest.mark.parametrize(
    ("text", "definition", "label", "decision"),
    [
        (PRIVATE_CAPACITY, "guideline", "Track 1.5", "officials-in-unofficial-capacity"),
        (PRIVATE_CAPACITY, "private-capacity-track-2", "Track 2", "private-capacity-among-nonstate"),
        (FACILITATED, "guideline", "Track 1", "officials-on-official-business"),
        (FACILITATED, "facilitated-1.5", "Track 1.5", "private-facilitation-of-official-talks"),
        (MINISTERS, "private-capacity-track-2", "Track 1", "officials-only"),
        (MINISTERS, "facilitated-1.5", "Track 1", "officials-only"),
    ],
    ids=["capacity-guideline", "capacity-track-2", "facilitated-guideline", "facilitated-1.5",
         "ministers-unchanged-a", "ministers-unchanged-b"],
)
def test_profiles_change_labels_for_their_stated_reason(text, definition, label, decision):
    v = RuleClassifier(definition=definition).classify(text)
    assert v.label == label, v.explanation
    assert [e.source for e in v.evidence if e.kind == "decision"] == [decision]
    assert v.definition == definition and v.to_dict()["definition"] == definition
    assert v.explanation.endswith(f"Definition: {definition}.")


def test_a_rule_classifier_of_another_definition_sets_it_for_the_model_and_the_consensus():
    # The model stayed on the guideline (Track 1) beside rules of facilitated-1.5 (Track 1.5),
    # and the consensus then abstained as "the methods disagree" on the very cases the
    # definition is about.
    rules = RuleClassifier(definition="facilitated-1.5")
    out = label_frame(pd.DataFrame({"description": [FACILITATED]}), ["rules", "model", "consensus"], rules=rules)
    assert out.loc[0, ["rules_track", "model_track", "consensus_track"]].tolist() == ["Track 1.5"] * 3
    assert out.loc[0, "model_explanation"].endswith("Definition: facilitated-1.5.")
    v = get_classifier("consensus", rules=rules).classify(FACILITATED)
    assert (v.label, v.definition) == ("Track 1.5", "facilitated-1.5")
    assert v.rules_version == rules.classify(FACILITATED).rules_version
    # An explicit definition still decides for every method.
    assert get_classifier("consensus", rules=rules, definition="guideline").classify(FACILITATED).label == "Track 1"


def test_the_private_capacity_profile_quotes_the_capacity_it_relies_on():
    v = RuleClassifier(definition="private-capacity-track-2").classify(PRIVATE_CAPACITY)
    assert "private or personal capacity" in v.explanation
    assert 'Capacity: "personal capacity"' in v.explanation


def test_facilitated_profile_names_the_facilitator():
    v = RuleClassifier(definition="facilitated-1.5").classify(FACILITATED)
    assert 'Private facilitators or mediators: "facilitated by the Centre for Humanitarian Dialogue"' in v.explanation


@pytest.mark.parametrize(
    ("text", "facilitator"),
    [
        ("The Community of Sant'Egidio facilitated talks between official delegations of the government "
         "of Mozambique and RENAMO in Rome.", "Community of Sant'Egidio facilitated"),
        ("The Centre for Humanitarian Dialogue, which mediated between the two delegations, hosted the "
         "government's negotiators and the rebel movement's representatives in Geneva for a fourth round.",
         "Centre for Humanitarian Dialogue, which mediated"),
    ],
    ids=["active", "relative-clause"],
)
def test_a_facilitator_named_before_its_verb_is_a_facilitator(text, facilitator):
    # Only the passive ("facilitated by the Centre") was read: the commonest wording, the
    # facilitator as subject, left the facilitated-1.5 profile at Track 1 without a word.
    v = RuleClassifier(definition="facilitated-1.5").classify(text)
    assert v.label == "Track 1.5", v.explanation
    assert [e.source for e in v.evidence if e.kind == "decision"] == ["private-facilitation-of-official-talks"]
    assert f'Private facilitators or mediators: "{facilitator}"' in v.explanation
    # The guideline's own reading is unchanged: the talks are between official delegations.
    assert RuleClassifier().classify(text).label == "Track 1"


def test_a_process_named_by_its_mediator_has_no_facilitator_in_the_room():
    # "EU-facilitated" names another process, and an official who mediates takes part anyway:
    # neither is a private facilitator, and the scan goes on to "none came".
    text = ("Lawyers and journalists from Serbia and Kosovo met in Skopje to discuss missing persons. "
            "The organisers invited representatives of both governments' teams in the EU-facilitated "
            "dialogue, but none came.")
    v = RuleClassifier(definition="facilitated-1.5").classify(text)
    assert v.label == "Track 2", v.explanation
    assert "Private facilitators" not in v.explanation
    assert [e.source for e in v.evidence if e.status == "facilitator"] == []


def test_a_users_own_profile_file(tmp_path):
    path = tmp_path / "my_codebook.toml"
    path.write_text(
        'name = "my-codebook"\n'
        'description = "Any forum with officials present off the record is Track 1 in our codebook."\n'
        "[[insert]]\n"
        'before = "officials-in-unofficial-capacity"\n'
        'id = "officials-off-record-are-track-1"\n'
        'label = "Track 1"\n'
        'when = ["officials", "unofficial_capacity"]\n'
        "confidence = 0.7\n"
        'description = "serving officials were present, which our codebook counts as Track 1"\n'
    )
    v = RuleClassifier(definition=str(path)).classify(PRIVATE_CAPACITY)
    assert v.label == "Track 1"
    assert "which our codebook counts as Track 1" in v.explanation
    assert v.definition == "my-codebook"


def test_unknown_definitions_list_the_known_ones():
    with pytest.raises(RuleSetError, match=r"Unknown definition 'track-3'.*'guideline', 'private-capacity-track-2'"):
        RuleClassifier(definition="track-3").classify(MINISTERS)


def test_a_profile_must_insert_before_an_existing_decision(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        'name = "bad"\n[[insert]]\nbefore = "no-such-decision"\nid = "x"\nlabel = "Track 2"\n'
        'when = ["nonstate"]\ndescription = "x"\n'
    )
    with pytest.raises(RuleSetError, match=r"goes before 'no-such-decision', which is not in the decision table"):
        RuleClassifier(definition=str(path)).classify(MINISTERS)


def test_every_shipped_profile_is_documented():
    rs = load_ruleset()
    assert {"guideline", "private-capacity-track-2", "facilitated-1.5"} <= set(rs.profiles)
    for profile in rs.profiles.values():
        assert len(profile.description.split()) >= 10 and len(profile.who_uses.split()) >= 8
    assert resolve_definition(None).name == "guideline"


def test_cli_lists_definitions():
    out = subprocess.run([sys.executable, "-m", "diplotrack.cli", "definitions"], capture_output=True, text=True)
    assert out.returncode == 0
    for name in ("guideline", "private-capacity-track-2", "facilitated-1.5"):
        assert name in out.stdout


def test_the_model_under_the_guideline_predicts_exactly_the_shipped_model():
    from diplotrack.api import get_classifier
    from diplotrack.datasets import load_engagements
    from diplotrack.model_store import load_model

    test = load_engagements("test").head(150)
    assert get_classifier("model").predict(test).tolist() == load_model().predict(test).tolist()


CODEBOOK = (
    'name = "my-codebook"\n'
    'description = "Serving officials in a personal capacity among scholars make Track 2 in our codebook."\n'
    "[[insert]]\n"
    'before = "officials-in-unofficial-capacity"\n'
    'id = "private-capacity-is-track-2"\n'
    'label = "Track 2"\n'
    'when = ["officials", "unofficial_capacity", "nonstate_participants"]\n'
    "confidence = 0.8\n"
    'description = "serving officials took part in a personal capacity, which our codebook counts as Track 2"\n'
)
DECISION = r"Invalid decision 'private-capacity-is-track-2' in .*codebook\.toml: "


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[[insert]]", "[insert]",
         r"Invalid definition file '.*codebook\.toml': insert is a single table \(\[insert\]\); write each "
         r"one as \[\[insert\]\]"),
        (CODEBOOK[CODEBOOK.index("[[insert]]"):], 'insert = "private-capacity-is-track-2"\n',
         r"Invalid definition file '.*codebook\.toml': insert is a string \('private-capacity-is-track-2'\), "
         r"expected \[\[insert\]\] tables"),
        ("confidence = 0.8", 'confidence = "high"',
         DECISION + r"confidence must be a number from 0 to 1, got a string \('high'\)"),
        ("confidence = 0.8", "confidence = 7", DECISION + r"confidence must be from 0 to 1 .*, got 7\."),
        ("confidence = 0.8", "confidence = -3", DECISION + r"confidence must be from 0 to 1 .*, got -3\."),
        ('when = ["officials", "unofficial_capacity", "nonstate_participants"]', 'when = "officials"',
         DECISION + r"when is a string \('officials'\), expected a list of condition names: "
                    r"when = \[\"officials\"\]"),
        ('description = "serving officials took part', 'note = "serving officials took part',
         r"Invalid decision in .*codebook\.toml: expected keys id, label, description"),
        ('description = "serving officials took part in a personal capacity, which our codebook counts as Track 2"\n',
         "", DECISION + r"it has no description.*Add description = "),
        ('"officials", "unofficial_capacity"', '"official", "unofficial_capacity"',
         r"codebook\.toml: Invalid condition 'official' in decision 'private-capacity-is-track-2'"),
        ('name = "my-codebook"', 'name = "guideline"',
         r"Invalid definition file '.*codebook\.toml': it is named 'guideline', the name of a shipped "
         r"definition.*name = \"my-codebook\""),
        ('name = "my-codebook"', "name = 2024",
         r"Invalid definition file '.*codebook\.toml': name must be a string in quotes, got a number \(2024\)"),
        # Two decisions with one id could not be told apart in evidence, reports and explanations.
        ('id = "private-capacity-is-track-2"', 'id = "officials-only"',
         r"Invalid definition 'my-codebook' \(.*codebook\.toml\): the inserted decision 'officials-only' has "
         r"the id of a decision already in the table"),
    ],
    ids=["single-insert-table", "insert-a-string", "confidence-a-word", "confidence-above-one",
         "confidence-below-zero", "when-a-string", "misspelt-description", "no-description",
         "unknown-condition-names-the-file", "shipped-name", "name-a-number", "id-taken"],
)
def test_mistakes_in_a_profile_are_named(old, new, message, tmp_path, capsys):
    from diplotrack.cli import main

    assert old in CODEBOOK
    path = tmp_path / "codebook.toml"
    path.write_text(CODEBOOK.replace(old, new))
    with pytest.raises(RuleSetError, match=message):
        RuleClassifier(definition=str(path)).classify(PRIVATE_CAPACITY)
    assert main(["classify", PRIVATE_CAPACITY, "--definition", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(message, err) and "Traceback" not in err and err.count("\n") == 1


def test_the_codebook_of_the_profile_tests_is_valid(tmp_path):
    path = tmp_path / "codebook.toml"
    path.write_text(CODEBOOK)
    v = RuleClassifier(definition=str(path)).classify(PRIVATE_CAPACITY)
    assert v.label == "Track 2" and v.definition == "my-codebook"
    assert "(confidence 0.70): serving officials took part in a personal capacity" in v.explanation


def test_a_shipped_profile_file_given_by_its_path_keeps_its_name():
    path = load_ruleset().profiles["facilitated-1.5"].path
    assert RuleClassifier(definition=path).classify(FACILITATED).definition == "facilitated-1.5"


def test_an_edited_profile_is_read_again(tmp_path, data_dir):
    from diplotrack import classify

    path = tmp_path / "codebook.toml"
    rule_file = data_dir / "occupations_rules.toml"

    def labels() -> dict[str, str]:
        verdicts = {"rules": classify(PRIVATE_CAPACITY, definition=str(path)),
                    "rule file": classify(PRIVATE_CAPACITY, rules=rule_file, definition=str(path)),
                    "model": classify(PRIVATE_CAPACITY, "model", definition=str(path))}
        assert all(v.definition == "my-codebook" for v in verdicts.values())
        return {method: v.label for method, v in verdicts.items()}

    path.write_text(CODEBOOK)
    assert labels() == {"rules": "Track 2", "rule file": "Track 2", "model": "Track 2"}
    # The codebook changes its mind (a new size too, whatever the resolution of the file's time).
    path.write_text(CODEBOOK.replace('label = "Track 2"', 'label = "Track 1"')
                    .replace("counts as Track 2", "counts as Track 1 all the same"))
    assert labels() == {"rules": "Track 1", "rule file": "Track 1", "model": "Track 1"}


def test_a_consensus_built_directly_labels_both_methods_by_the_rules_definition():
    # ConsensusClassifier(rules=RuleClassifier(definition=...)) paired those rules with the
    # guideline's model: the methods "disagreed" (Track 2 / Track 1.5) on the very case the
    # definition is about, and the case went to a human coder.
    from diplotrack import ConsensusClassifier
    from diplotrack.definitions import DefinedModel

    c = ConsensusClassifier(rules=RuleClassifier(definition="private-capacity-track-2")).fit()
    assert c.model_.definition == "private-capacity-track-2"
    v = c.classify(PRIVATE_CAPACITY)
    assert (v.label, v.definition) == ("Track 2", "private-capacity-track-2"), v.explanation
    assert "Definition: guideline" not in v.explanation
    # Only a model under a definition given: the shipped rules follow it.
    model = DefinedModel(model=get_classifier("model").model, definition="private-capacity-track-2").fit()
    c = ConsensusClassifier(model=model).fit()
    assert c.rules_.definition == "private-capacity-track-2"
    assert c.classify(PRIVATE_CAPACITY).label == "Track 2"


def test_a_defined_model_given_as_the_model_keeps_its_definition():
    # classify(text, "model", model=dm) re-wrapped it under the guideline (Track 1.5).
    from diplotrack import classify
    from diplotrack.definitions import DefinedModel

    dm = DefinedModel(model=get_classifier("model").model, definition="private-capacity-track-2").fit()
    assert dm.classify(PRIVATE_CAPACITY).label == "Track 2"
    v = classify(PRIVATE_CAPACITY, "model", model=dm)
    assert (v.label, v.definition) == ("Track 2", "private-capacity-track-2")
    assert classify(PRIVATE_CAPACITY, "consensus", model=dm).definition == "private-capacity-track-2"
    # A definition named outright still decides.
    assert classify(PRIVATE_CAPACITY, "model", model=dm, definition="guideline").label == "Track 1.5"


def test_a_defined_model_of_a_defined_model_labels_and_names_one_definition():
    # The wrapper of a wrapper labelled by the inner definition and named both ("Definition:
    # guideline. Definition: private-capacity-track-2."), or named the outer one only.
    from diplotrack.definitions import DefinedModel

    v = DefinedModel(model=get_classifier("model"), definition="private-capacity-track-2").fit().classify(MINISTERS)
    assert v.explanation.count("Definition:") == 1 and v.explanation.endswith("Definition: private-capacity-track-2.")
    inner = get_classifier("model", definition="private-capacity-track-2")
    outer = DefinedModel(model=inner, definition="guideline").fit()
    assert (outer.classify(PRIVATE_CAPACITY).label, outer.classify(PRIVATE_CAPACITY).definition) == ("Track 1.5", "guideline")


def test_a_clone_of_the_shipped_model_or_consensus_labels_without_retraining():
    # clone() left the wrapped TextClassifier unfitted: "the TextClassifier is not fitted", on
    # the very pattern get_classifier's docstring advises (change a clone).
    from sklearn.base import clone

    shared = get_classifier("model", definition="private-capacity-track-2")
    model = clone(shared)
    assert model.classify(PRIVATE_CAPACITY).label == "Track 2"
    consensus = clone(get_classifier("consensus")).set_params(model_confident=0.9).fit()
    assert consensus.classify(MINISTERS).label == "Track 1"
    # Changing the clone leaves the shared model alone (it held the very same fitted model).
    before = shared.classify(MINISTERS).explanation
    model.set_params(model__n_evidence=1, model__n_neighbors=0)
    assert model.model is not shared.model and model.classify(MINISTERS).explanation != before
    assert shared.classify(MINISTERS).explanation == before


@pytest.mark.parametrize(("label", "expected"), [("none", "none"), ("best", "Track 1.5")], ids=["abstains", "best"])
def test_a_definition_whose_own_decision_abstains_or_picks_the_best_track_holds_for_the_model(tmp_path, label, expected):
    # The model kept its verdict where the definition's decision abstains, so the consensus
    # reported a confident disagreement; a decision labelled "best" crashed the model
    # ("'best' is not a valid Track").
    from diplotrack import classify

    path = tmp_path / "not_coded.toml"
    path.write_text(
        f'name = "not-coded-{label}"\n'
        'description = "Officials in a personal capacity among non-state people: coded apart."\n'
        "[[insert]]\n"
        'before = "officials-in-unofficial-capacity"\n'
        f'id = "private-capacity-{label}"\n'
        f'label = "{label}"\n'
        'when = ["officials", "unofficial_capacity", "nonstate_participants"]\n'
        'description = "serving officials in a personal capacity among non-state participants"\n',
        encoding="utf-8",
    )
    rules = classify(PRIVATE_CAPACITY, "rules", definition=str(path))
    model = classify(PRIVATE_CAPACITY, "model", definition=str(path))
    assert rules.label == model.label == expected, model.explanation
    assert model.definition == f"not-coded-{label}"
    if expected == "none":  # relabelled by the definition's decision, which it quotes
        assert model.explanation.startswith("Abstained (probability")
        assert "under definition not-coded-none" in model.explanation
    assert classify(PRIVATE_CAPACITY, "consensus", definition=str(path)).label == expected


def test_a_missing_profile_file_is_named_as_a_profile_file(tmp_path):
    # It was reported as "Rule-set file not found".
    missing = tmp_path / "codebook.toml"
    with pytest.raises(RuleSetError, match=r"Definition profile file not found: .*codebook\.toml"):
        RuleClassifier(definition=str(missing)).fit()


def test_a_definition_that_abstains_gives_a_model_without_none_no_label_it_lacks(tmp_path):
    # A model trained on the three tracks only, under a definition whose decision abstains:
    # its verdict became "none", a label not in classes_, and predict_proba summed to 0.009.
    import numpy as np

    from diplotrack import TextClassifier
    from diplotrack.datasets import load_engagements
    from diplotrack.definitions import DefinedModel

    path = tmp_path / "not_coded.toml"
    path.write_text(
        'name = "not-coded"\ndescription = "Officials in a personal capacity: not coded."\n[[insert]]\n'
        'before = "officials-in-unofficial-capacity"\nid = "private-capacity-not-coded"\nlabel = "none"\n'
        'when = ["officials", "unofficial_capacity", "nonstate_participants"]\n'
        'description = "serving officials in a personal capacity among non-state participants"\n',
        encoding="utf-8",
    )
    train = load_engagements("train").query("track != 'none'").groupby("track", observed=True).head(60)
    tracks = TextClassifier(abstain_threshold=0.5, neighbour_vote=0).fit(train, train["track"].astype(str))
    model = DefinedModel(model=tracks, definition=str(path)).fit()
    assert "none" not in model.classes_.tolist()
    assert model.predict([PRIVATE_CAPACITY]).tolist() == tracks.predict([PRIVATE_CAPACITY]).tolist()
    assert np.isclose(model.predict_proba([PRIVATE_CAPACITY]).sum(), 1.0)
