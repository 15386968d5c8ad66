"""The trained text classifier: estimator behaviour, abstention, explanations, the shipped model."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import cross_val_score

from diplotrack import RuleClassifier, TextClassifier, Track, classify, get_classifier
from diplotrack.abstention import THRESHOLDS
from diplotrack.datasets import dataset_sha256, load_engagements
from diplotrack.engagement import as_engagements
from diplotrack.metrics import as_labels
from diplotrack.model_store import (
    ModelError,
    card_path,
    load_card,
    load_model,
    save_model,
)
from diplotrack.resources import model_path
from diplotrack.text_features import RuleEvidence, word_tfidf
from diplotrack.tokens import STOP_WORDS
from diplotrack.verdict import LABELS

FIELDS = ["description", "participants", "formality", "purpose"]


@pytest.fixture(scope="module")
def train() -> pd.DataFrame:
    return load_engagements("train")


@pytest.fixture(scope="module")
def train_sample(train) -> pd.DataFrame:
    """500 training cases per label, drawn at random: enough for what a test of fitting checks,
    a quarter of the time of the whole split (the shipped model's own tests use all of it)."""
    return train.groupby("track", observed=True, group_keys=False).sample(n=500, random_state=0)


@pytest.fixture(scope="module")
def small_model(train) -> TextClassifier:
    return TextClassifier(random_state=0).fit(train[FIELDS], train["track"])


@pytest.fixture(scope="module")
def shipped() -> TextClassifier:
    return load_model()


def test_fit_learns_the_four_labels(small_model):
    assert list(small_model.classes_) == ["Track 1", "Track 1.5", "Track 2", "none"]
    assert len(small_model.feature_names_) == small_model.estimator_.coef_.shape[1]


def test_a_model_of_ones_own_names_the_rule_set_its_features_read(small_model, rules_clf):
    # Its verdicts carried no rule set at all; one without rule features has none to name.
    text = "Retired generals and scholars from India and Pakistan met in Bangkok; no serving officials attended."
    v = small_model.classify(text)
    assert v.rules_version == rules_clf.classify(text).rules_version and v.to_dict()["rules_version"]
    assert v.definition is None  # it labels as its training labels do; classify(...) names one
    words_only = TextClassifier(rule_weight=0.0, neighbour_vote=0, abstain_threshold=0.5, min_df=1)
    words_only.fit(small_model.train_excerpts_[:80].tolist(), small_model.train_labels_[:80])
    assert words_only.classify(text).rules_version is None


def test_parameters_are_stored_unchanged_and_validated_in_fit(train):
    clf = TextClassifier(C=5, abstain_threshold=0.4, ngram_max=3)
    assert clf.get_params()["C"] == 5 and clf.get_params()["ngram_max"] == 3
    assert clone(clf).get_params() == clf.get_params()
    with pytest.raises(ValueError, match="abstain_threshold"):
        TextClassifier(abstain_threshold=1.5).fit(train[FIELDS][:40], train["track"][:40])


def test_fit_rejects_inputs_without_words():
    with pytest.raises(ValueError, match="none of the training cases contains any words"):
        TextClassifier().fit(["", None, "  "], ["Track 1", "Track 2", "Track 1"])


SMALL_CODEBOOK = [
    ("The foreign ministers of Chile and Peru met in Lima to sign the fisheries protocol.", "Track 1"),
    ("Retired generals from India and Pakistan talked for two days at a hotel in Colombo.", "Track 2"),
    ("Scholars and two serving deputy ministers debated water sharing at a university in Almaty.",
     "Track 1.5"),
    ("Obituary: the former ambassador, who served in Moscow and Beijing, died aged 84.", "none"),
]


def test_a_small_training_set_gets_a_clear_min_df_error_and_fits_with_min_df_1():
    """The default keeps word features seen in 5 training cases; a researcher fitting a model
    on a handful of hand-coded cases is told why nothing is kept and what to pass."""
    X, y = zip(*SMALL_CODEBOOK)
    with pytest.raises(ValueError, match=r"min_df=5 of the 4 training cases.*TextClassifier\(min_df=1\)"):
        TextClassifier(rule_weight=0.0, abstain_threshold=0.5).fit(list(X), list(y))
    model = TextClassifier(rule_weight=0.0, abstain_threshold=0.5, min_df=1).fit(list(X), list(y))
    assert "foreign minister" in model.feature_names_
    # With the default threshold ("auto") the folds that choose it are smaller still.
    X8, y8 = list(X) * 2, list(y) * 2
    # "May" in five of the eight: kept on the whole set, but no fold's four training cases hold it five times.
    X8 = [x.replace(".", " in May.") if k >= 3 else x for k, x in enumerate(X8)]
    with pytest.raises(ValueError, match=r"min_df=5 of the \d+ training cases in a cross-validation fold"):
        TextClassifier(rule_weight=0.0).fit(X8, y8)


def test_word_pairs_are_features_and_explanations_quote_them_as_written(small_model):
    """With the default ngram_max=2, adjacent content words of one sentence are one feature
    ("former minister"), never two words either side of a sentence's end; an explanation finds
    each pair as the span of the input whose content words are that pair, plural or not."""
    from diplotrack.engagement import Engagement
    from diplotrack.text_explanation import locate
    from diplotrack.text_features import engagement_features
    from diplotrack.tokens import content_stems

    assert {"former minister", "took part"} <= set(small_model.feature_names_)
    text = ("Officials said the negotiations continued. Former ministers met with scholars from "
            "the United States and Saudi Arabia, and a former Russian foreign minister took part.")
    pairs = [f for f in engagement_features(Engagement(text), ngram_max=2) if " " in f]
    assert "continued former" not in pairs and "official said" in pairs
    fields = (("description", text),)
    for pair in pairs:
        found = locate(fields, pair)
        assert found is not None, pair
        assert content_stems(text[found[1] : found[2]]) == pair.split(), (pair, text[found[1] : found[2]])
    verdict = small_model.classify(text)
    quotes = [e.text for e in verdict.evidence if e.kind == "feature"]
    assert any(" " in q for q in quotes), quotes


@pytest.mark.slow
def test_cross_val_score_works(train_sample):
    X, y = train_sample[FIELDS], train_sample["track"]
    scores = cross_val_score(TextClassifier(), X, y, cv=3, scoring="f1_macro")
    assert scores.shape == (3,) and scores.mean() > 0.7


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The foreign ministers of both countries signed the border treaty at a formal ceremony, "
         "after their delegations concluded a final round of negotiations.", Track.TRACK_1),
        ("Retired generals and former ambassadors from both countries met academics for an "
         "unofficial workshop; no serving officials took part.", Track.TRACK_2),
        ("Serving deputy foreign ministers attended in a personal capacity alongside think-tank "
         "scholars at the closed-door dialogue, held under the Chatham House rule.", Track.TRACK_1_5),
    ],
    ids=["official-signing", "former-officials-workshop", "personal-capacity-dialogue"],
)
def test_shipped_model_labels_clear_cases(shipped, text, expected):
    verdict = shipped.classify(text)
    assert verdict.track == expected, verdict.explanation
    assert verdict.method == "model"


