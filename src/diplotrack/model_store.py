"""Saving and loading the trained model with its card (metadata and checksum).

A joblib file runs code when it is loaded: load only model files from a source you
trust. Loading checks the file's SHA-256 against its card and refuses a mismatch; a
scikit-learn version other than the one recorded gives a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import joblib

from .resources import model_path

__all__ = [
    "DEFAULT_MODEL",
    "ModelError",
    "ModelVersionWarning",
    "card_path",
    "load_card",
    "load_model",
    "save_model",
]

DEFAULT_MODEL = "diplotrack-text.joblib"


class ModelError(RuntimeError):
    """A model file that is missing, altered, or not a diplotrack model."""


class ModelVersionWarning(UserWarning):
    """The model was trained with another scikit-learn or diplotrack version."""


def card_path(path: str | os.PathLike) -> Path:
    """The card beside a model file: ``name.joblib`` -> ``name.card.json``."""
    path = Path(path)
    return path.with_name(path.name.removesuffix(".joblib") + ".card.json")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual file mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save_model(model: Any, path: str | os.PathLike, card: dict[str, Any]) -> dict[str, Any]:
    """Write ``model`` with joblib and its card (with the file's SHA-256) beside it."""
    import sklearn

    from . import __version__

    path = Path(path)
    _atomic_write(path, lambda tmp: joblib.dump(model, tmp, compress=3))
    full = {
        "diplotrack_version": __version__,
        "sklearn_version": sklearn.__version__,
        **card,
        "model_file": path.name,
        "model_sha256": _sha256(path),
    }
    _atomic_write(
        card_path(path),
        lambda tmp: Path(tmp).write_text(
            json.dumps(full, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        ),
    )
    return full


def load_card(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The card of a model file (default: the shipped model)."""
    path = Path(path) if path is not None else model_path(DEFAULT_MODEL)
    cpath = card_path(path)
    if not cpath.is_file():
        raise ModelError(
            f"Model card not found at {str(cpath)!r}: every model file needs its card beside it. "
            "Train one with 'diplotrack train', or pass the path of a model saved by diplotrack."
        )
    return json.loads(cpath.read_text(encoding="utf-8"))


def load_model(path: str | os.PathLike | None = None):
    """Load a trained :class:`~diplotrack.TextClassifier` (default: the shipped model).

    Only load files you trust: joblib runs code while loading.

    Raises
    ------
    ModelError
        If the file or its card is missing, or the file's SHA-256 differs from the card.
    """
    from sklearn import __version__ as sk_version

    from .text_model import TextClassifier

    path = Path(path) if path is not None else model_path(DEFAULT_MODEL)
    if not path.is_file():
        raise ModelError(
            f"Model file not found at {str(path)!r}. Train one with 'diplotrack train' "
            "(or diplotrack.training.train_model()), or pass the path of a saved model."
        )
    card = load_card(path)
    digest = _sha256(path)
    if digest != card.get("model_sha256"):
        raise ModelError(
            f"Refusing to load {str(path)!r}: its SHA-256 {digest[:12]}... does not match the "
            f"card's {str(card.get('model_sha256'))[:12]}... The file was altered or replaced; "
            "retrain with 'diplotrack train' or restore the original file."
        )
    if card.get("sklearn_version") != sk_version:
        warnings.warn(
            f"Model {path.name} was trained with scikit-learn {card.get('sklearn_version')}, this "
            f"is {sk_version}: predictions may differ. Retrain with 'diplotrack train' to be sure.",
            ModelVersionWarning,
            stacklevel=2,
        )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
        model = joblib.load(path)
    if not isinstance(model, TextClassifier):
        raise ModelError(f"{str(path)!r} holds a {type(model).__name__}, not a diplotrack TextClassifier.")
    model.card_ = card
    return model
