"""Places in Syria: a gazetteer kept as data, and the most specific place a sentence names.

Source: pipeline/data/gazetteer.csv, built by scripts/build_gazetteer.py from OpenSyria's
administrative units (CC BY 4.0, from OCHA), the KaraBala10 town list and Rasd's own entries
(deserts, roads, fields, crossings, spelling variants); docs/gazetteer.md says what comes from
where. pipeline/data/places_extra.yaml lists `not_places`: listed names that are common words.
A single-word village name counts only where the text says it is a place ("في بلدة ...").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import compress, islice
from pathlib import Path

import yaml

from pipeline.dates import MONTHS, WEEKDAYS
from pipeline.normalize import normalize

DATA_DIR = Path(__file__).parent / "data"

# Governorate names as the news writes them -> ISO 3166-2:SY.
GOVERNORATES = {
    "دير الزور": "SY-DY", "ديرالزور": "SY-DY", "حمص": "SY-HI", "الرقة": "SY-RA",
    "الحسكة": "SY-HA", "حلب": "SY-HL", "حماة": "SY-HM", "حماه": "SY-HM", "إدلب": "SY-ID",
    "ادلب": "SY-ID", "دمشق": "SY-DI", "ريف دمشق": "SY-RD", "درعا": "SY-DR",
    "السويداء": "SY-SU", "القنيطرة": "SY-QU", "طرطوس": "SY-TA", "اللاذقية": "SY-LA",
}
# ISO code -> (Arabic, English) names for display.
GOVERNORATE_NAMES = {
    "SY-DY": ("دير الزور", "Deir ez-Zor"), "SY-HI": ("حمص", "Homs"), "SY-RA": ("الرقة", "Raqqa"),
    "SY-HA": ("الحسكة", "Hasakah"), "SY-HL": ("حلب", "Aleppo"), "SY-HM": ("حماة", "Hama"),
    "SY-ID": ("إدلب", "Idlib"), "SY-DI": ("دمشق", "Damascus"), "SY-RD": ("ريف دمشق", "Rif Dimashq"),
    "SY-DR": ("درعا", "Daraa"), "SY-SU": ("السويداء", "Suwayda"), "SY-QU": ("القنيطرة", "Quneitra"),
    "SY-TA": ("طرطوس", "Tartus"), "SY-LA": ("اللاذقية", "Latakia"), "SY": ("سوريا", "all Syria"),
}
_CSV_GOVERNORATE = {"محافظة " + name: code for name, code in GOVERNORATES.items()}
_MIN_LETTERS = 4


@dataclass(frozen=True)
class Place:
    name: str  # normalized, as matched
    governorate: str | None
    specificity: int  # 0 governorate, 1 district, 2 sub-district or region, 3 town or feature
    curated: bool = False  # from Rasd's own list: a place name news uses, not a common word
    canonical: str = ""  # the main spelling's key, for a spelling variant


def _extra() -> dict:
    return yaml.safe_load((DATA_DIR / "places_extra.yaml").read_text(encoding="utf-8"))


_SPECIFICITY = {"governorate": 0, "district": 1, "subdistrict": 2, "desert": 2, "mountain": 2,
                "road": 2, "region": 2}  # everything else (town, village, field...) is 3
_DASHES = re.compile(r"\s*[-–—]\s*")


def name_key(name: str) -> str:
    """A name as the matcher sees it: normalized, dashes read as spaces."""
    return " ".join(_DASHES.sub(" ", normalize(name)).split())


@cache
def _weak_names() -> frozenset[str]:
    return frozenset(normalize(w) for w in _extra().get("weak_names", []))


@cache
def gazetteer() -> dict[str, tuple[Place, ...]]:
    """Normalized name -> the places of that name (one name may stand in several governorates);
    spelling variants are names of their own. Read from data/gazetteer.csv (docs/gazetteer.md)."""
    stop = {normalize(w) for w in _extra().get("not_places", [])}
    stop |= {m for name in MONTHS for m in name.split("/")} | set(WEEKDAYS)
    governorate_keys = {normalize(name) for name in GOVERNORATES}
    entries: dict[str, dict[tuple[str | None, int], Place]] = {}
    with (DATA_DIR / "gazetteer.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = name_key(row["name"])
            specificity = _SPECIFICITY.get(row["kind"], 3)
            code = None if row["governorate"] == "SY" else row["governorate"]
            if specificity > 0 and (len(key.replace(" ", "")) < _MIN_LETTERS or key in stop
                                    or key in governorate_keys):
                continue  # a town named like its governorate reads as the governorate
            # Rasd's own entries and named features (fields, crossings...) are names news
            # uses as places; the administrative list's villages may be common words too.
            curated = row["source"] == "rasd" or row["kind"] not in ("town", "village")
            main = name_key(row["variant_of"] or row["name"])
            place = Place(key, code, specificity, curated, main)
            entries.setdefault(key, {})[(code, specificity)] = place
    for key in [k for k in entries if k.startswith("كفر ")]:
        # "كفرعمة" for "كفر عمة": the news often writes these names as one word
        joined = key.replace(" ", "", 1)
        entries.setdefault(joined, {at: replace(place, name=joined)
                                    for at, place in entries[key].items()})
    for name, code in GOVERNORATES.items():  # the news' own spellings ("ديرالزور")
        key = name_key(name)
        entries.setdefault(key, {})[(code, 0)] = Place(key, code, 0, True, key)
    return {key: tuple(by_gov.values()) for key, by_gov in entries.items()}


_SETTLEMENT_NAMED = re.compile(r"^(?:حي|قريه|بلده|مدينه)\s+")


def same_place(a: str, b: str) -> bool:
    """Whether two place names name one place: equal once normalized, or spellings of one
    gazetteer entry ("طريق حمص - دير الزور", "طريق دير الزور حمص")."""
    x, y = name_key(a), name_key(b)
    if x == y or _SETTLEMENT_NAMED.sub("", x) == _SETTLEMENT_NAMED.sub("", y):
        return True  # ("حي البدو" is "البدو")
    index = gazetteer()
    main_x = {p.canonical for p in index.get(x, ())}
    return bool(main_x & {p.canonical for p in index.get(y, ())})


# Words, split at spaces, punctuation and dashes ("طريق دير الزور – تدمر" is four words).
_WORD = re.compile(r"[^\s،,.:;؛()\[\]\"'«»“”\-–—/]+")


@cache
def _sizes_by_first_word() -> dict[str, tuple[int, ...]]:
    """A name's first word -> the word counts of the names it starts, longest first."""
    sizes: dict[str, set[int]] = {}
    for name in gazetteer():
        words = name.split()
        sizes.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(s, reverse=True)) for word, s in sizes.items()}


