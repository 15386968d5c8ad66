"""Small fixtures shared by the test modules."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from diplotrack import RuleClassifier

DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def rules_clf() -> RuleClassifier:
    """One fitted rule classifier; it holds no per-call state, so tests can share it."""
    return RuleClassifier().fit()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of small CSV files the batch and CLI tests read."""
    return DATA_DIR


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (a header plus records, or raw text) to a CSV file in ``tmp_path``.

    ``write_csv("in.csv", ["description", "year"], [["Talks.", "2001"]])`` or
    ``write_csv("in.csv", text="description\\nTalks.\\n")``.
    """

    def write(name: str, header: Sequence[str] | None = None,
              rows: Sequence[Sequence[str] | Mapping[str, str]] = (), *, text: str | None = None) -> Path:
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
            return path
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in rows:
                writer.writerow([row.get(h, "") for h in header] if isinstance(row, Mapping) else row)
        return path

    return write
