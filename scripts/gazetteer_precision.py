"""Each gazetteer row's coord_precision, coded as ACLED's geo_precision, and an approximate point
for every town and village without its own: its sub-district's centroid, else a larger unit's."""

from __future__ import annotations

from collections import Counter

from gazetteer_geonames import Row, Rows

from pipeline.normalize import normalize

SETTLEMENT = {"town", "village"}
# A unit's own point stands for an event placed in that unit: ACLED codes a small part of a
# region 2 and a larger region (a district, a governorate) 3. Any other point is its place's: 1.
UNIT_PRECISION = {"subdistrict": "2", "district": "3", "governorate": "3"}
AMBIGUOUS = "left without a point: its sub-district's name is two units of its governorate"


def _unit(gaz: Rows, row: Row, ambiguous: set[tuple[str, str]],
          governorates: dict[str, Row]) -> Row | None:
    """The nearest unit with a point that holds a town or village: its sub-district, else that
    one's district, else its governorate; None when its sub-district's name is ambiguous."""
    code = row["governorate"]
    if row["parent"]:
        if (normalize(row["parent"]), code) in ambiguous:
            return None
        # Looked up in the row's own governorate: sub-districts' names repeat across them.
        subdistrict = gaz.find(row["parent"], code, "subdistrict")
        if subdistrict is not None and subdistrict["lat"]:
            return subdistrict
        district = (gaz.find(subdistrict["parent"], code, "district")
                    if subdistrict is not None and subdistrict["parent"] else None)
        if district is not None and district["lat"]:
            return district
    return governorates.get(code)


def add_precision(gaz: Rows, ambiguous: set[tuple[str, str]]) -> Counter:
    """Code every main row's point, give towns and villages without one their unit's point,
    then copy each main row's point and code to its spelling variants; what it did, counted."""
    counts: Counter = Counter({AMBIGUOUS: 0})  # reported even when none is
    mains: dict[tuple[str, str, str], Row] = {}
    governorates = {r["governorate"]: r for r in gaz.rows
                    if r["kind"] == "governorate" and not r["variant_of"] and r["lat"]}
    for row in gaz.rows:
        if row["variant_of"]:
            continue
        mains[(row["name"], row["governorate"], row["kind"])] = row
        if row["lat"]:
            row["coord_precision"] = UNIT_PRECISION.get(row["kind"], "1")
        elif row["kind"] in SETTLEMENT:
            unit = _unit(gaz, row, ambiguous, governorates)
            if unit is None:
                counts[AMBIGUOUS if row["parent"] else "left without a point: no unit"] += 1
                continue
            # The unit's kind before its source, so that the point traces back to the unit.
            row.update(lat=unit["lat"], lon=unit["lon"],
                       coord_source=f"{unit['kind']}:{unit['coord_source']}",
                       coord_precision="2" if unit["kind"] == "subdistrict" else "3")
            counts[f"{row['kind']} rows given their {unit['kind']}'s point"] += 1
    for row in gaz.rows:
        if row["variant_of"]:
            main = mains[(row["variant_of"], row["governorate"], row["kind"])]
            row.update({c: main[c] for c in ("lat", "lon", "coord_source", "coord_precision")})
    return counts
