"""The top-level functions: ``classify`` and ``classify_many`` with a choice of method."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any, Union

from .base import VerdictClassifier
from .engagement import as_engagement
from .verdict import Verdict

__all__ = ["METHODS", "ModelSpec", "RuleSpec", "classify", "classify_many", "get_classifier"]

METHODS: tuple[str, ...] = ("rules", "model", "consensus")
#: The methods that read a model file of your own, and those that read a rule file.
MODEL_METHODS = frozenset({"model", "consensus"})
RULE_METHODS = frozenset({"rules", "consensus"})

#: What may stand for the trained model: ``None`` (the shipped model), the path of a model
#: file saved by ``diplotrack train`` (its card beside it), or a fitted classifier.
ModelSpec = Union[None, str, "os.PathLike[str]", VerdictClassifier]

#: What may stand for the rule set: ``None`` (the shipped one), the path of a rule file of
#: your own that extends it (TOML: ``[lexicon.NAME]``, ``[[rule]]``, ``[[decision]]``; see
#: :func:`diplotrack.ruleset.load_extension`), or a :class:`~diplotrack.RuleClassifier`.
RuleSpec = Union[None, str, "os.PathLike[str]", VerdictClassifier]

_DEFAULTS: dict[str, tuple[str, VerdictClassifier]] = {}  # method|definition: (profile version, clf)
_BY_PATH: dict[tuple[str, ...], VerdictClassifier] = {}
_LOCK = threading.RLock()  # re-entered when the consensus builds its two parts
#: Classifiers of files kept: a model file takes two (the model, and it under a definition),
#: a rule file one; two models and two rule files fit.
_CACHE_SIZE = 8


def _model_from_path(path: str | os.PathLike) -> VerdictClassifier:
    from .model_store import load_model

    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return load_model(path)  # raises the ModelError that says what is missing
    # A retrained file at the same path is reloaded.
    return _cached(("model", real, str(st.st_mtime_ns), str(st.st_size)), lambda: load_model(real))


def _cached(key: tuple[str, ...], build) -> VerdictClassifier:
    """One classifier per file version, built once; the eight used most recently are kept."""
    with _LOCK:
        clf = _BY_PATH.pop(key, None)  # taken out and put back last: most recently used
        if clf is None:
            clf = build()
            if len(_BY_PATH) >= _CACHE_SIZE:
                _BY_PATH.pop(next(iter(_BY_PATH)))
        _BY_PATH[key] = clf
    return clf


def _definition_version(definition: str) -> tuple[str, str]:
    """``definition`` for a cache key, and its version: a shipped definition's name, with no
    version; a profile file of your own, as its resolved path with its modification time and
    size, so that an edited profile is read again (as a rule file is)."""
    from .ruleset import load_ruleset

    if definition in load_ruleset().profiles:
        return definition, ""
    try:
        st = os.stat(definition)
    except OSError:
        return definition, ""  # building raises the RuleSetError that names what is wrong
    return os.path.realpath(definition), f"{st.st_mtime_ns}|{st.st_size}"


def _rules_from_path(path: str | os.PathLike, definition: str) -> VerdictClassifier:
    from .rule_classifier import RuleClassifier

    def build() -> VerdictClassifier:
        return RuleClassifier(definition=definition, extra=os.fspath(path)).fit()

    try:
        st = os.stat(path)
    except OSError:
        return build()  # raises the RuleSetError that names the missing file
    key = (
        "rules",
        os.path.realpath(path),
        str(st.st_mtime_ns),
        str(st.st_size),
        *_definition_version(definition),
    )
    return _cached(key, build)  # an edited rule file, or profile file, is read again


def get_classifier(
    method: str = "rules",
    *,
    model: ModelSpec = None,
    rules: RuleSpec = None,
    definition: str | None = None,
) -> VerdictClassifier:
    """The classifier for ``method``: the rule set, a trained model, or their consensus.

    The shipped classifiers are built once and shared by every call (``classify``,
    ``label_frame``...), so change a copy, never the one returned:
    ``sklearn.base.clone(get_classifier("rules")).set_params(...)``, or pass
    ``definition=`` or ``rules=`` here.

    Parameters
    ----------
    method : {"rules", "model", "consensus"}
    model : None, path or fitted classifier, optional
        For ``method="model"``: a model file saved by ``diplotrack train`` (loaded once
        and reused while the file is unchanged) or a fitted
        :class:`~diplotrack.TextClassifier`. Default: the shipped model.
    rules : None, path or RuleClassifier, optional
        For ``method="rules"``: a rule file of your own that extends the shipped rule set
        (extra lexicon phrases, cue rules, a decision table; read once and reused while the
        file is unchanged), or a :class:`~diplotrack.RuleClassifier`. Verdicts then carry
        the version ``<rule set>+custom``. The trained model is not affected: it keeps the
        rule set it was trained with, which its rule features need. For the consensus, a
        RuleClassifier's own definition is the model's too, unless ``definition`` is given.
    definition : str or path, optional
        The definition of the tracks (``diplotrack definitions``; default ``"guideline"``)
        or a TOML profile of your own. The trained model follows it as
        :class:`~diplotrack.definitions.DefinedModel` documents.

    Examples
    --------
    >>> get_classifier("rules").method
    'rules'
    >>> get_classifier("rules", definition="facilitated-1.5").definition
    'facilitated-1.5'

    A rule file of your own, here one more kind of non-state participant:

    >>> import pathlib, tempfile
    >>> mine = pathlib.Path(tempfile.mkdtemp()) / "mine.toml"
    >>> _ = mine.write_text('[lexicon.nonstate_roles]\\nphrases = ["beekeepers"]\\n')
    >>> text = "Beekeepers from Georgia met the Armenian agriculture minister in Tbilisi."
    >>> get_classifier("rules").classify(text).label
    'Track 1'
    >>> v = get_classifier("rules", rules=mine).classify(text)
    >>> v.label, v.rules_version.endswith("+custom")
    ('Track 1.5', True)
    """
    if method not in METHODS:
        hint = (
            " One call gives one verdict: call it once per method, or label with both at once "
            "with label_frame(frame, 'both') or label_with_verdicts."
            if method == "both"
            else ""
        )
        raise ValueError(f"Invalid method: expected one of {METHODS}, got {method!r}.{hint}")
    if method in ("consensus", "model"):
        # The model follows your rules' definition, or keeps that of a DefinedModel given.
        definition = _definition_of(rules, definition, model)
    explicit = definition is not None
    definition = "guideline" if definition is None else str(definition)
    if method == "consensus" and (rules is not None or model is not None):
        # The consensus of your own rules and/or model: each given one replaces the shipped one.
        from .consensus import ConsensusClassifier

        return ConsensusClassifier(
            rules=get_classifier("rules", rules=rules, definition=definition if explicit else None),
            model=get_classifier("model", model=model, definition=definition),
        ).fit()
    if rules is not None:
        if method != "rules":
            raise ValueError(
                f"Invalid rules: a rule file was given, but method {method!r} does not use it (the "
                "trained model keeps the rule set it was trained with). Choose method='rules' or "
                "'consensus' to use it, or leave it out."
            )
        return _rules_spec(rules, definition if explicit else None)
    if model is not None:
        if method != "model":
            raise ValueError(
                f"Invalid model: a model was given, but method {method!r} uses none. Choose "
                "method='model' or 'consensus' to use it, or leave the model out."
            )
        if isinstance(model, str | os.PathLike):
            return _defined_from_path(model, definition)
        return _defined(_model_spec(model), definition)
    with _LOCK:
        name, version = _definition_version(definition)
        key = f"{method}|{name}"
        cached = _DEFAULTS.get(key)
        clf = cached[1] if cached is not None and cached[0] == version else None
        if clf is None:  # first use, or a profile file edited since
            if method == "rules":
                from .rule_classifier import RuleClassifier

                clf = RuleClassifier(definition=definition).fit()
            elif method == "consensus":
                from .consensus import ConsensusClassifier

                clf = ConsensusClassifier(
                    rules=get_classifier("rules", definition=definition),
                    model=get_classifier("model", definition=definition),
                ).fit()
            else:
                from .model_store import load_model

                clf = _defined(load_model(), definition)
            _DEFAULTS[key] = (version, clf)
    return clf


def classifier_for(
    method: str, *, model: ModelSpec = None, rules: RuleSpec = None, definition: str | None = None
) -> VerdictClassifier:
    """:func:`get_classifier` for one of several methods labelling together: the model and
    the rule file go only to the methods that read them (:data:`MODEL_METHODS`,
    :data:`RULE_METHODS`). A :class:`~diplotrack.RuleClassifier` of its own definition sets
    the definition of them all, unless ``definition`` is given: the methods then label by one
    definition, and their differences are the methods', not the definitions'."""
    return get_classifier(
        method,
        model=model if method in MODEL_METHODS else None,
        rules=rules if method in RULE_METHODS else None,
        definition=_definition_of(rules, definition, model),
    )


def _definition_of(rules: RuleSpec, definition: str | None, model: ModelSpec = None) -> str | None:
    """``definition``, or when none is given, that of a RuleClassifier given as ``rules``,
    else that of a :class:`~diplotrack.definitions.DefinedModel` given as ``model``."""
    from .definitions import DefinedModel
    from .rule_classifier import RuleClassifier

    if definition is None and isinstance(rules, RuleClassifier):
        return rules.definition
    if definition is None and isinstance(model, DefinedModel):
        return model.definition
    return definition


def _defined_from_path(path: str | os.PathLike, definition: str) -> VerdictClassifier:
    """The model saved at ``path`` under ``definition``, built once per file and profile
    version (wrapping it compiles the definition's rules: 50 ms a call, were it done anew)."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return _defined(_model_from_path(path), definition)  # raises the ModelError saying what is missing
    key = ("defined", real, str(st.st_mtime_ns), str(st.st_size), *_definition_version(definition))
    return _cached(key, lambda: _defined(_model_from_path(path), definition))


def _model_spec(model: ModelSpec) -> VerdictClassifier:
    if isinstance(model, VerdictClassifier):
        if model.method != "model":
            raise TypeError(
                f"Invalid model: expected a trained text classifier, got a {type(model).__name__} "
                f"(method {model.method!r})."
            )
        return model
    if isinstance(model, str | os.PathLike):
        return _model_from_path(model)
    raise TypeError(
        "Invalid model: expected the path of a model file or a fitted TextClassifier, "
        f"got {type(model).__name__}."
    )


def _rules_spec(rules: RuleSpec, definition: str | None) -> VerdictClassifier:
    """The rule classifier for ``rules=``, following ``definition`` when one is given."""
    from .rule_classifier import RuleClassifier

    if isinstance(rules, RuleClassifier):
        if definition is not None and rules.definition != definition:
            from sklearn.base import clone

            rules = clone(rules).set_params(definition=definition)
        return rules if hasattr(rules, "engine_") else rules.fit()
    if isinstance(rules, str | os.PathLike):
        return _rules_from_path(rules, "guideline" if definition is None else definition)
    raise TypeError(
        "Invalid rules: expected the path of a rule file (TOML) or a RuleClassifier, "
        f"got {type(rules).__name__}."
    )


def _defined(model: VerdictClassifier, definition: str) -> VerdictClassifier:
    """The trained model following ``definition`` (see :mod:`diplotrack.definitions`)."""
    from .definitions import DefinedModel

    if isinstance(model, DefinedModel):
        if model.definition == definition:
            return model
        model = model.model  # re-wrap the trained model itself, never a wrapper of a wrapper
    return DefinedModel(model=model, definition=definition).fit()


def classify(
    engagement: Any,
    method: str = "rules",
    *,
    columns: Mapping[str, str] | None = None,
    model: ModelSpec = None,
    rules: RuleSpec = None,
    definition: str | None = None,
) -> Verdict:
    """Label one engagement Track 1, Track 1.5 or Track 2, or abstain, with reasons.

    Parameters
    ----------
    engagement : str, Mapping, pandas row or Engagement
        A description, or a mapping with ``description``, ``participants``,
        ``formality`` and ``purpose`` (any may be missing).
    method : {"rules", "model", "consensus"}
        The rule-based classifier, a trained model (default: the shipped one), or their
        consensus (the shared label where they agree, an abstention where they disagree and
        neither is confidently right; see :class:`~diplotrack.consensus.ConsensusClassifier`).
    model : None, path or fitted classifier, optional
        The trained model for ``method="model"`` (default: the shipped one); see
        :func:`get_classifier`.
    rules : None, path or RuleClassifier, optional
        For ``method="rules"``: a rule file of your own extending the shipped rule set, or a
        :class:`~diplotrack.RuleClassifier`; see :func:`get_classifier`.
    definition : str or path, optional
        The definition of the tracks to follow (default ``"guideline"``); named in the
        explanation and in ``Verdict.definition``.
    columns : mapping, optional
        For a mapping or row whose fields are under other keys: ``{"description": "text"}``.

    Returns
    -------
    Verdict

    Examples
    --------
    >>> v = classify("Former ministers and scholars from both sides met for a workshop.")
    >>> v.label, v.method
    ('Track 2', 'rules')
    >>> classify({"text": "The two foreign ministers signed the treaty in Lima."},
    ...          columns={"description": "text"}).label
    'Track 1'
    """
    classifier = get_classifier(method, model=model, rules=rules, definition=definition)
    return classifier.classify(as_engagement(engagement, columns=columns))


def classify_many(
    engagements: Any,
    method: str = "rules",
    *,
    columns: Mapping[str, str] | None = None,
    model: ModelSpec = None,
    rules: RuleSpec = None,
    definition: str | None = None,
) -> list[Verdict]:
    """Label many engagements (a list, DataFrame or array); one verdict per case, in order.

    A DataFrame must have a description column (or the column ``columns`` names for it).
    ``model``, ``rules`` and ``definition`` are as for :func:`classify`.

    Examples
    --------
    >>> [v.label for v in classify_many(["Peace talks in Oslo between the two governments.", ""])]
    ['Track 1', 'none']
    """
    return get_classifier(method, model=model, rules=rules, definition=definition).classify_many(
        engagements, columns=columns
    )
