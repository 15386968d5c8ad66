"""The text model's features: the words of an engagement, and the rule classifier's evidence.

* **Words** (:func:`engagement_features`): the stems of every field from the tokenizer the
  rules use (:mod:`diplotrack.tokens`), without function words; optionally word n-grams,
  words in the scope of *former* or a negation marked as such, and word prefixes; for the
  structured fields, every word again prefixed with its field. :func:`word_tfidf` turns
  them into sublinear TF-IDF rows, equal to scikit-learn's ``TfidfVectorizer.transform``.
* **Rule evidence** (:class:`RuleEvidence`): for each cue rule of a
  :class:`~diplotrack.RuleClassifier` and each status its evidence had (counted, former,
  negated, host, bystander, ...), ``log(1 + how often)``. This is what the rules know about
  who took part and in what capacity, which carries across writing styles better than the
  words alone. Every value keeps the spans of the words the rule matched, so explanations
  can quote them. Optionally also the decision that made the rules' verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .engagement import Engagement, as_engagements
from .rule_classifier import RuleClassifier
from .tokens import content_stem_sentences, content_stems, voice_words
from .verdict import Evidence

__all__ = [
    "DECISION_PREFIX",
    "FORMER_WORDS",
    "LEAD_PREFIX",
    "NEGATION_WORDS",
    "RuleEvidence",
    "Span",
    "engagement_features",
    "word_tfidf",
]

#: Words after which the next few words are marked ``former_`` (with ``scope_marking``).
FORMER_WORDS = frozenset({"former", "retired", "ex", "erstwhile", "onetime"})
#: Words after which the next few words are marked ``not_`` (with ``scope_marking``): the
#: negations, and the stems contractions leave ("didn't" is "didn" and "t"). "nor" is a
#: function word, never among the words marked.
NEGATION_WORDS = frozenset(
    {"no", "not", "without", "none", "never", "neither"}
    | {"didn", "doesn", "don", "wasn", "weren", "isn", "aren", "hasn", "haven", "hadn", "won"}
    | {"couldn", "wouldn", "shouldn", "cannot"}
)
#: How many words after a former or negation word are marked.
SCOPE = 5
#: The prefix of a word of the description's opening (with ``lead_words``); explanations
#: quote it where the word first occurs in the description.
LEAD_PREFIX = "lead:"

#: A quotable place in the input: (field, start, end) character offsets.
Span = tuple[str, int, int]


def engagement_features(
    engagement: Engagement,
    ngram_max: int = 1,
    scope_marking: bool = False,
    prefix_chars: int = 0,
    voice: bool = False,
    lead_words: int = 0,
) -> list[str]:
    """The word features of one engagement, as the model sees them.

    * every word that is not a function word (:data:`diplotrack.tokens.STOP_WORDS`),
      as its stem (the rules' light stemmer: lower case, no plural ending), and word
      n-grams of those up to ``ngram_max`` within a sentence;
    * with ``scope_marking``, the five words after a "former"/"retired"/"ex" or a
      "no"/"not"/"without"/"didn't" again, within their sentence, marked ``former_`` or
      ``not_`` (negation marking, as in sentiment analysis), so "former minister" and
      "minister" are different evidence;
    * with ``prefix_chars``, the first characters of longer words (``p:minist``), which
      lets unseen word forms share evidence;
    * for the structured fields, every word again prefixed with its field;
    * with ``voice``, the function words that say what kind of text it is
      (:data:`diplotrack.tokens.VOICE_WORDS`: "we", "you", "should", "was", "had"...),
      prefixed ``voice:``; explanations never quote them;
    * with ``lead_words``, the first ``lead_words`` words of the description again,
      prefixed ``lead:``: the opening of a text says what kind of text it is and, in a
      report, what happened, so its words are evidence of their own.

    Examples
    --------
    >>> engagement_features(Engagement("Former envoys met in Oslo", participants="ministers"))
    ['former', 'envoy', 'met', 'oslo', 'minister', 'participants:minister']
    >>> engagement_features(Engagement("No officials of either side"), scope_marking=True)
    ['no', 'official', 'side', 'not_official', 'not_side']
    >>> engagement_features(Engagement("We should talk more"), voice=True)
    ['talk', 'more', 'voice:we', 'voice:should']
    >>> engagement_features(Engagement("Obituary: a retired envoy"), lead_words=2)
    ['obituary', 'retired', 'envoy', 'lead:obituary', 'lead:retired']
    """
    feats: list[str] = []
    for name, text in engagement.fields():
        if ngram_max > 1 or scope_marking:
            # Adjacent words within a sentence: "continued. Former" is no phrase. No word
            # spans a sentence's end, so the sentences' words are the text's words.
            sentences = content_stem_sentences(text)
            words = sentences[0] if len(sentences) == 1 else [w for s in sentences for w in s]
        else:
            sentences, words = [], content_stems(text)
        feats.extend(words)
        for sentence in sentences:
            for n in range(2, ngram_max + 1):
                feats.extend([" ".join(sentence[i : i + n]) for i in range(len(sentence) - n + 1)])
        if scope_marking:
            # A "former" or a "no" reaches to its sentence's end at most ("No officials came.
            # Scholars met" marks no scholar).
            for sentence in sentences:
                _mark_scope(sentence, feats)
        if prefix_chars:
            feats.extend(["p:" + w[:prefix_chars] for w in words if len(w) > prefix_chars])
        if name != "description":
            feats.extend([name + ":" + w for w in words])
        if voice:
            feats.extend(["voice:" + w for w in voice_words(text)])
        if lead_words and name == "description":
            feats.extend([LEAD_PREFIX + w for w in words[:lead_words]])
    return feats


def _mark_scope(words: list[str], feats: list[str]) -> None:
    mark, left = "", 0
    for w in words:
        if w in FORMER_WORDS:
            mark, left = "former_", SCOPE
        elif w in NEGATION_WORDS:
            mark, left = "not_", SCOPE
        elif left:
            feats.append(mark + w)
            left -= 1


def word_tfidf(vectorizer: TfidfVectorizer, analyzed: Sequence[list[str]]) -> sp.csr_matrix:
    """``vectorizer.transform`` for already-analysed documents, vectorised over the batch.

    ``vectorizer`` must be fitted with ``sublinear_tf=True`` and the default ``norm="l2"``
    and ``use_idf=True``. The numbers are scikit-learn's (a test checks it), but counting is
    done by scipy on one index array instead of a Python loop per word.

    Examples
    --------
    >>> docs = [["envoy", "met", "envoy"], ["scholar", "met"]]
    >>> vec = TfidfVectorizer(analyzer=list, sublinear_tf=True).fit(docs)
    >>> bool(abs(word_tfidf(vec, docs) - vec.transform(docs)).max() < 1e-12)
    True
    """
    vocab_get = vectorizer.vocabulary_.get
    cols: list[int] = []
    lengths: list[int] = []
    for doc in analyzed:
        hits = [i for i in map(vocab_get, doc) if i is not None]
        cols.extend(hits)
        lengths.append(len(hits))
    n = len(lengths)
    rows = np.repeat(np.arange(n), lengths)
    X = sp.csr_matrix(
        (np.ones(len(cols)), (rows, np.asarray(cols, dtype=np.int64))),
        shape=(n, len(vectorizer.vocabulary_)),
    )
    X.sum_duplicates()
    np.log(X.data, out=X.data)
    X.data += 1.0
    X.data *= vectorizer.idf_[X.indices]
    return _l2_rows(X)


def _l2_rows(X: sp.csr_matrix) -> sp.csr_matrix:
    lengths = np.diff(X.indptr)
    rows = np.repeat(np.arange(X.shape[0]), lengths)
    norms = np.sqrt(np.bincount(rows, weights=X.data * X.data, minlength=X.shape[0]))
    X.data /= norms[rows]
    return X


#: Prefix of the feature that holds the rule classifier's decision (``decision=True``).
DECISION_PREFIX = "decision:"


def _evidence_feature(rule_id: str, status: str, kind: str = "") -> str:
    if kind == "decision":
        return DECISION_PREFIX + rule_id
    return "rule:" + rule_id + ("" if status == "counted" else f"[{status}]")


class RuleEvidence(TransformerMixin, BaseEstimator):
    """The rule classifier's evidence as features for a trained model.

    One column per (cue rule, status) pair seen in training: ``rule:official-role`` for
    serving officials counted, ``rule:official-role[former]`` for former ones,
    ``rule:official-role[negated]`` for officials said to be absent, and so on; the value is
    ``log(1 + how often)`` the rule gave that evidence in the case. With ``decision``, one
    more column per decision of the rule classifier (``decision:officials-only``), ``log 2``
    where that decision gave the rules' verdict and 0 elsewhere: the model learns how far to
    trust each of them.

    Parameters
    ----------
    rules : RuleClassifier, optional
        The rule classifier whose evidence is used (a clone of it is fitted); defaults to
        ``RuleClassifier()``, the shipped rule set.
    decision : bool, default=False
        Also give the decision that made the rule classifier's verdict.

    Attributes
    ----------
    rules_ : RuleClassifier
        The fitted rule classifier. Not pickled compiled: an unpickled model compiles it again
        on first use, and refuses if a rule file or profile file of one's own it was fitted
        with is gone or changed (``rule_files_``).
    rule_files_ : dict of str to (str, str)
        Those files, ``role: (path, SHA-256)`` (empty for the shipped rule set).
    vocabulary_ : dict of str to int
        Column of each (rule, status) feature.

    Examples
    --------
    >>> ev = RuleEvidence().fit(["Foreign ministers met former ambassadors."])
    >>> [name for name in ev.get_feature_names_out() if "official" in name]
    ['rule:official-role', 'rule:official-role[former]']
    >>> ev = RuleEvidence(decision=True).fit(["Foreign ministers signed a treaty."])
    >>> [name for name in ev.get_feature_names_out() if name.startswith("decision:")]
    ['decision:officials-only']
    """

    def __init__(self, *, rules: RuleClassifier | None = None, decision: bool = False):
        self.rules = rules
        self.decision = decision

    def fit(self, X: Any, y: Any = None) -> RuleEvidence:
        """Learn the (rule, status) pairs that occur in ``X``."""
        self._prepare()
        self._learn(self._count(as_engagements(X))[0])
        return self

    def _prepare(self) -> RuleEvidence:
        """Check ``rules`` and fit the rule classifier (``rules_``)."""
        if self.rules is not None and not isinstance(self.rules, RuleClassifier):
            raise TypeError(
                f"Invalid rules: expected a diplotrack RuleClassifier, got {type(self.rules).__name__}."
            )
        self.rules_ = (RuleClassifier() if self.rules is None else clone(self.rules)).fit()
        self.rule_files_ = _rule_files(self.rules_)
        return self

    def _compile_again(self) -> None:
        """Compile the rules of an unpickled model, refusing a rule file of one's own that is
        gone or changed since the fit: its features would no longer be the ones it learned.
        (The shipped rule set's own changes are said by a warning when the model loads.)"""
        from .model_store import ModelError, _sha256

        for role, (path, fitted) in getattr(self, "rule_files_", {}).items():
            try:
                now = _sha256(Path(path))
            except OSError as exc:
                raise ModelError(
                    f"The model's rule features come from the {role} file {path!r}, which cannot be "
                    f"read now ({exc.strerror or exc}). Put the file back where it was when the model "
                    "was fitted, or fit the model again with the rule file as it is now."
                ) from None
            if now != fitted:
                raise ModelError(
                    f"The {role} file {path!r} has changed since the model was fitted (SHA-256 "
                    f"{fitted[:12]}... then, {now[:12]}... now): the model's rule features would no "
                    "longer be the ones it learned. Restore the file as it was, or fit the model "
                    "again with the rule file as it is now."
                )
        self.rules_.fit()

    def _learn(self, counts: Sequence[dict[str, int]]) -> None:
        names = sorted({name for row in counts for name in row})
        self.vocabulary_ = {name: i for i, name in enumerate(names)}

    def _count(
        self, engagements: list[Engagement], found: Sequence[Sequence[Evidence]] | None = None
    ) -> tuple[list[dict[str, int]], list[dict[str, list]]]:
        """Per case, how often each (rule, status) feature occurred, and the spans it quoted.

        ``found``: per case, the evidence of a verdict of the same rule set (see
        :meth:`reads_as`), so the rules are not run twice; its decision counts only with
        ``decision``."""
        if found is not None:
            if self.decision:
                per_case = found
            else:
                per_case = [[e for e in ev if e.kind != "decision"] for ev in found]
        else:
            rules = self.rules_
            if not hasattr(rules, "classes_"):  # unfitted when unpickled: compiled again here
                self._compile_again()
            # Only the evidence is needed, not the verdict: the engine's evidence path skips
            # writing the explanation, which nobody would read, and deciding unless asked.
            engine = rules._engine()
            if self.decision:
                evidence_of = partial(engine.evidence, decided=True)
            else:
                evidence_of = engine.evidence
            per_case = map(evidence_of, engagements)
        names: dict[tuple[str, str, str], str] = {}
        counts, spans = [], []
        for evidence in per_case:
            c: dict[str, int] = {}
            s: dict[str, list[Span]] = {}
            for e in evidence:
                key = (e.source, e.status, e.kind if e.kind == "decision" else "")
                name = names.get(key)
                if name is None:
                    name = names[key] = _evidence_feature(*key)
                c[name] = c.get(name, 0) + 1
                if e.start is not None:
                    s.setdefault(name, []).append((e.field, e.start, e.end))
            counts.append(c)
            spans.append(s)
        return counts, spans

    def _matrix(
        self, counts: Sequence[dict[str, int]], spans: Sequence[dict[str, list]] | None = None
    ) -> tuple[sp.csr_matrix, list[dict[int, list[Span]]]]:
        vocab = self.vocabulary_
        rows, cols, vals = [], [], []
        located: list[dict[int, list[Span]]] = []
        for r, c in enumerate(counts):
            where: dict[int, list[Span]] = {}
            for name, n in c.items():
                j = vocab.get(name)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
                    vals.append(n)
                    if spans is not None and name in spans[r]:
                        where[j] = spans[r][name]
            located.append(where)
        X = sp.csr_matrix(
            (np.log1p(np.asarray(vals, dtype=np.float64)), (rows, cols)),
            shape=(len(counts), len(vocab)),
        )
        return X, located

    def transform_with_spans(
        self, X: Any, found: Sequence[Sequence[Evidence]] | None = None
    ) -> tuple[sp.csr_matrix, list[dict[int, list[Span]]]]:
        """The feature matrix, and per case the input spans behind each non-zero column
        (``found``: the evidence of the same rule set's verdicts on ``X``, see :meth:`_count`)."""
        check_is_fitted(self, "vocabulary_")
        return self._matrix(*self._count(as_engagements(X), found))

    def reads_as(self, rules: Any) -> bool:
        """Whether ``rules`` finds exactly the evidence these features are counted from: a
        :class:`~diplotrack.RuleClassifier` with the same parameters, rule file and
        definition (its verdicts' evidence can then be counted instead of running the rules
        again).

        Examples
        --------
        >>> from diplotrack import RuleClassifier
        >>> ev = RuleEvidence().fit(["Foreign ministers met former ambassadors."])
        >>> ev.reads_as(RuleClassifier()), ev.reads_as(RuleClassifier(definition="facilitated-1.5"))
        (True, False)
        """
        mine = getattr(self, "rules_", None)
        if mine is None:
            return False
        if not hasattr(mine, "classes_"):  # unpickled: its own files checked first
            self._compile_again()
        return mine._same_rule_set(rules)

    def transform(self, X: Any) -> sp.csr_matrix:
        """One row per case, one column per (rule, status) pair: ``log(1 + count)``."""
        return self.transform_with_spans(X)[0]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The (rule, status) feature names, in column order."""
        check_is_fitted(self, "vocabulary_")
        return np.asarray(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object)

    def __setstate__(self, state):
        super().__setstate__(state)
        # Saved before the parameter existed: no decision among the features.
        self.__dict__.setdefault("decision", False)
        self.__dict__.setdefault("rule_files_", {})

    def __getstate__(self):
        state = self.__dict__.copy()
        if "rules_" in state:  # the compiled rules are rebuilt on load, not stored
            state["rules_"] = clone(state["rules_"])
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = True
        return tags


def _rule_files(rules: RuleClassifier) -> dict[str, tuple[str, str]]:
    """The files of one's own a fitted rule classifier was compiled from, ``role: (path,
    SHA-256)``: its ``extra`` rule file and a definition profile given as a file."""
    from .model_store import _sha256
    from .ruleset import Profile, load_ruleset

    files = {}
    if rules.extra is not None:
        files["rule"] = (str(rules.extra), rules.extra_sha256_)
    definition = rules.definition
    if definition is not None and not isinstance(definition, Profile):
        if str(definition) not in load_ruleset().profiles:
            files["definition profile"] = (str(definition), _sha256(Path(definition)))
    return files
