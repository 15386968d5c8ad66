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
from collections.abc import Sequence

from .engagement import FIELDS

__all__ = ["main"]

_EPILOG = """\
examples:
  diplotrack classify "Retired generals and scholars met in Geneva for a workshop."
  diplotrack label cases.csv -o labelled.csv --method both
  diplotrack label cases.csv -o out.csv --description-column summary
  diplotrack label cases.csv.gz -o labelled.parquet --model ~/my-model.joblib
  cat cases.csv | diplotrack label - -o - --method rules > labelled.csv
  diplotrack train --seed 0
  diplotrack evaluate --split test
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


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=None,
        metavar="PATH",
        help="a model file saved by 'diplotrack train' (its card beside it) instead of the "
        "shipped model; only load files you trust",
    )


def _add_file_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encoding",
        default=None,
        help="the CSV's encoding, e.g. cp1252, latin-1, utf-16 (default: detected and reported)",
    )
    p.add_argument("--sep", default=None, help="the CSV's field separator (default: ',', a tab for .tsv)")
    p.add_argument(
        "--on-bad-lines",
        choices=("error", "skip", "report"),
        default="error",
        help="a row with more fields than the header: stop with an error naming its line "
        "(default), skip it (counted on stderr), or skip it and list it in a side file",
    )
    p.add_argument(
        "--bad-lines-file",
        default=None,
        metavar="PATH",
        help="side file for --on-bad-lines report (default: <output>.bad-lines.csv)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no notes on stderr")
    p.add_argument(
        "--dask",
        default=None,
        metavar="SCHEDULER",
        help="label a parquet file or directory on a Dask cluster: a scheduler address "
        "(tcp://host:8786) or 'local' for --jobs local worker processes; the output is a "
        "directory of parquet files",
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
    _add_model(p)
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
    for name in FIELDS:
        p.add_argument(
            f"--{name}-column",
            default=None,
            metavar="NAME",
            help=f"column holding the {name} field (default: {name})",
        )
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
    _add_model(p)
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    return parser


def _train(args: argparse.Namespace) -> int:
    from .training import default_output_path, train_model

    out = os.path.abspath(args.out if args.out is not None else default_output_path())
    model, card = train_model(args.data, out, seed=args.seed, compare=not args.no_compare)
    print(
        f"trained {card['chosen_configuration']} on {card['training_data']['rows_train']} cases "
        f"in {card['training_seconds']} s; abstain_threshold={model.abstain_threshold}"
    )
    if "test_metrics" in card:
        print(
            f"test macro-F1 {card['test_metrics']['macro_f1']}  accuracy {card['test_metrics']['accuracy']}"
        )
    print(f"wrote {out} (sha256 {card['model_sha256'][:12]}...) and its card")
    print(f"use it with: diplotrack label ... --model {out}")
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
    from .engagement import as_engagement

    fields = (args.description, args.participants, args.formality, args.purpose)
    engagement = as_engagement(dict(zip(FIELDS, fields)))  # the same limits as any input
    methods = resolve_methods(args.method)
    if args.model is not None and "model" not in methods:
        raise UsageError("--model is for --method model or both; it is not used by the rules.")
    verdicts = [classify(engagement, method=m, model=args.model if m == "model" else None) for m in methods]
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

    # Only the columns named on the command line must exist; the others are optional.
    columns = {name: col for name in FIELDS if (col := getattr(args, f"{name}_column")) is not None}
    if args.dask is not None:
        rows = _label_dask(args, columns)
    else:
        rows = label_csv(
            args.input,
            args.output,
            args.method,
            columns=columns,
            model=args.model,
            chunksize=args.chunksize,
            n_jobs=args.jobs,
            encoding=args.encoding,
            sep=args.sep,
            on_bad_lines=args.on_bad_lines,
            bad_lines_file=args.bad_lines_file,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    where = "standard output" if args.output == "-" else args.output
    logging.getLogger("diplotrack").info("labelled %d rows with %s -> %s", rows, args.method, where)
    return 0


def _label_dask(args: argparse.Namespace, columns: dict[str, str]) -> int:
    from .daskframe import label_parquet_dask

    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    return label_parquet_dask(
        args.input,
        args.output,
        args.method,
        columns=columns,
        model=args.model,
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


def _quiet_exit_on_closed_pipe() -> int:
    # The reader went away (`diplotrack classify --json | head`): stop quietly, and keep
    # Python from complaining again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, as for a shell tool stopped by a closed pipe


_COMMANDS = {"classify": _classify, "label": _label, "train": _train, "evaluate": _evaluate}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from .batch import BatchInputError
    from .model_store import ModelError

    _log_to_stderr(args.command, getattr(args, "quiet", False))
    try:
        status = _COMMANDS[args.command](args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        return _quiet_exit_on_closed_pipe()
    except (UsageError, BatchInputError, ModelError, ValueError, TypeError, OSError) as exc:
        print(f"diplotrack {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", 2)  # Ctrl-C is SIGINT (2); SIGTERM and SIGHUP carry theirs
        print(f"diplotrack {args.command}: interrupted; no output was left half-written.", file=sys.stderr)
        return 128 + signum


if __name__ == "__main__":
    sys.exit(main())
