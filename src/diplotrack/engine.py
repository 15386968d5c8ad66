"""The rule engine: walks the rule table over an engagement and returns a verdict.

The engine knows no particular word or label: everything it looks for comes from the
cue rules and lexicons, and everything it decides comes from the decision table (see
:mod:`diplotrack.rules`). Its own logic is only how modifiers reach participants:

* a ``former`` / ``retired`` / ``ex-`` before a list of roles reaches every role in the
  list, until a word like *with*, *alongside* or *met*, or a ``serving`` / ``current``;
* a negation (``no``, ``without``) reaches the roles right after it; a trailing
  negation (``were invited but none attended``) reaches the roles before it in the
  same sentence;
* ``hosted by`` / ``organised by`` makes the organisations after it hosts, which count
  for less than participants;
* a role that is the subject of a verb of funding, announcing, watching, writing to or
  being briefed (``the ministry funded``, ``the ambassador, who watched``) is a bystander,
  also across a relative clause right after it;
* a ``former`` before a list stops at a non-state role in the list ("ex-inspectors,
  scholars and officials": the officials still serve);
* a capitalised title naming a body ("the Ministers Forum") or inside a place name is not
  a participant; a role in a question is asked about only if no colon or dash separates it
  from the question mark;
* a formal cue that is only the topic of talk ("discussed a possible treaty") counts for
  a quarter of formal business done.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .engagement import Engagement
from .lexicon import LEXICON
from .matching import PhraseIndex, Token, tokenize
from .rules import CONDITIONS, DEFAULT_DECISIONS, DEFAULT_RULES, ROLE_KINDS, Decision, Rule
from .verdict import ABSTAIN, TRACKS, Evidence, Track, Verdict, spread_probability

__all__ = ["RuleEngine", "Summary"]

_NATURE_KINDS = frozenset(
    {"formal", "informal", "purpose_official", "purpose_people", "engagement", "meta", "interaction"}
)
_ROLE_KINDS = frozenset(ROLE_KINDS)
_META_ONLY = frozenset({"meta"})
_DENIABLE = frozenset({"formal", "purpose_official"})
# Words that, just before a formality cue, deny it ("no communique", "rather than talks").
_NATURE_NEGATORS = frozenset(
    "no not without nothing never neither nor than nobody none instead before prior".split()
)
# Words a modifier may reach across without losing its grip on a list of roles.
_FREE_WORDS = frozenset(
    "and or the a an of some several many two three four five both senior high ranking "
    "level top other their its his her also various few dozen including such as well "
    "junior mid key leading prominent distinguished eminent influential respected known "
    "most more s".split()
)
_MAX_AFTER = 12
# Words that make the formal cue after them a topic of discussion rather than business done.
_TOPIC_MARKERS = frozenset(
    "about discuss discussed discussing debated debate debating possible ideas idea options "
    "prospects future explored exploring lessons history brainstormed".split()
)
# Arabic articles joined by a hyphen to a title word make a place name ("Sharm el-Sheikh").
_NAME_ARTICLES = frozenset("el al ash ad as ar ul".split())
# Capitalised words that, right after a capitalised role word, make it the name of a body
# ("the Ministers Forum", "the Presidents Club") rather than officials taking part.
_NAME_HEADS = frozenset(
    "forum forums group club initiative network foundation institute institution prize award "
    "fund trust programme program academy society association league circle award awards "
    "lecture lectures medal memorial street square avenue road bridge hall stadium".split()
)
_NONSTATE_ONLY = frozenset({"nonstate"})
_RELATIVES = frozenset({"who", "which"})
_OF_WORDS = frozenset({"of", "from", "in", "at", "to", "for"})
# After a comma, these open a new clause (", the newspaper reported"), not a list item.
_CLAUSE_OPENERS = frozenset("the a an he she they it we officials sources".split())
_BREAKER_ONLY = frozenset({"breaker"})
_APOSTROPHES = frozenset({"'", "\u2019"})
_MAX_HOPS = {"former": 4, "negated": 2, "host": 7, "bystander": 3}
_KIND_LABEL = {
    "formal": "formal business",
    "informal": "unofficial setting",
    "purpose_official": "state purpose",
    "purpose_people": "people-to-people purpose",
    "interaction": "parties dealing with each other",
}
_MAX_QUOTES = 6


@dataclass(slots=True)
class Summary:
    """Evidence totals for one engagement, which the decision conditions read."""

    empty: bool = False
    officials: float = 0.0
    official_institutions: float = 0.0
    parties: float = 0.0
    nonstate: float = 0.0
    nonstate_participants: float = 0.0
    negated_officials: float = 0.0
    capacity: float = 0.0
    official_business: float = 0.0
    forum: float = 0.0
    engagement_cues: int = 0
    interaction: int = 0
    meta: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def has_officials(self) -> bool:
        return self.officials > 0


class _Match(NamedTuple):
    """A phrase found in the words ``i`` to ``j``, and the rules it belongs to.

    A named tuple rather than a dataclass: one is built per phrase found, on the hot path.
    """

    i: int
    j: int
    rules: tuple[Rule, ...]
    kinds: frozenset[str]


class RuleEngine:
    """Compiled rules, lexicons and decisions; turns engagements into verdicts.

    Parameters
    ----------
    rules : sequence of Rule
        The cue rules. Defaults to :data:`diplotrack.rules.DEFAULT_RULES`.
    lexicon : mapping of str to sequence of str
        The lexicons the rules name. Defaults to :data:`diplotrack.lexicon.LEXICON`.
    decisions : sequence of Decision
        The decision table, tried in order. Defaults to ``DEFAULT_DECISIONS``.

    Examples
    --------
    >>> engine = RuleEngine()
    >>> engine.verdict(Engagement("The foreign ministers signed the treaty.")).label
    'Track 1'
    """

    def __init__(
        self,
        rules: Sequence[Rule] = DEFAULT_RULES,
        lexicon: Mapping[str, Sequence[str]] = LEXICON,
        decisions: Sequence[Decision] = DEFAULT_DECISIONS,
    ):
        self.rules = tuple(rules)
        self.decisions = tuple(decisions)
        ids = [r.id for r in self.rules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"Invalid rule table: rule ids must be unique, got duplicates {dupes}.")
        self.rule_ids = tuple(ids)
        self._participants = PhraseIndex(())
        self._nature = PhraseIndex(())
        self._regex: list[tuple[Rule, re.Pattern]] = []
        for rule in self.rules:
            if rule.regex is not None:
                self._regex.append((rule, re.compile(rule.regex, re.IGNORECASE)))
                continue
            if rule.lexicon not in lexicon:
                raise ValueError(
                    f"Invalid rule {rule.id!r}: lexicon {rule.lexicon!r} not found; expected "
                    f"one of {sorted(lexicon)}."
                )
            index = self._nature if rule.kind in _NATURE_KINDS else self._participants
            for phrase in lexicon[rule.lexicon]:
                index.add(phrase, rule.id)
        self._by_id = {r.id: r for r in self.rules}
        self._kinds_cache: dict[tuple[str, ...], tuple[tuple[Rule, ...], frozenset[str]]] = {}

    # ---- scanning ------------------------------------------------------------------
    def _matches(self, index: PhraseIndex, tokens: Token, text: str, nature: bool) -> list[_Match]:
        out = []
        cache = self._kinds_cache
        for i, j, ids in index.find(tokens):
            got = cache.get(ids)
            if got is None:
                rules = tuple(self._by_id[x] for x in ids)
                got = cache[ids] = (rules, frozenset(r.kind for r in rules))
            out.append(_Match(i, j, got[0], got[1]))
        for rule, pattern in self._regex:
            if (rule.kind in _NATURE_KINDS) != nature:
                continue
            for m in pattern.finditer(text):
                i = bisect.bisect_right(tokens.ends, m.start())
                j = bisect.bisect_left(tokens.starts, m.end())
                if i < j:
                    out.append(_Match(i, j, (rule,), frozenset((rule.kind,))))
        if self._regex:
            out.sort(key=lambda m: m.i)
        return out

    def summarize(self, engagement: Engagement) -> Summary:
        """Scan every field of ``engagement`` and total the evidence."""
        s = Summary()
        fields = engagement.fields()
        if not any(text.strip() for _, text in fields):
            s.empty = True
            return s
        ev = s.evidence
        for name, text in fields:
            tokens = tokenize(text)
            if not tokens.stems:
                continue
            self._scan_participants(s, ev, name, text, tokens)
            self._scan_nature(s, ev, name, text, tokens)
        return s

    def _scan_nature(self, s: Summary, ev: list, name: str, text: str, tokens: Token) -> None:
        starts, ends = tokens.starts, tokens.ends
        lowers, sentence = tokens.lowers, tokens.sentence
        for m in self._matches(self._nature, tokens, text, nature=True):
            if m.kinds != _META_ONLY:
                s.engagement_cues += 1
            a, b = starts[m.i], ends[m.j - 1]
            # "no negotiations", "without a communique", "nothing was negotiated",
            # "rather than negotiation": a denied formality or setting is not evidence of it.
            denied = m.kinds & _DENIABLE and any(
                lowers[k] in _NATURE_NEGATORS for k in range(max(0, m.i - 3), m.i)
            )
            topic = None
            for rule in m.rules:
                kind = rule.kind
                w = rule.weight
                if denied and kind in _DENIABLE:
                    na = starts[max(0, m.i - 3)]
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
                if kind == "interaction":
                    s.interaction += 1
                    ev.append(
                        Evidence(rule.id, kind, text[a:b], name, a, b, None, 0.0, "counted", rule.description)
                    )
                    continue
                if kind == "meta":
                    s.meta += rule.weight or 1.0
                elif kind in ("formal", "purpose_official"):
                    if topic is None:
                        topic = any(
                            lowers[k] in _TOPIC_MARKERS and sentence[k] == sentence[m.i]
                            for k in range(max(0, m.i - 5), m.i)
                        )
                    if topic:
                        # "discussed a possible treaty", "debated arms control": a topic
                        # of talk, not formal business being done, so it counts for little.
                        w = 0.25 * w
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
                            "counted",
                            rule.description,
                        )
                    )

    def _scan_participants(self, s: Summary, ev: list, name: str, text: str, tokens: Token) -> None:
        matches = self._matches(self._participants, tokens, text, nature=False)
        if not matches:
            return
        n = len(tokens.stems)
        cover: list[int] = [-1] * n
        for k, m in enumerate(matches):
            for t in range(m.i, m.j):
                cover[t] = k
        starts, ends = tokens.starts, tokens.ends
        for m in matches:
            a, b = starts[m.i], ends[m.j - 1]
            if m.kinds & _ROLE_KINDS:
                status, modifier = self._role_status(m, matches, cover, text, tokens)
                for rule in m.rules:
                    if rule.kind not in _ROLE_KINDS:
                        continue
                    self._count_role(s, ev, rule, status, modifier, name, a, b, text, tokens)
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

    def _role_status(
        self, m: _Match, matches: list[_Match], cover: list[int], text: str, tokens: Token
    ) -> tuple[str, _Match | None]:
        """Whether a role is counted, former, negated or a host, and the modifier that says so."""
        sentence, lowers = tokens.sentence, tokens.lowers
        starts, ends = tokens.starts, tokens.ends
        here = sentence[m.i]
        if here in tokens.questions and _in_question(m, text, tokens):
            # "Are Swiss diplomats involved?": a role in a question is asked about, not reported.
            return "asked", None
        n = len(lowers)
        j = m.j
        if m.i >= 1 and lowers[m.i - 1] in _NAME_ARTICLES and text[ends[m.i - 1] : starts[m.i]] == "-":
            # "Sharm el-Sheikh", "Kafr al-Sheikh": a role word inside a place name.
            return "name", None
        if (
            j < n
            and m.i >= 1
            and "nonstate" not in m.kinds
            and text[starts[m.i]].isupper()
            and text[starts[j]].isupper()
            and lowers[j] in _NAME_HEADS
            and sentence[j] == here
        ):
            # "the Ministers Forum", "the Presidents Club": a capitalised official title naming
            # a body. (A body named after non-state people, "the NGO Forum", is made of them.)
            return "name", None
        if (
            j + 1 < n
            and lowers[j] == "s"
            and text[ends[j - 1] : starts[j]] in _APOSTROPHES
            and text[starts[j + 1]].isupper()
        ):
            # "Queen's University", "King's College": a role word inside a name.
            return "name", None
        hops = 0
        serving = False
        comma = False
        crossed_nonstate = False
        k = m.i - 1
        while k >= 0 and sentence[k] == here:
            if not comma and "," in text[ends[k] : starts[k + 1]]:
                comma = True
            c = cover[k]
            if c < 0:
                if lowers[k] not in _FREE_WORDS:
                    hops += 1
                    if hops > _MAX_HOPS["host"]:
                        break
                k -= 1
                continue
            other = matches[c]
            kinds = other.kinds
            if "serving" in kinds:
                # 'serving' / 'current' stops 'former' but not a negation before it:
                # "no serving officials" and "no current officials" are still negated.
                serving = True
                k = other.i - 1
                continue
            if "former_before" in kinds:
                if serving or crossed_nonstate:
                    # "ex-inspectors, scholars and officials": 'ex-' ends where a
                    # non-state role comes between it and the officials.
                    break
                b = other.i - 1
                if (
                    b >= 1
                    and lowers[b] in ("and", "or")
                    and cover[b - 1] >= 0
                    and "serving" in matches[cover[b - 1]].kinds
                ):
                    # "serving and former ministers": some of them serve now.
                    return "counted", None
                if hops <= _MAX_HOPS["former"]:
                    return "former", other
                break
            if "negation_before" in kinds:
                if hops <= _MAX_HOPS["negated"] and not _shouted(other, text, tokens):
                    return "negated", other
                break
            if "host" in kinds:
                # "Hosted by the Institute, the ministers met": the host clause ends at
                # the comma.
                if comma:
                    break
                return "host", other
            if kinds & _ROLE_KINDS:
                if kinds & _ROLE_KINDS == _NONSTATE_ONLY and lowers[other.j] not in _OF_WORDS:
                    # A list item ("scholars, officials"), not a head noun ("a former
                    # chief of the armed forces").
                    crossed_nonstate = True
                k = other.i - 1
                continue
            break
        hops = 0
        k = m.j
        limit = m.j + _MAX_AFTER
        comma = False
        new_phrase = False
        relative = -1
        while k < n and k < limit and sentence[k] == here:
            if not comma and lowers[k] in _CLAUSE_OPENERS and "," in text[ends[k - 1] : starts[k]]:
                comma = True
            c = cover[k]
            if c < 0:
                # Names and titles after a role ("President P. W. Botha denounced", "the
                # Embassy of X in Y informs") do not loosen its tie to the verb that follows.
                if lowers[k] not in _FREE_WORDS and not text[starts[k]].isupper():
                    hops += 1
                    if hops > 4:
                        break
                k += 1
                continue
            other = matches[c]
            kinds = other.kinds
            if kinds == _BREAKER_ONLY and lowers[other.i] in _RELATIVES and relative < 0:
                # "the ministry, which funded the camp", "the ambassador, who watched":
                # a relative clause right after the role still says what the role did.
                relative = other.j
                hops = 0
                comma = False
                k = other.j
                continue
            if kinds == _BREAKER_ONLY and lowers[other.i] == "and":
                # "ambassadors and a deputy minister watched": the list goes on, but a
                # 'retired' after "and a" starts a new phrase of its own.
                new_phrase = True
                k = other.j
                continue
            if "negation_after" in kinds:
                return "negated", other
            if "former_after" in kinds:
                if new_phrase:
                    break
                nxt = other.j
                if (
                    "former_before" in kinds
                    and nxt < n
                    and cover[nxt] >= 0
                    and matches[cover[nxt]].kinds & _ROLE_KINDS
                ):
                    # "diplomats and retired generals": 'retired' belongs to the generals.
                    break
                return "former", other
            if "bystander" in kinds:
                # "..., the newspaper reported" reports the whole clause, not this role.
                if relative >= 0 and other.i - relative > 2:
                    break
                if hops <= _MAX_HOPS["bystander"] and not comma:
                    return "bystander", other
                break
            if relative >= 0:
                break
            if kinds & _ROLE_KINDS or "serving" in kinds:
                k = other.j
                continue
            break
        return "counted", None

    @staticmethod
    def _count_role(
        s: Summary,
        ev: list,
        rule: Rule,
        status: str,
        modifier: _Match | None,
        name: str,
        a: int,
        b: int,
        text: str,
        tokens: Token,
    ) -> None:
        w = rule.weight
        quote = text[a:b]
        official = rule.kind != "nonstate"
        if status == "former" and not official:
            # 'former' qualifies officials; a scholar after "retired generals and" is
            # still a scholar taking part.
            status = "counted"
            modifier = None
        elif status == "bystander" and not official:
            # An organisation that reports, funds or lends its rooms ("the Institute
            # provided the venue") is a host, not a participant.
            status = "host"
        # The quoted span covers the role and the modifier that changed it, and the
        # evidence offsets slice exactly that span out of the input.
        sa, sb = a, b
        if modifier is not None:
            ma, mb = tokens.starts[modifier.i], tokens.ends[modifier.j - 1]
            lo, hi = min(a, ma), max(b, mb)
            if hi - lo <= 160:
                sa, sb = lo, hi
        span = text[sa:sb]
        if status == "negated":
            if official:
                s.negated_officials += w
            ev.append(
                Evidence(rule.id, "participant", span, name, sa, sb, None, 0.0, "negated", rule.description)
            )
            return
        if status == "former":
            # A former official is a non-state participant (DOMAIN rule 2).
            s.nonstate += w
            s.nonstate_participants += w
            ev.append(
                Evidence(rule.id, "participant", span, name, sa, sb, TRACKS[2], w, "former", rule.description)
            )
            return
        if status in ("bystander", "name", "asked"):
            ev.append(
                Evidence(rule.id, "participant", span, name, sa, sb, None, 0.0, status, rule.description)
            )
            return
        if status == "host":
            # Hosts and funders are not participants; an official host counts for little.
            hw = (0.3 if official else 0.5) * w
            if official:
                s.officials += hw
                s.official_institutions += hw
            else:
                s.nonstate += hw
            ev.append(
                Evidence(
                    rule.id, "participant", span, name, sa, sb, rule.supports, hw, "host", rule.description
                )
            )
            return
        if rule.kind == "party":
            s.parties += w
            s.nonstate += 0.5 * w
        elif official:
            s.officials += w
            if rule.institution:
                s.official_institutions += w
        else:
            s.nonstate += w
            s.nonstate_participants += w
        ev.append(
            Evidence(rule.id, "participant", quote, name, a, b, rule.supports, w, "counted", rule.description)
        )

    # ---- deciding ----------------------------------------------------------------------
    def decide(self, s: Summary) -> Decision:
        """The first decision whose conditions hold."""
        for d in self.decisions:
            if all(CONDITIONS[c](s) for c in d.when) and not any(CONDITIONS[c](s) for c in d.unless):
                return d
        return self.decisions[-1]

    @staticmethod
    def scores(s: Summary) -> dict[str, float]:
        """Raw support for each label from the evidence totals."""
        mixed = min(s.officials, s.nonstate_participants)
        return {
            TRACKS[0]: s.officials + s.parties + 0.5 * s.official_business,
            TRACKS[1]: 2.0 * s.capacity * (s.officials > 0) + mixed,
            TRACKS[2]: s.nonstate + 0.5 * s.forum,
            ABSTAIN: 0.0 if s.engagement_cues else 1.0,
        }

    def verdict(self, engagement: Engagement) -> Verdict:
        """Classify one normalised engagement."""
        s = self.summarize(engagement)
        d = self.decide(s)
        raw = self.scores(s)
        label = d.label
        if label == "best":
            label = max(TRACKS, key=lambda t: (raw[t], t == TRACKS[0]))
        key = ABSTAIN if label is None else label
        total = sum(raw.values())
        agreement = raw[key] / total if total > 0 else 1.0
        strength = 1.0 - math.exp(-(s.officials + s.nonstate + s.capacity) / 2.0)
        if label is None:
            conf = d.confidence
        else:
            conf = d.confidence * (0.8 + 0.2 * agreement) * (0.85 + 0.15 * strength)
        probs = spread_probability(key, min(conf, 0.99), raw)
        conf = probs[key]
        track = None if label is None else Track(label)
        evidence = (
            *s.evidence,
            Evidence(d.id, "decision", "", "", None, None, label, conf, "counted", d.description),
        )
        return Verdict(track, conf, "rules", explain(track, conf, d, s), evidence, probs)

    def firing_counts(self, engagements: Iterable[Engagement]) -> list[dict[str, int]]:
        """Per engagement, how often each cue rule fired (counted evidence only)."""
        out = []
        for e in engagements:
            counts: dict[str, int] = {}
            for item in self.summarize(e).evidence:
                if item.status != "ignored":
                    counts[item.source] = counts.get(item.source, 0) + 1
            out.append(counts)
        return out


def _in_question(m: _Match, text: str, tokens: Token) -> bool:
    """Whether the question mark ending a role's sentence belongs to the role's own clause.

    In "Who: 40 student leaders - Where: Maiduguri - Officials? none" only "Officials" is
    asked about: a colon, a dash between items or a line break before the question mark
    ends the clause the role is in.
    """
    b = tokens.ends[m.j - 1]
    q = text.find("?", b)
    if q < 0:
        return True
    gap = text[b:q]
    return not (":" in gap or " - " in gap or "\n" in gap or " \u2013 " in gap)


def _shouted(m: _Match, text: str, tokens: Token) -> bool:
    """A one-word negation in capitals ('NO and RU officials') is a country code, not 'no'."""
    word = text[tokens.starts[m.i] : tokens.ends[m.i]]
    return m.j - m.i == 1 and len(word) > 1 and word.isupper()


def _quotes(items: list[Evidence], with_field: bool) -> str:
    seen: list[str] = []
    for e in items:
        q = f'"{e.text}"' + (f" ({e.field})" if with_field and e.field != "description" else "")
        if q not in seen:
            seen.append(q)
    more = len(seen) - _MAX_QUOTES
    shown = ", ".join(seen[:_MAX_QUOTES])
    return shown + (f" and {more} more" if more > 0 else "")


def explain(track: Track | None, conf: float, d: Decision, s: Summary) -> str:
    """The explanation paragraph: verdict, the deciding reason, then the quoted evidence."""
    head = ("Abstained" if track is None else str(track)) + f" (confidence {conf:.2f}): "
    parts = [head + d.description + "."]
    ev = s.evidence
    roles = [e for e in ev if e.kind == "participant"]
    groups = (
        ("Officials", [e for e in roles if e.status == "counted" and e.supports == TRACKS[0]]),
        ("Non-state participants", [e for e in roles if e.status == "counted" and e.supports == TRACKS[2]]),
        ("Hosts or funders, counted lightly", [e for e in roles if e.status == "host"]),
        ("Mentioned but not taking part", [e for e in roles if e.status == "bystander"]),
        ("Part of a name, not counted", [e for e in roles if e.status == "name"]),
        ("Asked about in a question, not counted", [e for e in roles if e.status == "asked"]),
        ("Former officials, counted as non-state", [e for e in roles if e.status == "former"]),
        ("Negated, not counted", [e for e in roles if e.status == "negated"]),
        ("Capacity", [e for e in ev if e.kind == "capacity"]),
    )
    for title, items in groups:
        if items:
            parts.append(f"{title}: {_quotes(items, True)}.")
    nature = [e for e in ev if e.kind in _KIND_LABEL]
    if nature:
        by_kind = []
        for kind, title in _KIND_LABEL.items():
            items = [e for e in nature if e.kind == kind]
            if items:
                by_kind.append(f"{title} {_quotes(items, False)}")
        parts.append("Nature and purpose: " + "; ".join(by_kind) + ".")
    denied = [e for e in ev if e.kind.startswith("negated_")]
    if denied:
        parts.append(f"Denied formality, not counted: {_quotes(denied, False)}.")
    branding = [e for e in ev if e.kind == "branding"]
    if branding:
        parts.append(f"Self-description ignored (labels follow who took part): {_quotes(branding, False)}.")
    if s.empty:
        parts.append("Provide a description or the participants, formality and purpose fields.")
    elif not roles and track is not None:
        parts.append("No participants were named, so the label rests on formality and purpose alone.")
    return " ".join(parts)
