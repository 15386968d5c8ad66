"""The rule set as data: the files under ``rulesets/``, loaded, checked and versioned.

A rule set is a folder of TOML files that a researcher can read without reading Python:

* ``lexicons/<name>.toml``: one word list each, in commented groups, with the
  *ambiguous* entries that need their context checked (``[[ambiguous]]``);
* ``rules.toml``: the cue rules (id, kind, label supported, weight, lexicon or regex);
* ``decisions.toml``: the ordered decision table of the default definition;
* ``context.toml``: the words the engine's scope functions consult, by job;
* ``settings.toml``: every tunable number of the engine;
* ``overlaps.toml``: the lexicon pairs and phrases allowed to share an entry, with reasons;
* ``ruleset.toml``: the version, and the SHA-256 of the other files for each release.

``diplotrack rules list`` prints it; :func:`lint_ruleset` finds duplicates, entries the
plural stemming already covers, and phrases in two lists that ``overlaps.toml`` does not
allow.

Examples
--------
>>> rs = load_ruleset()
>>> rs.version == rs.releases[-1]["version"]
True
>>> "foreign minister" in rs.lexicons["official_roles"]
True
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .matching import phrase_problem, stem
from .rules import KINDS, Decision, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "Ambiguity",
    "EngineSettings",
    "RuleSet",
    "Profile",
    "RuleSetError",
    "check_lexicon_names",
    "data_sha256",
    "default_ruleset_path",
    "lint_ruleset",
    "format_ruleset",
    "load_extension",
    "load_profile",
    "load_ruleset",
    "read_extension",
    "resolve_definition",
]

_WORD = re.compile(r"\w+")
_VERSION_FILE = "ruleset.toml"


class RuleSetError(ValueError):
    """A rule-set file that cannot be read or does not fit the schema."""


@dataclass(frozen=True)
class Ambiguity:
    """A lexicon entry that is a role (or cue) only in some contexts.

    The entry is discarded, and the explanation says so, when one of its blocking contexts
    is found: a word of the context list ``unless_next`` right after it, ``unless_before``
    just before it (within ``before_reach`` words, else the setting ``ambiguity_before``; with
    ``reach_through``, the longer reach only right after a word of that context list), or
    ``unless_of`` after an *of / for / at* that follows it; with
    ``unless_nonstate_owner``, also a non-state role in those last two places ("the
    president of the journalists' union", "the students' union president"); with
    ``unless_acronym_owner``, also an acronym there that the rule set knows as no state and
    no official body ("the CSIS president", "FIFA's president", "president of SIIS"); with
    ``unless_attribution``, when the entry ends an attribution set off by a comma after what
    is reported, with a verb of that context list (", the organisers said in a statement"). With
    ``taken_up``, the other sense is another holder of the same title, so a later "the
    <title>" in the same field, written with the same capital or small letter and with no
    name or *of* of its own, is read the same way ("the President welcomed the visitors" after
    "the Association's President").

    Examples
    --------
    >>> a = Ambiguity("president", "official_roles", unless_of="nonstate_bodies")
    >>> a.contexts()
    (('of', 'nonstate_bodies'),)
    """

    phrase: str
    lexicon: str
    unless_next: str | None = None
    unless_before: str | None = None
    unless_of: str | None = None
    note: str = ""
    unless_next_role: bool = False
    unless_nonstate_owner: bool = False
    unless_acronym_owner: bool = False
    taken_up: bool = False
    unless_attribution: str | None = None
    before_reach: int | None = None
    reach_through: str | None = None

    def contexts(self) -> tuple[tuple[str, str], ...]:
        """The blocking contexts as ``(where, context list)`` pairs."""
        pairs = (
            ("next", self.unless_next),
            ("before", self.unless_before),
            ("of", self.unless_of),
            ("attributed with", self.unless_attribution),
        )
        return tuple((where, name) for where, name in pairs if name)

    def describe(self) -> str:
        """The blocking contexts in words, as ``diplotrack rules list`` prints them.

        >>> Ambiguity("president", "official_roles", unless_of="nonstate_bodies",
        ...           unless_nonstate_owner=True).describe()
        'unless of nonstate_bodies, unless a non-state role owns it'
        >>> Ambiguity("consultations", "formal", unless_before="recall_before", before_reach=6).describe()
        'unless within 6 words before recall_before'
        >>> print(Ambiguity("minister", "official_roles", taken_up=True).describe())
        and so is a later 'the <title>' with no name or 'of' of its own
        """
        reach = {"before": f"within {self.before_reach} words "} if self.before_reach else {}
        parts = [f"unless {reach.get(where, '')}{where} {name}" for where, name in self.contexts()]
        if self.before_reach and self.reach_through:
            parts.append(f"the longer reach only right after {self.reach_through}")
        if self.unless_next_role:
            parts.append("unless another role follows")
        if self.unless_nonstate_owner:
            parts.append("unless a non-state role owns it")
        if self.unless_acronym_owner:
            parts.append("unless an unknown acronym owns it")
        if self.taken_up:
            parts.append("and so is a later 'the <title>' with no name or 'of' of its own")
        return ", ".join(parts)


@dataclass(frozen=True)
class EngineSettings:
    """Every tunable number of the rule engine (``settings.toml``), documented there.

    Examples
    --------
    >>> EngineSettings().present
    0.9
    """

    former_before: int = 4
    negation_before: int = 2
    host_before: int = 7
    bystander_after: int = 3
    after_scan_words: int = 12
    after_scan_hops: int = 4
    negation_scan_words: int = 24
    negation_scan_hops: int = 10
    denial_reach: int = 10
    refusal_verb_reach: int = 4
    refusal_negation_reach: int = 2
    take_part_reach: int = 6
    topic_window: int = 5
    nature_negation_window: int = 3
    meeting_negation_window: int = 2
    meeting_refusal_window: int = 4
    meeting_request_window: int = 10
    meeting_request_refusal_window: int = 6
    call_off_modifiers: int = 2
    call_off_reach: int = 20
    quote_span_chars: int = 160
    ambiguity_next: int = 2
    ambiguity_before: int = 2
    ambiguity_of: int = 5
    attribution_words: int = 6
    attribution_tail: int = 6
    scare_quote_words: int = 2
    name_run: int = 6
    topic_factor: float = 0.25
    official_host_factor: float = 0.3
    nonstate_host_factor: float = 0.5
    party_nonstate_share: float = 0.5
    background_factor: float = 0.5
    elsewhere_factor: float = 0.25
    blanket_denial_factor: float = 2.0
    list_roles: int = 3
    list_entry_words: int = 12
    present: float = 0.9
    loose: float = 0.4
    party: float = 0.8
    meta: float = 2.0
    meta_strong: float = 4.0
    genre_ratio: float = 1.0
    occasionless_signs: float = 1.0
    meetingless_signs: float = 1.0
    official_dominance: float = 3.0
    nonstate_majority: float = 2.0
    official_business_share: float = 0.5
    capacity_factor: float = 2.0
    forum_share: float = 0.5
    agreement_floor: float = 0.8
    strength_floor: float = 0.85
    strength_scale: float = 2.0
    max_confidence: float = 0.99
    max_quotes: int = 6

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> EngineSettings:
        """Build from the sections of ``settings.toml`` (section names are for readers only)."""
        flat: dict[str, Any] = {}
        for value in data.values():
            if isinstance(value, Mapping):
                flat.update(value)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(flat) - known)
        if unknown:
            raise RuleSetError(
                f"Invalid settings: unknown names {unknown}; expected some of {sorted(known)}."
            )
        return cls(**flat)


@dataclass(frozen=True)
class Profile:
    """A definition of the tracks: the decision table with some decisions inserted.

    Researchers do not all draw the lines between the tracks where the guideline does; a
    profile says where its codebook draws them, as data (``profiles/*.toml``, or a file of
    a researcher's own with ``[[insert]]`` entries naming the decision to go ``before``).

    Examples
    --------
    >>> p = load_ruleset().profiles["private-capacity-track-2"]
    >>> ids = [d.id for d in p.apply(load_ruleset().decisions)]
    >>> ids[ids.index("private-capacity-among-nonstate") + 1]   # inserted before this one
    'officials-in-unofficial-capacity'
    """

    name: str
    description: str = ""
    who_uses: str = ""
    inserts: tuple[tuple[str, Decision], ...] = ()
    path: str = ""

    def apply(self, decisions: Iterable[Decision]) -> tuple[Decision, ...]:
        """The decision table under this profile."""
        decisions = tuple(decisions)
        ids = [d.id for d in decisions]
        out = list(decisions)
        for before, decision in self.inserts:
            if before not in ids:
                raise RuleSetError(
                    f"Invalid definition {self.name!r}: decision {decision.id!r} goes before "
                    f"{before!r}, which is not in the decision table; expected one of {ids}."
                )
            current = [d.id for d in out]
            if decision.id in current:
                # Evidence, reports and explanations name a decision by its id: two with one id
                # could not be told apart.
                where = f" ({self.path})" if self.path else ""
                raise RuleSetError(
                    f"Invalid definition {self.name!r}{where}: the inserted decision {decision.id!r} has "
                    "the id of a decision already in the table; give it an id of its own."
                )
            out.insert(current.index(before), decision)
        return tuple(out)


@dataclass(frozen=True)
class RuleSet:
    """A loaded rule set: lexicons, ambiguous entries, context words, rules, decisions, settings.

    Attributes
    ----------
    version : str
        The rule-set version recorded in every verdict (``Verdict.rules_version``).
    sha256 : str
        Hash of the data files, checked against the release of ``version``.
    lexicons : dict of str to tuple of str
        Phrases per lexicon, ambiguous entries included.
    """

    version: str
    sha256: str
    lexicons: Mapping[str, tuple[str, ...]]
    ambiguous: tuple[Ambiguity, ...]
    context: Mapping[str, frozenset[str]]
    rules: tuple[Rule, ...]
    decisions: tuple[Decision, ...]
    settings: EngineSettings
    descriptions: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    overlaps: Mapping[str, Any] = field(default_factory=dict)
    releases: tuple[Mapping[str, str], ...] = ()
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    path: str = ""


def default_ruleset_path() -> Path:
    """The folder of the rule set shipped with the package."""
    return Path(str(files("diplotrack") / "rulesets" / "default"))


def _read_toml(path: Path, what: str = "rule-set file") -> dict[str, Any]:
    return _read_toml_bytes(path, what)[0]


def _read_toml_bytes(path: Path, what: str = "rule-set file") -> tuple[dict[str, Any], bytes]:
    """The parsed table and the bytes it was parsed from, read once (``what`` the file is,
    for the message when it is missing)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise RuleSetError(f"{what.capitalize()} not found: {str(path)!r}.") from exc
    try:
        return tomllib.loads(raw.decode("utf-8")), raw
    except UnicodeDecodeError as exc:
        raise RuleSetError(f"Invalid TOML in {str(path)!r}: not UTF-8 ({exc}). Save it as UTF-8.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleSetError(f"Invalid TOML in {str(path)!r}: {exc}. Fix the file and try again.") from exc


def _describe(value: Any) -> str:
    """A TOML value's type in words, with the value when it is short: "a string ('x')"."""
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return f"a {type(value).__name__} ({value!r})"


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.toml") if p.name != _VERSION_FILE)


def data_sha256(folder: str | Path | None = None) -> str:
    """SHA-256 over the rule set's data files (names and bytes), ``ruleset.toml`` excluded.

    Examples
    --------
    >>> len(data_sha256())
    64
    """
    folder = Path(folder) if folder is not None else default_ruleset_path()
    digest = hashlib.sha256()
    for path in _data_files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def _entries(data: Mapping[str, Any], key: str, source: str) -> list[Mapping[str, Any]]:
    """The ``[[key]]`` tables of a file, checked to be an array of tables: a single ``[key]``
    table would otherwise be read as its keys, one by one."""
    value = data.get(key, [])
    if isinstance(value, Mapping):
        raise RuleSetError(
            f"Invalid {source}: {key} is a single table ([{key}]); write each one as [[{key}]], in "
            "double brackets, however many there are."
        )
    if not isinstance(value, list):
        raise RuleSetError(
            f"Invalid {source}: {key} is {_describe(value)}, expected [[{key}]] tables, written in double "
            "brackets, each holding its keys on the lines below it."
        )
    for item in value:
        if not isinstance(item, Mapping):
            raise RuleSetError(
                f"Invalid {source}: {key} holds {_describe(item)}, expected [[{key}]] tables, written in "
                "double brackets, each holding its keys on the lines below it."
            )
    return value


def _rule(entry: Mapping[str, Any], source: str) -> Rule:
    allowed = {
        "id",
        "kind",
        "supports",
        "description",
        "lexicon",
        "regex",
        "weight",
        "institution",
        "acts_with",
        "staff_weight",
        "fallback",
    }
    unknown = sorted(set(entry) - allowed)
    if unknown or "id" not in entry or "kind" not in entry:
        raise RuleSetError(
            f"Invalid rule in {source}: expected keys id, kind, description and lexicon or regex "
            f"(optional supports, weight, institution, acts_with, staff_weight, fallback), got "
            f"{sorted(entry)}."
        )
    where = f"Invalid rule {entry['id']!r} in {source}"
    for key in ("id", "kind", "supports", "description", "lexicon", "regex", "acts_with"):
        if key in entry and not isinstance(entry[key], str):
            raise RuleSetError(f"{where}: {key} must be a string in quotes, got {_describe(entry[key])}.")
    for key in ("institution", "fallback"):
        if key in entry and not isinstance(entry[key], bool):
            raise RuleSetError(f"{where}: {key} must be true or false, got {_describe(entry[key])}.")
    for key in ("weight", "staff_weight"):
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise RuleSetError(f"{where}: {key} must be a number, got {value!r}.")
    try:
        return Rule(
            entry["id"],
            entry["kind"],
            entry.get("supports"),
            entry.get("description", ""),
            lexicon=entry.get("lexicon"),
            regex=entry.get("regex"),
            weight=float(entry.get("weight", 1.0)),
            institution=bool(entry.get("institution", False)),
            acts_with=entry.get("acts_with"),
            staff_weight=None if entry.get("staff_weight") is None else float(entry["staff_weight"]),
            fallback=bool(entry.get("fallback", False)),
        )
    except ValueError as exc:  # the checks of Rule itself, with the file named
        raise RuleSetError(f"{source}: {exc}") from exc


def _decision(entry: Mapping[str, Any], source: str) -> Decision:
    allowed = {"id", "label", "description", "when", "unless", "confidence"}
    unknown = sorted(set(entry) - allowed)
    if unknown or "id" not in entry or "label" not in entry:
        raise RuleSetError(
            f"Invalid decision in {source}: expected keys id, label, description, when, unless, "
            f"confidence, got {sorted(entry)}."
        )
    where = f"Invalid decision {entry['id']!r} in {source}"
    for key in ("id", "label", "description"):
        if key in entry and not isinstance(entry[key], str):
            raise RuleSetError(f"{where}: {key} must be a string in quotes, got {_describe(entry[key])}.")
    for key in ("when", "unless"):
        value = entry.get(key, [])
        if isinstance(value, str):
            raise RuleSetError(
                f"{where}: {key} is {_describe(value)}, expected a list of condition names: "
                f'{key} = ["{value}"].'
            )
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            raise RuleSetError(
                f"{where}: {key} must be a list of condition names in quotes "
                f'({key} = ["officials", "nonstate_participants"]), got {value!r}.'
            )
    confidence = entry.get("confidence", 0.8)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise RuleSetError(
            f"{where}: confidence must be a number from 0 to 1, got {_describe(confidence)}; write it "
            "without quotes (confidence = 0.8)."
        )
    if not 0 <= confidence <= 1:
        raise RuleSetError(
            f"{where}: confidence must be from 0 to 1 (the confidence of its verdicts when the evidence "
            f"is strong and all points one way, e.g. 0.8), got {confidence!r}."
        )
    label = entry["label"]
    try:
        decision = Decision(
            entry["id"],
            None if label == "none" else label,
            entry.get("description", ""),
            when=tuple(entry.get("when", ())),
            unless=tuple(entry.get("unless", ())),
            confidence=float(confidence),
        )
    except ValueError as exc:  # the checks of Decision itself, with the file named
        raise RuleSetError(f"{source}: {exc}") from exc
    if not decision.description.strip():
        raise RuleSetError(
            f"{where}: it has no description. Every decision needs one: it is the sentence that begins "
            f'the explanation of each verdict it gives ("{label} (confidence {confidence:.2f}): '
            f'<description>. Officials: ..."). Add description = "..." saying why the label follows.'
        )
    return decision


def _lexicon_file(path: Path) -> tuple[str, str, list[tuple[str, tuple[str, ...]]], list[Ambiguity]]:
    data = _read_toml(path)
    name = data.get("name", path.stem)
    groups = [(g.get("note", ""), tuple(g.get("phrases", ()))) for g in data.get("group", ())]
    ambiguous = [
        Ambiguity(
            a["phrase"],
            name,
            unless_next=a.get("unless_next"),
            unless_before=a.get("unless_before"),
            unless_of=a.get("unless_of"),
            note=a.get("note", ""),
            unless_next_role=bool(a.get("unless_next_role", False)),
            unless_nonstate_owner=bool(a.get("unless_nonstate_owner", False)),
            unless_acronym_owner=bool(a.get("unless_acronym_owner", False)),
            taken_up=bool(a.get("taken_up", False)),
            unless_attribution=a.get("unless_attribution"),
            before_reach=_reach(a.get("before_reach"), path),
            reach_through=a.get("reach_through"),
        )
        for a in data.get("ambiguous", ())
    ]
    return name, data.get("description", ""), groups, ambiguous


def _reach(value: Any, path: Path) -> int | None:
    """An ambiguous entry's ``before_reach``: a number of words, at least 1, or absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleSetError(
            f"Invalid before_reach in {path}: {value!r}; expected a whole number of words, at least 1 "
            "(before_reach = 6), or leave it out to read the setting ambiguity_before."
        )
    return value


def _context_lists(data: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The context word lists of ``context.toml``: each table's ``words``, plus the words of
    the lists it names in ``extends`` (one level: "its president" blocks like "club president").

    >>> sorted(_context_lists({"a": {"words": ["club"]}, "b": {"extends": ["a"], "words": ["its"]}})["b"])
    ['club', 'its']
    """
    own = {
        name: frozenset(w for phrase in table.get("words", ()) for w in _WORD.findall(phrase.lower()))
        for name, table in data.items()
    }
    lists = dict(own)
    for name, table in data.items():
        for base in table.get("extends", ()):
            if base not in own:
                raise RuleSetError(
                    f"Invalid context list {name!r}: extends {base!r}, not found in context.toml; "
                    f"expected one of {sorted(own)}."
                )
            lists[name] = lists[name] | own[base]
    return lists


def load_ruleset(path: str | Path | None = None) -> RuleSet:
    """Load a rule-set folder (default: the one shipped with the package).

    The shipped rule set is read once and cached.

    Examples
    --------
    >>> rs = load_ruleset()
    >>> [r.id for r in rs.rules if r.kind == "capacity"]
    ['capacity-unofficial']
    """
    folder = default_ruleset_path() if path is None else Path(path)
    return _load(str(folder.resolve()))


@lru_cache(maxsize=8)
def _load(folder_name: str) -> RuleSet:
    folder = Path(folder_name)
    if not folder.is_dir():
        raise RuleSetError(f"Rule-set folder not found: {folder_name!r}.")
    lexicons: dict[str, tuple[str, ...]] = {}
    descriptions: dict[str, str] = {}
    groups: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    ambiguous: list[Ambiguity] = []
    for lex_path in sorted((folder / "lexicons").glob("*.toml")):
        name, description, lex_groups, lex_ambiguous = _lexicon_file(lex_path)
        phrases = tuple(p for _, ps in lex_groups for p in ps) + tuple(a.phrase for a in lex_ambiguous)
        lexicons[name] = phrases
        descriptions[name] = description
        groups[name] = tuple(lex_groups)
        ambiguous.extend(lex_ambiguous)
    context_data = _read_toml(folder / "context.toml")
    context = _context_lists(context_data)
    rules = tuple(
        _rule(r, "rules.toml") for r in _entries(_read_toml(folder / "rules.toml"), "rule", "rules.toml")
    )
    for rule in rules:
        if rule.acts_with is not None and rule.acts_with not in context:
            raise RuleSetError(
                f"Invalid rule {rule.id!r}: acts_with names the context list {rule.acts_with!r}, "
                f"not found in context.toml; expected one of {sorted(context)}."
            )
    for amb in ambiguous:
        named = [ctx for _, ctx in amb.contexts()] + ([amb.reach_through] if amb.reach_through else [])
        for ctx in named:
            if ctx not in context:
                raise RuleSetError(
                    f"Invalid ambiguous entry {amb.phrase!r} in lexicon {amb.lexicon!r}: context list "
                    f"{ctx!r} not found in context.toml; expected one of {sorted(context)}."
                )
    decisions = tuple(
        _decision(d, "decisions.toml")
        for d in _entries(_read_toml(folder / "decisions.toml"), "decision", "decisions.toml")
    )
    settings = EngineSettings.from_mapping(_read_toml(folder / "settings.toml"))
    overlaps = _read_toml(folder / "overlaps.toml")
    profiles = {p.name: p for p in map(load_profile, sorted((folder / "profiles").glob("*.toml")))}
    meta = _read_toml(folder / _VERSION_FILE)
    releases = tuple(meta.get("release", ()))
    return RuleSet(
        version=str(meta.get("version", "unversioned")),
        sha256=data_sha256(folder),
        lexicons=lexicons,
        ambiguous=tuple(ambiguous),
        context=context,
        rules=rules,
        decisions=decisions,
        settings=settings,
        descriptions=descriptions,
        groups=groups,
        overlaps=overlaps,
        releases=releases,
        profiles=profiles,
        path=folder_name,
    )


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The words a phrase matches after stemming (``!`` and ``*`` kept), for comparisons.

    Examples
    --------
    >>> phrase_key("Heads of State") == phrase_key("head of state")
    True
    """
    exact = phrase.endswith("!")
    words = _WORD.findall(phrase.rstrip("!").replace("*", " _ANY_ "))
    key = tuple("*" if w == "_ANY_" else stem(w) for w in words)
    return key + ((words[-1].lower() + "!",) if exact and words else ())


def _trie_of(rs: RuleSet) -> dict[str, str]:
    from .rules import NATURE_KINDS

    out = {}
    for rule in rs.rules:
        if rule.lexicon:
            out[rule.lexicon] = "nature" if rule.kind in NATURE_KINDS else "participants"
    return out


def _overlap_allowed(
    lists: Iterable[str], phrase: tuple[str, ...], rs: RuleSet, trie: Mapping[str, str]
) -> bool:
    lists = sorted(set(lists))
    for entry in rs.overlaps.get("phrase", ()):
        if phrase_key(entry["phrase"]) == phrase and set(lists) <= set(entry["lists"]):
            return True
    pairs = [tuple(p["lists"]) for p in rs.overlaps.get("pair", ())]

    def pair_ok(a: str, b: str) -> bool:
        for x, y in pairs:
            if {x, y} == {"participants", "nature"} and trie.get(a) != trie.get(b):
                return True
            if (x == a and y in (b, "*")) or (x == b and y in (a, "*")):
                return True
        return False

    return all(pair_ok(a, b) for i, a in enumerate(lists) for b in lists[i + 1 :])


def lint_ruleset(rs: RuleSet | None = None, extra: str | Path | None = None) -> list[str]:
    """Problems in a rule set's data, one line each; an empty list when it is clean.

    Finds exact duplicates within a lexicon, entries the plural stemming already covers
    ("embassies" beside "embassy"), phrases in two lexicons that ``overlaps.toml`` does not
    allow, rules naming a missing lexicon, and ambiguous entries naming a missing context.

    Parameters
    ----------
    rs : RuleSet, optional
        The rule set (default: the shipped one).
    extra : str or path, optional
        A researcher's rule file (:func:`load_extension`): the rule set is linted as it
        labels with that file, its phrases added to the lexicons and its rules to the rules
        (a rule of the same id replacing the shipped one), so a phrase the shipped lexicon
        already holds, or one in another lexicon, is named.

    Examples
    --------
    >>> lint_ruleset()
    []
    """
    rs = load_ruleset() if rs is None else rs
    if extra is not None:
        rs = _extended(rs, extra)
    problems = []
    where: dict[tuple[str, ...], list[str]] = {}
    for name, phrases in rs.lexicons.items():
        seen: dict[tuple[str, ...], str] = {}
        for phrase in phrases:
            key = phrase_key(phrase)
            if key in seen:
                kind = "an exact duplicate" if seen[key] == phrase else "covered by stemming"
                problems.append(f"{name}: {phrase!r} is {kind} of {seen[key]!r}")
                continue
            seen[key] = phrase
            where.setdefault(key, []).append(name)
    trie = _trie_of(rs)
    for key, lists in where.items():
        if len(lists) > 1 and not _overlap_allowed(lists, key, rs, trie):
            problems.append(
                f"{' '.join(key)!r} is in lexicons {lists}: keep it in one, or allow it in "
                "overlaps.toml with a reason"
            )
    for rule in rs.rules:
        if rule.kind not in KINDS:
            problems.append(f"rule {rule.id!r}: unknown kind {rule.kind!r}")
        if rule.lexicon and rule.lexicon not in rs.lexicons:
            problems.append(f"rule {rule.id!r}: lexicon {rule.lexicon!r} not found")
    used = {r.lexicon for r in rs.rules if r.lexicon}
    for name in rs.lexicons:
        if name not in used:
            problems.append(f"lexicon {name!r} is used by no rule")
    return problems


def _extended(rs: RuleSet, extra: str | Path) -> RuleSet:
    """``rs`` with a rule file's lexicon phrases and cue rules added, as the rules method
    reads them (a lexicon name no rule reads is refused, as there)."""
    from dataclasses import replace

    extra_lexicon, extra_rules, _ = load_extension(extra)
    check_lexicon_names(extra_lexicon, rs.lexicons, [*rs.rules, *extra_rules], extra)
    lexicons = dict(rs.lexicons)
    for name, phrases in extra_lexicon.items():
        lexicons[name] = lexicons.get(name, ()) + tuple(phrases)
    rules = {r.id: r for r in rs.rules} | {r.id: r for r in extra_rules}
    return replace(rs, lexicons=lexicons, rules=tuple(rules.values()))


def load_extension(path: str | Path) -> tuple[dict[str, tuple[str, ...]], list[Rule], list[Decision] | None]:
    """Read a researcher's extra rule file: lexicon additions, cue rules, and a decision table.

    The file may hold ``[lexicon.NAME] phrases = [...]`` tables, ``[[rule]]`` entries in the
    schema of ``rules.toml``, and ``[[decision]]`` entries (which replace the decision table).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.toml"
    >>> _ = p.write_text('[lexicon.nonstate_roles]\\nphrases = ["peace journalists"]\\n')
    >>> load_extension(p)[0]
    {'nonstate_roles': ('peace journalists',)}
    """
    return read_extension(path)[:3]


def read_extension(
    path: str | Path,
) -> tuple[dict[str, tuple[str, ...]], list[Rule], list[Decision] | None, str]:
    """:func:`load_extension`, and the SHA-256 of the bytes it read (read once, so the hash
    describes exactly what was parsed)."""
    path = Path(path)
    data, raw = _read_toml_bytes(path)
    unknown = sorted(set(data) - {"lexicon", "rule", "decision", "name", "description", "version"})
    if unknown:
        raise RuleSetError(
            f"Invalid rule file {str(path)!r}: unknown tables {unknown}; expected [lexicon.NAME], "
            "[[rule]] and [[decision]]."
        )
    lexicon = _extension_lexicons(data.get("lexicon", {}), str(path))
    source = f"rule file {str(path)!r}"
    rules = [_rule(r, str(path)) for r in _entries(data, "rule", source)]
    decisions = [_decision(d, str(path)) for d in _entries(data, "decision", source)] or None
    return lexicon, rules, decisions, hashlib.sha256(raw).hexdigest()


def _extension_lexicons(tables: Any, source: str) -> dict[str, tuple[str, ...]]:
    """The ``[lexicon.NAME] phrases = [...]`` tables of a rule file, checked: each a table whose
    only key is ``phrases``, a list of phrases in quotes (see :func:`diplotrack.matching.phrase_problem`)."""
    if not isinstance(tables, Mapping):
        raise RuleSetError(
            f"Invalid rule file {source!r}: lexicon is {_describe(tables)}, expected tables "
            "[lexicon.NAME], each with phrases = [...]: write [lexicon.nonstate_roles] and, on the next "
            'line, phrases = ["midwives", "beekeepers"].'
        )
    out = {}
    for name, table in tables.items():
        where = f"[lexicon.{name}] in {source!r}"
        if not isinstance(table, Mapping):
            raise RuleSetError(
                f"Invalid rule file {source!r}: lexicon {name!r} is {_describe(table)}, expected a table "
                f"[lexicon.{name}] holding phrases = [...]: write [lexicon.{name}] and, on the next line, "
                f"phrases = [...]."
            )
        unknown = sorted(set(table) - {"phrases"})
        if unknown:
            raise RuleSetError(
                f"Invalid {where}: unknown keys {unknown}; the only key allowed is 'phrases' "
                '(phrases = ["...", "..."]); write a note as a # comment.'
            )
        if "phrases" not in table:
            raise RuleSetError(
                f'Invalid {where}: it holds no phrases = [...]; add phrases = ["...", "..."] or remove '
                "the table."
            )
        phrases = table["phrases"]
        if not isinstance(phrases, list):
            example = f"[{phrases!r}]".replace("'", '"') if isinstance(phrases, str) else '["...", "..."]'
            raise RuleSetError(
                f"Invalid {where}: phrases is {_describe(phrases)}, expected a list of phrases: "
                f"phrases = {example}."
            )
        for k, phrase in enumerate(phrases, 1):
            if not isinstance(phrase, str):
                raise RuleSetError(
                    f"Invalid {where}: phrase {k} is {_describe(phrase)}, expected a phrase in quotes "
                    '(phrases = ["midwives", "water engineers"]).'
                )
            problem = phrase_problem(phrase)
            if problem is not None:
                raise RuleSetError(f"Invalid phrase {phrase!r} in [lexicon.{name}] of {source!r}: {problem}")
        out[name] = tuple(phrases)
    return out


def check_lexicon_names(
    lexicon: Iterable[str], known: Iterable[str], rules: Iterable[Rule], source: str | Path | None = None
) -> None:
    """Refuse a new lexicon name that no rule reads.

    Such a name is most likely a typo ("nonstate_role"), and its phrases would silently change
    nothing. A name of the rule set's own lexicons, or one a rule names, is fine.

    Examples
    --------
    >>> check_lexicon_names(["nonstate_roles"], load_ruleset().lexicons, load_ruleset().rules)
    >>> check_lexicon_names(["nonstate_role"], load_ruleset().lexicons, load_ruleset().rules)
    Traceback (most recent call last):
    ...
    ValueError: Invalid lexicon 'nonstate_role': no rule reads it, ... Did you mean 'nonstate_roles'? ...
    """
    known = sorted(known)
    used = {r.lexicon for r in rules}
    unread = sorted(name for name in lexicon if name not in known and name not in used)
    if unread:
        import difflib

        name = unread[0]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        where = f" (in {source})" if source is not None else ""
        raise ValueError(
            f"Invalid lexicon {name!r}{where}: no rule reads it, so its phrases would change "
            f"nothing.{hint} Extend a lexicon of the rule set (diplotrack rules list names "
            f"them), or add a [[rule]] with lexicon = {name!r} that reads it."
        )


def format_ruleset(
    rs: RuleSet | None = None, lexicon: str | None = None, extra: str | Path | None = None
) -> str:
    """The rule set as plain text: version, cue rules, decision table and lexicon sizes, or
    one lexicon's phrases in full (by group, with notes and ambiguous entries).

    Examples
    --------
    >>> print(format_ruleset(lexicon="serving").splitlines()[0])
    Lexicon serving (rule set 2026.12.58): Marks a participant as serving now (overrides a nearby 'former').
    """
    rs = load_ruleset() if rs is None else rs
    extra_lexicon, extra_rules, extra_decisions = load_extension(extra) if extra else ({}, [], None)
    check_lexicon_names(extra_lexicon, rs.lexicons, [*rs.rules, *extra_rules], extra)
    if lexicon is not None:
        if lexicon not in rs.lexicons and lexicon not in extra_lexicon:
            raise RuleSetError(f"Unknown lexicon {lexicon!r}: expected one of {sorted(rs.lexicons)}.")
        lines = [f"Lexicon {lexicon} (rule set {rs.version}): {rs.descriptions.get(lexicon, '')}"]
        for note, phrases in rs.groups.get(lexicon, ()):
            lines.append(f"  [{note or 'general'}] " + "; ".join(phrases))
        for a in rs.ambiguous:
            if a.lexicon == lexicon:
                lines.append(f"  ambiguous {a.phrase!r} ({a.describe()}): {a.note}")
        if lexicon in extra_lexicon:
            lines.append(f"  [from {extra}] " + "; ".join(extra_lexicon[lexicon]))
        return "\n".join(lines)
    rules = {r.id: r for r in rs.rules} | {r.id: r for r in extra_rules}

    def n_phrases(name: str) -> int:
        return len(rs.lexicons.get(name, ())) + len(extra_lexicon.get(name, ()))

    decisions = extra_decisions or rs.decisions
    lines = [f"Rule set {rs.version} (sha256 {rs.sha256[:12]}...) from {rs.path}", "", "Cue rules:"]
    for r in rules.values():
        pattern = f"lexicon {r.lexicon} ({n_phrases(r.lexicon)} phrases)" if r.lexicon else f"regex {r.regex}"
        if r.acts_with:
            pattern += f", only before a verb of {r.acts_with}"
        if r.staff_weight is not None:
            pattern += f", its people in person w={r.staff_weight}"
        if r.fallback:
            pattern += ", only where no other rule finds anyone taking part"
        lines.append(f"  {r.id:<34} {r.kind:<18} {str(r.supports or '-'):<10} w={r.weight:<5} {pattern}")
        lines.append(f"  {'':<34} {r.description or '(no description: add description = ... to the rule)'}")
    lines += ["", "Decisions, tried in order:"]
    for k, d in enumerate(decisions, 1):
        cond = " and ".join(d.when) or "always"
        if d.unless:
            cond += " unless " + " or ".join(d.unless)
        lines.append(f"  {k:>2}. {d.id} -> {d.label or 'none'} when {cond}: {d.description}")
    lines += ["", "Ambiguous entries (discarded in the contexts named):"]
    for a in rs.ambiguous:
        lines.append(f"  {a.lexicon}: {a.phrase!r} ({a.describe()})")
    lines += ["", "Print one lexicon in full with: diplotrack rules list --lexicon NAME"]
    return "\n".join(lines)


def load_profile(path: str | Path) -> Profile:
    """Read a definition profile from a TOML file (``name``, ``description``, ``who_uses`` and
    ``[[insert]]`` decisions, each with ``before`` naming an existing decision).

    Examples
    --------
    >>> p = load_profile(default_ruleset_path() / "profiles" / "facilitated-1.5.toml")
    >>> p.name, p.inserts[0][1].label
    ('facilitated-1.5', 'Track 1.5')
    """
    path = Path(path)
    data = _read_toml(path, "definition profile file")
    source = f"definition file {str(path)!r}"
    unknown = sorted(set(data) - {"name", "description", "who_uses", "insert"})
    if unknown:
        raise RuleSetError(
            f"Invalid {source}: unknown keys {unknown}; expected name, description, who_uses and "
            "[[insert]] tables."
        )
    for key in ("name", "description", "who_uses"):
        if key in data and not isinstance(data[key], str):
            raise RuleSetError(
                f"Invalid {source}: {key} must be a string in quotes, got {_describe(data[key])}."
            )
    if "name" in data and not data["name"].strip():
        raise RuleSetError(
            f'Invalid {source}: name is empty; give the definition a name (name = "my-codebook").'
        )
    inserts = []
    for entry in _entries(data, "insert", source):
        entry = dict(entry)
        before = entry.pop("before", None)
        if not before:
            raise RuleSetError(
                f"Invalid {source}: every [[insert]] needs 'before', the id of the decision it goes before."
            )
        if not isinstance(before, str):
            raise RuleSetError(
                f"Invalid {source}: before must be the id of a decision in quotes, got {_describe(before)}."
            )
        inserts.append((before, _decision(entry, str(path))))
    return Profile(
        name=data.get("name", path.stem),
        description=data.get("description", ""),
        who_uses=data.get("who_uses", ""),
        inserts=tuple(inserts),
        path=str(path),
    )


def resolve_definition(definition: str | Path | Profile | None, rs: RuleSet | None = None) -> Profile:
    """The profile named by ``definition``: a shipped name, a ``.toml`` file, or a Profile.

    Examples
    --------
    >>> resolve_definition(None).name
    'guideline'
    >>> resolve_definition("track-3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplotrack.ruleset.RuleSetError: Unknown definition 'track-3': expected one of ...
    """
    rs = load_ruleset() if rs is None else rs
    if definition is None:
        return rs.profiles["guideline"]
    if isinstance(definition, Profile):
        return definition
    name = str(definition)
    if name in rs.profiles:
        return rs.profiles[name]
    if name.endswith(".toml") or Path(name).is_file():
        profile = load_profile(name)
        shipped = rs.profiles.get(profile.name)
        if shipped is not None and Path(shipped.path).resolve() != Path(name).resolve():
            # Verdicts would say "Definition: guideline" for labels the shipped one does not give.
            raise RuleSetError(
                f"Invalid definition file {name!r}: it is named {profile.name!r}, the name of a shipped "
                "definition, which every verdict and explanation would then name for labels that "
                'definition does not give. Give it a name of its own (name = "my-codebook"); the '
                f"shipped names are {sorted(rs.profiles)}."
            )
        return profile
    raise RuleSetError(
        f"Unknown definition {name!r}: expected one of {sorted(rs.profiles)}, or the path of a .toml "
        "file of your own (see docs/guideline.md)."
    )
