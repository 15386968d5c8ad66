"""The ``diplotrack`` command: a thin shell over the Python API.

Every command is one library call plus input and output. A user's mistake (a missing
file or column, a bad option) ends with a one-line message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Sequence

from ._words import counted
from .engagement import FIELDS, separator_hint, shown_columns

#: Rows read and labelled at a time by ``label`` without --dask.
_CHUNKSIZE = 20_000

__all__ = ["main"]

_EPILOG = """\
examples:
  diplotrack classify "Retired generals and scholars met in Geneva for a workshop."
  diplotrack label cases.csv -o labelled.csv --method both
  diplotrack label cases.csv -o out.csv --description-column summary
  diplotrack label cases.csv.gz -o labelled.parquet --model ~/my-model.joblib
  diplotrack label cases.csv -o labelled.csv --method rules --rules my_rules.toml
  cat cases.csv | diplotrack label - -o - --method rules > labelled.csv
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


def _positive_int(value: str) -> int:
    """argparse type: a whole number of at least 1 (argparse names the option)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _jobs(value: str) -> int:
    """argparse type for --jobs: a number of processes, or -1 for one per core."""
    if value.strip() == "-1":
        return -1
    try:
        return _positive_int(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"expected a number of processes (1, 2, ...) or -1 for one per core, got {value!r}"
        ) from None


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
            default=None,
            metavar="NAME",
            help=f"column holding the {name} field (default: {name}); a column named here must exist",
        )


def _field_columns(args: argparse.Namespace) -> dict[str, str]:
    # Only the columns named on the command line must exist; the others are optional.
    return {name: col for name in FIELDS if (col := getattr(args, f"{name}_column")) is not None}


def _add_definition(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--definition",
        default=None,
        metavar="NAME",
        help="the definition of the tracks to follow: guideline (default), "
        "private-capacity-track-2, facilitated-1.5 (see 'diplotrack definitions'), or a "
        "TOML profile file of your own",
    )


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=None,
        metavar="PATH",
        help="a model file saved by 'diplotrack train' (its card beside it) instead of the "
        "shipped model; only load files you trust",
    )


def _add_rules_file(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        dest="rules_file",
        default=None,
        metavar="FILE",
        help="a rule file of your own (TOML: extra lexicon phrases, cue rules, a decision table) "
        "that extends the shipped rule set for the rules method; the model keeps its own",
    )


def _add_reading_options(p: argparse.ArgumentParser, *, reported: bool = False) -> None:
    """--encoding and --sep: how to read a CSV input, for every command that reads one (only
    ``label`` reports the encoding it detected, on stderr with its other notes)."""
    p.add_argument(
        "--encoding",
        default=None,
        help="the CSV's encoding, e.g. cp1252, latin-1, utf-16 (default: detected"
        + (" and reported)" if reported else ")"),
    )
    p.add_argument("--sep", default=None, help="the CSV's field separator (default: ',', a tab for .tsv)")


def _add_file_options(p: argparse.ArgumentParser) -> None:
    _add_reading_options(p, reported=True)
    p.add_argument(
        "--on-bad-lines",
        choices=("error", "skip", "report"),
        default=None,
        help="a row with more fields than the header: stop with an error naming its line "
        "(error, the default), skip it (counted on stderr), or skip it and list it in a side file",
    )
    p.add_argument(
        "--bad-lines-file",
        default=None,
        metavar="PATH",
        help="side file for --on-bad-lines report (default: the output's name without its "
        "extensions, plus .bad-lines.csv); not with skip or error, which write none",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no notes on stderr")
    p.add_argument(
        "--dask",
        default=None,
        metavar="SCHEDULER",
        help="label a parquet file or directory on a Dask cluster: a scheduler address "
        "(tcp://host:8786) or 'local' for --jobs local worker processes; the output is a "
        "directory of parquet files. Dask reads parquet only, so --sep, --encoding, "
        "--on-bad-lines and --bad-lines-file (for a CSV) are refused with it",
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
    p.add_argument(
        "description", help="the text describing the engagement, or - to read it from standard input"
    )
    p.add_argument("--participants", default="", help="optional participants field")
    p.add_argument("--formality", default="", help="optional formality field")
    p.add_argument("--purpose", default="", help="optional purpose field")
    _add_method(p, "rules")
    _add_model(p)
    _add_rules_file(p)
    _add_definition(p)
    p.add_argument("--json", action="store_true", help="print the verdict(s) as JSON, with evidence")

    p = sub.add_parser(
        "label",
        help="label every row of a CSV or parquet file",
        description="Label every row of a CSV or parquet file. Every input row and column is "
        "kept, in order, cells exactly as written; per method the columns <method>_track, "
        "<method>_confidence and <method>_explanation are appended. The output appears only "
        "when complete; it is never the input, a directory, a device or a read-only file.",
    )
    p.add_argument(
        "input",
        help="input CSV with a header row (optionally .gz/.bz2/.xz/.zst), a parquet file, or - for stdin",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="output .csv/.tsv (optionally .gz/.bz2/.xz/.zst) or .parquet, or - for stdout",
    )
    _add_method(p, "both")
    _add_model(p)
    _add_rules_file(p)
    _add_definition(p)
    _add_field_columns(p)
    p.add_argument(
        "--chunksize",
        type=_positive_int,
        default=None,
        help=f"rows read and labelled at a time; bounds memory (default: {_CHUNKSIZE}; "
        "not with --dask, whose partitions set it)",
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        help="worker processes labelling chunks in parallel; -1 for one per core (default: 1)",
    )
    _add_file_options(p)
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
        "--out",
        default=None,
        help="model path (default: diplotrack-text.joblib in your data directory, e.g. "
        "~/.local/share/diplotrack/models; never inside the installed package)",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument(
        "--no-compare",
        action="store_true",
        help="skip the configuration comparison and train the default configuration",
    )
    p.add_argument(
        "--group-column",
        default=None,
        metavar="COLUMN",
        help="a column grouping the cases (source, coding batch): cross-validation then holds "
        "whole groups out (default: the bundled dataset by writing round, other data stratified)",
    )
    p.add_argument(
        "--gold", default=None, metavar="COLUMN", help="column of hand-coded labels (default: track)"
    )
    _add_field_columns(p)
    _add_reading_options(p)

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
    _add_model(p)
    _add_rules_file(p)
    _add_definition(p)
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
    q.add_argument("--rules", dest="rules_file", default=None, metavar="FILE", help="an extra rule file")
    q = rsub.add_parser("lint", help="check the rule data: duplicates, stem-covered entries, overlaps")
    q.add_argument(
        "--rules",
        dest="rules_file",
        default=None,
        metavar="FILE",
        help="a rule file of your own, linted with the shipped rule set it extends",
    )
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
    _add_reading_options(q)


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
        help="only rows where COLUMN equals VALUE (e.g. subset=clear); repeat to combine: "
        "values of one column are alternatives (--subset style=news --subset style=report: "
        "news or report rows), different columns must all hold (--subset subset=clear "
        "--subset style=news: clear news rows)",
    )
    p.add_argument(
        "--by", default=None, metavar="COLUMN", help="also report per value of COLUMN (e.g. style)"
    )
    p.add_argument(
        "--markdown",
        default=None,
        metavar="REPORT.md",
        help="also write a Markdown report ('-': print it to standard output instead of the summary)",
    )
    _add_field_columns(p)
    _add_reading_options(p)


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two methods' labels with each other, gold labels and hand coders",
        description="Agreement and Cohen's kappa between two methods with bootstrap intervals, "
        "their crosstab, the cases they disagree on (by row, 1 = first data row); with --gold, "
        "each method's accuracy and McNemar's exact test; with --coders, pairwise kappa and "
        "Krippendorff's alpha across "
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
    p.add_argument(
        "--plot",
        default=None,
        metavar="FIGURE.png",
        help="write the figure, as PNG, SVG or PDF by its suffix (needs matplotlib)",
    )
    p.add_argument(
        "--evidence",
        action="store_true",
        help="run the classifiers again to quote each method's deciding evidence (rows the "
        "current classifiers label differently keep their explanation)",
    )
    _add_evidence_sources(p)
    p.add_argument(
        "--resamples",
        type=int,
        default=1000,
        help="bootstrap resamples: 0 for no intervals, else at least 100 (default: 1000)",
    )
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    p.add_argument("--json", action="store_true", help="print every figure as JSON instead of the summary")
    _add_field_columns(p)
    _add_reading_options(p)


def _add_evidence_sources(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=None,
        metavar="PATH",
        help="with --evidence: the model file the labels were made with (default: the shipped model)",
    )
    p.add_argument(
        "--rules",
        dest="rules_file",
        default=None,
        metavar="FILE",
        help="with --evidence: the rule file of your own the labels were made with",
    )


def _evidence(args: argparse.Namespace, frame):
    """The verdicts of the classifiers that labelled ``frame`` (--evidence), else None."""
    from .api import get_classifier
    from .evaluation import recover_verdicts

    if not args.evidence:
        if args.model is not None or args.rules_file is not None:
            raise UsageError(
                "--model and --rules name the classifiers to run again for --evidence; add "
                "--evidence, or leave them out."
            )
        return None
    _check_cli_specs(args, args.methods, flag="--methods")
    classifiers = {}
    if args.model is not None and "model" in args.methods:
        classifiers["model"] = get_classifier("model", model=args.model)
    if args.rules_file is not None and "rules" in args.methods:
        classifiers["rules"] = get_classifier("rules", rules=args.rules_file)
    if (args.model is not None or args.rules_file is not None) and "consensus" in args.methods:
        classifiers["consensus"] = get_classifier("consensus", model=args.model, rules=args.rules_file)
    return recover_verdicts(frame, args.methods, columns=_field_columns(args), classifiers=classifiers)


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="rank the labelled cases most worth hand-coding next",
        description="Write the cases most worth hand-coding next, highest priority first, with "
        "the reasons (the methods disagree, low confidence, text unlike the training data, "
        "contested patterns). Every input column is kept, cells as written; a first column "
        "'row' gives the case's position in the input (1 = first data row), named 'review_row' "
        "instead when the input has a column 'row' of its own.",
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
    _add_evidence_sources(p)
    _add_field_columns(p)
    _add_reading_options(p)


def _train(args: argparse.Namespace) -> int:
    from .files import check_destination
    from .training import default_output_path, train_model

    if args.data is None:
        _refuse_reading_options(args, "the bundled dataset", ("gold", *(f"{f}_column" for f in FIELDS)))
    if args.out is not None:
        # Said as given; train_model checks the full path (and the card's) again.
        check_destination(args.out, _files_read(args, args.data), stdio=False)
    out = os.path.abspath(args.out if args.out is not None else default_output_path())
    # Without --out every run writes to the same file: say so when it replaces an earlier model.
    replaces = args.out is None and os.path.exists(out)
    model, card = train_model(
        args.data,
        out,
        seed=args.seed,
        compare=not args.no_compare,
        group_column=args.group_column,
        encoding=args.encoding,
        sep=args.sep,
        gold=args.gold or "track",
        columns=_field_columns(args),
    )
    print(
        f"trained {card['chosen_configuration']} on {counted(card['training_data']['rows_train'], 'case')} "
        f"in {card['training_seconds']} s; abstain_threshold={model.abstain_threshold_}"
    )
    if card["training_data"].get("rows_without_label"):
        left_out = counted(card["training_data"]["rows_without_label"], "row")
        print(f"left out {left_out} without a label in {args.gold or 'track'!r}")
    if "test_metrics" in card:
        print(
            f"test macro-F1 {card['test_metrics']['macro_f1']}  accuracy {card['test_metrics']['accuracy']}"
            f"  (baseline: macro-F1 {card['baseline']['test_metrics']['macro_f1']})"
        )
    compared = card.get("cross_validation", {}).get("comparison", [])
    unscored = [r["name"] for r in compared if "not_scored" in r]
    if unscored:
        print(
            f"note: {counted(len(unscored), 'configuration')} could not be cross-validated on so few cases "
            f"(their min_df leaves no word feature in a fold) and were not compared: "
            f"{', '.join(unscored)}; the card gives the reason for each"
        )
    differing = card["params_differing_from_defaults"]
    if differing and args.data is None:
        # For the maintainers, retraining the shipped model on the bundled dataset.
        print(
            "note: the chosen configuration differs from TextClassifier()'s defaults in "
            f"{', '.join(differing)}; set the defaults in "
            "text_model.py to the card's params so TextClassifier() is the shipped model"
        )
    elif differing:
        chosen = ", ".join(f"{k}={card['params'][k]!r}" for k in differing)
        print(
            f"note: cross-validation chose {chosen} (TextClassifier()'s defaults differ); the "
            f"saved model keeps them. To train this configuration in Python: TextClassifier({chosen})"
        )
    print(f"wrote {out} (sha256 {card['model_sha256'][:12]}...) and its card")
    if replaces:
        print(
            f"note: this replaced the model (and card) trained earlier at the default path {out}; "
            "give --out PATH to keep models apart"
        )
    print(f"use it with: diplotrack label ... --model {out}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .datasets import load_engagements
    from .evaluation import evaluate
    from .model_store import load_model

    if args.data is not None and args.split is not None:
        raise UsageError(
            "--split chooses a split of the bundled dataset; with --data use --subset split=test."
        )
    if args.markdown == "-" and args.json:
        raise UsageError(
            "--markdown - and --json both write to standard output; give --markdown a file name "
            "(REPORT.md), or leave out one of the two."
        )
    if args.data is None:
        _refuse_reading_options(args, f"the bundled dataset's {args.split or 'test'} split")
    if args.markdown:
        _check_report(args.markdown, _files_read(args, args.data))
    if args.data is None:
        split = args.split or "test"
        frame = load_engagements(None if split == "all" else split)
    else:
        frame = _read_table(args.data, args)
    values: dict[str, list[str]] = {}  # values for one column are alternatives
    for item in args.subset:
        column, sep, value = item.partition("=")
        if not sep or not column:
            raise UsageError(f"Invalid --subset {item!r}: expected COLUMN=VALUE, e.g. subset=clear.")
        values.setdefault(column, []).append(value)
    subset = {column: vs[0] if len(vs) == 1 else vs for column, vs in values.items()}
    from .api import classifier_for
    from .batch import resolve_methods

    methods = resolve_methods(args.method)
    _check_cli_specs(args, methods)
    classifiers = None
    if args.model or args.definition or args.rules_file:
        model = load_model(args.model) if args.model else None
        classifiers = {
            m: classifier_for(m, model=model, rules=args.rules_file, definition=args.definition)
            for m in methods
        }
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
        _write_text(args.markdown, result.to_markdown(), _files_read(args, args.data))
    if args.markdown != "-":  # with "-" the Markdown report is what standard output holds
        print(json.dumps(result.to_dict(), indent=2) if args.json else result.summary())
    return 0


def _options_given(args: argparse.Namespace, names: Sequence[str]) -> tuple[list[str], str]:
    """The options of ``names`` given on the command line, and them listed in a sentence
    ("--sep", "--sep and --encoding", "--sep, --encoding and --chunksize")."""
    given = [f"--{name.replace('_', '-')}" for name in names if getattr(args, name, None) is not None]
    listed = " and ".join(given) if len(given) < 3 else ", ".join(given[:-1]) + " and " + given[-1]
    return given, listed


def _refuse_reading_options(args: argparse.Namespace, what: str, others: Sequence[str] = ()) -> None:
    """Refuse --encoding and --sep (and ``others``) where no file of the user's is read."""
    given, options = _options_given(args, ("encoding", "sep", *others))
    if given:
        raise UsageError(
            f"{options} {'say' if len(given) > 1 else 'says'} how to read the file given with --data; "
            f"without --data, {what} is read, which needs no such option. Add --data FILE, or leave "
            f"out {options}."
        )


