"""Labelling a Dask DataFrame on a local cluster gives the pandas result, row for row."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from diplotrack import label_frame
from diplotrack.batch import BatchInputError
from diplotrack.datasets import load_engagements

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

# dask 2026.8 calls pandas methods pandas 3.1 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.(reset|set)_index")


@pytest.fixture(scope="module")
def client():
    # Two workers in this process: a real scheduler and real task graphs, without the
    # seconds it takes to start worker processes on a small machine.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    frame = load_engagements("test")[["id", "description", "participants", "formality", "purpose"]]
    return frame.head(150).reset_index(drop=True)


def test_label_frame_on_a_dask_frame_is_lazy_and_equals_pandas(client, cases):
    ddf = dd.from_pandas(cases, npartitions=3)
    labelled = label_frame(ddf, "both")
    assert isinstance(labelled, dd.DataFrame)  # nothing computed yet
    assert list(labelled.columns) == [
        *cases.columns,
        "rules_track",
        "rules_confidence",
        "rules_explanation",
        "model_track",
        "model_confidence",
        "model_explanation",
    ]
    got = labelled.compute()
    expected = label_frame(ddf.compute(), "both")  # the same input, by the pandas path
    pd.testing.assert_frame_equal(got, expected)
    assert labelled.dtypes.to_dict() == got.dtypes.to_dict()  # the declared meta is what partitions hold


def test_a_dask_frame_without_the_description_column_is_refused_before_computing(cases):
    ddf = dd.from_pandas(cases.rename(columns={"description": "summary"}), npartitions=2)
    with pytest.raises(BatchInputError, match="'summary'"):
        label_frame(ddf, "rules")
    assert label_frame(ddf, "rules", columns={"description": "summary"}).npartitions == 2


def test_label_parquet_directory_on_a_cluster(client, cases, tmp_path):
    pytest.importorskip("pyarrow")
    from diplotrack.daskframe import label_parquet_dask

    source = tmp_path / "cases"
    dd.from_pandas(cases, npartitions=3).to_parquet(str(source), write_index=False)
    out = tmp_path / "labelled"
    assert label_parquet_dask(source, out, "rules", scheduler=client.scheduler.address) == len(cases)
    got = pd.read_parquet(out)
    assert got["id"].tolist() == cases["id"].tolist()
    assert got["rules_track"].tolist() == label_frame(cases, "rules")["rules_track"].tolist()
    with pytest.raises(BatchInputError, match="not an empty directory"):
        label_parquet_dask(source, out, "rules", scheduler=client.scheduler.address)


def test_a_named_pandas_index_stored_in_the_parquet_is_a_column_of_the_output(client, cases, tmp_path):
    # Read back as the frame's index, it was dropped from the output (write_index=False).
    pytest.importorskip("pyarrow")
    from diplotrack.daskframe import label_parquet_dask

    source = tmp_path / "cases.parquet"
    cases.head(30).set_index("id").to_parquet(source)
    out = tmp_path / "labelled"
    assert label_parquet_dask(source, out, "rules", scheduler=client.scheduler.address) == 30
    got = pd.read_parquet(out)
    assert list(got.columns[:5]) == ["description", "participants", "formality", "purpose", "id"]
    assert got["id"].tolist() == cases["id"].head(30).tolist()


def test_an_unnamed_index_stored_in_the_parquet_is_a_column_as_without_dask(client, cases, tmp_path):
    # Dask read it back as the frame's index and the output dropped it; labelling the same
    # file without Dask keeps it under pyarrow's name for it. A default range index is never
    # stored, and gives no column either way.
    pytest.importorskip("pyarrow")
    from diplotrack.batch import label_csv
    from diplotrack.daskframe import label_parquet_dask

    stored = cases.head(20).set_index("id").rename_axis(None)
    plain = cases.head(20).drop(columns="id")
    for name, frame in (("stored", stored), ("range", plain)):
        source = tmp_path / f"{name}.parquet"
        frame.to_parquet(source)
        out = tmp_path / f"{name}-dask"
        assert label_parquet_dask(source, out, "rules", scheduler=client.scheduler.address) == 20
        label_csv(source, tmp_path / f"{name}-local.parquet", "rules")
        got = pd.read_parquet(out)
        expected = pd.read_parquet(tmp_path / f"{name}-local.parquet")
        assert got.columns.tolist() == expected.columns.tolist()
        assert got.drop(columns="rules_explanation").astype(str).values.tolist() == (
            expected.drop(columns="rules_explanation").astype(str).values.tolist()
        )
    assert got.columns.tolist()[:4] == ["description", "participants", "formality", "purpose"]
    assert pd.read_parquet(tmp_path / "stored-dask")["__index_level_0__"].tolist() == cases["id"].head(20).tolist()


def test_parquet_output_directory_gets_the_permissions_mkdir_gives(client, cases, tmp_path):
    # Written to a private temporary directory first (0700), the output must not stay private.
    pytest.importorskip("pyarrow")
    from diplotrack.daskframe import label_parquet_dask

    source = tmp_path / "cases"
    dd.from_pandas(cases.head(40), npartitions=2).to_parquet(str(source), write_index=False)
    kept = tmp_path / "shared"
    kept.mkdir(mode=0o750)  # an empty directory made for the output keeps its own mode
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "labelled"
        label_parquet_dask(source, fresh, "rules", scheduler=client.scheduler.address)
        label_parquet_dask(source, kept, "rules", scheduler=client.scheduler.address)
        (tmp_path / "by-mkdir").mkdir()
    finally:
        os.umask(old)
    mode = stat.S_IMODE
    assert mode(fresh.stat().st_mode) == mode((tmp_path / "by-mkdir").stat().st_mode) == 0o755
    assert mode(kept.stat().st_mode) == 0o750
    assert {mode(p.stat().st_mode) for p in fresh.iterdir()} == {0o644}


def test_an_output_folder_that_is_a_file_is_named_before_a_cluster_starts(tmp_path, monkeypatch):
    from diplotrack import daskframe

    monkeypatch.chdir(tmp_path)
    (tmp_path / "results").write_text("notes from the first coding round\n")
    monkeypatch.setattr(daskframe, "_client", lambda *a: pytest.fail("a cluster was started"))
    with pytest.raises(BatchInputError, match=r"'results/labelled': its folder 'results' is a file, not a folder"):
        daskframe.label_parquet_dask("cases", "results/labelled", "rules")


@pytest.mark.parametrize(
    ("output", "words"),
    [
        ("-", "Refusing to write to '-' with --dask: Dask writes a folder of parquet files"),
        ("labelled.csv", "'labelled.csv' with --dask: Dask writes a folder of parquet files, and that name is a CSV"),
        ("labelled.csv.gz", "that name is a CSV file's"),
    ],
)
def test_an_output_dask_cannot_write_as_named_is_refused_before_a_cluster_starts(tmp_path, monkeypatch, output, words):
    # '-o -' made a folder named '-'; '-o labelled.csv' a folder of parquet files named so.
    from diplotrack import daskframe

    monkeypatch.chdir(tmp_path)
    pd.DataFrame({"description": ["Foreign ministers met in Geneva"]}).to_parquet(tmp_path / "cases.parquet")
    monkeypatch.setattr(daskframe, "_client", lambda *a: pytest.fail("a cluster was started"))
    with pytest.raises(BatchInputError, match=__import__("re").escape(words)):
        daskframe.label_parquet_dask("cases.parquet", output, "rules")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.parquet"]


def test_every_parquet_column_keeps_its_type_and_values_through_dask(client, tmp_path):
    # Read with NumPy types, 2**53 + 1 in an integer column with a missing value came back as
    # 2**53, NaN as missing, string as large_string; a list, struct, dictionary or null
    # column failed with "Could not convert <object object at 0x...>".
    pa = pytest.importorskip("pyarrow")
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from diplotrack.daskframe import label_parquet_dask

    columns = {
        "case_id": pa.array([2**53 + 1, None, 3], pa.int64()),
        "description": pa.array(
            [
                "The foreign ministers of Chile and Peru signed a maritime treaty in Lima.",
                "Retired diplomats and scholars met for a workshop in Colombo.",
                None,
            ],
            pa.string(),
        ),
        "attendance": pa.array([0.5, float("nan"), None], pa.float64()),
        "delegations": pa.array([["Chile", "Peru"], None, []], pa.list_(pa.string())),
        "venue": pa.array([{"city": "Lima", "days": 2}, None, {"city": "Oslo", "days": None}]),
        "region": pa.array(["Andes", "South Asia", "Andes"]).dictionary_encode(),
        "unused": pa.nulls(3),
        "count": pa.array([1, None, 2**64 - 1], pa.uint64()),
    }
    if hasattr(pa, "string_view"):
        columns["note"] = pa.array(["signed", None, "postponed"], pa.string_view())
    table = pa.table(columns)
    pq.write_table(table, tmp_path / "cases.parquet")
    out = tmp_path / "labelled"
    assert label_parquet_dask(tmp_path / "cases.parquet", out, "rules", scheduler=client.scheduler.address) == 3
    written = ds.dataset(out, format="parquet").to_table()
    assert written.column_names == [*table.column_names, "rules_track", "rules_confidence", "rules_explanation"]
    for name in table.column_names:
        assert written.schema.field(name).type == table.schema.field(name).type, name
        got, expected = written.column(name).to_pylist(), table.column(name).to_pylist()
        assert repr(got) == repr(expected), name  # repr: NaN equals NaN, and is not None
    assert written.schema.field("rules_confidence").type == pa.float64()


def test_a_missing_input_with_dask_is_named_as_not_found(tmp_path, monkeypatch):
    from diplotrack import daskframe

    monkeypatch.setattr(daskframe, "_client", lambda *a: pytest.fail("a cluster was started"))
    with pytest.raises(BatchInputError, match=r"Input not found: '.*summits\.parquet'\. Check the path"):
        daskframe.label_parquet_dask(tmp_path / "summits.parquet", tmp_path / "labelled", "rules")


def test_a_description_column_of_numbers_is_warned_of_before_computing(caplog):
    frame = pd.DataFrame({
        "description": [7, 8],
        "summary": ["Foreign ministers met in Oslo.", "Scholars of both sides met in Vienna."],
    })
    with caplog.at_level("WARNING", logger="diplotrack"):
        label_frame(dd.from_pandas(frame, npartitions=1), "rules")
    assert "column 'description' holds int64 values, not text" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="diplotrack"):
        lazy = label_frame(dd.from_pandas(frame, npartitions=1), "rules", columns={"description": "summary"})
    assert "not text" not in caplog.text
    assert lazy.compute()["rules_track"].tolist() == ["Track 1", "Track 2"]


def test_a_csv_input_with_dask_is_named_as_not_parquet(tmp_path, monkeypatch):
    # Dask's own words were "An error occurred while calling the read_parquet method ... Is
    # this a 'parquet' file?", after a cluster had started.
    from diplotrack import daskframe

    source = tmp_path / "cases.csv"
    source.write_text("id,description\n1,Foreign ministers met in Geneva.\n")
    monkeypatch.setattr(daskframe, "_client", lambda *a: pytest.fail("a cluster was started"))
    with pytest.raises(BatchInputError, match=r"Input '.*cases\.csv' is not parquet: --dask reads a parquet file"):
        daskframe.label_parquet_dask(source, tmp_path / "labelled", "rules")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv"]


def test_a_folder_of_parquet_files_named_pq_or_parq_is_parquet(tmp_path):
    # Only '*.parquet' counted, so --dask refused a folder Dask itself had written as 'part.0.pq'.
    from diplotrack.files import is_parquet

    frame = pd.DataFrame({"description": ["Foreign ministers met in Geneva."]})
    for suffix in (".pq", ".parq"):
        folder = tmp_path / suffix.strip(".")
        folder.mkdir()
        frame.to_parquet(folder / f"part.0{suffix}")
        assert is_parquet(folder)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("not parquet")
    assert not is_parquet(tmp_path / "notes")
