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
:data:`CONDITIONS`. Reordering or replacing decisions is how a different track
definition is expressed.

Examples
--------
>>> [r.id for r in DEFAULT_RULES if r.kind == "capacity"]
['capacity-unofficial']
>>> DEFAULT_DECISIONS[2].id
'officials-in-unofficial-capacity'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .verdict import Track

__all__ = ["CONDITIONS", "DEFAULT_DECISIONS", "DEFAULT_RULES", "Decision", "Rule"]

#: Kinds of cue rule. Participant kinds name who took part; the others describe context.
ROLE_KINDS = ("official", "party", "intergovernmental", "nonstate")
MODIFIER_KINDS = (
    "former_before",
    "former_after",
    "serving",
    "negation_before",
    "negation_after",
    "host",
    "bystander",
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

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"Invalid rule kind for {self.id!r}: expected one of {KINDS}, got {self.kind!r}."
            )
        if (self.lexicon is None) == (self.regex is None):
            raise ValueError(f"Invalid rule {self.id!r}: give exactly one of lexicon= or regex=.")
        if self.supports is not None and self.supports not in {t.value for t in Track}:
            raise ValueError(
                f"Invalid label for rule {self.id!r}: expected 'Track 1', 'Track 1.5', "
                f"'Track 2' or None, got {self.supports!r}."
            )


T1, T15, T2 = Track.TRACK_1.value, Track.TRACK_1_5.value, Track.TRACK_2.value

DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "official-role",
        "official",
        T1,
        "A serving official acting for a state: head of state, minister, diplomat, envoy, "
        "legislator, officer, ministry or government.",
        lexicon="official_roles",
    ),
    Rule(
        "official-role-weak",
        "official",
        T1,
        "A word that usually, not always, means a state actor (government, delegation, UN).",
        lexicon="official_roles_weak",
        weight=0.5,
    ),
    Rule(
        "official-institution",
        "official",
        T1,
        "A state institution (ministry, embassy, foreign office): an official party, but as "
        "funder, host or background it puts no official in the room.",
        lexicon="official_institutions",
        institution=True,
    ),
    Rule(
        "official-institution-weak",
        "official",
        T1,
        "A loose word for a state institution (the government, the authorities, an agency).",
        lexicon="official_institutions_weak",
        weight=0.5,
        institution=True,
    ),
    Rule(
        "official-noun",
        "official",
        T1,
        "'official' used as a noun ('a consular official', 'the official said').",
        regex=r"(?<![-\w])officials?(?=\s*(?:[,.;:)]|$)|\s+(?:of|from|who|and|or|in|at|said|says|was|"
        r"is|had|has|with|told|responsible|for|attended|took|joined|sat|were|are)\b)",
    ),
    Rule(
        "conflict-party",
        "party",
        T1,
        "An armed group or opposition delegation: a party to talks with a government.",
        lexicon="conflict_parties",
        weight=0.8,
    ),
    Rule(
        "intergovernmental-body",
        "intergovernmental",
        T1,
        "An intergovernmental body or its officials (UN, AU, EU, OSCE, IGAD) taking part or mediating.",
        lexicon="intergovernmental",
        weight=0.7,
    ),
    Rule(
        "intergovernmental-name",
        "intergovernmental",
        T1,
        "An intergovernmental organisation named without a role (UN, AU, EU, ASEAN): often "
        "background, so it counts for little alone.",
        lexicon="intergovernmental_weak",
        weight=0.45,
        institution=True,
    ),
    Rule(
        "nonstate-role",
        "nonstate",
        T2,
        "A non-state participant: academic, NGO, think tank, journalist, business, clergy, "
        "student, artist, athlete, community leader.",
        lexicon="nonstate_roles",
    ),
    Rule(
        "nonstate-role-weak",
        "nonstate",
        T2,
        "A word that often, not always, names a non-state participant (women, expert, team).",
        lexicon="nonstate_roles_weak",
        weight=0.5,
    ),
    Rule(
        "former-before",
        "former_before",
        None,
        "Marks the following participants as former, retired or ex- officials (who count as non-state).",
        lexicon="former_before",
    ),
    Rule(
        "former-after",
        "former_after",
        None,
        "Marks the preceding participant as no longer in office.",
        lexicon="former_after",
    ),
    Rule(
        "serving",
        "serving",
        None,
        "Marks a participant as serving now (overrides a nearby 'former').",
        lexicon="serving",
    ),
    Rule(
        "negated-before",
        "negation_before",
        None,
        "Negates the following participants ('no officials', 'without government participation').",
        lexicon="negation_before",
    ),
    Rule(
        "negated-after",
        "negation_after",
        None,
        "Negates the preceding participants ('were invited but none attended', 'were kept out').",
        lexicon="negation_after",
    ),
    Rule(
        "host",
        "host",
        None,
        "Marks an organisation as the host or funder rather than a participant.",
        lexicon="host_markers",
    ),
    Rule(
        "bystander",
        "bystander",
        None,
        "Marks the preceding officials as announcing, funding, approving or watching rather "
        "than taking part.",
        lexicon="bystander_after",
    ),
    Rule(
        "clause-break",
        "breaker",
        None,
        "A word that ends the reach of 'former', 'no' and 'hosted by' (with, alongside, met).",
        lexicon="breakers",
    ),
    Rule(
        "capacity-unofficial",
        "capacity",
        T15,
        "Officials present unofficially: personal or private capacity, no mandate, off the "
        "record, Chatham House rule, semi-official.",
        lexicon="capacity",
        weight=1.5,
    ),
    Rule(
        "self-description",
        "branding",
        None,
        "What the text calls the engagement ('billed as Track 2'); recorded, never decisive.",
        lexicon="branding",
        weight=0.0,
    ),
    Rule(
        "formal-business",
        "formal",
        T1,
        "Formal, official business: negotiations, treaties, agreements, summits, joint statements.",
        lexicon="formal",
    ),
    Rule(
        "formal-business-weak",
        "formal",
        T1,
        "A word that often, not always, marks formal business (plenary, declaration, "
        "protocol, on the record).",
        lexicon="formal_weak",
        weight=0.5,
    ),
    Rule(
        "informal-setting",
        "informal",
        T2,
        "An informal or unofficial setting: workshop, dialogue, roundtable, conference.",
        lexicon="informal",
        weight=0.7,
    ),
    Rule(
        "purpose-official",
        "purpose_official",
        T1,
        "A purpose of state business: settlement, arms control, recognition, withdrawal.",
        lexicon="purpose_official",
        weight=0.7,
    ),
    Rule(
        "purpose-people",
        "purpose_people",
        T2,
        "A people-to-people purpose: reconciliation, understanding, cultural, scientific, "
        "academic or sporting exchange, new ideas.",
        lexicon="purpose_people",
        weight=0.7,
    ),
    Rule(
        "engagement",
        "engagement",
        None,
        "Any sign that an engagement took place: met, talks, visit, conference, exchange.",
        lexicon="engagement",
        weight=0.0,
    ),
    Rule(
        "two-parties",
        "interaction",
        None,
        "Signs that two parties or sides dealt with each other: both sides, between, "
        "cross-border, counterparts, delegations, relations.",
        lexicon="interaction",
        weight=0.0,
    ),
    Rule(
        "not-an-engagement-strong",
        "meta",
        None,
        "Unmistakable signs of a text about something else: vacancy notice, 'survived by', "
        "'for sale', 'applications close'.",
        lexicon="meta_strong",
        weight=2.0,
    ),
    Rule(
        "not-an-engagement",
        "meta",
        None,
        "Signs of a text about something else: obituary, job advert, review, market or "
        "weather report, recipe.",
        lexicon="meta",
        weight=0.0,
    ),
)


# ---- decision conditions: named predicates over the evidence summary -------------------
# They take the engine's Summary (see diplotrack.engine) and return a bool. Module-level
# functions rather than lambdas so that a classifier holding them can be pickled.


def _empty(s) -> bool:
    return s.empty


def _no_engagement(s) -> bool:
    return s.engagement_cues == 0


