"""Places in Syria: a gazetteer kept as data, and the most specific place a sentence names.

Sources: pipeline/data/syrian_towns.csv (the administrative list from
KaraBala10/syria-location-database, no licence stated, public facts; see docs/gazetteer.md)
and pipeline/data/places_extra.yaml (Rasd's own additions and exclusions).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
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


def _extra() -> dict:
    return yaml.safe_load((DATA_DIR / "places_extra.yaml").read_text(encoding="utf-8"))


@cache
def gazetteer() -> dict[str, tuple[Place, ...]]:
    """Normalized name -> the places of that name (one name may stand in several governorates)."""
    extra = _extra()
    stop = {normalize(w) for w in extra.get("not_places", [])}
    stop |= {m for name in MONTHS for m in name.split("/")} | set(WEEKDAYS)
    governorate_keys = {normalize(name) for name in GOVERNORATES}
    entries: dict[str, dict[tuple[str | None, int], Place]] = {}

    def add(name: str, governorate: str | None, specificity: int) -> None:
        key = normalize(name)
        if specificity > 0 and (len(key.replace(" ", "")) < _MIN_LETTERS or key in stop
                                or key in governorate_keys):
            return  # a town named like its governorate reads as the governorate
        place = Place(key, governorate, specificity)
        entries.setdefault(key, {})[(governorate, specificity)] = place

    for name, code in GOVERNORATES.items():
        add(name, code, 0)
    with (DATA_DIR / "syrian_towns.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = _CSV_GOVERNORATE.get(row["Governorate"].strip())
            for column, specificity in (("City", 1), ("District", 2), ("Town", 3)):
                value = row[column].strip()
                if value and not value.startswith("مركز"):
                    add(value, code, specificity)
    for code, names in extra["places"].items():
        for name in names:
            # A desert or a road covers more ground than a village does.
            add(name, code, 2 if name.startswith(("بادية", "طريق")) else 3)
    return {key: tuple(by_gov.values()) for key, by_gov in entries.items()}


@cache
def _pattern() -> re.Pattern:
    names = sorted(gazetteer(), key=len, reverse=True)
    # Whole words only; a clitic و ب ل ف may stick to a name ("بريف", "وحمص").
    return re.compile(r"(?<![\w])(?:[وبلف])?(" + "|".join(map(re.escape, names)) + r")(?![\w])")


def find_places(text: str) -> list[tuple[int, tuple[Place, ...]]]:
    """(position, candidate places) for every gazetteer name in normalized text."""
    return [(m.start(1), gazetteer()[m.group(1)]) for m in _pattern().finditer(text)]


def resolve_place(sentence: str, context: str = "") -> tuple[str | None, str | None]:
    """(place, governorate) for a normalized sentence: its most specific place, in the
    governorate the sentence (or else the article) names when the name is ambiguous."""
    found = find_places(sentence)
    named = [c.governorate for _, cands in found for c in cands
             if c.specificity == 0 or len({x.governorate for x in cands}) == 1]
    in_context = [c.governorate for _, cands in find_places(context) for c in cands
                  if c.specificity == 0] if context else []
    if len(set(named)) > 1:
        # "طريق حمص-دير الزور": of two governorates, the one the article is about.
        named.sort(key=lambda g: -in_context.count(g))
    named = named or in_context
    best: Place | None = None
    # Among equally specific places the last named is usually where it happened
    # ("in the western Deir ez-Zor desert, days after an ambush in the Rusafa desert").
    for _, candidates in reversed(found):
        governorates = {c.governorate for c in candidates}
        chosen = (candidates[0] if len(governorates) == 1
                  else next((c for g in named for c in candidates if c.governorate == g), None))
        top = max(candidates, key=lambda c: c.specificity)
        place = chosen or Place(top.name, None, top.specificity)
        if place.specificity > 0 and (best is None or place.specificity > best.specificity):
            best = place
    if best is None:
        return None, named[0] if named else None
    return best.name, best.governorate or (named[0] if named else None)


def as_written(sentence: str, place: str) -> str:
    """The place as the original sentence spells it ("بادية الرصافة" for "باديه الرصافه"),
    without a clitic stuck to it; the normalized name when the sentence does not hold it."""
    words = re.findall(r"\S+", sentence)
    size = len(place.split())
    for start in range(len(words) - size + 1):
        window = " ".join(words[start:start + size]).strip("\"'“”«»،,.:؛()")
        folded = normalize(window)
        if folded == place:
            return window
        if folded[1:] == place and folded[0] in "وبلف":
            return window[1:]
    return place
