"""Checks on pipeline/data/gazetteer.csv: shape, codes, coordinates and their precision,
variants, coverage."""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from pipeline.normalize import normalize

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "pipeline" / "data"
COLUMNS = ["name", "governorate", "kind", "lat", "lon", "parent", "source", "coord_source",
           "coord_precision", "variant_of"]
GOVERNORATES = {"SY-DI", "SY-RD", "SY-HL", "SY-HM", "SY-HI", "SY-ID", "SY-LA", "SY-TA", "SY-DY",
                "SY-RA", "SY-HA", "SY-DR", "SY-SU", "SY-QU"}
KINDS = {"governorate", "district", "subdistrict", "town", "village", "desert", "mountain", "road",
         "oil_field", "crossing", "camp", "dam", "airport", "base", "region", "prison"}
# Features that span governorates may carry SY; a settlement or an admin unit never does.
SPANNING_KINDS = {"desert", "mountain", "road", "region"}
# Syria's bounding box, with a little margin for border crossings.
LAT, LON = (32.2, 37.4), (35.5, 42.5)
NEAR_KM = 150
# Homs governorate runs 400 km from Lebanon to Iraq: al-Tanf lies 210 km from its mean point.
NEAR_KM_WIDE = {"SY-HI": 250}
NEWS_FEATURES = {
    "desert": ["بادية الشام", "بادية حمص", "بادية تدمر", "بادية السخنة", "بادية الميادين",
               "بادية البوكمال", "بادية الرصافة", "بادية دير الزور", "بادية حماة", "بادية الرقة",
               "بادية السويداء", "بادية الشولا"],
    "mountain": ["جبل البشري", "جبل بشري", "جبل العمور", "جبل الشومرية", "جبل الزاوية",
                 "جبل الأكراد", "جبل التركمان", "جبل العرب", "جبل الدروز", "جبل قاسيون"],
    "region": ["القلمون"],
    "road": ["طريق دير الزور – تدمر", "طريق دير الزور – حمص", "طريق M4", "طريق إم فور",
             "طريق M5", "طريق حلب – الرقة", "طريق السخنة – تدمر", "طريق أثريا – خناصر",
             "طريق الرقة – دير الزور", "أوتوستراد دمشق – درعا"],
    "oil_field": ["حقل العمر", "حقل التيم", "حقل كونيكو", "حقل الورد", "حقل التنك", "حقل الجفرة",
                  "حقل الشاعر", "حقل جزل", "حقل الثورة", "حقل الهيل", "حقل آراك", "حقل الرميلان",
                  "حقول الرميلان"],
    "crossing": ["معبر البوكمال", "معبر القائم", "معبر نصيب", "معبر باب الهوى",
                 "معبر باب السلامة", "معبر تل أبيض", "معبر رأس العين", "معبر سيمالكا",
                 "معبر فيشخابور", "معبر اليعربية", "معبر جديدة يابوس", "معبر الجوسية"],
    "camp": ["مخيم الهول", "مخيم الركبان", "مخيم اليرموك", "مخيم روج"],
    "airport": ["مطار دير الزور العسكري", "مطار التيفور", "مطار كويرس", "مطار الشعيرات",
                "مطار المزة"],
    "base": ["مطار حميميم", "قاعدة التنف"],
    "dam": ["سد الفرات", "سد تشرين", "سد البعث"],
    "village": ["كباجب", "كبا جب", "الشولا", "الشولة", "الشجيري", "ذيبان", "الطيانة", "الشحيل",
                "البصيرة", "الباغوز", "الشعفة", "الكشكية", "أبو حمام", "غرانيج", "درنج",
                "سويدان", "محكان", "القورية", "الكسرة", "الجنينة", "حطلة", "مراط", "خشام",
                "الصالحية", "البغيلية", "موحسن", "البوليل", "الدبلان", "العزبة"],
    "town": ["هجين", "العشارة", "السوسة", "الصور", "البوكمال", "أبو كمال", "تدمر", "بالميرا",
             "الميادين", "السخنة"],
}


# Towns news names often, each with its district: GeoNames' point must lie near OCHA's centroid.
WELL_KNOWN_TOWNS = [("القامشلي", "SY-HA"), ("الحسكة", "SY-HA"), ("البوكمال", "SY-DY"),
                    ("الميادين", "SY-DY"), ("دير الزور", "SY-DY"), ("منبج", "SY-HL"),
                    ("عفرين", "SY-HL"), ("تدمر", "SY-HI"), ("السلمية", "SY-HM"),
                    ("الرقة", "SY-RA"), ("الطبقة", "SY-RA")]
