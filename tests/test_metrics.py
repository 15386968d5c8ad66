"""The figures, checked against values worked out by hand on small label lists.

Each expected value below is computed in the comment next to it from counts anyone can
redo on paper, so a change in a library default (or in our use of it) shows up here.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from diplotrack.metrics import (
    Estimate,
    _kappa_of_confusions,
    agreement,
    as_labels,
    bootstrap_confusion,
    cohen_kappa,
    confusion,
    evaluate_predictions,
    krippendorff_alpha,
    mcnemar_exact,
    pairable_units,
    wilson_interval,
)
from diplotrack.verdict import LABELS

T1, T15, T2, NONE = LABELS

# gold and predictions with abstentions on both sides
GOLD = [T1, T1, T15, T2, T2, NONE, NONE, T15]
PRED = [T1, T15, T15, T2, NONE, NONE, T2, T15]


def test_per_class_figures_by_hand():
    r = evaluate_predictions(GOLD, PRED)
    # Track 1: 1 of 1 predicted right, 1 of 2 found -> P 1, R 0.5, F1 2/3
    assert r["per_class"][T1] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    # Track 1.5: predicted on rows 1, 2, 7, right on 2 and 7 -> P 2/3, R 1, F1 0.8
    assert r["per_class"][T15] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2}
    # Track 2 and none: one right, one wrong each way -> 0.5 / 0.5 / 0.5
    assert r["per_class"][T2]["f1"] == r["per_class"][NONE]["f1"] == 0.5
    assert r["macro_f1"] == 0.6167  # (2/3 + 0.8 + 0.5 + 0.5) / 4
    assert r["macro_f1_tracks"] == 0.6556  # (2/3 + 0.8 + 0.5) / 3
    assert r["accuracy"] == 0.625  # rows 0, 2, 3, 5, 7 of 8
    assert r["track1_vs_rest_f1"] == 0.6667
    assert r["engagements_abstained"] == 1  # row 4: Track 2 labelled none
    assert r["nonengagements_labelled"] == 1  # row 6: none labelled Track 2
    assert r["abstention_on_none"] == 0.5
    assert r["labels"] == list(LABELS)
    # abstentions are their own row and column; rows gold, columns predicted
    assert r["confusion"] == [[1, 1, 0, 0], [0, 2, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]]


def test_missing_gold_rows_are_left_out_and_counted():
    with_missing = evaluate_predictions([*GOLD, None, float("nan")], [*PRED, T1, NONE])
    plain = evaluate_predictions(GOLD, PRED)
    assert with_missing["missing_gold"] == 2 and with_missing["n"] == 8
    assert {k: v for k, v in with_missing.items() if k != "missing_gold"} == {
        k: v for k, v in plain.items() if k != "missing_gold"
    }


@pytest.mark.parametrize("missing", [pd.NA, "", "N/A", np.nan, None], ids=["pd.NA", "empty", "N/A", "np.nan", "None"])
def test_gold_cells_not_coded_are_left_out_however_they_are_written(missing):
    # A gold column of pandas' string dtype (convert_dtypes(), read_csv(dtype="string")) holds
    # pd.NA: it was a case of a class "<NA>" with F1 0, and "" and "N/A" classes of their own.
    gold = pd.Series([*GOLD, missing], dtype="string" if missing is pd.NA else object)
    r = evaluate_predictions(gold, [*PRED, T1])
    assert r["n"] == len(GOLD) and r["missing_gold"] == 1
    assert r["labels"] == evaluate_predictions(GOLD, PRED)["labels"]
    assert r["macro_f1"] == evaluate_predictions(GOLD, PRED)["macro_f1"]


def test_macro_f1_over_the_tracks_is_undefined_when_no_track_occurs():
    # Every case a non-engagement, every one abstained on: perfect, and there is no track to
    # average over. It read 0.000, as if every track had been missed.
    r = evaluate_predictions([NONE, NONE, NONE], [NONE, NONE, NONE])
    assert r["macro_f1"] == r["accuracy"] == 1.0
    assert r["macro_f1_tracks"] is None


def test_a_single_class():
    r = evaluate_predictions([T2, T2, T2], [T2, T2, T2])
    assert r["labels"] == [T2] and r["confusion"] == [[3]]
    assert r["macro_f1"] == r["accuracy"] == 1.0
    assert r["track1_vs_rest_f1"] is None and r["abstention_on_none"] is None


def test_prediction_count_must_match():
    with pytest.raises(ValueError, match="as many predictions as gold labels"):
        evaluate_predictions([T1, T2], [T1])


def test_cohen_kappa_by_hand():
    a = [T1, T1, T1, T2, T2, NONE, NONE, NONE, T15, T15]
    b = [T1, T1, T2, T2, T2, NONE, NONE, T1, T15, T2]
    # observed 7/10; chance (3*3 + 2*4 + 3*2 + 2*1) / 100 = 0.25; kappa (0.7 - 0.25) / 0.75
    assert agreement(a, b) == pytest.approx(0.7)
    assert cohen_kappa(a, b) == pytest.approx(0.6)


def test_disagreement_on_every_row():
    a, b = [T1, T2, NONE, T15], [T2, T1, T15, NONE]
    # observed 0; chance 4 * (1 * 1) / 16 = 0.25; kappa -0.25 / 0.75
    assert agreement(a, b) == 0.0
    assert cohen_kappa(a, b) == pytest.approx(-1 / 3)
    assert evaluate_predictions(a, b)["accuracy"] == 0.0


@pytest.mark.parametrize("a, b", [([T2, T2, T2], [T2, T2, T2]), ([], [])], ids=["one-label", "empty"])
def test_kappa_is_undefined_when_chance_agreement_is_certain(a, b):
    assert math.isnan(cohen_kappa(a, b))


def test_no_kappa_interval_when_many_resamples_have_one_label_only():
    # 20 cases, the raters differ on one: in about a third of the resamples that case is not
    # drawn and both give one label, kappa undefined. Those resamples were dropped and the
    # rest gave "0.00 (95% CI 0.00 to 0.00)", an interval of a third of the bootstrap.
    cm = np.array([[19, 0], [1, 0]])
    agree, kappa = bootstrap_confusion(cm, np.random.default_rng(0), 1000)
    assert kappa.value == pytest.approx(0.0) and math.isnan(kappa.low) and math.isnan(kappa.high)
    assert str(kappa) == "0.00" and not math.isnan(agree.low)
    # With both labels well represented every resample is defined: an interval as before.
    _, kappa = bootstrap_confusion(np.array([[40, 5], [10, 45]]), np.random.default_rng(0), 1000)
    assert kappa.low < kappa.value < kappa.high


def test_vectorised_bootstrap_kappa_equals_scikit_learn():
    rng = np.random.default_rng(3)
    a = rng.choice(LABELS, 60)
    b = np.where(rng.random(60) < 0.7, a, rng.choice(LABELS, 60))
    for _ in range(20):
        idx = rng.integers(0, 60, 60)
        cm = confusion(a[idx], b[idx], LABELS)
        assert _kappa_of_confusions(cm[None])[0] == pytest.approx(cohen_kappa_score(a[idx], b[idx]))


def test_bootstrap_interval_is_reproducible_and_brackets_the_estimate():
    cm = np.array([[30, 4, 1, 0], [3, 25, 5, 1], [0, 6, 28, 2], [1, 0, 2, 12]])
    agree1, kappa1 = bootstrap_confusion(cm, np.random.default_rng(7), 500)
    agree2, kappa2 = bootstrap_confusion(cm, np.random.default_rng(7), 500)
    assert (agree1, kappa1) == (agree2, kappa2)
    assert agree1.value == pytest.approx(95 / 120)
    assert kappa1.low < kappa1.value < kappa1.high and 0 < kappa1.high - kappa1.low < 0.4
    point_agree, point_kappa = bootstrap_confusion(cm, np.random.default_rng(7), 0)
    assert math.isnan(point_kappa.low) and point_kappa.value == kappa1.value


def test_agreement_interval_is_wilson_and_not_degenerate_when_all_agree():
    # 20 cases the two methods label alike: resampling them can only give 100%, which
    # claims a certainty 20 cases cannot give; the Wilson interval is 83.9% to 100%.
    cm = np.diag([8, 7, 5, 0])
    agree, _ = bootstrap_confusion(cm, np.random.default_rng(0), 1000)
    assert agree.value == 1.0 and agree.high == 1.0
    assert agree.low == pytest.approx(20 / (20 + 1.959963984540054**2))
    # A textbook value: 85 of 100 gives 0.767 to 0.907.
    est = wilson_interval(85, 100)
    assert (round(est.low, 3), round(est.high, 3)) == (0.767, 0.907)
    assert math.isnan(wilson_interval(0, 0).value)


def test_krippendorff_alpha_by_hand():
    # Coincidences of the two coders: T1-T1 2, T2-T2 2, none-none 2, T2-T1.5 and T1.5-T2 1 each;
    # n = 8, marginals 2, 1, 3, 2: Do = 2/8, De = (64 - 18) / 56, alpha = 1 - Do / De = 16/23.
    coder = [T1, T2, NONE, T2]
    other = [T1, T2, NONE, T15]
    assert krippendorff_alpha([coder, other]).value == pytest.approx(16 / 23)


def test_krippendorff_alpha_with_missing_ratings_by_hand():
    # Three coders; unit 5 has one rating and cannot be paired. Coincidences: T1-T1 3 (unit 1,
    # weight 1/2 per ordered pair), T2-T2 2 + 1, T1.5-T2 and T2-T1.5 1 each (unit 3), none-none 2;
    # n = 10, marginals T1 3, T1.5 1, T2 4, none 2: Do = 2/10, De = (100 - 30) / 90 -> 1 - 18/70.
    first = [T1, T2, T15, NONE, T1]
    second = [T1, T2, T2, None, None]
    third = [T1, None, T2, NONE, None]
    assert krippendorff_alpha([first, second, third]).value == pytest.approx(52 / 70)


def test_krippendorff_alpha_interval_and_single_label():
    coder = [T1, T1, T2, T2, NONE, T15, T15, T2, T1, NONE]
    other = [T1, T1, T2, T15, NONE, T15, T15, T2, T2, NONE]
    est = krippendorff_alpha([coder, other], np.random.default_rng(0), 300)
    assert est.low <= est.value <= est.high
    assert math.isnan(krippendorff_alpha([[T2, T2], [T2, T2]]).value)


def test_mcnemar_exact_by_hand():
    gold = [T1] * 20
    first = [T1] * 9 + [T2] * 2 + [T1] * 5 + [T2] * 4  # right on rows 0-8 and 11-15
    second = [T2] * 9 + [T1] * 2 + [T1] * 5 + [T2] * 4  # right on rows 9-15
    m = mcnemar_exact(gold, first, second)
    assert (m.only_first_right, m.only_second_right, m.both_right, m.both_wrong) == (9, 2, 5, 4)
    # two-sided exact binomial: 2 * P(X <= 2), X ~ Bin(11, 1/2)
    expected = 2 * sum(math.comb(11, k) for k in range(3)) / 2**11
    assert m.p_value == pytest.approx(expected)
    assert m.sentence() == (
        "the model is right on 2 cases the rules get wrong, the rules on 9 the model gets wrong; "
        "p = 0.07: no evidence either is better on these cases"
    )


def test_mcnemar_names_the_better_method_when_the_difference_is_clear():
    gold = [T1] * 12
    m = mcnemar_exact(gold, [T1] * 12, [T2] * 12, ("rules", "consensus"))
    assert m.p_value == pytest.approx(2 / 2**12)
    assert m.sentence() == (
        "the consensus is right on 0 cases the rules get wrong, the rules on 12 the consensus gets "
        "wrong; p < 0.001: the rules make fewer errors on these cases"
    )


def test_agreement_and_kappa_leave_out_cases_either_rater_did_not_code():
    # Two missing labels counted as the raters agreeing: kappa 0.72 and agreement 0.8 here.
    a = [T1, T2, NONE, None, None, T2]
    b = [T1, T1, NONE, None, "N/A", pd.NA]
    assert agreement(a, b) == pytest.approx(2 / 3)  # the three coded pairs: 2 agree
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a[:3], b[:3]))
    assert cohen_kappa(a, b) == pytest.approx(0.5)


def test_mcnemar_leaves_out_cases_without_a_gold_label():
    # A case not coded counted as both methods wrong (pd.NA crashed the test).
    gold = pd.Series([T1, pd.NA, T2, NONE], dtype="string")
    m = mcnemar_exact(gold, [T1, T1, NONE, NONE], [T2, T2, T2, NONE])
    assert (m.only_first_right, m.only_second_right, m.both_right, m.both_wrong) == (1, 1, 1, 0)
    assert mcnemar_exact([T1, None, T2, NONE], [T1, T1, NONE, NONE], [T2, T2, T2, NONE]) == m


def test_a_tiny_p_value_keeps_its_digits_in_json():
    m = mcnemar_exact([T1] * 60, [T1] * 60, [T2] * 60)
    # 2 / 2**60 = 1.7e-18: it was written 0.0
    assert m.to_dict()["p_value"] == pytest.approx(2 / 2**60, rel=1e-3) and m.to_dict()["p_value"] > 0


def test_pairable_units_are_those_two_raters_labelled():
    assert pairable_units([[T1, T2, None, None], [T1, None, T2, None], [None, T2, None, NONE]]) == 2
    # Cells not coded, however written, are missing for alpha too ("" was a label of its own).
    written = [[T1, T2, "", "N/A"], [T1, "", T2, NONE]]
    plain = [[T1, T2, None, None], [T1, None, T2, NONE]]
    assert pairable_units(written) == pairable_units(plain) == 1
    assert krippendorff_alpha([[T1, T2, "", T1], [T1, T2, "N/A", T2]]).value == pytest.approx(
        krippendorff_alpha([[T1, T2, None, T1], [T1, T2, None, T2]]).value
    )


def test_mcnemar_without_discordant_cases():
    m = mcnemar_exact([T1, T2], [T1, T1], [T1, T1])
    assert m.p_value == 1.0 and m.both_right == 1 and m.both_wrong == 1


def test_as_labels_normalises_and_names_bad_values():
    assert as_labels([" track 2", "NONE", "N/A", None, float("nan")]).tolist() == [T2, NONE, None, None, None]
    with pytest.raises(ValueError, match=r"Invalid labels in coder column: .*'Track II' \(2 rows\)"):
        as_labels(["Track II", "Track 1", "Track II"], "coder column")


def test_gold_labels_are_read_in_any_case_and_spacing():
    # A spreadsheet coded by several people: capitals, no space, two spaces, a non-breaking one.
    given = ["TRACK1", "track  1.5", "Track 1.5", "track1.5", "Track  2", "TRACK 2", "Track\u00a02", " None "]
    assert as_labels(given).tolist() == [T1, T15, T15, T15, T2, T2, T2, NONE]


@pytest.mark.parametrize("code", ["T1", "Track II", "1.5", "Track 3", "track 1 5", "tracks 1"])
def test_other_codes_are_still_refused_with_the_accepted_forms(code):
    with pytest.raises(ValueError, match=rf"expected 'Track 1', 'Track 1.5', 'Track 2' or 'none'.*got '{code}'"):
        as_labels([code, "Track 1"], "gold column 'coded'")


def test_estimate_text():
    assert str(Estimate(math.nan)) == "undefined"
    assert str(Estimate(0.5)) == "0.50"
    assert Estimate(0.5, 0.4, 0.6).to_dict() == {"value": 0.5, "low": 0.4, "high": 0.6}


def test_a_column_of_many_bad_labels_says_how_many_it_did_not_list():
    # A codebook's own scheme ("T1-a", "T1-b", ...) in the gold column: the message lists the
    # first eight values and says how many more there are (it used to stop at eight silently).
    codes = [f"T{t}-{s}" for t in (1, 2) for s in "abcde"]
    with pytest.raises(ValueError, match=r"'T1-a' \(1 row\), .*'T2-c' \(1 row\) and 2 other values\."):
        as_labels(codes, "gold column 'code'")


def test_kappa_of_a_huge_table_with_a_rare_label_is_defined():
    # A million cases, nearly all "none": chance agreement is within 1e-5 of 1 but not 1, so
    # kappa is defined (scikit-learn gives it); only both raters using one label leaves it undefined.
    n = 1_000_000
    pairs = [("Track 1", "Track 1", 2), ("Track 1", "none", 1), ("none", "Track 2", 1), ("none", "none", n - 4)]
    a, b, w = zip(*pairs)
    # observed (n - 2) / n, chance (3 * 2 + (n - 3) ** 2) / n ** 2: kappa close to 2/3
    expected = cohen_kappa_score(a, b, sample_weight=w)
    assert expected == pytest.approx(2 / 3, abs=1e-4)
    cm = np.zeros((len(LABELS), len(LABELS)), dtype=int)
    for x, y, k in pairs:
        cm[LABELS.index(x), LABELS.index(y)] += k
    assert _kappa_of_confusions(cm[None])[0] == pytest.approx(expected)
    _, kappa = bootstrap_confusion(cm, np.random.default_rng(0), 0)
    assert kappa.value == pytest.approx(expected)


def test_two_rater_statistics_read_labels_however_they_are_written():
    # The same labels, spelt as a coder or a spreadsheet spells them: full agreement.
    coder = ["Track 1", "none", "Track 2", "Track 1.5"]
    other = ["track 1", "NONE", "TRACK2", " Track  1.5 "]
    assert agreement(coder, other) == 1.0
    assert cohen_kappa(coder, other) == 1.0
    assert krippendorff_alpha([coder, other]).value == 1.0


def test_mcnemar_reads_labels_and_abstentions_as_evaluate_predictions_does():
    gold = ["Track 1", "none", "Track 2"]
    first = ["Track 1", None, "Track 2"]  # a verdict's track is None where it abstains
    second = ["track 1", "none", "TRACK2"]
    assert evaluate_predictions(gold, first)["accuracy"] == evaluate_predictions(gold, second)["accuracy"] == 1.0
    m = mcnemar_exact(gold, first, second)
    assert (m.only_first_right, m.only_second_right, m.p_value) == (0, 0, 1.0)
