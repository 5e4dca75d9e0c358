"""Points for the gazetteer's towns and villages from GeoNames (pipeline/data/geonames_sy.tsv):
a place's Arabic names matched in its governorate, kept only when one row is clearly that place.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path
from typing import Protocol

from pipeline.normalize import normalize

SETTLEMENT = {"town", "village"}
UNITS = ("district", "subdistrict")
# GeoNames' admin1 codes for Syria (FIPS 10-4) -> ISO 3166-2:SY. check_admin1 confirms each by
# the governorate whose rows bear most of its places' Arabic names.
ADMIN1 = {
    "01": "SY-HA", "02": "SY-LA", "03": "SY-QU", "04": "SY-RA", "05": "SY-SU", "06": "SY-DR",
    "07": "SY-DY", "08": "SY-RD", "09": "SY-HL", "10": "SY-HM", "11": "SY-HI", "12": "SY-ID",
    "13": "SY-DI", "14": "SY-TA",
}
# Of several rows of one name, the one whose sub-district's centroid lies this near is the place.
SAME_PLACE_KM = 25
# A point farther than this from its sub-district's (or district's) centroid is a namesake's.
CROSS_CHECK_KM = 60
_FAR = f"left out: over {CROSS_CHECK_KM} km from the unit's centroid"
_DASHES = str.maketrans({"-": " ", "–": " ", "—": " "})
Row = dict[str, str]


class Rows(Protocol):
    """The build's Gazetteer: its rows in order, and a lookup of a main row by any spelling."""

    rows: list[Row]

    def find(self, name: str, governorate: str, kind: str) -> Row | None: ...


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def spelling(name: str) -> str:
    """A name as pipeline/places.py matches it: normalized, dashes read as spaces."""
    return " ".join(normalize(name).translate(_DASHES).split())


def unarticled(name: str) -> str:
    """The spelling without spaces and without each word's article ("تل الأبيض" = "تل أبيض")."""
    words = spelling(name).split()
    return "".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def _unit_key(name: str) -> str:
    # The administrative list's "مركز X", "ناحية X" and "X السكانية" all name X's unit.
    for prefix in ("مركز ", "ناحية ", "منطقة "):
        name = name.removeprefix(prefix)
    return unarticled(name.removesuffix(" السكانية"))


def read_places(path: Path) -> list[Row]:
    """The committed GeoNames rows (scripts/geonames_sy.py wrote them)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _names(place: Row) -> list[str]:
    return [n for n in place["arabic_names"].split(",") if n]


def _point(place: Row) -> tuple[float, float]:
    return float(place["latitude"]), float(place["longitude"])


def check_admin1(places: list[Row], rows: list[Row]) -> None:
    """Fail unless each admin1 code's places are named, most often, in ADMIN1's governorate:
    a wrong code would file every town of a governorate in another."""
    governorates: dict[str, set[str]] = {}
    for row in rows:
        governorates.setdefault(spelling(row["name"]), set()).add(row["governorate"])
    votes: dict[str, Counter] = {}
    for place in places:
        named = set().union(*(governorates.get(spelling(n), set()) for n in _names(place)))
        votes.setdefault(place["admin1_code"], Counter()).update(named)
    for code, counter in votes.items():
        if counter.most_common(1)[0][0] != ADMIN1.get(code):
            raise SystemExit(f"GeoNames admin1 {code}: its names point to {counter.most_common(3)}")


class _Matcher:
    """The gazetteer's rows that may take a point, indexed by spelling, with their units."""

    def __init__(self, gaz: Rows) -> None:
        self.gaz = gaz
        self.mains = {(r["name"], r["governorate"], r["kind"]): r
                      for r in gaz.rows if not r["variant_of"]}
        # Units by every spelling, so "الصورة الصغرى" finds the list's "الصورة الصغيرة".
        self.units: dict[tuple[str, str], list[Row]] = {}
        for row in gaz.rows:
            if row["kind"] in UNITS:
                found = self.units.setdefault((_unit_key(row["name"]), row["governorate"]), [])
                if all(u is not self.main(row) for u in found):
                    found.append(self.main(row))
        self.exact: dict[tuple[str, str], list[Row]] = {}
        self.loose: dict[tuple[str, str], list[Row]] = {}
        for row in gaz.rows:
            main = self.main(row)
            if main["lat"] or main["kind"] not in SETTLEMENT | set(UNITS):
                continue
            for index, key in ((self.exact, spelling), (self.loose, unarticled)):
                found = index.setdefault((key(row["name"]), row["governorate"]), [])
                if all(r is not main for r in found):
                    found.append(main)

    def main(self, row: Row) -> Row:
        return self.mains[(row["variant_of"] or row["name"], row["governorate"], row["kind"])]

    def units_of(self, row: Row) -> list[Row]:
        """A settlement's sub-district and that one's district; a sub-district's district."""
        kinds = ["district"] if row["kind"] == "subdistrict" else list(reversed(UNITS))
        found, name = [], row["parent"]
        for kind in kinds:
            unit = self.gaz.find(name, row["governorate"], kind) if name else None
            if unit is None:
                break
            found.append(unit)
            name = unit["parent"]
        return found

    def centroid(self, row: Row) -> tuple[float, float] | None:
        unit = next((u for u in self.units_of(row) if u["lat"]), None)
        return (float(unit["lat"]), float(unit["lon"])) if unit else None

    def candidates(self, place: Row, code: str) -> list[Row]:
        names = _names(place)
        found = {id(r): r for n in names for r in self.exact.get((spelling(n), code), [])}
        if not found:
            found = {id(r): r for n in names for r in self.loose.get((unarticled(n), code), [])}
        return list(found.values())

    def seat_elsewhere(self, row: Row, place: Row) -> bool:
        """Whether the place is the seat of a unit that is not the row's own: the row is then a
        namesake village (the list's "صوران" of al-Bab is not A'zaz's sub-district seat).
        A seat filed under a sibling sub-district near it is the list's slip, not a namesake."""
        if row["kind"] not in SETTLEMENT or not row["parent"]:
            return False
        if not place["feature_code"].startswith("PPLA"):
            return False
        own = self.units_of(row)
        named = [u for n in _names(place)
                 for u in self.units.get((_unit_key(n), row["governorate"]), [])]
        if not named or any(u is o for u in named for o in own):
            return False  # no unit's seat, or the row's own unit's (OCHA's and the list's)
        seated = {id(u): u for u in named}
        district = own[-1]["name"] if own and own[-1]["kind"] == "district" else None
        centroid = self.centroid(row)
        return not (centroid and km(centroid, _point(place)) <= SAME_PLACE_KM
                    and all(u["parent"] == district for u in seated.values()))


