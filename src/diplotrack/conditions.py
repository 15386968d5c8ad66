"""The evidence summary of one engagement, and the named conditions decisions test on it.

The engine totals the evidence it finds into a :class:`Summary`; each decision in the
decision table names conditions from :data:`CONDITIONS` (``when`` / ``unless``). A
condition is a module-level function ``(Summary) -> bool`` (so classifiers pickle), and
its thresholds come from the rule set's settings. Guideline rule numbers refer to
``docs/guideline.md``.

Examples
--------
>>> s = Summary(officials=1.0, nonstate_participants=1.0, nonstate=1.0, capacity=1.5)
>>> CONDITIONS["officials"](s), CONDITIONS["unofficial_capacity"](s)
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .verdict import Evidence

__all__ = ["CONDITIONS", "PARTICIPANT_CONDITIONS", "Summary"]


def _default_settings():
    from .ruleset import EngineSettings

    return EngineSettings()


@dataclass(slots=True)
class Summary:
    """Evidence totals for one engagement, which the decision conditions read.

    Attributes
    ----------
    empty : bool
        No field holds any text.
    officials, official_institutions : float
        Weight of serving officials found (institutions such as a ministry included, and
        those alone).
    parties : float
        Weight of armed groups and opposition delegations (parties to talks).
    nonstate, nonstate_participants : float
        Weight of non-state people and organisations (hosts included), and of those taking
        part (former officials count here, guideline rule 2).
    negated_officials : float
        Weight of officials said to be absent (guideline rule 3).
    attending_officials : float
        Weight of officials in person said to take part by a verb of their own ("deputy
        ministers joined the dialogue"): a denial of another group does not cancel them.
    class_denials : int
        How many denials name the officials as a class ("no officials took part", "none
        holds public office"): those do outweigh officials said to take part.
    denied_meetings : int
        How many meeting verbs or nouns are denied or refused ("did not meet", "no meeting
        took place", "declined to meet"); they count as no engagement cue.
    meeting_denials : int
        How many signs deny the meeting the text reports as a whole ("no such meeting took
        place", "no talks had been held"): the rule kind ``denial``. The meeting such a page
        retells is the one it denies, so its signs of an occasion place nothing in time.
    denied_offices : float
        Weight of denials of an office itself ("none holding government office", "no one in
        either delegation holds a government post"): the participants hold no office.
    capacity : float
        Weight of unofficial-capacity cues (guideline rule 4).
    facilitators : float
        Weight of non-state parties facilitating or mediating (guideline rule 12).
    official_business, forum : float
        Weight of formal business and of unofficial settings and purposes.
    engagement_cues, interaction, events : int
        How many signs of an engagement, of two parties dealing with each other, and of one
        specific occasion (a meeting verb in the past or future, a date, a round).
    event_verbs : int
        How many of those signs of an occasion are cues of the event lexicon rather than dates:
        mostly words of its happening ("met", "sat down", "took part"), but also a few words of
        time and occasion it holds ("last night", "the talks").
    meta : float
        Weight of signs that the text is about something else.
    genre : float
        Weight of signs that the page describes no engagement (a job advert, a course, a
        definition, a career), each different phrase counted once (a letter that says
        "your" five times has one sign), and ``genre_phrases`` the different phrases behind it.
    figures, figure_phrases : float, set of str
        The same for figures and statistics ("per cent", "at least"), which weigh against a
        specific occasion only when ``meeting_signs`` is 0.
    meeting_signs : int
        Dates in the text's lead beside a sentence that names a meeting before any figures
        ("The official visit on 6 May..."): a report of that meeting, whose figures are
        background.
    meta_phrases : set of str
        The different phrases behind ``meta``.
    named_meetings : int
        How many sentences name a meeting: a cue of the event lexicon ("met", "held talks",
        "signed the", "brokered by") or one holding a meeting noun ("state visit") or a word of
        the context list ``meeting_held_in_cues`` ("summoned the Belarusian charge
        d'affaires"), or a word of ``meeting_held_verbs`` anywhere, not denied ("she had been
        convoked to the foreign ministry"); not right after a time reference ("after the
        summit") nor a press conference or a round of sanctions; sentences about another time
        count too. With none, signs of an occasion (a date, a statement) place one side's act
        in time, not a meeting.
    present : int
        How many participants are read as in the room, in a sentence that describes the
        engagement (not in the background, not hosts, bystanders or people acted upon).
    """

    empty: bool = False
    officials: float = 0.0
    official_institutions: float = 0.0
    parties: float = 0.0
    nonstate: float = 0.0
    nonstate_participants: float = 0.0
    negated_officials: float = 0.0
    attending_officials: float = 0.0
    class_denials: int = 0
    denied_offices: float = 0.0
    denied_meetings: int = 0
    meeting_denials: int = 0
    capacity: float = 0.0
    facilitators: float = 0.0
    official_business: float = 0.0
    forum: float = 0.0
    engagement_cues: int = 0
    interaction: int = 0
    events: int = 0
    event_verbs: int = 0
    meta: float = 0.0
    genre: float = 0.0
    genre_phrases: set[str] = field(default_factory=set)
    figures: float = 0.0
    figure_phrases: set[str] = field(default_factory=set)
    meeting_signs: int = 0
    named_meetings: int = 0
    present: int = 0
    meta_phrases: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    settings: object = field(default_factory=_default_settings)

    @property
    def has_officials(self) -> bool:
        return self.officials > 0


def _empty(s: Summary) -> bool:
    return s.empty


def _no_engagement(s: Summary) -> bool:
    return s.engagement_cues == 0


def _meeting_denied(s: Summary) -> bool:
    # A meeting reported only to be denied, refused or called off ("did not meet", "no meeting
    # took place", "declined to meet") and nothing else places one in time (no meeting verb in
    # the past or future, no date): guideline, "What counts as an engagement". A page that
    # denies the meeting it reports as a whole ("no such meeting took place") retells the
    # meeting it denies: its dates and meeting verbs are the report's, and place no meeting in
    # time. The words of a meeting put off ("no new date", "postponed indefinitely") may be
    # about another meeting than the one reported: they are no such denial (meeting_denials).
    return s.meeting_denials > 0 or (s.denied_meetings > 0 and s.events == 0)


def _not_an_engagement(s: Summary) -> bool:
    # An institution named as a subject ("a history of the Council") is not an official
    # in the room.
    t = s.settings
    return s.meta >= t.meta and s.meta > s.engagement_cues and s.officials - s.official_institutions < t.loose


def _clearly_not_an_engagement(s: Summary) -> bool:
    # Strong markers (vacancy, obituary, sale notice) outweigh role words mentioned in passing.
    return s.meta >= s.settings.meta_strong and s.meta > 2 * s.interaction


def _officials_absent(s: Summary) -> bool:
    # The text says outright that officials stayed away ("no serving officials took part",
    # "the ministries declined to send anyone") and what remains is at most weak, or no
    # stronger than the denial itself (an official named in a background sentence, a
    # ministry that funded it). When someone is said to attend in a personal capacity (or
    # under the Chatham House rule), what remains in person must also fall short of one
    # official present.
    # A government facing an armed group across the table is not absent.
    t = s.settings
    in_person = s.officials - s.official_institutions
    weak_left = s.officials < t.present or (
        in_person <= s.negated_officials and (s.capacity == 0 or in_person < t.present)
    )
    # Officials said to take part by a verb of their own ("Deputy foreign ministers joined
    # the dialogue, although no ministers attended") are not cancelled by another group
    # said to be absent ("no ministers attended"), only by a denial of the officials as a
    # class ("No officials took part in the sessions").
    return (
        s.negated_officials >= t.present
        and (s.attending_officials < t.present or s.class_denials > 0)
        and weak_left
        and not (s.parties >= t.party and s.officials >= t.loose)
    )


def _office_denied(s: Summary) -> bool:
    # The text denies the participants an office ("scholars and journalists, but none holding
    # government office"): it says who they are, not that officials were asked and stayed away.
    return s.denied_offices >= s.settings.present


def _about_diplomacy_in_general(s: Summary) -> bool:
    # Signs of a page about something other than one engagement (a job advert, a course, a
    # definition, a career, figures) outweigh the signs of one specific occasion (a meeting
    # verb in the past or future, a date, a round): guideline, "What counts as an engagement".
    # Figures are a page's subject only where no meeting is named: a report of one gives the
    # trade or the casualties behind it ("The state visit on 12 May... trade stood at 1.1
    # billion dollars, according to official figures"); a release of trade figures dated "on
    # Thursday" names none.
    # Signs of an occasion weigh against them only where a sentence names a meeting: a date,
    # a statement or a ruling with no meeting in the text places one side's act in time
    # ("ordered the envoy to leave on Tuesday", "entered into force on 22 January").
    t = s.settings
    genre, phrases = s.genre, len(s.genre_phrases)
    if s.meeting_signs == 0:
        genre, phrases = genre + s.figures, phrases + len(s.figure_phrases)
    events = s.events if s.named_meetings else 0
    return phrases >= 2 and genre >= t.meta and genre > t.genre_ratio * events


def _officials_only_in_the_background(s: Summary) -> bool:
    # No sentence names a meeting, and the officials found all stand in sentences that do not
    # describe the engagement (background, a quoted reaction, the objects of an act: "members
    # of Iran's mission had 48 hours to leave"): one side's act, in which nobody met anybody
    # (guideline, "What counts as an engagement"). Non-state people are left out: an exchange
    # of private people is often told without a meeting word ("five days with the network").
    # Any official weight counts, even a faint one: the fainter the officials' presence, the
    # less the text reports a meeting ("...lodged its instrument of ratification with the
    # Secretary-General" is a background institution, not a participant).
    return s.named_meetings == 0 and s.present == 0 and s.officials > 0 and s.officials >= s.nonstate


def _nobody_met_about_something_else(s: Summary) -> bool:
    # No sentence names a meeting, nobody is read as in the room, and a sign of another kind
    # of page remains (one side's act, a statement, figures): whatever roles or settings the
    # text names, nothing says that anybody met anybody ("Turkey is bringing its ambassador
    # home for consultations, citing the toll of the fighting and the rejected calls for a
    # ceasefire"). Guideline, "What counts as an engagement": people who take part in it.
    # One faint sign ("condemned the") is not enough: it stands in reports of talks too.
    return (
        s.named_meetings == 0
        and s.present == 0
        and s.genre + s.meta + s.figures >= s.settings.occasionless_signs
    )


def _officials_acting_alone(s: Summary) -> bool:
    # No sentence names a meeting (no meeting verb, no meeting noun, no summons or call), the
    # people found are officials more than anyone else, and the text holds a sign of one side's
    # act or of another kind of page ("withdrew their ambassadors from Qatar", "declared the
    # ambassador persona non grata", "the staff have seven days to leave the country"): a
    # government acting on its own meets nobody (guideline, "What counts as an engagement").
    # Non-state people are left out: their exchanges are often told without a meeting word.
    # Nothing places an occasion in time either (no meeting verb, no dated meeting): a report
    # of a meeting told with a verb the rules do not take for one ("the foreign ministers
    # sealed a treaty in Ljubljana on 4 November") keeps its occasion whatever words of a
    # procedure it holds ("must be ratified").
    return (
        s.named_meetings == 0
        and s.events == 0
        and s.officials > s.nonstate
        and s.genre >= s.settings.meetingless_signs
    )


def _no_occasion_about_something_else(s: Summary) -> bool:
    # Nothing places one meeting in time (no meeting verb in the past or future, no date,
    # no "the talks") and signs of another kind of page (a profile, a programme, a glossary
    # entry, a statement) remain: the people named are described, not met (guideline, "What
    # counts as an engagement").
    # Two different signs at least: one word ("repairs", "pensions") is often incidental.
    # Figures always count here: with no occasion at all they mark a page of figures.
    return (
        s.events == 0
        and s.genre + s.figures + s.meta >= s.settings.occasionless_signs
        and len(s.genre_phrases) + len(s.figure_phrases) + len(s.meta_phrases) >= 2
    )


def _setting(s: Summary) -> bool:
    return s.official_business + s.forum + s.capacity > 0


def _interaction(s: Summary) -> bool:
    return s.interaction > 0


def _participants(s: Summary) -> bool:
    return s.officials + s.nonstate + s.parties >= s.settings.present


def _facing_government(s: Summary) -> bool:
    # An armed group counts as an official party only facing a government (guideline rule 5).
    return s.parties >= s.settings.party and s.officials >= s.settings.loose


def _officials(s: Summary) -> bool:
    # Meeting clergy or scholars on its own, an armed group is a non-state participant.
    return s.officials >= s.settings.present or _facing_government(s)


def _official_people(s: Summary) -> bool:
    # Officials in person (a minister, diplomats, a delegation), not only a ministry or
    # embassy that funded, hosted or is mentioned as background (guideline rule 10).
    return s.officials - s.official_institutions >= s.settings.present or _facing_government(s)


def _some_officials(s: Summary) -> bool:
    # A weaker sign of officials ("provincial government directors", "the government"),
    # enough when the text also says someone attended in a personal capacity. A ministry
    # that was only asked about it or answered for it is not enough.
    t = s.settings
    return s.officials - s.official_institutions >= t.loose or s.officials >= t.present


def _nonstate(s: Summary) -> bool:
    return s.nonstate >= s.settings.present


def _nonstate_participants(s: Summary) -> bool:
    return s.nonstate_participants >= s.settings.present


def _anyone_nonstate(s: Summary) -> bool:
    # Anyone outside government named as taking part, however faintly ("a few Harlem
    # Globetrotters"): with the officials said to stay away, they are who met.
    return s.nonstate_participants > 0


def _no_event_verb(s: Summary) -> bool:
    # No word tells a meeting happening ("met", "sat down", "took part", "spent three days"):
    # only its name and dates ("will not attend next week's regional summit").
    return s.event_verbs == 0


def _secret_official_channel(s: Summary) -> bool:
    # Only officials, nobody else at all, on official business: meeting quietly or off the
    # record does not make an officials-only channel Track 1.5 (guideline rule 5).
    return s.nonstate == 0 and s.official_business > s.forum


def _about_something_else(s: Summary) -> bool:
    # With nobody named as taking part, signs that the text is about something else
    # (a course, a glossary entry, a company result) outweigh diplomatic vocabulary.
    # Two are needed: one word like "lecture" or "hotel" is often incidental.
    return s.meta >= s.settings.meta


def _private_facilitator(s: Summary) -> bool:
    # A private foundation, NGO or religious community facilitating or mediating (guideline
    # rule 12: contested; the facilitated-1.5 definition counts it).
    return s.facilitators >= s.settings.present


def _officials_dominate(s: Summary) -> bool:
    # Officials in person far outnumber the non-state people named (a delegation with two
    # technical advisers, a leaders' meeting with a business guest): still official business
    # between states, not a mixed forum (guideline rules 4 and 5).
    return s.officials - s.official_institutions >= s.settings.official_dominance * s.nonstate_participants


def _capacity(s: Summary) -> bool:
    return s.capacity > 0


def _nonstate_outnumber_officials(s: Summary) -> bool:
    # The mirror of officials_dominate: non-state participants outnumber the officials
    # (a dialogue of scholars, editors and a few diplomats about a treaty), so the formal words
    # are its topic, not talks between states (guideline rule 4). Peace talks between a
    # government and an armed group stay official talks whoever mediates (rules 5 and 12).
    if _facing_government(s):
        return False
    return s.nonstate_participants > s.settings.nonstate_majority * s.officials


def _official_business(s: Summary) -> bool:
    return s.official_business > s.forum


def _forum(s: Summary) -> bool:
    return s.forum > s.official_business


#: The conditions a decision may name, by name.
CONDITIONS: dict[str, Callable[[Summary], bool]] = {
    "empty": _empty,
    "no_engagement_cue": _no_engagement,
    "meeting_denied": _meeting_denied,
    "not_an_engagement": _not_an_engagement,
    "clearly_not_an_engagement": _clearly_not_an_engagement,
    "about_diplomacy_in_general": _about_diplomacy_in_general,
    "no_occasion_about_something_else": _no_occasion_about_something_else,
    "officials_only_in_the_background": _officials_only_in_the_background,
    "nobody_met_about_something_else": _nobody_met_about_something_else,
    "officials_acting_alone": _officials_acting_alone,
    "interaction": _interaction,
    "setting": _setting,
    "officials_absent": _officials_absent,
    "office_denied": _office_denied,
    "participants": _participants,
    "officials": _officials,
    "official_people": _official_people,
    "some_officials": _some_officials,
    "nonstate": _nonstate,
    "nonstate_participants": _nonstate_participants,
    "no_event_verb": _no_event_verb,
    "anyone_nonstate": _anyone_nonstate,
    "unofficial_capacity": _capacity,
    "officials_dominate": _officials_dominate,
    "nonstate_outnumber_officials": _nonstate_outnumber_officials,
    "private_facilitator": _private_facilitator,
    "about_something_else": _about_something_else,
    "secret_official_channel": _secret_official_channel,
    "official_business": _official_business,
    "forum": _forum,
}

#: The conditions that ask who took part (an explanation whose decision names none of them,
#: reached with nobody counted as taking part, lists the words found as too faint).
PARTICIPANT_CONDITIONS = frozenset(
    {
        "participants",
        "officials",
        "official_people",
        "some_officials",
        "nonstate",
        "nonstate_participants",
        "anyone_nonstate",
        "officials_dominate",
        "nonstate_outnumber_officials",
        "private_facilitator",
    }
)