def _read_table(path: str, args: argparse.Namespace | None = None):
    """A table read as ``label`` reads its input: every cell kept as written, the encoding
    given with ``--encoding`` or detected (or a clear error naming the line that cannot be
    decoded), the separator given with ``--sep``, compressed files and parquet recognised.
    A column named with ``--description-column`` and the like must be in it, as for
    ``label``. A row with more fields than the header is an error that says to correct it:
    these commands read every row (nothing is measured on a table with rows left out)."""
    from .files import is_parquet
    from .tables import default_sep, read_table

    frame = read_table(path, encoding=getattr(args, "encoding", None), sep=getattr(args, "sep", None))
    if args is not None and args.sep is None:
        # A header of one column holding a semicolon or a tab: the separator is likely wrong,
        # and an error about the table then says so (_run), as label's does.
        args.separator_hint = separator_hint(frame.columns, "" if is_parquet(path) else default_sep(path))
    for field, col in (_field_columns(args) if args is not None else {}).items():
        if col not in frame.columns:
            raise UsageError(
                f"Missing {field} column {col!r} (named with --{field}-column): the input has columns "
                f"{shown_columns(frame.columns)}."
            )
    return frame


def _files_read(args: argparse.Namespace, *inputs: str | None) -> list:
    """The files a command reads (its inputs, and any model, rule or definition file), which
    none of its outputs may replace."""
    from .batch import files_read

    return files_read(
        *(p for p in inputs if p is not None),
        model=getattr(args, "model", None),
        rules=getattr(args, "rules_file", None),
        definition=getattr(args, "definition", None),
    )


