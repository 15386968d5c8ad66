"""Render datasets/DATASHEET.md from template.md with figures computed from engagements.csv.

Run after changing the dataset:  python datasets/datasheet/render.py
"""

import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from diplotrack.datasets import dataset_sha256, load_engagements, load_examples

d = load_engagements()
ex = load_examples()
T = ["Track 1", "Track 1.5", "Track 2", "none"]
d["region"] = d["id"].str.split("-").str[0]
words = d["description"].str.split().str.len()


def pct(x):
    return f"{x:.0%}"


def md(df, first):
    cols = [str(c) for c in df.columns]
    out = ["| " + " | ".join([first] + cols) + " |", "|" + "---|" + "---:|" * len(cols)]
    for i, r in df.iterrows():
        out.append("| " + " | ".join([str(i)] + [str(v) for v in r]) + " |")
    return "\n".join(out)


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

reg = pd.crosstab(d.region, d.track).reindex(columns=T).fillna(0).astype(int)
reg["total"] = reg.sum(axis=1)
reg["real"] = d.groupby("region").origin.apply(lambda o: int((o == "real").sum()))
reg = reg.reindex(
    [
        r
        for r in ["eur", "mena", "afr", "asp", "sca", "ame", "glb", "xam", "xas", "xea", "xgl"]
        if r in reg.index
    ]
)
region_table = md(reg, "batch")

bins = [(6, 10), (11, 25), (26, 50), (51, 75), (76, 100), (101, 125), (126, 150)]
hist = pd.DataFrame(
    {"cases": [int(((words >= a) & (words <= b)).sum()) for a, b in bins]},
    index=[f"{a}-{b}" for a, b in bins],
)
hist["share"] = (hist["cases"] / len(d)).map(pct)
hist_table = md(hist, "words")

fields = d[["participants", "formality", "purpose"]] != ""
any_f = fields.any(axis=1)
ct = pd.crosstab(d.track, d.contested).reindex(T).fillna(0).astype(int)
contested_by_track = ", ".join(f"{t} {ct.loc[t].get(True, 0)}" for t in T if ct.loc[t].get(True, 0))
con = d[d.contested]

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
    n_contested=int(d.contested.sum()),
    contested_by_track=contested_by_track,
    contested_real=int((con.origin == "real").sum()),
    contested_test=int((con.split == "test").sum()),
    wmin=int(words.min()),
    wmed=int(words.median()),
    wmean=f"{words.mean():.0f}",
    wmax=int(words.max()),
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
    region_table=region_table,
    hist_table=hist_table,
    track_counts=counts("track", T),
    origin_counts=counts("origin"),
    split_counts=counts("split"),
)

HERE = Path(__file__).resolve().parent
template = (HERE / "template.md").read_text(encoding="utf-8")
out = template.format(**F)
assert not re.search(r"\{[a-z_0-9]+\}", out), "unfilled placeholder"
(HERE.parent / "DATASHEET.md").write_text(out, encoding="utf-8")