@pytest.mark.parametrize(
    "text",
    ["Light showers are expected on Tuesday with highs of 14C in the capital.",
     "Shares in the airline fell 4% after it cut its profit forecast for the year."],
    ids=["weather", "markets"],
)
def test_shipped_model_abstains_on_non_engagements(shipped, text):
    verdict = shipped.classify(text)
    assert verdict.track is None and verdict.label == "none"
    assert verdict.explanation.startswith("Abstained")


@pytest.mark.parametrize("text", ["", "   ", "zxqv blorp qqq", "ꙮꙮꙮ ꙮꙮ"], ids=["empty", "blank", "garbled", "unknown-script"])
def test_no_known_words_abstains_with_reason(shipped, text):
    verdict = shipped.classify(text)
    assert verdict.track is None
    assert "nothing to go on" in verdict.explanation
    # predict_proba says what the verdict's scores say (it gave the linear model's own
    # probabilities, 0.88 for none, beside a verdict of 1.0).
    proba = shipped.predict_proba([text])[0]
    assert dict(zip(shipped.classes_, proba.tolist())) == verdict.scores
    assert shipped.predict([text]).tolist() == ["none"]


@pytest.mark.parametrize(
    ("text", "said"),
    [("Minister, " * 200, "repeats the same word over and over (200 words in all)"),
     ("ambassadors met scholars " * 10, "repeats the same 3 words over and over (30 words in all)")],
    ids=["one-word-pasted", "three-words-pasted"],
)
def test_a_few_words_repeated_abstain_with_reason(shipped, text, said):
    # "Minister, " pasted 200 times was Track 1 at 1.00: its one word took all the weight of
    # the L2-normalised word features, and its rule counts grew without bound.
    verdict = shipped.classify(text)
    assert verdict.track is None, verdict.explanation
    assert said in verdict.explanation and "nothing to go on" in verdict.explanation
    proba = shipped.predict_proba([text])[0]
    assert dict(zip(shipped.classes_, proba.tolist())) == verdict.scores
    assert shipped.predict([text]).tolist() == ["none"]
    # A short description with few words is read as it always was.
    short = shipped.classify("The foreign ministers of Chile and Peru met in Lima.")
    assert short.track == "Track 1", short.explanation


def test_a_few_words_repeated_in_every_order_abstain_too(shipped):
    # Five words in every ordered pair make many features of word pairs: a first version read
    # only cases with few features, and gave this one Track 1 at 1.00.
    words = ["two", "government", "minister", "state", "delegation"]
    text = " ".join(f"{a} {b}" for a in words for b in words if a != b) + "."
    verdict = shipped.classify(text)
    assert verdict.track is None and "repeats the same 5 words" in verdict.explanation
    # Dates in a script without spaces are no repetition: the text is still said to be
    # unreadable for the model, not repeated.
    dates = "ASEAN外长会议：" + "，".join(f"20{y}年{m}月{d}日" for y in (19, 20, 21) for m, d in ((8, 2), (9, 9), (7, 14)))
    assert "repeats" not in shipped.classify(dates).explanation


@pytest.fixture(scope="module")
def tracks_only(train) -> TextClassifier:
    """A model trained on engagements only: the three tracks, no "none"."""
    engagements = train[train["track"] != "none"].groupby("track", observed=True).head(40)
    return TextClassifier(min_df=1).fit(engagements[FIELDS], engagements["track"].astype(str))


def test_a_model_trained_without_none_never_predicts_none(tracks_only):
    texts = ["", "zxqv blorp qqq", "ꙮꙮꙮ ꙮꙮ",
             "The foreign ministers of Armenia and Azerbaijan met in Washington to sign a peace accord.",
             "Retired generals and think-tank scholars from both countries held a closed workshop in Oslo."]
    assert tracks_only.classes_.tolist() == ["Track 1", "Track 1.5", "Track 2"]
    labels = tracks_only.predict(texts)
    assert set(labels) <= set(tracks_only.classes_)
    # No abstention threshold to apply: each label is the most probable column of predict_proba.
    proba = tracks_only.predict_proba(texts)
    assert labels.tolist() == tracks_only.classes_[proba.argmax(axis=1)].tolist()
    verdicts = tracks_only.classify_many(texts)
    assert [v.label for v in verdicts] == labels.tolist()
    assert all(v.track is not None for v in verdicts)
    assert "cannot abstain" in verdicts[1].explanation and "cannot abstain" not in verdicts[3].explanation


