"""Render datasets/DATASHEET.md from template.md with figures computed from the dataset.

Reads ``datasets/engagements.csv`` (through ``diplotrack.datasets``), the round-4 re-check
``datasets/round4/relabel.csv``, the profile source ``datasets/round4/profiles.csv`` and, if
present, ``datasets/datasheet/dev_errors.md`` (the remaining errors on real third-party text,
by kind). Checks that the three files agree before writing anything.

Run after changing any of them:  python datasets/datasheet/render.py
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from diplotrack.datasets import PROFILE_COLUMNS, dataset_sha256, load_engagements, load_examples

HERE = Path(__file__).resolve().parent
DEV_ERRORS = HERE / "dev_errors.md"
DEV_ERRORS_MISSING = "To be measured."

T = ["Track 1", "Track 1.5", "Track 2", "none"]
#: Writing batches (id prefixes) of each round, in the order the tables list them.
ROUNDS = {
    1: ["eur", "mena", "afr", "asp", "sca", "ame", "glb"],
    2: ["xam", "xas", "xea", "xgl"],
    3: ["ya", "yb"],
    4: ["r4a", "r4b", "r4c"],
    5: ["r5a", "r5b", "r5c"],
    6: ["r6a", "r6b", "r6c"],
    7: ["r7a", "r7b", "r7c"],
    8: ["r8a", "r8b", "r8c"],
    9: ["r9a", "r9b", "r9c"],
    10: ["r10a", "r10b"],
    11: ["r11a", "r11b"],
    12: ["r12a", "r12b"],
    13: ["r13a", "r13b"],
    14: ["r14a", "r14b"],
    15: ["r15a", "r15b"],
    16: ["r16a", "r16b"],
    17: ["r17a", "r17b"],
    18: ["r18a", "r18b"],
    19: ["r19a", "r19b"],
    20: ["r20a", "r20b", "r20c", "r20d"],
    21: ["r21a", "r21b", "r21c", "r21d"],
    22: ["r22a", "r22b", "r22c", "r22d"],
    23: ["r23a", "r23b", "r23c", "r23d"],
    24: ["r24a", "r24b", "r24c", "r24d", "r24e", "r24f", "r24g", "r24h"],
    25: ["r25a", "r25b", "r25c", "r25d"],
    26: ["r26a", "r26b", "r26c", "r26d"],
    27: ["r27a", "r27b", "r27c", "r27d"],
    28: ["r28a", "r28b", "r28c", "r28d"],
    29: ["r29a", "r29b", "r29c", "r29d"],
    30: ["r30a", "r30b", "r30c", "r30d"],
    31: ["r31a", "r31b", "r31c", "r31d"],
    32: ["r32a", "r32b"],
    33: ["r33a", "r33b", "r33c"],
    34: ["r34a", "r34b"],
    35: ["r35a", "r35b"],
    36: ["r36a", "r36b"],
    37: ["r37a", "r37b"],
    38: ["r38a", "r38b"],
    39: ["r39a", "r39b"],
    40: ["r40a", "r40b", "r40c"],
    41: ["r41a", "r41b"],
    42: ["r42a", "r42b"],
    43: ["r43a", "r43b"],
}
BATCH_ROUND = {b: r for r, batches in ROUNDS.items() for b in batches}
#: The real-styled rounds (4 on) keep their writers' batch files and profile rows in a folder each.
ROUND_DIRS = {r: HERE.parent / f"round{r}" for r in ROUNDS if r >= 4}
#: The guideline section a re-check row cites: (name in the table, name in the summary sentence).
SECTIONS = {
    "rule 10": ("rule 10 (officials at the edges of an event)", "rule 10"),
    "rule 11": ("rule 11 (who counts as an official)", "rule 11"),
    "engagement": ("what counts as an engagement", "*What counts as an engagement*"),
    "standing": ("what counts as an engagement (standing bodies)", "*What counts as an engagement*"),
}
MIN_WORDS, MAX_WORDS = 6, 300


def fail(message):
    """Stop with a one-line message naming what disagrees and what to do."""
    sys.exit(f"render.py: {message}")


def pct(x):
    return f"{x:.0%}"


def md(df, first, left=()):
    """A Markdown table: index as the first column; columns in ``left`` left-aligned."""
    cols = [str(c) for c in df.columns]
    align = "".join("---|" if c in left else "---:|" for c in cols)
    out = ["| " + " | ".join([first] + cols) + " |", "|---|" + align]
    for i, r in df.iterrows():
        cells = [str(v).replace("|", "\\|") for v in r]
        out.append("| " + " | ".join([str(i)] + cells) + " |")
    return "\n".join(out)


d = load_engagements()
ex = load_examples()
d["batch"] = d["id"].str.split("-").str[0]
unknown = sorted(set(d["batch"]) - set(BATCH_ROUND))
if unknown:
    fail(f"unknown id prefixes {unknown} in engagements.csv; add them to ROUNDS in render.py.")
d["round"] = d["batch"].map(BATCH_ROUND)
words = d["description"].str.split().str.len()
if not words.between(MIN_WORDS, MAX_WORDS).all():
    bad = d.loc[~words.between(MIN_WORDS, MAX_WORDS), "id"].tolist()
    fail(f"descriptions outside {MIN_WORDS}-{MAX_WORDS} words: {bad}; the datasheet states that range.")
track = d["track"].astype(str)


def counts(col, order=None):
    vc = d[col].value_counts()
    if order:
        vc = vc.reindex(order).fillna(0).astype(int)
    t = pd.DataFrame({"cases": vc, "share": (vc / len(d)).map(pct)})
    return md(t, col)


# track x origin
to = pd.crosstab(d.track, d.origin).reindex(T).fillna(0).astype(int)
to["total"] = to.sum(axis=1)
to["real share"] = (to["real"] / to["total"]).map(pct)
to.loc["all"] = [to["fictional"].sum(), to["real"].sum(), to["total"].sum(), pct(to["real"].sum() / len(d))]
track_origin = md(to, "track")

ts = pd.crosstab(d.track, [d.split, d.origin]).reindex(T).fillna(0).astype(int)
ts.columns = [f"{a}: {b}" for a, b in ts.columns]
ts["test share"] = (pd.crosstab(d.track, d.split).reindex(T)["test"] / d.track.value_counts().reindex(T)).map(
    pct
)
tot = pd.crosstab(d.split, d.origin)
ts.loc["all"] = [tot.loc[s, o] for s in ("test", "train") for o in ("fictional", "real")] + [
    pct((d.split == "test").mean())
]
track_split = md(ts, "track")

st = pd.crosstab(d["style"], d.track).reindex(columns=T).fillna(0).astype(int)
st["total"] = st.sum(axis=1)
st["median words"] = words.groupby(d["style"]).median().astype(int)
style_table = md(st, "style")

# rounds: counts by track, and styles by round
rt = pd.crosstab(d["round"], d.track).reindex(columns=T).fillna(0).astype(int)
rt.insert(0, "batches", [", ".join(ROUNDS[r]) for r in rt.index])
rt["total"] = rt[T].sum(axis=1)
by_round = d.groupby("round")
rt["real"] = by_round.origin.apply(lambda o: int((o == "real").sum()))
rt["test"] = by_round.split.apply(lambda s: int((s == "test").sum()))
rt["test share"] = (rt["test"] / rt["total"]).map(pct)
rt["contested"] = by_round.contested.sum().astype(int)
rt["words (min-median-max)"] = words.groupby(d["round"]).agg(
    lambda w: f"{w.min()}-{int(w.median())}-{w.max()}"
)
rt.loc["all"] = (
    ["", *(int(v) for v in rt[T].sum())]
    + [len(d), int((d.origin == "real").sum()), int((d.split == "test").sum())]
    + [pct((d.split == "test").mean()), int(d.contested.sum())]
    + [f"{words.min()}-{int(words.median())}-{words.max()}"]
)
rt.index = [f"round {r}" if r != "all" else r for r in rt.index]
round_table = md(rt, "round", left=("batches",))

sr = pd.crosstab(d["style"], d["round"]).fillna(0).astype(int)
sr.columns = [f"round {r}" for r in sr.columns]
sr["total"] = sr.sum(axis=1)
style_round_table = md(sr, "style")

reg = pd.crosstab(d.batch, d.track).reindex(columns=T).fillna(0).astype(int)
reg["total"] = reg.sum(axis=1)
reg["real"] = d.groupby("batch").origin.apply(lambda o: int((o == "real").sum()))
reg.insert(0, "round", [BATCH_ROUND[b] for b in reg.index])
reg = reg.reindex([b for batches in ROUNDS.values() for b in batches if b in reg.index])
region_table = md(reg, "batch")

bins = [(6, 10), (11, 25), (26, 50), (51, 75), (76, 100), (101, 125), (126, 150), (151, 200), (201, 250)]
bins.append((251, MAX_WORDS))
hist = pd.DataFrame(
    {
        "cases": [int(((words >= a) & (words <= b)).sum()) for a, b in bins],
        "of which rounds 4-5": [
            int(((words >= a) & (words <= b) & (d["round"] >= 4)).sum()) for a, b in bins
        ],
    },
    index=[f"{a}-{b}" for a, b in bins],
)
hist.insert(1, "share", (hist["cases"] / len(d)).map(pct))
hist_table = md(hist, "words")

fields = d[["participants", "formality", "purpose"]] != ""
any_f = fields.any(axis=1)
ct = pd.crosstab(d.track, d.contested).reindex(T).fillna(0).astype(int)
contested_by_track = ", ".join(f"{t} {ct.loc[t].get(True, 0)}" for t in T if ct.loc[t].get(True, 0))
con = d[d.contested]

# the re-check against the guideline's new sections
rel = pd.read_csv(ROUND_DIRS[4] / "relabel.csv", dtype=str, keep_default_na=False)
current = d.set_index("id")
missing = sorted(set(rel.id) - set(current.index))
if missing:
    fail(f"relabel.csv names ids not in engagements.csv: {missing}.")
rel["old_c"] = rel.old_contested.str.lower() == "true"
rel["new_c"] = rel.new_contested.str.lower() == "true"
rel["split"] = rel.id.map(current["split"])
for r in rel.itertuples():
    now_track, now_contested = str(current.at[r.id, "track"]), bool(current.at[r.id, "contested"])
    if r.new_track != now_track or r.new_c != now_contested:
        fail(
            f"relabel.csv says {r.id} is now {r.new_track!r}, contested {r.new_contested}, but "
            f"engagements.csv has {now_track!r}, contested {now_contested}; fix one of the two files."
        )


def yes_no(flag):
    return "yes" if flag.lower() == "true" else "no"


def change(old, new):
    """'old → **new**' when the value changed, else 'new (unchanged)'."""
    return f"{old} → **{new}**" if old != new else f"{new} (unchanged)"


rel_rows = pd.DataFrame(
    {
        "label": [change(o, n) for o, n in zip(rel.old_track, rel.new_track)],
        "contested": [change(yes_no(o), yes_no(n)) for o, n in zip(rel.old_contested, rel.new_contested)],
        "guideline section": [SECTIONS.get(s, (s, s))[0] for s in rel.section],
        "reason": rel.reason.to_list(),
    },
    index=[f"`{i}`" for i in rel.id],
)
relabel_table = md(rel_rows, "id", left=tuple(rel_rows.columns))
# the first re-check (with r23b-059), then the re-check of standing bodies by round 36's reading
standing = rel[rel.section == "standing"]
first = rel[rel.section != "standing"]
label_changed = first.old_track != first.new_track
old_c, new_c = first.old_c, first.new_c
by_section = first.section.map(lambda s: SECTIONS.get(s, (s, s))[1]).value_counts()
relabel_by_section = ", ".join(f"{n} under {s}" for s, n in by_section.items())
relabel_split = first.split.value_counts()
standing_new = standing.new_track.value_counts()
standing_engaged = standing.new_track != "none"

# definition profiles
prof_src = pd.concat(
    [
        pd.read_csv(folder / "profiles.csv", dtype=str, keep_default_na=False)
        for folder in ROUND_DIRS.values()
    ],
    ignore_index=True,
)
OTHER_PROFILES = {name: col for name, col in PROFILE_COLUMNS.items() if col != "track"}
profile_rows, example_rows = {}, []
other_names = "|".join(re.escape(n) for n in OTHER_PROFILES)
for name, col in OTHER_PROFILES.items():
    diff = d[d[col].astype(str) != track]
    src = prof_src[prof_src.profile == name]
    if dict(zip(src.id, src.track)) != dict(zip(diff.id, diff[col].astype(str))):
        fail(f"profiles.csv and the column {col} of engagements.csv disagree for {name}; rebuild the column.")
    pairs = sorted(set(zip(diff.track.astype(str), diff[col].astype(str))))
    profile_rows[f"`{name}`"] = {
        "column": f"`{col}`",
        "label change": ", ".join(f"{a} → {b}" for a, b in pairs),
        "test": int((diff.split == "test").sum()),
        "train": int((diff.split == "train").sum()),
        "total": len(diff),
        "real": int((diff.origin == "real").sum()),
        "contested": int(diff.contested.sum()),
        "of the guideline's cases with that label": ", ".join(
            f"{pct((diff.track.astype(str) == a).sum() / (track == a).sum())} of {a}" for a, _ in pairs
        ),
    }
    picked = [diff[diff["round"] == r].head(1) for r in (1, 4, 2, 3)]
    examples = pd.concat([p for p in picked if len(p)]).head(3).sort_index()
    for r in examples.itertuples():
        note = re.search(rf"{re.escape(name)}: (.*?)(?= (?:{other_names}): |$)", r.profile_note)
        example_rows.append(
            {
                "profile": f"`{name}`",
                "id": f"`{r.id}`",
                "split": r.split,
                "label (guideline → profile)": f"{r.track} → {getattr(r, col)}",
                "reason (from `profile_note`)": note.group(1) if note else r.profile_note,
            }
        )
profile_table = md(pd.DataFrame(profile_rows).T, "profile", left=("column", "label change"))
ex_df = pd.DataFrame(example_rows).set_index("profile")
profile_examples = md(ex_df, "profile", left=tuple(ex_df.columns))
n_profiles_differing = sum((d[col].astype(str) != track).astype(int) for col in OTHER_PROFILES.values())
n_profile_any = int((n_profiles_differing >= 1).sum())
n_profile_both = int((n_profiles_differing >= 2).sum())

vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
S = cosine_similarity(vec.fit_transform(d.description))
np.fill_diagonal(S, 0)
grams = defaultdict(set)
for cid, text in zip(d.id, d.description):
    ws = [
        w.lower()
        for w in (t.strip(".,;:!?()[]{}\"'‘’“”—–-/") for t in text.split())
        if w and not w[0].isupper() and not any(c.isdigit() for c in w)
    ]
    for i in range(len(ws) - 7):
        grams[" ".join(ws[i : i + 8])].add(cid)
max_share = max(len(v) for v in grams.values())

r4 = d[d["round"] == 4]
r4_words = words[d["round"] == 4]
earlier = d[d["round"] < 4]
new_styles = sorted(set(r4["style"].astype(str)) - set(earlier["style"].astype(str)))
mixed = [s for s in new_styles if (r4.loc[r4["style"] == s, "track"] != "none").any()]
if mixed:
    fail(f"round-4 styles {mixed} now hold engagements; the datasheet says they hold none. Edit template.md.")
new_style_sizes = d["style"].value_counts()[new_styles]
earlier_events = set(earlier.loc[earlier.event != "", "event"])


def round_figures(r):
    """The datasheet's figures for a real-styled round from 5 on (``n_r5``, ``r5_none``, ...)."""
    rd, w, p = d[d["round"] == r], words[d["round"] == r], f"r{r}"
    before = set(d.loc[(d["round"] < r) & (d.event != ""), "event"])
    differs = (rd.track_private_capacity_track_2.astype(str) != rd.track.astype(str)) | (
        rd.track_facilitated_1_5.astype(str) != rd.track.astype(str)
    )
    out = {
        f"n_{p}": len(rd),
        f"{p}_none": int((rd.track == "none").sum()),
        f"{p}_real": int((rd.origin == "real").sum()),
        f"{p}_contested": int(rd.contested.sum()),
        f"{p}_test": int((rd.split == "test").sum()),
        f"{p}_test_share": pct((rd.split == "test").mean()),
        f"{p}_wmin": int(w.min()),
        f"{p}_wmed": int(w.median()),
        f"{p}_wmax": int(w.max()),
        f"{p}_events": rd.loc[rd.event != "", "event"].nunique(),
        f"{p}_shared_rows": int(rd.event.isin(before).sum()),
        f"{p}_profile": int(differs.sum()),
    }
    out.update({f"n_{b}": int((rd.batch == b).sum()) for b in ROUNDS[r]})
    return out


