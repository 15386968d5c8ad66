"""Figures of a :class:`~diplotrack.comparison.Comparison` (matplotlib, the ``plot`` extra).

The figure is built on a bare ``matplotlib.figure.Figure``, not through ``pyplot``, so it
works without a display and leaves no global state behind.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import numpy as np

from .verdict import LABELS

if TYPE_CHECKING:
    from .comparison import Comparison

__all__ = ["plot_comparison"]


def _figure_class():
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(
            "Plotting needs matplotlib: pip install 'diplotrack[plot]' (or pip install matplotlib)."
        ) from exc
    return Figure


def figure_formats() -> tuple[str, ...]:
    """The file suffixes matplotlib can write a figure as (``png``, ``svg``, ``pdf``, ...).

    Raises
    ------
    ImportError
        When matplotlib is not installed, saying how to install it.
    """
    _figure_class()
    from matplotlib.backend_bases import FigureCanvasBase

    return tuple(sorted(FigureCanvasBase.get_supported_filetypes()))


def _heatmap(ax, matrix: np.ndarray, labels: list[str], rows: str, columns: str, title: str) -> None:
    ax.imshow(matrix, cmap="Blues")
    top = matrix.max() if matrix.size else 0
    for (i, j), v in np.ndenumerate(matrix):
        ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    ticks = range(len(labels))
    ax.set_xticks(ticks, labels, rotation=30, ha="right")
    ax.set_yticks(ticks, labels)
    ax.set_xlabel(columns)
    ax.set_ylabel(rows)
    ax.set_title(title)


def _f1_bars(ax, reports: dict[str, dict[str, Any]]) -> None:
    # Each report holds the labels in gold or in its own method's predictions: the bars are the
    # union, in label order, and a label a report lacks is one that method neither got nor gave.
    seen = {lab for r in reports.values() for lab in r["per_class"]}
    labels = [lab for lab in LABELS if lab in seen] + sorted(seen - set(LABELS))
    names = [*labels, "macro"]
    width = 0.8 / len(reports)
    x = np.arange(len(names))
    for k, (method, r) in enumerate(reports.items()):
        values = [r["per_class"].get(lab, {}).get("f1", 0.0) for lab in labels] + [r["macro_f1"]]
        ax.bar(x + (k - (len(reports) - 1) / 2) * width, values, width, label=method)
    ax.set_xticks(x, names, rotation=30, ha="right")
    ax.set_ylim(0, 1.2)
    ax.set_ylabel("F1")
    ax.set_title("F1 against gold")
    ax.legend(loc="upper right", ncol=len(reports), fontsize="small")


def plot_comparison(comparison: Comparison, path: str | os.PathLike | None = None):
    """Confusion matrices side by side (method by method, each method by gold) and F1 bars.

    Parameters
    ----------
    comparison : Comparison
    path : str or path, optional
        Where to write the figure; the format follows the extension (PNG, SVG, PDF). A
        missing folder is made.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ImportError
        When matplotlib is not installed, saying how to install it.

    Examples
    --------
    >>> import pandas as pd
    >>> from diplotrack.comparison import compare
    >>> c = compare(pd.DataFrame({"rules_track": ["Track 1", "none"], "model_track": ["Track 1", "Track 2"],
    ...                           "coded": ["Track 1", "none"]}), gold="coded", n_resamples=0)
    >>> len(plot_comparison(c).axes)
    4
    """
    Figure = _figure_class()
    a, b = comparison.methods
    labels = comparison.labels
    panels = 1 + (2 + 1) * bool(comparison.reports)
    fig = Figure(figsize=(4.2 * panels, 4.2), layout="constrained")
    axes = fig.subplots(1, panels, squeeze=False)[0]
    _heatmap(
        axes[0],
        comparison.crosstab.to_numpy(),
        labels,
        a,
        b,
        f"{a} by {b} (agreement {comparison.agreement.value:.0%})",
    )
    if comparison.reports:
        for ax, m in zip(axes[1:3], (a, b)):
            r = comparison.reports[m]
            _heatmap(
                ax,
                np.asarray(r["confusion"]),
                r["labels"],
                f"gold ({comparison.gold})",
                m,
                f"{m} against gold (macro-F1 {r['macro_f1']:.2f})",
            )
        _f1_bars(axes[3], comparison.reports)
    if path is not None:
        if isinstance(path, (str, os.PathLike)):  # a missing folder is made, as for every output
            from pathlib import Path

            from .files import folder_errors

            with folder_errors(Path(path)):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110)
    return fig
