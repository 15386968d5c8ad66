"""Normalisation of raw input into Engagement objects (diplotrack.engagement)."""

from __future__ import annotations

import dataclasses
import math
import re
import time
import unicodedata

import numpy as np
import pandas as pd
import pytest

from diplotrack import classify_many
from diplotrack.engagement import FIELDS, MAX_FIELD_CHARS, Engagement, as_engagement, as_engagements

CAMP_DAVID = "President Carter, President Sadat and Prime Minister Begin negotiated at Camp David."


def test_string_becomes_the_description():
    e = as_engagement(CAMP_DAVID)
    assert e == Engagement(description=CAMP_DAVID)
    assert (e.participants, e.formality, e.purpose) == ("", "", "")


def test_engagement_passes_through_unchanged():
    e = Engagement("Talks in Geneva.", participants="deputy foreign ministers")
    assert as_engagement(e) is e


def test_engagement_is_immutable():
    e = Engagement("Talks in Geneva.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.description = "something else"


def test_dict_with_all_fields():
    raw = {
        "description": "Talks in Geneva.",
        "participants": "deputy foreign ministers; official delegations",
        "formality": "formal negotiation",
        "purpose": "conclude an arms control agreement",
    }
    assert as_engagement(raw) == Engagement(**raw)


def test_dict_with_missing_keys_and_extra_keys():
    e = as_engagement({"participants": "retired generals", "case_id": 17, "year": 1991})
    assert e == Engagement(description="", participants="retired generals")


@pytest.mark.parametrize(
    "value",
    [None, float("nan"), np.nan, np.float64("nan"), pd.NA, pd.NaT, 0, 42, 3.5, -1e300, True,
     np.int64(7), complex(1, 2), float("inf"), ["a", "list"], {"a": "dict"}, object()],
    ids=["None", "nan", "np.nan", "np.float64-nan", "pd.NA", "pd.NaT", "zero", "int", "float",
         "huge-float", "bool", "np.int64", "complex", "inf", "list", "dict", "object"],
)
def test_non_text_values_become_empty_fields(value):
    e = as_engagement({"description": "Talks in Geneva.", "participants": value, "purpose": value})
    assert e.description == "Talks in Geneva."
    assert e.participants == ""
    assert e.purpose == ""


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, 12, 3.25],
                         ids=["None", "nan", "pd.NA", "int", "float"])
def test_non_text_single_input_is_an_empty_engagement(value):
    e = as_engagement(value)
    assert e == Engagement()
    assert e.is_empty()


def test_utf8_bytes_are_decoded():
    e = as_engagement({"description": "Pourparlers à Genève entre délégations.".encode()})
    assert e.description == "Pourparlers à Genève entre délégations."
    assert as_engagement(b"Talks in Oslo.").description == "Talks in Oslo."


def test_undecodable_bytes_carry_no_words():
    e = as_engagement({"description": b"\xff\xfe\xfa\x80", "participants": b"\xc3\x28"})
    # Whatever replaces the broken bytes, it must not be mistaken for words of evidence.
    assert not re.search(r"\w", e.description)
    assert not re.search(r"\w", e.participants)


def test_nul_characters_are_removed():
    e = as_engagement("Scholars\x00met\x00in Vienna.")
    assert "\x00" not in e.description
    assert e.description.replace(" ", "") == "ScholarsmetinVienna."


SCRAPED = (
    '<div class="article-body"><h2>Envoys back in Doha</h2><p>Negotiators for the two '
    "governments met in Doha on Tuesday&nbsp;for a third round of talks on the prisoner "
    "exchange, officials said.</p><p>The Qatari foreign ministry&rsquo;s envoy chaired "
    "the session.&nbsp;<a href=\"/more\">Read more &raquo;</a></p>"
    '<script>window.ads = "<p>minister</p>";</script></div>'
)
AS_SHOWN = (
    "Envoys back in Doha. Negotiators for the two governments met in Doha on Tuesday for a "
    "third round of talks on the prisoner exchange, officials said. The Qatari foreign "
    "ministry\u2019s envoy chaired the session. Read more \u00bb"
)


