"""The scale benchmark runs a tiny day end to end and reports what it measured (not its speed:
that is for the benchmark itself, never for tests)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg2

PROJECT = Path(__file__).resolve().parent.parent


def test_benchmark_runs_a_whole_day_and_prints_its_table(database_url, tmp_path) -> None:
    # The benchmark makes its own database on the test server, beside the test's, and drops it.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": database_url,
           "RASD_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "benchmark", "scale", "--pages", "60", "30",
         "--sites", "3"],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    header = next(line for line in lines if line.lstrip().startswith("pages"))
    columns = header.split()
    for stage in ("crawl", "text", "events", "trends", "spikes", "alerts", "total"):
        assert stage in columns
    rows = [line.split() for line in lines[lines.index(header) + 1:] if line[:1] == " "
            or line[:1].isdigit()]
    rows = [row for row in rows if row[0].isdigit()]
    assert [row[0] for row in rows] == ["60", "30"]
    for row in rows:
        pages, sites, stored, events = map(int, row[:4])
        assert sites == 3
        assert stored == pages  # every article page of the day was crawled into rasd.pages
        assert events > 0  # and went through the text and events stages
        assert float(row[-1]) > 0 and float(row[-2]) > 0  # peak memory of scrapy and rasd
    assert re.search(r"time\(30\)/time\(60\) = \d+\.\d\d \(linear: 0\.5\)", result.stdout)
    # Each size had a database of its own, dropped after.
    names = re.findall(r"database (rasd_scale_\w+) dropped", result.stdout)
    assert len(set(names)) == 2
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_database WHERE datname = ANY(%s)", (names,))
            assert cur.fetchone()[0] == 0
    finally:
        conn.close()