def test_explanation_quotes_input_with_weights_fields_and_similar_cases(shipped):
    case = {"description": "Talks in Geneva.",
            "participants": "deputy foreign ministers; official delegations",
            "formality": "formal negotiation", "purpose": "conclude an arms control agreement"}
    verdict = shipped.classify(case)
    assert verdict.track == Track.TRACK_1
    features = [e for e in verdict.evidence if e.kind == "feature"]
    assert features and any(e.weight > 0 for e in features)
    for e in features:
        if e.start is not None:
            assert case[e.field][e.start:e.end] == e.text
            assert f'"{e.text.split()[0]}' in verdict.explanation
    similar = [e for e in verdict.evidence if e.kind == "similar_case"]
    assert len(similar) == shipped.n_neighbors
    train_ids = set(load_engagements("train")["id"])
    assert all(e.source in train_ids for e in similar)
    assert "Most similar training cases: " + similar[0].source in verdict.explanation
    assert any(e.field == "participants" for e in features), "structured field should carry weight"


def test_former_and_negation_scope_reach_the_explanation(shipped):
    verdict = shipped.classify("Former ministers and retired diplomats met scholars in Oslo; "
                               "no government officials attended the unofficial workshop.")
    assert verdict.track == Track.TRACK_2
    quoted = " ".join(e.text.lower() for e in verdict.evidence if e.kind == "feature")
    assert "former" in quoted or "retired" in quoted or "no government" in quoted


def test_predict_matches_classify_and_proba_is_a_distribution(shipped):
    test = load_engagements("test").head(60)
    proba = shipped.predict_proba(test)
    assert np.allclose(proba.sum(axis=1), 1.0)
    labels = shipped.predict(test)
    assert labels.tolist() == [v.label for v in shipped.classify_many(test)]


@pytest.mark.slow
def test_abstain_threshold_trades_abstention(train_sample):
    X, y = train_sample[FIELDS], train_sample["track"]
    low = TextClassifier(abstain_threshold=0.05).fit(X, y)
    high = clone(low).set_params(abstain_threshold=0.95).fit(X, y)
    test = load_engagements("test")
    assert (low.predict(test) == "none").sum() > (high.predict(test) == "none").sum()


@pytest.mark.slow
def test_training_is_reproducible(train_sample):
    X, y = train_sample[FIELDS], train_sample["track"]
    a = TextClassifier(random_state=3).fit(X, y)
    b = TextClassifier(random_state=3).fit(X, y)
    assert a.abstain_threshold_ == b.abstain_threshold_  # chosen by seeded cross-validation
    test = load_engagements("test")
    assert np.array_equal(a.predict_proba(test), b.predict_proba(test))


def test_pickle_round_trip(small_model):
    restored = pickle.loads(pickle.dumps(small_model))
    test = load_engagements("test").head(50)
    assert np.array_equal(restored.predict_proba(test), small_model.predict_proba(test))
    assert [v.explanation for v in restored.classify_many(test)] == [
        v.explanation for v in small_model.classify_many(test)]


def test_classify_refuses_models_trained_on_other_labels():
    model = TextClassifier(min_df=1).fit(["envoys signed a treaty", "students met"] * 3, ["a", "b"] * 3)
    assert model.predict(["envoys signed"]).tolist() == ["a"]
    with pytest.raises(ValueError, match="verdicts need labels"):
        model.classify("envoys signed")


def test_numeric_label_codes_keep_their_type_in_classes_and_predict(train):
    # A researcher's codebook: 1, 2, 3 for the tracks and 9 for no engagement (sorted as the
    # text labels are, so the two models' columns line up).
    cases = train.groupby("track", observed=True).head(40).reset_index(drop=True)
    codebook = {"Track 1": 1, "Track 1.5": 2, "Track 2": 3, "none": 9}
    codes = cases["track"].astype(str).map(codebook).to_numpy()
    coded = TextClassifier(min_df=1).fit(cases[FIELDS], codes)
    assert coded.classes_.dtype.kind == "i" and coded.classes_.tolist() == [1, 2, 3, 9]
    test = load_engagements("test").head(20)
    labels = coded.predict(test)
    assert labels.dtype == coded.classes_.dtype and set(labels.tolist()) <= {1, 2, 3, 9}
    named = TextClassifier(min_df=1).fit(cases[FIELDS], cases["track"])
    np.testing.assert_allclose(coded.predict_proba(test), named.predict_proba(test), rtol=0, atol=1e-12)
    assert cross_val_score(TextClassifier(min_df=1), cases[FIELDS], codes, cv=3, error_score="raise").mean() > 0.5
    with pytest.raises(ValueError, match=r"trained on \[1, 2, 3, 9\].*map your labels"):
        coded.classify("The foreign ministers of Chile and Peru signed a maritime accord in Lima.")
    # Wrapped for verdicts, its predict() gives them too: the message points at the model's own.
    wrapped = get_classifier("model", model=coded)
    with pytest.raises(ValueError, match=r"call the model's own predict\(\) \(not a classifier from get_classifier"):
        wrapped.predict(test)


def test_labels_mixing_text_and_codes_are_a_clear_error(train):
    cases = train.groupby("track", observed=True).head(5).reset_index(drop=True)
    mixed = [1 if t == "Track 1" else t for t in cases["track"].astype(str)]
    with pytest.raises(ValueError, match=r"labels mix text .* and other values \(1\); expected one kind"):
        TextClassifier(min_df=1).fit(cases[FIELDS], mixed)


