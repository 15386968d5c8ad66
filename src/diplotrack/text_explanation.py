"""The text model's explanations: the phrases of the input that carried the weight.

A linear model's decision is a sum of contributions, one per feature. The explanation
finds each strong feature in the input (a word, a word in the scope of *former* or of a
negation, a word of a structured field, or the words a rule matched), merges features
that fall on the same or touching words into one phrase with their weights summed, and
quotes the phrases that pushed hardest toward the label and the one that pushed hardest
against it. Function words are never quoted: a phrase made only of them is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text_features import FORMER_WORDS, LEAD_PREFIX, NEGATION_WORDS, SCOPE, Span
from .tokens import STOP_WORDS
from .verdict import ABSTAIN, Evidence, Track

__all__ = ["evidence_of", "explain", "locate", "merge_phrases", "net_phrases", "quotable"]

_PATTERNS: dict[str, re.Pattern] = {}
_MAX_PATTERNS = 100_000
_WORD_TAIL = r"\w{0,3}\b"  # a stem plus a plural or verb ending: minister -> ministers
# Between the words of an n-gram of stems: only the function words it skipped, and no end of
# a sentence (the features pair words within a sentence).
_FUNCTION_WORDS = "|".join(sorted(map(re.escape, STOP_WORDS), key=len, reverse=True))
_GAP = rf"(?:[^\w;!?\n]+(?:{_FUNCTION_WORDS})\b){{0,6}}?[^\w;!?\n]+"
_SCOPE_GAP = rf"(?:\W+\w+){{0,{2 * SCOPE}}}?\W+"
_TAIL = re.compile(_WORD_TAIL)
_JOINERS = frozenset(" -\u2010\u2011\u2013\t")
_MAX_QUOTE_WORDS = 6


def quotable(feature: str) -> bool:
    """Whether a feature may be quoted as evidence: not made only of function words.

    Examples
    --------
    >>> quotable("minister"), quotable("participants:the"), quotable("rule:official-role")
    (True, False, True)
    """
    if feature.startswith("rule:"):
        return True
    body = feature.partition(":")[2] if ":" in feature and not feature.startswith("p:") else feature
    body = body.removeprefix("former_").removeprefix("not_").removeprefix("p:")
    return any(w not in STOP_WORDS for w in body.split(" "))


def _stem_pattern(word: str) -> str:
    # The stemmer turns "secretaries" into "secretary": let the stem find the plural.
    return re.escape(word[:-1]) + "(?:y|ie)" if word.endswith("y") else re.escape(word)


def _pattern(feature: str) -> re.Pattern:
    """A regular expression finding a (stemmed, n-gram, marked or prefix) word feature."""
    pattern = _PATTERNS.get(feature)
    if pattern is None:
        body, lead = feature, ""
        if body.startswith("former_"):
            lead, body = "|".join(sorted(FORMER_WORDS)), body[7:]
        elif body.startswith("not_"):
            lead, body = "|".join(sorted(NEGATION_WORDS)), body[4:]
        if body.startswith("p:"):
            core = re.escape(body[2:]) + r"\w*"
        else:
            core = (_WORD_TAIL + _GAP).join(map(_stem_pattern, body.split(" "))) + _WORD_TAIL
        core = rf"\b(?:{lead})\b{_SCOPE_GAP}{core}" if lead else r"\b" + core
        pattern = re.compile(core, re.IGNORECASE)
        if len(_PATTERNS) < _MAX_PATTERNS:
            _PATTERNS[feature] = pattern
    return pattern


def _find_word(lower: str, word: str) -> tuple[int, int] | None:
    """First whole-word occurrence of a stem in lower-cased text, with up to three more
    letters of ending ("minister" finds "ministers"); ``str.find`` runs at C speed."""
    pos = lower.find(word)
    while pos >= 0:
        end = pos + len(word)
        if pos == 0 or not lower[pos - 1].isalnum():
            tail = _TAIL.match(lower, end)
            if tail is not None:
                return pos, tail.end()
        pos = lower.find(word, end)
    return None


def locate(
    fields: Sequence[tuple[str, str]], feature: str, lowered: Sequence[str] | None = None
) -> Span | None:
    """Where a word feature first occurs in the input, as ``(field, start, end)``.

    A feature prefixed with a field name (``participants:minister``) is looked for in that
    field only. ``None`` when it is not found. ``lowered`` may hold the fields' texts
    already lower-cased, in the same order (it saves doing it once per feature).

    Examples
    --------
    >>> fields = (("description", "Talks in Oslo."), ("participants", "two deputy ministers"))
    >>> locate(fields, "participants:minister"), locate(fields, "oslo"), locate(fields, "rome")
    (('participants', 11, 20), ('description', 9, 13), None)
    """
    if lowered is None:
        lowered = [text.lower() for _, text in fields]
    parsed = _PARSED.get(feature)
    if parsed is None:
        parsed = _parse(feature)
    field, word, plural = parsed
    if plural is not None:  # a single word: the fast path
        for (name, text), lower in zip(fields, lowered):
            if field is not None and name != field:
                continue
            if len(lower) != len(text):
                break  # lower-casing moved the offsets: use the regular expression
            hit = _find_word(lower, word) or (plural and _find_word(lower, plural))
            if hit:
                return name, hit[0], hit[1]
        else:
            return None
    pattern = _pattern(word)
    for name, text in fields:
        if field is None or name == field:
            m = pattern.search(text)
            if m is not None:
                return name, m.start(), m.end()
    return None


_PARSED: dict[str, tuple[str | None, str, str | None]] = {}


def _parse(feature: str) -> tuple[str | None, str, str | None]:
    """(field or None, the feature without its field, the plural to try or "" for a single
    word, None for anything the fast path cannot find)."""
    head, sep, rest = feature.partition(":")
    field, word = (head, rest) if sep and head != "p" else (None, feature)
    if feature.startswith(LEAD_PREFIX):  # a word of the description's opening: found where it first occurs
        field = "description"
    plural = None
    if word.isalnum():
        plural = word[:-1] + "ies" if word.endswith("y") else ""
    parsed = (field, word, plural)
    if len(_PARSED) < _MAX_PATTERNS:
        _PARSED[feature] = parsed
    return parsed


def merge_phrases(
    pieces: Sequence[tuple[str, int, int, str, float]], texts: dict[str, str]
) -> list[tuple[str, int, int, list[str], float]]:
    """Merge features into phrases: spans that overlap, or touch across a space or hyphen,
    become one phrase whose weight is the sum of theirs; the same words said twice are one
    phrase, quoted where they first occur; a phrase made only of function words is left out.
    Strongest phrase first.

    ``pieces`` holds ``(field, start, end, feature, weight)``, one per place a feature was
    found. Each phrase is ``(field, start, end, features, weight)``.

    Examples
    --------
    >>> text = {"description": "Deputy foreign ministers signed a border treaty."}
    >>> found = [("description", 0, 24, "rule:official-role", 1.0),
    ...          ("description", 15, 24, "minister", 0.5),
    ...          ("description", 34, 40, "border", 0.25),
    ...          ("description", 41, 47, "treaty", 0.5)]
    >>> [(text["description"][a:b], w) for _, a, b, _, w in merge_phrases(found, text)]
    [('Deputy foreign ministers', 1.5), ('border treaty', 0.75)]
    """
    merged: list[list] = []
    for field, start, end, feature, weight in sorted(pieces):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last[0] == field
            and (start <= last[2] or _joined(texts[field], last[2], start))
        ):
            if end > last[2]:
                last[2] = end
            if feature not in last[3]:
                last[3].append(feature)
            last[4] += weight
        else:
            merged.append([field, start, end, [feature], weight])
    by_text: dict[tuple[str, str], list] = {}
    for p in merged:
        key = (p[0], texts[p[0]][p[1] : p[2]].lower())
        if not _has_content(key[1]):
            continue  # a rule matched only function words ("from both"): nothing to quote
        first = by_text.get(key)
        if first is None:
            by_text[key] = p
        else:
            first[3].extend(f for f in p[3] if f not in first[3])
            first[4] += p[4]
    return sorted(by_text.values(), key=lambda p: -abs(p[4]))


def net_phrases(
    toward: list[tuple[str, int, int, list[str], float]],
    against: list[tuple[str, int, int, list[str], float]],
    texts: dict[str, str],
) -> tuple[list[list], list[list]]:
    """The phrases of :func:`merge_phrases` that pushed toward the label and those that
    pushed against it, each quoted once with its net weight: words that carry features
    pushing both ways (a word against, a rule on the same words toward) are one phrase, on
    the side its summed weight falls. Strongest first on each side.

    Examples
    --------
    >>> text = {"description": "Foreign ministers signed a treaty."}
    >>> toward = [("description", 0, 17, ["foreign ministers"], 2.0),
    ...           ("description", 27, 33, ["rule:formal"], 0.24)]
    >>> against = [("description", 27, 33, ["treaty"], -0.08)]
    >>> pushed, opposed = net_phrases(toward, against, text)
    >>> [(text["description"][a:b], round(w, 2)) for _, a, b, _, w in pushed], opposed
    ([('Foreign ministers', 2.0), ('treaty', 0.16)], [])
    """
    phrases = [[f, a, b, list(feats), w] for f, a, b, feats, w in toward]
    for field, start, end, features, weight in against:
        said = texts[field][start:end].lower()
        host = next(
            (
                p
                for p in phrases
                if p[0] == field
                and (start < p[2] and p[1] < end or texts[field][p[1] : p[2]].lower() == said)
            ),
            None,
        )
        if host is None:
            phrases.append([field, start, end, list(features), weight])
        else:
            host[3].extend(f for f in features if f not in host[3])
            host[4] += weight
    pushed = sorted((p for p in phrases if p[4] > 0), key=lambda p: -p[4])
    opposed = sorted((p for p in phrases if p[4] < 0), key=lambda p: p[4])
    return pushed, opposed


def _has_content(lower: str) -> bool:
    return not STOP_WORDS.issuperset(lower.split())


def _joined(text: str, a: int, b: int) -> bool:
    return b - a <= 2 and all(c in _JOINERS for c in text[a:b])


def _short(text: str) -> str:
    if text.count(" ") < _MAX_QUOTE_WORDS:
        return text
    words = text.split()
    return text if len(words) <= _MAX_QUOTE_WORDS else f"{words[0]} … {words[-1]}"


def _rule_note(source: str) -> str:
    if "rule:" not in source:
        return ""
    return "; rule " + ", ".join(f[5:] for f in source.split(" + ") if f.startswith("rule:"))


def _fmt(e: Evidence) -> str:
    where = "" if e.field == "description" else f", {e.field}"
    return f'"{_short(e.text)}" ({e.weight:+.2f}{where}{_rule_note(e.source)})'


def evidence_of(phrase: Sequence, texts: dict[str, str], supports: str | None) -> Evidence:
    """The :class:`Evidence` quoting one phrase of :func:`merge_phrases`."""
    field, start, end, features, weight = phrase
    return Evidence(
        " + ".join(features),
        "feature",
        texts[field][start:end],
        field,
        start,
        end,
        supports,
        weight,
        "counted",
        "pushed toward" if weight > 0 else "pushed against",
    )


def explain(
    track: Track | None,
    label: str,
    conf: float,
    scores: dict[str, float],
    toward: Sequence[Evidence],
    against: Sequence[Evidence],
    similar: Sequence[Evidence],
    decision: tuple[str, float] | None = None,
    vote: tuple[dict[str, int], str, float, float] | None = None,
    threshold: float | None = None,
) -> str:
    """The explanation paragraph: label and probability, the phrases that pushed toward it,
    the strongest against it, how the rule classifier's decision pushed (when the model has
    it as a feature: ``decision`` is its quoted id with the label it gives, and its weight),
    what the labels of the most similar training cases did to the probability (when the
    model weighs them: ``vote`` is their labels counted, the verdict's label, and its
    probability with neighbours of the usual mix and with these), the runner-up, and the most
    similar training cases. An abstention on which a track was more probable says so, with
    the abstention ``threshold`` that no engagement reached, and names that track as the most
    probable rather than as the runner-up.

    Examples
    --------
    >>> e = Evidence("minister", "feature", "ministers", supports="Track 1", weight=0.8)
    >>> scores = {"Track 1": 0.9, "Track 2": 0.1}
    >>> print(explain(Track.TRACK_1, "Track 1", 0.9, scores, [e], [], []))  # doctest: +NORMALIZE_WHITESPACE
    Track 1 (probability 0.90): the phrases that carried the weight were "ministers" (+0.80).
    Runner-up: Track 2 (0.10).
    >>> vote = ({"Track 1": 4, "none": 1}, "Track 1", 0.7, 0.9)
    >>> print(explain(Track.TRACK_1, "Track 1", 0.9, scores, [e], [], [], vote=vote))
    ... # doctest: +NORMALIZE_WHITESPACE
    Track 1 (probability 0.90): the phrases that carried the weight were "ministers" (+0.80).
    The labels of its 5 most similar training cases (4 Track 1, 1 no engagement) raised the
    probability of Track 1 to 0.90, from 0.70 with neighbours of the usual mix. Runner-up:
    Track 2 (0.10).
    >>> rules = ('"officials-only" (Track 1)', 0.12)
    >>> print(explain(Track.TRACK_1, "Track 1", 0.9, scores, [e], [], [], rules))
    ... # doctest: +NORMALIZE_WHITESPACE
    Track 1 (probability 0.90): the phrases that carried the weight were "ministers" (+0.80).
    The rule classifier's decision "officials-only" (Track 1) pushed toward it (+0.12).
    Runner-up: Track 2 (0.10).
    >>> near = {"Track 1": 0.54, "none": 0.37, "Track 2": 0.09}
    >>> print(explain(None, "none", 0.37, near, [], [], [], threshold=0.35))
    ... # doctest: +NORMALIZE_WHITESPACE
    Abstained (probability of no engagement 0.37, which reaches the abstention threshold 0.35,
    though Track 1 was more probable): the text reads like the non-engagement texts the model
    was trained on. Most probable track: Track 1 (0.54).
    """
    own = label if track is not None else ABSTAIN
    ranked = sorted(((p, c) for c, p in scores.items() if c != own), reverse=True)
    none_p = scores.get(ABSTAIN, 0.0)
    outranked = track is None and bool(ranked) and ranked[0][0] > none_p
    if track is None:
        why = ""
        if outranked:
            reaches = "the abstention threshold" + (f" {threshold:.2f}" if threshold is not None else "")
            why = f", which reaches {reaches}, though {ranked[0][1]} was more probable"
        head = (
            f"Abstained (probability of no engagement {none_p:.2f}{why}): the text "
            "reads like the non-engagement texts the model was trained on"
        )
        if toward:
            head += ", notably " + ", ".join(map(_fmt, toward))
    else:
        head = f"{label} (probability {conf:.2f}): the phrases that carried the weight"
        if scores.get(ABSTAIN, 0.0) > conf:
            head += " (no engagement was more probable, but below the abstention threshold)"
        head += (" were " + ", ".join(map(_fmt, toward))) if toward else " were too weak to list"
    parts = [head + "."]
    if against:
        parts.append(f"The strongest phrase against it was {_fmt(against[0])}.")
    if decision is not None:
        said, w = decision
        way = "pushed toward it" if w > 0 else "pushed against it" if w < 0 else "pushed neither way"
        parts.append(f"The rule classifier's decision {said} {way} ({w:+.2f}).")
    if vote is not None:
        tally, voted, before, after = vote
        counted = ", ".join(
            f"{n} {'no engagement' if c == ABSTAIN else c}"
            for c, n in sorted(tally.items(), key=lambda t: (-t[1], t[0]))
        )
        what = "no engagement" if voted == ABSTAIN else voted
        said, now = f"{before:.2f}", f"{after:.2f}"
        verb = "raised" if after > before else "lowered"
        moved = (
            f"left the probability of {what} at {now}, as neighbours of the usual mix would"
            if said == now
            else f"{verb} the probability of {what} to {now}, from {said} with neighbours of the usual mix"
        )
        n = sum(tally.values())  # fewer than the vote weighs when fewer share a word with it
        if n:
            parts.append(f"The labels of its {n} most similar training cases ({counted}) {moved}.")
    if ranked:
        name = "Most probable track" if outranked else "Runner-up"
        parts.append(f"{name}: {ranked[0][1]} ({ranked[0][0]:.2f}).")
    if similar:
        parts.append(
            "Most similar training cases: "
            + "; ".join(f'{e.source} ({e.supports}, "{e.text}")' for e in similar)
            + "."
        )
    return " ".join(parts)
