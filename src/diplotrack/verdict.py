"""The output types shared by both classifiers: :class:`Track`, :class:`Evidence`, :class:`Verdict`.

A verdict is the same object whichever classifier made it, so batch output, comparison
and notebooks never need to know which method was used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = ["ABSTAIN", "LABELS", "TRACKS", "Evidence", "Track", "Verdict", "spread_probability"]


class Track(str, Enum):
    """The three tracks. Members compare equal to their label strings.

    Examples
    --------
    >>> Track.TRACK_1_5 == "Track 1.5"
    True
    >>> Track("Track 2")
    <Track.TRACK_2: 'Track 2'>
    """

    TRACK_1 = "Track 1"
    TRACK_1_5 = "Track 1.5"
    TRACK_2 = "Track 2"

    def __str__(self) -> str:
        return self.value


TRACKS: tuple[str, ...] = tuple(t.value for t in Track)

#: Label used in label arrays (``predict``, CSV columns, the dataset) for an abstention.
ABSTAIN = "none"

#: Every label a classifier can put in a label array, in the order of ``classes_``.
LABELS: tuple[str, ...] = (*TRACKS, ABSTAIN)

#: Statuses of a participant's evidence that count it as taking part: counted as found, or an
#: expert counted as a member of an official delegation.
TAKING_PART = frozenset({"counted", "delegate"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence behind a verdict: a rule that fired or a model feature.

    Attributes
    ----------
    source : str
        The rule id (rules), the feature name (model), or the id of a similar case.
    kind : str
        What the evidence is about. From the rules: ``"participant"`` (any role, with its
        ``status``), ``"capacity"``, ``"formal"`` and ``"informal"`` (the nature of the
        meeting), ``"purpose_official"`` and ``"purpose_people"``, ``"negated_formal"`` and
        ``"negated_purpose_official"`` (a formality or purpose denied), ``"interaction"``
        (parties dealing with each other), ``"event"`` and ``"date"`` (one specific occasion),
        ``"elsewhere"`` (another time or meeting), ``"genre"`` and ``"meta"`` (signs of a text
        about something else), ``"branding"`` and ``"decision"`` (the rules' decision that
        fired). From the model: ``"feature"``, ``"similar_case"`` and ``"rule_decision"`` (the
        rules' decision as one of the model's features, with its weight).
    text : str
        The words of the input that carried it (or a case excerpt, for a similar case).
    field : str
        The input field the text came from (empty for a similar case).
    start, end : int or None
        Character offsets of ``text`` in that field as the classifiers read it; ``None`` when
        not a span of the input. That is the field as given, unless it held accents typed as a
        letter plus a combining mark (copied from a PDF or on macOS), which are read composed,
        HTML (entities decoded, tags removed), characters that show nothing inside a word (soft
        hyphens, zero-width spaces), which are dropped, or NUL characters, read as spaces: then
        the offsets are into the field as the :class:`~diplotrack.Engagement` made of the input
        holds it (``Engagement(cell).description``).
    supports : str or None
        The label it pushed towards, ``None`` when it pushed nowhere (discarded evidence).
    weight : float
        How hard it pushed (rule weight, or the model's contribution).
    status : str
        ``"counted"``; for participants discarded or changed by their context ``"former"``,
        ``"negated"``, ``"host"`` (a host, funder or sponsor), ``"facilitator"`` (a private
        facilitator or mediator), ``"delegate"`` (an expert in an official delegation, counted as
        an official), ``"bystander"``, ``"name"`` (part of a name), ``"place"``,
        ``"asked"`` (in a question), ``"quoted"`` (a title in quotation marks),
        ``"ambiguous"`` (a word used in another sense) or
        ``"background"`` (named only in sentences with no sign of the engagement); for a
        self-description that does not decide, ``"ignored"``; for a date on which the text
        places no meeting, only a statement, a vote or a death, ``"unplaced"``; for figures
        ("per cent", "at least") in a text that names a meeting beside a date, which weigh
        nothing against it, ``"discounted"``.
    note : str
        A short human-readable description of the rule or feature.
    """

    source: str
    kind: str
    text: str
    field: str = "description"
    start: int | None = None
    end: int | None = None
    supports: str | None = None
    weight: float = 0.0
    status: str = "counted"
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form of the evidence."""
        return {
            "source": self.source,
            "kind": self.kind,
            "text": self.text,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "supports": self.supports,
            "weight": round(float(self.weight), 4),
            "status": self.status,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """A classifier's decision on one engagement, with the reasons for it.

    Attributes
    ----------
    track : Track or None
        The label, or ``None`` when the classifier abstains (no engagement described).
    confidence : float
        Between 0 and 1: how strongly and consistently the evidence points to ``track``
        (for an abstention, how sure the classifier is that there is no engagement).
    method : str
        ``"rules"`` or ``"model"``.
    explanation : str
        One readable paragraph saying why, quoting the input.
    evidence : tuple of Evidence
        The individual cues or features behind the verdict.
    scores : dict
        Score per label (``LABELS``), summing to 1; what ``predict_proba`` returns.
    rules_version : str or None
        Version of the rule set behind the verdict (``diplotrack rules list`` shows it), so a
        labelled file can be traced to the rules that made it; for the trained model, the
        rule set its features were computed with, if any.
    definition : str or None
        The definition profile of the tracks in force (``"guideline"`` by default; see
        ``diplotrack definitions``); ``None`` from a :class:`~diplotrack.TextClassifier` of your
        own called directly, which labels as its training labels do (through ``classify`` and
        the other functions it follows a definition).

    Examples
    --------
    >>> v = Verdict(Track.TRACK_2, 0.8, "rules", "Only academics took part.")
    >>> v.label, v.abstained
    ('Track 2', False)
    """

    track: Track | None
    confidence: float
    method: str
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    rules_version: str | None = None
    definition: str | None = None

    def __hash__(self) -> int:
        # The generated hash would hash the ``scores`` dict and fail; equal verdicts (same
        # fields, scores included) hash alike, so verdicts can be set members and dict keys.
        return hash(
            (
                self.track,
                self.confidence,
                self.method,
                self.explanation,
                self.evidence,
                tuple(sorted(self.scores.items())),
                self.rules_version,
                self.definition,
            )
        )

    @property
    def abstained(self) -> bool:
        """True when the classifier declined to give a track."""
        return self.track is None

    @property
    def label(self) -> str:
        """The track as a plain string, or ``"none"`` for an abstention."""
        return ABSTAIN if self.track is None else self.track.value

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form of the verdict (``track`` is a string or ``None``)."""
        return {
            "track": None if self.track is None else self.track.value,
            "confidence": round(float(self.confidence), 4),
            "method": self.method,
            "explanation": self.explanation,
            "evidence": [e.to_dict() for e in self.evidence],
            "scores": {k: round(float(v), 4) for k, v in self.scores.items()},
            "rules_version": self.rules_version,
            "definition": self.definition,
        }


def spread_probability(key: str, confidence: float, support: Mapping[str, float]) -> dict[str, float]:
    """A probability per label: ``confidence`` for ``key``, the rest by ``support``.

    The other labels share ``1 - confidence`` in proportion to their support, but none
    may reach ``confidence``, so the arg-max of the result is always ``key``.

    Examples
    --------
    >>> p = spread_probability("Track 1", 0.4, {"Track 2": 5.0, "Track 1.5": 0.0})
    >>> max(p, key=p.get), round(sum(p.values()), 6)
    ('Track 1', 1.0)
    """
    confidence = min(max(float(confidence), 0.3), 1.0)
    probs = {key: confidence}
    others = [k for k in LABELS if k != key]
    weights = {k: max(float(support.get(k, 0.0)), 0.0) + 0.1 for k in others}
    mass, cap = 1.0 - confidence, confidence * 0.98
    while others:
        total = sum(weights[k] for k in others)
        alloc = {k: mass * weights[k] / total for k in others}
        over = [k for k in others if alloc[k] > cap]
        if not over:
            probs.update(alloc)
            break
        for k in over:
            probs[k] = cap
            mass -= cap
        others = [k for k in others if k not in over]
    return {k: probs.get(k, 0.0) for k in LABELS}