F = dict(
    n=len(d),
    n_eng=int((d.track != "none").sum()),
    n_none=int((d.track == "none").sum()),
    n_real=int((d.origin == "real").sum()),
    n_fict=int((d.origin == "fictional").sum()),
    n_real_eng=int(((d.origin == "real") & (d.track != "none")).sum()),
    n_events=d.loc[d.event != "", "event"].nunique(),
    n_multi=int((d.loc[d.event != "", "event"].value_counts() > 1).sum()),
    n_test=int((d.split == "test").sum()),
    n_train=int((d.split == "train").sum()),
    test_share=pct((d.split == "test").mean()),
    n_styles=d["style"].nunique(),
    n_contested=int(d.contested.sum()),
    contested_by_track=contested_by_track,
    contested_real=int((con.origin == "real").sum()),
    contested_test=int((con.split == "test").sum()),
    contested_r4=int(r4.contested.sum()),
    wmin=int(words.min()),
    wmed=int(words.median()),
    wmean=f"{words.mean():.0f}",
    wmax=int(words.max()),
    min_words=MIN_WORDS,
    max_words=MAX_WORDS,
    n_fields=int(any_f.sum()),
    share_fields=pct(any_f.mean()),
    n_all3=int(fields.all(axis=1).sum()),
    n_fields_db=int((any_f & (d["style"] == "database_row")).sum()),
    n_terse=int(((words <= 12) & any_f).sum()),
    n_short=int((words <= 12).sum()),
    max_cos=f"{S.max():.2f}",
    max_share=max_share,
    sha=dataset_sha256(),
    n_ex=len(ex),
    n_before_r4=len(earlier),
    n_r3=int((d["round"] == 3).sum()),
    n_r4=len(r4),
    n_r4a=int((r4.batch == "r4a").sum()),
    n_r4b=int((r4.batch == "r4b").sum()),
    n_r4c=int((r4.batch == "r4c").sum()),
    r4_none=int((r4.track == "none").sum()),
    r4c_none=int(((r4.batch == "r4c") & (r4.track == "none")).sum()),
    r4c_eng=int(((r4.batch == "r4c") & (r4.track != "none")).sum()),
    r4_real=int((r4.origin == "real").sum()),
    r4_test=int((r4.split == "test").sum()),
    r4_test_share=pct((r4.split == "test").mean()),
    early_wmin=int(words[d["round"] < 4].min()),
    early_wmax=int(words[d["round"] < 4].max()),
    r4_wmin=int(r4_words.min()),
    r4_wmed=int(r4_words.median()),
    r4_wmax=int(r4_words.max()),
    r4_events=r4.loc[r4.event != "", "event"].nunique(),
    r4_shared_rows=int(r4.event.isin(earlier_events).sum()),
    r4_new_styles=", ".join(f"`{s}`" for s in new_styles),
    r4_new_style_n=int(r4["style"].isin(new_styles).sum()),
    new_style_min=int(new_style_sizes.min()),
    new_style_max=int(new_style_sizes.max()),
    **{key: value for r in ROUNDS if r >= 5 for key, value in round_figures(r).items()},
    n_relabel=len(first),
    n_label_changed=int(label_changed.sum()),
    n_newly_contested=int((~old_c & new_c).sum()),
    n_no_longer_contested=int((old_c & ~new_c).sum()),
    relabel_by_section=relabel_by_section,
    relabel_test=int(relabel_split.get("test", 0)),
    relabel_table=relabel_table,
    n_standing=int(standing_engaged.sum()),
    standing_t1=int(standing_new.get("Track 1", 0)),
    standing_t2=int(standing_new.get("Track 2", 0)),
    standing_contested=int((standing_engaged & standing.new_c).sum()),
    standing_kept=int(standing_new.get("none", 0)),
    standing_test=int((standing.split == "test").sum()),
    n_profile_any=n_profile_any,
    n_profile_both=n_profile_both if n_profile_both else "none",
    profile_table=profile_table,
    profile_examples=profile_examples,
    T1_real=pct(to.loc["Track 1", "real"] / to.loc["Track 1", "total"]),
    T15_real=pct(to.loc["Track 1.5", "real"] / to.loc["Track 1.5", "total"]),
    T2_real=pct(to.loc["Track 2", "real"] / to.loc["Track 2", "total"]),
    none_real=int(to.loc["none", "real"]),
    t1_test_fict=int(((d.split == "test") & (d.track == "Track 1") & (d.origin == "fictional")).sum()),
    none_test_real=int(((d.split == "test") & (d.track == "none") & (d.origin == "real")).sum()),
    ep_t1=int(st.loc["event_page", "Track 1"]) if "event_page" in st.index else 0,
    pr_t1=int(st.loc["press_release", "Track 1"]) if "press_release" in st.index else 0,
    n_pr=int(st.loc["press_release", "total"]) if "press_release" in st.index else 0,
    n_ep=int(st.loc["event_page", "total"]) if "event_page" in st.index else 0,
    glb_none=int(reg.loc["glb", "none"]) if "glb" in reg.index else 0,
    track_origin=track_origin,
    track_split=track_split,
    style_table=style_table,
    round_table=round_table,
    style_round_table=style_round_table,
    region_table=region_table,
    hist_table=hist_table,
    track_counts=counts("track", T),
    origin_counts=counts("origin"),
    split_counts=counts("split"),
)

template = (HERE / "template.md").read_text(encoding="utf-8")
# Check the template's own placeholders before inserting the free text of dev_errors.md.
check = template.format(**F, dev_errors_by_kind="")
if re.search(r"\{[a-z_0-9]+\}", check):
    fail("unfilled placeholder in the rendered template; add its figure to F in render.py.")
dev_errors = DEV_ERRORS.read_text(encoding="utf-8").strip() if DEV_ERRORS.exists() else DEV_ERRORS_MISSING
out = template.format(**F, dev_errors_by_kind=dev_errors or DEV_ERRORS_MISSING)
(HERE.parent / "DATASHEET.md").write_text(out, encoding="utf-8")
