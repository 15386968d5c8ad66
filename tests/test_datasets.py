"""Checks on the bundled labelled dataset (``datasets/engagements.csv``) and the example cases.

The dataset grows as region batches are merged, so the count checks are minimums, not
exact figures. When a check fails because of the data, the message names the rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from diplotrack.datasets import dataset_sha256, load_engagements, load_examples

EXPECTED_COLUMNS = [
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
]
TEXT_COLUMNS = ["id", "description", "participants", "formality", "purpose", "rationale", "event"]
CATEGORICAL_COLUMNS = ["track", "origin", "split", "style"]
TRACKS = ["Track 1", "Track 1.5", "Track 2"]
LABELS = {*TRACKS, "none"}
ORIGINS = {"real", "fictional"}
SPLITS = {"train", "test"}
STYLES = {"event_page", "press_release", "news", "encyclopedia", "database_row", "report",
          "academic", "blog", "minutes", "social_post", "agenda", "memoir", "op_ed", "parliamentary",
          # round 4: pages full of diplomatic words that describe no engagement
          "obituary", "biography", "job_advert", "consular_page", "course_page", "explainer",
          # round 40: everyday texts (public notices, small ads and menus, web pages and their boilerplate)
          "notice", "advert", "web_page"}

#: The near-duplicate measure used when the corpus was built (see DATASHEET.md).
NEAR_DUP_THRESHOLD = 0.8
#: Templating guard: no run of this many words may be shared by more than MAX_SHARING cases.
NGRAM = 8
MAX_SHARING = 3


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return load_engagements()


@pytest.fixture(scope="module")
def raw_cells() -> pd.DataFrame:
    """``engagements.csv`` as written, every cell a string, read once for all batch files."""
    return pd.read_csv(_DATASETS / "engagements.csv", dtype=str, keep_default_na=False).set_index("id")


@pytest.fixture(scope="module")
def examples() -> pd.DataFrame:
    return load_examples()


@pytest.fixture(scope="module")
def similarity(df):
    """Pairwise cosine similarity of the descriptions (diagonal zeroed); see test docstrings."""
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vec.fit_transform(df["description"])
    sim = cosine_similarity(x)
    np.fill_diagonal(sim, 0.0)
    return sim


def _words(text: str) -> int:
    return len(text.split())


def _show(ids, limit: int = 20) -> str:
    ids = list(ids)
    more = f" ... and {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(map(str, ids[:limit])) + more


def test_columns_in_order(df):
    assert list(df.columns) == EXPECTED_COLUMNS


@pytest.mark.parametrize("column", TEXT_COLUMNS)
def test_text_columns_are_strings_without_nan(df, column):
    assert pd.api.types.is_string_dtype(df[column]), f"{column} has dtype {df[column].dtype}"
    assert not df[column].isna().any(), (
        f"{column} has NaN in rows {_show(df.loc[df[column].isna(), 'id'])}; blanks must be ''"
    )
    assert df[column].map(type).eq(str).all(), f"{column} holds non-str values"


@pytest.mark.parametrize("column", CATEGORICAL_COLUMNS)
def test_categorical_columns(df, column):
    assert isinstance(df[column].dtype, pd.CategoricalDtype), f"{column} is {df[column].dtype}"


def test_contested_is_bool(df):
    assert df["contested"].dtype == bool


@pytest.mark.parametrize(
    ("column", "allowed"),
    [("track", LABELS), ("origin", ORIGINS), ("split", SPLITS), ("style", STYLES)],
    ids=["track", "origin", "split", "style"],
)
def test_allowed_values(df, column, allowed):
    bad = df[~df[column].isin(allowed)]
    assert bad.empty, f"unexpected {column} values {sorted(set(bad[column]))} in {_show(bad['id'])}"


def test_required_text_not_blank(df):
    for column in ("id", "description", "rationale"):
        blank = df[df[column].str.strip() == ""]
        assert blank.empty, f"blank {column} in rows {_show(blank['id'])}"


def test_event_key_iff_real(df):
    real_no_key = df[(df["origin"] == "real") & (df["event"].str.strip() == "")]
    fictional_key = df[(df["origin"] == "fictional") & (df["event"].str.strip() != "")]
    assert real_no_key.empty, f"real cases without an event key: {_show(real_no_key['id'])}"
    assert fictional_key.empty, f"fictional cases with an event key: {_show(fictional_key['id'])}"


def test_dataset_sha256_is_hex_digest():
    digest = dataset_sha256()
    assert re.fullmatch(r"[0-9a-f]{64}", digest), digest


def test_at_least_600_engagement_cases(df):
    n = int((df["track"] != "none").sum())
    assert n >= 600, f"only {n} engagement cases (Track 1/1.5/2); need >= 600"


@pytest.mark.parametrize("track", TRACKS)
def test_at_least_180_per_track(df, track):
    n = int((df["track"] == track).sum())
    assert n >= 180, f"only {n} {track} cases; need >= 180"


def test_at_least_80_non_engagements(df):
    n = int((df["track"] == "none").sum())
    assert n >= 80, f"only {n} 'none' cases; need >= 80"


def test_at_least_250_real_engagements(df):
    n = int(((df["origin"] == "real") & (df["track"] != "none")).sum())
    assert n >= 250, f"only {n} real engagement cases; need >= 250"


def test_test_split_is_at_least_a_quarter(df):
    share = float((df["split"] == "test").mean())
    assert share >= 0.25, f"test split is {share:.1%} of the data; need >= 25%"


@pytest.mark.parametrize("origin", sorted(ORIGINS))
@pytest.mark.parametrize("track", TRACKS)
def test_test_split_has_every_track_and_origin(df, track, origin):
    n = int(((df["split"] == "test") & (df["track"] == track) & (df["origin"] == origin)).sum())
    assert n > 0, f"test split has no {origin} {track} case"


def test_test_split_has_non_engagements(df):
    n = int(((df["split"] == "test") & (df["track"] == "none")).sum())
    assert n > 0, "test split has no 'none' case"


@pytest.mark.parametrize("style", ["event_page", "press_release", "news"])
def test_at_least_60_per_main_style(df, style):
    n = int((df["style"] == style).sum())
    assert n >= 60, f"only {n} {style} cases; need >= 60"


def test_description_lengths(df):
    words = df["description"].map(_words)
    bad = df.loc[(words < 6) | (words > 300), "id"]
    shown = _show(f"{i} ({n} words)" for i, n in zip(bad, words[bad.index], strict=True))
    assert bad.empty, f"descriptions outside 6..300 words: {shown}"


_DATASETS = Path(__file__).resolve().parents[1] / "datasets"
#: The writers' batches of the real-styled rounds (4 on), read off the dataset's ids
#: ("r24h-017" is batch r24h of round 24).
_BATCHES = sorted(
    {m.group(1) for i in pd.read_csv(_DATASETS / "engagements.csv", usecols=["id"])["id"]
     if (m := re.fullmatch(r"(r\d+[a-z])-\d+", i))},
    key=lambda b: (int(b[1:-1]), b),
)
_ROUNDS = sorted({int(b[1:-1]) for b in _BATCHES})
#: The smallest size and number of non-engagements of each round; others from 29 on, 250 and 80.
#: Round 23 has 79 since r23b-059 was relabelled Track 2, round 20 has 79 since r20c-002 became
#: Track 1 in the re-check of standing bodies (see the datasheet's labels changed).
_ROUND_MINIMUMS = {
    4: (300, 80), 5: (250, 60), 6: (200, 50), 7: (200, 60), 8: (200, 50), 9: (200, 60),
    10: (150, 30), 11: (150, 40), 12: (150, 40), 13: (150, 40), 14: (140, 40), 15: (140, 40),
    16: (140, 50), 17: (140, 40), 18: (140, 40), 19: (140, 40), 20: (280, 79), 21: (280, 80),
    22: (280, 80), 23: (280, 79), 24: (560, 150), 25: (280, 72), 26: (280, 72), 27: (280, 72),
    28: (280, 72), 32: (90, 0),  # round 32 is engagements only, told in the words of diplomacy
    33: (120, 10),  # round 33: standing efforts told as a whole, few non-engagements
    34: (80, 0),  # round 34 is engagements only, in the plural vocabulary of dialogues
    35: (80, 25),  # round 35: standing efforts that describe themselves, a third not engagements
    36: (80, 25),  # round 36: standing efforts told by their aims alone, a third not engagements
    37: (80, 25),  # round 37: reports of one meeting with the figures behind it, a third not engagements
    38: (80, 50),  # round 38: meetings called off or denied, two thirds not engagements
    39: (80, 50),  # round 39: one side's acts and home occasions, two thirds not engagements
    40: (140, 110),  # round 40: everyday texts with no diplomacy, most short, and short engagements
    41: (90, 30),  # round 41: short engagements inside other stories, summonses, letters; a third not engagements
    42: (90, 40),  # round 42: meetings held after all or only asked for, refused, denied or urged; recalls; half not engagements
    43: (80, 30),  # round 43: meetings of one state's own officials at home, and the same settings with another side in the room
}
#: Rounds written short on purpose, and their bounds in words: everyday texts are mostly a line
#: or two (a forecast, a score, a notice), as the guideline's "No engagement at all" are.
_ROUND_WORDS = {40: (6, 200)}


def test_real_styled_rounds_run_without_gaps():
    """Every round from 4 to the latest is in the dataset: none was dropped by a merge."""
    assert _ROUNDS == list(range(4, _ROUNDS[-1] + 1)), _ROUNDS
    assert _ROUNDS[-1] >= 32


@pytest.mark.parametrize("number", _ROUNDS, ids=[f"round-{n}" for n in _ROUNDS])
def test_real_styled_rounds(df, number):
    """Rounds 4 on reproduce real pages: 80-300 words (round 40's everyday texts, 6-200),
    realistic non-engagements, and the same test share as the rest of the dataset."""
    min_cases, min_none = _ROUND_MINIMUMS.get(number, (250, 80))
    prefix = f"r{number}"
    rnd = df[df["id"].str.fullmatch(rf"{prefix}[a-z]-\d+")]
    assert len(rnd) >= min_cases, f"only {len(rnd)} {prefix} cases"
    words = rnd["description"].map(_words)
    low, high = _ROUND_WORDS.get(number, (80, 300))
    short = rnd.loc[(words < low) | (words > high), "id"]
    assert short.empty, f"{prefix} descriptions outside {low}..{high} words: {_show(short)}"
    n_none = int((rnd["track"] == "none").sum())
    assert n_none >= min_none, f"only {n_none} {prefix} non-engagements"
    share = (rnd["split"] == "test").mean()
    assert 0.22 <= share <= 0.32, f"{prefix} test share {share:.0%}, expected about 27%"


@pytest.mark.slow  # seconds over the whole corpus; the data is the same under any library version
def test_events_with_alike_keys_in_both_splits_were_read_as_different(df):
    """A real event under two spellings of its key would sit in both splits unseen by the
    same-event test (seven did, until round 31). Keys in different splits that share two words
    (beyond the commonest) and a year must be listed in ``tests/data/alike_event_keys.csv``,
    read and found to be different meetings; a new pair fails here until someone reads it."""
    common = {"dialogue", "talks", "meeting", "visit", "conference", "round", "the", "of", "and",
              "forum", "summit", "us", "un", "track2", "track", "two", "ii", "peace", "civil",
              "society", "india", "pakistan", "china", "israel", "palestinian", "russia", "north",
              "korea", "south", "iran", "eu"}

    def words(key):
        return {w for w in key.split("-") if w and w not in common and not w.isdigit()}

    splits = df[df["event"] != ""].groupby("event")["split"].agg(lambda s: frozenset(s))
    keys = sorted(splits.index)
    alike = {
        (a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
        if splits[a] != splits[b] and len(words(a) & words(b)) >= 2
        and set(re.findall(r"\d{4}", a)) & set(re.findall(r"\d{4}", b))
    }
    read = pd.read_csv(Path(__file__).parent / "data" / "alike_event_keys.csv", dtype=str)
    known = set(zip(read["event_a"], read["event_b"], strict=True))
    assert read["why_different"].str.len().gt(10).all(), "every pair needs its reason"
    assert not alike - known, f"event keys alike across the split, not yet read: {sorted(alike - known)}"


def test_unique_ids(df):
    dup = df.loc[df["id"].duplicated(keep=False), "id"]
    assert dup.empty, f"duplicate ids: {_show(sorted(set(dup)))}"


def test_no_exact_duplicate_descriptions(df):
    norm = df["description"].str.lower().str.split().str.join(" ")
    dup = df.loc[norm.duplicated(keep=False), "id"]
    assert dup.empty, f"identical descriptions (ignoring case and spacing): {_show(dup)}"


def _pairs_above(sim, df, mask_rows=None, mask_cols=None):
    rows = np.arange(len(df)) if mask_rows is None else np.flatnonzero(mask_rows)
    cols = np.arange(len(df)) if mask_cols is None else np.flatnonzero(mask_cols)
    sub = sim[np.ix_(rows, cols)]
    hits = np.argwhere(sub > NEAR_DUP_THRESHOLD)
    seen, out = set(), []
    for r, c in hits:
        a, b = sorted((rows[r], cols[c]))
        if (a, b) not in seen:
            seen.add((a, b))
            out.append(f"{df['id'].iat[a]}~{df['id'].iat[b]} ({sim[a, b]:.2f})")
    return out


@pytest.mark.slow  # seconds over the whole corpus; the data is the same under any library version
def test_no_near_duplicates(df, similarity):
    """No two descriptions are near-duplicates.

    Measure: TF-IDF over word unigrams and bigrams with sublinear term frequency
    (scikit-learn defaults otherwise: lowercased, default token pattern, l2 norm), fitted
    on all descriptions; cosine similarity > 0.8 counts as a near-duplicate.
    """
    pairs = _pairs_above(similarity, df)
    assert not pairs, f"near-duplicate descriptions (cosine > {NEAR_DUP_THRESHOLD}): {_show(pairs)}"


@pytest.mark.slow  # seconds over the whole corpus; the data is the same under any library version
def test_no_near_duplicates_across_split(df, similarity):
    """No test description is a near-duplicate of a train description (same measure)."""
    test = (df["split"] == "test").to_numpy()
    pairs = _pairs_above(similarity, df, mask_rows=test, mask_cols=~test)
    assert not pairs, f"train/test near-duplicates (cosine > {NEAR_DUP_THRESHOLD}): {_show(pairs)}"


def test_no_real_event_in_both_splits(df):
    real = df[df["event"].str.strip() != ""]
    per_event = real.groupby("event")["split"].nunique()
    leaked = sorted(per_event[per_event > 1].index)
    assert not leaked, f"real events with cases in both train and test: {_show(leaked)}"


_REASON = re.compile(
    r"\b(?:disput\w*|contest\w*|debat\w*|arguabl\w*|because|but|yet|though|although|however|"
    r"while|some\b[^.;]*\b(?:would|see|treat|call|read)|could|might|can be)\b",
    re.IGNORECASE,
)


def test_contested_cases_explain_why(df):
    """Every contested case gives a rationale of some length that states the disagreement."""
    contested = df[df["contested"]]
    assert len(contested) > 0, "no contested cases at all; the guideline expects some"
    short = contested.loc[contested["rationale"].map(_words) < 12, "id"]
    assert short.empty, f"contested cases with a rationale under 12 words: {_show(short)}"
    no_reason = contested.loc[~contested["rationale"].str.contains(_REASON), "id"]
    assert no_reason.empty, (
        "contested cases whose rationale does not say why the label is disputable "
        f"(no 'disputable because', 'but', 'some would ...'): {_show(no_reason)}"
    )


def _content_words(text: str) -> list[str]:
    """Lowercased words of ``text`` with capitalised and numeric tokens removed.

    Capitalised words (names of people, places, organisations; also acronyms and
    sentence-initial words) and tokens with digits (dates, figures) are the slots a
    template fills in differently for each case. They are *dropped and the remaining
    words joined up*, not used as breaks: a template "X and Y signed the accord in Z on
    D" then leaves the same run of fixed words whatever names fill it, so it is caught.
    """
    words = []
    for token in text.split():
        token = token.strip(".,;:!?()[]{}\"'‘’“”—–-/")
        if not token or token[0].isupper() or any(ch.isdigit() for ch in token):
            continue
        words.append(token.lower())
    return words


def _shared_sequences(ids, texts) -> dict[str, set[str]]:
    """Runs of NGRAM content words that occur in more than MAX_SHARING cases, with the cases."""
    cases = defaultdict(set)
    for case_id, text in zip(ids, texts, strict=True):
        words = _content_words(text)
        for i in range(len(words) - NGRAM + 1):
            cases[" ".join(words[i : i + NGRAM])].add(case_id)
    return {g: ids for g, ids in cases.items() if len(ids) > MAX_SHARING}


def test_templating_guard_catches_a_template_with_different_names():
    template = "{a} and {b} met in {c} on {d} and agreed to resume the stalled talks on water sharing."
    fills = [
        ("Ana", "Boris", "Oslo", "3 May"),
        ("Chen Wei", "Dara", "Nairobi", "1990"),
        ("Emil", "Farah Khan", "Lima", "12 June 2001"),
        ("Gita", "Hugo", "New Delhi", "May"),
    ]
    texts = [template.format(a=a, b=b, c=c, d=d) for a, b, c, d in fills]
    assert _shared_sequences(["1", "2", "3", "4"], texts), "guard missed a four-times filled template"
    assert not _shared_sequences(["1", "2", "3"], texts[:3]), "three cases sharing a phrase are allowed"


@pytest.mark.slow  # seconds over the whole corpus; the data is the same under any library version
def test_no_templated_descriptions(df):
    """Templating guard: no run of 8 consecutive content words is shared by more than 3 cases.

    See ``_content_words`` for how names are skipped.
    """
    shared = _shared_sequences(df["id"], df["description"])
    report = [
        f"'{g}' in {len(ids)} cases ({_show(sorted(ids), 6)})"
        for g, ids in sorted(shared.items(), key=lambda kv: -len(kv[1]))
    ]
    assert not shared, f"{len(shared)} word sequences repeated across cases: " + "; ".join(report[:15])


@pytest.mark.parametrize("split", ["train", "test"])
def test_load_one_split(df, split):
    part = load_engagements(split=split)
    assert len(part) > 0
    assert set(part["split"]) == {split}
    assert len(part) == int((df["split"] == split).sum())
    assert list(part.index) == list(range(len(part))), "index should be reset"
    assert isinstance(part["track"].dtype, pd.CategoricalDtype)


def test_splits_partition_the_data(df):
    train, test = load_engagements(split="train"), load_engagements(split="test")
    assert len(train) + len(test) == len(df)
    assert not set(train["id"]) & set(test["id"])


@pytest.mark.parametrize("bad", ["dev", "Test", "validation", "", "all"], ids=repr)
def test_invalid_split_raises_helpful_error(bad):
    with pytest.raises(ValueError, match=r"Invalid split: expected .*'train'.*'test'") as err:
        load_engagements(split=bad)
    assert repr(bad) in str(err.value), f"message does not echo the bad value: {err.value}"


EXAMPLE_COLUMNS = ["case_id", "description", "participants", "formality", "purpose", "source_note"]
#: The expected label of an example is encoded in its case_id prefix (examples.csv has no track column).
EXAMPLE_PREFIX = {"t1-": "Track 1", "t15-": "Track 1.5", "t2-": "Track 2", "none-": "none"}


def _example_label(case_id: str) -> str | None:
    return next((label for prefix, label in EXAMPLE_PREFIX.items() if case_id.startswith(prefix)), None)


def test_examples_columns_and_text(examples):
    assert list(examples.columns) == EXAMPLE_COLUMNS
    assert len(examples) >= 10
    assert examples["case_id"].is_unique
    assert not examples.isna().any().any()
    assert (examples["description"].str.strip() != "").all()


def test_examples_source_notes(examples):
    bad = examples.loc[~examples["source_note"].str.match(r"^(real: \S.*|invented)$"), "case_id"]
    assert bad.empty, f"source_note must be 'real: <event>' or 'invented': {_show(bad)}"


def test_examples_cover_all_tracks_and_none(examples):
    labels = examples["case_id"].map(_example_label)
    unlabelled = examples.loc[labels.isna(), "case_id"]
    assert unlabelled.empty, f"case_id without a t1-/t15-/t2-/none- prefix: {_show(unlabelled)}"
    counts = labels.value_counts()
    for track in TRACKS:
        assert counts.get(track, 0) >= 3, f"examples have {counts.get(track, 0)} {track} cases; need >= 3"
    assert counts.get("none", 0) >= 1, "examples have no non-engagement"


def test_examples_include_a_structured_fields_case(examples):
    fields = (examples[["participants", "formality", "purpose"]] != "").all(axis=1)
    terse = examples["description"].map(_words) <= 6
    assert (fields & terse).any(), "no example with a terse description and all structured fields"


@pytest.mark.slow  # seconds over the whole corpus; the data is the same under any library version
def test_examples_are_not_copied_from_the_corpus(df, examples):
    """Examples are written fresh: none is a near-duplicate of a corpus description."""
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    vec.fit(pd.concat([df["description"], examples["description"]]))
    sim = cosine_similarity(vec.transform(examples["description"]), vec.transform(df["description"]))
    hits = [
        f"{examples['case_id'].iat[i]}~{df['id'].iat[j]} ({sim[i, j]:.2f})"
        for i, j in np.argwhere(sim > NEAR_DUP_THRESHOLD)
    ]
    assert not hits, f"examples too close to corpus rows: {_show(hits)}"


def test_profile_labels_differ_only_where_the_profile_applies(df):
    """Each shipped profile's label column equals ``track`` except on the cases the profile
    turns on, and every difference gives its reason in ``profile_note``."""
    capacity = df["track_private_capacity_track_2"].astype(str)
    facilitated = df["track_facilitated_1_5"].astype(str)
    track = df["track"].astype(str)
    changed = df[(capacity != track) | (facilitated != track)]
    assert len(changed) >= 50
    assert set(zip(track[capacity != track], capacity[capacity != track])) == {("Track 1.5", "Track 2")}
    assert set(zip(track[facilitated != track], facilitated[facilitated != track])) == {("Track 1", "Track 1.5")}
    for row in changed.itertuples():
        if row.track_private_capacity_track_2 != row.track:
            assert "private-capacity-track-2:" in row.profile_note, row.id
        if row.track_facilitated_1_5 != row.track:
            assert "facilitated-1.5:" in row.profile_note, row.id
    assert (df.loc[(capacity == track) & (facilitated == track), "profile_note"] == "").all()


def test_source_named_checking_set_is_well_formed():
    """``datasets/source_named.csv``: real pages that name their own track, in our words."""
    path = Path(__file__).resolve().parents[1] / "datasets" / "source_named.csv"
    sn = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(sn.columns) == ["id", "description", "source_says", "track", "private_capacity",
                                "facilitated", "reason", "url"]
    assert sn["id"].is_unique and len(sn) >= 40
    for column in ("source_says", "track", "private_capacity", "facilitated"):
        assert set(sn[column]) <= set(TRACKS), column
    assert sn["url"].str.startswith("http").all()
    assert (sn["description"].map(_words).between(30, 300)).all()


@pytest.mark.parametrize("batch", _BATCHES)
def test_writers_batch_files_match_the_dataset(batch, raw_cells):
    """Each real-styled round keeps its writers' batch files (``datasets/round4/r4a.csv`` ...);
    every row of a batch file stands in ``engagements.csv`` with the same cells, and every case
    of that batch in the dataset comes from its file."""
    batch_file = _DATASETS / f"round{batch[1:-1]}" / f"{batch}.csv"
    rows = pd.read_csv(batch_file, dtype=str, keep_default_na=False).set_index("id")
    data = raw_cells
    in_data = data[data.index.str.startswith(batch + "-")]
    assert sorted(in_data.index) == sorted(rows.index), f"{batch}: ids differ from {batch_file.name}"
    shared = [c for c in rows.columns if c in data.columns]
    assert shared == [c for c in rows.columns], f"{batch}: columns not in engagements.csv"
    differing = [i for i in rows.index if not rows.loc[i, shared].equals(data.loc[i, shared])]
    assert not differing, f"{batch}: rows differ from {batch_file.name}: {differing[:5]}"
