"""Batch labelling of DataFrames and CSV files (diplotrack.batch), rules only."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import diplotrack.batch as batch
from diplotrack.batch import BatchInputError, label_csv, label_frame
from diplotrack.verdict import LABELS

OUT = ["rules_track", "rules_confidence", "rules_explanation"]


def read_text_csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def leftovers(folder, keep):
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.fixture
def cases(data_dir) -> pd.DataFrame:
    return pd.read_csv(data_dir / "cases.csv")  # default NaN handling: empty cells are NaN


def test_label_frame_keeps_every_row_and_column_in_order(cases, rules_clf):
    cases = cases.set_index(pd.Index([9, 3, 7, 1, 0, 2, 8, 6, 5, 4]))  # not a RangeIndex
    before = cases.copy()
    out = label_frame(cases, "rules")
    pd.testing.assert_frame_equal(cases, before)  # the input is not modified
    assert out.columns.tolist() == [*cases.columns, *OUT]
    pd.testing.assert_frame_equal(out[cases.columns], cases)
    assert out.index.tolist() == cases.index.tolist()
    expected = [rules_clf.classify(row).label for _, row in cases.iterrows()]
    assert out["rules_track"].tolist() == expected
    assert set(out["rules_track"]) <= set(LABELS)
    assert out["rules_confidence"].between(0, 1).all()
    assert all(isinstance(x, str) and x for x in out["rules_explanation"])


def test_label_frame_labels_the_realistic_rows(cases):
    out = label_frame(cases, "rules").set_index("case_id")
    assert out.loc[7, "rules_track"] == "Track 1"      # Camp David
    assert out.loc[12, "rules_track"] == "Track 2"     # former officials and scholars
    assert out.loc[19, "rules_track"] == "Track 1"     # terse, evidence in the fields
    assert out.loc[23, "rules_track"] == "Track 1.5"   # personal capacity, off the record
    assert out.loc[31, "rules_track"] == "none"        # empty row
    assert out.loc[32, "rules_track"] == "none"        # NaN-like row
    assert out.loc[40, "rules_track"] == "none"        # garbled
    assert out.loc[50, "rules_track"] == "none"        # weather


def test_label_frame_with_renamed_columns(data_dir, rules_clf):
    df = pd.read_csv(data_dir / "summaries.csv")
    out = label_frame(df, "rules", columns={"description": "summary"})
    assert out.columns.tolist() == [*df.columns, *OUT]
    assert out["rules_track"].tolist() == [rules_clf.classify(s).label for s in df["summary"]]
    assert out["rules_track"].tolist()[0] == "Track 1"  # the Kissinger row


def test_label_frame_renamed_structured_columns():
    df = pd.DataFrame({"text": ["Talks in Geneva."],
                       "who": ["deputy foreign ministers; official delegations"],
                       "how": ["formal negotiation"], "why": ["conclude an arms control agreement"]})
    cols = {"description": "text", "participants": "who", "formality": "how", "purpose": "why"}
    out = label_frame(df, "rules", columns=cols)
    assert out["rules_track"].tolist() == ["Track 1"]
    assert "(participants)" in out["rules_explanation"].iloc[0]


def test_missing_description_column_names_the_columns_found():
    df = pd.DataFrame({"case_id": [1], "summary": ["Talks in Geneva."], "year": [2001]})
    with pytest.raises(BatchInputError, match="description") as info:
        label_frame(df, "rules")
    message = str(info.value)
    for column in ("case_id", "summary", "year"):
        assert column in message
    assert isinstance(info.value, ValueError)


def test_unknown_field_in_columns_mapping_is_rejected():
    df = pd.DataFrame({"description": ["Talks."]})
    with pytest.raises(ValueError, match=r"Invalid columns mapping.*'summary'"):
        label_frame(df, "rules", columns={"summary": "description"})


def test_existing_output_columns_are_not_overwritten():
    df = pd.DataFrame({"description": ["Talks."], "rules_track": ["Track 2"]})
    with pytest.raises(BatchInputError, match="rules_track"):
        label_frame(df, "rules")


def test_label_frame_rejects_non_dataframes():
    with pytest.raises(TypeError, match="expected a pandas or Dask DataFrame, got list"):
        label_frame(["Talks."], "rules")


def test_label_frame_rejects_unknown_method():
    with pytest.raises(ValueError, match=r"Invalid method.*got 'magic'"):
        label_frame(pd.DataFrame({"description": ["Talks."]}), "magic")


@pytest.mark.parametrize("text", [
    "", None, np.nan, "NaN", "N/A", "   ", "\x00\x00", "?!?!?! ###", "ªº¹²³ ¿¡", "💥🕊️🤝",
    "Les ministres des affaires étrangères ont signé un accord.",
    "Министры иностранных дел подписали соглашение в Москве.",
    "外交部长在北京签署了协议。",
    "وقع وزيرا الخارجية اتفاقا في القاهرة",
    "x" * 100_000,
], ids=["empty", "None", "nan", "NaN-text", "N/A", "spaces", "nul", "punctuation", "symbols", "emoji",
        "french", "russian", "chinese", "arabic", "huge"])
def test_odd_rows_never_crash(text):
    df = pd.DataFrame({"description": ["Retired diplomats and scholars met in Oslo.", text, "Talks."],
                       "participants": [None, text, np.nan]})
    out = label_frame(df, "rules")
    assert len(out) == 3
    assert out["rules_track"].iloc[0] == "Track 2"
    assert out["rules_track"].iloc[1] in LABELS


def test_a_lone_surrogate_in_one_row_does_not_fail_the_frame():
    """Text decoded with ``errors="surrogateescape"`` (a stray Latin-1 byte read as UTF-8) can
    hold a lone surrogate; the input cell is unchanged, every row is labelled, and the verdict
    quotes the word (the surrogate as U+FFFD where the string column cannot hold it, as
    pandas 3's cannot)."""
    odd = b"The foreign\xa0ministers of Peru and Chile signed the accord in Lima.".decode(
        "utf-8", errors="surrogateescape"
    )
    df = pd.DataFrame({"description": pd.Series(["Retired diplomats and scholars met in Oslo.", odd], dtype=object)})
    out = label_frame(df, "rules")
    assert out["description"].iloc[1] == odd
    assert out["rules_track"].tolist() == ["Track 2", "Track 1"]
    quote = out["rules_explanation"].iloc[1]
    assert "foreign\ufffdministers" in quote or "foreign\udca0ministers" in quote, quote


@pytest.mark.parametrize("text", ["", None, np.nan, "NaN", "   ", "?!?!?! ###", "\x00"],
                         ids=["empty", "None", "nan", "NaN-text", "spaces", "punctuation", "nul"])
def test_rows_without_an_engagement_abstain(text):
    out = label_frame(pd.DataFrame({"description": [text]}), "rules")
    assert out["rules_track"].tolist() == ["none"]


# ---- CSV files ---------------------------------------------------------------------------

def test_label_csv_keeps_cells_as_text(data_dir, tmp_path):
    dest = tmp_path / "out.csv"
    assert label_csv(data_dir / "cases.csv", dest, "rules") == 10
    src, out = read_text_csv(data_dir / "cases.csv"), read_text_csv(dest)
    assert out.columns.tolist() == [*src.columns, *OUT]
    pd.testing.assert_frame_equal(out[src.columns], src)  # "007", "NA", "NaN" and newlines survive
    assert out.loc[out["case_id"] == "032", "rules_track"].tolist() == ["none"]


def test_label_csv_in_small_chunks_equals_one_chunk(data_dir, tmp_path):
    one, small = tmp_path / "one.csv", tmp_path / "small.csv"
    assert label_csv(data_dir / "cases.csv", one, "rules", chunksize=10_000) == 10
    assert label_csv(data_dir / "cases.csv", small, "rules", chunksize=3) == 10
    assert small.read_bytes() == one.read_bytes()


def test_label_csv_streams_chunk_by_chunk(data_dir, tmp_path, monkeypatch):
    sizes = []
    real = batch._label_with

    def spy(frame, *args, **kwargs):
        sizes.append(len(frame))
        return real(frame, *args, **kwargs)

    monkeypatch.setattr(batch, "_label_with", spy)
    label_csv(data_dir / "cases.csv", tmp_path / "out.csv", "rules", chunksize=4)
    assert sizes == [4, 4, 2]


def test_label_csv_with_renamed_column(data_dir, tmp_path):
    dest = tmp_path / "out.csv"
    assert label_csv(data_dir / "summaries.csv", dest, "rules", columns={"description": "summary"}) == 4
    out = read_text_csv(dest)
    assert out["id"].tolist() == ["s1", "s2", "s3", "s4"]
    assert out["rules_track"].tolist()[0] == "Track 1"
    assert out["rules_track"].tolist()[3] == "none"


class FailOnSecondChunk:
    """Stands in for the rules classifier and fails on the second chunk."""

    def __init__(self, real, exc):
        self.real, self.exc, self.calls = real, exc, 0

    def classify_many(self, *args, **kwargs):
        self.calls += 1
        if self.calls == 2:
            raise self.exc
        return self.real.classify_many(*args, **kwargs)


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_interrupted_run_leaves_no_output_and_no_temp_file(data_dir, tmp_path, monkeypatch, rules_clf, exc):
    flaky = FailOnSecondChunk(rules_clf, exc)
    monkeypatch.setattr(batch, "classifier_for", lambda method, **kwargs: flaky)
    dest = tmp_path / "out.csv"
    with pytest.raises(type(exc)):
        label_csv(data_dir / "cases.csv", dest, "rules", chunksize=3)
    assert flaky.calls == 2
    assert not dest.exists()
    assert leftovers(tmp_path, keep=()) == []


def test_interrupted_run_leaves_a_previous_good_output_untouched(data_dir, tmp_path, monkeypatch, rules_clf):
    dest = tmp_path / "out.csv"
    label_csv(data_dir / "cases.csv", dest, "rules")
    good = dest.read_bytes()
    flaky = FailOnSecondChunk(rules_clf, RuntimeError("boom"))
    monkeypatch.setattr(batch, "classifier_for", lambda method, **kwargs: flaky)
    with pytest.raises(RuntimeError, match="boom"):
        label_csv(data_dir / "cases.csv", dest, "rules", chunksize=3)
    assert dest.read_bytes() == good
    assert leftovers(tmp_path, keep={"out.csv", "out.csv.provenance.json"}) == []


def test_label_csv_missing_description_column(write_csv, tmp_path):
    src = write_csv("in.csv", ["case_id", "summary", "year"], [["1", "Talks in Geneva.", "2001"]])
    dest = tmp_path / "out" / "labelled.csv"
    with pytest.raises(BatchInputError) as info:
        label_csv(src, dest, "rules")
    for column in ("case_id", "summary", "year"):
        assert column in str(info.value)
    assert not dest.exists()
    assert not dest.parent.exists() or list(dest.parent.iterdir()) == []


def test_label_csv_header_only(write_csv, tmp_path):
    src = write_csv("in.csv", ["case_id", "description"], [])
    dest = tmp_path / "out.csv"
    assert label_csv(src, dest, "rules") == 0
    out = read_text_csv(dest)
    assert out.columns.tolist() == ["case_id", "description", *OUT] and len(out) == 0


def test_a_header_only_file_keeps_the_names_its_header_repeats(tmp_path):
    # An Excel export's trailing empty header cells, or a note column twice: the header-only
    # output kept one of each ('id,description,note,,...'), as a file with rows does not.
    import csv

    src = tmp_path / "in.csv"
    src.write_text("id,description,note,note,,\n", encoding="utf-8")
    dest = tmp_path / "out.csv"
    assert label_csv(src, dest, "rules") == 0
    with open(dest, newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [["id", "description", "note", "note", "", "", *OUT]]


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
], ids=["empty-file"])
def test_label_csv_unreadable_input(write_csv, tmp_path, text, message):
    src = write_csv("in.csv", text=text)
    with pytest.raises(BatchInputError, match=message):
        label_csv(src, tmp_path / "out.csv", "rules")
    assert leftovers(tmp_path, keep={"in.csv"}) == []


