"""Build pipeline/data/gazetteer.csv from the administrative list, Rasd's additions, OpenSyria
and GeoNames (pipeline/data/geonames_sy.tsv, committed: the build downloads nothing); towns and
villages without a point of their own take their unit's, marked by coord_precision.

Run from the repository root after exporting OpenSyria's files (docs/gazetteer.md says how):
    .venv/bin/python scripts/build_gazetteer.py --geography DIR --transport FILE
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# scripts/ is on the path as this script's folder; the GeoNames step lives beside it.
from gazetteer_geonames import add_points
from gazetteer_precision import add_precision

from pipeline.normalize import normalize

DATA = Path(__file__).resolve().parents[1] / "pipeline" / "data"
COLUMNS = ["name", "governorate", "kind", "lat", "lon", "parent", "source", "coord_source",
           "coord_precision", "variant_of"]
SETTLEMENT = {"town", "village"}
# The administrative list names governorates "محافظة X".
_GOVERNORATE_CODES = {
    "دير الزور": "SY-DY", "حمص": "SY-HI", "الرقة": "SY-RA", "الحسكة": "SY-HA", "حلب": "SY-HL",
    "حماة": "SY-HM", "إدلب": "SY-ID", "دمشق": "SY-DI", "ريف دمشق": "SY-RD", "درعا": "SY-DR",
    "السويداء": "SY-SU", "القنيطرة": "SY-QU", "طرطوس": "SY-TA", "اللاذقية": "SY-LA",
}
# Kinds of places_extra.yaml entries, by their first word.
_EXTRA_KINDS = {"بادية": "desert", "طريق": "road", "جبل": "mountain", "حقل": "oil_field"}


def _key(name: str, governorate: str, kind: str) -> tuple[str, str, str]:
    # Towns and villages are told apart by a guess, so a spelling matches either.
    return normalize(name), governorate, "settlement" if kind in SETTLEMENT else kind


def _bare(name: str) -> str:
    """A sub-district's name without "مركز"/"ناحية", to match the town it is named for."""
    for prefix in ("مركز ", "ناحية ", "منطقة "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _loose(name: str, governorate: str, kind: str) -> tuple[str, str, str]:
    """A key that one admin unit's spellings in the two lists share: no "مركز", no "السكانية"
    (the list's mark of a unit named for its town), no spaces, no article."""
    text = normalize(_bare(name.strip().removesuffix(" السكانية"))).replace(" ", "")
    return text.removeprefix("ال"), governorate, kind


class Gazetteer:
    """Rows in order, with an index of every spelling already present."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self.index: dict[tuple[str, str, str], dict[str, str]] = {}
        self.counts: Counter = Counter()  # what the GeoNames step did, for the build's report
        self.notes: list[str] = []  # rows it left without a point, and why
        # (normalized name, governorate) of sub-districts whose name is two units there: their
        # villages take no approximate point, since which unit holds them is a guess.
        self.ambiguous: set[tuple[str, str]] = set()

    def find(self, name: str, governorate: str, kind: str) -> dict[str, str] | None:
        row = self.index.get(_key(name, governorate, kind))
        if row is not None and row["variant_of"]:
            return self.index[_key(row["variant_of"], governorate, kind)]
        return row

    def add(self, **fields: str) -> dict[str, str] | None:
        row = {column: fields.get(column, "") for column in COLUMNS}
        key = _key(row["name"], row["governorate"], row["kind"])
        if not row["name"] or key in self.index:
            return None
        self.rows.append(row)
        self.index[key] = row
        return row

    def add_variant(self, main: dict[str, str], name: str, source: str) -> None:
        self.add(**{**main, "name": name, "source": source, "variant_of": main["name"]})


def _point(record: dict) -> tuple[str, str]:
    centroid = record.get("centroid") or record.get("coordinates")
    if not centroid:
        return "", ""
    return f"{centroid['latitude']:.5f}", f"{centroid['longitude']:.5f}"


def _arabic_aliases(record: dict) -> list[str]:
    return [a["value"] for a in record.get("aliases", []) if a.get("language") == "ar"]


def _locality_points(geography: Path, iso: dict[str, str]) -> dict[tuple, list[dict]]:
    """OpenSyria's localities (OCHA communities) by loose name and governorate, when the file is
    there: it is over 4 MiB and not in every copy of the repository."""
    path = geography / "localities.json"
    if not path.exists():
        return {}
    points: dict[tuple, list[dict]] = {}
    for record in json.loads(path.read_text(encoding="utf-8")):
        if not record.get("centroid") or not record["name"].get("ar"):
            continue
        code = iso[record["governorateId"]]
        for name in {record["name"]["ar"], *_arabic_aliases(record)}:
            points.setdefault(_loose(name, code, "settlement"), []).append(record)
    return points


def build(geography: Path, transport: Path) -> Gazetteer:
    """The merged gazetteer: OpenSyria admin units, the administrative list, Rasd's entries."""
    load = lambda name: json.loads((geography / name).read_text(encoding="utf-8"))  # noqa: E731
    governorates, districts = load("governorates.json"), load("districts.json")
    subdistricts = load("subdistricts.json")
    iso = {g["id"]: g["iso31662"] for g in governorates}
    district_names = {d["id"]: d["name"]["ar"] for d in districts}
    gaz = Gazetteer()

    # OpenSyria's admin units first, so the list's rows of the same name take their coordinates.
    rasd = yaml.safe_load((DATA / "gazetteer_rasd.yaml").read_text(encoding="utf-8"))
    # The list's spelling -> OpenSyria's, where no rule above links them.
    same = {(code, listed): theirs for code, pairs in rasd["admin_spellings"].items()
            for listed, theirs in pairs.items()}
    admin: dict[tuple[str, str, str], dict] = {}
    shared: set[tuple[str, str, str]] = set()  # names OpenSyria gives two units of a governorate
    for kind, records in (("district", districts), ("subdistrict", subdistricts)):
        for record in records:
            code = iso[record["governorateId"]]
            for name in (record["name"]["ar"], *_arabic_aliases(record)):
                key = _loose(name, code, kind)
                if admin.setdefault(key, record)["id"] != record["id"]:
                    shared.add(key)
    matched: dict[str, dict[str, str]] = {}  # OpenSyria id -> the list's row it gave coordinates

    def admin_row(kind: str, name: str, code: str, parent: str) -> None:
        key = _loose(same.get((code, name), name), code, kind)
        if kind == "subdistrict" and key in shared:
            gaz.ambiguous.add((normalize(name), code))
        record = admin.get(key)
        if record is None or record["id"] in matched:
            gaz.add(name=name, governorate=code, kind=kind, parent=parent, source="karabala10")
            return
        lat, lon = _point(record)
        pcode = record["externalIds"].get("ochaPcode", record["id"])
        row = gaz.add(name=name, governorate=code, kind=kind, lat=lat, lon=lon, parent=parent,
                      source="karabala10", coord_source=f"opensyria:{pcode}")
        if row is not None:
            matched[record["id"]] = row

    for record in governorates:
        lat, lon = _point(record)
        main = gaz.add(name=record["name"]["ar"], governorate=record["iso31662"],
                       kind="governorate", lat=lat, lon=lon,
                       source=f"ocha:{record['externalIds']['ochaPcode']}",
                       coord_source=f"opensyria:{record['externalIds']['ochaPcode']}")
        for alias in _arabic_aliases(record):
            gaz.add_variant(main, alias, main["source"])

    # The administrative list: district ("City"), sub-district ("District"), town.
    with (DATA / "syrian_towns.csv").open(encoding="utf-8") as handle:
        towns = list(csv.DictReader(handle))
    districts_of: dict[tuple[str, str], set[str]] = {}
    for row in towns:
        code = _GOVERNORATE_CODES[row["Governorate"].strip().removeprefix("محافظة ")]
        district, subdistrict = row["City"].strip(), row["District"].strip()
        districts_of.setdefault((normalize(subdistrict), code), set()).add(normalize(district))
        if not gaz.find(district, code, "district"):
            admin_row("district", district, code, "")
        if not gaz.find(subdistrict, code, "subdistrict"):
            admin_row("subdistrict", subdistrict, code, district)
    # One row stands for a sub-district's name in a governorate, so one filed under two
    # districts is two units in one row.
    gaz.ambiguous |= {key for key, found in districts_of.items() if len(found) > 1}
    localities = _locality_points(geography, iso)
    for row in towns:
        code = _GOVERNORATE_CODES[row["Governorate"].strip().removeprefix("محافظة ")]
        district, subdistrict = row["City"].strip(), row["District"].strip()
        town = row["Town"].strip()
        seats = {normalize(_bare(subdistrict)), normalize(district)}
        kind = "town" if normalize(town) in seats else "village"
        # Only a name that one community of the governorate bears gets its point.
        found = localities.get(_loose(town, code, "settlement"), [])
        lat, lon, coord_source = "", "", ""
        if len({r["id"] for r in found}) == 1:
            lat, lon = _point(found[0])
            coord_source = "opensyria:" + found[0]["externalIds"].get("ochaPcode", found[0]["id"])
        gaz.add(name=town, governorate=code, kind=kind, lat=lat, lon=lon, parent=subdistrict,
                source="karabala10", coord_source=coord_source)

    # OpenSyria units the list lacks, and the Arabic spellings OpenSyria gives.
    for kind, records in (("district", districts), ("subdistrict", subdistricts)):
        for record in records:
            code = iso[record["governorateId"]]
            names = [record["name"]["ar"], *_arabic_aliases(record)]
            main = matched.get(record["id"]) or next(
                (r for n in names if (r := gaz.find(n, code, kind))), None)
            pcode = record["externalIds"].get("ochaPcode", record["id"])
            if main is None:
                lat, lon = _point(record)
                parent = district_names[record["districtId"]] if kind == "subdistrict" else ""
                main = gaz.add(name=record["name"]["ar"], governorate=code, kind=kind, lat=lat,
                               lon=lon, parent=parent, source=f"ocha:{pcode}",
                               coord_source=f"opensyria:{pcode}")
            for name in names:
                if main is not None and name != main["name"]:
                    gaz.add_variant(main, name, f"ocha:{pcode}")

    # Rasd's features and spellings.
    points = {r["id"]: r for r in json.loads(transport.read_text(encoding="utf-8"))}
    for entry in rasd["features"]:
        code, kind = entry["gov"], entry["kind"]
        names = [entry["name"], *entry.get("variants", [])]
        main = next((r for n in names if (r := gaz.find(n, code, kind))), None)
        if main is None:
            lat = lon = coord_source = ""
            if "coords" in entry:
                point_id = entry["coords"].removeprefix("transport:")
                lat, lon = _point(points[point_id])
                coord_source = f"opensyria-transport:{point_id}"
            main = gaz.add(name=entry["name"], governorate=code, kind=kind, lat=lat, lon=lon,
                           parent=entry.get("parent", ""), source="rasd",
                           coord_source=coord_source)
        for name in names:
            if name != main["name"]:
                gaz.add_variant(main, name, "rasd")

    # places_extra.yaml: what is not in yet comes in as Rasd's.
    extra = yaml.safe_load((DATA / "places_extra.yaml").read_text(encoding="utf-8"))
    for code, names in extra["places"].items():
        for name in names:
            kind = _EXTRA_KINDS.get(name.split()[0], "village")
            if not gaz.find(name, code, kind):
                gaz.add(name=name, governorate=code, kind=kind, source="rasd")

    # GeoNames' towns after every row is in, so Rasd's villages and every spelling can take
    # their points.
    gaz.counts, gaz.notes = add_points(gaz, DATA / "geonames_sy.tsv")
    # Approximate points last, so that they go only to the places no source gives a point.
    gaz.counts.update(add_precision(gaz, gaz.ambiguous))
    return gaz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geography", type=Path, required=True,
                        help="folder with OpenSyria data-geography's data/*.json")
    parser.add_argument("--transport", type=Path, required=True,
                        help="OpenSyria data-transport's data/locations.json")
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.csv")
    args = parser.parse_args()
    gaz = build(args.geography, args.transport)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(gaz.rows)
    print(f"{args.out}: {len(gaz.rows)} rows")
    for outcome, count in sorted(gaz.counts.items()):
        print(f"  {outcome}: {count}")
    for note in gaz.notes:
        print(f"    {note}")
    print("\n".join(holdings(gaz.rows)))


def holdings(rows: list[dict[str, str]]) -> list[str]:
    """The table of docs/gazetteer.md's "What it holds": places per kind, those with a point,
    by coord_precision, those without, those of GeoNames' points, and spelling variants."""
    kinds = ["governorate", "district", "subdistrict", "town", "village", "desert", "mountain",
             "region", "road", "oil_field", "crossing", "camp", "airport", "base", "dam"]
    lines = ["| kind | places | with a point | precision 1 | precision 2 | precision 3 | no point "
             "| of them from GeoNames | spelling variants |",
             "| --- |" + " ---: |" * 8]
    for kind in [*sorted({r["kind"] for r in rows} - set(kinds)), *kinds, "all"]:
        ours = [r for r in rows if kind in (r["kind"], "all")]
        mains = [r for r in ours if not r["variant_of"]]
        codes = Counter(r["coord_precision"] for r in mains)
        figures = [len(mains), len(mains) - codes[""], codes["1"], codes["2"], codes["3"],
                   codes[""], sum(1 for r in mains if r["coord_source"].startswith("geonames:")),
                   len(ours) - len(mains)]
        lines.append(f"| {kind} | " + " | ".join(f"{n:,}" for n in figures) + " |")
    return lines


if __name__ == "__main__":
    main()
