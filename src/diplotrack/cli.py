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
    for name in FIELDS:
        p.add_argument(
            f"--{name}-column",
            default=name,
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
        help="skip the configuration comparison and train the default configuration",
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
    return parser


def _train(args: argparse.Namespace) -> int:
    from .training import train_model

    model, card = train_model(args.data, args.out, seed=args.seed, compare=not args.no_compare)
    print(
        f"trained {card['chosen_configuration']} on {card['training_data']['rows_train']} cases "
        f"in {card['training_seconds']} s; abstain_threshold={model.abstain_threshold_}"
    )
    if "test_metrics" in card:
        print(
            f"test macro-F1 {card['test_metrics']['macro_f1']}  accuracy {card['test_metrics']['accuracy']}"
            f"  (baseline: macro-F1 {card['baseline']['test_metrics']['macro_f1']})"
        )
    if card["params_differing_from_defaults"]:
        print(
            "note: the chosen configuration differs from TextClassifier()'s defaults in "
            f"{', '.join(card['params_differing_from_defaults'])}; set the defaults in "
            "text_model.py to the card's params so TextClassifier() is the shipped model"
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

    try:
        return _COMMANDS[args.command](args)
    except (UsageError, BatchInputError, ModelError, ValueError, TypeError, OSError) as exc:
        print(f"diplotrack {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"diplotrack {args.command}: interrupted; no output was left half-written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
