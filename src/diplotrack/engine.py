"""The rule engine: walks a rule set over an engagement and returns a verdict.

The engine knows no particular word or label. What it looks for comes from the rule set's
cue rules and lexicons, how far modifiers reach from its context words and settings (the
scope functions in :mod:`diplotrack.scope`), and what it decides from the decision table
over the named conditions of :mod:`diplotrack.conditions`. It does three things:

1. **scan** each field for phrases of the participant lexicons and of the nature
   lexicons (two tries, one pass each);
2. **count** each role found as a participant, or as former, negated, a host, a bystander,
   part of a name, asked about, or ambiguous -- whichever the scope functions say -- and
   total the evidence into a :class:`~diplotrack.conditions.Summary`;
3. **decide** with the first decision whose conditions hold, and explain.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate

from .conditions import CONDITIONS, Summary
from .engagement import Engagement
from .explain import explain_rules
from .matching import PhraseIndex, Token, tokenize
from .rules import NATURE_KINDS, ROLE_KINDS, Decision, Rule
from .ruleset import Ambiguity, EngineSettings, load_ruleset, phrase_key
from .scope import (
    Match,
    Scope,
    acts_as_party,
    ambiguity_context,
    called_off,
    defined_acronyms,
    denial_reading,
    denial_word_index,
    denied_meeting,
    denied_nature,
    denied_office,
    in_name,
    in_question,
    in_scare_quotes,
    is_place,
    is_topic,
    modifier_after,
    modifier_before,
    name_after,
    named_person_of,
    nobody_at,
    staff_of,
    stemmed,
    takes_part,
    told_as_history,
)
from .verdict import ABSTAIN, TRACKS, Evidence, Track, Verdict, spread_probability

__all__ = ["RuleEngine", "Summary"]

_NATURE_KINDS = frozenset(NATURE_KINDS)
_ROLE_KINDS = frozenset(ROLE_KINDS)
#: Marks before a role that put it outside the meeting described: a non-state role so marked is
#: mentioned, not a host (see ``_count_role``).
_OUTSIDE_KINDS = frozenset({"outside_before", "subject_before"})
#: The reason given when a "best-supported track" decision finds tracks tied.
_TIE_ABSTENTION = (
    "an engagement may be described, but nothing says clearly who took part or how formally: no "
    "track is better supported than another ({tracks} tie), so none is picked by default; name "
    "who took part for a label"
)
# Signs of another kind of page or of another occasion are no sign of an engagement.
_NO_CUE_KINDS = frozenset({"meta", "elsewhere"})
_NONSTATE_KINDS = frozenset({"nonstate", "breaker"})
_OFFICIAL_KINDS = frozenset({"official", "intergovernmental"})
_DENIABLE = frozenset({"formal", "purpose_official"})
# Signs of a meeting that a denial before them cancels ("did not meet", "no meeting took place").
_MEETING_KINDS = frozenset({"event", "interaction", "engagement"})
# Statuses of participants said to be in the room, in a sentence that describes the engagement.
_PRESENT = frozenset({"counted", "former", "delegate", "facilitator"})
# Signs of one occasion and of a page's genre are scanned on their own, so that their longer
# phrases ("held talks", "this course") never hide the shorter cues inside them.
_OCCASION_KINDS = frozenset({"event", "date", "genre", "figures", "denial"})
_ACTIVE_KINDS = frozenset({"event", "engagement", "interaction", "formal", "informal"})
# A report of one meeting dates it in its lead (a heading, a dateline and the first sentence or
# two); a page of figures that names a dated meeting does so further down ("the committee will
# meet in February", "at last week's summit").
_LEAD_SENTENCES = 3
# How many words before a meeting a word of the context list time_references makes it the time
# of something else ("ahead of the summit", "a day after the two presidents met").
_TIME_REFERENCE_REACH = 4


def _meeting_told(
    found: list[Evidence], text: str, tokens: Token, meetings: set[int], stops: frozenset[str]
) -> int:
    """1 when a sentence that names a meeting also names two particular people in the room
    ("Finance Minister Sitharaman met U.S. Treasury Secretary Yellen"), wherever it stands:
    the page reports that meeting, and its figures are background; else 0. A meeting named
    after the figures with nobody in it ("exports rose ahead of the summit"), with classes of
    people ("meetings of EU ministers with Chinese officials"), or in a sentence that holds a
    word of ``stops`` (context lists time_references and meeting_told_stops: the meeting as
    the time of the figures or one only hoped for, "since President Modi met President Xi",
    "betting that the two ministers will meet") stays their time or their subject."""
    present: dict[int, int] = {}
    for e in found:
        if e.kind == "participant" and e.status in _PRESENT and e.start is not None:
            if _particular(text, e.start, e.end):
                n = tokens.sentence[max(bisect_right(tokens.starts, e.start) - 1, 0)]
                present[n] = present.get(n, 0) + 1
    told = {n for n in meetings if present.get(n, 0) >= 2}
    if told:
        told -= {tokens.sentence[k] for k, w in enumerate(tokens.lowers) if w in stops}
    return int(bool(told))


# One person: a role in the singular followed by a name on the same line ("Minister Nirmala
# Sitharaman") or by "of" and a name ("the President of Kenya"), or right after a state's name
# or adjective ("the French President", "U.S.
# Treasury Secretary"), or after a possessive and at most one word ("Chile's agriculture
# minister"); not a class ("ministers", "Kiptoo met journalists").
_NAME_AFTER = re.compile(r"[ \t]+(?:[A-Z]\.[ \t]*)*[A-Z][a-z\u00e0-\u00ff'-]+")
_OWNER_AFTER = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
_OWNER_BEFORE = re.compile(
    r"(?:[a-z,][ \t]+(?:the[ \t]+)?[A-Z][\w.\u00c0-\u00ff-]*[ \t]+"
    r"|[A-Z][\w.\u00c0-\u00ff-]*(?:'s|\u2019s)[ \t]+(?:[a-z-]+[ \t]+)?)$"
)


def _particular(text: str, start: int, end: int) -> bool:
    last = text[start:end].rsplit(None, 1)[-1].lower()
    if last.endswith("s") and not last.endswith(("ss", "affaires")):
        return False  # a class of people, not one
    after = _NAME_AFTER.match(text, end)
    if after and text[end : after.end()].strip() not in ("Of", "And"):
        return True
    if _OWNER_AFTER.match(text, end):
        return True  # "the ambassador of Iran", "a deputy director-general of Turkey's Treasury"
    return bool(_OWNER_BEFORE.search(text, max(0, start - 40), start))


@dataclass
class _Group:
    """The phrases of one scan (participants, nature or occasion) in one trie, and the
    cue rules of that scan given as regular expressions (each with its compiled pattern
    and the kinds of the matches it makes), in rule-table order."""

    index: PhraseIndex = field(default_factory=lambda: PhraseIndex(()))
    regex: list[tuple[Rule, re.Pattern, re.Pattern | None, frozenset[str]]] = field(default_factory=list)


_new_match = tuple.__new__


def _first_word(m: Match) -> int:
    return m.i


def _headings(tokens: Token, text: str, words: Iterable[str], lead: Iterable[str] = ()) -> dict[int, int]:
    """Headings of a list in minutes or a programme ("Participants:", "Apologies:"): the
    first heading word of each sentence that has one, followed by a colon, as ``{index of
    the word: its sentence}``; with ``lead``, also a heading that is a sentence of its own, after only
    those words ("List of participants.")."""
    lowers, starts, ends, sentence = tokens.lowers, tokens.starts, tokens.ends, tokens.sentence
    found: dict[int, int] = {}
    seen: set[int] = set()
    for i in range(len(lowers) - 1):
        if lowers[i] not in words or sentence[i] in seen:
            continue
        colon = ":" in text[ends[i] : starts[i + 1]]
        if not colon and lead and sentence[i + 1] != sentence[i]:
            k, j = sentence[i], i - 1
            while j >= 0 and sentence[j] == k and lowers[j] in lead:
                j -= 1
            colon = j < 0 or sentence[j] != k
        if colon:
            found[i] = sentence[i]
            seen.add(sentence[i])
    return found


def _best_tracks(raw: Mapping[str, float]) -> list[str]:
    """The tracks with the most support, in the order of ``TRACKS`` (more than one on a tie)."""
    top = max(raw[t] for t in TRACKS)
    return [t for t in TRACKS if raw[t] == top]


def _keep_denied_meetings_of_occasions(s: Summary) -> None:
    """A meeting denied only together with the people it would have been with ("We did not
    meet any politicians or government officials") says who took no part, not that nothing
    took place: the participants' own negation says so, and such a denial is dropped from
    the denied meetings (and from the evidence, which quotes the negated people instead)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for e in s.evidence:
        if e.kind == "participant" and e.status == "negated" and e.start is not None:
            spans.setdefault(e.field, []).append((e.start, e.end))
    if not spans:
        return
    # Per field, the negated spans by start, with the furthest end reached so far: a span
    # holds a denied meeting if one starting at or before it ends at or after it (one
    # search per meeting; checking every pair took seconds on a cell of repeated denials).
    reach = {}
    for where, found in spans.items():
        found.sort()
        reach[where] = ([a for a, _ in found], list(accumulate((b for _, b in found), max)))
    kept = []
    for e in s.evidence:
        if e.kind == "denied_meeting" and e.field in reach and e.start is not None:
            starts, ends = reach[e.field]
            i = bisect_right(starts, e.start)
            if i and ends[i - 1] >= e.end:
                s.denied_meetings -= 1
                continue
        kept.append(e)
    s.evidence[:] = kept


class RuleEngine:
    """Compiled rules, lexicons and decisions; turns engagements into verdicts.

    Parameters
    ----------
    rules : sequence of Rule, optional
        The cue rules. Defaults to the shipped rule set's.
    lexicon : mapping of str to sequence of str, optional
        The lexicons the rules name. Defaults to the shipped rule set's.
    decisions : sequence of Decision, optional
        The decision table, tried in order. Defaults to the shipped rule set's.
    ruleset : RuleSet, optional
        Where the context words, settings, ambiguous entries and version come from
        (default: the shipped rule set).
    version : str, optional
        The rule-set version recorded in verdicts (default: the rule set's).
    definition : str
        Name of the definition profile the decision table follows, named in explanations.

    Attributes
    ----------
    lexicons : mapping of str to tuple of str
        The phrases of every lexicon, as the engine was built with them.

    Examples
    --------
    >>> engine = RuleEngine()
    >>> engine.verdict(Engagement("The foreign ministers signed the treaty.")).label
    'Track 1'
    """

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        lexicon: Mapping[str, Sequence[str]] | None = None,
        decisions: Sequence[Decision] | None = None,
        *,
        ruleset=None,
        version: str | None = None,
        definition: str = "guideline",
    ):
        rs = load_ruleset() if ruleset is None else ruleset
        self.rules = tuple(rs.rules if rules is None else rules)
        self.decisions = tuple(rs.decisions if decisions is None else decisions)
        lexicon = rs.lexicons if lexicon is None else lexicon
        self.lexicons = {name: tuple(phrases) for name, phrases in lexicon.items()}
        self.settings: EngineSettings = rs.settings
        self.scope = Scope.from_ruleset(rs)
        self._meeting_nouns = stemmed(self.scope.words["meeting_nouns"])
        self._time_references = frozenset(self.scope.words["time_references"])
        self._meeting_words = frozenset(self.scope.words["meeting_words"])
        self._meeting_held_verbs = frozenset(self.scope.words["meeting_held_verbs"])
        self._meeting_held_in_cues = self._meeting_held_verbs | frozenset(
            self.scope.words["meeting_held_in_cues"]
        )
        self._meeting_told_stops = self._time_references | frozenset(self.scope.words["meeting_told_stops"])
        self._press_words = frozenset(self.scope.words["press_before"])
        self._other_rounds = stemmed(self.scope.words["round_of_other"])
        self.version = rs.version if version is None else version
        self.definition = definition
        # Set by whoever compiles the engine (RuleClassifier): a digest of what it was built
        # from, so that two engines that read alike can be told apart from two that do not.
        self.fingerprint = ""
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"Invalid rule table: rule ids must be unique, got duplicates {dupes}.")
        self.rule_ids = tuple(ids)
        self._participants = _Group()
        self._nature = _Group()
        self._occasion = _Group()
        fallbacks = []
        for rule in self.rules:
            if rule.fallback:
                fallbacks.append(rule)
                continue
            group = self._group_of(rule)
            if rule.regex is not None:
                group.regex.append(_compiled(rule))
                continue
            if rule.lexicon not in lexicon:
                raise ValueError(
                    f"Invalid rule {rule.id!r}: lexicon {rule.lexicon!r} not found; expected "
                    f"one of {sorted(lexicon)}."
                )
            for phrase in lexicon[rule.lexicon]:
                group.index.add(phrase, rule.id)
        # Fallback role rules are read with all the others, modifiers included ("former
        # beekeepers"), but only in a text where the others find nobody (Rule.fallback).
        self._with_fallback: _Group | None = None
        if fallbacks:
            extended = _Group(self._participants.index, list(self._participants.regex))
            extended.regex.extend(_compiled(rule) for rule in fallbacks)
            self._with_fallback = extended
        self._by_id = {r.id: r for r in self.rules}
        # One-word entries of the serving lexicons ("serving", "sitting", "acting"): a role
        # phrase that begins with one names people in office now ("the serving diplomats").
        self._serving_words = frozenset(
            phrase.rstrip("!")
            for rule in self.rules
            if rule.kind == "serving" and rule.lexicon in lexicon
            for phrase in lexicon[rule.lexicon]
            if " " not in phrase
        )
        # Keyed by the stems a match covers: an exact-form entry ("general!") drops its marker,
        # since the trie has already checked the form.
        self._ambiguous: dict[tuple[tuple[str, ...], str], Ambiguity] = {
            (tuple(w for w in phrase_key(a.phrase) if not w.endswith("!")), a.lexicon): a
            for a in rs.ambiguous
        }
        self._ambiguous_first = frozenset(key[0] for key, _ in self._ambiguous)
        # The longest ambiguous entry, in words: a longer match is never one of them.
        self._ambiguous_words = max((len(key) for key, _ in self._ambiguous), default=0)
        self._kinds_cache: dict[tuple, tuple[tuple[Rule, ...], frozenset[str], Ambiguity | None]] = {}
        self._capital_acronyms = self.scope.words["capital_acronyms"]
        # The decision table with its named conditions looked up once, not per case.
        self._tests = tuple(
            (d, tuple(CONDITIONS[c] for c in d.when), tuple(CONDITIONS[c] for c in d.unless))
            for d in self.decisions
        )

    # ---- scanning ------------------------------------------------------------------
    def _ambiguity_of(self, tokens: Token, i: int, j: int, rules: tuple[Rule, ...]) -> Ambiguity | None:
        if tokens.stems[i] not in self._ambiguous_first:
            return None
        key = tuple(tokens.stems[i:j])
        for rule in rules:
            amb = self._ambiguous.get((key, rule.lexicon))
            if amb is not None:
                return amb
        return None

    def _group_of(self, rule: Rule) -> _Group:
        if rule.kind in _OCCASION_KINDS:
            return self._occasion
        return self._nature if rule.kind in _NATURE_KINDS else self._participants

    def _matches(self, group: _Group, tokens: Token, text: str) -> list[Match]:
        """The phrases of ``group`` found in one field, in order of their first word."""
        out = []
        cache = self._kinds_cache
        sentence, stems = tokens.sentence, tokens.stems
        ambiguous_first, longest = self._ambiguous_first, self._ambiguous_words
        acronyms = self._capital_acronyms
        for i, j, ids in group.index.find(tokens):
            if sentence[i] != sentence[j - 1]:
                continue  # a phrase never runs across a sentence break ("out of government. Participants")
            if tokens.lowers[i] in acronyms and not _acronym_as_written(i, tokens, text):
                continue  # "Kim Jong-un", "Port-au-Prince", "un-official": no UN, no AU
            got = cache.get(ids)
            if got is None:
                rules = tuple(self._by_id[x] for x in ids)
                got = cache[ids] = (rules, frozenset(r.kind for r in rules), None)
            amb = (
                self._ambiguity_of(tokens, i, j, got[0])
                if j - i <= longest and stems[i] in ambiguous_first
                else None
            )
            # tuple.__new__ skips the named tuple's Python-level constructor (hot path).
            out.append(_new_match(Match, (i, j, got[0], got[1], amb)))
        if group.regex:
            extra = _regex_matches(group, tokens, text, out)
            if extra:
                out.extend(extra)
                out.sort(key=_first_word)  # stable: a regex match follows a phrase at its word
        return out

    def summarize(self, engagement: Engagement) -> Summary:
        """Scan every field of ``engagement`` and total the evidence."""
        s = Summary(settings=self.settings)
        fields = engagement.fields()
        if not any(text.strip() for _, text in fields):
            s.empty = True
            return s
        plain = self._plain_acronyms(fields)
        scanned = []
        for name, text in fields:
            tokens = tokenize(text)
            if not tokens.stems:
                continue
            elsewhere: set[int] = set()
            dates: list[tuple[int, int]] = []
            # Sentences that name a meeting, and those that give figures (see _place_dates).
            meetings: set[int] = set()
            figured: set[int] = set()
            called: dict[int, bool] = {}
            marks = (elsewhere, dates, meetings, figured, called)
            # A meeting verb names a meeting even where no cue holds it ("she had been convoked
            # to the Spanish foreign ministry", "the minister telephoned his counterpart").
            meetings.update(self._held_verb_sentences(tokens))
            active = self._scan_nature(s, name, text, tokens, self._nature, *marks)
            active |= self._scan_nature(s, name, text, tokens, self._occasion, *marks)
            # A lead whose first meeting is only called off ("The minister has cancelled her
            # planned visit to Fiji", "The summit due to open next week has been postponed")
            # reports a meeting that will not happen: the dates and occasions after it are the
            # called-off meeting's, as after a denial of the reported meeting.
            if name == "description" and self._lead_called_off(text, tokens, called):
                s.meeting_denials += 1
            # A report of one meeting names it before its figures; a page of figures that names a
            # meeting after them gives it as their time ("the data came a week after talks").
            first_figures = min(figured, default=tokens.sentence[-1] + 1)
            reported = {n for n in meetings - elsewhere if n < first_figures}
            s.named_meetings += len(meetings)
            active |= self._place_dates(s, dates, active, reported)
            # A sentence about another time or meeting ("ministers later took up the
            # proposals") does not describe the engagement, whatever cues it holds.
            active -= elsewhere
            # Who took part is said where the meeting is described: in a text of several
            # sentences, a role named only in sentences with no sign of the engagement
            # (background, history, a quoted reaction) counts for less (guideline rule 1).
            several = name == "description" and tokens.sentence[-1] > 0
            described = active if several else None
            found = len(s.evidence)
            self._scan_participants(s, name, text, tokens, described, plain, elsewhere)
            if several and not s.meeting_signs and (named := meetings - elsewhere):
                s.meeting_signs += _meeting_told(
                    s.evidence[found:], text, tokens, named, self._meeting_told_stops
                )
            scanned.append((name, text, tokens, described, elsewhere))
        if self._with_fallback is not None and not any(
            e.kind == "participant" and e.status != "negated" for e in s.evidence
        ):
            # Nobody found: the scan again with the fallback rules adds only what they find.
            for name, text, tokens, described, elsewhere in scanned:
                self._scan_participants(s, name, text, tokens, described, plain, elsewhere, fallback=True)
        if s.denied_meetings:
            _keep_denied_meetings_of_occasions(s)
        s.present = sum(e.kind == "participant" and e.status in _PRESENT for e in s.evidence)
        if s.figure_phrases:
            # Figures weigh only where no meeting is named (conditions.about_diplomacy_in_general).
            status = "discounted" if s.meeting_signs else "counted"
            s.evidence = [replace(e, status=status) if e.status == "figure" else e for e in s.evidence]
        return s

    def evidence(self, engagement: Engagement, *, decided: bool = False) -> list[Evidence]:
        """The cue evidence of ``engagement``, without explaining: what a verdict's evidence
        holds before its decision (the trained model's rule features). With ``decided``, the
        decision that fired is appended, as in a verdict but without its confidence."""
        s = self.summarize(engagement)
        if not decided:
            return s.evidence
        d = self.decide(s)
        label, _ = self._label(d, s)
        decision = Evidence(d.id, "decision", "", "", None, None, label, 1.0, "counted", d.description)
        return [*s.evidence, decision]

    def _plain_acronyms(self, fields) -> frozenset[str]:
        """Acronyms the text defines as a name that holds no role ("the European Leadership
        Network (ELN)"): such an acronym is that name wherever it appears, not a role word."""
        plain = set()
        for _, text in fields:
            for acronym, expansion in defined_acronyms(text).items():
                found = self._participants.index.find(tokenize(expansion))
                if not any(self._by_id[r].kind in _ROLE_KINDS for _, _, ids in found for r in ids):
                    plain.add(acronym)
        return frozenset(plain)

    def _discard_ambiguous(
        self,
        s: Summary,
        m: Match,
        name: str,
        text: str,
        tokens: Token,
        breaker_at,
        role_at,
        nonstate_at,
        acronym_at,
        read_before: dict[tuple[str, str], tuple[str, bool]],
        state_at=None,
    ) -> bool:
        """Whether ``m`` is read in another sense (recorded as evidence with the reason).
        ``read_before`` holds, per entry marked ``taken_up``, the context word and the case of
        the last mention of this field read in another sense; a mention read as the office
        itself clears it, so "the President" refers to the holder named last."""
        amb = m.ambiguity
        a, b = tokens.starts[m.i], tokens.ends[m.j - 1]
        key, capital = (amb.phrase, amb.lexicon), text[a].isupper()
        word = ambiguity_context(
            m, tokens, self.scope, breaker_at, role_at, nonstate_at, acronym_at, text=text, state_at=state_at
        )
        if word is not None:
            note = f"{amb.note} Here read with {word!r}."
            if amb.taken_up:
                read_before[key] = (word, capital)
        elif (
            (seen := read_before.get(key)) is not None
            and seen[1] == capital
            and self._taken_up(m, text, tokens)
        ):
            # One sense per text: "the President welcomed the visitors" after "the
            # Association's President" is the same person, not a head of state; news style
            # tells "the chamber's president" from "the President" by the capital alone.
            note = f"{amb.note} Here the same as before, read with {seen[0]!r}."
        else:
            read_before.pop(key, None)
            return False
        s.evidence.append(
            Evidence(m.rules[0].id, "participant", text[a:b], name, a, b, None, 0.0, "ambiguous", note)
        )
        return True

    def _taken_up(self, m: Match, text: str, tokens: Token) -> bool:
        """Whether a role is taken up again with "the" and nothing of its own after it: no
        name ("the President Mr Ruto") and no *of* ("the President of Kenya")."""
        return (
            _definite_before(m, tokens, self.scope.words["definite_numbers"])
            and not (m.j < len(tokens.lowers) and tokens.lowers[m.j] in self.scope.words["of_words"])
            and not name_after(m, text, tokens, self.settings.name_run)
        )

    def _lead_called_off(self, text: str, tokens: Token, called: Mapping[int, bool]) -> bool:
        """Whether the text opens by calling a meeting off ("The minister has cancelled her
        planned visit to Fiji", "The conference, which was to have opened on 14 February, has
        been postponed", a heading "Japan trip put off"): in its first sentence every cue that
        names a meeting is called off (``called``, from the scans), and so is every word that
        names one (:func:`~diplotrack.scope.meeting_word_at`), at least one of them; the
        call-off's clause holds no word of ``call_off_breaks`` or ``call_off_relatives``
        before it, and no word of ``held_anyway`` comes after it. Only the first sentence: a
        meeting put off further on may be another than the one the text reports ("A
        conference planned for March was postponed. So it mattered that the institute brought
        twenty historians together in June")."""
        scope, lowers, first = self.scope, tokens.lowers, bisect_left(tokens.sentence, 1)
        if not called.get(0, True):
            return False
        if first < len(lowers) and ";" in text[tokens.ends[first - 1] : tokens.starts[first]]:
            # A clause before a semicolon is no lead: "the summit was postponed; the ministers met".
            return False
        nouns, meeting_words = self._meeting_nouns, self._meeting_words
        found = [k for k in range(first) if tokens.stems[k] in nouns or lowers[k] in meeting_words]
        spans = [off for k in found if (off := called_off(Match(k, k + 1, (), frozenset()), tokens, scope))]
        if not spans or not _all_within(found, spans):
            return False
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        clause = max((k for k in tokens.pauses if k <= start), default=0)
        words = scope.words
        # Not in a clause of time, cause or relation ("A day after the minister cancelled his
        # visit, ...", "the minister, who postponed his trip, received..."): the lead reports
        # what happened then. Nor when the text goes on to a meeting held after all
        # ("Instead, he spoke by telephone with...").
        return not (
            any(
                lowers[k] in words["call_off_breaks"] or lowers[k] in words["call_off_relatives"]
                for k in range(clause, start)
            )
            or any(lowers[k] in words["held_anyway"] for k in range(end, len(lowers)))
        )

    def _after_time_reference(self, tokens: Token, i: int) -> bool:
        """Whether a word of ``time_references`` stands within ``_TIME_REFERENCE_REACH`` words
        before word ``i``, in its sentence ("after the summit", "since he telephoned"): the
        meeting named there is the time of something else."""
        here = tokens.sentence[i]
        return any(
            tokens.sentence[k] == here and tokens.lowers[k] in self._time_references
            for k in range(max(0, i - _TIME_REFERENCE_REACH), i)
        )

    def _held_verb_sentences(self, tokens: Token) -> set[int]:
        """The sentences in which a word of ``meeting_held_verbs`` tells a meeting held: not
        denied ("was not convoked", "never phoned"), as ``scope.denied_meeting`` reads a
        meeting word, nor right after a time reference ("has not telephoned him since")."""
        sentence, held = tokens.sentence, self._meeting_held_verbs
        found = set()
        for k, w in enumerate(tokens.lowers):
            if w not in held or sentence[k] in found:
                continue
            if denied_meeting(Match(k, k + 1, (), frozenset()), tokens, self.scope) is not None:
                continue
            if self._after_time_reference(tokens, k):
                continue
            found.add(sentence[k])
        return found

    def _no_meeting_noun(self, m: Match, tokens: Token) -> bool:
        """Whether the cue's meeting noun names no meeting: a news or press conference ("held a
        press conference"), a round of sanctions ("the latest round of sanctions"), as the
        ambiguity entries of those nouns read them (context lists press_before, round_of_other)."""
        stems, lowers, n = tokens.stems, tokens.lowers, len(tokens.lowers)
        for k in range(m.i, m.j):
            if stems[k] not in self._meeting_nouns:
                continue
            if k > 0 and lowers[k - 1] in self._press_words:
                return True
            if k + 2 < n and lowers[k + 1] == "of" and stems[k + 2] in self._other_rounds:
                return True
        return False

    def _scan_nature(
        self,
        s: Summary,
        name: str,
        text: str,
        tokens: Token,
        group: _Group,
        elsewhere: set[int],
        dates: list[tuple[int, int]],
        meetings: set[int],
        figured: set[int],
        called: dict[int, bool],
    ) -> set[int]:
        """Count the nature (or occasion) cues of one field; return the sentences that have one,
        add to ``elsewhere`` those about another time or meeting, to ``dates`` each date found
        (its sentence and its place in the evidence), for :meth:`_place_dates`, and to
        ``meetings`` the sentences that name a meeting (a meeting verb, or a cue that holds a
        word of ``meeting_nouns``: "state visit", "telephone conversation", "talks between"), to
        ``figured`` those that give figures, and to ``called`` each sentence that names a meeting,
        with whether every meeting it names is denied or called off (see :meth:`summarize`)."""
        ev = s.evidence
        active: set[int] = set()
        starts, ends = tokens.starts, tokens.ends
        scope, st = self.scope, self.settings
        for m in self._matches(group, tokens, text):
            if self._other_sense(m, tokens, text):
                continue
            names = m.kinds & _MEETING_KINDS and not (
                self._meeting_nouns.isdisjoint(tokens.stems[m.i : m.j])
                and self._meeting_words.isdisjoint(tokens.lowers[m.i : m.j])
            )
            press = bool(m.kinds & _MEETING_KINDS) and self._no_meeting_noun(m, tokens)
            names = names and not press
            if m.kinds & _MEETING_KINDS and (deny := denied_meeting(m, tokens, scope)) is not None:
                # "did not meet", "no meeting took place", "declined an invitation to meet":
                # a meeting denied or refused is no sign of an engagement.
                s.denied_meetings += 1
                if names:
                    n = tokens.sentence[m.i]
                    called[n] = called.get(n, True) and deny.call_off
                na, nb = starts[deny.start], ends[deny.end - 1]
                rule = m.rules[0]
                ev.append(
                    Evidence(
                        rule.id,
                        "denied_meeting",
                        text[na:nb],
                        name,
                        na,
                        nb,
                        None,
                        0.0,
                        "negated",
                        rule.description,
                    )
                )
                continue
            if names:
                called[tokens.sentence[m.i]] = False
            if not m.kinds <= _NO_CUE_KINDS:
                s.engagement_cues += 1
            if m.kinds & _ACTIVE_KINDS:
                active.add(tokens.sentence[m.i])
                n = tokens.sentence[m.i]
                # A meeting verb ("summoned the Belarusian charge d'affaires", "telephoned his
                # counterpart") names the meeting as a meeting noun does.
                if (
                    (
                        "event" in m.kinds
                        or not self._meeting_nouns.isdisjoint(tokens.stems[m.i : m.j])
                        or not self._meeting_held_in_cues.isdisjoint(tokens.lowers[m.i : m.j])
                    )
                    and not press
                    and not self._after_time_reference(tokens, m.i)
                ):
                    meetings.add(n)
            a, b = starts[m.i], ends[m.j - 1]
            negator = denied_nature(m, tokens, scope) if m.kinds & _DENIABLE else None
            denied = negator is not None
            topic = None
            for rule in m.rules:
                kind = rule.kind
                w = rule.weight
                status = "counted"
                if denied and kind in _DENIABLE:
                    na = starts[negator]
                    ev.append(
                        Evidence(
                            rule.id,
                            "negated_" + kind,
                            text[na:b],
                            name,
                            na,
                            b,
                            None,
                            0.0,
                            "negated",
                            rule.description,
                        )
                    )
                    continue
                if kind in ("event", "date"):
                    if kind == "date":  # counted, or not, once the field's signs are all known
                        dates.append((tokens.sentence[m.i], len(ev)))
                    else:
                        s.events += 1
                        s.event_verbs += 1
                    ev.append(
                        Evidence(
                            rule.id, "event", text[a:b], name, a, b, None, 0.0, "counted", rule.description
                        )
                    )
                    continue
                if kind == "elsewhere":
                    elsewhere.add(tokens.sentence[m.i])
                    ev.append(
                        Evidence(rule.id, kind, text[a:b], name, a, b, None, 0.0, "counted", rule.description)
                    )
                    continue
                if kind == "interaction":
                    if denied:
                        continue  # "there were no negotiations": nobody dealt with anybody by them
                    s.interaction += 1
                    ev.append(
                        Evidence(rule.id, kind, text[a:b], name, a, b, None, 0.0, "counted", rule.description)
                    )
                    continue
                if kind == "figures":
                    # Counted apart: they weigh only where no meeting is named (see
                    # conditions.about_diplomacy_in_general); the evidence reads as a genre sign.
                    kind, status = "genre", "figure"
                    figured.add(tokens.sentence[m.i])
                    phrase = " ".join(tokens.stems[m.i : m.j])
                    if phrase not in s.figure_phrases:
                        s.figures += rule.weight
                        s.figure_phrases.add(phrase)
                elif kind in ("genre", "denial"):
                    # A denial of the reported meeting is a sign of a page about something else
                    # that also says the meeting did not happen; its evidence reads as a genre sign.
                    if kind == "denial":
                        if not told_as_history(m, tokens, scope):
                            s.meeting_denials += 1
                        kind = "genre"
                    # Each sign counts once: a page that says "your" five times has one sign,
                    # and "you" and "your" are one sign too, the reader addressed.
                    phrase = " ".join(tokens.stems[m.i : m.j])
                    if phrase in self.scope.words["reader_address"]:
                        phrase = "you"
                    if phrase not in s.genre_phrases:
                        s.genre += rule.weight
                        s.genre_phrases.add(phrase)
                elif kind == "meta":
                    s.meta += rule.weight or 1.0
                    s.meta_phrases.add(" ".join(tokens.stems[m.i : m.j]))
                elif kind in _DENIABLE:
                    if topic is None:
                        topic = is_topic(m, tokens, scope)
                    if topic:
                        # A topic of talk, not formal business being done, so it counts for little.
                        w = st.topic_factor * w
                    s.official_business += w
                elif kind in ("informal", "purpose_people"):
                    s.forum += rule.weight
                if rule.weight or kind == "meta":
                    ev.append(
                        Evidence(
                            rule.id,
                            kind,
                            text[a:b],
                            name,
                            a,
                            b,
                            rule.supports,
                            w,
                            status,
                            rule.description,
                        )
                    )
        return active

    @staticmethod
    def _place_dates(
        s: Summary, dates: list[tuple[int, int]], active: set[int], meetings: set[int]
    ) -> set[int]:
        """Count each date as the time of one occasion where the text says what happened then:
        a sign of the engagement in the date's sentence, or in the next one (a dateline or a
        heading over the report); return the sentences of the dates so placed. A date on a
        statement, a death or an appointment ("the ministry on Tuesday condemned...", "who
        died on Friday") places no meeting in time, and its sentence stays background. A date
        beside a sentence in ``meetings`` is also a sign of a meeting (``Summary.meeting_signs``);
        one beside a relation only ("trade between the two rose on Monday") is not. The caller
        leaves out of ``meetings`` the sentences that tell another occasion and those from the
        first that gives figures on: there the meeting is the time of the figures ("exports rose
        12 per cent ahead of the summit on 14 July"), not what the text reports."""
        placed = set()
        for sentence, i in dates:
            if sentence in active or sentence + 1 in active:
                s.events += 1
                placed.add(sentence)
                if sentence < _LEAD_SENTENCES and (sentence in meetings or sentence + 1 in meetings):
                    s.meeting_signs += 1
            else:
                s.evidence[i] = replace(s.evidence[i], kind="date", status="unplaced")
        return placed

    def _scan_participants(
        self,
        s: Summary,
        name: str,
        text: str,
        tokens: Token,
        active: set[int] | None = None,
        plain: frozenset[str] = frozenset(),
        elsewhere: set[int] | frozenset[int] = frozenset(),
        fallback: bool = False,
    ) -> None:
        # The fallback scan (run only when the first recorded no role taking part) reads the
        # fallback rules among all the others, so that modifiers reach them, but records only
        # what the fallback rules find: the first scan recorded the rest.
        matches = self._matches(self._with_fallback if fallback else self._participants, tokens, text)
        if not matches:
            return
        # Words some lexicon knows (a state's name among them, before states that do not act
        # are dropped): an acronym outside them names a body the rule set does not know.
        known = {t for m in matches for t in range(m.i, m.j)}
        if any(m.ambiguity is not None and not m.kinds & _ROLE_KINDS for m in matches):
            # An ambiguous modifier read in another sense ("in previous years") modifies
            # nothing; an ambiguous role is discarded below, with the reason in the evidence.
            matches = [m for m in matches if m.kinds & _ROLE_KINDS or not self._other_sense(m, tokens, text)]
        # Where each state's name ends, before the states that do not act are dropped: after
        # an ambiguous title's "of" it names the owner ("the President of Kenya").
        state_ends = {m.i: m.j for m in matches if _acts_with(m)}
        if state_ends:
            # A state's name counts only as the party that acts ("Norway and Russia signed");
            # as a place or an origin it is no evidence at all, and no word a modifier must
            # reach across ("retired from the armed forces of the Philippines as a general").
            matches = self._acting_states(matches, text, tokens)
        if not matches:
            return
        cover = _cover(matches, len(tokens.stems))
        denials: dict = {}  # the text's denial words, indexed on first need (_denial_weight)

        def breaker_at(k: int) -> bool:
            return cover[k] >= 0 and "breaker" in matches[cover[k]].kinds

        def role_at(k: int) -> bool:
            return cover[k] >= 0 and bool(matches[cover[k]].kinds & _ROLE_KINDS)

        def nonstate_at(k: int) -> bool:
            return cover[k] >= 0 and "nonstate" in matches[cover[k]].kinds

        state_acronyms = self.scope.words["state_acronyms"]
        state_at = state_ends.get

        def acronym_at(k: int) -> bool:
            # "CSIS", "FIFA": two to eight capitals, known to no lexicon, no state's acronym.
            word = text[tokens.starts[k] : tokens.ends[k]]
            return (
                1 < len(word) < 9
                and word.isalpha()
                and word.isupper()
                and k not in known
                and tokens.lowers[k] not in state_acronyms
            )

        # Headings of who stayed away ("Apologies:"), found once: they end a list of who was
        # there and start one of who was not.
        absence_heads = _headings(tokens, text, self.scope.words["absence_headings"])
        if active is not None:
            # A list of roles describes the meeting, unless its sentence is about another
            # time or meeting ("its alumni include ministers and diplomats").
            active = active | (self._list_sentences(matches, tokens, text, absence_heads) - elsewhere)
        # A person noun that names an institution's own people ("engineers from the boundary
        # commission") is counted once, with the institution, as officials in person.
        staff = {
            k: p
            for k, mm in enumerate(matches)
            if mm.kinds & _ROLE_KINDS
            and (
                (p := staff_of(mm, tokens, self.scope)) is not None
                or (p := named_person_of(mm, text, tokens, self.scope)) is not None
            )
        }
        people = set(staff.values())
        absent = self._absence_lists(tokens, text, absence_heads)
        declined = self._declined_invitations(matches, cover, tokens)
        starts, ends = tokens.starts, tokens.ends
        ev = s.evidence
        former_names: set[str] = set()
        former_heads: set[str] = set()
        read_before: dict[tuple[str, str], tuple[str, bool]] = {}
        for k, m in enumerate(matches):
            a, b = starts[m.i], ends[m.j - 1]
            if m.kinds & _ROLE_KINDS:
                if fallback and not any(r.fallback for r in m.rules):
                    continue  # recorded by the first scan
                if people and m.kinds <= _NONSTATE_KINDS and any(m.i <= p < m.j for p in people):
                    continue
                if m.ambiguity is not None and self._discard_ambiguous(
                    s,
                    m,
                    name,
                    text,
                    tokens,
                    breaker_at,
                    role_at,
                    nonstate_at,
                    acronym_at,
                    read_before,
                    state_at,
                ):
                    continue
                if plain and m.j - m.i == 1 and text[starts[m.i] : ends[m.i]] in plain:
                    status, modifier = "name", None
                else:
                    status, modifier = self._role_status(m, matches, cover, text, tokens, staff.get(k))
                    if m.kinds & _OFFICIAL_KINDS:
                        status, modifier = self._same_person(
                            m, status, modifier, text, tokens, former_names, former_heads
                        )
                    heading = absent.get(tokens.sentence[m.i], m.i)
                    if heading < m.i and status in ("counted", "staff"):
                        # Listed under "Apologies:" or "Absent:": not in the room.
                        status, modifier = "negated", Match(heading, heading + 1, (), frozenset())
                    invitation, refusal = declined.get(tokens.sentence[m.i], (m.i, None))
                    if refusal is not None and invitation < m.i and status in ("counted", "staff"):
                        # "We had invited officials from both ministries. None came."
                        status, modifier = "negated", refusal
                background = active is not None and tokens.sentence[m.i] not in active
                far = background and tokens.sentence[m.i] in elsewhere
                denial = self._denial_weight(m, status, modifier, tokens, denials)
                # Officials said to take part by a verb of their own ("Deputy ministers
                # joined the dialogue") are there, whoever else is said to be absent.
                attends = (
                    not background
                    and status in ("counted", "staff")
                    and bool(m.kinds & _OFFICIAL_KINDS)
                    and takes_part(m, tokens, self.scope)
                )
                if status == "negated" and m.kinds & _OFFICIAL_KINDS:
                    words = self.scope.words
                    # A denial of the officials as a class ("No officials took part") outweighs
                    # an official said to take part (at "the dinner at the close").
                    if not words["official_classes"].isdisjoint(tokens.lowers[m.i : m.j]):
                        s.class_denials += 1
                    # "none holding government office": the participants hold no office, which
                    # says no serving official took part, not that officials stayed away.
                    if tokens.lowers[m.j - 1] in words["office_words"]:
                        s.denied_offices += denial
                for rule in m.rules:
                    if rule.kind in _ROLE_KINDS:
                        self._count_role(
                            s,
                            rule,
                            status,
                            modifier,
                            name,
                            a,
                            b,
                            text,
                            tokens,
                            background,
                            far,
                            denial,
                            attends,
                        )
            elif fallback:
                continue  # the capacity and branding cues were read in the first scan
            elif "capacity" in m.kinds:
                rule = next(r for r in m.rules if r.kind == "capacity")
                s.capacity += rule.weight
                s.engagement_cues += 1
                ev.append(
                    Evidence(
                        rule.id,
                        "capacity",
                        text[a:b],
                        name,
                        a,
                        b,
                        rule.supports,
                        rule.weight,
                        "counted",
                        rule.description,
                    )
                )
            elif "branding" in m.kinds:
                rule = next(r for r in m.rules if r.kind == "branding")
                ev.append(
                    Evidence(
                        rule.id, "branding", text[a:b], name, a, b, None, 0.0, "ignored", rule.description
                    )
                )

    def _other_sense(self, m: Match, tokens: Token, text: str) -> bool:
        """Whether an ambiguous entry is read in another sense here (no sense is checked
        for an entry that is not ambiguous)."""
        return (
            m.ambiguity is not None
            and ambiguity_context(m, tokens, self.scope, _never, text=text) is not None
        )

    def _acting_states(self, matches: list[Match], text: str, tokens: Token) -> list[Match]:
        """``matches`` without the states named as a place, an origin or an object."""
        verbs_of = {k: verbs for k, m in enumerate(matches) if (verbs := _acts_with(m))}
        party_end = {matches[k].i: matches[k].j for k in verbs_of}.get
        scope, memo = self.scope, {}  # each list of states is walked once (scope.acts_as_party)
        return [
            m
            for k, m in enumerate(matches)
            if k not in verbs_of
            or acts_as_party(m, text, tokens, scope, verbs_of[k], party_end, memo) is not None
        ]

    def _list_sentences(
        self, matches: list[Match], tokens: Token, text: str, absence_heads: dict[int, int]
    ) -> set[int]:
        """Sentences that list who was there, which describe the meeting even without a
        meeting word: a sentence naming several roles ("Facing him sat ministers, generals
        and analysts"), and the entries of a list under a heading such as "Participants:"
        or "Present:", one sentence per person, up to the first sentence that names no role
        and is not short, or the next heading."""
        per_sentence: dict[int, int] = {}
        for m in matches:
            if m.kinds & _ROLE_KINDS:
                k = tokens.sentence[m.i]
                per_sentence[k] = per_sentence.get(k, 0) + 1
        listed = {k for k, n in per_sentence.items() if n >= self.settings.list_roles}
        words = self.scope.words
        heads = _headings(tokens, text, words["list_headings"], words["list_heading_lead"])
        if not heads:
            return listed
        size = Counter(tokens.sentence)
        stops = set(absence_heads.values())
        limit = self.settings.list_entry_words
        done = -1
        for first in sorted(set(heads.values())):
            k = first
            if k <= done:
                continue  # already inside the entries of the heading before
            while k in size and (k == first or k not in stops) and (k in per_sentence or size[k] <= limit):
                listed.add(k)
                k += 1
            done = k
        return listed

    def _absence_lists(self, tokens: Token, text: str, heads: dict[int, int]) -> dict[int, int]:
        """Sentences that list who stayed away, under a heading such as "Apologies:" or
        "Absent:" in minutes, each with the heading's word: the roles after it were not in
        the room. The list runs on across semicolons ("Mr A, MP; the ministry."), not across
        a full stop or into the next heading ("...; Present: ..."). ``heads`` are the
        headings of the context list ``absence_headings`` (:func:`_headings`)."""
        if not heads:
            return {}
        lists = _headings(tokens, text, self.scope.words["list_headings"])
        others = set(heads.values()) | set(lists.values())
        starts, ends, sentence = tokens.starts, tokens.ends, tokens.sentence
        first_token: dict[int, int] = {}
        for i, k in enumerate(sentence):
            first_token.setdefault(k, i)
        absent: dict[int, int] = {}
        for i, k in heads.items():
            absent[k] = i
            while (j := first_token.get(k + 1)) is not None and ";" in text[ends[j - 1] : starts[j]]:
                k += 1
                if k in others:
                    break
                absent[k] = i
        return absent

    def _declined_invitations(
        self, matches: list[Match], cover: list[int], tokens: Token
    ) -> dict[int, tuple[int, Match]]:
        """Sentences that invite someone and are answered by the next sentence's refusal,
        each with its invitation word and the refusal: "We had invited officials from both
        ministries. None came." The refusal opens the next sentence: "nobody" (``scope.nobody_at``)
        and, within ``settings.refusal_verb_reach`` words, one of ``attendance_verbs`` ("None
        of them came", "Nobody attended"), or a word of ``refusing_subjects`` and, within
        ``settings.refusal_negation_reach`` words, a negation ("Both withdrew", "They
        declined"). The roles after the invitation word were not in the room."""
        words, st = self.scope.words, self.settings
        invites, verbs, subjects = (
            words["invitation_words"],
            words["attendance_verbs"],
            words["refusing_subjects"],
        )
        lowers, sentence = tokens.lowers, tokens.sentence
        n = len(lowers)
        invited: dict[int, int] = {}
        for i, w in enumerate(lowers):
            if w in invites:
                invited.setdefault(sentence[i], i)
        found: dict[int, tuple[int, Match]] = {}
        for k, i in invited.items():
            j = i
            while j < n and sentence[j] == k:
                j += 1
            if j >= n:
                continue
            first, nxt = lowers[j], sentence[j]
            width = nobody_at(j, tokens, words)
            if width:
                for q in range(j + width, min(j + 1 + st.refusal_verb_reach, n)):
                    if sentence[q] != nxt:
                        break
                    if lowers[q] in verbs:
                        found[k] = (i, Match(j, q + 1, (), frozenset()))
                        break
            elif first in subjects:
                for q in range(j + 1, j + 1 + st.refusal_negation_reach):
                    c = cover[q] if q < n and sentence[q] == nxt else -1
                    if c >= 0 and "negation_after" in matches[c].kinds:
                        found[k] = (i, Match(j, matches[c].j, (), frozenset()))
                        break
        return found

    def _same_person(
        self,
        m: Match,
        status: str,
        modifier: Match | None,
        text: str,
        tokens: Token,
        former_names: set[str],
        former_heads: set[str],
    ) -> tuple[str, Match | None]:
        """A title before a name already said to be out of office ("Ambassador Morita"
        after "Ambassador Takeshi Morita, who had retired") is the same former official
        (guideline rule 11); a former title's name is remembered for later mentions. So is a
        title taken up again with "the" and no name ("the admiral agreed" after "a retired
        rear admiral"): the same person or people, still out of office."""
        if status == "former" and _modifies_alone(modifier, m, text, tokens):
            former_heads.add(tokens.stems[m.j - 1])
        elif status == "counted" and former_heads and tokens.stems[m.j - 1] in former_heads:
            numbers = self.scope.words["definite_numbers"]
            if _definite_before(m, tokens, numbers) and tokens.lowers[m.i] not in self._serving_words:
                return "former", Match(m.i, m.j, (), frozenset())
        if status != "former" and not (status == "counted" and former_names):
            return status, modifier
        names = name_after(m, text, tokens, self.settings.name_run)
        if not names:
            return status, modifier
        if status == "former":
            former_names.update(names)
        elif status == "counted" and former_names and names[-1] in former_names:
            return "former", Match(m.j, m.j + len(names), (), frozenset())
        return status, modifier

    def _role_status(
        self,
        m: Match,
        matches: list[Match],
        cover: list[int],
        text: str,
        tokens: Token,
        person: int | None = None,
    ) -> tuple[str, Match | None]:
        """Whether a role is counted, asked about, part of a name, former, negated, a host
        or a bystander, and the modifier that says so (see :mod:`diplotrack.scope`).
        ``person`` is where :func:`~diplotrack.scope.staff_of` found the institution's own
        people, if it did."""
        if in_question(m, text, tokens):
            return "asked", None
        if in_name(m, text, tokens, self.scope):
            return "name", None
        if in_scare_quotes(m, text, tokens, self.settings.scare_quote_words):
            return "quoted", None
        if person is not None:
            noun = Match(person, person + 1, (), frozenset())
            # "a former director of the agency", "no engineers from the commission": the
            # person noun can be out of office or absent like any other role.
            for who, statuses in (
                (noun, ("former", "negated", "host", "bystander")),
                (m, ("former", "negated")),
            ):
                # Before the person noun ("supported by Dr G. Erler, German Government
                # Coordinator": a supporter from outside; "an appeal to the members of the
                # Joint Rivers Commission": asked to act, not in the room), or before the
                # institution itself ("Mr B. Holmgren, retired colonel, formerly of the
                # Defence Staff").
                before = modifier_before(who, matches, cover, text, tokens, self.scope)
                if before is not None and before[0] in statuses:
                    return before
            # ... or after the institution ("a member of the House until his defeat").
            after = modifier_after(m, matches, cover, text, tokens, self.scope)
            if after is not None and after[0] in ("former", "negated"):
                return after
            return "staff", noun
        if is_place(m, tokens, self.scope, text):
            return "place", None
        if (denial := denied_office(m, text, tokens, self.scope)) is not None:
            return "negated", denial
        return (
            modifier_before(m, matches, cover, text, tokens, self.scope)
            or modifier_after(m, matches, cover, text, tokens, self.scope)
            or ("counted", None)
        )

    def _denial_weight(
        self, m: Match, status: str, modifier: Match | None, tokens: Token, index: dict
    ) -> float:
        """How much a negated role weighs as a sign that the officials stayed away: a denial
        of the others only ("no other official") or narrowed to one side ("nobody in the
        delegation holds public office") not at all, as it says nothing of the officials named
        or of those who received the visitors; a denial of every participant's
        office ("nobody from either government", "none held public office") outweighs an
        official named elsewhere in passing; any other denial weighs once."""
        if status != "negated" or modifier is None:
            return 1.0
        words = self.scope.words
        # "No other official took part" denies only the others: the official named before it
        # did take part.
        others = modifier.j < len(tokens.lowers) and tokens.lowers[modifier.j] in words["negation_others"]
        if others:
            return 0.0
        # A text's denial words are indexed once, on first need, for all its roles (``index``
        # keeps them): scope.one_side_denial and scope.blanket_denial, read by one look-up.
        if "words" not in index:
            index["words"] = denial_word_index(tokens, words)
        one_side, blanket = denial_reading(m, modifier, tokens, words, index["words"])
        if one_side:
            return 0.0
        return self.settings.blanket_denial_factor if blanket else 1.0

    def _count_role(
        self,
        s: Summary,
        rule: Rule,
        status: str,
        modifier: Match | None,
        name: str,
        a: int,
        b: int,
        text: str,
        tokens: Token,
        background: bool = False,
        elsewhere: bool = False,
        denial: float = 1.0,
        attends: bool = False,
    ) -> None:
        st = self.settings
        # A role in a sentence about another time or meeting counts for less than one in a
        # sentence that merely holds no sign of the engagement.
        w = rule.weight * (st.elsewhere_factor if elsewhere else st.background_factor if background else 1.0)
        official = rule.kind != "nonstate"
        modifier_kinds = modifier.kinds if modifier is not None else frozenset()
        if status == "former" and not official:
            # 'former' qualifies officials; a scholar after "retired generals and" is
            # still a scholar taking part.
            status, modifier = "counted", None
        elif status == "facilitator" and official:
            # A state or intergovernmental mediator takes part (guideline rule 5).
            status, modifier = "counted", None
        elif status == "bystander" and not official and not modifier_kinds & _OUTSIDE_KINDS:
            # An organisation that reports, funds or lends its rooms is a host, not a participant;
            # people marked as outside the meeting before their name (the people the talks are
            # about, 'the return of refugees'; the addressee of an appeal) are only mentioned.
            status = "host"
        elif status == "delegate" and official:
            status, modifier = "counted", None
        # The quoted span covers the role and the modifier that changed it, and the
        # evidence offsets slice exactly that span out of the input.
        sa, sb = a, b
        if modifier is not None:
            ma, mb = tokens.starts[modifier.i], tokens.ends[modifier.j - 1]
            lo, hi = min(a, ma), max(b, mb)
            if hi - lo <= st.quote_span_chars:
                sa, sb = lo, hi
        span = text[sa:sb]
        supports, weight = rule.supports, w
        if status == "negated":
            if official:
                # Weighed by what the denial covers (``_denial_weight``).
                s.negated_officials += w * denial
            supports, weight = None, 0.0
        elif status == "former":
            # A former official is a non-state participant (guideline rule 2).
            s.nonstate += w
            s.nonstate_participants += w
            supports = TRACKS[2]
        elif status == "delegate":
            # An expert a government includes in its delegation is an official (rule 11).
            s.officials += w
            supports = TRACKS[0]
            status = "background" if background else "delegate"
        elif status == "staff":
            # "Two people from the ministry": the institution's own people, in person
            # (guideline rule 11), so not counted as an institution in the background.
            if rule.staff_weight is not None:
                # An organisation's name can count for little alone ("the UN"); one of its
                # people named in the room is an official in person (rule 11).
                w = weight = w * rule.staff_weight / rule.weight
            s.officials += w
            if attends:
                s.attending_officials += w
            status = "background" if background else "counted"
        elif status in ("bystander", "name", "asked", "place", "quoted"):
            supports, weight = None, 0.0
        elif status == "facilitator":
            # A private facilitator is in the room but is no party to the talks (rule 12).
            s.nonstate += w
            s.facilitators += w
        elif status == "host":
            # Hosts and funders are not participants (guideline rule 10): they count for little.
            weight = (st.official_host_factor if official else st.nonstate_host_factor) * w
            if official:
                s.officials += weight
                s.official_institutions += weight
            else:
                s.nonstate += weight
        else:
            span, sa, sb = text[a:b], a, b
            if background:
                status = "background"
            if rule.kind == "party":
                s.parties += w
                s.nonstate += st.party_nonstate_share * w
            elif official:
                s.officials += w
                if rule.institution:
                    s.official_institutions += w
                elif attends:
                    s.attending_officials += w
            else:
                s.nonstate += w
                s.nonstate_participants += w
        s.evidence.append(
            Evidence(rule.id, "participant", span, name, sa, sb, supports, weight, status, rule.description)
        )

    # ---- deciding ----------------------------------------------------------------------
    def decide(self, s: Summary) -> Decision:
        """The first decision whose conditions hold."""
        for d, when, unless in self._tests:
            if all(test(s) for test in when) and not any(test(s) for test in unless):
                return d
        return self.decisions[-1]

    def scores(self, s: Summary) -> dict[str, float]:
        """Raw support for each label from the evidence totals."""
        st = self.settings
        mixed = min(s.officials, s.nonstate_participants)
        return {
            TRACKS[0]: s.officials + s.parties + st.official_business_share * s.official_business,
            TRACKS[1]: st.capacity_factor * s.capacity * (s.officials > 0) + mixed,
            TRACKS[2]: s.nonstate + st.forum_share * s.forum,
            ABSTAIN: 0.0 if s.engagement_cues else 1.0,
        }

    def _label(
        self, d: Decision, s: Summary, raw: dict[str, float] | None = None
    ) -> tuple[str | None, list[str]]:
        """The label ``d`` gives, and for ``"best"`` the tracks with the most support (empty
        for other decisions). Its own label, or for ``"best"`` the best-supported track. When
        tracks tie for it, none: a track would be picked by default, which the guideline
        rules out ("the two sides met on Tuesday" may describe an engagement, but not who took
        part). Until 2026.12.39 the first tied track was given when a meeting was placed in
        time: on the bundled data both such verdicts were non-engagements given Track 1."""
        if d.label != "best":
            return d.label, []
        tied = _best_tracks(self.scores(s) if raw is None else raw)
        return (tied[0] if len(tied) == 1 else None), tied

    def verdict(self, engagement: Engagement) -> Verdict:
        """Classify one normalised engagement."""
        st = self.settings
        s = self.summarize(engagement)
        d = self.decide(s)
        raw = self.scores(s)
        label, tied = self._label(d, s, raw)
        key = ABSTAIN if label is None else label
        total = sum(raw.values())
        agreement = raw[key] / total if total > 0 else 1.0
        strength = 1.0 - math.exp(-(s.officials + s.nonstate + s.capacity) / st.strength_scale)
        if label is None:
            conf = d.confidence
        else:
            conf = (
                d.confidence
                * (st.agreement_floor + (1 - st.agreement_floor) * agreement)
                * (st.strength_floor + (1 - st.strength_floor) * strength)
            )
        probs = spread_probability(key, min(conf, st.max_confidence), raw)
        conf = probs[key]
        track = None if label is None else Track(label)
        if d.label == "best" and label is None:
            # The decision's own reason ("the track the evidence supports most") names no track.
            d = replace(d, description=_TIE_ABSTENTION.format(tracks=", ".join(tied)))
        evidence = (
            *s.evidence,
            Evidence(d.id, "decision", "", "", None, None, label, conf, "counted", d.description),
        )
        explanation = explain_rules(track, conf, d, s, st.max_quotes)
        explanation += f" Definition: {self.definition}."
        return Verdict(
            track,
            conf,
            "rules",
            explanation,
            evidence,
            probs,
            rules_version=self.version,
            definition=self.definition,
        )

    def firing_counts(self, engagements: Iterable[Engagement]) -> list[dict[str, int]]:
        """Per engagement, how often each cue rule fired: every match of its words, whatever
        its status (a negated, former or background role fired too; the status is the
        evidence's), except branding read as no evidence (``ignored``) and an ambiguous word
        read in its other sense (``ambiguous``), which are no firing of that rule."""
        out = []
        for e in engagements:
            counts: dict[str, int] = {}
            for item in self.summarize(e).evidence:
                if item.status not in ("ignored", "ambiguous"):
                    counts[item.source] = counts.get(item.source, 0) + 1
            out.append(counts)
        return out


