"""compare(): agreement, disagreements with evidence, gold, hand coders, report formats, plot."""

from __future__ import annotations

import json
import math
import sys
from dataclasses import replace

import pandas as pd
import pytest

from diplotrack import classify, compare, label_with_verdicts
from diplotrack.comparison import deciding_evidence
from diplotrack.verdict import LABELS, Evidence, Track, Verdict

T1, T15, T2, NONE = LABELS

DESCRIPTIONS = [
    "The two foreign ministers signed a border treaty in Hanoi after a year of talks.",
    "Heads of government met at the summit in Addis Ababa and agreed a ceasefire text.",
    "Officials from both ministries joined scholars in a personal capacity at a lakeside retreat.",
    "Retired generals and university lecturers from both countries met in Colombo.",
    "Journalists and student leaders from the two communities spent a week on joint reporting.",
    "Asian shares closed mostly higher as chipmakers rallied.",
    "The ministry's annual report lists visa fees for the coming year.",
    "A national security adviser travelled secretly to negotiate a prisoner exchange.",
    "Think-tank analysts hosted serving diplomats off the record to test ideas on water sharing.",
    "Religious leaders and NGO staff convened a reconciliation workshop in Mindanao.",
]
RULES = [T1, T1, T1, T2, T2, NONE, NONE, NONE, T15, T15]
MODEL = [T1, T1, T2, T2, T2, NONE, NONE, T1, T15, T2]
GOLD = [T1, T1, T15, T2, T2, NONE, NONE, T1, T15, T2]


@pytest.fixture
def labelled() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"case-{i:02d}" for i in range(10)],
            "description": DESCRIPTIONS,
            "rules_track": RULES,
            "rules_confidence": [0.9, 0.85, 0.62, 0.8, 0.8, 0.9, 0.88, 0.55, 0.8, 0.66],
            "rules_explanation": [f"rules reason {i}" for i in range(10)],
            "model_track": MODEL,
            "model_confidence": [0.97, 0.9, 0.7, 0.95, 0.9, 0.99, 0.96, 0.6, 0.85, 0.75],
            "model_explanation": [f"model reason {i}" for i in range(10)],
            "coded": GOLD,
        }
    )


def test_agreement_kappa_and_crosstab_by_hand(labelled):
    c = compare(labelled, n_resamples=500)
    # 7 of 10 rows agree; chance agreement 0.25 (see test_metrics), so kappa (0.7 - 0.25) / 0.75
    assert c.n == 10 and c.agreement.value == pytest.approx(0.7) and c.kappa.value == pytest.approx(0.6)
    assert c.kappa.low < c.kappa.value < c.kappa.high
    assert c.crosstab.index.name == "rules" and c.crosstab.columns.name == "model"
    assert c.crosstab.loc[NONE, T1] == 1 and c.crosstab.loc[T15, T2] == 1 and c.crosstab.loc[T1, T2] == 1
    assert c.crosstab.to_numpy().sum() == 10 and list(c.crosstab.columns) == list(LABELS)


def test_same_seed_same_intervals(labelled):
    assert compare(labelled, seed=4).kappa == compare(labelled, seed=4).kappa


def test_disagreements_show_explanations_side_by_side_from_a_table(labelled):
    d = compare(labelled, n_resamples=0).disagreements
    assert d.index.tolist() == [2, 7, 9]
    assert d.loc[7, "id"] == "case-07" and d.loc[7, "description"] == DESCRIPTIONS[7]
    assert d.loc[7, ["rules_track", "model_track"]].tolist() == [NONE, T1]
    assert d.loc[7, "rules_confidence"] == 0.55 and d.loc[7, "model_confidence"] == 0.6
    assert d.loc[7, "rules_evidence"] == "rules reason 7" and d.loc[7, "model_evidence"] == "model reason 7"


def _rules_verdict() -> Verdict:
    return Verdict(
        Track.TRACK_1_5,
        0.62,
        "rules",
        "…",
        (
            Evidence("official-role", "participant", "Officials", supports=T1, weight=1.0),
            Evidence("nonstate-role", "participant", "scholars", supports=T2, weight=1.0),
            Evidence("former", "participant", "retired ambassadors", supports=T2, status="former"),
            Evidence("capacity-unofficial", "capacity", "personal capacity", supports=T15, weight=1.5),
            Evidence(
                "officials-in-unofficial-capacity",
                "decision",
                "",
                "",
                supports=T15,
                weight=0.62,
                note="serving officials took part in an unofficial capacity alongside others",
            ),
        ),
    )