def _write_text(path: str, text: str, sources: Sequence[str] = ()) -> None:
    """Write a report as ``label`` writes its output: never over an input, a directory or a
    read-only file, and only when complete (``-``: standard output)."""
    from .files import atomic_output, check_destination

    target = check_destination(path, sources)
    if target is None:
        sys.stdout.write(text)
        return
    with atomic_output(target) as handle:
        handle.write(text.encode("utf-8"))
    print(f"wrote {path}", file=sys.stderr)


def _check_report(path: str, sources: Sequence[str] = ()) -> None:
    """Refuse a report destination before any work, as ``label`` refuses its output; the
    file is checked again when the report is written."""
    from .files import check_destination

    check_destination(path, sources)


def _check_plot(path: str, sources: Sequence[str]) -> None:
    """Refuse a figure destination before any work: '-', the input, a folder, a read-only
    file, a format matplotlib cannot write, or no matplotlib at all."""
    from pathlib import Path

    from .files import check_destination
    from .plotting import figure_formats

    check_destination(path, sources, stdio=False)
    try:
        formats = figure_formats()
    except ImportError as exc:
        raise UsageError(f"--plot: {exc}") from exc
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in formats:
        raise UsageError(
            f"Invalid --plot name {path!r}: expected a name ending in .png, .svg or .pdf (or "
            f"another format matplotlib writes: {', '.join(formats)}). Add the suffix of the "
            "format you want."
        )