def _variants(word: str) -> tuple[tuple[str, int], ...]:
    """(word, letters cut) without a clitic that may stick to a name: "بريف", "وحمص",
    "للرقه" (ل + الرقه)."""
    found = [(word, 0)]
    if len(word) > 3 and word.startswith("لل"):
        found.append(("ال" + word[2:], 1))
    if len(word) > 2 and word[0] in "وبلف":
        found.append((word[1:], 1))
        if len(word) > 3 and word[1] in "بل" and word[0] in "وف":
            found.append((word[2:], 2))
    # "المزيريب" for a name the list writes without the article ("مزيريب")
    found += [(w[2:], cut + 2) for w, cut in found if w.startswith("ال") and len(w) > 5]
    return tuple(found)


def find_places(text: str) -> list[tuple[int, tuple[Place, ...]]]:
    """(position, candidate places) for every gazetteer name in normalized text, longest
    names first: a dictionary lookup of word n-grams, not one huge regular expression."""
    index = gazetteer()
    words = _WORD.findall(text)
    # Most words start no name: look them all up at once and walk only the ones that may.
    heads = list(map(_LOOKUPS.get, words))
    if None in heads:
        heads = [_heads(word) if known is None else known
                 for word, known in zip(words, heads, strict=True)]
    found: list[tuple[int, tuple[Place, ...]]] = []
    # Where the words stand, read only as far as the last name found (few words start one).
    spans, read = _WORD.finditer(text), 0
    end = 0  # the first word not inside a name found
    for i in compress(range(len(words)), heads):
        if i < end:
            continue
        best = None
        for first, cut, sizes in heads[i]:
            for size in sizes:
                name = " ".join([first, *words[i + 1:i + size]])
                if name in index and (best is None or size > best[0]):
                    best = (size, name, cut)
                    break
        if best:
            at = next(islice(spans, i - read, None)).start()
            read = i + 1
            found.append((at + best[2], index[best[1]]))
            end = i + best[0]
    return found


# A word -> (its form without a clitic, letters cut, word counts of the names that form
# starts) for the forms that start a name: for most words none. Filled as words come (the same
# words come back in every article), up to a bound.
_LOOKUPS: dict[str, tuple[tuple[str, int, tuple[int, ...]], ...]] = {}


def _heads(word: str) -> tuple[tuple[str, int, tuple[int, ...]], ...]:
    starts = _sizes_by_first_word()
    heads = tuple((first, cut, starts[first]) for first, cut in _variants(word)
                  if first in starts)
    if len(_LOOKUPS) < 100_000:
        _LOOKUPS[word] = heads
    return heads


