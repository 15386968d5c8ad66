"""Fast phrase matching over words: the phrase index the engine uses.

The tokenizer lives in :mod:`diplotrack.tokens` (shared with the text model).

Phrases are matched word by word through a trie keyed by a light stem of each word, so
matching costs about one dictionary look-up per word of input whatever the size of the
lexicons: phrase matching stays a small share of the rule classifier's time (about 1,250
cases a second, explanations included; see the README's section on speed). A phrase does
not run across a comma or a colon (nor, in the engine, across the end of a sentence).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .tokens import Token, stem, tokenize

__all__ = ["PhraseIndex", "Token", "phrase_problem", "stem", "tokenize"]

_WORD = re.compile(r"\w+")
_TERMINAL = ""
_ANY = "*"
#: What only a regular expression holds: escapes, alternatives, groups, classes, anchors, '?'
#: and '.*' or '.+'. Hyphens, apostrophes, full stops and '+' ("c++ developers") are plain.
_REGEX_SYNTAX = re.compile(r"[\\|()\[\]{}^$?]|\.[*+]")
#: A '*' written against a word ("negotiat*"), which would silently read as "negotiat *".
_STUCK_ANY = re.compile(r"\w+\*+\w*|\*+\w+")


def phrase_problem(phrase: str) -> str | None:
    """Why ``phrase`` cannot be a lexicon phrase, or ``None`` when it can.

    A phrase is plain words, matched whole; ``*`` stands for exactly one word and a trailing
    ``!`` asks for the last word's exact form. Regular-expression syntax is refused: it would
    silently match something else (the phrase "\\b" alone matches the letter "b").

    Examples
    --------
    >>> phrase_problem("sent * off") is None
    True
    >>> print(phrase_problem("(peace )?journalists?"))  # doctest: +ELLIPSIS
    it holds regular-expression syntax ('(', ')', '?'), but a phrase is plain words, ...
    >>> print(phrase_problem("negotiat*"))  # doctest: +ELLIPSIS
    '*' is joined to a word ('negotiat*'), but '*' stands for a whole word on its own ...
    """
    syntax = list(dict.fromkeys(_REGEX_SYNTAX.findall(phrase)))
    if syntax:
        return (
            f"it holds regular-expression syntax ({', '.join(map(repr, syntax))}), but a phrase is plain "
            "words, matched whole and case-insensitively, ignoring plural endings and hyphens; '*' stands "
            "for exactly one word ('sent * off') and a trailing '!' asks for that exact form "
            "('general!'). Write the words themselves (one phrase per form), or match a pattern with "
            "a [[rule]] that has regex = '...' instead of a lexicon."
        )
    stuck = _STUCK_ANY.search(phrase)
    if stuck:
        return (
            f"'*' is joined to a word ({stuck.group()!r}), but '*' stands for a whole word on its own "
            "('sent * off'), not for the rest of a word: write each form itself ('negotiation', "
            "'negotiator'; plural endings and hyphens are already ignored), or match a pattern with "
            "a [[rule]] that has regex = '...' instead of a lexicon."
        )
    words = _WORD.findall(phrase.rstrip("!").replace("*", " _ANY_ "))
    if not words:
        return "expected at least one word."
    if words[0] == "_ANY_":
        return "it may not start with '*' ('*' stands for one word after the first: 'sent * off')."
    return None


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
        self._openers: tuple[frozenset[str], dict[str, frozenset[str]]] | None = None
        for phrase, rule_id in entries:
            self.add(phrase, rule_id)

    def _starts(self) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
        """What a phrase can begin with, built once after the last :meth:`add`: the words
        that end a phrase or are followed by ``*`` (enough on their own), and for each first
        word the second words of the longer phrases. Most words that begin some phrase
        ("the", "and") begin none of those found, so this spares a walk of the trie for them."""
        if self._openers is None:
            alone = frozenset(w for w, node in self.root.items() if _TERMINAL in node or _ANY in node)
            seconds = {
                w: frozenset(x for x in node if x not in (_TERMINAL, _ANY)) for w, node in self.root.items()
            }
            self._openers = (alone, seconds)
        return self._openers

    def add(self, phrase: str, rule_id: str) -> None:
        """Add one phrase for one rule."""
        if not phrase.isascii():  # matched against text in NFC (composed accents), as read
            phrase = unicodedata.normalize("NFC", phrase)
        problem = phrase_problem(phrase)
        if problem is not None:
            raise ValueError(f"Invalid phrase {phrase!r}: {problem}")
        exact = phrase.endswith("!")
        words = _WORD.findall(phrase.rstrip("!").replace("*", " _ANY_ "))
        self._openers = None
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
        stems, lowers, pauses = tokens.stems, tokens.lowers, tokens.pauses
        root = self.root
        n = len(stems)
        out = []
        # Only words that can start a phrase found here are worth a walk: a word that ends a
        # phrase on its own, or the first two words of a longer one.
        alone, seconds = self._starts()
        following = stems[1:]
        following.append(_TERMINAL)  # after the last word: no word, so no second word
        starts = [
            i for i, w in enumerate(stems) if w in seconds and (w in alone or following[i] in seconds[w])
        ]
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
                        # A phrase can be in one list as any form and in another as this
                        # exact form ("welcomed" and "welcomed!"): it belongs to both.
                        for surface, ids in term:
                            if surface is None or surface == lowers[j - 1]:
                                if best_j == j:
                                    best_ids = (*best_ids, *(x for x in ids if x not in best_ids))
                                else:
                                    best_j, best_ids = j, ids
                    if j >= n or j in pauses:
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
