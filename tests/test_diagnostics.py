"""Rule diagnostics: figures counted by hand on eight cases, a bad rule found on the dataset,
dead and suspect lexicon entries, the rows behind each figure, and the CLI as a subprocess."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import diplotrack
from diplotrack import Rule, RuleClassifier, rule_report
from diplotrack.datasets import load_engagements
from diplotrack.diagnostics import FIGURES, RuleReport

# What the shipped rules find in each case (read once from the verdicts' evidence, then
# counted by hand below). "->" is the rules' label; the last column is the hand-coded one.
#   c0 official-role T1 "foreign ministers", formal-business T1            -> T1   (T1)
#   c1 official-role T2 "Retired ambassadors" (former), former-before T2,
#      nonstate-role T2 "scholars", informal-setting T2 "workshop"         -> T2   (T2)
#   c2 official-role T1 "Serving diplomats", nonstate-role T2, capacity 1.5,
#      informal-setting T2                                                 -> 1.5  (1.5)
#   c3 nonstate-role T2 x2, purpose-people T2, informal-setting T2         -> T2   (T2)
#   c4 official-role T1, nonstate-role T2, informal-setting T2             -> 1.5  (1.5)
#   c5 official-role negated (discarded), negated-before, nonstate-role T2,
#      informal-setting T2                                                 -> T2   (T2)
#   c6 only not-an-engagement(-strong) "Weather", "forecast", no label      -> none (none)
#   c7 official-role T1 "Parliamentarians", nonstate-role T2 "students"    -> 1.5  (T2, coded by
#      a codebook that does not count legislators as officials)
CASES = pd.DataFrame(
    {
        "case_id": [f"c{i}" for i in range(8)],
        "text": [
            "The foreign ministers of Peru and Ecuador signed a border treaty in Brasilia.",
            "Retired ambassadors and scholars from both countries met in Oslo for a two-day workshop.",
            "Serving diplomats joined think-tank analysts at a closed-door dialogue in their personal capacity.",
            "Journalists and teachers from the two communities met in Nicosia for a reconciliation workshop.",
            "Deputy foreign ministers and defence academics debated maritime security at a conference in Singapore.",
            "No government representatives attended; the dialogue brought together business leaders and "
            "clergy from both sides.",
            "Weather forecast: heavy rain is expected across the north of the country tomorrow.",
            "Parliamentarians from both countries held a joint session with students on climate cooperation.",
        ],
        "coded": ["Track 1", "Track 2", "Track 1.5", "Track 2", "Track 1.5", "Track 2", "none", "Track 2"],
    }
)
COLUMNS = {"description": "text", "id": "case_id"}
NAN = float("nan")

# fired, coverage, overlaps, conflicts, decided, correct, incorrect, emp_acc, decided_acc, discarded
HAND_COUNTS = {
    # fires on c0 c1 c2 c4 c7; conflicts where a T2 cue meets its T1 (c2 c4 c7); right on c0 c1.
    "official-role": (5, 5 / 8, 5 / 8, 3 / 8, 2, 2, 3, 2 / 5, 1.0, 1),
    # fires on c1 c2 c3 c4 c5 c7; wrong only on the two Track 1.5 rows c2 c4.
    "nonstate-role": (6, 6 / 8, 6 / 8, 3 / 8, 3, 4, 2, 4 / 6, 1.0, 0),
    "informal-setting": (5, 5 / 8, 5 / 8, 2 / 8, 3, 3, 2, 3 / 5, 1.0, 0),
    "capacity-unofficial": (1, 1 / 8, 1 / 8, 1 / 8, 1, 1, 0, 1.0, 1.0, 0),
    # the modifier that made c1's ambassadors former: pushes Track 2 with the other T2 cues.
    "former-before": (1, 1 / 8, 1 / 8, 0.0, 1, 1, 0, 1.0, 1.0, 0),
    # "No government representatives": pushes no label, so no conflicts and no accuracy.
    "negated-before": (1, 1 / 8, 1 / 8, NAN, 0, 0, 0, NAN, NAN, 0),
    # decided c4 (right) and c7 (wrong); cues for other labels on both.
    "officials-with-nonstate-at-forum": (2, 2 / 8, NAN, 2 / 8, 2, 1, 1, 0.5, 0.5, 0),
    "no-engagement": (1, 1 / 8, NAN, 0.0, 1, 1, 0, 1.0, 1.0, 0),
}
COLS = "fired coverage overlaps conflicts decided correct incorrect emp_acc decided_acc discarded".split()
SRC = Path(diplotrack.__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report() -> RuleReport:
    return rule_report(CASES, "coded", columns=COLUMNS)


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@pytest.mark.parametrize("rule", list(HAND_COUNTS), ids=list(HAND_COUNTS))
def test_figures_match_the_hand_count(report, rule):
    got = report.to_frame().loc[rule]
    for col, want in zip(COLS, HAND_COUNTS[rule]):
        assert same(float(got[col]), want), f"{rule} {col}: got {got[col]}, counted {want}"


def test_header_figures(report):
    assert (report.n_rows, report.n_gold, report.gold_name) == (8, 8, "coded")
    assert report.accuracy == pytest.approx(7 / 8)


def test_weakest_first_by_accuracy_among_rules_with_enough_support(report):
    # With 5 labelled rows needed, three rules qualify, ranked by accuracy 0.4 < 0.6 < 0.67.
    assert report.to_frame().index[:3].tolist() == ["official-role", "informal-setting", "nonstate-role"]
    # With 2, the decision right on one row of two (0.5) comes in second.
    looser = rule_report(CASES, "coded", columns=COLUMNS, min_support=2)
    assert looser.to_frame().index[:2].tolist() == ["official-role", "officials-with-nonstate-at-forum"]


def test_rows_for_returns_the_rows_behind_a_figure(report):
    assert report.rows_for("official-role", "conflicts")["id"].tolist() == ["c2", "c4", "c7"]
    assert report.rows_for("official-role", "decided_correct")["id"].tolist() == ["c0", "c1"]
    every = report.rows_for("official-role")
    assert every["id"].tolist() == ["c0", "c1", "c2", "c4", "c5", "c7"]
    assert set(FIGURES) <= set(every.columns)
    negated = every.set_index("id").loc["c5"]
    assert negated["evidence"] == '"No government representatives" (negated)'
    assert (negated["discarded"], negated["fired"]) == (True, False)


def test_rows_for_a_decision_gives_its_wrong_rows_with_the_explanation(report):
    wrong = report.rows_for("officials-with-nonstate-at-forum", "incorrect")
    assert wrong[["id", "gold", "predicted"]].values.tolist() == [["c7", "Track 2", "Track 1.5"]]
    assert wrong["evidence"].iloc[0] == report.verdicts[7].explanation
    assert '"Parliamentarians"' in wrong["evidence"].iloc[0]


def test_rows_for_a_modifier_quotes_the_participant_it_changed(report):
    rows = report.rows_for("former-before")
    assert rows[["id", "label", "evidence"]].values.tolist() == [
        ["c1", "Track 2", '"Retired ambassadors" (former)']
    ]


def test_rows_for_one_lexicon_entry(report):
    assert report.rows_for("official-role", phrase="parliamentarian")["id"].tolist() == ["c7"]
    with pytest.raises(ValueError, match="not an entry of lexicon 'official_roles'"):
        report.rows_for("official-role", phrase="chess grandmaster")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda r: r.rows_for("officail-role"), "Unknown rule 'officail-role'"),
        (lambda r: r.rows_for("official-role", "accuracy"), "Invalid figure 'accuracy'"),
        (lambda r: r.rows_for("not-an-engagement"), "names both a cue rule and a decision"),
        (lambda r: r.rows_for("official-noun", phrase="official"), "has no lexicon"),
    ],
    ids=["unknown-rule", "unknown-figure", "ambiguous-id", "phrase-of-regex-rule"],
)
def test_rows_for_errors(report, call, message):
    with pytest.raises(ValueError, match=message):
        call(report)


def test_rule_and_decision_sharing_an_id_are_told_apart_by_prefix(report):
    assert report.rows_for("decision:not-an-engagement").empty
    rows = report.rows_for("rule:not-an-engagement")
    # "weather" left the meta list in rule set 2026.12.9 (as frequent in training
    # engagements); "forecast" is still there.
    assert rows[["id", "evidence"]].values.tolist() == [["c6", '"forecast"']]
    kinds = report.to_frame().loc["not-an-engagement", "kind"].tolist()
    assert sorted(kinds) == ["decision", "meta"]


def test_entries_matching_mostly_on_wrongly_labelled_rows(report):
    strict = rule_report(CASES, "coded", columns=COLUMNS, min_support=1)
    suspect = strict.suspect_entries()
    phrases = set(zip(suspect["lexicon"], suspect["phrase"]))
    # Both participants of c7, the one row the rules got wrong, and nothing from the right rows.
    assert {("official_roles", "parliamentarian"), ("nonstate_roles", "student")} <= phrases
    assert not phrases & {
        ("nonstate_roles", "scholar"),
        ("informal", "workshop"),
        ("official_roles", "foreign minister"),
    }
    assert (suspect["wrong_share"] > 0.5).all()
    # At the default support of 5 no entry of eight cases qualifies.
    assert report.suspect_entries().empty


def test_dead_entries_include_an_added_phrase_that_occurs_nowhere():
    clf = RuleClassifier(lexicon={"nonstate_roles": ["zither ensemble"]})
    dead = rule_report(CASES, "coded", columns=COLUMNS, classifier=clf).dead_entries()
    nonstate = set(dead.loc[dead["lexicon"] == "nonstate_roles", "phrase"])
    assert "zither ensemble" in nonstate
    assert not {"scholar", "journalist", "clergy", "student"} & nonstate


def test_rules_that_leave_no_evidence_are_listed_not_measured(report):
    assert {"serving", "clause-break", "engagement"} <= set(report.unmeasured)
    assert not set(report.unmeasured) & set(report.to_frame().index)
    assert "Not measured" in report.summary()


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_engagements("test").iloc[:200].reset_index(drop=True)


def test_a_deliberately_bad_rule_tops_the_weakest_first_ordering(sample):
    bad = Rule(
        "bad-scholar",
        "official",
        "Track 1",
        "Scholars read as serving officials (wrong).",
        regex=r"\bscholars?\b",
    )
    report = rule_report(sample, "track", classifier=RuleClassifier(rules=[bad]))
    table = report.to_frame()
    assert table.index[0] == "bad-scholar"
    assert table.loc["bad-scholar", "correct"] + table.loc["bad-scholar", "incorrect"] >= 5
    # Its rows are exactly the cases that say "scholar(s)" in some field.
    rows = report.rows_for("bad-scholar")
    pattern = re.compile(r"\bscholars?\b", re.IGNORECASE)
    text = sample[["description", "participants", "formality", "purpose"]].agg(" | ".join, axis=1)
    assert set(rows["id"]) == set(sample.loc[text.str.contains(pattern), "id"])
    assert "bad-scholar" not in rule_report(sample, "track").to_frame().index


def test_gold_as_a_list_equals_gold_as_a_column(report):
    as_list = rule_report(CASES, CASES["coded"].tolist(), columns=COLUMNS)
    pd.testing.assert_frame_equal(as_list.to_frame(), report.to_frame())
    assert as_list.gold_name == "given"


def test_uncoded_rows_are_left_out_of_accuracy_only():
    coded = CASES["coded"].tolist()
    coded[7] = ""
    table = rule_report(CASES, coded, columns=COLUMNS).to_frame()
    assert table.loc["official-role", "fired"] == 5
    assert (table.loc["official-role", "correct"], table.loc["official-role", "incorrect"]) == (2, 2)


def test_gold_labels_are_read_as_evaluate_reads_them(report):
    # A coder's spreadsheet: labels typed in other cases and spacing, "None" for no
    # engagement (c6), and "NA", "N/A", "-" and "?" for cases not coded yet (c4, c5, c7).
    typed = ["track 1", " Track 2", "TRACK 1.5", "track 2 ", "NA", "N/A", "-", "?"]
    frame = CASES.assign(coded=typed)
    frame.loc[6, "coded"] = "None"
    typed_report = rule_report(frame, "coded", columns=COLUMNS)
    assert (typed_report.n_rows, typed_report.n_gold) == (8, 5)
    fired = typed_report.rows_for("official-role")
    gold_of = dict(zip(fired["id"], fired["gold"]))
    assert [gold_of[c] for c in ("c0", "c1", "c2", "c4", "c7")] == ["Track 1", "Track 2", "Track 1.5", "", ""]
    assert typed_report.accuracy == 1.0  # the rules are right on all five coded cases
    assert "8 rows, 5 with gold labels (column 'coded'), 3 without a gold label left out" in (
        typed_report.summary()
    )
    gold = frame["coded"]
    predicted = [v.label for v in typed_report.verdicts]
    ev = diplotrack.evaluate(frame.assign(rules_track=predicted), "coded", "rules")
    assert (ev.reports["rules"]["n"], ev.reports["rules"]["missing_gold"]) == (5, 3)
    with pytest.raises(ValueError, match=r"Invalid labels in gold column 'coded'.*'Track II'"):
        rule_report(frame.assign(coded=gold.replace({"track 2 ": "Track II"})), "coded", columns=COLUMNS)
    assert "without a gold label" not in report.summary()  # every row coded: nothing to say


def test_without_gold_accuracy_is_not_measured():
    report = rule_report(CASES, columns=COLUMNS)
    table = report.to_frame()
    assert table["emp_acc"].isna().all() and table["decided_acc"].isna().all()
    assert table.loc["official-role", "conflicts"] == pytest.approx(3 / 8)
    assert "no gold labels" in report.summary()


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"gold": "track"}, ValueError, r"Missing gold column 'track'.*'coded'"),
        ({"gold": ["Track 2"] * 3}, ValueError, r"one label per case \(8 cases\), got 3"),
        ({"gold": ["Track II"] * 8}, ValueError, r"Invalid labels in the gold labels given.*'Track II'"),
        (
            {"definition": "track-3"},
            ValueError,
            r"Unknown definition 'track-3': expected one of",
        ),
        ({"classifier": "rules"}, TypeError, "expected a diplotrack RuleClassifier"),
        ({"min_support": 0}, ValueError, "Invalid min_support"),
        (
            {"columns": {"description": "summary"}},
            ValueError,
            r"Missing description column 'summary'.*'text'",
        ),
    ],
    ids=[
        "missing-gold-column",
        "gold-length",
        "gold-values",
        "definition",
        "classifier",
        "min-support",
        "description-column",
    ],
)
def test_bad_arguments(kwargs, error, message):
    kwargs = {"columns": COLUMNS, **kwargs}
    with pytest.raises(error, match=message):
        rule_report(CASES, **kwargs)


def test_a_gold_or_id_column_present_twice_is_named_not_a_crash():
    # A coded file with its label column pasted twice: "'DataFrame' object has no attribute
    # 'tolist'", before.
    twice = pd.concat([CASES, CASES[["coded", "case_id"]]], axis=1)
    with pytest.raises(ValueError, match=r"The gold column 'coded' appears 2 times in the input.*Rename or drop"):
        rule_report(twice, "coded", columns={"description": "text"})
    with pytest.raises(ValueError, match=r"The id column 'case_id' appears 2 times in the input"):
        rule_report(twice, columns=COLUMNS)


def test_the_callers_classifier_is_left_unchanged():
    clf = RuleClassifier()
    rule_report(CASES["text"].tolist(), classifier=clf)
    assert not hasattr(clf, "engine_")


def test_outputs_text_markdown_and_json(report):
    summary = report.summary(top=3)
    assert "8 rows, 8 with gold labels (column 'coded')" in summary
    assert "official-role" in summary and "... " in summary
    markdown = report.to_markdown()
    assert "| rule | kind | supports | fired |" in markdown
    assert (
        "| official-role | official | Track 1, Track 2 | 5 | 0.625 | 0.625 | 0.375 | 2 | 0.400 (5) | 1.000 (2) |"
        in markdown
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert data["n_rows"] == 8 and data["rules"][0]["rule"] == "official-role"
    assert data["rules"][0]["emp_acc"] == 0.4


def test_exported_from_the_package():
    assert diplotrack.rule_report is rule_report
    assert "rule_report" in diplotrack.__all__ and "RuleReport" in diplotrack.__all__


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "diplotrack.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    csv = root / "coded.csv"
    CASES.rename(columns={"text": "summary"}).to_csv(csv, index=False)
    out = root / "report.md"
    calls = {
        "ok": (
            "rules",
            "report",
            csv,
            "--gold",
            "coded",
            "--description-column",
            "summary",
            "--id-column",
            "case_id",
            "-o",
            out,
            "--top",
            "4",
        ),
        "missing-gold": ("rules", "report", csv, "--gold", "track", "--description-column", "summary"),
    }
    with ThreadPoolExecutor(len(calls)) as pool:
        results = dict(zip(calls, pool.map(lambda a: _run(*a), calls.values())))
    return results, out


def test_cli_writes_the_markdown_report(cli):
    results, out = cli
    assert results["ok"].returncode == 0, results["ok"].stderr
    text = out.read_text(encoding="utf-8")
    assert "| official-role | official | Track 1, Track 2 | 5 | 0.625 |" in text
    rules_section = text.split("## Rules and decisions")[1].split("\n## ")[0]
    assert len([line for line in rules_section.splitlines() if line.startswith("| ")]) == 1 + 4
    assert "report.md" in results["ok"].stderr


def test_cli_missing_gold_column_names_the_columns_found(cli):
    results, _ = cli
    run = results["missing-gold"]
    assert run.returncode == 2
    assert "Missing gold column 'track'" in run.stderr and "'coded'" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_report_under_another_definition_names_its_decisions():
    report = rule_report(CASES, gold="coded", columns=COLUMNS, definition="private-capacity-track-2")
    table = report.to_frame()
    assert "private-capacity-among-nonstate" in set(table.index) | {
        i.split(":", 1)[-1] for i in table.index
    }


def test_experts_in_an_official_delegation_fire_for_track_1():
    """The delegation modifier pushes Track 1 through the experts it makes officials, and the
    experts' rule fired (rule set 2026.12.6)."""
    cases = pd.DataFrame({
        "description": [
            "Officials of the water ministries of Mozambique and Malawi met in Blantyre for the third "
            "round on the Shire-Zambezi waterway; two hydrologists from the national university "
            "advised the Malawian delegation.",
            "Kenya's trade minister led its delegation in the second round with the Gulf states, "
            "together with two economists from a Nairobi think tank, whom the ministry appointed as "
            "advisers to the delegation for the round.",
        ],
        "coded": ["Track 1", "Track 1"],
    })
    frame = rule_report(cases, "coded", min_support=1).to_frame()
    for rule in ("in-official-delegation", "nonstate-role"):
        got = frame.loc[rule]
        assert (got["fired"], got["correct"], got["incorrect"], got["discarded"]) == (2, 2, 0, 0), rule