def test_track_labels_spelt_otherwise_are_refused_at_fit_not_at_labelling(train):
    # A coded file read with pandas: "track 1.5", "None". The model fitted, and every verdict
    # then failed with "this model was trained on ['None', 'track 1.5', ...]".
    cases = train.groupby("track", observed=True).head(10).reset_index(drop=True)
    spelt = cases["track"].astype(str).map({"Track 1.5": "track 1.5", "none": "None"}).fillna(cases["track"].astype(str))
    with pytest.raises(ValueError) as caught:
        TextClassifier(min_df=1).fit(cases[FIELDS], spelt)
    message = str(caught.value)
    assert "'None' is not written as 'none'" in message and "'track 1.5' is not written as 'Track 1.5'" in message
    assert "diplotrack.metrics.as_labels(y)" in message
    model = TextClassifier(min_df=1).fit(cases[FIELDS], as_labels(spelt))
    assert model.classify("Retired diplomats and scholars from India and Pakistan met in Bangkok.").label in LABELS


# ---- the shipped artefact ---------------------------------------------------------------

def test_shipped_card_is_complete_and_current():
    card = load_card()
    for key in ("diplotrack_version", "sklearn_version", "training_data", "chosen_configuration",
                "params", "cross_validation", "test_metrics", "baseline", "test_comparison",
                "created", "model_sha256"):
        assert key in card, f"model card lacks {key!r}"
    assert card["training_data"]["sha256"] == dataset_sha256(), (
        "the shipped model was trained on another version of datasets/engagements.csv: "
        "run 'diplotrack train' and commit models/")
    assert len(card["cross_validation"]["comparison"]) >= 3
    assert set(card["test_metrics"]["per_class"]) == {"Track 1", "Track 1.5", "Track 2", "none"}


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_model(train, shipped):
    card = load_card()
    retrained = TextClassifier(**card["params"]).fit(train, train["track"])
    test = load_engagements("test")
    assert np.array_equal(retrained.predict(test), shipped.predict(test))
    assert np.allclose(retrained.predict_proba(test), shipped.predict_proba(test), atol=1e-12)


def test_classify_method_model_uses_the_shipped_model():
    verdict = classify("Foreign ministers signed the peace treaty in a formal ceremony.", method="model")
    assert verdict.method == "model" and verdict.track == Track.TRACK_1


def test_save_load_round_trip_and_checksum_refusal(tmp_path, small_model):
    path = tmp_path / "m.joblib"
    card = save_model(small_model, path, {"note": "test"})
    assert card_path(path).is_file() and card["note"] == "test"
    loaded = load_model(path)
    test = load_engagements("test").head(30)
    assert np.array_equal(loaded.predict(test), small_model.predict(test))
    path.write_bytes(path.read_bytes() + b"tampered")
    with pytest.raises(ModelError, match="does not match the card"):
        load_model(path)


def test_missing_model_or_card_is_a_clear_error(tmp_path, small_model):
    with pytest.raises(ModelError, match="Model file not found"):
        load_model(tmp_path / "absent.joblib")
    path = tmp_path / "m.joblib"
    save_model(small_model, path, {})
    card_path(path).unlink()
    with pytest.raises(ModelError, match="card not found"):
        load_model(path)


def test_default_model_path_points_at_the_shipped_file():
    assert model_path("diplotrack-text.joblib").is_file()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # within the supported scikit-learn range, loading is silent
        load_model()


def test_fast_tfidf_equals_scikit_learn_transform(shipped):
    cases = as_engagements(load_engagements("test")) + as_engagements(
        ["", "zxqv", "Ministers met ministers, and ministers met again."])
    fast = word_tfidf(shipped.vectorizer_, [shipped.vectorizer_.analyzer(e) for e in cases])
    reference = shipped.vectorizer_.transform(cases)
    assert fast.shape == reference.shape
    assert abs(fast - reference).max() < 1e-12


# ---- what issue 8 and 9 asked of the model -----------------------------------------------

def test_defaults_are_the_shipped_configuration(shipped):
    """Everything but the threshold: TextClassifier() chooses it by cross-validation on the
    cases it is fitted on ("auto"); the shipped model carries the number chosen on folds
    that hold whole writing rounds out."""
    card = load_card()
    defaults = TextClassifier().get_params()
    assert {k: v for k, v in defaults.items() if k != "abstain_threshold"} == {
        k: v for k, v in card["params"].items() if k != "abstain_threshold"}, (
        "TextClassifier()'s defaults differ from the shipped model's configuration: set the "
        "defaults in text_model.py to the card's params (see 'params_differing_from_defaults')")
    assert card["params_differing_from_defaults"] == []
    assert defaults["abstain_threshold"] == "auto"


def test_shipped_threshold_is_the_one_chosen_on_rounds_held_out(shipped):
    card = load_card()
    cv = card["cross_validation"]
    assert cv["scheme"] == "grouped by writing round"
    chosen = next(r for r in cv["comparison"] if r["name"] == card["chosen_configuration"])
    assert shipped.abstain_threshold == shipped.abstain_threshold_ == chosen["threshold"], (
        "the shipped threshold should be the chosen configuration's, from the comparison's folds")
    assert shipped.abstain_threshold_ in THRESHOLDS
    assert cv["threshold_selection"]["chosen"] == chosen["threshold"]
    assert [r["threshold"] for r in cv["threshold_selection"]["candidates"]] == list(THRESHOLDS)


def test_shipped_model_uses_rule_evidence_next_to_the_words(shipped):
    rule_features = [f for f in shipped.feature_names_ if f.startswith("rule:")]
    assert rule_features and any("[former]" in f for f in rule_features)
    case = "Former foreign ministers and retired generals joined scholars at an unofficial workshop."
    verdict = shipped.classify(case)
    assert verdict.track == Track.TRACK_2, verdict.explanation
    quoted = [e for e in verdict.evidence if e.kind == "feature" and "rule:" in e.source]
    assert quoted, verdict.explanation
    assert any(e.text.lower().startswith(("former", "retired")) for e in quoted), verdict.explanation
    assert "rule official-role[former]" in verdict.explanation or "[former]" in verdict.explanation


