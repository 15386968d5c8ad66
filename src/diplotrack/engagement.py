"""The input type, :class:`Engagement`, and the one place where raw input is normalised.

Everything inside the library works on ``Engagement`` objects. A researcher may hand in
a plain string, a mapping (a ``dict`` or a pandas row), an ``Engagement``, or, for many
cases at once, a list of those, a pandas DataFrame, or a 2-D array whose columns are
the four fields in order. Anything that is not text (``None``, ``NaN``, numbers) counts
as an empty field: no evidence, never an error.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import issparse

__all__ = [
    "FIELDS",
    "MAX_FIELD_CHARS",
    "SEPARATOR_NAMES",
    "Engagement",
    "DuplicateColumnError",
    "MissingColumnError",
    "as_engagement",
    "as_engagements",
    "check_columns",
    "check_mapping",
    "separator_hint",
    "shown_columns",
    "table_column",
]

FIELDS: tuple[str, ...] = ("description", "participants", "formality", "purpose")

#: Longest text read per field. A real case description is a few hundred characters, but
#: a whole report pasted into one cell (up to about 40 pages) is classified whole: the
#: rules and the model are linear in the text's length, so it costs under a second. Past
#: this, the field is cut and the verdict's explanation says so; ``Engagement.truncated``
#: names the cut fields.
MAX_FIELD_CHARS = 200_000

#: Cell values that spreadsheets and CSV exports use for "missing"; they are no evidence.
_NULL_MARKERS = frozenset({"nan", "none", "null", "n/a", "#n/a", "na", "nil", "-", "--", "\u2014", "?"})


#: HTML as a scraped page leaves it in a cell: the tags a web page's text is wrapped in (no
#: other '<...>': "<100 delegates" or an address "<desk@un.org>" stays), comments, and the
#: script and style blocks whose content is no text of the page.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|form|"
    "h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|title|tr|ul"
)
_INLINE_TAGS = "a|abbr|b|big|cite|code|em|font|i|img|mark|q|s|small|span|strong|sub|sup|time|u"
_MARKUP_HINT = re.compile(r"</?[a-zA-Z!]|&#?[A-Za-z0-9]{2,32};")
_TWICE_ESCAPED = re.compile(r"&amp;(#[0-9]{2,7};|#[xX][0-9a-fA-F]{2,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _once(m: re.Match) -> str:
    # "&amp;eacute;" is "&eacute;" escaped once more; "&amp;notes;" names no entity and stays.
    entity = m.group(1)
    return "&" + entity if entity.startswith("#") or entity in html.entities.html5 else m.group(0)


_HIDDEN_OPEN = re.compile(r"<!--|<(script|style|noscript)\b[^<>]*>", re.I)
_HIDDEN_CLOSE = {
    None: re.compile(r"-->"),
    **{tag: re.compile(rf"</{tag}\s*>", re.I) for tag in ("script", "style", "noscript")},
}
# A tag cut short at the end of the text, inside its attributes ("<a href='/news/x.html"): an
# attribute's "=" tells it from a "<" of prose ("fewer than <100", "<a few officials").
_CUT_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s+[^<>]*=[^<>]*$")
# A tag is its name alone or with attributes written name="value", after HTML's attributes
# that stand alone ("<td nowrap>", "<details open class='note'>"); "<a few officials>" is no
# tag. "<br/>" and "<br />" close themselves.
_BARE_ATTRIBUTES = "async|checked|defer|disabled|hidden|nowrap|open|readonly|selected"
_ATTRIBUTES = rf"(?:\s+(?:{_BARE_ATTRIBUTES})\b)*(?:\s+[^<>=]*=[^<>]*)?\s*/?>"
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS}){_ATTRIBUTES}", re.I)
_INLINE = re.compile(rf"</?(?:{_INLINE_TAGS}){_ATTRIBUTES}", re.I)


def _without_markup(text: str) -> str:
    """``text`` with HTML entities decoded and the tags of a web page removed (a block's
    tag ends a line, an inline tag goes): what a browser shows, roughly, not the source.

    Examples
    --------
    >>> _without_markup("<p>The foreign ministers&nbsp;met in Lima.</p><p>Talks&hellip;</p>")
    '\\nThe foreign ministers met in Lima.\\n\\nTalks…\\n'
    >>> _without_markup("Caf&amp;eacute; &amp;amp; Bistro, R&amp;D, Barnes &amp;notes;")
    'Café & Bistro, R&D, Barnes &notes;'
    >>> _without_markup("Fewer than <100 delegates came; write to <desk@un.org>.")
    'Fewer than <100 delegates came; write to <desk@un.org>.'
    """
    if not _MARKUP_HINT.search(text):
        return text
    # Entities first: a tag written escaped (&lt;br&gt;, as scrapers double-encode) goes too,
    # and so does an entity escaped twice ("Caf&amp;eacute;", "&amp;amp;"), as feeds and
    # exports leave them.
    text = html.unescape(_TWICE_ESCAPED.sub(_once, text)).replace("\xa0", " ")
    text = _drop_hidden(text)
    text = _BLOCK.sub("\n", text)
    return _INLINE.sub("", text)


def _drop_hidden(text: str) -> str:
    """``text`` without comments and script, style and noscript blocks, in one pass forward
    (a pattern ``<!--.*?-->`` takes time in the square of the length on a cell of unclosed
    openers). An opener never closed hides the rest of the text, as a browser reads it (a
    page cut short, at a spreadsheet's cell limit, inside a script or a comment), and so
    does a tag cut short inside its attributes (``<a href='/news/...``).

    >>> _drop_hidden("News<!-- ad --> from <script>var a = 1;</script>Geneva<!-- cut")
    'News  from  Geneva '
    >>> _drop_hidden("Ministers met in Lima. <script>var note = 'scholars met'")
    'Ministers met in Lima.  '
    >>> _drop_hidden("Talks in Lima. Read: <a href='/news/scholars-met-in-lima.html")
    'Talks in Lima. Read:  '
    >>> _drop_hidden("Fewer than <100 delegates came, <a few> officials")
    'Fewer than <100 delegates came, <a few> officials'
    """
    pieces, pos = [], 0
    while (opener := _HIDDEN_OPEN.search(text, pos)) is not None:
        tag = opener.group(1)
        closer = _HIDDEN_CLOSE[tag and tag.lower()].search(text, opener.end())
        pieces += [text[pos : opener.start()], " "]
        if closer is None:
            return "".join(pieces)
        pos = closer.end()
    rest = text[pos:]
    if (cut := _CUT_TAG.search(rest)) is not None:
        return "".join([*pieces, rest[: cut.start()], " "])
    return "".join([*pieces, rest])


@dataclass(frozen=True, slots=True)
class Engagement:
    """One described engagement: a free-text description and three optional fields.

    Parameters
    ----------
    description : str
        The text describing the engagement.
    participants, formality, purpose : str
        Optional structured fields; an empty string is simply no evidence.
    truncated : tuple of str
        The fields that were longer than ``MAX_FIELD_CHARS`` and were cut when the
        engagement was made; classifiers say so in the verdict.

    The fields are cleaned as the engagement is made, as any input is: non-text (``None``,
    ``NaN``, numbers) and missing-value markers ("N/A") are empty, bytes are decoded, accents
    composed, and a field longer than ``MAX_FIELD_CHARS`` is cut.

    Examples
    --------
    >>> Engagement("Talks in Geneva.", participants="deputy foreign ministers").participants
    'deputy foreign ministers'
    >>> Engagement(float("nan"), participants="N/A").is_empty()
    True
    """

    description: str = ""
    participants: str = ""
    formality: str = ""
    purpose: str = ""
    #: Names of the fields cut at ``MAX_FIELD_CHARS`` when the input was normalised.
    truncated: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every engagement holds clean text however it was made, so that one made by hand
        # from a table's cells (Engagement(row.description), a NaN or a number among them)
        # is read as the same cells given as text or as a row would be (see _clean).
        cut = self.truncated
        for name in FIELDS:
            value = getattr(self, name)
            text, was_cut = _cleaned(value)
            if text is not value:
                object.__setattr__(self, name, text)
                # Cut only when the clean text was longer than the limit: composing accents or
                # decoding bytes may bring a longer input under it, and composing some letters
                # (NFC) makes a shorter input longer.
                if was_cut and name not in cut:
                    cut = (*cut, name)
        if cut is not self.truncated:
            object.__setattr__(self, "truncated", cut)

    def fields(self) -> tuple[tuple[str, str], ...]:
        """Return ``(field name, text)`` pairs for the non-empty fields, in order."""
        return tuple((name, text) for name in FIELDS if (text := getattr(self, name)))

    def is_empty(self) -> bool:
        """True when no field carries any non-blank text."""
        return not any(text.strip() for _, text in self.fields())


def _clean(value: Any) -> str:
    """Text of one field. Non-text (None, NaN, numbers) and missing-value markers written as
    text ("NaN", "N/A", "null", "-") are empty; bytes are decoded as UTF-8 with replacement;
    HTML tags and entities are removed and decoded (see :func:`_without_markup`); characters
    that show nothing inside a word (a soft hyphen, a zero-width space) are dropped and
    fullwidth Latin letters read as ASCII; text is put in Unicode normal form NFC (composed
    accents), as the lexicons are written."""
    return _cleaned(value)[0]


# Characters that show nothing and that word processors and web pages leave inside words
# ("minis\u00adters" hyphenated for a narrow column): they split a word in two, so they go.
# Zero-width joiners are kept (emoji and Indic scripts need them). Fullwidth Latin letters,
# digits and signs (typed in East Asian text) are read as their ASCII forms, one for one.
_INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u2060\ufeff\uff01-\uff5e]")
_INVISIBLE: dict[int, int | None] = {
    **dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff")),
    **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)},
}


def _cleaned(value: Any) -> tuple[str, bool]:
    """:func:`_clean`'s text, and whether it was cut at ``MAX_FIELD_CHARS``."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bytes | bytearray):
        text = bytes(value).decode("utf-8", errors="replace")
    else:
        # None, NaN, pandas.NA, numbers and arbitrary objects carry no text evidence.
        return "", False
    if len(text) <= 12 and text.strip().lower() in _NULL_MARKERS:
        return "", False
    if "<" in text or "&" in text:
        # A cell scraped from a web page: its tags and entities would be read as words.
        text = _without_markup(text)
    if not text.isascii():
        if _INVISIBLE_CHARS.search(text):
            text = text.translate(_INVISIBLE)
        if not unicodedata.is_normalized("NFC", text):
            # Accents typed as a letter plus a combining mark (macOS copy-paste, PDF
            # extraction) would miss every lexicon entry written with the composed letter.
            text = unicodedata.normalize("NFC", text)
    cut = len(text) > MAX_FIELD_CHARS
    if cut:
        text = text[:MAX_FIELD_CHARS]
    # Strip characters that can never be evidence but break printing downstream.
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return text, cut


def _engagement(values: Iterable[Any]) -> Engagement:
    """An :class:`Engagement` from the raw values of the four fields, in order (cleaned as
    it is made)."""
    return Engagement(*list(values)[: len(FIELDS)])


class MissingColumnError(ValueError):
    """A table of cases lacks the description column, or a column named in ``columns``."""


class DuplicateColumnError(ValueError):
    """A table of cases holds a field's column more than once, so which to read is unclear."""


def check_mapping(columns: Any) -> dict[str, str]:
    """``columns`` as a dict, or a clear error when it is not a mapping of field to column.

    Examples
    --------
    >>> check_mapping({"description": "summary"})
    {'description': 'summary'}
    >>> check_mapping("summary")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: Invalid columns: expected a mapping of field name to column name, ... got str 'summary'.
    """
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise TypeError(
            "Invalid columns: expected a mapping of field name to column name, such as "
            f"{{'description': 'summary'}}, got {type(columns).__name__} {columns!r}."
        )
    return dict(columns)


def check_columns(found: Iterable[Any], columns: Mapping[str, str] | None = None) -> None:
    """Check that a table's columns hold the description and every column named in ``columns``.

    Parameters
    ----------
    found : iterable
        The table's column names.
    columns : Mapping[str, str], optional
        Field name to column name. A field named here must be present; of the fields not
        named, only ``description`` must be (the others are optional).

    Raises
    ------
    MissingColumnError
        Naming the missing column and listing the columns found.

    Examples
    --------
    >>> check_columns(["id", "description", "participants"])
    >>> check_columns(["id", "summary"], {"description": "summary", "participants": "who"})
    Traceback (most recent call last):
    ...
    diplotrack.engagement.MissingColumnError: Missing participants column 'who': ...
    """
    found = list(found)
    keys = check_mapping(columns)
    for name in FIELDS:
        col = keys.get(name, name)
        option = f"--{name}-column"
        if col not in found:
            if name != "description" and name not in keys:
                continue  # an optional field's column may be absent
            raise MissingColumnError(
                f"Missing {name} column {col!r}: the input has columns {shown_columns(found)}. "
                f"Name the column holding the {name} with {option} (columns={{{name!r}: ...}} in "
                f"label_frame, label_csv and classify_many; for an estimator's fit or predict, rename "
                f"the column to {name!r})."
            )
        copies = found.count(col)
        if copies > 1:
            raise DuplicateColumnError(
                f"The {name} column {col!r} appears {copies} times in the input, under one name, so "
                f"no option can choose between them: rename the copies in the file (or drop those "
                "not wanted), then name the one to use if it is not the default."
            )


def shown_columns(found: Iterable[Any], limit: int = 30, width: int = 60) -> str:
    """The column names of a table, for an error message: at most ``limit`` of them, each cut
    to ``width`` characters, so that a file that is no table (a binary file read as text makes
    a header of thousands of garbled characters) still gets a message of a few lines.

    Examples
    --------
    >>> shown_columns(["id", "summary"])
    "['id', 'summary']"
    >>> shown_columns(["x" * 100, *map(str, range(40))], limit=3, width=10)
    "['xxxxxxxxx…', '0', '1', ... and 38 more]"
    """
    names = [str(c) for c in found]
    cut = [n if len(n) <= width else n[: width - 1] + "…" for n in names[:limit]]
    shown = ", ".join(map(repr, cut))
    more = f", ... and {len(names) - limit} more" if len(names) > limit else ""
    return f"[{shown}{more}]"


#: The separators a table is most often written with besides the one expected, by name, in the
#: order a header is checked for them.
SEPARATOR_NAMES = {"\t": "tab", ";": "semicolon", "|": "bar", ",": "comma"}


def separator_hint(found: Iterable[Any], sep: str | None = None) -> str:
    """A hint for a table read with the wrong separator (its header one column holding a tab,
    a semicolon or a bar), to add to an error that lists its columns; ``""`` otherwise.

    Examples
    --------
    >>> separator_hint(["id;description;track"])
    " The header holds a semicolon: pass --sep ';' (sep=';' in Python)."
    >>> separator_hint(["id", "description"])
    ''

    Excel's separator line ("sep=;" above the header) is named, and a comma in the one
    column of a file read with another separator (a ".tsv" that holds commas):

    >>> print(separator_hint(["sep=;"]))  # doctest: +NORMALIZE_WHITESPACE
    The first line 'sep=;' is Excel's note of the separator, not the header: delete that line
    and pass --sep ';' (sep=';' in Python).
    >>> separator_hint(["id,description"])
    " The header holds a comma: pass --sep ',' (sep=',' in Python)."
    >>> separator_hint(['{"description": "Talks in Oslo."}'])  # doctest: +ELLIPSIS
    ' The first line is JSON, not a CSV header: diplotrack reads CSV and parquet files; ...'

    ``sep``: the separator the table was read with, when known (``""`` for a table that has
    none, such as parquet: no separator is suggested). A header cell holding that very
    separator was quoted as a whole line:

    >>> print(separator_hint(["id,description"], sep=","))  # doctest: +NORMALIZE_WHITESPACE
    The header is one quoted cell holding the separator (','): each whole line of the file is
    in quotes. Export it again with each cell quoted on its own, or none.
    """
    found = list(found)
    first = str(found[0]) if found else ""
    if first.lstrip().startswith("{"):
        return (
            " The first line is JSON, not a CSV header: diplotrack reads CSV and parquet files; "
            "load JSON Lines with pandas (pandas.read_json(path, lines=True)) and label that with "
            "label_frame, or save it as CSV."
        )
    if first.lower().startswith("sep=") and len(first) <= 5 and not any(str(c).strip() for c in found[1:]):
        # Excel's line naming the separator; read with that separator, it is "sep=" and "".
        line = "The first line" if len(first) == 4 else f"The first line {first!r}"
        fix = "" if len(first) == 4 else f" and pass --sep {first[4]!r} (sep={first[4]!r} in Python)"
        return f" {line} is Excel's note of the separator, not the header: delete that line{fix}."
    if len(found) == 1 and sep != "":
        header = str(found[0])
        if sep is not None and sep in header:
            return (
                f" The header is one quoted cell holding the separator ({sep!r}): each whole line "
                "of the file is in quotes. Export it again with each cell quoted on its own, or none."
            )
        for other, name in SEPARATOR_NAMES.items():
            if other in header:
                return f" The header holds a {name}: pass --sep {other!r} (sep={other!r} in Python)."
    return ""


def table_column(data: Any, column: Any, what: str = "column") -> Any:
    """The column ``column`` of the DataFrame ``data``, checked to appear there once.

    The one place where a column the user named (gold labels, coders, a subset or
    grouping column, a method's labels) is taken from a table: a name that appears twice
    would give a table of its copies, read cell by cell as if they were one column. The
    caller has checked that the column exists; ``what`` names its role in the message.

    Raises
    ------
    DuplicateColumnError
        If ``data`` has more than one column named ``column``.

    Examples
    --------
    >>> import pandas as pd
    >>> table_column(pd.DataFrame({"track": ["Track 1"]}), "track").tolist()
    ['Track 1']
    >>> table_column(pd.DataFrame([["Track 1", "Track 2"]], columns=["track", "track"]),
    ...              "track", "gold column")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplotrack.engagement.DuplicateColumnError: The gold column 'track' appears 2 times in the input: ...
    """
    copies = list(data.columns).count(column)
    if copies > 1:
        raise DuplicateColumnError(
            f"The {what} {str(column)!r} appears {copies} times in the input: expected one column "
            "of that name, as which copy to read is unclear. Rename or drop all but one of them."
        )
    return data[column]


def as_engagement(obj: Any, *, columns: Mapping[str, str] | None = None) -> Engagement:
    """Normalise one input into an :class:`Engagement`.

    Parameters
    ----------
    obj : str, Mapping, pandas.Series, Engagement or None
        A description string, or a mapping with any of the keys ``description``,
        ``participants``, ``formality``, ``purpose``. ``None``, ``NaN`` and other
        non-text values give an empty engagement, which every classifier abstains on.
    columns : Mapping[str, str], optional
        Maps a field name to the key it is stored under, e.g. ``{"description": "text"}``.

    Examples
    --------
    >>> as_engagement({"description": "Peace talks in Oslo.", "purpose": None})
    Engagement(description='Peace talks in Oslo.', participants='', formality='', purpose='')
    """
    if isinstance(obj, Engagement):
        return obj
    if isinstance(obj, str | bytes):
        return _engagement((obj,))
    keys = check_mapping(columns)
    getter = getattr(obj, "get", None)
    if isinstance(obj, Mapping) or (callable(getter) and hasattr(obj, "index")):
        wanted = [keys.get(name, name) for name in FIELDS]
        if len(obj) and not _has_any_key(obj, wanted):  # {} is a case with nothing given
            raise MissingColumnError(
                f"Missing description: the case has keys {_keys_of(obj)}, none of {wanted}. Give the "
                "description under the key 'description' (or map your key with columns="
                "{'description': ...} where it is accepted); for a column of many descriptions use "
                "classify_many."
            )
        return _engagement(obj.get(key) for key in wanted)
    if isinstance(obj, list | tuple | set | frozenset) or getattr(obj, "ndim", 0) >= 1:
        raise TypeError(
            f"Invalid input: expected one case (a string, mapping, pandas row or Engagement), got a "
            f"{type(obj).__name__} of {len(obj)} items. Use classify_many for many cases."
        )
    return _engagement((obj,))


def _description_cell(value: Any, wanted: list[str]) -> Engagement:
    """One cell of a Series or 1-D array of descriptions: text, an Engagement, or a record
    with a field's key (``wanted``: the fields' keys, in order); any other value (a list, a
    set, a dict of other keys, as JSON data holds) is no text, as in a DataFrame's column, so
    the batch goes on and the case abstains."""
    if isinstance(value, str | bytes | Engagement):
        return as_engagement(value)
    if isinstance(value, Mapping) and _has_any_key(value, wanted):
        return _engagement(value.get(key) for key in wanted)
    return Engagement()


def _keys_of(obj: Any) -> list[str]:
    keys = obj.keys() if isinstance(obj, Mapping) else obj.index
    shown = [str(k) for k in list(keys)[:12]]
    return shown + ["..."] if len(keys) > 12 else shown


def _has_any_key(obj: Any, wanted: list[Any]) -> bool:
    try:
        return (
            any(key in obj for key in wanted)
            if isinstance(obj, Mapping)
            else any(key in obj.index for key in wanted)
        )
    except TypeError:  # an unhashable key, such as a list
        return False


def _check_width(rows: Any, what: str) -> None:
    """Refuse rows with text beyond the four fields, which would be lost unread (a table of
    an id, the text fields and a note, passed as an array). Other values there (numbers, as
    scikit-learn's checks pass) carry no text and are ignored, as in the fields themselves."""
    n = max((len(row) for row in rows), default=0)
    if n > len(FIELDS) and any(_clean(v) for row in rows for v in row[len(FIELDS) :]):
        raise ValueError(
            f"Invalid input: {what} {n} values with text after the fourth, but rows of values are "
            f"read by position as {', '.join(FIELDS)} (at most {len(FIELDS)}), so that text would "
            "be lost. Pass a DataFrame with named columns "
            "(a column named 'description', or columns={'description': ...}; other columns are "
            "ignored), or only the text fields in that order."
        )


def as_engagements(X: Any, *, columns: Mapping[str, str] | None = None) -> list[Engagement]:
    """Normalise many inputs into a list of :class:`Engagement`, one per case, in order.

    Parameters
    ----------
    X : DataFrame, 2-D array, Series, or iterable of str / Mapping / Engagement
        A DataFrame is read by column name: it must have the description column (and
        any column named in ``columns``); the other fields' columns may be absent. A 2-D
        array's columns (or a list's tuples) are taken as ``description, participants,
        formality, purpose`` in that order, and text in a fifth column is refused, not
        dropped; a 1-D array, Series or list of strings as descriptions.
    columns : Mapping[str, str], optional
        Maps a field name to a DataFrame column or mapping key with another name.

    Raises
    ------
    MissingColumnError
        If a DataFrame lacks the description column or a column named in ``columns``.

    Examples
    --------
    >>> [e.description for e in as_engagements(["Summit in Hanoi.", None])]
    ['Summit in Hanoi.', '']
    """
    if issparse(X):
        raise TypeError(
            "Invalid input: sparse matrices are not supported; expected text (a list of "
            "descriptions, a DataFrame or a 2-D array of the four text fields)."
        )
    if isinstance(X, str | bytes | Engagement | Mapping):
        raise TypeError(
            "Invalid input: expected many cases (a list, array or DataFrame), got a single "
            f"{type(X).__name__}. Wrap it in a list, or use classify() for one case."
        )
    if not hasattr(X, "columns") and not hasattr(X, "ndim") and hasattr(X, "__array__"):
        X = np.asarray(X)
    keys = check_mapping(columns)
    if hasattr(X, "columns") and hasattr(X, "iloc"):
        check_columns(X.columns, keys)
        cols = []
        for name in FIELDS:
            col = keys.get(name, name)
            cols.append(X[col].tolist() if col in X.columns else [None] * len(X))
        return [_engagement(row) for row in zip(*cols)]
    if hasattr(X, "ndim") and hasattr(X, "tolist"):
        if X.ndim == 2:
            rows = X.tolist()
            _check_width(rows, "a 2-D array has rows of")
            return [_engagement(row) for row in rows]
        if X.ndim == 1:
            cells = X.tolist()
            wanted = [keys.get(f, f) for f in FIELDS]
            records = [v for v in cells if isinstance(v, Mapping) and v]
            # Records only, none with a field's key: a misnamed key ({"text": ...}), not a
            # stray value among descriptions (a dict in a JSON-loaded text column abstains).
            texts = any(isinstance(v, str | bytes | Engagement) for v in cells)
            if records and not texts and not any(_has_any_key(v, wanted) for v in records):
                _refuse_misnamed(len(records), wanted, _keys_of(records[0]))
            return [_description_cell(v, wanted) for v in cells]
        raise ValueError(f"Invalid input: expected a 1-D or 2-D array of cases, got {X.ndim} dimensions.")
    if not isinstance(X, Iterable):
        raise TypeError(
            f"Invalid input: expected an iterable of cases (str, dict or Engagement), got {type(X).__name__}."
        )
    out = []
    wanted = [keys.get(f, f) for f in FIELDS]
    records = keyed = 0
    first_keys: list[str] = []
    for item in X:
        if isinstance(item, list | tuple):
            _check_width((item,), f"case {len(out)} is a row of")
            out.append(_engagement(item))
        elif isinstance(item, Mapping):
            records += bool(item)  # {} is a record with nothing given, not a misnamed key
            first_keys = first_keys or _keys_of(item)
            if _has_any_key(item, wanted):
                keyed += 1
                out.append(_engagement(item.get(key) for key in wanted))
            else:
                out.append(_engagement(()))  # a record without any field: a missing value
        else:
            out.append(as_engagement(item, columns=keys))
    if records and not keyed:
        _refuse_misnamed(records, wanted, first_keys)
    return out


def _refuse_misnamed(records: int, wanted: list[str], first_keys: list[str]) -> None:
    """Not one record of a batch has a field's key: a misnamed key, not missing values."""
    raise MissingColumnError(
        f"Missing description: none of the {records} records has any of the keys {wanted} (the "
        f"first has {first_keys}). Name the key holding the description with "
        "columns={'description': ...}."
    )