def _model_verdict() -> Verdict:
    return Verdict(
        Track.TRACK_2,
        0.7,
        "model",
        "…",
        (
            Evidence("lakesid", "feature", "lakeside", supports=T2, weight=0.41),
            Evidence("scholar", "feature", "scholars", supports=T2, weight=0.93),
            Evidence("in", "feature", "in", weight=-0.05),
            Evidence(
                "sca-069",
                "similar_case",
                "The Chaophraya Dialogue is a joint initiative…",
                "",
                supports=T2,
                weight=0.31,
            ),
            Evidence("ya-038", "similar_case", "Billed by its sponsors as…", "", supports=T15, weight=0.22),
        ),
    )


def test_deciding_evidence_of_each_kind_of_verdict():
    assert deciding_evidence(_rules_verdict()) == (
        'serving officials took part in an unofficial capacity alongside others; officials: "Officials"; '
        'non-state: "scholars"; former officials: "retired ambassadors"; capacity: "personal capacity"'
    )
    assert deciding_evidence(_model_verdict()) == (
        'top terms: "scholars" (+0.93), "lakeside" (+0.41); nearest known case sca-069 (Track 2, '
        'cosine 0.31): "The Chaophraya Dialogue is a joint initiative…"'
    )
    bare = Verdict(None, 1.0, "rules", "Abstained: the input holds no text.")
    assert deciding_evidence(bare) == "Abstained: the input holds no text."


def test_disagreements_quote_deciding_evidence_given_verdicts(labelled):
    rules = [None] * 10
    model = [None] * 10
    # The verdicts of row 2, as label_with_verdicts would give them with the table's cells.
    rules[2] = replace(_rules_verdict(), track=Track.TRACK_1, explanation="rules reason 2")
    model[2] = replace(_model_verdict(), explanation="model reason 2")
    d = compare(labelled, verdicts={"rules": rules, "model": model}, n_resamples=0).disagreements
    assert d.loc[2, "rules_evidence"].startswith("serving officials took part in an unofficial capacity")
    assert d.loc[2, "model_evidence"].startswith('top terms: "scholars" (+0.93)')
    assert d.loc[9, "rules_evidence"] == "rules reason 9"  # no verdict for that row: its explanation


def test_verdicts_of_a_table_sorted_after_labelling_are_refused_or_follow_its_index():
    # Sorting a labelled table and passing the verdicts in their old order quoted each row
    # with another row's evidence; matched by index they follow the table.
    frame = pd.DataFrame(
        {
            "description": [
                "Deputy foreign ministers and university scholars from both countries met in Geneva "
                "to discuss sharing the river's water.",
                "Retired generals and scholars from India and Pakistan met in Bangkok; no serving "
                "officials attended.",
                "The foreign ministers of Ethiopia and Eritrea signed a peace agreement in Jeddah.",
            ],
            "coded": [T15, T2, T1],
            "year": [2014, 2003, 2018],
        }
    )
    labelled, verdicts = label_with_verdicts(frame)
    by_year = labelled.sort_values("year")
    with pytest.raises(ValueError, match=r"the verdict matched to row 0 \(index 1\) is not the one"):
        compare(by_year, gold="coded", verdicts=verdicts, n_resamples=0)
    indexed = {m: pd.Series(v, index=labelled.index) for m, v in verdicts.items()}
    kept = compare(by_year, gold="coded", verdicts=indexed, n_resamples=0)
    same = compare(labelled, gold="coded", verdicts=verdicts, n_resamples=0)
    pd.testing.assert_frame_equal(kept.disagreements.sort_index(), same.disagreements.sort_index())
    with pytest.raises(ValueError, match=r"no verdict for 1 of the table's rows \(index \[3\]\)"):
        compare(pd.concat([labelled, labelled.iloc[[0]].set_axis([3])]), verdicts=indexed, n_resamples=0)


def test_real_verdicts_name_the_rule_decision_and_the_models_terms_and_nearest_case():
    text = "Retired ambassadors and university scholars from both countries met in Geneva for a workshop."
    rules, model = classify(text, "rules"), classify(text, "model")
    decision = next(e.note for e in rules.evidence if e.kind == "decision")
    assert deciding_evidence(rules).startswith(decision) and '"Retired ambassadors"' in deciding_evidence(
        rules
    )
    assert "top terms:" in deciding_evidence(model) and "nearest known case" in deciding_evidence(model)


