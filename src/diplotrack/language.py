"""Whether a text reads as English: both classifiers read English only.

A text in another language still gets a verdict (the rules find few cues and mostly abstain;
the model reads the few words it knows, names and places), but a researcher needs to know
that the verdict rests on almost nothing. :func:`other_language` says when a text does not
read as English, from two signs any reader would use:

* the **script**: most of its letters are not Latin (Cyrillic, Arabic, Han, ...);
* the **function words**: of its words written in lower case (capitalised ones are mostly
  names: "Al Busaidi", "Los Angeles", "Van Rompuy"), at least :data:`MIN_SHARE` are common
  function words of one other language, at least :data:`MIN_DISTINCT` different ones ("de",
  "la", "los", "y", "en"), and fewer than half as many are English ones ("the", "of", "and").
  The language is named when its words clearly outnumber those of the next one; otherwise
  the text reads as "another language".

Only the first 2,000 characters are read (blank runs counted as one space), and a text that
says "the", "of" or "and" three times, and three times per 400 characters, is English without
further ado, so the check costs next to nothing per case; a quoted English name or a site's English
menu before a text in another language does not make it English. The signs
are deliberately cautious: a missed language only loses a note, a wrong one misleads. Terse
English rows ("Talks in Geneva; deputy foreign ministers"), headlines, tables and English texts
full of foreign names ("Palacio de la Moncloa", "Universidad de la República") read as English.
The function-word lists are data (:data:`FUNCTION_WORDS`); words that are also English words
("un", "met", "die", "per", "door", "con") are left out of them.

Examples
--------
>>> other_language("Los cancilleres de Colombia y Ecuador firmaron en Quito un acuerdo sobre la "
...                "frontera común y se reunieron con representantes de la sociedad civil.")
'Spanish'
>>> other_language("Министры иностранных дел России и Китая провели переговоры в Москве.")
'Cyrillic script'
>>> other_language("The foreign ministers of Chile and Peru met in Lima for talks on the maritime border.")
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["FUNCTION_WORDS", "MIN_DISTINCT", "MIN_SHARE", "MIN_WORDS", "language_note", "other_language"]

MIN_WORDS = 8
"""Fewer lower-case words than this cannot tell a language: such texts read as English."""

MIN_SHARE = 0.12
"""Share of a text's lower-case words that must be function words of one other language."""

MIN_DISTINCT = 4
"""How many different function words of that language it must use ("de la" in a name is two)."""

ENGLISH = frozenset(
    "the of and to is was were that for on with by as at from it be are has have had this "
    "which an or its their not but they he she his her who will would been after said".split()
)

# Words of these lists that are English words too; "a" and "in" are neither's.
_SHARED = frozenset("a in un al met no do door per van den die par sur con op son".split())

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split()) - ENGLISH - _SHARED
    for language, words in {
        "French": "le la les des du de et est une au aux pour dans avec qui que ont été sont ces "
        "cette leur entre lors ainsi à il elle ils sa ses ne pas se",
        "Spanish": "el la los las del de y en que por para una se su sus fue como entre sobre "
        "también lo más pero este esta",
        "Portuguese": "o os as do da dos das de e em que por com para uma um se seu sua na foi "
        "como entre sobre também ao aos pelo pela mais mas",
        "German": "der das und ist nicht ein eine zu dem des mit von auf für im sich auch wurde "
        "bei nach aus ihr ihre ihren sein seine über wird",
        "Italian": "il lo la gli le di e che con una del della nel alla sono è stato tra anche "
        "suo sua ha degli dei delle",
        "Dutch": "de het een en van voor niet zijn werd bij aan ook naar",
        "Indonesian or Malay": "dan yang di dengan untuk dari ini itu pada dalam akan telah oleh tidak juga",
        "Turkish": "ve bir bu ile için da de olan olarak daha çok gibi ama sonra",
        "Vietnamese": "và của các những đã là trong với cho được không này một người về tại",
        "Polish": "i w z na się nie że jest oraz od po przez dla jak",
    }.items()
}
"""Common function words of the languages told apart from English (words that are also
English words removed). Extend it to name more languages."""

