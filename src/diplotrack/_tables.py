"""Plain-text and Markdown tables for the reports (no dependency beyond pandas)."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

__all__ = ["cell", "markdown_table", "text_column"]

_SURROGATE = re.compile("[\ud800-\udfff]")


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

    Each level of a multi-level index is a column of its own, headed by the level's name.

    Examples
    --------
    >>> print(markdown_table(pd.DataFrame({"kappa": [0.81]}, index=["rules vs model"])))
    |  | kappa |
    |---|---|
    | rules vs model | 0.810 |
    >>> two = pd.MultiIndex.from_tuples([("news", "rules"), ("blog", "model")], names=["style", "method"])
    >>> print(markdown_table(pd.DataFrame({"n": [12, 3]}, index=two)))
    | style | method | n |
    |---|---|---|
    | news | rules | 12 |
    | blog | model | 3 |
    """

    def text(value: Any) -> str:
        out = " ".join(cell(value).split()).replace("|", "\\|")
        return out if len(out) <= max_chars else out[: max_chars - 1] + "…"

    levels = frame.index.nlevels if index else 0
    names = [str(name or "") for name in frame.index.names] if index else []
    header = names + [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(text(h) for h in header) + " |", "|" + "---|" * len(header)]
    for label, row in zip(frame.index, frame.itertuples(index=False)):
        keys = list(label) if levels > 1 else [label] if index else []
        cells = [text(k) for k in keys] + [text(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def text_column(texts: list[str], index: pd.Index | None = None) -> pd.Series:
    """A string column of texts that quote the input (explanations, excerpts).

    Text decoded with ``errors="surrogateescape"`` can hold lone surrogates, which pandas 3's
    string column cannot: there they are shown as U+FFFD (the input cell is left as it is).
    Under pandas 2, whose string column holds Python objects, they stay.

    Examples
    --------
    >>> text_column(["Talks in Lima", "Talks in \\udce9vian"]).str.len().tolist()
    [13, 14]
    """
    try:
        return pd.Series(texts, index=index, dtype=str)
    except UnicodeEncodeError:
        clean = [_SURROGATE.sub("\ufffd", t) if isinstance(t, str) else t for t in texts]
        return pd.Series(clean, index=index, dtype=str)
