"""A file's encoding, detected or given, and text decoded strictly from its bytes.

Detection never guesses silently: the caller reports the encoding chosen. Decoding never
replaces a byte: one that cannot be decoded is an error naming its line.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable
from pathlib import Path

from .files import BatchInputError, InputStream

__all__ = ["StrictTextReader", "detect_encoding", "line_breaks"]

_BLOCK = 1 << 20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _first_utf8_error(data: bytes, final: bool) -> int | None:
    """Offset of the first byte that is not UTF-8 in ``data``, or None."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _last_char_start(sample: bytes) -> int:
    """Where the rest of a file begins to be checked after ``sample``: at the end of the sample,
    or at the first byte of a UTF-8 character the sample's end cuts in two (a check begun on
    its second byte would call a valid file's letter a stray byte).

    >>> _last_char_start("Genève".encode("utf-8")[:4])  # 'è' is cut after its first byte
    3
    >>> _last_char_start("Genève".encode("utf-8")[:5])  # 'è' whole
    5
    >>> _last_char_start(b"Geneva")
    6
    """
    end = len(sample)
    for k in range(1, min(4, end) + 1):
        byte = sample[end - k]
        if byte < 0x80:
            return end
        if byte >= 0xC0:  # the lead byte of a character begun within the last k bytes
            width = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return end - k if width > k else end
    return end


