"""Fast phrase matching over words: the tokenizer and the phrase index the engine uses.

Phrases are matched word by word through a trie keyed by a light stem of each word, so
matching costs one dictionary look-up per word of input whatever the size of the
lexicons. That is what keeps the rule classifier at tens of thousands of cases a second.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["PhraseIndex", "Token", "stem", "tokenize"]

_WORD = re.compile(r"\w+")
_STEMS: dict[str, str] = {}
_TERMINAL = ""
_ANY = "*"


def stem(word: str) -> str:
    """Lower-case a word and strip a simple English plural ending.

    Examples
    --------
    >>> stem("Ministers"), stem("secretaries"), stem("talks"), stem("analysis")
    ('minister', 'secretary', 'talk', 'analysis')
    """
    cached = _STEMS.get(word)
    if cached is not None:
        return cached
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(_STEMS) < 200_000:
        _STEMS[word] = w
    return w


@dataclass(frozen=True, slots=True)
class Token:
    """The words of one text: their stems, lower-case forms, spans and sentence numbers."""

    stems: list[str]
    lowers: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]


# A sentence ends at ; ! ? or a line break, or at a full stop followed by a capital letter,
# unless the full stop closes a one-letter abbreviation ("U.S. Officials" stays together).
_BREAK = re.compile(r"[;!?\n]|(?<!\b\w)\.(?=[\s\"'\u2019\u201d)\]]+[A-Z])")


def tokenize(text: str) -> Token:
    """Split ``text`` into words, keeping offsets and which sentence each word is in.

    Examples
    --------
    >>> t = tokenize("No U.S. officials came. Scholars met.")
    >>> t.stems, t.sentence
    (['no', 'u', 's', 'official', 'came', 'scholar', 'met'], [0, 0, 0, 0, 0, 1, 1])
    """
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    get = _STEMS.get
    stems = [get(w) or stem(w) for w in words]
    lowers = [w.lower() for w in words]
    breaks = [m.start() for m in _BREAK.finditer(text)]
    if breaks:
        sentence = [bisect_right(breaks, s) for s in starts]
    else:
        sentence = [0] * len(starts)
    return Token(stems, lowers, starts, ends, sentence)


class PhraseIndex:
    """A trie of phrases, each mapped to the ids of the rules it belongs to.

    Parameters
    ----------
    entries : iterable of (phrase, rule id)
        A phrase is words separated by spaces or punctuation; ``*`` matches any one word;
        a trailing ``!`` on the phrase requires the last word's exact form (no stemming).

    Examples
    --------
    >>> index = PhraseIndex([("foreign minister", "official"), ("minister", "official")])
    >>> [(i, j, ids) for i, j, ids in index.find(tokenize("Both foreign ministers met."))]
    [(1, 3, ('official',))]
    """

    def __init__(self, entries: Iterable[tuple[str, str]]):
        self.root: dict = {}
        for phrase, rule_id in entries:
            self.add(phrase, rule_id)

    def add(self, phrase: str, rule_id: str) -> None:
        """Add one phrase for one rule."""
        exact = phrase.endswith("!")
        words = _WORD.findall(phrase.rstrip("!").replace("*", " _ANY_ "))
        if not words:
            raise ValueError(f"Invalid phrase {phrase!r}: expected at least one word.")
        if words[0] == "_ANY_":
            raise ValueError(f"Invalid phrase {phrase!r}: it may not start with '*'.")
        node = self.root
        for w in words:
            key = _ANY if w == "_ANY_" else stem(w)
            node = node.setdefault(key, {})
        surface = words[-1].lower() if exact else None
        entries = node.setdefault(_TERMINAL, [])
        for i, (s, ids) in enumerate(entries):
            if s == surface:
                if rule_id not in ids:
                    entries[i] = (s, (*ids, rule_id))
                return
        entries.append((surface, (rule_id,)))

    def find(self, tokens: Token) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest, non-overlapping matches as ``(first word, end word, rule ids)``."""
        stems, lowers = tokens.stems, tokens.lowers
        root = self.root
        n = len(stems)
        out = []
        i = 0
        while i < n:
            node = root.get(stems[i])
            if node is None:
                i += 1
                continue
            best_j, best_ids = -1, None
            frontier = [node]
            j = i + 1
            while frontier:
                for nd in frontier:
                    term = nd.get(_TERMINAL)
                    if term:
                        for surface, ids in term:
                            if surface is None or surface == lowers[j - 1]:
                                best_j, best_ids = j, ids
                if j >= n:
                    break
                tok = stems[j]
                nxt = []
                for nd in frontier:
                    child = nd.get(tok)
                    if child is not None:
                        nxt.append(child)
                    child = nd.get(_ANY)
                    if child is not None:
                        nxt.append(child)
                frontier = nxt
                j += 1
            if best_ids is None:
                i += 1
            else:
                out.append((i, best_j, best_ids))
                i = best_j
        return out