# The word before a name that says it is a place: "في بلدة", "قرب", "شرقي", "طريق".
_LOCATIVE_WORDS = {
    "في", "قرب", "محيط", "اطراف", "بلده", "بلدتي", "قريه", "قريتي", "قري", "مدينه", "مدينتي",
    "حي", "احياء", "ناحيه", "منطقه", "منطقتي", "مخيم", "ريف", "مدخل", "طريق", "سوق", "وسط",
    "داخل", "نحو", "شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي",
    "بلدات", "قرية", "مزرعه", "حقل", "معبر", "جبل", "باديه", "تخوم", "ضواحي", "مشارف", "بمدينه",
    "ببلده", "بقريه", "بحي", "بريف", "بمنطقه", "بمحيط", "باطراف", "ومحيط", "واطراف", "ومدينه",
    "وبلده", "وقريه", "وريف", "ومنطقه", "لبلده", "لقريه", "لمدينه", "لحي", "لمنطقه", "بالقرب",
    "عند", "حتي", "مقابل", "جوار", "بجوار", "بين", "محور", "جبهه", "جبهات", "محاور", "مفرق",
    "دوار", "اوتوستراد", "مركز", "شرقا", "غربا", "شمالا", "جنوبا", "الشرقي", "الغربي",
    "الشمالي", "الجنوبي", "مدينتا", "قريتا", "بلدتا"}
_HOSPITAL = {"مشفي", "المشفي", "مستشفي", "المستشفي", "لمشفي", "لمستشفي", "بمشفي", "بمستشفي",
             "مشافي", "مستوصف", "المستوصف"}
# "مدينه ادلب" (a district of the list) -> SY-ID.
_CAPITALS = {"مدينه " + normalize(name): code for name, code in GOVERNORATES.items()
             if not name.startswith("ريف")}
_GROUP_WORDS = {"رجال", "حركه", "لواء", "فصيل", "كتيبه", "كتائب", "فوج", "سريه", "تجمع", "مجلس",
                "ذوي"}  # "ذوي الراعي": the shepherd's kin, not the town al-Rai
# "الناشط الإعلامي أبو عمر": a person's name, not a place.
_PERSON_WORDS = {"الناشط", "الاعلامي", "الملقب", "المدعو", "المكني", "القيادي", "الشيخ"}
_NOT_HERE = _HOSPITAL | _GROUP_WORDS | _PERSON_WORDS
_STATE_WORDS = {"سلطه", "حكومه", "نظام", "وزاره", "محافظ", "سلطات", "لسلطه", "لحكومه",
                "بحكومه", "حكومات", "اتفاق"}
_AIRPORT_WORDS = {"مطار", "لمطار", "بمطار", "ومطار"}
_GOVERNORATE_CUE = {"ريف", "بريف", "وريف", "محافظه", "بمحافظه", "لمحافظه", "شرقي", "غربي",
                    "شمالي", "جنوبي", "شرق", "غرب", "شمال", "جنوب", "مدينه", "بمدينه"}


_ROAD_NAME = re.compile(r"(?:طريق|اوتوستراد|الطريق|اتستراد)\s+"
                        r"(?:\S+\s*[-–—]?\s*)?(?:\S+\s*[-–—]\s*)?$")


def _previous_word(text: str, position: int) -> str:
    words = text[max(0, position - 25):position].split()
    while words and words[-1] in ('"', "«", "“", "'", "("):
        words.pop()  # 'الناشط الإعلامي "أبو عمر"': the word before the quotes
    if words and not text[position - 1].isspace() and words[-1].endswith("ال"):
        # the article of a name the list writes without it ("محور الحماميات" for "حماميات"):
        # the word before is the one before the article, or the clitic stuck to it ("بال")
        words[-1] = words[-1][:-2]
        if not words[-1]:
            words.pop()
    return words[-1] if words else ""


def _strong(text: str, position: int, candidates: tuple[Place, ...], after_place: bool) -> bool:
    """Whether a name is surely a place here: a governorate, a name of several words, one
    of Rasd's own entries, or one named after a place word ("في بلدة ..."), a clitic "ب"
    ("بالشحيل"), or just after another place ("قرى مرعناز والمالكية")."""
    name = candidates[0].name
    if name in _weak_names():  # "الراعي", "للهلال الأحمر": only after a place word
        return _previous_word(text, position) in _LOCATIVE_WORDS
    if any(c.specificity == 0 or c.curated for c in candidates) or " " in name:
        return True
    if position > 0 and text[position - 1] in "بل" and position >= 1 and (
            position < 2 or not text[position - 2].isalpha()):
        return True
    before = _previous_word(text, position)
    return before in _LOCATIVE_WORDS or before in ("ب", "ل") or (
        after_place and before in ("و", "او", "،"))


