"""The text model's parts: the shared tokenizer, its features, and how explanations quote them."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from diplotrack import Engagement, RuleClassifier, matching
from diplotrack.text_explanation import locate, merge_phrases, quotable
from diplotrack.text_features import (
    FORMER_WORDS,
    NEGATION_WORDS,
    RuleEvidence,
    engagement_features,
    word_tfidf,
)
from diplotrack.tokens import STOP_WORDS, content_stems, stem, tokenize

CASES = [
    "Former foreign ministers and retired generals met scholars at an unofficial workshop in Oslo.",
    "No government officials attended; the dialogue brought together journalists and clergy.",
    "The deputy foreign ministers of both states signed the border treaty in Vienna.",
    "Serving officials joined think-tank analysts in a personal capacity under the Chatham House rule.",
]


# ---- one tokenizer for both classifiers ---------------------------------------------------

def test_rules_and_model_share_one_tokenizer():
    assert matching.stem is stem and matching.tokenize is tokenize
    for text in CASES:
        assert content_stems(text) == [s for s in tokenize(text).stems if s not in STOP_WORDS]


@pytest.mark.parametrize("word", ["no", "not", "without", "never", "former", "retired", "serving"])
def test_words_that_change_meaning_are_not_stop_words(word):
    assert word not in STOP_WORDS


def test_function_words_in_capitals_are_names():
    assert content_stems("US officials met the UN envoy and us") == ["us", "official", "met", "un", "envoy"]


def test_word_features_leave_out_function_words_and_mark_fields():
    feats = engagement_features(Engagement("Talks in Geneva with the envoys", participants="two of the ministers"))
    assert feats == ["talk", "geneva", "envoy", "two", "minister", "participants:two", "participants:minister"]
    marked = engagement_features(Engagement("Without any of the officials, scholars met"), scope_marking=True)
    assert "not_official" in marked and "not_scholar" in marked


def test_a_negation_or_former_marks_words_of_its_own_sentence_only():
    # "No officials attended. Scholars met" marked "not_scholar", and "former" ran on into the
    # next sentence's serving officials; "didn't" ("didn") marked nothing.
    text = "A former minister chaired. Serving officials attended. No envoys came. Scholars met."
    marked = engagement_features(Engagement(text), scope_marking=True)
    assert "former_chaired" in marked and "not_envoy" in marked
    assert not any(f.startswith(("former_serving", "former_official", "not_scholar")) for f in marked)
    contracted = engagement_features(Engagement("The ministers didn't attend the talks"), scope_marking=True)
    assert "not_attend" in contracted and "not_talk" in contracted


@pytest.mark.parametrize("word", sorted(NEGATION_WORDS | FORMER_WORDS))
def test_every_marking_word_survives_as_a_word(word):
    # "nor" was a marking word but a function word too, so it never marked anything.
    assert word not in STOP_WORDS


def test_voice_words_are_features_apart_from_the_content_words():
    text = "We think the two ministries should talk more; last year their envoys met and had lunch."
    plain = engagement_features(Engagement(text))
    voiced = engagement_features(Engagement(text), voice=True)
    assert voiced[: len(plain)] == plain
    assert voiced[len(plain) :] == ["voice:we", "voice:should", "voice:had"]
    assert not any(f.startswith("voice:") for f in plain)


def test_word_tfidf_equals_scikit_learn_on_the_same_documents():
    docs = [engagement_features(Engagement(t)) for t in CASES] + [[], ["unseen"]]
    vec = TfidfVectorizer(analyzer=list, sublinear_tf=True).fit(docs[:3])
    assert abs(word_tfidf(vec, docs) - vec.transform(docs)).max() < 1e-12


# ---- rule evidence as features --------------------------------------------------------------

@pytest.fixture(scope="module")
def evidence() -> RuleEvidence:
    return RuleEvidence().fit(CASES)


def test_rule_evidence_separates_serving_former_and_negated_roles(evidence):
    names = evidence.get_feature_names_out().tolist()
    assert all(n.startswith("rule:") for n in names)
    statuses = {n.partition("[")[2].rstrip("]") for n in names}
    assert {"", "former", "negated"} <= statuses
    X = evidence.transform(CASES[:1])
    former = [names.index(n) for n in names if n.endswith("[former]")]
    assert X[0, former].sum() > 0
    assert np.allclose(X.data, np.log1p(np.round(np.expm1(X.data))))  # log(1 + a count)


def test_rule_evidence_spans_quote_the_input(evidence):
    X, spans = evidence.transform_with_spans(CASES)
    for row, text in enumerate(CASES):
        assert set(spans[row]) <= set(X[row].indices)
        for located in spans[row].values():
            for field, start, end in located:
                assert field == "description" and text[start:end].strip() == text[start:end] != ""


def test_rule_evidence_ignores_pairs_unseen_in_fit(evidence):
    X = evidence.transform(["Sports ministers cut the ribbon at the youth football tournament."])
    assert X.shape == (1, len(evidence.vocabulary_))


def test_rule_evidence_pickles_without_the_compiled_rules(evidence):
    restored = pickle.loads(pickle.dumps(evidence))
    assert not hasattr(restored.rules_, "classes_")
    assert (restored.transform(CASES) != evidence.transform(CASES)).nnz == 0


def test_rule_evidence_uses_extended_rules():
    rules = RuleClassifier(lexicon={"nonstate_roles": ("peace troubadours",)})
    text = ["Peace troubadours from both countries met in Nairobi."]
    plain = RuleEvidence().fit(text).get_feature_names_out().tolist()
    extended = RuleEvidence(rules=rules).fit(text).get_feature_names_out().tolist()
    assert "rule:nonstate-role" in extended and "rule:nonstate-role" not in plain


# ---- quoting the phrases that carried the weight --------------------------------------------

def test_locate_finds_word_forms_in_the_right_field():
    fields = (("description", "Talks between the secretaries in İstanbul."), ("participants", "ministers"))
    assert locate(fields, "secretary") == ("description", 18, 29)
    assert locate(fields, "participants:minister") == ("participants", 0, 9)
    assert locate(fields, "minister") == ("participants", 0, 9)
    field, start, end = locate(fields, "talk")
    assert fields[0][1][start:end] == "Talks"


def test_locate_keeps_offsets_when_lower_casing_changes_the_length():
    text = "İİ Delegations met in İzmir."
    field, start, end = locate((("description", text),), "delegation")
    assert text[start:end] == "Delegations"


def test_merge_phrases_sums_touching_features_and_drops_function_words():
    text = "Retired generals and former envoys met, and both sides agreed."
    texts = {"description": text}
    span = lambda words: (text.index(words), text.index(words) + len(words))  # noqa: E731
    pieces = [
        ("description", *span("Retired generals"), "rule:official-role[former]", 1.0),
        ("description", *span("generals"), "general", 0.25),
        ("description", *span("and both"), "rule:two-parties", 0.5),
        ("description", *span("former envoys"), "rule:official-role[former]", 0.5),
    ]
    phrases = merge_phrases(pieces, texts)
    quoted = [(text[a:b], w) for _, a, b, _, w in phrases]
    assert quoted == [("Retired generals", 1.25), ("former envoys", 0.5)]


def test_merge_phrases_quotes_the_same_words_once():
    text = "Unionists met nationalists; later the Unionists left."
    pieces = [("description", 0, 9, "rule:nonstate-role", 0.5), ("description", 38, 47, "rule:nonstate-role", 0.5)]
    (phrase,) = merge_phrases(pieces, {"description": text})
    assert (phrase[1], phrase[2], phrase[4]) == (0, 9, 1.0)


@pytest.mark.parametrize(
    "feature, expected",
    [("minister", True), ("participants:and", False), ("of", False), ("p:minist", True),
     ("not_official", True), ("rule:two-parties", True), ("voice:should", False)],
    ids=["word", "field-function-word", "function-word", "prefix", "negated", "rule", "voice-word"],
)
def test_quotable(feature, expected):
    assert quotable(feature) is expected
