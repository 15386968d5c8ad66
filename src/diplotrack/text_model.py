"""The trained text classifier: TF-IDF n-grams and a linear model, with explanations.

Features are word n-grams over all four fields, plus, for the structured fields, the same
words prefixed with their field (``participants:minister``), so the model sees where a
word came from. Each verdict quotes the input words that pushed most toward (and against)
the chosen label, with their weights, and names the most similar training cases.
"""

from __future__ import annotations

import re
from functools import partial
from numbers import Integral, Real
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from .base import VerdictClassifier
from .engagement import Engagement, as_engagements
from .matching import _STEMS, stem
from .verdict import ABSTAIN, LABELS, Evidence, Track, Verdict

__all__ = ["TextClassifier", "abstention_labels", "engagement_features"]

_WORD = re.compile(r"\w+")
_EXCERPT_CHARS = 90


_FORMER_WORDS = frozenset({"former", "retired", "ex", "erstwhile", "onetime"})
_NEGATION_WORDS = frozenset({"no", "not", "without", "none", "never", "nor", "neither"})
_SCOPE = 5
# Function words carry no role or capacity: they are not repeated with a scope mark.
_UNMARKED = frozenset(
    "the a an and or of from in at to for with on by as both their its his her two three "
    "who which that were was had has have been be is are".split()
)


def engagement_features(
    engagement: Engagement, ngram_max: int = 1, scope_marking: bool = True, prefix_chars: int = 6
) -> list[str]:
    """The word features of one engagement, as the model sees them.

    * every word, lower-cased and stripped of plural endings (the rules' light stemmer),
      and word n-grams up to ``ngram_max``;
    * with ``scope_marking``, the five words after a "former"/"retired"/"ex" or a
      "no"/"not"/"without" again, marked ``former_`` or ``not_`` (negation marking, as in
      sentiment analysis), so "former minister" and "minister" are different evidence;
    * with ``prefix_chars``, the first characters of longer words (``p:minist``), which
      lets unseen word forms share evidence;
    * for the structured fields, every word again prefixed with its field.

    Examples
    --------
    >>> engagement_features(Engagement("Former envoys met", participants="ministers"), prefix_chars=0)
    ['former', 'envoy', 'met', 'former_envoy', 'former_met', 'minister', 'participants:minister']
    >>> engagement_features(Engagement("No officials of either side"), prefix_chars=0)[-3:]
    ['not_official', 'not_either', 'not_side']
    """
    feats: list[str] = []
    for name, text in engagement.fields():
        words = [_STEMS.get(w) or stem(w) for w in _WORD.findall(text)]
        feats.extend(words)
        for n in range(2, ngram_max + 1):
            feats.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        if scope_marking:
            mark, left = "", 0
            for w in words:
                if w in _FORMER_WORDS:
                    mark, left = "former_", _SCOPE
                elif w in _NEGATION_WORDS:
                    mark, left = "not_", _SCOPE
                elif left:
                    if w not in _UNMARKED:
                        feats.append(mark + w)
                    left -= 1
        if prefix_chars:
            feats.extend(["p:" + w[:prefix_chars] for w in words if len(w) > prefix_chars])
        if name != "description":
            feats.extend([name + ":" + w for w in words])
    return feats


def abstention_labels(proba: np.ndarray, classes: np.ndarray, threshold: float) -> np.ndarray:
    """Column index of each row's label: ``"none"`` when its probability reaches
    ``threshold``, otherwise the most probable track (never ``"none"`` below it).

    Examples
    --------
    >>> classes = np.array(["Track 1", "Track 2", "none"], dtype=object)
    >>> abstention_labels(np.array([[0.2, 0.3, 0.5], [0.5, 0.1, 0.4]]), classes, 0.45).tolist()
    [2, 0]
    """
    classes = np.asarray(classes)
    hits = np.flatnonzero(classes == ABSTAIN)
    if not len(hits):
        return proba.argmax(axis=1)
    none_col = int(hits[0])
    ranked = proba.copy()
    ranked[:, none_col] = -1.0
    return np.where(proba[:, none_col] >= threshold, none_col, ranked.argmax(axis=1))


