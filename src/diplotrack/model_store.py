"""Saving and loading the trained model with its card (metadata and checksum).

A joblib file runs code when it is loaded: load only model files from a source you
trust. Loading checks the file's SHA-256 against its card and refuses a mismatch. The card
also records the scikit-learn versions the model loads and predicts identically under
(:data:`SKLEARN_SUPPORTED` for a model trained under one of them); outside that range loading
is refused with a :class:`ModelError` that says how to retrain, never left to fail inside
scikit-learn.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import pickle
import re
import tempfile
import warnings
import zlib
from pathlib import Path
from typing import Any

import joblib

from .resources import model_path

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_FORMAT",
    "SKLEARN_SUPPORTED",
    "ModelError",
    "card_path",
    "compatible_sklearn",
    "load_card",
    "load_model",
    "save_model",
]

DEFAULT_MODEL = "diplotrack-text.joblib"

#: The scikit-learn versions a model trained under any one of them loads and predicts
#: identically under. pyproject.toml declares the same range (a test keeps the two equal) and
#: CI runs the tests at both ends. 1.7 (the newest for Python 3.10) reads the
#: ``multi_class`` attribute that a LogisticRegression saved by 1.8 or later no longer stores;
#: loading restores it (``text_model._readable_here``). Older and newer versions are untested.
SKLEARN_SUPPORTED = ">=1.7,<1.10"

#: The layout of the saved model that this diplotrack writes and the newest it reads: 2 since
#: the neighbours' vote (``TextClassifier.vote_estimator_``), whose threshold is chosen for the
#: vote's probabilities; 1 (cards without the field) before it. A card with a higher number
#: was written by a newer diplotrack and is refused rather than read wrongly. (Releases before
#: format 2 do not check it: they load a format-2 model and apply its threshold to the linear
#: model's probabilities, so such a model needs this release or later.)
MODEL_FORMAT = 2

_RETRAIN = (
    "retrain it under this scikit-learn with 'diplotrack train --out PATH' (add '--data FILE' "
    "for your own cases) and load that file instead (load_model(PATH), or --model PATH)"
)


class ModelError(RuntimeError):
    """A model file that is missing, altered, not a diplotrack model, or for another scikit-learn."""


_RELEASE = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")
_OPERATORS = {">=": operator.ge, "==": operator.eq, "<": operator.lt}


def _release(version: str) -> tuple[int, ...]:
    """The numeric release of a version: ``"1.10.0rc1"`` -> ``(1, 10, 0)``, ``"1.8"`` -> ``(1, 8, 0)``."""
    match = _RELEASE.match(version.strip())
    if match is None:
        raise ValueError(f"Invalid version: expected a release number such as '1.9.1', got {version!r}")
    return tuple(int(part or 0) for part in match.groups())


def _version_in(version: str, spec: str) -> bool:
    """Whether ``version`` lies in ``spec``, comma-separated ``>=``, ``<`` and ``==`` clauses.

    Examples
    --------
    >>> _version_in("1.9.1", ">=1.7,<1.10")
    True
    >>> _version_in("1.10.0", ">=1.7,<1.10"), _version_in("1.6.1", ">=1.7,<1.10")
    (False, False)
    >>> _version_in("1.9.1", "==1.9.1")
    True
    """
    release = _release(version)
    for clause in spec.split(","):
        clause = clause.strip()
        op = next((o for o in _OPERATORS if clause.startswith(o)), None)
        if op is None:
            raise ValueError(
                f"Invalid scikit-learn range: expected clauses starting with '>=', '<' or '==', got {spec!r}"
            )
        if not _OPERATORS[op](release, _release(clause[len(op) :].strip())):
            return False
    return True


def compatible_sklearn(trained_with: str) -> str:
    """The scikit-learn range a model trained under ``trained_with`` loads under.

    :data:`SKLEARN_SUPPORTED` when the training version lies in it (the range is tested in
    CI); otherwise only the training version itself.

    Examples
    --------
    >>> compatible_sklearn("1.9.1")
    '>=1.7,<1.10'
    >>> compatible_sklearn("1.6.1")
    '==1.6.1'
    """
    return SKLEARN_SUPPORTED if _version_in(trained_with, SKLEARN_SUPPORTED) else f"=={trained_with}"


def _check_sklearn(card: dict[str, Any], path: Path) -> None:
    """Refuse a model whose card says it does not load under the running scikit-learn."""
    from sklearn import __version__ as running

    trained = str(card.get("sklearn_version", "unknown"))
    spec = card.get("sklearn_compatible")
    if spec is None:  # a card written before ranges were recorded
        if trained == "unknown":
            raise ModelError(
                f"Refusing to load {str(path)!r}: its card does not say which scikit-learn "
                f"trained it; {_RETRAIN}."
            )
    recorded = spec
    try:
        if spec is None:
            spec = compatible_sklearn(trained)
        fits = _version_in(running, spec)
    except (ValueError, AttributeError, TypeError):  # a card edited by hand, or not by diplotrack
        what = (
            f"sklearn_version {trained!r} is no scikit-learn version such as '1.9.1'"
            if recorded is None
            else f"sklearn_compatible {recorded!r} is no scikit-learn range such as '>=1.7,<1.10' "
            "(clauses '>=', '<' or '==')"
        )
        raise ModelError(
            f"Refusing to load {str(path)!r}: its card's {what}; restore the card saved with the "
            f"model, or {_RETRAIN}."
        ) from None
    if not fits:
        raise ModelError(
            f"Refusing to load {str(path)!r}: it was trained with scikit-learn {trained} and loads only "
            f"under scikit-learn {spec}, but this is {running}. Install a scikit-learn in that range, "
            f"or {_RETRAIN}."
        )


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
    from .files import folder_errors

    with folder_errors(path):
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
    """Write ``model`` with joblib and its card beside it (``<name>.card.json``): ``card`` as
    given, plus (never overridden by it) the versions of diplotrack, its rule set and
    scikit-learn, and the file's SHA-256. Both files are replaced whole, never left
    half-written. Returns the card written. ``diplotrack train`` writes its models this
    way; see the README for a model fitted in Python."""
    import sklearn

    from . import __version__
    from .ruleset import load_ruleset
    from .text_model import TextClassifier

    if not isinstance(model, TextClassifier):
        # load_model reads back only a TextClassifier: refuse now, not when loading.
        raise TypeError(
            f"Invalid model: expected a fitted diplotrack TextClassifier, got {type(model).__name__}. "
            "save_model writes the text classifier and its card; save other estimators with joblib."
        )
    path = Path(path)
    _atomic_write(path, lambda tmp: joblib.dump(model, tmp, compress=3))
    # What this run writes comes after the card given, which cannot override it: a card
    # copied from another model keeps that model's versions and range otherwise.
    full = {
        **card,
        "diplotrack_version": __version__,
        "model_format": MODEL_FORMAT,
        # The model's rule-evidence features come from this rule set.
        "rules_version": load_ruleset().version,
        "sklearn_version": sklearn.__version__,
        "sklearn_compatible": compatible_sklearn(sklearn.__version__),
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


def _warn_if_rules_changed(path: Path, card: dict[str, Any]) -> None:
    """The model's rule-evidence features come from the rule set of this library: say so when
    it is not the one the model was trained with."""
    from .ruleset import load_ruleset

    trained = card.get("rules_version")
    current = load_ruleset().version
    if trained is not None and trained != current:
        warnings.warn(
            f"Model {path.name} was trained with rule set {trained}; this is rule set {current}, "
            "whose evidence now feeds its features. Retrain it with 'diplotrack train --out PATH' "
            "to be sure its predictions are as measured.",
            UserWarning,
            stacklevel=3,
        )


def load_card(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The card of a model file (default: the shipped model)."""
    path = Path(path) if path is not None else model_path(DEFAULT_MODEL)
    cpath = card_path(path)
    if not cpath.is_file():
        raise ModelError(
            f"Model card not found at {str(cpath)!r}: every model file needs its card beside it. "
            "Train one with 'diplotrack train', or pass the path of a model saved by diplotrack."
        )
    try:
        card = json.loads(cpath.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem = f"it is not valid JSON ({exc})"
    else:
        if isinstance(card, dict):
            return card
        kind = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}.get(
            type(card), "a number"
        )
        problem = f"expected a JSON object of fields, got {kind}"
    raise ModelError(
        f"Invalid model card {str(cpath)!r}: {problem}. The card holds the checksum of the model "
        f"file {path.name!r} beside it: restore the card saved with the model, or retrain with "
        "'diplotrack train --out PATH' to get a model and its card."
    )