def test_against_gold_reports_and_mcnemar(labelled):
    c = compare(labelled, gold="coded", n_resamples=0)
    # rules wrong on rows 2, 7, 9; the model only on row 2
    assert c.reports["rules"]["accuracy"] == 0.7 and c.reports["model"]["accuracy"] == 0.9
    m = c.mcnemar
    assert (m.only_first_right, m.only_second_right, m.both_right, m.both_wrong) == (0, 2, 7, 1)
    assert m.p_value == pytest.approx(0.5)  # two-sided: 2 * P(X = 0), X ~ Bin(2, 1/2)
    assert c.disagreements["right"].tolist() == ["neither", "model", "model"]
    assert "McNemar's exact test: the model is right on 2 cases the rules get wrong" in c.summary()


def test_the_gold_table_prints_counts_as_counts(labelled):
    # "engagements lost | 1.000": counts shared a float column with the F1 figures.
    table = compare(labelled, gold="coded", n_resamples=0).to_markdown()
    lost = next(line for line in table.splitlines() if line.startswith("| engagements lost"))
    given = next(line for line in table.splitlines() if line.startswith("| none given a track"))
    assert "." not in lost and "." not in given, (lost, given)
    assert "| accuracy | 0.700 | 0.900 |" in table


def test_missing_gold_values_are_left_out(labelled):
    labelled.loc[[0, 7], "coded"] = ["", None]
    c = compare(labelled, gold="coded", n_resamples=0)
    # left out of the figures and counted, as evaluate counts them
    assert c.reports["rules"]["n"] == 8 and c.reports["rules"]["missing_gold"] == 2
    assert c.disagreements.loc[7, "right"] == ""


def test_rows_with_no_text_are_left_out_of_the_methods_agreement(labelled):
    # Three blank rows of an export (every field empty or missing): both methods abstain on
    # them, which counted as three agreements on "none" and raised kappa.
    blank = pd.DataFrame(
        {
            "id": ["case-10", "case-11", "case-12"],
            "description": ["", None, "  "],
            "participants": [None, "", "N/A"],
            "rules_track": [NONE] * 3,
            "model_track": [NONE] * 3,
            "coded": [NONE, "", ""],
        }
    )
    c = compare(pd.concat([labelled, blank], ignore_index=True), gold="coded", n_resamples=0)
    assert c.n == 10 and c.no_text == 3
    assert c.agreement.value == pytest.approx(0.7) and c.kappa.value == pytest.approx(0.6)
    assert c.crosstab.to_numpy().sum() == 10
    assert "Comparing rules and model on 10 cases (3 rows with no text left out)." in c.summary()
    assert "(3 rows with no text left out)" in c.to_markdown()
    assert c.to_dict()["no_text"] == 3
    # the gold figures keep every coded row, the blank one coded "none" too
    assert c.reports["rules"]["n"] == 11


def test_a_row_with_text_in_another_field_only_is_compared(labelled):
    labelled["participants"] = ""
    labelled.loc[0, ["description", "participants"]] = ["", "the two foreign ministers"]
    c = compare(labelled.rename(columns={"description": "summary"}), columns={"description": "summary"},
                n_resamples=0)
    assert c.n == 10 and c.no_text == 0 and "left out" not in c.summary()


def test_a_table_without_a_text_column_says_blank_rows_could_not_be_left_out(labelled):
    # The text under another name, not given: the figures silently counted blank rows as
    # agreements on "none" (27 cases; 25 once the column was named).
    labelled = labelled.rename(columns={"description": "text"})
    labelled.loc[3, "text"] = ""
    c = compare(labelled, n_resamples=0)
    assert c.n == 10 and not c.text_found and c.to_dict()["text_found"] is False
    assert "no text column found, so rows with no text" in c.summary()
    assert "--description-column" in c.summary()
    named = compare(labelled, columns={"description": "text"}, n_resamples=0)
    assert (named.n, named.no_text, named.text_found) == (9, 1, True)
    assert "no text column found" not in named.summary()


def test_a_table_whose_rows_have_no_text_at_all_is_an_error(labelled):
    labelled["description"] = ""
    with pytest.raises(ValueError, match="none of the 10 rows both methods labelled has any text"):
        compare(labelled)


