"""The ``diplotrack`` command: a thin shell over the Python API.

Every command is one library call plus input and output. A user's mistake (a missing
file or column, a bad option) ends with a one-line message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .engagement import FIELDS

__all__ = ["main"]

_EPILOG = """\
examples:
  diplotrack classify "Retired generals and scholars met in Geneva for a workshop."
  diplotrack label cases.csv -o labelled.csv --method both
  diplotrack label cases.csv -o out.csv --description-column summary
  diplotrack train --seed 0
  diplotrack evaluate --split test
  diplotrack rules list --lexicon official_roles
  diplotrack rules report coded.csv --gold my_label -o rule_report.md
"""


class UsageError(Exception):
    """A mistake in how the command was called or in its input; reported without traceback."""


def _add_method(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument(
        "--method",
        choices=("rules", "model", "both"),
        default=default,
        help=f"which classifier to use (default: {default})",
    )


def _add_field_columns(p: argparse.ArgumentParser) -> None:
    for name in FIELDS:
        p.add_argument(
            f"--{name}-column",
            default=name,
            metavar="NAME",
            help=f"column holding the {name} field (default: {name})",
        )


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="diplotrack",
        description="Label descriptions of diplomatic engagements Track 1, Track 1.5 or Track 2, "
        "with explanations, by transparent rules and by a trained text model.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"diplotrack {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "classify",
        help="classify one description and print the verdict",
        description="Classify one engagement and print its label and explanation.",
    )
    p.add_argument("description", help="the text describing the engagement")
    p.add_argument("--participants", default="", help="optional participants field")
    p.add_argument("--formality", default="", help="optional formality field")
    p.add_argument("--purpose", default="", help="optional purpose field")
    _add_method(p, "rules")
    p.add_argument("--json", action="store_true", help="print the verdict(s) as JSON, with evidence")

    p = sub.add_parser(
        "label",
        help="label every row of a CSV file",
        description="Label every row of a CSV file. Every input row and column is kept, in "
        "order; per method the columns <method>_track, <method>_confidence and "
        "<method>_explanation are appended. The output appears only when complete.",
    )
    p.add_argument("input", help="input CSV with a header row")
    p.add_argument("-o", "--output", required=True, help="output CSV path")
    _add_method(p, "both")
    _add_field_columns(p)
    p.add_argument(
        "--chunksize",
        type=int,
        default=20_000,
        help="rows read and labelled at a time; bounds memory (default: 20000)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="worker processes labelling chunks in parallel; -1 for one per core (default: 1)",
    )
    p = sub.add_parser(
        "train",
        help="train the text classifier and write it with its model card",
        description="Train the text classifier on the train split of a labelled CSV "
        "(default: the bundled dataset), comparing candidate configurations "
        "by cross-validation, and write the model and its card.",
    )
    p.add_argument(
        "--data", default=None, help="labelled CSV (description, track, optional fields, id, split)"
    )
    p.add_argument(
        "--out", default=None, help="model path (default: the bundled models/diplotrack-text.joblib)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument(
        "--no-compare",
        action="store_true",
        help="skip the configuration comparison and train the first configuration",
    )

    p = sub.add_parser(
        "evaluate",
        help="compare both classifiers on a split of the dataset",
        description="Per-class precision / recall / F1, macro-F1, accuracy, abstention "
        "on non-engagements and confusion matrices, for both methods.",
    )
    p.add_argument("--split", choices=("test", "train", "all"), default="test")
    _add_method(p, "both")
    p.add_argument("--model", default=None, help="path of a model to evaluate instead of the shipped one")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")

    _add_rules_parser(sub)
    sub.add_parser(
        "definitions",
        help="list the definitions of the tracks (profiles) that --definition accepts",
        description="List the shipped definition profiles with what they change and who uses them.",
    )
    return parser


def _add_rules_parser(sub) -> None:
    p = sub.add_parser(
        "rules",
        help="print, check, hash or audit the rule set (lexicons, cue rules, decisions)",
        description="Read the rule set without reading Python: its version, cue rules, decision "
        "table and lexicons (with notes and ambiguous entries).",
    )
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    q = rsub.add_parser("list", help="print the rule set, or one lexicon's phrases")
    q.add_argument("--lexicon", default=None, metavar="NAME", help="print this lexicon's phrases in full")
    q.add_argument("--rules", dest="rules_file", default=None, metavar="FILE", help="an extra rule file (TOML)")
    rsub.add_parser("lint", help="check the rule data: duplicates, stem-covered entries, overlaps")
    rsub.add_parser("hash", help="print the SHA-256 of the rule data, to record with a new version")
    _add_rules_report_parser(rsub)


def _add_rules_report_parser(rsub) -> None:
    q = rsub.add_parser(
        "report",
        help="what each rule does on a CSV of cases: coverage, conflicts, accuracy against gold labels",
        description="Classify every row once and report, for every cue rule and decision, its "
        "coverage, overlaps, conflicts, how often it decided and, with --gold, its accuracy "
        "when it fired and when it decided, weakest first; and per lexicon the entries that "
        "never matched and those matching mostly on wrongly labelled rows.",
    )
    q.add_argument("input", metavar="CSV", help="input CSV with a header row")
    q.add_argument("--gold", metavar="COLUMN", default=None, help="column holding the hand-coded labels")
    q.add_argument("--definition", metavar="NAME", default=None, help="definition profile to report on")
    _add_field_columns(q)
    q.add_argument(
        "--id-column", metavar="NAME", default=None, help="column naming the rows (default: id, if present)"
    )
    q.add_argument(
        "--rules",
        dest="rules_file",
        default=None,
        metavar="FILE",
        help="an extra rule file (TOML) to try out",
    )
    q.add_argument(
        "-o", "--output", default=None, metavar="FILE", help="write the report as Markdown to FILE"
    )
    q.add_argument(
        "--top",
        type=int,
        default=None,
        metavar="N",
        help="show the N weakest rules (default: 10 printed, all in a file)",
    )
    q.add_argument(
        "--min-support",
        type=int,
        default=5,
        metavar="N",
        help="labelled rows a rule needs to be ranked by accuracy (default: 5)",
    )


def _train(args: argparse.Namespace) -> int:
    from .training import train_model

    model, card = train_model(args.data, args.out, seed=args.seed, compare=not args.no_compare)
    print(
        f"trained {card['chosen_configuration']} on {card['training_data']['rows_train']} cases "
        f"in {card['training_seconds']} s; abstain_threshold={model.abstain_threshold}"
    )
    if "test_metrics" in card:
        print(
            f"test macro-F1 {card['test_metrics']['macro_f1']}  accuracy {card['test_metrics']['accuracy']}"
        )
    print(f"wrote {card['model_file']} (sha256 {card['model_sha256'][:12]}...) and its card")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .batch import resolve_methods
    from .datasets import load_engagements
    from .evaluation import evaluate_predictions, format_report
    from .model_store import load_model
    from .rule_classifier import RuleClassifier

    frame = load_engagements(None if args.split == "all" else args.split)
    reports = {}
    for m in resolve_methods(args.method):
        clf = RuleClassifier() if m == "rules" else load_model(args.model)
        reports[m] = evaluate_predictions(frame["track"].astype(str), clf.predict(frame))
    if args.json:
        print(json.dumps(reports, indent=2))
    else:
        print(format_report(reports, f"diplotrack evaluate: {len(frame)} cases, split={args.split}\n"))
    return 0


def _classify(args: argparse.Namespace) -> int:
    from .api import classify
    from .batch import resolve_methods
    from .engagement import Engagement

    engagement = Engagement(args.description, args.participants, args.formality, args.purpose)
    verdicts = [classify(engagement, method=m) for m in resolve_methods(args.method)]
    if args.json:
        payload = [v.to_dict() for v in verdicts]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
    else:
        for v in verdicts:
            print(f"[{v.method}] {v.label}  (confidence {v.confidence:.2f})")
            print(f"  {v.explanation}")
    return 0


def _label(args: argparse.Namespace) -> int:
    from .batch import label_csv

    columns = {name: getattr(args, f"{name}_column") for name in FIELDS}
    rows = label_csv(
        args.input, args.output, args.method, columns=columns, chunksize=args.chunksize, n_jobs=args.jobs
    )
    print(f"labelled {rows} rows with {args.method} -> {args.output}", file=sys.stderr)
    return 0


def _rules_report(args: argparse.Namespace) -> int:
    import pandas as pd

    from .diagnostics import rule_report
    from .rule_classifier import RuleClassifier

    if args.top is not None and args.top < 1:
        raise UsageError(f"Invalid --top: expected a positive number of rules, got {args.top}.")
    frame = pd.read_csv(args.input, dtype=str, keep_default_na=False)
    columns = {name: getattr(args, f"{name}_column") for name in FIELDS}
    if args.id_column is not None:
        columns["id"] = args.id_column
    report = rule_report(
        frame,
        args.gold,
        definition=args.definition,
        columns=columns,
        classifier=RuleClassifier(extra=args.rules_file),
        min_support=args.min_support,
    )
    if args.output is None:
        print(report.summary(top=10 if args.top is None else args.top))
        return 0
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(report.to_markdown(top=args.top))
    print(f"rule report on {report.n_rows} rows -> {args.output}", file=sys.stderr)
    return 0


def _rules(args: argparse.Namespace) -> int:
    from .ruleset import data_sha256, format_ruleset, lint_ruleset, load_ruleset

    if args.rules_command == "report":
        return _rules_report(args)
    rs = load_ruleset()
    if args.rules_command == "hash":
        print(data_sha256())
        return 0
    if args.rules_command == "lint":
        problems = lint_ruleset(rs)
        for line in problems:
            print(line)
        print(f"rule set {rs.version}: {len(problems)} problems", file=sys.stderr)
        return 1 if problems else 0
    print(format_ruleset(rs, lexicon=args.lexicon, extra=args.rules_file))
    return 0


def _definitions(args: argparse.Namespace) -> int:
    from .ruleset import load_ruleset

    for profile in load_ruleset().profiles.values():
        print(f"{profile.name}\n  {profile.description}\n  Who uses it: {profile.who_uses}")
    print("\nA definition of your own: a TOML file with [[insert]] decisions; pass its path to --definition.")
    return 0


_COMMANDS = {
    "definitions": _definitions,
    "classify": _classify,
    "label": _label,
    "train": _train,
    "evaluate": _evaluate,
    "rules": _rules,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from .batch import BatchInputError
    from .model_store import ModelError
    from .ruleset import RuleSetError

    try:
        return _COMMANDS[args.command](args)
    except (UsageError, BatchInputError, ModelError, RuleSetError, ValueError, TypeError, OSError) as exc:
        print(f"diplotrack {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"diplotrack {args.command}: interrupted; no output was left half-written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