@lru_cache(maxsize=16)
def _context_governorates(context: str) -> tuple[str, ...]:
    """Governorates an article names, each as often as it names it."""
    return tuple(c.governorate for _, cands in find_places(context) for c in cands
                 if c.specificity == 0)


# "في قرية الهوشرية", "بلدة أم حوش": a village named as one, listed or not. Names of two words
# start with one of these.
_SETTLEMENT = re.compile(r"(?<![\w])[وبل]?(?:قريه|بلده|مدينه|حي|حيي|احياء|مخيم|مزرعه|قريتي|بلدتي"
                         r"|بلدات|قري)"
                         r"\s+(?!ال(?:شرقي|غربي|شمالي|جنوبي)\b)(\S+)(?:\s+(\S+))?")
_TWO_WORD_START = {"عين", "تل", "دير", "ابو", "بابا", "بستان", "راس", "كفر", "بيت", "خربه", "جسر",
                   "مساكن", "ام", "بئر", "قصر", "سد", "حي", "مرج", "عرب", "جب", "نهر", "قلعه",
                   "باب", "معره", "بنش", "سرمين", "دار", "ذات", "الشيخ", "شيخ"}
_NOT_NAMES = {"التي", "الذي", "المجاوره", "نفسها", "ذاتها", "المذكوره", "الحدوديه", "الواقعه",
              # "بلدة بقرص الخاضعة لسيطرة النظام", "قرى محيطة ببلدة", "بلدات شمال وشرق سوريا"
              "الخاضعه", "الخاضع", "محيطه", "المحيطه", "شمال", "جنوب", "شرق", "غرب",
              "المحاصره", "المحتله", "القريبه", "في", "من", "على", "الي", "عند", "قرب", "ريف",
              "باديه", "محيط", "اطراف", "ضواحي", "منطقه", "مناطق", "اقليم",
              # "قرية قرمتلق التابعة لناحية شيه", "حي سكني وسط البلدة": what it is, no name
              "التابعه", "التابع", "سكني", "شعبي", "مكتظ", "مجاور", "صغيره", "نائيه",
              # "أحياء سكنية", "أحياء المدينة": which quarters, no name
              "سكنيه", "المدينه", "مدينه", "البلده", "القريه", "العاصمه",
              # "قرى شرقي المدينة": where they lie, no name
              "شرقي", "غربي", "شمالي", "جنوبي",
              # "قرى وحواجز": what else was hit
              "حواجز", "وحواجز", "مواقع", "ومواقع", "نقاط", "ونقاط", "بلدات", "وبلدات",
              # "قرى تقع جنوب ناحية تل حميس": a verb, no name
              "تقع", "يقع", "تتبع", "يتبع", "تخضع", "يخضع"}


_QUARTER_WORDS = {"حي", "بحي", "لحي", "وحي", "احياء", "حيي"}
_CITY_WORDS = {"مدينه", "بمدينه", "لمدينه", "ومدينه"}
_DATELINE = re.compile(r"\s*[-–—]\s")
_REGION_WORDS = {"مقاطعه", "لمقاطعه", "بمقاطعه", "ومقاطعه"}


def _named_as_settlement(sentence: str, name: str) -> bool:
    """Named as a town or village ("بلدة X"); a city ("مدينة منبج") is less specific than a
    village named beside it ("قرية عون الدادات شمال مدينة منبج")."""
    return any(m.group(1).strip("،,.:؛()\"'«»") == name.split()[0]
               and not re.match(r"[وبل]?مدين", m.group())
               for m in _SETTLEMENT.finditer(sentence))


