"""Counts in sentences: "1 case", "3 cases"."""

from __future__ import annotations

__all__ = ["counted"]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for one and plural otherwise (``noun + "s"`` unless given).

    Examples
    --------
    >>> counted(1, "case"), counted(0, "case"), counted(3, "row"), counted(1, "entry", "entries")
    ('1 case', '0 cases', '3 rows', '1 entry')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
