"""Armed actors: aliases kept as data (data/actors.yaml), found in normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from pipeline.normalize import normalize
from pipeline.tries import trie_pattern

DATA_FILE = Path(__file__).parent / "data" / "actors.yaml"
REGIONAL_FILE = Path(__file__).parent / "data" / "regional_actors.yaml"


@dataclass(frozen=True)
class Actor:
    alias: str
    perpetrator: str
    target: str | None  # None: never named as the attacked
    victims: bool = False  # people attacked, never attackers (civilians)
    weapon: bool = False  # a weapon only this actor used: its attacker, never attacked


@cache
def aliases() -> dict[str, Actor]:
    """Normalized alias -> actor."""
    table: dict[str, Actor] = {}
    for entry in yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")):
        for alias in entry["aliases"]:
            key = normalize(str(alias))
            table[key] = Actor(key, entry["perpetrator"], entry["target"],
                               bool(entry.get("victims")), bool(entry.get("weapon")))
    return table


@cache
def _pattern() -> re.Pattern:
    # The longest name that ends a word, as a trie of the names (see pipeline/tries.py).
    names = aliases()
    # The clitic is optional and tried last: "الميليشيات الايرانيه" is a name of its own, not
    # "ال" + "ميليشيات".
    bare = [name[2:] for name in names if name.startswith("ال")]
    return re.compile(r"(?<![\w])(?:(?:[وبلف]|ال)??(" + trie_pattern(names)
                      + r")|[وف]?لل(" + trie_pattern(bare) + r"))(?![\w])")


def find_actors(text: str) -> list[tuple[int, Actor]]:
    """(position, actor) for every alias in normalized text, in order."""
    found = []
    for m in _pattern().finditer(text):
        if m.group(1):
            found.append((m.start(1), aliases()[m.group(1)]))
        else:  # "للفرقه الرابعه": "ل" + "الفرقه", the article's alif dropped
            found.append((m.start(2), aliases()["ال" + m.group(2)]))
    return found


@cache
def _regional_data() -> dict:
    return yaml.safe_load(REGIONAL_FILE.read_text(encoding="utf-8"))


@cache
def _regional() -> list[tuple[str, dict, str | None, frozenset]]:
    return [(normalize(e["name"]), e.get("by_governorate", {}), e.get("elsewhere"),
             frozenset(e.get("unsure", [])))
            for e in _regional_data()["names"]]


def regional_target(text: str, governorate: str | None, before: int | None = None
                    ) -> str | None:
    """The target id of a name that stands for different forces by region ("قوى الأمن
    الداخلي": the Asayish in Hasakah, the police in Suwayda), named in normalized text (before
    position `before`, if given), for an attack in `governorate`; None when the text names none
    or the region does not tell."""
    for name, by_governorate, elsewhere, unsure in _regional():
        at = text.find(name)
        if governorate is None or governorate in unsure or at < 0 or (
                before is not None and at >= before):
            continue
        return by_governorate.get(governorate, elsewhere)
    return None


def unnamed_attacker(kind: str, target: str | None, governorate: str | None,
                     when: date | None, text: str) -> str | None:
    """Who attacked, by region and time, when a normalized text names no attacker and does not
    call the attackers unknown ("مجهولون"): the remnants on the coast after December 2024, the
    government's shells on people in Idlib before it, the Islamic State's suicide bombers; None
    where the data says nothing (an entry without governorates or a target holds for any)."""
    if when is None or "مجهول" in text:
        return None
    for entry in _regional_data().get("unnamed", []):
        if (entry["since"] <= when <= entry.get("until", when)
                and governorate in entry.get("governorates", [governorate])
                and target == entry.get("target", target) and kind in entry["types"]):
            return entry["perpetrator"]
    return None


@cache
def _sides() -> dict[str, dict]:
    return {entry["id"]: entry for entry in _regional_data()["sides"]}


def side_in(actor_id: str | None, governorate: str | None, year: int | None) -> str | None:
    """The schema id of an actor id that stands for different forces by region and time
    ("opposition": the SNA in northern Aleppo from 2017, other factions elsewhere), for an
    attack in `governorate` in `year`; any other id as it is."""
    side = _sides().get(actor_id or "")
    if side is None:
        return actor_id
    if year is not None and year < side["since"]:
        return side["elsewhere"]
    return side["by_governorate"].get(governorate, side["elsewhere"])