def _compare(args: argparse.Namespace) -> int:
    from .comparison import compare

    if args.report:
        _check_report(args.report, _files_read(args, args.input))
    if args.plot:
        _check_plot(args.plot, [args.input])
        if args.report and os.path.abspath(args.plot) == os.path.abspath(args.report):
            raise UsageError(
                f"--plot and --report name the same file {args.plot!r}: the report would replace "
                "the figure. Give them different names."
            )
    frame = _read_table(args.input, args)
    verdicts = _evidence(args, frame)
    try:
        result = compare(
            frame,
            args.methods,
            args.gold,
            args.coders,
            verdicts=verdicts,
            show=("id", "case_id", args.description_column or "description"),
            columns=_field_columns(args),
            n_resamples=args.resamples,
            seed=args.seed,
        )
        # Disagreements are named by their row in the file, 1 = first data row, as in review.
        result.disagreements.index = result.disagreements.index + 1
        result.disagreements.index.name = _position_column(frame.columns)
        if args.plot:
            from .files import check_destination

            check_destination(args.plot, _files_read(args, args.input, args.report), stdio=False)
            result.plot(args.plot)
            print(f"wrote {args.plot}", file=sys.stderr)
    except ImportError as exc:
        raise UsageError(str(exc)) from exc
    if args.report:
        _write_text(args.report, result.to_markdown(), _files_read(args, args.input))
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if args.json else result.summary())
    return 0


