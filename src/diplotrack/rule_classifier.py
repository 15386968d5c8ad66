"""The transparent rule-based classifier, as a scikit-learn estimator."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import TransformerMixin
from sklearn.utils._tags import TransformerTags
from sklearn.utils.multiclass import check_classification_targets

from .base import VerdictClassifier
from .engagement import Engagement, as_engagements
from .engine import RuleEngine
from .rules import Decision, Rule
from .ruleset import check_lexicon_names, load_ruleset, read_extension, resolve_definition
from .verdict import LABELS, Verdict

__all__ = ["RuleClassifier"]


class RuleClassifier(TransformerMixin, VerdictClassifier):
    """Label engagements Track 1 / 1.5 / 2 by transparent rules, or abstain.

    The rules are the rule set's data files (``rulesets/default``: lexicons, cue rules,
    decision table, context words and settings; see :mod:`diplotrack.ruleset` and
    ``diplotrack rules list``); the decision table says how evidence combines. ``fit``
    learns nothing: it only checks the parameters and compiles the rules, so the
    classifier can be used without fitting and cross-validated like any estimator.

    Parameters
    ----------
    lexicon : dict of str to sequence of str, optional
        Extra phrases per lexicon name, e.g. ``{"nonstate_roles": ("peace journalists",)}``.
        New names may be added for new rules.
    replace_lexicon : bool, default=False
        If True, the lexicons named in ``lexicon`` or in the ``extra`` file replace the shipped
        ones of the same name instead of extending them.
    rules : sequence of Rule, optional
        Extra cue rules, added to the defaults. A rule with a default rule's id replaces it.
    decisions : sequence of Decision, optional
        A decision table to use instead of the default one.
    definition : str or path, default="guideline"
        Where the lines between the tracks are drawn: a shipped definition profile
        (``"guideline"``, ``"private-capacity-track-2"``, ``"facilitated-1.5"``; ``diplotrack
        definitions`` lists them) or a TOML profile file of your own. It is named in every
        explanation and in ``Verdict.definition``.
    extra : str or path, optional
        A TOML file of extra lexicon phrases (``[lexicon.NAME] phrases = [...]``), cue rules
        (``[[rule]]``) and optionally a decision table (``[[decision]]``), applied after the
        other parameters; see :func:`diplotrack.ruleset.load_extension`.

    Attributes
    ----------
    classes_ : ndarray of str
        ``["Track 1", "Track 1.5", "Track 2", "none"]``; ``"none"`` is an abstention.
    engine_ : RuleEngine
        The compiled rules.
    extra_sha256_ : str or None
        The SHA-256 of the ``extra`` rule file as it was read, for the record of a labelled
        file (``None`` without one).

    See Also
    --------
    TextClassifier : the trained classifier with the same interface.

    Examples
    --------
    >>> clf = RuleClassifier()
    >>> v = clf.classify("Retired diplomats and scholars from both countries met in Oslo.")
    >>> v.label
    'Track 2'
    >>> clf.predict(["The two foreign ministers signed a border treaty."]).tolist()
    ['Track 1']
    """

    method = "rules"

    def __init__(
        self,
        *,
        lexicon: Mapping[str, Sequence[str]] | None = None,
        replace_lexicon: bool = False,
        rules: Sequence[Rule] | None = None,
        decisions: Sequence[Decision] | None = None,
        definition: str = "guideline",
        extra: str | None = None,
    ):
        self.lexicon = lexicon
        self.replace_lexicon = replace_lexicon
        self.rules = rules
        self.decisions = decisions
        self.definition = definition
        self.extra = extra

    def _build_engine(self) -> tuple[RuleEngine, str | None]:
        """The engine, and the SHA-256 of the rule file it was built from (None without one)."""
        if self.lexicon is not None and not isinstance(self.lexicon, Mapping):
            raise TypeError(
                "Invalid lexicon: expected a dict of lexicon name to a list of phrases, "
                f"got {type(self.lexicon).__name__}."
            )
        rs = load_ruleset()
        lexicon = {k: tuple(v) for k, v in rs.lexicons.items()}
        extra_lexicon, extra_rules, extra_decisions, sha = (
            read_extension(self.extra) if self.extra is not None else ({}, [], None, None)
        )
        if self.replace_lexicon:
            # The lists named, in lexicon= or in the rule file, start empty: what both give
            # replaces the shipped phrases.
            for name in (*(self.lexicon or {}), *extra_lexicon):
                lexicon[name] = ()
        for name, phrases in (*(self.lexicon or {}).items(), *extra_lexicon.items()):
            if isinstance(phrases, str):
                raise TypeError(
                    f"Invalid lexicon entry {name!r}: expected a list of phrases, got a single "
                    "string. Wrap it in a list."
                )
            phrases = tuple(phrases)
            for phrase in phrases:
                if not isinstance(phrase, str):
                    raise TypeError(
                        f"Invalid lexicon entry {name!r}: expected a list of phrases (strings), got "
                        f"{phrase!r} ({type(phrase).__name__})."
                    )
            lexicon[name] = lexicon.get(name, ()) + phrases
        if isinstance(self.rules, (str, os.PathLike)):
            raise TypeError(
                "Invalid rules: expected a list of diplotrack Rule objects, got a path "
                f"({str(self.rules)!r}). To use a rule file, pass RuleClassifier(extra=PATH) "
                "(classify(..., rules=PATH), get_classifier('rules', rules=PATH) and --rules PATH "
                "take the file itself)."
            )
        rules = {r.id: r for r in rs.rules}
        for rule in (*(self.rules or ()), *extra_rules):
            if not isinstance(rule, Rule):
                raise TypeError(f"Invalid rule: expected a diplotrack Rule, got {type(rule).__name__}.")
            rules[rule.id] = rule
        check_lexicon_names(lexicon, rs.lexicons, rules.values(), self.extra)
        decisions = rs.decisions if self.decisions is None else tuple(self.decisions)
        if extra_decisions is not None:
            decisions = tuple(extra_decisions)
        if not decisions:
            raise ValueError("Invalid decisions: expected at least one Decision, got none.")
        profile = resolve_definition(self.definition, rs)
        decisions = profile.apply(decisions)
        changed = bool(self.lexicon or self.rules or self.decisions is not None or self.extra)
        version = rs.version + ("+custom" if changed else "")
        engine = RuleEngine(
            tuple(rules.values()), lexicon, decisions, ruleset=rs, version=version, definition=profile.name
        )
        # What was compiled, whatever parameters, files or profiles it came from: two engines
        # with the same fingerprint find the same evidence and make the same decisions.
        compiled = (rs.sha256, sorted(lexicon.items()), tuple(rules.values()), tuple(decisions), profile.name)
        engine.fingerprint = hashlib.sha256(repr(compiled).encode()).hexdigest()
        return engine, sha

    def _engine(self) -> RuleEngine:
        params = (self.lexicon, self.replace_lexicon, self.rules, self.decisions, self.definition, self.extra)
        cached = getattr(self, "_engine_cache", None)
        if cached is None or cached[0] != params:
            cached = (params, *self._build_engine())
            self._engine_cache = cached
        return cached[1]

    def _same_rule_set(self, other: Any) -> bool:
        """Whether ``other`` gives exactly this classifier's verdicts, evidence included: both
        plain rule classifiers (a subclass may change its verdicts) whose engines were
        compiled from the same lexicons, rules, decisions and definition (the rule set's
        data, a rule file and a profile file as they were read)."""
        if type(self) is not RuleClassifier or type(other) is not RuleClassifier:
            return False
        return self._engine().fingerprint == other._engine().fingerprint

    def fit(self, X: Any = None, y: Any = None) -> RuleClassifier:
        """Compile the rules. Nothing is learned from ``X`` or ``y``; returns ``self``.

        ``X`` and ``y`` are optional and only checked (one label per case), so the
        classifier fits into scikit-learn pipelines and cross-validation. The ``extra`` rule
        file and a definition profile file are read here, and again at each ``fit``: after
        editing one, fit again (a fitted classifier keeps the rules it read, so a long run
        labels every case by the same rules).
        """
        if y is not None:
            y = np.asarray(y)
            check_classification_targets(y)
            if X is not None:
                n = len(as_engagements(X))
                if len(y) != n:
                    raise ValueError(
                        f"Invalid y: expected one label per case ({n} cases), got {len(y)} labels."
                    )
        self._engine_cache = None  # read the rule and profile files again
        self.engine_ = self._engine()
        self.extra_sha256_ = self._engine_cache[2]
        self.classes_ = np.asarray(LABELS, dtype=object)
        return self

    def _verdicts(self, engagements: list[Engagement]) -> list[Verdict]:
        engine = self._engine()
        return [engine.verdict(e) for e in engagements]

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability per label in ``classes_``, from the strength of the rule evidence."""
        return self._proba_from_verdicts(self.classify_many(X))

    def transform(self, X: Any) -> np.ndarray:
        """The rule-firing matrix: one row per case, one column per cue rule, how often its
        words matched, whatever the evidence's status (negated, former, background), except
        branding and ambiguous words read in another sense (see ``RuleEngine.firing_counts``)."""
        engine = self._engine()
        counts = engine.firing_counts(as_engagements(X))
        out = np.zeros((len(counts), len(engine.rule_ids)), dtype=np.int32)
        col = {rid: i for i, rid in enumerate(engine.rule_ids)}
        for row, c in enumerate(counts):
            for rid, n in c.items():
                out[row, col[rid]] = n
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Rule ids, the columns of :meth:`transform`."""
        return np.asarray(self._engine().rule_ids, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # transform() gives integer rule-firing counts, whatever the input's dtype.
        tags.transformer_tags = TransformerTags(preserves_dtype=[])
        tags.requires_fit = False
        tags.target_tags.required = False
        return tags