def _unlisted_place(sentence: str) -> str | None:
    """The first village named as one ("في قرية X") that the gazetteer does not list."""
    def listed(m: re.Match) -> bool:  # "بلدتي الشيخ بدر": a listed name of two words
        words = [(g or "").strip("،,.:؛()\"'«»") for g in m.groups()]
        if " ".join(words) in gazetteer():
            return True
        # "حي بستان القصر": a name of two words though the first alone is listed
        return words[0] in gazetteer() and not (
            words[0] in _TWO_WORD_START and words[1].startswith("ال"))

    match = next((m for m in _SETTLEMENT.finditer(sentence) if not listed(m)
                  # (not where people came from: "القادمين من مدن وبلدات الجزيرة", nor where
                  # fire came from: "مصدرها مواقع قوات الأسد في حي صلاح الدين")
                  and not _ORIGIN.search(sentence[max(0, m.start(1) - 40):m.start(1)])
                  and not _FROM_ELSEWHERE.search(sentence[max(0, m.start() - 80):m.start()])),
                 None)
    if not match:
        return None
    first = match.group(1).strip("،,.:؛()\"'«»")
    if first in _NOT_NAMES or len(first) < 3 or first[0].isdigit() or _ABROAD.match(
            sentence, match.end(1)):
        return None
    second = (match.group(2) or "").strip("،,.:؛()\"'«»")
    if match.group(1) != first:
        second = ""  # "لمدينة بنش، مساء أمس": the name ends at the comma
    if second and second not in _NOT_NAMES and (first in _TWO_WORD_START or (
            second.startswith("ال") and not first.startswith("ال")
            and not _SIDE.match(" " + second))):
        return f"{first} {second}"  # "عين عيسى", "عون الدادات"
    return first


# "على الطريق الواصل بين مدينة الباب وبلدة قباسين", "طريق طفس – المزيريب": a road named by
# the two places it joins.
_ROAD_START = re.compile(r"(?<![\w])[وب]?(?:ال)?طريق\s+(?:(?:العام|الدولي|الرئيسي|الواصل|الرابط"
                         r"|الواصله|الرابطه|الذي\s+يربط)\s+)*(?:بين\s+)?(?:(?:مدينتي|بلدتي|قريتي"
                         r"|مدينه|بلده|قريه)\s+)?$")
_ROAD_JOIN = re.compile(r"^\s*(?:[-–—]\s*|و|الي\s+)(?:(?:مدينه|بلده|قريه)\s+)?$")


def _roads(sentence: str, found: list) -> list[tuple[int, tuple[Place, ...]]]:
    """`found` with each road named by the two places it joins as one place of its own."""
    joined, i = [], 0
    while i < len(found):
        position, first = found[i]
        start = i + 1 < len(found) and _ROAD_START.search(
            sentence[max(0, position - 60):position])
        towns = start and all(c.specificity > 0 for c in first + found[i + 1][1])
        # a governorate's city joins a road only as "الطريق بين طرطوس وبانياس"
        if start and (towns or "بين" in start.group()):
            after, second = found[i + 1]
            end = position + len(first[0].name)
            if _ROAD_JOIN.match(sentence[end:after]):
                shared = [g for g in dict.fromkeys(c.governorate for c in first)
                          if g in {c.governorate for c in second}]
                name = f"طريق {first[0].name} {second[0].name}"
                # between two towns a road is as specific as a town; from a governorate's city
                # it is a highway, as specific as a listed road
                level = 3 if towns else 2
                road = tuple(Place(name, g, level, True, name) for g in (
                    shared or dict.fromkeys(c.governorate for c in first)))
                joined.append((position, road))
                i += 2
                continue
        joined.append(found[i])
        i += 1
    return joined


# Where the wounded were taken ("نُقلوا إلى النقطة الطبية في بلدة البصيرة، ومنها إلى مشافي
# الحسكة"), where aircraft took off ("أقلعت من قاعدة حميميم") and where fire came from are not
# where it happened.
_TAKEN_TO = re.compile(r"(?<![\w])و?(?:نقل\S*|اسعف\S*|اسعاف\S*)\s+(?:\S+\s+){0,4}?الي\s")
# "أطلقت القذائف من مواقع قسد", "قصف مصدره مناطق سيطرة النظام": where fire came from, ending
# just before the place (or, in roles, the side) it came from.
FIRED_FROM = (r"(?:اطلقت|اطلق|باطلاقها|باطلاقه|اطلاقها|اطلاقه)\s+(?:(?:القذائف|القذيفه|الصواريخ"
              r"|الصاروخ)\s+)?من\s+(?:\S+\s+){0,3}"
              # "انهالت القذائف على الحي من مواقع قوات النظام"
              r"|(?<![\w])من\s+(?:مواقع|نقاط|مناطق\s+سيطره)\s+(?:\S+\s+){0,3}"
              r"|مصدر(?:ه|ها)\s+(?:(?!علي\s)\S+\s+){0,10}")
_FROM_ELSEWHERE = re.compile(r"(?<![\w])(?:(?:اقلعت|اقلع|اقلعتا|اقلعا|انطلقت|انطلق|انطلقتا)\s+"
                             r"(?:\S+\s+)?من\s+"
                             r"(?:\S+\s+)?|(?:المتمركزه|المتمركز|المتمركزين)\s+في\s+(?:\S+\s+)?"
                             rf"|{FIRED_FROM})$")