def _review(args: argparse.Namespace) -> int:
    from .files import check_destination, is_parquet, output_kind
    from .review import review_queue
    from .tables import TableWriter, check_output_columns

    kind = output_kind(args.output)
    check_destination(args.output, _files_read(args, args.input))  # before any work; again when writing
    frame = _read_table(args.input, args)
    check_output_columns(frame.columns, kind, args.output)
    verdicts = _evidence(args, frame)
    queue = review_queue(frame, args.n, methods=args.methods, verdicts=verdicts, gold=args.gold)
    queue.index = queue.index + 1
    target = check_destination(args.output, _files_read(args, args.input))
    position = _position_column(frame.columns)
    table = queue.rename_axis(position).reset_index()
    # A CSV's cells are text, stored as text in a parquet queue whatever pandas infers; a
    # parquet input's columns keep their own types (a float confidence is no text).
    text_columns = [] if is_parquet(args.input) else [str(c) for c in frame.columns]
    with TableWriter(target, kind, text_columns=text_columns) as writer:
        writer.write(table)
    where = "" if position == "row" else f"; their rows in the input are in column {position!r}"
    wrote = counted(len(queue), "case")
    fewer = ""
    if len(queue) < args.n:
        # Cases with no reason to review (the methods agree, confidently, on a text like the
        # training data) are not queued: say why the queue is shorter than asked.
        agree = "the methods agree, confidently" if len(args.methods) > 1 else "labelled confidently"
        fewer = (
            f" ({args.n} asked; the others give no reason for review: {agree}"
            + (", or a coder has labelled them" if args.gold else "")
            + ")"
        )
    print(f"wrote {wrote} to {args.output}, highest priority first{fewer}{where}", file=sys.stderr)
    return 0


