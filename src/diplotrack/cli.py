"""The ``diplotrack`` command: a thin shell over the Python API.

Every command is one library call plus input and output. A user's mistake (a missing
file or column, a bad option) ends with a one-line message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
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
  diplotrack evaluate --data coded.csv --gold my_label --subset subset=clear --by style
  diplotrack compare labelled.csv --gold my_label --coders coder_a coder_b --report report.md --plot fig.png
  diplotrack review labelled.csv -n 50 -o queue.csv
"""


class UsageError(Exception):
    """A mistake in how the command was called or in its input; reported without traceback."""


def _add_method(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument(
        "--method",
        choices=("rules", "model", "both", "consensus"),
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


def _field_columns(args: argparse.Namespace) -> dict[str, str]:
    return {name: getattr(args, f"{name}_column") for name in FIELDS}


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
        help="measure the classifiers against hand-coded labels (bundled split or your file)",
        description="Per-class precision / recall / F1, macro-F1, accuracy, Track 1 versus the "
        "rest, engagements wrongly abstained on, non-engagements wrongly labelled and confusion "
        "matrices with abstentions, for each method; on a split of the bundled dataset or on a "
        "labelled CSV of your own (labels already in the file as <method>_track are used as they "
        "are; otherwise the rows are labelled now).",
    )
    p.add_argument(
        "--split",
        choices=("test", "train", "all"),
        default=None,
        help="split of the bundled dataset (default: test); not with --data",
    )
    _add_method(p, "both")
    p.add_argument("--model", default=None, help="path of a model to evaluate instead of the shipped one")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    _add_evaluate_data(p)
    _add_compare(sub)
    _add_review(sub)

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


def _add_evaluate_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default=None, metavar="FILE.csv", help="a CSV of your own hand-coded cases")
    p.add_argument(
        "--gold", default="track", metavar="COLUMN", help="column of hand-coded labels (default: track)"
    )
    p.add_argument(
        "--subset",
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="only rows where COLUMN equals VALUE (e.g. subset=clear); repeat to combine",
    )
    p.add_argument(
        "--by", default=None, metavar="COLUMN", help="also report per value of COLUMN (e.g. style)"
    )
    p.add_argument("--markdown", default=None, metavar="REPORT.md", help="also write a Markdown report")
    _add_field_columns(p)


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two methods' labels with each other, gold labels and hand coders",
        description="Agreement and Cohen's kappa between two methods with bootstrap intervals, "
        "their crosstab, the cases they disagree on; with --gold, each method's accuracy and "
        "McNemar's exact test; with --coders, pairwise kappa and Krippendorff's alpha across "
        "coders and methods. Reads a labelled CSV (the output of diplotrack label).",
    )
    p.add_argument("input", help="labelled CSV with <method>_track columns")
    p.add_argument(
        "--methods",
        nargs=2,
        default=("rules", "model"),
        metavar=("FIRST", "SECOND"),
        help="the two methods to compare (default: rules model)",
    )
    p.add_argument("--gold", default=None, metavar="COLUMN", help="column of reference labels")
    p.add_argument("--coders", nargs="+", default=[], metavar="COLUMN", help="columns of hand-coded labels")
    p.add_argument("--report", default=None, metavar="REPORT.md", help="write the report as Markdown")
    p.add_argument("--plot", default=None, metavar="FIGURE.png", help="write the figure (needs matplotlib)")
    p.add_argument(
        "--evidence",
        action="store_true",
        help="run the classifiers again to quote each method's deciding evidence (rows the "
        "current classifiers label differently keep their explanation)",
    )
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON instead of the summary")
    _add_field_columns(p)


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="rank the labelled cases most worth hand-coding next",
        description="Write the cases most worth hand-coding next, highest priority first, with "
        "the reasons (the methods disagree, low confidence, text unlike the training data, "
        "contested patterns). Every input column is kept; 'row' is the case's position in the "
        "input (1 = first data row).",
    )
    p.add_argument("input", help="labelled CSV with <method>_track columns")
    p.add_argument("-n", type=int, default=50, help="number of cases (default: 50)")
    p.add_argument("-o", "--output", required=True, help="output CSV path")
    p.add_argument(
        "--methods",
        nargs="+",
        default=["rules", "model"],
        metavar="METHOD",
        help="methods whose labels are in the file (default: rules model)",
    )
    p.add_argument(
        "--gold", default=None, metavar="COLUMN", help="column of hand labels; coded rows are skipped"
    )
    p.add_argument(
        "--evidence",
        action="store_true",
        help="run the classifiers again to use their evidence (rarity, contested patterns)",
    )
    _add_field_columns(p)


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
    from .datasets import load_engagements
    from .evaluation import evaluate
    from .model_store import load_model

    if args.data is not None and args.split is not None:
        raise UsageError(
            "--split chooses a split of the bundled dataset; with --data use --subset split=test."
        )
    if args.data is None:
        split = args.split or "test"
        frame = load_engagements(None if split == "all" else split)
    else:
        frame = _read_table(args.data)
    subset = {}
    for item in args.subset:
        column, sep, value = item.partition("=")
        if not sep or not column:
            raise UsageError(f"Invalid --subset {item!r}: expected COLUMN=VALUE, e.g. subset=clear.")
        subset[column] = value
    classifiers = {"model": load_model(args.model)} if args.model else None
    result = evaluate(
        frame,
        args.gold,
        args.method,
        subset=subset,
        by=args.by,
        columns=_field_columns(args),
        classifiers=classifiers,
    )
    if args.markdown:
        _write_text(args.markdown, result.to_markdown())
    print(json.dumps(result.to_dict(), indent=2) if args.json else result.summary())
    return 0