def _rest_is_utf8(path: Path, start: int) -> int | None:
    """Check a file from byte ``start`` on; offset of its first non-UTF-8 byte, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        f.seek(start)
        pos = start
        while block := f.read(_BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return pos + exc.start - len(exc.object) + len(block)
            pos += len(block)
        try:
            decoder.decode(b"", True)
        except UnicodeDecodeError:
            return pos
    return None


#: What Western European text decoded as cp1252 looks like outside ASCII: accented
#: letters, typographic quotes and dashes, and the signs that are signs in every Windows
#: code page (© ® ± ¶ ...), so that they say nothing of another language's letters.
_WESTERN = frozenset(
    [chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)]
    + list("ŒœŠšŽžŸƒ‘’‚“”„–—…•€™«»°ºª§£¡¿·\u00a0")
    + list("‰†‡‹›ˆ¤¦©¬\u00ad®±µ¶")
)

#: Signs of Western text (2½ hours, ¼ of the budget, 25¢, 3×4 m) whose bytes are letters in
#: another code page (Slovak "ľ" and "Ľ" in cp1250, Cyrillic in cp1251, Greek in cp1253):
#: Western only where no letter touches them, as a letter inside a word would.
_WESTERN_APART = frozenset("½¼¾¢¥×÷")


#: Letters of Icelandic that cp1252 gives for the bytes of Turkish "ğ", "ı", "ş", "İ", "Ş", "Ğ"
#: in cp1254: text that holds them is left to the detector.
_ICELANDIC = frozenset("ðþýÐÞÝ")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


#: The Windows code page of languages whose letters cp1252 lacks, by charset-normalizer's
#: language names.
_CODE_PAGE_OF = {
    "Turkish": "cp1254",
    "Greek": "cp1253",
    "Russian": "cp1251",
    "Ukrainian": "cp1251",
    "Bulgarian": "cp1251",
    "Serbian": "cp1251",
    "Polish": "cp1250",
    "Czech": "cp1250",
    "Slovak": "cp1250",
    "Hungarian": "cp1250",
    "Croatian": "cp1250",
    "Slovene": "cp1250",
    "Romanian": "cp1250",
    "Hebrew": "cp1255",
    "Arabic": "cp1256",
    "Farsi": "cp1256",
    "Lithuanian": "cp1257",
    "Latvian": "cp1257",
    "Estonian": "cp1257",
    "Vietnamese": "cp1258",
}


def _reads_western(text: str) -> bool:
    """Whether text decoded as cp1252 reads as Western European: every character outside
    ASCII is an accented letter or a typographic sign, no Icelandic letter stands in for a
    Turkish one, and words are not made of accented letters. Greek or Cyrillic text in its own
    code page decodes as cp1252 into such words ("ÁèÞíá" for "Αθήνα"); Western text has few.

    >>> _reads_western("Réunion à Genève des ministres")
    True
    >>> _reads_western("Ministers met in Genève for 2½ hours; turnout ± 5%, © Reuters")
    True
    >>> _reads_western("Minister Ľudovít Ódor".encode("cp1250").decode("cp1252"))  # "Ľ" is "¼"
    False
    >>> _reads_western("Συνάντηση στην Αθήνα".encode("cp1253").decode("cp1252"))
    False
    """
    odd = [c for c in text if ord(c) > 0x7F]
    if any(c in _ICELANDIC for c in odd):
        return False
    if not all(c in _WESTERN for c in odd):
        apart = [m.start() for m in re.finditer(f"[{''.join(_WESTERN_APART)}]", text)]
        if not all(c in _WESTERN or c in _WESTERN_APART for c in odd) or any(
            text[k - 1 : k].isalpha() or text[k + 1 : k + 2].isalpha() for k in apart
        ):
            return False
    accented = [w for w in _LONG_WORD.findall(text) if any(ord(c) > 0x7F for c in w)]
    mostly = sum(1 for w in accented if sum(ord(c) > 0x7F for c in w) * 2 > len(w))
    return mostly * 10 <= len(accented)


def _guess_legacy(sample: bytes) -> str:
    """The likeliest single-byte (or East Asian) encoding of non-UTF-8 text."""
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _reads_western(text):
            return "cp1252"  # by far the commonest legacy encoding of the texts we label
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        results = []
    else:
        results = list(from_bytes(sample))
    if results:
        least = min(m.chaos for m in results)
        calm = [m for m in results if m.chaos <= least]
        best = max(m.coherence for m in calm)
        tied = [m.encoding for m in calm if m.coherence >= best]
        # Ties between Western code pages are common on short samples; cp1252 is by far
        # the most frequent of them (Excel and Windows exports in Western Europe).
        choice = "cp1252" if "cp1252" in tied else tied[0]
        # A reading in the code page of the language it is read as wins over a tie the
        # detector cannot break: Turkish in cp1254 reads with no more chaos as cp1252, but
        # its "ğ", "ı", "ş" then become Icelandic letters.
        own = [m.encoding for m in calm if _CODE_PAGE_OF.get(m.language) == m.encoding]
        if own:
            choice = own[0]
        if choice in ("ascii", "utf_8"):
            choice = "cp1252"
    else:
        choice = "cp1252"
    for encoding in (choice, "cp1252"):
        try:
            sample.decode(encoding)
            return encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return "latin-1"  # decodes any byte


def _bomless_utf16(head: bytes) -> str | None:
    r"""``"utf-16-le"`` or ``"utf-16-be"`` for mostly-ASCII UTF-16 without a byte-order mark,
    else ``None``. Its NULs all fall on one side of each pair of bytes (every other byte), and
    so decoded it reads mostly as ASCII; NULs inside UTF-8 text (a cell holding one) do not.

    >>> _bomless_utf16("description\nTalks\n".encode("utf-16-le"))
    'utf-16-le'
    >>> _bomless_utf16(b'"0\x00\x00"\n"a\x00"\n') is None
    True
    """
    if len(head) < 4 or head.count(0) * 3 < len(head):
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(even, odd) * 10 > max(even, odd):
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    ascii_chars = sum(1 for c in text if c < "\x80")
    return encoding if ascii_chars * 10 >= len(text) * 9 else None


def detect_encoding(sample: bytes, *, complete: bool = True, path: Path | None = None) -> str:
    """The encoding of a CSV's bytes: a byte-order mark, else UTF-8 if all of it decodes,
    else cp1252 if it reads as Western European text, else charset-normalizer's best guess
    if installed (cp1252 among ties), else cp1252, or latin-1 for bytes cp1252 leaves undefined.

    Parameters
    ----------
    sample : bytes
        The first bytes of the file.
    complete : bool
        Whether ``sample`` is the whole file.
    path : Path, optional
        The file on disk, so that all of it, not only ``sample``, is checked as UTF-8.

    Examples
    --------
    >>> detect_encoding("description\\nRéunion à Genève\\n".encode("utf-8"))
    'utf-8'
    >>> detect_encoding("description\\nRéunion à Genève\\n".encode("cp1252"))
    'cp1252'
    >>> detect_encoding("description\\nTalks\\n".encode("utf-16"))
    'utf-16'
    """
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    head = sample[:4096]
    utf16 = _bomless_utf16(head)
    if utf16 is not None:
        return utf16
    bad = _first_utf8_error(sample, complete)
    if bad is None and not complete and path is not None:
        bad = _rest_is_utf8(path, _last_char_start(sample))
        if bad is not None:
            with open(path, "rb") as f:
                f.seek(max(bad - 32_768, 0))
                sample = sample[:262_144] + b"\n" + f.read(65_536)
    if bad is None:
        return "utf-8"
    if _mostly_utf8(sample):
        # Valid UTF-8 letters with a stray byte among them: a UTF-8 file with a damaged or
        # pasted-in character, which strict decoding then names by its line. Read as a legacy
        # code page, every valid letter would turn into two wrong ones.
        return "utf-8"
    return _guess_legacy(sample)


#: A well-formed multi-byte UTF-8 character (no overlong form, no surrogate, nothing past
#: U+10FFFF), or a surrogate encoded as UTF-8 (CESU-8, as Java and some JavaScript write an
#: emoji), which is UTF-8 in intent though strict decoding refuses it.
_UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
    rb"|(?P<surrogate>\xed[\xa0-\xbf][\x80-\xbf])"
)


def _mostly_utf8(sample: bytes) -> bool:
    """At least one well-formed multi-byte UTF-8 letter (or UTF-8-encoded surrogate), and no
    fewer than the other bytes that would be letters in a cp1252 file (0xC0 to 0xFF).

    One is enough: an accented letter of a genuine cp1252 file is almost always followed by
    ASCII, almost never by the typographic signs (« … ’ °) whose bytes would continue it as a
    UTF-8 letter, so one well-formed sequence is strong evidence of UTF-8 (and the stray byte
    is then named by its line rather than every accented letter garbled). Stray bytes of
    typographic quotes, dashes and signs pasted into UTF-8 (0x80 to 0xBF: “ ” – ½) do not
    count against it, however many; the accented letters of a cp1252 file do, one each, so
    such a file with a letter and a sign that happen to form a UTF-8 letter ("É…") stays
    cp1252.

    Examples
    --------
    >>> _mostly_utf8("Talks in Genève and Bogotá; ministers said ".encode("utf-8") + bytes([0x93]))
    True
    >>> _mostly_utf8("Talks in Bogotá; the minister".encode("utf-8") + bytes([0x92]) + b"s aide")
    True
    >>> _mostly_utf8("Ministers met in Genève. They said ".encode("utf-8") + bytes([0x93, 0x6F, 0x6B, 0x94]))
    True
    >>> _mostly_utf8("Réunion à Genève, « officielle »".encode("cp1252"))
    False
    >>> _mostly_utf8("Réunion à Genève; CAFÉ…".encode("cp1252"))  # "É…" is UTF-8 "Ņ"
    False
    """
    valid = len(_UTF8_LETTER.findall(sample))
    # Each sequence begins with one byte of 0xC2 to 0xF4, and goes on with bytes below 0xC0:
    # the others from 0xC0 up are outside them.
    letters = len(_CP1252_LETTER_BYTE.findall(sample)) - valid
    return valid >= 1 and valid >= letters


_CP1252_LETTER_BYTE = re.compile(rb"[\xc0-\xff]")


def mixed_encodings(sample: bytes, encoding: str) -> tuple[int, int] | None:
    """The lines of a file's first UTF-8 letter and of its first byte that UTF-8 refuses,
    when ``encoding`` (detected) is a legacy code page and the sample holds at least two
    well-formed multi-byte UTF-8 letters besides such bytes: rows saved in two encodings
    (UTF-8 rows pasted into a cp1252 file), whose UTF-8 letters any one code page would
    garble ("Genève" as "GenÃ¨ve"). ``None`` otherwise. Line numbers count from 1.

    Examples
    --------
    >>> data = "id,description\\n1,Talks in Genève\\n2,Talks in Bogotá\\n".encode("utf-8")
    >>> data += "3,Réunion à Genève\\n".encode("cp1252")
    >>> mixed_encodings(data, "cp1252")
    (2, 4)
    >>> mixed_encodings("id,description\\n1,Réunion à Genève\\n".encode("cp1252"), "cp1252") is None
    True
    """
    if codecs.lookup(encoding).name == "utf-8":
        return None
    letters = list(_UTF8_LETTER.finditer(sample))
    bad = _first_utf8_error(sample, True)
    if len(letters) < 2 or bad is None:
        return None

    def line(at: int) -> int:
        return line_breaks(sample[:at].decode("latin-1")) + 1

    return line(letters[0].start()), line(bad)


def line_breaks(text: str, end: int | None = None, after_cr: bool = False) -> int:
    r"""Line breaks in ``text[:end]``: LF, CR LF or a bare CR (old Mac files), a CR LF counting
    once, also when a CR ending the text read before (``after_cr``) and its LF are cut in two.

    >>> line_breaks("a\r\nb\rc\n"), line_breaks("\nb\n", after_cr=True), line_breaks("a\nb", 1)
    (3, 1, 0)
    """
    end = len(text) if end is None else end
    lf_of_crlf = after_cr and end > 0 and text.startswith("\n")
    return text.count("\n", 0, end) + text.count("\r", 0, end) - text.count("\r\n", 0, end) - lf_of_crlf


class StrictTextReader:
    """A ``read``-only text stream over an input's bytes, for pandas' CSV parser.

    It decodes strictly: a byte that cannot be decoded raises a ``BatchInputError`` that
    names the input and the line. ``prefix`` holds bytes already read from ``stream`` (the
    sample used to detect the encoding). ``given``: the encoding was given rather than
    detected, so the error says what the input reads as instead. ``transform``, if given, is
    applied to the decoded text before the parser sees it; ``transformed`` says whether it
    has changed any text read so far.
    """

    def __init__(
        self,
        prefix: bytes,
        stream: InputStream,
        encoding: str,
        *,
        given: bool = False,
        transform: Callable[[str], str] | None = None,
    ):
        self._prefix = prefix
        self._transform = transform
        self.transformed = False
        self._sample = prefix if given else b""
        self._stream = stream
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self._lines = 0
        self._cr = False  # the text decoded so far ends with a carriage return
        self._done = False

    def __iter__(self):  # pandas asks for it to accept the object as a file
        return self

    def __next__(self) -> str:
        raise io.UnsupportedOperation("read only with read()")

    def read(self, size: int = -1) -> str:
        if self._done:
            return ""
        if self._prefix:
            data, self._prefix = self._prefix, b""
        else:
            data = self._stream.read(size if size and size > 0 else -1)
        final = not data
        try:
            text = self._decoder.decode(data, final)
        except UnicodeError as exc:  # a byte that is not the encoding, or a UTF-16/32 without BOM
            if isinstance(exc, UnicodeDecodeError):
                before = exc.object[: exc.start].decode(self._encoding, errors="replace")
                line = self._lines + line_breaks(before, after_cr=self._cr) + 1
                byte = exc.object[exc.start : exc.start + 1].hex()
                what = f"byte 0x{byte} on line {line} cannot be decoded"
            elif "BOM" in str(exc):
                what = f"it does not start with the byte-order mark of {self._encoding} text"
            else:
                what = str(exc)
            raise BatchInputError(
                f"Input {self._stream.name} is not valid {self._encoding}: {what}. {self._advice()}"
            ) from None
        self._done = final
        self._lines += line_breaks(text, after_cr=self._cr)
        if text:
            self._cr = text.endswith("\r")
        if self._transform is not None:
            out = self._transform(text)
            self.transformed = self.transformed or out is not text
            text = out
        return text

    def _advice(self) -> str:
        if not self._sample:  # the encoding was detected
            return (
                "Pass the file's encoding with --encoding (e.g. cp1252, latin-1, utf-16) or "
                "encoding=... in Python, or save it as UTF-8."
            )
        complete = len(self._sample) < _BLOCK
        reads_as = detect_encoding(self._sample, complete=complete)
        if codecs.lookup(reads_as).name == codecs.lookup(self._encoding).name:
            return "Check the file's encoding (--encoding, or encoding=... in Python), or save it as UTF-8."
        if not complete:  # only its beginning was read: detection reads the whole file
            return (
                f"Its beginning reads as {reads_as}: leave out --encoding (or encoding=... in "
                "Python) to have the whole file's encoding detected."
            )
        return (
            f"It reads as {reads_as}: leave out --encoding (or encoding=... in Python) to have it "
            f"detected, or pass --encoding {reads_as}."
        )