def _position_column(columns) -> str:
    """The name of the review queue's column of input positions: ``row``, or ``review_row``
    (``review_row_2``, ...) when the input has a column of that name, which is kept as it is."""
    taken = {str(c) for c in columns}
    name, k = "row", 1
    while name in taken:
        k += 1
        name = "review_row" if k == 2 else f"review_row_{k - 1}"
    return name


def _classify(args: argparse.Namespace) -> int:
    from .api import classifier_for
    from .batch import resolve_methods
    from .engagement import as_engagement

    description = _stdin_text() if args.description == "-" else args.description
    fields = (description, args.participants, args.formality, args.purpose)
    engagement = as_engagement(dict(zip(FIELDS, fields)))  # the same limits as any input
    methods = resolve_methods(args.method)
    _check_cli_specs(args, methods)
    verdicts = [
        classifier_for(m, model=args.model, rules=args.rules_file, definition=args.definition).classify(
            engagement
        )
        for m in methods
    ]
    if args.json:
        payload = [v.to_dict() for v in verdicts]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
    else:
        for v in verdicts:
            print(f"[{v.method}] {v.label}  (confidence {v.confidence:.2f})")
            print(f"  {v.explanation}")
    return 0


def _stdin_text() -> str:
    """The description piped to ``classify -``, decoded as a CSV's text is (UTF-8, or the
    legacy code page it is written in)."""
    from .decoding import detect_encoding

    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(
            "classify - reads the description from standard input, and nothing is piped in: "
            "echo 'Foreign ministers met in Geneva.' | diplotrack classify -"
        )
    data = sys.stdin.buffer.read()
    return data.decode(detect_encoding(data, complete=True), errors="replace")


