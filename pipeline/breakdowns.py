"""A tally's breakdown by side: each part a tally of its own over the same period.

"مقتل 33 شخصاً، بينهم 14 من عناصر الأمن العام و19 مدنياً": besides the 33, 14 of the state's
forces and 19 civilians. A report's list after "توزعوا على النحو الآتي" gives its parts one
line each ("- 29 من عناصر قوات النظام."). A part counts when it names a side: civilians by
"مدنيين" or "مواطنين" (children or women among them are a part of that part, not a side), any
other side by an actor's name (data/actors.yaml) right after its figure.
"""

from __future__ import annotations

import re

from pipeline.actors import find_actors
from pipeline.numbers import NUMBER, parse_number
from pipeline.roles import QUOTES

# "بينهم", "منهم", "وهم", ":" after the total: its parts follow
_AMONG = re.compile(r"(?<![\w])(?:بينهم|بينها|منهم|وهم|هم)(?![\w])|:")
# A figure at a part's start (after a separator), then the words naming its side
_FIGURE = re.compile(rf"(?:^|(?<=[\s،,:\-–•]))(?:و\s?)?(?P<num>{NUMBER})(?![\w])"
                     rf"(?P<who>(?:\s+(?!و?\s?(?:{NUMBER})(?![\w]))[^\s،,.:]+){{1,6}})")
_CIVILIANS = re.compile(r"^\s+(?:مدني(?:ين|ون|ا|ان)?|مواطن(?:ين|ون|ا|ان)?|من\s+المدنيين"
                        r"|من\s+المواطنين)(?![\w])")
# "من عناصر", "عنصرا من", "من مقاتلي": the words between a figure and the side it names
_MEMBERS = re.compile(r"^\s+(?:(?:من|عنصرا|عناصر|مقاتلا|مقاتلين|مقاتلي|جنديا|جنود|افراد|منتسبي"
                      r"|من\s+عناصر|من\s+مقاتلي|من\s+جنود|من\s+افراد|من\s+منتسبي)\s+)+")
# Between two parts: the rest of a long name, then at most a comma ("، و257 من عناصر",
# "، إضافة إلى 18")
_NEXT_PART = re.compile(r"[^،,.؛:]*(?:[،,]\s*(?:اضافه\s+الي\s+)?)?")
# A list line: "- 31 مدنياً"
LIST_LINE = re.compile(r"^\s*[-–•*]\s*")


def _side(words: str) -> str | None:
    """The target id a part's words name, or None."""
    if _CIVILIANS.match(words):
        return "civilians"
    members = _MEMBERS.match(words)
    if members is None:
        return None
    found = find_actors(QUOTES.sub("", words[members.end():]).strip())
    if not found or found[0][0] > 0:
        return None
    actor = found[0][1]
    return None if actor.victims else actor.target


def parts(text: str, start: int = 0) -> list[tuple[int, str]]:
    """(dead, side) of each part a normalized clause gives from `start` on, one per side; the
    list ends where the sentence goes on to something else ("بينهم 19 طفلاً و11 سيدة، في ارتفاع
    مقارنة بالشهر السابق الذي سجل مقتل 96 مدنياً": not a part)."""
    found: list[tuple[int, str]] = []
    end = None
    for m in _FIGURE.finditer(text, start):
        if end is not None and not _NEXT_PART.fullmatch(text, end, m.start()):
            break
        count, side = parse_number(m.group("num")), _side(m.group("who"))
        if count and side and side not in {s for _, s in found}:
            found.append((count, side))
        end = m.end()
    return found


def parts_of_total(text: str) -> list[tuple[int, str]]:
    """The parts a clause with a total gives after "بينهم" ("مقتل 33 شخصاً، بينهم 14 من عناصر
    الأمن العام و19 مدنياً", or one side: "بينهم 23 مدنياً")."""
    among = _AMONG.search(text)
    found = parts(text, among.end()) if among else []
    return found
