"""The tokenizer both classifiers share: words, their light stems, offsets and sentences.

The rule classifier matches its phrases on these stems, and the text model builds its
features from the same stems, so "ministers" and "Minister" are one word for both. Stems
are cached: a corpus repeats its words, so most words cost one dictionary look-up.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

__all__ = [
    "STOP_WORDS",
    "VOICE_WORDS",
    "Token",
    "content_stem_sentences",
    "content_stems",
    "stem",
    "tokenize",
    "voice_words",
]

_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"(\W+)")
_STEMS: dict[str, str] = {}
_MAX_CACHED = 200_000


#: Nouns whose singular ends in "i": their plural ends in "-is" like the singulars "analysis",
#: "crisis" and "Paris", which keep their "s", so these are listed: peoples named with the
#: "-i" of Arabic, Persian and South Asian demonyms, clergy and groups ("rabbis", "muftis",
#: "Houthis") and a few common nouns ("taxis", "skis").
_SINGULARS_IN_I: frozenset[str] = frozenset(
    "israeli iraqi pakistani azerbaijani azeri yemeni nepali saudi kashmiri kuwaiti somali omani "
    "qatari bahraini emirati bangladeshi bengali punjabi sindhi baluchi balochi afghani "
    "tajikistani kazakhstani uzbekistani turkmenistani kyrgyzstani thai malayali "
    "rabbi mufti sunni shii alawi sufi salafi houthi yazidi ismaili jihadi qadi ghazi yogi swami "
    "taxi alibi ski kiwi safari bikini".split()
)


def stem(word: str) -> str:
    """Lower-case a word and strip a simple English plural ending.

    Examples
    --------
    >>> stem("Ministers"), stem("secretaries"), stem("talks"), stem("analysis")
    ('minister', 'secretary', 'talk', 'analysis')
    >>> stem("Rabbis"), stem("Israelis"), stem("crisis"), stem("Somalia"), stem("skin")
    ('rabbi', 'israeli', 'crisis', 'somalia', 'skin')
    """
    cached = _STEMS.get(word)
    if cached is not None:
        return cached
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    elif len(w) > 3 and w.endswith("is") and w[:-1] in _SINGULARS_IN_I:
        w = w[:-1]
    if len(_STEMS) < _MAX_CACHED:
        _STEMS[word] = w
    return w


#: Function words: they carry no role, capacity, formality or purpose, so an explanation
#: never quotes one as deciding. Negations ("no", "not", "without") and "former" are not
#: among them: they change what the words after them mean. Surface forms and their stems.
STOP_WORDS: frozenset[str] = frozenset(
    w
    for word in (
        "a an the and or but if nor so yet of from in on at to for with by as into onto upon "
        "over under about above below than then that this these those there here it its "
        "they them their theirs he him his she her hers we us our ours you your yours i me my "
        "who whom whose which what when where while why how was were is are be been being am "
        "has have had having do does did doing will would shall should can could may might "
        "must also both each either any all some such same other another between among "
        "against after before during through across within via per s t"
    ).split()
    for w in (word, stem(word))
)


#: Function words that still say what kind of text it is: who speaks ("we", "you", "my"),
#: and whether it reports one occasion or states something in general ("was", "had" against
#: "is", "should", "can"). An explanation never quotes them, but a model may weigh them.
VOICE_WORDS: frozenset[str] = frozenset(
    "we us our you your i me my was were is are has have had will would shall should can "
    "could may might must did does".split()
)


def voice_words(text: str) -> list[str]:
    """The :data:`VOICE_WORDS` of ``text``, lower-cased, in order.

    Examples
    --------
    >>> voice_words("We think diplomats should talk; the envoys met and had lunch.")
    ['we', 'should', 'had']
    """
    return [w for w in map(str.lower, _WORD.findall(text)) if w in VOICE_WORDS]


_CONTENT: dict[str, str] = {}  # a word as written -> its stem, or "" for a function word


def _content_stem(word: str) -> str:
    s = stem(word)
    # Written in capitals, a function word is a name: "US officials", "the UN".
    out = "" if s in STOP_WORDS and not (len(word) > 1 and word.isupper()) else s
    if len(_CONTENT) < _MAX_CACHED:
        _CONTENT[word] = out
    return out


def content_stems(text: str) -> list[str]:
    """The stems of the words of ``text`` that are not function words, in order.

    No offsets: this is the fast path the text model's features take.

    Examples
    --------
    >>> content_stems("The retired Ambassadors met US officials in Oslo, informally.")
    ['retired', 'ambassador', 'met', 'us', 'official', 'oslo', 'informally']
    """
    words = _WORD.findall(text)
    found = list(map(_CONTENT.get, words))
    if None in found:
        found = [s if s is not None else _content_stem(w) for w, s in zip(words, found)]
    return [s for s in found if s]


def content_stem_sentences(text: str) -> list[list[str]]:
    """:func:`content_stems` of each sentence of ``text`` (sentences as :func:`tokenize`
    splits them), for features that must not join words across a sentence's end.

    Examples
    --------
    >>> content_stem_sentences("Talks continued. Former envoys met U.S. officials.")
    [['talk', 'continued'], ['former', 'envoy', 'met', 'u', 'official']]
    """
    if not _may_break(text):
        return [content_stems(text)]
    cuts = [0, *(b + 1 for b in _sentence_breaks(text)), len(text)]
    return [stems for a, b in zip(cuts, cuts[1:]) if (stems := content_stems(text[a:b]))]


@dataclass(frozen=True, slots=True)
class Token:
    """The words of one text: their stems, lower-case forms, spans and sentence numbers."""

    stems: list[str]
    lowers: list[str]
    starts: list[int]
    ends: list[int]
    sentence: list[int]
    questions: frozenset[int] = frozenset()
    #: The text lower-cased, when lower-casing kept every offset (else ""): patterns written
    #: in lower case run on it without the cost of case-insensitive matching.
    lowered: str = ""
    #: The words that follow a comma or a colon: a phrase does not run across one ("by the
    #: end of the week, after the governor" holds no "weeks after").
    pauses: frozenset[int] = frozenset()


_PUNCT = re.compile(r"[.;!?\n]")
_PAUSE = re.compile(r"[,:]")
_CLOSERS = frozenset(" \t\r\n\"'\u2019\u201d)]")
# Abbreviated titles and qualifiers that end in a full stop but not a sentence
# ("fmr. Amb. J. Svensson", "Dep. Min. Fisheries", "Prof. Takeda", "H.E. Eng. M. Abdel-Aziz",
# "Sra. Isabel Zuniga").
_ABBREVIATIONS = frozenset(
    "fmr frmr ret retd rtd amb ambs dep min dir gen lt col maj capt cdr adm brig hon rt sen "
    "rep reps gov dr prof profs mr mrs ms messrs st asst sec secy dept pres vp sr jr fr rev "
    "cf vs approx incl esp govt intl univ assn eng engr ing lic sra srta dra mme mlle".split()
)


def _may_break(text: str) -> bool:
    """Whether ``text`` holds a character that can end a sentence (``in`` runs at C speed, so
    most short texts skip :func:`_sentence_breaks`)."""
    return "." in text or ";" in text or "!" in text or "?" in text or "\n" in text


def _sentence_breaks(text: str) -> list[int]:
    """Offsets where a sentence ends: ; ! ? or a line break, or a full stop followed by
    space and a capital letter, unless it closes a one-letter abbreviation ("U.S. Officials")."""
    out = []
    n = len(text)
    for m in _PUNCT.finditer(text):
        k = m.start()
        if text[k] != ".":
            out.append(k)
            continue
        if k >= 1 and text[k - 1].isalnum() and (k == 1 or not text[k - 2].isalnum()):
            continue
        w = k
        while w > 0 and text[w - 1].isalpha() and k - w < 7:
            w -= 1
        if k - w >= 2 and text[w:k].lower() in _ABBREVIATIONS and (w == 0 or not text[w - 1].isalnum()):
            continue
        j = k + 1
        while j < n and text[j] in _CLOSERS:
            j += 1
        if j > k + 1 and j < n and text[j].isupper():
            out.append(k)
    return out


def _sentence_numbers(breaks: list[int], starts: list[int]) -> list[int]:
    """The sentence each word is in: one search per sentence break, not one per word."""
    out: list[int] = []
    done = 0
    for k, b in enumerate(breaks):
        upto = bisect_right(starts, b, done)
        out += [k] * (upto - done)
        done = upto
    out += [len(breaks)] * (len(starts) - done)
    return out


def tokenize(text: str) -> Token:
    """Split ``text`` into words, keeping offsets and which sentence each word is in.

    Examples
    --------
    >>> t = tokenize("No U.S. officials came. Scholars met.")
    >>> t.stems, t.sentence
    (['no', 'u', 's', 'official', 'came', 'scholar', 'met'], [0, 0, 0, 0, 0, 1, 1])
    """
    # Splitting on runs of non-word characters keeps everything at C speed: the words are
    # every other piece, and their offsets are running sums of the piece lengths. The
    # lower-cased text is split directly when lower-casing keeps every offset.
    lower = text.lower()
    same = len(lower) == len(text)
    parts = _SPLIT.split(lower if same else text)
    cum = list(accumulate(map(len, parts)))
    words = parts[0::2]
    starts = [0, *cum[1::2]][: len(words)]
    ends = cum[0::2]
    if words and words[-1] == "":
        del words[-1], starts[-1], ends[-1]
    if words and words[0] == "":
        del words[0], starts[0], ends[0]
    lowers = words if same else [w.lower() for w in words]
    stemmed = list(map(_STEMS.get, lowers))
    if None in stemmed:
        stemmed = [s if s is not None else stem(w) for w, s in zip(lowers, stemmed)]
    breaks = _sentence_breaks(text) if _may_break(text) else []
    sentence = _sentence_numbers(breaks, starts)
    questions = frozenset(k for k, b in enumerate(breaks) if text[b] == "?")
    pauses = (
        frozenset(bisect_right(starts, m.start()) for m in _PAUSE.finditer(text))
        if ("," in text or ":" in text)
        else frozenset()
    )
    return Token(stemmed, lowers, starts, ends, sentence, questions, lower if same else "", pauses)