def test_label_csv_missing_input_file(tmp_path):
    with pytest.raises(BatchInputError, match="not found"):
        label_csv(tmp_path / "nope.csv", tmp_path / "out.csv", "rules")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("chunksize", [0, -5, 2.5, "10"], ids=["zero", "negative", "float", "str"])
def test_label_csv_rejects_bad_chunksize(data_dir, tmp_path, chunksize):
    with pytest.raises(ValueError, match="Invalid chunksize"):
        label_csv(data_dir / "cases.csv", tmp_path / "out.csv", "rules", chunksize=chunksize)


def test_label_csv_undecodable_bytes_do_not_crash(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"description,year\n\xff\xfe broken bytes,2001\nScholars met for a workshop.,2002\n")
    dest = tmp_path / "out.csv"
    assert label_csv(src, dest, "rules") == 2
    out = read_text_csv(dest)
    assert out["year"].tolist() == ["2001", "2002"]
    assert out["rules_track"].tolist()[1] == "Track 2"


@pytest.mark.slow
def test_label_csv_in_parallel_gives_the_same_file(tmp_path):
    from diplotrack.datasets import load_engagements

    source = tmp_path / "cases.csv"
    load_engagements("test")[["id", "description", "participants", "formality", "purpose"]].to_csv(
        source, index=False
    )
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert label_csv(source, one, "both", chunksize=50) == label_csv(source, two, "both", chunksize=50, n_jobs=2)
    assert one.read_bytes() == two.read_bytes()