def _joined(engagement: Engagement) -> str:
    return " \n ".join(text for _, text in engagement.fields())


class TextClassifier(VerdictClassifier):
    """A trained text classifier for Track 1 / 1.5 / 2, abstaining on non-engagements.

    Parameters
    ----------
    ngram_max : int, default=1
        Longest word n-gram used as a feature.
    scope_marking : bool, default=True
        Mark words in the scope of "former"/"retired"/"ex" and of negations.
    prefix_chars : int, default=6
        Also use the first ``prefix_chars`` characters of longer words; 0 turns it off.
    char_ngrams : bool, default=False
        Also use character 2-5-grams (within word boundaries) of the joined text.
    min_df : int, default=1
        Ignore word features seen in fewer training cases.
    C : float, default=30.0
        Inverse regularisation strength of the logistic regression.
    class_weight : {"balanced"}, dict or None, default="balanced"
        Passed to the logistic regression.
    abstain_threshold : float, default=0.5
        Abstain when the probability of ``"none"`` (no engagement) reaches this; below
        it the most probable track is given, so lowering it abstains more often. The
        shipped model's value was chosen by cross-validation on the training split.
    n_neighbors : int, default=3
        How many similar training cases each explanation names.
    n_evidence : int, default=4
        How many words pushing toward the label each explanation quotes.
    random_state : int or None, default=0

    Attributes
    ----------
    classes_ : ndarray of str
        Labels seen in training, ``"none"`` among them when non-engagements were given.
    vectorizer_ : TfidfVectorizer
    char_vectorizer_ : TfidfVectorizer or None
    estimator_ : LogisticRegression
    feature_names_ : list of str
    train_matrix_ : sparse matrix
        L2-normalised features of the training cases, for finding similar cases.
    train_ids_, train_labels_, train_excerpts_ : ndarray
        Id, label and a short excerpt of each training case.

    See Also
    --------
    RuleClassifier : the transparent rule-based classifier with the same interface.

    Examples
    --------
    >>> X = ["Foreign ministers signed a peace treaty.", "Scholars held a workshop.",
    ...      "Officials attended in a personal capacity with scholars.", "Rain is forecast."] * 3
    >>> y = ["Track 1", "Track 2", "Track 1.5", "none"] * 3
    >>> clf = TextClassifier().fit(X, y)
    >>> clf.classify("Ministers signed a treaty.").label
    'Track 1'
    """

    method = "model"

    _parameter_constraints: dict = {
        "ngram_max": [Interval(Integral, 1, 4, closed="both")],
        "scope_marking": ["boolean"],
        "prefix_chars": [Interval(Integral, 0, None, closed="left")],
        "char_ngrams": ["boolean"],
        "min_df": [Interval(Integral, 1, None, closed="left")],
        "C": [Interval(Real, 0, None, closed="neither")],
        "class_weight": [StrOptions({"balanced"}), dict, None],
        "abstain_threshold": [Interval(Real, 0, 1, closed="both")],
        "n_neighbors": [Interval(Integral, 0, None, closed="left")],
        "n_evidence": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        *,
        ngram_max: int = 1,
        scope_marking: bool = True,
        prefix_chars: int = 6,
        char_ngrams: bool = False,
        min_df: int = 1,
        C: float = 30.0,
        class_weight: str | dict | None = "balanced",
        abstain_threshold: float = 0.5,
        n_neighbors: int = 3,
        n_evidence: int = 4,
        random_state: int | None = 0,
    ):
        self.ngram_max = ngram_max
        self.scope_marking = scope_marking
        self.prefix_chars = prefix_chars
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.C = C
        self.class_weight = class_weight
        self.abstain_threshold = abstain_threshold
        self.n_neighbors = n_neighbors
        self.n_evidence = n_evidence
        self.random_state = random_state

    # ---- training --------------------------------------------------------------------
    def _features(self, engagements: list[Engagement], fit: bool = False):
        if fit:
            X = self.vectorizer_.fit_transform(engagements)
            if self.char_vectorizer_ is not None:
                X = sp.hstack([X, self.char_vectorizer_.fit_transform([_joined(e) for e in engagements])])
        else:
            X = self._word_tfidf(engagements)
            if self.char_vectorizer_ is not None:
                X = sp.hstack([X, self.char_vectorizer_.transform([_joined(e) for e in engagements])])
        X = sp.csr_matrix(X)
        if self.char_vectorizer_ is not None:
            norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            X = sp.csr_matrix(sp.diags(1.0 / norms) @ X)
        return X

    def _word_tfidf(self, engagements: list[Engagement]):
        """``vectorizer_.transform`` for the word features, vectorised over the batch.

        Same numbers as scikit-learn's (sublinear tf, idf, l2 norm; a test checks it), but
        the counting is done by scipy on one index array instead of a Python loop per word.
        """
        vec = self.vectorizer_
        vocab_get = vec.vocabulary_.get
        analyzer = vec.build_analyzer()
        cols: list[int] = []
        lengths: list[int] = []
        for e in engagements:
            hits = [i for i in map(vocab_get, analyzer(e)) if i is not None]
            cols.extend(hits)
            lengths.append(len(hits))
        rows = np.repeat(np.arange(len(engagements)), lengths)
        X = sp.csr_matrix(
            (np.ones(len(cols)), (rows, np.asarray(cols, dtype=np.int64))),
            shape=(len(engagements), len(vec.vocabulary_)),
        )
        X.sum_duplicates()
        np.log(X.data, out=X.data)
        X.data += 1.0
        X = X @ sp.diags(vec.idf_)
        X = sp.csr_matrix(X)
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ X)

    def fit(self, X: Any, y: Any, *, case_ids: Any = None) -> TextClassifier:
        """Fit the vectorizers and the linear model.

        Parameters
        ----------
        X : engagements
            Anything :func:`diplotrack.engagement.as_engagements` accepts.
        y : array-like of str
            ``"Track 1"``, ``"Track 1.5"``, ``"Track 2"`` or ``"none"`` per case (other
            labels train a model usable with ``predict`` but not with ``classify``).
        case_ids : array-like, optional
            Ids shown for similar cases in explanations; defaults to an ``id`` column of
            a DataFrame ``X``, else the row number.
        """
        self._validate_params()
        if y is None:
            raise ValueError(
                "TextClassifier requires y to be passed, but the target y is None: give one "
                "label per case ('Track 1', 'Track 1.5', 'Track 2' or 'none')."
            )
        check_classification_targets(y)
        engagements = as_engagements(X)
        y = np.asarray([str(v) for v in np.asarray(y).ravel().tolist()], dtype=object)
        if len(y) != len(engagements):
            raise ValueError(f"Invalid y: expected {len(engagements)} labels, one per case, got {len(y)}.")
        classes = np.unique(y)
        if len(classes) < 2:
            raise ValueError(f"Invalid y: expected at least two classes, got one class {classes.tolist()}.")
        if case_ids is None and hasattr(X, "columns") and "id" in X.columns:
            case_ids = X["id"].tolist()
        if case_ids is None:
            case_ids = list(range(len(engagements)))
        if len(case_ids) != len(engagements):
            raise ValueError(f"Invalid case_ids: expected {len(engagements)} ids, got {len(case_ids)}.")
        analyzer = partial(
            engagement_features,
            ngram_max=self.ngram_max,
            scope_marking=self.scope_marking,
            prefix_chars=self.prefix_chars,
        )
        self.vectorizer_ = TfidfVectorizer(
            analyzer=analyzer, min_df=self.min_df, sublinear_tf=True, dtype=np.float64
        )
        self.char_vectorizer_ = (
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, lowercase=True
            )
            if self.char_ngrams
            else None
        )
        try:
            Xm = self._features(engagements, fit=True)
        except ValueError as exc:  # empty vocabulary: no text anywhere
            raise ValueError(
                "Invalid X: none of the training cases contains any words; expected "
                "descriptions of engagements as text."
            ) from exc
        self.estimator_ = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=5000, random_state=self.random_state
        )
        self.estimator_.fit(Xm, y)
        self.classes_ = self.estimator_.classes_
        names = self.vectorizer_.get_feature_names_out()
        if self.char_vectorizer_ is not None:
            names = np.concatenate(
                [names, ["chars:" + n for n in self.char_vectorizer_.get_feature_names_out()]]
            )
        self.feature_names_ = names.tolist() if hasattr(names, "tolist") else list(names)
        coef = self.estimator_.coef_
        if coef.shape[0] == 1:  # binary problem: sklearn keeps one row for the positive class
            coef = np.vstack([-coef[0], coef[0]]) / 2.0
        self.relative_coef_ = coef - coef.mean(axis=0, keepdims=True)
        self.train_matrix_ = Xm
        self.train_ids_ = np.asarray([str(i) for i in case_ids], dtype=object)
        self.train_labels_ = y
        self.train_excerpts_ = np.asarray([_excerpt(e) for e in engagements], dtype=object)
        return self

    # ---- prediction ------------------------------------------------------------------
    def predict_proba(self, X: Any) -> np.ndarray:
        """Model probability per label in ``classes_``."""
        check_is_fitted(self, "estimator_")
        return self.estimator_.predict_proba(self._features(as_engagements(X)))

    def predict(self, X: Any) -> np.ndarray:
        """Label per case; ``"none"`` when it abstains (see ``abstain_threshold``)."""
        check_is_fitted(self, "estimator_")
        Xm = self._features(as_engagements(X))
        return self._labels(self.estimator_.predict_proba(Xm), Xm)[0]

    def _labels(self, proba: np.ndarray, Xm) -> tuple[np.ndarray, np.ndarray]:
        """Labels and the index of each label in ``classes_`` (-1: no known word at all)."""
        idx = abstention_labels(proba, self.classes_, self.abstain_threshold)
        idx = np.where(np.diff(Xm.indptr) > 0, idx, -1)
        labels = np.where(idx >= 0, self.classes_[np.maximum(idx, 0)], ABSTAIN).astype(object)
        return labels, idx

    def _verdicts(self, engagements: list[Engagement]) -> list[Verdict]:
        check_is_fitted(self, "estimator_")
        unknown = sorted(set(map(str, self.classes_)) - set(LABELS))
        if unknown:
            raise ValueError(
                f"Invalid labels for verdicts: this model was trained on {unknown}; verdicts need "
                f"labels among {LABELS}. Use predict() for other label sets."
            )
        if not engagements:
            return []
        Xm = self._features(engagements)
        proba = self.estimator_.predict_proba(Xm)
        labels, idx = self._labels(proba, Xm)
        neighbours = self._neighbours(Xm)
        ranked = self._ranked_contributions(Xm, idx)
        classes = [str(c) for c in self.classes_]
        proba_rows = proba.tolist()
        return [
            self._verdict(
                e,
                labels[row],
                int(idx[row]),
                ranked[row],
                dict(zip(classes, proba_rows[row])),
                neighbours[row],
            )
            for row, e in enumerate(engagements)
        ]

    def _ranked_contributions(self, Xm, idx: np.ndarray) -> list[tuple[list, list]]:
        """Per row: (feature, contribution) pairs toward its label, strongest first, and the
        strongest one against it. One vectorised pass over the batch, not a loop of numpy calls.
        """
        n = Xm.shape[0]
        counts = np.diff(Xm.indptr)
        rows = np.repeat(np.arange(n), counts)
        label_col = np.maximum(idx, 0)[rows]
        contrib = Xm.data * self.relative_coef_[label_col, Xm.indices]
        order = np.lexsort((-contrib, rows))
        feats, values = Xm.indices[order], contrib[order]
        # The first k entries of each row's sorted segment push toward its label; the last
        # entry is the strongest against it. Gather them for all rows at once.
        k = self.n_evidence
        first = Xm.indptr[:-1]
        pos = first[:, None] + np.arange(k)[None, :]
        valid = pos < Xm.indptr[1:, None]
        pos = np.where(valid, pos, 0)
        top_f = np.where(valid, feats[pos] if len(feats) else 0, -1).tolist()
        top_v = np.where(valid, values[pos] if len(values) else 0.0, 0.0).tolist()
        last = np.maximum(Xm.indptr[1:] - 1, 0)
        has = counts > 0
        last_f = np.where(has, feats[last] if len(feats) else 0, -1).tolist()
        last_v = np.where(has, values[last] if len(values) else 0.0, 0.0).tolist()
        out = []
        for tf, tv, lf, lv in zip(top_f, top_v, last_f, last_v):
            toward = [(f, v) for f, v in zip(tf, tv) if v > 0]
            out.append((toward, [(lf, lv)] if lv < 0 else []))
        return out

    def _neighbours(self, Xm) -> list[list[tuple[int, float]]]:
        k = min(self.n_neighbors, self.train_matrix_.shape[0])
        if k == 0:
            return [[] for _ in range(Xm.shape[0])]
        dense = getattr(self, "_train_dense_t", None)
        if dense is None:
            # Sparse rows times a dense matrix is far faster than sparse times sparse here.
            dense = self._train_dense_t = self.train_matrix_.T.toarray().astype(np.float32)
        sims = np.asarray(Xm.astype(np.float32) @ dense)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1).tolist()
        top_sims = np.take_along_axis(top_sims, order, axis=1).tolist()
        return [[(j, float(v)) for j, v in zip(js, vs) if v > 0] for js, vs in zip(top, top_sims)]

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_train_dense_t", None)  # a cache, rebuilt on first use
        return state

    def _verdict(self, e: Engagement, label: str, col: int, ranked, scores, neighbours) -> Verdict:
        evidence: list[Evidence] = []
        if col < 0:
            why = (
                "Abstained: "
                + (
                    "the input holds no text"
                    if e.is_empty()
                    else "none of its words are in the model's vocabulary (empty, garbled or "
                    "non-English text)"
                )
                + ", so the model has nothing to go on."
            )
            return Verdict(None, 1.0, "model", why, (), {c: float(c == ABSTAIN) for c in scores})
        chosen = str(self.classes_[col])
        toward, against = ranked
        fields = e.fields()
        names = self.feature_names_
        for f, v in toward + against:
            name = names[f]
            field, quote, start, end = _locate(fields, name)
            evidence.append(
                Evidence(
                    name,
                    "feature",
                    quote,
                    field,
                    start,
                    end,
                    chosen if v > 0 else None,
                    v,
                    "counted",
                    "pushed toward" if v > 0 else "pushed against",
                )
            )
        for j, sim in neighbours:
            evidence.append(
                Evidence(
                    str(self.train_ids_[j]),
                    "similar_case",
                    str(self.train_excerpts_[j]),
                    "",
                    None,
                    None,
                    str(self.train_labels_[j]),
                    sim,
                    "counted",
                    f"similar training case (cosine {sim:.2f})",
                )
            )
        conf = scores[label] if label in scores else 1.0
        track = None if label == ABSTAIN else Track(label)
        return Verdict(
            track,
            conf,
            "model",
            _explain(track, label, chosen, conf, scores, evidence),
            tuple(evidence),
            scores,
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = False
        return tags


def _excerpt(e: Engagement) -> str:
    text = " ".join(_joined(e).split())
    return text if len(text) <= _EXCERPT_CHARS else text[: _EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


_PATTERNS: dict[str, re.Pattern] = {}
_WORD_TAIL = r"\w{0,3}\b"  # a stem plus a plural or verb ending: minister -> ministers


def _feature_pattern(feature: str) -> re.Pattern:
    """A regular expression finding a (stemmed, marked or prefix) feature in raw text."""
    pattern = _PATTERNS.get(feature)
    if pattern is None:
        body = feature
        lead = ""
        if body.startswith("former_"):
            lead, body = "|".join(sorted(_FORMER_WORDS)), body[7:]
        elif body.startswith("not_"):
            lead, body = "|".join(sorted(_NEGATION_WORDS)), body[4:]
        if body.startswith("p:"):
            core = r"\b" + re.escape(body[2:]) + r"\w*"
        else:
            core = r"\b" + r"\W+".join(re.escape(w) for w in body.split(" ")) + _WORD_TAIL
        if lead:
            core = rf"\b(?:{lead})\b(?:\W+\w+){{0,{_SCOPE - 1}}}?\W+" + core[2:]
        pattern = re.compile(core, re.IGNORECASE)
        if len(_PATTERNS) < 100_000:
            _PATTERNS[feature] = pattern
    return pattern


def _locate(fields: tuple[tuple[str, str], ...], feature: str) -> tuple[str, str, int | None, int | None]:
    """Find a feature's words in the input: (field, quoted text, start, end)."""
    if feature.startswith("chars:"):
        target = feature[6:].strip()
        for name, text in fields:
            pos = text.lower().find(target)
            if pos >= 0:
                return name, text[pos : pos + len(target)], pos, pos + len(target)
        return "description", target, None, None
    head, sep, rest = feature.partition(":")
    if sep and head != "p" and head in {n for n, _ in fields}:
        fields = tuple(f for f in fields if f[0] == head)
        feature = rest
    pattern = _feature_pattern(feature)
    for name, text in fields:
        m = pattern.search(text)
        if m is not None:
            return name, m.group(), m.start(), m.end()
    return "description", feature, None, None


def _grouped(items: list[Evidence]) -> list[tuple[Evidence, float]]:
    """Evidence with the same quoted span merged (a word and its prefix are one quote)."""
    merged: dict[tuple, list] = {}
    for e in items:
        key = (e.field, e.start, e.end, e.text)
        if key in merged:
            merged[key][1] += e.weight
        else:
            merged[key] = [e, e.weight]
    return sorted(((e, w) for e, w in merged.values()), key=lambda t: -abs(t[1]))


def _short(text: str) -> str:
    words = text.split()
    return text if len(words) <= 5 else f"{words[0]} … {words[-1]}"


def _explain(track, label: str, chosen: str, conf: float, scores: dict, evidence: list[Evidence]) -> str:
    toward = _grouped([e for e in evidence if e.kind == "feature" and e.weight > 0])
    against = _grouped([e for e in evidence if e.kind == "feature" and e.weight < 0])
    similar = [e for e in evidence if e.kind == "similar_case"]

    def fmt(item: tuple[Evidence, float]) -> str:
        e, w = item
        where = "" if e.field == "description" else f", {e.field}"
        return f'"{_short(e.text)}" ({w:+.2f}{where})'

    if track is None:
        head = (
            f"Abstained (probability of no engagement {scores.get(ABSTAIN, 0.0):.2f}): the text "
            "reads like the non-engagement texts the model was trained on"
        )
        if toward:
            head += ", notably " + ", ".join(fmt(t) for t in toward)
    else:
        head = f"{label} (probability {conf:.2f}): the words that pushed most toward {label}"
        if chosen != label:
            head += " after setting aside the no-engagement reading"
        head += (" were " + ", ".join(fmt(t) for t in toward)) if toward else " were too weak to list"
    parts = [head + "."]
    if against:
        parts.append(f"The strongest word against it was {fmt(against[0])}.")
    ranked = sorted(((p, c) for c, p in scores.items() if c != (label if track else ABSTAIN)), reverse=True)
    if ranked:
        parts.append(f"Runner-up: {ranked[0][1]} ({ranked[0][0]:.2f}).")
    if similar:
        parts.append(
            "Most similar training cases: "
            + "; ".join(f'{e.source} ({e.supports}, "{e.text}")' for e in similar)
            + "."
        )
    return " ".join(parts)