def load_model(path: str | os.PathLike | None = None):
    """Load a trained :class:`~diplotrack.TextClassifier` (default: the shipped model).

    Only load files you trust: joblib runs code while loading.

    Raises
    ------
    ModelError
        If the file or its card is missing, the file's SHA-256 differs from the card, the
        running scikit-learn is outside the range the card records (``sklearn_compatible``),
        or the file cannot be unpickled by this diplotrack.
    """
    from .text_model import TextClassifier

    path = Path(path) if path is not None else model_path(DEFAULT_MODEL)
    if path.is_dir():
        found = sorted(p.name for p in path.glob("*.joblib"))[:3]
        raise ModelError(
            f"{str(path)!r} is a folder, not a model file: pass the path of the .joblib file "
            "that 'diplotrack train' wrote (its card, NAME.card.json, beside it)"
            + (f"; this folder holds {found}." if found else "; this folder holds none.")
        )
    if not path.is_file():
        raise ModelError(
            f"Model file not found at {str(path)!r}. Train one with 'diplotrack train' "
            "(or diplotrack.training.train_model()), or pass the path of a saved model."
        )
    card = load_card(path)
    if not isinstance(card.get("model_sha256"), str):
        raise ModelError(
            f"Refusing to load {str(path)!r}: its card {card_path(path).name!r} records no "
            "model_sha256, the checksum that shows the file is the one trained; restore the "
            "card saved with the model, or retrain with 'diplotrack train --out PATH'."
        )
    digest = _sha256(path)
    if digest != card.get("model_sha256"):
        raise ModelError(
            f"Refusing to load {str(path)!r}: its SHA-256 {digest[:12]}... does not match the "
            f"card's {str(card.get('model_sha256'))[:12]}... The file was altered or replaced; "
            "retrain with 'diplotrack train' or restore the original file."
        )
    written = card.get("model_format", 1)
    if isinstance(written, float) and written.is_integer():  # 2.0, as some JSON writers put it
        written = int(written)
    if isinstance(written, bool) or not isinstance(written, int) or written > MODEL_FORMAT:
        raise ModelError(
            f"Cannot load {str(path)!r}: its card says model format {written!r} (saved by diplotrack "
            f"{card.get('diplotrack_version')}); this diplotrack reads formats up to {MODEL_FORMAT}. "
            "Upgrade diplotrack (pip install -U diplotrack), or retrain under this one with "
            "'diplotrack train --out PATH'."
        )
    _check_sklearn(card, path)
    with warnings.catch_warnings():
        # The range check above is the version check; scikit-learn's own warning would repeat it.
        warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
        try:
            model = joblib.load(path)
        except (
            AttributeError,
            ImportError,
            EOFError,
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            pickle.UnpicklingError,
            zlib.error,  # a compressed stream damaged (the checksum above was recomputed with it)
        ) as exc:
            raise ModelError(
                f"Cannot load {str(path)!r} (saved by diplotrack {card.get('diplotrack_version')} with "
                f"scikit-learn {card.get('sklearn_version')}): {type(exc).__name__}: {exc}. "
                f"It was probably saved by another diplotrack version; {_RETRAIN}."
            ) from exc
    if not isinstance(model, TextClassifier):
        raise ModelError(f"{str(path)!r} holds a {type(model).__name__}, not a diplotrack TextClassifier.")
    _warn_if_rules_changed(path, card)
    model.card_ = card
    return model
