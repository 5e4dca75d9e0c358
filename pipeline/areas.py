"""Whether a place lies in the area a region is named after ("بادية الميادين", "ريف معدان"):
from the gazetteer's hierarchy (a village's sub-district and district) and its points."""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache

from pipeline.normalize import normalize
from pipeline.places import DATA_DIR, GOVERNORATES, find_places, name_key

# Words that make a region of the place after them; directions after the name are dropped.
_REGION_WORD = re.compile(r"^(?:[وبل]?(?:ريف|باديه|محيط|اطراف|ضواحي|ناحيه))\s+(?P<anchor>.+)$")
_DIRECTION = re.compile(r"\s+(?:ال)?(?:شرقي|غربي|شمالي|جنوبي)(?:\s+(?:ال)?(?:شرقي|غربي))?$")
_GOVERNORATE_KEYS = frozenset(normalize(g) for g in GOVERNORATES)
# A region this far around its town holds a place ("بادية الميادين" and a village 30 km out).
NEAR_KM = 40.0
# Administrative units whose point, a centroid coded 2 or 3, is still the unit's own.
_UNITS = {"governorate", "district", "subdistrict"}


@dataclass(frozen=True)
class _Row:
    kind: str
    parent: str  # key of the sub-district or district, "" when unknown
    point: tuple[float, float] | None  # the place's own: never a unit's lent to a village


@cache
def _rows() -> dict[tuple[str, str], tuple[_Row, ...]]:
    """(key, governorate) -> the gazetteer's rows of that name there."""
    rows: dict[tuple[str, str], list[_Row]] = {}
    with (DATA_DIR / "gazetteer.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # A town's or village's approximate point (coord_precision 2 or 3) is its unit's;
            # _point falls back to the parent's point itself, one level up only.
            own = row["coord_precision"] == "1" or row["kind"] in _UNITS
            point = (float(row["lat"]), float(row["lon"])) if row["lat"] and own else None
            parent = name_key(row["parent"]) if row["parent"] else ""
            rows.setdefault((name_key(row["name"]), row["governorate"]), []).append(
                _Row(row["kind"], parent, point))
    return {key: tuple(found) for key, found in rows.items()}


def anchor(region: str) -> str | None:
    """The place a region is named after ("باديه الميادين" -> "الميادين"), None for a region
    of a governorate ("ريف دير الزور الشرقي") or a name that is no region."""
    match = _REGION_WORD.match(name_key(region))
    if not match:
        return None
    name = _DIRECTION.sub("", match.group("anchor"))
    return None if name in _GOVERNORATE_KEYS else name


def _ancestors(key: str, governorate: str) -> set[str]:
    """The keys of the units holding a place (its sub-district, district), "مركز X" read as X."""
    found, todo = set(), [key]
    while todo and len(found) < 8:
        for row in _rows().get((todo.pop(), governorate), ()):
            if row.parent and row.parent not in found:
                found.add(row.parent)
                found.add(row.parent.removeprefix("مركز "))
                todo.append(row.parent)
    return found


def _point(key: str, governorate: str) -> tuple[float, float] | None:
    """The place's own point, else its sub-district's (a village lies within it)."""
    rows = _rows().get((key, governorate), ())
    own = next((r.point for r in rows if r.point), None)
    if own:
        return own
    for row in rows:
        if row.parent:
            parent = next((r.point for r in _rows().get((row.parent, governorate), ())
                           if r.point), None)
            if parent:
                return parent
    return None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    return 111.2 * math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(lat))


def road_ends(road: str) -> list[str] | None:
    """The two places a road is named by ("طريق نوى الشيخ مسكين" -> نوى, الشيخ مسكين), None when
    it is not a road or names a governorate (a long road: "طريق دير الزور تدمر")."""
    words = name_key(road).split()
    if not words or words[0] not in ("طريق", "الطريق"):
        return None
    rest = " ".join(words[1:])
    ends = find_places(rest)
    if not ends or len(ends) > 2 or any(c.specificity == 0 for _, found in ends for c in found):
        return None
    names = [found[0].name for _, found in ends]
    if len(names) == 1:  # "طريق نوى الشيخ مسكين": a name too short for the gazetteer's lookup
        other = rest.replace(names[0], " ").split()
        if len(other) != 1:
            return None
        names.append(other[0])
    return names


def holds(area: str, place: str, governorate: str) -> bool | None:
    """Whether the place `area` is named after (a town, a sub-district) holds `place`: True,
    False, or None when the gazetteer cannot tell (a name it lacks, no points)."""
    a, p = name_key(area), name_key(place)
    if a == p:
        return True
    known_a, known_p = _rows().get((a, governorate)), _rows().get((p, governorate))
    if not known_a or not known_p:
        return None
    if a in _ancestors(p, governorate):
        return True
    x, y = _point(a, governorate), _point(p, governorate)
    if x is None or y is None:
        return None
    return _km(x, y) <= NEAR_KM