_ANY_OTHER = frozenset().union(*FUNCTION_WORDS.values())
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 2000  # characters read from the start: past a site's menu or a link, and quick
_BLANK_RUN = re.compile(r"\s{3,}")
_ENGLISH_SPAN = 400  # "the", "of" or "and" three times per this many characters: plainly English
_CLEAR_LEAD = 1.5  # a language is named when its words outnumber the next one's this much

# Letters outside the Latin script (basic, Latin-1, extended A and B, additional).
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")

# Unicode names of letters begin with their script; these read better under another name.
_SCRIPT_NAMES = {"CJK": "Han (Chinese or Japanese)", "HANGUL": "Hangul (Korean)"}


def _script(letters: list[str]) -> str:
    """The script most of ``letters`` (none of them Latin) are written in."""
    counts: dict[str, int] = {}
    for c in letters:
        name = unicodedata.name(c, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        counts[script] = counts.get(script, 0) + 1
    script = max(counts, key=counts.get)
    return f"{_SCRIPT_NAMES.get(script, script.title())} script"


def other_language(text: str) -> str | None:
    """The language (or script) ``text`` is written in when it does not read as English
    ("another language" when none is clearly ahead), else None; read from its first 2,000
    characters. See the module's description."""
    sample = text[:_SAMPLE]
    if _BLANK_RUN.search(sample):
        # Blank runs (lines a web page's markup left) count as one space, so that they are
        # no reason to read less of the text.
        sample = " ".join(text[: _SAMPLE * 4].split())[:_SAMPLE]
    lower = sample.lower()
    english_words = lower.count(" the ") + lower.count(" of ") + lower.count(" and ")
    if english_words >= 3 and english_words * _ENGLISH_SPAN >= 3 * len(sample):
        return None  # plainly English, told without splitting it into words (most texts)
    found = _WORD.findall(sample)
    if not sample.isascii():
        non_latin = _NON_LATIN.findall(sample)
        if non_latin and len(non_latin) * 2 > sum(map(len, found)):
            return _script(non_latin)
    words = [w for w in found if w.islower()]
    n = len(words)
    if n < MIN_WORDS or sum(map(_ANY_OTHER.__contains__, words)) < MIN_SHARE * n:
        return None
    english = sum(map(ENGLISH.__contains__, words))
    scores = sorted(
        (
            (sum(map(fw.__contains__, words)), len(fw.intersection(words)), language)
            for language, fw in FUNCTION_WORDS.items()
        ),
        reverse=True,
    )
    most, distinct, best = scores[0]
    if most < MIN_SHARE * n or distinct < MIN_DISTINCT or english * 2 >= most:
        return None
    return best if most >= _CLEAR_LEAD * scores[1][0] else "another language"


def language_note(texts: Iterable[str]) -> str:
    """The note a verdict's explanation ends with when its text does not read as English
    (an empty string when it does). ``texts``: the case's fields.

    Examples
    --------
    >>> print(language_note(["Les ministres des Affaires étrangères de France et d'Allemagne se "
    ...                      "sont réunis à Paris pour des négociations sur la sécurité de l'Europe."]))
    ... # doctest: +NORMALIZE_WHITESPACE
     Note: the text reads as French, not English; diplotrack reads English only, so this verdict
     rests on the few words it knows: translate the text first.
    """
    joined = " ".join(t for t in texts if t)
    found = other_language(joined) if joined else None
    if found is None:
        return ""
    what = f"is written in {found}" if found.endswith("script") else f"reads as {found}"
    return (
        f" Note: the text {what}, not English; diplotrack reads English only, so this "
        "verdict rests on the few words it knows: translate the text first."
    )
