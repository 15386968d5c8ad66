"""Plain-text and Markdown tables for the reports (no dependency beyond pandas)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

__all__ = ["cell", "markdown_table"]


def cell(value: Any, digits: int = 3) -> str:
    """One table cell as text: floats to ``digits`` places, missing values empty.

    Examples
    --------
    >>> cell(0.91234), cell(None), cell(12), cell("a | b")
    ('0.912', '', '12', 'a | b')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown_table(frame: pd.DataFrame, *, index: bool = True, max_chars: int = 300) -> str:
    """A GitHub-flavoured Markdown table; pipes escaped, line breaks flattened, long cells cut.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"kappa": [0.81]}, index=["rules vs model"])))
    |  | kappa |
    |---|---|
    | rules vs model | 0.810 |
    """

    def text(value: Any) -> str:
        out = " ".join(cell(value).split()).replace("|", "\\|")
        return out if len(out) <= max_chars else out[: max_chars - 1] + "…"

    header = ([str(frame.index.name or "")] if index else []) + [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(text(h) for h in header) + " |", "|" + "---|" * len(header)]
    for label, row in zip(frame.index, frame.itertuples(index=False)):
        cells = ([text(label)] if index else []) + [text(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
