"""Counts in sentences: "1 case", "3 cases", "'dev' (2 rows), 'Train ' (1 row)"."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["counted", "tallied"]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for one and plural otherwise (``noun + "s"`` unless given).

    Examples
    --------
    >>> counted(1, "case"), counted(0, "case"), counted(3, "row"), counted(1, "entry", "entries")
    ('1 case', '0 cases', '3 rows', '1 entry')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def tallied(counts: Mapping[str, int], limit: int = 5, noun: str = "row") -> str:
    """Values with how often each occurs, the first ``limit`` of them, as error messages list
    the bad values of a column: ``'dev' (2 rows), 'x' (1 row) and 3 other values``.

    Examples
    --------
    >>> tallied({"dev": 2, "valid": 1})
    "'dev' (2 rows), 'valid' (1 row)"
    >>> tallied({"a": 1, "b": 1, "c": 1}, limit=2)
    "'a' (1 row), 'b' (1 row) and 1 other value"
    """
    items = list(counts.items())
    shown = ", ".join(f"{value!r} ({counted(int(n), noun)})" for value, n in items[:limit])
    rest = len(items) - limit
    return shown + (f" and {counted(rest, 'other value')}" if rest > 0 else "")