def _definite_before(m: Match, tokens: Token, numbers: frozenset[str]) -> bool:
    """Whether the role is taken up with "the" right before it, or "the" and a number of
    ``numbers`` ("the admiral", "the two generals"), in the same sentence: no other word
    ("the serving President") and no name between."""
    i, lowers = m.i, tokens.lowers
    if i >= 1 and lowers[i - 1] == "the":
        return True
    return (
        i >= 2
        and lowers[i - 2] == "the"
        and lowers[i - 1] in numbers
        and tokens.sentence[i - 2] == tokens.sentence[i]
    )


def _modifies_alone(modifier: Match | None, m: Match, text: str, tokens: Token) -> bool:
    """Whether a "former" before the role reaches it with no list of roles between ("a
    retired rear admiral", "retired Greek and Turkish admirals", not "retired admirals and
    diplomats"): only then is a later "the diplomats" surely the same people."""
    if modifier is None or modifier.j > m.i:
        return False
    words = text[tokens.ends[modifier.j - 1] : tokens.starts[m.i]].replace(",", " , ").split()
    if not {",", "and", "or"} & set(words):
        return True
    # "retired Greek and Turkish admirals": a list of origins, not of roles.
    return all(w[:1].isupper() for w in words if w not in (",", "and", "or"))


