"""The bundled labelled dataset of engagements, and the example cases.

Examples
--------
>>> df = load_engagements(split="test")
>>> sorted(df["track"].unique())
['Track 1', 'Track 1.5', 'Track 2', 'none']
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from .resources import data_path

__all__ = [
    "COLUMNS",
    "PROFILE_COLUMNS",
    "dataset_sha256",
    "load_engagements",
    "load_examples",
    "writing_round",
]

COLUMNS: tuple[str, ...] = (
    "id",
    "description",
    "participants",
    "formality",
    "purpose",
    "track",
    "origin",
    "contested",
    "rationale",
    "split",
    "style",
    "event",
    "track_private_capacity_track_2",
    "track_facilitated_1_5",
    "profile_note",
)
#: The label column of each shipped definition profile (``track`` is the guideline's).
PROFILE_COLUMNS: dict[str, str] = {
    "guideline": "track",
    "private-capacity-track-2": "track_private_capacity_track_2",
    "facilitated-1.5": "track_facilitated_1_5",
}
_TEXT = ("description", "participants", "formality", "purpose", "rationale")


def load_engagements(split: str | None = None) -> pd.DataFrame:
    """The labelled engagements, optionally one split (``"train"`` or ``"test"``).

    Returns a DataFrame with string text columns (empty string where blank), a
    categorical ``track``, ``origin``, ``split`` and ``style``, and a boolean
    ``contested``. ``track`` is the label by the guideline; the label under each other
    shipped definition profile is in the column :data:`PROFILE_COLUMNS` names, equal to
    ``track`` except where the profile applies, with the reason in ``profile_note``.
    Training code reads ``split="train"`` only; the test split is for
    final evaluation.
    """
    if split not in (None, "train", "test"):
        raise ValueError(f"Invalid split: expected None, 'train' or 'test', got {split!r}.")
    df = pd.read_csv(data_path("engagements.csv"), dtype=str, keep_default_na=False)
    df["contested"] = df["contested"].str.lower().map({"true": True, "false": False}).astype(bool)
    for col in ("track", "origin", "split", "style", *list(PROFILE_COLUMNS.values())[1:]):
        df[col] = df[col].astype("category")
    if split is not None:
        df = df[df["split"] == split].reset_index(drop=True)
    return df


def load_examples() -> pd.DataFrame:
    """The dozen example cases used by the quick start, as text columns."""
    return pd.read_csv(data_path("examples.csv"), dtype=str, keep_default_na=False)


def dataset_sha256() -> str:
    """SHA-256 of the bundled ``engagements.csv``, recorded in the model card."""
    return hashlib.sha256(data_path("engagements.csv").read_bytes()).hexdigest()


_ROUND = re.compile(r"r(\d+)[a-z]*-")


def writing_round(case_id: str) -> str:
    """The writing round a bundled case comes from, by its id: ``"round 1"`` (regional ids
    such as ``eur-012``), ``"round 2"`` (``x...``), ``"round 3"`` (``y...``), ``"round N"``
    (``rN...``). Training holds whole rounds out of each cross-validation fold, so a round's
    style is always unseen when it is scored (see :func:`diplotrack.training.train_model`).

    Examples
    --------
    >>> [writing_round(i) for i in ("eur-012", "xam-004", "yb-017", "r21c-040")]
    ['round 1', 'round 2', 'round 3', 'round 21']
    """
    m = _ROUND.match(case_id)
    if m:
        return f"round {int(m.group(1))}"
    return {"x": "round 2", "y": "round 3"}.get(case_id[:1], "round 1")
