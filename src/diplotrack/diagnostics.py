"""Rule diagnostics: what each rule and decision does on a researcher's own cases.

:func:`rule_report` classifies every case once with a :class:`~diplotrack.RuleClassifier`
and reads the evidence of the verdicts: for every cue rule and every decision, how often it
fired, overlapped and conflicted with rules supporting another label, how often it decided,
and, given hand-coded labels, how often it was right when it fired and when it decided --
the figures of snorkel's labelling-function summary, for a rule set -- with the rows behind
each figure. Per lexicon it lists the entries that never matched (dead entries) and the
entries that match mostly on rows the rules label wrongly.

A cue rule *fires* on a row when its evidence pushed the verdict: a participant counted,
counted as former (a former official supports Track 2) or as a host, a capacity, formality
or purpose cue counted. Evidence the engine discarded (negated, a bystander, part of a
name, asked about, an ambiguous entry read in another sense, a self-description) is a
*match* but not a firing. A modifier rule ("former", "no", "hosted by") fires on the rows
where it changed a participant's status; see :mod:`diplotrack.tracing`.

Examples
--------
>>> report = rule_report(
...     ["Retired ambassadors and scholars met in Oslo for a workshop.",
...      "The two foreign ministers signed a border treaty in Hanoi."],
...     gold=["Track 2", "Track 1"])
>>> report.to_frame().loc[["former-before"], ["fired", "coverage", "emp_acc"]].to_dict("records")
[{'fired': 1, 'coverage': 0.5, 'emp_acc': 1.0}]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone

from ._tables import text_column
from ._words import counted
from .engagement import FIELDS, Engagement, as_engagements, check_mapping, shown_columns, table_column
from .metrics import as_labels
from .rule_classifier import RuleClassifier
from .rules import Rule
from .tracing import EvidenceTracer, classifier_lexicons
from .verdict import ABSTAIN, Evidence, Verdict

__all__ = ["FIGURES", "RuleReport", "rule_report"]

#: The figures :meth:`RuleReport.rows_for` can select rows by.
FIGURES: tuple[str, ...] = (
    "fired",
    "discarded",
    "overlaps",
    "conflicts",
    "decided",
    "correct",
    "incorrect",
    "decided_correct",
    "decided_incorrect",
)

#: Evidence statuses that pushed the verdict; every other status is a discarded match.
_FIRING = frozenset({"counted", "host", "former", "delegate"})
#: Nature kinds whose cues the engine records as evidence only when the rule has a weight.
_RECORDED_IF_WEIGHTED = frozenset({"formal", "informal", "purpose_official", "purpose_people", "engagement"})
_EXCERPT_CHARS = 120
_COLUMNS = (
    "kind",
    "supports",
    "fired",
    "coverage",
    "overlaps",
    "conflicts",
    "decided",
    "correct",
    "incorrect",
    "emp_acc",
    "decided_correct",
    "decided_incorrect",
    "decided_acc",
    "discarded",
    "description",
)


def _silent_reason(rule: Rule) -> str | None:
    """Why a rule leaves no evidence of its own in a verdict, or ``None`` when it does."""
    # Mirrors what RuleEngine records: serving and clause-break words only limit the reach
    # of other cues, and a weightless cue of these kinds only counts towards "an engagement
    # is described".
    if rule.kind == "serving":
        return "it only stops a nearby 'former' from reaching a participant"
    if rule.kind == "breaker":
        return "it only ends the reach of 'former', 'no' and 'hosted by'"
    if rule.kind in _RECORDED_IF_WEIGHTED and not rule.weight:
        return "it has no weight: it only shows that an engagement is described"
    return None


def _rule_classifier(classifier: RuleClassifier | None, definition: str | None) -> RuleClassifier:
    if classifier is not None and not isinstance(classifier, RuleClassifier):
        raise TypeError(
            "Invalid classifier: expected a diplotrack RuleClassifier (the report reads rule "
            f"evidence), got {type(classifier).__name__}."
        )
    # A clone, so the report never changes the caller's classifier.
    clf = RuleClassifier() if classifier is None else clone(classifier)
    if definition is not None:
        clf.set_params(definition=definition)
    return clf.fit()


def _gold_labels(data: Any, gold: Any, n: int) -> np.ndarray | None:
    """Gold labels as strings, ``""`` where a row has none; ``None`` without gold."""
    if gold is None:
        return None
    if isinstance(gold, str):
        if not isinstance(data, pd.DataFrame):
            raise ValueError(
                f"Invalid gold {gold!r}: a column name needs a DataFrame input, got "
                f"{type(data).__name__}; pass the labels themselves (a list, one per case)."
            )
        if gold not in data.columns:
            raise ValueError(
                f"Missing gold column {gold!r}: the input has columns {shown_columns(data.columns)}. "
                "Name the column holding the hand-coded labels."
            )
        values = table_column(data, gold, "gold column").astype(object).tolist()
    else:
        values = list(gold)
        if len(values) != n:
            raise ValueError(f"Invalid gold: expected one label per case ({n} cases), got {len(values)}.")
    # Read as evaluate, compare and review read gold labels: any case and spacing, markers
    # such as "N/A" or "-" for a case not coded.
    name = f"gold column {gold!r}" if isinstance(gold, str) else "the gold labels given"
    return np.asarray(["" if v is None else v for v in as_labels(values, name)], dtype=object)


def _cases(data: Any, columns: Mapping[str, str] | None) -> tuple[list[Engagement], list[str]]:
    """The engagements and a row id for each: the ``id`` column if there is one, else the index."""
    columns = check_mapping(columns)
    unknown = sorted(set(columns) - {*FIELDS, "id"})
    if unknown:
        raise ValueError(f"Invalid columns mapping: keys must be among {(*FIELDS, 'id')}, got {unknown}.")
    if isinstance(data, pd.DataFrame):
        found = shown_columns(data.columns)
        description = columns.get("description", "description")
        if description not in data.columns:
            raise ValueError(
                f"Missing description column {description!r}: the input has columns {found}. "
                "Name the column holding the text with --description-column (columns={'description': "
                "...} in Python)."
            )
        named = "id" in columns
        id_column = columns.pop("id", "id")
        if id_column in data.columns:
            ids = table_column(data, id_column, "id column").astype(str).tolist()
        elif named:
            raise ValueError(f"Missing id column {id_column!r}: the input has columns {found}.")
        else:
            ids = [str(i) for i in data.index]
        return as_engagements(data, columns=columns), ids
    columns.pop("id", None)
    engagements = as_engagements(data, columns=columns)
    return engagements, [str(i) for i in range(len(engagements))]


def _dominant(votes: Mapping[str, float]) -> str:
    return max(votes, key=votes.get)


def _quote(e: Evidence) -> str:
    out = f'"{e.text}"'
    if e.status != "counted":
        out += f" ({e.status})"
    if e.field and e.field != "description":
        out += f" [{e.field}]"
    return out


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT_CHARS else text[: _EXCERPT_CHARS - 1].rstrip() + "\u2026"


class _Tally:
    """Per row and item (cue rule or decision): label pushed, firing, discarded, quotes."""

    def __init__(self, n_rows: int, items: Sequence[tuple[str, str]]):
        self.col = {key: k for k, key in enumerate(items)}
        self.votes: list[dict[int, dict[str, float]]] = [{} for _ in range(n_rows)]
        self.fired = np.zeros((n_rows, len(items)), dtype=bool)
        self.discarded = np.zeros((n_rows, len(items)), dtype=bool)
        self.quotes: dict[tuple[int, int], list[str]] = {}
        self.entry_rows: dict[tuple[str, str], dict[int, set[str]]] = {}

    def add(self, row: int, key: tuple[str, str], e: Evidence, fired: bool, label: str | None) -> None:
        k = self.col.get(key)
        if k is None:
            return
        if key[0] == "rule":
            self.quotes.setdefault((row, k), []).append(_quote(e))
        if not fired:
            self.discarded[row, k] = True
            return
        self.fired[row, k] = True
        votes = self.votes[row].setdefault(k, {})
        if label is not None:
            votes[label] = votes.get(label, 0.0) + max(float(e.weight), 1e-9)

    def entry(self, row: int, lexicon: str, phrases: Sequence[str], label: str | None, fired: bool) -> None:
        for phrase in phrases:
            rows = self.entry_rows.setdefault((lexicon, phrase), {})
            labels = rows.setdefault(row, set())
            if fired:
                labels.add(label or "")


def _tally_verdicts(
    verdicts: Sequence[Verdict],
    engagements: Sequence[Engagement],
    rules: Sequence[Rule],
    items: Sequence[tuple[str, str]],
    tracer: EvidenceTracer,
    silent_lexicons: Sequence[str],
) -> tuple[_Tally, list[str]]:
    tally = _Tally(len(verdicts), items)
    lexicon_of = {r.id: r.lexicon for r in rules}
    decisions = []
    for row, v in enumerate(verdicts):
        decision = v.evidence[-1]
        decisions.append(decision.source)
        tally.add(row, ("decision", decision.source), decision, True, v.label)
        for e in v.evidence[:-1]:
            fired = e.status in _FIRING
            tally.add(row, ("rule", e.source), e, fired, e.supports)
            if lexicon_of.get(e.source):
                tally.entry(row, lexicon_of[e.source], tracer.phrases(e), e.supports, fired)
            modifier = tracer.modifier(e)
            if modifier is not None:
                # A modifier pushes a label only by making an official former (Track 2) or an
                # expert a member of an official delegation (Track 1).
                label = e.supports if e.status in ("former", "delegate") else None
                tally.add(row, ("rule", modifier[0]), e, True, label)
                tally.entry(row, lexicon_of[modifier[0]], modifier[1], label, True)
        if silent_lexicons:
            for _, text in engagements[row].fields():
                for lexicon, phrases in tracer.find(silent_lexicons, text).items():
                    tally.entry(row, lexicon, sorted(phrases), None, True)
    return tally, decisions


def _share(count: int, total: int) -> float:
    return count / total if total else float("nan")


class RuleReport:
    """Per-rule and per-lexicon-entry diagnostics of a rule classifier on given cases.

    Made by :func:`rule_report`; read it with :meth:`to_frame`, :meth:`rows_for`,
    :meth:`dead_entries`, :meth:`suspect_entries`, :meth:`summary`, :meth:`to_markdown`
    and :meth:`to_dict`.

    Attributes
    ----------
    n_rows : int
        Cases in the report.
    n_gold : int
        Cases with a gold label (the accuracy figures are computed on these only).
    gold_name : str or None
        The gold column's name, ``"given"`` for labels passed as an array, ``None`` without.
    rules_version : str
        The rule-set version of the classifier (``+custom`` when extended).
    min_support : int
        Labelled rows a rule or entry needs before its accuracy ranks it.
    accuracy : float
        The rules' accuracy on the rows with a gold label (NaN without gold).
    entries : DataFrame
        One row per lexicon entry: ``lexicon``, ``phrase``, ``rules``, ``traced``
        (``"evidence"``, or ``"text"`` for lists that leave no evidence of their own and
        were looked up in the text), ``matched`` and ``fired`` (rows), ``labelled`` (fired
        rows with gold), ``wrong`` (of those, rows the rules labelled wrongly),
        ``wrong_share``, ``against`` (rows where it pushed only towards a label other than
        the gold one), ``dead`` and ``suspect``.
    unmeasured : dict of str to str
        Cue rules that leave no evidence of their own, with the reason.
    verdicts : list of Verdict
        The verdict on every case, in order.
    """

    def __init__(
        self,
        *,
        table: pd.DataFrame,
        entries: pd.DataFrame,
        flags: Mapping[str, np.ndarray],
        labels: np.ndarray,
        tally: _Tally,
        items: Sequence[tuple[str, str]],
        cases: pd.DataFrame,
        verdicts: list[Verdict],
        gold_name: str | None,
        rules_version: str,
        min_support: int,
        unmeasured: Mapping[str, str],
        lexicon_of: Mapping[str, str | None],
    ):
        self._table = table
        self.entries = entries
        self._flags = flags
        self._labels = labels
        self._tally = tally
        self._items = list(items)
        self._cases = cases
        self.verdicts = verdicts
        self.gold_name = gold_name
        self.rules_version = rules_version
        self.min_support = min_support
        self.unmeasured = dict(unmeasured)
        self._lexicon_of = dict(lexicon_of)
        self.n_rows = len(cases)
        gold = cases["gold"]
        self.n_gold = int((gold != "").sum())
        labelled = gold != ""
        self.accuracy = (
            float((cases["predicted"][labelled] == gold[labelled]).mean()) if self.n_gold else float("nan")
        )

    def __repr__(self) -> str:
        return (
            f"RuleReport({self.n_rows} rows, {self.n_gold} with gold labels, "
            f"{len(self._table)} rules and decisions, rule set {self.rules_version})"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per cue rule and per decision, weakest first (snorkel's ``lf_summary`` shape).

        Index: the rule or decision id. Columns: ``kind`` (the cue kind, or ``"decision"``),
        ``supports`` (the labels it pushed on these rows), ``fired`` (rows; for a decision,
        rows it decided), ``coverage`` (share of all rows where it fired), ``overlaps``
        (share of all rows where it fired together with another rule pushing a label),
        ``conflicts`` (share of all rows where it fired with a rule pushing another
        label; for a decision, where a cue pushed against the label it gave), ``decided``
        (rows where it decided the label: a decision chosen, or a cue rule on the winning
        side), ``correct`` / ``incorrect`` / ``emp_acc`` (when it fired: its label against
        the gold one), ``decided_correct`` / ``decided_incorrect`` / ``decided_acc`` (when it
        decided), ``discarded`` (rows where it matched but only as discarded evidence) and
        ``description``. Accuracy columns are NaN without gold labels; ``overlaps`` is NaN
        for decisions; ``conflicts`` and accuracy NaN for rules that push no label.

        Examples
        --------
        >>> r = rule_report(["Scholars and journalists met in Vienna."], gold=["Track 2"])
        >>> r.to_frame().loc[["nonstate-role"], ["fired", "coverage", "emp_acc"]].to_dict("records")
        [{'fired': 1, 'coverage': 1.0, 'emp_acc': 1.0}]
        """
        return self._table.copy()

    def _item(self, rule: str) -> int:
        if rule.startswith(("rule:", "decision:")):
            kind, _, name = rule.partition(":")
            keys = [(kind, name)]
        else:
            keys = [key for key in self._items if key[1] == rule]
        if len(keys) > 1:
            raise ValueError(
                f"Ambiguous id {rule!r}: it names both a cue rule and a decision; pass "
                f"'rule:{rule}' or 'decision:{rule}'."
            )
        if not keys or keys[0] not in self._tally.col:
            raise ValueError(
                f"Unknown rule {rule!r}: expected a cue rule or decision id in the report "
                f"(report.to_frame().index), e.g. {[key[1] for key in self._items[:3]]}."
            )
        return self._tally.col[keys[0]]

    def rows_for(self, rule: str, figure: str | None = None, *, phrase: str | None = None) -> pd.DataFrame:
        """The rows behind a rule's figures: every row where it matched, or one figure's rows.

        Parameters
        ----------
        rule : str
            A cue rule or decision id (``"rule:ID"`` or ``"decision:ID"`` where an id names
            both).
        figure : str, optional
            One of :data:`FIGURES` (``"fired"``, ``"conflicts"``, ``"incorrect"``, ...);
            by default every row where the rule matched at all.
        phrase : str, optional
            Only the rows where this entry of the rule's lexicon matched.

        Returns
        -------
        DataFrame
            ``id``, ``description`` (an excerpt), ``gold``, ``predicted``, ``decision``,
            ``label`` (what the rule pushed on that row), ``evidence`` (the quoted words;
            for a decision, the explanation) and a boolean column per figure (``correct``
            and the like are False on rows without gold).

        Examples
        --------
        >>> r = rule_report(["Former ministers met scholars.", "Ministers signed a treaty."],
        ...                 gold=["Track 2", "Track 1"])
        >>> r.rows_for("former-before")[["id", "label", "evidence"]].to_dict("records")
        [{'id': '0', 'label': 'Track 2', 'evidence': '"Former ministers" (former)'}]
        """
        k = self._item(rule)
        if figure is not None and figure not in FIGURES:
            raise ValueError(f"Invalid figure {figure!r}: expected one of {FIGURES} or None.")
        mask = self._flags["fired"][:, k] | self._flags["discarded"][:, k]
        if figure is not None:
            mask = mask & self._flags[figure][:, k]
        if phrase is not None:
            kind, name = self._items[k]
            lexicon = self._lexicon_of.get(name) if kind == "rule" else None
            if lexicon is None:
                raise ValueError(
                    f"Invalid phrase for {rule!r}: it has no lexicon (a regex rule or a decision)."
                )
            hits = self._tally.entry_rows.get((lexicon, phrase))
            if hits is None and phrase not in set(
                self.entries.loc[self.entries["lexicon"] == lexicon, "phrase"]
            ):
                raise ValueError(f"Unknown phrase {phrase!r}: it is not an entry of lexicon {lexicon!r}.")
            only = np.zeros(self.n_rows, dtype=bool)
            only[list(hits or ())] = True
            mask = mask & only
        rows = np.flatnonzero(mask)
        out = self._cases.iloc[rows].reset_index(drop=True)
        out.insert(5, "label", [self._labels[r, k] for r in rows])
        is_decision = self._items[k][0] == "decision"
        quotes = self._tally.quotes
        evidence = [
            self.verdicts[r].explanation if is_decision else "; ".join(quotes.get((r, k), ())) for r in rows
        ]
        out.insert(6, "evidence", text_column(evidence))
        for name in FIGURES:
            out[name] = self._flags[name][rows, k]
        return out

    def dead_entries(self) -> pd.DataFrame:
        """Lexicon entries that never matched on these cases (``lexicon``, ``phrase``, ``rules``, ``traced``).

        Examples
        --------
        >>> r = rule_report(["Scholars met in Vienna."])
        >>> "foreign minister" in set(r.dead_entries()["phrase"])
        True
        """
        dead = self.entries[self.entries["dead"]]
        return dead[["lexicon", "phrase", "rules", "traced"]].reset_index(drop=True)

    def suspect_entries(self) -> pd.DataFrame:
        """Entries that fired on at least ``min_support`` labelled rows, mostly rows the rules got wrong.

        Only entries traced from evidence (lists looked up in the text push no label of
        their own). Sorted by ``wrong_share``, then ``wrong``, highest first.
        """
        cols = ["lexicon", "phrase", "rules", "fired", "labelled", "wrong", "wrong_share", "against"]
        suspect = self.entries[self.entries["suspect"]]
        return suspect.sort_values(["wrong_share", "wrong"], ascending=False)[cols].reset_index(drop=True)

    def _header(self) -> str:
        text = counted(self.n_rows, "row")
        if self.gold_name is None:
            text += " (no gold labels: accuracy not measured)"
        else:
            source = f"column '{self.gold_name}'" if self.gold_name != "given" else "labels given"
            text += f", {self.n_gold} with gold labels ({source})"
            if self.n_rows > self.n_gold:
                text += f", {self.n_rows - self.n_gold} without a gold label left out of the accuracy figures"
            text += f"; the rules label {_fmt(self.accuracy)} right"
        return f"{text}; rule set {self.rules_version}."

    def _ordering_note(self) -> str:
        if self.gold_name is None:
            return "Ordered by conflicts, then coverage (no gold labels)."
        return (
            f"Weakest first: lowest accuracy when fired among rules that fired on at least "
            f"{self.min_support} labelled rows, then by conflicts."
        )

    def _display(self, top: int | None) -> tuple[list[str], list[list[str]]]:
        table = self._table if top is None else self._table.head(top)
        gold = self.gold_name is not None
        header = ["rule", "kind", "supports", "fired", "coverage", "overlaps", "conflicts", "decided"]
        if gold:
            header += ["emp. acc. (n)", "acc. when decided (n)"]
        rows = []
        for rule, r in table.iterrows():
            cells = [
                str(rule),
                r["kind"],
                r["supports"],
                str(r["fired"]),
                _fmt(r["coverage"]),
                _fmt(r["overlaps"]),
                _fmt(r["conflicts"]),
                str(r["decided"]),
            ]
            if gold:
                cells += [
                    f"{_fmt(r['emp_acc'])} ({r['correct'] + r['incorrect']})",
                    f"{_fmt(r['decided_acc'])} ({r['decided_correct'] + r['decided_incorrect']})",
                ]
            rows.append(cells)
        return header, rows

    def _dead_by_lexicon(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for lexicon, phrase in self.dead_entries()[["lexicon", "phrase"]].itertuples(index=False):
            out.setdefault(lexicon, []).append(phrase)
        return out

    def _dead_line(self) -> str:
        dead = self._dead_by_lexicon()
        n_dead = sum(map(len, dead.values()))
        line = f"Dead lexicon entries (never matched here): {n_dead} of {len(self.entries)}"
        if not dead:
            return line + "."
        by_size = sorted(dead.items(), key=lambda item: -len(item[1]))
        return (
            line
            + ": "
            + ", ".join(f"{lex} {len(p)}" for lex, p in by_size)
            + ". report.dead_entries() lists them."
        )

    def _suspect_line(self, top: int | None) -> str:
        suspect = self.suspect_entries().head(top)
        found = "; ".join(
            f"{s.lexicon} {s.phrase!r} ({s.wrong} of {s.labelled} wrong)" for s in suspect.itertuples()
        )
        return (
            f"Entries matching mostly on wrongly labelled rows (at least {self.min_support} labelled "
            f"rows): {found or 'none'}."
        )

    def summary(self, top: int = 10) -> str:
        """A plain-text summary: the ``top`` weakest rules, dead and suspect entries.

        Examples
        --------
        >>> text = rule_report(["Scholars met in Vienna.", "Ministers met."]).summary(top=1)
        >>> print(text.splitlines()[0].split(";")[0])
        Rule report: 2 rows (no gold labels: accuracy not measured)
        """
        header, rows = self._display(top)
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
        lines = [f"Rule report: {self._header()}", self._ordering_note()]
        lines.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
        if top is not None and len(self._table) > top:
            lines.append(f"  ... {len(self._table) - top} more: report.to_frame() lists all.")
        lines.append(self._dead_line())
        if self.gold_name is not None:
            lines.append(self._suspect_line(top))
        if self.unmeasured:
            lines.append(
                "Not measured (no evidence of their own): "
                + "; ".join(f"{rule}: {why}" for rule, why in self.unmeasured.items())
                + "."
            )
        return "\n".join(lines)

    def to_markdown(self, top: int | None = None) -> str:
        """The report as a Markdown page: the rule table (the ``top`` weakest, or all), dead
        entries per lexicon, suspect entries, and the rules not measured.

        Examples
        --------
        >>> print(rule_report(["Scholars met in Vienna."]).to_markdown(top=1).splitlines()[0])
        # Rule report
        """
        header, rows = self._display(top)
        lines = [
            "# Rule report",
            "",
            self._header(),
            "",
            "## Rules and decisions",
            "",
            self._ordering_note(),
            "",
        ]
        lines += _markdown_table(header, rows)
        if self.gold_name is not None:
            lines += ["", "## Lexicon entries matching mostly on wrongly labelled rows", ""]
            suspect = self.suspect_entries()
            if len(suspect):
                lines += _markdown_table(
                    ["lexicon", "entry", "fired (labelled)", "wrongly labelled", "pushed against gold"],
                    [
                        [
                            s.lexicon,
                            s.phrase,
                            f"{s.fired} ({s.labelled})",
                            f"{s.wrong} ({_fmt(s.wrong_share)})",
                            str(s.against),
                        ]
                        for s in suspect.itertuples()
                    ],
                )
            else:
                lines.append(
                    f"None: no entry fired on at least {self.min_support} labelled rows with more than "
                    "half of them labelled wrongly."
                )
        lines += ["", "## Dead lexicon entries (never matched on these cases)", ""]
        dead = self._dead_by_lexicon()
        for lexicon, phrases in sorted(dead.items()):
            lines.append(f"- **{lexicon}** ({len(phrases)}): " + ", ".join(f"`{p}`" for p in phrases))
        if not dead:
            lines.append("None.")
        if self.unmeasured:
            lines += ["", "## Not measured", ""]
            lines += [f"- `{rule}`: {why}." for rule, why in self.unmeasured.items()]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form: header figures, every rule's figures, dead and suspect entries.

        Examples
        --------
        >>> d = rule_report(["Scholars met in Vienna."]).to_dict()
        >>> d["n_rows"], d["rules"][0]["kind"] != ""
        (1, True)
        """
        records = self._table.reset_index().rename(columns={"index": "rule"}).to_dict("records")
        return {
            "n_rows": self.n_rows,
            "n_gold": self.n_gold,
            "gold": self.gold_name,
            "accuracy": _json_number(self.accuracy),
            "rules_version": self.rules_version,
            "min_support": self.min_support,
            "rules": [{k: _json_number(v) for k, v in r.items()} for r in records],
            "dead_entries": self._dead_by_lexicon(),
            "suspect_entries": [
                {k: _json_number(v) for k, v in r.items()} for r in self.suspect_entries().to_dict("records")
            ],
            "unmeasured": dict(self.unmeasured),
        }


def _json_number(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), 4)
    return value


def _fmt(value: float) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def _markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [line(header), "|" + "|".join("---" for _ in header) + "|", *(line(r) for r in rows)]


def _figures(
    tally: _Tally, items: Sequence[tuple[str, str]], predicted: np.ndarray, gold: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per row and item: the label pushed, and a boolean array per figure."""
    n, m = tally.fired.shape
    labels = np.full((n, m), None, dtype=object)
    flags = {name: np.zeros((n, m), dtype=bool) for name in FIGURES}
    flags["fired"] = tally.fired
    flags["discarded"] = tally.discarded & ~tally.fired
    is_decision = np.asarray([kind == "decision" for kind, _ in items])
    for row in range(n):
        votes = tally.votes[row]
        cue = {k: _dominant(v) for k, v in votes.items() if v and not is_decision[k]}
        for k in votes:
            if is_decision[k]:
                labels[row, k] = predicted[row]
                flags["conflicts"][row, k] = any(lab != predicted[row] for lab in cue.values())
                continue
            label = labels[row, k] = cue.get(k)
            others = [lab for j, lab in cue.items() if j != k]
            flags["overlaps"][row, k] = bool(others)
            flags["conflicts"][row, k] = label is not None and any(lab != label for lab in others)
        for k, label in enumerate(labels[row]):
            if label is None:
                continue
            decided = label == predicted[row]
            flags["decided"][row, k] = decided
            if gold[row]:
                flags["correct"][row, k] = label == gold[row]
                flags["incorrect"][row, k] = label != gold[row]
                flags["decided_correct"][row, k] = decided and predicted[row] == gold[row]
                flags["decided_incorrect"][row, k] = decided and predicted[row] != gold[row]
    return flags, labels


def _rule_table(
    flags: Mapping[str, np.ndarray],
    labels: np.ndarray,
    items: Sequence[tuple[str, str]],
    info: Mapping[tuple[str, str], tuple[str, str, str]],
    has_gold: bool,
    min_support: int,
) -> pd.DataFrame:
    n = flags["fired"].shape[0]
    counts = {name: flags[name].sum(axis=0) for name in FIGURES}
    records = []
    for k, key in enumerate(items):
        kind, declared, description = info[key]
        pushed = sorted({lab for lab in labels[:, k] if lab is not None})
        labelled = int(counts["correct"][k] + counts["incorrect"][k])
        decided_labelled = int(counts["decided_correct"][k] + counts["decided_incorrect"][k])
        records.append(
            {
                "rule": key[1],
                "kind": kind,
                "supports": ", ".join(pushed) if pushed else declared,
                "fired": int(counts["fired"][k]),
                "coverage": _share(int(counts["fired"][k]), n),
                "overlaps": float("nan") if kind == "decision" else _share(int(counts["overlaps"][k]), n),
                "conflicts": _share(int(counts["conflicts"][k]), n)
                if pushed or kind == "decision"
                else float("nan"),
                "decided": int(counts["decided"][k]),
                "correct": int(counts["correct"][k]),
                "incorrect": int(counts["incorrect"][k]),
                "emp_acc": _share(int(counts["correct"][k]), labelled) if has_gold else float("nan"),
                "decided_correct": int(counts["decided_correct"][k]),
                "decided_incorrect": int(counts["decided_incorrect"][k]),
                "decided_acc": _share(int(counts["decided_correct"][k]), decided_labelled)
                if has_gold
                else float("nan"),
                "discarded": int(counts["discarded"][k]),
                "description": description,
            }
        )
    table = pd.DataFrame.from_records(records, columns=["rule", *_COLUMNS]).set_index("rule")

    def weakness(r: pd.Series) -> tuple:
        conflicts = 0.0 if math.isnan(r["conflicts"]) else r["conflicts"]
        if has_gold and r["correct"] + r["incorrect"] >= min_support:
            return (0, r["emp_acc"], -conflicts, -r["coverage"])
        if r["fired"]:
            return (1, 0.0, -conflicts, -r["coverage"])
        return (2, 0.0, 0.0, 0.0)

    order = sorted(range(len(table)), key=lambda i: weakness(table.iloc[i]))
    return table.iloc[order]


def _entry_table(
    tally: _Tally,
    lexicons: Mapping[str, Sequence[str]],
    rules: Sequence[Rule],
    silent_lexicons: Sequence[str],
    predicted: np.ndarray,
    gold: np.ndarray,
    min_support: int,
) -> pd.DataFrame:
    users: dict[str, list[str]] = {}
    for rule in rules:
        if rule.lexicon is not None:
            users.setdefault(rule.lexicon, []).append(rule.id)
    records = []
    for lexicon in sorted(users):
        for phrase in dict.fromkeys(lexicons.get(lexicon, ())):
            rows = tally.entry_rows.get((lexicon, phrase), {})
            fired = [r for r, labs in rows.items() if labs]
            labelled = [r for r in fired if gold[r]]
            wrong = sum(1 for r in labelled if predicted[r] != gold[r])
            against = sum(1 for r in labelled if rows[r] - {""} and gold[r] not in rows[r])
            records.append(
                {
                    "lexicon": lexicon,
                    "phrase": phrase,
                    "rules": ", ".join(users[lexicon]),
                    "traced": "text" if lexicon in silent_lexicons else "evidence",
                    "matched": len(rows),
                    "fired": len(fired),
                    "labelled": len(labelled),
                    "wrong": wrong,
                    "wrong_share": _share(wrong, len(labelled)),
                    "against": against,
                    "dead": not rows,
                    # Lists looked up in the text push no label of their own: never suspect.
                    "suspect": lexicon not in silent_lexicons
                    and len(labelled) >= min_support
                    and wrong / max(len(labelled), 1) > 0.5,
                }
            )
    return pd.DataFrame.from_records(
        records,
        columns=[
            "lexicon",
            "phrase",
            "rules",
            "traced",
            "matched",
            "fired",
            "labelled",
            "wrong",
            "wrong_share",
            "against",
            "dead",
            "suspect",
        ],
    )


def rule_report(
    labelled_or_cases: Any,
    gold: str | Sequence[Any] | None = None,
    *,
    definition: str | None = None,
    columns: Mapping[str, str] | None = None,
    classifier: RuleClassifier | None = None,
    min_support: int = 5,
) -> RuleReport:
    """What every rule and decision does on your cases, and, with gold labels, how well.

    Each case is classified once; every figure is read from the verdicts' evidence.

    Parameters
    ----------
    labelled_or_cases : DataFrame, or list of str / dict / Engagement
        The cases. A DataFrame is read by column name (``description``, and optional
        ``participants``, ``formality``, ``purpose``; rows are named by an ``id`` column if
        there is one, else by the index).
    gold : str or sequence, optional
        The hand-coded labels: a column of the DataFrame, or one label per case
        (``"Track 1"``, ``"Track 1.5"``, ``"Track 2"``, ``"none"``, in any case and spacing;
        an empty cell, or a marker such as ``"N/A"``, ``"-"`` or ``"?"``, marks an uncoded row,
        left out of the accuracy figures and counted). They are read as ``evaluate`` reads
        them (:func:`diplotrack.metrics.as_labels`).
    definition : str, optional
        The definition profile to report on (``diplotrack definitions`` lists them; a TOML
        file of your own works too). Default: the classifier's own, normally the guideline.
    columns : mapping of str to str, optional
        Maps a field name (or ``"id"``) to the column holding it, e.g. ``{"description": "summary"}``.
    classifier : RuleClassifier, optional
        The rule classifier to examine (default: ``RuleClassifier()``), e.g. one with extra
        rules or lexicon entries being tried out.
    min_support : int, default=5
        Labelled rows a rule (or lexicon entry) must fire on before its accuracy ranks it
        among the weakest (or marks it suspect).

    Returns
    -------
    RuleReport

    Raises
    ------
    ValueError
        A missing gold or description column (the message names the columns found), gold
        labels outside ``"Track 1"``, ``"Track 1.5"``, ``"Track 2"``, ``"none"``, or an
        unknown definition.

    See Also
    --------
    RuleClassifier.transform : the rule-firing matrix the figures summarise.

    Examples
    --------
    >>> cases = ["Retired generals and scholars from both countries met in Bangkok.",
    ...          "Serving officials joined scholars in a personal capacity at a closed workshop.",
    ...          "The foreign ministers signed a border agreement in Hanoi."]
    >>> report = rule_report(cases, gold=["Track 2", "Track 1.5", "Track 1"])
    >>> report.to_frame().loc[["capacity-unofficial"], ["fired", "decided", "emp_acc"]].to_dict("records")
    [{'fired': 1, 'decided': 1, 'emp_acc': 1.0}]
    >>> report.rows_for("capacity-unofficial")["evidence"].tolist()
    ['"personal capacity"']
    """
    if isinstance(min_support, bool) or not isinstance(min_support, int | np.integer) or min_support < 1:
        raise ValueError(f"Invalid min_support: expected a positive integer, got {min_support!r}.")
    engagements, ids = _cases(labelled_or_cases, columns)
    gold_labels = _gold_labels(labelled_or_cases, gold, len(engagements))
    clf = _rule_classifier(classifier, definition)
    engine = clf.engine_
    has_gold = gold_labels is not None
    if gold_labels is None:
        gold_labels = np.full(len(engagements), "", dtype=object)
    verdicts = clf.classify_many(engagements)

    lexicons = classifier_lexicons(clf)
    tracer = EvidenceTracer(engine.rules, lexicons)
    unmeasured = {r.id: why for r in engine.rules if (why := _silent_reason(r))}
    measured_lexicons = {r.lexicon for r in engine.rules if r.lexicon and r.id not in unmeasured}
    silent_lexicons = sorted({r.lexicon for r in engine.rules if r.lexicon} - measured_lexicons)

    items = [("rule", r.id) for r in engine.rules if r.id not in unmeasured]
    items += [("decision", d.id) for d in engine.decisions]
    info = {("rule", r.id): (r.kind, r.supports or "-", r.description) for r in engine.rules}
    info |= {("decision", d.id): ("decision", d.label or ABSTAIN, d.description) for d in engine.decisions}

    tally, decisions = _tally_verdicts(verdicts, engagements, engine.rules, items, tracer, silent_lexicons)
    predicted = np.asarray([v.label for v in verdicts], dtype=object)
    flags, labels = _figures(tally, items, predicted, gold_labels)
    table = _rule_table(flags, labels, items, info, has_gold, int(min_support))
    entries = _entry_table(
        tally, lexicons, engine.rules, silent_lexicons, predicted, gold_labels, int(min_support)
    )
    cases = pd.DataFrame(
        {
            "id": ids,
            "description": text_column([_excerpt(e.description) for e in engagements]),
            "gold": gold_labels,
            "predicted": predicted,
            "decision": decisions,
        }
    )
    gold_name = None if not has_gold else (gold if isinstance(gold, str) else "given")
    return RuleReport(
        table=table,
        entries=entries,
        flags=flags,
        labels=labels,
        tally=tally,
        items=items,
        cases=cases,
        verdicts=verdicts,
        gold_name=gold_name,
        rules_version=engine.version,
        min_support=int(min_support),
        unmeasured=unmeasured,
        lexicon_of={r.id: r.lexicon for r in engine.rules},
    )
