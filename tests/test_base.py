"""What both classifiers share: a batch pauses the cyclic garbage collector and always gives
it back as it found it."""

from __future__ import annotations

import gc

import pytest
from sklearn.exceptions import NotFittedError

from diplotrack import RuleClassifier, TextClassifier

CASES = [
    "Retired ambassadors and scholars met in Geneva for a workshop on water sharing.",
    "The foreign ministers signed the border treaty in Hanoi after two days of talks.",
]


@pytest.fixture
def collector_state():
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_a_batch_leaves_the_collector_enabled(collector_state):
    gc.enable()
    verdicts = RuleClassifier().classify_many(CASES)
    assert [v.label for v in verdicts] == ["Track 2", "Track 1"]
    assert gc.isenabled()


def test_a_batch_that_fails_still_gives_the_collector_back(collector_state):
    gc.enable()
    with pytest.raises(NotFittedError):
        TextClassifier().classify_many(CASES)  # fails inside the paused batch
    assert gc.isenabled()


def test_a_collector_the_user_disabled_stays_disabled(collector_state):
    gc.disable()
    RuleClassifier().classify_many(CASES)
    assert not gc.isenabled()