def _never(k: int) -> bool:
    return False


_ESCAPE = re.compile(r"\\.")


def _compiled(rule: Rule) -> tuple[Rule, re.Pattern, re.Pattern | None, frozenset[str]]:
    """A regular-expression rule as a scan holds it: the rule, its pattern (case-insensitive),
    the same for lower-cased text where one exists, and the kinds of its matches."""
    pattern = re.compile(rule.regex, re.IGNORECASE)
    return rule, pattern, _lower_case_pattern(rule.regex), frozenset((rule.kind,))


def _lower_case_pattern(regex: str) -> re.Pattern | None:
    """``regex`` compiled case-sensitively, for the lower-cased text, when it has no upper-case
    letter outside an escape (so it matches the lower-cased text exactly where it matches the
    text case-insensitively); else ``None``, as for a pattern that turns case-insensitivity
    off for a part of itself (``(?-i:...)``).

    Examples
    --------
    >>> _lower_case_pattern(r"\\bofficials?\\b") is not None, _lower_case_pattern(r"[A-Z]{2}") is None
    (True, True)
    """
    if "(?-" in regex or any(c.isupper() for c in _ESCAPE.sub("", regex)):
        return None
    return re.compile(regex)


def _acronym_as_written(i: int, tokens: Token, text: str) -> bool:
    """Whether word ``i``, an acronym that is also a word or a piece of a name (context list
    ``capital_acronyms``: "un", "au"), stands as the acronym: written in capitals ("UN-led
    talks", "the China-EU summit"; not "Kim Jong-un", "Kim Jong Un", "Port-au-Prince")."""
    return text[tokens.starts[i] : tokens.ends[i]].isupper()