@pytest.mark.parametrize(
    "text",
    ["The ministers of the two countries met in Geneva and in Bern, and they signed the accord "
     "in front of the press, with their delegations and advisers at their side.",
     "Scholars and journalists from both sides met at a lakeside hotel; it was an informal "
     "exchange, and the participants spoke for themselves.",
     "We were told that the envoys should meet before the summit, and they did: the deputy "
     "foreign ministers had two rounds of talks and signed a protocol."],
    ids=["official-with-function-words", "unofficial-with-function-words", "voice-words"],
)
def test_stop_words_are_never_quoted_as_deciding(shipped, text):
    verdict = shipped.classify(text)
    phrases = [e for e in verdict.evidence if e.kind == "feature"]
    assert phrases
    for e in phrases:
        words = e.text.lower().split()
        assert any(w.strip(",.;") not in STOP_WORDS for w in words), (e.text, verdict.explanation)
    for word in ("and", "in", "the", "of", "with", "their", "we", "should", "was"):
        assert f'"{word}"' not in verdict.explanation.lower()


def test_every_quote_on_the_test_split_is_input_text_and_not_only_stop_words(shipped):
    test = load_engagements("test")
    for case, verdict in zip(as_engagements(test), shipped.classify_many(test)):
        for e in verdict.evidence:
            if e.kind == "feature":
                assert getattr(case, e.field)[e.start:e.end] == e.text
                assert not all(w in STOP_WORDS for w in e.text.lower().split()), verdict.explanation
        # Words are quoted on one side only, with their net weight: 112 verdicts of the test
        # split named the same words as pushing toward the label and against it
        # ('"treaty" (+0.24; rule formal-business) ... against it was "treaty" (-0.08)').
        toward = [e for e in verdict.evidence if e.kind == "feature" and e.weight > 0]
        for a in (e for e in verdict.evidence if e.kind == "feature" and e.weight < 0):
            assert not any(
                t.field == a.field and (a.start < t.end and t.start < a.end or t.text.lower() == a.text.lower())
                for t in toward
            ), verdict.explanation


def test_explanations_quote_whole_phrases_with_their_summed_weight(shipped):
    case = "The deputy foreign ministers of both states signed the border treaty in Vienna."
    verdict = shipped.classify(case)
    assert verdict.track == Track.TRACK_1
    phrases = [e for e in verdict.evidence if e.kind == "feature" and e.weight > 0]
    assert any(len(e.text.split()) >= 2 for e in phrases), verdict.explanation
    assert all(case[e.start:e.end] == e.text for e in phrases)
    texts = [e.text.lower() for e in phrases]
    assert len(texts) == len(set(texts)), "one phrase quoted once"
    weights = [e.weight for e in phrases]
    assert weights == sorted(weights, reverse=True)


def test_card_records_the_baseline_trained_in_the_same_run():
    card = load_card()
    baseline = card["baseline"]
    assert "TfidfVectorizer" in baseline["description"]
    assert set(baseline["test_metrics"]["per_class"]) == {"Track 1", "Track 1.5", "Track 2", "none"}
    comparison = card["test_comparison"]["macro_f1"]
    assert comparison == {"model": card["test_metrics"]["macro_f1"],
                          "baseline": baseline["test_metrics"]["macro_f1"]}
    assert comparison["model"] > comparison["baseline"]
    names = [r["name"] for r in card["cross_validation"]["comparison"]]
    assert card["chosen_configuration"] in names and any("rules" in n for n in names)


def test_rule_weight_zero_gives_a_words_only_model(train):
    words_only = TextClassifier(rule_weight=0.0, abstain_threshold=0.5).fit(train[FIELDS], train["track"])
    assert words_only.rule_evidence_ is None
    assert not any(f.startswith("rule:") for f in words_only.feature_names_)
    verdict = words_only.classify("Foreign ministers signed the treaty.")
    assert verdict.track == Track.TRACK_1
    assert all("rule:" not in e.source for e in verdict.evidence)


def test_rules_parameter_extends_the_rule_evidence(train):
    rules = RuleClassifier(lexicon={"nonstate_roles": ("peace troubadours",)})
    model = TextClassifier(rules=rules, abstain_threshold=0.5).fit(train[FIELDS][:200], train["track"][:200])
    assert model.rules is rules and model.rule_evidence_.rules_ is not rules
    with pytest.raises(TypeError, match="Invalid rules"):
        RuleEvidence(rules="official-role").fit(["Envoys met."])
    with pytest.raises(ValueError, match="'rules' parameter of TextClassifier must be an instance of"):
        TextClassifier(rules="official-role").fit(train[FIELDS][:40], train["track"][:40])


def test_shipped_model_weighs_the_rules_decision_and_says_how_hard_it_pushed(shipped):
    case = ("The foreign ministers of Chile and Peru met in Lima on 3 May and signed a treaty on "
            "the maritime boundary, ending six rounds of negotiations between their delegations.")
    rules = RuleClassifier().classify(case)
    decided = next(e.source for e in rules.evidence if e.kind == "decision")
    verdict = shipped.classify(case)
    assert verdict.track == rules.track == Track.TRACK_1, verdict.explanation
    said = [e for e in verdict.evidence if e.kind == "rule_decision"]
    assert [e.source for e in said] == [f"decision:{decided}"]
    # The rules decided Track 1 and so did the model: the decision pushed toward it.
    assert said[0].weight > 0 and said[0].supports == "Track 1"
    sentence = f'The rule classifier\'s decision "{decided}" (Track 1) pushed toward it ({said[0].weight:+.2f}).'
    assert sentence in verdict.explanation
    # The decision is no words of the input: never quoted as a phrase.
    assert all(not e.source.startswith("decision:") for e in verdict.evidence if e.kind == "feature")


