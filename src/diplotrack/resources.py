"""Where the bundled data and model files live, installed or in a source checkout.

One source of truth: the files are kept at the top of the repository (``datasets/``,
``models/``) and copied into the wheel at build time (``diplotrack/_data``,
``diplotrack/_models``). From a source checkout or an editable install they are read
from the repository.
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

__all__ = ["data_path", "model_path", "user_data_dir"]

_REPO = Path(__file__).resolve().parents[2]


def _find(package_dir: str, repo_dir: str, name: str) -> Path:
    packaged = files("diplotrack") / package_dir / name
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO / repo_dir / name


def data_path(name: str) -> Path:
    """Path of a bundled dataset file such as ``engagements.csv``.

    Examples
    --------
    >>> data_path("engagements.csv").name
    'engagements.csv'
    """
    return _find("_data", "datasets", name)


def model_path(name: str) -> Path:
    """Path of a bundled model file such as ``diplotrack-text.joblib``."""
    return _find("_models", "models", name)


def user_data_dir() -> Path:
    """The user's data directory for diplotrack: where ``diplotrack train`` writes a model
    when no path is given, never inside the installed package.

    ``$XDG_DATA_HOME/diplotrack`` (default ``~/.local/share/diplotrack``) on Linux and other
    Unix systems, ``~/Library/Application Support/diplotrack`` on macOS and
    ``%LOCALAPPDATA%\\diplotrack`` on Windows.

    Examples
    --------
    >>> user_data_dir().name
    'diplotrack'
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "diplotrack"