def seat_city(sentence: str) -> str | None:
    """The city a normalized sentence names as the seat of a governorate of its name ("على
    أطراف مدينة السويداء", "وسط العاصمة دمشق"), or None."""
    for position, candidates in find_places(sentence):
        cue = _previous_word(sentence, position)
        if any(c.specificity == 0 for c in candidates) and (cue in _CITY_WORDS or (
                # the capital's governorate is the city ("في ساحة الأمويين بدمشق")
                candidates[0].governorate == "SY-DI" and cue not in _STATE_WORDS
                and not cue.endswith("ريف") and not _ORIGIN.search(
                    sentence[max(0, position - 30):position]))):
            return candidates[0].name
    return None


def resolve_place(sentence: str, context: str = "") -> tuple[str | None, str | None]:
    """(place, governorate) for a normalized sentence: its most specific place that is surely
    one, in the governorate the sentence names (then the article) when the name stands in
    several; the governorate named with "ريف", "محافظة" or a direction wins over a town's."""
    taken = _TAKEN_TO.search(sentence)
    if taken:
        sentence = sentence[:taken.start()]
    found = [(p, c) for p, c in _roads(sentence, find_places(sentence))
             if not _FROM_ELSEWHERE.search(sentence[max(0, p - 80):p])]
    explicit, stated, places = [], [], []
    previous_end = -10
    for position, candidates in found:
        if any(c.specificity == 0 for c in candidates):
            if _ROAD_NAME.search(sentence[max(0, position - 30):position]):
                continue  # "طريق حمص-دير الزور": a road's name, not where it happened
            code = next(c.governorate for c in candidates if c.specificity == 0)
            cue = _previous_word(sentence, position)
            if cue in _STATE_WORDS or _ORIGIN.search(sentence[max(0, position - 30):position]):
                # "سلطة دمشق": the state, not the place; "مسافرين من أبناء محافظة السويداء":
                # where they came from
                continue
            if cue in _AIRPORT_WORDS:
                # "مطار حماة العسكري" is in Hama; Damascus's airports are in its countryside
                stated.append("SY-RD" if code == "SY-DI" else code)
                continue
            stated.append(code)
            # "جنوب دمشق" is the countryside around the capital, not the city.
            if cue in _GOVERNORATE_CUE and not (code == "SY-DI" and cue not in (
                    "ريف", "بريف", "وريف", "محافظه", "بمحافظه", "مدينه", "بمدينه")):
                explicit.append(code)
            previous_end = position + len(candidates[0].name)
            continue
        capital = _CAPITALS.get(candidates[0].name)
        if capital:  # "بمدينة إدلب": the governorate's seat names the governorate
            explicit.append(capital)
        adjective = _CITY_ADJECTIVE.match(sentence, position + len(candidates[0].name))
        if adjective:
            explicit.append(_CITY_ADJECTIVE_CODES[adjective.group("city")])
        if _previous_word(sentence, position) in _NOT_HERE or _ABROAD.match(
                sentence, position + len(candidates[0].name)) or _PART_OF_TOWN.match(
                sentence, position + len(candidates[0].name)):
            # "نقلا إلى مشفى الكسرة", "حركة رجال الكرامة", "مدينة أورفا التركية", "في الحارة
            # الشرقية من البلدة" (a part of the town told)
            continue
        if _strong(sentence, position, candidates, position - previous_end < 4):
            places.append((position, candidates))
            previous_end = position + len(candidates[0].name)
    in_context = _context_governorates(context) if context else ()
    # "قرية اليابسة غرب تل أبيض": the governorate of a town named as a bearing
    # (or of a mountain or region a village is said to be in: "قرية الزيتونة في جبل التركمان")
    landmarks = [c.governorate for p, cands in places for c in cands
                 if len({x.governorate for x in cands}) == 1
                 and (_BEARING.search(sentence[max(0, p - 16):p])
                      or (cands[0].name.startswith(("جبل ", "سهل ", "منطقه ", "باديه ", "ناحيه "))
                          and _INSIDE.search(sentence[max(0, p - 40):p])))]
    # the article's governorates, most named first, then first named (a stable order)
    preferred = explicit + landmarks + stated + sorted(set(in_context), key=lambda g: (
        -in_context.count(g), in_context.index(g)))
    best: Place | None = None
    best_at, best_rank = 0, (False, False, False, 0, False, False)
    for position, candidates in places:
        governorates = [c.governorate for c in candidates]
        # In the governorate the text points to, the most specific of the name's rows (the town
        # "الشيخ بدر", not its district).
        chosen = next((max((c for c in candidates if c.governorate == g),
                           key=lambda c: c.specificity)
                       for g in preferred if any(c.governorate == g for c in candidates)), None)
        city = stated[:1] or [g for g in preferred[:1] if in_context.count(g) > 1 and not (
            explicit or landmarks or set(governorates) & set(in_context))]
        if (city and _previous_word(sentence, position) in _QUARTER_WORDS
                and city[0] not in governorates
                and not {city[0], *governorates} <= {"SY-DI", "SY-RD"}):
            # "وفي حمص، ... في شارع الستين بحي الزهراء": a quarter of the city the sentence
            # names (or the article does, naming it twice or more and no governorate the name is
            # listed in: "حي الزهور" in a story from al-Hasakah), not a village of that name
            # elsewhere
            chosen = Place(candidates[0].name, city[0], 3)
        if chosen is None:
            top = max(candidates, key=lambda c: c.specificity)
            chosen = top if len(set(governorates)) == 1 else Place(top.name, None, top.specificity)
        # "شرقي مدينة تدمر، قرب حقل آراك": a place named as a bearing is only a landmark; a
        # place as specific named otherwise is where it happened.
        # A sub-district named as a village ("قرية بيت ياشوط") is its seat, a village.
        specificity = 3 if chosen.specificity in (1, 2) and _named_as_settlement(
            sentence, chosen.name) else chosen.specificity
        if _previous_word(sentence, position) in _REGION_WORDS:
            # "ناحية جنديرس التابعة لمقاطعة عفرين": the region, not the city it is named for
            specificity = min(specificity, 1)
        # "على الطريق الواصل بين دير الزور وتدمر": a road's end is only where the road goes,
        # below any place named otherwise.
        road_end = not chosen.name.startswith("طريق") and bool(
            _ALONG_ROAD.search(sentence[max(0, position - 50):position]))
        # "راعي أغنام من أبناء ريف السلمية ... في بادية عقيربات": where he came from ranks
        # below where it happened. Last, a town named as one ("قرب بلدة كفرتخاريم") wins over a
        # name that may be a feature's ("منطقة جبل الدويلة").
        origin = bool(_ORIGIN.search(sentence[max(0, position - 45):position]))
        # "عفرين – استشهد ستة مدنيين ... على حي وسط ناحية جنديرس": where the report was filed
        # from ranks below a place the sentence names.
        dateline = position == 0 and bool(_DATELINE.match(sentence, len(chosen.name)))
        rank = (not road_end, not origin, not dateline, specificity,
                not _BEARING.search(sentence[max(0, position - 16):position]),
                _named_as_settlement(sentence, chosen.name))
        if best is None or rank > best_rank:
            best, best_at, best_rank = chosen, position, rank
    unlisted = _unlisted_place(sentence)
    if unlisted and best is not None and unlisted.startswith(best.name + " "):
        return unlisted, (explicit or stated or [None])[0]  # "بستان القصر", not "بستان"
    if unlisted and (best is None or best.specificity < 3 or not _named_as_settlement(
            sentence, best.name)):
        # "في قرية الهوشرية غربي منبج": a village the gazetteer lacks, named as one, is more
        # specific than the town it is near.
        return unlisted, (explicit or stated or [best.governorate if best else None])[0]
    if best is None:
        if _CAPITAL_CITY.search(sentence):
            return "دمشق", "SY-DI"  # "وسط العاصمة دمشق": the city, not only its governorate
        return None, (explicit or stated or [None])[0]
    if explicit and best.governorate not in explicit:
        return best.name, explicit[0]
    if landmarks and best.governorate not in landmarks:
        # "قرية اليابسة غرب تل أبيض": a name the gazetteer knows only elsewhere, near the town
        # named as its bearing
        return best.name, landmarks[0]
    # A road across governorates ("طريق أثريا - خناصر في بادية حماة"): the governorate of
    # another place the sentence names.
    others = [c.governorate for _, cands in places for c in cands
              if c.governorate and len({x.governorate for x in cands}) == 1]
    return _countryside(sentence, best, best_at), best.governorate or (
        stated or others or [None])[0]