def _read_table(path: str):
    """A CSV read as text, every cell kept as written (empty cells are empty strings)."""
    import pandas as pd

    if not os.path.isfile(path):
        raise UsageError(f"Input file not found: {path!r}. Check the path.")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
    except pd.errors.EmptyDataError as exc:
        raise UsageError(f"Input file {path!r} is empty: expected a CSV with a header row.") from exc
    except pd.errors.ParserError as exc:
        raise UsageError(f"Input file {path!r} is not a readable CSV: {exc}") from exc


def _write_text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {path}", file=sys.stderr)


def _compare(args: argparse.Namespace) -> int:
    from .comparison import compare
    from .evaluation import recover_verdicts

    frame = _read_table(args.input)
    verdicts = recover_verdicts(frame, args.methods, columns=_field_columns(args)) if args.evidence else None
    try:
        result = compare(
            frame,
            args.methods,
            args.gold,
            args.coders,
            verdicts=verdicts,
            show=("id", "case_id", args.description_column),
            n_resamples=args.resamples,
            seed=args.seed,
        )
        if args.plot:
            result.plot(args.plot)
            print(f"wrote {args.plot}", file=sys.stderr)
    except ImportError as exc:
        raise UsageError(str(exc)) from exc
    if args.report:
        _write_text(args.report, result.to_markdown())
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if args.json else result.summary())
    return 0


def _review(args: argparse.Namespace) -> int:
    from .evaluation import recover_verdicts
    from .review import review_queue

    frame = _read_table(args.input)
    verdicts = recover_verdicts(frame, args.methods, columns=_field_columns(args)) if args.evidence else None
    queue = review_queue(frame, args.n, methods=args.methods, verdicts=verdicts, gold=args.gold)
    queue.index = queue.index + 1
    queue.rename_axis("row").to_csv(args.output)
    print(f"wrote {len(queue)} cases to {args.output}, highest priority first", file=sys.stderr)
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

    columns = _field_columns(args)
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
    columns = _field_columns(args)
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
    "compare": _compare,
    "review": _review,
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
