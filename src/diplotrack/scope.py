"""How far a modifier reaches: the scope rules of the rule engine, one function each.

A role found in the text ("ministers", "scholars") is a participant unless something near
it says otherwise. Each function here answers one such question for one role, using only
the word lists of the rule set's ``context.toml`` and the numbers of its ``settings.toml``:

* :func:`in_question` -- the role is asked about ("Were diplomats involved?");
* :func:`in_name` -- the role word is part of a name ("Sharm el-Sheikh", "the Ministers
  Forum", "King's College");
* :func:`ambiguity_context` -- an ambiguous entry is used in another sense ("president of
  the chess club", "the region's premier gathering");
* :func:`modifier_before` -- a *former*, a negation or a *hosted by* before the role reaches
  it, across a list of roles (guideline rules 2, 3 and 10);
* :func:`modifier_after` -- a trailing negation ("were invited but none attended"), a
  trailing *retired*, or a verb that makes the role a bystander ("the ministry funded");
* :func:`acts_as_party` -- a state's name is the party that acts ("Canada and Norway
  signed"), not a place or an origin ("scholars from Norway");
* :func:`denied_nature` and :func:`is_topic` -- a formality cue that is denied ("no
  communique") or only the topic of talk ("discussed a possible treaty").

Every function takes the match, the tokens and a :class:`Scope` holding the rule set's
context words and settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .matching import Token
from .rules import MODIFIER_KINDS
from .ruleset import Ambiguity, EngineSettings
from .tokens import stem

__all__ = [
    "Match",
    "Scope",
    "acts_as_party",
    "ambiguity_context",
    "blanket_denial",
    "denial_reading",
    "denial_word_index",
    "one_side_denial",
    "defined_acronyms",
    "denied_nature",
    "denied_office",
    "denies_office",
    "Denial",
    "called_off",
    "meeting_word_at",
    "stemmed",
    "denied_meeting",
    "in_name",
    "in_question",
    "is_place",
    "is_topic",
    "modifier_after",
    "modifier_before",
    "name_after",
    "named_person_of",
    "shouted",
    "staff_of",
    "takes_part",
]

_ROLE_KINDS = frozenset({"official", "party", "intergovernmental", "nonstate"})
_NONSTATE_ONLY = frozenset({"nonstate"})
_BREAKER_ONLY = frozenset({"breaker"})
#: How many phrases (list items, joiners) a walk back from a role crosses at most. Crossing a
#: list item costs no reach, so without a bound every role of a list of n roles would walk back
#: over all before it, and a pasted roster of thousands would take minutes; no modifier in
#: real text reaches across more than a few dozen items ("former ministers, ambassadors, ...").
_MAX_ITEMS_BACK = 48
_CAPITALS_REACH = 8  # words read either side to tell a sentence in capitals
# Words read after a call-off for a meeting held after all: a sentence's own length, bounded
# so that a cell with no sentence ends (a lower-cased digest) is read in linear time.
_HELD_REACH = 120
#: Kinds that say who took part or how: a negation's long reach stops at them.
_WHO_KINDS = _ROLE_KINDS | frozenset(MODIFIER_KINDS)
_APOSTROPHES = frozenset({"'", "\u2019"})
# "no one", "not one": the two-word forms of the context list ``nobody``.
_NO_ONE = frozenset({"no", "not"})


class Match(NamedTuple):
    """A phrase found in the words ``i`` to ``j``, and the rules it belongs to.

    A named tuple rather than a dataclass: one is built per phrase found, on the hot path.
    ``ambiguity`` is set when the phrase is an ambiguous lexicon entry.
    """

    i: int
    j: int
    rules: tuple
    kinds: frozenset[str]
    ambiguity: Ambiguity | None = None


@dataclass(frozen=True)
class Scope:
    """The context word lists and settings the scope functions read.

    Examples
    --------
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> "and" in scope.words["free_words"]
    True
    """

    words: Mapping[str, frozenset[str]]
    settings: EngineSettings

    @classmethod
    def from_ruleset(cls, rs) -> Scope:
        return cls(rs.context, rs.settings)


def in_question(m: Match, text: str, tokens: Token) -> bool:
    """Whether the role's own clause ends in a question mark.

    In "Who: 40 student leaders - Where: Maiduguri - Officials? none" only "Officials" is
    asked about: a colon, a dash between items or a line break before the question mark
    ends the clause the role is in.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> text = "Were any diplomats involved?"
    >>> in_question(Match(2, 3, (), frozenset()), text, tokenize(text))
    True
    """
    if tokens.sentence[m.i] not in tokens.questions:
        return False
    b = tokens.ends[m.j - 1]
    q = text.find("?", b)
    if q < 0:
        return True
    gap = text[b:q]
    return not (":" in gap or " - " in gap or "\n" in gap or " \u2013 " in gap)


#: Each opening quotation mark with the mark that closes it.
_QUOTE_PAIRS = {"'": "'", '"': '"', "\u2018": "\u2019", "\u201c": "\u201d"}
_QUOTE_MARKS = frozenset("'\"\u2018\u2019\u201c\u201d")
#: Words that make a quotation a clause, not a title ("would 'meet the President'").
_CLAUSE_WORDS = frozenset("the a an to i we you he she they it is are was were be will would".split())


def in_scare_quotes(m: Match, text: str, tokens: Token, reach: int) -> bool:
    """Whether the role is a title in quotation marks: the quote closes right after it and
    opens at most ``reach`` words before it (setting ``scare_quote_words``): "the 36
    'ministers' of the youth council", "every participant is a 'young ambassador'". Such a
    title is given, played or borrowed (a mock summit, a brand, an honorific), not an office
    held. The two marks must pair (' and ', \u2018 and \u2019, " and ", \u201c and \u201d): not a
    possessive ("A Senator's Notebook", "\u201cThe ministers\u2019 meeting was useful\u201d");
    and no article, pronoun or auxiliary inside: not a quoted clause ("would 'meet the
    President'"). A single-quoted quotation that ends in a plural possessive ("'The ministers'
    meeting ...'") still reads as one.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> text = "The forum's 36 'ministers' were secondary-school students."
    >>> in_scare_quotes(Match(4, 5, (), frozenset()), text, tokenize(text), 2)
    True
    >>> text = "The ministers met students."
    >>> in_scare_quotes(Match(1, 2, (), frozenset()), text, tokenize(text), 2)
    False
    """
    starts, ends, sentence, lowers = tokens.starts, tokens.ends, tokens.sentence, tokens.lowers
    b = ends[m.j - 1]
    if b >= len(text) or text[b] not in _QUOTE_MARKS or text[b + 1 : b + 2].isalnum():
        return False
    for k in range(m.i, max(-1, m.i - 1 - reach), -1):
        if sentence[k] != sentence[m.i] or (k < m.i and lowers[k] in _CLAUSE_WORDS):
            return False
        a = starts[k]
        if a > 0 and text[a - 1] in _QUOTE_PAIRS and not text[a - 2 : a - 1].isalnum():
            return _QUOTE_PAIRS[text[a - 1]] == text[b]
        if k > 0 and any(c in _QUOTE_MARKS for c in text[ends[k - 1] : a]):
            return False
    return False


def in_name(m: Match, text: str, tokens: Token, scope: Scope) -> bool:
    """Whether the role word is part of a name rather than a person taking part.

    Four shapes: an Arabic article joined by a hyphen ("Sharm el-Sheikh"); a capitalised
    title followed by a capitalised head noun naming a body ("the Ministers Forum"; a body
    named after non-state people, "the NGO Forum", is made of them and is not caught); a
    capitalised title after a head noun put first ("Universidad Mayor", "Avenida Presidente
    Vargas"); a possessive inside a capitalised name ("Queen's University").

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> text = "The Ministers Forum met."
    >>> in_name(Match(1, 2, (), frozenset({"official"})), text, tokenize(text), scope)
    True
    >>> text = "Historians met at the Universidad Mayor de San Andres."
    >>> in_name(Match(5, 6, (), frozenset({"official"})), text, tokenize(text), scope)
    True
    """
    lowers, starts, ends = tokens.lowers, tokens.starts, tokens.ends
    i, j, n = m.i, m.j, len(lowers)
    if i >= 1 and lowers[i - 1] in scope.words["name_articles"] and text[ends[i - 1] : starts[i]] == "-":
        return True
    if i >= 1 and "nonstate" not in m.kinds and text[starts[i]].isupper():
        # A capitalised run that ends in a head noun naming a body or a programme ("the
        # Ministers Forum", "the Youth Diplomat Exchange Program"); a body named after
        # non-state people ("the NGO Forum") is made of them and is not caught.
        # ... or that follows a head noun put first, as in Spanish, Portuguese and French
        # names ("Universidad Mayor de San Andres", "Avenida Presidente Vargas").
        if lowers[i - 1] in scope.words["name_heads_before"] and text[starts[i - 1]].isupper():
            return True
        k = j
        while k < n and k < j + scope.settings.name_run and tokens.sentence[k] == tokens.sentence[i]:
            if not text[starts[k]].isupper() or text[ends[k - 1] : starts[k]].strip(" -"):
                break
            if lowers[k] in scope.words["name_heads"]:
                return True
            k += 1
    return (
        j + 1 < n
        and lowers[j] == "s"
        and text[ends[j - 1] : starts[j]] in _APOSTROPHES
        and text[starts[j + 1]].isupper()
    )


_ACRONYM = re.compile(
    r"((?:[A-Z][\w'\u2019.&-]*\s+(?:(?:of|for|and|on|in|the|de|du|des|la|le)\s+)*){1,8})\(([A-Z][A-Z0-9]{1,7})\)"
)


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines in brackets after a capitalised name, with that name.

    A role acronym ("ELN", "NSA", "MFA") defined as something else in the same text is that
    something else: "the European Leadership Network (ELN)" is no armed group.

    Examples
    --------
    >>> defined_acronyms("The European Leadership Network (ELN) and the Russian council met.")
    {'ELN': 'The European Leadership Network'}
    """
    if "(" not in text:
        return {}
    return {m.group(2): m.group(1).strip() for m in _ACRONYM.finditer(text)}


def _has(words: frozenset[str], tokens: Token, k: int) -> bool:
    return tokens.lowers[k] in words or tokens.stems[k] in words


_PHRASE_ENDS = frozenset(",;:()[]\u2013\u2014")
_OWNER_ENDS = frozenset(",;:([\u2013\u2014")


def _separated(text: str, tokens: Token, k: int, later: int, ends: frozenset[str] = _PHRASE_ENDS) -> bool:
    """Whether punctuation that ends a phrase (a comma, a colon, a bracket, a dash) stands
    between word ``k`` and the word ``later``: "SOCHI, Russia - President Putin". Before a
    title (``ends=_OWNER_ENDS``) a closing bracket does not: it closes the owner's own acronym
    ("the Confederation of Indian Industry (CII) president")."""
    gap = text[tokens.ends[k] : tokens.starts[later]]
    return any(c in ends for c in gap) or " - " in gap


def _possessive_s(text: str, tokens: Token, k: int) -> bool:
    """Whether word ``k`` is the "s" of a possessive ("chamber's"), not of "U.S."."""
    a = tokens.starts[k]
    return tokens.lowers[k] == "s" and a > 0 and text[a - 1] in "'\u2019"


def ambiguity_context(
    m: Match,
    tokens: Token,
    scope: Scope,
    breaker_at,
    role_at=None,
    nonstate_at=None,
    acronym_at=None,
    *,
    text: str,
    state_at=None,
) -> str | None:
    """The word that shows an ambiguous entry used in another sense, or ``None``.

    ``unless_next``: within the next few words ("premier gathering"); ``unless_before``:
    just before ("company president", "brand ambassador"); ``unless_of``: after an
    *of / for / at* that follows it, until a clause-breaking word ("president of the city
    chess club", but not "President Xi of China hosted a company delegation").
    ``breaker_at(k)`` says whether word ``k`` breaks a clause, ``role_at(k)`` whether it
    begins another role (for ``unless_next_role``: "premier wrestlers"), ``nonstate_at(k)``
    whether it is a non-state role (for ``unless_nonstate_owner``: "the president of the
    journalists' union"), ``acronym_at(k)`` whether it is an acronym the rule set knows as
    no state and no official body (for ``unless_acronym_owner``: "the CSIS president",
    "president of SIIS"; only the first word after *of* and its article is read).
    ``state_at(k)``: where the name of a state that begins at word ``k`` ends, or ``None``;
    a capitalised state's name right after *of* is the owner, and what follows a verb
    (context list ``owner_stops``) or an article is not read ("the President of Kenya
    opened the workshop of scholars"), unless the name begins a non-state body's name ("the
    president of the Kenya Chess Federation", "of the US chess federation") or is a
    possessive ("vice-presidents of Egypt's national shipping company"). No context is read across
    punctuation in ``text`` that ends a phrase: not "SOCHI" in "SOCHI, Russia - President
    Putin", not "diaspora" in "the Ambassador of Ethiopia, two diaspora bankers".

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> rs = load_ruleset()
    >>> scope = Scope.from_ruleset(rs)
    >>> amb = next(a for a in rs.ambiguous if a.phrase == "president")
    >>> text = "The president of the city chess club opened the tournament."
    >>> t = tokenize(text)
    >>> ambiguity_context(Match(1, 2, (), frozenset(), amb), t, scope, lambda k: False, text=text)
    'club'
    """
    amb = m.ambiguity
    if amb is None:
        return None
    lowers, sentence, st = tokens.lowers, tokens.sentence, scope.settings
    here, n = sentence[m.i], len(lowers)
    if amb.unless_attribution and (verb := attributed(m, tokens, text, scope, amb.unless_attribution)):
        return verb
    if amb.unless_next_role and m.j < n and sentence[m.j] == here and role_at(m.j):
        # "premier wrestlers", "premier think tanks": an adjective before another role.
        return lowers[m.j]
    if amb.unless_next:
        words = scope.words[amb.unless_next]
        for k in range(m.j, min(n, m.j + st.ambiguity_next)):
            if sentence[k] != here:
                break
            if _has(words, tokens, k):
                return lowers[k]
    owner = nonstate_at if amb.unless_nonstate_owner else None
    acronym = acronym_at if amb.unless_acronym_owner else None
    if amb.unless_before:
        words = scope.words[amb.unless_before]
        # A possessive's "s" is no word of its own: "the chamber's senior vice-president".
        reach = st.ambiguity_before
        if amb.before_reach and (
            amb.reach_through is None or (m.i > 0 and lowers[m.i - 1] in scope.words[amb.reach_through])
        ):
            # "called its ambassador in Israel back to Bogota for consultations": the longer
            # reach only where the entry follows "for"; "came back to the consultations" is
            # the meeting resumed.
            reach = amb.before_reach
        window = range(max(0, m.i - reach), m.i)
        first = m.i - reach - sum(_possessive_s(text, tokens, k) for k in window)
        for k in range(max(0, first), m.i):
            if _separated(text, tokens, k, m.i, _OWNER_ENDS):
                continue
            if sentence[k] == here and (
                _has(words, tokens, k)
                or (owner is not None and owner(k))
                or (acronym is not None and acronym(k))
            ):
                return lowers[k]
    if acronym is not None and m.j + 1 < n and lowers[m.j] in scope.words["acronym_owner_words"]:
        k = m.j + 1
        if lowers[k] in scope.words["apposition_articles"] and k + 1 < n:
            k += 1
        if sentence[k] == here and acronym(k):
            return lowers[k]
    if amb.unless_of and m.j < n and lowers[m.j] in scope.words["of_words"]:
        words = scope.words[amb.unless_of]
        state_owner = state_at is not None and lowers[m.j] == "of"
        stops, articles = scope.words["owner_stops"], scope.words["apposition_articles"]
        k, limit, after_state = m.j + 1, min(n, m.j + 1 + st.ambiguity_of), False
        while k < limit:
            if sentence[k] != here or breaker_at(k) or _separated(text, tokens, k - 1, k):
                break
            if _has(words, tokens, k) or (owner is not None and owner(k)):
                return lowers[k]
            if after_state:
                # Past a state's name the owner is the state, unless the name began a body's
                # name ("the Kenya Chess Federation", "the US chess federation"): read on to a
                # verb, or to an article that does not follow "of" ("of Kenya opened the").
                if lowers[k] in stops or (lowers[k] in articles and lowers[k - 1] != "of"):
                    break
            elif state_owner and text[tokens.starts[k]].isupper() and (end := state_at(k)) is not None:
                # "of Egypt's national shipping company": a possessive's owner comes later.
                if not (end < n and _possessive_s(text, tokens, end)):
                    k, after_state = end, True
                    continue
            k += 1
    return None


def attributed(m: Match, tokens: Token, text: str, scope: Scope, verbs: str) -> str | None:
    """The verb of saying when ``m`` ends an attribution that follows what is reported, or
    ``None``: a comma, at most ``settings.attribution_words`` words naming the speaker and a
    verb of the context list ``verbs``, then ``m`` ("Deputy ministers joined the sessions, the
    organisers said in a statement"; "..., the ministry's spokesman told reporters"), with at
    most ``settings.attribution_tail`` words after it in the sentence ("on Thursday", "that
    did not name them"). What such a sentence reports may be the meeting itself; a statement
    made before the report ("In a statement, the ministry condemned...", "The minister told
    reporters that...") is not an attribution.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> text = "Two deputy ministers joined the sessions, the organisers said in a statement."
    >>> attributed(Match(10, 13, (), frozenset()), tokenize(text), text, scope, "saying_verbs")
    'said'
    >>> text = "In a statement, the ministry condemned the visit."
    >>> attributed(Match(0, 3, (), frozenset()), tokenize(text), text, scope, "saying_verbs") is None
    True
    """
    lowers, sentence, st = tokens.lowers, tokens.sentence, scope.settings
    here = sentence[m.i]
    after = sum(1 for k in range(m.j, min(len(lowers), m.j + st.attribution_tail + 1)) if sentence[k] == here)
    if after > st.attribution_tail:
        return None
    words = scope.words[verbs]
    for k in range(m.i, max(0, m.i - st.attribution_words - 1) - 1, -1):
        if k == 0 or sentence[k - 1] != here:
            return None  # the sentence begins with the attribution: nothing is reported before it
        if "," in text[tokens.ends[k - 1] : tokens.starts[k]]:
            return next((lowers[v] for v in range(k, m.j) if _has(words, tokens, v)), None)
    return None


def acts_as_party(
    m: Match, text: str, tokens: Token, scope: Scope, verbs: str, party_end, memo: dict | None = None
) -> Match | None:
    """The verb that makes a state's name the party that acts, or ``None``.

    A state is an official party when the list of states it belongs to is the subject of a
    verb of official business from the context list ``verbs`` ("Canada, Denmark and Norway
    discussed", "Representatives of the Parties (Argentina, Chile) met"); the same name is
    a place, an origin or an object when a preposition comes before the list ("scholars
    from Norway and Russia met", "talks in Oslo"). Only a capitalised name counts.
    ``party_end(k)`` gives the end of another state's name that begins at word ``k``, or
    ``None``. Give the states of one text one ``memo`` dict: every state of a list shares
    its start and its end, so each list is read once (a cell listing thousands of states
    is read in linear time).

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> def ends(t):
    ...     return lambda k: k + 1 if t.lowers[k] in ("canada", "norway") else None
    >>> text = "Canada and Norway signed the accord in Oslo."
    >>> t = tokenize(text)
    >>> acts_as_party(Match(0, 1, (), frozenset()), text, t, scope, "state_actions", ends(t))
    Match(i=3, j=4, rules=(), kinds=frozenset(), ambiguity=None)
    >>> text = "Scholars from Canada and Norway met."
    >>> t = tokenize(text)
    >>> acts_as_party(Match(2, 3, (), frozenset()), text, t, scope, "state_actions", ends(t)) is None
    True
    """
    starts, ends, lowers, sentence = tokens.starts, tokens.ends, tokens.lowers, tokens.sentence
    if not text[starts[m.i]].isupper():
        return None
    memo = {} if memo is None else memo
    words = scope.words
    glue, aux = words["party_list_glue"], words["acting_auxiliaries"]
    n = len(lowers)
    opening, before = _list_opening(m.i, text, tokens, glue, party_end, memo.setdefault("back", {}))
    # The list opens at the first word after the walk: "The United States and China ...".
    bracketed = _opens_clause(opening, text, tokens, scope)
    if bracketed is None:
        return None
    # On to the end of the list, across auxiliaries, to the verb; a dash or a colon ends the
    # list ("VIENTIANE - Laos held ..."), a bracket too unless the list opened one.
    forward = memo.setdefault(("forward", bracketed), {})
    joiners = memo.get("joiners") or memo.setdefault("joiners", glue | aux)
    k, after = _list_close(m.j, bracketed, text, tokens, joiners, party_end, forward)
    if k is None:
        return None
    if bracketed and before + 1 + after < 2:
        return None  # "the exporters' association (Peru)": an affiliation in brackets
    verb_words = words[verbs]
    if (
        k < n
        and sentence[k] == sentence[m.i]
        and lowers[k] in verb_words
        and "(" not in text[ends[k - 1] : starts[k]]
    ):
        if k + 1 < n and party_end(k + 1) is not None:
            return None  # "Laos held Vietnam to a draw": a state as the object, a match or a war
        return Match(k, k + 1, (), frozenset())
    return None


def _list_opening(
    i: int, text: str, tokens: Token, glue: frozenset[str], party_end, memo: dict[int, tuple[int, int]]
) -> tuple[int, int]:
    """Walk back from the state that begins at word ``i`` to the start of its list, across the
    other states and the words that join them: the word the list opens at, and the number of
    states before ``i`` in it. The walk from a state reaches the states before it, so their
    answers are kept in ``memo`` and each stretch of the text is walked once."""
    starts, ends, lowers, sentence = tokens.starts, tokens.ends, tokens.lowers, tokens.sentence
    here = sentence[i]
    chain, k = [i], i - 1
    found = None
    while k >= 0 and sentence[k] == here and not _PAUSE.search(text[ends[k] : starts[k + 1]]):
        if lowers[k] in glue:
            k -= 1
        elif (begin := _state_ending_at(k, party_end)) is not None:
            if begin in memo:
                found = memo[begin]
                break
            chain.append(begin)
            k = begin - 1
        else:
            break
    opening, before = found if found is not None else (k + 1, -1)
    # The states walked over, from the earliest: each has the one before it in the list.
    for begin in reversed(chain):
        before += 1
        memo[begin] = (opening, before)
    return memo[i]


def _list_close(
    j: int, bracketed: bool, text: str, tokens: Token, joiners: frozenset[str], party_end, memo: dict
) -> tuple[int | None, int]:
    """Walk on from the state that ends at word ``j`` to the end of its list: the word after
    it (``None`` when a pause or a bracket ends the list first) and the number of states
    after ``j`` in it; kept in ``memo`` by the end of each state walked over."""
    starts, ends, lowers, sentence = tokens.starts, tokens.ends, tokens.lowers, tokens.sentence
    n, here = len(lowers), sentence[j - 1]
    chain, k = [j], j
    found = None
    while k < n and sentence[k] == here:
        gap = text[ends[k - 1] : starts[k]]
        if _PAUSE.search(gap) or (")" in gap and not bracketed) or ("(" in gap):
            found = (None, 0)
            break
        end = party_end(k)
        if end is not None:
            if end in memo:
                found = memo[end]
                break
            chain.append(end)
            k = end
        elif lowers[k] in joiners:
            k += 1
        else:
            break
    close, after = found if found is not None else (k, -1)
    for end in reversed(chain):
        after += 1
        memo[end] = (close, after)
    return memo[j]


_PAUSE = re.compile(r"[:;\u2013\u2014]|\s-\s")


def _opens_clause(first: int, text: str, tokens: Token, scope: Scope) -> bool | None:
    """Whether a list of states that begins at word ``first`` opens a clause (so it can be
    its subject): ``True`` inside a bracket, ``False`` otherwise, ``None`` when it does not
    ("scholars from Norway", "the three countries and the United Kingdom")."""
    if first == 0 or tokens.sentence[first - 1] != tokens.sentence[first]:
        return False
    before = tokens.lowers[first - 1]
    gap = text[tokens.ends[first - 1] : tokens.starts[first]]
    if before in scope.words["not_actor_before"]:
        return None
    if "(" in gap:
        return True
    if "," in gap or _PAUSE.search(gap):
        # After a comma the list opens a clause, unless the word before is itself a name,
        # the unknown first item of the same list ("in Ohrid, Sarajevo and Belgrade").
        previous = text[tokens.starts[first - 1]]
        return None if previous.isupper() else False
    if before.isdigit() or before in scope.words["clause_starters"]:
        return False
    return None


def _state_ending_at(k: int, party_end) -> int | None:
    # The first word of a state's name (of one to four words) that ends at word k.
    for i in range(max(0, k - 3), k + 1):
        if party_end(i) == k + 1:
            return i
    return None


def _owns_a_thing(m: Match, text: str, tokens: Token, scope: Scope) -> bool:
    # "President Lee's travel ban", "the minister's decree", "the king's envoy": a possessive
    # 's right after the role or its capitalised name, then, one or two words on, a thing
    # the role owns.
    lowers, starts, ends, sentence = tokens.lowers, tokens.starts, tokens.ends, tokens.sentence
    n, k = len(lowers), m.j
    while True:
        if k >= n or k >= m.j + scope.settings.name_run or sentence[k] != sentence[m.i]:
            return False
        if lowers[k] == "s" and starts[k] > 0 and text[starts[k] - 1] in "'\u2019":
            break
        if not text[starts[k]].isupper():
            return False
        k += 1
    things, household = scope.words["owned_things"], scope.words["household"]
    if (
        k + 1 < n
        and sentence[k + 1] == sentence[m.i]
        and (lowers[k + 1] in things or lowers[k + 1] in household)
    ):
        return True
    # One word between ("travel ban", "security detail"), joined by a space or a hyphen only.
    return (
        k + 2 < n
        and sentence[k + 2] == sentence[m.i]
        and (lowers[k + 2] in things or lowers[k + 2] in household)
        and text[ends[k + 1] : starts[k + 2]] in (" ", "-")
    )


def _household_of(m: Match, text: str, tokens: Token, scope: Scope) -> bool:
    # "the wife of the Japanese ambassador", "the chauffeur of the King": a relative or
    # household noun, "of", then an official's role, with only articles, free words and
    # capitalised words (a nationality, a name) between. Not a non-state role: "the
    # families of the hostages" take part as the hostages' side.
    if m.kinds & _ROLE_KINDS == _NONSTATE_ONLY or any(r.institution for r in m.rules):
        return False  # "the chief physician of the Health Ministry" works there
    lowers, starts, ends, sentence = tokens.lowers, tokens.starts, tokens.ends, tokens.sentence
    free = scope.words["free_words"]
    k = m.i - 1
    while k >= 1 and sentence[k] == sentence[m.i] and k >= m.i - 4:
        if text[ends[k] : starts[k + 1]].strip():
            return False  # "a son of Majuro, Ambassador Langinlur": the comma ends the phrase
        if lowers[k] == "of":
            break
        if lowers[k] not in free and not text[starts[k]].isupper():
            return False
        k -= 1
    return (
        k >= 1
        and lowers[k] == "of"
        and sentence[k - 1] == sentence[m.i]
        and lowers[k - 1] in scope.words["household"]
    )


def is_place(m: Match, tokens: Token, scope: Scope, text: str | None = None) -> bool:
    """Whether an institution is named as a place ("talks at the foreign ministry", "critics
    in both capitals", "officials from the ministry"), not as a party taking part.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> from diplotrack.rules import Rule
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> ministry = Rule("i", "official", "Track 1", "", lexicon="x", institution=True)
    >>> t = tokenize("Scholars met at the foreign ministry.")
    >>> is_place(Match(4, 6, (ministry,), frozenset({"official"})), t, scope)
    True

    A role that owns a place names the place, for any role ("a reception at the ambassador's
    residence", "the governors' mansion"):

    >>> envoy = Rule("o", "official", "Track 1", "", lexicon="x")
    >>> t = tokenize("Guests dined at the ambassador's residence.")
    >>> is_place(Match(4, 5, (envoy,), frozenset({"official"})), t, scope)
    True

    So does a role, with or without the name after it, that owns a thing which is not the
    role taking part ("visas refused under President Lee's travel ban", "the minister's
    envoy met them"); given the text, the name is skipped:

    >>> text = "Some were refused visas under President Lee's travel ban."
    >>> is_place(Match(5, 6, (envoy,), frozenset({"official"})), tokenize(text), scope, text)
    True
    """
    lowers, sentence = tokens.lowers, tokens.sentence
    k = m.j + 1 if m.j < len(lowers) and lowers[m.j] == "s" else m.j
    if k < len(lowers) and sentence[k] == sentence[m.i] and lowers[k] in scope.words["owned_places"]:
        return True
    if text is not None and (_owns_a_thing(m, text, tokens, scope) or _household_of(m, text, tokens, scope)):
        return True
    if not any(r.institution for r in m.rules):
        return False
    free = scope.words["free_words"]
    places = scope.words["place_prepositions"]
    k = m.i - 1
    while k >= 0 and sentence[k] == sentence[m.i] and k >= m.i - 3:
        if lowers[k] in places:
            return True
        if lowers[k] not in free:
            return False
        k -= 1
    return False


def name_after(m: Match, text: str, tokens: Token, limit: int) -> tuple[str, ...]:
    """The capitalised words of the name right after a title, lower-cased ("Ambassador
    Takeshi Morita" gives ``("takeshi", "morita")``); empty when no name follows.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> text = "Ambassador Takeshi Morita, who had retired, spoke."
    >>> name_after(Match(0, 1, (), frozenset()), text, tokenize(text), 6)
    ('takeshi', 'morita')
    """
    starts, ends, lowers, sentence = tokens.starts, tokens.ends, tokens.lowers, tokens.sentence
    out: list[str] = []
    k = m.j
    while k < len(lowers) and k < m.j + limit and sentence[k] == sentence[m.i]:
        if k > m.j and "," in text[ends[k - 1] : starts[k]]:
            break
        word = text[starts[k] : ends[k]]
        if not (word[:1].isupper() and len(word) > 1 and not word.isupper()):
            break
        out.append(lowers[k])
        k += 1
    return tuple(out)


def staff_of(m: Match, tokens: Token, scope: Scope) -> int | None:
    """Where an official institution names its own people in person ("two people from the
    ministry", "engineers of the boundary commission", "staff at the foreign ministry"):
    the index of the person noun before the preposition, else ``None``.

    Such people are serving officials taking part (guideline rule 11), not an institution
    in the background and not a place.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> from diplotrack.rules import Rule
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> ministry = Rule("i", "official", "Track 1", "", lexicon="x", institution=True)
    >>> t = tokenize("Two people from the ministry turned up.")
    >>> staff_of(Match(4, 5, (ministry,), frozenset({"official"})), t, scope)
    1
    >>> t = tokenize("A grant from the ministry paid for it.")
    >>> staff_of(Match(4, 5, (ministry,), frozenset({"official"})), t, scope) is None
    True
    >>> t = tokenize("Analysts from across the ministry met.")
    >>> staff_of(Match(4, 5, (ministry,), frozenset({"official"})), t, scope) is None
    True
    >>> t = tokenize("Experts from ministry programmes met.")
    >>> staff_of(Match(2, 3, (ministry,), frozenset({"official"})), t, scope) is None
    True
    """
    if not any(r.institution for r in m.rules):
        return None
    lowers, sentence = tokens.lowers, tokens.sentence
    attributes = scope.words["institution_attributes"]
    if m.j < len(lowers) and sentence[m.j] == sentence[m.i] and lowers[m.j] in attributes:
        # "Experts from NATO countries": the name describes the next noun, which is where
        # the people come from; they are not the institution's own.
        return None
    preps = scope.words["staff_prepositions"]
    nouns = scope.words["staff_nouns"]
    blockers = scope.words["staff_blockers"]
    verbs, verb_preps = scope.words["staff_verbs"], scope.words["staff_verb_prepositions"]
    k = m.i - 1
    # Back over articles, possessives, adjectives and "sections of" ("the", "both
    # countries'", "both sections of the") to a preposition with a person noun before it,
    # or with a verb of working now ("people who still work for their governments").
    while k >= 1 and sentence[k] == sentence[m.i] and k >= m.i - 6:
        if sentence[k - 1] == sentence[m.i] and (
            (lowers[k] in preps and lowers[k - 1] in nouns)
            or (lowers[k] in verb_preps and lowers[k - 1] in verbs)
        ):
            return k - 1
        if not lowers[k].isalpha() or lowers[k] in blockers:
            return None
        k -= 1
    return None


def named_person_of(m: Match, text: str, tokens: Token, scope: Scope) -> int | None:
    """Where an entry of a list names a person and, after a comma, the official institution
    they belong to ("Mr Zulkifli Hamid, Legal Adviser's Division, Ministry of Foreign
    Affairs"; "Ms Dewi Anggraini, Programme Officer, ASEAN Secretariat"): the index of the
    person's title (a word of the context list ``person_titles``), else ``None``. The
    institution is the person's affiliation, so they are its serving staff in person
    (guideline rule 11), unless a 'former' says otherwise.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> from diplotrack.rules import Rule
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> ministry = Rule("i", "official", "Track 1", "", lexicon="x", institution=True)
    >>> text = "Observer: Mr Zulkifli Hamid, Legal Division, Ministry of Foreign Affairs"
    >>> named_person_of(Match(7, 11, (ministry,), frozenset({"official"})), text, tokenize(text), scope)
    1
    """
    if not any(r.institution for r in m.rules):
        return None
    lowers, sentence, starts, ends = tokens.lowers, tokens.sentence, tokens.starts, tokens.ends
    titles = scope.words["person_titles"]
    here = sentence[m.i]
    comma = False
    for k in range(m.i - 1, max(-1, m.i - 1 - scope.settings.list_entry_words), -1):
        if sentence[k] != here:
            return None
        gap = text[ends[k] : starts[k + 1]]
        if ":" in gap:
            return None
        comma = comma or "," in gap
        if lowers[k] in titles and text[starts[k]].isupper():
            return k if comma else None
    return None


def shouted(m: Match, text: str, tokens: Token) -> bool:
    """A one-word negation in capitals ('NO and RU officials') is a country code, not 'no';
    in a sentence written all in capitals ('NO SERVING OFFICIALS ATTENDED') it is a 'no'.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> text = "NO and RU officials met."
    >>> shouted(Match(0, 1, (), frozenset()), text, tokenize(text))
    True
    >>> text = "NO SERVING OFFICIALS ATTENDED."
    >>> shouted(Match(0, 1, (), frozenset()), text, tokenize(text))
    False
    """
    word = text[tokens.starts[m.i] : tokens.ends[m.i]]
    return m.j - m.i == 1 and len(word) > 1 and word.isupper() and not _in_capitals(m.i, text, tokens)


def numbered(k: int, tokens: Token) -> bool:
    """Whether word ``k`` is "No." as the sign for a number ("Resolution No. 402", "Decree
    no.14"): a "no" with a full stop right before a figure denies nothing. Without the stop
    it is a denial ("there was no 2020 summit", "no 10 officials came").

    >>> from diplotrack.matching import tokenize
    >>> numbered(1, tokenize("Resolution No. 402 was adopted."))
    True
    >>> numbered(2, tokenize("There was no 2020 summit."))
    False
    """
    lowers, lowered = tokens.lowers, tokens.lowered
    if lowers[k] != "no" or k + 1 >= len(lowers) or not lowers[k + 1].isdigit() or not lowered:
        return False
    return "." in lowered[tokens.ends[k] : tokens.starts[k + 1]]


def _in_capitals(k: int, text: str, tokens: Token) -> bool:
    """Whether word ``k`` stands among capitals: every other word of three letters or more
    around it, in its sentence, is upper case (a heading, a telegram, a shouted line; one
    word in lower case, "NO and RU officials", and it is a mixed sentence with acronyms),
    so a capital word there says nothing of an acronym or a code. Eight words either side
    are read, so a long cell is read in linear time."""
    here, sentence = tokens.sentence[k], tokens.sentence
    near = range(max(0, k - _CAPITALS_REACH), min(len(sentence), k + _CAPITALS_REACH + 1))
    words = (text[tokens.starts[j] : tokens.ends[j]] for j in near if j != k and sentence[j] == here)
    cased = [w.isupper() for w in words if len(w) >= 3 and w.isalpha()]
    return bool(cased) and all(cased)


def _opens_list_item(
    k: int, matches: list[Match], cover: list[int], text: str, tokens: Token, articles: frozenset[str]
) -> bool:
    """Whether word ``k`` is an article that opens a new item of a list of roles after a comma
    ("a former ambassador, a deputy minister": the minister is not former), as "and a" does.
    Only right after a role: after a name the article opens an apposition about that person
    ("Former minister Jan Olsen, a diplomat by training")."""
    if k == 0 or tokens.lowers[k] not in articles or "," not in text[tokens.ends[k - 1] : tokens.starts[k]]:
        return False
    before = cover[k - 1]
    return before >= 0 and bool(matches[before].kinds & _ROLE_KINDS)


def modifier_before(
    m: Match, matches: list[Match], cover: list[int], text: str, tokens: Token, scope: Scope
) -> tuple[str, Match | None] | None:
    """The status a modifier before the role gives it, walking back across a list of roles.

    Returns ``("former" | "negated" | "host" | "counted", modifier)``, or ``None`` when
    nothing before the role changes it. A *former* reaches back over list items and free
    words ("former ministers, ambassadors and generals") but stops at a *serving* or at a
    non-state role in the list ("ex-inspectors, scholars and officials": the officials
    still serve); "serving and former ministers" are counted; a negation reaches only a
    couple of words; *hosted by* stops at the comma that ends its clause, and reaches
    across "and a" (or ", a" after a role) to the next item of a list of hosts or funders,
    where a former or a negation stops.

    Examples
    --------
    >>> from diplotrack import RuleClassifier
    >>> RuleClassifier().classify("Former ministers and ambassadors met scholars.").label
    'Track 2'
    """
    words, st = scope.words, scope.settings
    free, of_words, joiners = words["free_words"], words["of_words"], words["list_joiners"]
    list_articles = words["list_articles"]
    sentence, lowers, starts, ends = tokens.sentence, tokens.lowers, tokens.starts, tokens.ends
    here = sentence[m.i]
    hops = items = 0
    serving = comma = colon = crossed_nonstate = new_item = False
    k = m.i - 1
    while k >= 0 and sentence[k] == here:
        if not colon:
            gap = text[ends[k] : starts[k + 1]]
            comma = comma or "," in gap or ":" in gap
            colon = ":" in gap  # a semicolon ends the sentence (tokens.tokenize)
        c = cover[k]
        if c < 0:
            if _opens_list_item(k, matches, cover, text, tokens, list_articles):
                new_item = True  # ", a deputy minister" after a role: as "and a", a new item
            elif lowers[k] not in free:
                hops += 1
                if hops > st.host_before:
                    return None
            k -= 1
            continue
        other = matches[c]
        kinds = other.kinds
        items += 1
        if items > _MAX_ITEMS_BACK:
            return None
        if (
            kinds == _BREAKER_ONLY
            and other.j - other.i == 2
            and lowers[other.i] in joiners
            and lowers[other.i + 1] in list_articles
        ):
            # "and a", "and two" may open a new clause ("former ministers and a serving
            # diplomat"), so it stops a former or a negation, but not a list of funders
            # ("funded by a foundation and a development agency").
            new_item = True
            k = other.i - 1
            continue
        if new_item and not ("host" in kinds or kinds & _ROLE_KINDS):
            return None
        if "serving" in kinds:
            # 'serving' / 'current' stops 'former' but not a negation before it:
            # "no serving officials" and "no current officials" are still negated.
            serving = True
            k = other.i - 1
            continue
        if "former_before" in kinds:
            if serving or crossed_nonstate or _closes_aside(other, text, tokens):
                return None
            b = other.i - 1
            if (
                b >= 1
                and lowers[b] in joiners
                and cover[b - 1] >= 0
                and "serving" in matches[cover[b - 1]].kinds
            ):
                # "serving and former ministers": some of them serve now.
                return "counted", None
            return ("former", other) if hops <= st.former_before else None
        if "negation_before" in kinds:
            # A negation before a colon ends with its clause: "a meeting no one expected: the
            # two foreign ministers met" negates nobody after it.
            if (
                hops <= st.negation_before
                and not colon
                and not shouted(other, text, tokens)
                and not numbered(other.i, tokens)
            ):
                return "negated", other
            return None
        if "outside_before" in kinds:
            # "weeks after President Reagan and General Secretary Gorbachev met": the officials
            # of another occasion (or of an event that befell them) are mentioned, not in the
            # room; as for a host, the clause ends at a comma.
            return None if comma else ("bystander", other)
        if "subject_before" in kinds:
            # "the return of displaced persons and refugees", "scholarships for Lao students":
            # the people the talks are about or are for, not people at the table; as for a
            # host, the clause ends at a comma. Only non-state people: an official so named is
            # left to the other marks ('the return of the ambassador' is rarely the topic alone).
            if comma or m.kinds & _ROLE_KINDS != _NONSTATE_ONLY:
                return None
            return "bystander", other
        if "host" in kinds or "facilitator" in kinds:
            # "Hosted by the Institute, the ministers met": the host clause ends at the comma
            # (or a colon: "Reply of the Minister: three officers of the Ministry spoke").
            return None if comma else ("host" if "host" in kinds else "facilitator", other)
        if kinds & _ROLE_KINDS:
            # A colon inside a role phrase ("Minister of State: Secretary") ends a host's
            # clause like one between words.
            comma = comma or ":" in text[starts[other.i] : ends[other.j - 1]]
            head = other.j < len(lowers) and lowers[other.j] in of_words
            if kinds & _ROLE_KINDS == _NONSTATE_ONLY and not head:
                # A list item ("scholars, officials"), not a head noun ("a former chief of
                # the armed forces").
                crossed_nonstate = True
            k = other.i - 1
            continue
        return None
    return None


def modifier_after(
    m: Match, matches: list[Match], cover: list[int], text: str, tokens: Token, scope: Scope
) -> tuple[str, Match | None] | None:
    """The status a modifier after the role gives it, or ``None``.

    A trailing negation ("were invited but none attended") negates; a trailing *retired*
    makes the role former, unless it belongs to a new phrase ("diplomats and retired
    generals"); a verb of funding, announcing or watching right after the role, or in a
    relative clause right after it ("the ministry, which funded the camp"), makes it a
    bystander -- not a participant (guideline rule 10).

    Examples
    --------
    >>> from diplotrack import RuleClassifier
    >>> RuleClassifier().classify("Ministers were invited but none attended; scholars met.").label
    'Track 2'
    """
    words, st = scope.words, scope.settings
    free, openers, relatives, joiners, contrasts, reported_words = (
        words["free_words"],
        words["clause_openers"],
        words["relatives"],
        words["list_joiners"],
        words["contrasts"],
        words["reported_clauses"],
    )
    sentence, lowers, starts, ends = tokens.sentence, tokens.lowers, tokens.starts, tokens.ends
    here, n = sentence[m.i], len(lowers)
    reported = False
    hops = 0
    k = m.j
    near = m.j + st.after_scan_words
    limit = max(near, m.j + st.negation_scan_words)
    comma = new_phrase = named = False
    relative = -1
    apart = stopped = contrasted = crossed = False
    while k < n and k < limit and sentence[k] == here:
        if not comma and lowers[k] in openers:
            # ", the newspaper reported" and ", and the two men watched" open a new clause.
            g = k - 1 if k - 1 >= m.j and lowers[k - 1] in joiners else k
            comma = "," in text[ends[g - 1] : starts[g]]
        c = cover[k]
        far = k >= near or hops > st.after_scan_hops
        stopped = stopped or _far_stop(text[ends[k - 1] : starts[k]], lowers[k] in contrasts)
        if far and stopped:
            return None
        if c < 0:
            reported = reported or lowers[k] in reported_words
            # Names and titles after a role ("President P. W. Botha denounced") do not loosen
            # its tie to the verb that follows.
            if lowers[k] not in free and not text[starts[k]].isupper():
                hops += 1
                if hops > max(st.after_scan_hops, st.negation_scan_hops):
                    return None
            elif text[starts[k]].isupper():
                named = True
            k += 1
            continue
        other = matches[c]
        kinds = other.kinds
        breaker = kinds == _BREAKER_ONLY
        contrast = breaker and lowers[other.i] in contrasts
        if far:
            # Past the reach of other modifiers only a negation still reads: "a deputy
            # minister had accepted an invitation to the dinner on the first evening but
            # withdrew the day before" (settings negation_scan_words, negation_scan_hops).
            if "negation_after" in kinds and contrasted:
                return None if denies_office(other, tokens, scope) else ("negated", other)
            if contrast:
                contrasted, k = True, other.j
                continue
            if kinds & _WHO_KINDS:
                return None
            # A sign of the setting or the occasion ("the working dinner of the first
            # evening") is crossed like any other word.
            hops, k = hops + 1, other.j
            if hops > st.negation_scan_hops:
                return None
            continue
        if breaker and relative < 0 and (contrast or _invited(other.i, lowers, words)):
            # "invited the minister, but she withdrew": a contrast goes on to say what
            # became of the role; only a negation is read after it. So does an invitation
            # the role received ("ministers are invited to the closing ceremony but do not
            # take part in the discussions"), once a contrast follows.
            contrasted = contrasted or contrast
            hops, k = max(hops, st.after_scan_hops + 1), other.j
            continue
        if breaker and lowers[other.i] in relatives and relative < 0:
            # A relative clause right after the role still says what the role did; after
            # another role reached across a verb, it says what that one did ("the vice
            # minister spoke in place of the minister, who could not come").
            if apart:
                return None
            relative, hops, comma, k = other.j, 0, False, other.j
            continue
        if breaker and lowers[other.i] in joiners:
            # "ambassadors and a deputy minister watched": the list goes on, but a
            # 'retired' after "and a" starts a new phrase of its own.
            new_phrase, k = True, other.j
            continue
        if "negation_after" in kinds:
            # "journalists and activists, but none holding government office": the "none" says
            # what office they hold, not that they stayed away.
            return None if denies_office(other, tokens, scope) else ("negated", other)
        if "former_after" in kinds:
            if new_phrase:
                return None
            if other.i > m.j and text[ends[other.i - 1] : starts[other.i]] == "-":
                # Joined by a hyphen to a word after the role, it is that word's: "a letter
                # from the Minister for Foreign Affairs to the President-elect".
                return None
            nxt = other.j
            if (
                "former_before" in kinds
                and nxt < n
                and cover[nxt] >= 0
                and matches[cover[nxt]].kinds & _ROLE_KINDS
                and not _closes_aside(other, text, tokens)
            ):
                # "diplomats and retired generals": 'retired' belongs to the generals; but
                # "Ambassador Olu Adeyinka, a retired career diplomat" is one person (with an
                # article: "Deputy Minister Ana Lopes, retired diplomats and academics" is a list).
                if (
                    named
                    and not crossed
                    and other.i > 0
                    and lowers[other.i - 1] in words["apposition_articles"]
                    and _apposition(other.i, text, tokens, scope)
                ):
                    return "former", other
                return None
            return "former", other
        if "delegation_after" in kinds:
            # "two economists, whom the ministry appointed as advisers to the delegation": a
            # relative clause may say it too (guideline rule 11). The body they come from is
            # marked too ("two from the University of Malawi joined the national delegations
            # as technical experts"): often it is all that names them. It reaches as far back
            # as a bystander verb does (setting bystander_after).
            if hops <= st.bystander_after and (not comma or relative >= 0):
                return "delegate", other
            return None
        if "facilitator_after" in kinds:
            # "The Community of Sant'Egidio facilitated the talks", "a Swiss foundation, which
            # mediated between the delegations": what the role did, as a bystander verb says.
            # Not an attribute ("the EU-facilitated dialogue" names another process), and not
            # for an official, who takes part whether or not it mediates (guideline rule 5):
            # there the verb is a word like any other, and the scan goes on to what else is
            # said of the role ("..., but none came").
            if m.kinds & _ROLE_KINDS != _NONSTATE_ONLY or "-" in text[ends[other.i - 1] : starts[other.i]]:
                hops, k = hops + 1, other.j
                continue
            if relative >= 0 and other.i - relative > 2:
                return None
            if hops <= st.bystander_after and not comma:
                return "facilitator", other
            return None
        if "bystander" in kinds:
            # "..., the newspaper reported" reports the whole clause, not this role.
            if relative >= 0 and other.i - relative > 2:
                return None
            if hops <= st.bystander_after and not comma:
                return "bystander", other
            return None
        if "former_before" in kinds and named and not crossed and _apposition(other.i, text, tokens, scope):
            # "H.E. Dr. Joseph Mwangaza, former Minister of Finance", "Ambassador Abdi Farah,
            # a former permanent representative": the title and the apposition after the name
            # are one person, no longer in office (guideline rule 11). Not after other words:
            # "a serving minister on a panel next to a Brazilian economist, a former premier".
            return "former", other
        if relative >= 0:
            return None
        if kinds & _ROLE_KINDS or "serving" in kinds:
            if reported:
                # "told delegates that the President sent his regrets": what follows is
                # the President's.
                return None
            apart = apart or hops > 0  # not a list ('ministers and diplomats') but a new phrase
            # A role in lower case is another person, not a title of the name ("Dr.").
            crossed = crossed or not text[starts[other.i]].isupper()
            k = other.j
            continue
        return None
    return None


def denied_office(m: Match, text: str, tokens: Token, scope: Scope) -> Match | None:
    """The word that denies an office to everyone, before a role that names the office
    itself, or ``None``: "No one in either delegation holds a government post", "none of
    whom holds a seat in parliament or a government post", "none of those present holds
    elected or appointed public office". The role ends in a word of the context list
    ``office_words``; the denial (``nobody``, or "no one", "not one") comes earlier in its
    clause, within ``settings.denial_reach`` words.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> text = "No one in either delegation holds a government post."
    >>> denied_office(Match(5, 9, (), frozenset({"official"})), text, tokenize(text), scope)[:2]
    (0, 2)
    """
    lowers, sentence, starts, ends = tokens.lowers, tokens.sentence, tokens.starts, tokens.ends
    if lowers[m.j - 1] not in scope.words["office_words"]:
        return None
    here = sentence[m.i]
    for k in range(m.i - 1, max(-1, m.i - 1 - scope.settings.denial_reach), -1):
        if sentence[k] != here or ":" in text[ends[k] : starts[k + 1]]:
            # A colon ends the clause (a semicolon already ends the sentence).
            return None
        for start in (k, k - 1):
            if start >= 0 and start + nobody_at(start, tokens, scope.words) == k + 1:
                return Match(start, k + 1, (), frozenset())
    return None


def _clause_ahead(m: Match, tokens: Token, reach: int) -> Iterator[int]:
    """The words after ``m``, at most ``reach`` of them, up to the end of its clause: its
    sentence ends (at a full stop, a semicolon, ...) or a comma or colon comes
    (``Token.pauses``, which also keeps a phrase from running across one)."""
    sentence, here = tokens.sentence, tokens.sentence[m.i]
    for k in range(m.j, min(len(sentence), m.j + reach)):
        if sentence[k] != here or k in tokens.pauses:
            return
        yield k


def told_as_history(m: Match, tokens: Token, scope: Scope) -> bool:
    """Whether the denial ``m`` tells the time before a meeting rather than deny one: a word of
    the context list ``denial_history`` after it, in its clause ("No such meeting had been held
    since 2019", "no talks had been held between them in eighteen months"), so it is a sign, not
    a denial of the meeting the text reports. An attribution after a comma ("..., a spokesman
    said earlier") is not read.

    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> denial = Match(0, 3, (), frozenset())
    >>> told_as_history(denial, tokenize("No such meeting had been held since 2019."), scope)
    True
    >>> told_as_history(denial, tokenize("No such meeting took place, a spokesman said earlier."), scope)
    False
    """
    history, lowers = scope.words["denial_history"], tokens.lowers
    return any(lowers[k] in history for k in _clause_ahead(m, tokens, len(lowers)))


def takes_part(m: Match, tokens: Token, scope: Scope) -> bool:
    """Whether the role ``m`` is the subject of a verb of taking part of its own (context
    list ``taking_part_verbs``: "joined", "attended"; or ``taking_part_phrase_verbs`` and
    ``taking_part_phrase_ends``: "took part", "were present"), within
    ``settings.take_part_reach`` words after it and in its clause: no comma, semicolon or
    colon crossed, and no negation (context list ``nature_negators``) on the way. Such
    officials took part whatever another group is said to have done ("Deputy foreign
    ministers joined the dialogue, although no ministers attended": guideline rule 3).

    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> officials = Match(0, 1, (), frozenset())
    >>> takes_part(officials, tokenize("Officials from both ministries attended, but no one else."), scope)
    True
    >>> takes_part(officials, tokenize("Officials did not attend."), scope)
    False
    """
    words = scope.words
    verbs, negators = words["taking_part_verbs"], words["nature_negators"]
    firsts, seconds = words["taking_part_phrase_verbs"], words["taking_part_phrase_ends"]
    lowers, sentence = tokens.lowers, tokens.sentence
    n, here = len(lowers), sentence[m.i]
    for k in _clause_ahead(m, tokens, scope.settings.take_part_reach):
        w = lowers[k]
        if w in negators:
            return False
        if w in verbs or (w in firsts and k + 1 < n and sentence[k + 1] == here and lowers[k + 1] in seconds):
            return True
    return False


def denies_office(neg: Match, tokens: Token, scope: Scope) -> bool:
    """Whether a "none" or "nobody" after a role (``neg``) denies the people an office rather
    than their presence: a word of the context list ``office_words`` follows it within
    ``settings.denial_reach`` words, in its clause ("scholars, journalists and activists, but
    none holding government office", "none of them in office", "none with a government
    post"). The people so described took part; the office named after it is denied
    (:func:`denied_office`). A seat at the meeting (context list ``presence_places`` within
    three words after the office word: "but none had a seat in the sessions") is an absence.

    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> t = tokenize("Journalists came, but none holding public office.")
    >>> denies_office(Match(3, 4, (), frozenset()), t, scope)
    True
    >>> t = tokenize("Ministers were invited, but none came to the office.")
    >>> denies_office(Match(4, 5, (), frozenset()), t, scope)
    False
    """
    words = scope.words
    if not nobody_at(neg.i, tokens, words):
        return False
    lowers = tokens.lowers
    for k in _clause_ahead(neg, tokens, scope.settings.denial_reach):
        if lowers[k] in words["attendance_verbs"]:
            return False
        if lowers[k] in words["office_words"]:
            # "none had a seat in the sessions": a place at the meeting, so an absence.
            return words["presence_places"].isdisjoint(lowers[k + 1 : k + 4])
    return False


def blanket_denial(m: Match, modifier: Match, tokens: Token, words: Mapping[str, frozenset[str]]) -> bool:
    """Whether the negation ``modifier`` of the role ``m`` denies every participant's office:
    the role names officials as a class (context list ``official_classes``: "government",
    "officials", "public office") and a word between the negation and the role says nobody
    or none of them (context list ``blanket_denials``: "nobody", "none", "either", "no one").

    >>> from diplotrack.matching import tokenize
    >>> w = {"blanket_denials": frozenset({"none", "nobody", "neither", "either", "any", "one"}),
    ...      "official_classes": frozenset({"government", "officials", "office"})}
    >>> t = tokenize("Nobody from either government took part.")
    >>> blanket_denial(Match(3, 4, (), frozenset()), Match(0, 1, (), frozenset()), t, w)
    True
    >>> t = tokenize("No representative of either foreign ministry came.")
    >>> blanket_denial(Match(4, 6, (), frozenset()), Match(0, 1, (), frozenset()), t, w)
    False
    >>> t = tokenize("Officials of one government did not attend.")
    >>> blanket_denial(Match(0, 1, (), frozenset()), Match(5, 6, (), frozenset()), t, w)
    False
    """
    lowers = tokens.lowers
    if not words["official_classes"].intersection(lowers[m.i : m.j]):
        return False
    blanket = words["blanket_denials"]
    return any(_says_nobody(lowers, k, blanket) for k in range(*_denial_span(m, modifier)))


def _says_nobody(lowers: list[str], k: int, blanket: frozenset[str]) -> bool:
    """Whether word ``k`` is a blanket denial word; "one" only in "no one" and "not one"
    ("officials of one government did not attend" denies one)."""
    w = lowers[k]
    return w in blanket and (w != "one" or (k > 0 and lowers[k - 1] in _NO_ONE))


def one_side_denial(m: Match, modifier: Match, tokens: Token, words: Mapping[str, frozenset[str]]) -> bool:
    """Whether the negation ``modifier`` of the role ``m`` is narrowed to one side of the
    meeting by a word between them (context list ``one_side_groups``): "Nobody in the
    delegation holds public office" says the visitors are non-state and nothing about the
    officials who received them.

    >>> from diplotrack.matching import tokenize
    >>> w = {"one_side_groups": frozenset({"delegation", "visitors"})}
    >>> t = tokenize("Nobody in the delegation holds public office.")
    >>> one_side_denial(Match(5, 7, (), frozenset()), Match(0, 1, (), frozenset()), t, w)
    True
    >>> t = tokenize("None of the participants holds public office.")
    >>> one_side_denial(Match(5, 7, (), frozenset()), Match(0, 1, (), frozenset()), t, w)
    False
    """
    lo, hi = _denial_span(m, modifier)
    return not words["one_side_groups"].isdisjoint(tokens.lowers[lo:hi])


def denial_word_index(tokens: Token, words: Mapping[str, frozenset[str]]) -> tuple[list[int], list[int]]:
    """For each word ``k`` of ``tokens`` (and one past the last), the first word at or after
    it that :func:`blanket_denial` counts as a blanket denial, and the first that
    :func:`one_side_denial` counts as naming one side (the number of words where none): the
    same readings answered for any span in one look-up, so that a list of many roles under one
    negation ("Apologies: ...") is not read word by word once per role.

    >>> from diplotrack.matching import tokenize
    >>> w = {"blanket_denials": frozenset({"either", "one"}), "one_side_groups": frozenset({"delegation"})}
    >>> denial_word_index(tokenize("No one in the delegation from either side"), w)
    ([1, 1, 6, 6, 6, 6, 6, 8, 8], [4, 4, 4, 4, 4, 8, 8, 8, 8])
    """
    lowers = tokens.lowers
    n = len(lowers)
    blanket, side = words["blanket_denials"], words["one_side_groups"]
    first_blanket, first_side = [n] * (n + 1), [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        first_blanket[k] = k if _says_nobody(lowers, k, blanket) else first_blanket[k + 1]
        first_side[k] = k if lowers[k] in side else first_side[k + 1]
    return first_blanket, first_side


def denial_reading(
    m: Match,
    modifier: Match,
    tokens: Token,
    words: Mapping[str, frozenset[str]],
    index: tuple[list[int], list[int]],
) -> tuple[bool, bool]:
    """``(one_side_denial(...), blanket_denial(...))`` of the role ``m`` and its negation
    ``modifier``, read from :func:`denial_word_index` of the same tokens.

    >>> from diplotrack.matching import tokenize
    >>> w = {"blanket_denials": frozenset({"either"}), "one_side_groups": frozenset({"delegation"}),
    ...      "official_classes": frozenset({"government"})}
    >>> t = tokenize("Nobody from either government took part.")
    >>> role, nobody = Match(3, 4, (), frozenset()), Match(0, 1, (), frozenset())
    >>> denial_reading(role, nobody, t, w, denial_word_index(t, w))
    (False, True)
    """
    lo, hi = _denial_span(m, modifier)
    first_blanket, first_side = index
    blanket = first_blanket[lo] < hi and not words["official_classes"].isdisjoint(tokens.lowers[m.i : m.j])
    return first_side[lo] < hi, blanket


def _denial_span(m: Match, modifier: Match) -> tuple[int, int]:
    """The words of a denial, which the denial readers look in: from the negation to the role
    ("Nobody from either government", "Nobody in the delegation holds"), or from the role to a
    negation after it ("officials of either government ... none")."""
    return (modifier.i, m.i) if modifier.i < m.i else (m.j, modifier.j)


def nobody_at(i: int, tokens: Token, words: Mapping[str, frozenset[str]]) -> int:
    """How many words from ``i`` on say "nobody": 1 for a word of the context list
    ``nobody`` ("none", "nobody"), 2 for "no one" or "not one", or "no" before a word of the
    context list ``nobody_nouns`` ("no participant", "no delegate"), within one sentence, else 0.
    Both the denial of an office and the refusal of an invitation read it.

    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> w = Scope.from_ruleset(load_ruleset()).words
    >>> t = tokenize("Not one came, and none stayed; no delegation left.")
    >>> [nobody_at(i, t, w) for i in range(len(t.lowers))]
    [2, 0, 0, 0, 1, 0, 0, 0, 0]
    >>> nobody_at(0, tokenize("No delegate came."), w)
    2
    """
    lowers, sentence = tokens.lowers, tokens.sentence
    if lowers[i] in words["nobody"]:
        return 1
    nxt = i + 1
    if nxt >= len(lowers) or sentence[nxt] != sentence[i]:
        return 0
    if lowers[i] in _NO_ONE and lowers[nxt] == "one":
        return 2
    # "no participant", "no delegate": a word for the people at a meeting after "no".
    if lowers[i] == "no" and lowers[nxt] in words["nobody_nouns"]:
        return 2
    return 0


def _invited(i: int, lowers: list[str], words: Mapping[str, frozenset[str]]) -> bool:
    """Whether word ``i`` is an invitation the role before it received: a word of the
    context list ``invitation_words`` after a form of "to be" ("were invited", "are
    occasionally invited"), not one the role gave ("the minister invited scholars").

    >>> from diplotrack.ruleset import load_ruleset
    >>> w = Scope.from_ruleset(load_ruleset()).words
    >>> _invited(2, ["ministers", "were", "invited"], w), _invited(1, ["minister", "invited"], w)
    (True, False)
    """
    if lowers[i] not in words["invitation_words"]:
        return False
    return any(lowers[k] in words["passive_auxiliaries"] for k in range(max(0, i - 2), i))


def _far_stop(gap: str, contrast: bool) -> bool:
    """Whether the punctuation ``gap`` before a word ends a negation's long reach: a colon or
    a semicolon always, a comma unless a contrast follows ("..., but neither sent anyone").

    >>> _far_stop(", ", contrast=True), _far_stop(", ", contrast=False), _far_stop("; ", True)
    (False, True, True)
    """
    return ":" in gap or ";" in gap or ("," in gap and not contrast)


def _closes_aside(m: Match, text: str, tokens: Token) -> bool:
    """Whether a closing bracket follows ``m``: "(Serbia, ret.)" qualifies the name before
    it, never the title after it ("..., ret.), H.E. Amb. ...")."""
    j = m.j
    return j < len(tokens.starts) and ")" in text[tokens.ends[j - 1] : tokens.starts[j]]


def _apposition(i: int, text: str, tokens: Token, scope: Scope) -> bool:
    """Whether the word ``i`` opens an apposition: a comma or an opening bracket right before
    it, or before the article in front of it (", former Minister", ", a former envoy",
    "(former Minister of Finance)")."""
    starts, ends, lowers = tokens.starts, tokens.ends, tokens.lowers
    if i > 1 and lowers[i - 1] in scope.words["apposition_articles"]:
        i -= 1
    gap = text[ends[i - 1] : starts[i]] if i > 0 else ""
    return "," in gap or "(" in gap


def denied_nature(m: Match, tokens: Token, scope: Scope) -> int | None:
    """The word that denies a formality cue just before it, in its sentence ("no communique",
    "rather than negotiation", "nothing was negotiated"), or ``None``; the first such word
    of the window, where the denial's quote starts.

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> denied_nature(Match(3, 4, (), frozenset()), tokenize("There was no communique."), scope)
    2
    >>> text = "They had no choice. Talks resumed."
    >>> print(denied_nature(Match(4, 5, (), frozenset()), tokenize(text), scope))
    None
    """
    negators, lowers, sentence = scope.words["nature_negators"], tokens.lowers, tokens.sentence
    window = scope.settings.nature_negation_window
    here = sentence[m.i]
    for k in range(max(0, m.i - window), m.i):
        if lowers[k] in negators and sentence[k] == here and not numbered(k, tokens):
            # "did not cancel his state visit": the negator denies the cancellation, not the visit.
            cancelled = any(_cancellation_at(j, tokens, scope) for j in range(k + 1, m.i))
            return None if cancelled else k
    return None


@lru_cache(maxsize=64)
def stemmed(words: frozenset[str]) -> frozenset[str]:
    """The stems of a context list's words (lists compared by stems, such as ``meeting_nouns``).

    >>> sorted(stemmed(frozenset({"summits", "visits"})))
    ['summit', 'visit']
    """
    return frozenset(stem(w) for w in words)


def _cancellation_at(k: int, tokens: Token, scope: Scope) -> int | None:
    """Where the cancellation that starts at word ``k`` ends (the index after it), or ``None``:
    a word of ``meeting_cancellations`` ("cancelled", "postponed"), or a word of
    ``phrasal_cancellations`` then "off" ("called off", "put off")."""
    lowers = tokens.lowers
    if lowers[k] in scope.words["meeting_cancellations"]:
        return k + 1
    if lowers[k] in scope.words["phrasal_cancellations"] and k + 1 < len(lowers) and lowers[k + 1] == "off":
        return k + 2
    return None


def _negated_before(k: int, tokens: Token, scope: Scope) -> bool:
    """Whether a negator or a word of ``meeting_hypotheticals`` is among the two words before
    ``k``, in its clause ("did not cancel", "could postpone", "has not been postponed"; not
    "due on 18 May, has been postponed", where the comma ends the month's clause), a
    hypothetical only before a bare verb (not before a word of ``finite_auxiliaries``: "due to
    open on 18 May has been postponed")."""
    words, lowers, sentence, pauses = scope.words, tokens.lowers, tokens.sentence, tokens.pauses
    for j in range(k - 1, max(-1, k - 3), -1):
        if sentence[j] != sentence[k] or j + 1 in pauses:
            return False
        if lowers[j] in words["meeting_negators"] and not numbered(j, tokens):
            return True
        if lowers[j] in words["meeting_hypotheticals"] and lowers[j + 1] not in words["finite_auxiliaries"]:
            return True  # a modal before a bare verb ("could be postponed"), not "18 May has been"
    return False


def meeting_word_at(k: int, tokens: Token, scope: Scope) -> bool:
    """Whether word ``k`` names a meeting: a word of ``meeting_words``, or one of
    ``meeting_nouns`` compared by stems ("met", "visit", "consultations")."""
    return tokens.lowers[k] in scope.words["meeting_words"] or tokens.stems[k] in stemmed(
        scope.words["meeting_nouns"]
    )


def called_off(m: Match, tokens: Token, scope: Scope) -> tuple[int, int] | None:
    """The words (first, last + 1) that call off the meeting ``m``, or ``None``.

    Before its meeting word: a cancellation (a word of ``meeting_cancellations``, or one of
    ``phrasal_cancellations`` then "off"), a word of ``cancellation_objects``, and at most
    ``settings.call_off_modifiers`` words that are not in ``call_off_stops`` ("cancelled her
    planned visit", "called off his state visit", "postponed the talks"); no comma between, and
    no negator or word of ``meeting_hypotheticals`` just before ("did not cancel his visit",
    "could postpone the talks").

    After it, within ``settings.call_off_reach`` words: a word of ``passive_auxiliaries`` (not
    "to be": "calls for the summit to be postponed") then such a cancellation in
    ``cancellation_participles`` ("the summit has been postponed", "talks scheduled for Monday
    were called off"), not negated ("has not been postponed"). On the way, no word of
    ``meeting_words`` or ``call_off_breaks``; no word of ``call_off_articles`` that opens
    another subject ("During the talks in Geneva the signing was postponed", "the talks ended
    and the dinner was cancelled"; an article after a word of ``call_off_stops`` is part of the
    meeting's own phrase: "the summit between the two presidents", and so is one after a list
    joiner once a word of ``pair_openers`` has come: "talks between the government and the
    rebel groups"); at most one clause set off
    by commas, opened by a word of ``call_off_openers`` ("The conference, which was to have
    opened on 14 February, has been postponed"), and no auxiliary counted inside it, nor the
    first one after a word of ``call_off_relatives`` with no comma, the verb of that clause
    ("Talks that had been called off last week resumed"). A heading's participle, as the last
    words of its sentence, calls off too ("Japan trip put off").

    Not when a word of ``held_after_call_off`` follows in the sentence, within 120 words ("was called off and
    moved to Kathmandu, where it took place", "Talks called off in March resumed on Monday"),
    unless right after a word of ``call_off_relatives``, as someone else's act ("officials who
    spoke on condition of anonymity said").
    Not as an adjective ("the postponed talks resumed").

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> called_off(Match(5, 6, (), frozenset()), tokenize("The minister cancelled her planned visit."), scope)
    (2, 6)
    >>> t = tokenize("The summit, which was due to open on Monday, has been postponed.")
    >>> called_off(Match(1, 2, (), frozenset()), t, scope)
    (1, 12)
    >>> called_off(Match(2, 3, (), frozenset()), tokenize("The postponed talks resumed in Brussels."), scope)
    >>> called_off(Match(6, 7, (), frozenset()), tokenize("The president did not cancel his visit."), scope)
    >>> t = tokenize("After the meeting, the vote was postponed.")
    >>> called_off(Match(2, 3, (), frozenset()), t, scope)
    >>> t = tokenize("Talks that had been called off last week resumed in Geneva.")
    >>> called_off(Match(0, 1, (), frozenset()), t, scope)
    """
    span = _call_off(m, tokens, scope)
    if span is None:
        return None
    lowers, sentence, here = tokens.lowers, tokens.sentence, tokens.sentence[m.i]
    held = scope.words["held_after_call_off"]
    k, limit = span[1], min(len(lowers), span[1] + _HELD_REACH)
    while k < limit and sentence[k] == here:
        if lowers[k] in held and lowers[k - 1] not in scope.words["call_off_relatives"]:
            return None  # "was called off and moved to Kathmandu, where it took place"
        k += 1
    return span


def _call_off(m: Match, tokens: Token, scope: Scope) -> tuple[int, int] | None:
    """:func:`called_off` before the check of a meeting held after all."""
    words, st = scope.words, scope.settings
    lowers, sentence, pauses = tokens.lowers, tokens.sentence, tokens.pauses
    n = len(lowers)
    # The meeting word itself: a cue may open with its article ("her visit", "a visit to").
    i = next((k for k in range(m.i, m.j) if meeting_word_at(k, tokens, scope)), m.i)
    here = sentence[i]
    stops = words["call_off_stops"]
    for o in range(i - 1, max(-1, i - 2 - st.call_off_modifiers), -1):
        if sentence[o] != here or o + 1 in pauses or (o < i - 1 and lowers[o + 1] in stops):
            break
        if lowers[o] not in words["cancellation_objects"] or o == 0:
            continue
        for k in (o - 1, o - 2):
            if k >= 0 and sentence[k] == here and _cancellation_at(k, tokens, scope) == o:
                if o in pauses or _negated_before(k, tokens, scope):
                    return None
                return k, m.j
    j = m.j
    if j < n and sentence[j] == here and j not in pauses and lowers[j] in words["cancellation_participles"]:
        end = _cancellation_at(j, tokens, scope)
        if end is not None and (end == n or sentence[end] != here):
            return i, end  # a heading: "Japan trip put off"
    pauses_seen, relative, pair = 0, False, False
    for k in range(j, min(n - 1, j + st.call_off_reach)):
        if (
            sentence[k] != here
            or lowers[k] in words["meeting_words"]
            or lowers[k] in words["call_off_breaks"]
        ):
            return None
        if k in pauses:
            pauses_seen += 1
            if pauses_seen > 2 or (pauses_seen == 1 and lowers[k] not in words["call_off_openers"]):
                return None
        in_clause = pauses_seen == 1
        pair = pair or lowers[k] in words["pair_openers"]
        if lowers[k] in words["call_off_articles"] and not in_clause:
            before = lowers[k - 1]
            if before not in stops or (before in words["list_joiners"] and not pair):
                return None  # "During the talks in Geneva the signing was postponed": another subject
        if lowers[k] in words["call_off_relatives"] and not in_clause and k not in pauses:
            relative = True
            continue
        if lowers[k] not in words["passive_auxiliaries"] or (lowers[k] == "be" and lowers[k - 1] == "to"):
            continue
        if in_clause or relative:
            relative = False
            continue  # the verb of a clause about the meeting, not of the meeting itself
        p = k + 1
        if p < n and sentence[p] == here and lowers[p].endswith("ly"):
            p += 1  # "was formally called off", "were repeatedly postponed"
        if p < n and sentence[p] == here and lowers[p] in words["cancellation_participles"]:
            end = _cancellation_at(p, tokens, scope)
            if end is not None and not _negated_before(k, tokens, scope):
                return i, end
    return None


class Denial(NamedTuple):
    """The words (``start``, ``end``) that deny, refuse or call off a meeting, and whether
    they call it off (``call_off``: "cancelled the visit") rather than deny it ("did not
    meet")."""

    start: int
    end: int
    call_off: bool = False


def denied_meeting(m: Match, tokens: Token, scope: Scope) -> Denial | None:
    """The :class:`Denial` of a meeting verb or noun (one that holds, or comes right after, a
    word of ``meeting_words``), or ``None``: a
    cancellation before or after it as :func:`called_off` reads it ("cancelled the visit",
    "has postponed the talks", "the summit has been postponed"), or a word of ``meeting_negators`` within
    ``settings.meeting_negation_window`` words before it ("did not meet", "never met", "no
    meeting took place"; not "not only", nor after a perfect of ``meeting_history``: "had not
    met since 2019"; nor after a word of ``meeting_hypotheticals``: "people who would otherwise
    never meet"), a negated object right after a meeting verb ("met nobody", "met no one";
    not "met no one but the president"), or "to" right before it and a word of
    ``meeting_refusals`` within ``settings.meeting_refusal_window`` words before that
    ("declined to meet", "declined an invitation to meet"), or a word of ``meeting_requests``
    within ``settings.meeting_request_window`` words before it, with a refusal within
    ``settings.meeting_request_refusal_window`` words before that and no word of
    ``meeting_request_breaks`` between ("rejected the government's offer of talks", "turned
    down a request from Washington for a meeting"; not "rejected the proposal at the talks", nor
    a request for a change to the meeting, a word of ``meeting_cancellations`` or
    ``meeting_request_changes`` within three words after it: "calls for the summit to be
    postponed").

    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> denied_meeting(Match(4, 5, (), frozenset()), tokenize("The envoys did not meet."), scope)
    Denial(start=3, end=5, call_off=False)
    >>> t = tokenize("The minister declined an invitation to meet her counterpart.")
    >>> denied_meeting(Match(6, 7, (), frozenset()), t, scope)
    Denial(start=2, end=7, call_off=False)
    >>> t = tokenize("The rebels rejected the government's offer of talks.")
    >>> denied_meeting(Match(8, 9, (), frozenset()), t, scope)
    Denial(start=2, end=9, call_off=False)
    >>> denied_meeting(Match(2, 3, (), frozenset()), tokenize("The envoys met nobody."), scope)
    Denial(start=2, end=4, call_off=False)
    >>> denied_meeting(Match(2, 3, (), frozenset()), tokenize("The envoys met in Geneva."), scope) is None
    True
    """
    words, st = scope.words, scope.settings
    lowers, sentence = tokens.lowers, tokens.sentence
    here = sentence[m.i]
    meeting = words["meeting_words"]
    has_word = not meeting.isdisjoint(lowers[m.i : m.j]) or (m.i > 0 and lowers[m.i - 1] in meeting)
    if not has_word and stemmed(words["meeting_nouns"]).isdisjoint(tokens.stems[m.i : m.j]):
        return None
    if (off := called_off(m, tokens, scope)) is not None:
        return Denial(*off, call_off=True)  # "cancelled the visit", "the summit has been postponed"
    if not has_word:
        # A meeting named by a noun ("the conference", "the dialogue") can be called off; only
        # a meeting word is denied by a negator ("not a seminar" says something else).
        return None
    if (end := _nobody_after(m.j, tokens, words)) is not None:
        negated = (m.i, end)  # "met nobody", "met with no one"
    else:
        negated = next(
            (
                (k, m.j)
                for k in range(max(0, m.i - st.meeting_negation_window), m.i)
                if (
                    sentence[k] == here
                    and lowers[k] in words["meeting_negators"]
                    and lowers[k + 1] != "only"
                    and not numbered(k, tokens)
                )
            ),
            None,
        )
    if negated is not None:
        k = negated[0]
        if k > 0 and lowers[k - 1] in words["meeting_history"]:
            return None  # "the two had not met since 2019", "had met nobody since": history
        if any(
            sentence[j] == here and lowers[j] in words["meeting_hypotheticals"]
            for j in range(max(0, k - 2), k)
        ):
            return None  # "people who would otherwise never meet", "meet no one": a counterfactual
        return Denial(*negated)
    to = m.i - 1
    if to >= 1 and lowers[to] == "to" and sentence[to] == here:
        for k in range(max(0, to - st.meeting_refusal_window), to):
            if (start := _refusal_at(k, tokens, words)) is not None and sentence[start] == here:
                return Denial(start, m.j)
    # A meeting asked for, offered or proposed, and refused: "rejected the government's offer
    # of talks", "turned down a request from Washington for a face-to-face meeting".
    for r in range(m.i - 1, max(-1, m.i - 1 - st.meeting_request_window), -1):
        if sentence[r] != here or lowers[r] in words["meeting_request_breaks"]:
            return None
        if lowers[r] not in words["meeting_requests"]:
            continue
        for k in range(max(0, r - st.meeting_request_refusal_window), r):
            if (start := _refusal_at(k, tokens, words)) is not None and sentence[start] == here:
                if _change_asked(m.j, tokens, words):
                    return None  # "rejected calls for the summit to be postponed": it stands
                return Denial(start, m.j)
    return None


def _change_asked(k: int, tokens: Token, words: Mapping[str, frozenset[str]]) -> bool:
    """Whether a word of ``meeting_cancellations`` or ``meeting_request_changes`` follows the
    meeting ending at word ``k`` within three words of its sentence ("the summit to be
    postponed", "the talks' postponement"): a change asked for, not the meeting."""
    lowers, sentence = tokens.lowers, tokens.sentence
    changes = words["meeting_cancellations"] | words["meeting_request_changes"]
    here = sentence[k - 1]
    return any(lowers[j] in changes for j in range(k, min(k + 3, len(lowers))) if sentence[j] == here)


def _refusal_at(k: int, tokens: Token, words: Mapping[str, frozenset[str]]) -> int | None:
    """Where a refusal ending at word ``k`` starts ("declined", "turned down"), or ``None``."""
    lowers = tokens.lowers
    if lowers[k] in words["meeting_refusals"]:
        return k
    if lowers[k] == "down" and k > 0 and lowers[k - 1] in words["meeting_refusals_down"]:
        return k - 1
    return None


def _nobody_after(k: int, tokens: Token, words: Mapping[str, frozenset[str]]) -> int | None:
    """The end of a negated object ("nobody", "no one") at word ``k``, right after a meeting
    verb ("met nobody", "met with no one"), or ``None``; none when someone else is named after
    it ("no one but the president") or the word is a possessive ("met nobody's expectations")."""
    lowers, sentence, n = tokens.lowers, tokens.sentence, len(tokens.lowers)
    if k >= n or sentence[k] != sentence[k - 1]:
        return None
    verb = k - 2 if lowers[k - 1] == "with" and k >= 2 else k - 1
    if lowers[verb] not in words["meeting_object_verbs"]:
        return None
    if lowers[k] == "with" and k + 1 < n and sentence[k + 1] == sentence[k]:
        k += 1  # "met with nobody", read from "met"
    if lowers[k] in words["meeting_object_negators"]:
        end = k + 1
    elif lowers[k] == "no" and k + 1 < n and lowers[k + 1] == "one":
        end = k + 2
    else:
        return None
    if end < n and sentence[end] == sentence[k] and lowers[end] in words["meeting_object_exceptions"]:
        return None
    return end


def is_topic(m: Match, tokens: Token, scope: Scope) -> bool:
    """Whether a formal cue is only the topic of talk ("discussed a possible treaty").

    Examples
    --------
    >>> from diplotrack.matching import tokenize
    >>> from diplotrack.ruleset import load_ruleset
    >>> scope = Scope.from_ruleset(load_ruleset())
    >>> is_topic(Match(4, 5, (), frozenset()), tokenize("Scholars discussed a possible treaty."), scope)
    True
    """
    markers, lowers, sentence = scope.words["topic_markers"], tokens.lowers, tokens.sentence
    window = scope.settings.topic_window
    return any(
        lowers[k] in markers and sentence[k] == sentence[m.i] for k in range(max(0, m.i - window), m.i)
    )