def test_a_cell_scraped_from_a_web_page_is_read_as_its_text():
    # Tags and entities were read as words: "nbsp", "rsquo", "href", a script's "minister".
    e = as_engagement(SCRAPED)
    assert not re.search(r"[<>]|&\w+;|nbsp|href|window", e.description)
    # The heading ends a line, as a browser shows it (here without the full stop typed).
    assert " ".join(e.description.split()) == AS_SHOWN.replace("Doha. Negotiators", "Doha Negotiators")
    assert "\nEnvoys back in Doha\n" in e.description
    for method in ("rules", "model"):
        scraped, typed = classify_many([SCRAPED, AS_SHOWN], method=method)
        assert scraped.label == typed.label == "Track 1"
        quoted = [ev.text for ev in scraped.evidence if ev.start is not None]
        assert quoted and all(q in e.description for q in quoted)
        assert "rsquo" not in scraped.explanation and "<p>" not in scraped.explanation


def test_entities_escaped_twice_are_read_as_their_characters():
    # "Caf&amp;eacute;" was read as "Caf&eacute;", the entity's name a word of the text.
    cell = (
        "Ministers of Chile and Per&amp;uacute; met scholars at the Caf&amp;eacute; Lima &amp;amp; "
        "Bistro for an informal dialogue on the maritime boundary."
    )
    e = as_engagement(cell)
    assert e.description == (
        "Ministers of Chile and Perú met scholars at the Café Lima & Bistro for an informal dialogue "
        "on the maritime boundary."
    )
    assert all(not re.search(r"&\w+;|uacute|eacute", ev.text) for ev in classify_many([cell])[0].evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Fewer than <100 delegates came to the Oslo talks; questions to <press@osce.org>.",
        "Talks on R&D cooperation and Q&A sessions with AT&T engineers in Seoul.",
        "If turnout < 50% and costs > budget, the summit moves to Vienna.",
        "Delegates said <a few officials> would come to the Oslo talks.",
    ],
)
def test_text_that_only_looks_like_markup_is_kept_as_written(text):
    assert as_engagement(text).description == text


def test_tags_with_attributes_that_stand_alone_are_markup():
    # "<td nowrap>" stayed in the text; HTML writes some attributes without a value.
    cell = (
        '<table><tr><td nowrap>Oslo, 3 May</td><td nowrap class="body">The foreign ministers of '
        "Chile and Peru met for talks on the maritime boundary.</td></tr></table>"
    )
    text = " ".join(as_engagement(cell).description.split())
    assert text == "Oslo, 3 May The foreign ministers of Chile and Peru met for talks on the maritime boundary."
    # A bare word that is no such attribute still makes no tag.
    kept = "Delegates said <a hidden agenda> would be tabled at the Oslo talks."
    assert as_engagement(kept).description == kept


def test_pandas_series_row():
    row = pd.Series({"case_id": "007", "description": "Peace talks in Oslo.", "participants": np.nan,
                     "formality": "official", "purpose": None})
    assert as_engagement(row) == Engagement("Peace talks in Oslo.", "", "official", "")


def test_columns_mapping_for_dict_and_series():
    columns = {"description": "summary", "participants": "who"}
    raw = {"summary": "A workshop in Nicosia.", "who": "teachers and historians", "description": "ignored"}
    expected = Engagement("A workshop in Nicosia.", "teachers and historians")
    assert as_engagement(raw, columns=columns) == expected
    assert as_engagement(pd.Series(raw), columns=columns) == expected