def test_rule_evidence_gives_the_decision_that_made_the_rules_verdict():
    cases = ["The foreign ministers of Chile and Peru signed a maritime boundary treaty in Lima.",
             "Retired generals and scholars from both countries met for an unofficial workshop in Oslo."]
    with_decision = RuleEvidence(decision=True).fit(cases)
    X = with_decision.transform(cases).toarray()
    names = with_decision.get_feature_names_out()
    columns = [j for j, n in enumerate(names) if n.startswith("decision:")]
    for row, verdict in zip(X, RuleClassifier().classify_many(cases)):
        decided = next(e.source for e in verdict.evidence if e.kind == "decision")
        assert [names[j] for j in columns if row[j] > 0] == [f"decision:{decided}"]
    without = RuleEvidence().fit(cases).get_feature_names_out()
    assert not any(n.startswith("decision:") for n in without)
    assert set(without) == set(names) - {names[j] for j in columns}


def test_rule_decision_false_leaves_the_decision_out(train):
    model = TextClassifier(rule_decision=False, abstain_threshold=0.5).fit(train[FIELDS][:300], train["track"][:300])
    assert len(model.decision_columns_) == 0
    assert not any(f.startswith("decision:") for f in model.feature_names_)
    verdict = model.classify("The foreign ministers of Chile and Peru signed a maritime boundary treaty in Lima.")
    assert "rule classifier's decision" not in verdict.explanation
    assert not any(e.kind == "rule_decision" for e in verdict.evidence)


def test_a_model_saved_before_rule_decision_existed_still_clones_and_classifies(small_model):
    # The state such a model was saved with: neither parameter (a copy; the fixture is untouched).
    old = pickle.loads(pickle.dumps(small_model.__getstate__()))
    del old["rule_decision"]
    old.pop("lead_words", None)
    evidence_state = old["rule_evidence_"].__dict__.copy()
    del evidence_state["decision"]
    evidence = RuleEvidence.__new__(RuleEvidence)
    evidence.__setstate__(evidence_state)
    old["rule_evidence_"] = evidence
    restored = TextClassifier.__new__(TextClassifier)
    restored.__setstate__(old)
    assert restored.get_params()["rule_decision"] is False
    assert restored.get_params()["lead_words"] == 0
    assert clone(restored).rule_decision is False
    assert restored.rule_evidence_.decision is False
    assert small_model.rule_decision is True and small_model.rule_evidence_.decision is True


def test_a_model_saved_before_the_neighbour_vote_existed_loads_without_it(small_model):
    old = pickle.loads(pickle.dumps(small_model.__getstate__()))
    for name in ("neighbour_vote", "vote_estimator_", "n_vote_", "vote_mean_shares_"):
        old.pop(name, None)
    restored = TextClassifier.__new__(TextClassifier)
    restored.__setstate__(old)
    assert restored.get_params()["neighbour_vote"] == 0 and restored.vote_estimator_ is None
    case = "The foreign ministers of Chile and Peru signed a maritime boundary treaty in Lima."
    verdict = restored.classify(case)
    assert verdict.label == "Track 1", verdict.explanation
    assert "most similar training cases (" not in verdict.explanation
    assert np.allclose(restored.predict_proba([case]), restored.estimator_.predict_proba(restored._transform(
        as_engagements([case]))[0]))


@pytest.fixture(scope="module")
def voting(train_sample) -> TextClassifier:
    return TextClassifier(neighbour_vote=5, random_state=0).fit(train_sample[FIELDS], train_sample["track"])


def test_the_neighbour_vote_learns_that_engaged_neighbours_speak_against_abstaining(voting):
    vote = voting.vote_estimator_
    assert vote is not None and list(vote.classes_) == list(voting.classes_)
    classes = list(voting.classes_)
    none = classes.index("none")
    # Input: the linear model's log-probabilities, then each label's share of the neighbours.
    shares = vote.coef_[:, len(classes):]
    for c, label in enumerate(classes):
        if c == none:
            # Neighbours that describe no engagement raise "none" against every track ...
            assert all(shares[none, none] > shares[t, none] for t in range(len(classes)) if t != none), shares
        else:
            # ... and neighbours that are engagements of a track raise it against "none".
            assert shares[c, c] > shares[none, c], (label, shares)


def test_the_neighbour_vote_is_explained_with_the_neighbours_labels(voting):
    case = ("Retired diplomats and scholars from India and Pakistan met for two days in Colombo in "
            "an unofficial dialogue on water sharing, convened by a regional policy institute.")
    verdict = voting.classify(case)
    assert verdict.label == "Track 2", verdict.explanation
    Xm, words, _ = voting._transform(as_engagements([case]))
    linear = voting.estimator_.predict_proba(Xm)
    near = voting._neighbours(words, 5)[0]
    labels = [str(voting.train_labels_[j]) for j, _ in near]
    named = {"none": "no engagement"}
    tally = ", ".join(f"{labels.count(c)} {named.get(c, c)}"
                      for c in sorted(set(labels), key=lambda c: (-labels.count(c), c)))
    # "Before" is the vote's own probability with each label's usual share among neighbours, so
    # the sentence credits the neighbours with what they did, not the vote's recalibration.
    usual = voting.vote_estimator_.predict_proba(np.hstack([np.log(np.clip(linear, 1e-6, 1)),
                                                            voting.vote_mean_shares_[None, :]]))
    col = list(voting.classes_).index("Track 2")
    before, after = f"{usual[0, col]:.2f}", f"{verdict.scores['Track 2']:.2f}"
    moved = (f"left the probability of Track 2 at {after}, as neighbours of the usual mix would"
             if before == after else
             f"{'raised' if after > before else 'lowered'} the probability of Track 2 to {after}, "
             f"from {before} with neighbours of the usual mix")
    sentence = f"The labels of its {len(labels)} most similar training cases ({tally}) {moved}."
    assert sentence in verdict.explanation
    # The probability reported is the vote's, the one predict and predict_proba use.
    assert verdict.scores["Track 2"] == pytest.approx(voting.predict_proba([case])[0, col])
    assert voting.predict([case]).tolist() == ["Track 2"]


