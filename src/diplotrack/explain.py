"""Explanation text: the paragraph every verdict carries, quoting the input.

The rule classifier's explanation is built here from the evidence it found; the quoting
helper is shared with the trained model's explanations.
"""

from __future__ import annotations

from collections.abc import Iterable

from .conditions import CONDITIONS, PARTICIPANT_CONDITIONS, Summary
from .rules import Decision
from .verdict import TRACKS, Evidence, Track

__all__ = ["explain_rules", "quote_list"]

_KIND_LABEL = {
    "formal": "formal business",
    "informal": "unofficial setting",
    "purpose_official": "state purpose",
    "purpose_people": "people-to-people purpose",
    "interaction": "parties dealing with each other",
    "event": "a specific occasion",
    "date": "a date on which no meeting is said to happen, not counted",
    "elsewhere": "another time or meeting, whose roles count as background",
}


def quote_list(items: Iterable[Evidence], with_field: bool = False, max_quotes: int = 6) -> str:
    """The quoted texts of ``items``, each once, at most ``max_quotes`` then "and N more".

    Examples
    --------
    >>> quote_list([Evidence("r", "participant", "ministers"), Evidence("r", "participant", "scholars")])
    '"ministers", "scholars"'
    """
    seen: list[str] = []
    for e in items:
        q = f'"{e.text}"' + (f" ({e.field})" if with_field and e.field != "description" else "")
        if q not in seen:
            seen.append(q)
    more = len(seen) - max_quotes
    shown = ", ".join(seen[:max_quotes])
    return shown + (f" and {more} more" if more > 0 else "")


def _by_key(items: Iterable[Evidence], key: str) -> dict[str, list[Evidence]]:
    """``items`` grouped by one attribute (``"kind"`` or ``"status"``), in order."""
    groups: dict[str, list[Evidence]] = {}
    for e in items:
        value = getattr(e, key)
        group = groups.get(value)
        if group is None:
            groups[value] = [e]
        else:
            group.append(e)
    return groups


#: The heading of official words in a Track 2 verdict whose officials, all weighed together,
#: fall short of one official taking part (a lone "the government" in a list, an armed group
#: with no government across the table): listed, so a reader can check them, but not as
#: "Officials" next to a reason that says no serving official took part.
FAINT_OFFICIALS = "Official words too faint to count as an official taking part"
#: The same for non-state words, when everyone found weighs less than one participant and the
#: reason says no participants are named ("Beekeepers", found only by the fallback rule).
FAINT_NONSTATE = "Non-state words too faint to count as anyone taking part"


def _participant_groups(
    roles: list[Evidence], faint: bool = False, faint_nonstate: bool = False
) -> tuple[tuple[str, list[Evidence]], ...]:
    by_status = _by_key(roles, "status")
    counted = by_status.get("counted", [])
    return (
        (FAINT_OFFICIALS if faint else "Officials", [e for e in counted if e.supports == TRACKS[0]]),
        (
            FAINT_NONSTATE if faint_nonstate else "Non-state participants",
            [e for e in counted if e.supports == TRACKS[2]],
        ),
        ("Named only in background sentences, counted at reduced weight", by_status.get("background", [])),
        ("Experts in an official delegation, counted as officials", by_status.get("delegate", [])),
        ("Hosts or funders, counted lightly", by_status.get("host", [])),
        ("Private facilitators or mediators", by_status.get("facilitator", [])),
        ("Mentioned but not taking part", by_status.get("bystander", [])),
        ("Part of a name, not counted", by_status.get("name", [])),
        ("Named as a place or an affiliation, not counted", by_status.get("place", [])),
        ("Asked about in a question, not counted", by_status.get("asked", [])),
        ("A title in quotation marks (given, played or borrowed), not counted", by_status.get("quoted", [])),
        ("Former officials, counted as non-state", by_status.get("former", [])),
        ("Negated, not counted", by_status.get("negated", [])),
    )


def explain_rules(track: Track | None, conf: float, d: Decision, s: Summary, max_quotes: int = 6) -> str:
    """The rule classifier's explanation: verdict, the deciding reason, the quoted evidence."""
    head = ("Abstained" if track is None else str(track)) + f" (confidence {conf:.2f}): "
    parts = [head + d.description + "."]
    ev = s.evidence
    by_kind = _by_key(ev, "kind")  # one pass over the evidence; each group keeps its order
    roles = by_kind.get("participant", [])
    # A decision that asks nothing of the participants ("no participants are named, but the
    # business is formal"), reached with no official and no non-state person counted as
    # taking part: the words found are listed as too faint rather than as officials or
    # participants beside a reason that says nobody is named. Not for the best-supported
    # track, which may rest on them.
    officials = CONDITIONS["officials"](s)
    nobody = (
        not officials
        and d.label != "best"
        and PARTICIPANT_CONDITIONS.isdisjoint(d.when)
        and not CONDITIONS["nonstate"](s)
    )
    faint = nobody or (track == TRACKS[2] and not officials)
    # The mirror for Track 1: non-state words weighing less than one participant beside a
    # reason that says only officials took part ("a university was mentioned").
    faint_nonstate = nobody or (track == TRACKS[0] and not CONDITIONS["nonstate"](s))
    groups = _participant_groups(roles, faint, faint_nonstate=faint_nonstate)
    for title, items in (*groups, ("Capacity", by_kind.get("capacity", []))):
        if items:
            parts.append(f"{title}: {quote_list(items, True, max_quotes)}.")
    ambiguous = [e for e in ev if e.status == "ambiguous"]
    if ambiguous:
        reasons = "; ".join(f'"{e.text}" ({e.note})' for e in ambiguous[:max_quotes])
        parts.append(f"Ambiguous words read in another sense, not counted: {reasons}.")
    nature = [
        f"{title} {quote_list(by_kind[kind], False, max_quotes)}"
        for kind, title in _KIND_LABEL.items()
        if kind in by_kind
    ]
    if nature:
        parts.append("Nature and purpose: " + "; ".join(nature) + ".")
    if "genre" in by_kind or "meta" in by_kind:
        genre = [e for e in ev if e.kind in ("genre", "meta") and e.status != "discounted"]
        if genre:
            parts.append(f"Signs of a text about something else: {quote_list(genre, False, max_quotes)}.")
        figures = [e for e in ev if e.kind == "genre" and e.status == "discounted"]
        if figures:
            quoted = quote_list(figures, False, max_quotes)
            parts.append(f"Figures beside a report of a meeting, not counted: {quoted}.")
    if any(kind.startswith("negated_") for kind in by_kind):
        denied = [e for e in ev if e.kind.startswith("negated_")]
        parts.append(f"Denied formality, not counted: {quote_list(denied, False, max_quotes)}.")
    if "denied_meeting" in by_kind:
        parts.append(
            f"Denied meeting, not counted: {quote_list(by_kind['denied_meeting'], False, max_quotes)}."
        )
    branding = by_kind.get("branding", [])
    if branding:
        parts.append(
            "Self-description ignored (labels follow who took part): "
            f"{quote_list(branding, False, max_quotes)}."
        )
    if s.empty:
        parts.append("Provide a description or the participants, formality and purpose fields.")
    elif not roles and track is not None:
        parts.append("No participants were named, so the label rests on formality and purpose alone.")
    return " ".join(parts)