def _all_within(positions: list[int], spans: list[tuple[int, int]]) -> bool:
    """Whether every position lies in one of the half-open ``spans``; both read once in order
    (a sentence with thousands of call-offs was read in time of their square)."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    for k in positions:
        at = bisect_right(starts, k) - 1
        if at < 0 or k >= merged[at][1]:
            return False
    return True


def _cover(matches: list[Match], n: int) -> list[int]:
    """For each word, the index of the match that covers it, or -1."""
    cover = [-1] * n
    for k, m in enumerate(matches):
        for t in range(m.i, m.j):
            cover[t] = k
    return cover


def _acts_with(m: Match) -> str | None:
    """The verb list a match's rule needs after it to count (a state's name), if any."""
    for rule in m.rules:
        if rule.acts_with:
            return rule.acts_with
    return None


def _regex_matches(group: _Group, tokens: Token, text: str, found: list[Match]) -> list[Match]:
    """The matches of ``group``'s regular-expression rules, each reduced to the words it
    covers; one that only repeats, word for word, a phrase of the same kind in ``found``
    (the lexicons' matches) is counted once, so it is left out, and so is a role found inside
    a longer role phrase of the lexicons ("officials" in "party officials"): the phrase says
    who they are."""
    extra = []
    cover: list[int] | None = None  # the lexicons' phrases never overlap: one per word at most
    lowered = tokens.lowered
    for rule, pattern, lower_case, kinds in group.regex:
        if lowered and lower_case is not None:
            found_in = lower_case.finditer(lowered)
        else:
            found_in = pattern.finditer(text)
        for m in found_in:
            i = bisect_right(tokens.ends, m.start())
            j = bisect_left(tokens.starts, m.end())
            if i >= j:
                continue
            if cover is None:
                cover = _cover(found, len(tokens.stems))
            if all(cover[t] >= 0 and rule.kind in found[cover[t]].kinds for t in range(i, j)):
                continue
            outer = found[cover[i]] if cover[i] >= 0 else None
            if (
                outer is not None
                and kinds & _ROLE_KINDS
                and outer.kinds & _ROLE_KINDS
                and j <= outer.j
                and outer.j - outer.i > j - i
            ):
                continue
            extra.append(Match(i, j, (rule,), kinds))
    return extra
