"""Arabic normalization for matching: camel-tools folding plus rejoining words broken on purpose.

The original text is kept for display; this form is only for matching (actors, places, numbers).
"""

from __future__ import annotations

import re
import unicodedata

# Only camel-tools' data-free modules: the others try to download data at import time.
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
_LETTER = "\u0621-\u063a\u0641-\u064a"
# A filter-dodging break inside a word: '.' or '|' between letters, or '-' / '_' that sits
# against a tatweel ("هجمـ-ـاته"). A bare hyphen between letters is left alone, since outlets
# write real compounds that way ("حمص-دير الزور").
# A space counts only against a tatweel ("داعـ ـش"): no word ends or starts with one.
_BROKEN = re.compile(
    rf"(?<=[{_LETTER}{TATWEEL}])"
    rf"(?:{TATWEEL}*[.|]{TATWEEL}*|{TATWEEL}+[-_ ]{TATWEEL}*|{TATWEEL}*[-_ ]{TATWEEL}+)"
    rf"(?=[{_LETTER}{TATWEEL}])"
)
# Without a tatweel only '.' or '|' between two letters can be such a break: a text with
# neither is left as it is, without trying _BROKEN at every character.
_BROKEN_WITHOUT_TATWEEL = re.compile(rf"[{_LETTER}][.|][{_LETTER}]")
# Three or more lone letters, one separator between each ("د ا ع ش", "ق-ت-ل"): no Arabic
# sentence is written so, while a word spelled out to dodge a filter is.
_SPELLED = re.compile(rf"(?<![{_LETTER}])[{_LETTER}](?:[ .\-_|][{_LETTER}](?![{_LETTER}])){{2,}}")
_NON_JOINING = set("دذرزو")
# "د١عش": the digit one inside a word stands for the alef it looks like. (The digit comes first
# in the pattern, the letter before it in a lookbehind: the engine then looks only at digits.)
_ALEF_DIGIT = re.compile(rf"[1١](?<=[{_LETTER}{TATWEEL}][1١])(?=[{_LETTER}{TATWEEL}])")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
# str.translate looks up every character; most texts have none of these to translate.
_TRANSLATED_DIGIT = re.compile("[" + re.escape("".join(map(chr, _DIGITS))) + "]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# A run of blanks other than one plain space: the runs that fold to one space (a single space
# is left as it is rather than replaced by itself).
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
_FATHA = "\u064e"
# camel-tools' normalize_unicode: its two ligatures spelled out, then NFKC (its CharMapper walks
# the text a character at a time in Python, for two characters that seldom occur).
_LIGATURES = {"\ufdfc": "ريال", "\ufdfd": "بسم الله الرحمن الرحيم"}


def _normalize_unicode(text: str) -> str:
    for ligature, spelled in _LIGATURES.items():
        if ligature in text:
            text = text.replace(ligature, spelled)
    return unicodedata.normalize("NFKC", text)


def _join_broken(match: re.Match) -> str:
    # "د|عـ.ـش": after a letter that does not join leftwards, a lone '|' looks like, and
    # stands for, an alef; elsewhere ("داع|ش") it is only a break.
    before = match.string[match.start() - 1]
    return "ا" if match.group(0) == "|" and before in _NON_JOINING else ""


def rejoin_broken_words(text: str) -> str:
    """Join letters split by '.', '|', or a tatweel-flanked '-', '_' or space
    ("دا.عــش" -> "داعــش"), and words spelled out letter by letter ("د ا ع ش" -> "داعش")."""
    text = _SPELLED.sub(lambda m: re.sub(r"[ .\-_|]", "", m.group(0)), text)
    if TATWEEL not in text and not _BROKEN_WITHOUT_TATWEEL.search(text):
        return text
    return _BROKEN.sub(_join_broken, text)


def fold_letters(text: str) -> str:
    """Only the letter folding of normalize(): for regular expressions written in plain Arabic."""
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))


# "مقاتلَين" with its fatha is two fighters (the dual), "مقاتلِين" many: once diacritics go the
# two read alike, so the marked dual is written as the nominative dual ("مقاتلان") first.
_DUAL_FATHA = re.compile(r"(\w)\u0651?\u064e\u0651?\u064a\u0652?\u0646(?!\w)")  # "مدنيَّين" too


def normalize(text: str) -> str:
    """Folded Arabic for matching: no diacritics or tatweel, one alef, ASCII digits, words
    rejoined."""
    text = _normalize_unicode(text)
    text = _INVISIBLE.sub("", text)
    text = rejoin_broken_words(_ALEF_DIGIT.sub("ا", text))
    text = text.replace(TATWEEL, "")
    if _FATHA in text:  # (the dual's mark)
        text = _DUAL_FATHA.sub("\\1ان", text)
    text = dediac_ar(text)
    text = fold_letters(text)
    if _TRANSLATED_DIGIT.search(text):
        text = text.translate(_DIGITS)
    return _SPACES.sub(" ", text).strip()


_APART = "\x00"  # between texts folded together: no step reads or joins across it


def normalize_each(texts: list[str]) -> list[str]:
    """normalize() of each text, folded in one call (a call's fixed cost is most of a short
    text's)."""
    if not texts or any(_APART in text for text in texts):
        return [normalize(text) for text in texts]
    return [part.strip() for part in normalize(_APART.join(texts)).split(_APART)]
