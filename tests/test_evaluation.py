"""evaluate() on a labelled table of a user's own; labelling with verdicts kept."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from diplotrack import RuleClassifier, evaluate, label_with_verdicts
from diplotrack.evaluation import recover_verdicts
from diplotrack.verdict import LABELS

T1, T15, T2, NONE = LABELS


@pytest.fixture
def coded() -> pd.DataFrame:
    """Hand-coded cases with labels already given by both methods (the output of `label`)."""
    return pd.DataFrame(
        {
            "description": [
                "The two foreign ministers signed a border treaty in Hanoi.",
                "Serving diplomats joined scholars in a personal capacity at a lakeside retreat.",
                "Retired generals and lecturers from both countries met in Colombo.",
                "An embassy advertises a post for a driver with a clean licence.",
                "Heads of government agreed a ceasefire text at the summit.",
                "Peace journalists from both communities met for a week of joint reporting.",
            ],
            "style": ["news", "event_page", "event_page", "other", "news", "blog"],
            "subset": ["clear", "clear", "contested", "clear", "clear", "clear"],
            "hand": [T1, T15, T2, NONE, T1, ""],
            "rules_track": [T1, T15, T15, T2, T1, T2],
            "model_track": [T1, T2, T2, NONE, T1, NONE],
        }
    )


def test_labels_in_the_table_are_measured_as_they_are(coded):
    ev = evaluate(coded, gold="hand")
    assert ev.sources == {"rules": "column 'rules_track'", "model": "column 'model_track'"}
    rules, model = ev.reports["rules"], ev.reports["model"]
    # row 5 has no hand label; of the 5 coded rows the rules are wrong on rows 2 and 3, the model on row 1
    assert rules["n"] == 5 and rules["missing_gold"] == 1 and rules["accuracy"] == 0.6
    assert model["accuracy"] == 0.8
    assert rules["nonengagements_labelled"] == 1 and model["engagements_abstained"] == 0
    assert rules["track1_vs_rest_f1"] == 1.0


def test_subset_and_groups(coded):
    ev = evaluate(coded, gold="hand", subset={"subset": "clear"}, by="style")
    assert ev.reports["rules"]["n"] == 4 and ev.rows == 5
    assert sorted(ev.groups) == ["blog", "event_page", "news", "other"]
    assert ev.groups["news"]["rules"]["accuracy"] == 1.0 and ev.groups["news"]["rules"]["n"] == 2
    assert ev.groups["other"]["rules"]["nonengagements_labelled"] == 1
    assert ev.groups["blog"]["model"]["n"] == 0  # its only row is not coded: no figures
    assert ev.groups["blog"]["model"]["accuracy"] is None
    frame = ev.to_frame()
    assert frame.loc[("(all)", "rules"), "n"] == 4 and frame.loc[("news", "model"), "accuracy"] == 1.0
    assert "by style:" in ev.summary() and "(rows where subset=clear)" in ev.summary()
    payload = json.loads(json.dumps(ev.to_dict(), allow_nan=False))
    assert set(payload) == {"rules", "model"} and payload["rules"]["by_group"]["other"]["n"] == 1
    assert ev.to_markdown().startswith("# Evaluation against `hand`")


def test_a_year_column_with_missing_cells_is_selected_and_grouped_by_its_years(coded):
    # pandas reads such a column as floats: year=2001 found no rows ("holds ['2001.0', ...]").
    coded["year"] = [2001, 2001, None, 1999, 2001, 1999]
    assert coded["year"].dtype == float
    ev = evaluate(coded, gold="hand", subset={"year": 2001}, by="year")
    assert ev.reports["rules"]["n"] == 3 and sorted(ev.groups) == ["2001"]
    assert evaluate(coded, gold="hand", subset={"year": "2001"}).reports["rules"]["n"] == 3
    assert sorted(evaluate(coded, gold="hand", by="year").groups) == ["(missing)", "1999", "2001"]
    # Such a column written to a file and read back as text holds "2001.0": the same years.
    as_text = coded.assign(year=coded["year"].map(lambda y: "" if pd.isna(y) else str(y)))
    assert evaluate(as_text, gold="hand", subset={"year": 2001.0}).reports["rules"]["n"] == 3
    assert sorted(evaluate(as_text, gold="hand", by="year").groups) == ["(missing)", "1999", "2001"]


def test_the_text_report_shows_each_method_s_confusion_under_its_own_labels():
    # Three coded talks: the rules get all three; the model calls one Track 1.5 and abstains
    # on another, labels the rules never give and the gold column does not hold.
    frame = pd.DataFrame(
        {
            "description": [
                "The foreign ministers of Chile and Argentina signed a fisheries accord in Santiago.",
                "Retired admirals and maritime scholars met in Jakarta for a closed-door workshop.",
                "Former negotiators and civil-society leaders from both sides met in Oslo.",
            ],
            "hand": [T1, T2, T2],
            "rules_track": [T1, T2, T2],
            "model_track": [T15, T2, NONE],
        }
    )
    text = evaluate(frame, gold="hand").summary()
    assert "confusion (rules); rows = gold, columns = predicted: Track 1, Track 2\n" in text
    model = text.split("confusion (model); rows = gold, columns = predicted: ")[1].splitlines()
    assert model[0] == "Track 1, Track 1.5, Track 2, none"
    assert [line.split() for line in model[1:5]] == [
        ["Track", "1", "0", "1", "0", "0"],
        ["Track", "1.5", "0", "0", "0", "0"],
        ["Track", "2", "0", "0", "1", "1"],
        ["none", "0", "0", "0", "0"],
    ]
    # per label, a row for every label either report has; blank where the rules' report has none
    rows = {line[:12].strip(): line[12:].split() for line in text.splitlines()[3:8]}
    assert rows["Track 1.5"] == ["0.000", "0.000", "0.000", "0"]
    assert rows["Track 2"] == ["1.000", "1.000", "1.000", "1.000", "0.500", "0.667", "2"]


def test_the_macro_f1_headings_say_which_labels_the_figure_averages_over(coded):
    ev = evaluate(coded, gold="hand", methods="rules", by="style")
    # the one "other" page, a non-engagement the rules gave Track 2: macro-F1 0.0 over those two
    # labels, not over the four
    other = ev.to_dict()["rules"]["by_group"]["other"]
    assert (other["n"], other["labels"], other["macro_f1"]) == (1, [T2, NONE], 0.0)
    text = ev.summary()
    assert "4 labels" not in text and "3 tracks" not in text
    assert "macro-F1 (labels present)" in text and "macro-F1 (tracks present)" in text
    assert " ".join(text.split()).count(
        "macro-F1 averages F1 over the labels present in the gold or predicted labels "
        "(Track 1, Track 1.5, Track 2, none), the second line over the tracks among them."
    ) == 1
    assert "In each group, macro-F1 averages over the labels present in that group's gold" in text
    markdown = ev.to_markdown()
    assert "`macro_f1` averages F1 over the labels present in the gold or predicted labels" in markdown
    assert "`macro_f1_tracks` over the tracks among them" in markdown


def test_markdown_by_group_puts_the_group_and_the_method_in_columns_of_their_own(coded):
    markdown = evaluate(coded, gold="hand", subset={"subset": "clear"}, by="style").to_markdown()
    lines = markdown.splitlines()
    assert any(line.startswith("| style | method | n | macro_f1 |") for line in lines)
    assert any(line.startswith("| (all) | rules | 4 | ") for line in lines)
    assert any(line.startswith("| news | model | 2 | ") for line in lines)
    assert "('" not in markdown
    plain = evaluate(coded, gold="hand").to_markdown().splitlines()
    assert any(line.startswith("| method | n | macro_f1 |") for line in plain)
    assert any(line.startswith("| rules | 5 | ") for line in plain)


def test_a_list_of_values_for_a_column_keeps_rows_holding_any_of_them(coded):
    # news or event pages (rows 0, 1, 2, 4; row 3 is "other", row 5 a blog) ...
    either = evaluate(coded, gold="hand", subset={"style": ["news", "event_page"]})
    assert either.rows == 4 and either.reports["rules"]["n"] == 4
    assert either.reports["rules"]["accuracy"] == 0.75  # wrong only on the contested row 2
    # ... and, a second column, clear: rows 0, 1 and 4, all labelled right by the rules
    both = evaluate(coded, gold="hand", subset={"style": ("news", "event_page"), "subset": "clear"})
    assert both.rows == 3 and both.reports["rules"]["accuracy"] == 1.0
    assert both.subset == {"style": ["news", "event_page"], "subset": "clear"}
    assert "(rows where (style=news or style=event_page) and subset=clear)" in both.summary()
    assert json.loads(json.dumps(both.to_dict()))["rules"]["subset"]["style"] == ["news", "event_page"]
    # one value, as a string or a list of one, is the same selection as before
    assert evaluate(coded, gold="hand", subset={"style": ["news"]}).rows == 2
    assert evaluate(coded, gold="hand", subset={"style": "news"}).subset == {"style": "news"}
    # a value held by no row is a typing mistake, not an alternative quietly ignored
    with pytest.raises(ValueError, match=r"no rows where style='new'; .*holds \['blog', 'event_page'"):
        evaluate(coded, gold="hand", subset={"style": ["news", "new"]})
    with pytest.raises(ValueError, match=r"Invalid subset\['style'\]: an empty list selects no row"):
        evaluate(coded, gold="hand", subset={"style": []})
    with pytest.raises(TypeError, match="Invalid subset: expected a mapping"):
        evaluate(coded, gold="hand", subset=[("style", "news")])


def test_methods_not_in_the_table_label_the_rows_now(coded):
    ev = evaluate(coded.drop(columns=["rules_track", "model_track"]), gold="hand", methods="rules")
    assert ev.sources == {"rules": "labelled now"} and ev.reports["rules"]["n"] == 5


def test_a_classifier_given_labels_the_rows_now_even_if_the_table_has_labels(coded):
    custom = RuleClassifier(lexicon={"nonstate_roles": ("peace journalists",)})
    ev = evaluate(coded, gold="hand", methods="rules", classifiers={"rules": custom})
    assert ev.sources == {"rules": "labelled now"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"gold": "coder"}, r"Missing gold column 'coder': the data has columns \['description'"),
        ({"subset": {"round": "3"}}, "Invalid subset: no column 'round'"),
        (
            {"subset": {"subset": "unclear"}},
            r"no rows where subset='unclear'.*holds \['clear', 'contested'\]",
        ),
        ({"by": "source"}, "Invalid by: no column 'source'"),
        ({"methods": "llm"}, "Invalid method"),
    ],
    ids=["gold", "subset-column", "subset-value", "by", "method"],
)
def test_mistakes_are_explained(coded, kwargs, message):
    kwargs.setdefault("gold", "hand")
    with pytest.raises(ValueError, match=message):
        evaluate(coded, **kwargs)


@pytest.mark.parametrize(
    "twice, kwargs, role",
    [
        ("hand", {}, "gold column"),
        ("subset", {"subset": {"subset": "clear"}}, "subset column"),
        ("style", {"by": "style"}, "grouping column"),
        ("rules_track", {"methods": "rules"}, "column"),
    ],
    ids=["gold", "subset", "by", "method-labels"],
)
def test_a_column_present_twice_is_named_before_any_labelling(coded, twice, kwargs, role):
    # A column pasted twice: the gold labels were read as the column names ("Invalid labels
    # in gold column 'hand' ... got 'hand' (2 rows)"), a subset failed with "cannot reindex
    # on an axis with duplicate labels".
    frame = pd.concat([coded, coded[[twice]]], axis=1)
    with pytest.raises(ValueError, match=rf"The {role} '{twice}' appears 2 times in the input.*Rename or drop"):
        evaluate(frame, gold="hand", classifiers={"model": _NeverCalled()} if twice == "hand" else None, **kwargs)


class _NeverCalled:
    """A classifier that fails the test if it is asked to label anything."""

    def classify_many(self, *args, **kwargs):
        raise AssertionError("labelled rows although there was nothing to measure")


def test_no_row_with_a_gold_label_is_an_error_before_any_labelling(coded):
    # A second coder who has not started yet: empty cells and "N/A" markers only.
    coded["coder_b"] = ["", "N/A", "", "-", "", ""]
    never = {"rules": _NeverCalled()}
    with pytest.raises(
        ValueError,
        match=r"No case to evaluate: none of the 6 rows read has a gold label in column 'coder_b'.*"
        r"Name the column holding the hand-coded labels with gold=",
    ):
        evaluate(coded, gold="coder_b", methods="rules", classifiers=never)
    # The subset holds rows, but only the one nobody has coded (the blog post).
    with pytest.raises(
        ValueError,
        match=r"none of the 1 rows where style=blog \(of 6 rows read\) has a gold label in column 'hand'.*"
        r"Choose a subset that holds coded rows",
    ):
        evaluate(coded, gold="hand", methods="rules", subset={"style": "blog"}, classifiers=never)
    with pytest.raises(ValueError, match="the data has no rows, so none has a gold label"):
        evaluate(coded.iloc[:0], gold="hand", methods="rules", classifiers=never)


def test_a_subset_value_nobody_used_lists_the_values_and_says_how_many_more(coded):
    styles = ["agenda", "biography", "blog", "database_row", "encyclopedia", "event_page", "explainer"]
    styles += ["minutes", "news", "obituary", "op_ed", "parliamentary", "press_release", "report"]
    frame = pd.concat([coded] * 3, ignore_index=True).head(len(styles)).assign(style=styles)
    with pytest.raises(ValueError) as error:
        evaluate(frame, gold="hand", subset={"style": "newsletter"})
    assert str(error.value).endswith(
        "column 'style' holds ['agenda', 'biography', 'blog', 'database_row', 'encyclopedia', "
        "'event_page', 'explainer', 'minutes', 'news', 'obituary', 'op_ed', 'parliamentary'] and 2 more."
    )


def test_subset_values_found_apart_but_never_together_say_how_many_rows_each_holds(coded):
    frame = coded.head(4).assign(style=["news", "news", "blog", "blog"], country=["Chad", "Mali", "Peru", "Fiji"])
    for subset in ({"style": "news", "country": "Peru"}, {"country": "Peru", "style": "news"}):
        with pytest.raises(ValueError) as error:
            evaluate(frame, gold="hand", subset=subset)
        assert "no row meets all of" in str(error.value)
        assert "style=news: 2 rows" in str(error.value) and "country=Peru: 1 row" in str(error.value)


def test_subset_conditions_give_the_same_rows_in_any_order(coded):
    """Different columns must all hold, whatever order they are given in: a value that only
    rows outside the other condition hold ("report" among the contested rows) is no error."""
    frame = coded.assign(style=["news", "news", "report", "news", "news", "news"])
    first = evaluate(frame, gold="hand", subset={"style": ["news", "report"], "subset": "clear"})
    second = evaluate(frame, gold="hand", subset={"subset": "clear", "style": ["news", "report"]})
    assert first.reports == second.reports and first.rows == second.rows == 5


def test_empty_cells_in_a_method_column_are_an_error(coded):
    coded.loc[2, "rules_track"] = ""
    with pytest.raises(ValueError, match="Column 'rules_track' has 1 empty cells"):
        evaluate(coded, gold="hand")


def test_labelling_without_the_text_column_names_the_columns(coded):
    frame = coded.rename(columns={"description": "summary"}).drop(columns=["rules_track"])
    with pytest.raises(ValueError, match="Missing description column 'description'"):
        evaluate(frame, gold="hand", methods="rules")
    ev = evaluate(frame, gold="hand", methods="rules", columns={"description": "summary"})
    assert ev.reports["rules"]["n"] == 5


def test_label_with_verdicts_and_recover_verdicts(coded):
    frame = coded.drop(columns=["rules_track", "model_track"])
    labelled, verdicts = label_with_verdicts(frame, "both")
    assert [v.label for v in verdicts["model"]] == labelled["model_track"].tolist()
    assert labelled["rules_explanation"].tolist() == [v.explanation for v in verdicts["rules"]]
    # a label the current rules would not give keeps no verdict
    labelled.loc[0, "rules_track"] = T2
    recovered = recover_verdicts(labelled, ["rules"])["rules"]
    assert recovered[0] is None and all(v is not None for v in recovered[1:])


def test_predictions_given_as_verdict_tracks_and_gold_written_otherwise_are_scored_as_labels():
    # A verdict's track is None where it abstains: evaluate_predictions scored it as a label
    # "None" (a right abstention counted as a non-engagement given a track), and gold written
    # "track 1" or "NONE" as classes of their own (accuracy 0 where evaluate gave 1).
    from diplotrack import classify_many
    from diplotrack.metrics import evaluate_predictions

    texts = [
        "The foreign ministers of Chile and Peru signed the maritime boundary treaty in Lima.",
        "Retired diplomats and scholars from both countries met in Quito for a workshop.",
        "Heavy rain is forecast for the coast on Thursday, with winds of up to 60 km/h.",
    ]
    verdicts = classify_many(texts, method="rules")
    assert [v.track for v in verdicts][2] is None
    r = evaluate_predictions(["track 1", "Track 2 ", "NONE"], [v.track for v in verdicts])
    assert r["accuracy"] == 1.0 and r["labels"] == ["Track 1", "Track 2", "none"]
    assert r["nonengagements_labelled"] == 0 and r["abstention_on_none"] == 1.0
    # Another codebook's labels are kept as they are.
    other = evaluate_predictions(["official", "unofficial"], ["official", "official"])
    assert other["labels"] == ["official", "unofficial"] and other["accuracy"] == 0.5


@pytest.mark.parametrize("by", ["method", "n"])
def test_a_grouping_column_named_like_a_figure_keeps_its_groups(by):
    # Grouped "by method", every group was shown as "rules", and to_frame (and --markdown)
    # failed with "cannot insert method, already exists".
    coded = pd.DataFrame({
        "track": ["Track 1", "none", "Track 2", "none"],
        "rules_track": ["Track 1", "none", "Track 2", "Track 1"],
        by: ["archive", "archive", "press", "press"],
    })
    ev = evaluate(coded, methods="rules", by=by)
    groups = ev.group_frame()
    assert [g for g, _ in groups.index] == ["archive", "press"]
    assert groups["n"].tolist() == [2, 2] and groups["accuracy"].tolist() == [1.0, 0.5]
    frame = ev.to_frame()
    assert [g for g, _ in frame.index] == ["(all)", "archive", "press"]
    assert "archive" in ev.to_markdown()
