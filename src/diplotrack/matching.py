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
from itertools import accumulate

__all__ = ["PhraseIndex", "Token", "stem", "tokenize"]

_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"(\W+)")
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
    questions: frozenset[int] = frozenset()


_PUNCT = re.compile(r"[.;!?\n]")
_CLOSERS = frozenset(" \t\r\n\"'\u2019\u201d)]")
# Abbreviated titles and qualifiers that end in a full stop but not a sentence
# ("fmr. Amb. J. Svensson", "Dep. Min. Fisheries", "Prof. Takeda").
_ABBREVIATIONS = frozenset(
    "fmr frmr ret retd rtd amb ambs dep min dir gen lt col maj capt cdr adm brig hon rt sen "
    "rep reps gov dr prof profs mr mrs ms messrs st asst sec secy dept pres vp sr jr fr rev "
    "cf vs approx incl esp govt intl univ assn".split()
)


def _sentence_breaks(text: str) -> list[int]:
    """Offsets where a sentence ends: ; ! ? or a line break, or a full stop followed by
    space and a capital letter, unless it closes a one-letter abbreviation ("U.S. Officials")."""
    out = []
    n = len(text)
    for m in _PUNCT.finditer(text):
        k = m.start()
        if text[k] != ".":
            out.append(k)
            continue
        if k >= 1 and text[k - 1].isalnum() and (k == 1 or not text[k - 2].isalnum()):
            continue
        w = k
        while w > 0 and text[w - 1].isalpha() and k - w < 7:
            w -= 1
        if k - w >= 2 and text[w:k].lower() in _ABBREVIATIONS and (w == 0 or not text[w - 1].isalnum()):
            continue
        j = k + 1
        while j < n and text[j] in _CLOSERS:
            j += 1
        if j > k + 1 and j < n and text[j].isupper():
            out.append(k)
    return out


def tokenize(text: str) -> Token:
    """Split ``text`` into words, keeping offsets and which sentence each word is in.

    Examples
    --------
    >>> t = tokenize("No U.S. officials came. Scholars met.")
    >>> t.stems, t.sentence
    (['no', 'u', 's', 'official', 'came', 'scholar', 'met'], [0, 0, 0, 0, 0, 1, 1])
    """
    # Splitting on runs of non-word characters keeps everything at C speed: the words are
    # every other piece, and their offsets are running sums of the piece lengths. The
    # lower-cased text is split directly when lower-casing keeps every offset.
    lower = text.lower()
    same = len(lower) == len(text)
    parts = _SPLIT.split(lower if same else text)
    cum = list(accumulate(map(len, parts)))
    words = parts[0::2]
    starts = [0, *cum[1::2]][: len(words)]
    ends = cum[0::2]
    if words and words[-1] == "":
        del words[-1], starts[-1], ends[-1]
    if words and words[0] == "":
        del words[0], starts[0], ends[0]
    lowers = words if same else [w.lower() for w in words]
    get = _STEMS.get
    stems = [get(w) or stem(w) for w in lowers]
    breaks = (
        _sentence_breaks(text)
        if ("." in text or ";" in text or "!" in text or "?" in text or "\n" in text)
        else []
    )
    sentence = [bisect_right(breaks, a) for a in starts] if breaks else [0] * len(starts)
    questions = frozenset(k for k, b in enumerate(breaks) if text[b] == "?")
    return Token(stems, lowers, starts, ends, sentence, questions)


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
        # Only words that can start a phrase are worth a walk; finding them is one C-level pass.
        starts = [i for i, w in enumerate(stems) if w in root]
        next_free = 0
        for i in starts:
            if i < next_free:
                continue
            best_j, best_ids = -1, None
            # Depth-first over the trie: one straight walk, branching only at a '*' word.
            pending = [(root[stems[i]], i + 1)]
            while pending:
                node, j = pending.pop()
                while node is not None:
                    term = node.get(_TERMINAL)
                    if term is not None and j > best_j:
                        for surface, ids in term:
                            if surface is None or surface == lowers[j - 1]:
                                best_j, best_ids = j, ids
                    if j >= n:
                        break
                    wild = node.get(_ANY)
                    if wild is not None:
                        pending.append((wild, j + 1))
                    node = node.get(stems[j])
                    j += 1
            if best_ids is not None:
                out.append((i, best_j, best_ids))
                next_free = best_j
        return out