def test_changing_neighbour_vote_after_fit_does_not_change_what_the_vote_reads(voting):
    case = "The foreign ministers of Chile and Peru signed a maritime boundary treaty in Lima."
    proba = voting.predict_proba([case])
    changed = pickle.loads(pickle.dumps(voting)).set_params(neighbour_vote=0)  # fitted, then changed
    assert changed.neighbour_vote == 0 and changed.n_vote_ == 5
    assert np.array_equal(changed.predict_proba([case]), proba)
    assert "5 most similar training cases" in changed.classify(case).explanation


def test_the_neighbour_vote_is_left_out_when_labels_are_too_few_to_cross_validate():
    X = ["Foreign ministers signed a peace treaty in Geneva.", "Scholars held a workshop in Oslo.",
         "Officials attended in a personal capacity with scholars.", "Rain is forecast for the weekend."]
    y = ["Track 1", "Track 2", "Track 1.5", "none"]
    model = TextClassifier(min_df=1, neighbour_vote=5).fit(X * 3 + X[:1], y * 3 + y[:1])
    assert model.vote_estimator_ is not None  # three cases of each label: three folds
    single = TextClassifier(min_df=1, neighbour_vote=5).fit(X * 2 + ["Envoys met."], y * 2 + ["Track 1"])
    assert single.vote_estimator_ is not None
    lone = TextClassifier(min_df=1, neighbour_vote=5).fit(X + X[:3], y + y[:3])  # one "none"
    assert lone.vote_estimator_ is None and lone.n_vote_ == 0
    assert "most similar training cases (" not in lone.classify(X[0]).explanation


def test_a_fixed_threshold_fits_without_the_vote_when_its_folds_keep_no_word():
    # Four hand-coded cases: "foreign" and "scholars" are in two each, so min_df=2 keeps them
    # on the whole set, but the folds' training parts hold one of each.
    X = ["Foreign ministers signed a treaty in Geneva.", "Foreign ministers met envoys in Rome.",
         "Scholars held a workshop in Oslo.", "Scholars debated at a seminar in Lima."]
    y = ["Track 1", "Track 1", "Track 2", "Track 2"]
    with pytest.warns(UserWarning, match="neighbours' vote is left out: no word feature occurs in at least min_df=2"):
        model = TextClassifier(min_df=2, abstain_threshold=0.5).fit(X, y)
    assert model.vote_estimator_ is None and model.n_vote_ == 0
    assert model.predict(["Foreign ministers met in Bern."]).tolist() == ["Track 1"]
    with pytest.raises(ValueError, match="in a cross-validation fold .for the threshold and the neighbours' vote."):
        TextClassifier(min_df=2).fit(X + ["Rain is expected.", "Rain is forecast."], y + ["none", "none"])


OBITUARY = ("Obituary. Ambassador Lena Ostrova, who has died aged 88, served her country in Vienna "
            "and Ottawa and later taught diplomacy at the university in Riga. She is survived by "
            "two sons.")


def test_lead_words_are_evidence_of_their_own_quoted_in_the_description(train):
    """With ``lead_words``, the opening words of the description are features of their own;
    an explanation quotes them where they stand in the input, merged with the same word's
    other features."""
    X, y = train[FIELDS][:800], train["track"][:800]
    with_lead = TextClassifier(lead_words=20, abstain_threshold=0.5).fit(X, y)
    without = TextClassifier(abstain_threshold=0.5).fit(X, y)
    assert any(f.startswith("lead:") for f in with_lead.feature_names_)
    assert not any(f.startswith("lead:") for f in without.feature_names_)
    verdict = with_lead.classify(OBITUARY)
    assert verdict.label == "none", verdict.explanation
    lead = [e for e in verdict.evidence if e.kind == "feature" and "lead:" in e.source]
    assert lead, verdict.explanation
    for e in lead:
        assert e.field == "description" and OBITUARY[e.start : e.end] == e.text
        # Only the opening words carry the prefix: the first 20 words end before "later".
        assert e.start < OBITUARY.index("later")


