"""Extract Syria's rows of GeoNames' cities500.txt into pipeline/data/geonames_sy.tsv.

Run from the repository root (docs/gazetteer.md says where cities500.txt comes from):
    .venv/bin/python scripts/geonames_sy.py PATH/TO/cities500.txt
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "pipeline" / "data"
COLUMNS = ["geonameid", "name", "arabic_names", "latitude", "longitude", "feature_code",
           "admin1_code", "population", "modification_date"]
# GeoNames' columns, in the order of its dump format (readme of download.geonames.org).
_GEONAMES = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
             "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
             "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
             "modification_date"]
_ARABIC = re.compile("[\u0600-\u06ff]")


def syrian_rows(cities500: Path) -> list[dict[str, str]]:
    """Syria's rows of a GeoNames dump, with only the columns the gazetteer build reads; of the
    alternate names only those in Arabic script, the ones matched against Rasd's names."""
    rows = []
    with cities500.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            record = dict(zip(_GEONAMES, line.rstrip("\n").split("\t"), strict=True))
            if record["country_code"] != "SY":
                continue
            arabic = [n for n in record["alternatenames"].split(",") if _ARABIC.search(n)]
            rows.append({**{c: record.get(c, "") for c in COLUMNS},
                         "arabic_names": ",".join(arabic)})
    return sorted(rows, key=lambda r: int(r["geonameid"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cities500", type=Path, help="GeoNames' cities500.txt")
    parser.add_argument("--out", type=Path, default=DATA / "geonames_sy.tsv")
    args = parser.parse_args()
    rows = syrian_rows(args.cities500)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n",
                                quoting=csv.QUOTE_NONE)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