def add_points(gaz: Rows, path: Path) -> tuple[Counter, list[str]]:
    """Give towns, villages and pointless units the point of the GeoNames place of their name
    in their governorate, when one row is clearly that place; (counts, rows left out and why)."""
    places = read_places(path)
    check_admin1(places, gaz.rows)
    match = _Matcher(gaz)
    counts: Counter = Counter({_FAR: 0})  # reported even when none is
    notes: list[str] = []
    claims: dict[int, tuple[Row, list[Row]]] = {}
    for place in places:
        code, point = ADMIN1[place["admin1_code"]], _point(place)
        found = match.candidates(place, code)
        if not found:
            counts["GeoNames places matching no row"] += 1
        groups: dict[str, list[Row]] = {}
        for row in found:
            if match.seat_elsewhere(row, place):
                counts["left out: the seat of another unit of that name"] += 1
                notes.append(f"{row['name']} ({row['parent']}): {place['geonameid']} is a seat")
                continue
            groups.setdefault("town" if row["kind"] in SETTLEMENT else row["kind"], []).append(row)
        for rows in groups.values():
            towns = [r for r in rows if r["kind"] == "town"]
            near = [r for r in rows
                    if (c := match.centroid(r)) and km(c, point) <= SAME_PLACE_KM]
            pick = rows if len(rows) == 1 else towns if len(towns) == 1 else near
            if len(pick) != 1:
                counts["left out: one name of several rows, none clearly the place"] += 1
                notes.append(f"{place['geonameid']}: " + ", ".join(
                    f"{r['name']} ({r['parent']})" for r in rows))
                continue
            claims.setdefault(id(pick[0]), (pick[0], []))[1].append(place)
    for row, claimants in claims.values():
        centroid = match.centroid(row)
        if len(claimants) > 1:  # several places of one name: the one in the row's unit
            claimants = [p for p in claimants
                         if centroid and km(centroid, _point(p)) <= SAME_PLACE_KM]
            if len(claimants) != 1:
                counts["left out: a row named by several places, none clearly it"] += 1
                notes.append(f"{row['name']} ({row['parent']}): several places")
                continue
        place = claimants[0]
        if centroid and km(centroid, _point(place)) > CROSS_CHECK_KM:
            counts[_FAR] += 1
            notes.append(f"{row['name']} ({row['parent']}): {place['geonameid']} is far")
            continue
        lat, lon = _point(place)
        row.update(lat=f"{lat:.5f}", lon=f"{lon:.5f}",
                   coord_source=f"geonames:{place['geonameid']}")
        counts[f"{row['kind']} rows given a GeoNames point"] += 1
    for row in gaz.rows:  # a spelling variant takes its main row's point
        if row["variant_of"] and not row["lat"]:
            main = match.main(row)
            row.update(lat=main["lat"], lon=main["lon"], coord_source=main["coord_source"])
    return counts, notes