def test_methods_that_never_labelled_the_same_row_are_an_error_saying_how_many_each_did(labelled):
    # A file labelled with the rules only, its model column emptied by a spreadsheet: the
    # summary said "They agree on nan% of cases".
    labelled["model_track"] = ""
    labelled.loc[[2, 5], "rules_track"] = ""
    with pytest.raises(ValueError, match=r"no row of the 10 has a label from both methods \(rows labelled: "
                       r"rules 8, model 0\).*--method both"):
        compare(labelled, gold="coded")


@pytest.mark.parametrize("n", [1, 20, 99])
def test_too_few_resamples_for_an_interval_are_refused(labelled, n):
    # One resample gave "Cohen's kappa 0.89 (95% CI 0.94 to 0.94)": an interval without the estimate.
    with pytest.raises(ValueError, match=rf"{n} resamples cannot give a 95% interval; expected at least 100"):
        compare(labelled, n_resamples=n)
    c = compare(labelled, n_resamples=100)
    assert c.kappa.low <= c.kappa.value <= c.kappa.high


def test_gold_column_without_any_label_is_an_error(labelled):
    labelled["coded"] = ""
    with pytest.raises(ValueError, match="no row has both a gold label"):
        compare(labelled, gold="coded")


def test_hand_coders_pairwise_kappa_and_alpha(labelled):
    labelled["coder_a"] = [T1, T2, NONE, T2] + [""] * 6
    labelled["coder_b"] = [T1, T2, NONE, T15] + [""] * 6
    c = compare(labelled, coders=["coder_a", "coder_b"], n_resamples=200)
    assert c.coded == 4
    pair = c.pairwise.loc[("coder_a", "coder_b")]
    # 3 of 4 agree; chance (1*1 + 2*1 + 1*1) / 16 = 0.25 -> kappa (0.75 - 0.25) / 0.75
    assert pair["n"] == 4 and pair["agreement"] == 0.75 and pair["kappa"] == pytest.approx(2 / 3)
    assert c.alpha_coders.value == pytest.approx(16 / 23)  # worked out in test_metrics
    assert set(c.pairwise.index) == {
        ("coder_a", "coder_b"),
        ("coder_a", "rules"),
        ("coder_a", "model"),
        ("coder_b", "rules"),
        ("coder_b", "model"),
        ("rules", "model"),
    }
    # the rules give T1, T1, T1, T2 on the coded rows: coder_a agrees on rows 0 and 3
    assert c.pairwise.loc[("coder_a", "rules"), "agreement"] == 0.5
    assert "Krippendorff's alpha (nominal) across coder_a, coder_b, rules, model" in c.summary()


def test_alpha_among_coders_counts_the_cases_two_coders_labelled(labelled):
    # Two coders who split the sample, overlapping on two cases: alpha among them rests on
    # those two, and was reported with n = 6 (every case any coder labelled).
    labelled["coder_a"] = [T1, T2, NONE, T2, T1, ""] + [""] * 4
    labelled["coder_b"] = ["", "", "", T2, T1, T15, T1, T2] + [""] * 2
    c = compare(labelled, coders=["coder_a", "coder_b"], n_resamples=0)
    assert c.coded == 8 and c.alpha_coders_units == 2 and c.alpha_units == 8
    rows = c.to_frame().query("statistic == 'krippendorff_alpha'").set_index("subject")["n"]
    assert rows["coder_a, coder_b"] == 2 and rows["coder_a, coder_b, rules, model"] == 8
    assert c.to_dict()["coders"]["krippendorff_alpha_coders"]["n"] == 2
    assert "among the human coders alone: " in c.summary()
    assert "(on the 2 cases labelled by two or more coders)" in c.summary()


def test_one_coder_gives_alpha_across_coder_and_methods_only(labelled):
    c = compare(labelled, coders=["coded"], n_resamples=0)
    assert c.alpha_coders is None and not math.isnan(c.alpha.value) and c.coded == 10


def test_a_single_class_everywhere():
    frame = pd.DataFrame({"rules_track": [T2] * 4, "model_track": [T2] * 4, "coded": [T2] * 4})
    c = compare(frame, gold="coded", n_resamples=100)
    assert c.agreement.value == 1.0 and math.isnan(c.kappa.value)
    assert "Cohen's kappa undefined" in c.summary()
    assert c.reports["rules"]["macro_f1"] == 1.0 and len(c.disagreements) == 0
    json.dumps(c.to_dict())


