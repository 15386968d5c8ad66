"""The rule table: cue rules and decision rules, as data the engine walks.

Two tables make up a rule set.

*Cue rules* (:class:`Rule`) find evidence in the text. Each has an id, the kind of
evidence it finds, the label it supports, a weight, and a pattern: the name of a
lexicon in :mod:`diplotrack.lexicon` or a regular expression. Role rules find
participants; modifier rules (former, serving, negated, hosting) change what a nearby
participant counts as; nature rules find formality, purpose and engagement cues.

*Decision rules* (:class:`Decision`) turn the evidence into a label. They are tried in
order and the first whose conditions all hold (and none of whose ``unless`` conditions
hold) decides. Conditions are named predicates over the evidence summary, listed in
:data:`diplotrack.conditions.CONDITIONS`. Reordering or replacing decisions is how a
different track definition is expressed.

The default tables are data files (``rulesets/default/rules.toml`` and
``decisions.toml``, see :mod:`diplotrack.ruleset`); ``DEFAULT_RULES`` and
``DEFAULT_DECISIONS`` are read from them on first use.

Examples
--------
>>> from diplotrack.rules import DEFAULT_DECISIONS, DEFAULT_RULES
>>> [r.id for r in DEFAULT_RULES if r.kind == "capacity"]
['capacity-unofficial']
>>> DEFAULT_DECISIONS[0].id, DEFAULT_DECISIONS[-1].label
('empty-input', 'best')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .conditions import CONDITIONS
from .verdict import Track

__all__ = ["DEFAULT_DECISIONS", "DEFAULT_RULES", "KINDS", "Decision", "Rule"]  # noqa: F822 -- see __getattr__

#: What a TOML basic string (double quotes) makes of "\b" and "\f": control characters that no
#: description holds, so a regex holding one matches nothing ("\n" and "\t" may be meant).
_TOML_ESCAPES = frozenset("\b\f")

#: Kinds of cue rule. Participant kinds name who took part; the others describe context.
ROLE_KINDS = ("official", "party", "intergovernmental", "nonstate")
MODIFIER_KINDS = (
    "former_before",
    "former_after",
    "serving",
    "negation_before",
    "negation_after",
    "host",
    "facilitator",
    "facilitator_after",
    "bystander",
    "outside_before",
    "subject_before",
    "delegation_after",
    "breaker",
)
NATURE_KINDS = (
    "formal",
    "informal",
    "purpose_official",
    "purpose_people",
    "engagement",
    "meta",
    "interaction",
    "event",
    "date",
    "genre",
    "figures",
    "denial",
    "elsewhere",
)
OTHER_KINDS = ("capacity", "branding")
KINDS = ROLE_KINDS + MODIFIER_KINDS + NATURE_KINDS + OTHER_KINDS


@dataclass(frozen=True)
class Rule:
    """One cue rule.

    Parameters
    ----------
    id : str
        Stable identifier, used in evidence, the rule-firing matrix and reports.
    kind : str
        One of :data:`KINDS`.
    supports : str or None
        The label the cue pushes towards, or ``None`` for modifiers.
    description : str
        One line for explanations and reports.
    lexicon : str, optional
        Name of the lexicon whose phrases are the pattern.
    regex : str, optional
        A regular expression (case-insensitive) used instead of a lexicon.
    weight : float
        How strongly one firing supports the label.
    institution : bool
        For role rules: the phrases name a state institution (a ministry, an embassy, the
        government) rather than people who take part in person.
    acts_with : str, optional
        For role rules: a phrase counts only as the party that acts, the subject of a verb
        from this context list ("Canada and Norway signed"); as a place or an origin
        ("scholars from Norway") it is not counted (see :func:`diplotrack.scope.acts_as_party`).
    staff_weight : float, optional
        For role rules: the weight of one of the body's own people named in the room
        ("Dr W. Elliott, representing UNESCO", "two people from the ministry"), when it
        differs from ``weight``: an organisation's name alone can count for little while its
        people in person are officials at full weight.
    fallback : bool
        For role rules: read only in a text in which no other rule finds anyone taking part,
        present or not (people named by an occupation no lexicon lists, "beekeepers from
        Georgia"), so that a guess never competes with a role the lexicons know.

    Examples
    --------
    >>> Rule("official-envoy", "official", "Track 1", "A named envoy.", regex=r"\\benvoy\\b").kind
    'official'
    """

    id: str
    kind: str
    supports: str | None
    description: str
    lexicon: str | None = None
    regex: str | None = None
    weight: float = 1.0
    institution: bool = False
    acts_with: str | None = None
    staff_weight: float | None = None
    fallback: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"Invalid rule kind for {self.id!r}: expected one of {KINDS}, got {self.kind!r}."
            )
        if (self.lexicon is None) == (self.regex is None):
            raise ValueError(f"Invalid rule {self.id!r}: give exactly one of lexicon= or regex=.")
        if self.regex is not None:
            control = sorted({repr(c) for c in str(self.regex) if c in _TOML_ESCAPES})
            if control:
                raise ValueError(
                    f"Invalid regex for rule {self.id!r}: {self.regex!r} holds control characters "
                    f"({', '.join(control)}), which is what '\\b' or '\\f' become in a TOML string in "
                    "double quotes: the rule would silently match nothing. In a rule file, write the "
                    "pattern in single quotes (regex = '\\bwidows?\\b'), where backslashes stay as typed."
                )
            try:
                re.compile(self.regex, re.IGNORECASE)
            except (re.error, TypeError) as exc:
                raise ValueError(
                    f"Invalid regex for rule {self.id!r}: {self.regex!r} is not a valid regular expression "
                    f"({exc}). Fix the pattern: a sign meant literally, such as a bracket or a dot, is "
                    "written with a backslash before it (\\[, \\.)."
                ) from exc
        if self.supports is not None and self.supports not in {t.value for t in Track}:
            raise ValueError(
                f"Invalid label for rule {self.id!r}: expected 'Track 1', 'Track 1.5', "
                f"'Track 2' or None, got {self.supports!r}."
            )
        if not (isinstance(self.weight, (int, float)) and math.isfinite(self.weight) and self.weight >= 0):
            raise ValueError(
                f"Invalid weight for rule {self.id!r}: expected a finite number >= 0, got {self.weight!r}."
            )
        if self.staff_weight is not None and (
            self.kind not in ROLE_KINDS
            or not self.weight > 0
            or not (isinstance(self.staff_weight, (int, float)) and 0 < self.staff_weight < math.inf)
        ):
            raise ValueError(
                f"Invalid rule {self.id!r}: staff_weight is a positive weight for a rule that finds "
                f"who took part (kinds {ROLE_KINDS}) with a positive weight of its own, got "
                f"staff_weight={self.staff_weight!r} for kind {self.kind!r} and weight {self.weight!r}."
            )
        if self.fallback and (self.kind not in ROLE_KINDS or self.regex is None):
            raise ValueError(
                f"Invalid rule {self.id!r}: fallback applies to a regular expression that finds "
                f"who took part (kinds {ROLE_KINDS}), got kind {self.kind!r} with "
                f"{'a regex' if self.regex else 'a lexicon'}."
            )


@dataclass(frozen=True)
class Decision:
    """One decision rule: when every condition in ``when`` holds and none in ``unless``.

    Parameters
    ----------
    id : str
        Stable identifier, reported in the verdict's evidence and explanation.
    label : str or None
        The track, ``None`` to abstain, or ``"best"`` for the best-supported track (when two
        or more tracks tie for it: the first of them if the text places a meeting in time,
        else an abstention).
    description : str
        The sentence the explanation uses to say how the evidence combined.
    when, unless : tuple of str
        Names of conditions in :data:`CONDITIONS`.
    confidence : float
        Confidence when the evidence is strong and all points the same way; weaker or
        conflicting evidence lowers it.

    Examples
    --------
    >>> Decision("x", "Track 2", "only non-state people", when=("nonstate",)).when
    ('nonstate',)
    """

    id: str
    label: str | None
    description: str
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    confidence: float = 0.8

    def __post_init__(self) -> None:
        for name in (*self.when, *self.unless):
            if name not in CONDITIONS:
                raise ValueError(
                    f"Invalid condition {name!r} in decision {self.id!r}: expected one of "
                    f"{sorted(CONDITIONS)}."
                )
        if self.label not in {None, "best", *(t.value for t in Track)}:
            raise ValueError(
                f"Invalid label for decision {self.id!r}: expected a track ('Track 1', 'Track 1.5', "
                f"'Track 2'), None to abstain ('none' in a file) or 'best', got {self.label!r}."
            )
        confidence = self.confidence
        if (
            isinstance(confidence, bool)
            or not isinstance(confidence, (int, float))
            or not 0 <= confidence <= 1
        ):
            raise ValueError(
                f"Invalid confidence for decision {self.id!r}: expected a number from 0 to 1, "
                f"got {confidence!r}."
            )


def __getattr__(name: str):
    # The default tables are data (``rulesets/default``), read on first use.
    if name in ("DEFAULT_RULES", "DEFAULT_DECISIONS"):
        from .ruleset import load_ruleset

        rs = load_ruleset()
        return rs.rules if name == "DEFAULT_RULES" else rs.decisions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
