"""Daily count series from CSV files (`date,count`), checked line by line."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from pipeline.errors import RasdError


def read_series(path: Path) -> tuple[list[date], list[int]]:
    """Days and counts of a CSV with a `date,count` header; missing days count zero."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise RasdError(f"cannot read {path}: {exc.strerror}") from None
    counts: dict[date, int] = {}
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"date", "count"} <= set(reader.fieldnames):
            raise RasdError(f"{path}: the header must name the columns date,count")
        for number, row in enumerate(reader, start=2):
            try:
                day = date.fromisoformat(row["date"].strip())
                count = int(row["count"])
            except (ValueError, AttributeError):
                raise RasdError(f"{path}, line {number}: expected YYYY-MM-DD,count, got "
                                f"{row['date']!r},{row['count']!r}") from None
            if count < 0:
                raise RasdError(f"{path}, line {number}: a count cannot be negative")
            counts[day] = counts.get(day, 0) + count
    if not counts:
        raise RasdError(f"{path}: no rows")
    first, last = min(counts), max(counts)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return days, [counts.get(d, 0) for d in days]