# The build's cross-check: a GeoNames point this near its sub-district's (or district's) centroid.
UNIT_KM = 60
COORD_SOURCES = re.compile(r"((subdistrict|district|governorate):)?"
                           r"(opensyria|opensyria-transport|geonames):\S+")
# ACLED's geo_precision, as docs/gazetteer.md codes it: a unit's own point by the unit's size.
UNIT_PRECISION = {"subdistrict": "2", "district": "3", "governorate": "3"}
SETTLEMENTS = {"town", "village"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (DATA / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(a))


def _far_from_governorate(rows: list[dict[str, str]]) -> list[tuple[str, str, int]]:
    """Rows whose point lies farther from their governorate's mean point than it allows; a
    village's approximate point is its unit's, checked there (and would weigh the mean)."""
    points = defaultdict(list)
    for row in rows:
        borrowed = row["coord_source"].split(":")[0] in UNIT_PRECISION
        if (row["lat"] and row["governorate"] in GOVERNORATES and not row["variant_of"]
                and not borrowed):
            points[row["governorate"]].append((row["name"], float(row["lat"]), float(row["lon"])))
    far = []
    for code, named in points.items():
        lat = sum(p[1] for p in named) / len(named)
        lon = sum(p[2] for p in named) / len(named)
        for name, plat, plon in named:
            km = _km(lat, lon, plat, plon)
            if km > NEAR_KM_WIDE.get(code, NEAR_KM):
                far.append((code, name, round(km)))
    return far


def test_every_row_is_well_formed(rows):
    assert len(rows) > 6000
    for row in rows:
        assert row["name"].strip() == row["name"] != "", row
        assert row["kind"] in KINDS, row
        allowed = GOVERNORATES | ({"SY"} if row["kind"] in SPANNING_KINDS else set())
        assert row["governorate"] in allowed, row
        assert bool(row["lat"]) == bool(row["lon"]), row
        assert bool(row["lat"]) == bool(row["coord_source"]) == bool(row["coord_precision"]), row
        assert row["coord_precision"] in {"", "1", "2", "3"}, row
        assert not row["coord_source"] or COORD_SOURCES.fullmatch(row["coord_source"]), row
        source = row["source"]
        assert source in {"karabala10", "rasd"} or source.startswith("ocha:SY"), row


def test_fourteen_governorates_with_points(rows):
    governorates = {r["governorate"]: r for r in rows
                    if r["kind"] == "governorate" and not r["variant_of"]}
    assert set(governorates) == GOVERNORATES
    assert all(r["lat"] for r in governorates.values())
    assert {r["governorate"] for r in rows} == GOVERNORATES | {"SY"}


def test_points_lie_in_syria(rows):
    for row in rows:
        if row["lat"]:
            assert LAT[0] <= float(row["lat"]) <= LAT[1], row
            assert LON[0] <= float(row["lon"]) <= LON[1], row


def test_points_lie_near_their_governorate(rows):
    assert _far_from_governorate(rows) == []


def test_a_point_in_the_wrong_governorate_is_caught(rows):
    # Latakia's point filed under Deir ez-Zor must stand out, or the check above proves nothing.
    latakia = next(r for r in rows if r["kind"] == "governorate" and r["governorate"] == "SY-LA")
    moved = {**latakia, "governorate": "SY-DY", "name": "misfiled"}
    assert ("SY-DY", "misfiled") in {(c, n) for c, n, _ in _far_from_governorate([*rows, moved])}


def test_admin_units_have_points(rows):
    # Every governorate, and nearly every district and sub-district, has OCHA's centroid; the
    # ones without are the list's units OCHA does not have (Damascus's quarters, newer units).
    for kind, least in (("district", 0.9), ("subdistrict", 0.85)):
        units = [r for r in rows if r["kind"] == kind and not r["variant_of"]]
        assert sum(1 for r in units if r["lat"]) >= least * len(units), kind


def test_variants_name_a_main_row(rows):
    mains = {(r["name"], r["governorate"], r["kind"]): r for r in rows if not r["variant_of"]}
    for row in rows:
        if row["variant_of"]:
            main = mains.get((row["variant_of"], row["governorate"], row["kind"]))
            assert main is not None, row
            for column in ("lat", "lon", "coord_source", "coord_precision"):
                assert row[column] == main[column], (column, row)


def test_no_spelling_twice(rows):
    seen = set()
    for row in rows:
        kind = "settlement" if row["kind"] in {"town", "village"} else row["kind"]
        key = (normalize(row["name"]), row["governorate"], kind)
        assert key not in seen, row
        seen.add(key)


@pytest.mark.parametrize("kind", sorted(NEWS_FEATURES))
def test_news_features_present(rows, kind):
    kinds = {"town", "village"} if kind in {"town", "village"} else {kind}
    names = {normalize(r["name"]) for r in rows if r["kind"] in kinds}
    missing = [n for n in NEWS_FEATURES[kind] if normalize(n) not in names]
    assert missing == []


def test_inputs_all_merged(rows):
    # Editing an input without rebuilding (scripts/build_gazetteer.py) fails here.
    present = {(normalize(r["name"]), r["governorate"]) for r in rows}
    codes = {"محافظة " + name: code for name, code in (
        ("دير الزور", "SY-DY"), ("حمص", "SY-HI"), ("الرقة", "SY-RA"), ("الحسكة", "SY-HA"),
        ("حلب", "SY-HL"), ("حماة", "SY-HM"), ("إدلب", "SY-ID"), ("دمشق", "SY-DI"),
        ("ريف دمشق", "SY-RD"), ("درعا", "SY-DR"), ("السويداء", "SY-SU"),
        ("القنيطرة", "SY-QU"), ("طرطوس", "SY-TA"), ("اللاذقية", "SY-LA"))}
    with (DATA / "syrian_towns.csv").open(encoding="utf-8") as handle:
        for town in csv.DictReader(handle):
            code = codes[town["Governorate"].strip()]
            for column in ("City", "District", "Town"):
                assert (normalize(town[column].strip()), code) in present, town
    extra = yaml.safe_load((DATA / "places_extra.yaml").read_text(encoding="utf-8"))
    for code, names in extra["places"].items():
        for name in names:
            assert (normalize(name), code) in present, name
    rasd = yaml.safe_load((DATA / "gazetteer_rasd.yaml").read_text(encoding="utf-8"))
    for entry in rasd["features"]:
        for name in [entry["name"], *entry.get("variants", [])]:
            assert (normalize(name), entry["gov"]) in present, name


@pytest.fixture(scope="module")
def geonames() -> dict[str, dict[str, str]]:
    with (DATA / "geonames_sy.tsv").open(encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(places) == 290  # as geonames_sy.SOURCE.txt says
    return {p["geonameid"]: p for p in places}


def _loose(name: str) -> str:
    # As the build compares: normalized, no spaces, no article on a word.
    words = normalize(name).replace("-", " ").split()
    return "".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def _from_geonames(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["coord_source"].startswith("geonames:") and not r["variant_of"]]


def test_geonames_points_are_their_places(rows, geonames):
    # Every point names a place of the committed input, is its point, and the place bears the
    # row's name (or a spelling of it) in Arabic.
    spellings = defaultdict(set)
    for row in rows:
        spellings[(row["variant_of"] or row["name"], row["governorate"])].add(_loose(row["name"]))
    matched = _from_geonames(rows)
    assert len(matched) > 200
    for row in matched:
        place = geonames.get(row["coord_source"].removeprefix("geonames:"))
        assert place is not None, row
        assert (float(row["lat"]), float(row["lon"])) == (
            float(place["latitude"]), float(place["longitude"])), row
        names = {_loose(n) for n in place["arabic_names"].split(",")}
        assert names & spellings[(row["name"], row["governorate"])], row


def test_geonames_admin1_codes_map_one_to_one(rows, geonames):
    # Each GeoNames admin1 code stands for one governorate, and each governorate's capital
    # (PPLA, PPLC) bears its governorate's name: a misread code would break one or the other.
    codes = defaultdict(set)
    for row in _from_geonames(rows):
        codes[geonames[row["coord_source"].removeprefix("geonames:")]["admin1_code"]].add(
            row["governorate"])
    assert all(len(found) == 1 for found in codes.values()), codes
    to_iso = {code: found.pop() for code, found in codes.items()}
    assert len(set(to_iso.values())) == len(to_iso) >= 13
    names = {r["governorate"]: normalize(r["name"]) for r in rows
             if r["kind"] == "governorate" and not r["variant_of"]}
    capitals = [p for p in geonames.values()
                if p["feature_code"] in ("PPLA", "PPLC") and p["admin1_code"] in to_iso]
    assert len(capitals) >= 12
    for place in capitals:
        arabic = {normalize(n) for n in place["arabic_names"].split(",")}
        assert names[to_iso[place["admin1_code"]]] in arabic, place


def _unit_centroid(row: dict[str, str], by_key: dict) -> tuple[float, float] | None:
    """A settlement's sub-district's centroid, else its district's; a unit's district's."""
    kinds = ["district"] if row["kind"] == "subdistrict" else ["subdistrict", "district"]
    name = row["parent"]
    for kind in kinds:
        unit = by_key.get((normalize(name), row["governorate"], kind))
        if unit is None:
            return None
        if unit["lat"]:
            return float(unit["lat"]), float(unit["lon"])
        name = unit["parent"]
    return None


def test_geonames_points_lie_near_their_unit(rows):
    by_key = {(normalize(r["name"]), r["governorate"], r["kind"]): r for r in rows}
    checked = 0
    for row in _from_geonames(rows):
        centroid = _unit_centroid(row, by_key) if row["parent"] else None
        if centroid:
            checked += 1
            assert _km(*centroid, float(row["lat"]), float(row["lon"])) <= UNIT_KM, row
    assert checked > 200


@pytest.mark.parametrize(("name", "governorate"), WELL_KNOWN_TOWNS)
def test_well_known_towns_have_points_near_their_district(rows, name, governorate):
    town = next(r for r in rows if r["name"] == name and r["governorate"] == governorate
                and r["kind"] == "town")
    district = next(r for r in rows if normalize(r["name"]) == normalize(name)
                    and r["governorate"] == governorate and r["kind"] == "district")
    assert town["coord_source"].startswith("geonames:")
    assert district["coord_source"].startswith("opensyria:")
    km = _km(float(town["lat"]), float(town["lon"]), float(district["lat"]),
             float(district["lon"]))
    assert km <= UNIT_KM, (name, km)


def test_spelling_variants_share_geonames_points(rows):
    # "أبو كمال" is البوكمال: a variant takes its main row's GeoNames point.
    variant = next(r for r in rows if r["name"] == "أبو كمال" and r["governorate"] == "SY-DY")
    assert variant["variant_of"] == "البوكمال"
    assert variant["coord_source"] == "geonames:174448"


def _subdistricts(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """Sub-districts' main rows by every spelling and governorate, as the build finds a parent."""
    mains = {(r["name"], r["governorate"]): r for r in rows
             if r["kind"] == "subdistrict" and not r["variant_of"]}
    return {(normalize(r["name"]), r["governorate"]): mains[(r["variant_of"] or r["name"],
                                                             r["governorate"])]
            for r in rows if r["kind"] == "subdistrict"}


def test_precision_follows_the_source_of_the_point(rows):
    # A point of the place itself is 1 and keeps its own source; a unit's centroid is coded by
    # the unit's size; only towns and villages borrow a unit's point, and say whose.
    for row in rows:
        precision, source = row["coord_precision"], row["coord_source"]
        if not precision:
            continue
        borrowed = source.split(":")[0] in UNIT_PRECISION
        if row["kind"] in UNIT_PRECISION:
            assert precision == UNIT_PRECISION[row["kind"]] and not borrowed, row
        elif precision == "1":
            assert not borrowed, row
        else:
            assert row["kind"] in SETTLEMENTS and borrowed, row
    own = [r for r in rows
           if r["kind"] in SETTLEMENTS and r["coord_source"].startswith("geonames:")]
    assert len(own) > 250 and all(r["coord_precision"] == "1" for r in own)


def test_approximate_points_are_their_units(rows):
    subdistricts = _subdistricts(rows)
    larger = {(r["name"], r["governorate"], r["kind"]): r for r in rows
              if r["kind"] in ("district", "governorate") and not r["variant_of"]}
    counted = {"2": 0, "3": 0}
    for row in rows:
        if row["kind"] not in SETTLEMENTS or row["coord_precision"] not in counted:
            continue
        counted[row["coord_precision"]] += 1
        # Looked up in the row's own governorate: names of sub-districts repeat across them.
        unit = subdistricts.get((normalize(row["parent"]), row["governorate"]))
        if row["coord_precision"] == "2":
            assert unit is not None and unit["lat"], row
        else:  # the sub-district has no point: its district's, or the governorate's
            assert unit is None or not unit["lat"], row
            kind = row["coord_source"].split(":")[0]
            name = (unit["parent"] if kind == "district" else next(
                r["name"] for r in larger.values() if r["kind"] == "governorate"
                and r["governorate"] == row["governorate"]))
            unit = larger[(name, row["governorate"], kind)]
        assert (row["lat"], row["lon"]) == (unit["lat"], unit["lon"]), row
        assert row["coord_source"] == f"{unit['kind']}:{unit['coord_source']}", row
    assert counted["2"] > 5000 and counted["3"] > 0


def test_towns_and_villages_all_have_a_point_unless_their_unit_is_ambiguous(rows):
    # Sub-districts of one name under two districts of a governorate are one row: their
    # villages take no point. The administrative list has none today, so every one has a point.
    districts = defaultdict(set)
    with (DATA / "syrian_towns.csv").open(encoding="utf-8") as handle:
        for town in csv.DictReader(handle):
            districts[(normalize(town["District"].strip()), town["Governorate"])].add(
                normalize(town["City"].strip()))
    ambiguous = {name for (name, _), found in districts.items() if len(found) > 1}
    for row in rows:
        if row["kind"] in SETTLEMENTS and normalize(row["parent"]) not in ambiguous:
            assert row["lat"], row


def test_an_ambiguous_sub_district_lends_no_point():
    # The build's step on a small gazetteer: a sub-district's name repeated in another
    # governorate is not its namesake, and a name of two units in one governorate is no one's.
    sys.path.insert(0, str(PROJECT / "scripts"))
    from build_gazetteer import Gazetteer
    from gazetteer_precision import add_precision

    gaz = Gazetteer()
    gaz.add(name="حلب", governorate="SY-HL", kind="governorate", lat="36.2", lon="37.2",
            coord_source="opensyria:SY02")
    for code, lat in (("SY-HL", "36.0"), ("SY-ID", "35.5")):
        gaz.add(name="مركز الجسر", governorate=code, kind="subdistrict", lat=lat, lon="37.0",
                coord_source=f"opensyria:{code}")
    gaz.add(name="مركز التلة", governorate="SY-HL", kind="subdistrict", lat="36.4", lon="37.4",
            coord_source="opensyria:X")
    gaz.add(name="قرية أ", governorate="SY-HL", kind="village", parent="مركز الجسر")
    gaz.add(name="قرية ب", governorate="SY-HL", kind="village", parent="مركز التلة")
    gaz.add_variant(gaz.rows[-2], "قرية الألف", "rasd")
    counts = add_precision(gaz, {(normalize("مركز التلة"), "SY-HL")})
    a, b, variant = gaz.rows[-3:]
    assert (a["lat"], a["coord_source"], a["coord_precision"]) == (
        "36.0", "subdistrict:opensyria:SY-HL", "2")
    assert (variant["lat"], variant["coord_precision"]) == ("36.0", "2")
    assert b["lat"] == b["coord_precision"] == ""
    assert sum(counts.values()) == 2


def test_areas_take_only_a_places_own_point(rows):
    # pipeline/areas.py measures from a village's own point; an approximate one is its
    # sub-district's, which areas reaches through the parent (the same point, found there).
    from pipeline.areas import _point, _rows
    from pipeline.places import name_key

    village = next(r for r in rows if r["kind"] == "village" and r["coord_precision"] == "2"
                   and len(_rows()[(name_key(r["name"]), r["governorate"])]) == 1)
    key = (name_key(village["name"]), village["governorate"])
    assert _rows()[key][0].point is None
    assert _point(*key) == (float(village["lat"]), float(village["lon"]))


def _doc_table(heading: str) -> dict[str, list[str]]:
    text = (PROJECT / "docs" / "gazetteer.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    table = {}
    for line in section.splitlines():
        if not line.startswith("|"):
            if table:
                break
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0]] = cells[1:]
    return table


def test_docs_give_the_points_per_kind_and_precision(rows):
    # docs/gazetteer.md's "What it holds" must say what the CSV holds: rebuilt, re-counted
    # (the build prints these rows).
    table = _doc_table("## What it holds")
    mains = [r for r in rows if not r["variant_of"]]
    for kind in [*KINDS, "all"]:
        places = [r for r in mains if kind in (r["kind"], "all")]
        codes = [sum(1 for r in places if r["coord_precision"] == c) for c in ("1", "2", "3", "")]
        figures = [len(places), len(places) - codes[3], *codes]
        assert table[kind][:6] == [f"{n:,}" for n in figures], kind
