"""The input type, :class:`Engagement`, and the one place where raw input is normalised.

Everything inside the library works on ``Engagement`` objects. A researcher may hand in
a plain string, a mapping (a ``dict`` or a pandas row), an ``Engagement``, or, for many
cases at once, a list of those, a pandas DataFrame, or a 2-D array whose columns are
the four fields in order. Anything that is not text (``None``, ``NaN``, numbers) counts
as an empty field: no evidence, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import issparse

__all__ = ["FIELDS", "MAX_FIELD_CHARS", "Engagement", "as_engagement", "as_engagements"]

FIELDS: tuple[str, ...] = ("description", "participants", "formality", "purpose")

#: Longest text kept per field. A real case description is a few hundred characters;
#: anything past this is almost certainly a whole document pasted by mistake, and
#: scanning it would make one row cost as much as thousands.
MAX_FIELD_CHARS = 20_000

#: Cell values that spreadsheets and CSV exports use for "missing"; they are no evidence.
_NULL_MARKERS = frozenset({"nan", "none", "null", "n/a", "na", "nil", "-", "--", "\u2014", "?"})


@dataclass(frozen=True, slots=True)
class Engagement:
    """One described engagement: a free-text description and three optional fields.

    Parameters
    ----------
    description : str
        The text describing the engagement.
    participants, formality, purpose : str
        Optional structured fields; an empty string is simply no evidence.

    Examples
    --------
    >>> Engagement("Talks in Geneva.", participants="deputy foreign ministers").participants
    'deputy foreign ministers'
    """

    description: str = ""
    participants: str = ""
    formality: str = ""
    purpose: str = ""

    def fields(self) -> tuple[tuple[str, str], ...]:
        """Return ``(field name, text)`` pairs for the non-empty fields, in order."""
        return tuple((name, text) for name in FIELDS if (text := getattr(self, name)))

    def is_empty(self) -> bool:
        """True when no field carries any non-blank text."""
        return not any(text.strip() for _, text in self.fields())


def _clean(value: Any) -> str:
    """Text of one field. Non-text (None, NaN, numbers) and missing-value markers written as
    text ("NaN", "N/A", "null", "-") are empty; bytes are decoded as UTF-8 with replacement."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    else:
        # None, NaN, pandas.NA, numbers and arbitrary objects carry no text evidence.
        return ""
    if len(text) <= 6 and text.strip().lower() in _NULL_MARKERS:
        return ""
    if len(text) > MAX_FIELD_CHARS:
        text = text[:MAX_FIELD_CHARS]
    # Strip characters that can never be evidence but break printing downstream.
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return text


def as_engagement(obj: Any, *, columns: Mapping[str, str] | None = None) -> Engagement:
    """Normalise one input into an :class:`Engagement`.

    Parameters
    ----------
    obj : str, Mapping, pandas.Series, Engagement or None
        A description string, or a mapping with any of the keys ``description``,
        ``participants``, ``formality``, ``purpose``. ``None``, ``NaN`` and other
        non-text values give an empty engagement, which every classifier abstains on.
    columns : Mapping[str, str], optional
        Maps a field name to the key it is stored under, e.g. ``{"description": "text"}``.

    Examples
    --------
    >>> as_engagement({"description": "Peace talks in Oslo.", "purpose": None})
    Engagement(description='Peace talks in Oslo.', participants='', formality='', purpose='')
    """
    if isinstance(obj, Engagement):
        return obj
    if isinstance(obj, str | bytes):
        return Engagement(description=_clean(obj))
    getter = getattr(obj, "get", None)
    if isinstance(obj, Mapping) or (callable(getter) and hasattr(obj, "index")):
        keys = columns or {}
        return Engagement(*(_clean(obj.get(keys.get(name, name))) for name in FIELDS))
    return Engagement(description=_clean(obj))


def as_engagements(X: Any, *, columns: Mapping[str, str] | None = None) -> list[Engagement]:
    """Normalise many inputs into a list of :class:`Engagement`, one per case, in order.

    Parameters
    ----------
    X : DataFrame, 2-D array, Series, or iterable of str / Mapping / Engagement
        A DataFrame is read by column name (missing columns are empty fields). A 2-D
        array's columns are taken as ``description, participants, formality, purpose``
        in that order; a 1-D array, Series or list of strings as descriptions.
    columns : Mapping[str, str], optional
        Maps a field name to a DataFrame column or mapping key with another name.

    Examples
    --------
    >>> [e.description for e in as_engagements(["Summit in Hanoi.", None])]
    ['Summit in Hanoi.', '']
    """
    if issparse(X):
        raise TypeError(
            "Invalid input: sparse matrices are not supported; expected text (a list of "
            "descriptions, a DataFrame or a 2-D array of the four text fields)."
        )
    if isinstance(X, str | bytes | Engagement | Mapping):
        raise TypeError(
            "Invalid input: expected many cases (a list, array or DataFrame), got a single "
            f"{type(X).__name__}. Wrap it in a list, or use classify() for one case."
        )
    if not hasattr(X, "columns") and not hasattr(X, "ndim") and hasattr(X, "__array__"):
        X = np.asarray(X)
    if hasattr(X, "columns") and hasattr(X, "iloc"):
        keys = columns or {}
        cols = []
        for name in FIELDS:
            col = keys.get(name, name)
            cols.append(X[col].tolist() if col in X.columns else [None] * len(X))
        return [Engagement(*(_clean(v) for v in row)) for row in zip(*cols)]
    if hasattr(X, "ndim") and hasattr(X, "tolist"):
        if X.ndim == 2:
            return [Engagement(*(_clean(v) for v in list(row)[: len(FIELDS)])) for row in X.tolist()]
        if X.ndim == 1:
            return [as_engagement(v, columns=columns) for v in X.tolist()]
        raise ValueError(f"Invalid input: expected a 1-D or 2-D array of cases, got {X.ndim} dimensions.")
    if not isinstance(X, Iterable):
        raise TypeError(
            f"Invalid input: expected an iterable of cases (str, dict or Engagement), got {type(X).__name__}."
        )
    out = []
    for item in X:
        if isinstance(item, list | tuple):
            out.append(Engagement(*(_clean(v) for v in list(item)[: len(FIELDS)])))
        else:
            out.append(as_engagement(item, columns=columns))
    return out
