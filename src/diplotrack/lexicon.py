"""The word lists the rule table refers to, read from the rule set's data files.

The lexicons live in ``rulesets/default/lexicons/*.toml`` (one file per list, in commented
groups, with ambiguous entries marked); see :mod:`diplotrack.ruleset`. ``LEXICON`` maps
each lexicon name to its phrases, for code that wants them as Python data.

A phrase matches a run of words in the input, case-insensitively, ignoring punctuation and
hyphens between words ("think-tank" matches "think tank") and simple plural endings
("ministers" matches "minister"). ``*`` stands for exactly one word. Where phrases
overlap, the longest one wins.

To extend a lexicon, pass ``lexicon={"nonstate_roles": ("peace journalists",)}`` to
:class:`diplotrack.RuleClassifier`, or a TOML file with ``extra=``.

Examples
--------
>>> from diplotrack.lexicon import LEXICON
>>> "foreign minister" in LEXICON["official_roles"]
True
"""

from __future__ import annotations

__all__ = ["LEXICON"]  # noqa: F822 -- read from the rule data on first use (__getattr__)


def __getattr__(name: str):
    if name == "LEXICON":
        from .ruleset import load_ruleset

        return dict(load_ruleset().lexicons)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
