"""diplotrack: label descriptions of diplomatic engagements Track 1, Track 1.5 or Track 2.

Two classifiers sit behind one API: a transparent rule-based classifier and a trained
text classifier. Both return :class:`Verdict` objects that explain themselves.

Examples
--------
>>> import diplotrack
>>> diplotrack.classify("Retired ambassadors and scholars met in Geneva for a workshop.").label
'Track 2'
"""

from importlib.metadata import PackageNotFoundError, version

from .api import classify, classify_many, get_classifier
from .batch import label_csv, label_frame
from .engagement import Engagement
from .rule_classifier import RuleClassifier
from .rules import Decision, Rule
from .text_model import TextClassifier
from .verdict import Evidence, Track, Verdict

try:
    __version__ = version("diplotrack")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Decision",
    "Engagement",
    "Evidence",
    "Rule",
    "RuleClassifier",
    "TextClassifier",
    "Track",
    "Verdict",
    "__version__",
    "classify",
    "classify_many",
    "get_classifier",
    "label_csv",
    "label_frame",
]