def _check_cli_specs(args: argparse.Namespace, methods: Sequence[str], flag: str = "--method") -> None:
    """Refuse --model or --rules where no method named by ``flag`` would use it."""
    from .api import MODEL_METHODS, RULE_METHODS

    def which(method: str) -> str:  # "--method model, both or consensus", "--methods that include model"
        if flag == "--method":
            return f"{flag} {method}, both or consensus"
        return f"{flag} that include {method} or consensus"

    if args.model is not None and not MODEL_METHODS & set(methods):
        raise UsageError(f"--model is for {which('model')}; it is not used by {' '.join(methods)}.")
    if args.rules_file is not None and not RULE_METHODS & set(methods):
        raise UsageError(
            f"--rules is for {which('rules')}; the model keeps the rule set it was trained with."
        )


def _label(args: argparse.Namespace) -> int:
    from .batch import label_csv, resolve_methods

    if args.dask is not None:
        _refuse_csv_options_with_dask(args)
    _check_cli_specs(args, resolve_methods(args.method))
    columns = _field_columns(args)
    if args.dask is not None:
        rows = _label_dask(args, columns)
    else:
        rows = label_csv(
            args.input,
            args.output,
            args.method,
            columns=columns,
            model=args.model,
            rules=args.rules_file,
            definition=args.definition,
            chunksize=_CHUNKSIZE if args.chunksize is None else args.chunksize,
            n_jobs=args.jobs,
            encoding=args.encoding,
            sep=args.sep,
            on_bad_lines=args.on_bad_lines or "error",
            bad_lines_file=args.bad_lines_file,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    where = "standard output" if args.output == "-" else args.output
    logging.getLogger("diplotrack").info(
        "labelled %s with %s -> %s", counted(rows, "row"), args.method, where
    )
    return 0


def _refuse_csv_options_with_dask(args: argparse.Namespace) -> None:
    """Refuse, before any work, the options for reading a CSV with --dask, which reads parquet
    (they were ignored, silently), and --chunksize, which Dask's partitions replace."""
    given, options = _options_given(args, ("sep", "encoding", "on_bad_lines", "bad_lines_file"))
    if given:
        raise UsageError(
            f"{options} {'are' if len(given) > 1 else 'is'} for reading a CSV, and --dask reads "
            "a parquet file or directory, which needs no such option. Leave out "
            f"{options}; to label a CSV, leave out --dask (--jobs N labels it on N local "
            "processes), or convert it to parquet first."
        )
    if args.chunksize is not None:
        raise UsageError(
            "--chunksize sets the rows labelled at a time without --dask; with --dask each "
            "partition of the parquet data (a file or row group, as written) is labelled at a "
            "time, whatever --chunksize says. Leave out --chunksize, or write the parquet data "
            "in smaller files or row groups to bound each worker's memory."
        )


def _label_dask(args: argparse.Namespace, columns: dict[str, str]) -> int:
    from .daskframe import label_parquet_dask

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    return label_parquet_dask(
        args.input,
        args.output,
        args.method,
        columns=columns,
        model=args.model,
        rules=args.rules_file,
        definition=args.definition,
        scheduler=args.dask,
        n_workers=jobs,
    )


def _log_to_stderr(command: str, quiet: bool) -> None:
    """Notes (the encoding detected, rows labelled) and warnings (rows skipped) on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"diplotrack {command}: %(message)s"))
    logger = logging.getLogger("diplotrack")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def _warning_printer(command: str):
    """Warnings (a model trained with another rule set) as one line in the command's own
    voice, not with the Python file and source line that raised them."""

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        print(f"diplotrack {command}: warning: {message}", file=sys.stderr if file is None else file)

    return show


def _quiet_exit_on_closed_pipe() -> int:
    # The reader went away (`diplotrack classify --json | head`): stop quietly, and keep
    # Python from complaining again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, as for a shell tool stopped by a closed pipe


def _rules_report(args: argparse.Namespace) -> int:

    from .diagnostics import rule_report
    from .rule_classifier import RuleClassifier

    if args.top is not None and args.top < 1:
        raise UsageError(f"Invalid --top: expected a positive number of rules, got {args.top}.")
    if args.output is not None:
        _check_report(args.output, _files_read(args, args.input))
    frame = _read_table(args.input, args)
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
    _write_text(args.output, report.to_markdown(top=args.top), _files_read(args, args.input))
    print(f"rule report on {counted(report.n_rows, 'row')} -> {args.output}", file=sys.stderr)
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
        problems = lint_ruleset(rs, extra=args.rules_file)
        for line in problems:
            print(line)
        with_file = f" with {args.rules_file}" if args.rules_file else ""
        print(f"rule set {rs.version}{with_file}: {counted(len(problems), 'problem')}", file=sys.stderr)
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
    _log_to_stderr(args.command, getattr(args, "quiet", False))
    with warnings.catch_warnings():
        warnings.showwarning = _warning_printer(args.command)
        return _run(args)


def _streamed(args: argparse.Namespace) -> bool:
    """Whether ``label`` writes to standard output, where rows go out as they are labelled."""
    return getattr(args, "output", None) == "-" and args.command == "label"


def _output_left(args: argparse.Namespace) -> str:
    """What a run that stopped early left of its output, to say so."""
    if _streamed(args):
        return "The rows labelled before were already written to standard output: discard them."
    return "No output was written or replaced (a previous one is kept as it was)."


def _os_message(exc: OSError, args: argparse.Namespace) -> str:
    """An operating system's error said as what went wrong and what to do: a full disk names
    the output and says the previous one is kept, a folder given for a file says so."""
    import errno

    if exc.errno == errno.ENOSPC:
        outputs = [
            getattr(args, option, None)
            for option in ("output", "out", "markdown", "report", "plot", "bad_lines_file")
        ]
        written = [str(p) for p in outputs if p is not None and str(p) != "-"]
        where = f" writing {' or '.join(map(repr, written))}" if written else ""
        return (
            f"No space left on the device{where}. Free some space, or give an output path on "
            "another disk. " + _output_left(args)
        )
    if exc.errno == errno.EISDIR:
        path = repr(exc.filename) if exc.filename else "A path"
        return f"{path} is a folder, where a file was expected. Give the path of a file."
    return str(exc)


def _run(args: argparse.Namespace) -> int:
    from .batch import BatchInputError
    from .model_store import ModelError
    from .parallel import WorkerStopped
    from .ruleset import RuleSetError

    try:
        status = _COMMANDS[args.command](args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        return _quiet_exit_on_closed_pipe()
    except (UsageError, BatchInputError, ModelError, RuleSetError, ValueError, TypeError, OSError) as exc:
        message = _os_message(exc, args) if isinstance(exc, OSError) else str(exc)
        hint = getattr(args, "separator_hint", "")
        if hint and "--sep" not in message:
            message += hint
        print(f"diplotrack {args.command}: error: {message}", file=sys.stderr)
        return 2
    except WorkerStopped as exc:
        # Not the user's mistake, but no bug to show a traceback for either: one line.
        print(f"diplotrack {args.command}: error: {exc}. {_output_left(args)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", 2)  # Ctrl-C is SIGINT (2); SIGTERM and SIGHUP carry theirs
        if _streamed(args):
            left = "the rows labelled before were already written to standard output (discard them)"
        else:
            left = "no output was left half-written"
        print(f"diplotrack {args.command}: interrupted; {left}.", file=sys.stderr)
        return 128 + signum


if __name__ == "__main__":
    sys.exit(main())