def _not_an_engagement(s) -> bool:
    # An institution named as a subject ("a history of the Council") is not an official
    # in the room.
    return s.meta >= 2.0 and s.meta > s.engagement_cues and s.officials - s.official_institutions < 0.4


def _clearly_not_an_engagement(s) -> bool:
    # Strong markers (vacancy, obituary, sale notice) outweigh role words mentioned in passing.
    return s.meta >= 4.0 and s.meta > 2 * s.interaction


def _officials_absent(s) -> bool:
    # The text says outright that officials stayed away ("no serving officials took part",
    # "the ministries declined to send anyone") and what remains is at most weak.
    # A government facing an armed group across the table is not absent.
    return s.negated_officials >= 0.9 and s.officials < 0.9 and not (s.parties >= 0.8 and s.officials >= 0.4)


def _setting(s) -> bool:
    return s.official_business + s.forum + s.capacity > 0


def _interaction(s) -> bool:
    return s.interaction > 0


def _participants(s) -> bool:
    return s.officials + s.nonstate + s.parties >= 0.9


def _officials(s) -> bool:
    # An armed group counts as an official party only facing a government (DOMAIN rule 5);
    # meeting clergy or scholars on its own it is a non-state participant.
    return s.officials >= 0.9 or (s.parties >= 0.8 and s.officials >= 0.4)


def _official_people(s) -> bool:
    # Officials in person (a minister, diplomats, a delegation), not only a ministry or
    # embassy that funded, hosted or is mentioned as background.
    # An armed group facing a government counts: the two sides are both at the table.
    return s.officials - s.official_institutions >= 0.9 or (s.parties >= 0.8 and s.officials >= 0.4)


def _some_officials(s) -> bool:
    # A weaker sign of officials ("provincial government directors", "the government"),
    # enough when the text also says someone attended in a personal capacity. A ministry
    # that was only asked about it or answered for it is not enough.
    return s.officials - s.official_institutions >= 0.4 or s.officials >= 0.9


def _nonstate(s) -> bool:
    return s.nonstate >= 0.9


def _nonstate_participants(s) -> bool:
    return s.nonstate_participants >= 0.9


def _secret_official_channel(s) -> bool:
    # Only officials, nobody else at all, on official business: meeting quietly or off the
    # record does not make an officials-only channel Track 1.5 (DOMAIN rule 5).
    return s.nonstate == 0 and s.official_business > s.forum


def _about_something_else(s) -> bool:
    # With nobody named as taking part, signs that the text is about something else
    # (a course, a glossary entry, a company result) outweigh diplomatic vocabulary.
    # Two are needed: one word like "lecture" or "hotel" is often incidental.
    return s.meta >= 2.0


def _capacity(s) -> bool:
    return s.capacity > 0


def _official_business(s) -> bool:
    return s.official_business > s.forum


def _forum(s) -> bool:
    return s.forum > s.official_business


CONDITIONS: dict[str, Callable] = {
    "empty": _empty,
    "no_engagement_cue": _no_engagement,
    "not_an_engagement": _not_an_engagement,
    "clearly_not_an_engagement": _clearly_not_an_engagement,
    "interaction": _interaction,
    "setting": _setting,
    "officials_absent": _officials_absent,
    "participants": _participants,
    "officials": _officials,
    "official_people": _official_people,
    "some_officials": _some_officials,
    "nonstate": _nonstate,
    "nonstate_participants": _nonstate_participants,
    "unofficial_capacity": _capacity,
    "about_something_else": _about_something_else,
    "secret_official_channel": _secret_official_channel,
    "official_business": _official_business,
    "forum": _forum,
}