@pytest.fixture(scope="module")
def two_samples(train) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two disjoint samples of 100 training cases per label: a coding sheet, then a recoded one."""
    first = train.groupby("track", observed=True, group_keys=False).sample(n=100, random_state=1)
    rest = train.drop(first.index)
    return first, rest.groupby("track", observed=True, group_keys=False).sample(n=100, random_state=2)


@pytest.mark.slow
def test_refitting_a_model_in_place_is_a_fresh_fit(two_samples):
    # A refit reused the first fit's cached training matrix and similar cases: predict raised
    # "matmul: dimension mismatch", and explanations named cases and labels of the first
    # sheet. scikit-learn's own check (check_fit_idempotent) refits on the same data only.
    first, second = two_samples
    cases = load_engagements("test").head(40)[FIELDS]
    model = TextClassifier(random_state=0).fit(first, first["track"])  # ids from the "id" column
    model.classify_many(cases)  # builds the caches a refit must drop
    model.fit(second, second["track"])
    fresh = TextClassifier(random_state=0).fit(second, second["track"])
    np.testing.assert_array_equal(model.predict_proba(cases), fresh.predict_proba(cases))
    named = {e.source for v in model.classify_many(cases) for e in v.evidence if e.kind == "similar_case"}
    assert named and named <= set(second["id"])
    assert [v.explanation for v in model.classify_many(cases)] == [v.explanation for v in fresh.classify_many(cases)]


@pytest.mark.slow
def test_a_refit_that_fails_leaves_the_model_unfitted_not_half_updated(two_samples):
    # Before: the failed fit had replaced the vectorizer but not the linear model, and predict
    # raised "X has 44 features, but LogisticRegression is expecting ...".
    from sklearn.exceptions import NotFittedError

    first, _ = two_samples
    model = TextClassifier(random_state=0).fit(first[FIELDS], first["track"])
    with pytest.raises(ValueError, match="min_df=5 of the 3 training cases"):
        model.fit(["", "12 345", "--"], ["Track 1", "none", "Track 2"])
    with pytest.raises(NotFittedError):
        model.predict(first[FIELDS].head(2))
    # So does a fit refused for its parameters.
    model.set_params(C=30.0).fit(first, first["track"])
    with pytest.raises(ValueError, match="C"):
        model.set_params(C=-1.0).fit(first, first["track"])
    with pytest.raises(NotFittedError):
        model.predict(first[FIELDS].head(2))


@pytest.mark.slow
def test_set_params_after_fit_changes_the_next_fit_not_the_predictions(two_samples):
    # rule_weight was read at predict time: set to 1.0 on a fitted model it changed 85 of 500
    # predictions; every other parameter is fixed at fit, as scikit-learn's estimators are.
    first, _ = two_samples
    cases = load_engagements("test").head(80)[FIELDS]
    model = TextClassifier(random_state=0).fit(first[FIELDS], first["track"])
    proba = model.predict_proba(cases)
    model.set_params(rule_weight=1.0)
    np.testing.assert_array_equal(model.predict_proba(cases), proba)
    refit = clone(model).fit(first[FIELDS], first["track"])
    assert refit.rule_weight_ == 1.0 and not np.array_equal(refit.predict_proba(cases), proba)


@pytest.mark.slow
def test_labels_do_not_depend_on_how_many_similar_cases_an_explanation_names(two_samples):
    # The same texts coded twice with different labels tie in similarity: the vote read
    # whichever tied cases a list of n_neighbors held, so predict and classify_many disagreed
    # (6 of 500 labels) once explanations named more cases than the vote reads.
    first, _ = two_samples
    recoded = first.sample(60, random_state=3).assign(
        track=lambda d: d["track"].map({"Track 1": "Track 1.5", "Track 1.5": "Track 2", "Track 2": "none", "none": "Track 1"})
    )
    sheet = pd.concat([first, recoded], ignore_index=True)
    cases = pd.concat([recoded, load_engagements("test").head(100)], ignore_index=True)[FIELDS]
    model = TextClassifier(n_neighbors=10, random_state=0).fit(sheet[FIELDS], sheet["track"])
    verdicts = model.classify_many(cases)
    assert [v.label for v in verdicts] == model.predict(cases).tolist()
    scores = np.array([[v.scores[c] for c in model.classes_] for v in verdicts])
    np.testing.assert_allclose(scores, model.predict_proba(cases), atol=1e-12)
    assert max(sum(e.kind == "similar_case" for e in v.evidence) for v in verdicts) == 10


@pytest.mark.slow
def test_an_abstention_below_a_more_probable_track_says_so(two_samples):
    # With a low threshold the model abstains where a track is more probable; it said the text
    # "reads like the non-engagement texts" and named that more probable track "Runner-up".
    first, _ = two_samples
    model = TextClassifier(abstain_threshold=0.3, random_state=0).fit(first, first["track"])
    test = load_engagements("test").head(400)
    outranked = [
        v for v in model.classify_many(test)
        if v.track is None and max(p for c, p in v.scores.items() if c != "none") > v.scores["none"]
    ]
    assert outranked
    for v in outranked:
        best = max((c for c in v.scores if c != "none"), key=v.scores.get)
        assert f"which reaches the abstention threshold 0.30, though {best} was more probable" in v.explanation
        assert f"Most probable track: {best} ({v.scores[best]:.2f})." in v.explanation
        assert "Runner-up" not in v.explanation


@pytest.mark.slow
def test_a_saved_model_refuses_a_rule_file_of_one_s_own_that_changed_or_is_gone(two_samples, tmp_path):
    # The compiled rules are not pickled: a loaded model read its rule file again, so an edit
    # made since the fit changed 5 of 400 predictions silently, and a file moved away gave
    # a RuleSetError at the first prediction.
    from diplotrack.model_store import ModelError, load_model, save_model

    first, _ = two_samples
    rule_file = tmp_path / "codebook.toml"
    rule_file.write_text('[lexicon.nonstate_roles]\nphrases = ["peace journalists"]\n', encoding="utf-8")
    model = TextClassifier(rules=RuleClassifier(extra=str(rule_file)), random_state=0).fit(first, first["track"])
    cases = load_engagements("test").head(30)[FIELDS]
    save_model(model, tmp_path / "mine.joblib", {"note": "with our codebook"})
    np.testing.assert_array_equal(load_model(tmp_path / "mine.joblib").predict_proba(cases), model.predict_proba(cases))

    rule_file.write_text('[lexicon.official_roles]\nphrases = ["professor"]\n', encoding="utf-8")
    for loaded in (load_model(tmp_path / "mine.joblib"), pickle.loads(pickle.dumps(model))):
        with pytest.raises(ModelError, match=r"The rule file .*codebook.toml' has changed since the model was fitted"):
            loaded.predict(cases)
    rule_file.unlink()
    with pytest.raises(ModelError, match=r"come from the rule file .*codebook.toml', which cannot be read now"):
        load_model(tmp_path / "mine.joblib").predict(cases)
    # The model in memory keeps the rules it compiled.
    assert len(model.predict(cases)) == 30