def test_one_disagreement_is_one_case_in_words(labelled):
    # Before: "They disagree on 1 cases." and "## Disagreements (1 cases)".
    labelled["model_track"] = RULES
    labelled.loc[7, "model_track"] = T1
    labelled["coder_a"] = [T1] + [""] * 9
    c = compare(labelled, gold="coded", coders=["coder_a"], n_resamples=0)
    assert "They disagree on 1 case." in c.summary()
    assert "(1 case coded by at least one coder)" in c.summary()
    assert "## Disagreements (1 case)" in c.to_markdown() and "## Agreement with hand coders (1 case)" in c.to_markdown()
    one = compare(labelled.head(1), n_resamples=0)
    assert one.summary().startswith("Comparing rules and model on 1 case.")


def test_disagreement_on_every_row():
    frame = pd.DataFrame(
        {"rules_track": [T1, T2, NONE, T15], "model_track": [T2, T1, T15, NONE], "coded": [T1, T1, T15, NONE]}
    )
    c = compare(frame, gold="coded", n_resamples=100)
    assert c.agreement.value == 0.0 and c.kappa.value == pytest.approx(-1 / 3)
    assert len(c.disagreements) == 4
    assert c.disagreements["right"].tolist() == ["rules", "model", "model", "model"]


def test_report_formats(labelled, tmp_path):
    labelled["coder_a"] = GOLD
    c = compare(labelled, gold="coded", coders=["coder_a"], n_resamples=100)
    frame = c.to_frame()
    assert set(frame.columns) == {"statistic", "subject", "label", "value", "ci_low", "ci_high", "n"}
    kappa = frame[(frame.statistic == "cohen_kappa") & (frame.subject == "rules vs model")].iloc[0]
    assert kappa["value"] == pytest.approx(0.6) and kappa["n"] == 10
    f1 = frame[(frame.statistic == "f1") & (frame.subject == "model") & (frame.label == T2)].iloc[0]
    assert f1["value"] == c.reports["model"]["per_class"][T2]["f1"]
    payload = json.loads(json.dumps(c.to_dict()))
    assert payload["gold"]["mcnemar"]["only_second_right"] == 2
    assert [r["index"] for r in payload["disagreements"]] == [2, 7, 9]
    md = c.to_markdown()
    assert md.startswith("# Comparing rules and model")
    assert "## Against the gold labels in `coded`" in md and "## Disagreements (3 cases)" in md
    assert "| 7 | case-07 | The two" not in md and "| 7 | case-07 | " + DESCRIPTIONS[7][:30] in md


def test_plot_writes_a_png(labelled, tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "figure.png"
    fig = compare(labelled, gold="coded", n_resamples=0).plot(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000
    assert len(fig.axes) == 4  # methods, each method against gold, F1 bars


def test_plot_without_matplotlib_says_how_to_install(labelled, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError, match=r"pip install 'diplotrack\[plot\]'"):
        compare(labelled, n_resamples=0).plot()


def test_coders_without_krippendorff_say_how_to_install(labelled, monkeypatch):
    monkeypatch.setitem(sys.modules, "krippendorff", None)
    with pytest.raises(ImportError, match=r"pip install 'diplotrack\[compare\]'"):
        compare(labelled, coders=["coded"], n_resamples=0)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"methods": ("rules", "gpt")},
            r"Missing column 'gpt_track'.*label columns \['rules_track', 'model_track'\]",
        ),
        ({"methods": ("rules",)}, "expected two different method names"),
        ({"methods": ("rules", "rules")}, "expected two different method names"),
        ({"gold": "hand"}, "Missing gold column 'hand'"),
        ({"coders": ["coded"], "gold": "coded"}, "also listed as a coder"),
        ({"n_resamples": -1}, "Invalid n_resamples"),
        ({"verdicts": {"rules": []}}, r"expected one per row \(10\), got 0"),
        ({"verdicts": {"llm": [None] * 10}}, "got verdicts for 'llm'"),
    ],
    ids=[
        "unknown-method",
        "one-method",
        "same-method",
        "no-gold",
        "gold-as-coder",
        "resamples",
        "verdicts-length",
        "verdicts-method",
    ],
)
def test_mistakes_are_explained(labelled, kwargs, message):
    with pytest.raises(ValueError, match=message):
        compare(labelled, **kwargs)