_ORIGIN = re.compile(r"(?<![\w])(?:(?:من\s+)?(?:ابناء|اهالي)\s+"
                     r"(?:(?:ريف|بلده|قريه|مدينه|محافظه)\s+)?"
                     # "قافلة من المدنيين القادمين من مدن وبلدات الجزيرة"
                     # "قُتل شابان من ريف حماة ... في بادية تدمر"
                     r"|(?:شاب|شابان|شابين|رجل|رجلان|مدني\S*|اشخاص|راع\S*|رعاه|عامل\S*|طفل\S*)"
                     r"\s+من\s+(?:ريف|مدينه|بلده|قريه)?\s*"
                     r"|(?:القادمين|القادمون|النازحين|النازحون|المهجرين|الفارين)\s+من\s+"
                     r"(?:(?:مدن|بلدات|قري)\s+(?:و\s?(?:مدن|بلدات|قري)\s+)?)?(?:\S+\s+و\s?)?)$")
_ABROAD = re.compile(r"\s+(?:التركيه|العراقيه|اللبنانيه|الاردنيه|الاسرائيليه)(?![\w])")
_PART_OF_TOWN = re.compile(r"(?:\s+ال\S+)?\s+من\s+(?:البلده|المدينه|القريه)(?![\w])")
# "حي جوبر الدمشقي", "حي صلاح الدين الحلبي": the city's adjective names its governorate.
_CITY_ADJECTIVE = re.compile(r"\s+ال(?P<city>دمشقي|حلبي|حمصي|حموي|ادلبي|درعاوي|ديري|رقاوي|لاذقاني)"
                             r"(?:ه)?(?![\w])")
