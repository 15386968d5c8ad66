"""Property tests: whatever a researcher feeds in, the rules return a valid verdict."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplotrack
from diplotrack import RuleClassifier, Track, Verdict
from diplotrack.engagement import FIELDS
from diplotrack.verdict import LABELS

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CLF = RuleClassifier().fit()

# Words that fire rules, mixed into random text so that the interesting paths run too.
CUES = ["former", "retired", "no", "ministers", "scholars", "officials", "personal capacity",
        "signed", "workshop", "were invited but none attended", "billed as Track 2", "FARC",
        "hosted by", "the newspaper reported", "weather", "recipe", "ex-", ",", ";", ".", "\n"]

texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=50),
    # Lone surrogates survive in str objects read with errors="surrogateescape".
    st.text(alphabet=st.characters(categories=["Cs", "Lu", "Zs"]), max_size=50),
    st.lists(st.one_of(st.sampled_from(CUES), st.text(max_size=8)), max_size=30).map(" ".join),
)
cells = st.one_of(
    texts,
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.booleans(),
)
mappings = st.dictionaries(st.sampled_from(FIELDS), cells, max_size=4)
items = st.one_of(texts, mappings)


def assert_valid(v: Verdict) -> None:
    assert isinstance(v, Verdict)
    assert v.track is None or isinstance(v.track, Track)
    assert v.label in LABELS
    assert (v.label == "none") == (v.track is None)
    assert 0.0 <= v.confidence <= 1.0
    assert v.method == "rules"
    assert isinstance(v.explanation, str) and v.explanation.strip()
    assert set(v.scores) == set(LABELS)
    assert all(0.0 <= p <= 1.0 and not math.isnan(p) for p in v.scores.values())
    assert sum(v.scores.values()) == pytest.approx(1.0)
    assert max(v.scores, key=v.scores.get) == v.label
    for e in v.evidence:
        assert e.start is None or (0 <= e.start <= e.end)
    hash(v)  # a set member or dict key (the generated hash failed on the scores dict)


def test_verdicts_of_a_repeated_case_are_equal_and_hash_alike():
    # Before: TypeError "unhashable type: 'dict'" from set(verdicts) or {verdict: ...}.
    talks = "The foreign ministers of Peru and Chile met in Lima on 3 May to discuss the maritime boundary."
    workshop = "Retired diplomats and scholars from Peru and Chile met for a workshop in Santiago."
    for method in ("rules", "model"):
        first, second, again = diplotrack.classify_many([talks, workshop, talks], method=method)
        assert first == again and hash(first) == hash(again)
        assert len({first, second, again}) == 2
        assert {first: "coded"}[again] == "coded"


@SETTINGS
@given(texts)
def test_any_text_gives_a_valid_verdict(text):
    assert_valid(CLF.classify(text))


@SETTINGS
@given(mappings)
def test_any_mapping_of_the_fields_gives_a_valid_verdict(mapping):
    v = CLF.classify(mapping)
    assert_valid(v)
    if not any(isinstance(x, str) and x.strip() for x in mapping.values()):
        assert v.track is None


@SETTINGS
@given(st.lists(items, max_size=12))
def test_classify_many_keeps_length_and_order(batch):
    verdicts = diplotrack.classify_many(batch, method="rules")
    assert len(verdicts) == len(batch)
    for v, item in zip(verdicts, batch, strict=True):
        assert_valid(v)
        assert v == CLF.classify(item)


@SETTINGS
@given(st.lists(items, min_size=1, max_size=12))
def test_predict_and_predict_proba_agree_on_any_batch(batch):
    proba = CLF.predict_proba(batch)
    pred = CLF.predict(batch)
    assert proba.shape == (len(batch), len(LABELS))
    assert proba.sum(axis=1) == pytest.approx([1.0] * len(batch))
    assert pred.tolist() == [CLF.classify(x).label for x in batch]


@SETTINGS
@given(texts)
def test_verdict_to_dict_always_serialises(text):
    d = json.loads(json.dumps(CLF.classify(text).to_dict()))
    assert d["method"] == "rules"
    assert d["track"] in (None, *[t.value for t in Track])
