"""Trace rule evidence back to the lexicon entries and modifier rules that produced it.

A verdict's :class:`~diplotrack.verdict.Evidence` names the cue rule and quotes the words;
it does not say which entry of the rule's lexicon matched, nor which modifier rule ("former",
"no", "hosted by") changed a participant's status. Both are recovered here from the quoted
words alone, with the same matcher the engine uses (stemmed words, ``*`` for any one word, a
trailing ``!`` for an exact word form), so diagnostics never re-run the engine.

A participant changed by a modifier is quoted together with the modifier, the role at one
end of the quote and the modifier at the other ("former defence officials", "Ministers were
invited but"), which is how the two are told apart.

Examples
--------
>>> from diplotrack import RuleClassifier
>>> clf = RuleClassifier()
>>> tracer = EvidenceTracer(clf.fit().engine_.rules, classifier_lexicons(clf))
>>> v = clf.classify("Former foreign ministers met scholars in Oslo.")
>>> former = next(e for e in v.evidence if e.status == "former")
>>> former.text, former.status, tracer.phrases(former), tracer.modifier(former)
('Former foreign ministers', 'former', ('foreign minister',), ('former-before', ('former',)))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .matching import PhraseIndex, Token, tokenize
from .rules import Rule
from .verdict import Evidence

__all__ = ["EvidenceTracer", "classifier_lexicons"]

#: Which modifier kinds can give a participant each status, by the side of the role the
#: modifier stands on (see :func:`diplotrack.scope.modifier_before` and ``modifier_after``).
#: A non-state participant that a bystander verb follows is counted as a host.
_MODIFIER_KINDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("former", "before"): ("former_before",),
    ("former", "after"): ("former_after",),
    ("negated", "before"): ("negation_before",),
    ("negated", "after"): ("negation_after",),
    ("host", "before"): ("host",),
    ("host", "after"): ("bystander",),
    ("bystander", "after"): ("bystander",),
    ("bystander", "before"): ("outside_before", "subject_before"),
    ("delegate", "after"): ("delegation_after",),
    ("facilitator", "before"): ("facilitator",),
    ("facilitator", "after"): ("facilitator_after",),
}


def classifier_lexicons(classifier) -> dict[str, tuple[str, ...]]:
    """The phrases of every lexicon as a :class:`~diplotrack.RuleClassifier` uses them.

    The shipped lexicons, with the classifier's ``lexicon`` additions and its ``extra``
    file's additions (or, with ``replace_lexicon=True``, the two replacing the lists they
    name), in the order the classifier applies them.

    Examples
    --------
    >>> from diplotrack import RuleClassifier
    >>> lex = classifier_lexicons(RuleClassifier(lexicon={"nonstate_roles": ["peace journalists"]}))
    >>> lex["nonstate_roles"][-1]
    'peace journalists'
    """
    # The engine keeps the lexicons it was built with: no second merge, no second read of
    # the rule file.
    return dict(classifier._engine().lexicons)


class EvidenceTracer:
    """Find the lexicon entries behind evidence, and the modifier rule behind a status.

    Parameters
    ----------
    rules : sequence of Rule
        The cue rules of the engine that made the evidence.
    lexicons : mapping of str to sequence of str
        The phrases of each lexicon, as that engine used them.

    Examples
    --------
    >>> from diplotrack.rules import DEFAULT_RULES
    >>> from diplotrack.ruleset import load_ruleset
    >>> tracer = EvidenceTracer(DEFAULT_RULES, load_ruleset().lexicons)
    >>> tracer.find(["official_roles"], "Deputy foreign ministers met.")
    {'official_roles': {'deputy foreign minister'}}
    """

    def __init__(self, rules: Sequence[Rule], lexicons: Mapping[str, Sequence[str]]):
        self._lexicon_of = {r.id: r.lexicon for r in rules if r.lexicon is not None}
        self._by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.lexicon is not None:
                self._by_kind.setdefault(rule.kind, []).append(rule)
        self._index: dict[str, PhraseIndex] = {}
        for name in sorted(set(self._lexicon_of.values())):
            # Each phrase is its own id, so a match names the entry as written.
            self._index[name] = PhraseIndex((p, p) for p in lexicons.get(name, ()))

    def find(self, lexicons: Sequence[str], text: str) -> dict[str, set[str]]:
        """Every entry of each of ``lexicons`` found in ``text`` (longest matches, left to right).

        This reads the text alone, not a verdict: an entry inside a longer phrase of another
        lexicon is found here although the engine would match the longer phrase.
        """
        tokens = tokenize(text)
        return {name: {p for _, _, ids in self._index[name].find(tokens) for p in ids} for name in lexicons}

    def _role_match(
        self, evidence: Evidence, tokens: Token | None = None
    ) -> tuple[tuple[str, ...], str | None] | None:
        lexicon = self._lexicon_of.get(evidence.source)
        if lexicon is None:
            return None
        tokens = tokenize(evidence.text) if tokens is None else tokens
        n = len(tokens.stems)
        found = self._index[lexicon].find(tokens)
        if not found:
            return None
        # The role stands at one end of the quote and its modifier, if any, at the other.
        for i, j, ids in found:
            if (i, j) == (0, n):
                return ids, None
        for _, j, ids in reversed(found):
            if j == n:
                return ids, "before"
        for i, _, ids in found:
            if i == 0:
                return ids, "after"
        return max(found, key=lambda m: m[1] - m[0])[2], None

    def phrases(self, evidence: Evidence) -> tuple[str, ...]:
        """The entries of the evidence rule's lexicon that the quoted words matched.

        Usually one; several only when a lexicon holds entries that match the same words.
        Empty for a regular-expression rule or a decision.
        """
        got = self._role_match(evidence)
        return () if got is None else got[0]

    def modifier(self, evidence: Evidence) -> tuple[str, tuple[str, ...]] | None:
        """The modifier rule that gave a participant its status, and its lexicon entries.

        ``None`` for a counted participant, for other evidence, and when the modifier is
        not in the quote (a quote is cut to the role alone when the two stand far apart).
        """
        if evidence.kind != "participant" or evidence.status in ("counted", "ambiguous"):
            return None
        tokens = tokenize(evidence.text)
        n = len(tokens.stems)
        if evidence.source in self._lexicon_of:
            got = self._role_match(evidence, tokens)
            sides = () if got is None or got[1] is None else (got[1],)
        else:
            # A regular-expression rule: where its words stand is unknown, so try both ends.
            sides = ("before", "after")
        for side in sides:
            for kind in _MODIFIER_KINDS.get((evidence.status, side), ()):
                for rule in self._by_kind.get(kind, ()):
                    for i, j, ids in self._index[rule.lexicon].find(tokens):
                        if (side == "before" and i == 0) or (side == "after" and j == n):
                            return rule.id, ids
        return None