def test_bad_labels_are_named(labelled):
    labelled.loc[3, "coded"] = "Track II"
    with pytest.raises(ValueError, match=r"Invalid labels in column 'coded'.*'Track II' \(1 row\)"):
        compare(labelled, gold="coded")


@pytest.mark.parametrize(
    "twice, kwargs, role",
    [
        ("coded", {"gold": "coded"}, "gold column"),
        ("coded", {"coders": ["coded"]}, "coder column"),
        ("model_track", {}, "column"),
        ("rules_confidence", {}, "column"),
    ],
    ids=["gold", "coder", "method-labels", "confidence"],
)
def test_a_column_present_twice_is_named_not_read_as_labels(labelled, twice, kwargs, role):
    # Before: "Invalid labels in column 'coded' ... got 'coded' (2 rows)", the column names
    # read as labels.
    frame = pd.concat([labelled, labelled[[twice]]], axis=1)
    with pytest.raises(ValueError, match=rf"The {role} '{twice}' appears 2 times in the input.*Rename or drop"):
        compare(frame, n_resamples=0, **kwargs)


def test_not_a_frame():
    with pytest.raises(TypeError, match="expected a pandas DataFrame, got list"):
        compare([["Track 1", "Track 1"]])


def test_verdicts_by_index_may_miss_rows_and_survive_line_ends_changed_by_an_editor():
    # reindex fills rows without a verdict with NaN: those rows keep their explanation. An
    # explanation cell whose line ends an editor changed is still its row's. Anything but a
    # Verdict (or None / NaN) is named.
    frame = pd.DataFrame(
        {
            "description": [
                "Retired\r\ndiplomats and scholars from both countries met in Oslo for a workshop.",
                "The foreign ministers of Ethiopia and Eritrea signed a peace agreement in Jeddah.",
            ],
            "coded": [T2, T1],
        }
    )
    labelled, verdicts = label_with_verdicts(frame)
    more = pd.concat([labelled, labelled.iloc[[1]].set_axis([2])])
    indexed = {m: pd.Series(v, index=labelled.index).reindex(more.index) for m, v in verdicts.items()}
    assert compare(more, gold="coded", verdicts=indexed, n_resamples=0).n == 3
    # An editor that rewrote the cells' line ends and wrapped them: the same explanations.
    edited = labelled.assign(model_explanation=labelled["model_explanation"].str.replace(" ", "\r\n", n=3))
    assert (edited["model_explanation"] != labelled["model_explanation"]).all()
    assert compare(edited, gold="coded", verdicts=verdicts, n_resamples=0).n == 2
    with pytest.raises(TypeError, match=r"expected Verdict objects \(None where a row has none\).*got a str"):
        compare(labelled, verdicts={"rules": ["Track 2", "Track 1"]}, n_resamples=0)


def test_plot_has_a_bar_for_a_label_only_one_method_gave(labelled, tmp_path):
    """The rules give Track 1.5 to a row the model and the coders call Track 2: a label in
    neither gold nor the model's labels once crashed the F1 bars (KeyError) or, with the
    methods swapped, lost the rules' bar for it."""
    pytest.importorskip("matplotlib")
    frame = labelled.assign(coded=[T1, T1, T2, T2, T2, NONE, NONE, T1, T2, T2], model_track=MODEL[:8] + [T2, T2])
    c = compare(frame, gold="coded", n_resamples=0)
    assert T15 in c.reports["rules"]["per_class"] and T15 not in c.reports["model"]["per_class"]
    for methods in (("rules", "model"), ("model", "rules")):
        fig = compare(frame, methods=methods, gold="coded", n_resamples=0).plot(tmp_path / "f.png")
        bars = fig.axes[-1]
        assert [t.get_text() for t in bars.get_xticklabels()] == [T1, T15, T2, NONE, "macro"]
        # one bar per method and label: the rules' Track 1.5 bar is there, at F1 0.
        assert len(bars.patches) == 2 * 5


def test_rows_without_gold_are_said_to_be_left_out(labelled):
    frame = labelled.assign(coded=GOLD[:8] + [None, "N/A"])
    c = compare(frame, gold="coded", n_resamples=0)
    assert [r["missing_gold"] for r in c.reports.values()] == [2, 2]
    assert "(8 cases; 2 rows without a gold label left out)" in c.summary()
    assert "8 cases; 2 rows without a gold label left out." in c.to_markdown()
    assert json.loads(json.dumps(c.to_dict()))["gold"]["reports"]["rules"]["missing_gold"] == 2