def test_label_csv_in_parallel_reports_a_missing_column(tmp_path):
    source = tmp_path / "cases.csv"
    source.write_text("summary,year\nFour foreign ministers met in Oslo.,1994\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match="columns"):
        label_csv(source, tmp_path / "out.csv", "rules", n_jobs=2)
    assert not (tmp_path / "out.csv").exists()
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("bad", [0, -2, 1.5], ids=["zero", "minus-two", "float"])
def test_label_csv_rejects_bad_n_jobs(tmp_path, bad):
    source = tmp_path / "cases.csv"
    source.write_text("description\nFour foreign ministers met in Oslo.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Invalid n_jobs"):
        label_csv(source, tmp_path / "out.csv", "rules", n_jobs=bad)


# ---- frames without the description column, misspelled columns, a model by path --------

@pytest.mark.parametrize("call", ["classify_many-rules", "classify_many-model", "predict-rules",
                                  "predict-model", "predict_proba-rules"])
def test_any_api_given_a_frame_without_a_description_column_raises(call):
    # classify_many and predict returned "none" for every row, silently.
    import diplotrack
    from diplotrack.engagement import MissingColumnError

    df = pd.DataFrame({"case_id": [1, 2], "summary": ["Foreign ministers signed the accord.", "Talks."]})
    name, method = call.split("-")
    with pytest.raises(MissingColumnError, match=r"Missing description column 'description'.*'case_id', 'summary'"):
        if name == "classify_many":
            diplotrack.classify_many(df, method=method)
        else:
            getattr(diplotrack.get_classifier(method), name)(df)


def test_a_misspelled_column_in_the_mapping_is_an_error():
    df = pd.DataFrame({"description": ["Talks in Geneva."], "who": ["deputy foreign ministers"]})
    with pytest.raises(BatchInputError, match=r"Missing participants column 'whoo'.*\['description', 'who'\]"):
        label_frame(df, "rules", columns={"participants": "whoo"})


def test_label_frame_and_label_csv_take_a_model_path_or_a_fitted_model(tmp_path):
    from diplotrack import TextClassifier
    from diplotrack.datasets import load_engagements
    from diplotrack.model_store import save_model

    train = load_engagements("train").groupby("track", observed=True).head(15)
    mine = TextClassifier(n_neighbors=1).fit(train, train["track"])
    path = tmp_path / "mine.joblib"
    save_model(mine, path, {"note": "test model"})
    df = pd.DataFrame({"description": ["Retired generals and scholars met in Bangkok.",
                                       "The two foreign ministers signed a treaty."]})
    # Through the API, every verdict names the definition of the tracks it follows.
    expected = [f"{v.explanation} Definition: guideline." for v in mine.classify_many(df)]
    by_object = label_frame(df, "model", model=mine)
    by_path = label_frame(df, "model", model=path)
    assert by_object["model_explanation"].tolist() == expected == by_path["model_explanation"].tolist()
    shipped = label_frame(df, "model")["model_explanation"].tolist()
    assert shipped != expected  # the model given was used, not the shipped one
    df.to_csv(tmp_path / "in.csv", index=False)
    label_csv(tmp_path / "in.csv", tmp_path / "out.csv", "both", model=path)
    assert read_text_csv(tmp_path / "out.csv")["model_explanation"].tolist() == expected


def test_a_model_for_the_rules_alone_is_refused():
    with pytest.raises(ValueError, match="Invalid model"):
        label_frame(pd.DataFrame({"description": ["Talks."]}), "rules", model="mine.joblib")


# ---- long texts ---------------------------------------------------------------------------

def test_a_long_text_is_classified_whole():
    # A text over 20,000 characters was cut, and its explanation said nothing described a
    # meeting, without mentioning the cut.
    filler = "Background: the two countries share a long border and a history of trade in grain. " * 400
    text = filler + "Retired ambassadors and scholars from both countries met in Oslo for a workshop."
    assert len(text) > 30_000
    out = label_frame(pd.DataFrame({"description": [text]}), "rules")
    assert out["rules_track"].tolist() == ["Track 2"]
    assert "Retired ambassadors" in out["rules_explanation"].iloc[0]


def test_a_text_past_the_limit_says_it_was_cut(monkeypatch):
    import diplotrack.engagement as engagement

    monkeypatch.setattr(engagement, "MAX_FIELD_CHARS", 200)
    text = "Retired ambassadors and scholars met in Oslo for a workshop. " * 10
    out = label_frame(pd.DataFrame({"description": [text, "Talks in Oslo."]}), "both")
    for method in ("rules", "model"):
        first, second = out[f"{method}_explanation"].tolist()
        assert "description was longer than 200 characters; only its first 200" in first
        assert "longer than" not in second


@pytest.mark.slow
def test_a_text_longer_than_the_limit_in_full(rules_clf):
    from diplotrack.engagement import MAX_FIELD_CHARS

    text = "Retired ambassadors and scholars met in Oslo for a workshop. " * (MAX_FIELD_CHARS // 60 + 10)
    v = rules_clf.classify(text)
    assert v.label == "Track 2"
    assert f"first {MAX_FIELD_CHARS:,} characters were read" in v.explanation


# ---- parallel labelling ---------------------------------------------------------------------

def test_two_jobs_split_a_few_thousand_rows_into_chunks_for_both_workers():
    from diplotrack.parallel import plan_chunksize

    for rows in (2_000, 5_000, 20_000):
        size = plan_chunksize(rows, 2, 20_000)
        assert rows / size >= 4  # at least two chunks per worker
    assert plan_chunksize(5_000_000, 2, 20_000) == 20_000  # memory stays bounded by chunksize


@pytest.mark.slow
def test_label_csv_in_parallel_small_file_adapts_the_chunks(tmp_path, monkeypatch):
    from diplotrack.datasets import load_engagements

    source = tmp_path / "cases.csv"
    # A few thousand rows, every third case of the dataset: two workers get several chunks each.
    frame = load_engagements()[["id", "description", "participants", "formality", "purpose"]].iloc[::3]
    pd.concat([frame] * 3, ignore_index=True).to_csv(source, index=False)
    sizes = []
    real = batch.ordered_map

    def spy(fn, items, **kwargs):
        def counted():
            for chunk in items:
                sizes.append(len(chunk))
                yield chunk

        return real(fn, counted(), **kwargs)

    monkeypatch.setattr(batch, "ordered_map", spy)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert label_csv(source, one, "rules") == label_csv(source, two, "rules", n_jobs=2) == 3 * len(frame)
    assert len(sizes) >= 4 and sum(sizes) == 3 * len(frame)
    assert one.read_bytes() == two.read_bytes()


def test_label_csv_records_how_the_output_was_made(data_dir, tmp_path):
    import json

    from diplotrack.batch import provenance_path
    from diplotrack.ruleset import load_ruleset

    out = tmp_path / "labelled.csv"
    rows = label_csv(data_dir / "cases.csv", out, "rules", definition="private-capacity-track-2")
    record = json.loads(provenance_path(out).read_text(encoding="utf-8"))
    assert record["rows"] == rows == 10
    assert record["rules_version"] == load_ruleset().version
    assert record["definition"] == "private-capacity-track-2"
    assert record["methods"] == ["rules"] and record["model_sha256"] is None
    assert record["source"].endswith("cases.csv")


def test_a_description_column_of_numbers_is_warned_of_and_an_empty_text_column_is_not(caplog):
    # pandas reads a column of empty cells as float NaN: that is still a text column with
    # nothing in it, and no warning; case numbers under "description" are a wrong column.
    texts = ["Deputy foreign ministers held talks in Geneva.", "Scholars of both countries met in Oslo."]
    with caplog.at_level("WARNING", logger="diplotrack"):
        label_frame(pd.DataFrame({"description": texts, "participants": [np.nan, np.nan]}), "rules")
    assert not caplog.records
    with caplog.at_level("WARNING", logger="diplotrack"):
        out = label_frame(pd.DataFrame({"description": [101, 102], "summary": texts}), "rules")
    assert out["rules_track"].tolist() == ["none", "none"]
    assert "column 'description' holds int64 values, not text" in caplog.text
