"""A researcher's own rule file, used to label: ``rules=`` in Python, ``--rules`` on the
command line.

The file (``tests/data/occupations_rules.toml``) adds occupations the shipped lexicons do not
list. With it, the rules count those people as non-state participants; without it they do
not. The trained model is never affected: it keeps the rule set it was trained with.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import pandas as pd
import pytest

import diplotrack
from diplotrack import Rule, RuleClassifier, classify, get_classifier, label_csv, label_frame
from diplotrack.batch import provenance_path
from diplotrack.cli import main
from diplotrack.ruleset import RuleSetError

# Midwives beside two deputy ministers: officials with non-state people, so Track 1.5 once
# midwives are known; the shipped rules see the ministers only (Track 1).
MIDWIVES = ("Midwives from Armenia and Azerbaijan met the two deputy health ministers in Tbilisi to "
            "agree a joint training programme for maternity wards near the border.")
TREATY = "The foreign ministers of Kyrgyzstan and Uzbekistan signed the border delimitation treaty in Bishkek."


@pytest.fixture
def rule_file(data_dir, tmp_path):
    """A copy of the test rule file that a test may edit."""
    path = tmp_path / "occupations_rules.toml"
    shutil.copy(data_dir / "occupations_rules.toml", path)
    return path


def test_the_readme_shows_the_rule_file_the_tests_label_with(data_dir):
    # The README's complete example is this file, so the example a researcher copies is one
    # that labels (the tests below); a change to either without the other fails here.
    readme = (data_dir.parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    assert (data_dir / "occupations_rules.toml").read_text(encoding="utf-8") in blocks


def test_a_rule_file_changes_the_rules_verdict_and_says_so(rule_file):
    shipped = classify(MIDWIVES)
    mine = classify(MIDWIVES, rules=rule_file)
    assert shipped.label == "Track 1" and "Midwives" not in shipped.explanation
    assert mine.label == "Track 1.5"
    assert 'Non-state participants: "Midwives"' in mine.explanation
    assert 'Officials: "ministers"' in mine.explanation
    assert mine.rules_version == f"{shipped.rules_version}+custom"
    # A case the file says nothing about keeps its verdict.
    assert classify(TREATY, rules=rule_file).label == classify(TREATY).label == "Track 1"


def test_a_cue_rule_in_the_file_is_quoted(rule_file):
    text = ("Leaders of water-user associations from the Fergana valley met in Osh to share out the "
            "summer irrigation schedule across the Kyrgyz-Uzbek border.")
    v = classify(text, rules=rule_file)
    assert v.label == "Track 2"
    assert '"water-user associations"' in v.explanation
    assert any(e.source == "water-user-associations" for e in v.evidence)


def test_an_edited_rule_file_is_read_again(rule_file):
    assert classify(MIDWIVES, rules=rule_file).label == "Track 1.5"
    rule_file.write_text(rule_file.read_text().replace('"midwives", ', ""))
    assert classify(MIDWIVES, rules=rule_file).label == "Track 1"


def test_a_rule_without_a_description_is_listed_as_such(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text('[[rule]]\nid = "beekeepers"\nkind = "nonstate"\nsupports = "Track 2"\n'
                    'regex = \'\\bbeekeepers?\\b\'\n')
    assert main(["rules", "list", "--rules", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    row = next(i for i, line in enumerate(out) if line.strip().startswith("beekeepers "))
    assert out[row + 1].strip() == "(no description: add description = ... to the rule)"


def test_a_fitted_classifier_keeps_the_rules_it_read_until_fitted_again(rule_file):
    clf = RuleClassifier(extra=str(rule_file)).fit()
    assert clf.classify(MIDWIVES).label == "Track 1.5"
    first = clf.extra_sha256_
    rule_file.write_text(rule_file.read_text().replace('"midwives", ', ""))
    assert clf.classify(MIDWIVES).label == "Track 1.5"  # a long run labels by one set of rules
    clf.fit()
    assert clf.classify(MIDWIVES).label == "Track 1" and clf.extra_sha256_ != first


def test_a_rule_file_given_as_rules_to_the_classifier_says_where_it_goes(rule_file):
    with pytest.raises(TypeError, match=r"got a path \('.*occupations_rules\.toml'\)\. To use a rule file, "
                                        r"pass RuleClassifier\(extra=PATH\)"):
        RuleClassifier(rules=rule_file).fit()
    assert RuleClassifier(extra=rule_file).fit().classify(MIDWIVES).label == "Track 1.5"


def test_a_rule_classifier_may_stand_for_the_file_and_follows_a_definition():
    mine = RuleClassifier(lexicon={"nonstate_roles": ["midwives"]})
    assert get_classifier("rules", rules=mine).classify(MIDWIVES).label == "Track 1.5"
    v = classify(MIDWIVES, rules=mine, definition="facilitated-1.5")
    assert v.definition == "facilitated-1.5" and '"Midwives"' in v.explanation
    assert mine.definition == "guideline"  # the researcher's classifier is not changed


def test_label_csv_with_a_rule_file_records_it(rule_file, write_csv, tmp_path):
    source = write_csv("cases.csv", ["case", "description"], [["a", MIDWIVES], ["b", TREATY], ["c", ""]])
    out = tmp_path / "labelled.csv"
    assert label_csv(source, out, "both", rules=rule_file) == 3
    labelled = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert labelled["case"].tolist() == ["a", "b", "c"]
    assert labelled["rules_track"].tolist() == ["Track 1.5", "Track 1", "none"]
    # The model keeps its own rule set: its columns are those of a run without the file.
    plain = label_frame(pd.read_csv(source, dtype=str, keep_default_na=False), "model")
    assert labelled["model_track"].tolist() == plain["model_track"].tolist()
    record = json.loads(provenance_path(out).read_text())
    assert record["rules_file"] == str(rule_file.resolve())
    assert record["rules_file_sha256"] == hashlib.sha256(rule_file.read_bytes()).hexdigest()
    assert record["rules_version"].endswith("+custom")


def test_label_csv_without_a_rule_file_records_none(write_csv, tmp_path):
    source = write_csv("cases.csv", ["description"], [[TREATY]])
    label_csv(source, tmp_path / "out.csv", "rules")
    record = json.loads(provenance_path(tmp_path / "out.csv").read_text())
    assert record["rules_file"] is None and record["rules_file_sha256"] is None
    assert "+custom" not in record["rules_version"]


def test_worker_processes_use_the_rule_file(rule_file, write_csv, tmp_path):
    rows = [[str(i), MIDWIVES if i % 2 else TREATY] for i in range(40)]
    source = write_csv("cases.csv", ["id", "description"], rows)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    label_csv(source, one, "rules", rules=rule_file, chunksize=5)
    label_csv(source, two, "rules", rules=rule_file, chunksize=5, n_jobs=2)
    assert one.read_bytes() == two.read_bytes()
    assert pd.read_csv(two)["rules_track"].value_counts().to_dict() == {"Track 1.5": 20, "Track 1": 20}


def test_a_rule_file_for_a_method_that_does_not_read_it_is_refused(rule_file):
    with pytest.raises(ValueError, match="the trained model keeps the rule set it was trained with"):
        get_classifier("model", rules=rule_file)
    frame = pd.DataFrame({"description": [TREATY]})
    with pytest.raises(ValueError, match=r"methods \['model'\] do not use it"):
        label_frame(frame, "model", rules=rule_file)


def test_the_consensus_reads_a_rule_file_with_its_rules(rule_file):
    consensus = get_classifier("consensus", rules=rule_file)
    assert consensus.rules_.classify(MIDWIVES).label == get_classifier("rules", rules=rule_file).classify(MIDWIVES).label
    assert consensus.model_.classify(MIDWIVES) == get_classifier("model").classify(MIDWIVES)
    out = label_frame(pd.DataFrame({"description": [MIDWIVES]}), "consensus", rules=rule_file)
    # the rule file's midwives are non-state: the rules now say Track 1.5, the model still Track 1
    assert "the rules say Track 1.5" in out.loc[0, "consensus_explanation"]
    assert 'Non-state participants: "Midwives"' in out.loc[0, "consensus_explanation"]
    assert "both methods agree" in get_classifier("consensus").classify(MIDWIVES).explanation


def test_a_misspelt_lexicon_name_is_refused_with_the_likely_name(tmp_path):
    typo = tmp_path / "typo.toml"
    typo.write_text('[lexicon.nonstate_role]\nphrases = ["midwives"]\n')
    with pytest.raises(ValueError, match=r"Invalid lexicon 'nonstate_role' \(in .*typo\.toml\): no rule "
                                         r"reads it.*Did you mean 'nonstate_roles'\?"):
        classify(MIDWIVES, rules=typo)


def test_rules_list_refuses_a_misspelt_lexicon_name_too(tmp_path, capsys):
    typo = tmp_path / "typo.toml"
    typo.write_text('[lexicon.nonstate_role]\nphrases = ["midwives"]\n')
    assert main(["rules", "list", "--rules", str(typo)]) == 2
    err = capsys.readouterr().err
    assert "Did you mean 'nonstate_roles'?" in err and err.count("\n") == 1


def test_a_new_lexicon_read_by_a_new_rule_is_accepted(tmp_path):
    own = tmp_path / "own.toml"
    own.write_text('[lexicon.caucasus_professions]\nphrases = ["midwives"]\n\n'
                   '[[rule]]\nid = "caucasus-professions"\nkind = "nonstate"\nsupports = "Track 2"\n'
                   'lexicon = "caucasus_professions"\ndescription = "Professions in our corpus."\n')
    assert '"Midwives"' in classify(MIDWIVES, rules=own).explanation


def test_rules_must_be_a_path_or_a_rule_classifier():
    with pytest.raises(TypeError, match="expected the path of a rule file .* or a RuleClassifier, got int"):
        classify(TREATY, rules=3)


# The command line, in process.

def test_cli_label_with_rules(rule_file, write_csv, tmp_path, capsys):
    source = write_csv("cases.csv", ["description"], [[MIDWIVES]])
    out = tmp_path / "out.csv"
    assert main(["label", str(source), "-o", str(out), "--method", "rules", "--rules", str(rule_file)]) == 0
    assert pd.read_csv(out)["rules_track"].tolist() == ["Track 1.5"]


def test_cli_classify_with_rules_quotes_the_new_participants(rule_file, capsys):
    assert main(["classify", MIDWIVES, "--rules", str(rule_file), "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["track"] == "Track 1.5" and verdict["rules_version"].endswith("+custom")


def test_cli_evaluate_with_rules_measures_the_extended_rules(rule_file, write_csv, capsys):
    data = write_csv("coded.csv", ["description", "coded"], [[MIDWIVES, "Track 1.5"], [TREATY, "Track 1"]])
    args = ["evaluate", "--data", str(data), "--gold", "coded", "--method", "rules", "--json"]
    assert main(args) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert main([*args, "--rules", str(rule_file)]) == 0
    mine = json.loads(capsys.readouterr().out)
    assert shipped["rules"]["accuracy"] == 0.5
    assert mine["rules"]["accuracy"] == 1.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["classify", MIDWIVES, "--method", "model", "--rules", "RULES"],
         "--rules is for --method rules, both or consensus; the model keeps the rule set it was trained with."),
        (["classify", MIDWIVES, "--rules", "missing.toml"], "Rule-set file not found: 'missing.toml'."),
        (["compare", "LABELLED", "--rules", "RULES"],
         "--model and --rules name the classifiers to run again for --evidence"),
        (["review", "LABELLED", "-o", "OUT", "--methods", "model", "--evidence", "--rules", "RULES"],
         "--rules is for --methods that include rules or consensus; the model keeps the rule set it was trained with."),
        (["review", "LABELLED", "-o", "OUT", "--methods", "rules", "--evidence", "--model", "MODEL"],
         "--model is for --methods that include model or consensus; it is not used by rules."),
    ],
    ids=["classify-model-with-rules", "missing-rule-file", "compare-rules-without-evidence",
         "review-rules-for-model-only", "compare-model-for-methods-without-it"],
)
def test_cli_rule_file_mistakes_are_one_line(argv, message, rule_file, write_csv, tmp_path, capsys):
    labelled = write_csv("labelled.csv", ["description", "rules_track", "model_track"],
                         [[MIDWIVES, "Track 1.5", "Track 1"]])
    paths = {"RULES": rule_file, "LABELLED": labelled, "OUT": tmp_path / "queue.csv", "MODEL": tmp_path / "m.joblib"}
    argv = [str(paths[a]) if a in paths else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_cli_review_evidence_uses_the_rule_file_that_labelled(rule_file, write_csv, tmp_path, capsys):
    labelled = label_frame(pd.DataFrame({"description": [MIDWIVES, TREATY]}), "rules", rules=rule_file)
    path = tmp_path / "labelled.csv"
    labelled.to_csv(path, index=False)
    from diplotrack.evaluation import recover_verdicts

    shipped = recover_verdicts(labelled, ["rules"])["rules"]
    own = {"rules": get_classifier("rules", rules=rule_file)}
    mine = recover_verdicts(labelled, ["rules"], classifiers=own)["rules"]
    assert shipped[0] is None and mine[0] is not None  # the shipped rules would say Track 1
    assert mine[0].label == "Track 1.5" and shipped[1] is not None
    def reasons(*extra: str) -> str:
        out = tmp_path / "queue.csv"
        argv = ["review", str(path), "-n", "2", "-o", str(out), "--methods", "rules", "--evidence", *extra]
        assert main(argv) == 0
        queue = pd.read_csv(out, dtype=str, keep_default_na=False)
        return " ".join(queue.loc[queue["description"] == MIDWIVES, "review_reasons"])

    # The contested pattern (officials beside non-state people, no capacity) is read from
    # the evidence, which only the rule file that labelled the row can give.
    assert 'beside non-state participants ("Midwives")' in reasons("--rules", str(rule_file))
    assert "Midwives" not in reasons()


def test_recover_verdicts_refuses_a_classifier_for_a_method_it_does_not_recover(rule_file):
    labelled = pd.DataFrame({"description": [MIDWIVES], "model_track": ["Track 1"]})
    own = {"rules": get_classifier("rules", rules=rule_file)}
    from diplotrack.evaluation import recover_verdicts

    with pytest.raises(ValueError, match=r"given for \['rules'\], which are not among the methods \['model'\]"):
        recover_verdicts(labelled, ["model"], classifiers=own)


def test_a_rule_file_not_in_utf8_gets_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[lexicon.nonstate_roles]\nphrases = ["sage-femme, ma\xeetresse"]\n'.encode("latin-1"))
    assert main(["classify", MIDWIVES, "--method", "rules", "--rules", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "Save it as UTF-8" in err and "Traceback" not in err


def test_the_api_exports_the_new_parameter():
    import inspect

    for function in (diplotrack.classify, diplotrack.classify_many, diplotrack.get_classifier,
                     diplotrack.label_csv, diplotrack.label_frame, diplotrack.label_with_verdicts):
        assert "rules" in inspect.signature(function).parameters, function.__name__


# Mistakes in a rule file's lexicon tables: refused with the file, the table and the value named,
# never split into letters, silently ignored or a traceback.

@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[lexicon.nonstate_roles]\nphrases = "midwives"\n',
         r"Invalid \[lexicon\.nonstate_roles\] in '.*mine\.toml': phrases is a string \('midwives'\), "
         r"expected a list of phrases: phrases = \[\"midwives\"\]"),
        ('[lexicon.nonstate_roles]\nphrase = ["midwives", "beekeepers"]\n',
         r"Invalid \[lexicon\.nonstate_roles\] in '.*mine\.toml': unknown keys \['phrase'\]; the only key "
         r"allowed is 'phrases'"),
        ('[lexicon.nonstate_roles]\nphrases = ["midwives"]\nnote = "Professions in our corpus."\n',
         r"unknown keys \['note'\]; the only key allowed is 'phrases'.*write a note as a # comment"),
        ('[lexicon.nonstate_roles]\n# midwives, beekeepers\n',
         r"Invalid \[lexicon\.nonstate_roles\] in '.*mine\.toml': it holds no phrases = \[\.\.\.\]"),
        ('[lexicon.nonstate_roles]\nphrases = ["midwives", 2]\n',
         r"Invalid \[lexicon\.nonstate_roles\] in '.*mine\.toml': phrase 2 is a number \(2\), expected "
         r"a phrase in quotes"),
        ('lexicon = ["midwives", "beekeepers"]\n',
         r"Invalid rule file '.*mine\.toml': lexicon is a list, expected tables \[lexicon\.NAME\]"),
        ('[lexicon]\nnonstate_roles = ["midwives", "beekeepers"]\n',
         r"Invalid rule file '.*mine\.toml': lexicon 'nonstate_roles' is a list, expected a table "
         r"\[lexicon\.nonstate_roles\] holding phrases = \[\.\.\.\]"),
        ('[lexicon.nonstate_roles]\nphrases = ["(mid)?wi(fe|ves)"]\n',
         r"Invalid phrase '\(mid\)\?wi\(fe\|ves\)' in \[lexicon\.nonstate_roles\] of '.*mine\.toml': it holds "
         r"regular-expression syntax \('\(', '\)', '\?', '\|'\).*'\*' stands for exactly one word.*regex ="),
        ('[lexicon.nonstate_roles]\nphrases = ["\\\\bmidwi(fe|ves)\\\\b"]\n',
         r"Invalid phrase '\\\\bmidwi\(fe\|ves\)\\\\b' in \[lexicon\.nonstate_roles\].*regular-expression syntax"),
        ('[lexicon.nonstate_roles]\nphrases = ["(.*)+["]\n',
         r"Invalid phrase '\(\.\*\)\+\[' in \[lexicon\.nonstate_roles\].*regular-expression syntax "
         r"\('\(', '\.\*', '\)', '\['\)"),
        ('[lexicon.nonstate_roles]\nphrases = ["midwi*", "birth *"]\n',
         r"Invalid phrase 'midwi\*' in \[lexicon\.nonstate_roles\] of '.*mine\.toml': '\*' is joined to a "
         r"word \('midwi\*'\), but '\*' stands for a whole word on its own"),
    ],
    ids=["phrases-a-string", "misspelt-phrases-key", "note-key", "no-phrases", "phrase-a-number",
         "lexicon-a-list", "lexicon-table-a-list", "regex-phrase", "regex-word-boundaries", "regex-soup",
         "star-joined-to-a-word"],
)
def test_mistakes_in_a_lexicon_table_are_named(content, message, tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(content)
    with pytest.raises(RuleSetError, match=message):
        classify(MIDWIVES, rules=path)
    assert main(["rules", "list", "--lexicon", "nonstate_roles", "--rules", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(message, err) and "Traceback" not in err and err.count("\n") == 1
    assert main(["classify", MIDWIVES, "--rules", str(path)]) == 2
    assert re.search(message, capsys.readouterr().err)


def test_plain_punctuation_in_a_phrase_is_still_a_phrase(tmp_path):
    # Hyphens, apostrophes, full stops and '+' are not regular-expression syntax.
    path = tmp_path / "mine.toml"
    path.write_text('[lexicon.nonstate_roles]\nphrases = ["c++ developers", "u.s. midwives", "women\'s groups"]\n')
    v = classify("C++ developers from Yerevan and Baku met the two deputy ministers in Tbilisi.", rules=path)
    assert v.label == "Track 1.5" and '"C++ developers"' in v.explanation


def test_a_phrase_that_is_not_a_string_is_refused_in_python():
    with pytest.raises(TypeError, match=r"Invalid lexicon entry 'nonstate_roles': expected a list of phrases "
                                        r"\(strings\), got 2 \(int\)"):
        RuleClassifier(lexicon={"nonstate_roles": ["midwives", 2]}).fit()


WATER_RULE = ('[[rule]]\nid = "water-user-associations"\nkind = "nonstate"\nsupports = "Track 2"\n'
              'description = "Irrigation co-operatives that farmers run themselves."\n')


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (WATER_RULE + "regex = '''\\bwater[- user associations?\\b'''\n",
         r"^.*mine\.toml: Invalid regex for rule 'water-user-associations': '\\\\bwater\[- user associations\?"
         r"\\\\b' is not a valid regular expression \(unterminated character set at position 7\)\. Fix the "
         r"pattern"),
        (WATER_RULE.replace("[[rule]]", "[rule]") + "regex = '''\\bwater[- ]user associations?\\b'''\n",
         r"Invalid rule file '.*mine\.toml': rule is a single table \(\[rule\]\); write each one as "
         r"\[\[rule\]\]"),
        (WATER_RULE + "regex = '''\\bwater[- ]user associations?\\b'''\ninstitution = \"no\"\n",
         r"Invalid rule 'water-user-associations' in .*mine\.toml: institution must be true or false, "
         r"got a string \('no'\)"),
        (WATER_RULE.replace('"nonstate"', '"non-state"') + "regex = '''\\bwater[- ]user associations?\\b'''\n",
         r"^.*mine\.toml: Invalid rule kind for 'water-user-associations': expected one of .*got 'non-state'"),
        # In TOML double quotes "\\b" is a backspace: the rule compiled and matched nothing.
        (WATER_RULE + 'regex = "\\bwater[- ]user associations?\\b"\n',
         r"^.*mine\.toml: Invalid regex for rule 'water-user-associations': .*holds control characters "
         r"\('\\x08'\).*write the pattern in single quotes"),
    ],
    ids=["regex-not-valid", "single-rule-table", "institution-a-string", "kind-names-the-file",
         "regex-in-double-quotes"],
)
def test_mistakes_in_a_rule_entry_are_named(content, message, tmp_path, write_csv, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(content)
    with pytest.raises(RuleSetError, match=message):
        classify(MIDWIVES, rules=path)
    source = write_csv("cases.csv", ["description"], [[MIDWIVES]])
    for argv in (["classify", MIDWIVES, "--rules", str(path)],
                 ["label", str(source), "-o", str(tmp_path / "out.csv"), "--method", "rules", "--rules", str(path)],
                 ["rules", "report", str(source), "--rules", str(path)]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert re.search(message, err.split(": error: ", 1)[1]), err
        assert "Traceback" not in err and err.count("\n") == 1


def test_a_rule_with_a_regex_that_is_not_valid_is_refused_in_python():
    with pytest.raises(ValueError, match=r"Invalid regex for rule 'langar': '\(langar' is not a valid regular "
                                         r"expression \(missing \), unterminated subpattern at position 0\)"):
        Rule("langar", "purpose_people", "Track 2", "A shared community kitchen.", regex="(langar")


def test_replace_lexicon_replaces_the_lists_a_rule_file_names(tmp_path):
    from diplotrack.tracing import classifier_lexicons

    path = tmp_path / "monarchies.toml"
    path.write_text('[lexicon.official_roles]\nphrases = ["king", "crown prince"]\n')
    treaty = "The two foreign ministers signed a border treaty in Hanoi."
    assert RuleClassifier(extra=str(path)).classify(treaty).label == "Track 1"  # extended: ministers still count
    by_file = RuleClassifier(extra=str(path), replace_lexicon=True)
    by_param = RuleClassifier(lexicon={"official_roles": ["king", "crown prince"]}, replace_lexicon=True)
    assert by_file.classify(treaty).label == by_param.classify(treaty).label == "none"
    assert classifier_lexicons(by_file)["official_roles"] == ("king", "crown prince")
    # lexicon= and the file naming the same list replace the shipped phrases together.
    both = RuleClassifier(lexicon={"official_roles": ["emir"]}, extra=str(path), replace_lexicon=True)
    assert classifier_lexicons(both)["official_roles"] == ("emir", "king", "crown prince")
    # A list that neither names keeps the shipped phrases.
    assert classifier_lexicons(both)["nonstate_roles"] == classifier_lexicons(RuleClassifier())["nonstate_roles"]


# A rule file's [[decision]] table is read with the checks of a definition profile's decisions.
WATER_DECISION = ('[[decision]]\nid = "water-users-only"\nlabel = "Track 2"\nwhen = ["nonstate"]\n'
                  'confidence = 0.75\ndescription = "only the farmers\' own associations took part"\n')
WATER_WHERE = r"Invalid decision 'water-users-only' in .*mine\.toml: "


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('when = ["nonstate"]', 'when = "nonstate"',
         WATER_WHERE + r"when is a string \('nonstate'\), expected a list of condition names: when = \[\"nonstate\"\]"),
        ("confidence = 0.75", 'confidence = "high"',
         WATER_WHERE + r"confidence must be a number from 0 to 1, got a string \('high'\)"),
        ("confidence = 0.75", "confidence = 75", WATER_WHERE + r"confidence must be from 0 to 1 .*got 75\."),
        ('description = "only the farmers\' own associations took part"\n', "",
         WATER_WHERE + r"it has no description"),
        ('label = "Track 2"', 'label = "Track II"',
         r"mine\.toml: Invalid label for decision 'water-users-only': expected a track .* got 'Track II'"),
        ("[[decision]]", "[decision]",
         r"Invalid rule file '.*mine\.toml': decision is a single table \(\[decision\]\); write each one as "
         r"\[\[decision\]\]"),
    ],
    ids=["when-a-string", "confidence-a-word", "confidence-a-percentage", "no-description", "label-in-roman",
         "single-decision-table"],
)
def test_mistakes_in_a_rule_files_decision_are_named(old, new, message, tmp_path, capsys):
    assert old in WATER_DECISION
    path = tmp_path / "mine.toml"
    path.write_text(WATER_DECISION.replace(old, new))
    with pytest.raises(RuleSetError, match=message):
        classify(MIDWIVES, rules=path)
    assert main(["rules", "list", "--rules", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(message, err) and "Traceback" not in err and err.count("\n") == 1


def test_a_decision_confidence_outside_0_to_1_is_refused_in_python():
    from diplotrack import Decision

    with pytest.raises(ValueError, match=r"Invalid confidence for decision 'water-users-only': expected a number "
                                         r"from 0 to 1, got 7"):
        Decision("water-users-only", "Track 2", "only the farmers' own associations took part",
                 when=("nonstate",), confidence=7)


def test_a_phrase_written_with_decomposed_accents_matches_composed_text():
    # A phrase typed on a system that writes "e" + a combining accent ("Café owners") never
    # matched text with the composed letter, and the other way round.
    import unicodedata

    extra = {"nonstate_roles": [unicodedata.normalize("NFD", "propriétaires de café")]}
    clf = RuleClassifier(lexicon=extra)
    text = ("Les propriétaires de café de Nicosie, des deux côtés de la ligne verte, se sont réunis "
            "samedi avec des ministres des deux gouvernements.")
    for form in ("NFC", "NFD"):
        verdict = clf.classify(unicodedata.normalize(form, text))
        assert "propriétaires de café" in unicodedata.normalize("NFC", verdict.explanation), form


def test_rules_lint_checks_a_rule_file_of_ones_own(rule_file, capsys):
    # Before, 'rules lint --rules FILE' was refused as an unrecognized argument.
    assert main(["rules", "lint", "--rules", str(rule_file)]) == 0
    assert f"with {rule_file}: 0 problems" in capsys.readouterr().err
    rule_file.write_text(rule_file.read_text().replace('"librarians"', '"librarians", "scholars", "Midwives"'))
    assert main(["rules", "lint", "--rules", str(rule_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "nonstate_roles: 'Midwives' is covered by stemming of 'midwives'" in out
    assert any(line.startswith("nonstate_roles: 'scholars' is ") for line in out), out
    rule_file.write_text(rule_file.read_text().replace(', "Midwives"', ""))
    assert main(["rules", "lint", "--rules", str(rule_file)]) == 1
    assert capsys.readouterr().err.endswith(": 1 problem\n")  # not "1 problems"


def test_rules_lint_names_a_misspelt_lexicon_in_a_rule_file(rule_file, capsys):
    rule_file.write_text(rule_file.read_text().replace("[lexicon.nonstate_roles]", "[lexicon.nonstate_role]"))
    assert main(["rules", "lint", "--rules", str(rule_file)]) == 2
    err = capsys.readouterr().err
    assert "Invalid lexicon 'nonstate_role'" in err and "Did you mean 'nonstate_roles'?" in err