def test_enormous_string_is_truncated_without_error():
    text = "Scholars met in Vienna. " * (MAX_FIELD_CHARS // 10)
    assert len(text) > MAX_FIELD_CHARS
    e = as_engagement({"description": text, "participants": text, "formality": text, "purpose": text})
    for name in FIELDS:
        value = getattr(e, name)
        assert len(value) == MAX_FIELD_CHARS
        assert text.startswith(value)


def test_enormous_input_is_classified_quickly(rules_clf):
    # A whole document pasted into one cell must cost about as much as one long case.
    text = "Retired ambassadors and scholars met for a workshop. " * 200_000
    start = time.perf_counter()
    verdict = rules_clf.classify({"description": text, "participants": text})
    assert time.perf_counter() - start < 10
    assert verdict.label == "Track 2"


@pytest.mark.parametrize("opener", ["<!--", "<script>", "<style x>"], ids=["comment", "script", "style"])
def test_a_cell_of_unclosed_markup_is_read_in_one_pass(rules_clf, opener):
    # A scrape cut off mid-page, repeated: each unclosed opener was matched to the end of the
    # cell, so the time grew with the square of its length (80,000 characters of "<!--" took
    # 6 s, a full 200,000-character cell about 40 s). The text from an unclosed opener on is
    # hidden, as a browser hides it.
    text = "Envoys met in Doha. " + opener * (MAX_FIELD_CHARS // len(opener))
    start = time.perf_counter()
    e = as_engagement(text)
    verdict = rules_clf.classify(e)
    assert time.perf_counter() - start < 10
    assert e.description.strip() == "Envoys met in Doha." and verdict.explanation


@pytest.mark.parametrize(
    "cut",
    ["<script>var note = 'scholars met';", "<!-- scholars met", "<style>.scholars{}", "<a href='/news/scholars-met.html"],
    ids=["script", "comment", "style", "tag"],
)
def test_a_page_cut_short_inside_markup_lends_it_no_words(rules_clf, cut):
    """A scraped page cut off inside a script, a comment, a style block or a tag's attributes
    (at a spreadsheet's 32,767-character cell limit): what follows the opener is hidden, as a
    browser hides it, so "scholars" there made the ministers' talks Track 1.5 before."""
    text = "Foreign ministers met in Geneva to sign the water treaty. " + cut
    verdict = rules_clf.classify(text)
    assert verdict.label == "Track 1" and "scholars" not in verdict.explanation.lower(), verdict.explanation
    assert "scholars" not in as_engagement(text).description


@pytest.mark.parametrize(
    "text",
    [
        ("no officials met, " * 12_000)[:MAX_FIELD_CHARS],
        ("no envoys, no talks; " * 10_000)[:MAX_FIELD_CHARS],
        "Apologies: " + "officials; " * 18_000,
    ],
    ids=["repeated-denials", "denials-and-talks", "apologies-list"],
)
def test_a_cell_of_many_denials_is_read_in_time_linear_in_its_length(rules_clf, text):
    # Each denied meeting was checked against every negated participant (15.9 s for the first
    # cell), and each role under "Apologies:" read every word back to the heading (7.7 s a
    # cell; a whole minutes export pasted into two fields here).
    start = time.perf_counter()
    verdict = rules_clf.classify({"description": text, "participants": text})
    assert time.perf_counter() - start < 10
    assert verdict.label == "none" and verdict.explanation


@pytest.mark.parametrize(
    ("case", "label"),
    [
        # Every state's name walked back over the whole list before it: 40,000 characters of
        # states took 39 s, a full cell of "U.S. " minutes.
        ({"description": "The foreign ministers met in Geneva on 3 May for the annual review conference.",
          "participants": "Delegations of " + ", ".join(["Chile", "Peru", "Norway", "Kenya"] * 9_000)}, "Track 1"),
        ({"description": "Talks in Geneva.", "participants": "U.S. " * 40_000}, "Track 1"),
        # A lower-cased digest has no sentence ends: each call-off read the rest of the cell
        # (10.7 s for 160,000 characters).
        ({"description": ("the talks in geneva were postponed. the minister cancelled her visit to lima. "
                          * 2_000)}, "none"),
    ],
    ids=["list-of-states", "repeated-state", "digest-of-call-offs"],
)
def test_long_lists_of_states_and_call_offs_are_read_in_linear_time(rules_clf, case, label):
    start = time.perf_counter()
    verdict = rules_clf.classify(case)
    assert time.perf_counter() - start < 10
    assert verdict.label == label, verdict.explanation


def test_fields_lists_only_nonempty_fields_in_order():
    e = Engagement("Talks.", participants="", formality="formal", purpose="treaty")
    assert e.fields() == (("description", "Talks."), ("formality", "formal"), ("purpose", "treaty"))


@pytest.mark.parametrize("e, empty", [
    (Engagement(), True),
    (Engagement("   \n\t "), True),
    (Engagement("", purpose=" "), True),
    (Engagement("", participants="academics"), False),
    (Engagement("Talks."), False),
], ids=["nothing", "whitespace", "blank-purpose", "participants-only", "description"])
def test_is_empty(e, empty):
    assert e.is_empty() is empty


# ---- many cases -------------------------------------------------------------------------

def test_dataframe_by_column_name_with_missing_and_extra_columns():
    df = pd.DataFrame({
        "case_id": ["a", "b", "c"],
        "purpose": ["reconciliation", None, np.nan],
        "description": ["Workshop in Nicosia.", "Talks in Geneva.", None],
    })
    assert as_engagements(df) == [
        Engagement("Workshop in Nicosia.", purpose="reconciliation"),
        Engagement("Talks in Geneva."),
        Engagement(),
    ]


def test_dataframe_with_renamed_columns():
    df = pd.DataFrame({"summary": ["Talks in Geneva."], "who": ["deputy foreign ministers"],
                       "description": ["not this column"]})
    out = as_engagements(df, columns={"description": "summary", "participants": "who"})
    assert out == [Engagement("Talks in Geneva.", "deputy foreign ministers")]


def test_dataframe_keeps_row_order_with_a_shuffled_index():
    df = pd.DataFrame({"description": ["first", "second", "third"]}, index=[30, 10, 20])
    assert [e.description for e in as_engagements(df)] == ["first", "second", "third"]


def test_dataframe_with_no_rows():
    assert as_engagements(pd.DataFrame({"description": []})) == []


def test_2d_object_array_columns_in_field_order():
    X = np.array([
        ["Talks in Geneva.", "deputy foreign ministers", "formal", "arms control"],
        [None, "academics", np.nan, "reconciliation"],
    ], dtype=object)
    assert as_engagements(X) == [
        Engagement("Talks in Geneva.", "deputy foreign ministers", "formal", "arms control"),
        Engagement("", "academics", "", "reconciliation"),
    ]


def test_2d_array_with_fewer_and_more_columns():
    narrow = np.array([["Talks in Geneva.", "diplomats"]], dtype=object)
    assert as_engagements(narrow) == [Engagement("Talks in Geneva.", "diplomats")]
    # Text after the fourth value would be lost unread (an id column first shifts every
    # field, a fifth column is dropped): refused, in arrays and in rows alike.
    wide = np.array([["d", "p", "f", "u", "extra", "columns"]], dtype=object)
    with pytest.raises(ValueError, match=r"rows of 6 values with text after the fourth"):
        as_engagements(wide)
    with pytest.raises(ValueError, match=r"case 1 is a row of 5 values"):
        as_engagements([("Talks in Geneva.",), ("case-07", "Talks in Geneva.", "", "", "note")])
    # Values there that hold no text (numbers, as scikit-learn's checks pass, or blanks) are no loss.
    padded = np.array([["Talks in Geneva.", "diplomats", "", "", 3.0, None]], dtype=object)
    assert as_engagements(padded) == [Engagement("Talks in Geneva.", "diplomats")]


def test_numeric_2d_array_gives_empty_engagements():
    out = as_engagements(np.arange(12, dtype=float).reshape(3, 4))
    assert out == [Engagement()] * 3


def test_1d_array_and_series_are_descriptions():
    texts = ["Summit in Hanoi.", "Scholars met in Oslo."]
    expected = [Engagement(t) for t in texts]
    assert as_engagements(np.array(texts, dtype=object)) == expected
    assert as_engagements(pd.Series(texts, index=[5, 2])) == expected


def test_list_of_mixed_items_keeps_order():
    items = [
        "Summit in Hanoi.",
        {"description": "Talks.", "participants": "envoys"},
        Engagement("Workshop.", purpose="reconciliation"),
        None,
        float("nan"),
        ("Talks in Geneva.", "diplomats", None, "treaty"),
        ["Retreat.", "clergy"],
    ]
    assert as_engagements(items) == [
        Engagement("Summit in Hanoi."),
        Engagement("Talks.", "envoys"),
        Engagement("Workshop.", purpose="reconciliation"),
        Engagement(),
        Engagement(),
        Engagement("Talks in Geneva.", "diplomats", "", "treaty"),
        Engagement("Retreat.", "clergy"),
    ]


def test_generator_input():
    out = as_engagements(f"Round {i} of talks." for i in range(3))
    assert [e.description for e in out] == ["Round 0 of talks.", "Round 1 of talks.", "Round 2 of talks."]


@pytest.mark.parametrize("single", [
    "Summit in Hanoi.",
    b"Summit in Hanoi.",
    {"description": "Summit in Hanoi."},
    Engagement("Summit in Hanoi."),
], ids=["str", "bytes", "dict", "Engagement"])
def test_single_case_passed_as_many_raises_a_helpful_type_error(single):
    with pytest.raises(TypeError, match=r"expected many cases.*got a single") as info:
        as_engagements(single)
    message = str(info.value)
    assert type(single).__name__ in message
    assert "Wrap it in a list" in message and "classify()" in message


def test_non_iterable_raises_type_error():
    with pytest.raises(TypeError, match="Invalid input: expected an iterable of cases.*got int"):
        as_engagements(42)


def test_3d_array_raises_value_error():
    with pytest.raises(ValueError, match="expected a 1-D or 2-D array of cases, got 3 dimensions"):
        as_engagements(np.zeros((2, 2, 2)))


def test_nan_cells_in_a_dataframe_are_not_the_text_nan():
    df = pd.DataFrame({"description": [np.nan, "Talks."], "participants": [math.nan, None]})
    out = as_engagements(df)
    assert out[0] == Engagement()
    assert out[1] == Engagement("Talks.")


def test_sparse_matrix_is_rejected_with_a_clear_message():
    sparse = pytest.importorskip("scipy.sparse")
    for X in (sparse.csr_matrix(np.eye(2)), sparse.dok_matrix(np.eye(2))):
        with pytest.raises(TypeError, match="sparse matrices are not supported"):
            as_engagements(X)


class _ArrayLike:
    """An object that is only convertible to an array (what scikit-learn calls array-like)."""

    def __init__(self, data):
        self.data = data

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.data, dtype=dtype)


def test_array_like_is_read_as_an_array():
    X = _ArrayLike(np.array([["Talks in Geneva.", "diplomats", "formal", "treaty"]], dtype=object))
    assert as_engagements(X) == [Engagement("Talks in Geneva.", "diplomats", "formal", "treaty")]


@pytest.mark.parametrize("marker", ["NaN", "nan", "None", "NULL", "N/A", "n/a", " - ", "—"])
def test_missing_value_markers_written_as_text_are_empty_fields(marker):
    engagement = as_engagement({"description": marker, "participants": marker,
                                "purpose": "Peace talks between the two governments"})
    assert engagement.description == "" and engagement.participants == ""
    assert engagement.purpose == "Peace talks between the two governments"


def test_sentences_that_start_with_a_marker_word_are_kept():
    assert as_engagement("None of the ministers attended.").description == "None of the ministers attended."


def test_decomposed_accents_read_as_composed_and_the_cell_is_kept_as_given():
    # Text pasted from a PDF or on macOS often carries "a" + a combining accent; the lexicon
    # entry "Tánaiste" (composed) then missed it and the official went uncounted.
    import unicodedata

    from diplotrack import classify, label_frame

    text = ("The Tánaiste met the British prime minister and business leaders from both "
            "islands in Dublin on Monday.")
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    composed_verdict, decomposed_verdict = classify(text), classify(decomposed)
    assert decomposed_verdict.label == composed_verdict.label
    assert "Tánaiste" in decomposed_verdict.explanation
    out = label_frame(pd.DataFrame({"description": [decomposed]}), method="rules")
    assert out["description"].iat[0] == decomposed  # the user's cell is not rewritten


def test_an_engagement_made_by_hand_from_table_cells_is_cleaned_like_any_input():
    # Engagement(row.description, participants=row.participants) with a NaN, a number or
    # bytes among the cells crashed the whole batch deep in the engine.
    frame = pd.DataFrame(
        {
            "description": [
                "The foreign ministers of India and China met in Moscow and agreed a five-point plan.",
                float("nan"),
                b"Retired diplomats and scholars from both countries met in Oslo.",
                "N/A",
            ],
            "participants": [float("nan"), 2019, None, "n/a"],
        }
    )
    cases = [Engagement(r.description, participants=r.participants) for r in frame.itertuples()]
    assert cases[0] == Engagement(frame.description[0]) and cases[1].is_empty() and cases[3].is_empty()
    assert cases[2].description.startswith("Retired diplomats")
    for method in ("rules", "model"):
        labels = [v.label for v in classify_many(cases, method)]
        assert labels[0] == "Track 1" and labels[1] == labels[3] == "none" and labels[2] == "Track 2", labels
    long = Engagement("Talks in Geneva. " * 20_000)
    assert len(long.description) == MAX_FIELD_CHARS and long.truncated == ("description",)
    # Longer than the limit only until its accents are composed: nothing is cut, nothing said.
    composed = Engagement("Talks in Bogota\u0301. " + "e\u0301 " * 66_700)
    assert len(composed.description) < MAX_FIELD_CHARS and composed.truncated == ()


def test_evidence_offsets_of_decomposed_accents_point_into_the_composed_text():
    # As Evidence documents: such a field is read composed (NFC), and its offsets are into that.
    text = (
        "Cafe\u0301 owners and university scholars from Bogota\u0301 met the Venezuelan foreign "
        "minister in Cu\u0301cuta."
    )
    composed = unicodedata.normalize("NFC", text)
    assert composed != text
    for method in ("rules", "model"):
        spans = [e for e in classify_many([text], method)[0].evidence if e.start is not None]
        assert spans and all(composed[e.start : e.end] == e.text for e in spans), method


def test_a_non_text_cell_in_a_series_of_descriptions_abstains_as_in_a_dataframe(rules_clf):
    # JSON-loaded data holds lists and dicts in a text column: in a Series or 1-D array one
    # such cell stopped the whole batch (TypeError, or "Missing description" for a dict).
    text = "The foreign ministers of Chile and Peru met in Lima on 3 May; scholars joined a side session."
    column = pd.Series([text, ["Lima", "Santiago"], {"lang": "es"}, {"Chile", "Peru"}, None], name="description")
    expected = [v.label for v in rules_clf.classify_many(column.to_frame())]
    assert expected == ["Track 1.5", "none", "none", "none", "none"]
    for cases in (column, column.to_numpy()):
        verdicts = rules_clf.classify_many(cases)
        assert [v.label for v in verdicts] == expected
        assert all("no text" in v.explanation.lower() or "provide a description" in v.explanation.lower()
                   for v in verdicts[1:]), [v.explanation for v in verdicts[1:]]
    # A record in the column is still read as one.
    records = pd.Series([{"description": text}, {"participants": "retired diplomats and scholars"}])
    assert [v.label for v in rules_clf.classify_many(records)][0] == "Track 1.5"


@pytest.mark.parametrize(
    "hidden",
    ["minis\u00adters", "minis&shy;ters", "minis\u200bters", "\uff4d\uff49\uff4e\uff49\uff53\uff54\uff45\uff52\uff53"],
    ids=["soft-hyphen", "soft-hyphen-entity", "zero-width-space", "fullwidth-letters"],
)
def test_characters_that_show_nothing_or_are_fullwidth_leave_a_word_whole(hidden):
    # A soft hyphen or a zero-width space left by a narrow column split "ministers" in two,
    # and fullwidth letters matched nothing: the officials were lost (rules: no engagement).
    plain = "The foreign ministers of Chile and Peru met scholars from both countries in Lima for a dialogue."
    text = plain.replace("ministers", hidden)
    e = as_engagement(text)
    assert e.description == plain
    for method in ("rules", "model"):
        shown, typed = classify_many([text, plain], method=method)
        assert shown.label == typed.label == "Track 1.5"
        assert "ministers" in shown.explanation


def test_text_that_composing_makes_longer_than_the_limit_is_said_to_be_cut():
    # Composing some letters (NFC) lengthens a text: 150,111 characters became 300,111, were
    # cut at 200,000, and the verdict did not say so.
    grows = "\u0958" * 150_000  # DEVANAGARI LETTER QA: in NFC it is two characters
    text = "Foreign ministers met in Delhi. " + grows
    assert len(text) < MAX_FIELD_CHARS
    e = as_engagement(text)
    assert len(e.description) == MAX_FIELD_CHARS and e.truncated == ("description",)
    assert "only its first 200,000 characters were read" in classify_many([text], method="rules")[0].explanation


@pytest.mark.parametrize("cell", ["#N/A", "  NaN  ", bytearray(b"N/A")])
def test_spreadsheet_missing_markers_and_bytearrays_are_read_as_such(cell):
    assert as_engagement({"description": cell}).is_empty()


def test_a_bytearray_is_read_as_bytes_are():
    text = "The foreign ministers of Chile and Peru met in Lima."
    assert as_engagement({"description": bytearray(text.encode())}).description == text


def test_a_series_of_records_with_a_misnamed_key_is_an_error_as_a_list_of_them_is():
    # A Series of {"text": ...} records abstained on every case, where the same list raised.
    from diplotrack.engagement import MissingColumnError

    records = [{"text": "The foreign ministers met in Lima."}, {"text": "Scholars met in Oslo."}]
    for cases in (records, pd.Series(records), np.array(records, dtype=object)):
        with pytest.raises(MissingColumnError, match=r"none of the 2 records .*first has"):
            classify_many(cases, method="rules")
