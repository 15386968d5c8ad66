"""Files you can trust (diplotrack.files, diplotrack.tables, through label_csv): input read
exactly as written, output that re-reads to the same rows, destinations checked first."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from diplotrack import tables
from diplotrack.batch import BatchInputError, label_csv
from diplotrack.decoding import detect_encoding
from diplotrack.files import check_destination, output_kind
from diplotrack.tables import TableReader

OUT = ["rules_track", "rules_confidence", "rules_explanation"]
TREATY = "The foreign ministers of both states signed the border treaty in Oslo."
WORKSHOP = "Retired diplomats and scholars from both countries met for a workshop in Bangkok."


def read_back(path, **kwargs) -> pd.DataFrame:
    """The output as a researcher reads it: pandas, every cell as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


def leftovers(folder, keep):
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# ---- reading exactly as written ---------------------------------------------------------


def test_first_row_with_an_extra_field_is_an_error_not_an_index(tmp_path):
    # An unquoted comma in the first data row made pandas use the first field as an index:
    # every id and description shifted and every row was labelled "none", exit status 0.
    src = tmp_path / "in.csv"
    src.write_text(f"id,description\n1,Talks in Geneva, Switzerland\n2,{TREATY}\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match=r"line 2, saw 3"):
        label_csv(src, tmp_path / "out.csv", "rules")
    assert leftovers(tmp_path, keep={"in.csv"}) == []


def test_rows_with_extra_fields_can_be_skipped_and_are_counted(tmp_path, caplog):
    src = tmp_path / "in.csv"
    src.write_text(
        f"id,description\n1,Talks in Geneva, Switzerland\n2,{TREATY}\n3,{WORKSHOP}\n", encoding="utf-8"
    )
    with caplog.at_level("WARNING", logger="diplotrack"):
        assert label_csv(src, tmp_path / "out.csv", "rules", on_bad_lines="skip") == 2
    out = read_back(tmp_path / "out.csv")
    assert out["id"].tolist() == ["2", "3"]
    assert out["description"].tolist() == [TREATY, WORKSHOP]
    assert out["rules_track"].tolist() == ["Track 1", "Track 2"]
    assert "skipped 1 row" in caplog.text and "line 2" in caplog.text


def test_skipped_rows_are_listed_in_a_side_file(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        f'id,description\n1,"{TREATY}"\n2,Talks in Geneva, Switzerland\n3,"a\nb"\n'
        f"4,Envoys met, twice, in Oslo\n",
        encoding="utf-8",
    )
    assert label_csv(src, tmp_path / "out.csv", "rules", on_bad_lines="report") == 2
    side = read_back(tmp_path / "out.bad-lines.csv")
    # The second skipped row is the CSV's fifth record, on the file's sixth line: "a\nb" spans two.
    assert side["line"].tolist() == ["3", "6"]
    assert side["record"].tolist() == ["3", "5"]
    assert side["fields_found"].tolist() == ["3", "4"]
    assert side["text"].tolist() == ["2,Talks in Geneva, Switzerland", "4,Envoys met, twice, in Oslo"]


def test_a_skipped_row_after_a_very_long_cell_keeps_its_text_in_the_side_file(tmp_path):
    # A cell over 131,072 characters (a whole report pasted in) before a skipped row: the
    # side file listed the row with an empty text, silently.
    report = "The foreign ministers of Peru and Chile met in Lima to discuss the maritime boundary. " * 2_000
    assert len(report) > 131_072
    src = tmp_path / "in.csv"
    src.write_text(
        f'id,description\n1,"{report}"\n2,Talks in Geneva, Switzerland\n3,{TREATY}\n', encoding="utf-8"
    )
    assert label_csv(src, tmp_path / "out.csv", "rules", on_bad_lines="report") == 2
    side = read_back(tmp_path / "out.bad-lines.csv")
    assert side["line"].tolist() == ["3"]
    assert side["text"].tolist() == ["2,Talks in Geneva, Switzerland"]
    assert read_back(tmp_path / "out.csv")["description"].tolist() == [report, TREATY]


def test_a_first_line_longer_than_the_csv_modules_limit_is_no_crash(tmp_path):
    # A file of descriptions without a header row, the first a whole report: the csv module's
    # look at the header raised its own error, with a traceback.
    report = "The foreign ministers of Peru and Chile met in Lima to discuss the maritime boundary. " * 2_000
    src = tmp_path / "in.csv"
    src.write_text(f"{report}\n{WORKSHOP}\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match="Missing description column"):
        label_csv(src, tmp_path / "out.csv", "rules")


def test_header_names_are_kept_as_written(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(f' id ,note,note,description\n1,a,b,"{TREATY}"\n', encoding="utf-8")
    label_csv(src, tmp_path / "out.csv", "rules")
    with open(tmp_path / "out.csv", encoding="utf-8") as f:
        assert f.readline().startswith('" id ","note","note","description",')


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_legacy_and_unicode_encodings_are_read_not_replaced(tmp_path, encoding):
    # cp1252 and latin-1 files were rewritten with U+FFFD; a UTF-16 file was refused as
    # "missing description column".
    text = "Réunion à Genève: the foreign ministers signed the accord – «closed door»."
    if encoding == "latin-1":
        text = text.replace("–", "-")
    src = tmp_path / "in.csv"
    src.write_bytes(f"id,description\n1,{text}\n".encode(encoding))
    assert label_csv(src, tmp_path / "out.csv", "rules") == 1
    out = read_back(tmp_path / "out.csv")
    assert out["description"].tolist() == [text]
    assert "\ufffd" not in (tmp_path / "out.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "text", "others"),
    [
        ("cp1253", "Οι υπουργοί Εξωτερικών της Ελλάδας και της Κύπρου συναντήθηκαν στην Αθήνα.",
         ["Η συνάντηση έγινε κεκλεισμένων των θυρών.", "Συζήτησαν το Κυπριακό και την ενέργεια."]),
        ("cp1254", "Türkiye ve Ermenistan dışişleri bakanları Zürih'te protokolleri imzaladı.",
         ["Kars'ta iş insanları sınırın açılması için buluştu.", "Görüşmeler İsviçre'nin arabuluculuğuyla yapıldı."]),
        ("cp1250", "Ministrowie spraw zagranicznych Polski i Litwy spotkali się w Wilnie.",
         ["Rozmowy dotyczyły współpracy energetycznej.", "Wcześniej obradowali też eksperci z obu krajów."]),
        ("cp1252", "Utanríkisráðherrar Íslands og Noregs hittust í Reykjavík til að ræða málin.",
         ["Fundurinn fór fram í Höfða.", "Rætt var um fiskveiðar og öryggismál."]),
    ],
    ids=["greek", "turkish", "polish", "icelandic"],
)
def test_code_pages_of_other_languages_are_not_read_as_western(tmp_path, encoding, text, others):
    """Greek and Turkish files in their own code pages decode as cp1252 without an error,
    into accented Latin letters ("ÁèÞíá" for "Αθήνα"); every cell must come back as written."""
    pytest.importorskip("charset_normalizer")
    src = tmp_path / "in.csv"
    rows = [text, *others]
    src.write_bytes(("id,description\n" + "".join(f"{i},{t}\n" for i, t in enumerate(rows, 1))).encode(encoding))
    assert label_csv(src, tmp_path / "out.csv", "rules") == len(rows)
    assert read_back(tmp_path / "out.csv")["description"].tolist() == rows


@pytest.mark.parametrize(
    "text",
    [
        "Ministers met in Genève for 2½ hours",
        "The communiqué ran to ¾ of a page",
        "Turnout ± 5 per cent, said the délégué in Zürich; © Agence France-Presse",
        "Le coût ¼ du budget à Genève, § 3 et ¶ 4; 20° à l’ouverture · séance ®",
        "Les délégués ont payé 25¢ le café – 3×4 m, ‰ et † à Montréal",
    ],
)
def test_western_text_with_common_signs_is_read_as_cp1252(tmp_path, text):
    # Read as cp857 ("Gen×ve for 2¢ hours"), iso8859_10 or cp1250, every row garbled, exit 0:
    # the signs were not known as Western, so the detector's guess won.
    src = tmp_path / "in.csv"
    src.write_bytes(f'id,description\n1,"{text}"\n2,Envoys met in Bern\n'.encode("cp1252"))
    assert label_csv(src, tmp_path / "out.csv", "rules") == 2
    assert read_back(tmp_path / "out.csv")["description"].tolist() == [text, "Envoys met in Bern"]


@pytest.mark.parametrize(
    ("stray", "line"),
    [
        ("Officials said \x93we agreed\x94 in Oslo", 3),  # quotes pasted from a Word document
        ("Officials said \x93we agreed\x94 \x96 twice \x96 in Oslo", 3),
        ("Ministers met \xed\xa0\xbd\xed\xb8\x80 in Oslo", 3),  # an emoji written as surrogates
    ],
)
def test_utf8_with_stray_bytes_is_an_error_naming_their_line_not_read_as_a_code_page(tmp_path, stray, line):
    # Read as cp1257 or mac_cyrillic: every accented letter of the file garbled, exit 0.
    src = tmp_path / "in.csv"
    src.write_bytes(
        "id,description\n1,Ministers met in Genève\n".encode()
        + f"2,{stray}\n".encode("latin-1")
        + b"3,Envoys met in Bern\n"
    )
    with pytest.raises(BatchInputError, match=rf"not valid utf-8: byte 0x[0-9a-f]+ on line {line}"):
        label_csv(src, tmp_path / "out.csv", "rules")
    assert leftovers(tmp_path, keep={"in.csv"}) == []


def test_the_detected_encoding_is_reported(tmp_path, caplog):
    src = tmp_path / "in.csv"
    src.write_bytes("id,description\n1,Zürich talks between ministers\n".encode("cp1252"))
    with caplog.at_level("INFO", logger="diplotrack"):
        label_csv(src, tmp_path / "out.csv", "rules")
    assert "cp1252" in caplog.text and "--encoding" in caplog.text


def test_a_late_non_utf8_byte_is_found_in_a_large_file(tmp_path):
    # The first megabyte is plain ASCII; the only cp1252 byte comes near the end.
    rows = [f"{i},{TREATY}" for i in range(20_000)]
    rows.append(f"20000,{'Zürich'} {TREATY}")
    src = tmp_path / "in.csv"
    src.write_bytes(("id,description\n" + "\n".join(rows) + "\n").encode("cp1252"))
    assert src.stat().st_size > 1 << 20
    assert detect_encoding(src.read_bytes()[: 1 << 20], complete=False, path=src) == "cp1252"


def test_a_letter_cut_by_the_first_megabyte_leaves_a_utf8_file_utf8(tmp_path):
    # The first megabyte ended inside "è": the check of the rest began on its second byte,
    # called it a stray byte, and the whole file was read as cp1252 ("Genève" as "GenÃ¨ve").
    head = "id,description\n" + "".join(f"{i},{TREATY}\n" for i in range(20_000))
    data = head.encode("utf-8")[: (1 << 20) - 40]
    data = data[: data.rfind(b"\n") + 1]
    filler = "x" * ((1 << 20) - 1 - len(data) - len("20001,Ministers met in Gen"))
    data += f"20001,Ministers met in Gen{filler}ève for talks.\n".encode()
    assert data[(1 << 20) - 1 : (1 << 20) + 1] == "è".encode()  # cut in two by the first megabyte
    data += "20002,Réunion à Genève des ministres; São Paulo’s mayor.\n".encode()
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    assert detect_encoding(data[: 1 << 20], complete=False, path=src) == "utf-8"
    label_csv(src, tmp_path / "out.csv", "rules")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert out["description"].iloc[-1] == "Réunion à Genève des ministres; São Paulo’s mayor."


def test_undecodable_text_is_an_error_naming_the_line(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(f"id,description\n1,{TREATY}\n2,Z\xfcrich talks\n".encode("latin-1"))
    with pytest.raises(BatchInputError, match=r"not valid utf-8: byte 0xfc on line 3"):
        label_csv(src, tmp_path / "out.csv", "rules", encoding="utf-8")
    assert leftovers(tmp_path, keep={"in.csv"}) == []


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_an_undecodable_byte_is_named_by_its_line_whatever_the_line_endings(tmp_path, end):
    # In a file of bare-CR lines (old Mac exports) every byte was said to be on line 1.
    src = tmp_path / "in.csv"
    rows = ["id,description", f"1,{TREATY}", "2,Envoys met in Bern", "3,Talks in Oslo", "4,Z\xfcrich talks", ""]
    src.write_bytes(end.join(rows).encode("latin-1"))
    with pytest.raises(BatchInputError, match=r"not valid utf-8: byte 0xfc on line 5"):
        label_csv(src, tmp_path / "out.csv", "rules", encoding="utf-8")
    assert leftovers(tmp_path, keep={"in.csv"}) == []


@pytest.mark.parametrize("given", ["utf-16", "utf-32"])
def test_an_encoding_given_wrongly_is_an_error_naming_the_file_and_what_it_reads_as(tmp_path, given):
    # utf-16 on a UTF-8 file was a bare "UTF-16 stream does not start with BOM" with a traceback.
    src = tmp_path / "in.csv"
    src.write_text(f"id,description\n1,{TREATY} Réunion à Genève.\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match=rf"in\.csv' is not valid {given}: .* It reads as utf-8: leave out"):
        label_csv(src, tmp_path / "out.csv", "rules", encoding=given)
    assert leftovers(tmp_path, keep={"in.csv"}) == []


def test_an_encoding_given_wrongly_past_the_sample_does_not_advise_the_sample_s_encoding(tmp_path):
    # The first 1 MiB is ASCII and reads as UTF-8, the rest is cp1252: "pass --encoding utf-8"
    # would fail too. The advice is to let the whole file be read for its encoding.
    src = tmp_path / "in.csv"
    rows = "".join(f"{i},{TREATY}\n" for i in range(16_000))
    src.write_bytes(f"id,description\n{rows}99,Réunion à Genève.\n".encode("cp1252"))
    assert src.stat().st_size > 1 << 20
    with pytest.raises(BatchInputError, match=r"is not valid ascii: .* Its beginning reads as utf-8: leave out --encoding") as err:
        label_csv(src, tmp_path / "out.csv", "rules", encoding="ascii")
    assert "pass --encoding utf-8" not in str(err.value)
    assert leftovers(tmp_path, keep={"in.csv"}) == []


def test_a_file_in_place_of_a_folder_is_named_when_the_write_finds_it(tmp_path, monkeypatch):
    # A figure written into "in.csv/fig.png" said "its folder 'in.csv' cannot be made (File exists)".
    from diplotrack.files import atomic_output

    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("description\nTalks\n")
    with pytest.raises(BatchInputError, match=r"'in.csv/fig.png': its folder 'in.csv' is a file, not a folder"):
        with atomic_output(Path("in.csv/fig.png")) as f:
            f.write(b"figure")


@pytest.mark.parametrize("name", ["klingon", "rot13", "hex", "base64", "idna", "undefined"])
def test_an_unknown_encoding_name_is_rejected(tmp_path, name):
    # rot13, hex and base64 are codecs Python knows, but no text encoding: they ended the run
    # with a LookupError traceback; idna and undefined are text encodings that cannot decode a
    # file's bytes with the error handling it is read with (their raw codec errors were shown).
    src = tmp_path / "in.csv"
    src.write_text(f"description\n{TREATY}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"Invalid encoding: '{name}' is not a text encoding"):
        label_csv(src, tmp_path / "out.csv", "rules", encoding=name)
    assert not (tmp_path / "out.csv").exists()


def test_another_separator(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(f"id;description\n1;{TREATY}\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match=r"--sep ';'"):
        label_csv(src, tmp_path / "out.csv", "rules")
    assert label_csv(src, tmp_path / "out.csv", "rules", sep=";") == 1
    assert read_back(tmp_path / "out.csv")["rules_track"].tolist() == ["Track 1"]


def test_a_tsv_file_is_read_with_tabs(tmp_path):
    src = tmp_path / "in.tsv"
    src.write_text(f"id\tdescription\n1\t{TREATY}, twice\n", encoding="utf-8")
    label_csv(src, tmp_path / "out.tsv", "rules")
    assert read_back(tmp_path / "out.tsv", sep="\t")["description"].tolist() == [f"{TREATY}, twice"]


# ---- writing so that the output re-reads to the same rows -------------------------------


def test_a_bare_carriage_return_in_a_cell_survives_two_runs(tmp_path):
    # A bare \r inside a quoted cell was written unquoted: the output re-read with extra
    # rows, and chaining two runs multiplied the damage.
    cell = f"{TREATY}\rSecond paragraph."
    src = tmp_path / "in.csv"
    src.write_text(f'id,description\n1,"{cell}"\n2,"{WORKSHOP}"\n', encoding="utf-8", newline="")
    label_csv(src, tmp_path / "once.csv", "rules")
    once = read_back(tmp_path / "once.csv")
    assert once["description"].tolist() == [cell, WORKSHOP]
    label_csv(tmp_path / "once.csv", tmp_path / "twice.csv", "model")  # the second run of a chain
    twice = read_back(tmp_path / "twice.csv")
    assert twice["description"].tolist() == [cell, WORKSHOP]
    assert twice[OUT].equals(once[OUT])


@pytest.mark.parametrize("nul", ["native", "escaped"])
def test_cells_come_back_byte_for_byte(tmp_path, monkeypatch, nul):
    if nul == "escaped":
        # What pandas before 3.0 (which ends a cell at NUL) and Python 3.10 (whose csv module
        # refuses to write one) make diplotrack do: the same cells must come back.
        monkeypatch.setattr(tables, "_parser_keeps_nul", lambda: False)
        monkeypatch.setattr(tables, "_writer_keeps_nul", lambda: False)
    cells = ["007", "NA", "NaN", "  padded  ", "", 'He said "yes"', "a,b", "x\x00y", "é\u2028ü", "-",
             "\ufdd0\ufdd2"]
    src = tmp_path / "in.csv"
    # Written by hand: Python 3.10's csv module (which pandas writes with) refuses a NUL.
    quoted = ['"' + c.replace('"', '""') + '"' for c in cells]
    src.write_text("code,description\n" + "".join(f"{c},{TREATY}\n" for c in quoted), encoding="utf-8")
    label_csv(src, tmp_path / "out.csv", "rules")
    with TableReader(tmp_path / "out.csv") as reader:
        out = pd.concat(list(reader))
    assert out["code"].tolist() == cells


# ---- destinations checked before any work -----------------------------------------------


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f"id,description\n1,{TREATY}\n2,{WORKSHOP}\n", encoding="utf-8")
    return path


def test_output_equal_to_input_is_refused_and_the_input_kept(source):
    before = source.read_bytes()
    with pytest.raises(BatchInputError, match="is the input file"):
        label_csv(source, source, "rules")
    assert source.read_bytes() == before


def test_output_hard_linked_to_the_input_is_refused(source, tmp_path):
    link = tmp_path / "same.csv"
    os.link(source, link)
    with pytest.raises(BatchInputError, match="is the input file"):
        label_csv(source, link, "rules")


def test_output_that_is_a_directory_is_refused(source, tmp_path):
    folder = tmp_path / "out.csv"
    folder.mkdir()
    with pytest.raises(BatchInputError, match="is a directory"):
        label_csv(source, folder, "rules")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_input_that_is_a_folder_of_csv_files_says_so(source, tmp_path):
    """A folder is read only as a parquet dataset; a folder of CSV files (a common slip:
    the folder named instead of the file) gets a message naming the problem, not a
    parquet reader's complaint about a CSV inside it."""
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "cases.csv").write_bytes(open(source, "rb").read())
    with pytest.raises(BatchInputError, match="is a directory: expected a CSV or parquet file"):
        label_csv(folder, tmp_path / "out.csv", "rules")
    assert not (tmp_path / "out.csv").exists()


def test_output_that_is_a_fifo_is_refused(source, tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    with pytest.raises(BatchInputError, match="FIFO"):
        label_csv(source, fifo, "rules")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_linked_to_a_device_is_refused(source, tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to(os.devnull)
    with pytest.raises(BatchInputError, match="a device"):
        label_csv(source, link, "rules")
    assert link.is_symlink()


def test_read_only_output_is_refused(source, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("precious\n")
    out.chmod(0o444)
    with pytest.raises(BatchInputError, match="read-only"):
        label_csv(source, out, "rules")
    assert out.read_text() == "precious\n"


def test_a_provenance_file_that_cannot_be_written_is_refused_before_the_output_is_replaced(tmp_path):
    # A folder named like the provenance file: the good output was replaced, and only then the
    # run failed with "[Errno 21] Is a directory: '.../.labelled.csv.provenance.json.x1y2.part'".
    source = tmp_path / "meetings.csv"
    source.write_text(f"id,description\n1,{PERU_CHILE}\n2,Ministers of Chile and Peru met in Lima\n")
    out = tmp_path / "labelled.csv"
    out.write_text("precious\n")
    (tmp_path / "labelled.csv.provenance.json").mkdir()
    with pytest.raises(
        BatchInputError,
        match=r"its provenance file .*labelled\.csv\.provenance\.json', .* cannot be written \(it is a "
        r"directory\)\. Move that away",
    ):
        label_csv(source, out, "rules")
    assert out.read_text() == "precious\n"
    assert leftovers(tmp_path, keep={"meetings.csv", "labelled.csv", "labelled.csv.provenance.json"}) == []


def test_a_symlink_is_followed_and_kept(source, tmp_path):
    real = tmp_path / "results" / "labelled.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    label_csv(source, link, "rules")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert read_back(real)["rules_track"].tolist() == ["Track 1", "Track 2"]
    # The provenance record sits beside the real file, not beside the link.
    assert leftovers(real.parent, keep={"labelled.csv", "labelled.csv.provenance.json"}) == []


def test_an_existing_output_keeps_its_mode(source, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    label_csv(source, out, "rules")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_new_output_gets_the_umask_default(source, tmp_path):
    previous = os.umask(0o027)
    try:
        label_csv(source, tmp_path / "out.csv", "rules")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o640


def test_the_checks_come_before_any_work(source, tmp_path, monkeypatch):
    import diplotrack.batch as batch

    def no_work(*args, **kwargs):
        raise AssertionError("a classifier was asked for before the output was checked")

    monkeypatch.setattr(batch, "get_classifier", no_work)
    monkeypatch.setattr(batch, "classifier_for", no_work)
    with pytest.raises(BatchInputError, match="is the input file"):
        label_csv(source, source, "rules")


# ---- formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix, opener",
    [
        (".csv.gz", gzip.open),
        (".csv.bz2", bz2.open),
        (".csv.xz", lzma.open),
        (".csv.zst", None),
    ],
    ids=["gz", "bz2", "xz", "zst"],
)
def test_compressed_csv_in_and_out_by_suffix(source, tmp_path, suffix, opener):
    if opener is None:
        zstandard = pytest.importorskip("zstandard")

        def opener(path, mode):
            return zstandard.open(path, mode)

    out = tmp_path / f"out{suffix}"
    label_csv(source, out, "rules")
    with opener(out, "rb") as f:
        data = f.read()
    assert data.startswith(b'"id","description","rules_track"')
    again = tmp_path / f"again{suffix}"
    label_csv(out, again, "model")  # a compressed input is recognised by its first bytes
    with opener(again, "rb") as f:
        relabelled = pd.read_csv(f, dtype=str, keep_default_na=False)
    assert relabelled["rules_track"].tolist() == ["Track 1", "Track 2"]
    assert "model_track" in relabelled.columns


def test_parquet_in_and_out(source, tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "out.parquet"
    assert label_csv(source, out, "rules") == 2
    frame = pd.read_parquet(out)
    assert frame["id"].tolist() == ["1", "2"]
    assert frame["rules_track"].tolist() == ["Track 1", "Track 2"]
    assert frame["rules_confidence"].dtype == "float64"
    assert label_csv(out, tmp_path / "again.csv", "model") == 2
    again = read_back(tmp_path / "again.csv")
    assert again["description"].tolist() == [TREATY, WORKSHOP]


PERU_CHILE = "The foreign ministers of Peru and Chile met in Lima on 3 May to discuss the maritime boundary."
SCHOLARS = "Retired diplomats and scholars from Peru and Chile met for a workshop in Santiago."


def test_parquet_columns_empty_in_the_first_chunk_keep_their_types(tmp_path):
    # Fields filled in only for later cases: the output's schema was fixed from the first
    # chunk (its empty columns as text), and the first chunk holding a date failed the run.
    import datetime
    import decimal

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = pa.table(
        {
            "description": [PERU_CHILE, SCHOLARS, PERU_CHILE, SCHOLARS, PERU_CHILE],
            "signed_on": pa.array([None, None, datetime.date(2024, 5, 3), None, None], pa.date32()),
            "ratified": pa.array([None, None, None, True, False]),
            "delegations": pa.array([None, None, ["Peru", "Chile"], [], None], pa.list_(pa.string())),
            "venue": pa.array(
                [None, None, {"city": "Lima", "seats": 40}, None, {"city": "Santiago", "seats": None}],
                pa.struct([("city", pa.string()), ("seats", pa.int64())]),
            ),
            "budget": pa.array(
                [decimal.Decimal("1.5"), None, decimal.Decimal("12345678.5"), None, None], pa.decimal128(12, 1)
            ),
        }
    )
    pq.write_table(source, tmp_path / "in.parquet")
    assert label_csv(tmp_path / "in.parquet", tmp_path / "out.parquet", "rules", chunksize=2) == 5
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.select(source.column_names).equals(pq.read_table(tmp_path / "in.parquet"))
    assert label_csv(tmp_path / "in.parquet", tmp_path / "out.csv", "rules", chunksize=2) == 5
    text = read_back(tmp_path / "out.csv")
    assert text["signed_on"].tolist() == ["", "", "2024-05-03", "", ""]
    assert text["ratified"].tolist() == ["", "", "", "True", "False"]
    assert text["delegations"].tolist() == ["", "", "['Peru', 'Chile']", "[]", ""]
    assert text["venue"].tolist()[2] == "{'city': 'Lima', 'seats': 40}"
    assert text["budget"].tolist() == ["1.5", "", "12345678.5", "", ""]


def test_parquet_integers_with_a_missing_value_stay_integers(tmp_path):
    # How Polars, DuckDB, R arrow and Spark write a nullable integer column: read through
    # pandas' default conversion it became floats, 9007199254740993 became
    # 9007199254740992.0 and 1001 was written "1001.0"; NaN became a missing value.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = pa.table(
        {
            "case_id": pa.array([9007199254740993, 1001, None], pa.int64()),
            "description": [PERU_CHILE, SCHOLARS, PERU_CHILE],
            "round": pa.array([{"number": 3}, {"number": None}, None], pa.struct([("number", pa.int64())])),
            "score": pa.array([0.5, float("nan"), None], pa.float64()),
        }
    )
    pq.write_table(source, tmp_path / "in.parquet")
    for chunksize in (20_000, 2):
        assert label_csv(tmp_path / "in.parquet", tmp_path / "out.parquet", "rules", chunksize=chunksize) == 3
        out = pq.read_table(tmp_path / "out.parquet")
        assert out.schema.field("case_id").type == pa.int64()
        assert out["case_id"].to_pylist() == [9007199254740993, 1001, None]
        assert out["round"].type == source["round"].type
        assert out["round"].to_pylist() == [{"number": 3}, {"number": None}, None]
        score = out["score"].to_pylist()
        assert score[0] == 0.5 and score[1] != score[1] and score[2] is None  # NaN kept, not missing
        assert label_csv(tmp_path / "in.parquet", tmp_path / "out.csv", "rules", chunksize=chunksize) == 3
        text = read_back(tmp_path / "out.csv")
        assert text["case_id"].tolist() == ["9007199254740993", "1001", ""]
        assert text["round"].tolist() == ["{'number': 3}", "{'number': None}", ""]


def test_a_parquet_output_reads_back_in_pandas_with_the_input_s_dtypes(tmp_path):
    # A coding sheet saved by pandas with nullable columns: its labelled parquet read back
    # in pandas had 'case_id' as float64 (1001.0, NaN) and 'ratified' as object, because the
    # output lost pandas' note on the columns (the Arrow types were right).
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame(
        {
            "case_id": pd.array([1001, None, 1003], dtype="Int64"),
            "ratified": pd.array([True, None, False], dtype="boolean"),
            "region": pd.Categorical(["Andes", "Andes", "Nordic"]),
            "description": [PERU_CHILE, SCHOLARS, PERU_CHILE],
        },
        index=pd.Index(["lima-03", "osl-01", "lima-04"], name="source_row"),
    )
    frame.to_parquet(tmp_path / "in.parquet")
    for chunksize in (20_000, 2):
        assert label_csv(tmp_path / "in.parquet", tmp_path / "out.parquet", "both", chunksize=chunksize) == 3
        out = pd.read_parquet(tmp_path / "out.parquet")
        # The stored index is a column of the output, as in a CSV output and with Dask.
        assert list(out.columns[:5]) == [*frame.columns, "source_row"]
        pd.testing.assert_frame_equal(out.set_index("source_row")[frame.columns], frame)
        assert out["rules_track"].tolist()[:2] == ["Track 1", "Track 2"]
        assert out["model_confidence"].dtype == "float64"


def test_parquet_view_columns_with_a_missing_value_are_written_to_csv(tmp_path):
    # How Polars and DuckDB write text: a string_view or binary_view column with a missing
    # value ended the CSV output with pyarrow's "Function 'array_filter' has no kernel
    # matching input types (string_view, bool)" and a traceback.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    if not hasattr(pa, "string_view"):
        # pyarrow before 16 (the extra allows 14) has no view types: no file it reads or
        # writes can hold such a column, so there is nothing to label.
        pytest.skip("pyarrow before 16 has no string_view or binary_view type to write or read")
    source = pa.table(
        {
            "case_id": [1, 2, 3],
            "description": pa.array([PERU_CHILE, None, SCHOLARS], pa.string_view()),
            "note": pa.array([b"Lima", None, b"Arica"], pa.binary_view()),
        }
    )
    pq.write_table(source, tmp_path / "in.parquet")
    for chunksize in (20_000, 2):
        assert label_csv(tmp_path / "in.parquet", tmp_path / "out.csv", "rules", chunksize=chunksize) == 3
        text = read_back(tmp_path / "out.csv")
        assert text["description"].tolist() == [PERU_CHILE, "", SCHOLARS]
        assert text["note"].tolist() == ["b'Lima'", "", "b'Arica'"]  # as a binary column is written
        assert label_csv(tmp_path / "in.parquet", tmp_path / "out.parquet", "rules", chunksize=chunksize) == 3
        out = pq.read_table(tmp_path / "out.parquet")
        assert out.schema.field("description").type == pa.string_view()  # a parquet output keeps the type
        assert out["description"].to_pylist() == [PERU_CHILE, None, SCHOLARS]
        assert out["note"].to_pylist() == [b"Lima", None, b"Arica"]


def test_a_file_in_a_parquet_folder_that_is_not_parquet_is_named(tmp_path):
    # It was "The parquet files in 'meetings' disagree on a column's type (... smaller than the
    # minimum file footer ...)", which names no file and blames the types.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "meetings"
    folder.mkdir()
    pq.write_table(pa.table({"id": [1], "description": [PERU_CHILE]}), folder / "part-0.parquet")
    pq.write_table(pa.table({"id": [2], "description": [SCHOLARS]}), folder / "part-1.parquet")
    (folder / "notes.txt").write_text("Ministers of Chile and Peru met in Lima: check the dates.\n")
    with pytest.raises(
        BatchInputError, match=r"'.*notes\.txt', in the folder '.*meetings', is not a parquet file .* move that file out"
    ):
        label_csv(folder, tmp_path / "out.csv", "rules")
    assert not (tmp_path / "out.csv").exists()


def test_a_parquet_file_with_two_columns_of_one_name_is_named_with_the_column(tmp_path):
    # pyarrow's bare "Can't unify schema with duplicate field names." named neither the column
    # nor the file, nor what to do.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.Table.from_arrays(
        [pa.array(["pe-01"]), pa.array([PERU_CHILE]), pa.array(["Lima"])], names=["id", "description", "id"]
    )
    pq.write_table(table, tmp_path / "meetings.parquet")
    message = r"'.*meetings\.parquet' has 2 columns named 'id' \(columns 1, 3\).* Rename the repeated column"
    with pytest.raises(BatchInputError, match=message):
        label_csv(tmp_path / "meetings.parquet", tmp_path / "out.csv", "rules")
    folder = tmp_path / "folder"  # the same file among others in a folder
    folder.mkdir()
    pq.write_table(pa.table({"id": ["ch-02"], "description": [SCHOLARS]}), folder / "a.parquet")
    pq.write_table(table, folder / "b.parquet")
    with pytest.raises(BatchInputError, match=r"'.*b\.parquet' has 2 columns named 'id'"):
        label_csv(folder, tmp_path / "out.csv", "rules")
    assert not (tmp_path / "out.csv").exists()


def test_a_pandas_index_stored_in_parquet_is_a_column_of_the_output(tmp_path):
    # pandas stores a named index, or an integer index other than 0, 1, 2, ..., as a column
    # of the file: it was dropped from the output, and could not be named as a column.
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame({"description": [PERU_CHILE, SCHOLARS]}, index=pd.Index(["lima-03", "scl-11"], name="source_row"))
    frame.to_parquet(tmp_path / "named.parquet")
    assert label_csv(tmp_path / "named.parquet", tmp_path / "named.csv", "rules") == 2
    out = read_back(tmp_path / "named.csv")
    assert list(out.columns) == ["description", "source_row", *OUT]
    assert out["source_row"].tolist() == ["lima-03", "scl-11"]

    frame.index = pd.Index([17, 4])  # rows kept after sorting and filtering
    frame.to_parquet(tmp_path / "kept.parquet")
    assert label_csv(tmp_path / "kept.parquet", tmp_path / "kept_out.parquet", "rules") == 2
    out = pd.read_parquet(tmp_path / "kept_out.parquet")
    assert out["__index_level_0__"].tolist() == [17, 4]

    frame.reset_index(drop=True).set_index("description").to_parquet(tmp_path / "by_text.parquet")
    assert label_csv(tmp_path / "by_text.parquet", tmp_path / "by_text.csv", "rules") == 2
    assert read_back(tmp_path / "by_text.csv")["description"].tolist() == [PERU_CHILE, SCHOLARS]


@pytest.mark.parametrize(
    "name",
    ["labelled.xlsx", "labelled", "labelled.json", "labelled.gz"],
    ids=["xlsx", "no-suffix", "json", "bare-gz"],
)
def test_an_unknown_output_suffix_is_an_error(source, tmp_path, name):
    with pytest.raises(BatchInputError, match="Invalid output name"):
        label_csv(source, tmp_path / name, "rules")
    assert leftovers(tmp_path, keep={"in.csv"}) == []


def test_output_kind_by_suffix():
    assert output_kind("a.CSV").format == "csv"
    assert output_kind("a.tsv.gz") == output_kind("a.tsv.gz").__class__("csv", "gzip", "\t")
    assert output_kind("-").format == "csv"
    assert output_kind("a.pq").format == "parquet"


def test_an_output_folder_that_is_a_file_is_named_as_given(source, tmp_path, monkeypatch):
    # The folder of "results/labelled.csv" is a file: the error was a bare errno naming the
    # resolved output; it names the folder as typed, before any work.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "results").write_text("round 1 results, kept as a file\n")
    with pytest.raises(BatchInputError, match=r"'results/labelled.csv': its folder 'results' is a file, not a folder"):
        label_csv(source, "results/labelled.csv", "rules")
    with pytest.raises(BatchInputError, match=r"its folder 'results/2024' cannot be made: 'results' is a file"):
        label_csv(source, "results/2024/labelled.csv", "rules")
    assert leftovers(tmp_path, keep={"in.csv", "results"}) == []
    assert label_csv(source, "by-round/2024/labelled.csv", "rules") == 2  # missing folders are made
    assert read_back(tmp_path / "by-round" / "2024" / "labelled.csv")["rules_track"].tolist() == ["Track 1", "Track 2"]


def test_a_folder_that_refuses_the_output_is_named_not_a_temporary_file(source, tmp_path, monkeypatch):
    # What the system says for a folder one may not write to (a shared, read-only data
    # folder): the message named the temporary file, ".labelled.csv.<random>.part".
    import tempfile

    def refused(*, prefix, suffix, dir):
        raise PermissionError(13, "Permission denied", os.path.join(dir, f"{prefix}k2j9x_{suffix}"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    shared = tmp_path / "shared"
    shared.mkdir()
    with pytest.raises(BatchInputError) as caught:
        label_csv(source, shared / "labelled.csv", "rules")
    message = str(caught.value)
    assert f"its folder {str(shared.resolve())!r} cannot be written to (Permission denied)" in message
    assert ".part" not in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder_is_an_error_before_any_work(source, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shared").mkdir(mode=0o555)
    with pytest.raises(BatchInputError, match=r"its folder 'shared' is not writable"):
        label_csv(source, "shared/labelled.csv", "rules")


def test_check_destination_returns_the_file_a_link_names(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("x\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert check_destination(link) == real.resolve()
    assert check_destination(tmp_path / "new.csv") == (tmp_path / "new.csv").resolve()


def test_a_wide_table_is_written_to_parquet_in_time_linear_in_its_columns(tmp_path):
    # The output schema was built column by column, copying it each time: 20,000 columns
    # took 217 s to parquet against 6 s to CSV.
    import csv
    import time

    pytest.importorskip("pyarrow")
    n = 12_000
    source = tmp_path / "wide.csv"
    with open(source, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["description"] + [f"answer_{i}" for i in range(n)])
        for _ in range(3):
            w.writerow(["The foreign ministers of Chile and Peru met in Lima for talks."] + ["1"] * n)
    start = time.perf_counter()
    assert label_csv(source, tmp_path / "out.parquet", "rules") == 3
    assert time.perf_counter() - start < 30
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert out.shape == (3, n + 1 + 3) and out["answer_11999"].tolist() == ["1", "1", "1"]