_CITY_ADJECTIVE_CODES = {"دمشقي": "SY-DI", "حلبي": "SY-HL", "حمصي": "SY-HI", "حموي": "SY-HM",
                         "ادلبي": "SY-ID", "درعاوي": "SY-DR", "ديري": "SY-DY", "رقاوي": "SY-RA",
                         "لاذقاني": "SY-LA"}
_ALONG_ROAD = re.compile(r"(?<![\w])(?:ال)?طريق\s+(?:(?!(?:قرب|في|عند|ضمن|داخل|بالقرب|من|وسط)\s)"
                         r"\S+\s+){0,6}?و?$")
_CAPITAL_CITY = re.compile(r"(?<![\w])(?:(?:العاصمه|مدينه|وسط|في)\s+|ب)دمشق(?![\w])")
_INSIDE = re.compile(r"(?<![\w])(?:قريه|قري|بلده|بلدات|مزرعه)\s+\S+(?:\s+\S+){0,2}?\s+(?:في|ب)\s*"
                     r"(?:ريف\s+)?$")  # "قرى صيدا والمعلك في ريف ناحية عين عيسى"
_BEARING = re.compile(r"(?<![\w])(?:شرقي|غربي|شمالي|جنوبي|شرق|غرب|شمال|جنوب)\s+"
                      r"(?:(?:مدينه|بلده|قريه)\s+)?$")
_COUNTRYSIDE = re.compile(r"(?<![\w])[وب]?(ريف|باديه)\s+(?:(?:مدينه|بلده|قريه)\s+)?$")
_SIDE = re.compile(r"\s+(ال(?:شرقي|غربي|شمالي|جنوبي)(?:\s+ال(?:شرقي|غربي))?)(?![\w])")


def _countryside(sentence: str, place: Place, position: int) -> str:
    """"ريف الميادين الشرقي" for a town named as the countryside around it: the town itself
    is not where it happened."""
    region = _COUNTRYSIDE.search(sentence[max(0, position - 16):position])
    if not region or place.specificity == 0 or place.name.startswith(("ريف", "باديه")):
        return place.name
    side = _SIDE.match(sentence, position + len(place.name))
    return " ".join(filter(None, [region.group(1), place.name, side and side.group(1)]))


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return normalize(word)


def as_written(sentence: str, place: str) -> str:
    """The place as the original sentence spells it ("بادية الرصافة" for "باديه الرصافه"),
    without a clitic stuck to it; the normalized name when the sentence does not hold it."""
    words = re.findall(r"\S+", sentence)
    size = len(place.split())
    first = _word_key(place.split()[0])
    for start in range(len(words) - size + 1):
        head = _word_key(words[start].strip("\"'“”«»،,.:؛()"))
        if not head.endswith(first):
            continue  # cheap test first: the window must start with the place's first word
        window = " ".join(words[start:start + size]).strip("\"'“”«»،,.:؛()")
        folded = normalize(window)
        if folded == place:
            return window
        if folded[1:] == place and folded[0] in "وبلف":
            return window[1:]
        if folded.endswith(place) and folded[:-len(place)] in ("ال", "وال", "بال", "فال"):
            return window[len(folded) - len(place) - 2:]  # "المزيريب" for "مزيريب"
    if size > 1:  # "طريق الباب قباسين": a road named by two places apart in the text
        return " ".join(word if word == "طريق" else as_written(sentence, word)
                        for word in place.split())
    return place