def test_a_lone_surrogate_in_one_row_does_not_fail_the_report():
    # A stray Latin-1 byte read as UTF-8 with errors="surrogateescape": label_frame handled
    # it, but the report's table of cases (an excerpt of each description) could not be built
    # under pandas 3, whose string column cannot hold the surrogate.
    odd = b"The foreign\xa0ministers of Peru and Chile signed the accord in Lima.".decode(
        "utf-8", errors="surrogateescape"
    )
    cases = pd.DataFrame(
        {
            "description": pd.Series(["Retired diplomats and scholars met in Oslo for a dialogue.", odd], dtype=object),
            "track": ["Track 2", "Track 1"],
        }
    )
    report = rule_report(cases, gold="track")
    assert report.accuracy == 1.0
    rows = report.rows_for("decision:officials-only")
    assert rows["id"].tolist() == ["1"]
    for quote in (rows["description"].iloc[0], rows["evidence"].iloc[0]):
        assert "foreign\ufffdministers" in quote or "foreign\udca0ministers" in quote, quote
    assert "officials-only" in report.to_markdown()


def test_the_docs_way_of_reading_coded_cases_keeps_a_case_coded_none(tmp_path, monkeypatch):
    # docs/rule_diagnostics.md read the file with pd.read_csv's defaults, which turn the gold
    # label "None" (no engagement) into a missing value: that case silently left the figures.
    docs = Path(__file__).resolve().parents[1] / "docs" / "rule_diagnostics.md"
    line = next(x for x in docs.read_text().splitlines() if x.startswith("coded = pd.read_csv("))
    monkeypatch.chdir(tmp_path)
    pd.DataFrame(
        {
            "description": [
                "The two foreign ministers signed a border treaty in Hanoi.",
                "Retired diplomats and scholars from India and Pakistan met for a workshop in Colombo.",
                "Heavy rain is expected across the north tomorrow.",
                "Asian shares closed mostly higher as chipmakers rallied.",
            ],
            "my_label": ["Track 1", "Track 2", "None", "NA"],
        }
    ).to_csv("my_coded_cases.csv", index=False)
    namespace = {"pd": pd}
    exec(line.split("#")[0], namespace)
    report = rule_report(namespace["coded"], gold="my_label")
    assert report.n_gold == 3  # "None" is coded (no engagement); "NA" is a case not coded
