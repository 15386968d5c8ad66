"""diplotrack: label descriptions of diplomatic engagements Track 1, Track 1.5 or Track 2.

Two classifiers sit behind one API: a transparent rule-based classifier and a trained
text classifier. Both return :class:`Verdict` objects that explain themselves.

The names below are imported on first use, so ``import diplotrack`` (and the command
line's ``--help``) stays fast; scikit-learn and pandas load only when a classifier is used.

Examples
--------
>>> import diplotrack
>>> diplotrack.classify("Retired ambassadors and scholars met in Geneva for a workshop.").label
'Track 2'
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplotrack")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

_EXPORTS = {
    "classify": "api",
    "classify_many": "api",
    "get_classifier": "api",
    "RuleReport": "diagnostics",
    "rule_report": "diagnostics",
    "label_csv": "batch",
    "label_frame": "batch",
    "Comparison": "comparison",
    "compare": "comparison",
    "ConsensusClassifier": "consensus",
    "Evaluation": "evaluation",
    "evaluate": "evaluation",
    "label_with_verdicts": "batch",
    "review_queue": "review",
    "Engagement": "engagement",
    "RuleClassifier": "rule_classifier",
    "Decision": "rules",
    "Rule": "rules",
    "TextClassifier": "text_model",
    "Evidence": "verdict",
    "Track": "verdict",
    "Verdict": "verdict",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'diplotrack' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