@dataclass(frozen=True)
class Decision:
    """One decision rule: when every condition in ``when`` holds and none in ``unless``.

    Parameters
    ----------
    id : str
        Stable identifier, reported in the verdict's evidence and explanation.
    label : str or None
        The track, ``None`` to abstain, or ``"best"`` for the best-supported track.
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
                f"Invalid label for decision {self.id!r}: expected a track, None or 'best', "
                f"got {self.label!r}."
            )


DEFAULT_DECISIONS: tuple[Decision, ...] = (
    Decision("empty-input", None, "the input holds no text to judge", when=("empty",), confidence=0.99),
    Decision(
        "no-engagement",
        None,
        "nothing in the text describes a meeting, talks, visit, exchange or other engagement",
        when=("no_engagement_cue",),
        confidence=0.9,
    ),
    Decision(
        "officials-in-unofficial-capacity",
        T15,
        "serving officials took part in an unofficial capacity alongside others",
        when=("officials", "unofficial_capacity"),
        unless=("secret_official_channel",),
        confidence=0.9,
    ),
    Decision(
        "some-officials-in-unofficial-capacity",
        T15,
        "officials, named only loosely, took part in an unofficial capacity alongside non-state participants",
        when=("some_officials", "unofficial_capacity", "nonstate_participants"),
        confidence=0.75,
    ),
    Decision(
        "clearly-not-an-engagement",
        None,
        "the text is plainly about something else (a vacancy, an obituary, a sale or "
        "public notice, a review) and mentions officials only in passing",
        when=("clearly_not_an_engagement",),
        unless=("unofficial_capacity",),
        confidence=0.75,
    ),
    Decision(
        "no-setting-no-parties",
        None,
        "nothing describes a meeting, negotiation, forum or exchange between parties; any people "
        "named are mentioned in passing",
        unless=("interaction", "setting"),
        confidence=0.6,
    ),
    Decision(
        "not-an-engagement",
        None,
        "the text is about something else (an obituary, advert, review, market or "
        "weather news) and only mentions diplomacy in passing",
        when=("not_an_engagement",),
        unless=("officials",),
        confidence=0.7,
    ),
    Decision(
        "officials-said-absent",
        T2,
        "the text says the officials stayed away or took no part; the participants left are non-state",
        when=("officials_absent", "nonstate_participants"),
        confidence=0.75,
    ),
    Decision(
        "institutions-behind-nonstate",
        T2,
        "the only state presence is an institution (a ministry, embassy or government "
        "that funded, hosted or stood in the background); the people who took part are "
        "non-state",
        when=("officials", "nonstate_participants"),
        unless=("official_people",),
        confidence=0.7,
    ),
    Decision(
        "officials-with-nonstate-at-forum",
        T15,
        "serving officials took part together with non-governmental participants in "
        "a forum rather than formal negotiations",
        when=("officials", "nonstate_participants"),
        unless=("official_business",),
        confidence=0.8,
    ),
    Decision(
        "officials-on-official-business",
        T1,
        "serving officials took part on official business; the non-state people mentioned do not change that",
        when=("officials", "nonstate", "official_business"),
        confidence=0.7,
    ),
    Decision(
        "officials-only",
        T1,
        "only serving officials or official parties took part",
        when=("officials",),
        confidence=0.85,
    ),
    Decision(
        "nonstate-only",
        T2,
        "no serving official took part: all participants found are non-state",
        when=("nonstate",),
        confidence=0.85,
    ),
    Decision(
        "no-parties",
        None,
        "no participants are named and nothing shows two parties dealing with each "
        "other; the engagement words are incidental",
        unless=("participants", "interaction"),
        confidence=0.6,
    ),
    Decision(
        "no-participants-about-something-else",
        None,
        "nobody is named as taking part and the text reads as being about something else "
        "(a course, a glossary entry, a report or a company result); its diplomatic "
        "vocabulary describes no engagement",
        when=("about_something_else",),
        confidence=0.55,
    ),
    Decision(
        "unofficial-without-participants",
        T15,
        "no participants are named, but the text calls the meeting semi-official or off the record",
        when=("unofficial_capacity",),
        confidence=0.5,
    ),
    Decision(
        "official-business-without-participants",
        T1,
        "no participants are named, but the business is formal and official",
        when=("official_business",),
        confidence=0.55,
    ),
    Decision(
        "forum-without-participants",
        T2,
        "no participants are named, but the setting and purpose are unofficial",
        when=("forum",),
        confidence=0.5,
    ),
    Decision(
        "too-little-evidence",
        "best",
        "an engagement is described but who took part and how formally is unclear; "
        "this is the best-supported track",
        confidence=0.35,
    ),
)
